//! Reading a bundle's JSON as FHIR R4: the size limit, strict JSON (no repeated key, nesting at
//! most 64 deep), the Bundle and its entries, and the elements of the resources the import reads —
//! each checked against R4 (element names, JSON types, the codes of required bindings, dates), every
//! problem noted at its path.

use serde_json::{Map, Value};

use super::dates::{parse_date, parse_date_time, FhirDate};
use super::maps::Coding;
use super::problem::{FhirProblem, FhirProblemKind};
use super::r4;
pub(super) use crate::profile::json::shown;
use crate::profile::json::{field_path, parse_json, type_of, utf8};

/// The largest bundle accepted, in bytes. A patient's record of several thousand resources fits;
/// a larger text is refused before it is parsed, so that a huge input costs nothing.
pub const MAX_BUNDLE_BYTES: usize = 5_000_000;

/// The text of a bundle, checked: its size, then UTF-8.
pub(super) fn text_of(bytes: &[u8]) -> Result<&str, Vec<FhirProblem>> {
    if bytes.len() > MAX_BUNDLE_BYTES {
        return Err(vec![too_large(bytes.len())]);
    }
    utf8(bytes).map_err(|problems| problems.into_iter().map(FhirProblem::from).collect())
}

fn too_large(len: usize) -> FhirProblem {
    FhirProblem::new(
        "",
        FhirProblemKind::TooLarge,
        format!("is {len} bytes long; a bundle may be at most {MAX_BUNDLE_BYTES} bytes (5 MB)"),
    )
}

/// Parses a bundle's text into a JSON value, refusing it whole when it is too large, not JSON, too
/// deep or repeats a key.
pub(super) fn parse(text: &str) -> Result<Value, Vec<FhirProblem>> {
    if text.len() > MAX_BUNDLE_BYTES {
        return Err(vec![too_large(text.len())]);
    }
    if text.trim().is_empty() {
        return Err(vec![FhirProblem::new(
            "",
            FhirProblemKind::NotJson,
            "is empty: expected a FHIR R4 Bundle, {\"resourceType\": \"Bundle\", …}".to_string(),
        )]);
    }
    let (value, repeated) =
        parse_json(text).map_err(|p| p.into_iter().map(FhirProblem::from).collect::<Vec<_>>())?;
    if repeated.is_empty() {
        Ok(value)
    } else {
        Err(repeated.into_iter().map(FhirProblem::from).collect())
    }
}

/// A JSON object of the bundle and where it is.
#[derive(Debug, Clone)]
pub(super) struct Node<'v> {
    pub path: String,
    pub map: &'v Map<String, Value>,
}

impl<'v> Node<'v> {
    /// The path of a member.
    pub(super) fn at(&self, name: &str) -> String {
        field_path(&self.path, name)
    }

    /// A member, absent when missing or null.
    pub(super) fn get(&self, name: &str) -> Option<&'v Value> {
        self.map.get(name).filter(|v| !v.is_null())
    }

    /// Whether a member is there.
    pub(super) fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
}

/// A CodeableConcept.
#[derive(Debug, Clone, Default)]
pub(super) struct Codeable {
    pub codings: Vec<Coding>,
    pub text: Option<String>,
}

impl Codeable {
    /// The codings, for a reason: `http://loinc.org|85354-9 (Blood pressure panel)`, or the text.
    pub(super) fn described(&self) -> String {
        let codings: Vec<String> = self
            .codings
            .iter()
            .map(|c| match &c.display {
                Some(display) => format!("{} ({display})", c.token()),
                None => c.token(),
            })
            .collect();
        if codings.is_empty() {
            match &self.text {
                Some(text) => format!("only the text \"{text}\" (no coding)"),
                None => "no coding".to_string(),
            }
        } else {
            codings.join(", ")
        }
    }
}

/// A Quantity (or an Age).
#[derive(Debug, Clone, Default)]
pub(super) struct Quantity {
    pub value: Option<f64>,
    pub comparator: Option<String>,
    pub unit: Option<String>,
    pub system: Option<String>,
    pub code: Option<String>,
}

/// A Period: its start and end as written.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Period {
    pub start: Option<FhirDate>,
    pub end: Option<FhirDate>,
}

/// Notes every problem of a bundle while its parts are read.
#[derive(Debug, Default)]
pub(super) struct Reader {
    pub problems: Vec<FhirProblem>,
}

impl Reader {
    pub(super) fn problem(&mut self, path: &str, kind: FhirProblemKind, message: String) {
        self.problems.push(FhirProblem::new(path, kind, message));
    }

    fn wrong_type(&mut self, path: &str, expected: &str, value: &Value) {
        self.problem(
            path,
            FhirProblemKind::WrongType,
            format!(
                "expected {expected}, got {} {}",
                type_of(value),
                shown(value)
            ),
        );
    }

    /// An object whose members are all elements of `allowed` (`is_element` decides).
    pub(super) fn node<'v>(
        &mut self,
        path: &str,
        value: &'v Value,
        allowed: impl Fn(&str) -> bool,
        what: &str,
    ) -> Option<Node<'v>> {
        let Value::Object(map) = value else {
            self.wrong_type(path, &format!("an object ({what})"), value);
            return None;
        };
        for key in map.keys() {
            if !allowed(key) {
                self.problem(
                    &field_path(path, key),
                    FhirProblemKind::UnknownField,
                    format!("is not an element of {what} in FHIR R4"),
                );
            }
        }
        Some(Node {
            path: path.to_string(),
            map,
        })
    }

    /// A data type or backbone element with these elements.
    pub(super) fn object<'v>(
        &mut self,
        path: &str,
        value: &'v Value,
        elements: &'static [&'static str],
        what: &str,
    ) -> Option<Node<'v>> {
        self.node(path, value, |name| r4::is_field(elements, name), what)
    }

    pub(super) fn string<'v>(&mut self, path: &str, value: &'v Value) -> Option<&'v str> {
        match value.as_str() {
            Some(text) => Some(text),
            None => {
                self.wrong_type(path, "text", value);
                None
            }
        }
    }

    /// A member that must be text, when there.
    pub(super) fn text<'v>(&mut self, node: &Node<'v>, name: &str) -> Option<&'v str> {
        let value = node.get(name)?;
        self.string(&node.at(name), value)
    }

    pub(super) fn boolean(&mut self, node: &Node<'_>, name: &str) -> Option<bool> {
        let value = node.get(name)?;
        match value.as_bool() {
            Some(b) => Some(b),
            None => {
                self.wrong_type(&node.at(name), "true or false", value);
                None
            }
        }
    }

    pub(super) fn array<'v>(&mut self, path: &str, value: &'v Value) -> &'v [Value] {
        match value.as_array() {
            Some(items) => items,
            None => {
                self.wrong_type(path, "a list", value);
                &[]
            }
        }
    }

    /// A member that is a list, each item with its path (empty when absent).
    pub(super) fn list<'v>(&mut self, node: &Node<'v>, name: &str) -> Vec<(String, &'v Value)> {
        let Some(value) = node.get(name) else {
            return Vec::new();
        };
        let path = node.at(name);
        self.array(&path, value)
            .iter()
            .enumerate()
            .map(|(i, item)| (format!("{path}[{i}]"), item))
            .collect()
    }

    /// A code of a required binding: one of `allowed`, else a problem.
    pub(super) fn code<'v>(
        &mut self,
        node: &Node<'v>,
        name: &str,
        allowed: &[&str],
    ) -> Option<&'v str> {
        let text = self.text(node, name)?;
        if allowed.contains(&text) {
            Some(text)
        } else {
            self.problem(
                &node.at(name),
                FhirProblemKind::UnknownCode,
                format!(
                    "\"{text}\" is not a code FHIR R4 allows here; accepted: {}",
                    allowed.join(", ")
                ),
            );
            None
        }
    }

    /// A required code of a required binding (`status`).
    pub(super) fn required_code<'v>(
        &mut self,
        node: &Node<'v>,
        name: &str,
        allowed: &[&str],
    ) -> Option<&'v str> {
        if !node.has(name) {
            self.problem(
                &node.at(name),
                FhirProblemKind::MissingField,
                format!("is required by FHIR R4; one of: {}", allowed.join(", ")),
            );
            return None;
        }
        self.code(node, name, allowed)
    }

    pub(super) fn coding(&mut self, path: &str, value: &Value) -> Option<Coding> {
        let node = self.object(path, value, r4::CODING, "Coding")?;
        Some(Coding {
            system: self.text(&node, "system").map(str::to_string),
            code: self.text(&node, "code").map(str::to_string),
            display: self.text(&node, "display").map(str::to_string),
        })
    }

    pub(super) fn codeable(&mut self, path: &str, value: &Value) -> Option<Codeable> {
        let node = self.object(path, value, r4::CODEABLE_CONCEPT, "CodeableConcept")?;
        let codings = self
            .list(&node, "coding")
            .into_iter()
            .filter_map(|(path, item)| self.coding(&path, item))
            .collect();
        Some(Codeable {
            codings,
            text: self.text(&node, "text").map(str::to_string),
        })
    }

    /// A member that is a CodeableConcept, when there.
    pub(super) fn concept(&mut self, node: &Node<'_>, name: &str) -> Option<Codeable> {
        let value = node.get(name)?;
        self.codeable(&node.at(name), value)
    }

    /// A member that is a list of CodeableConcepts.
    pub(super) fn concepts(&mut self, node: &Node<'_>, name: &str) -> Vec<Codeable> {
        self.list(node, name)
            .into_iter()
            .filter_map(|(path, item)| self.codeable(&path, item))
            .collect()
    }

    /// A Reference's `reference` text, when it has one.
    pub(super) fn reference<'v>(&mut self, path: &str, value: &'v Value) -> Option<&'v str> {
        let node = self.object(path, value, r4::REFERENCE, "Reference")?;
        self.text(&node, "reference")
    }

    pub(super) fn quantity(&mut self, path: &str, value: &Value) -> Option<Quantity> {
        let node = self.object(path, value, r4::QUANTITY, "Quantity")?;
        let number = node.get("value").and_then(|v| match v.as_f64() {
            Some(n) => Some(n),
            None => {
                self.wrong_type(&node.at("value"), "a number", v);
                None
            }
        });
        Some(Quantity {
            value: number,
            comparator: self
                .code(&node, "comparator", r4::COMPARATORS)
                .map(str::to_string),
            unit: self.text(&node, "unit").map(str::to_string),
            system: self.text(&node, "system").map(str::to_string),
            code: self.text(&node, "code").map(str::to_string),
        })
    }

    /// A Range: its low and high quantities.
    pub(super) fn range(
        &mut self,
        path: &str,
        value: &Value,
    ) -> Option<(Option<Quantity>, Option<Quantity>)> {
        let node = self.object(path, value, r4::RANGE, "Range")?;
        let low = node
            .get("low")
            .and_then(|v| self.quantity(&node.at("low"), v));
        let high = node
            .get("high")
            .and_then(|v| self.quantity(&node.at("high"), v));
        Some((low, high))
    }

    /// An R4 `date`.
    pub(super) fn date(&mut self, path: &str, value: &Value) -> Option<FhirDate> {
        let text = self.string(path, value)?;
        let parsed = parse_date(text);
        if parsed.is_none() {
            self.problem(
                path,
                FhirProblemKind::NotADate,
                format!(
                    "\"{text}\" is not an R4 date (YYYY, YYYY-MM or YYYY-MM-DD, a day that exists)"
                ),
            );
        }
        parsed
    }

    /// An R4 `dateTime` (or `instant`).
    pub(super) fn date_time(&mut self, path: &str, value: &Value) -> Option<FhirDate> {
        let text = self.string(path, value)?;
        let parsed = parse_date_time(text);
        if parsed.is_none() {
            self.problem(
                path,
                FhirProblemKind::NotADate,
                format!(
                    "\"{text}\" is not an R4 dateTime (YYYY, YYYY-MM, YYYY-MM-DD, or a day with a time to the second and a zone, as 2024-03-01T23:30:00-05:00)"
                ),
            );
        }
        parsed
    }

    pub(super) fn period(&mut self, path: &str, value: &Value) -> Option<Period> {
        let node = self.object(path, value, r4::PERIOD, "Period")?;
        let start = node
            .get("start")
            .and_then(|v| self.date_time(&node.at("start"), v));
        let end = node
            .get("end")
            .and_then(|v| self.date_time(&node.at("end"), v));
        Some(Period { start, end })
    }

    /// The one element present among a choice's (`effective[x]`): its name and value. Two of them
    /// at once is not R4.
    pub(super) fn choice<'v>(
        &mut self,
        node: &Node<'v>,
        prefix: &str,
        names: &[&str],
    ) -> Option<(String, &'v Value)> {
        let present: Vec<String> = names
            .iter()
            .map(|n| format!("{prefix}{n}"))
            .filter(|name| node.has(name))
            .collect();
        if present.len() > 1 {
            self.problem(
                &node.path,
                FhirProblemKind::NotFhirR4,
                format!(
                    "has {}: FHIR R4 allows one {prefix}[x]",
                    present.join(" and ")
                ),
            );
            return None;
        }
        let name = present.into_iter().next()?;
        let value = node.get(&name)?;
        Some((name, value))
    }

    /// When the event happened, from a `dateTime` or a `Period` (its start, else its end) of the
    /// choice `prefix[x]`; `Err` says why there is no date.
    pub(super) fn when(
        &mut self,
        node: &Node<'_>,
        prefix: &str,
        names: &[&str],
    ) -> Result<(String, FhirDate), String> {
        let Some((name, value)) = self.choice(node, prefix, names) else {
            return Err(format!("it has no {prefix}[x]: no date"));
        };
        let path = node.at(&name);
        match name.strip_prefix(prefix) {
            Some("DateTime" | "Instant") => self
                .date_time(&path, value)
                .map(|d| (path, d))
                .ok_or_else(|| "its date is not an R4 dateTime".to_string()),
            Some("Period") => {
                let period = self.period(&path, value).unwrap_or_default();
                match (period.start, period.end) {
                    (Some(start), _) => Ok((format!("{path}.start"), start)),
                    (None, Some(end)) => Ok((format!("{path}.end"), end)),
                    (None, None) => Err(format!("{name} has neither start nor end: no date")),
                }
            }
            _ => Err(format!("its date is given as {name}, which says no day")),
        }
    }
}

/// One entry of the bundle.
#[derive(Debug, Clone)]
pub(super) struct Entry<'v> {
    /// Its place in `entry`.
    pub index: usize,
    /// `entry[i]`.
    pub path: String,
    pub full_url: Option<&'v str>,
    /// Its resource (`entry[i].resource`), when it has one.
    pub resource: Option<Node<'v>>,
    /// The resource's type (empty when there is no resource).
    pub kind: &'v str,
    pub id: Option<&'v str>,
}

/// Reads the root as an R4 Bundle and its entries. `None` when it is not a Bundle at all.
pub(super) fn bundle<'v>(reader: &mut Reader, root: &'v Value) -> Option<Vec<Entry<'v>>> {
    let kind = root.get("resourceType").and_then(Value::as_str);
    match (root, kind) {
        (Value::Object(_), Some("Bundle")) => {}
        (Value::Object(_), Some(other)) => {
            let what = if r4::RESOURCE_TYPES.contains(&other) {
                format!(
                    "is a FHIR {other}, not a Bundle: give the resources in a Bundle (any type)"
                )
            } else {
                format!("has resourceType \"{other}\", which is not a FHIR R4 resource; expected a Bundle")
            };
            reader.problem("resourceType", FhirProblemKind::NotABundle, what);
            return None;
        }
        (Value::Object(_), None) => {
            reader.problem(
                "resourceType",
                FhirProblemKind::NotABundle,
                "is missing: this is not a FHIR resource; expected a Bundle, {\"resourceType\": \"Bundle\", …}".to_string(),
            );
            return None;
        }
        (other, _) => {
            reader.problem(
                "",
                FhirProblemKind::NotABundle,
                format!(
                    "is {} {}, not a FHIR Bundle (a JSON object)",
                    type_of(other),
                    shown(other)
                ),
            );
            return None;
        }
    }
    let own = r4::elements("Bundle").unwrap_or_default();
    let node = reader.node("", root, |name| r4::is_element(own, name), "Bundle")?;
    reader.required_code(&node, "type", r4::BUNDLE_TYPES);
    let mut entries = Vec::new();
    for (index, (path, value)) in reader.list(&node, "entry").into_iter().enumerate() {
        let Some(entry) = reader.object(&path, value, r4::ENTRY, "Bundle.entry") else {
            continue;
        };
        let full_url = reader.text(&entry, "fullUrl");
        let resource = entry
            .get("resource")
            .and_then(|value| resource(reader, &entry.at("resource"), value));
        let kind = resource
            .as_ref()
            .and_then(|r| r.get("resourceType"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        let id = resource.as_ref().and_then(|r| reader.text(r, "id"));
        entries.push(Entry {
            index,
            path,
            full_url,
            resource,
            kind,
            id,
        });
    }
    Some(entries)
}

/// A resource of an entry (or a contained one): an R4 resource type, and for the types the import
/// reads, only R4 elements.
pub(super) fn resource<'v>(reader: &mut Reader, path: &str, value: &'v Value) -> Option<Node<'v>> {
    let Value::Object(map) = value else {
        reader.wrong_type(path, "a FHIR resource (an object)", value);
        return None;
    };
    let kind_path = field_path(path, "resourceType");
    let kind = match map.get("resourceType") {
        None | Some(Value::Null) => {
            reader.problem(
                &kind_path,
                FhirProblemKind::MissingField,
                "is missing: every FHIR resource names its type".to_string(),
            );
            return None;
        }
        Some(value) => reader.string(&kind_path, value)?,
    };
    if !r4::RESOURCE_TYPES.contains(&kind) {
        reader.problem(
            &kind_path,
            FhirProblemKind::NotFhirR4,
            format!("\"{kind}\" is not a FHIR R4 resource type"),
        );
        return None;
    }
    match r4::elements(kind) {
        Some(own) => reader.node(path, value, |name| r4::is_element(own, name), kind),
        None => Some(Node {
            path: path.to_string(),
            map,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(json: &str) -> Vec<String> {
        let value: Value = serde_json::from_str(json).unwrap();
        let mut reader = Reader::default();
        let _ = bundle(&mut reader, &value);
        reader.problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn only_a_bundle_of_r4_resources_is_read() {
        assert_eq!(
            problems(r#"{"resourceType": "Patient"}"#),
            ["resourceType: is a FHIR Patient, not a Bundle: give the resources in a Bundle (any type)"]
        );
        assert_eq!(
            problems(r#"[1]"#),
            ["bundle: is a list [1], not a FHIR Bundle (a JSON object)"]
        );
        assert_eq!(
            problems(
                r#"{"resourceType": "Bundle", "type": "collection", "entry": [
                    {"resource": {"resourceType": "Observaton"}},
                    {"resource": {"resourceType": "Condition", "onsetDateTime": "2020", "colour": 1}},
                    {"fullUrl": 3}]}"#
            ),
            [
                "entry[0].resource.resourceType: \"Observaton\" is not a FHIR R4 resource type",
                "entry[1].resource.colour: is not an element of Condition in FHIR R4",
                "entry[2].fullUrl: expected text, got a number 3",
            ]
        );
        assert_eq!(
            problems(r#"{"resourceType": "Bundle", "type": "bag"}"#),
            ["type: \"bag\" is not a code FHIR R4 allows here; accepted: document, message, transaction, transaction-response, batch, batch-response, history, searchset, collection"]
        );
    }

    #[test]
    fn a_huge_text_is_refused_unread() {
        let huge = " ".repeat(MAX_BUNDLE_BYTES + 1);
        let problems = parse(&huge).unwrap_err();
        assert_eq!(problems[0].kind, FhirProblemKind::TooLarge);
    }
}

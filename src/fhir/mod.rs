//! FHIR R4 in (docs/contract.md §5): a `Bundle` (JSON, any type) → a profile (docs/contract.md §1), as a person
//! would write it and then validated like any profile, plus every entry or element not used and
//! why. docs/fhir.md documents every decision; in short:
//!
//! - **The Patient**: exactly one. `birthDate` exact → `birthDate`; a year or a month only → `age`
//!   when it is the same for every day the birth date may be (a note says so), else refused. Sex at
//!   birth from `us-core-birthsex`, or from `individual-recordedSexOrGender` whose type is LOINC
//!   76689-9 "Sex assigned at birth"; else `Patient.gender` (administrative gender, a note says so),
//!   else a recorded sex (`us-core-individual-sex`, `us-core-sex`, likewise noted); `other` or
//!   `unknown` with nothing else → refused.
//! - **Statuses**: Observation `final`, `amended`, `corrected`; DiagnosticReport the same and
//!   `appended`; Procedure and Immunization `completed` (a subpotent dose does not count);
//!   FamilyMemberHistory `completed`, `partial`; Condition `confirmed` (or no verification status,
//!   noted), active — or past, for the conditions whose history matters (a cancer ever). Anything
//!   else is listed as not used.
//! - **Ancestry** (v1.1): from the US Core race extension — Asian and the CDC codes under it give
//!   `asian`, Black or African American and the codes under it `black`; no race code says Ashkenazi
//!   Jewish ancestry, so `ancestry` is written only when a code gives one of the two (`ancestry.rs`).
//! - **Dates**: the day as written in the value's own offset (never converted to UTC); a year or a
//!   month only → the profile's approximate date `YYYY` or `YYYY-MM` (`dates::profile_date`).
//! - **Unknown stays unknown**: a list is `[]` only when the bundle says so (a List whose
//!   emptyReason is nil-known, a "no current problems" Condition); no records leave it absent.
//! - The tables are data (`src/fhir/maps/`), with their sources, dates and a digest that the
//!   output names.

mod ancestry;
mod assemble;
mod conditions;
mod dates;
mod family;
mod immunizations;
mod ledger;
mod lists;
mod maps;
mod observations;
mod patient;
mod problem;
mod r4;
mod read;
mod screenings;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::profile::Profile;
pub use assemble::ImportedProfile;
use dates::FhirDate;
use ledger::Ledger;
pub use ledger::{NotUsed, NotUsedKind, Note};
pub use maps::MappingsId;
use maps::Maps;
pub use problem::{FhirError, FhirProblem, FhirProblemKind};
pub use read::MAX_BUNDLE_BYTES;
use read::{Entry, Node, Reader};

/// A FHIR bundle as the caller holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FhirInput<'a> {
    /// JSON text.
    Text(&'a str),
    /// JSON text as bytes read from a file or a pipe (text that is not UTF-8 is refused).
    Bytes(&'a [u8]),
}

impl<'a> From<&'a str> for FhirInput<'a> {
    fn from(text: &'a str) -> Self {
        FhirInput::Text(text)
    }
}

impl<'a> From<&'a [u8]> for FhirInput<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        FhirInput::Bytes(bytes)
    }
}

/// What a bundle gave: the profile, what was not used and why, the caveats, and which mapping
/// tables decided. Serialized as `{"profile": {…}, "notUsed": […], "notes": […], "mappings":
/// {"version", "digest", "checked", "reviewBy"}}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Imported {
    /// The profile (docs/contract.md §1), valid for the evaluation date the import was made for.
    pub profile: ImportedProfile,
    /// Every entry, or element of an entry, not used, in the order of the entries.
    pub not_used: Vec<NotUsed>,
    /// What was used with a caveat.
    pub notes: Vec<Note>,
    /// The mapping tables that decided.
    pub mappings: MappingsId,
    /// The entries used (`entry[3]`), in order: every entry is here or in `not_used` (not
    /// serialized).
    #[serde(skip)]
    pub used: Vec<String>,
}

impl Imported {
    /// As pretty JSON, as `vigie import fhir` prints it.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// As compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Which mapping tables this build holds.
pub fn mappings() -> Result<MappingsId, String> {
    maps::maps().map(|m| m.id.clone())
}

/// Reads a FHIR R4 bundle into a profile for an evaluation on `as_of`: the profile and everything
/// not used, or every problem that stops it (not a bundle, not R4, no Patient or several, no birth
/// date, no sex at birth, too large …), each at its JSON path.
///
/// ```
/// let as_of = vigie::date::parse("2026-01-15").expect("a date");
/// let bundle = r#"{"resourceType": "Bundle", "type": "collection", "entry": [
///   {"resource": {"resourceType": "Patient", "id": "p", "birthDate": "1970-05-01",
///     "gender": "female"}}]}"#;
/// let imported = vigie::fhir::import(bundle, as_of).expect("a profile");
/// assert_eq!(imported.profile.to_value()["sex"], "female");
/// assert_eq!(imported.notes[0].path, "entry[0].resource.gender");
/// ```
pub fn import<'a>(
    bundle: impl Into<FhirInput<'a>>,
    as_of: NaiveDate,
) -> Result<Imported, FhirError> {
    import_checked(bundle.into(), as_of).map(|(imported, _)| imported)
}

/// [`import`], with the profile validated (what an evaluation needs).
pub(crate) fn import_checked(
    bundle: FhirInput<'_>,
    as_of: NaiveDate,
) -> Result<(Imported, Profile), FhirError> {
    let refused = |problems: Vec<FhirProblem>| FhirError { problems };
    let text = match bundle {
        FhirInput::Text(text) => text,
        FhirInput::Bytes(bytes) => read::text_of(bytes).map_err(refused)?,
    };
    let root = read::parse(text).map_err(refused)?;
    let maps = maps::maps().map_err(|message| {
        refused(vec![FhirProblem::new(
            "",
            FhirProblemKind::ProfileRefused,
            format!("the mapping tables could not be read: {message}"),
        )])
    })?;
    let imported = Import::run(maps, &root, as_of).map_err(refused)?;
    match Profile::from_value(&imported.profile.to_value(), as_of) {
        Ok(profile) => Ok((imported, profile)),
        Err(err) => Err(refused(
            err.problems
                .into_iter()
                .map(|p| {
                    FhirProblem::new(
                        "",
                        FhirProblemKind::ProfileRefused,
                        format!("the profile made from the bundle was refused: {p}"),
                    )
                })
                .collect(),
        )),
    }
}

/// Who the bundle is about, as far as references go.
#[derive(Debug, Clone, Default)]
pub(crate) struct PatientRef {
    id: Option<String>,
    full_url: Option<String>,
}

/// What every part of the import reads: the tables, the day, the person, the entries.
pub(crate) struct Context<'v> {
    maps: &'static Maps,
    as_of: NaiveDate,
    person: patient::Person,
    patient: PatientRef,
    entries: &'v [Entry<'v>],
    /// `Type/id` and `fullUrl` → the entry.
    refs: HashMap<String, usize>,
    /// Entry → the reports and procedures that link it (`DiagnosticReport.result`,
    /// `Procedure.report`).
    parents: HashMap<usize, Vec<usize>>,
}

/// A reference without its version (`…/_history/2`).
fn unversioned(reference: &str) -> &str {
    reference
        .split_once("/_history/")
        .map_or(reference, |(head, _)| head)
}

/// `Type/id` of a relative or absolute reference (its last two segments).
fn type_and_id(reference: &str) -> Option<String> {
    let mut parts = unversioned(reference).rsplit('/');
    let id = parts.next()?;
    let kind = parts.next()?;
    (!id.is_empty() && r4::RESOURCE_TYPES.contains(&kind)).then(|| format!("{kind}/{id}"))
}

impl Context<'_> {
    /// The reports and procedures that link entry `entry`.
    fn parents(&self, entry: usize) -> &[usize] {
        self.parents.get(&entry).map_or(&[], Vec::as_slice)
    }

    /// Indexes the entries by `fullUrl` and `Type/id`, and links reports to their results and
    /// procedures to their reports.
    fn link(&mut self) {
        for entry in self.entries {
            if let Some(url) = entry.full_url {
                self.refs.entry(url.to_string()).or_insert(entry.index);
            }
            if let Some(id) = entry.id {
                self.refs
                    .entry(format!("{}/{id}", entry.kind))
                    .or_insert(entry.index);
            }
        }
        let mut parents: HashMap<usize, Vec<usize>> = HashMap::new();
        for entry in self.entries {
            let member = match entry.kind {
                "DiagnosticReport" => "result",
                "Procedure" => "report",
                _ => continue,
            };
            let links = entry
                .resource
                .as_ref()
                .and_then(|r| r.get(member))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|link| link.get("reference").and_then(Value::as_str));
            for reference in links {
                if let Some(child) = self.resolve(reference) {
                    parents.entry(child).or_default().push(entry.index);
                }
            }
        }
        self.parents = parents;
    }

    /// The entry a reference points to, when it is in the bundle.
    fn resolve(&self, reference: &str) -> Option<usize> {
        if let Some(found) = self.refs.get(reference) {
            return Some(*found);
        }
        type_and_id(reference).and_then(|key| self.refs.get(&key).copied())
    }

    /// Whether a reference is to the bundle's Patient.
    fn is_patient(&self, reference: &str) -> bool {
        if self.patient.full_url.as_deref() == Some(reference) {
            return true;
        }
        match (type_and_id(reference), &self.patient.id) {
            (Some(key), Some(id)) => key == format!("Patient/{id}"),
            // A Patient with no id can only be named by its fullUrl; without one, any reference
            // to a Patient is taken as this one, the bundle's only Patient.
            (Some(key), None) => self.patient.full_url.is_none() && key.starts_with("Patient/"),
            (None, _) => false,
        }
    }

    /// The date of an event for the profile, a day or (written so in FHIR) a month or a year:
    /// not after the evaluation date, not before birth (a month or a year: not wholly so, as the
    /// profile checks it); else why it is not used.
    fn event_day(&self, written: FhirDate) -> Result<crate::date::Date, (NotUsedKind, String)> {
        let (Some(day), Some((_, last))) = (dates::profile_date(written), written.bounds()) else {
            return Err((
                NotUsedKind::NoDate,
                format!("its date {} is not a day that exists", written.text()),
            ));
        };
        if day.day > self.as_of {
            return Err((
                NotUsedKind::FutureDate,
                format!("its date {day} is after the evaluation date {}", self.as_of),
            ));
        }
        if last < self.person.earliest_birth {
            return Err((
                NotUsedKind::BeforeBirth,
                format!("its date {day} is before the person was born"),
            ));
        }
        Ok(day)
    }
}

/// The bundle's one Patient, read; `None` (with the problems) when there is none, several, or it
/// gives no birth date or sex at birth. The same Patient twice, identical, is one.
fn the_patient(
    reader: &mut Reader,
    ledger: &mut Ledger,
    maps: &Maps,
    entries: &[Entry<'_>],
    as_of: NaiveDate,
) -> Option<patient::Person> {
    let patients: Vec<&Entry<'_>> = entries.iter().filter(|e| e.kind == "Patient").collect();
    let Some(first) = patients.first() else {
        reader.problem(
            "entry",
            FhirProblemKind::NoPatient,
            "holds no Patient: a profile is made from one Patient and their records".to_string(),
        );
        return None;
    };
    for other in patients.iter().skip(1) {
        let same = other.id.is_some()
            && other.id == first.id
            && other.resource.as_ref().map(|r| r.map) == first.resource.as_ref().map(|r| r.map);
        if same {
            ledger.not_used(
                other.index,
                &other.path,
                NotUsedKind::Duplicate,
                format!("the same Patient as {}", first.path),
            );
        } else {
            reader.problem(
                &format!("{}.resource", other.path),
                FhirProblemKind::SeveralPatients,
                format!(
                    "is a second Patient (the first is {}); a profile is one person: give one Patient per bundle",
                    first.path
                ),
            );
        }
    }
    let node = first.resource.as_ref()?;
    patient::read(reader, ledger, maps, first.index, node, as_of)
}

/// The entry a path is in (`entry[12].resource.code` → 12), for ordering problems.
fn entry_of(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("entry[")?;
    rest.split_once(']')?.0.parse().ok()
}

/// Problems in the order of the bundle: the bundle's own first, then entry by entry (each entry's
/// as found).
fn in_document_order(mut problems: Vec<FhirProblem>) -> Vec<FhirProblem> {
    problems.sort_by_key(|p| entry_of(&p.path).map_or(0, |i| i + 1));
    problems
}

/// One import: the reader's problems, the ledger and the facts found, entry by entry.
struct Import<'v> {
    reader: Reader,
    ledger: Ledger,
    draft: assemble::Draft,
    ctx: Context<'v>,
}

impl<'v> Import<'v> {
    fn run(
        maps: &'static Maps,
        root: &'v Value,
        as_of: NaiveDate,
    ) -> Result<Imported, Vec<FhirProblem>> {
        let mut reader = Reader::default();
        let Some(entries) = read::bundle(&mut reader, root) else {
            return Err(reader.problems);
        };
        let mut ledger = Ledger::default();
        let person = the_patient(&mut reader, &mut ledger, maps, &entries, as_of);
        // Without a person, the other entries are still read, so that one run lists every problem.
        let found = person.is_some();
        let mut import = Import {
            reader,
            ledger,
            draft: assemble::Draft::default(),
            ctx: Context {
                maps,
                as_of,
                person: person.unwrap_or_else(|| patient::Person::placeholder(as_of)),
                patient: PatientRef::default(),
                entries: &entries,
                refs: HashMap::new(),
                parents: HashMap::new(),
            },
        };
        import.ctx.link();
        if let Some(entry) = entries.iter().find(|e| e.kind == "Patient") {
            import.ctx.patient = PatientRef {
                id: entry.id.map(str::to_string),
                full_url: entry.full_url.map(str::to_string),
            };
            import.draft.used.push(entry.index);
        }
        import.entries();
        if !found || !import.reader.problems.is_empty() {
            return Err(in_document_order(import.reader.problems));
        }
        Ok(import.finish())
    }

    /// Reads every entry but the Patient.
    fn entries(&mut self) {
        let entries = self.ctx.entries;
        let mut seen: HashMap<String, usize> = HashMap::new();
        for entry in entries {
            let Some(node) = &entry.resource else {
                self.ledger.not_used(
                    entry.index,
                    &entry.path,
                    NotUsedKind::NotRead,
                    "has no resource (a request or a response only)".to_string(),
                );
                continue;
            };
            if entry.kind == "Patient" {
                continue;
            }
            if let Some(id) = entry.id {
                let key = format!("{}/{id}", entry.kind);
                if let Some(first) = seen.get(&key) {
                    self.ledger.not_used(
                        entry.index,
                        &node.path,
                        NotUsedKind::Duplicate,
                        format!("another copy or version of {key}, read at entry[{first}]"),
                    );
                    continue;
                }
                seen.insert(key, entry.index);
            }
            match entry.kind {
                "Observation" => observations::read(self, entry.index, node),
                "DiagnosticReport" => screenings::report(self, entry.index, node),
                "Procedure" => screenings::procedure(self, entry.index, node),
                "Condition" => conditions::read(self, entry.index, node),
                "FamilyMemberHistory" => family::read(self, entry.index, node),
                "Immunization" => immunizations::read(self, entry.index, node),
                "List" => lists::read(self, entry.index, node),
                other => self.ledger.not_used(
                    entry.index,
                    &node.path,
                    NotUsedKind::NotRead,
                    format!("a {other}: the import reads Patient, Observation, DiagnosticReport, Procedure, Condition, FamilyMemberHistory, Immunization and List"),
                ),
            }
        }
    }

    /// What every resource read must pass before its content counts: no modifier it cannot
    /// understand, and about the bundle's Patient. `subject` names the element that says whom it
    /// is about (`subject`, `patient`); `required` whether R4 requires it.
    fn admissible(&mut self, entry: usize, node: &Node<'_>, subject: &str, required: bool) -> bool {
        let modifiers = self.reader.list(node, "modifierExtension");
        if let Some((path, value)) = modifiers.first() {
            let url = value
                .get("url")
                .and_then(Value::as_str)
                .unwrap_or("(no url)");
            self.ledger.not_used(
                entry,
                path,
                NotUsedKind::Modifier,
                format!("a modifier extension ({url}) changes what the resource means, and the import does not understand it"),
            );
            return false;
        }
        if let Some(rules) = self.reader.text(node, "implicitRules") {
            self.ledger.not_used(
                entry,
                &node.at("implicitRules"),
                NotUsedKind::Modifier,
                format!("it follows implicit rules ({rules}) the import does not understand"),
            );
            return false;
        }
        match node.get(subject) {
            None if required => {
                self.reader.problem(
                    &node.at(subject),
                    FhirProblemKind::MissingField,
                    "is required by FHIR R4 (whom the record is about)".to_string(),
                );
                false
            }
            None => true,
            Some(value) => match self.reader.reference(&node.at(subject), value) {
                Some(reference) if !self.ctx.is_patient(reference) => {
                    self.ledger.not_used(
                        entry,
                        &node.at(subject),
                        NotUsedKind::OtherPatient,
                        format!("it is about {reference}, not the bundle's Patient"),
                    );
                    false
                }
                _ => true,
            },
        }
    }

    /// Notes a reason not to use entry `entry` (its resource, or an element at `path`).
    fn skip(&mut self, entry: usize, path: &str, kind: NotUsedKind, reason: String) {
        self.ledger.not_used(entry, path, kind, reason);
    }

    fn finish(self) -> Imported {
        let Import {
            ledger, draft, ctx, ..
        } = self;
        let (profile, used, mut ledger) = draft.assemble(&ctx, ledger);
        let overdue: Vec<String> = ctx
            .maps
            .reviews()
            .into_iter()
            .filter(|(_, _, review_by)| {
                crate::date::parse(review_by).is_some_and(|day| day < ctx.as_of)
            })
            .map(|(name, _, review_by)| format!("{name} (by {review_by})"))
            .collect();
        if !overdue.is_empty() {
            ledger.note(
                0,
                "",
                format!(
                    "the mapping tables were due for review: {}; their codes may be out of date",
                    overdue.join(", ")
                ),
            );
        }
        for entry in ctx.entries {
            if !used.contains(&entry.index) && !ledger.mentions(entry.index) {
                // Every reader above says why it leaves something out; this is the net under them.
                ledger.not_used(
                    entry.index,
                    &entry.path,
                    NotUsedKind::NotRead,
                    "nothing in it fills the profile".to_string(),
                );
            }
        }
        let (not_used, notes) = ledger.finish();
        Imported {
            profile,
            not_used,
            notes,
            mappings: ctx.maps.id.clone(),
            used: ctx
                .entries
                .iter()
                .filter(|e| used.contains(&e.index))
                .map(|e| e.path.clone())
                .collect(),
        }
    }
}

//! Relatives' diagnoses, from FamilyMemberHistory: the relation (v3 RoleCode), each condition, and
//! the age at diagnosis.
//!
//! The age, from the condition's `onset[x]` (R4: Age, Range, Period or string — there is no
//! `onsetDateTime`): an `onsetAge` in UCUM years (months, weeks, days converted, whole years kept);
//! an `onsetRange`: its **low bound**, the youngest age the record allows, so that a score that
//! counts an early diagnosis more (the Eisinger score) is never lowered by the import (a range
//! without a low bound gives no age); an `onsetString` that is a whole number of years; an
//! `onsetPeriod` or an `onsetString` that is a date, with the relative's `born[x]`: the age then,
//! the youngest one when the dates are not whole days. Every way an age was made, or not made, is
//! noted.

use super::assemble::{Found, Relative};
use super::dates::{parse_date, parse_date_time, FhirDate};
use super::ledger::NotUsedKind;
use super::maps::{Group, Kind};
use super::problem::FhirProblemKind;
use super::r4;
use super::read::{Node, Quantity};
use super::Import;
use crate::codes::{Condition, Relation};
use crate::date;

/// The oldest age at diagnosis a profile takes.
const MAX_AGE: i64 = 120;

/// UCUM units of time an Age may be written in, and how many years one is.
const AGE_UNITS: &[(&str, f64)] = &[
    ("a", 1.0),
    ("mo", 1.0 / 12.0),
    ("wk", 7.0 / 365.25),
    ("d", 1.0 / 365.25),
];

pub(super) fn read(import: &mut Import<'_>, entry: usize, node: &Node<'_>) {
    let status = import
        .reader
        .required_code(node, "status", r4::FAMILY_STATUSES);
    let relationship = if node.has("relationship") {
        import.reader.concept(node, "relationship")
    } else {
        import.reader.problem(
            &node.at("relationship"),
            FhirProblemKind::MissingField,
            "is required by FHIR R4".to_string(),
        );
        None
    };
    let sex = import.reader.concept(node, "sex");
    let born = born(import, node);
    import
        .reader
        .choice(node, "age", &["Age", "Range", "String"]);
    import.reader.choice(
        node,
        "deceased",
        &["Boolean", "Age", "Range", "Date", "String"],
    );
    let conditions = import.reader.list(node, "condition");
    let conditions: Vec<Node<'_>> = conditions
        .into_iter()
        .filter_map(|(path, value)| {
            import.reader.object(
                &path,
                value,
                r4::FAMILY_CONDITION,
                "FamilyMemberHistory.condition",
            )
        })
        .collect();
    if !import.admissible(entry, node, "patient", true) {
        return;
    }
    let (Some(status), Some(relationship)) = (status, relationship) else {
        return;
    };
    match status {
        "completed" | "partial" => {}
        "health-unknown" => {
            import.skip(
                entry,
                &node.at("status"),
                NotUsedKind::Status,
                "its status is \"health-unknown\": the relative's health is not known".to_string(),
            );
            return;
        }
        other => {
            import.skip(
                entry,
                &node.at("status"),
                NotUsedKind::Status,
                format!("its status is \"{other}\""),
            );
            return;
        }
    }
    if node.has("dataAbsentReason") {
        import.skip(
            entry,
            &node.at("dataAbsentReason"),
            NotUsedKind::NoValue,
            "the relative's history is absent (dataAbsentReason)".to_string(),
        );
        return;
    }
    let maps = import.ctx.maps;
    let groups: Vec<&Group> = relationship
        .codings
        .iter()
        .flat_map(|c| maps.groups(Kind::Relation, c))
        .collect();
    let Some(group) = groups.first() else {
        import.skip(
            entry,
            &node.at("relationship"),
            NotUsedKind::UnknownCode,
            format!(
                "{}: not a relationship of the v3 RoleCode family-member codes the tables know",
                relationship.described()
            ),
        );
        return;
    };
    let relation = match (&group.relation, &group.female, &group.male, &group.not_used) {
        (Some(relation), _, _, _) => Relation::parse(relation),
        (None, Some(female), Some(male), _) => {
            let said = sex.iter().flat_map(|s| s.codings.iter()).find_map(|c| {
                let admin =
                    c.system.as_deref() == Some("http://hl7.org/fhir/administrative-gender");
                match c.code.as_deref() {
                    Some("female") if admin => Some(female),
                    Some("male") if admin => Some(male),
                    _ => None,
                }
            });
            match said {
                Some(relation) => Relation::parse(relation),
                None => {
                    import.skip(
                        entry,
                        &node.at("relationship"),
                        NotUsedKind::NoValue,
                        format!("{}: the relation depends on the relative's sex, which is not given (sex female or male)", relationship.described()),
                    );
                    return;
                }
            }
        }
        (_, _, _, why) => {
            import.skip(
                entry,
                &node.at("relationship"),
                NotUsedKind::NotCounted,
                format!(
                    "{}: {}",
                    relationship.described(),
                    why.clone().unwrap_or_default()
                ),
            );
            return;
        }
    };
    let Some(relation) = relation else {
        return;
    };
    if conditions.is_empty() {
        import.skip(
            entry,
            &node.path,
            NotUsedKind::NoValue,
            "a relative without a condition".to_string(),
        );
        return;
    }
    let mut seen: Vec<Condition> = Vec::new();
    for condition in conditions {
        if let Some((path, _)) = import.reader.list(&condition, "modifierExtension").first() {
            import.skip(
                entry,
                path,
                NotUsedKind::Modifier,
                "a modifier extension the import does not understand".to_string(),
            );
            continue;
        }
        let Some(code) = import.reader.concept(&condition, "code") else {
            import.reader.problem(
                &condition.at("code"),
                FhirProblemKind::MissingField,
                "is required by FHIR R4".to_string(),
            );
            continue;
        };
        let age = onset(import, &condition, born);
        let groups: Vec<&Group> = code
            .codings
            .iter()
            .flat_map(|c| maps.groups(Kind::Condition, c))
            .collect();
        let named: Vec<&str> = groups
            .iter()
            .filter_map(|g| g.condition.as_deref())
            .collect();
        let personal = |c: &&str| maps.conditions.personal_only.iter().any(|p| p == c);
        let found: Vec<Condition> = named
            .iter()
            .filter(|c| !personal(c))
            .filter_map(|c| Condition::parse(c))
            .collect();
        if found.is_empty() {
            let why = groups.iter().find_map(|g| g.not_used.clone());
            let (kind, why) = match (why, named.first()) {
                (Some(why), _) => (NotUsedKind::NotCounted, why),
                (None, Some(own)) => (
                    NotUsedKind::NotCounted,
                    format!("{own} is the person's own state, not a relative's history"),
                ),
                (None, None) => (
                    NotUsedKind::UnknownCode,
                    "not a condition the tables know".to_string(),
                ),
            };
            import.skip(
                entry,
                &condition.at("code"),
                kind,
                format!("{}: {why}", code.described()),
            );
            continue;
        }
        let (age, note) = match age {
            Ok((age, note)) => (age, note),
            Err(note) => (None, Some(note)),
        };
        let caveats: Vec<String> = [group.note.clone(), note].into_iter().flatten().collect();
        for condition_code in found {
            if seen.contains(&condition_code) {
                continue;
            }
            seen.push(condition_code);
            import.draft.family.push(Found {
                entry,
                path: condition.path.clone(),
                value: Relative {
                    relation,
                    condition: condition_code,
                    age,
                },
                note: (!caveats.is_empty()).then(|| caveats.join("; ")),
            });
        }
    }
}

/// The relative's birth, as written (`bornDate`, `bornString` that is a date, `bornPeriod`'s
/// start).
fn born(import: &mut Import<'_>, node: &Node<'_>) -> Option<FhirDate> {
    let (name, value) = import
        .reader
        .choice(node, "born", &["Period", "Date", "String"])?;
    let path = node.at(&name);
    match name.as_str() {
        "bornDate" => import.reader.date(&path, value),
        "bornString" => import
            .reader
            .string(&path, value)
            .and_then(|t| parse_date(t.trim())),
        _ => import
            .reader
            .period(&path, value)
            .and_then(|p| p.start.or(p.end)),
    }
}

/// Whole years of an Age, or why not.
fn years(quantity: &Quantity) -> Result<i64, String> {
    let value = quantity.value.ok_or("an age without a value")?;
    if quantity.comparator.is_some() {
        return Err("an age given as a bound (a comparator)".to_string());
    }
    let ucum = quantity.system.as_deref().is_none_or(|s| s == r4::UCUM);
    let factor = quantity
        .code
        .as_deref()
        .filter(|_| ucum)
        .and_then(|code| AGE_UNITS.iter().find(|(u, _)| *u == code).map(|(_, f)| *f))
        .ok_or_else(|| {
            format!(
                "an age whose unit ({}) is not a UCUM unit of time (a, mo, wk, d)",
                quantity
                    .code
                    .as_deref()
                    .or(quantity.unit.as_deref())
                    .unwrap_or("none")
            )
        })?;
    let years = (value * factor).floor();
    if !(0.0..=MAX_AGE as f64).contains(&years) {
        return Err(format!("an age of {years} years is outside 0 to {MAX_AGE}"));
    }
    #[allow(clippy::cast_possible_truncation)]
    Ok(years as i64)
}

/// The youngest age the relative may have had between a birth and an onset, each as written.
fn age_between(born: FhirDate, onset: FhirDate) -> Result<(i64, bool), String> {
    let (born_first, born_last) = born.bounds().ok_or("a birth date out of range")?;
    let (onset_first, onset_last) = onset.bounds().ok_or("an onset date out of range")?;
    let youngest = date::years_between(born_last, onset_first);
    let oldest = date::years_between(born_first, onset_last);
    if youngest < 0 || onset_last < born_first {
        return Err(format!(
            "the onset {} is before the relative's birth {}",
            onset.text(),
            born.text()
        ));
    }
    if oldest > MAX_AGE {
        return Err(format!(
            "an age over {MAX_AGE} between {} and {}",
            born.text(),
            onset.text()
        ));
    }
    Ok((youngest.max(0), youngest == oldest))
}

/// The age at diagnosis a condition's `onset[x]` gives, with a caveat when there is one; `Err`
/// with the note when it gives none.
fn onset(
    import: &mut Import<'_>,
    condition: &Node<'_>,
    born: Option<FhirDate>,
) -> Result<(Option<i64>, Option<String>), String> {
    let Some((name, value)) =
        import
            .reader
            .choice(condition, "onset", &["Age", "Range", "Period", "String"])
    else {
        return Ok((None, None));
    };
    let path = condition.at(&name);
    match name.as_str() {
        "onsetAge" => {
            let quantity = import.reader.quantity(&path, value).unwrap_or_default();
            years(&quantity)
                .map(|age| (Some(age), None))
                .map_err(|why| format!("{why}: the age at diagnosis is left unknown"))
        }
        "onsetRange" => {
            let (low, high) = import.reader.range(&path, value).unwrap_or_default();
            let shown = |q: &Option<Quantity>| {
                q.as_ref()
                    .and_then(|q| q.value)
                    .map_or("?".to_string(), |v| v.to_string())
            };
            match low {
                Some(low) => {
                    let age = years(&low).map_err(|why| format!("{why}: the age at diagnosis is left unknown"))?;
                    Ok((Some(age), Some(format!(
                        "diagnosed at an age between {} and {}: the low bound, {age}, the youngest age the record allows, was taken",
                        shown(&Some(low.clone())), shown(&high)
                    ))))
                }
                None => Err(format!("diagnosed at an age of at most {}: a range without a low bound gives no age at diagnosis", shown(&high))),
            }
        }
        "onsetString" => {
            let text = import
                .reader
                .string(&path, value)
                .unwrap_or_default()
                .trim()
                .to_string();
            if !text.is_empty() && text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit()) {
                let age: i64 = text.parse().map_err(|_| "not a number".to_string())?;
                return if age <= MAX_AGE {
                    Ok((
                        Some(age),
                        Some(format!(
                            "the age at diagnosis is the text \"{text}\", read as {age} years"
                        )),
                    ))
                } else {
                    Err(format!("the text \"{text}\" is over {MAX_AGE}: the age at diagnosis is left unknown"))
                };
            }
            match (parse_date_time(&text), born) {
                (Some(onset), Some(born)) => from_dates(born, onset),
                (Some(_), None) => Err(format!("the onset \"{text}\" is a date, but the relative's birth date is not given: no age at diagnosis")),
                (None, _) => Err(format!("the onset \"{text}\" is neither a number of years nor a date: the age at diagnosis is left unknown")),
            }
        }
        _ => {
            let period = import.reader.period(&path, value).unwrap_or_default();
            match (period.start.or(period.end), born) {
                (Some(onset), Some(born)) => from_dates(born, onset),
                (Some(_), None) => Err("an onset period without the relative's birth date (born[x]) gives no age at diagnosis".to_string()),
                (None, _) => Err("an onset period without dates gives no age at diagnosis".to_string()),
            }
        }
    }
}

fn from_dates(born: FhirDate, onset: FhirDate) -> Result<(Option<i64>, Option<String>), String> {
    let (age, exact) = age_between(born, onset)
        .map_err(|why| format!("{why}: the age at diagnosis is left unknown"))?;
    let note = if exact {
        format!(
            "the age at diagnosis, {age}, is from the relative's birth ({}) and the onset ({})",
            born.text(),
            onset.text()
        )
    } else {
        format!(
            "born {} and diagnosed {}: the youngest age these dates allow, {age}, was taken",
            born.text(),
            onset.text()
        )
    };
    Ok((Some(age), Some(note)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn an_age_is_whole_years_in_ucum_units_of_time() {
        let age = |value: f64, code: &str| {
            years(&Quantity {
                value: Some(value),
                code: Some(code.to_string()),
                system: Some(r4::UCUM.to_string()),
                ..Quantity::default()
            })
        };
        assert_eq!(age(44.9, "a"), Ok(44));
        assert_eq!(age(530.0, "mo"), Ok(44));
        assert!(age(44.0, "yr").is_err());
        assert!(age(130.0, "a").is_err());
    }

    #[test]
    fn dates_give_the_youngest_age_they_allow() {
        let day = |t: &str| FhirDate::Day(NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap());
        assert_eq!(
            age_between(day("1940-05-01"), day("1995-06-01")),
            Ok((55, true))
        );
        assert_eq!(
            age_between(FhirDate::Year(1940), FhirDate::Year(1995)),
            Ok((54, false))
        );
        assert!(age_between(day("1995-06-01"), day("1940-05-01")).is_err());
    }
}

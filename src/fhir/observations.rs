//! Observations: smoking status and pack-years, height, weight, pregnancy status — or a screening
//! test (`screenings.rs`). Only `final`, `amended` and `corrected` observations count: R4's
//! `registered` and `preliminary` are not results yet, `cancelled` and `entered-in-error` never
//! were, `unknown` says nothing.

use super::assemble::{Dated, Found};
use super::dates::FhirDate;
use super::ledger::NotUsedKind;
use super::maps::{Kind, ObservationKind};
use super::problem::FhirProblemKind;
use super::r4;
use super::read::{Codeable, Node};
use super::screenings;
use super::Import;

/// The statuses of an observation that count.
pub(super) const COUNTED: &[&str] = &["final", "amended", "corrected"];

/// The choice `effective[x]`.
pub(super) const EFFECTIVE: &[&str] = &["DateTime", "Period", "Timing", "Instant"];

/// The choice `value[x]`.
const VALUE: &[&str] = &[
    "Quantity",
    "CodeableConcept",
    "String",
    "Boolean",
    "Integer",
    "Range",
    "Ratio",
    "SampledData",
    "Time",
    "DateTime",
    "Period",
];

/// What an observation is about, by its code.
enum About {
    Smoking,
    PackYears,
    Height,
    Weight,
    Pregnancy,
    Test,
    Other,
}

pub(super) fn read(import: &mut Import<'_>, entry: usize, node: &Node<'_>) {
    let status = import
        .reader
        .required_code(node, "status", r4::OBSERVATION_STATUSES);
    let code = required_concept(import, node, "code");
    // Value, effective: checked for R4 whatever is done with them.
    import.reader.choice(node, "value", VALUE);
    import.reader.choice(node, "effective", EFFECTIVE);
    if !import.admissible(entry, node, "subject", false) {
        return;
    }
    let (Some(status), Some(code)) = (status, code) else {
        return;
    };
    let maps = import.ctx.maps;
    let o = &maps.observations;
    let is = |kind: &ObservationKind| code.codings.iter().any(|c| maps.is_one_of(&kind.codes, c));
    let about = if is(&o.smoking) {
        About::Smoking
    } else if is(&o.pack_years) {
        About::PackYears
    } else if is(&o.height) {
        About::Height
    } else if is(&o.weight) {
        About::Weight
    } else if is(&o.pregnancy) {
        About::Pregnancy
    } else if code
        .codings
        .iter()
        .any(|c| !maps.groups(Kind::Test, c).is_empty())
    {
        About::Test
    } else {
        About::Other
    };
    if !COUNTED.contains(&status) {
        import.skip(
            entry,
            &node.at("status"),
            NotUsedKind::Status,
            format!(
                "its status is \"{status}\": only final, amended or corrected observations count"
            ),
        );
        return;
    }
    match about {
        About::Test => screenings::observation(import, entry, node, &code),
        About::Smoking => smoking(import, entry, node),
        About::PackYears => measured(import, entry, node, Measured::PackYears),
        About::Height => measured(import, entry, node, Measured::Height),
        About::Weight => measured(import, entry, node, Measured::Weight),
        About::Pregnancy => pregnancy(import, entry, node),
        About::Other => {
            if import.ledger.was_consumed(entry) || screenings::part_of_report(import, entry) {
                return;
            }
            import.skip(
                entry,
                &node.at("code"),
                NotUsedKind::UnknownCode,
                format!("{}: not an observation the profile takes", code.described()),
            );
        }
    }
}

/// A CodeableConcept R4 requires.
pub(super) fn required_concept(
    import: &mut Import<'_>,
    node: &Node<'_>,
    name: &str,
) -> Option<Codeable> {
    if !node.has(name) {
        import.reader.problem(
            &node.at(name),
            FhirProblemKind::MissingField,
            "is required by FHIR R4".to_string(),
        );
        return None;
    }
    import.reader.concept(node, name)
}

/// The day an observation was made, when it says one; `Err` when it is dated but cannot be used
/// (in the future), with the reason noted.
fn observed_day(
    import: &mut Import<'_>,
    entry: usize,
    node: &Node<'_>,
) -> Result<Option<chrono::NaiveDate>, ()> {
    match import.reader.when(node, "effective", EFFECTIVE) {
        Err(_) => Ok(None),
        Ok((path, written)) => match written {
            FhirDate::Day(_) => match import.ctx.event_day(written) {
                Ok(day) => Ok(Some(day.day)),
                Err((kind, why)) => {
                    import.skip(entry, &path, kind, why);
                    Err(())
                }
            },
            // A year or a month orders observations well enough: the first day of it.
            partial => Ok(partial
                .bounds()
                .map(|(first, _)| first)
                .filter(|d| *d <= import.ctx.as_of)),
        },
    }
}

/// Tobacco smoking status: the answer in `valueCodeableConcept`.
fn smoking(import: &mut Import<'_>, entry: usize, node: &Node<'_>) {
    let Some(value) = import.reader.concept(node, "valueCodeableConcept") else {
        import.skip(
            entry,
            &node.path,
            NotUsedKind::NoValue,
            "a smoking status without an answer (valueCodeableConcept)".to_string(),
        );
        return;
    };
    let maps = import.ctx.maps;
    let answer = maps
        .observations
        .smoking
        .answer
        .iter()
        .find(|a| value.codings.iter().any(|c| maps.is_one_of(&a.codes, c)));
    let path = node.at("valueCodeableConcept");
    let Some(answer) = answer else {
        import.skip(
            entry,
            &path,
            NotUsedKind::UnknownCode,
            format!(
                "{}: not a smoking status the tables know",
                value.described()
            ),
        );
        return;
    };
    let Some(status) = answer
        .status
        .as_deref()
        .and_then(crate::codes::SmokingStatus::parse)
    else {
        let why = answer.not_used.clone().unwrap_or_default();
        import.skip(
            entry,
            &path,
            NotUsedKind::NotCounted,
            format!("{}: {why}", value.described()),
        );
        return;
    };
    let Ok(day) = observed_day(import, entry, node) else {
        return;
    };
    import.draft.smoking.push(Found {
        entry,
        path: node.path.clone(),
        value: Dated { day, value: status },
        note: None,
    });
}

/// A measured quantity.
#[derive(Debug, Clone, Copy)]
enum Measured {
    PackYears,
    Height,
    Weight,
}

fn measured(import: &mut Import<'_>, entry: usize, node: &Node<'_>, what: Measured) {
    let o = &import.ctx.maps.observations;
    let (kind, name, range) = match what {
        Measured::PackYears => (&o.pack_years, "pack-years", (0.0, 200.0)),
        Measured::Height => (&o.height, "height", (40.0, 250.0)),
        Measured::Weight => (&o.weight, "weight", (2.0, 400.0)),
    };
    let path = node.at("valueQuantity");
    let Some(quantity) = node
        .get("valueQuantity")
        .and_then(|v| import.reader.quantity(&path, v))
    else {
        import.skip(
            entry,
            &node.path,
            NotUsedKind::NoValue,
            format!("a {name} observation without a quantity (valueQuantity)"),
        );
        return;
    };
    let Some(value) = quantity.value else {
        import.skip(
            entry,
            &path,
            NotUsedKind::NoValue,
            format!("a {name} without a value"),
        );
        return;
    };
    if quantity.comparator.is_some() {
        import.skip(
            entry,
            &path,
            NotUsedKind::NoValue,
            format!(
                "a {name} given as a bound ({}), not a value",
                quantity.comparator.as_deref().unwrap_or_default()
            ),
        );
        return;
    }
    let ucum = quantity.system.as_deref().is_none_or(|s| s == r4::UCUM);
    let factor = match (&quantity.code, what) {
        (Some(code), _) if ucum => kind.units.get(code).copied(),
        // Pack-years are often written without a unit.
        (None, Measured::PackYears) => Some(1.0),
        _ => None,
    };
    let Some(factor) = factor else {
        let accepted: Vec<&str> = kind.units.keys().map(String::as_str).collect();
        import.skip(
            entry,
            &path,
            NotUsedKind::NotCounted,
            format!(
                "its unit ({}) is not one the import converts; UCUM: {}",
                quantity
                    .code
                    .as_deref()
                    .or(quantity.unit.as_deref())
                    .unwrap_or("none"),
                accepted.join(", ")
            ),
        );
        return;
    };
    let converted = value * factor;
    if !(range.0..=range.1).contains(&converted) {
        import.skip(
            entry,
            &path,
            NotUsedKind::OutOfRange,
            format!(
                "a {name} of {converted:.1} is outside what a profile takes ({} to {})",
                range.0, range.1
            ),
        );
        return;
    }
    let Ok(day) = observed_day(import, entry, node) else {
        return;
    };
    let found = Found {
        entry,
        path: node.path.clone(),
        value: Dated {
            day,
            value: converted,
        },
        note: None,
    };
    match what {
        Measured::PackYears => import.draft.pack_years.push(found),
        Measured::Height => import.draft.heights.push(found),
        Measured::Weight => import.draft.weights.push(found),
    }
}

/// Pregnancy status: pregnant when the answer says so, and the observation is recent.
fn pregnancy(import: &mut Import<'_>, entry: usize, node: &Node<'_>) {
    let path = node.at("valueCodeableConcept");
    let Some(value) = import.reader.concept(node, "valueCodeableConcept") else {
        import.skip(
            entry,
            &node.path,
            NotUsedKind::NoValue,
            "a pregnancy status without an answer (valueCodeableConcept)".to_string(),
        );
        return;
    };
    let maps = import.ctx.maps;
    let answer = maps
        .observations
        .pregnancy
        .answer
        .iter()
        .find(|a| value.codings.iter().any(|c| maps.is_one_of(&a.codes, c)));
    let Some(pregnant) = answer.and_then(|a| a.pregnant) else {
        import.skip(
            entry,
            &path,
            NotUsedKind::UnknownCode,
            format!(
                "{}: not a pregnancy status the tables know",
                value.described()
            ),
        );
        return;
    };
    let Ok(day) = observed_day(import, entry, node) else {
        return;
    };
    import.draft.pregnancy.push(Found {
        entry,
        path: node.path.clone(),
        value: Dated {
            day,
            value: pregnant,
        },
        note: None,
    });
}

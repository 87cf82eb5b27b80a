//! Vaccinations, antigen by antigen, from Immunization: only `completed` doses count (`not-done`
//! and `entered-in-error` never do), and not a subpotent one; each code gives the antigens of its
//! product (vaccines.toml), and the doses of one day are pooled when the profile is made
//! (`assemble.rs`), so that a Tdap (CVX 115: no polio) is no dTP booster, while a Tdap and an IPV
//! given the same day are.

use std::collections::BTreeSet;

use super::assemble::{Dose, Found};
use super::ledger::NotUsedKind;
use super::maps::{Group, Kind};
use super::observations::required_concept;
use super::problem::FhirProblemKind;
use super::r4;
use super::read::Node;
use super::Import;

pub(super) fn read(import: &mut Import<'_>, entry: usize, node: &Node<'_>) {
    let status = import
        .reader
        .required_code(node, "status", r4::IMMUNIZATION_STATUSES);
    let code = required_concept(import, node, "vaccineCode");
    let subpotent = import.reader.boolean(node, "isSubpotent");
    let occurrence = import
        .reader
        .choice(node, "occurrence", &["DateTime", "String"]);
    if occurrence.is_none() && !node.has("occurrenceDateTime") && !node.has("occurrenceString") {
        import.reader.problem(
            &node.at("occurrenceDateTime"),
            FhirProblemKind::MissingField,
            "is required by FHIR R4 (occurrence[x]: when the dose was given)".to_string(),
        );
    }
    if !import.admissible(entry, node, "patient", true) {
        return;
    }
    let (Some(status), Some(code)) = (status, code) else {
        return;
    };
    if status != "completed" {
        let reason = import
            .reader
            .concept(node, "statusReason")
            .map(|r| format!(" ({})", r.described()))
            .unwrap_or_default();
        import.skip(
            entry,
            &node.at("status"),
            NotUsedKind::Status,
            format!("its status is \"{status}\"{reason}: only completed doses count"),
        );
        return;
    }
    if subpotent == Some(true) {
        import.skip(
            entry,
            &node.at("isSubpotent"),
            NotUsedKind::Status,
            "a subpotent dose (isSubpotent): it does not count".to_string(),
        );
        return;
    }
    let maps = import.ctx.maps;
    let groups: Vec<&Group> = code
        .codings
        .iter()
        .flat_map(|c| maps.groups(Kind::Vaccine, c))
        .collect();
    let Some(first) = groups.first() else {
        import.skip(
            entry,
            &node.at("vaccineCode"),
            NotUsedKind::UnknownCode,
            format!(
                "{}: not a vaccine the tables know (CVX, ATC J07, SNOMED CT, CIS)",
                code.described()
            ),
        );
        return;
    };
    let antigens =
        |g: &Group| -> BTreeSet<String> { g.antigens.iter().flatten().cloned().collect() };
    if groups.iter().any(|g| antigens(g) != antigens(first)) {
        import.skip(
            entry,
            &node.at("vaccineCode"),
            NotUsedKind::NotCounted,
            format!(
                "{}: its codings name vaccines with different antigens",
                code.described()
            ),
        );
        return;
    }
    let Some((name, value)) = occurrence else {
        return;
    };
    let path = node.at(&name);
    if name != "occurrenceDateTime" {
        let text = value.as_str().unwrap_or_default();
        import.skip(
            entry,
            &path,
            NotUsedKind::NoDate,
            format!("its date is the text \"{text}\", which gives no day"),
        );
        return;
    }
    let Some(written) = import.reader.date_time(&path, value) else {
        return;
    };
    let day = match import.ctx.event_day(written) {
        Ok(day) => day,
        Err((kind, why)) => {
            import.skip(entry, &path, kind, why);
            return;
        }
    };
    import.draft.doses.push(Found {
        entry,
        path: node.path.clone(),
        value: Dose {
            day,
            antigens: antigens(first),
            what: code.described(),
        },
        note: first.note.clone(),
    });
}

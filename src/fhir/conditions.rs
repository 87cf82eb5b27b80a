//! Conditions and organs, from a Condition (or a Procedure that removed an organ).
//!
//! A Condition counts when its verification status is `confirmed` — or absent (R4 does not require
//! one; a note says it was taken as recorded) — and its clinical status is `active`, `recurrence`
//! or `relapse`; an `inactive`, `remission` or `resolved` one counts only for the conditions whose
//! history matters (`history` in conditions.toml: a cancer ever, a hereditary syndrome, a past
//! gestational diabetes). Without a clinical status it is active, unless it has an abatement.
//! `unconfirmed`, `provisional`, `differential`, `refuted` and `entered-in-error` never count. An
//! organ removed stays removed whatever the clinical status.

use super::assemble::{Found, Side};
use super::ledger::NotUsedKind;
use super::maps::{Group, Kind};
use super::problem::FhirProblemKind;
use super::r4;
use super::read::{Codeable, Node};
use super::Import;
use crate::codes::{Condition, Organ};

/// The choices `onset[x]` and `abatement[x]`.
const ONSET: &[&str] = &["DateTime", "Age", "Period", "Range", "String"];

/// The code of a required binding in a CodeableConcept (`clinicalStatus`): `Ok(None)` when the
/// element is absent, `Err(())` when it is there without a code of `system` (a problem noted).
fn bound_code(
    import: &mut Import<'_>,
    node: &Node<'_>,
    name: &str,
    system: &str,
    allowed: &[&str],
) -> Result<Option<String>, ()> {
    let Some(concept) = import.reader.concept(node, name) else {
        return Ok(None);
    };
    let code = concept
        .codings
        .iter()
        .find(|c| c.system.as_deref() == Some(system))
        .and_then(|c| c.code.clone());
    match code {
        Some(code) if allowed.contains(&code.as_str()) => Ok(Some(code)),
        other => {
            import.reader.problem(
                &node.at(name),
                FhirProblemKind::UnknownCode,
                format!(
                    "{} is not a code of {system} (a required binding in FHIR R4); accepted: {}",
                    other.map_or("no coding".to_string(), |c| format!("\"{c}\"")),
                    allowed.join(", ")
                ),
            );
            Err(())
        }
    }
}

/// The groups of the conditions table the codings of `code` are in.
fn groups_of(import: &Import<'_>, code: &Codeable) -> Vec<&'static Group> {
    let maps = import.ctx.maps;
    code.codings
        .iter()
        .flat_map(|c| maps.groups(Kind::Condition, c))
        .collect()
}

pub(super) fn read(import: &mut Import<'_>, entry: usize, node: &Node<'_>) {
    let clinical = bound_code(
        import,
        node,
        "clinicalStatus",
        r4::CLINICAL_SYSTEM,
        r4::CLINICAL_STATUSES,
    );
    let verification = bound_code(
        import,
        node,
        "verificationStatus",
        r4::VERIFICATION_SYSTEM,
        r4::VERIFICATION_STATUSES,
    );
    let code = import.reader.concept(node, "code");
    import.reader.choice(node, "onset", ONSET);
    let abated = import.reader.choice(node, "abatement", ONSET).is_some();
    if !import.admissible(entry, node, "subject", true) {
        return;
    }
    let (Ok(clinical), Ok(verification)) = (clinical, verification) else {
        return;
    };
    let mut note = None;
    match verification.as_deref() {
        Some("confirmed") => {}
        None => {
            note = Some(
                "the condition has no verificationStatus: taken as recorded (R4 does not require one)"
                    .to_string(),
            );
        }
        Some(other) => {
            import.skip(
                entry,
                &node.at("verificationStatus"),
                NotUsedKind::Status,
                format!("its verification status is \"{other}\": only confirmed conditions count"),
            );
            return;
        }
    }
    let active = match clinical.as_deref() {
        Some("active" | "recurrence" | "relapse") => true,
        Some(_) => false,
        None => !abated,
    };
    let Some(code) = code else {
        import.skip(
            entry,
            &node.path,
            NotUsedKind::NoValue,
            "a condition without a code".to_string(),
        );
        return;
    };
    let maps = import.ctx.maps;
    let groups = groups_of(import, &code);
    if groups.is_empty() {
        import.skip(
            entry,
            &node.at("code"),
            NotUsedKind::UnknownCode,
            format!("{}: not a condition the tables know", code.described()),
        );
        return;
    }
    let status = clinical.unwrap_or_else(|| {
        if abated {
            "abated".to_string()
        } else {
            "active".to_string()
        }
    });
    for group in groups {
        if let Some(condition) = group.condition.as_deref().and_then(Condition::parse) {
            let history = maps
                .conditions
                .history
                .iter()
                .any(|h| h == condition.as_str());
            if active || history {
                let note = [note.clone(), group.note.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>();
                import.draft.conditions.push(Found {
                    entry,
                    path: node.path.clone(),
                    value: condition,
                    note: (!note.is_empty()).then(|| note.join("; ")),
                });
            } else {
                import.skip(
                    entry,
                    &node.at("clinicalStatus"),
                    NotUsedKind::NotCounted,
                    format!("{condition} is {status}: it counts only while active"),
                );
            }
        } else if group.no_known_problems == Some(true) {
            if active {
                import.draft.no_known_problems.push(Found {
                    entry,
                    path: node.path.clone(),
                    value: (),
                    note: None,
                });
            } else {
                import.skip(
                    entry,
                    &node.at("clinicalStatus"),
                    NotUsedKind::NotCounted,
                    format!("\"no current problems\" is {status}: it no longer says anything"),
                );
            }
        } else {
            organs(import, entry, node, &code, group);
        }
    }
}

/// A group of the conditions table that removes organs, removes one breast, or is not used.
fn organs(import: &mut Import<'_>, entry: usize, node: &Node<'_>, code: &Codeable, group: &Group) {
    if let Some(organs) = &group.organs {
        for (organ, present) in organs {
            if let (Some(organ), false) = (Organ::parse(organ), *present) {
                import.draft.organs.push(Found {
                    entry,
                    path: node.path.clone(),
                    value: organ,
                    note: group.note.clone(),
                });
            }
        }
    } else if let Some(side) = group.breast.as_deref() {
        let side = if side == "left" {
            Side::Left
        } else {
            Side::Right
        };
        import.draft.breasts.push(Found {
            entry,
            path: node.path.clone(),
            value: side,
            note: None,
        });
    } else {
        let why = group.not_used.clone().unwrap_or_default();
        import.skip(
            entry,
            &node.at("code"),
            NotUsedKind::NotCounted,
            format!("{}: {why}", code.described()),
        );
    }
}

/// A completed Procedure whose code is in the conditions table (a hysterectomy, a mastectomy);
/// `false` when it is not.
pub(super) fn procedure(
    import: &mut Import<'_>,
    entry: usize,
    node: &Node<'_>,
    code: &Codeable,
) -> bool {
    let groups = groups_of(import, code);
    if groups.is_empty() {
        return false;
    }
    for group in groups {
        match group.condition.as_deref().and_then(Condition::parse) {
            Some(condition) => import.draft.conditions.push(Found {
                entry,
                path: node.path.clone(),
                value: condition,
                note: group.note.clone(),
            }),
            None => organs(import, entry, node, code, group),
        }
    }
    true
}

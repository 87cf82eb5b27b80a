//! Screening tests, from an Observation, a DiagnosticReport or a Procedure whose code is a test of
//! the tables, with their result: the record's interpretation or coded value, a report's
//! conclusion codes, or the results it links — `abnormal` when one says abnormal, else `normal`
//! when one says normal, else `unknown`. A report and the observations it links are one test.

use super::assemble::{Found, Screening};
use super::conditions;
use super::ledger::NotUsedKind;
use super::maps::{Coding, Group, Kind, Maps};
use super::observations::{required_concept, COUNTED, EFFECTIVE};
use super::r4;
use super::read::{resource, Codeable, Node, Reader};
use super::Import;
use crate::codes::{Test, TestResult};

/// The statuses of a report that count (R4 diagnostic-report-status).
const REPORT_COUNTED: &[&str] = &["final", "amended", "corrected", "appended"];
/// The choice `performed[x]`.
const PERFORMED: &[&str] = &["DateTime", "Period", "String", "Age", "Range"];

/// The result the codings say, when the tables know one of them.
fn result_of(maps: &Maps, codings: &[Coding]) -> Vec<TestResult> {
    codings
        .iter()
        .flat_map(|c| maps.groups(Kind::Result, c))
        .filter_map(|g| g.result.as_deref().and_then(TestResult::parse))
        .collect()
}

/// Abnormal when one says so, else normal when one says so, else unknown.
fn gravest(results: impl IntoIterator<Item = TestResult>) -> TestResult {
    results
        .into_iter()
        .fold(TestResult::Unknown, |worst, r| match (worst, r) {
            (TestResult::Abnormal, _) | (_, TestResult::Abnormal) => TestResult::Abnormal,
            (TestResult::Normal, _) | (_, TestResult::Normal) => TestResult::Normal,
            _ => TestResult::Unknown,
        })
}

/// An observation's own result: its interpretations and its coded value, and those of its
/// components (a blood pressure flagged high on its systolic value only).
fn observation_results(reader: &mut Reader, maps: &Maps, node: &Node<'_>) -> Vec<TestResult> {
    let mut parts = vec![node.clone()];
    for (path, value) in reader.list(node, "component") {
        parts.extend(reader.object(
            &path,
            value,
            r4::OBSERVATION_COMPONENT,
            "Observation.component",
        ));
    }
    let mut codings: Vec<Coding> = Vec::new();
    for part in &parts {
        codings.extend(
            reader
                .concepts(part, "interpretation")
                .into_iter()
                .flat_map(|c| c.codings),
        );
        if let Some(value) = reader.concept(part, "valueCodeableConcept") {
            codings.extend(value.codings);
        }
    }
    result_of(maps, &codings)
}

/// Whether an observation gives a measured value (its own or a component's): one the import does
/// not judge against a threshold.
fn measured(node: &Node<'_>) -> bool {
    node.has("valueQuantity")
        || node
            .get("component")
            .and_then(|c| c.as_array())
            .is_some_and(|parts| parts.iter().any(|p| p.get("valueQuantity").is_some()))
}

/// The tests a code names, the groups it matched, and why not when it names none.
fn tests_of(maps: &'static Maps, code: &Codeable) -> (Vec<(Test, &'static Group)>, Option<String>) {
    let groups: Vec<&Group> = code
        .codings
        .iter()
        .flat_map(|c| maps.groups(Kind::Test, c))
        .collect();
    let mut tests: Vec<(Test, &Group)> = Vec::new();
    for group in &groups {
        if let Some(test) = group.test.as_deref().and_then(Test::parse) {
            if !tests.iter().any(|(t, _)| *t == test) {
                tests.push((test, group));
            }
        }
    }
    (tests, groups.iter().find_map(|g| g.not_used.clone()))
}

/// The day a test was done, or why it cannot be used.
fn test_day(
    import: &mut Import<'_>,
    entry: usize,
    node: &Node<'_>,
    prefix: &str,
    names: &[&str],
) -> Option<crate::date::Date> {
    match import.reader.when(node, prefix, names) {
        Err(why) => {
            import.skip(
                entry,
                &node.path,
                NotUsedKind::NoDate,
                format!("a test with {}", why.trim_start_matches("it has ")),
            );
            None
        }
        Ok((path, written)) => match import.ctx.event_day(written) {
            Ok(day) => Some(day),
            Err((kind, why)) => {
                import.skip(entry, &path, kind, why);
                None
            }
        },
    }
}

/// Records a test found at entry `entry`.
fn found(
    import: &mut Import<'_>,
    entry: usize,
    path: &str,
    tests: &[(Test, &Group)],
    day: crate::date::Date,
    result: TestResult,
) {
    for (test, group) in tests {
        import.draft.screenings.push(Found {
            entry,
            path: path.to_string(),
            value: Screening {
                test: *test,
                day,
                result,
            },
            note: group.note.clone(),
        });
    }
}

/// A test not named by any code, or named by codes the tables leave out.
fn no_test(
    import: &mut Import<'_>,
    entry: usize,
    node: &Node<'_>,
    code: &Codeable,
    why: Option<String>,
) {
    let (kind, reason) = match why {
        Some(why) => (
            NotUsedKind::NotCounted,
            format!("{}: {why}", code.described()),
        ),
        None => (
            NotUsedKind::UnknownCode,
            format!(
                "{}: not a test, condition or measure the tables know",
                code.described()
            ),
        ),
    };
    import.skip(entry, &node.at("code"), kind, reason);
}

/// An Observation whose code is a test.
pub(super) fn observation(import: &mut Import<'_>, entry: usize, node: &Node<'_>, code: &Codeable) {
    let maps = import.ctx.maps;
    let (tests, why) = tests_of(maps, code);
    if tests.is_empty() {
        no_test(import, entry, node, code, why);
        return;
    }
    if let Some(reason) = import.reader.concept(node, "dataAbsentReason") {
        let not_done = reason.codings.iter().any(|c| {
            c.system.as_deref() == Some(r4::DATA_ABSENT_SYSTEM)
                && c.code
                    .as_deref()
                    .is_some_and(|code| r4::NOT_PERFORMED.contains(&code))
        });
        if not_done {
            import.skip(
                entry,
                &node.at("dataAbsentReason"),
                NotUsedKind::Status,
                "its dataAbsentReason says the test was not performed".to_string(),
            );
            return;
        }
    }
    let Some(day) = test_day(import, entry, node, "effective", EFFECTIVE) else {
        return;
    };
    let result = gravest(observation_results(&mut import.reader, maps, node));
    // Said once, on the record a reader looks at: not on each result a report of the test links.
    if result == TestResult::Unknown && measured(node) && !part_of_report(import, entry) {
        import.ledger.note(
            entry,
            &node.path,
            "a measured value without an interpretation: the import does not judge values against a threshold, so the result is unknown".to_string(),
        );
    }
    found(import, entry, &node.path, &tests, day, result);
}

/// Whether a report (or procedure) that counts, and is a test, links entry `entry` among its
/// results: then it is part of that test.
pub(super) fn part_of_report(import: &Import<'_>, entry: usize) -> bool {
    let maps = import.ctx.maps;
    let mut scratch = Reader::default();
    import.ctx.parents(entry).iter().any(|parent| {
        let Some(node) = import
            .ctx
            .entries
            .get(*parent)
            .and_then(|e| e.resource.as_ref())
        else {
            return false;
        };
        let counts = node
            .get("status")
            .and_then(|s| s.as_str())
            .is_some_and(|s| REPORT_COUNTED.contains(&s) || s == "completed");
        let code = scratch.concept(node, "code").unwrap_or_default();
        counts && !tests_of(maps, &code).0.is_empty()
    })
}

/// The observations a report links in `result` (in the bundle, or contained in the report), read
/// for their results: those that count and are of no other test. Returns their results and the
/// entries used that way.
fn linked_results(
    import: &Import<'_>,
    report: &Node<'_>,
    tests: &[(Test, &Group)],
) -> (Vec<TestResult>, Vec<usize>) {
    let maps = import.ctx.maps;
    let mut scratch = Reader::default();
    let (mut results, mut used) = (Vec::new(), Vec::new());
    for (path, value) in scratch.list(report, "result") {
        let Some(reference) = scratch.reference(&path, value) else {
            continue;
        };
        let (node, entry) = if let Some(local) = reference.strip_prefix('#') {
            let contained = scratch
                .list(report, "contained")
                .into_iter()
                .find(|(_, c)| c.get("id").and_then(|id| id.as_str()) == Some(local));
            let Some((path, value)) = contained else {
                continue;
            };
            (resource(&mut scratch, &path, value), None)
        } else {
            let Some(index) = import.ctx.resolve(reference) else {
                continue;
            };
            let node = import
                .ctx
                .entries
                .get(index)
                .and_then(|e| e.resource.clone());
            (node, Some(index))
        };
        let Some(node) = node else {
            continue;
        };
        let observation = node.get("resourceType").and_then(|t| t.as_str()) == Some("Observation");
        let counts = node
            .get("status")
            .and_then(|s| s.as_str())
            .is_some_and(|s| COUNTED.contains(&s));
        if !observation || !counts {
            continue;
        }
        let code = scratch.concept(&node, "code").unwrap_or_default();
        let (own, _) = tests_of(maps, &code);
        let same = own.is_empty() || own.iter().all(|(t, _)| tests.iter().any(|(u, _)| u == t));
        if !same {
            continue;
        }
        results.extend(observation_results(&mut scratch, maps, &node));
        if own.is_empty() {
            used.extend(entry);
        }
    }
    (results, used)
}

/// A DiagnosticReport: a test when its code is one; its result from its conclusion codes, else its
/// linked observations.
pub(super) fn report(import: &mut Import<'_>, entry: usize, node: &Node<'_>) {
    let status = import
        .reader
        .required_code(node, "status", r4::REPORT_STATUSES);
    let code = required_concept(import, node, "code");
    import
        .reader
        .choice(node, "effective", &["DateTime", "Period"]);
    let conclusion = import.reader.concepts(node, "conclusionCode");
    if !import.admissible(entry, node, "subject", false) {
        return;
    }
    let (Some(status), Some(code)) = (status, code) else {
        return;
    };
    if !REPORT_COUNTED.contains(&status) {
        import.skip(
            entry,
            &node.at("status"),
            NotUsedKind::Status,
            format!("its status is \"{status}\": only final, amended, corrected or appended reports count"),
        );
        return;
    }
    let maps = import.ctx.maps;
    let (tests, why) = tests_of(maps, &code);
    if tests.is_empty() {
        if !part_of_report(import, entry) {
            no_test(import, entry, node, &code, why);
        }
        return;
    }
    let Some(day) = test_day(import, entry, node, "effective", &["DateTime", "Period"]) else {
        return;
    };
    let concluded = result_of(
        maps,
        &conclusion
            .into_iter()
            .flat_map(|c| c.codings)
            .collect::<Vec<_>>(),
    );
    let (linked, parts) = linked_results(import, node, &tests);
    let result = if concluded.is_empty() {
        gravest(linked)
    } else {
        gravest(concluded)
    };
    found(import, entry, &node.path, &tests, day, result);
    for part in parts {
        import.draft.used.push(part);
        import.ledger.consumed(part);
    }
}

/// A Procedure: a test (a colonoscopy), or an organ removed (`conditions.rs`).
pub(super) fn procedure(import: &mut Import<'_>, entry: usize, node: &Node<'_>) {
    let status = import
        .reader
        .required_code(node, "status", r4::PROCEDURE_STATUSES);
    let code = import.reader.concept(node, "code");
    import.reader.choice(node, "performed", PERFORMED);
    if !import.admissible(entry, node, "subject", true) {
        return;
    }
    let Some(status) = status else {
        return;
    };
    if status != "completed" {
        import.skip(
            entry,
            &node.at("status"),
            NotUsedKind::Status,
            format!("its status is \"{status}\": only completed procedures count"),
        );
        return;
    }
    let Some(code) = code else {
        import.skip(
            entry,
            &node.path,
            NotUsedKind::NoValue,
            "a procedure without a code".to_string(),
        );
        return;
    };
    let maps = import.ctx.maps;
    let (tests, why) = tests_of(maps, &code);
    if !tests.is_empty() {
        let Some(day) = test_day(import, entry, node, "performed", PERFORMED) else {
            return;
        };
        let mut results = Vec::new();
        let mut parts = Vec::new();
        let mut scratch = Reader::default();
        for (path, value) in scratch.list(node, "report") {
            let Some(index) = scratch
                .reference(&path, value)
                .and_then(|r| import.ctx.resolve(r))
            else {
                continue;
            };
            let Some(report) = import
                .ctx
                .entries
                .get(index)
                .and_then(|e| e.resource.clone())
            else {
                continue;
            };
            if report.get("resourceType").and_then(|t| t.as_str()) != Some("DiagnosticReport") {
                continue;
            }
            let counts = report
                .get("status")
                .and_then(|s| s.as_str())
                .is_some_and(|s| REPORT_COUNTED.contains(&s));
            if !counts {
                continue;
            }
            let concluded: Vec<Coding> = scratch
                .concepts(&report, "conclusionCode")
                .into_iter()
                .flat_map(|c| c.codings)
                .collect();
            results.extend(result_of(maps, &concluded));
            let report_code = scratch.concept(&report, "code").unwrap_or_default();
            if tests_of(maps, &report_code).0.is_empty() {
                let (linked, more) = linked_results(import, &report, &tests);
                results.extend(linked);
                parts.push(index);
                parts.extend(more);
            }
        }
        found(import, entry, &node.path, &tests, day, gravest(results));
        for part in parts {
            import.draft.used.push(part);
            import.ledger.consumed(part);
        }
        return;
    }
    if conditions::procedure(import, entry, node, &code) {
        return;
    }
    no_test(import, entry, node, &code, why);
}

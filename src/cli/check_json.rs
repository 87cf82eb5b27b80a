//! `vigie check --json` and `vigie test --json`: the same checks and cases as the text mode, as
//! one JSON document on stdout, for tools (the rule-authoring studio) that show problems at their
//! line and column and cases side by side. The exit code is the text mode's. Shapes:
//! docs/authoring.md ("Machine-readable output").

use std::path::Path;

use serde::Serialize;

use super::{folders, World};
use crate::cases::{self, Case, CaseResult};
use crate::catalog::{self, OpenError};
use crate::{Diagnostic, Nudge, RuleSet};

/// A problem: at a place in a file (relative to the version's folder), or about no place (a
/// version that cannot be opened at all).
#[derive(Serialize)]
struct ProblemJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
}

impl ProblemJson {
    /// A diagnostic of the folder `at` (the version's folder, or an overlay's base: then the file
    /// is named by its whole path, as it is not relative to the version's folder).
    fn at(dir: &Path, at: &Path, d: &Diagnostic) -> ProblemJson {
        let file = if at == dir {
            d.file.clone()
        } else {
            at.join(&d.file).display().to_string()
        };
        ProblemJson {
            file: Some(file),
            line: Some(d.line),
            column: Some(d.column),
            message: d.message.clone(),
            kind: d.kind,
        }
    }

    fn placeless(message: String) -> ProblemJson {
        ProblemJson {
            file: None,
            line: None,
            column: None,
            message,
            kind: None,
        }
    }

    /// The problems of an open that failed.
    fn of_open_error(dir: &Path, err: &OpenError) -> Vec<ProblemJson> {
        match err {
            OpenError::Invalid { dir: at, error } => error
                .diagnostics
                .iter()
                .map(|d| ProblemJson::at(dir, at, d))
                .collect(),
            OpenError::NotFound(message) => vec![ProblemJson::placeless(message.clone())],
        }
    }
}

/// Prints `value` as one JSON document, the layout of every JSON the command prints.
fn print_json(w: &mut dyn World, value: &impl Serialize) {
    let json = serde_json::to_string_pretty(value).unwrap_or_default();
    w.out(&format!("{json}\n"));
}

#[derive(Serialize)]
struct CheckJson {
    ok: bool,
    errors: Vec<String>,
    versions: Vec<VersionCheck>,
}

/// One version checked: its identity when it loads, its problems when it does not.
#[derive(Serialize)]
struct VersionCheck {
    dir: String,
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    digest: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rules: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extends: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    problems: Option<Vec<ProblemJson>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
}

/// `vigie check <rule set> --json`.
pub(super) fn check(w: &mut dyn World, name: &str) -> u8 {
    let mut answer = CheckJson {
        ok: true,
        errors: Vec::new(),
        versions: Vec::new(),
    };
    match folders(w, name) {
        Err(lines) => {
            answer.ok = false;
            answer.errors = lines;
        }
        Ok(found) => {
            for (_, dir) in found {
                let version = check_version(w, &dir);
                answer.ok &= version.ok;
                answer.versions.push(version);
            }
        }
    }
    print_json(w, &answer);
    u8::from(!answer.ok)
}

fn check_version(w: &mut dyn World, dir: &Path) -> VersionCheck {
    let shown = dir.display().to_string();
    match catalog::open_in(w.files(), &dir.to_string_lossy(), w.today()) {
        Ok(ruleset) => {
            let id = ruleset.id();
            VersionCheck {
                dir: shown,
                ok: true,
                rules: Some(ruleset.effective().manifest.rules.len()),
                extends: id
                    .extends
                    .as_ref()
                    .map(|b| format!("{}@{}", b.id, b.version)),
                id: Some(id.id),
                version: Some(id.version),
                digest: Some(id.digest),
                problems: None,
                summary: None,
            }
        }
        Err(err) => VersionCheck {
            dir: shown,
            ok: false,
            id: None,
            version: None,
            digest: None,
            rules: None,
            extends: None,
            problems: Some(ProblemJson::of_open_error(dir, &err)),
            summary: err.lines().last().cloned(),
        },
    }
}

#[derive(Serialize)]
struct TestJson {
    ok: bool,
    passed: usize,
    failed: usize,
    errors: Vec<String>,
    versions: Vec<VersionTest>,
}

#[derive(Serialize)]
struct VersionTest {
    dir: String,
    label: String,
    ok: bool,
    passed: usize,
    failed: usize,
    problems: Vec<ProblemJson>,
    cases: Vec<CaseJson>,
}

/// An expected nudge, as the case file gives it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExpectJson {
    program: String,
    status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    due_date: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    says: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    says_not: Vec<String>,
}

/// One case: what it expects, what came out, and where they part.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CaseJson {
    file: String,
    /// Its position in its file, from 0.
    index: usize,
    name: String,
    as_of: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    locale: Option<String>,
    passed: bool,
    failures: Vec<String>,
    expect: Vec<ExpectJson>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    absent: Vec<String>,
    /// The report's nudges as the report serializes them (the same type, so the same keys in
    /// the same order); absent when there is no report.
    #[serde(skip_serializing_if = "Option::is_none")]
    nudges: Option<Vec<Nudge>>,
    /// Why there is no report (the profile refused, a bad `asOf`, a failed evaluation).
    #[serde(skip_serializing_if = "Option::is_none")]
    refused: Option<Vec<String>>,
}

impl CaseJson {
    fn of(case: Case, result: CaseResult, index: usize) -> CaseJson {
        let passed = result.passed();
        let (nudges, refused) = match result.report {
            Some(report) => (Some(report.nudges), None),
            None => (None, Some(result.failures.clone())),
        };
        CaseJson {
            file: result.file,
            index,
            name: case.name,
            as_of: case.as_of,
            locale: case.locale,
            passed,
            failures: result.failures,
            expect: case
                .expect
                .into_iter()
                .map(|e| ExpectJson {
                    program: e.program,
                    status: e.status,
                    due_date: e.due_date,
                    says: e.says.0,
                    says_not: e.says_not.0,
                })
                .collect(),
            absent: case.absent,
            nudges,
            refused,
        }
    }
}

/// `vigie test <rule set> --json`.
pub(super) fn test(w: &mut dyn World, name: &str) -> u8 {
    let mut answer = TestJson {
        ok: true,
        passed: 0,
        failed: 0,
        errors: Vec::new(),
        versions: Vec::new(),
    };
    match folders(w, name) {
        Err(lines) => {
            answer.ok = false;
            answer.errors = lines;
        }
        Ok(found) => {
            for (label, dir) in found {
                let version = test_version(w, label, &dir);
                answer.ok &= version.ok;
                answer.passed += version.passed;
                answer.failed += version.failed;
                answer.versions.push(version);
            }
        }
    }
    print_json(w, &answer);
    u8::from(!answer.ok)
}

fn test_version(w: &mut dyn World, label: String, dir: &Path) -> VersionTest {
    let mut version = VersionTest {
        dir: dir.display().to_string(),
        label,
        ok: false,
        passed: 0,
        failed: 0,
        problems: Vec::new(),
        cases: Vec::new(),
    };
    let ruleset: RuleSet = match catalog::open_in(w.files(), &dir.to_string_lossy(), w.today()) {
        Ok(ruleset) => ruleset,
        Err(err) => {
            version.problems = ProblemJson::of_open_error(dir, &err);
            return version;
        }
    };
    let ran = match cases::run_dir_with_cases_in(w.files(), &ruleset, dir) {
        Ok(ran) => ran,
        Err(problems) => {
            version.problems = problems
                .iter()
                .map(|d| ProblemJson::at(dir, dir, d))
                .collect();
            return version;
        }
    };
    let mut previous: Option<String> = None;
    let mut index = 0;
    for (case, result) in ran {
        if previous.as_deref() == Some(result.file.as_str()) {
            index += 1;
        } else {
            index = 0;
            previous = Some(result.file.clone());
        }
        if result.passed() {
            version.passed += 1;
        } else {
            version.failed += 1;
        }
        version.cases.push(CaseJson::of(case, result, index));
    }
    // No cases counts as broken, as in the text mode.
    version.ok = version.failed == 0 && !version.cases.is_empty();
    version
}

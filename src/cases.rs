//! A rule set's own test cases (`cases/*.json`): profile in, expected nudges out.
//! The format is documented in `rules/README.md`.

use serde::Deserialize;

use crate::codes::Program;
use crate::date;
use crate::diagnostics::Diagnostic;
use crate::entry::Error;
use crate::evaluate::Options;
use crate::report::{Nudge, Report};
use crate::ruleset::RuleSet;

/// A file of cases.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    /// What these cases cover.
    pub about: String,
    /// The cases.
    pub cases: Vec<Case>,
}

/// One case.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Case {
    /// What it checks, in a sentence.
    pub name: String,
    /// The evaluation date.
    pub as_of: String,
    /// The locale (the rule set's first when absent).
    #[serde(default)]
    pub locale: Option<String>,
    /// The profile (docs/contract.md §1).
    pub profile: serde_json::Value,
    /// Nudges that must come out.
    #[serde(default)]
    pub expect: Vec<Expected>,
    /// Programs that must not come out.
    #[serde(default)]
    pub absent: Vec<String>,
}

/// An expected nudge.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Expected {
    /// Program code.
    pub program: String,
    /// Status word.
    pub status: String,
    /// Due date, `null` for `refer` and `info`.
    #[serde(default)]
    pub due_date: Option<String>,
    /// Words the nudge's title, message or action must contain (to pin a wording: a campaign
    /// given as usual dates, an honest "if you have not …", where to go): one text or a list.
    #[serde(default)]
    pub says: Texts,
    /// Words none of the nudge's title, message and action may contain.
    #[serde(default)]
    pub says_not: Texts,
}

/// One text or a list of texts (`"says": "…"` or `"says": ["…", "…"]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(from = "TextOrList")]
pub struct Texts(pub Vec<String>);

#[derive(Deserialize)]
#[serde(untagged)]
enum TextOrList {
    One(String),
    Many(Vec<String>),
}

impl From<TextOrList> for Texts {
    fn from(value: TextOrList) -> Texts {
        match value {
            TextOrList::One(text) => Texts(vec![text]),
            TextOrList::Many(texts) => Texts(texts),
        }
    }
}

/// The outcome of one case.
#[derive(Debug, Clone)]
pub struct CaseResult {
    /// The case file, relative to the rule-set folder.
    pub file: String,
    /// The case's name.
    pub name: String,
    /// Why it failed; empty when it passed.
    pub failures: Vec<String>,
    /// The report, when the profile was accepted.
    pub report: Option<Report>,
}

impl CaseResult {
    /// Whether the case passed.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Parses a case file; problems come back as `file:line:col` diagnostics.
pub fn parse_case_file(file: &str, text: &str) -> Result<CaseFile, Diagnostic> {
    serde_json::from_str(text).map_err(|err| Diagnostic::from_json_error(file, &err))
}

/// Runs one case.
pub fn run_case(ruleset: &RuleSet, file: &str, case: &Case) -> CaseResult {
    let mut result = CaseResult {
        file: file.to_string(),
        name: case.name.clone(),
        failures: Vec::new(),
        report: None,
    };
    match evaluate_case(ruleset, case) {
        Ok(report) => {
            result.failures = failures_of(case, &report);
            result.report = Some(report);
        }
        Err(failures) => result.failures = failures,
    }
    result
}

/// The case's report, or why there is none.
fn evaluate_case(ruleset: &RuleSet, case: &Case) -> Result<Report, Vec<String>> {
    let Some(as_of) = date::parse(&case.as_of) else {
        return Err(vec![format!(
            "asOf `{}` is not a date (YYYY-MM-DD)",
            case.as_of
        )]);
    };
    let options = Options {
        as_of,
        locale: case.locale.clone(),
        trace: false,
    };
    crate::evaluate(ruleset, &case.profile, &options).map_err(|err| match err {
        Error::Profile(err) => err
            .problems
            .iter()
            .map(|p| format!("profile refused: {p}"))
            .collect(),
        Error::Evaluate(err) => vec![err.to_string()],
        Error::Fhir(err) => err
            .problems
            .iter()
            .map(|p| format!("bundle refused: {p}"))
            .collect(),
    })
}

/// Where the report departs from the case: rules that failed, nudges expected and not given (or
/// given otherwise), nudges given that should be absent.
fn failures_of(case: &Case, report: &Report) -> Vec<String> {
    let mut failures = Vec::new();
    for error in &report.errors {
        let at = match (error.line, error.column) {
            (Some(l), Some(c)) => format!(" at {l}:{c}"),
            _ => String::new(),
        };
        failures.push(format!(
            "rule `{}` failed{at}: {}",
            error.rule, error.message
        ));
    }
    for expected in &case.expect {
        if Program::parse(&expected.program).is_none() {
            failures.push(format!("expect: unknown program `{}`", expected.program));
            continue;
        }
        match report.nudge(&expected.program) {
            None => failures.push(format!(
                "{}: expected {} {}, got no nudge",
                expected.program,
                expected.status,
                shown_date(expected.due_date.as_deref())
            )),
            Some(nudge) => check_nudge(expected, nudge, &mut failures),
        }
    }
    for program in &case.absent {
        if let Some(nudge) = report.nudge(program) {
            failures.push(format!(
                "{program}: expected no nudge, got {} {} (rule {})",
                nudge.status.as_str(),
                shown_date(nudge.due_date.as_deref()),
                nudge.rule
            ));
        }
    }
    failures
}

/// An expected nudge given: its status, due date and words.
fn check_nudge(expected: &Expected, nudge: &Nudge, failures: &mut Vec<String>) {
    if nudge.status.as_str() != expected.status || nudge.due_date != expected.due_date {
        failures.push(format!(
            "{}: expected {} {}, got {} {} (rule {})",
            expected.program,
            expected.status,
            shown_date(expected.due_date.as_deref()),
            nudge.status.as_str(),
            shown_date(nudge.due_date.as_deref()),
            nudge.rule
        ));
    }
    let texts = [&nudge.title, &nudge.message, &nudge.action];
    for words in &expected.says.0 {
        if !texts.iter().any(|text| text.contains(words.as_str())) {
            failures.push(format!(
                "{}: expected the nudge to say `{words}`; it says: {} {} {}",
                expected.program, nudge.title, nudge.message, nudge.action
            ));
        }
    }
    for words in &expected.says_not.0 {
        if texts.iter().any(|text| text.contains(words.as_str())) {
            failures.push(format!(
                "{}: expected the nudge not to say `{words}`; it says: {} {} {}",
                expected.program, nudge.title, nudge.message, nudge.action
            ));
        }
    }
}

fn shown_date(day: Option<&str>) -> String {
    day.map_or("(no date)".to_string(), |d| format!("on {d}"))
}

/// Reads and runs every `cases/*.json` of a rule-set folder, files in name order.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_dir(
    ruleset: &RuleSet,
    dir: &std::path::Path,
) -> Result<Vec<CaseResult>, Vec<Diagnostic>> {
    run_dir_in(&crate::files::NativeFiles, ruleset, dir)
}

/// [`run_dir`], reading through `fs`.
#[cfg(vigie_tools)]
pub fn run_dir_in(
    fs: &dyn crate::files::Files,
    ruleset: &RuleSet,
    dir: &std::path::Path,
) -> Result<Vec<CaseResult>, Vec<Diagnostic>> {
    Ok(read_dir_in(fs, dir)?
        .iter()
        .map(|(file, case)| run_case(ruleset, file, case))
        .collect())
}

/// [`run_dir_in`], each result beside its case (what `vigie test --json` shows of both).
#[cfg(vigie_tools)]
pub fn run_dir_with_cases_in(
    fs: &dyn crate::files::Files,
    ruleset: &RuleSet,
    dir: &std::path::Path,
) -> Result<Vec<(Case, CaseResult)>, Vec<Diagnostic>> {
    Ok(read_dir_in(fs, dir)?
        .into_iter()
        .map(|(file, case)| {
            let result = run_case(ruleset, &file, &case);
            (case, result)
        })
        .collect())
}

/// Reads every case of a rule-set folder (`cases/*.json`, files in name order), with its file.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_dir(dir: &std::path::Path) -> Result<Vec<(String, Case)>, Vec<Diagnostic>> {
    read_dir_in(&crate::files::NativeFiles, dir)
}

/// [`read_dir`], reading through `fs`.
#[cfg(vigie_tools)]
pub fn read_dir_in(
    fs: &dyn crate::files::Files,
    dir: &std::path::Path,
) -> Result<Vec<(String, Case)>, Vec<Diagnostic>> {
    let cases_dir = dir.join("cases");
    if fs.kind(&cases_dir).is_ok_and(|kind| !kind.is_dir()) {
        return Err(vec![Diagnostic::at_start("cases", "not a folder (a symbolic link?); a rule set holds only regular files and folders, never links".to_string())]);
    }
    let mut names: Vec<String> = match fs.list(&cases_dir) {
        Ok(entries) => entries
            .into_iter()
            .map(|(name, _)| name)
            .filter(|n| n.ends_with(".json"))
            .take(10_000)
            .collect(),
        Err(err) => {
            return Err(vec![Diagnostic::at_start(
                "cases",
                format!("cannot read the cases folder: {err}"),
            )])
        }
    };
    names.sort();
    let mut cases = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        let file = format!("cases/{name}");
        // A regular file of at most MAX_CASE_FILE_BYTES: never a link, a FIFO or a device.
        let text = match crate::ruleset::read_limited(
            fs,
            &cases_dir.join(&name),
            crate::ruleset::MAX_CASE_FILE_BYTES,
        ) {
            Ok(text) => text,
            Err(message) => {
                problems.push(Diagnostic {
                    kind: None,
                    file,
                    line: 1,
                    column: 1,
                    message,
                });
                continue;
            }
        };
        match parse_case_file(&file, &text) {
            Ok(case_file) => {
                cases.extend(case_file.cases.into_iter().map(|case| (file.clone(), case)));
            }
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(cases)
    } else {
        Err(problems)
    }
}

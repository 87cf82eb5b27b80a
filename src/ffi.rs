//! The boundary with other languages: JSON text in, JSON text out, errors as tagged data.
//!
//! The wasm layer (`src/wasm.rs`) is a thin wrapper over these functions; native code and tests
//! call them directly, without a browser. Passing JSON text both ways is also the fastest route
//! across the wasm boundary, and makes the package's reports byte-identical to `vigie eval`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::bundle::BundleError;
use crate::cds_hooks::{self, CardOptions, CdsHooksResponse};
use crate::diagnostics::json_error_message;
use crate::fhir::{FhirError, FhirInput, FhirProblem};
use crate::{
    date, Diagnostic, Error, EvaluateError, Options, Problem, ProblemKind, Profile, ProfileError,
    ProfileInput, RuleSet,
};

/// Why a call across the boundary failed. Serialized as `{"code": "…", "message": "…", …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(
    tag = "code",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
pub enum Failure {
    /// The profile was refused; every problem with its JSON path.
    #[error("{message}")]
    InvalidProfile {
        /// Summary.
        message: String,
        /// Every problem.
        problems: Vec<Problem>,
    },
    /// The answers to a rule set's questions were refused (docs/questions.md §5); every problem at
    /// `answers.<id>…`, with its kind.
    #[error("{message}")]
    InvalidAnswers {
        /// Summary.
        message: String,
        /// Every problem.
        problems: Vec<Problem>,
    },
    /// An evaluation option is wrong.
    #[error("{message}")]
    InvalidOptions {
        /// What is wrong.
        message: String,
        /// Which option (`asOf`, `locale` …).
        path: String,
    },
    /// The rule set does not speak the locale.
    #[error("{message}")]
    UnknownLocale {
        /// What was asked and what is accepted.
        message: String,
    },
    /// A bundle (or built-in rule set) could not be loaded.
    #[error("{message}")]
    InvalidBundle {
        /// Summary.
        message: String,
        /// Every problem, as `file:line:col`.
        diagnostics: Vec<Diagnostic>,
    },
    /// A bundle's content does not match its digest: it was altered after it was made.
    #[error("{message}")]
    DigestMismatch {
        /// Summary.
        message: String,
        /// The digest the bundle claims.
        expected: String,
        /// The digest of its content.
        actual: String,
    },
    /// The caller pinned a digest (`expectDigest`, `--expect-digest`) and the rule set is another.
    #[error("{message}")]
    UnexpectedDigest {
        /// Summary.
        message: String,
        /// The digest the caller expected.
        expected: String,
        /// The rule set's digest (as reports name it).
        actual: String,
        /// The whole bundle's digest, for a bundle.
        #[serde(skip_serializing_if = "Option::is_none")]
        bundle_digest: Option<String>,
    },
    /// What was given as a report (to turn into cards) is not one.
    #[error("{message}")]
    InvalidReport {
        /// What is wrong.
        message: String,
    },
    /// A bundle, or an overlay's embedded base, claims the id and version of a rule set built
    /// into Vigie but is not it.
    #[error("{message}")]
    BuiltInMismatch {
        /// Summary.
        message: String,
        /// `id@version` it claims.
        claims: String,
        /// The built-in version's digest.
        expected: String,
        /// The digest of what the bundle carries.
        actual: String,
    },
    /// A FHIR bundle was refused (docs/contract.md §5); every problem with its JSON path in the bundle.
    #[error("{message}")]
    InvalidFhir {
        /// Summary.
        message: String,
        /// Every problem.
        problems: Vec<FhirProblem>,
    },
}

impl Failure {
    /// The failure as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| {
            r#"{"code":"internal","message":"could not describe the failure"}"#.to_string()
        })
    }
}

/// A refused bundle or pinned digest, as the tagged failure the package knows by its `code`.
impl From<BundleError> for Failure {
    fn from(err: BundleError) -> Failure {
        let message = err.to_string();
        match err {
            BundleError::DigestMismatch {
                expected, actual, ..
            }
            | BundleError::BundleDigestMismatch {
                expected, actual, ..
            } => Failure::DigestMismatch {
                message,
                expected,
                actual,
            },
            BundleError::UnexpectedDigest {
                expected,
                actual,
                bundle_digest,
                ..
            } => Failure::UnexpectedDigest {
                message,
                expected,
                actual,
                bundle_digest,
            },
            BundleError::BuiltInMismatch {
                claims,
                expected,
                actual,
                ..
            } => Failure::BuiltInMismatch {
                message,
                claims,
                expected,
                actual,
            },
            BundleError::NotADigest { path, .. } => Failure::InvalidOptions { message, path },
            other => Failure::InvalidBundle {
                message,
                diagnostics: other.diagnostics().to_vec(),
            },
        }
    }
}

/// Options as JSON text (empty text: the defaults); a mistake is `invalid-options`, saying what
/// is `accepted`.
fn options_from_json<T: serde::de::DeserializeOwned + Default>(
    text: &str,
    accepted: &str,
) -> Result<T, Failure> {
    if text.trim().is_empty() {
        return Ok(T::default());
    }
    serde_json::from_str(text).map_err(|err| Failure::InvalidOptions {
        message: format!(
            "options: {}; accepted: {accepted}",
            json_error_message(&err)
        ),
        path: String::new(),
    })
}

/// Options of an evaluation, as JSON: `{"asOf": "YYYY-MM-DD", "locale": "fr", "trace": false,
/// "questions": false}`, every field optional (`asOf` defaults to today).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct EvaluateOptions {
    /// The evaluation date.
    #[serde(default)]
    pub as_of: Option<String>,
    /// The locale of the words.
    #[serde(default)]
    pub locale: Option<String>,
    /// Whether to add every rule's outcome.
    #[serde(default)]
    pub trace: Option<bool>,
    /// Whether to add the open questions that could change a nudge (`vigie eval --questions`,
    /// docs/questions.md §5).
    #[serde(default)]
    pub questions: Option<bool>,
}

impl EvaluateOptions {
    /// Reads options from JSON text; empty text means no options.
    pub fn from_json(text: &str) -> Result<EvaluateOptions, Failure> {
        options_from_json(text, "asOf (YYYY-MM-DD), locale, trace, questions")
    }

    /// Whether the open questions were asked for.
    pub fn wants_questions(&self) -> bool {
        self.questions.unwrap_or(false)
    }

    /// Refuses `questions: true` where there is no profile's JSON to ask about (a FHIR bundle),
    /// as `vigie eval --fhir --questions` does.
    fn without_questions(self, instead: &str) -> Result<EvaluateOptions, Failure> {
        if self.wants_questions() {
            return Err(questions_refused(instead));
        }
        Ok(self)
    }

    /// The engine's options, with `asOf` defaulting to `today`.
    pub fn resolve(&self, today: NaiveDate) -> Result<Options, Failure> {
        let as_of = match &self.as_of {
            None => today,
            Some(text) => date::parse(text).ok_or_else(|| Failure::InvalidOptions {
                message: format!("asOf: \"{text}\" is not a date (expected YYYY-MM-DD)"),
                path: "asOf".to_string(),
            })?,
        };
        Ok(Options {
            as_of,
            locale: self.locale.clone(),
            trace: self.trace.unwrap_or(false),
        })
    }
}

/// How a report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Indented, as `vigie eval` prints it: for people and for byte-for-byte comparisons.
    Pretty,
    /// No whitespace: a fifth smaller, for a program that parses it at once.
    Compact,
}

/// Evaluates a JSON profile through [`crate::evaluate`]; the report as JSON (pretty: the same
/// text `vigie eval` prints).
pub fn evaluate(
    ruleset: &RuleSet,
    profile_json: &str,
    options_json: &str,
    today: NaiveDate,
    layout: Layout,
) -> Result<String, Failure> {
    let asked = EvaluateOptions::from_json(options_json)?;
    let options = asked.resolve(today)?;
    let mut report = crate::evaluate(ruleset, profile_json, &options)?;
    if asked.wants_questions() {
        // The profile was read and checked by `evaluate`: this parse cannot fail on it.
        let profile: serde_json::Value =
            serde_json::from_str(profile_json).map_err(|err| Failure::InvalidProfile {
                message: format!("the profile is not JSON: {}", json_error_message(&err)),
                problems: vec![Problem::new(
                    "",
                    ProblemKind::NotJson,
                    format!("is not valid JSON: {}", json_error_message(&err)),
                )],
            })?;
        report.questions = Some(crate::questions::open_questions(
            ruleset, &profile, &options,
        )?);
    }
    Ok(match layout {
        Layout::Pretty => report.to_json_pretty(),
        Layout::Compact => report.to_json(),
    })
}

/// `questions: true` where it cannot go: `invalid-options` at `questions`, saying `instead`.
fn questions_refused(instead: &str) -> Failure {
    Failure::InvalidOptions {
        message: format!(
            "questions: the open questions go with a profile and the report, not with {instead} (as `vigie eval --questions`)"
        ),
        path: "questions".to_string(),
    }
}

/// Options of an evaluation that answers cards, as JSON: `{"asOf": "YYYY-MM-DD", "locale": "fr",
/// "all": false}`, every field optional (`asOf` defaults to today; `all` adds `up-to-date` nudges).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CardsEvaluateOptions {
    /// The evaluation date.
    #[serde(default)]
    pub as_of: Option<String>,
    /// The locale of the words.
    #[serde(default)]
    pub locale: Option<String>,
    /// Cards for `up-to-date` nudges too.
    #[serde(default)]
    pub all: bool,
    /// Read only to refuse `true` with clear words: cards carry no questions (as
    /// `vigie eval --format cds-hooks --questions`).
    #[serde(default)]
    pub questions: Option<bool>,
}

impl CardsEvaluateOptions {
    /// Reads options from JSON text; empty text means no options.
    pub fn from_json(text: &str) -> Result<CardsEvaluateOptions, Failure> {
        options_from_json(text, "asOf (YYYY-MM-DD), locale, all")
    }

    /// The engine's options (`asOf` defaulting to `today`) and which nudges become cards.
    pub fn resolve(&self, today: NaiveDate) -> Result<(Options, CardOptions), Failure> {
        if self.questions == Some(true) {
            return Err(questions_refused("CDS Hooks cards"));
        }
        let evaluate = EvaluateOptions {
            as_of: self.as_of.clone(),
            locale: self.locale.clone(),
            trace: None,
            questions: None,
        };
        Ok((evaluate.resolve(today)?, CardOptions { all: self.all }))
    }
}

/// Reads `{"all": bool}`; empty text means no options.
fn card_options(text: &str) -> Result<CardOptions, Failure> {
    options_from_json(text, "all")
}

fn written(response: &CdsHooksResponse, layout: Layout) -> String {
    match layout {
        Layout::Pretty => response.to_json_pretty(),
        Layout::Compact => response.to_json(),
    }
}

/// Evaluates a JSON profile through [`crate::evaluate`] and answers CDS Hooks cards (CONTRACT
/// §6) as JSON (pretty: the text `vigie eval --format cds-hooks` prints).
pub fn evaluate_cards(
    ruleset: &RuleSet,
    profile_json: &str,
    options_json: &str,
    today: NaiveDate,
    layout: Layout,
) -> Result<String, Failure> {
    let (options, cards) = CardsEvaluateOptions::from_json(options_json)?.resolve(today)?;
    let report = crate::evaluate(ruleset, profile_json, &options)?;
    Ok(written(&cds_hooks::cards(&report, &cards), layout))
}

/// Turns a report's JSON (as `evaluate` returned it, or parsed and written again) into CDS Hooks
/// cards: the same as evaluating with cards. Options: `{"all": bool}`.
pub fn cards(report_json: &str, options_json: &str, layout: Layout) -> Result<String, Failure> {
    let options = card_options(options_json)?;
    let response = cds_hooks::cards_from_json(report_json, &options).map_err(|err| {
        Failure::InvalidReport {
            message: err.to_string(),
        }
    })?;
    Ok(written(&response, layout))
}

/// A refused profile or an evaluation that could not start, as a tagged failure.
impl From<Error> for Failure {
    fn from(err: Error) -> Failure {
        match err {
            Error::Profile(err) => Failure::InvalidProfile {
                message: err.to_string(),
                problems: err.problems,
            },
            Error::Evaluate(err @ EvaluateError::AsOfOutOfRange { .. }) => {
                Failure::InvalidOptions {
                    message: err.to_string(),
                    path: "asOf".to_string(),
                }
            }
            Error::Evaluate(err @ EvaluateError::UnknownLocale { .. }) => Failure::UnknownLocale {
                message: err.to_string(),
            },
            Error::Fhir(err) => Failure::from(err),
        }
    }
}

/// A refused FHIR bundle, as a tagged failure.
impl From<FhirError> for Failure {
    fn from(err: FhirError) -> Failure {
        Failure::InvalidFhir {
            message: err.to_string(),
            problems: err.problems,
        }
    }
}

/// The outcome of a validation, as JSON.
#[derive(Debug, Serialize)]
struct Validation {
    valid: bool,
    problems: Vec<Problem>,
}

/// Validates a JSON profile: `{"valid": bool, "problems": [{"path", "kind", "message"}]}`.
pub fn validate(
    profile_json: &str,
    options_json: &str,
    today: NaiveDate,
) -> Result<String, Failure> {
    let options = EvaluateOptions::from_json(options_json)?.resolve(today)?;
    let problems = match Profile::from_json(profile_json, options.as_of) {
        Ok(_) => Vec::new(),
        Err(err) => err.problems,
    };
    let validation = Validation {
        valid: problems.is_empty(),
        problems,
    };
    Ok(serde_json::to_string(&validation).unwrap_or_default())
}

/// The rule set's id, version and digest as JSON.
pub fn ruleset_id(ruleset: &RuleSet) -> String {
    serde_json::to_string(&ruleset.id()).unwrap_or_default()
}

/// Options of a call that only reads words (`programs`, `code_labels`), as JSON:
/// `{"locale": "fr"}`, the locale optional (the rule set's first when absent).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct WordsOptions {
    /// The locale of the words.
    #[serde(default)]
    pub locale: Option<String>,
}

impl WordsOptions {
    /// Reads options from JSON text; empty text means no options.
    pub fn from_json(text: &str) -> Result<WordsOptions, Failure> {
        options_from_json(text, "locale")
    }
}

/// An unknown locale (the only way a call that reads words fails once its options are read).
fn words_failure(err: EvaluateError) -> Failure {
    Failure::UnknownLocale {
        message: err.to_string(),
    }
}

/// The programs the rule set covers, as JSON: `[{"program", "title", "description"}, …]`, the
/// array `vigie programs` prints.
pub fn programs(ruleset: &RuleSet, options_json: &str) -> Result<String, Failure> {
    let options = WordsOptions::from_json(options_json)?;
    let programs = ruleset
        .programs(options.locale.as_deref())
        .map_err(words_failure)?;
    Ok(serde_json::to_string(&programs).unwrap_or_default())
}

/// The labels the rule set's reports give codes, and the engine's words for a questionnaire, as
/// JSON: `{"locale", "codes": {code: label}, "answers": {list: {code: words}}}`.
pub fn code_labels(ruleset: &RuleSet, options_json: &str) -> Result<String, Failure> {
    let options = WordsOptions::from_json(options_json)?;
    let labels = ruleset
        .code_labels(options.locale.as_deref())
        .map_err(words_failure)?;
    Ok(serde_json::to_string(&labels).unwrap_or_default())
}

/// The rule set's questionnaire (docs/questions.md §5), as JSON: `{"locale", "priority",
/// "questions": [{"id", "text", "why", "kind", "fills", …}]}`, every declared question worded in
/// `{"locale"}` (the rule set's first by default); pretty, the text `vigie questions` prints.
pub fn questionnaire(
    ruleset: &RuleSet,
    options_json: &str,
    layout: Layout,
) -> Result<String, Failure> {
    let options = WordsOptions::from_json(options_json)?;
    let questionnaire = crate::questions::questionnaire(ruleset, options.locale.as_deref())
        .map_err(words_failure)?;
    Ok(match layout {
        Layout::Pretty => serde_json::to_string_pretty(&questionnaire),
        Layout::Compact => serde_json::to_string(&questionnaire),
    }
    .unwrap_or_default())
}

/// Options of `profileFromAnswers`, as JSON: `{"asOf": "YYYY-MM-DD"}`, optional (`asOf` defaults
/// to today): the day the profile is made for (`{"yearsAgo": n}` counts from it; no date after it).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AnswersOptions {
    /// The evaluation date.
    #[serde(default)]
    pub as_of: Option<String>,
}

impl AnswersOptions {
    /// Reads options from JSON text; empty text means no options.
    pub fn from_json(text: &str) -> Result<AnswersOptions, Failure> {
        options_from_json(text, "asOf (YYYY-MM-DD)")
    }
}

/// Refused answers, as a tagged failure whose message counts them and names the first.
fn invalid_answers(problems: Vec<Problem>) -> Failure {
    let first = problems.first().map(Problem::to_string).unwrap_or_default();
    Failure::InvalidAnswers {
        message: format!("the answers have {} problem(s): {first}", problems.len()),
        problems,
    }
}

/// The profile (docs/contract.md §1) that `{"answers": {"<id>": answer, …}}` (JSON text) makes
/// for the rule set's questions (docs/questions.md §5), as JSON (pretty: the text `vigie answers`
/// prints); or `invalid-answers` with every problem at `answers.<id>…`. The text is read as
/// strictly as a profile's: at most [`Profile::MAX_JSON_BYTES`], nested at most 64 deep, and a key
/// given twice refused (an answer given twice is never silently the last one).
pub fn profile_from_answers(
    ruleset: &RuleSet,
    answers_json: &str,
    options_json: &str,
    today: NaiveDate,
    layout: Layout,
) -> Result<String, Failure> {
    let options = AnswersOptions::from_json(options_json)?;
    let as_of = EvaluateOptions {
        as_of: options.as_of,
        ..EvaluateOptions::default()
    }
    .resolve(today)?
    .as_of;
    let answers = read_answers(answers_json).map_err(invalid_answers)?;
    let profile = crate::questions::profile_from_answers(
        ruleset.effective().questions.as_ref(),
        &answers,
        as_of,
    )
    .map_err(|err: ProfileError| invalid_answers(err.problems))?;
    Ok(match layout {
        Layout::Pretty => serde_json::to_string_pretty(&profile),
        Layout::Compact => serde_json::to_string(&profile),
    }
    .unwrap_or_default())
}

/// The answers' JSON text as a value, or why it cannot be read (at path `""`, or at the repeated
/// key).
fn read_answers(text: &str) -> Result<serde_json::Value, Vec<Problem>> {
    let whole = |kind, message: String| vec![Problem::new("", kind, message)];
    if text.len() > Profile::MAX_JSON_BYTES {
        return Err(whole(
            ProblemKind::TooLarge,
            format!(
                "is {} bytes long; answers may be at most {} bytes (1 MB)",
                text.len(),
                Profile::MAX_JSON_BYTES
            ),
        ));
    }
    if text.trim().is_empty() {
        return Err(whole(
            ProblemKind::NotJson,
            "is empty: expected {\"answers\": {\"<question id>\": answer, …}}".to_string(),
        ));
    }
    let (value, repeated) = crate::profile::json::parse_json(text)?;
    if repeated.is_empty() {
        Ok(value)
    } else {
        Err(repeated)
    }
}

/// Every source the rule set cites, as JSON: `[{"label", "url", "checked"}, …]`.
pub fn cited_sources(ruleset: &RuleSet) -> String {
    serde_json::to_string(&ruleset.cited_sources()).unwrap_or_default()
}

/// Options of a FHIR import, as JSON: `{"asOf": "YYYY-MM-DD"}`, optional (`asOf` defaults to
/// today): the day the imported profile is valid for (no date after it, a pregnancy recent enough).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ImportOptions {
    /// The evaluation date.
    #[serde(default)]
    pub as_of: Option<String>,
}

impl ImportOptions {
    /// Reads options from JSON text; empty text means no options.
    pub fn from_json(text: &str) -> Result<ImportOptions, Failure> {
        options_from_json(text, "asOf (YYYY-MM-DD)")
    }
}

/// Imports a FHIR R4 bundle (JSON text) into a profile (docs/contract.md §5): `{"profile": {…},
/// "notUsed": [{"path", "kind", "reason"}], "notes": [{"path", "note"}], "mappings": {…}}` as
/// compact JSON, or `invalid-fhir` with every problem at its path in the bundle.
pub fn import_fhir(
    bundle_json: &str,
    options_json: &str,
    today: NaiveDate,
) -> Result<String, Failure> {
    import_fhir_laid_out(bundle_json, options_json, today, Layout::Compact)
}

/// [`import_fhir`], written with `layout` (pretty: the text `vigie import fhir` prints).
pub fn import_fhir_laid_out(
    bundle_json: &str,
    options_json: &str,
    today: NaiveDate,
    layout: Layout,
) -> Result<String, Failure> {
    let options = ImportOptions::from_json(options_json)?;
    let as_of = EvaluateOptions {
        as_of: options.as_of,
        ..EvaluateOptions::default()
    }
    .resolve(today)?
    .as_of;
    let imported = crate::fhir::import(FhirInput::Text(bundle_json), as_of)?;
    Ok(match layout {
        Layout::Pretty => imported.to_json_pretty(),
        Layout::Compact => imported.to_json(),
    })
}

/// Evaluates a FHIR R4 bundle through [`crate::evaluate`]: the report, with its `import` section,
/// as JSON (pretty: the same text `vigie eval --fhir` prints).
pub fn evaluate_fhir(
    ruleset: &RuleSet,
    bundle_json: &str,
    options_json: &str,
    today: NaiveDate,
    layout: Layout,
) -> Result<String, Failure> {
    let options = EvaluateOptions::from_json(options_json)?
        .without_questions("a FHIR bundle")?
        .resolve(today)?;
    let report = crate::evaluate(ruleset, ProfileInput::fhir(bundle_json), &options)?;
    Ok(match layout {
        Layout::Pretty => report.to_json_pretty(),
        Layout::Compact => report.to_json(),
    })
}

/// Evaluates a FHIR R4 bundle and answers CDS Hooks cards (docs/contract.md §5 and §6) as JSON (pretty:
/// the text `vigie eval --fhir --format cds-hooks` prints). Options as [`evaluate_cards`].
pub fn evaluate_fhir_cards(
    ruleset: &RuleSet,
    bundle_json: &str,
    options_json: &str,
    today: NaiveDate,
    layout: Layout,
) -> Result<String, Failure> {
    let (options, cards) = CardsEvaluateOptions::from_json(options_json)?.resolve(today)?;
    let report = crate::evaluate(ruleset, ProfileInput::fhir(bundle_json), &options)?;
    Ok(written(&cds_hooks::cards(&report, &cards), layout))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn french() -> RuleSet {
        RuleSet::load(std::path::Path::new("rules/fr/2025.1.0")).unwrap()
    }

    fn today() -> NaiveDate {
        date::parse("2026-01-15").unwrap()
    }

    #[test]
    fn failures_are_tagged_data() {
        let err = evaluate(
            &french(),
            r#"{"sex":"female"}"#,
            "",
            today(),
            Layout::Pretty,
        )
        .unwrap_err();
        assert_eq!(
            err.to_json(),
            r#"{"code":"invalid-profile","message":"the profile has 1 problem(s): birthDate: is required (YYYY-MM-DD), or give age in whole years when the date is unknown","problems":[{"path":"birthDate","kind":"missing-field","message":"is required (YYYY-MM-DD), or give age in whole years when the date is unknown"}]}"#
        );
        let err = evaluate(
            &french(),
            r#"{"age":50,"sex":"female"}"#,
            r#"{"asOf":"2026-02-30"}"#,
            today(),
            Layout::Pretty,
        )
        .unwrap_err();
        assert!(matches!(err, Failure::InvalidOptions { ref path, .. } if path == "asOf"));
        let err = evaluate(
            &french(),
            r#"{"age":50,"sex":"female"}"#,
            r#"{"asof":"2026-02-01"}"#,
            today(),
            Layout::Pretty,
        )
        .unwrap_err();
        assert!(err.to_string().contains("unknown field `asof`"), "{err}");
        let err = evaluate(
            &french(),
            r#"{"age":50,"sex":"female"}"#,
            r#"{"locale":"de"}"#,
            today(),
            Layout::Pretty,
        )
        .unwrap_err();
        assert!(err.to_json().starts_with(r#"{"code":"unknown-locale""#));
    }

    #[test]
    fn the_report_is_the_command_lines() {
        let ruleset = french();
        let profile = r#"{"age":50,"sex":"female"}"#;
        let run = |layout| {
            evaluate(
                &ruleset,
                profile,
                r#"{"asOf":"2026-01-15"}"#,
                today(),
                layout,
            )
        };
        let json = run(Layout::Pretty).unwrap();
        let report = crate::evaluate(&ruleset, profile, &Options::on(today())).unwrap();
        assert_eq!(json, report.to_json_pretty());
        let compact = run(Layout::Compact).unwrap();
        assert!(compact.len() < json.len() && !compact.contains('\n'));
        let parsed = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
        assert_eq!(parsed(&compact), parsed(&json));
    }

    #[test]
    fn cards_from_a_profile_are_the_cards_of_its_report() {
        let ruleset = french();
        let profile = r#"{"age":50,"sex":"female"}"#;
        let options = r#"{"asOf":"2026-01-15","locale":"en","all":true}"#;
        let cards_json = evaluate_cards(&ruleset, profile, options, today(), Layout::Pretty);
        let report = evaluate(
            &ruleset,
            profile,
            r#"{"asOf":"2026-01-15","locale":"en"}"#,
            today(),
            Layout::Compact,
        );
        let from_report = cards(&report.unwrap(), r#"{"all":true}"#, Layout::Pretty);
        assert_eq!(cards_json.unwrap(), from_report.unwrap());
        let err = evaluate_cards(
            &ruleset,
            profile,
            r#"{"trace":true}"#,
            today(),
            Layout::Pretty,
        );
        let err = err.unwrap_err();
        assert!(
            err.to_string()
                .contains("accepted: asOf (YYYY-MM-DD), locale, all"),
            "{err}"
        );
        let err = cards("{}", "", Layout::Compact).unwrap_err();
        assert!(
            err.to_json()
                .starts_with(r#"{"code":"invalid-report","message":"not a report: "#),
            "{}",
            err.to_json()
        );
        let err = cards("{}", r#"{"every":true}"#, Layout::Compact).unwrap_err();
        assert!(matches!(err, Failure::InvalidOptions { .. }));
    }

    #[test]
    fn a_refused_bundle_keeps_its_code() {
        use crate::bundle::{Bundle, BundleCheck};
        let code = |err: BundleError| {
            let json = Failure::from(err).to_json();
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            value["code"].as_str().unwrap_or_default().to_string()
        };
        let json = Bundle::of(&french()).to_json();
        let altered = json.replacen("Vous avez", "Tu as", 1);
        assert_eq!(code(Bundle::load(&altered).unwrap_err()), "digest-mismatch");
        assert_eq!(code(Bundle::load("[]").unwrap_err()), "invalid-bundle");
        let pinned = |digest: &str| BundleCheck {
            expect_digest: Some(digest.to_string()),
        };
        let other = format!("sha256:{}", "0".repeat(64));
        let err = Bundle::load_checked(&json, &pinned(&other)).unwrap_err();
        assert_eq!(code(err), "unexpected-digest");
        let err = Bundle::load_checked(&json, &pinned("0c77")).unwrap_err();
        assert_eq!(
            Failure::from(err).to_json(),
            r#"{"code":"invalid-options","message":"expectDigest: `0c77` is not a digest (expected sha256: and 64 lowercase hex digits)","path":"expectDigest"}"#
        );
    }

    #[test]
    fn validation_lists_problems_without_evaluating() {
        assert_eq!(
            validate(r#"{"age":50,"sex":"female"}"#, "", today()).unwrap(),
            r#"{"valid":true,"problems":[]}"#
        );
        let answer = validate(r#"{"age":50,"sex":"x"}"#, "{}", today()).unwrap();
        assert!(
            answer.starts_with(r#"{"valid":false,"problems":[{"path":"sex","#),
            "{answer}"
        );
    }

    #[test]
    fn words_calls_take_a_locale_and_say_when_it_is_unknown() {
        let ruleset = french();
        let english = programs(&ruleset, r#"{"locale":"en"}"#).unwrap();
        assert!(
            english.starts_with(r#"[{"program":"breast-cancer-screening","title":"Breast cancer screening","description":"#),
            "{english}"
        );
        let labels = code_labels(&ruleset, "").unwrap();
        assert!(
            labels.starts_with(r#"{"locale":"fr","codes":{"#),
            "{labels}"
        );
        assert!(labels.contains(r#""familyCondition":{"#), "{labels}");
        let err = programs(&ruleset, r#"{"locale":"de"}"#).unwrap_err();
        assert!(err.to_json().starts_with(r#"{"code":"unknown-locale""#));
        let err = code_labels(&ruleset, r#"{"asOf":"2026-01-01"}"#).unwrap_err();
        assert!(matches!(err, Failure::InvalidOptions { .. }), "{err:?}");
        assert!(cited_sources(&ruleset).starts_with(r#"[{"label":"#));
    }

    /// The rule-set version that declares questions (docs/questions.md), in force on `2026-12-05`.
    fn with_questions() -> RuleSet {
        RuleSet::load(std::path::Path::new("rules/fr/2026.2.0")).unwrap()
    }

    fn parsed(text: &str) -> serde_json::Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn the_questionnaire_is_the_command_lines_and_worded_in_every_locale() {
        let ruleset = with_questions();
        for locale in ["fr", "en"] {
            let options = format!(r#"{{"locale":"{locale}"}}"#);
            let json = questionnaire(&ruleset, &options, Layout::Pretty).unwrap();
            let expected = crate::questions::questionnaire(&ruleset, Some(locale)).unwrap();
            assert_eq!(json, serde_json::to_string_pretty(&expected).unwrap());
            let value = parsed(&questionnaire(&ruleset, &options, Layout::Compact).unwrap());
            assert_eq!(value["locale"], locale);
            let questions = value["questions"].as_array().unwrap();
            assert!(questions.len() > 10, "{value}");
            for question in questions {
                for words in ["text", "why"] {
                    let text = question[words].as_str().unwrap_or_default();
                    assert!(
                        !text.trim().is_empty(),
                        "{locale}: {question} has no {words}"
                    );
                }
            }
        }
        let err = questionnaire(&ruleset, r#"{"locale":"de"}"#, Layout::Compact).unwrap_err();
        assert!(err.to_json().starts_with(r#"{"code":"unknown-locale""#));
        let err = questionnaire(&ruleset, r#"{"asOf":"2026-12-05"}"#, Layout::Compact);
        assert!(
            matches!(err, Err(Failure::InvalidOptions { .. })),
            "{err:?}"
        );
        // A version without questions.toml has an empty questionnaire, not a failure.
        let none = parsed(&questionnaire(&french(), "", Layout::Compact).unwrap());
        assert_eq!(none["questions"], serde_json::json!([]));
    }

    #[test]
    fn answers_make_the_profile_or_are_refused_at_their_id() {
        let ruleset = with_questions();
        let as_of = r#"{"asOf":"2026-12-05"}"#;
        let answers = r#"{"answers":{"birth":{"age":72},"sex":"female","mammography":"2022",
            "family-breast-cancer":"unknown","fit":{"yearsAgo":1}}}"#;
        let json = profile_from_answers(&ruleset, answers, as_of, today(), Layout::Pretty).unwrap();
        let expected = crate::questions::profile_from_answers(
            ruleset.effective().questions.as_ref(),
            &parsed(answers),
            date::parse("2026-12-05").unwrap(),
        )
        .unwrap();
        assert_eq!(json, serde_json::to_string_pretty(&expected).unwrap());
        let profile = parsed(&json);
        assert_eq!(profile["screenings"][0]["date"], "2022");
        assert_eq!(profile["screenings"][1]["date"], "2025");
        assert!(profile.get("familyHistory").is_none(), "{profile}");

        let refused = |answers: &str| {
            let err = profile_from_answers(&ruleset, answers, as_of, today(), Layout::Compact)
                .unwrap_err();
            let json = parsed(&err.to_json());
            assert_eq!(json["code"], "invalid-answers", "{json}");
            json["problems"][0].clone()
        };
        let bad =
            refused(r#"{"answers":{"birth":{"age":72},"sex":"female","mammography":"2022-13"}}"#);
        assert_eq!(bad["path"], "answers.mammography");
        assert_eq!(bad["kind"], "not-a-date");
        let twice = refused(r#"{"answers":{"birth":{"age":72},"sex":"female","sex":"male"}}"#);
        assert_eq!(twice["path"], "answers.sex");
        assert_eq!(twice["kind"], "duplicate-key");
        assert_eq!(refused("")["kind"], "not-json");
        assert_eq!(refused("[")["kind"], "not-json");
        let err = profile_from_answers(
            &ruleset,
            "{}",
            r#"{"asOf":"soon"}"#,
            today(),
            Layout::Compact,
        );
        assert!(matches!(err, Err(Failure::InvalidOptions { ref path, .. }) if path == "asOf"));
    }

    #[test]
    fn questions_come_with_the_report_only() {
        let ruleset = with_questions();
        let profile =
            r#"{"age":72,"sex":"female","screenings":[{"test":"mammography","date":"2022"}]}"#;
        let asked = r#"{"asOf":"2026-12-05","questions":true}"#;
        let json = evaluate(&ruleset, profile, asked, today(), Layout::Pretty).unwrap();
        let options = Options::on(date::parse("2026-12-05").unwrap());
        let mut report = crate::evaluate(&ruleset, profile, &options).unwrap();
        let open = crate::questions::open_questions(&ruleset, &parsed(profile), &options).unwrap();
        assert!(!open.is_empty());
        report.questions = Some(open);
        assert_eq!(json, report.to_json_pretty());
        let plain = evaluate(
            &ruleset,
            profile,
            r#"{"asOf":"2026-12-05"}"#,
            today(),
            Layout::Compact,
        );
        assert!(parsed(&plain.unwrap()).get("questions").is_none());

        let err = evaluate_cards(&ruleset, profile, asked, today(), Layout::Compact).unwrap_err();
        assert!(matches!(err, Failure::InvalidOptions { ref path, .. } if path == "questions"));
        assert!(
            err.to_string().contains("not with CDS Hooks cards"),
            "{err}"
        );
        let cards = evaluate_cards(
            &ruleset,
            profile,
            r#"{"asOf":"2026-12-05","questions":false}"#,
            today(),
            Layout::Compact,
        );
        assert!(cards.is_ok(), "{cards:?}");
        let err = evaluate_fhir(&ruleset, "{}", asked, today(), Layout::Compact).unwrap_err();
        assert!(matches!(err, Failure::InvalidOptions { ref path, .. } if path == "questions"));
        let err = evaluate(
            &ruleset,
            r#"{"sex":"female"}"#,
            asked,
            today(),
            Layout::Compact,
        );
        assert!(
            matches!(err, Err(Failure::InvalidProfile { .. })),
            "{err:?}"
        );
    }
}

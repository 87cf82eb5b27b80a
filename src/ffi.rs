//! The boundary with other languages: JSON text in, JSON text out, errors as tagged data.
//!
//! The wasm layer (`src/wasm.rs`) is a thin wrapper over these functions; native code and tests
//! call them directly, without a browser. Passing JSON text both ways is also the fastest route
//! across the wasm boundary, and makes the package's reports byte-identical to `vigie eval`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ruleset::json_error_message;
use crate::{
    date, Diagnostic, EvaluateError, Options, Problem, Profile, RuleSet, RuleSetId, RuleSetSources,
};

/// The bundle format written by `vigie bundle`: version 2 adds `bundleDigest`, which covers
/// everything in the bundle (its `validUntil` too), beside `digest`, which covers the rule set.
pub const BUNDLE_FORMAT: &str = "vigie-bundle/2";

/// The first bundle format: still read (it has no `bundleDigest`; its digest is computed).
pub const BUNDLE_FORMAT_1: &str = "vigie-bundle/1";

/// The largest bundle read (the French rule set's is about 200 KB).
pub const MAX_BUNDLE_BYTES: usize = 8_000_000;

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
}

impl Failure {
    /// The failure as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| {
            r#"{"code":"internal","message":"could not describe the failure"}"#.to_string()
        })
    }

    fn invalid_bundle(message: String, diagnostics: Vec<Diagnostic>) -> Failure {
        Failure::InvalidBundle {
            message,
            diagnostics,
        }
    }
}

/// Options of an evaluation, as JSON: `{"asOf": "YYYY-MM-DD", "locale": "fr", "trace": false}`,
/// every field optional (`asOf` defaults to today).
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
}

impl EvaluateOptions {
    /// Reads options from JSON text; empty text means no options.
    pub fn from_json(text: &str) -> Result<EvaluateOptions, Failure> {
        if text.trim().is_empty() {
            return Ok(EvaluateOptions::default());
        }
        serde_json::from_str(text).map_err(|err| Failure::InvalidOptions {
            message: format!(
                "options: {}; accepted: asOf (YYYY-MM-DD), locale, trace",
                json_error_message(&err)
            ),
            path: String::new(),
        })
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

/// Evaluates a JSON profile; the report as JSON (pretty: the same text `vigie eval` prints).
pub fn evaluate(
    ruleset: &RuleSet,
    profile_json: &str,
    options_json: &str,
    today: NaiveDate,
    layout: Layout,
) -> Result<String, Failure> {
    let options = EvaluateOptions::from_json(options_json)?.resolve(today)?;
    let profile = parse_profile(profile_json, options.as_of)?;
    ruleset
        .evaluate(&profile, &options)
        .map(|report| match layout {
            Layout::Pretty => report.to_json_pretty(),
            Layout::Compact => report.to_json(),
        })
        .map_err(|err| match err {
            EvaluateError::AsOfOutOfRange { .. } => Failure::InvalidOptions {
                message: err.to_string(),
                path: "asOf".to_string(),
            },
            EvaluateError::UnknownLocale { .. } => Failure::UnknownLocale {
                message: err.to_string(),
            },
        })
}

fn parse_profile(profile_json: &str, as_of: NaiveDate) -> Result<Profile, Failure> {
    Profile::from_json(profile_json, as_of).map_err(|err| Failure::InvalidProfile {
        message: err.to_string(),
        problems: err.problems,
    })
}

/// The outcome of a validation, as JSON.
#[derive(Debug, Serialize)]
struct Validation {
    valid: bool,
    problems: Vec<Problem>,
}

/// Validates a JSON profile: `{"valid": bool, "problems": [{"path", "message"}]}`.
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

/// A self-contained rule set: what `vigie bundle` writes and the package loads.
///
/// One canonical form: a bundle is read only if, without its whitespace, it is exactly what
/// Vigie writes (members in this order, no `null`, no default `false`, strings escaped only
/// where JSON requires it), so that anyone's recomputation of its digests (README, "Which rules
/// produced a report") gives Vigie's.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// [`BUNDLE_FORMAT`] (or [`BUNDLE_FORMAT_1`], still read).
    pub format: String,
    /// The rule set's id.
    pub id: String,
    /// Its version.
    pub version: String,
    /// `sha256:` of `ruleset`'s canonical form.
    pub digest: String,
    /// The last day this version applied, when a newer version had replaced it where it was
    /// bundled from (a folder of versions); reports after that day carry a warning.
    #[serde(
        default,
        rename = "validUntil",
        skip_serializing_if = "Option::is_none"
    )]
    pub valid_until: Option<String>,
    /// `sha256:` of the whole bundle's canonical form without this member (format 2).
    #[serde(
        default,
        rename = "bundleDigest",
        skip_serializing_if = "Option::is_none"
    )]
    pub bundle_digest: Option<String>,
    /// Manifest, rules and messages.
    pub ruleset: RuleSetSources,
}

/// What a caller requires of a bundle before it is compiled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BundleCheck {
    /// The digest it must have: the rule set's (`digest`, as reports name it) or the whole
    /// bundle's (`bundleDigest`, which also covers `validUntil`).
    pub expect_digest: Option<String>,
}

fn sha256_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(text.as_bytes());
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// JSON text without its insignificant whitespace, every other character as written.
fn without_whitespace(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
            in_string = c == '"';
        }
    }
    out
}

/// Checks a digest's form: `sha256:` and 64 lowercase hex digits.
pub fn check_digest_form(digest: &str, path: &str) -> Result<(), Failure> {
    let hex = digest.strip_prefix("sha256:").unwrap_or("");
    if hex.len() == 64 && hex.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')) {
        Ok(())
    } else {
        Err(Failure::InvalidOptions {
            message: format!(
                "{path}: `{digest}` is not a digest (expected sha256: and 64 lowercase hex digits)"
            ),
            path: path.to_string(),
        })
    }
}

/// Refuses a rule set whose digests are not the one the caller expects.
pub fn check_expected_digest(
    expect: Option<&str>,
    ruleset: &RuleSetId,
    bundle_digest: Option<&str>,
) -> Result<(), Failure> {
    let Some(expect) = expect else {
        return Ok(());
    };
    check_digest_form(expect, "expectDigest")?;
    if expect == ruleset.digest || Some(expect) == bundle_digest {
        return Ok(());
    }
    let bundle = bundle_digest
        .map(|d| format!(", its bundle digest {d}"))
        .unwrap_or_default();
    Err(Failure::UnexpectedDigest {
        message: format!(
            "{} {} is not the rule set expected: expected digest {expect}, but its digest is {}{bundle}",
            ruleset.id, ruleset.version, ruleset.digest
        ),
        expected: expect.to_string(),
        actual: ruleset.digest.clone(),
        bundle_digest: bundle_digest.map(str::to_string),
    })
}

/// Refuses sources (and their bases) that claim a built-in version but are not it.
fn check_built_in(sources: &RuleSetSources, within: Option<&str>) -> Result<(), Failure> {
    let manifest = &sources.manifest;
    if let Some(pin) = crate::ruleset::pinned::pinned(&manifest.id, &manifest.version) {
        let actual = sources.digest();
        if actual != pin.digest {
            let claims = format!("{}@{}", manifest.id, manifest.version);
            let whose = within
                .map(|overlay| format!("the base {claims} embedded in {overlay}"))
                .unwrap_or_else(|| format!("this bundle's {claims}"));
            return Err(Failure::BuiltInMismatch {
                message: format!(
                    "{whose} is not the {claims} built into Vigie: its digest is {actual}, the built-in one's is {}",
                    pin.digest
                ),
                claims,
                expected: pin.digest.to_string(),
                actual,
            });
        }
    }
    match &sources.base {
        Some(base) => check_built_in(base, Some(&format!("{}@{}", manifest.id, manifest.version))),
        None => Ok(()),
    }
}

impl Bundle {
    /// The bundle of a loaded rule set.
    pub fn of(ruleset: &RuleSet) -> Bundle {
        let id = ruleset.id();
        let mut bundle = Bundle {
            format: BUNDLE_FORMAT.to_string(),
            id: id.id,
            version: id.version,
            digest: id.digest,
            valid_until: ruleset.valid_until().map(|d| d.to_string()),
            bundle_digest: None,
            ruleset: ruleset.sources().clone(),
        };
        bundle.bundle_digest = Some(bundle.whole_digest());
        bundle
    }

    /// `sha256:` of the bundle's canonical form without `bundleDigest`.
    pub fn whole_digest(&self) -> String {
        sha256_hex(&serde_json::to_string(&BundleWithoutDigest(self)).unwrap_or_default())
    }

    /// The bundle as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Loads a bundle: refuses one whose content does not match its digest, then checks and
    /// compiles it like a rule-set folder.
    pub fn load(json: &str) -> Result<RuleSet, Failure> {
        Bundle::load_checked(json, &BundleCheck::default())
    }

    /// Like [`Bundle::load`], refusing before anything is compiled a bundle that is not what
    /// `check` requires.
    pub fn load_checked(json: &str, check: &BundleCheck) -> Result<RuleSet, Failure> {
        if let Some(expect) = &check.expect_digest {
            check_digest_form(expect, "expectDigest")?;
        }
        if json.len() > MAX_BUNDLE_BYTES {
            return Err(Failure::invalid_bundle(
                format!(
                    "the bundle is {} bytes; the limit is {MAX_BUNDLE_BYTES}",
                    json.len()
                ),
                Vec::new(),
            ));
        }
        let bundle: Bundle = serde_json::from_str(json).map_err(|err| {
            Failure::invalid_bundle(
                format!("not a Vigie bundle: {err}"),
                vec![Diagnostic::from_json_error("bundle", &err)],
            )
        })?;
        if bundle.format != BUNDLE_FORMAT && bundle.format != BUNDLE_FORMAT_1 {
            return Err(Failure::invalid_bundle(
                format!(
                    "bundle format `{}` is not {BUNDLE_FORMAT} (or {BUNDLE_FORMAT_1})",
                    bundle.format
                ),
                Vec::new(),
            ));
        }
        // Written once: both digests are taken from this text (the bundle's own, checked equal).
        let canonical = serde_json::to_string(&bundle).unwrap_or_default();
        check_canonical(json, &canonical)?;
        let manifest = &bundle.ruleset.manifest;
        if (bundle.id.as_str(), bundle.version.as_str())
            != (manifest.id.as_str(), manifest.version.as_str())
        {
            return Err(Failure::invalid_bundle(
                format!(
                    "bundle says {} {} but its manifest says {} {}",
                    bundle.id, bundle.version, manifest.id, manifest.version
                ),
                Vec::new(),
            ));
        }
        let actual = sha256_hex(ruleset_member(&canonical));
        if actual != bundle.digest {
            return Err(Failure::DigestMismatch {
                message: format!(
                    "bundle {} {}: its content does not match its digest (altered after it was made?)",
                    bundle.id, bundle.version
                ),
                expected: bundle.digest,
                actual,
            });
        }
        let whole = sha256_hex(&without_bundle_digest(
            &canonical,
            bundle.bundle_digest.as_deref(),
        ));
        match (&bundle.bundle_digest, bundle.format.as_str()) {
            (Some(claimed), BUNDLE_FORMAT) if *claimed == whole => {}
            (Some(claimed), BUNDLE_FORMAT) => {
                return Err(Failure::DigestMismatch {
                    message: format!(
                        "bundle {} {}: it does not match its bundleDigest (its validUntil or another member was altered after it was made?)",
                        bundle.id, bundle.version
                    ),
                    expected: claimed.clone(),
                    actual: whole,
                })
            }
            (None, BUNDLE_FORMAT_1) => {}
            (None, _) => {
                return Err(Failure::invalid_bundle(
                    format!("a {BUNDLE_FORMAT} bundle needs its bundleDigest"),
                    Vec::new(),
                ))
            }
            (Some(_), _) => {
                return Err(Failure::invalid_bundle(
                    format!("a {BUNDLE_FORMAT_1} bundle has no bundleDigest; {BUNDLE_FORMAT} has"),
                    Vec::new(),
                ))
            }
        }
        check_built_in(&bundle.ruleset, None)?;
        let claimed = RuleSetId {
            id: bundle.id.clone(),
            version: bundle.version.clone(),
            digest: bundle.digest.clone(),
            extends: None,
        };
        check_expected_digest(check.expect_digest.as_deref(), &claimed, Some(&whole))?;
        let mut valid_until = match &bundle.valid_until {
            None => None,
            Some(text) => Some(date::parse(text).ok_or_else(|| {
                Failure::invalid_bundle(
                    format!("bundle validUntil `{text}` is not a date (YYYY-MM-DD)"),
                    Vec::new(),
                )
            })?),
        };
        // A built-in version's end is known whether or not the bundle says it.
        let pinned_end = crate::ruleset::pinned::pinned(&bundle.id, &bundle.version)
            .and_then(|pin| pin.valid_until)
            .and_then(date::parse);
        if let Some(end) = pinned_end {
            valid_until = Some(valid_until.map_or(end, |until| until.min(end)));
        }
        let mut ruleset = RuleSet::from_sources(bundle.ruleset)
            .map_err(|err| Failure::invalid_bundle(err.to_string(), err.diagnostics))?;
        if let Some(until) = valid_until {
            ruleset.end_before(until.succ_opt().unwrap_or(until));
        }
        Ok(ruleset)
    }
}

/// The `ruleset` member of a bundle's canonical text: its last member. No string before it can
/// hold `,"ruleset":`, since a quote inside a string is escaped.
fn ruleset_member(canonical: &str) -> &str {
    canonical
        .find(",\"ruleset\":")
        .and_then(|at| canonical.get(at + ",\"ruleset\":".len()..canonical.len().saturating_sub(1)))
        .unwrap_or_default()
}

/// A bundle's canonical text without its `bundleDigest` member (what that digest covers).
fn without_bundle_digest(canonical: &str, bundle_digest: Option<&str>) -> String {
    match bundle_digest {
        None => canonical.to_string(),
        Some(digest) => canonical.replacen(
            &format!(
                ",\"bundleDigest\":{}",
                serde_json::to_string(digest).unwrap_or_default()
            ),
            "",
            1,
        ),
    }
}

/// Refuses a text that is not, without its whitespace, the bundle's canonical form.
fn check_canonical(json: &str, canonical: &str) -> Result<(), Failure> {
    let given = without_whitespace(json);
    if given == canonical && !canonical.contains('\u{7f}') {
        return Ok(());
    }
    let at = given
        .chars()
        .zip(canonical.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let around = |text: &str| -> String {
        let start = at.saturating_sub(40);
        text.chars().skip(start).take(80).collect()
    };
    let why = if given == canonical {
        "it holds the character U+007F, which jq would escape".to_string()
    } else {
        format!(
            "at character {at} of the bundle without its whitespace, Vigie writes `{}` where it has `{}`",
            around(canonical),
            around(&given)
        )
    };
    Err(Failure::invalid_bundle(
        format!(
            "the bundle is not in canonical form (as `vigie bundle` writes it: members in their order, no null, no default false, no unneeded escapes), so a recomputation of its digest would not give Vigie's: {why}"
        ),
        Vec::new(),
    ))
}

/// A bundle written without its `bundleDigest` (what that digest covers), in the bundle's order.
struct BundleWithoutDigest<'a>(&'a Bundle);

impl Serialize for BundleWithoutDigest<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let b = self.0;
        let mut out = serializer.serialize_struct("Bundle", 6)?;
        out.serialize_field("format", &b.format)?;
        out.serialize_field("id", &b.id)?;
        out.serialize_field("version", &b.version)?;
        out.serialize_field("digest", &b.digest)?;
        if let Some(until) = &b.valid_until {
            out.serialize_field("validUntil", until)?;
        }
        out.serialize_field("ruleset", &b.ruleset)?;
        out.end()
    }
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
        if text.trim().is_empty() {
            return Ok(WordsOptions::default());
        }
        serde_json::from_str(text).map_err(|err| Failure::InvalidOptions {
            message: format!("options: {}; accepted: locale", json_error_message(&err)),
            path: String::new(),
        })
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

/// Every source the rule set cites, as JSON: `[{"label", "url", "checked"}, …]`.
pub fn cited_sources(ruleset: &RuleSet) -> String {
    serde_json::to_string(&ruleset.cited_sources()).unwrap_or_default()
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
            r#"{"code":"invalid-profile","message":"the profile has 1 problem(s): birthDate: is required (YYYY-MM-DD), or give age in whole years when the date is unknown","problems":[{"path":"birthDate","message":"is required (YYYY-MM-DD), or give age in whole years when the date is unknown"}]}"#
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
        let report = ruleset
            .evaluate(
                &Profile::from_json(profile, today()).unwrap(),
                &Options::on(today()),
            )
            .unwrap();
        assert_eq!(json, report.to_json_pretty());
        let compact = run(Layout::Compact).unwrap();
        assert!(compact.len() < json.len() && !compact.contains('\n'));
        let parsed = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
        assert_eq!(parsed(&compact), parsed(&json));
    }

    #[test]
    fn a_bundle_round_trips_and_an_altered_one_is_refused() {
        let ruleset = french();
        let json = Bundle::of(&ruleset).to_json();
        let loaded = Bundle::load(&json).unwrap();
        assert_eq!(loaded.id(), ruleset.id());

        let altered = json.replacen("Vous avez", "Tu as", 1);
        assert_ne!(altered, json);
        match Bundle::load(&altered).unwrap_err() {
            Failure::DigestMismatch {
                expected, actual, ..
            } => {
                assert_eq!(expected, ruleset.id().digest);
                assert_ne!(actual, expected);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            Bundle::load("{}").unwrap_err(),
            Failure::InvalidBundle { .. }
        ));
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
}

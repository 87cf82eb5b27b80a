//! The one way in: a profile (JSON text, bytes, a parsed JSON value, a `Profile` already
//! validated, or a FHIR R4 bundle to import), a rule set and options give the report, or every
//! problem. `vigie eval`, the boundary with other languages (`src/ffi.rs`, and through it the wasm
//! module) and the tests call it, so that they validate and evaluate alike.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde_json::Value;

use crate::evaluate::{EvaluateError, Options};
use crate::fhir::{FhirError, FhirInput, Imported};
use crate::profile::{Profile, ProfileError};
use crate::report::Report;
use crate::ruleset::RuleSet;

/// Anything that stops an evaluation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The profile was refused; every problem is listed.
    #[error(transparent)]
    Profile(#[from] ProfileError),
    /// The evaluation could not start.
    #[error(transparent)]
    Evaluate(#[from] EvaluateError),
    /// The FHIR bundle was refused (docs/contract.md §5); every problem is listed at its path in the
    /// bundle.
    #[error(transparent)]
    Fhir(#[from] FhirError),
}

/// A profile as the caller holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ProfileInput<'a> {
    /// JSON text (docs/contract.md §1).
    Text(&'a str),
    /// JSON text as bytes read from a file or a pipe: text that is not UTF-8 is refused with the
    /// line and column of the first bad byte.
    Bytes(&'a [u8]),
    /// JSON already parsed (a case file's profile, a generated one).
    Value(&'a Value),
    /// A profile already validated, for the evaluation date of the options it is evaluated with.
    Profile(&'a Profile),
    /// A FHIR R4 Bundle (docs/contract.md §5), imported into a profile for the evaluation date; the report
    /// then carries `import` (what was not used, and why).
    Fhir(FhirInput<'a>),
}

impl<'a> ProfileInput<'a> {
    /// A FHIR R4 Bundle given as JSON text.
    pub fn fhir(text: &'a str) -> ProfileInput<'a> {
        ProfileInput::Fhir(FhirInput::Text(text))
    }
}

impl<'a> From<&'a str> for ProfileInput<'a> {
    fn from(text: &'a str) -> Self {
        ProfileInput::Text(text)
    }
}

impl<'a> From<&'a [u8]> for ProfileInput<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        ProfileInput::Bytes(bytes)
    }
}

impl<'a> From<&'a Value> for ProfileInput<'a> {
    fn from(value: &'a Value) -> Self {
        ProfileInput::Value(value)
    }
}

impl<'a> From<&'a Profile> for ProfileInput<'a> {
    fn from(profile: &'a Profile) -> Self {
        ProfileInput::Profile(profile)
    }
}

impl<'a> ProfileInput<'a> {
    /// The validated profile for an evaluation on `as_of`, and what the import of a FHIR bundle
    /// says.
    fn validate(self, as_of: NaiveDate) -> Result<(Cow<'a, Profile>, Option<Imported>), Error> {
        let profile = match self {
            ProfileInput::Text(text) => Profile::from_json(text, as_of)?,
            ProfileInput::Bytes(bytes) => Profile::from_json_bytes(bytes, as_of)?,
            ProfileInput::Value(value) => Profile::from_value(value, as_of)?,
            ProfileInput::Profile(profile) => return Ok((Cow::Borrowed(profile), None)),
            ProfileInput::Fhir(bundle) => {
                let (imported, profile) = crate::fhir::import_checked(bundle, as_of)?;
                return Ok((Cow::Owned(profile), Some(imported)));
            }
        };
        Ok((Cow::Owned(profile), None))
    }
}

/// Validates a profile for `options.as_of` and evaluates every rule of `ruleset`: the report,
/// or every problem of the profile (or why the evaluation could not start).
///
/// ```
/// let as_of = vigie::date::parse("2026-01-15").expect("a date");
/// let rules = vigie::RuleSet::load(std::path::Path::new("rules/fr/2025.1.0")).expect("it loads");
/// let profile = r#"{"birthDate": "1971-03-02", "sex": "female"}"#;
/// let report = vigie::evaluate(&rules, profile, &vigie::Options::on(as_of)).expect("a report");
/// assert!(report.nudge("breast-cancer-screening").is_some());
///
/// let refused = vigie::evaluate(&rules, r#"{"sex": "female"}"#, &vigie::Options::on(as_of));
/// assert!(matches!(refused, Err(vigie::Error::Profile(_))));
/// ```
pub fn evaluate<'a>(
    ruleset: &RuleSet,
    profile: impl Into<ProfileInput<'a>>,
    options: &Options,
) -> Result<Report, Error> {
    let (profile, imported) = profile.into().validate(options.as_of)?;
    let mut report = ruleset.evaluate(&profile, options)?;
    report.import = imported;
    Ok(report)
}

#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod cases;
pub mod codes;
pub mod date;
mod evaluate;
pub mod facts;
mod profile;
mod report;
mod ruleset;
pub mod sandbox;
mod script;

pub use evaluate::{EvaluateError, Options};
pub use profile::{
    Birth, FamilyHistory, Problem, Profile, ProfileError, Screening, Smoking, Vaccination,
};
pub use report::{Nudge, Report, RuleError, RuleSetId, SourceRef, Status, TraceEntry};
pub use ruleset::manifest::{ChangelogEntry, Evidence, RuleEntry, Source};
pub use ruleset::messages::{DateWords, MessageText};
pub use ruleset::{rule_file, Diagnostic, LoadError, Manifest, Messages, RuleSet, RuleSetSources};

/// Anything that stops an evaluation from JSON text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The profile was refused; every problem is listed.
    #[error(transparent)]
    Profile(#[from] ProfileError),
    /// The evaluation could not start.
    #[error(transparent)]
    Evaluate(#[from] EvaluateError),
}

/// Validates a JSON profile and evaluates it: the one call the command line and the wasm layer make.
pub fn evaluate_json(
    ruleset: &RuleSet,
    profile_json: &str,
    options: &Options,
) -> Result<Report, Error> {
    let profile = Profile::from_json(profile_json, options.as_of)?;
    Ok(ruleset.evaluate(&profile, options)?)
}

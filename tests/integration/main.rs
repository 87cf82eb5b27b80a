//! Vigie's one integration test binary: every rule set's cases, the engine through its public API,
//! the command line, and property tests of the report's invariants.

// Tests stop loudly on the unexpected; the no-panic policy is for library code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod cases;
mod cli;
mod engine;
mod package;
mod properties;

use std::path::{Path, PathBuf};

use vigie::RuleSet;

/// The repository's `rules/` folder.
pub fn rules_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")
}

/// Every rule-set folder under `rules/` (those with a `ruleset.toml`).
pub fn rule_set_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(rules_root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("ruleset.toml").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// The French rule set.
pub fn french() -> RuleSet {
    RuleSet::load(&rules_root().join("fr"))
        .unwrap_or_else(|err| panic!("rules/fr does not load: {:#?}", err.diagnostics))
}

/// A date.
pub fn day(text: &str) -> chrono::NaiveDate {
    vigie::date::parse(text).unwrap()
}

//! Vigie's one integration test binary: every rule set's cases, the engine through its public API,
//! the command line, and property tests of the report's invariants.

// Tests stop loudly on the unexpected; the no-panic policy is for library code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod approximate_dates;
mod architecture;
mod cases;
mod cds_hooks;
mod cli;
mod cli_json;
mod differential;
mod engine;
mod fast_path;
mod fhir;
mod folders;
mod hostile;
mod integrity;
mod malformed;
mod package;
mod properties;
mod versions;
mod where_to_go;
mod words;

use std::path::{Path, PathBuf};

use vigie::RuleSet;

/// The repository's `rules/` folder.
pub fn rules_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")
}

/// Every rule-set folder under `rules/` (those with a `ruleset.toml`), including every version of
/// a folder of versions (`rules/fr/<version>/`).
pub fn rule_set_dirs() -> Vec<PathBuf> {
    fn walk(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) {
        for path in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
            if path.join("ruleset.toml").is_file() {
                found.push(path);
            } else if path.is_dir() && depth < 1 {
                walk(&path, depth + 1, found);
            }
        }
    }
    let mut dirs = Vec::new();
    walk(&rules_root(), 0, &mut dirs);
    dirs.sort();
    dirs
}

/// The newest French rule set.
pub fn french() -> RuleSet {
    RuleSet::load(&rules_root().join("fr").join("2025.1.0"))
        .unwrap_or_else(|err| panic!("rules/fr does not load: {:#?}", err.diagnostics))
}

/// A date.
pub fn day(text: &str) -> chrono::NaiveDate {
    vigie::date::parse(text).unwrap()
}

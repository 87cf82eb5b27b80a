//! Differential checks: Rhai's optimiser never changes a report. Natively rules compile with
//! `OptimizationLevel::Simple`; the wasm module has no optimiser (and `pkg/test/cases.test.mjs`
//! checks every case of every rule set byte-identical between the module and `vigie eval`).

use vigie::sandbox::{Sandbox, LIMITS};
use vigie::{cases, Options, RuleSet};

#[test]
fn every_case_of_every_rule_set_gives_the_same_report_with_and_without_optimisation() {
    let mut compared = 0;
    for dir in crate::rule_set_dirs() {
        let optimised = RuleSet::load(&dir).unwrap();
        let unoptimised =
            RuleSet::from_sources_in(optimised.sources().clone(), Sandbox::unoptimised(LIMITS))
                .unwrap_or_else(|err| {
                    panic!(
                        "{} does not load unoptimised: {:#?}",
                        dir.display(),
                        err.diagnostics
                    )
                });
        assert_eq!(unoptimised.id(), optimised.id(), "{}", dir.display());
        let all = cases::read_dir(&dir).unwrap();
        assert!(!all.is_empty(), "{} has no cases", dir.display());
        for (file, case) in all {
            let context = format!("{} {file} — {}", dir.display(), case.name);
            let as_of = crate::day(&case.as_of);
            // With the trace: every rule's outcome, also of rules that skipped or were overridden.
            for trace in [false, true] {
                let options = Options {
                    as_of,
                    locale: case.locale.clone(),
                    trace,
                };
                let a = vigie::evaluate(&optimised, &case.profile, &options).unwrap();
                let b = vigie::evaluate(&unoptimised, &case.profile, &options).unwrap();
                assert!(a.errors.is_empty(), "{context}: {:?}", a.errors);
                assert_eq!(a.to_json_pretty(), b.to_json_pretty(), "{context}");
            }
            compared += 1;
        }
    }
    assert!(compared > 1000, "only {compared} cases compared");
}

#[test]
fn an_unoptimised_sandbox_really_keeps_constant_expressions() {
    // `Simple` folds `1 + 2` into `3` at compile time; `None` keeps the addition.
    let folded = Sandbox::new().compile("1 + 2").unwrap();
    let kept = Sandbox::unoptimised(LIMITS).compile("1 + 2").unwrap();
    assert_ne!(format!("{folded:?}"), format!("{kept:?}"));
}

/// The differential, case and integrity tests walk `rules/` two levels deep (`rules/<id>/` and
/// `rules/<id>/<version>/`): no rule set may hide deeper.
#[test]
fn the_tests_see_every_rule_set_under_rules() {
    fn every(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for path in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
            if path.is_dir() {
                if path.join("ruleset.toml").is_file() {
                    found.push(path.clone());
                }
                every(&path, found);
            }
        }
    }
    let mut all = Vec::new();
    every(&crate::rules_root(), &mut all);
    all.sort();
    assert_eq!(crate::rule_set_dirs(), all);
    for name in [
        "fr/2024.1.0",
        "fr/2025.1.0",
        "example-fr-976",
        "fr-cancer-screening",
    ] {
        assert!(all.contains(&crate::rules_root().join(name)), "{name}");
    }
}

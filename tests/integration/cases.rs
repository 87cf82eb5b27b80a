//! Runs every case of every rule set under `rules/`, as `vigie test` does.

use vigie::{cases, RuleSet};

#[test]
fn every_rule_set_passes_its_own_cases() {
    let dirs = crate::rule_set_dirs();
    assert!(!dirs.is_empty(), "no rule set found under rules/");
    let mut failures = Vec::new();
    let mut total = 0;
    for dir in dirs {
        let ruleset = RuleSet::load(&dir).unwrap_or_else(|err| {
            panic!("{} does not load: {:#?}", dir.display(), err.diagnostics)
        });
        let results = cases::run_dir(&ruleset, &dir)
            .unwrap_or_else(|problems| panic!("{} cases unreadable: {problems:#?}", dir.display()));
        assert!(!results.is_empty(), "{} has no cases", dir.display());
        total += results.len();
        for result in results.iter().filter(|r| !r.passed()) {
            failures.push(format!(
                "{} {} — {}\n  {}",
                dir.display(),
                result.file,
                result.name,
                result.failures.join("\n  ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_french_rule_set_has_at_least_sixty_cases() {
    let dir = crate::rules_root().join("fr");
    let results = cases::run_dir(&crate::french(), &dir).unwrap();
    assert!(results.len() >= 60, "only {} cases", results.len());
}

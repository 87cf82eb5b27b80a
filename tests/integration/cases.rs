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
    let dir = crate::rules_root().join("fr").join("2025.1.0");
    let results = cases::run_dir(&crate::french(), &dir).unwrap();
    assert!(results.len() >= 60, "only {} cases", results.len());
}

/// Over every case's report: nothing frightening, nothing silent.
#[test]
fn every_nudge_says_what_to_do_cites_its_sources_and_shows_no_percentage() {
    for dir in crate::rule_set_dirs() {
        let ruleset = RuleSet::load(&dir).unwrap();
        let id = ruleset.id();
        for result in cases::run_dir(&ruleset, &dir).unwrap() {
            let Some(report) = result.report else {
                continue;
            };
            assert_eq!(report.ruleset, id);
            for nudge in &report.nudges {
                let context = format!("{} — {} — {}", result.file, result.name, nudge.rule);
                assert!(!nudge.action.trim().is_empty(), "no action: {context}");
                assert!(
                    !nudge.reasons.is_empty() && !nudge.facts.is_empty(),
                    "no reasons: {context}"
                );
                assert!(!nudge.sources.is_empty(), "no source: {context}");
                for text in [&nudge.title, &nudge.message, &nudge.action]
                    .into_iter()
                    .chain(&nudge.reasons)
                {
                    // "100 % covered" is about reimbursement; any other percentage is a risk figure.
                    let without_cover = text
                        .replace("pris en charge à 100 %", "")
                        .replace("100 % covered", "");
                    assert!(
                        !without_cover.contains('%'),
                        "a percentage in {context}: {text}"
                    );
                    assert!(
                        !text.contains('{') && !text.contains('}'),
                        "a raw placeholder in {context}: {text}"
                    );
                }
            }
        }
    }
}

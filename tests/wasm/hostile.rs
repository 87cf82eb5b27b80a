//! The hostile rule corpus (`tests/hostile/`) in the wasm module, in Node and in Chromium: the
//! same rules and expectations as natively. The module skips the static checks, so a typo that
//! `vigie check` refuses natively fails here at evaluation (the expectations' `"wasm"` part).

use vigie::sandbox::{Limits, LIMITS};
use vigie::{Options, RuleSet, RuleSetSources};
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

#[path = "../hostile/corpus.rs"]
mod corpus;

use corpus::{Entry, Outcome, Target, CORPUS};

/// How much the whole corpus may grow the module's linear memory. Wasm memory only grows, so its
/// size after the corpus is the peak of the whole run.
const MEMORY_GROWTH_BYTES: usize = 64 << 20;

/// `base` with the hostile rule added last (`Entry::moved_first` moves it), its test messages.
fn with_hostile_rule(base: &RuleSetSources, entry: &Entry) -> RuleSetSources {
    let mut sources = base.clone();
    let first_source = sources.manifest.sources.keys().next().unwrap().clone();
    let at = sources.manifest.rules.len();
    corpus::add_rule(&mut sources, at, &entry.id(), entry.source, &first_source);
    entry.moved_first(sources)
}

/// Issue 13, break 5, in the wasm module: 100 hostile rules in one evaluation end within a second.
#[wasm_bindgen_test]
fn no_budget_per_evaluation_a_hundred_hostile_rules_end_within_a_second() {
    let base = RuleSet::from_files(vigie::wasm::built_in_files("fr").unwrap()).unwrap();
    let expected_nudges = corpus::evaluate(&base).nudges;
    let (sources, ids) = corpus::many_hostile_rules(base.sources(), Target::Wasm);
    let ruleset = RuleSet::from_sources(sources).unwrap();
    console_log!("{}", corpus::check_many(&ruleset, &ids, &expected_nudges));
}

#[wasm_bindgen_test]
fn every_hostile_rule_is_stopped_in_time_with_its_rule_and_line_and_the_others_still_answer() {
    let base = RuleSet::from_files(vigie::wasm::built_in_files("fr").unwrap()).unwrap();
    let expected_nudges = corpus::evaluate(&base).nudges;
    let pages = core::arch::wasm32::memory_size::<0>();
    for entry in CORPUS {
        let outcome: Outcome = corpus::run(with_hostile_rule(base.sources(), entry));
        console_log!(
            "{}",
            corpus::check(entry, Target::Wasm, &outcome, &expected_nudges)
        );
    }
    let after = core::arch::wasm32::memory_size::<0>();
    let grown = (after - pages) * 65_536;
    console_log!(
        "the module's memory: {} KiB before the corpus, {} KiB after",
        pages * 64,
        after * 64
    );
    assert!(
        grown < MEMORY_GROWTH_BYTES,
        "the corpus grew the module's memory by {grown} bytes"
    );
    // Last, since it grows the module's memory for good (and would hide the corpus's growth).
    a_rule_growing_the_module_memory_past_the_bound_is_stopped(&base);
}

/// Issue 13, break 1, in the wasm module: besides the bound by construction, a meter. With the
/// array limit lifted, one `pad` takes far more than the sandbox's memory bound; the module's
/// memory grows, and the rule is stopped at its next look at the meter, not at its operations
/// limit. (Run at the end of the corpus test: it grows the module's memory for good.)
fn a_rule_growing_the_module_memory_past_the_bound_is_stopped(base: &RuleSet) {
    let mut sources = base.sources().clone();
    let first_source = sources.manifest.sources.keys().next().unwrap().clone();
    let grow = "let items = []; items.pad(8000000, 0); let n = 0; loop { n += 1; }";
    corpus::add_rule(&mut sources, 0, "hostile/grow", grow, &first_source);
    let limits = Limits {
        max_array_size: 10_000_000,
        ..LIMITS
    };
    let ruleset = RuleSet::from_sources_with_limits(sources, limits).unwrap();
    let as_of = vigie::date::parse("2026-01-15").unwrap();
    let profile = r#"{"birthDate": "1971-03-02", "sex": "female"}"#;
    let report = vigie::evaluate(&ruleset, profile, &Options::on(as_of)).unwrap();
    assert_eq!(report.errors.len(), 1, "{:#?}", report.errors);
    assert!(
        report.errors[0].message.contains("MB of memory"),
        "{}",
        report.errors[0].message
    );
    assert!(report.nudge("breast-cancer-screening").is_some());
}

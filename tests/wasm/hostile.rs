//! The hostile rule corpus (`tests/hostile/`) in the wasm module, in Node and in Chromium: the
//! same rules and expectations as natively. The module skips the static checks, so a typo that
//! `vigie check` refuses natively fails here at evaluation (the expectations' `"wasm"` part).

use vigie::sandbox::{Limits, Sandbox, LIMITS};
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

/// `sources` loaded with the fast path (as the module loads every rule set) and without it.
fn both_ways(sources: RuleSetSources) -> Option<(RuleSet, RuleSet)> {
    let fast = RuleSet::from_sources_in(sources.clone(), Sandbox::new()).ok()?;
    let slow = RuleSet::from_sources_in(sources, Sandbox::new().without_fast_path()).unwrap();
    Some((fast, slow))
}

/// A report as JSON, without the errors of rules the clock stopped (where the clock stops a rule
/// depends on the machine, on the interpreter alone too).
fn comparable(report: &vigie::Report, clocked: &[String]) -> String {
    let mut value: serde_json::Value = serde_json::from_str(&report.to_json_pretty()).unwrap();
    if let Some(errors) = value.get_mut("errors").and_then(|e| e.as_array_mut()) {
        errors.retain(|e| !clocked.iter().any(|r| e["rule"].as_str() == Some(r)));
    }
    value.to_string()
}

fn clocked(report: &vigie::Report) -> Vec<String> {
    report
        .errors
        .iter()
        .filter(|e| e.message.contains("ran longer than"))
        .map(|e| e.rule.clone())
        .collect()
}

/// Issue 20 in the wasm module: every hostile rule gives the same report with the fast path (the
/// module's default) and on Rhai's interpreter alone — the same errors, limits and stops.
#[wasm_bindgen_test]
fn every_hostile_rule_gives_the_same_report_with_and_without_the_fast_path() {
    let base = RuleSet::from_files(vigie::wasm::built_in_files("fr").unwrap()).unwrap();
    let mut compared = 0;
    for entry in CORPUS {
        let Some((fast, slow)) = both_ways(with_hostile_rule(base.sources(), entry)) else {
            continue; // refused at load: nothing to evaluate
        };
        let (a, b) = (corpus::evaluate(&fast), corpus::evaluate(&slow));
        let timed: Vec<String> = clocked(&a).into_iter().chain(clocked(&b)).collect();
        let (a, b) = (comparable(&a, &timed), comparable(&b, &timed));
        assert!(
            a == b,
            "hostile/{}: reports differ\n{a}\n---\n{b}",
            entry.name
        );
        compared += 1;
    }
    let (fast, slow) = both_ways(base.sources().clone()).unwrap();
    let _ = (corpus::evaluate(&fast), corpus::evaluate(&slow));
    let (finished, _) = fast.sandbox().fast_runs();
    assert!(finished > 0, "the fast path never ran in the module");
    console_log!("{compared} hostile rule sets compared both ways; the base ran {finished} rules on the fast path");
}

/// Issue 20 in the wasm module: generated people on generated days get the same report, traced,
/// with and without the fast path, and every rule run spends the same operations.
#[wasm_bindgen_test]
fn generated_profiles_give_the_same_report_with_and_without_the_fast_path() {
    let base = RuleSet::from_files(vigie::wasm::built_in_files("fr").unwrap()).unwrap();
    let (fast, slow) = both_ways(base.sources().clone()).unwrap();
    fast.sandbox().record_operations(true);
    slow.sandbox().record_operations(true);
    for (index, profile, options) in corpus::generated_people() {
        let a = vigie::evaluate(&fast, &profile, &options).unwrap();
        let b = vigie::evaluate(&slow, &profile, &options).unwrap();
        assert!(
            a.to_json_pretty() == b.to_json_pretty(),
            "person {index} on {}: reports differ",
            options.as_of
        );
        assert_eq!(
            fast.sandbox().recorded_operations(),
            slow.sandbox().recorded_operations(),
            "person {index}: operations per rule run"
        );
    }
    let (finished, fell_back) = fast.sandbox().fast_runs();
    assert!(
        finished > 10 * fell_back,
        "{finished} fast runs, {fell_back} fell back"
    );
    console_log!("300 people compared both ways: {finished} rule runs on the fast path, {fell_back} fell back");
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

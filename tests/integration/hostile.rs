//! The hostile rule corpus (`tests/hostile/`) natively: each rule beside the French rule set is
//! stopped with an error naming it and its line, within 100 ms, in bounded memory, and every other
//! rule answers as without it.

use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use crate::engine::with_rule_file;
use crate::french;

#[path = "../hostile/corpus.rs"]
mod corpus;

use corpus::{Entry, Outcome, Target, CORPUS, KEYS};

/// Runs one entry the way the library's users load rule sets: the French sources, the hostile
/// rule first.
fn outcome_of(entry: &Entry) -> Outcome {
    let sources = with_rule_file(&entry.id(), entry.source, KEYS);
    corpus::run(entry.moved_first(sources))
}

#[test]
fn the_corpus_lists_every_file_and_each_rule_has_its_expectation() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/rules");
    let mut rules = BTreeSet::new();
    let mut expectations = BTreeSet::new();
    for path in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        match path.extension().and_then(|e| e.to_str()) {
            Some("rhai") => rules.insert(stem),
            Some("json") => expectations.insert(stem),
            _ => panic!("{}: only .rhai and .json files", path.display()),
        };
    }
    assert_eq!(rules, expectations, "each .rhai has its .json");
    let listed: BTreeSet<String> = CORPUS.iter().map(|e| e.name.to_string()).collect();
    assert_eq!(rules, listed, "tests/hostile/corpus.rs lists every rule");
}

#[test]
fn every_hostile_rule_is_stopped_in_time_with_its_rule_and_line_and_the_others_still_answer() {
    let expected_nudges = corpus::evaluate(&french()).nudges;
    let mut failures = Vec::new();
    for entry in CORPUS {
        let checked = catch_unwind(AssertUnwindSafe(|| {
            corpus::check(entry, Target::Native, &outcome_of(entry), &expected_nudges)
        }));
        match checked {
            Ok(summary) => println!("{summary}"),
            Err(panic) => failures.push(
                panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| format!("{}: failed", entry.name)),
            ),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Issue 13, break 5: the deadline was per rule, so 100 rules each using their 50 ms made one
/// evaluation take 5 s. With a budget per evaluation, the whole corpus, repeated to 100 rules
/// before the French rule set, ends within a second and every French rule still answers.
#[test]
fn no_budget_per_evaluation_a_hundred_hostile_rules_end_within_a_second() {
    let base = french();
    let expected_nudges = corpus::evaluate(&base).nudges;
    let (sources, ids) = corpus::many_hostile_rules(base.sources(), Target::Native);
    let ruleset = vigie::RuleSet::from_sources(sources).unwrap();
    println!("{}", corpus::check_many(&ruleset, &ids, &expected_nudges));
}

/// How much one entry may raise the process's peak resident memory. Every value a rule holds is
/// bounded by the sandbox's size limits, the number of values by its call depth and the length of
/// its source; what is left is the interpreter's own bookkeeping.
const PEAK_GROWTH_KB: u64 = 8 * 1024;

/// Entries written to hold as many values as the sandbox allows at once (every variable of every
/// frame, each near the size limits): checked against the sandbox's documented memory bound
/// instead (`vigie::sandbox::memory_bound`, about 35 MB).
const HOLDS_ALL_IT_MAY: &[&str] = &["many-big-values-in-every-frame"];

/// Bounded memory, measured honestly: the peak resident set (`VmHWM`) of a process that runs
/// nothing but the corpus (this test binary again, with only `peak_memory_of_the_corpus`), reset
/// before each entry (`/proc/self/clear_refs`), so each entry's own peak is seen, not another
/// test's running in parallel. Linux only.
#[test]
#[cfg(target_os = "linux")]
fn the_corpus_runs_in_bounded_memory() {
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "hostile::peak_memory_of_the_corpus",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let peaks: Vec<(&str, u64)> = stdout
        .lines()
        // The harness may print the test's name on the same line as the first.
        .filter_map(|line| line.split_once("peak ").map(|(_, rest)| rest))
        .map(|line| {
            let (name, kb) = line.split_once(' ').unwrap();
            (name, kb.parse().unwrap())
        })
        .collect();
    assert_eq!(peaks.len(), CORPUS.len(), "{stdout}");
    for (name, kb) in peaks {
        println!("{name}: peak resident memory +{kb} kB");
        let bound_kb = (vigie::sandbox::memory_bound(&vigie::sandbox::LIMITS) / 1024) as u64;
        let limit = if HOLDS_ALL_IT_MAY.contains(&name) {
            bound_kb
        } else {
            PEAK_GROWTH_KB
        };
        assert!(
            kb < limit,
            "{name}: raised the peak resident memory by {kb} kB"
        );
    }
}

fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"));
    line.trim().trim_end_matches("kB").trim().parse().unwrap()
}

#[test]
#[ignore = "run by the_corpus_runs_in_bounded_memory, in a process of its own"]
#[cfg(target_os = "linux")]
fn peak_memory_of_the_corpus() {
    // Once before measuring, so that what every run allocates the first time (the French rule set,
    // the allocator's arenas) is not counted against the first entry.
    let _ = outcome_of(&CORPUS[0]);
    for entry in CORPUS {
        std::fs::write("/proc/self/clear_refs", "5").expect("resetting the peak (VmHWM)");
        let before = status_kb("VmRSS:");
        let _ = outcome_of(entry);
        let peak = status_kb("VmHWM:");
        println!("peak {} {}", entry.name, peak.saturating_sub(before));
    }
}

//! The native side of the benchmarks in `bench/` (run by `node bench/compare.mjs`):
//!
//! - `bench profiles --people N --seed S --as-of D --out FILE`: the seeded synthetic people of
//!   `vigie diff` (src/population.rs), as one JSON array every implementation reads;
//! - `bench parts --rules NAME --profiles FILE --as-of D`: where the time of one evaluation goes,
//!   natively (reading the profile, evaluating, writing the report);
//! - `bench native --rules NAME --profiles FILE --as-of D --answers FILE`: Vigie through the Rust
//!   library — writes each profile's nudges (program, status, dueDate) for the answer check, then
//!   prints per-profile timings as JSON.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;
use std::time::Instant;

use serde_json::{json, Value};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flags: BTreeMap<&str, &str> = args[1..]
        .chunks(2)
        .map(|pair| (pair[0].trim_start_matches("--"), pair[1].as_str()))
        .collect();
    let as_of = vigie::date::parse(flags["as-of"]).expect("--as-of YYYY-MM-DD");
    match args[0].as_str() {
        "profiles" => {
            let people: u64 = flags["people"].parse().expect("--people N");
            let seed: u64 = flags["seed"].parse().expect("--seed S");
            let all: Vec<Value> = (0..people)
                .map(|i| vigie::population::person(seed, i, as_of))
                .collect();
            std::fs::write(flags["out"], serde_json::to_string(&all).unwrap()).unwrap();
        }
        "native" => native(&flags, as_of),
        "parts" => parts(&flags, as_of),
        other => panic!("unknown command {other}: profiles | native | parts"),
    }
}

/// The rule set of `--rules` and the profiles of `--profiles`, each as JSON text.
fn inputs(flags: &BTreeMap<&str, &str>, as_of: chrono::NaiveDate) -> (vigie::RuleSet, Vec<String>) {
    let ruleset = vigie::catalog::open(flags["rules"], as_of)
        .unwrap_or_else(|err| panic!("{}", err.lines().join("\n")));
    // VIGIE_BENCH_INTERPRETER=1: every rule on Rhai's interpreter, to measure the fast path
    // (src/fast/) against it.
    let ruleset = if std::env::var_os("VIGIE_BENCH_INTERPRETER").is_some() {
        let sandbox = vigie::sandbox::Sandbox::new().without_fast_path();
        vigie::RuleSet::from_sources_in(ruleset.sources().clone(), sandbox).unwrap()
    } else {
        ruleset
    };
    eprintln!(
        "fast path: {:?} rules of {:?}",
        ruleset.fast_rules().0,
        ruleset.fast_rules().1
    );
    let text = std::fs::read_to_string(flags["profiles"]).unwrap();
    let values: Vec<Value> = serde_json::from_str(&text).unwrap();
    (ruleset, values.iter().map(Value::to_string).collect())
}

fn native(flags: &BTreeMap<&str, &str>, as_of: chrono::NaiveDate) {
    let (ruleset, texts) = inputs(flags, as_of);
    let options = vigie::Options::on(as_of);

    // Answers, through the same call as `vigie eval` (JSON text in, validated, evaluated).
    let answers: Vec<Value> = texts
        .iter()
        .map(|profile| {
            let report = vigie::evaluate(&ruleset, profile.as_str(), &options).unwrap();
            let mut nudges: Vec<Value> = report
                .nudges
                .iter()
                .map(|n| json!({"program": n.program, "status": n.status.as_str(), "dueDate": n.due_date}))
                .collect();
            nudges.sort_by_key(|n| n["program"].as_str().unwrap_or_default().to_string());
            Value::Array(nudges)
        })
        .collect();
    std::fs::write(flags["answers"], serde_json::to_string(&answers).unwrap()).unwrap();

    // Timings: JSON text in, report out, per profile, after a warm-up.
    for profile in texts.iter().take(500) {
        std::hint::black_box(vigie::evaluate(&ruleset, profile.as_str(), &options).unwrap());
    }
    let mut times = Vec::with_capacity(texts.len());
    let started = Instant::now();
    for profile in &texts {
        let t = Instant::now();
        std::hint::black_box(vigie::evaluate(&ruleset, profile.as_str(), &options).unwrap());
        times.push(t.elapsed().as_secs_f64() * 1e6);
    }
    let total = started.elapsed().as_secs_f64();
    times.sort_by(f64::total_cmp);
    let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "{}",
        json!({
            "profiles": texts.len(),
            "p50": at(0.5),
            "p99": at(0.99),
            "mean": total * 1e6 / texts.len() as f64,
            "perSecond": (texts.len() as f64 / total).round(),
        })
    );
}

/// Where the time of one `evaluate` goes, natively: reading and validating the profile, running the
/// rules and wording the report, writing the report as JSON. Mean microseconds per profile.
fn parts(flags: &BTreeMap<&str, &str>, as_of: chrono::NaiveDate) {
    let (ruleset, texts) = inputs(flags, as_of);
    let options = vigie::Options::on(as_of);
    let per = |total: std::time::Duration| total.as_secs_f64() * 1e6 / texts.len() as f64;
    let t = Instant::now();
    let profiles: Vec<vigie::Profile> = texts
        .iter()
        .map(|p| vigie::Profile::from_json(p, as_of).unwrap())
        .collect();
    let read = per(t.elapsed());
    let t = Instant::now();
    let reports: Vec<vigie::Report> = profiles
        .iter()
        .map(|p| ruleset.evaluate(p, &options).unwrap())
        .collect();
    let evaluate = per(t.elapsed());
    let t = Instant::now();
    let bytes: usize = reports.iter().map(|r| r.to_json().len()).sum();
    let write = per(t.elapsed());
    println!(
        "{}",
        json!({"readProfile": read, "evaluate": evaluate, "writeReport": write, "reportBytes": bytes / texts.len()})
    );
}

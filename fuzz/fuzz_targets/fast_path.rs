//! The fast path (`vigie::fast`) against Rhai's interpreter on rules the fuzzer writes: any rule
//! set that loads is evaluated with the fast path and without it, and both must give the same
//! report and spend the same operations in every rule run.
//!
//! Input: the `ruleset` target's — files, each introduced by a line `--- <relative path>` — seeded
//! with one single-rule rule set per French rule, so mutations land in real rules' Rhai.
//! Each input meets four fixed people on 2026-01-15, in every locale, with and without trace, and
//! 64 generated people (`vigie::population`, seeded by the input) on a day drawn from the
//! input, so rules meet ages and dates on their boundaries.
//! Rules stopped by the clock are left out of the comparison (where the clock stops a rule depends
//! on the machine, on the interpreter alone too), and so are the operation counts of a run with
//! such a rule.
#![no_main]

mod input;

use libfuzzer_sys::fuzz_target;
use vigie::sandbox::{Sandbox, LIMITS};
use vigie::{Options, RuleSet};

use input::files;

/// People the rules meet: a woman with history, family history and risk, a young man, a man of
/// 70 with nothing recorded, a woman of 62 with diabetes, two screenings and three vaccinations.
const PROFILES: [&str; 4] = [
    r#"{"birthDate":"1971-03-02","sex":"female","smoking":{"status":"current","packYears":22},"familyHistory":[{"relation":"mother","condition":"breast-cancer","ageAtDiagnosis":44}],"screenings":[{"test":"mammography","date":"2024-11-12","result":"normal"}],"vaccinations":[{"vaccine":"dtp","date":"2016-05-10"}]}"#,
    r#"{"age":19,"sex":"male"}"#,
    r#"{"age":70,"sex":"male"}"#,
    r#"{"birthDate":"1963-06-30","sex":"female","conditions":["diabetes"],"screenings":[{"test":"hpv-test","date":"2021-02-01","result":"normal"},{"test":"fit","date":"2024-03-05","result":"normal"}],"vaccinations":[{"vaccine":"influenza","date":"2025-10-20"},{"vaccine":"hpv","date":"1990-01-01"},{"vaccine":"hpv","date":"1990-07-01"}]}"#,
];

/// Rules stopped by the clock in a report.
fn clocked(report: &serde_json::Value) -> Vec<String> {
    report["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| {
            e["message"]
                .as_str()
                .is_some_and(|m| m.contains("ran longer than"))
        })
        .filter_map(|e| e["rule"].as_str().map(String::from))
        .collect()
}

/// A report without the errors of `rules`.
fn without_errors_of(mut report: serde_json::Value, rules: &[String]) -> serde_json::Value {
    if let Some(errors) = report.get_mut("errors").and_then(|e| e.as_array_mut()) {
        errors.retain(|e| !rules.iter().any(|r| e["rule"].as_str() == Some(r)));
    }
    report
}

/// Generated people per input that loads (most mutated inputs do not), on a day drawn from it.
const PEOPLE: u64 = 64;

/// FNV-1a: a seed and a day from the input, the same for the same input.
fn hash(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Evaluates `profile` both ways; the reports must be the same and, when no rule was stopped by
/// the clock, so must the operations of every rule run.
fn compare(fast: &RuleSet, slow: &RuleSet, profile: &serde_json::Value, options: &Options) {
    let a = vigie::evaluate(fast, profile, options).expect("a report");
    let ops_a = fast.sandbox().recorded_operations();
    let b = vigie::evaluate(slow, profile, options).expect("a report");
    let ops_b = slow.sandbox().recorded_operations();
    let a: serde_json::Value = serde_json::from_str(&a.to_json_pretty()).unwrap();
    let b: serde_json::Value = serde_json::from_str(&b.to_json_pretty()).unwrap();
    let timed: Vec<String> = clocked(&a).into_iter().chain(clocked(&b)).collect();
    if timed.is_empty() {
        assert!(a == b, "reports differ for {profile}:\n{a:#}\n---\n{b:#}");
        assert_eq!(ops_a, ops_b, "operations per rule run for {profile}");
    } else {
        let (a, b) = (without_errors_of(a, &timed), without_errors_of(b, &timed));
        assert!(a == b, "reports differ for {profile}:\n{a:#}\n---\n{b:#}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(sources) = RuleSet::parse_files(files(text)) else {
        return;
    };
    let Ok(fast) = RuleSet::from_sources_in(sources.clone(), Sandbox::with_limits(LIMITS)) else {
        return;
    };
    let slow = RuleSet::from_sources_in(sources, Sandbox::with_limits(LIMITS).without_fast_path())
        .expect("the same sources load without the fast path");
    let Some(day) = vigie::date::parse("2026-01-15") else {
        return;
    };
    fast.sandbox().record_operations(true);
    slow.sandbox().record_operations(true);
    for profile in PROFILES {
        let profile: serde_json::Value = serde_json::from_str(profile).unwrap();
        for locale in &fast.manifest().locales {
            for trace in [false, true] {
                let options = Options {
                    as_of: day,
                    locale: Some(locale.clone()),
                    trace,
                };
                compare(&fast, &slow, &profile, &options);
            }
        }
    }
    let seed = hash(data);
    let as_of =
        vigie::date::parse("2024-01-01").unwrap() + chrono::Duration::days((seed % 2_500) as i64);
    for index in 0..PEOPLE {
        let profile = vigie::population::person(seed, index, as_of);
        compare(&fast, &slow, &profile, &Options::on(as_of));
    }
});

//! Native timing of one evaluation of the French rule set (cargo run --release --example measure).
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
use std::time::Instant;

fn main() {
    let ruleset = vigie::RuleSet::load(std::path::Path::new("rules/fr/2025.1.0")).unwrap();
    let as_of = vigie::date::parse("2026-01-15").unwrap();
    let profiles: Vec<vigie::Profile> = [
        r#"{"birthDate":"1971-03-02","sex":"female","screenings":[{"test":"mammography","date":"2024-11-12","result":"normal"}]}"#,
        r#"{"birthDate":"1960-06-01","sex":"male","conditions":[],"familyHistory":[{"relation":"father","condition":"colorectal-cancer","ageAtDiagnosis":58}]}"#,
        r#"{"birthDate":"1996-02-10","sex":"female","screenings":[{"test":"cervical-cytology","date":"2023-04-01","result":"normal"}]}"#,
    ]
    .iter()
    .map(|json| vigie::Profile::from_json(json, as_of).unwrap())
    .collect();
    let options = vigie::Options::on(as_of);
    let n = 30_000;
    for p in &profiles {
        let _ = ruleset.evaluate(p, &options);
    }
    let t = Instant::now();
    for i in 0..n {
        std::hint::black_box(ruleset.evaluate(&profiles[i % 3], &options).unwrap());
    }
    println!(
        "evaluate: {:.2} µs per profile",
        t.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}

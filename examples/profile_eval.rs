//! A steady loop of evaluations for a profiler:
//! `valgrind --tool=callgrind target/release/examples/profile_eval`.
#![allow(clippy::unwrap_used)]

fn main() {
    let ruleset = vigie::RuleSet::load(std::path::Path::new("rules/fr/2025.1.0")).unwrap();
    let as_of = vigie::date::parse("2026-01-15").unwrap();
    let json = r#"{"birthDate":"1971-03-02","sex":"female","screenings":[{"test":"mammography","date":"2024-11-12","result":"normal"}]}"#;
    let profile = vigie::Profile::from_json(json, as_of).unwrap();
    let options = vigie::Options::on(as_of);
    for _ in 0..2000 {
        std::hint::black_box(ruleset.evaluate(&profile, &options).unwrap());
    }
}

//! The wasm module's API, run by wasm-bindgen-test in Node (`node.rs`) and in headless Chromium
//! (`browser.rs`).

use std::collections::BTreeMap;

use vigie::bundle::Bundle;
use vigie::sandbox::{Limits, LIMITS};
use vigie::wasm::Engine;
use vigie::{Options, RuleEntry, RuleSet};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const PROFILE: &str = r#"{"birthDate": "1971-03-02", "sex": "female",
  "screenings": [{"test": "mammography", "date": "2024-11-12", "result": "normal"}]}"#;
const ON: &str = r#"{"asOf": "2026-01-15"}"#;

fn thrown(value: JsValue) -> serde_json::Value {
    serde_json::from_str(&value.as_string().unwrap()).unwrap()
}

#[wasm_bindgen_test]
fn the_built_in_french_rule_set_evaluates() {
    let engine = Engine::built_in("fr").unwrap();
    let report: serde_json::Value =
        serde_json::from_str(&engine.evaluate_json(PROFILE, ON).unwrap()).unwrap();
    assert_eq!(report["ruleset"]["id"], "fr");
    let breast = report["nudges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["program"] == "breast-cancer-screening")
        .unwrap();
    assert_eq!(breast["status"], "up-to-date");
    assert_eq!(breast["dueDate"], "2026-11-12");
}

#[wasm_bindgen_test]
fn bad_input_comes_back_as_tagged_data_and_the_module_stays_usable() {
    let engine = Engine::built_in("fr").unwrap();
    let failure = thrown(
        engine
            .evaluate_json(r#"{"sex": "femme", "birthDate": "2024-13-01"}"#, ON)
            .unwrap_err(),
    );
    assert_eq!(failure["code"], "invalid-profile");
    assert_eq!(failure["problems"][0]["path"], "birthDate");
    assert_eq!(failure["problems"][1]["path"], "sex");
    let failure = thrown(engine.evaluate_json("{not json", ON).unwrap_err());
    assert_eq!(failure["code"], "invalid-profile");
    let failure = thrown(
        engine
            .evaluate_json(PROFILE, r#"{"asOf": "tomorrow"}"#)
            .unwrap_err(),
    );
    assert_eq!(
        (failure["code"].as_str(), failure["path"].as_str()),
        (Some("invalid-options"), Some("asOf"))
    );
    let failure = thrown(Engine::built_in("xx").map(|_| ()).unwrap_err());
    assert_eq!(failure["code"], "invalid-bundle");
    // Still answers after all that.
    assert!(engine.evaluate_json(PROFILE, ON).is_ok());
    assert_eq!(
        engine.validate_json(PROFILE, ON).unwrap(),
        r#"{"valid":true,"problems":[]}"#
    );
}

#[wasm_bindgen_test]
fn two_rule_sets_live_side_by_side_and_an_altered_bundle_is_refused() {
    let french = Engine::built_in("fr").unwrap();
    let ruleset = RuleSet::from_files(files_of_built_in()).unwrap();
    let mut sources = ruleset.sources().clone();
    sources.manifest.version = "2026.1.1".to_string();
    sources.manifest.changelog.push(vigie::ChangelogEntry {
        version: "2026.1.1".to_string(),
        date: "2026-11-24".to_string(),
        changes: vec!["test".to_string()],
    });
    let other = RuleSet::from_sources(sources).unwrap();
    let bundle = Bundle::of(&other).to_json();
    let second = Engine::from_bundle(&bundle).unwrap();
    let ids: Vec<serde_json::Value> = [&french, &second]
        .iter()
        .map(|e| serde_json::from_str(&e.ruleset_json()).unwrap())
        .collect();
    assert_eq!(ids[0]["version"], "2026.2.0");
    assert_eq!(ids[1]["version"], "2026.1.1");
    assert_ne!(ids[0]["digest"], ids[1]["digest"]);
    assert!(french
        .evaluate_json(PROFILE, ON)
        .unwrap()
        .contains("2026.2.0"));
    assert!(second
        .evaluate_json(PROFILE, ON)
        .unwrap()
        .contains("2026.1.1"));

    let altered = bundle.replacen("Vous avez", "Tu as", 1);
    assert_ne!(altered, bundle);
    let failure = thrown(Engine::from_bundle(&altered).map(|_| ()).unwrap_err());
    assert_eq!(failure["code"], "digest-mismatch", "{failure}");
    let relabelled = bundle.replacen("2026.1.1", "2027.0.0", 1);
    let failure = thrown(Engine::from_bundle(&relabelled).map(|_| ()).unwrap_err());
    assert_eq!(failure["code"], "invalid-bundle", "{failure}");
}

fn files_of_built_in() -> BTreeMap<String, String> {
    vigie::wasm::built_in_files("fr").unwrap()
}

#[wasm_bindgen_test]
fn the_deadline_stops_a_rule_on_wasm_too() {
    let mut sources = RuleSet::from_files(files_of_built_in())
        .unwrap()
        .sources()
        .clone();
    let first_source = sources.manifest.sources.keys().next().unwrap().clone();
    sources.manifest.rules.push(RuleEntry {
        id: "hostile/loop".to_string(),
        program: "smoking-cessation".to_string(),
        sources: vec![first_source],
        contested: None,
        replace: false,
        before: None,
    });
    sources
        .rules
        .insert("hostile/loop".to_string(), "loop { }".to_string());
    // No operation limit: only the wall-clock deadline, read through JavaScript's clock, can stop it.
    let limits = Limits {
        max_operations: 0,
        evaluation_operations: 0,
        deadline_ms: 30,
        ..LIMITS
    };
    let ruleset = RuleSet::from_sources_with_limits(sources, limits).unwrap();
    let as_of = vigie::date::parse("2026-01-15").unwrap();
    let report = vigie::evaluate(&ruleset, PROFILE, &Options::on(as_of)).unwrap();
    assert_eq!(report.errors.len(), 1);
    assert!(
        report.errors[0].message.contains("deadline"),
        "{}",
        report.errors[0].message
    );
    assert!(report.nudge("breast-cancer-screening").is_some());
}

/// Issue 13, break 3, in the wasm module: words whose worst-case expansion is too long (month
/// names of 10,000 characters, a date format repeating `{month}`) are refused when a bundle
/// loads, even with its digest recomputed; in wasm they made a "capacity overflow" panic.
#[wasm_bindgen_test]
fn template_amplification_is_refused_when_a_bundle_loads() {
    let french = RuleSet::from_files(files_of_built_in()).unwrap();
    let mut bundle = Bundle::of(&french);
    let fr = bundle.ruleset.messages.get_mut("fr").unwrap();
    fr.dates.months[3] = "m".repeat(10_000);
    fr.dates.format = "{month}{month}{month}{month}".to_string();
    // Another version than the built-in one, which a bundle could not claim with other words.
    bundle.ruleset.manifest.version = "2026.9.9".to_string();
    bundle
        .ruleset
        .manifest
        .changelog
        .push(vigie::ChangelogEntry {
            version: "2026.9.9".to_string(),
            date: "2026-12-05".to_string(),
            changes: vec!["amplified words".to_string()],
        });
    bundle.version = "2026.9.9".to_string();
    bundle.digest = bundle.ruleset.digest();
    bundle.bundle_digest = Some(bundle.whole_digest());
    let failure = thrown(
        Engine::from_bundle(&bundle.to_json())
            .map(|_| ())
            .unwrap_err(),
    );
    assert_eq!(failure["code"], "invalid-bundle", "{failure}");
    let text = failure.to_string();
    assert!(
        text.contains("[dates] months[3] is 10000 characters long; the limit is 40"),
        "{text}"
    );
    assert!(
        text.contains("[dates] format uses 4 placeholders; the limit is 3"),
        "{text}"
    );
    // The module stays usable.
    assert!(Engine::built_in("fr")
        .unwrap()
        .evaluate_json(PROFILE, ON)
        .is_ok());
}

/// Issue 13, break 9, in the wasm module: an `asOf` of 9999-12-31 gives dates of four-digit
/// years only (a rule stepping past it fails instead).
#[wasm_bindgen_test]
fn extreme_as_of_dates_in_reports_stay_yyyy_mm_dd() {
    let french = Engine::built_in("fr").unwrap();
    for as_of in ["0000-01-01", "9999-12-31"] {
        let report = french
            .evaluate_json(
                r#"{"age": 70, "sex": "male"}"#,
                &format!(r#"{{"asOf": "{as_of}"}}"#),
            )
            .unwrap();
        assert!(!report.contains("\"+"), "{report}");
        assert!(!report.contains("\"-0"), "{report}");
    }
}

#[wasm_bindgen_test]
fn questions_cross_the_boundary() {
    let engine = Engine::built_in("fr").unwrap();
    let questionnaire: serde_json::Value = serde_json::from_str(
        &engine
            .questionnaire_json(r#"{"locale":"en"}"#, true)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(questionnaire["locale"], "en");
    assert!(questionnaire["questions"].as_array().unwrap().len() > 10);
    let on = r#"{"asOf":"2026-12-05"}"#;
    let answers = r#"{"answers":{"birth":{"age":72},"sex":"female","mammography":"2022"}}"#;
    let profile = engine.profile_from_answers_json(answers, on, true).unwrap();
    assert!(profile.contains(r#""date":"2022""#), "{profile}");
    let failure = thrown(
        engine
            .profile_from_answers_json(&answers.replace("\"2022\"", "\"2022-13\""), on, true)
            .unwrap_err(),
    );
    assert_eq!(failure["code"], "invalid-answers");
    assert_eq!(failure["problems"][0]["path"], "answers.mammography");
    let asked = r#"{"asOf":"2026-12-05","questions":true}"#;
    let report: serde_json::Value =
        serde_json::from_str(&engine.evaluate_json(&profile, asked).unwrap()).unwrap();
    assert!(!report["questions"].as_array().unwrap().is_empty());
    let failure = thrown(
        engine
            .evaluate_cards_json(&profile, asked, true)
            .unwrap_err(),
    );
    assert_eq!(failure["path"], "questions");
}

//! The malformed-profile corpus (`tests/malformed/`) through the wasm module's `Engine`, in Node
//! and in headless Chromium: every input is refused as tagged data with exactly the expected
//! paths — never a trap — and the engine still evaluates after each one.

use serde_json::Value;
use vigie::wasm::Engine;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

#[path = "../malformed/corpus.rs"]
mod corpus;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Date)]
    fn now() -> f64;
}

fn thrown(value: JsValue) -> Value {
    serde_json::from_str(&value.as_string().unwrap()).unwrap()
}

/// Where the thrown failure differs from the expectation `[[path, kind, words], …]`.
fn mismatch(expected: &Value, failure: &Value) -> Option<String> {
    let expected = expected.as_array().unwrap();
    let problems = failure["problems"].as_array().cloned().unwrap_or_default();
    let found: Vec<(&Value, &Value)> = problems.iter().map(|p| (&p["path"], &p["kind"])).collect();
    let wanted: Vec<(&Value, &Value)> = expected.iter().map(|e| (&e[0], &e[1])).collect();
    let words_ok = expected.iter().zip(&problems).all(|(e, p)| {
        p["message"]
            .as_str()
            .unwrap_or_default()
            .contains(e[2].as_str().unwrap())
    });
    if failure["code"] == "invalid-profile" && found == wanted && words_ok {
        None
    } else {
        Some(format!("expected {expected:?}, got {failure}"))
    }
}

#[wasm_bindgen_test]
fn every_malformed_profile_is_refused_and_the_module_stays_usable() {
    let index: Value = serde_json::from_str(corpus::INDEX).unwrap();
    let options = format!(r#"{{"asOf": {}}}"#, index["asOf"]);
    let valid = index["valid"].to_string();
    let engine = Engine::built_in("fr").unwrap();
    let mut failures = Vec::new();
    for (name, bytes) in corpus::INPUTS {
        let entry = &index["inputs"][*name];
        let expected = if entry["asText"].is_null() {
            &entry["problems"]
        } else {
            &entry["asText"]
        };
        // A JavaScript string is always Unicode: bad bytes arrive replaced.
        let text = String::from_utf8_lossy(bytes);
        match engine.evaluate_json(&text, &options) {
            Ok(_) => failures.push(format!("{name}: accepted")),
            Err(value) => failures.extend(
                mismatch(expected, &thrown(value)).map(|m| format!("{name} (evaluate): {m}")),
            ),
        }
        let validation: Value =
            serde_json::from_str(&engine.validate_json(&text, &options).unwrap()).unwrap();
        let as_failure =
            serde_json::json!({"code": "invalid-profile", "problems": validation["problems"]});
        if validation["valid"] != false {
            failures.push(format!("{name} (validate): {validation}"));
        }
        failures.extend(mismatch(expected, &as_failure).map(|m| format!("{name} (validate): {m}")));
        if engine.evaluate_json(&valid, &options).is_err() {
            failures.push(format!("{name}: the valid profile fails afterwards"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatch(es):\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(corpus::INPUTS.len() >= 100);
}

#[wasm_bindgen_test]
fn a_10_mb_profile_is_refused_at_once() {
    let engine = Engine::built_in("fr").unwrap();
    let big = format!(
        r#"{{"birthDate": "1971-03-02", "sex": "female", "note": "{}"}}"#,
        "x".repeat(10 * 1024 * 1024)
    );
    let start = now();
    let failure = thrown(
        engine
            .evaluate_json(&big, r#"{"asOf": "2026-01-15"}"#)
            .unwrap_err(),
    );
    let took = now() - start;
    assert_eq!(failure["code"], "invalid-profile");
    assert_eq!(failure["problems"][0]["path"], "");
    assert_eq!(failure["problems"][0]["kind"], "too-large");
    let message = failure["problems"][0]["message"].as_str().unwrap();
    assert!(message.contains("at most 1000000 bytes"), "{message}");
    // Copying 10 MB into the module is all it costs (generous: CI machines are slow).
    assert!(took < 1000.0, "took {took} ms");
    assert!(engine
        .evaluate_json(
            r#"{"age": 50, "sex": "female"}"#,
            r#"{"asOf": "2026-01-15"}"#
        )
        .is_ok());
}

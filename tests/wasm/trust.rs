//! Issue 13, breaks 4 and 7 in the wasm module: built-in versions pinned, `expectDigest`, and the
//! caps checked before compiling.

use vigie::bundle::Bundle;
use vigie::wasm::Engine;
use vigie::RuleSet;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn thrown(value: JsValue) -> serde_json::Value {
    serde_json::from_str(&value.as_string().unwrap()).unwrap()
}

fn built_in() -> RuleSet {
    RuleSet::from_files(vigie::wasm::built_in_files("fr").unwrap()).unwrap()
}

fn resealed(mut bundle: Bundle) -> String {
    bundle.digest = bundle.ruleset.digest();
    bundle.bundle_digest = Some(bundle.whole_digest());
    bundle.to_json()
}

#[wasm_bindgen_test]
fn the_built_in_rule_set_is_its_pinned_version() {
    let id = built_in().id();
    let pin = vigie::PINNED_VERSIONS
        .iter()
        .find(|p| p.id == id.id && p.version == id.version)
        .unwrap();
    assert_eq!(pin.digest, id.digest);
}

#[wasm_bindgen_test]
fn bundle_claiming_a_built_in_version_must_match_it_on_wasm() {
    let real = Bundle::of(&built_in());
    assert!(Engine::from_bundle(&real.to_json()).is_ok());
    let mut forged = real.clone();
    let rule = forged.ruleset.rules.get_mut("breast/high-risk").unwrap();
    *rule = rule.replace("brca1", "no-such-gene");
    let failure = thrown(
        Engine::from_bundle(&resealed(forged))
            .map(|_| ())
            .unwrap_err(),
    );
    assert_eq!(failure["code"], "built-in-mismatch", "{failure}");
    let claimed = format!("fr@{}", real.version);
    assert_eq!(failure["claims"], claimed.as_str());
    assert_eq!(failure["expected"], real.digest.as_str());

    // An overlay whose embedded base claims the built-in version.
    let mut overlay = built_in().sources().clone();
    let mut base = overlay.clone();
    base.rules
        .get_mut("breast/high-risk")
        .unwrap()
        .push_str("\n// altered");
    overlay.manifest.id = "region".to_string();
    overlay.manifest.version = "1.0.0".to_string();
    overlay.manifest.extends = Some(claimed.clone());
    overlay.manifest.rules.clear();
    overlay.manifest.changelog = vec![vigie::ChangelogEntry {
        version: "1.0.0".to_string(),
        date: "2026-11-24".to_string(),
        changes: vec!["test".to_string()],
    }];
    overlay.rules.clear();
    overlay.base = Some(Box::new(base));
    let bundle = Bundle {
        format: vigie::bundle::BUNDLE_FORMAT.to_string(),
        id: "region".to_string(),
        version: "1.0.0".to_string(),
        digest: String::new(),
        valid_until: None,
        bundle_digest: None,
        ruleset: overlay,
    };
    let failure = thrown(
        Engine::from_bundle(&resealed(bundle))
            .map(|_| ())
            .unwrap_err(),
    );
    assert_eq!(failure["code"], "built-in-mismatch", "{failure}");
}

#[wasm_bindgen_test]
fn expect_digest_refuses_another_rule_set_on_wasm() {
    let real = Bundle::of(&built_in());
    let json = real.to_json();
    let other = vigie::PINNED_VERSIONS[0].digest.to_string();
    assert!(Engine::from_bundle_expecting(&json, Some(real.digest.clone())).is_ok());
    assert!(Engine::from_bundle_expecting(&json, real.bundle_digest.clone()).is_ok());
    let failure = thrown(
        Engine::from_bundle_expecting(&json, Some(other.clone()))
            .map(|_| ())
            .unwrap_err(),
    );
    assert_eq!(failure["code"], "unexpected-digest", "{failure}");
    assert_eq!(failure["expected"], other.as_str());
    assert_eq!(failure["actual"], real.digest.as_str());
    assert!(Engine::built_in_expecting("fr", Some(real.digest.clone())).is_ok());
    let failure = thrown(
        Engine::built_in_expecting("fr", Some(other))
            .map(|_| ())
            .unwrap_err(),
    );
    assert_eq!(failure["code"], "unexpected-digest", "{failure}");
    let failure = thrown(
        Engine::built_in_expecting("fr", Some("0c77".to_string()))
            .map(|_| ())
            .unwrap_err(),
    );
    assert_eq!(failure["code"], "invalid-options", "{failure}");
}

#[wasm_bindgen_test]
fn a_rule_file_with_40000_functions_is_refused_before_it_is_compiled_on_wasm() {
    let mut sources = built_in().sources().clone();
    sources.manifest.version = "2026.9.9".to_string();
    sources.manifest.changelog.push(vigie::ChangelogEntry {
        version: "2026.9.9".to_string(),
        date: "2026-11-24".to_string(),
        changes: vec!["test".to_string()],
    });
    let many: String = (0..40_000).map(|i| format!("fn f{i}(){{}}")).collect();
    sources.rules.insert("vaccines/rsv".to_string(), many);
    let bundle = Bundle {
        format: vigie::bundle::BUNDLE_FORMAT.to_string(),
        id: "fr".to_string(),
        version: "2026.9.9".to_string(),
        digest: String::new(),
        valid_until: None,
        bundle_digest: None,
        ruleset: sources.clone(),
    };
    let json = resealed(bundle);
    let start = js_sys_now();
    let failure = thrown(Engine::from_bundle(&json).map(|_| ()).unwrap_err());
    assert!(
        js_sys_now() - start < 1000.0,
        "took {} ms",
        js_sys_now() - start
    );
    assert_eq!(failure["code"], "invalid-bundle", "{failure}");
    assert!(
        failure["message"]
            .as_str()
            .unwrap()
            .contains("a rule file is at most"),
        "{failure}"
    );
}

#[wasm_bindgen_test]
fn rule_ids_with_homoglyphs_are_refused_on_wasm() {
    let mut sources = built_in().sources().clone();
    let rule = sources
        .manifest
        .rules
        .iter_mut()
        .find(|r| r.id == "vaccines/rsv")
        .unwrap();
    rule.id = "vaccines/r\u{0455}v".to_string();
    let source = sources.rules.remove("vaccines/rsv").unwrap();
    sources
        .rules
        .insert("vaccines/r\u{0455}v".to_string(), source);
    let err = RuleSet::from_sources(sources).unwrap_err();
    assert!(err.to_string().contains("is not of the form"), "{err}");
}

/// Milliseconds, from JavaScript's clock (`std::time::Instant` panics on wasm32).
fn js_sys_now() -> f64 {
    #[wasm_bindgen::prelude::wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Date, js_name = now)]
        fn date_now() -> f64;
    }
    date_now()
}

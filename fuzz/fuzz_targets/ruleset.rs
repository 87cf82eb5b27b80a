//! Rule-set loading from any files — manifest (TOML), Rhai rules, messages — as `vigie check` and
//! `vigie bundle` load a folder, then, when the rule set loads, evaluation of two profiles under
//! the sandbox limits and a round trip through a bundle.
//!
//! Input: files, each introduced by a line `--- <relative path>` (`--- ruleset.toml`,
//! `--- rules/<id>.rhai`, `--- messages/<locale>.toml`), as in `fuzz/seeds/ruleset/`.
//! Never panics; a refusal lists at least one problem; a loaded rule set answers every profile in
//! every locale it declares, and its bundle loads back with the same id, version and digest.
#![no_main]

mod input;

use libfuzzer_sys::fuzz_target;
use vigie::bundle::{Bundle, BundleError};
use vigie::{Options, RuleSet};

use input::files;

const PROFILES: [&str; 2] = [
    r#"{"birthDate":"1971-03-02","sex":"female","smoking":{"status":"current","packYears":22},"familyHistory":[{"relation":"mother","condition":"breast-cancer","ageAtDiagnosis":44}],"screenings":[{"test":"mammography","date":"2024-11-12","result":"normal"}],"vaccinations":[{"vaccine":"dtp","date":"2016-05-10"}]}"#,
    r#"{"age":19,"sex":"male"}"#,
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ruleset = match RuleSet::from_files(files(text)) {
        Ok(ruleset) => ruleset,
        Err(err) => {
            assert!(!err.diagnostics.is_empty(), "a refusal without a problem");
            return;
        }
    };
    let Some(day) = vigie::date::parse("2026-01-15") else {
        return;
    };
    for profile in PROFILES {
        for locale in &ruleset.manifest().locales {
            let options = Options {
                as_of: day,
                locale: Some(locale.clone()),
                trace: true,
            };
            let report = vigie::evaluate(&ruleset, profile, &options)
                .expect("a valid profile, and a declared locale is spoken");
            let json: serde_json::Value =
                serde_json::from_str(&report.to_json_pretty()).expect("the report is JSON");
            assert_eq!(json["ruleset"]["digest"], ruleset.id().digest);
        }
    }
    let bundle = Bundle::of(&ruleset).to_json();
    let id = ruleset.id();
    let claims_a_built_in = vigie::PINNED_VERSIONS
        .iter()
        .any(|p| p.id == id.id && p.version == id.version && p.digest != id.digest);
    match Bundle::load(&bundle) {
        Ok(again) => assert_eq!(again.id(), id),
        // Other content under a built-in id and version (a mutated seed of rules/fr) is refused.
        Err(BundleError::BuiltInMismatch { .. }) if claims_a_built_in => {}
        Err(err) => panic!("the bundle of a rule set that loads is refused: {err}"),
    }
});

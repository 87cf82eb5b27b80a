//! The FHIR R4 import (`vigie::fhir::import`) with any bytes as a bundle.
//!
//! Never panics; a refusal lists at least one problem, each with a message; an import gives a
//! profile that the profile's own validation accepts, and accounts for every entry of the bundle
//! (used, or listed as not used at its path).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let day = vigie::date::parse("2026-01-15").expect("a date");
    match vigie::fhir::import(data, day) {
        Ok(imported) => {
            let profile = imported.profile.to_value();
            assert!(
                vigie::Profile::from_value(&profile, day).is_ok(),
                "an imported profile is refused: {profile}"
            );
            let bundle: serde_json::Value = serde_json::from_slice(data).expect("JSON");
            let entries = bundle["entry"].as_array().map_or(0, Vec::len);
            for i in 0..entries {
                let path = format!("entry[{i}]");
                let mentioned = imported.used.contains(&path)
                    || imported
                        .not_used
                        .iter()
                        .any(|n| n.path == path || n.path.starts_with(&format!("{path}.")));
                assert!(mentioned, "{path} neither used nor listed as not used");
            }
        }
        Err(err) => {
            assert!(!err.problems.is_empty(), "a refusal without a problem");
            assert!(err.problems.iter().all(|p| !p.message.is_empty()));
        }
    }
});

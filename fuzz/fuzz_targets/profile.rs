//! Profile JSON text → validation. Never panics; a refused profile lists at least one problem; the
//! boundary's `validate` agrees with the text; the text is at least as strict as its parsed value
//! (reading the text also refuses what a parsed value cannot show: a key given twice, too deep a
//! nesting, too large an input) and, when it accepts, gives the same profile.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigie::{ffi, Profile};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Two evaluation dates: validation depends on it (no future dates, ages up to 120).
    for as_of in ["2026-01-15", "1990-02-28"] {
        let Some(day) = vigie::date::parse(as_of) else {
            return;
        };
        let outcome = Profile::from_json(text, day);
        if let Err(err) = &outcome {
            assert!(!err.problems.is_empty(), "a refusal without a problem");
            assert!(err.problems.iter().all(|p| !p.message.is_empty()));
        }
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
            let from_value = Profile::from_value(&value, day);
            match (&outcome, &from_value) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "text and value read different profiles"),
                (Ok(_), Err(err)) => panic!("the value is refused but not the text: {err:?}"),
                (Err(_), _) => {}
            }
        }
        let options = format!(r#"{{"asOf":"{as_of}"}}"#);
        let validation = ffi::validate(text, &options, day).expect("valid options");
        let validation: serde_json::Value =
            serde_json::from_str(&validation).expect("validate answers JSON");
        assert_eq!(validation["valid"], outcome.is_ok(), "validate disagrees");
        if let Ok(profile) = outcome {
            if let Some(bmi) = profile.bmi() {
                assert!(bmi.is_finite(), "a BMI of {bmi}");
            }
        }
    }
});

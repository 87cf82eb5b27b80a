//! Evaluation of the repository's rule sets — `rules/fr` (the version in force on the day),
//! `rules/example-fr-976` and `rules/fr-cancer-screening`, each loaded once — with any profile,
//! evaluation date and locale, under the sandbox limits (`vigie::sandbox::LIMITS`).
//!
//! Input: a first line `<asOf> <locale> <rule set>` (each optional: 2026-01-15, fr, fr), then the
//! profile's JSON text. Never panics; a valid profile always gets a report, without rule errors, in
//! any locale the rule set speaks; an invalid one is refused with its problems.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use vigie::catalog;
use vigie::ffi::{self, Failure, Layout};
use vigie::{Profile, RuleSet};

struct Loaded {
    /// `rules/fr`'s versions, oldest first.
    fr: Vec<RuleSet>,
    overlays: Vec<(&'static str, RuleSet)>,
}

fn load() -> Loaded {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules");
    let day = vigie::date::parse("2026-01-15").expect("a date");
    let open = |name: &str| {
        let path = root.join(name);
        catalog::open(&path.to_string_lossy(), day)
            .unwrap_or_else(|err| panic!("{name} does not load: {:?}", err.lines()))
    };
    let versions = catalog::versions(&root.join("fr")).expect("rules/fr has versions");
    let fr = versions
        .iter()
        .map(|v| open(&format!("fr@{}", v.version)))
        .collect();
    let overlays = ["example-fr-976", "fr-cancer-screening"]
        .into_iter()
        .map(|name| (name, open(name)))
        .collect();
    Loaded { fr, overlays }
}

thread_local! {
    static LOADED: Loaded = load();
}

/// The `rules/fr` version in force on `day` (the oldest before the first), as `vigie eval --rules
/// rules/fr` picks it.
fn in_force(all: &[RuleSet], day: chrono::NaiveDate) -> &RuleSet {
    all.iter()
        .rev()
        .find(|r| r.in_force().is_some_and(|from| from <= day))
        .or_else(|| all.first())
        .expect("a version")
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (header, profile_json) = text.split_once('\n').unwrap_or(("", text));
    let mut words = header.split(' ');
    let as_of = words
        .next()
        .filter(|w| !w.is_empty())
        .unwrap_or("2026-01-15");
    let Some(day) = vigie::date::parse(as_of) else {
        return;
    };
    let locale = words.next().filter(|w| !w.is_empty()).unwrap_or("fr");
    let name = words.next().unwrap_or("fr");
    LOADED.with(|loaded| {
        let rules = match loaded.overlays.iter().find(|(n, _)| *n == name) {
            Some((_, overlay)) => overlay,
            None => in_force(&loaded.fr, day),
        };
        let options = serde_json::json!({ "asOf": as_of, "locale": locale, "trace": true });
        let outcome = ffi::evaluate(
            rules,
            profile_json,
            &options.to_string(),
            day,
            Layout::Compact,
        );
        let valid = Profile::from_json(profile_json, day).is_ok();
        let speaks = rules.manifest().locales.iter().any(|l| l == locale);
        match outcome {
            Ok(json) => {
                assert!(valid && speaks, "a report for a refused profile or locale");
                let report: serde_json::Value = serde_json::from_str(&json).expect("JSON");
                assert_eq!(report["ruleset"]["digest"], rules.id().digest);
                assert_eq!(report["asOf"], as_of);
                let errors = report["errors"].as_array().map_or(0, Vec::len);
                assert_eq!(errors, 0, "a valid profile made rules fail: {json}");
                let traced = report["trace"].as_array().map_or(0, Vec::len);
                assert!(traced > 0, "a trace was asked for: {json}");
            }
            Err(Failure::InvalidProfile { problems, .. }) => {
                assert!(!valid && !problems.is_empty(), "a valid profile refused");
            }
            Err(Failure::UnknownLocale { .. }) => assert!(!speaks, "a known locale refused"),
            Err(other) => panic!("unexpected failure: {other}"),
        }
    });
});

//! `vigie eval --format cds-hooks` (docs/contract.md §6): a card per nudge that asks for something, worded
//! for the clinician, the same bytes for the same input.

use vigie::cds_hooks::{self, CardOptions, Indicator, MAX_SUMMARY_CHARS};
use vigie::{cases, Options, RuleSet, Status};

use crate::cli::{text, vigie};

const RULES: &str = "rules/fr/2026.1.0";
const AS_OF: &str = "2026-12-05";

/// `vigie eval --format cds-hooks` of `profile` on stdin, with `flags`; the response parsed.
fn cards(profile: &str, flags: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "eval",
        "--rules",
        RULES,
        "--as-of",
        AS_OF,
        "--format",
        "cds-hooks",
    ];
    args.extend_from_slice(flags);
    args.push("-");
    let out = vigie(&args, Some(profile));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_str(&text(&out.stdout)).unwrap()
}

/// The card whose summary starts with `title`.
fn card<'a>(response: &'a serde_json::Value, title: &str) -> Option<&'a serde_json::Value> {
    response["cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["summary"].as_str().unwrap().starts_with(title))
}

#[test]
fn a_refer_is_critical_and_says_the_standard_programme_does_not_apply() {
    let profile = r#"{"birthDate": "1980-01-01", "sex": "female", "conditions": ["brca1"]}"#;
    let response = cards(profile, &["--locale", "en"]);
    let breast = card(&response, "Breast cancer screening").unwrap();
    assert_eq!(breast["indicator"], "critical");
    assert_eq!(
        breast["summary"],
        "Breast cancer screening: standard programme does not apply, refer"
    );
    let detail = breast["detail"].as_str().unwrap();
    assert!(
        detail.contains("- On record: BRCA1 pathogenic variant."),
        "{detail}"
    );
    assert!(!detail.contains("You reported"), "{detail}");
    assert_eq!(response["cards"][0], *breast, "the refer comes first");
}

#[test]
fn a_due_warns_with_the_day_it_became_due() {
    let profile = r#"{"birthDate": "1971-03-02", "sex": "female",
        "screenings": [{"test": "mammography", "date": "2024-11-12", "result": "normal"}]}"#;
    let response = cards(profile, &[]);
    let breast = card(&response, "Dépistage du cancer du sein").unwrap();
    assert_eq!(breast["indicator"], "warning");
    assert_eq!(
        breast["summary"],
        "Dépistage du cancer du sein : à faire depuis le 12/11/2026"
    );
    let detail = breast["detail"].as_str().unwrap();
    assert!(
        detail.contains("- Dernier examen : mammographie, le 12/11/2024, résultat normal."),
        "{detail}"
    );
    assert!(detail.contains("**Texte destiné au patient"), "{detail}");
    assert_eq!(breast["source"]["label"], "Règles Vigie fr 2026.1.0");
    let links = breast["links"].as_array().unwrap();
    assert!(!links.is_empty());
    assert_eq!(breast["source"]["url"], links[0]["url"]);
    assert!(links.iter().all(|l| l["type"] == "absolute"));
}

#[test]
fn an_upcoming_and_an_info_inform() {
    let profile = r#"{"birthDate": "1977-06-01", "sex": "female",
        "smoking": {"status": "current", "packYears": 25}}"#;
    let response = cards(profile, &["--locale", "en"]);
    let breast = card(&response, "Breast cancer screening").unwrap();
    assert_eq!(breast["indicator"], "info");
    assert_eq!(
        breast["summary"],
        "Breast cancer screening: eligible from 2027-06-01"
    );
    let stop = card(&response, "Stop-smoking support").unwrap();
    assert_eq!(stop["indicator"], "info");
    assert_eq!(stop["summary"], "Stop-smoking support: for information");
}

#[test]
fn up_to_date_nudges_get_cards_with_all_only() {
    let profile = r#"{"birthDate": "1971-03-02", "sex": "female",
        "screenings": [{"test": "mammography", "date": "2026-01-10", "result": "normal"}]}"#;
    assert!(card(&cards(profile, &[]), "Dépistage du cancer du sein").is_none());
    let all = cards(profile, &["--all"]);
    let breast = card(&all, "Dépistage du cancer du sein").unwrap();
    assert_eq!(breast["indicator"], "info");
    assert_eq!(
        breast["summary"],
        "Dépistage du cancer du sein : à jour, prochaine échéance le 10/01/2028"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes_as_the_library() {
    let profile = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/profile.json"),
    )
    .unwrap();
    let args = [
        "eval",
        "--rules",
        RULES,
        "--as-of",
        AS_OF,
        "--format",
        "cds-hooks",
        "--all",
        "-",
    ];
    let first = vigie(&args, Some(&profile));
    let second = vigie(&args, Some(&profile));
    assert_eq!(first.status.code(), Some(0));
    assert_eq!(first.stdout, second.stdout);
    let rules = RuleSet::load(&crate::rules_root().join("fr").join("2026.1.0")).unwrap();
    let report =
        vigie::evaluate(&rules, profile.as_str(), &Options::on(crate::day(AS_OF))).unwrap();
    let response = cds_hooks::cards(&report, &CardOptions { all: true });
    assert_eq!(text(&first.stdout), response.to_json_pretty() + "\n");
    let from_json = cds_hooks::cards_from_json(&report.to_json(), &CardOptions { all: true });
    assert_eq!(from_json.unwrap(), response);
}

#[test]
fn the_report_stays_the_default_and_misused_flags_are_usage_errors() {
    let profile = r#"{"age": 50, "sex": "male"}"#;
    let base = ["eval", "--rules", RULES, "--as-of", AS_OF];
    let run = |flags: &[&str]| {
        let args: Vec<&str> = base.iter().chain(flags).chain(&["-"]).copied().collect();
        vigie(&args, Some(profile))
    };
    let default = run(&[]);
    assert_eq!(default.stdout, run(&["--format", "report"]).stdout);
    assert!(text(&default.stdout).starts_with("{\n  \"ruleset\""));
    for (flags, says) in [
        (&["--all"][..], "--all goes with --format cds-hooks"),
        (
            &["--format", "cds-hooks", "--trace"],
            "cards carry no trace",
        ),
        (
            &["--format", "xml"],
            "--format `xml` is not report or cds-hooks",
        ),
    ] {
        let out = run(flags);
        assert_eq!(out.status.code(), Some(2), "{flags:?}");
        assert!(text(&out.stderr).contains(says), "{}", text(&out.stderr));
        assert!(out.stdout.is_empty());
    }
    let refused = vigie(
        &["eval", "--rules", RULES, "--format", "cds-hooks", "-"],
        Some(r#"{"sex": "x"}"#),
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(refused.stdout.is_empty());
}

/// Over every case of the newest French rules, in both locales: every card has a one-line summary
/// under 140 characters, its status's indicator, a detail, and the same bytes from the JSON.
#[test]
fn every_case_of_fr_2026_in_fr_and_en_gives_short_summaries() {
    let dir = crate::rules_root().join("fr").join("2026.1.0");
    let rules = RuleSet::load(&dir).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    let mut longest = 0;
    for (file, case) in cases::read_dir(&dir).unwrap() {
        for locale in ["fr", "en"] {
            let mut options = Options::on(crate::day(&case.as_of));
            options.locale = Some(locale.to_string());
            let Ok(report) = vigie::evaluate(&rules, &case.profile, &options) else {
                continue;
            };
            let all = CardOptions { all: true };
            let response = cds_hooks::cards(&report, &all);
            assert_eq!(response.cards.len(), report.nudges.len());
            let context = format!("{file} — {} ({locale})", case.name);
            for (card, nudge) in response.cards.iter().zip(&report.nudges) {
                let chars = card.summary.chars().count();
                longest = longest.max(chars);
                assert!(chars <= MAX_SUMMARY_CHARS, "{context}: {}", card.summary);
                assert!(!card.summary.contains('\n') && !card.summary.ends_with('…'));
                assert_eq!(card.indicator, Indicator::of(nudge.status), "{context}");
                assert!(
                    card.detail.contains(&nudge.action.replace('*', r"\*")),
                    "{context}"
                );
                seen.insert(nudge.status.as_str());
            }
            let again = cds_hooks::cards_from_json(&report.to_json(), &all).unwrap();
            assert_eq!(again, response, "{context}");
        }
    }
    let every: std::collections::BTreeSet<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(seen, every);
    assert!(longest > 40 && longest < 100, "longest summary: {longest}");
}

#[test]
fn a_fhir_bundle_gives_the_cards_of_its_report() {
    let path = "tests/fhir/eisinger-mother-at-35.json";
    let bundle =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
            .unwrap();
    let args = [
        "eval",
        "--rules",
        RULES,
        "--as-of",
        AS_OF,
        "--fhir",
        "--format",
        "cds-hooks",
        path,
    ];
    let out = vigie(&args, None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rules = RuleSet::load(&crate::rules_root().join("fr").join("2026.1.0")).unwrap();
    let report = vigie::evaluate(
        &rules,
        vigie::ProfileInput::fhir(&bundle),
        &Options::on(crate::day(AS_OF)),
    )
    .unwrap();
    assert!(report.import.is_some());
    let response = cds_hooks::cards(&report, &CardOptions::default());
    assert_eq!(text(&out.stdout), response.to_json_pretty() + "\n");
    let first = &response.cards[0];
    assert_eq!(first.indicator, Indicator::Critical);
    assert!(
        first
            .detail
            .contains("- Antécédent familial : mère, cancer du sein, à 35 ans au diagnostic."),
        "{}",
        first.detail
    );
}

//! Where to go (issue 12): the profile's `departement`, a rule set's `[directory.*]` tables read
//! with `directory.find`, `[phrases]` in messages, and the engine's default words for fact kinds
//! that published rule sets have no template for.

use std::path::{Path, PathBuf};

use vigie::diff::changed_programs;
use vigie::{Options, RuleSet, WarningKind};

use crate::cli::{copy_dir, text, vigie};
use crate::day;
use crate::versions::{diagnostics, edit};

/// A scratch copy of fr 2026.1.0, to edit.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("vigie-where-{}-{name}", std::process::id()))
        .join("2026.1.0");
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&crate::rules_root().join("fr").join("2026.1.0"), &dir);
    dir
}

fn report(dir: &Path, as_of: &str, locale: &str, profile: &str) -> vigie::Report {
    let ruleset = RuleSet::load(dir).unwrap();
    let as_of = day(as_of);
    let options = Options {
        locale: Some(locale.to_string()),
        ..Options::on(as_of)
    };
    vigie::evaluate(&ruleset, profile, &options).unwrap()
}

const WOMAN_60_IN_67: &str = r#"{"birthDate": "1966-03-02", "sex": "female", "departement": "67"}"#;

#[test]
fn a_directory_is_checked_where_it_is_declared() {
    let dir = scratch("checked");
    let manifest = dir.join("ruleset.toml");
    edit(&manifest, "\"2A\", \"2B\"", "\"20\", \"2B\"");
    edit(&manifest, "\"44\", \"49\"", "\"67\", \"49\"");
    edit(
        &manifest,
        "url = \"https://depistagecancer-na.fr\"\ndepartements",
        "url = \"http://depistagecancer-na.fr\"\ndepartements",
    );
    edit(
        &manifest,
        "sources = [\"crcdc-auvergne-rhone-alpes\"]",
        "sources = [\"crcdc-aura\"]",
    );
    edit(&manifest, "review-by = \"2027-06-01\"\n", "");
    let found = diagnostics(&dir);
    for words in [
        "directory `crcdc`, entry `CRCDC Corse`: `20` is not a French département code",
        "directory `crcdc`: département `67` is listed under both `CRCDC Grand Est` and `CRCDC Pays de la Loire`",
        "url `http://depistagecancer-na.fr` must start with https://",
        "directory `crcdc` cites unknown source `crcdc-aura`",
        "directory `crcdc` has no review-by date",
    ] {
        assert!(found.contains(words), "{words}\n{found}");
    }
    assert!(
        found.lines().all(|l| l.starts_with("ruleset.toml:")),
        "{found}"
    );
}

#[test]
fn a_rule_reading_an_unknown_directory_or_phrase_is_refused_by_check() {
    let dir = scratch("unknown");
    edit(
        &dir.join("rules/breast/organised-screening.rhai"),
        "directory.find(\"crcdc\"",
        "directory.find(\"crcdcs\"",
    );
    edit(
        &dir.join("messages/en.toml"),
        "crcdc-name = ",
        "crcdc-named = ",
    );
    let found = diagnostics(&dir);
    assert!(
        found.contains("rules/breast/organised-screening.rhai:")
            && found.contains("unknown directory `crcdcs`; ruleset.toml declares: crcdc"),
        "{found}"
    );
    assert!(
        found.contains("phrase `crcdc-name` has no text in messages/en.toml"),
        "{found}"
    );
}

#[test]
fn a_rule_reading_a_directory_cites_its_sources() {
    let dir = scratch("cites");
    edit(
        &dir.join("ruleset.toml"),
        "\"e-cancer-breast-risk-levels\", \"insee-cog\", \"crcdc-missions-2024\"]",
        "\"e-cancer-breast-risk-levels\", \"crcdc-missions-2024\"]",
    );
    let found = diagnostics(&dir);
    assert!(
        found.contains("the rule reads directory `crcdc`, which comes from source `insee-cog`"),
        "{found}"
    );
}

#[test]
fn a_phrase_using_a_placeholder_the_rule_never_fills_is_refused_by_check() {
    let dir = scratch("placeholder");
    edit(
        &dir.join("messages/fr.toml"),
        "{crcdcName} ({crcdcUrl})",
        "{crcdcName} ({crcdcPhone})",
    );
    let found = diagnostics(&dir);
    assert!(
        found.contains("phrase `crcdc-url` in messages/fr.toml uses {crcdcPhone}"),
        "{found}"
    );
}

#[test]
fn the_departement_and_its_centre_are_named_in_every_nudge_that_used_them() {
    let dir = crate::rules_root().join("fr").join("2026.1.0");
    let report = report(&dir, "2026-12-05", "fr", WOMAN_60_IN_67);
    for program in [
        "breast-cancer-screening",
        "colorectal-cancer-screening",
        "cervical-cancer-screening",
    ] {
        let nudge = report.nudge(program).unwrap();
        assert!(
            nudge.reasons.iter().any(|r| r == "Votre département : 67."),
            "{program}: {:?}",
            nudge.reasons
        );
        assert!(
            nudge.reasons.iter().any(|r| r
                == "Centre régional de coordination des dépistages des cancers (département 67) : CRCDC Grand Est, https://depistagecancer-ge.fr."),
            "{program}: {:?}",
            nudge.reasons
        );
        let facts = serde_json::to_value(&nudge.facts).unwrap();
        assert!(
            facts
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["fact"] == "directory-entry" && f["name"] == "CRCDC Grand Est"),
            "{facts}"
        );
    }
    // A rule that does not read the département does not name it.
    let lung = report.nudge("lung-cancer-screening").unwrap();
    assert!(!lung.reasons.iter().any(|r| r.contains("département")));
}

#[test]
fn default_fact_words_apply_unless_the_rule_set_gives_its_own() {
    let dir = scratch("words");
    let en = report(&dir, "2026-12-05", "en", WOMAN_60_IN_67);
    let reasons = &en.nudge("breast-cancer-screening").unwrap().reasons;
    assert!(
        reasons.iter().any(|r| r == "Your département: 67."),
        "{reasons:?}"
    );
    edit(
        &dir.join("messages/en.toml"),
        "\n[facts]\n",
        "\n[facts]\ndepartement = \"Département given: {departement}.\"\n",
    );
    let en = report(&dir, "2026-12-05", "en", WOMAN_60_IN_67);
    let reasons = &en.nudge("breast-cancer-screening").unwrap().reasons;
    assert!(
        reasons.iter().any(|r| r == "Département given: 67."),
        "{reasons:?}"
    );
    // An override is checked like any template.
    edit(
        &dir.join("messages/en.toml"),
        "{departement}.\"",
        "{region}.\"",
    );
    let found = diagnostics(&dir);
    assert!(
        found.contains("[facts] departement uses {region}; it can use departement"),
        "{found}"
    );
}

#[test]
fn a_directory_past_its_review_by_date_warns() {
    let dir = crate::rules_root().join("fr").join("2026.1.0");
    let on_time = report(&dir, "2027-06-01", "fr", WOMAN_60_IN_67);
    assert!(
        !on_time
            .warnings
            .iter()
            .any(|w| w.warning == WarningKind::DirectoryReviewOverdue),
        "{:?}",
        on_time.warnings
    );
    let late = report(&dir, "2027-06-02", "fr", WOMAN_60_IN_67);
    let warning = late
        .warnings
        .iter()
        .find(|w| w.warning == WarningKind::DirectoryReviewOverdue)
        .expect("a directory-review-overdue warning");
    assert_eq!(warning.directory.as_deref(), Some("crcdc"));
    assert_eq!(warning.review_by.as_deref(), Some("2027-06-01"));
    assert_eq!(
        warning.label.as_deref(),
        Some("Centre régional de coordination des dépistages des cancers")
    );
}

#[test]
fn a_directory_change_is_a_change_for_the_programs_that_read_it() {
    let a = scratch("diff-a");
    let b = scratch("diff-b");
    edit(
        &b.join("ruleset.toml"),
        "url = \"https://depistagecancers.fr\"\n",
        "",
    );
    let (a, b) = (RuleSet::load(&a).unwrap(), RuleSet::load(&b).unwrap());
    let programs: Vec<String> = [
        "breast-cancer-screening",
        "lung-cancer-screening",
        "vaccine-dtp",
    ]
    .map(String::from)
    .to_vec();
    let changed = changed_programs(&a, &b, &programs);
    assert!(changed.contains("breast-cancer-screening"), "{changed:?}");
    assert!(!changed.contains("lung-cancer-screening"), "{changed:?}");
    assert!(!changed.contains("vaccine-dtp"), "{changed:?}");
}

#[test]
fn a_bad_departement_is_refused_by_the_command_line_with_the_expected_form() {
    for (given, shown) in [
        ("\"20\"", "\"20\""),
        ("\"75001\"", "\"75001\""),
        ("75", "75"),
    ] {
        let profile =
            format!(r#"{{"birthDate": "1966-03-02", "sex": "female", "departement": {given}}}"#);
        let out = vigie(
            &["eval", "--rules", "rules/fr", "--as-of", "2026-12-05", "-"],
            Some(&profile),
        );
        assert_eq!(out.status.code(), Some(2));
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(&format!("departement: {shown} is not a département code; expected a French département code as text: \"01\" to \"19\", \"2A\", \"2B\"")),
            "{stderr}"
        );
    }
}

#[test]
fn frozen_versions_do_not_read_the_departement() {
    // fr 2025.1.0 was published before `departement` existed: the same report with or without it
    // (but for nothing at all), and its messages still pass the lint without the new templates.
    let dir = crate::rules_root().join("fr").join("2025.1.0");
    let without = report(
        &dir,
        "2026-01-15",
        "fr",
        r#"{"birthDate": "1966-03-02", "sex": "female"}"#,
    );
    let with = report(&dir, "2026-01-15", "fr", WOMAN_60_IN_67);
    assert_eq!(
        serde_json::to_string(&without).unwrap(),
        serde_json::to_string(&with).unwrap()
    );
    assert!(diagnostics(&dir).is_empty());
}

#[test]
fn an_overlay_replaces_a_directory_of_its_base() {
    let root = std::env::temp_dir().join(format!("vigie-where-{}-overlay", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    copy_dir(
        &crate::rules_root().join("fr").join("2026.1.0"),
        &root.join("fr").join("2026.1.0"),
    );
    let region = root.join("region");
    std::fs::create_dir_all(region.join("messages")).unwrap();
    std::fs::write(
        region.join("ruleset.toml"),
        r#"
id = "fr-region"
version = "1.0.0"
extends = "fr@2026.1.0"
jurisdiction = "FR"
in-force = "2026-09-01"
title = { fr = "Région", en = "Region" }
authors = ["test"]
locales = ["fr", "en"]

[sources.region-centre]
label = "test"
url = "https://centre.example"
checked = "2026-12-05"
level = "unverified"

[directory.crcdc]
sources = ["insee-cog", "crcdc-missions-2024"]
review-by = "2027-06-01"

[[directory.crcdc.entry]]
name = "Centre test"
url = "https://centre.example"
departements = ["976"]
sources = ["region-centre"]

[[changelog]]
version = "1.0.0"
date = "2026-12-05"
changes = ["test overlay"]
"#,
    )
    .unwrap();
    for locale in ["fr", "en"] {
        std::fs::write(region.join(format!("messages/{locale}.toml")), "").unwrap();
    }
    let in_976 = r#"{"birthDate": "1966-03-02", "sex": "female", "departement": "976"}"#;
    let action = |profile: &str| {
        report(&region, "2026-12-05", "fr", profile)
            .nudge("breast-cancer-screening")
            .unwrap()
            .action
            .clone()
    };
    assert!(
        action(in_976).ends_with(": Centre test (https://centre.example)."),
        "{}",
        action(in_976)
    );
    // The base's entries are gone with the directory it replaced: the general wording.
    assert!(
        action(WOMAN_60_IN_67).ends_with("(CRCDC) de votre région."),
        "{}",
        action(WOMAN_60_IN_67)
    );
}

#[test]
fn a_case_can_pin_where_to_go_with_a_list_of_words_and_words_never_said() {
    let dir = crate::rules_root().join("fr").join("2026.1.0");
    let ruleset = RuleSet::load(&dir).unwrap();
    let case = |expect: serde_json::Value| -> vigie::cases::Case {
        serde_json::from_value(serde_json::json!({
            "name": "test", "asOf": "2026-12-05",
            "profile": {"birthDate": "1966-03-02", "sex": "female", "departement": "67"},
            "expect": [expect]
        }))
        .unwrap()
    };
    let base = serde_json::json!({"program": "colorectal-cancer-screening", "status": "due", "dueDate": "2016-03-02"});
    let with = |key: &str, value: serde_json::Value| {
        let mut e = base.clone();
        e[key] = value;
        case(e)
    };
    let run = |c: &vigie::cases::Case| vigie::cases::run_case(&ruleset, "t.json", c).failures;
    assert!(run(&with(
        "says",
        serde_json::json!("monkit.depistage-colorectal.fr")
    ))
    .is_empty());
    assert!(run(&with(
        "says",
        serde_json::json!(["monkit", "CRCDC Grand Est"])
    ))
    .is_empty());
    let failures = run(&with("says", serde_json::json!(["monkit", "CRCDC Corse"])));
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(
        failures[0].contains("expected the nudge to say `CRCDC Corse`"),
        "{failures:?}"
    );
    let failures = run(&with("saysNot", serde_json::json!(["CRCDC Grand Est"])));
    assert!(
        failures[0].contains("expected the nudge not to say `CRCDC Grand Est`"),
        "{failures:?}"
    );
}

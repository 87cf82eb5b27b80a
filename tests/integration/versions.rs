//! Versions side by side, versioned facts, overlays and `vigie diff`.

use std::path::{Path, PathBuf};

use vigie::catalog;
use vigie::diff::{changed_programs, diff, programs_of, DiffOptions};
use vigie::{Options, RuleSet, TraceOutcome, WarningKind};

use crate::cli::{copy_dir, text, vigie};
use crate::day;

fn report_on(name: &str, as_of: &str, profile: &str) -> vigie::Report {
    let ruleset = catalog::open(name, day(as_of)).unwrap();
    vigie::evaluate(&ruleset, profile, &Options::on(day(as_of))).unwrap()
}

fn rules(name: &str) -> String {
    crate::rules_root()
        .join(name)
        .to_string_lossy()
        .into_owned()
}

const WOMAN_22: &str = r#"{"birthDate": "2004-03-01", "sex": "female", "vaccinations": []}"#;
const MAN_70: &str = r#"{"birthDate": "1956-03-01", "sex": "male", "vaccinations": []}"#;

#[test]
fn a_folder_of_versions_gives_the_newest_version_in_force_on_the_day() {
    let fr = rules("fr");
    let before = report_on(&fr, "2025-09-30", WOMAN_22);
    assert_eq!(before.ruleset.version, "2024.1.0");
    assert!(before.warnings.is_empty(), "{:?}", before.warnings);
    let after = report_on(&fr, "2025-10-01", WOMAN_22);
    assert_eq!(after.ruleset.version, "2025.1.0");
    assert!(after.warnings.is_empty());
    // The 2025 change: HPV catch-up up to 26 — a woman of 22 is concerned only by the newer version.
    assert!(before.nudge("vaccine-hpv").is_none());
    assert_eq!(after.nudge("vaccine-hpv").unwrap().status.as_str(), "due");
}

#[test]
fn a_version_picked_by_name_warns_outside_its_validity() {
    let old = report_on(&format!("{}@2024.1.0", rules("fr")), "2026-01-15", MAN_70);
    assert_eq!(old.ruleset.version, "2024.1.0");
    let warning = old.warnings.first().expect("a warning");
    assert_eq!(warning.warning, WarningKind::AfterValidity);
    assert!(
        warning.message.contains("2025-09-30"),
        "{}",
        warning.message
    );

    let early = report_on(&rules("fr"), "2023-06-01", MAN_70);
    assert_eq!(
        early.ruleset.version, "2024.1.0",
        "the oldest when none is in force yet"
    );
    assert_eq!(
        early.warnings.first().unwrap().warning,
        WarningKind::BeforeInForce
    );

    // The version folder named directly knows its neighbour too.
    let direct = report_on(&rules("fr/2024.1.0"), "2026-01-15", MAN_70);
    assert_eq!(
        direct.warnings.first().unwrap().warning,
        WarningKind::AfterValidity
    );
}

#[test]
fn an_unknown_version_is_refused_with_the_versions_there_are() {
    let err = catalog::open(&format!("{}@1999.1.0", rules("fr")), day("2026-01-15")).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("no version 1999.1.0"), "{message}");
    assert!(
        message.contains("2024.1.0") && message.contains("2025.1.0"),
        "{message}"
    );
}

#[test]
fn the_command_line_tests_and_checks_every_version() {
    let out = vigie(&["test", "rules/fr"], None);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("rules/fr@2024.1.0: "), "{stdout}");
    assert!(stdout.contains("rules/fr@2025.1.0: "), "{stdout}");
    assert!(stdout.contains("rules/fr@2026.1.0: "), "{stdout}");
    assert!(stdout.contains("rules/fr@2026.2.0: "), "{stdout}");
    assert!(stdout.trim_end().ends_with(", 0 failed"), "{stdout}");
    let out = vigie(&["check", "rules/fr"], None);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout).lines().count(), 4);
}

/// The published versions' digests: a correction is a new version, never an edit.
#[test]
fn published_french_versions_keep_their_digests() {
    for (version, digest) in [
        (
            "2024.1.0",
            "sha256:7623c80352f3e8a26a9a47faa8597d6c70e0e2626a0ec9612b2288445ccb0382",
        ),
        (
            "2025.1.0",
            "sha256:0c77a9d0db339b8ca6d3d4ca84fd4cf9c3d1ff98cee11f51cf96acafb0d032e3",
        ),
    ] {
        let ruleset = RuleSet::load(&crate::rules_root().join("fr").join(version)).unwrap();
        assert_eq!(ruleset.id().digest, digest, "fr@{version} changed");
    }
}

#[test]
fn the_2026_version_applies_from_the_2026_season() {
    let fr = rules("fr");
    assert_eq!(
        report_on(&fr, "2026-08-31", MAN_70).ruleset.version,
        "2025.1.0"
    );
    let current = report_on(&fr, "2026-09-01", MAN_70);
    assert_eq!(current.ruleset.version, "2026.1.0");
    assert!(current.warnings.is_empty(), "{:?}", current.warnings);
    assert_eq!(
        report_on(&fr, "2026-12-04", MAN_70).ruleset.version,
        "2026.1.0"
    );
    // 2026.2.0 (the questions and wording corrections of issue 17) is in force from 2026-12-05.
    let newest = report_on(&fr, "2026-12-05", MAN_70);
    assert_eq!(newest.ruleset.version, "2026.2.0");
    assert!(newest.warnings.is_empty(), "{:?}", newest.warnings);
}

#[test]
fn rules_past_their_review_by_date_say_what_may_be_out_of_date() {
    let fr = rules("fr");
    // review-by 2027-09-01: that day is still within it, the next one is not.
    let last_day = report_on(&fr, "2027-09-01", MAN_70);
    assert!(last_day
        .warnings
        .iter()
        .all(|w| w.warning != WarningKind::ReviewOverdue));
    let stale = report_on(&fr, "2027-09-02", MAN_70);
    let kinds: Vec<&str> = stale.warnings.iter().map(|w| w.warning.as_str()).collect();
    assert_eq!(kinds.first(), Some(&"review-overdue"), "{kinds:?}");
    let review = &stale.warnings[0];
    assert_eq!(review.review_by.as_deref(), Some("2027-09-01"));
    assert_eq!(review.checked.as_deref(), Some("2026-12-05"));
    let facts: Vec<&str> = stale
        .warnings
        .iter()
        .filter(|w| w.warning == WarningKind::FactReviewOverdue)
        .filter_map(|w| w.fact.as_deref())
        .collect();
    assert!(facts.contains(&"influenza-campaign-usual"), "{facts:?}");
    assert!(
        facts.contains(&"covid-19-spring-campaign-usual"),
        "{facts:?}"
    );
    // The spring campaign's own review-by (2027-03-01) comes first.
    let spring = report_on(&fr, "2027-03-02", MAN_70);
    assert_eq!(spring.warnings.len(), 1, "{:?}", spring.warnings);
    assert_eq!(
        spring.warnings[0].fact.as_deref(),
        Some("covid-19-spring-campaign-usual")
    );
    let label = spring.warnings[0].label.as_deref().unwrap_or_default();
    assert!(label.contains("printemps"), "{label}");
    // Versions without review-by dates never warn of it.
    let old = report_on(&format!("{fr}@2025.1.0"), "2030-01-01", MAN_70);
    assert!(old
        .warnings
        .iter()
        .all(|w| w.warning == WarningKind::AfterValidity));
}

#[test]
fn yearly_facts_are_checked() {
    for (from, to, expected) in [
        (
            "until = \"2027-01-31\"\nevery = \"year\"",
            "until = \"2027-01-31\"\nevery = \"month\"",
            "every `month` is not a recurrence",
        ),
        (
            "until = \"2027-01-31\"\nevery = \"year\"",
            "until = \"2027-10-15\"\nevery = \"year\"",
            "a yearly period must end within a year of its start",
        ),
        (
            "until = \"2027-01-31\"\nevery = \"year\"",
            "every = \"year\"",
            "a yearly period needs `until`",
        ),
        (
            "review-by = \"2027-09-01\"\nsources = [\"has-2021",
            "review-by = \"soon\"\nsources = [\"has-2021",
            "review-by `soon` is not a date",
        ),
        (
            "review-by = \"2027-09-01\"\nsources = [\"has-2021",
            "sources = [\"has-2021",
            "has no review-by date; this rule set has one",
        ),
    ] {
        let root = std::env::temp_dir().join(format!(
            "vigie-yearly-{}-{}",
            std::process::id(),
            expected.len()
        ));
        let _ = std::fs::remove_dir_all(&root);
        let version = root.join("2026.1.0");
        copy_dir(&crate::rules_root().join("fr").join("2026.1.0"), &version);
        edit(&version.join("ruleset.toml"), from, to);
        let found = diagnostics(&version);
        assert!(found.contains(expected), "{expected}: {found}");
        assert!(found.contains("ruleset.toml:"), "{found}");
    }
}

// ------------------------------------------------------------------ versioned facts

/// A scratch copy of the newest French version, to edit.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vigie-versions-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(
        &crate::rules_root().join("fr").join("2025.1.0"),
        &dir.join("fr").join("2025.1.0"),
    );
    dir
}

/// Replaces the first `from` in a file by `to` (a scratch copy's), which must be there.
pub(crate) fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// What loading a rule-set folder says, one diagnostic a line; empty when it loads.
pub(crate) fn diagnostics(dir: &Path) -> String {
    match RuleSet::load(dir) {
        Ok(_) => String::new(),
        Err(err) => err.diagnostics.iter().map(|d| format!("{d}\n")).collect(),
    }
}

#[test]
fn versioned_facts_are_checked_where_they_are_declared_and_read() {
    let root = scratch("facts");
    let version = root.join("fr").join("2025.1.0");
    let manifest = version.join("ruleset.toml");
    edit(
        &manifest,
        "name = \"mon-bilan-prevention\"\nfrom = \"2024-01-01\"",
        "name = \"mon-bilan-prevention\"\nfrom = \"2024-01-01\"\nuntil = \"2023-01-01\"",
    );
    let found = diagnostics(&version);
    assert!(
        found.contains("until 2023-01-01 is before from 2024-01-01"),
        "{found}"
    );

    let root = scratch("facts-name");
    let version = root.join("fr").join("2025.1.0");
    edit(
        &version.join("rules/prevention-checkup/mon-bilan-prevention.rhai"),
        "calendar.in_force(\"mon-bilan-prevention\")",
        "calendar.in_force(\"mon-bilan-prevension\")",
    );
    let found = diagnostics(&version);
    assert!(
        found.contains("rules/prevention-checkup/mon-bilan-prevention.rhai:"),
        "{found}"
    );
    assert!(
        found.contains("unknown versioned fact `mon-bilan-prevension`"),
        "{found}"
    );
}

#[test]
fn a_programme_start_moves_with_its_versioned_fact_not_with_code() {
    let root = scratch("facts-move");
    let version = root.join("fr").join("2025.1.0");
    let person = r#"{"birthDate": "1980-06-01", "sex": "female", "screenings": []}"#;
    let on = |dir: &Path| {
        let ruleset = RuleSet::load(dir).unwrap();
        let as_of = day("2026-01-15");
        let report = vigie::evaluate(&ruleset, person, &Options::on(as_of)).unwrap();
        report
            .nudge("prevention-checkup")
            .map(|n| n.status.as_str())
    };
    assert_eq!(on(&version), Some("due"));
    edit(
        &version.join("ruleset.toml"),
        "from = \"2024-01-01\"",
        "from = \"2026-06-01\"",
    );
    assert_eq!(on(&version), None, "not in force yet on 2026-01-15");
}

// ------------------------------------------------------------------ overlays

fn overlay(root: &Path, manifest: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = root.join("region");
    std::fs::create_dir_all(dir.join("messages")).unwrap();
    std::fs::write(dir.join("ruleset.toml"), manifest).unwrap();
    for (file, content) in files {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    dir
}

const OVERLAY_HEAD: &str = r#"
id = "fr-region"
version = "1.0.0"
extends = "fr@2025.1.0"
jurisdiction = "FR"
in-force = "2025-10-01"
title = { fr = "Région", en = "Region" }
authors = ["test"]
locales = ["fr", "en"]

[[changelog]]
version = "1.0.0"
date = "2026-11-24"
changes = ["test overlay"]
"#;

const REPLACED_WORDS: &str = r#"
[rules."colorectal/organised-screening".never-screened]
title = "Test de dépistage colorectal — centre régional"
message = "Message régional."
action = "Appelez le centre régional de dépistage."
"#;

#[test]
fn an_overlay_replaces_words_disables_a_rule_and_its_digest_covers_the_base() {
    let root = scratch("overlay");
    let manifest = format!(
        "{OVERLAY_HEAD}\n[[disable]]\nrule = \"prevention-checkup/mon-bilan-prevention\"\nreason = \"test: turned off\"\n"
    );
    let dir = overlay(
        &root,
        &manifest,
        &[
            ("messages/fr.toml", REPLACED_WORDS),
            ("messages/en.toml", ""),
        ],
    );
    let ruleset = RuleSet::load(&dir).unwrap_or_else(|e| panic!("{:#?}", e.diagnostics));
    let id = ruleset.id();
    assert_eq!(
        (id.id.as_str(), id.version.as_str()),
        ("fr-region", "1.0.0")
    );
    assert_eq!(id.extends.as_ref().unwrap().version, "2025.1.0");

    let as_of = day("2026-01-15");
    let person = r#"{"birthDate": "1970-06-01", "sex": "male"}"#;
    let report = vigie::evaluate(&ruleset, person, &Options::on(as_of)).unwrap();
    let colorectal = report.nudge("colorectal-cancer-screening").unwrap();
    assert_eq!(
        colorectal.action,
        "Appelez le centre régional de dépistage."
    );
    assert!(report.nudge("prevention-checkup").is_none(), "disabled");
    // The other keys of the rule keep the base's words; English keeps the base's words.
    let english = vigie::evaluate(
        &ruleset,
        person,
        &Options {
            locale: Some("en".into()),
            ..Options::on(as_of)
        },
    )
    .unwrap();
    assert_ne!(
        english.nudge("colorectal-cancer-screening").unwrap().action,
        colorectal.action
    );

    // A bundle carries the base, and gives the same digest.
    let bundle = vigie::bundle::Bundle::of(&ruleset).to_json();
    let loaded = vigie::bundle::Bundle::load(&bundle).unwrap();
    assert_eq!(loaded.id(), ruleset.id());

    // Changing the base changes the overlay's digest, although the overlay did not change.
    edit(
        &root.join("fr/2025.1.0/messages/en.toml"),
        "[rules.\"breast/organised-screening\".due]\ntitle = \"",
        "[rules.\"breast/organised-screening\".due]\ntitle = \"(edited) ",
    );
    let again = RuleSet::load(&dir).unwrap();
    assert_ne!(again.id().digest, id.digest);
    assert_ne!(
        again.id().extends.unwrap().digest,
        id.extends.unwrap().digest
    );

    // That edited base still claims fr@2025.1.0, which is built into Vigie: its bundle is refused.
    let bundle = vigie::bundle::Bundle::of(&again).to_json();
    assert!(matches!(
        vigie::bundle::Bundle::load(&bundle),
        Err(vigie::bundle::BundleError::BuiltInMismatch { .. })
    ));
}

#[test]
fn an_overlay_adds_a_rule_before_a_base_rule() {
    let root = scratch("overlay-add");
    let manifest = format!(
        "{OVERLAY_HEAD}\n[sources.region]\nlabel = \"test\"\nurl = \"https://example.org/\"\nchecked = \"2026-11-24\"\nlevel = \"secondary\"\n\n[[rule]]\nid = \"region/colorectal-info\"\nprogram = \"colorectal-cancer-screening\"\nsources = [\"region\"]\nbefore = \"colorectal/organised-screening\"\n"
    );
    let rule = "// ## What it does\n// Test.\n// ## Why\n// Test.\n// ## Example\n// Test.\nif person.age >= 50 && person.age < 75 { info(\"regional\") } else { skip(\"age\") }\n";
    let words = "[rules.\"region/colorectal-info\".regional]\ntitle = \"t\"\nmessage = \"m\"\naction = \"Voyez le centre régional.\"\n";
    let dir = overlay(
        &root,
        &manifest,
        &[
            ("rules/region/colorectal-info.rhai", rule),
            ("messages/fr.toml", words),
            (
                "messages/en.toml",
                &words.replace("Voyez le centre régional.", "See the regional centre."),
            ),
        ],
    );
    let ruleset = RuleSet::load(&dir).unwrap_or_else(|e| panic!("{:#?}", e.diagnostics));
    let as_of = day("2026-01-15");
    let person = r#"{"birthDate": "1970-06-01", "sex": "male"}"#;
    let options = Options {
        trace: true,
        ..Options::on(as_of)
    };
    let report = vigie::evaluate(&ruleset, person, &options).unwrap();
    let nudge = report.nudge("colorectal-cancer-screening").unwrap();
    assert_eq!(nudge.rule, "region/colorectal-info");
    let trace = report.trace.unwrap();
    let national = trace
        .iter()
        .find(|t| t.rule == "colorectal/organised-screening")
        .unwrap();
    assert_eq!(national.outcome, TraceOutcome::Overridden);
}

#[test]
fn overlay_mistakes_are_refused_with_what_to_do() {
    let root = scratch("overlay-bad");
    let cases = [
        (
            format!("{OVERLAY_HEAD}\n[[rule]]\nid = \"colorectal/organised-screening\"\nprogram = \"colorectal-cancer-screening\"\nsources = [\"ameli-colorectal\"]\n"),
            "already exists in fr@2025.1.0; add `replace = true`",
        ),
        (
            format!("{OVERLAY_HEAD}\n[[disable]]\nrule = \"nothing/here\"\nreason = \"x\"\n"),
            "[[disable]] rule `nothing/here` is not a rule of fr@2025.1.0",
        ),
        (
            OVERLAY_HEAD.replace("fr@2025.1.0", "fr"),
            "must name a rule set and a frozen version",
        ),
        (
            OVERLAY_HEAD.replace("fr@2025.1.0", "fr@2031.1.0"),
            "has no version 2031.1.0",
        ),
    ];
    for (manifest, expected) in cases {
        let dir = overlay(
            &root,
            &manifest,
            &[("messages/fr.toml", ""), ("messages/en.toml", "")],
        );
        let found = diagnostics(&dir);
        assert!(
            found.contains(expected),
            "expected {expected:?} in:\n{found}"
        );
    }
}

// ------------------------------------------------------------------ diff

#[test]
fn diff_between_the_french_versions_reports_only_the_2025_changes() {
    let options = DiffOptions {
        people: 2000,
        seed: 3,
        as_of: day("2026-11-24"),
        threads: 2,
    };
    let result = diff(
        &format!("{}@2024.1.0", rules("fr")),
        &format!("{}@2025.1.0", rules("fr")),
        &options,
    )
    .unwrap();
    let mut programs: Vec<&str> = result
        .population
        .iter()
        .map(|(t, _)| t.program.as_str())
        .collect();
    programs.dedup();
    assert_eq!(
        programs,
        ["vaccine-hpv", "vaccine-pneumococcal"],
        "{}",
        result.to_text()
    );
    for (transition, tally) in &result.population {
        assert_eq!(transition.from, "absent", "{transition:?}");
        assert!(tally.people > 0);
        if transition.program == "vaccine-pneumococcal" && transition.to == "upcoming" {
            assert_eq!(
                tally.by_age_band.keys().collect::<Vec<_>>(),
                ["55-64"],
                "{tally:?}"
            );
            // Turning 65 within 12 months: the band says 55-64, the ages say exactly who.
            assert_eq!(
                tally.ages.map(|r| (r.youngest, r.oldest)),
                Some((64, 64)),
                "{tally:?}"
            );
        } else if transition.program == "vaccine-pneumococcal" {
            assert!(
                tally
                    .by_age_band
                    .keys()
                    .all(|b| ["65-74", "75-84", "85+"].contains(&b.as_str())),
                "{tally:?}"
            );
        } else {
            assert!(
                tally
                    .by_age_band
                    .keys()
                    .all(|b| ["18-24", "25-34"].contains(&b.as_str())),
                "{tally:?}"
            );
        }
    }
    let mut case_programs: Vec<&str> = result
        .case_changes
        .iter()
        .map(|c| c.program.as_str())
        .collect();
    case_programs.sort();
    case_programs.dedup();
    assert!(
        case_programs
            .iter()
            .all(|p| ["vaccine-hpv", "vaccine-pneumococcal"].contains(p)),
        "{case_programs:?}"
    );
    assert!(!case_programs.is_empty());

    // Same seed, same answer, whatever the threads.
    let again = diff(
        &format!("{}@2024.1.0", rules("fr")),
        &format!("{}@2025.1.0", rules("fr")),
        &DiffOptions {
            threads: 1,
            ..options
        },
    )
    .unwrap();
    assert_eq!(again.to_json(), result.to_json());
}

/// Evaluates everything for `people` synthetic people and checks that every program `vigie diff`
/// leaves out (not in `changed`) gives the same nudge under `a` and `b`.
fn assert_left_out_programs_agree(a: &RuleSet, b: &RuleSet, as_of: &str, people: u64) {
    let as_of = day(as_of);
    let programs = programs_of(a, b);
    let changed = changed_programs(a, b, &programs);
    let on = Options::on(as_of);
    let mut nudges_compared = 0;
    for index in 0..people {
        let person = vigie::population::person(3, index, as_of);
        let (x, y) = (
            vigie::evaluate(a, &person, &on).unwrap(),
            vigie::evaluate(b, &person, &on).unwrap(),
        );
        for program in programs.iter().filter(|p| !changed.contains(*p)) {
            let outcome = |r: &vigie::Report| {
                r.nudge(program)
                    .map(|n| (n.status, n.due_date.clone(), n.rule.clone()))
            };
            assert_eq!(outcome(&x), outcome(&y), "person {index}, {program}");
            nudges_compared += usize::from(outcome(&x).is_some());
        }
    }
    assert!(nudges_compared as u64 > people, "{nudges_compared}");
}

#[test]
fn diff_runs_only_the_programs_whose_rules_changed_and_the_others_agree() {
    let as_of = "2026-11-24";
    let a = catalog::open(&format!("{}@2024.1.0", rules("fr")), day(as_of)).unwrap();
    let b = catalog::open(&format!("{}@2025.1.0", rules("fr")), day(as_of)).unwrap();
    let changed = changed_programs(&a, &b, &programs_of(&a, &b));
    let expected: std::collections::BTreeSet<String> = ["vaccine-hpv", "vaccine-pneumococcal"]
        .map(String::from)
        .into();
    assert_eq!(changed, expected);
    assert_left_out_programs_agree(&a, &b, as_of, 1500);
}

#[test]
fn diff_reruns_the_programs_that_read_a_calendar_an_overlay_changed() {
    let as_of = "2025-10-20";
    let base = catalog::open(&format!("{}@2025.1.0", rules("fr")), day(as_of)).unwrap();
    let overlay = catalog::open(&rules("example-fr-976"), day(as_of)).unwrap();
    let changed = changed_programs(&base, &overlay, &programs_of(&base, &overlay));
    // The campaign dates differ: every program whose rules read the calendar runs again. The
    // breast rule keeps the national script (only words and sources change): left out.
    for program in ["vaccine-covid-19", "vaccine-influenza"] {
        assert!(changed.contains(program), "{program} not in {changed:?}");
    }
    for program in ["breast-cancer-screening", "colorectal-cancer-screening"] {
        assert!(!changed.contains(program), "{program} in {changed:?}");
    }
    assert_left_out_programs_agree(&base, &overlay, as_of, 800);
}

#[test]
fn a_rule_set_against_itself_changes_nothing() {
    let fr = format!("{}@2025.1.0", rules("fr"));
    let options = DiffOptions {
        people: 500,
        seed: 1,
        as_of: day("2026-01-15"),
        threads: 1,
    };
    let result = diff(&fr, &fr, &options).unwrap();
    assert!(result.population.is_empty());
    assert!(result.case_changes.is_empty());
    assert!(result.cases_compared > 100);
}

#[test]
fn the_example_overlay_speaks_of_mayotte_and_names_its_base() {
    let dir = crate::rules_root().join("example-fr-976");
    let ruleset = RuleSet::load(&dir).unwrap_or_else(|e| panic!("{:#?}", e.diagnostics));
    let as_of = day("2026-01-15");
    let woman = r#"{"birthDate": "1965-06-01", "sex": "female", "screenings": []}"#;
    let report = vigie::evaluate(&ruleset, woman, &Options::on(as_of)).unwrap();
    assert_eq!(report.ruleset.extends.as_ref().unwrap().id, "fr");
    let breast = report.nudge("breast-cancer-screening").unwrap();
    assert!(
        breast
            .action
            .contains("Caisse de sécurité sociale de Mayotte"),
        "{}",
        breast.action
    );
    assert!(breast
        .sources
        .iter()
        .any(|s| s.url.contains("lejournaldemayotte.yt")));
    // The national words are untouched.
    let national = catalog::open(&rules("fr"), as_of).unwrap();
    let national = vigie::evaluate(&national, woman, &Options::on(as_of)).unwrap();
    assert!(!national
        .nudge("breast-cancer-screening")
        .unwrap()
        .action
        .contains("Mayotte"));
}

#[test]
fn a_bundle_of_a_replaced_version_remembers_when_it_stopped_applying() {
    let old = catalog::open(&format!("{}@2024.1.0", rules("fr")), day("2026-01-15")).unwrap();
    let json = vigie::bundle::Bundle::of(&old).to_json();
    assert!(
        json.contains("\"validUntil\": \"2025-09-30\""),
        "{}",
        &json[..300]
    );
    let loaded = vigie::bundle::Bundle::load(&json).unwrap();
    assert_eq!(loaded.id(), old.id());
    let as_of = day("2026-01-15");
    let report = vigie::evaluate(&loaded, MAN_70, &Options::on(as_of)).unwrap();
    assert_eq!(
        report.warnings.first().unwrap().warning,
        WarningKind::AfterValidity
    );
}

/// Issue 13, break 3: a words-only overlay (no rules) with month names of 10,000 characters and a
/// title repeating `{dueDate}` made a 106 MB report. Such words are refused when the rule set
/// loads and by `vigie check`, at their line in the messages file.
#[test]
fn template_amplification_a_words_only_overlay_is_refused_by_check_and_load() {
    let root = scratch("amplified-words");
    let long_month = "m".repeat(10_000);
    let months = vec![format!("\"{long_month}\""); 12].join(", ");
    let title = "{dueDate}".repeat(17);
    let words = format!(
        "[dates]\nmonths = [{months}]\nformat = \"{{day}} {{month}} {{year}}\"\n\n\
         [rules.\"colorectal/organised-screening\".never-screened]\n\
         title = \"{title}\"\nmessage = \"Message.\"\naction = \"Action.\"\n"
    );
    let dir = overlay(
        &root,
        OVERLAY_HEAD,
        &[("messages/fr.toml", &words), ("messages/en.toml", "")],
    );
    let err = RuleSet::load(&dir).map(|_| ()).unwrap_err();
    let messages: Vec<String> = err.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        messages.iter().any(|m| m.starts_with("messages/fr.toml:2:")
            && m.contains("[dates] months[0] is 10000 characters long; the limit is 40")),
        "{messages:#?}"
    );
    assert!(
        messages.iter().any(|m| m.contains(
            "[rules.\"colorectal/organised-screening\".never-screened] title uses 17 placeholders; the limit is 16"
        )),
        "{messages:#?}"
    );
    let out = vigie(&["check", dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = crate::cli::text(&out.stderr);
    assert!(
        stderr.contains("messages/fr.toml:2:")
            && stderr.contains("months[0] is 10000 characters long"),
        "{stderr}"
    );
    std::fs::remove_dir_all(root).unwrap();
}

/// Issue 13, break 3: a date format that repeats `{month}`, and a title whose placeholders would
/// each bring a long date, are refused; the French words stay far within every bound.
#[test]
fn template_amplification_date_formats_and_worst_case_expansions_are_bounded() {
    use vigie::MessageText;
    let french = crate::french();
    let mut sources = french.sources().clone();
    let fr = sources.messages.get_mut("fr").unwrap();
    fr.dates.format = "{month}{month}{month}{month}".to_string();
    let err = RuleSet::from_sources(sources).map(|_| ()).unwrap_err();
    assert!(
        err.diagnostics.iter().any(|d| d.file == "messages/fr.toml"
            && d.message == "[dates] format uses 4 placeholders; the limit is 3"),
        "{:#?}",
        err.diagnostics
    );

    // Sixteen placeholders, each up to 500 characters, in a 2,000-character message.
    let mut sources = french.sources().clone();
    let fr = sources.messages.get_mut("fr").unwrap();
    let texts = fr.rules.get_mut("breast/organised-screening").unwrap();
    let key = texts.keys().next().unwrap().clone();
    texts.insert(
        key.clone(),
        MessageText {
            title: "Titre".to_string(),
            message: format!("{}{}", "x".repeat(2_000), "{dueDate}".repeat(16)),
            action: "Action.".to_string(),
        },
    );
    let err = RuleSet::from_sources(sources).map(|_| ()).unwrap_err();
    let expected = format!(
        "[rules.\"breast/organised-screening\".{key}] message can be 10144 characters long once filled (each placeholder up to 500); the limit is 10000"
    );
    assert!(
        err.diagnostics.iter().any(|d| d.message == expected),
        "{expected}\n{:#?}",
        err.diagnostics
    );

    // The French words: every worst case well within the bounds.
    for messages in french.sources().messages.values() {
        assert!(messages.too_long().is_empty());
        assert!(messages.worst_date_chars() * 5 < vigie::words::MAX_FIELD_CHARS);
    }
}

#[test]
fn diff_between_the_us_versions_reports_breast_screening_alone_for_women_40_to_49() {
    let options = DiffOptions {
        people: 4000,
        seed: 1,
        as_of: day("2026-12-05"),
        threads: 2,
    };
    let result = diff(
        &format!("{}@2021.1.0", rules("us")),
        &format!("{}@2024.1.0", rules("us")),
        &options,
    )
    .unwrap();
    assert!(!result.population.is_empty(), "{}", result.to_text());
    for (transition, tally) in &result.population {
        assert_eq!(
            transition.program,
            "breast-cancer-screening",
            "{}",
            result.to_text()
        );
        assert_eq!(tally.by_sex.keys().collect::<Vec<_>>(), ["female"]);
        let ages = tally.ages.unwrap();
        assert!(
            ages.youngest >= 40 && ages.oldest <= 49,
            "{transition:?}: {ages:?}"
        );
    }
    // Women turning 40 and 50 within the year are upcoming in both versions, with the same date.
    let all = result
        .population
        .iter()
        .filter_map(|(_, t)| t.ages)
        .fold((i64::MAX, i64::MIN), |(lo, hi), r| {
            (lo.min(r.youngest), hi.max(r.oldest))
        });
    assert_eq!(all, (40, 49), "{}", result.to_text());
    assert!(result
        .case_changes
        .iter()
        .all(|c| c.program == "breast-cancer-screening"));
}

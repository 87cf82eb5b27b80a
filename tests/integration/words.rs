//! The engine's own words (`src/locale/`): a rule set words only its own names, its labels and
//! templates override the engine's, and a code the engine adds later is worded for the published
//! versions without touching them. Also what a rule set covers (`vigie programs`).

use std::path::{Path, PathBuf};

use vigie::sandbox::{Limits, LIMITS};
use vigie::{cases, codes, Options, Profile, RuleSet};

use crate::cli::{copy_dir, text, vigie};
use crate::versions::{diagnostics, edit};

/// A scratch copy of a French version, to edit.
fn scratch(version: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vigie-words-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&crate::rules_root().join("fr").join(version), &dir);
    dir
}

/// Drops from a messages file every `[codes]` label of an engine code and the whole of `[facts]`:
/// what is left is what only the rule set can word (its versioned facts, its directories, its
/// rules' messages).
fn keep_only_own_words(path: &Path) {
    let engine_codes = codes::all_codes();
    let mut section = String::new();
    let mut kept = Vec::new();
    let text = std::fs::read_to_string(path).unwrap();
    for line in text.lines() {
        if line.starts_with('[') {
            section = line.to_string();
        }
        let key = line.split(" = ").next().unwrap_or_default();
        let dropped = match section.as_str() {
            "[codes]" => engine_codes.contains(&key),
            "[facts]" => true,
            _ => false,
        };
        if !dropped {
            kept.push(line);
        }
    }
    std::fs::write(path, kept.join("\n") + "\n").unwrap();
}

/// Every case's report in both locales, with its trace, as JSON without the rule set's digest.
fn reports(ruleset: &RuleSet, dir: &Path) -> Vec<String> {
    let digest = ruleset.id().digest;
    let mut all = Vec::new();
    for (_, case) in cases::read_dir(dir).unwrap() {
        let as_of = crate::day(&case.as_of);
        let profile = Profile::from_json(&case.profile.to_string(), as_of).unwrap();
        for locale in ["fr", "en"] {
            let options = Options {
                as_of,
                locale: Some(locale.to_string()),
                trace: true,
            };
            let report = ruleset.evaluate(&profile, &options).unwrap();
            all.push(report.to_json_pretty().replace(&digest, "sha256:…"));
        }
    }
    all
}

#[test]
fn a_rule_set_that_words_only_its_own_names_gives_the_newest_published_reports() {
    let published = crate::rules_root().join("fr").join("2026.1.0");
    let own = scratch("2026.1.0", "own-words");
    for locale in ["fr", "en"] {
        keep_only_own_words(&own.join("messages").join(format!("{locale}.toml")));
    }
    let text = std::fs::read_to_string(own.join("messages/fr.toml")).unwrap();
    assert!(!text.contains("mother =") && !text.contains("\nage ="));
    assert!(text.contains("influenza-campaign =") && text.contains("crcdc ="));
    // `vigie check` is clean: the engine words every code and fact kind in fr and en.
    assert_eq!(diagnostics(&own), "");
    // Without the wall-clock deadlines: a thousand traced reports on a busy machine must not see
    // a rule stopped in one and not the other.
    let unhurried = |dir: &Path| {
        let sources = RuleSet::load(dir).unwrap().sources().clone();
        let limits = Limits {
            deadline_ms: 60_000,
            evaluation_ms: 60_000,
            ..LIMITS
        };
        RuleSet::from_sources_with_limits(sources, limits).unwrap()
    };
    let (a, b) = (unhurried(&published), unhurried(&own));
    assert_ne!(a.id().digest, b.id().digest);
    let (before, after) = (reports(&a, &published), reports(&b, &published));
    assert!(before.len() > 100);
    for (before, after) in before.iter().zip(&after) {
        assert_eq!(before, after);
    }
}

#[test]
fn a_locale_the_engine_does_not_speak_words_every_code_itself() {
    let dir = scratch("2026.1.0", "german");
    keep_only_own_words(&dir.join("messages/fr.toml"));
    std::fs::copy(dir.join("messages/fr.toml"), dir.join("messages/de.toml")).unwrap();
    let manifest = dir.join("ruleset.toml");
    edit(
        &manifest,
        r#"locales = ["fr", "en"]"#,
        r#"locales = ["fr", "en", "de"]"#,
    );
    edit(
        &manifest,
        r#"en = "Screening"#,
        r#"de = "Vorsorge", en = "Screening"#,
    );
    let found = diagnostics(&dir);
    for expected in [
        "messages/de.toml:1:1: [codes] has no label for `mother`",
        "messages/de.toml:1:1: [facts] has no template for `last-test`",
        "messages/de.toml:1:1: [programs.vaccine-rsv] has no title",
        "messages/de.toml:1:1: [programs.breast-cancer-screening] has no description",
    ] {
        assert!(found.contains(expected), "{expected}\n{found}");
    }
    assert!(!found.contains("messages/fr.toml"), "{found}");
    // The rule set's own names still need labels in every locale.
    edit(
        &dir.join("messages/en.toml"),
        "crcdc = ",
        "not-the-directory = ",
    );
    let found = diagnostics(&dir);
    assert!(
        found.contains("messages/en.toml:1:1: [codes] has no label for `crcdc`"),
        "{found}"
    );
}

#[test]
fn a_label_for_an_unknown_name_is_refused_and_program_words_override_the_engines() {
    let dir = scratch("2026.1.0", "overrides");
    let fr = dir.join("messages/fr.toml");
    edit(&fr, "[codes]\n", "[codes]\nnot-a-code = \"rien\"\n");
    assert!(
        diagnostics(&dir).contains("[codes] labels `not-a-code`, which is neither a code, a versioned fact nor a directory"),
        "{}",
        diagnostics(&dir)
    );
    edit(&fr, "not-a-code = \"rien\"\n", "");
    edit(
        &fr,
        "[facts]\n",
        "[programs.vaccine-rsv]\ndescription = \"Le vaccin contre le VRS, dans cette région.\"\n\n[programs.not-a-program]\ntitle = \"x\"\n\n[facts]\n",
    );
    let found = diagnostics(&dir);
    assert!(
        found.contains("[programs.not-a-program] words `not-a-program`, which is not a program"),
        "{found}"
    );
    edit(&fr, "[programs.not-a-program]\ntitle = \"x\"\n\n", "");
    assert_eq!(diagnostics(&dir), "");
    let ruleset = RuleSet::load(&dir).unwrap();
    let rsv = ruleset
        .programs(Some("fr"))
        .unwrap()
        .into_iter()
        .find(|p| p.program == "vaccine-rsv")
        .unwrap();
    assert_eq!(rsv.title, "Vaccin contre le VRS");
    assert_eq!(
        rsv.description,
        "Le vaccin contre le VRS, dans cette région."
    );
}

/// A code the engine adds after a version was published is worded by the engine for it: here, as
/// far as a test can add a code, the labels of `rsv` and `hpv-test` are taken out of a copy of
/// fr@2024.1.0, which still loads clean and words them with the engine's labels.
#[test]
fn a_published_version_is_worded_by_the_engine_for_a_code_it_does_not_label() {
    let dir = scratch("2024.1.0", "later-code");
    for (locale, rsv) in [
        ("fr", "virus respiratoire syncytial (VRS)"),
        ("en", "respiratory syncytial virus (RSV)"),
    ] {
        let messages = dir.join("messages").join(format!("{locale}.toml"));
        let text = std::fs::read_to_string(&messages).unwrap();
        let kept: Vec<&str> = text
            .lines()
            .filter(|line| !line.starts_with("rsv = ") && !line.starts_with("hpv-test = "))
            .collect();
        assert_eq!(kept.len() + 2, text.lines().count());
        std::fs::write(&messages, kept.join("\n") + "\n").unwrap();
        let engine = vigie::locale::words(locale).unwrap();
        assert_eq!(engine.codes["rsv"], rsv);
        assert_eq!(diagnostics(&dir), "");
        let labels = RuleSet::load(&dir)
            .unwrap()
            .code_labels(Some(locale))
            .unwrap();
        assert_eq!(labels.codes["rsv"], rsv);
        assert_eq!(labels.codes["hpv-test"], engine.codes["hpv-test"]);
    }
}

#[test]
fn the_command_line_prints_what_a_rule_set_covers() {
    let out = vigie(
        &[
            "programs",
            "--rules",
            "rules/fr-cancer-screening",
            "--locale",
            "en",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let subset = RuleSet::load(&crate::rules_root().join("fr-cancer-screening")).unwrap();
    let expected = serde_json::to_value(subset.programs(Some("en")).unwrap()).unwrap();
    assert_eq!(printed, expected);
    assert_eq!(printed[2]["title"], "Cervical cancer screening");

    let out = vigie(
        &["programs", "--rules", "rules/fr", "--as-of", "2025-01-01"],
        None,
    );
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let old = RuleSet::load(&crate::rules_root().join("fr").join("2024.1.0")).unwrap();
    assert_eq!(
        printed,
        serde_json::to_value(old.programs(None).unwrap()).unwrap()
    );

    let out = vigie(&["programs", "--rules", "rules/fr", "--locale", "de"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown locale `de`"));
    let out = vigie(&["programs"], None);
    assert_eq!(out.status.code(), Some(2));
}

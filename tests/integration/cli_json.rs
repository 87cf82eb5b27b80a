//! `vigie check --json`, `vigie test --json` and `vigie unbundle` (docs/authoring.md): the shapes
//! the rule-authoring studio reads, and a bundle written back as a folder with the same digest.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::cli::{copy_dir, text, vigie};

/// A fresh temporary folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vigie-json-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn json(out: &std::process::Output) -> Value {
    assert!(
        out.stderr.is_empty(),
        "--json writes nothing on stderr: {}",
        text(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out.stdout)))
}

#[test]
fn check_json_gives_each_version_its_digest_and_an_overlay_its_base() {
    let out = vigie(&["check", "--json", "rules/fr"], None);
    assert_eq!(out.status.code(), Some(0));
    let answer = json(&out);
    assert_eq!(answer["ok"], true);
    let versions = answer["versions"].as_array().unwrap();
    assert!(versions.len() >= 4, "{answer}");
    let v = versions
        .iter()
        .find(|v| v["version"] == "2025.1.0")
        .unwrap();
    assert_eq!(v["dir"], "rules/fr/2025.1.0");
    assert_eq!(v["id"], "fr");
    assert_eq!(v["rules"], 18);
    assert!(v["digest"].as_str().unwrap().starts_with("sha256:"));
    assert!(v.get("extends").is_none());
    let overlay = json(&vigie(&["check", "rules/example-fr-976", "--json"], None));
    assert_eq!(overlay["versions"][0]["extends"], "fr@2025.1.0");
}

#[test]
fn check_json_places_a_syntax_error_at_its_line_and_column() {
    let dir = scratch("syntax");
    copy_dir(&crate::rules_root().join("fr").join("2025.1.0"), &dir);
    let rule = dir.join("rules/breast/organised-screening.rhai");
    let source = std::fs::read_to_string(&rule).unwrap();
    std::fs::write(&rule, format!("\n\nlet broken = (1 + ;\n{source}")).unwrap();
    let out = vigie(&["check", dir.to_str().unwrap(), "--json"], None);
    assert_eq!(out.status.code(), Some(1));
    let answer = json(&out);
    assert_eq!(answer["ok"], false);
    let version = &answer["versions"][0];
    assert_eq!(version["ok"], false);
    assert_eq!(version["dir"], dir.display().to_string());
    let first = &version["problems"][0];
    assert_eq!(first["file"], "rules/breast/organised-screening.rhai");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(3), Some(19))
    );
    assert!(first["message"].as_str().is_some_and(|m| !m.is_empty()));
    // The summary is the text mode's last line.
    let text_mode = text(&vigie(&["check", dir.to_str().unwrap()], None).stderr);
    assert_eq!(version["summary"], text_mode.lines().last().unwrap());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn check_and_test_json_put_a_name_that_designates_nothing_in_errors() {
    for command in ["check", "test"] {
        let out = vigie(&[command, "rules/nope", "--json"], None);
        assert_eq!(out.status.code(), Some(1));
        let answer = json(&out);
        assert_eq!(answer["ok"], false);
        assert_eq!(answer["versions"], Value::Array(Vec::new()));
        assert_eq!(
            answer["errors"][0],
            "rules/nope: no such rule-set folder or bundle"
        );
    }
}

#[test]
fn test_json_shows_a_failed_case_with_what_it_expected_and_what_came_out() {
    let dir = scratch("failing");
    copy_dir(&crate::rules_root().join("fr").join("2025.1.0"), &dir);
    let file = dir.join("cases/breast-organised.json");
    let mut cases: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    cases["cases"][1]["expect"][0]["status"] = Value::from("refer");
    std::fs::write(&file, serde_json::to_string_pretty(&cases).unwrap()).unwrap();
    let out = vigie(&["test", "--json", dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let answer = json(&out);
    assert_eq!(
        (answer["ok"].clone(), answer["failed"].clone()),
        (Value::from(false), Value::from(1))
    );
    let version = &answer["versions"][0];
    assert_eq!(version["label"], dir.display().to_string());
    let failed: Vec<&Value> = version["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["passed"] == false)
        .collect();
    assert_eq!(failed.len(), 1);
    let case = failed[0];
    assert_eq!(case["file"], "cases/breast-organised.json");
    assert_eq!(case["index"], 1);
    assert_eq!(case["name"], cases["cases"][1]["name"]);
    assert_eq!(case["expect"][0]["status"], "refer");
    assert_eq!(case["expect"][0]["program"], "breast-cancer-screening");
    let nudges = case["nudges"].as_array().unwrap();
    assert!(nudges
        .iter()
        .any(|n| n["program"] == "breast-cancer-screening"));
    assert!(case.get("refused").is_none());
    // The same words as the text mode prints under FAIL.
    let text_mode = text(&vigie(&["test", dir.to_str().unwrap()], None).stdout);
    let failure = case["failures"][0].as_str().unwrap();
    assert!(
        text_mode.contains(&format!("     {failure}\n")),
        "{text_mode}"
    );
    assert!(
        failure.starts_with("breast-cancer-screening: expected refer"),
        "{failure}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// Every shipped version, bundled, unbundled in its place in a copy of `rules/` (so that a
/// version finds the versions after it, and an overlay its base): the folder checks with the
/// bundle's digest, and bundles to the same bytes.
#[test]
fn unbundle_writes_a_folder_with_the_bundles_digest_that_bundles_to_the_same_bytes() {
    for original in crate::rule_set_dirs() {
        let relative = original
            .strip_prefix(crate::rules_root())
            .unwrap()
            .to_path_buf();
        let work = scratch(&relative.display().to_string().replace('/', "-"));
        let copy = work.join("rules");
        copy_dir(&crate::rules_root(), &copy);
        let bundle = work.join("bundle.json");
        let path = |p: &Path| p.to_str().unwrap().to_string();
        let made = vigie(
            &["bundle", &path(&copy.join(&relative)), "-o", &path(&bundle)],
            None,
        );
        assert!(made.status.success(), "{}", text(&made.stderr));
        let before = std::fs::read(&bundle).unwrap();
        let digest = serde_json::from_slice::<Value>(&before).unwrap()["digest"].clone();
        let folder = copy.join(&relative);
        std::fs::remove_dir_all(&folder).unwrap();
        let out = vigie(&["unbundle", &path(&bundle), "-o", &path(&folder)], None);
        assert!(
            out.status.success(),
            "{}: {}",
            relative.display(),
            text(&out.stderr)
        );
        let said = text(&out.stdout);
        assert!(said.starts_with("wrote rules for "), "{said}");
        assert!(said.contains(digest.as_str().unwrap()), "{said}");
        let checked = json(&vigie(&["check", &path(&folder), "--json"], None));
        assert_eq!(
            checked["versions"][0]["digest"],
            digest,
            "{}",
            relative.display()
        );
        std::fs::remove_file(&bundle).unwrap();
        let again = vigie(&["bundle", &path(&folder), "-o", &path(&bundle)], None);
        assert!(again.status.success(), "{}", text(&again.stderr));
        assert!(
            std::fs::read(&bundle).unwrap() == before,
            "{}: bundle bytes",
            relative.display()
        );
        std::fs::remove_dir_all(work).unwrap();
    }
}

#[test]
fn unbundle_refuses_a_folder_that_is_not_empty_and_a_folder_for_a_bundle() {
    let work = scratch("refuse");
    let bundle = work.join("fr.json");
    let path = |p: &Path| p.to_str().unwrap().to_string();
    assert!(
        vigie(&["bundle", "rules/fr/2026.1.0", "-o", &path(&bundle)], None)
            .status
            .success()
    );
    let used = work.join("used");
    std::fs::create_dir_all(&used).unwrap();
    std::fs::write(used.join("notes.txt"), "mine").unwrap();
    let out = vigie(&["unbundle", &path(&bundle), "-o", &path(&used)], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "vigie: {} is not empty; unbundle writes into a new or empty folder\n",
            used.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(used.join("notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(std::fs::read_dir(&used).unwrap().count(), 1);
    let out = vigie(
        &[
            "unbundle",
            "rules/fr/2026.1.0",
            "-o",
            &path(&work.join("x")),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    // An empty folder is fine; nested rule ids become nested folders.
    let empty = work.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    assert!(
        vigie(&["unbundle", &path(&bundle), "-o", &path(&empty)], None)
            .status
            .success()
    );
    assert!(empty
        .join("rules/breast/organised-screening.rhai")
        .is_file());
    std::fs::remove_dir_all(work).unwrap();
}

/// The `"nudges": [...]` member of a pretty-printed JSON text, its lines trimmed and joined (so
/// that the same values at another indentation give the same text, key order included).
fn nudges_member(pretty: &str) -> String {
    let compact: String = pretty.lines().map(str::trim).collect();
    let start = compact.find("\"nudges\": [").unwrap();
    let (mut depth, mut in_string, mut escaped) = (0, false, false);
    for (i, c) in compact[start..].char_indices() {
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (true, false, '"') | (false, _, '"') => in_string = !in_string,
            (false, _, '[') => depth += 1,
            (false, _, ']') => {
                depth -= 1;
                if depth == 0 {
                    return compact[start..=start + i].to_string();
                }
            }
            _ => {}
        }
    }
    panic!("no end to the nudges in {pretty}")
}

#[test]
fn test_json_nudges_are_the_reports_nudges_key_for_key() {
    let dir = crate::rules_root().join("fr/2025.1.0");
    let out = vigie(&["test", "rules/fr/2025.1.0", "--json"], None);
    let answer = json(&out);
    let case = &answer["versions"][0]["cases"][0];
    assert_eq!(case["index"], 0);
    let file = dir.join(case["file"].as_str().unwrap());
    let cases: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let profile = serde_json::to_string(&cases["cases"][0]["profile"]).unwrap();
    let as_of = case["asOf"].as_str().unwrap();
    let args = [
        "eval",
        "--rules",
        "rules/fr/2025.1.0",
        "--as-of",
        as_of,
        "-",
    ];
    let eval = vigie(&args, Some(&profile));
    assert!(eval.status.success(), "{}", text(&eval.stderr));
    let expected = nudges_member(&text(&eval.stdout));
    assert!(expected.len() > 20, "{expected}");
    assert_eq!(nudges_member(&text(&out.stdout)), expected);
}

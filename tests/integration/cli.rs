//! The `vigie` command as docs/contract.md §4 describes it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const CONTRACT_PROFILE: &str = r#"{
  "birthDate": "1971-03-02",
  "sex": "female",
  "organs": { "cervix": true, "breasts": true, "prostate": false },
  "pregnant": false,
  "smoking": { "status": "former", "packYears": 22, "quitDate": "2018-06-01" },
  "heightCm": 168, "weightKg": 81,
  "conditions": ["hypertension"],
  "familyHistory": [
    { "relation": "mother", "condition": "breast-cancer", "ageAtDiagnosis": 44 }
  ],
  "screenings": [
    { "test": "mammography", "date": "2024-11-12", "result": "normal" },
    { "test": "fit", "date": "2023-02-01", "result": "normal" }
  ],
  "vaccinations": [ { "vaccine": "dtp", "date": "2016-05-10" } ]
}"#;

/// `vigie eval --rules rules/fr/2025.1.0 --as-of 2026-01-15 -` with `profile` on stdin.
pub fn eval_on_stdin(profile: &str) -> Output {
    vigie(
        &[
            "eval",
            "--rules",
            "rules/fr/2025.1.0",
            "--as-of",
            "2026-01-15",
            "-",
        ],
        Some(profile),
    )
}

pub fn vigie(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    // A command that stops at once (a usage mistake) may exit before reading its input.
    if let Err(err) = pipe.write_all(stdin.unwrap_or_default().as_bytes()) {
        assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe, "{err}");
    }
    drop(pipe);
    child.wait_with_output().unwrap()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// A fresh copy of rules/fr in a temporary folder.
fn copy_of_french(name: &str) -> PathBuf {
    let target = std::env::temp_dir().join(format!("vigie-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&target);
    copy_dir(&crate::rules_root().join("fr").join("2025.1.0"), &target);
    target
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn eval_reads_a_contract_profile_on_stdin_and_prints_a_contract_report() {
    let out = eval_on_stdin(CONTRACT_PROFILE);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ruleset"]["id"], "fr");
    assert!(report["ruleset"]["digest"]
        .as_str()
        .unwrap()
        .starts_with("sha256:"));
    assert_eq!(report["asOf"], "2026-01-15");
    assert_eq!(report["locale"], "fr");
    let nudges = report["nudges"].as_array().unwrap();
    assert!(!nudges.is_empty());
    for nudge in nudges {
        for field in ["program", "status", "rule", "title", "message", "action"] {
            assert!(nudge[field].is_string(), "{field} in {nudge}");
        }
        assert!(nudge.get("dueDate").is_some());
        assert!(!nudge["reasons"].as_array().unwrap().is_empty());
        assert!(!nudge["sources"].as_array().unwrap().is_empty());
    }
    // Mother diagnosed at 44: Eisinger score 2, so organised screening, last mammogram 2024-11-12.
    let breast = nudges
        .iter()
        .find(|n| n["program"] == "breast-cancer-screening")
        .unwrap();
    assert_eq!(breast["status"], "up-to-date");
    assert_eq!(breast["dueDate"], "2026-11-12");
}

#[test]
fn eval_in_english_with_a_trace() {
    let out = vigie(
        &[
            "eval",
            "--rules",
            "rules/fr/2025.1.0",
            "--as-of",
            "2026-01-15",
            "--locale",
            "en",
            "--trace",
            "-",
        ],
        Some(CONTRACT_PROFILE),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["locale"], "en");
    assert!(!report["trace"].as_array().unwrap().is_empty());
}

#[test]
fn a_profile_with_three_mistakes_gets_three_path_precise_errors_and_exit_2() {
    let bad = r#"{"birthDate": "1971-03-02", "sex": "female",
      "screenings": [{"test": "mammography", "date": "2024-13-01"}],
      "familyHistory": [{"relation": "aunt", "condition": "breast-cancer"}],
      "smoking": {"status": "former", "packYears": -3}}"#;
    let out = eval_on_stdin(bad);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert_eq!(
        lines[0],
        "stdin: smoking.packYears: -3 is out of range (0 to 200 pack-years)"
    );
    assert!(lines[1].starts_with("stdin: familyHistory[0].relation: unknown relation \"aunt\"; accepted: mother, father,"), "{stderr}");
    assert_eq!(
        lines[2],
        "stdin: screenings[0].date: \"2024-13-01\" is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)"
    );
    assert_eq!(lines[3], "3 problem(s): the profile was not evaluated");
}

/// `--errors json`: a refused profile's problems as one JSON document on stderr, each problem as
/// the library serializes it; exit 2 as without the flag, and nothing else changes.
#[test]
fn errors_json_gives_every_problem_as_the_library_serializes_it() {
    let bad = r#"{"birthDate": "1971-03-02", "sex": "female",
      "screenings": [{"test": "mammography", "date": "2024-13-01"}],
      "familyHistory": [{"relation": "aunt", "condition": "breast-cancer"}],
      "smoking": {"status": "former", "packYears": -3}}"#;
    let eval = |profile: &str, errors: &str| {
        let args = [
            "eval",
            "--rules",
            "rules/fr/2025.1.0",
            "--as-of",
            "2026-01-15",
            "--errors",
            errors,
            "-",
        ];
        vigie(&args, Some(profile))
    };
    let expected = |profile: &str| {
        let options = vigie::Options::on(crate::day("2026-01-15"));
        match vigie::evaluate(&crate::french(), profile, &options) {
            Err(vigie::Error::Profile(err)) => {
                serde_json::json!({ "problems": serde_json::to_value(&err.problems).unwrap() })
            }
            other => panic!("{other:?}"),
        }
    };
    let out = eval(bad, "json");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert_eq!(
        stderr.lines().count(),
        1,
        "one document, on one line: {stderr}"
    );
    let refused: serde_json::Value = serde_json::from_str(&stderr).unwrap();
    assert_eq!(refused, expected(bad));
    assert_eq!(refused["problems"].as_array().unwrap().len(), 3);
    assert_eq!(refused["problems"][2]["path"], "screenings[0].date");
    assert_eq!(refused["problems"][2]["kind"], "not-a-date");
    // Members in the library's order, not sorted.
    assert!(
        stderr.starts_with(
            r#"{"problems":[{"path":"smoking.packYears","kind":"out-of-range","message":"#
        ),
        "{stderr}"
    );

    // Text that is not JSON: one problem about the whole profile (path "").
    let out = eval("{not json", "json");
    assert_eq!(out.status.code(), Some(2));
    let refused: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(refused, expected("{not json"));
    assert_eq!(refused["problems"][0]["path"], "");

    // `--errors text` is the default; a valid profile prints its report either way.
    assert_eq!(eval(bad, "text").stderr, eval_on_stdin(bad).stderr);
    let good = r#"{"birthDate": "1971-03-02", "sex": "female"}"#;
    let out = eval(good, "json");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty());
    assert_eq!(out.stdout, eval_on_stdin(good).stdout);

    let out = eval(good, "xml");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--errors `xml` is not text or json"));
}

/// A profile over the limit, of which `vigie eval` reads only the limit and one byte, is refused
/// in JSON too, with the same words as in text.
#[test]
fn errors_json_refuses_a_profile_over_the_limit() {
    let dir = std::env::temp_dir().join(format!("vigie-test-{}-big-profile", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.json");
    std::fs::write(&big, " ".repeat(vigie::Profile::MAX_JSON_BYTES + 10)).unwrap();
    let path = big.to_str().unwrap();
    let run = |errors: &str| {
        let args = [
            "eval",
            "--rules",
            "rules/fr/2025.1.0",
            "--errors",
            errors,
            path,
        ];
        vigie(&args, None)
    };
    let words = "is more than 1000000 bytes long; a profile may be at most 1000000 bytes (1 MB)";
    let out = run("json");
    assert_eq!(out.status.code(), Some(2));
    let refused: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    let problems = refused["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{refused}");
    assert_eq!(problems[0]["path"], "");
    assert_eq!(problems[0]["message"], words);
    let out = run("text");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "{}: profile: {words}\n1 problem(s): the profile was not evaluated\n",
            big.display()
        )
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn test_runs_the_french_cases_and_ends_with_the_count() {
    let out = vigie(&["test", "rules/fr/2025.1.0"], None);
    let stdout = text(&out.stdout);
    let last = stdout.lines().last().unwrap();
    let passed: usize = last.split(' ').next().unwrap().parse().unwrap();
    assert!(
        last.ends_with(" passed, 0 failed") && passed >= 60,
        "{stdout}"
    );
    assert!(out.status.success());
}

#[test]
fn check_accepts_the_french_rule_set() {
    let out = vigie(&["check", "rules/fr/2025.1.0"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty());
}

#[test]
fn check_reports_a_syntax_error_as_file_line_col() {
    let dir = copy_of_french("syntax");
    let rule = dir.join("rules/breast/organised-screening.rhai");
    let source = std::fs::read_to_string(&rule).unwrap();
    std::fs::write(&rule, format!("let broken = (1 + ;\n{source}")).unwrap();
    let out = vigie(&["check", dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    let expected = format!("{}:1:19: ", rule.display());
    assert!(
        stderr.starts_with(&expected),
        "expected {expected}\n{stderr}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn check_reports_a_manifest_mistake_at_its_line() {
    let dir = copy_of_french("manifest");
    let manifest = dir.join("ruleset.toml");
    let text_before = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text_before.replacen(
            "program = \"breast-cancer-screening\"",
            "program = \"breast-screening\"",
            1,
        ),
    )
    .unwrap();
    let out = vigie(&["check", dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("unknown program `breast-screening`; accepted: breast-cancer-screening"),
        "{stderr}"
    );
    assert!(
        stderr.starts_with(&format!("{}:", manifest.display())),
        "{stderr}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn usage_mistakes_exit_2_with_the_usage() {
    let out = vigie(&["eval", "--rules"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--rules needs a value"));
    let out = vigie(&["frobnicate"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = vigie(
        &[
            "eval",
            "--rules",
            "rules/fr/2025.1.0",
            "--as-of",
            "15/01/2026",
            "-",
        ],
        Some("{}"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--as-of `15/01/2026` is not a date"));
}

#[test]
fn a_bundle_evaluates_exactly_like_its_folder_and_an_altered_one_is_refused() {
    let dir = std::env::temp_dir().join(format!("vigie-test-{}-bundle", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bundle = dir.join("fr.json");
    let out = vigie(
        &[
            "bundle",
            "rules/fr/2025.1.0",
            "-o",
            bundle.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("fr 2025.1.0 sha256:"));

    let args = |rules: &str| {
        vec![
            "eval".to_string(),
            "--rules".into(),
            rules.into(),
            "--as-of".into(),
            "2026-01-15".into(),
            "-".into(),
        ]
    };
    let run = |rules: &str| {
        let a = args(rules);
        vigie(
            &a.iter().map(String::as_str).collect::<Vec<_>>(),
            Some(CONTRACT_PROFILE),
        )
    };
    let from_folder = run("rules/fr/2025.1.0");
    let from_bundle = run(bundle.to_str().unwrap());
    assert!(
        from_bundle.status.success(),
        "{}",
        text(&from_bundle.stderr)
    );
    assert_eq!(from_bundle.stdout, from_folder.stdout);

    let altered = dir.join("altered.json");
    std::fs::write(
        &altered,
        std::fs::read_to_string(&bundle)
            .unwrap()
            .replacen("Vous avez", "Tu as", 1),
    )
    .unwrap();
    let refused = run(altered.to_str().unwrap());
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("does not match its digest"),
        "{}",
        text(&refused.stderr)
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// Issue 13, break 9: `vigie eval /dev/zero` read everything before the 1 MB check. It now reads
/// at most one byte more than the limit, from a file or stdin, and a bundle likewise.
#[test]
fn vigie_eval_of_dev_zero_reads_at_most_the_limit() {
    let run = |args: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vigie"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let start = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > std::time::Duration::from_secs(20) {
                child.kill().unwrap();
                panic!("vigie {args:?} still reading after 20 s");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        child.wait_with_output().unwrap()
    };
    let out = run(&[
        "eval",
        "--rules",
        "rules/fr/2025.1.0",
        "--as-of",
        "2026-01-15",
        "/dev/zero",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with(
            "/dev/zero: profile: is more than 1000000 bytes long; a profile may be at most 1000000 bytes"
        ),
        "{}",
        text(&out.stderr)
    );
    let out = run(&[
        "eval",
        "--rules",
        "/dev/zero",
        "--as-of",
        "2026-01-15",
        "/dev/null",
    ]);
    assert_ne!(out.status.code(), Some(0));
    // A bundle over the limit is refused unread.
    let dir = std::env::temp_dir().join(format!("vigie-test-{}-big-bundle", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.json");
    std::fs::write(&big, " ".repeat(vigie::bundle::MAX_BUNDLE_BYTES + 10)).unwrap();
    let out = run(&[
        "eval",
        "--rules",
        big.to_str().unwrap(),
        "--as-of",
        "2026-01-15",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("a bundle is at most 8000000 bytes"),
        "{}",
        text(&out.stderr)
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// `vigie eval … | head`: a reader that closes the pipe early ends the command quietly (it used to
/// panic with "failed printing to stdout: Broken pipe").
#[test]
fn a_closed_stdout_pipe_ends_the_command_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args([
            "eval",
            "--rules",
            "rules/fr/2026.1.0",
            "--as-of",
            "2026-12-05",
            "-",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before the command writes anything.
    drop(child.stdout.take());
    child
        .stdin
        .take()
        .unwrap()
        .write_all(CONTRACT_PROFILE.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

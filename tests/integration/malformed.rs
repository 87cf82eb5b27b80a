//! The malformed-profile corpus (`tests/malformed/`, described by its `index.json`): every input is
//! refused with exactly the expected problems at their JSON paths — by the library from bytes and
//! from text, by the boundary functions the wasm module wraps, and by `vigie eval` — never with a
//! panic. The same corpus drives `pkg/test/malformed.test.mjs` (Node) and `tests/wasm/malformed.rs`
//! (wasm in Node and Chromium).

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Deserialize;
use vigie::ffi::{self, Failure, Layout};
use vigie::{Problem, Profile};

use crate::cli::{eval_on_stdin, text, vigie};

#[path = "../malformed/corpus.rs"]
pub(crate) mod corpus;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Index {
    #[allow(dead_code)]
    about: Vec<String>,
    as_of: String,
    valid: serde_json::Value,
    inputs: BTreeMap<String, Expected>,
}

/// `[path, kind, words the message contains]`, in order.
type Expectation = Vec<(String, String, String)>;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Expected {
    problems: Expectation,
    /// For input that is not UTF-8: what a caller gets who decoded it first, replacing bad bytes.
    #[serde(default)]
    as_text: Option<Expectation>,
}

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/malformed")
}

fn index() -> Index {
    serde_json::from_str(corpus::INDEX).unwrap()
}

/// Files of the folder that are not inputs.
const NOT_INPUTS: &[&str] = &["index.json", "corpus.rs"];

/// Where `found` differs from `expected`, in words; `None` when they agree.
fn mismatch(expected: &[(String, String, String)], found: &[Problem]) -> Option<String> {
    let found_keys: Vec<(&str, &str)> = found
        .iter()
        .map(|p| (p.path.as_str(), p.kind.as_str()))
        .collect();
    let wanted: Vec<(&str, &str)> = expected
        .iter()
        .map(|(path, kind, _)| (path.as_str(), kind.as_str()))
        .collect();
    let words_ok = expected
        .iter()
        .zip(found)
        .all(|((_, _, words), problem)| problem.message.contains(words.as_str()));
    if found_keys == wanted && words_ok {
        return None;
    }
    let found: Vec<String> = found
        .iter()
        .map(|p| format!("{} [{}]", p, p.kind))
        .collect();
    Some(format!("expected {expected:?}\n    found {found:#?}"))
}

/// Whether problems as the boundary writes them (`[{"path", "kind", "message"}]`) are the
/// expected ones.
fn json_agrees(expected: &[(String, String, String)], found: &serde_json::Value) -> bool {
    let found = found.as_array().cloned().unwrap_or_default();
    found.len() == expected.len()
        && expected.iter().zip(&found).all(|((path, kind, words), p)| {
            p["path"] == path.as_str()
                && p["kind"] == kind.as_str()
                && p["message"]
                    .as_str()
                    .is_some_and(|m| m.contains(words.as_str()))
        })
}

/// Runs `f`, turning a panic into an error that names the input.
fn no_panic<T>(name: &str, f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|_| format!("{name}: PANICKED"))
}

#[test]
fn the_corpus_is_complete_and_embedded() {
    let index = index();
    let mut on_disk = BTreeMap::new();
    for entry in std::fs::read_dir(folder()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !NOT_INPUTS.contains(&name.as_str()) {
            on_disk.insert(name, std::fs::read(&path).unwrap());
        }
    }
    let listed: Vec<&String> = index.inputs.keys().collect();
    let files: Vec<&String> = on_disk.keys().collect();
    assert_eq!(listed, files, "index.json and the folder disagree");
    let embedded: BTreeMap<String, Vec<u8>> = corpus::INPUTS
        .iter()
        .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
        .collect();
    assert!(
        embedded == on_disk,
        "corpus.rs does not embed exactly the folder's inputs; it should list:\n{}",
        files
            .iter()
            .map(|f| format!("    (\"{f}\", include_bytes!(\"{f}\")),"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(on_disk.len() >= 100, "{} inputs", on_disk.len());
    for (name, expected) in &index.inputs {
        assert!(!expected.problems.is_empty(), "{name}: no problem expected");
        let utf8 = std::str::from_utf8(&on_disk[name]).is_ok();
        assert_eq!(
            expected.as_text.is_some(),
            !utf8,
            "{name}: asText is for (and only for) input that is not UTF-8"
        );
    }
}

#[test]
fn every_input_is_refused_with_exactly_its_problems() {
    let index = index();
    let as_of = crate::day(&index.as_of);
    let options = format!(r#"{{"asOf": "{}"}}"#, index.as_of);
    let french = crate::french();
    let mut failures = Vec::new();
    for (name, bytes) in corpus::INPUTS {
        let expected = &index.inputs[*name];
        let outcome = no_panic(name, || {
            let mut found = Vec::new();
            // Bytes, as `vigie eval` reads a file.
            match Profile::from_json_bytes(bytes, as_of) {
                Ok(_) => found.push(format!("{name}: accepted from bytes")),
                Err(err) => found.extend(
                    mismatch(&expected.problems, &err.problems)
                        .map(|m| format!("{name} (bytes): {m}")),
                ),
            }
            // Text, as the wasm module receives it: JavaScript strings are always Unicode.
            let text = String::from_utf8_lossy(bytes);
            let wanted = expected.as_text.as_ref().unwrap_or(&expected.problems);
            match Profile::from_json(&text, as_of) {
                Ok(_) => found.push(format!("{name}: accepted from text")),
                Err(err) => found
                    .extend(mismatch(wanted, &err.problems).map(|m| format!("{name} (text): {m}"))),
            }
            match ffi::evaluate(&french, &text, &options, as_of, Layout::Compact) {
                Err(Failure::InvalidProfile { problems, message }) => {
                    assert!(message.starts_with("the profile has"), "{message}");
                    found.extend(mismatch(wanted, &problems).map(|m| format!("{name} (ffi): {m}")));
                }
                other => found.push(format!("{name} (ffi): {other:?}")),
            }
            let validation: serde_json::Value =
                serde_json::from_str(&ffi::validate(&text, &options, as_of).unwrap()).unwrap();
            if validation["valid"] != false || !json_agrees(wanted, &validation["problems"]) {
                found.push(format!("{name} (ffi validate): {validation}"));
            }
            found
        });
        match outcome {
            Ok(found) => failures.extend(found),
            Err(panicked) => failures.push(panicked),
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatch(es):\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Nothing above left the engine unusable.
    let valid = index.valid.to_string();
    assert!(ffi::evaluate(&french, &valid, &options, as_of, Layout::Compact).is_ok());
}

/// A profile with a long note in an unknown field, `len` bytes in all.
fn padded_profile(len: usize) -> String {
    let head = r#"{"birthDate": "1971-03-02", "sex": "female", "note": ""#;
    let tail = r#""}"#;
    format!("{head}{}{tail}", "x".repeat(len - head.len() - tail.len()))
}

#[test]
fn a_10_mb_input_is_refused_unread() {
    let as_of = crate::day("2026-01-15");
    let big = padded_profile(10 * 1024 * 1024);
    let start = Instant::now();
    let err = Profile::from_json(&big, as_of).unwrap_err();
    let took = start.elapsed();
    assert_eq!(err.problems.len(), 1);
    assert_eq!(err.problems[0].path, "");
    let limit = Profile::MAX_JSON_BYTES.to_string();
    assert!(
        err.problems[0].message.contains(&limit) && err.problems[0].message.contains("10485760"),
        "{}",
        err.problems[0]
    );
    assert!(took < Duration::from_millis(100), "took {took:?}");
    assert!(Profile::from_json_bytes(big.as_bytes(), as_of).is_err());

    // The limit is exact: one byte more is refused, the limit itself is read (and here refused
    // only for its unknown field).
    let over = padded_profile(Profile::MAX_JSON_BYTES + 1);
    let problems = Profile::from_json(&over, as_of).unwrap_err().problems;
    assert!(problems[0].message.contains(&limit), "{problems:?}");
    let at = padded_profile(Profile::MAX_JSON_BYTES);
    let problems = Profile::from_json(&at, as_of).unwrap_err().problems;
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "note");
}

/// A list of `n` screenings, the tests taken in turn from `tests`, on successive days from 1990
/// (9 000 days, then the same days again).
fn screening_list(n: usize, tests: &[&str]) -> String {
    let start = crate::day("1990-01-01");
    let items: Vec<String> = (0..n)
        .map(|i| {
            let day = start + chrono::Days::new((i / tests.len() % 9_000) as u64);
            format!(r#"{{"test":"{}","date":"{day}"}}"#, tests[i % tests.len()])
        })
        .collect();
    format!("[{}]", items.join(","))
}

/// A profile with `n` screenings (see [`screening_list`]).
fn screenings(n: usize, tests: &[&str]) -> String {
    format!(
        r#"{{"birthDate":"1971-03-02","sex":"female","screenings":{}}}"#,
        screening_list(n, tests)
    )
}

#[test]
fn a_list_over_the_entry_limit_is_refused_whole() {
    let as_of = crate::day("2026-01-15");
    let many = screenings(24_000, &["fit", "colonoscopy", "mammography"]);
    assert!(many.len() <= Profile::MAX_JSON_BYTES, "{}", many.len());
    let start = Instant::now();
    let problems = Profile::from_json(&many, as_of).unwrap_err().problems;
    let took = start.elapsed();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "screenings");
    assert_eq!(
        problems[0].message,
        "has 24000 entries; at most 200 are accepted"
    );
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

#[test]
fn a_profile_with_every_list_at_the_limit_evaluates_without_rule_errors() {
    let as_of = crate::day("2026-01-15");
    let n = Profile::MAX_LIST_ENTRIES;
    let start = crate::day("1990-01-01");
    let family: Vec<String> = (0..n)
        .map(|_| r#"{"relation":"mother","condition":"breast-cancer","ageAtDiagnosis":44}"#.into())
        .collect();
    let vaccinations: Vec<String> = (0..n)
        .map(|i| {
            let day = start + chrono::Days::new(i as u64);
            format!(r#"{{"vaccine":"influenza","date":"{day}"}}"#)
        })
        .collect();
    let profile = format!(
        r#"{{"birthDate":"1971-03-02","sex":"female","familyHistory":[{}],"vaccinations":[{}],"screenings":{}}}"#,
        family.join(","),
        vaccinations.join(","),
        screening_list(n, &["fit", "mammography", "hpv-test", "lipid-panel"]),
    );
    let profile = Profile::from_json(&profile, as_of).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(profile.screenings.as_ref().unwrap().len(), n);
    let french = crate::french();
    let start = Instant::now();
    let report = vigie::evaluate(&french, &profile, &vigie::Options::on(as_of)).unwrap();
    let took = start.elapsed();
    // Rules loop over these lists under a 50 ms deadline per rule: the limit keeps them well
    // inside it, even in a debug build.
    assert_eq!(report.errors, vec![], "{took:?}");
    assert!(!report.nudges.is_empty());
}

#[test]
fn the_most_problems_a_profile_can_have_are_listed_quickly() {
    // About 90 000 unknown fields in 1 MB: every one is listed.
    let as_of = crate::day("2026-01-15");
    let fields: Vec<String> = (0..89_000).map(|i| format!(r#""f{i}":0"#)).collect();
    let text = format!(
        r#"{{"birthDate":"1971-03-02","sex":"female",{}}}"#,
        fields.join(",")
    );
    assert!(text.len() <= Profile::MAX_JSON_BYTES, "{}", text.len());
    let start = Instant::now();
    let problems = Profile::from_json(&text, as_of).unwrap_err().problems;
    let took = start.elapsed();
    assert_eq!(problems.len(), 89_000);
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

#[test]
fn vigie_eval_prints_every_problem_with_its_path_and_exits_2() {
    let index = index();
    for name in [
        "several-problems.json",
        "several-problems-with-duplicate-keys.json",
        "duplicate-key-escaped.json",
        "unknown-field-odd-name-nested.json",
        "byte-order-mark.txt",
        "latin1-in-a-string.txt",
        "deep-arrays-10000.json",
        "empty.txt",
        "number-1e400.txt",
    ] {
        let file = format!("tests/malformed/{name}");
        let out = vigie(
            &[
                "eval",
                "--rules",
                "rules/fr/2025.1.0",
                "--as-of",
                &index.as_of,
                &file,
            ],
            None,
        );
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(out.stdout.is_empty(), "{name}");
        let lines: Vec<&str> = stderr.lines().collect();
        let expected = &index.inputs[name].problems;
        assert_eq!(lines.len(), expected.len() + 1, "{name}: {stderr}");
        for ((path, _, words), line) in expected.iter().zip(&lines) {
            let shown = if path.is_empty() { "profile" } else { path };
            let prefix = format!("{file}: {shown}: ");
            assert!(
                line.starts_with(&prefix) && line.contains(words.as_str()),
                "{name}: `{line}` is not `{prefix}…{words}…`"
            );
        }
        assert_eq!(
            lines.last().unwrap(),
            &format!(
                "{} problem(s): the profile was not evaluated",
                expected.len()
            )
        );
    }
    // 10 MB on stdin: refused at once, with the limit.
    let big = padded_profile(10 * 1024 * 1024);
    let start = Instant::now();
    let out = eval_on_stdin(&big);
    let took = start.elapsed();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with(
            "stdin: profile: is more than 1000000 bytes long; a profile may be at most 1000000 bytes"
        ),
        "{stderr}"
    );
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

/// Regression test for fuzz crash `crash-321aa78e0d9f8e2b32d3a1409bd46225eb486452` (target `profile`,
/// found by the first CI run of the fuzzers): a key given twice. It was the fuzz target's own
/// expectation that was wrong — it wanted the text and its parsed value to be refused alike, but a
/// parsed value has already lost the repeated key. The text is refused for it, at its path, and
/// for everything else the value is refused for.
#[test]
fn fuzz_crash_321aa78e_a_repeated_key_is_refused_from_the_text_only() {
    let text = r#"{"birthDate":"1970-05-20","sex":"female","conditiote":"1970-05-20","sex":"female","cos":[]}"#;
    let day = vigie::date::parse("2026-01-15").unwrap();
    let from_text = Profile::from_json(text, day).unwrap_err();
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    let from_value = Profile::from_value(&value, day).unwrap_err();
    let paths = |problems: &[Problem]| problems.iter().map(|p| p.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&from_text.problems), ["sex", "conditiote", "cos"]);
    assert!(from_text.problems[0].message.contains("more than once"));
    assert_eq!(paths(&from_value.problems), ["conditiote", "cos"]);
}

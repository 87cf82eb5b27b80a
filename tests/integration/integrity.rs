//! Integrity: a report's `ruleset.digest` names the exact rules and words that produced it; anyone
//! holding the bundle can recompute it; a bundle whose content does not match it is refused.

use sha2::{Digest, Sha256};
use vigie::ffi::{Bundle, Failure};
use vigie::{cases, RuleSet};

use crate::cli::{text, vigie};

/// JSON text without its insignificant whitespace, every other byte as written (no re-encoding).
fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !c.is_whitespace() {
            out.push(c);
            in_string = c == '"';
        }
    }
    out
}

/// The raw text of the member `key` of a compact JSON object, as written.
fn member<'a>(object: &'a str, key: &str) -> &'a str {
    let wanted = format!("\"{key}\":");
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut start = None;
    for (at, c) in object.char_indices() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                // A key of the outer object: `{"key":` or `,"key":` at depth 1.
                if depth == 1 && start.is_none() && object[at..].starts_with(&wanted) {
                    start = Some(at + wanted.len());
                }
            }
            '{' | '[' => depth += 1,
            '}' | ']' | ',' => {
                if let Some(from) = start {
                    if depth == 1 && at > from {
                        return &object[from..at];
                    }
                }
                if c != ',' {
                    depth -= 1;
                }
            }
            _ => {}
        }
    }
    panic!("no member {key} in the object");
}

fn sha256(text: &str) -> String {
    let hex: String = Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256:{hex}")
}

#[test]
fn the_helpers_read_json_as_written() {
    let pretty = "{\n  \"a\": \"x, \\\"y\\\" }\",\n  \"b\": { \"c\": [1, 2] },\n  \"d\": 3\n}";
    let object = compact(pretty);
    assert_eq!(object, r#"{"a":"x, \"y\" }","b":{"c":[1,2]},"d":3}"#);
    assert_eq!(member(&object, "a"), r#""x, \"y\" }""#);
    assert_eq!(member(&object, "b"), r#"{"c":[1,2]}"#);
    assert_eq!(member(member(&object, "b"), "c"), "[1,2]");
    assert_eq!(member(&object, "d"), "3");
}

/// For every rule set under `rules/` (overlays included): the report of one of its cases, from the
/// folder and from its bundle, names the bundle's digest, and the SHA-256 of the bundle's
/// `ruleset` member (its base's, for the base an overlay names) gives it back.
#[test]
fn a_reports_digest_is_its_bundles_and_anyone_can_recompute_it_from_the_bundle() {
    let scratch = std::env::temp_dir().join(format!("vigie-test-{}-integrity", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    for dir in crate::rule_set_dirs() {
        let name = dir
            .strip_prefix(crate::rules_root())
            .unwrap()
            .display()
            .to_string();
        let file = scratch.join(format!("{}.json", name.replace('/', "-")));
        let out = vigie(
            &[
                "bundle",
                dir.to_str().unwrap(),
                "-o",
                file.to_str().unwrap(),
            ],
            None,
        );
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        let written = std::fs::read_to_string(&file).unwrap();
        let bundle: serde_json::Value = serde_json::from_str(&written).unwrap();
        let digest = bundle["digest"].as_str().unwrap();
        assert!(
            text(&out.stdout).contains(digest),
            "{name}: vigie bundle prints the digest"
        );

        // Recomputed from the bundle's bytes alone, without Vigie.
        let content = member(&compact(&written), "ruleset").to_string();
        assert_eq!(sha256(&content), digest, "{name}");

        let (_, case) = cases::read_dir(&dir).unwrap().into_iter().next().unwrap();
        let profile = case.profile.to_string();
        let eval = |rules: &str| {
            let out = vigie(
                &[
                    "eval",
                    "--rules",
                    rules,
                    "--as-of",
                    case.as_of.as_str(),
                    "-",
                ],
                Some(&profile),
            );
            assert!(out.status.success(), "{name}: {}", text(&out.stderr));
            out.stdout
        };
        let from_folder = eval(dir.to_str().unwrap());
        let report: serde_json::Value = serde_json::from_slice(&from_folder).unwrap();
        assert_eq!(report["ruleset"]["digest"], digest, "{name}");
        assert_eq!(report["ruleset"]["id"], bundle["id"], "{name}");
        assert_eq!(report["ruleset"]["version"], bundle["version"], "{name}");
        if let Some(base) = report["ruleset"].get("extends") {
            assert_eq!(base["digest"], sha256(member(&content, "base")), "{name}");
        }
        assert_eq!(eval(file.to_str().unwrap()), from_folder, "{name}");
    }
    std::fs::remove_dir_all(scratch).unwrap();
}

/// Every part of a bundle's content is covered: a changed rule, word, manifest field, source or
/// base — or a changed digest — is refused, for every rule set under `rules/`.
#[test]
fn any_change_to_a_bundle_is_refused_for_every_rule_set() {
    for dir in crate::rule_set_dirs() {
        let name = dir.display();
        let bundle = Bundle::of(&RuleSet::load(&dir).unwrap());
        assert!(Bundle::load(&bundle.to_json()).is_ok(), "{name}");

        let mut altered: Vec<(&str, Bundle)> = Vec::new();
        let mut change = |what: &'static str, edit: &dyn Fn(&mut Bundle) -> bool| {
            let mut copy = bundle.clone();
            if edit(&mut copy) {
                altered.push((what, copy));
            }
        };
        change("a rule's source", &|b| {
            let own = b.ruleset.rules.values_mut().next();
            own.map(|source| source.push_str("\n// changed")).is_some()
        });
        change("a word", &|b| {
            let own = b.ruleset.messages.values_mut().next();
            own.map(|words| words.decimal_separator.push('!')).is_some()
        });
        change("the in-force date", &|b| {
            b.ruleset.manifest.in_force = "2020-01-01".to_string();
            true
        });
        change("a source's address", &|b| {
            let own = b.ruleset.manifest.sources.values_mut().next();
            own.map(|source| source.url.push_str("?changed")).is_some()
        });
        change("the order of the rules", &|b| {
            b.ruleset.manifest.rules.reverse();
            b.ruleset.manifest.rules.len() > 1
        });
        change("the base's rule", &|b| {
            let base = b.ruleset.base.as_mut();
            let rule = base.and_then(|base| base.rules.values_mut().next());
            rule.map(|source| source.push(' ')).is_some()
        });
        change("the digest", &|b| {
            b.digest = format!("sha256:{}", "0".repeat(64));
            true
        });
        assert!(altered.len() >= 3, "{name}");
        for (what, copy) in altered {
            match Bundle::load(&copy.to_json()) {
                Err(Failure::DigestMismatch {
                    expected, actual, ..
                }) => {
                    assert_eq!(expected, copy.digest, "{name}: {what}");
                    assert_eq!(actual, copy.ruleset.digest(), "{name}: {what}");
                    assert_ne!(expected, actual, "{name}: {what}");
                }
                Err(other) => panic!("{name}: {what}: refused, but not for its digest: {other}"),
                Ok(_) => panic!("{name}: {what}: an altered bundle was accepted"),
            }
        }
    }
}

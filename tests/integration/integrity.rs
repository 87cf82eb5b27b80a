//! Integrity: a report's `ruleset.digest` names the exact rules and words that produced it; anyone
//! holding the bundle can recompute it; a bundle whose content does not match it is refused.

use sha2::{Digest, Sha256};
use vigie::bundle::{Bundle, BundleCheck, BundleError, BUNDLE_FORMAT_1, MAX_BUNDLE_BYTES};
use vigie::ffi::Failure;
use vigie::{cases, RuleSet, WarningKind};

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
                Err(BundleError::DigestMismatch {
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

// Issue 13, break 4: bundle trust.

fn bundle_of(dir: &std::path::Path) -> Bundle {
    Bundle::of(&vigie::catalog::open(dir.to_str().unwrap(), crate::day("2026-01-15")).unwrap())
}

/// Recomputes both digests, as anyone forging a bundle would.
fn resealed(mut bundle: Bundle) -> Bundle {
    bundle.digest = bundle.ruleset.digest();
    bundle.bundle_digest = Some(bundle.whole_digest());
    bundle
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("vigie-integrity-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const BRCA1_CARRIER: &str =
    r#"{"birthDate": "1986-03-02", "sex": "female", "conditions": ["brca1"]}"#;

/// Content that claims `fr@2025.1.0`, with its digests recomputed, used to be accepted as fr
/// 2025.1.0 (and a BRCA1 carrier lost her referral). Now it is refused, by the library, the
/// command line and (tests/wasm, pkg/test) the module.
#[test]
fn bundle_claiming_a_built_in_version_must_match_it() {
    let real = bundle_of(&crate::rules_root().join("fr/2025.1.0"));
    assert!(Bundle::load(&real.to_json()).is_ok());
    let mut forged = real.clone();
    let rule = forged.ruleset.rules.get_mut("breast/high-risk").unwrap();
    *rule = rule.replace("brca1", "no-such-gene");
    let forged = resealed(forged);
    match Bundle::load(&forged.to_json()) {
        Err(BundleError::BuiltInMismatch {
            claims,
            expected,
            actual,
            ..
        }) => {
            assert_eq!(claims, "fr@2025.1.0");
            assert_eq!(expected, real.digest);
            assert_eq!(actual, forged.digest);
        }
        other => panic!("a forged fr@2025.1.0 was not refused as such: {other:?}"),
    }
    // The same through the command line: refused, and the carrier is never told otherwise.
    let dir = scratch("forged");
    let file = dir.join("fr.json");
    std::fs::write(&file, forged.to_json()).unwrap();
    let out = vigie(
        &[
            "eval",
            "--rules",
            file.to_str().unwrap(),
            "--as-of",
            "2026-01-15",
            "-",
        ],
        Some(BRCA1_CARRIER),
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("is not the fr@2025.1.0 built into Vigie"),
        "{}",
        text(&out.stderr)
    );
    // The older published version is pinned too.
    let mut old = bundle_of(
        &crate::rules_root()
            .join("fr@2024.1.0")
            .with_file_name("fr@2024.1.0"),
    );
    old.ruleset
        .manifest
        .authors
        .push("someone else".to_string());
    assert!(matches!(
        Bundle::load(&resealed(old).to_json()),
        Err(BundleError::BuiltInMismatch { .. })
    ));
    std::fs::remove_dir_all(dir).unwrap();
}

/// An overlay whose embedded base `fr@2025.1.0` was altered used to be accepted although the
/// module ships the real one.
#[test]
fn an_overlays_embedded_built_in_base_must_match_it() {
    let real = bundle_of(&crate::rules_root().join("example-fr-976"));
    assert!(Bundle::load(&real.to_json()).is_ok());
    let mut forged = real.clone();
    let base = forged.ruleset.base.as_mut().unwrap();
    let rule = base.rules.get_mut("breast/high-risk").unwrap();
    rule.push_str("\n// altered");
    let forged = resealed(forged);
    let err = Bundle::load(&forged.to_json()).unwrap_err();
    let message = err.to_string();
    match err {
        BundleError::BuiltInMismatch {
            claims,
            embedded_in,
            ..
        } => {
            assert_eq!(claims, "fr@2025.1.0");
            assert_eq!(embedded_in.as_deref(), Some("example-fr-976@1.0.0"));
            assert!(
                message.contains("embedded in example-fr-976@1.0.0"),
                "{message}"
            );
        }
        other => panic!("an altered embedded base was not refused: {other:?}"),
    }
}

/// The pins are the published folders: every version of every built-in rule set has one, with
/// its digest, and the last day of a replaced one is the day before the next comes into force.
#[test]
fn the_built_in_pins_are_the_published_versions() {
    let mut pinned = 0;
    for id in ["fr", "us"] {
        let versions = vigie::catalog::versions(&crate::rules_root().join(id)).unwrap();
        pinned += versions.len();
        for (at, version) in versions.iter().enumerate() {
            let ruleset = RuleSet::load(&version.dir).unwrap();
            let pin = vigie::PINNED_VERSIONS
                .iter()
                .find(|p| p.id == id && p.version == version.version)
                .unwrap_or_else(|| panic!("{id}@{} is not pinned", version.version));
            assert_eq!(pin.digest, ruleset.id().digest, "{id}@{}", version.version);
            let next = versions
                .get(at + 1)
                .map(|v| v.in_force.pred_opt().unwrap().to_string());
            assert_eq!(
                pin.valid_until.map(str::to_string),
                next,
                "{id}@{}",
                version.version
            );
        }
    }
    assert_eq!(
        vigie::PINNED_VERSIONS.len(),
        pinned,
        "every published version of rules/fr and rules/us is pinned in src/ruleset/pinned.rs, and nothing else"
    );
    // Both published digests are the frozen ones.
    assert!(vigie::PINNED_VERSIONS[0]
        .digest
        .starts_with("sha256:7623c803"));
    assert!(vigie::PINNED_VERSIONS[1]
        .digest
        .starts_with("sha256:0c77a9d0"));
}

/// `validUntil` was outside the digest: removing it silenced the after-validity warning with the
/// same digest. Now the bundle digest covers it, and a built-in version's end is known anyway.
#[test]
fn removing_valid_until_is_caught_or_changes_nothing() {
    let as_of = crate::day("2026-01-15");
    let man = r#"{"birthDate": "1956-03-01", "sex": "male"}"#;
    let warns = |ruleset: &RuleSet| {
        let report = vigie::evaluate(ruleset, man, &vigie::Options::on(as_of)).unwrap();
        report
            .warnings
            .iter()
            .any(|w| w.warning == WarningKind::AfterValidity)
    };
    let old = bundle_of(
        &crate::rules_root()
            .join("fr@2024.1.0")
            .with_file_name("fr@2024.1.0"),
    );
    assert_eq!(old.valid_until.as_deref(), Some("2025-09-30"));
    assert!(warns(&Bundle::load(&old.to_json()).unwrap()));

    // Removed, bundle digest kept: refused.
    let mut cut = old.clone();
    cut.valid_until = None;
    match Bundle::load(&cut.to_json()) {
        Err(BundleError::BundleDigestMismatch { expected, .. }) => {
            assert_eq!(Some(expected), old.bundle_digest)
        }
        other => panic!("{other:?}"),
    }
    // Removed and resealed: the rule set's digest is the same, the bundle digest is not, so a
    // caller who pinned the bundle digest refuses it; and a built-in version still warns.
    let resealed = resealed(cut);
    assert_eq!(resealed.digest, old.digest);
    assert_ne!(resealed.bundle_digest, old.bundle_digest);
    let pinned = BundleCheck {
        expect_digest: old.bundle_digest.clone(),
    };
    assert!(matches!(
        Bundle::load_checked(&resealed.to_json(), &pinned),
        Err(BundleError::UnexpectedDigest { .. })
    ));
    assert!(Bundle::load_checked(&old.to_json(), &pinned).is_ok());
    assert!(warns(&Bundle::load(&resealed.to_json()).unwrap()));

    // A first-format bundle (no bundleDigest) is still read; its bundle digest is computed, so
    // pinning it pins its validUntil too.
    let mut first = old.clone();
    first.format = BUNDLE_FORMAT_1.to_string();
    first.bundle_digest = None;
    let first_digest = first.whole_digest();
    let loaded = Bundle::load_checked(
        &first.to_json(),
        &BundleCheck {
            expect_digest: Some(first_digest.clone()),
        },
    )
    .unwrap();
    assert!(warns(&loaded));
    first.valid_until = None;
    assert!(matches!(
        Bundle::load_checked(
            &first.to_json(),
            &BundleCheck {
                expect_digest: Some(first_digest)
            }
        ),
        Err(BundleError::UnexpectedDigest { .. })
    ));
}

/// `--expect-digest` (and the library's `BundleCheck`): the rule set's digest or the bundle's
/// digest is accepted, anything else refused before compiling, with a clear error.
#[test]
fn expect_digest_refuses_another_rule_set() {
    let dir = scratch("expect");
    let file = dir.join("fr.json");
    let real = bundle_of(&crate::rules_root().join("fr/2025.1.0"));
    std::fs::write(&file, real.to_json()).unwrap();
    let eval = |rules: &str, expect: &str| {
        vigie(
            &[
                "eval",
                "--rules",
                rules,
                "--expect-digest",
                expect,
                "--as-of",
                "2026-01-15",
                "-",
            ],
            Some(BRCA1_CARRIER),
        )
    };
    let bundle = file.to_str().unwrap();
    let other = vigie::PINNED_VERSIONS[0].digest;
    for (rules, expect, code) in [
        (bundle, real.digest.as_str(), 0),
        (bundle, real.bundle_digest.as_deref().unwrap(), 0),
        (bundle, other, 1),
        ("rules/fr/2025.1.0", real.digest.as_str(), 0),
        ("rules/fr", real.digest.as_str(), 0),
        ("rules/fr", other, 1),
        ("rules/fr", "sha256:0C77", 2),
    ] {
        let out = eval(rules, expect);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{rules} {expect}: {}",
            text(&out.stderr)
        );
        if code == 1 {
            assert!(
                text(&out.stderr).contains(&format!(
                    "is not the rule set expected: expected digest {other}"
                )),
                "{}",
                text(&out.stderr)
            );
        }
    }
    match Bundle::load_checked(
        &real.to_json(),
        &BundleCheck {
            expect_digest: Some(other.to_string()),
        },
    ) {
        Err(err @ BundleError::UnexpectedDigest { .. }) => {
            let json = Failure::from(err).to_json();
            assert!(json.starts_with(r#"{"code":"unexpected-digest""#), "{json}");
        }
        other => panic!("{other:?}"),
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// The commands of README's "Which rules produced a report", exactly as written there, with
/// `fr.json` replaced by the bundle's path.
fn readme_commands() -> Vec<String> {
    let readme = std::fs::read_to_string(crate::rules_root().join("../README.md")).unwrap();
    let section = readme
        .split("## Which rules produced a report")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    let mut commands: Vec<String> = section
        .lines()
        .filter(|l| l.starts_with("python3 -c '"))
        .map(str::to_string)
        .collect();
    for piece in section.split('`') {
        if piece.starts_with("jq ") && piece.ends_with("| sha256sum") {
            commands.push(piece.to_string());
        }
    }
    assert_eq!(
        commands.len(),
        4,
        "two python and two jq recomputations: {commands:?}"
    );
    commands
}

/// Runs a README command on `file`: its output's `sha256:<hex>`, or `None` if the tool is missing.
fn run_readme(command: &str, file: &std::path::Path) -> Option<String> {
    let tool = command.split(' ').next().unwrap();
    let present = std::process::Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .unwrap()
        .status
        .success();
    if !present {
        assert_eq!(
            tool, "jq",
            "python3 is needed to test the README's recomputation"
        );
        return None;
    }
    let path = format!("'{}'", file.display());
    let command = command.replace(" fr.json", &format!(" {path}"));
    let out = std::process::Command::new("sh")
        .args(["-c", &command])
        .output()
        .unwrap();
    assert!(out.status.success(), "{command}: {}", text(&out.stderr));
    let printed = text(&out.stdout);
    let hex = printed
        .trim()
        .trim_start_matches("sha256:")
        .trim_end_matches('-')
        .trim();
    Some(format!("sha256:{hex}"))
}

/// Key order, `"replace": false` and `"base": null` were accepted by Vigie while the README's
/// recomputation gave another digest (false alarms). Now every bundle Vigie accepts — as written,
/// reformatted, in the first format, or altered and resealed — gives Vigie's digests by the
/// README's own commands, and the non-canonical variants are refused.
#[test]
fn the_readmes_recomputation_agrees_with_vigie_on_every_accepted_bundle() {
    let commands = readme_commands();
    let dir = scratch("readme");
    let mut accepted = 0;
    let mut refused = 0;
    for rule_set in crate::rule_set_dirs() {
        let bundle = bundle_of(&rule_set);
        let pretty = bundle.to_json();
        let compact = serde_json::to_string(&bundle).unwrap();
        let mut first = bundle.clone();
        first.format = BUNDLE_FORMAT_1.to_string();
        first.bundle_digest = None;
        let mut reworded = bundle.clone();
        if reworded.ruleset.base.is_some() {
            // An overlay's own words may change (its base may not): accepted once resealed.
            reworded
                .ruleset
                .manifest
                .authors
                .push("a reviewer".to_string());
        }
        let reworded = resealed(reworded);
        // A letter outside ASCII (é in the French rules, — in the American ones), escaped or
        // replaced below.
        let letter = pretty
            .chars()
            .find(|c| !c.is_ascii() && (*c as u32) < 0x10000)
            .unwrap_or_else(|| panic!("{}: no letter outside ASCII", rule_set.display()));
        let escaped = format!("\\u{:04x}", letter as u32);
        let mut variants: Vec<(&str, String, bool)> = vec![
            ("as written", pretty.clone(), true),
            ("compact", compact.clone(), true),
            (
                "indented with tabs and CRLF",
                pretty.replace("\n  ", "\r\n\t"),
                true,
            ),
            ("first format", first.to_json(), true),
            (
                "keys in another order",
                pretty
                    .replacen("\"format\": \"vigie-bundle/2\",\n  \"id\"", "\"id\"", 1)
                    .replacen(
                        "\"version\"",
                        "\"format\": \"vigie-bundle/2\",\n  \"version\"",
                        1,
                    ),
                false,
            ),
            (
                "\"replace\": false",
                pretty.replacen(
                    "\"program\":",
                    "\"replace\": false,\n        \"program\":",
                    1,
                ),
                false,
            ),
            (
                "\"base\": null",
                pretty.replacen("\"rules\": {", "\"base\": null,\n    \"rules\": {", 1),
                false,
            ),
            (
                "an escaped letter",
                pretty.replacen(letter, &escaped, 1),
                false,
            ),
            (
                "a DEL character, which jq escapes",
                pretty.replacen(letter, "\u{7f}", 1),
                false,
            ),
            (
                "an escaped slash",
                pretty.replacen("https://", "https:\\/\\/", 1),
                false,
            ),
            (
                "a member given twice",
                pretty.replacen("\"id\": ", "\"id\": \"x\",\n  \"id\": ", 1),
                false,
            ),
        ];
        if bundle.ruleset.base.is_some() {
            variants.push(("an overlay reworded and resealed", reworded.to_json(), true));
        }
        for (what, json, canonical) in variants {
            let name = rule_set.display();
            if !canonical {
                assert_ne!(json, pretty, "{name}: {what}: the edit applies");
            }
            let file = dir.join("bundle.json");
            std::fs::write(&file, &json).unwrap();
            let Ok(loaded) = Bundle::load(&json) else {
                assert!(!canonical, "{name}: {what}: refused");
                refused += 1;
                continue;
            };
            assert!(
                canonical,
                "{name}: {what}: a non-canonical bundle was accepted"
            );
            accepted += 1;
            let parsed: Bundle = serde_json::from_str(&json).unwrap();
            let whole = parsed.whole_digest();
            for command in &commands {
                let Some(digest) = run_readme(command, &file) else {
                    continue;
                };
                let vigies = if command.contains("bundleDigest") {
                    &whole
                } else {
                    &loaded.id().digest
                };
                assert_eq!(&digest, vigies, "{name}: {what}: `{command}`");
            }
        }
    }
    assert!(accepted >= 4 * crate::rule_set_dirs().len(), "{accepted}");
    assert!(refused >= 6 * crate::rule_set_dirs().len(), "{refused}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// A bundle larger than the limit is refused unread, and the command line reads at most one byte
/// more than it (a bundle named `/dev/zero`-like never fills memory).
#[test]
fn an_oversized_bundle_is_refused_before_it_is_parsed() {
    let huge = " ".repeat(MAX_BUNDLE_BYTES + 1);
    match Bundle::load(&huge) {
        Err(err @ BundleError::TooLarge { .. }) => {
            assert!(err.to_string().contains("the limit is"), "{err}")
        }
        other => panic!("{other:?}"),
    }
}

//! Issue 13, break 7: a rule-set folder is read as it is, and nothing else — no link followed,
//! no special file opened, nothing read outside it (or its declared bases), every file and count
//! bounded before anything is compiled, and rule ids in one plain ASCII form.

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use vigie::RuleSet;

use crate::cli::{copy_dir, text, vigie};

fn french_copy(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vigie-folders-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(
        &crate::rules_root().join("fr/2025.1.0"),
        &dir.join("fr/2025.1.0"),
    );
    dir
}

/// Every problem of loading `dir`, one per line.
fn problems(dir: &Path) -> String {
    match RuleSet::load(dir) {
        Ok(_) => String::new(),
        Err(err) => err
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Runs `f` on a thread; fails the test if it has not finished within `limit` (a hang).
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(f());
    });
    receive
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("still running after {limit:?}"))
}

#[test]
fn symlink_loop_in_a_rule_set_folder_is_refused() {
    let root = french_copy("loop");
    let dir = root.join("fr/2025.1.0");
    symlink("..", dir.join("rules/loop")).unwrap();
    let found = within(Duration::from_secs(10), move || problems(&dir));
    assert!(found.contains("rules/loop:1:1: a symbolic link"), "{found}");
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn a_link_to_dev_zero_in_a_rule_set_folder_is_refused() {
    let root = french_copy("zero");
    let dir = root.join("fr/2025.1.0");
    std::fs::remove_file(dir.join("rules/vaccines/rsv.rhai")).unwrap();
    symlink("/dev/zero", dir.join("rules/vaccines/rsv.rhai")).unwrap();
    let found = within(Duration::from_secs(10), move || problems(&dir));
    assert!(
        found.contains("rules/vaccines/rsv.rhai:1:1: a symbolic link"),
        "{found}"
    );
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn a_fifo_in_a_rule_set_folder_is_refused_without_hanging() {
    let root = french_copy("fifo");
    let dir = root.join("fr/2025.1.0");
    std::fs::remove_file(dir.join("messages/en.toml")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.join("messages/en.toml"))
        .status()
        .unwrap();
    assert!(made.success());
    let cases = dir.join("cases/fifo.json");
    std::process::Command::new("mkfifo")
        .arg(&cases)
        .status()
        .unwrap();
    let found = within(Duration::from_secs(10), {
        let dir = dir.clone();
        move || problems(&dir)
    });
    assert!(
        found.contains("messages/en.toml:1:1: not a regular file"),
        "{found}"
    );
    // The cases too (`vigie test`).
    std::fs::remove_file(dir.join("messages/en.toml")).unwrap();
    copy_dir(
        &crate::rules_root().join("fr/2025.1.0/messages"),
        &dir.join("messages"),
    );
    let found = within(Duration::from_secs(10), move || {
        vigie::cases::read_dir(&dir).unwrap_err()
    });
    assert!(
        found
            .iter()
            .any(|d| d.file == "cases/fifo.json" && d.message.contains("not a regular file")),
        "{found:?}"
    );
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn vigie_bundle_does_not_embed_a_file_from_outside_the_folder() {
    let root = french_copy("outside");
    let dir = root.join("fr/2025.1.0");
    let secret = root.join("secret.toml");
    std::fs::copy(dir.join("messages/en.toml"), &secret).unwrap();
    std::fs::remove_file(dir.join("messages/en.toml")).unwrap();
    symlink(&secret, dir.join("messages/en.toml")).unwrap();
    let out_file = root.join("out.json");
    let out = vigie(
        &[
            "bundle",
            dir.to_str().unwrap(),
            "-o",
            out_file.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("messages/en.toml:1:1: a symbolic link"),
        "{}",
        text(&out.stderr)
    );
    assert!(!out_file.exists());
    // A linked rules folder, or a linked version in a folder of versions, likewise.
    std::fs::remove_file(dir.join("messages/en.toml")).unwrap();
    std::fs::copy(&secret, dir.join("messages/en.toml")).unwrap();
    assert_eq!(problems(&dir), "");
    symlink(&dir, root.join("fr/2026.1.0")).unwrap();
    let out = vigie(&["check", root.join("fr").to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("a symbolic link"),
        "{}",
        text(&out.stderr)
    );
    std::fs::remove_dir_all(root).unwrap();
}

/// An overlay's base is looked for only as a real folder: a linked version folder is not followed.
#[test]
fn a_linked_base_folder_is_not_followed() {
    let root = french_copy("linked-base");
    let overlay = root.join("region");
    copy_dir(&crate::rules_root().join("example-fr-976"), &overlay);
    assert_eq!(problems(&overlay), "");
    let elsewhere = root.join("elsewhere");
    std::fs::rename(root.join("fr/2025.1.0"), &elsewhere).unwrap();
    symlink(&elsewhere, root.join("fr/2025.1.0")).unwrap();
    let found = problems(&overlay);
    assert!(found.contains("has no version 2025.1.0"), "{found}");
    std::fs::remove_dir_all(root).unwrap();
}

/// `extends = "../elsewhere/x@v"` read files outside the folder before it was refused. The syntax
/// is now checked first: the base named is never looked for.
#[test]
fn extends_with_a_path_is_refused_before_anything_is_read() {
    let root = french_copy("extends");
    let overlay = root.join("region");
    std::fs::create_dir_all(&overlay).unwrap();
    // Were Vigie to open it, this FIFO would hang the load.
    let elsewhere = root.join("elsewhere/x/1.0.0");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::process::Command::new("mkfifo")
        .arg(elsewhere.join("ruleset.toml"))
        .status()
        .unwrap();
    for extends in [
        "../elsewhere/x@1.0.0",
        "/etc@1.0.0",
        "fr@../../x",
        "FR@2025.1.0",
        "fr@2025.1",
    ] {
        let example =
            std::fs::read_to_string(crate::rules_root().join("example-fr-976/ruleset.toml"))
                .unwrap();
        let manifest = example.replacen(
            "extends = \"fr@2025.1.0\"",
            &format!("extends = \"{extends}\""),
            1,
        );
        assert_ne!(manifest, example);
        std::fs::write(overlay.join("ruleset.toml"), manifest).unwrap();
        let dir = overlay.clone();
        let found = within(Duration::from_secs(10), move || problems(&dir));
        assert!(
            found.contains("must name a rule set and a frozen version")
                && found.contains("never a path"),
            "{extends}: {found}"
        );
    }
    std::fs::remove_dir_all(root).unwrap();
}

fn with_rule(dir: &Path, id: &str, source: &str) {
    let manifest = dir.join("ruleset.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let entry = format!(
        "[[rule]]\nid = \"{id}\"\nprogram = \"vaccine-rsv\"\nsources = [\"rsv-older-adults\"]\n\n[[rule]]\nid = \"vaccines/rsv\""
    );
    std::fs::write(
        &manifest,
        text.replacen("[[rule]]\nid = \"vaccines/rsv\"", &entry, 1),
    )
    .unwrap();
    let file = dir.join(format!("rules/{id}.rhai"));
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, source).unwrap();
}

/// A 40,000-function rule file took 5 s to load in wasm (compile time grows with the square of
/// the number of functions); 200,000 never finished. The count and the size are checked first.
#[test]
fn a_rule_file_with_40000_functions_is_refused_before_it_is_compiled() {
    let many: String = (0..40_000).map(|i| format!("fn f{i}(){{}}")).collect();
    let mut sources = crate::french().sources().clone();
    sources
        .rules
        .insert("vaccines/rsv".to_string(), many.clone());
    let start = Instant::now();
    let err = RuleSet::from_sources(sources.clone()).unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert!(
        err.diagnostics
            .iter()
            .any(|d| d.file == "rules/vaccines/rsv.rhai"
                && d.message.contains("a rule file is at most")),
        "{err}"
    );
    // Under the size limit, the functions are counted.
    let few_too_many: String = (0..vigie::MAX_FUNCTIONS_PER_RULE + 1)
        .map(|i| format!("fn f{i}(){{}}\n"))
        .collect();
    sources
        .rules
        .insert("vaccines/rsv".to_string(), few_too_many);
    let err = RuleSet::from_sources(sources.clone()).unwrap_err();
    assert!(
        err.diagnostics.iter().any(|d| d.message.contains(&format!(
            "defines {} functions",
            vigie::MAX_FUNCTIONS_PER_RULE + 1
        ))),
        "{err}"
    );
    // `fn` in comments and strings is not a function.
    assert_eq!(
        vigie::count_functions("// fn a()\n/* fn b() */ let s = \"fn c()\"; fn d(x) { x }"),
        1
    );
}

#[test]
fn oversized_files_and_too_many_rules_are_refused_before_they_are_compiled() {
    let root = french_copy("sizes");
    let dir = root.join("fr/2025.1.0");
    let big_comment = format!("// {}\n", "x".repeat(vigie::MAX_RULE_BYTES));
    std::fs::write(dir.join("rules/vaccines/rsv.rhai"), &big_comment).unwrap();
    let messages = format!("# {}\n", "x".repeat(300 * 1024));
    std::fs::write(dir.join("messages/en.toml"), &messages).unwrap();
    let found = problems(&dir);
    assert!(
        found.contains("rules/vaccines/rsv.rhai:1:1: larger than its limit"),
        "{found}"
    );
    assert!(
        found.contains("messages/en.toml:1:1: larger than its limit"),
        "{found}"
    );
    let mut manifest = std::fs::read_to_string(dir.join("ruleset.toml")).unwrap();
    manifest.push_str(&format!("# {}\n", "x".repeat(300 * 1024)));
    std::fs::write(dir.join("ruleset.toml"), &manifest).unwrap();
    assert!(problems(&dir).contains("ruleset.toml:1:1: larger than its limit"));
    let big_case = format!("{{\"cases\": []}}{}", " ".repeat(5 * 1024 * 1024));
    std::fs::write(dir.join("cases/big.json"), big_case).unwrap();
    let found = vigie::cases::read_dir(&dir).unwrap_err();
    assert!(
        found
            .iter()
            .any(|d| d.file == "cases/big.json" && d.message.contains("larger than its limit")),
        "{found:?}"
    );

    let mut sources = crate::french().sources().clone();
    let first = sources.manifest.rules[0].clone();
    for i in 0..=vigie::MAX_RULES {
        let mut rule = first.clone();
        rule.id = format!("many/r{i}");
        sources.manifest.rules.push(rule);
    }
    let err = RuleSet::from_sources(sources).unwrap_err();
    assert!(
        err.to_string()
            .contains(&format!("a rule set has at most {}", vigie::MAX_RULES)),
        "{err}"
    );
    std::fs::remove_dir_all(root).unwrap();
}

/// Rule ids accepted bidi overrides and homoglyphs of another rule's id.
#[test]
fn rule_ids_with_bidi_overrides_or_homoglyphs_are_refused() {
    for (name, id) in [
        ("bidi", "vaccines/rsv\u{202e}x"),
        ("cyrillic", "vaccines/r\u{0455}v-bis"),
        ("capital", "Vaccines/rsv-bis"),
        ("space", "vaccines/rsv bis"),
        ("dot", "vaccines/../rsv-bis"),
        ("empty", "vaccines//rsv-bis"),
        ("zero-width", "vaccines/rsv\u{200b}-bis"),
    ] {
        let root = french_copy(&format!("id-{name}"));
        let dir = root.join("fr/2025.1.0");
        with_rule(&dir, id, "skip(\"x\")");
        let found = problems(&dir);
        assert!(found.contains("is not of the form"), "{name}: {found}");
        std::fs::remove_dir_all(root).unwrap();
    }
    // A version that passes for a built-in one at a glance.
    let mut sources = crate::french().sources().clone();
    sources.manifest.version = "02025.1.0".to_string();
    let err = RuleSet::from_sources(sources).unwrap_err();
    assert!(
        err.to_string().contains("is not MAJOR.MINOR.PATCH"),
        "{err}"
    );
    // The same in a bundle (what the wasm module loads).
    let mut sources = crate::french().sources().clone();
    let rule = sources
        .manifest
        .rules
        .iter_mut()
        .find(|r| r.id == "vaccines/rsv")
        .unwrap();
    rule.id = "vaccines/r\u{0455}v".to_string();
    let source = sources.rules.remove("vaccines/rsv").unwrap();
    sources
        .rules
        .insert("vaccines/r\u{0455}v".to_string(), source);
    let err = RuleSet::from_sources(sources).unwrap_err();
    assert!(err.to_string().contains("is not of the form"), "{err}");
}

#[test]
fn every_rule_id_in_rules_has_the_documented_form() {
    let mut seen = 0;
    for dir in crate::rule_set_dirs() {
        let ruleset = RuleSet::load(&dir).unwrap();
        assert!(vigie::is_kebab_word(&ruleset.id().id), "{}", dir.display());
        for rule in &ruleset.sources().manifest.rules {
            assert!(
                vigie::is_rule_id(&rule.id),
                "{}: {}",
                dir.display(),
                rule.id
            );
            seen += 1;
        }
    }
    assert!(seen > 30, "{seen}");
}

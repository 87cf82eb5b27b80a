//! The core never depends on its boundary. `src/ffi.rs` (JSON across languages), `src/wasm.rs`
//! (the wasm module) and `src/cli.rs` with its submodules in `src/cli/` (the command line) call
//! the core; no other file of `src/`
//! may name them — by `crate::ffi`, by a `super::` path that reaches them, or inside a
//! `use crate::{…}` group. `src/lib.rs` (which declares them) and `src/main.rs` are the root.

use std::path::{Path, PathBuf};

/// The boundary's modules, as their paths from the crate root.
const BOUNDARY: &[&str] = &["ffi", "wasm", "cli"];

/// Files of `src/` that are not the core: the boundary and the crate roots.
const NOT_CORE: &[&str] = &["ffi.rs", "wasm.rs", "cli.rs", "lib.rs", "main.rs"];

#[test]
fn the_core_never_names_the_ffi_wasm_or_cli_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = core_files(&src);
    // Every part the README names as core is looked at (a renamed folder must not hide one).
    for part in [
        "profile/mod.rs",
        "ruleset/mod.rs",
        "ruleset/bundle.rs",
        "script/mod.rs",
        "evaluate.rs",
        "report.rs",
        "diagnostics.rs",
        "entry.rs",
        "sandbox.rs",
        "cds_hooks/mod.rs",
        "fhir/mod.rs",
        "fhir/read.rs",
        "fhir/maps.rs",
    ] {
        assert!(files.contains(&src.join(part)), "src/{part} is not checked");
    }
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let relative = file.strip_prefix(&src).unwrap();
        for (line, path) in boundary_paths(relative, &text) {
            found.push(format!("src/{}:{line}: names `{path}`", relative.display()));
        }
    }
    assert!(
        found.is_empty(),
        "the core depends on its boundary (ffi, wasm, cli); turn the dependency around:\n{}",
        found.join("\n")
    );
}

/// The checker finds each way of naming the boundary, and nothing in comments or strings.
#[test]
fn the_dependency_check_finds_every_form_of_import() {
    let found =
        |file: &str, text: &str| -> Vec<(usize, String)> { boundary_paths(Path::new(file), text) };
    assert_eq!(
        found("ruleset/catalog.rs", "use crate::ffi::{Bundle, Failure};"),
        vec![
            (1, "crate::ffi::Bundle".to_string()),
            (1, "crate::ffi::Failure".to_string())
        ]
    );
    assert_eq!(
        found(
            "ruleset/catalog.rs",
            "use crate::{\n    date,\n    ffi::Failure,\n};"
        ),
        vec![(3, "crate::ffi::Failure".to_string())]
    );
    assert_eq!(
        found("ruleset/catalog.rs", "use super::super::cli;"),
        vec![(1, "super::super::cli".to_string())]
    );
    assert_eq!(
        found("evaluate.rs", "fn f() { super::wasm::start(); }"),
        vec![(1, "super::wasm::start".to_string())]
    );
    assert_eq!(
        found(
            "profile/mod.rs",
            "mod inner {\n use super::super::ffi as f; }"
        ),
        vec![(2, "super::super::ffi".to_string())]
    );
    assert_eq!(
        found("report.rs", "let x = crate :: ffi :: evaluate;"),
        vec![(1, "crate::ffi::evaluate".to_string())]
    );
    assert_eq!(
        found("report.rs", "use crate::{self as vigie, ffi};"),
        vec![(1, "crate::ffi".to_string())]
    );
    // Not a dependency: other modules, visibility, comments, strings, raw strings, char literals.
    let clean = r####"
        use crate::{date, ffi_like::X, profile::cli_words};
        use super::bundle::BundleError;
        pub(crate) fn f<'a>(x: &'a str) -> char { let _ = "crate::ffi"; '"' }
        // use crate::ffi;
        /* crate::wasm */
        /// [`crate::cli`]
        const R: &str = r#"crate::ffi "quoted" "#;
    "####;
    assert_eq!(found("ruleset/mod.rs", clean), Vec::new());
    // `super` from a folder's mod.rs is the crate root.
    assert_eq!(
        found("ruleset/mod.rs", "use super::ffi;"),
        vec![(1, "super::ffi".to_string())]
    );
    assert_eq!(found("ruleset/bundle.rs", "use super::ffi;"), Vec::new());
}

/// Every `.rs` file of `src/` but the boundary and the crate roots.
fn core_files(src: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, top: bool, files: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            if path.is_dir() {
                // A boundary module's own submodules (`src/cli/`) are the boundary too.
                if !(top && BOUNDARY.contains(&name.as_str())) {
                    walk(&path, false, files);
                }
            } else if name.ends_with(".rs") && !(top && NOT_CORE.contains(&name.as_str())) {
                files.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(src, true, &mut files);
    files.sort();
    files
}

/// The module path of a file under `src/`: `ruleset/bundle.rs` → `crate::ruleset::bundle`.
fn module_of(file: &Path) -> Vec<String> {
    let mut path = vec!["crate".to_string()];
    for part in file.with_extension("").components() {
        let part = part.as_os_str().to_string_lossy().to_string();
        if part != "mod" {
            path.push(part);
        }
    }
    path
}

/// Each path in `text` that leads to the boundary, with its line, as written.
fn boundary_paths(file: &Path, text: &str) -> Vec<(usize, String)> {
    let tokens = tokens(&code_only(text));
    let mut modules = module_of(file);
    // Inline `mod name { … }` blocks deepen `super`: (brace depth at their opening, name).
    let mut inline: Vec<usize> = Vec::new();
    let mut depth = 0;
    let mut found = Vec::new();
    let mut at = 0;
    while let Some((token, _)) = tokens.get(at) {
        match token.as_str() {
            "mod" => {
                if let (Some((name, _)), Some((brace, _))) =
                    (tokens.get(at + 1), tokens.get(at + 2))
                {
                    if brace == "{" {
                        modules.push(name.clone());
                        inline.push(depth);
                        depth += 1;
                        at += 3;
                        continue;
                    }
                }
            }
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                if inline.last() == Some(&depth) {
                    inline.pop();
                    modules.pop();
                }
            }
            "crate" | "super" if starts_path(&tokens, at) => {
                let (paths, next) = path_tree(&tokens, at, Vec::new());
                for (written, line) in paths {
                    if reaches_boundary(&modules, &written) {
                        found.push((line, written.join("::")));
                    }
                }
                at = next;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    found
}

/// `crate`/`super` begins a path (not `pub(crate)`, not the middle of `a::super`).
fn starts_path(tokens: &[(String, usize)], at: usize) -> bool {
    let before = at.checked_sub(1).and_then(|i| tokens.get(i));
    let after = tokens.get(at + 1);
    !matches!(before, Some((t, _)) if t == "::") && matches!(after, Some((t, _)) if t == "::")
}

/// Reads a path from `at` (segments joined by `::`, groups in braces), each full path with the
/// line of its last segment; returns where the path ends.
fn path_tree(
    tokens: &[(String, usize)],
    mut at: usize,
    prefix: Vec<String>,
) -> (Vec<(Vec<String>, usize)>, usize) {
    let mut path = prefix;
    let mut line = 0;
    loop {
        match tokens.get(at) {
            Some((t, _)) if t == "{" => {
                let mut all = Vec::new();
                at += 1;
                while let Some((t, _)) = tokens.get(at) {
                    match t.as_str() {
                        "}" => return (all, at + 1),
                        "," => at += 1,
                        _ => {
                            let (inner, next) = path_tree(tokens, at, path.clone());
                            all.extend(inner);
                            at = next;
                        }
                    }
                }
                return (all, at);
            }
            Some((t, l)) if is_ident(t) => {
                if t != "self" {
                    path.push(t.clone());
                }
                line = *l;
                at += 1;
            }
            Some((t, _)) if t == "*" => at += 1,
            _ => return (vec![(path, line)], at),
        }
        match tokens.get(at) {
            Some((t, _)) if t == "::" => at += 1,
            Some((t, _)) if t == "as" => return (vec![(path, line)], at + 2),
            _ => return (vec![(path, line)], at),
        }
    }
}

/// Whether a path, read in module `modules`, names a boundary module.
fn reaches_boundary(modules: &[String], written: &[String]) -> bool {
    let mut resolved: Vec<String> = modules.to_vec();
    let mut rest = written.iter().peekable();
    match rest.peek().map(|s| s.as_str()) {
        Some("crate") => {
            resolved = vec!["crate".to_string()];
            rest.next();
        }
        Some("super") => {
            while rest.peek().map(|s| s.as_str()) == Some("super") {
                resolved.pop();
                rest.next();
            }
        }
        _ => return false,
    }
    resolved.extend(rest.cloned());
    resolved.len() >= 2
        && resolved.first().map(String::as_str) == Some("crate")
        && BOUNDARY.contains(&resolved[1].as_str())
}

fn is_ident(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// Identifiers, `::` and single punctuation, each with its 1-based line.
fn tokens(code: &str) -> Vec<(String, usize)> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let (mut at, mut line) = (0, 1);
    while let Some(&c) = chars.get(at) {
        if c == '\n' {
            line += 1;
            at += 1;
        } else if c.is_whitespace() {
            at += 1;
        } else if c.is_alphanumeric() || c == '_' {
            let start = at;
            while chars
                .get(at)
                .is_some_and(|c| c.is_alphanumeric() || *c == '_')
            {
                at += 1;
            }
            tokens.push((chars[start..at].iter().collect(), line));
        } else if c == ':' && chars.get(at + 1) == Some(&':') {
            tokens.push(("::".to_string(), line));
            at += 2;
        } else {
            tokens.push((c.to_string(), line));
            at += 1;
        }
    }
    tokens
}

/// The source with comments, strings and character literals blanked (lines kept).
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, from: &[char]| {
        out.extend(from.iter().map(|&c| if c == '\n' { '\n' } else { ' ' }));
    };
    let mut at = 0;
    while let Some(&c) = chars.get(at) {
        let rest = &chars[at..];
        let end = if rest.starts_with(&['/', '/']) {
            rest.iter().position(|&c| c == '\n').unwrap_or(rest.len())
        } else if rest.starts_with(&['/', '*']) {
            (3..rest.len())
                .find(|&i| rest[i - 1] == '*' && rest[i] == '/')
                .map_or(rest.len(), |i| i + 1)
        } else if c == 'r' && starts_token(&chars, at) && raw_string_hashes(rest).is_some() {
            let hashes = raw_string_hashes(rest).unwrap();
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let open = hashes + 2;
            (open..rest.len())
                .find(|&i| rest[i..].starts_with(&close))
                .map_or(rest.len(), |i| i + close.len())
        } else if c == '"' {
            let mut i = 1;
            while let Some(&c) = rest.get(i) {
                i += if c == '\\' { 2 } else { 1 };
                if c == '"' {
                    break;
                }
            }
            i.min(rest.len())
        } else if c == '\'' && rest.get(1) == Some(&'\\') {
            (2..rest.len())
                .find(|&i| rest[i] == '\'')
                .map_or(rest.len(), |i| i + 1)
        } else if c == '\'' && rest.get(2) == Some(&'\'') {
            3
        } else {
            out.push(c);
            at += 1;
            continue;
        };
        blank(&mut out, &rest[..end]);
        at += end;
    }
    out
}

/// Whether `chars[at]` begins a token (`r` of `r"…"` or `br"…"`, not the end of `for`).
fn starts_token(chars: &[char], at: usize) -> bool {
    let word = |i: usize| {
        chars
            .get(i)
            .is_some_and(|c| c.is_alphanumeric() || *c == '_')
    };
    match at.checked_sub(1) {
        None => true,
        Some(before) if chars[before] == 'b' => before == 0 || !word(before - 1),
        Some(before) => !word(before),
    }
}

/// `r"`, `r#"`, `r##"` …: the number of `#` of a raw string starting here.
fn raw_string_hashes(rest: &[char]) -> Option<usize> {
    let hashes = rest.iter().skip(1).take_while(|&&c| c == '#').count();
    (rest.get(hashes + 1) == Some(&'"')).then_some(hashes)
}

//! Reading a rule-set folder from disk (native only; the wasm module embeds its texts).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use super::{Diagnostic, LoadError, RuleSetSources};

/// Reads a rule-set folder: the parsed sources, and the original texts by relative path.
pub fn read(dir: &Path) -> Result<(RuleSetSources, BTreeMap<String, String>), LoadError> {
    let mut problems = Vec::new();
    let mut files = BTreeMap::new();
    if let Some(text) = read_text(dir, "ruleset.toml", &mut problems) {
        files.insert("ruleset.toml".to_string(), text);
    }
    // Missing folders are empty: an overlay may only change words, or only turn rules off; a
    // rule set missing a listed rule or a locale's messages is told so by the checks.
    let rules_dir = dir.join("rules");
    let mut rule_files = Vec::new();
    if rules_dir.is_dir() {
        collect_rhai(&rules_dir, &rules_dir, &mut rule_files, &mut problems);
    }
    for id in rule_files {
        let file = super::rule_file(&id);
        if let Some(text) = read_text(dir, &file, &mut problems) {
            files.insert(file, text);
        }
    }
    match fs::read_dir(dir.join("messages")) {
        Ok(entries) => {
            for name in entries
                .filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|name| name.ends_with(".toml"))
            {
                let file = format!("messages/{name}");
                if let Some(text) = read_text(dir, &file, &mut problems) {
                    files.insert(file, text);
                }
            }
        }
        Err(_) if !dir.join("messages").exists() => {}
        Err(err) => problems.push(whole_file(
            "messages",
            format!("cannot read the messages folder: {err}"),
        )),
    }
    if !problems.is_empty() {
        return Err(LoadError {
            diagnostics: problems,
        });
    }
    super::texts::parse(files)
}

fn whole_file(file: &str, message: String) -> Diagnostic {
    Diagnostic {
        file: file.to_string(),
        line: 1,
        column: 1,
        message,
    }
}

fn read_text(dir: &Path, file: &str, problems: &mut Vec<Diagnostic>) -> Option<String> {
    match fs::read_to_string(dir.join(file)) {
        Ok(text) => Some(text),
        Err(err) => {
            problems.push(whole_file(file, format!("cannot read: {err}")));
            None
        }
    }
}

/// Rule ids (paths without `.rhai`, with `/`) of every `.rhai` file below `root`.
fn collect_rhai(root: &Path, dir: &Path, found: &mut Vec<String>, problems: &mut Vec<Diagnostic>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            problems.push(whole_file(
                "rules",
                format!("cannot read the rules folder: {err}"),
            ));
            return;
        }
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            collect_rhai(root, &path, found, problems);
        } else if path.extension().is_some_and(|e| e == "rhai") {
            if let Ok(relative) = path.with_extension("").strip_prefix(root) {
                let id: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.push(id.join("/"));
            }
        }
    }
}

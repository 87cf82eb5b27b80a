//! Reading a rule-set folder from disk.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::{offset_to_line_column, Diagnostic, LoadError, RuleSetSources};

/// Reads a rule-set folder: the parsed sources, and the original texts by relative path.
pub fn read(dir: &Path) -> Result<(RuleSetSources, BTreeMap<String, String>), LoadError> {
    let mut texts = BTreeMap::new();
    let mut problems = Vec::new();

    let manifest_text = read_text(dir, "ruleset.toml", &mut problems);
    let manifest = manifest_text
        .as_deref()
        .and_then(|text| parse_toml(text, "ruleset.toml", &mut problems));
    if let Some(text) = manifest_text {
        texts.insert("ruleset.toml".to_string(), text);
    }

    let mut rules = BTreeMap::new();
    let rules_dir = dir.join("rules");
    let mut rule_files = Vec::new();
    collect_rhai(&rules_dir, &rules_dir, &mut rule_files, &mut problems);
    rule_files.sort();
    for id in rule_files {
        let file = super::rule_file(&id);
        if let Some(text) = read_text(dir, &file, &mut problems) {
            let source = text.replace("\r\n", "\n");
            texts.insert(file, source.clone());
            rules.insert(id, source);
        }
    }

    let mut messages = BTreeMap::new();
    let messages_dir = dir.join("messages");
    match fs::read_dir(&messages_dir) {
        Ok(entries) => {
            let mut names: Vec<String> = entries
                .filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|name| name.ends_with(".toml"))
                .collect();
            names.sort();
            for name in names {
                let file = format!("messages/{name}");
                let locale = name.trim_end_matches(".toml").to_string();
                if let Some(text) = read_text(dir, &file, &mut problems) {
                    if let Some(parsed) = parse_toml(&text, &file, &mut problems) {
                        messages.insert(locale, parsed);
                    }
                    texts.insert(file, text);
                }
            }
        }
        Err(err) => problems.push(whole_file(
            "messages",
            format!("cannot read the messages folder: {err}"),
        )),
    }

    match manifest {
        Some(manifest) if problems.is_empty() => Ok((
            RuleSetSources {
                manifest,
                rules,
                messages,
            },
            texts,
        )),
        _ => Err(LoadError {
            diagnostics: problems,
        }),
    }
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

fn parse_toml<T: DeserializeOwned>(
    text: &str,
    file: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<T> {
    match toml::from_str::<T>(text) {
        Ok(parsed) => Some(parsed),
        Err(err) => {
            let (line, column) = err
                .span()
                .map_or((1, 1), |span| offset_to_line_column(text, span.start));
            let message = err.message().trim().to_string();
            problems.push(Diagnostic {
                file: file.to_string(),
                line,
                column,
                message,
            });
            None
        }
    }
}

//! Parsing a rule set's files, given as texts by relative path (`ruleset.toml`,
//! `rules/<id>.rhai`, `messages/<locale>.toml`), wherever they come from: a folder, or texts
//! embedded in the wasm module (where the TOML files were turned into JSON: `ruleset.json`,
//! `messages/<locale>.json`).

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;

use super::{LoadError, RuleSetSources};
#[cfg(feature = "toml")]
use crate::diagnostics::offset_to_line_column;
use crate::diagnostics::Diagnostic;

/// Parses the texts; returns the sources and the texts (to place later problems precisely).
pub fn parse(
    files: BTreeMap<String, String>,
) -> Result<(RuleSetSources, BTreeMap<String, String>), LoadError> {
    let mut problems = Vec::new();
    let mut manifest = None;
    let mut rules = BTreeMap::new();
    let mut messages = BTreeMap::new();
    let mut texts = BTreeMap::new();
    let mut questions = None;
    for (file, text) in files {
        let text = text.replace("\r\n", "\n");
        if file == "ruleset.toml" || file == "ruleset.json" {
            manifest = parse_data(&text, &file, &mut problems);
        } else if file == "questions.toml" || file == "questions.json" {
            questions = parse_data(&text, &file, &mut problems);
        } else if let Some(id) = file
            .strip_prefix("rules/")
            .and_then(|f| f.strip_suffix(".rhai"))
        {
            rules.insert(id.to_string(), text.clone());
        } else if let Some(locale) = file
            .strip_prefix("messages/")
            .and_then(|f| f.strip_suffix(".toml").or_else(|| f.strip_suffix(".json")))
        {
            if let Some(parsed) = parse_data(&text, &file, &mut problems) {
                messages.insert(locale.to_string(), parsed);
            }
        } else {
            problems.push(Diagnostic {
                kind: None,
                file: file.clone(),
                line: 1,
                column: 1,
                message:
                    "not a rule-set file (ruleset.toml, questions.toml, rules/*.rhai, messages/*.toml, or .json)"
                        .to_string(),
            });
        }
        texts.insert(file, text);
    }
    if manifest.is_none()
        && !texts.contains_key("ruleset.toml")
        && !texts.contains_key("ruleset.json")
    {
        problems.push(Diagnostic::at_start(
            "ruleset.toml",
            "missing: a rule set needs its manifest".to_string(),
        ));
    }
    match manifest {
        Some(manifest) if problems.is_empty() => Ok((
            RuleSetSources {
                manifest,
                rules,
                messages,
                questions,
                base: None,
            },
            texts,
        )),
        _ => Err(LoadError {
            diagnostics: problems,
        }),
    }
}

/// Parses a data file by its extension: TOML (when built with the `toml` feature) or JSON.
fn parse_data<T: DeserializeOwned>(
    text: &str,
    file: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<T> {
    if file.ends_with(".json") {
        return match serde_json::from_str::<T>(text) {
            Ok(parsed) => Some(parsed),
            Err(err) => {
                problems.push(Diagnostic::from_json_error(file, &err));
                None
            }
        };
    }
    parse_toml(text, file, problems)
}

#[cfg(not(feature = "toml"))]
fn parse_toml<T>(_text: &str, file: &str, problems: &mut Vec<Diagnostic>) -> Option<T> {
    problems.push(Diagnostic {
        kind: None,
        file: file.to_string(),
        line: 1,
        column: 1,
        message:
            "this build reads rule sets as JSON bundles only (built without the `toml` feature)"
                .to_string(),
    });
    None
}

#[cfg(feature = "toml")]
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
                kind: None,
                file: file.to_string(),
                line,
                column,
                message,
            });
            None
        }
    }
}

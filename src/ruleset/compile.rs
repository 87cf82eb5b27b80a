//! Turning a rule set's sources into a [`RuleSet`], in steps: an overlay's base first (and the
//! overlay applied to it), the counts, the manifest's checks, each rule compiled (and, natively,
//! linted), the bounds on the words, then the digest. Every problem is collected before the rule
//! set is refused, so that `vigie check` lists them all.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use rhai::{Caches, ParseError, AST};

use super::checks::{check_manifest, Problems};
#[cfg(vigie_tools)]
use super::lint;
use super::manifest::{Manifest, RuleEntry};
use super::{
    count_functions, digest_of, overlay, rule_file, LoadError, Rule, RuleSet, RuleSetSources,
    MAX_FUNCTIONS_PER_RULE, MAX_RULES, MAX_RULE_BYTES,
};
use crate::date;
use crate::diagnostics::{line_column, parse_error_message, Diagnostic};
use crate::report::{RuleSetId, SourceRef};
use crate::sandbox::Sandbox;
use crate::script::calendar::Period;
use crate::script::directory;

impl RuleSet {
    /// Checks and compiles `layered` (an overlay with its base inside) to run in `sandbox`.
    /// `texts`: the original files by relative path, to place problems precisely when available.
    pub(super) fn build_with(
        layered: RuleSetSources,
        texts: &BTreeMap<String, String>,
        sandbox: Sandbox,
    ) -> Result<RuleSet, LoadError> {
        let (mut sources, base) = apply_overlay(&layered, &sandbox)?;
        // What the rule set leaves unworded, the engine words (src/locale/); what it words wins.
        crate::locale::fill_in(&mut sources.messages);
        check_counts(&sources)?;
        let mut problems = Problems::new(texts);
        check_manifest(&sources, &mut problems);
        if let Some(questions) = &sources.questions {
            let text = texts
                .get(crate::questions::checks::FILE)
                .map(String::as_str);
            problems.found.extend(crate::questions::checks::check(
                questions,
                &sources.manifest.locales,
                text,
            ));
        }
        let rules = compile_rules(&sources, &sandbox, &mut problems);
        check_unlisted_rule_files(&sources, &mut problems);
        #[cfg(vigie_tools)]
        lint::check_messages(&sources, &mut problems.found);
        check_word_bounds(&sources, texts, &mut problems);
        problems.into_result()?;
        let digest = digest_of_layers(&layered)?;
        Ok(RuleSet {
            periods: periods_of(&sources.manifest),
            directories: Rc::new(directory::index(&sources.manifest.directory)),
            valid_until: sources
                .manifest
                .valid_until
                .as_deref()
                .and_then(date::parse),
            effective: sources,
            layered,
            rules,
            sandbox,
            digest,
            base,
        })
    }
}

/// The rule set that runs: for an overlay, its base (built in a sandbox of the same limits, its
/// problems named as the base's) with the overlay applied; the base's id.
fn apply_overlay(
    layered: &RuleSetSources,
    sandbox: &Sandbox,
) -> Result<(RuleSetSources, Option<RuleSetId>), LoadError> {
    check_paired(layered)?;
    let Some(base_sources) = &layered.base else {
        return Ok((layered.clone(), None));
    };
    let base = RuleSet::build_with(
        (**base_sources).clone(),
        &BTreeMap::new(),
        Sandbox::with_limits(sandbox.limits()),
    )
    .map_err(|err| in_the_base(base_sources, err))?;
    let merged = overlay::merge(&base.effective, layered)
        .map_err(|diagnostics| LoadError { diagnostics })?;
    Ok((merged, Some(base.id())))
}

/// An overlay comes with its base, and only an overlay does.
fn check_paired(layered: &RuleSetSources) -> Result<(), LoadError> {
    let unpaired = match (&layered.manifest.extends, &layered.base) {
        (Some(extends), None) => Some(format!("extends `{extends}`, but its base was not given")),
        (None, Some(_)) => Some("a base was given, but ruleset.toml has no `extends`".to_string()),
        _ => None,
    };
    match unpaired {
        Some(message) => Err(LoadError {
            diagnostics: vec![Diagnostic::at_start("ruleset.toml", message)],
        }),
        None => Ok(()),
    }
}

/// The base's problems, each saying it is the base's.
fn in_the_base(base: &RuleSetSources, err: LoadError) -> LoadError {
    let manifest = &base.manifest;
    LoadError {
        diagnostics: err
            .diagnostics
            .into_iter()
            .map(|d| Diagnostic {
                message: format!(
                    "in the base {}@{}: {}",
                    manifest.id, manifest.version, d.message
                ),
                ..d
            })
            .collect(),
    }
}

/// The number of rules, counted before anything is compiled.
fn check_counts(sources: &RuleSetSources) -> Result<(), LoadError> {
    for (what, count) in [
        ("rules", sources.manifest.rules.len()),
        ("rule files", sources.rules.len()),
    ] {
        if count > MAX_RULES {
            return Err(LoadError {
                diagnostics: vec![Diagnostic::at_start(
                    "ruleset.toml",
                    format!("{count} {what}; a rule set has at most {MAX_RULES}"),
                )],
            });
        }
    }
    Ok(())
}

/// Compiles every rule the manifest lists, in its order.
///
/// The static lint belongs to authoring (`vigie check`, `vigie bundle`, which refuse a rule set
/// it faults). The wasm module skips it: it is the largest part of a cold start there. A bundle
/// that was never checked still runs safely: a typo then fails at evaluation, reported in the
/// report's `errors`.
fn compile_rules(
    sources: &RuleSetSources,
    sandbox: &Sandbox,
    problems: &mut Problems<'_>,
) -> Vec<Rule> {
    #[cfg(vigie_tools)]
    let registered = lint::registered_names(sandbox);
    let mut rules = Vec::new();
    for entry in &sources.manifest.rules {
        let Some(source) = rule_source(sources, entry, problems) else {
            continue;
        };
        match sandbox.compile(source) {
            Ok(ast) => {
                #[cfg(vigie_tools)]
                {
                    lint::check_header(&entry.id, source, &mut problems.found);
                    lint::check_rule(&registered, sources, &entry.id, &ast, &mut problems.found);
                }
                let fast = sandbox.compile_fast(source, &ast);
                rules.push(compiled(&sources.manifest, entry, ast, fast));
            }
            Err(err) => problems.found.push(compile_error(&entry.id, source, &err)),
        }
    }
    rules
}

/// A listed rule's source, if it has one within the bounds checked before compiling.
fn rule_source<'s>(
    sources: &'s RuleSetSources,
    entry: &RuleEntry,
    problems: &mut Problems<'_>,
) -> Option<&'s str> {
    let file = rule_file(&entry.id);
    let Some(source) = sources.rules.get(&entry.id) else {
        problems.at_text(
            "ruleset.toml",
            &format!("\"{}\"", entry.id),
            format!("rule `{}` has no file {file}", entry.id),
        );
        return None;
    };
    if source.len() > MAX_RULE_BYTES {
        problems.found.push(Diagnostic::at_start(
            file,
            format!(
                "the rule is {} bytes; a rule file is at most {MAX_RULE_BYTES}",
                source.len()
            ),
        ));
        return None;
    }
    let functions = count_functions(source);
    if functions > MAX_FUNCTIONS_PER_RULE {
        problems.found.push(Diagnostic::at_start(
            file,
            format!(
                "the rule defines {functions} functions; a rule file defines at most {MAX_FUNCTIONS_PER_RULE}"
            ),
        ));
        return None;
    }
    Some(source)
}

/// A compiled rule with the sources it cites.
fn compiled(
    manifest: &Manifest,
    entry: &RuleEntry,
    ast: AST,
    fast: Option<crate::fast::FastRule>,
) -> Rule {
    let cited = entry
        .sources
        .iter()
        .filter_map(|key| manifest.sources.get(key))
        .map(|s| SourceRef {
            label: s.label.clone(),
            url: s.url.clone(),
            checked: s.checked.clone(),
        })
        .collect();
    Rule {
        id: entry.id.clone(),
        program: entry.program.clone(),
        sources: cited,
        ast,
        caches: RefCell::new(Caches::new()),
        fast,
    }
}

/// A rule's compile error, where Rhai stopped.
fn compile_error(id: &str, source: &str, err: &ParseError) -> Diagnostic {
    let (line, column) = line_column(err.position());
    Diagnostic {
        kind: None,
        file: rule_file(id),
        line,
        column,
        message: compile_error_message(source, line, column, err),
    }
}

/// A rule's compile error in words: Rhai's, or why the word it stopped at is not available.
fn compile_error_message(source: &str, line: usize, column: usize, err: &ParseError) -> String {
    let word: String = source
        .lines()
        .nth(line.saturating_sub(1))
        .unwrap_or_default()
        .chars()
        .skip(column.saturating_sub(1))
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if word == "curry" {
        return "`curry` is not available to rules: a function pointer's curried values escape the sandbox's size limits".to_string();
    }
    parse_error_message(err)
}

/// Every rule file is listed in the manifest.
fn check_unlisted_rule_files(sources: &RuleSetSources, problems: &mut Problems<'_>) {
    for id in sources.rules.keys() {
        if !sources.manifest.rules.iter().any(|r| &r.id == id) {
            problems.found.push(Diagnostic::at_start(
                rule_file(id),
                format!("rule `{id}` is not listed in ruleset.toml ([[rule]] id = \"{id}\")"),
            ));
        }
    }
}

/// Bounds on the words, on every build: a template's worst-case expansion is what a report
/// could carry, whatever the rules do (an overlay of words only included).
fn check_word_bounds(
    sources: &RuleSetSources,
    texts: &BTreeMap<String, String>,
    problems: &mut Problems<'_>,
) {
    for (locale, messages) in &sources.messages {
        let file = [
            format!("messages/{locale}.toml"),
            format!("messages/{locale}.json"),
        ]
        .into_iter()
        .find(|file| texts.contains_key(file))
        .unwrap_or_else(|| format!("messages/{locale}.toml"));
        for too_long in messages.too_long() {
            problems.at_text(&file, &too_long.quote, too_long.message);
        }
    }
}

/// The digest of what was given (an overlay with its base), refused if anyone's recomputation of
/// it could differ.
fn digest_of_layers(layered: &RuleSetSources) -> Result<String, LoadError> {
    let canonical = serde_json::to_string(layered).unwrap_or_default();
    if canonical.contains('\u{7f}') {
        // jq writes it `\u007f`: the README's recomputation would not give the digest.
        return Err(LoadError {
            diagnostics: vec![Diagnostic::at_start(
                "ruleset.toml",
                "the rule set holds the control character U+007F (DEL); remove it".to_string(),
            )],
        });
    }
    Ok(digest_of(&canonical))
}

/// The manifest's versioned facts as periods (dates already checked by the manifest's checks).
fn periods_of(manifest: &Manifest) -> Rc<[Period]> {
    manifest
        .facts
        .iter()
        .filter_map(|fact| {
            Some(Period {
                name: fact.name.clone(),
                from: date::parse(&fact.from)?,
                until: match &fact.until {
                    Some(text) => Some(date::parse(text)?),
                    None => None,
                },
                yearly: fact.every.is_some(),
            })
        })
        .collect()
}

//! Overlays: a rule set that extends a frozen base (`extends = "fr@2025.1.0"`) and adds, replaces
//! or disables its rules, messages and versioned facts — a region's own screening-centre contacts,
//! say. The merged rule set is what runs; the digest covers the overlay and its whole base.

use std::collections::BTreeMap;

use super::manifest::RuleEntry;
use super::{Diagnostic, RuleSetSources};

const MANIFEST: &str = "ruleset.toml";

fn problem(file: &str, message: String) -> Diagnostic {
    Diagnostic {
        file: file.to_string(),
        line: 1,
        column: 1,
        message,
    }
}

/// Splits `fr@2025.1.0` into id and version; the version is required, so a base never changes
/// under an overlay.
pub fn parse_extends(text: &str) -> Result<(&str, &str), String> {
    // Checked before anything is read: an id is one kebab-case word, never a path.
    match text.split_once('@') {
        Some((id, version)) if super::is_kebab_word(id) && super::is_version(version) => {
            Ok((id, version))
        }
        _ => Err(format!(
            "extends `{}` must name a rule set and a frozen version, such as \"fr@2025.1.0\" (an id of lowercase letters, digits and `-`, never a path; a version MAJOR.MINOR.PATCH)",
            text.escape_default()
        )),
    }
}

/// The rule set that runs: `base` (already merged, if it is an overlay itself) with `overlay`
/// applied. Problems are reported against the overlay's files.
pub fn merge(
    base: &RuleSetSources,
    overlay: &RuleSetSources,
) -> Result<RuleSetSources, Vec<Diagnostic>> {
    let mut found = Vec::new();
    let b = &base.manifest;
    let o = &overlay.manifest;
    let base_name = format!("{}@{}", b.id, b.version);
    if let Some(extends) = &o.extends {
        if let Ok((id, version)) = parse_extends(extends) {
            if id != b.id || version != b.version {
                found.push(problem(
                    MANIFEST,
                    format!("extends `{extends}`, but the base given is {base_name}"),
                ));
            }
        }
    }

    let mut manifest = o.clone();
    manifest.sources = b.sources.clone();
    for (key, source) in &o.sources {
        if b.sources.contains_key(key) {
            found.push(problem(MANIFEST, format!(
                "source `{key}` is already defined by {base_name}; cite it as is, or give yours another key"
            )));
        }
        manifest.sources.insert(key.clone(), source.clone());
    }

    // A versioned fact named in the overlay replaces every period of that name in the base.
    manifest.facts = b
        .facts
        .iter()
        .filter(|f| !o.facts.iter().any(|of| of.name == f.name))
        .cloned()
        .chain(o.facts.iter().cloned())
        .collect();

    // A directory named in the overlay replaces the base's directory of that name (a region's own
    // contacts, say); the others are kept.
    manifest.directory = b.directory.clone();
    manifest.directory.extend(o.directory.clone());

    let mut rules: Vec<RuleEntry> = b.rules.clone();
    let mut scripts: BTreeMap<String, String> = base.rules.clone();
    for off in &o.disabled {
        if !rules.iter().any(|r| r.id == off.rule) {
            found.push(problem(
                MANIFEST,
                format!(
                    "[[disable]] rule `{}` is not a rule of {base_name}",
                    off.rule
                ),
            ));
        }
        if off.reason.trim().is_empty() {
            found.push(problem(
                MANIFEST,
                format!(
                    "[[disable]] rule `{}` gives no reason; say why the region turns it off",
                    off.rule
                ),
            ));
        }
        rules.retain(|r| r.id != off.rule);
        scripts.remove(&off.rule);
    }
    for entry in &o.rules {
        let own_script = overlay.rules.get(&entry.id);
        let existing = rules.iter().position(|r| r.id == entry.id);
        match (existing, entry.replace) {
            (Some(at), true) => {
                if let Some(slot) = rules.get_mut(at) {
                    *slot = RuleEntry { replace: false, ..entry.clone() };
                }
                if entry.before.is_some() {
                    found.push(problem(MANIFEST, format!(
                        "rule `{}` replaces a base rule in its place; `before` applies to new rules only", entry.id
                    )));
                }
            }
            (Some(_), false) => found.push(problem(MANIFEST, format!(
                "rule `{}` already exists in {base_name}; add `replace = true` to replace it, or [[disable]] it",
                entry.id
            ))),
            (None, true) => found.push(problem(MANIFEST, format!(
                "rule `{}` has `replace = true`, but {base_name} has no such rule", entry.id
            ))),
            (None, false) => {
                if own_script.is_none() {
                    found.push(problem(MANIFEST, format!(
                        "new rule `{}` has no file rules/{}.rhai in the overlay", entry.id, entry.id
                    )));
                }
                let new = RuleEntry { before: None, ..entry.clone() };
                match &entry.before {
                    Some(before) => match rules.iter().position(|r| &r.id == before) {
                        Some(at) => rules.insert(at, new),
                        None => {
                            found.push(problem(MANIFEST, format!(
                                "rule `{}`: before `{before}`, which is not a rule of {base_name}", entry.id
                            )));
                            rules.push(new);
                        }
                    },
                    None => rules.push(new),
                }
            }
        }
    }
    for (id, script) in &overlay.rules {
        if !o.rules.iter().any(|r| &r.id == id) {
            found.push(problem(&super::rule_file(id), format!(
                "rule `{id}` is not listed in ruleset.toml ([[rule]] id = \"{id}\", with replace = true for a base rule)"
            )));
        }
        scripts.insert(id.clone(), script.clone());
    }
    manifest.rules = rules;

    let mut messages = base.messages.clone();
    for locale in &o.locales {
        if !b.locales.contains(locale) {
            found.push(problem(MANIFEST, format!(
                "locale `{locale}` is not spoken by {base_name} ({}); an overlay adds words to its base's locales",
                b.locales.join(", ")
            )));
        }
    }
    messages.retain(|locale, _| o.locales.contains(locale));
    for (locale, words) in &overlay.messages {
        let Some(merged) = messages.get_mut(locale) else {
            continue;
        };
        if !words.dates.months.is_empty() {
            merged.dates = words.dates.clone();
            merged.decimal_separator = words.decimal_separator.clone();
        }
        merged.codes.extend(words.codes.clone());
        merged.facts.extend(words.facts.clone());
        merged.phrases.extend(words.phrases.clone());
        for (program, own) in &words.programs {
            merged
                .programs
                .entry(program.clone())
                .or_default()
                .override_with(own);
        }
        for (rule, texts) in &words.rules {
            let slot = merged.rules.entry(rule.clone()).or_default();
            // A replaced rule's words start afresh; otherwise keys are added or replaced one by one.
            if o.rules.iter().any(|r| &r.id == rule && r.replace)
                && overlay.rules.contains_key(rule)
            {
                slot.clear();
            }
            slot.extend(texts.clone());
        }
    }
    for words in messages.values_mut() {
        words
            .rules
            .retain(|rule, _| manifest.rules.iter().any(|r| &r.id == rule));
    }

    if found.is_empty() {
        Ok(RuleSetSources {
            manifest,
            rules: scripts,
            messages,
            base: None,
        })
    } else {
        Err(found)
    }
}

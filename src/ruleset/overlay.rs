//! Overlays: a rule set that extends a frozen base (`extends = "fr@2025.1.0"`) and adds, replaces
//! or disables its rules, messages and versioned facts — a region's own screening-centre contacts,
//! say. The merged rule set is what runs; the digest covers the overlay and its whole base.

use std::collections::BTreeMap;

use super::manifest::{Manifest, RuleEntry, Source, VersionedFact};
use super::{Messages, RuleSetSources};
use crate::diagnostics::Diagnostic;

const MANIFEST: &str = "ruleset.toml";

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
    check_extends(b, o, &base_name, &mut found);

    let mut manifest = o.clone();
    manifest.sources = merge_sources(b, o, &base_name, &mut found);
    manifest.facts = merge_facts(b, o);
    // A directory named in the overlay replaces the base's directory of that name (a region's own
    // contacts, say); the others are kept.
    manifest.directory = b.directory.clone();
    manifest.directory.extend(o.directory.clone());
    let (rules, scripts) = merge_rules(base, overlay, &base_name, &mut found);
    manifest.rules = rules;
    let messages = merge_messages(base, overlay, &manifest, &base_name, &mut found);

    if found.is_empty() {
        Ok(RuleSetSources {
            manifest,
            rules: scripts,
            messages,
            // The overlay's questions replace the base's; without any, it keeps the base's.
            questions: overlay.questions.clone().or_else(|| base.questions.clone()),
            base: None,
        })
    } else {
        Err(found)
    }
}

/// The base given is the one the overlay extends.
fn check_extends(b: &Manifest, o: &Manifest, base_name: &str, found: &mut Vec<Diagnostic>) {
    if let Some(extends) = &o.extends {
        if let Ok((id, version)) = parse_extends(extends) {
            if id != b.id || version != b.version {
                found.push(Diagnostic::at_start(
                    MANIFEST,
                    format!("extends `{extends}`, but the base given is {base_name}"),
                ));
            }
        }
    }
}

/// The base's sources and the overlay's, which may not redefine one.
fn merge_sources(
    b: &Manifest,
    o: &Manifest,
    base_name: &str,
    found: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Source> {
    let mut sources = b.sources.clone();
    for (key, source) in &o.sources {
        if b.sources.contains_key(key) {
            found.push(Diagnostic::at_start(MANIFEST, format!(
                "source `{key}` is already defined by {base_name}; cite it as is, or give yours another key"
            )));
        }
        sources.insert(key.clone(), source.clone());
    }
    sources
}

/// A versioned fact named in the overlay replaces every period of that name in the base.
fn merge_facts(b: &Manifest, o: &Manifest) -> Vec<VersionedFact> {
    b.facts
        .iter()
        .filter(|f| !o.facts.iter().any(|of| of.name == f.name))
        .cloned()
        .chain(o.facts.iter().cloned())
        .collect()
}

/// The base's rules (entries and scripts) less those disabled, with the overlay's replaced or
/// added.
fn merge_rules(
    base: &RuleSetSources,
    overlay: &RuleSetSources,
    base_name: &str,
    found: &mut Vec<Diagnostic>,
) -> (Vec<RuleEntry>, BTreeMap<String, String>) {
    let mut rules: Vec<RuleEntry> = base.manifest.rules.clone();
    let mut scripts: BTreeMap<String, String> = base.rules.clone();
    disable_rules(
        &overlay.manifest,
        &mut rules,
        &mut scripts,
        base_name,
        found,
    );
    for entry in &overlay.manifest.rules {
        let own_script = overlay.rules.get(&entry.id);
        let existing = rules.iter().position(|r| r.id == entry.id);
        match (existing, entry.replace) {
            (Some(at), true) => {
                if let Some(slot) = rules.get_mut(at) {
                    *slot = RuleEntry { replace: false, ..entry.clone() };
                }
                if entry.before.is_some() {
                    found.push(Diagnostic::at_start(MANIFEST, format!(
                        "rule `{}` replaces a base rule in its place; `before` applies to new rules only", entry.id
                    )));
                }
            }
            (Some(_), false) => found.push(Diagnostic::at_start(MANIFEST, format!(
                "rule `{}` already exists in {base_name}; add `replace = true` to replace it, or [[disable]] it",
                entry.id
            ))),
            (None, true) => found.push(Diagnostic::at_start(MANIFEST, format!(
                "rule `{}` has `replace = true`, but {base_name} has no such rule", entry.id
            ))),
            (None, false) => {
                if own_script.is_none() {
                    found.push(Diagnostic::at_start(MANIFEST, format!(
                        "new rule `{}` has no file rules/{}.rhai in the overlay", entry.id, entry.id
                    )));
                }
                add_rule(entry, &mut rules, base_name, found);
            }
        }
    }
    for (id, script) in &overlay.rules {
        if !overlay.manifest.rules.iter().any(|r| &r.id == id) {
            found.push(Diagnostic::at_start(super::rule_file(id), format!(
                "rule `{id}` is not listed in ruleset.toml ([[rule]] id = \"{id}\", with replace = true for a base rule)"
            )));
        }
        scripts.insert(id.clone(), script.clone());
    }
    (rules, scripts)
}

/// Takes out the base rules the overlay disables (`[[disable]]`, with a reason).
fn disable_rules(
    o: &Manifest,
    rules: &mut Vec<RuleEntry>,
    scripts: &mut BTreeMap<String, String>,
    base_name: &str,
    found: &mut Vec<Diagnostic>,
) {
    for off in &o.disabled {
        if !rules.iter().any(|r| r.id == off.rule) {
            found.push(Diagnostic::at_start(
                MANIFEST,
                format!(
                    "[[disable]] rule `{}` is not a rule of {base_name}",
                    off.rule
                ),
            ));
        }
        if off.reason.trim().is_empty() {
            found.push(Diagnostic::at_start(
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
}

/// A new rule: before the base rule it names, else last.
fn add_rule(
    entry: &RuleEntry,
    rules: &mut Vec<RuleEntry>,
    base_name: &str,
    found: &mut Vec<Diagnostic>,
) {
    let new = RuleEntry {
        before: None,
        ..entry.clone()
    };
    match &entry.before {
        Some(before) => match rules.iter().position(|r| &r.id == before) {
            Some(at) => rules.insert(at, new),
            None => {
                found.push(Diagnostic::at_start(
                    MANIFEST,
                    format!(
                        "rule `{}`: before `{before}`, which is not a rule of {base_name}",
                        entry.id
                    ),
                ));
                rules.push(new);
            }
        },
        None => rules.push(new),
    }
}

/// The base's words in the overlay's locales, with the overlay's added or replacing them; the
/// words of rules that no longer run are dropped.
fn merge_messages(
    base: &RuleSetSources,
    overlay: &RuleSetSources,
    manifest: &Manifest,
    base_name: &str,
    found: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Messages> {
    let (b, o) = (&base.manifest, &overlay.manifest);
    let mut messages = base.messages.clone();
    for locale in &o.locales {
        if !b.locales.contains(locale) {
            found.push(Diagnostic::at_start(MANIFEST, format!(
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
    messages
}

//! Overlays: a rule set that extends a frozen base (`extends = "fr@2025.1.0"`) and adds, replaces
//! or disables its rules, messages and versioned facts — a region's own screening-centre contacts,
//! say. The merged rule set is what runs; the digest covers the overlay and its whole base.

use std::collections::BTreeMap;

use super::manifest::{Directory, RuleEntry, Source, VersionedFact};
use super::messages::Messages;
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
    let mut merging = Merging {
        base,
        overlay,
        base_name: format!("{}@{}", base.manifest.id, base.manifest.version),
        found: Vec::new(),
    };
    merging.check_extends();
    let mut manifest = overlay.manifest.clone();
    manifest.sources = merging.sources();
    manifest.facts = merging.facts();
    manifest.directory = merging.directories();
    let (rules, scripts) = merging.rules();
    manifest.rules = rules;
    let messages = merging.messages(&manifest.rules);

    if merging.found.is_empty() {
        Ok(RuleSetSources {
            manifest,
            rules: scripts,
            messages,
            base: None,
        })
    } else {
        Err(merging.found)
    }
}

/// One overlay being applied to its base, with the problems found so far.
struct Merging<'a> {
    base: &'a RuleSetSources,
    overlay: &'a RuleSetSources,
    /// `fr@2025.1.0`, as problems name the base.
    base_name: String,
    found: Vec<Diagnostic>,
}

impl Merging<'_> {
    fn problem(&mut self, message: String) {
        self.found.push(problem(MANIFEST, message));
    }

    /// `extends` must name the base that was given.
    fn check_extends(&mut self) {
        let (b, o) = (&self.base.manifest, &self.overlay.manifest);
        if let Some(extends) = &o.extends {
            if let Ok((id, version)) = parse_extends(extends) {
                if id != b.id || version != b.version {
                    let message = format!(
                        "extends `{extends}`, but the base given is {}",
                        self.base_name
                    );
                    self.problem(message);
                }
            }
        }
    }

    /// The base's sources and the overlay's own; an overlay never redefines a base's source.
    fn sources(&mut self) -> BTreeMap<String, Source> {
        let mut sources = self.base.manifest.sources.clone();
        for (key, source) in &self.overlay.manifest.sources {
            if self.base.manifest.sources.contains_key(key) {
                let message = format!(
                    "source `{key}` is already defined by {}; cite it as is, or give yours another key",
                    self.base_name
                );
                self.problem(message);
            }
            sources.insert(key.clone(), source.clone());
        }
        sources
    }

    /// A versioned fact named in the overlay replaces every period of that name in the base.
    fn facts(&self) -> Vec<VersionedFact> {
        let (b, o) = (&self.base.manifest, &self.overlay.manifest);
        b.facts
            .iter()
            .filter(|f| !o.facts.iter().any(|of| of.name == f.name))
            .cloned()
            .chain(o.facts.iter().cloned())
            .collect()
    }

    /// A directory named in the overlay replaces the base's directory of that name (a region's
    /// own contacts, say); the others are kept.
    fn directories(&self) -> BTreeMap<String, Directory> {
        let mut directories = self.base.manifest.directory.clone();
        directories.extend(self.overlay.manifest.directory.clone());
        directories
    }

    /// The base's rules in order, less the disabled ones, with the overlay's replaced in place
    /// and its new ones added; and every rule's script.
    fn rules(&mut self) -> (Vec<RuleEntry>, BTreeMap<String, String>) {
        let mut rules: Vec<RuleEntry> = self.base.manifest.rules.clone();
        let mut scripts: BTreeMap<String, String> = self.base.rules.clone();
        self.disable(&mut rules, &mut scripts);
        for entry in &self.overlay.manifest.rules {
            self.apply_rule(entry, &mut rules);
        }
        for (id, script) in &self.overlay.rules {
            if !self.overlay.manifest.rules.iter().any(|r| &r.id == id) {
                self.found.push(problem(&super::rule_file(id), format!(
                    "rule `{id}` is not listed in ruleset.toml ([[rule]] id = \"{id}\", with replace = true for a base rule)"
                )));
            }
            scripts.insert(id.clone(), script.clone());
        }
        (rules, scripts)
    }

    /// `[[disable]]`: a base rule the region turns off, with its reason.
    fn disable(&mut self, rules: &mut Vec<RuleEntry>, scripts: &mut BTreeMap<String, String>) {
        for off in &self.overlay.manifest.disabled {
            if !rules.iter().any(|r| r.id == off.rule) {
                let message = format!(
                    "[[disable]] rule `{}` is not a rule of {}",
                    off.rule, self.base_name
                );
                self.problem(message);
            }
            if off.reason.trim().is_empty() {
                self.problem(format!(
                    "[[disable]] rule `{}` gives no reason; say why the region turns it off",
                    off.rule
                ));
            }
            rules.retain(|r| r.id != off.rule);
            scripts.remove(&off.rule);
        }
    }

    /// One `[[rule]]` of the overlay: a replacement in place, or a new rule (before another, or
    /// last).
    fn apply_rule(&mut self, entry: &RuleEntry, rules: &mut Vec<RuleEntry>) {
        let base_name = self.base_name.clone();
        let existing = rules.iter().position(|r| r.id == entry.id);
        match (existing, entry.replace) {
            (Some(at), true) => {
                if let Some(slot) = rules.get_mut(at) {
                    *slot = RuleEntry { replace: false, ..entry.clone() };
                }
                if entry.before.is_some() {
                    self.problem(format!(
                        "rule `{}` replaces a base rule in its place; `before` applies to new rules only", entry.id
                    ));
                }
            }
            (Some(_), false) => self.problem(format!(
                "rule `{}` already exists in {base_name}; add `replace = true` to replace it, or [[disable]] it",
                entry.id
            )),
            (None, true) => self.problem(format!(
                "rule `{}` has `replace = true`, but {base_name} has no such rule", entry.id
            )),
            (None, false) => {
                if !self.overlay.rules.contains_key(&entry.id) {
                    self.problem(format!(
                        "new rule `{}` has no file rules/{}.rhai in the overlay", entry.id, entry.id
                    ));
                }
                let new = RuleEntry { before: None, ..entry.clone() };
                match &entry.before {
                    Some(before) => match rules.iter().position(|r| &r.id == before) {
                        Some(at) => rules.insert(at, new),
                        None => {
                            self.problem(format!(
                                "rule `{}`: before `{before}`, which is not a rule of {base_name}", entry.id
                            ));
                            rules.push(new);
                        }
                    },
                    None => rules.push(new),
                }
            }
        }
    }

    /// The base's words in the overlay's locales, with the overlay's words added or replacing
    /// them; words of rules that no longer run are dropped.
    fn messages(&mut self, rules: &[RuleEntry]) -> BTreeMap<String, Messages> {
        let (b, o) = (&self.base.manifest, &self.overlay.manifest);
        for locale in &o.locales {
            if !b.locales.contains(locale) {
                let message = format!(
                    "locale `{locale}` is not spoken by {} ({}); an overlay adds words to its base's locales",
                    self.base_name,
                    b.locales.join(", ")
                );
                self.problem(message);
            }
        }
        let mut messages = self.base.messages.clone();
        messages.retain(|locale, _| o.locales.contains(locale));
        for (locale, words) in &self.overlay.messages {
            if let Some(merged) = messages.get_mut(locale) {
                self.add_words(merged, words);
            }
        }
        for words in messages.values_mut() {
            words
                .rules
                .retain(|rule, _| rules.iter().any(|r| &r.id == rule));
        }
        messages
    }

    /// One locale's overlay words over its base's.
    fn add_words(&self, merged: &mut Messages, words: &Messages) {
        if !words.dates.months.is_empty() {
            merged.dates = words.dates.clone();
            merged.decimal_separator = words.decimal_separator.clone();
        }
        merged.codes.extend(words.codes.clone());
        merged.facts.extend(words.facts.clone());
        merged.phrases.extend(words.phrases.clone());
        for (rule, texts) in &words.rules {
            let slot = merged.rules.entry(rule.clone()).or_default();
            // A replaced rule's words start afresh; otherwise keys are added or replaced one by one.
            let replaced = self
                .overlay
                .manifest
                .rules
                .iter()
                .any(|r| &r.id == rule && r.replace);
            if replaced && self.overlay.rules.contains_key(rule) {
                slot.clear();
            }
            slot.extend(texts.clone());
        }
    }
}

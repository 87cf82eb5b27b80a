//! What a rule set covers, readable before any profile is given: its programs with a title and a
//! short description, the sources it cites, and the labels its reports give codes — for a page's
//! "About", a portal's form, `vigie programs`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::manifest::Source;
use super::{Messages, RuleSet};
use crate::codes::Program;
use crate::locale::{self, AnswerWords};
use crate::report::SourceRef;
use crate::EvaluateError;

/// One program a rule set decides, worded in one locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoveredProgram {
    /// Its code (docs/contract.md §3), as nudges name it.
    pub program: String,
    /// A short title: the rule set's `[programs.<code>] title`, else the engine's.
    pub title: String,
    /// One sentence on what it is: the rule set's, else the engine's.
    pub description: String,
}

/// The labels a rule set's reports give codes in one locale, and how a questionnaire says them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeLabels {
    /// The locale of the words.
    pub locale: String,
    /// Code (or versioned fact, or directory) → label: the rule set's `[codes]`, else the engine's.
    pub codes: BTreeMap<String, String>,
    /// How a person answering says each code, list by list: the engine's (empty in a locale it
    /// does not speak).
    pub answers: AnswerWords,
}

impl From<&Source> for SourceRef {
    fn from(source: &Source) -> SourceRef {
        SourceRef {
            label: source.label.clone(),
            url: source.url.clone(),
            checked: source.checked.clone(),
        }
    }
}

impl RuleSet {
    /// The words of `locale` (the rule set's first locale when `None`) and which locale that is.
    pub fn messages_in(&self, locale: Option<&str>) -> Result<(&str, &Messages), EvaluateError> {
        let manifest = self.manifest();
        let locale = match locale {
            Some(locale) => locale,
            None => manifest.locales.first().map_or("", String::as_str),
        };
        match self.effective.messages.get_key_value(locale) {
            Some((locale, messages)) => Ok((locale.as_str(), messages)),
            None => Err(EvaluateError::UnknownLocale {
                locale: locale.to_string(),
                ruleset: manifest.id.clone(),
                accepted: manifest.locales.join(", "),
            }),
        }
    }

    /// The programs the rules decide — for an overlay, its base's and its own, less those whose
    /// every rule it disables — in the order of the engine's list (docs/contract.md §3, `Program::ALL`),
    /// each with its title and short description in `locale` (the first locale when `None`).
    pub fn programs(&self, locale: Option<&str>) -> Result<Vec<CoveredProgram>, EvaluateError> {
        let (_, messages) = self.messages_in(locale)?;
        let decided = |code: &str| self.rules.iter().any(|rule| rule.program == code);
        Ok(Program::ALL
            .iter()
            .map(|program| program.as_str())
            .filter(|code| decided(code))
            .map(|code| {
                // Loading checks both are there in every locale; a bundle the module loads
                // unchecked falls back to the code itself.
                let words = messages.programs.get(code);
                CoveredProgram {
                    program: code.to_string(),
                    title: words
                        .and_then(|w| w.title.clone())
                        .unwrap_or_else(|| code.to_string()),
                    description: words
                        .and_then(|w| w.description.clone())
                        .unwrap_or_default(),
                }
            })
            .collect())
    }

    /// Every source the rule set cites, each page once: its rules' in rule order, then its
    /// versioned facts' and its directories'.
    pub fn cited_sources(&self) -> Vec<SourceRef> {
        let manifest = self.manifest();
        let rules = manifest.rules.iter().flat_map(|rule| &rule.sources);
        let facts = manifest.facts.iter().flat_map(|fact| &fact.sources);
        let directories = manifest.directory.values().flat_map(|directory| {
            let entries = directory.entries.iter().flat_map(|entry| &entry.sources);
            directory.sources.iter().chain(entries)
        });
        let mut cited: Vec<SourceRef> = Vec::new();
        for key in rules.chain(facts).chain(directories) {
            // Two keys may name one page: it is listed once, under its first citation's label.
            match manifest.sources.get(key) {
                Some(source) if !cited.iter().any(|s| s.url == source.url) => {
                    cited.push(SourceRef::from(source));
                }
                _ => {}
            }
        }
        cited
    }

    /// The labels this rule set's reports give codes in `locale` (the first locale when `None`),
    /// with the engine's words for a questionnaire.
    pub fn code_labels(&self, locale: Option<&str>) -> Result<CodeLabels, EvaluateError> {
        let (locale, messages) = self.messages_in(locale)?;
        Ok(CodeLabels {
            locale: locale.to_string(),
            codes: messages.codes.clone(),
            answers: locale::words(locale)
                .map(|words| words.answers.clone())
                .unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(dir: &str) -> RuleSet {
        RuleSet::load(std::path::Path::new(dir)).unwrap()
    }

    fn codes(programs: &[CoveredProgram]) -> Vec<&str> {
        programs.iter().map(|p| p.program.as_str()).collect()
    }

    #[test]
    fn the_french_rules_cover_every_program_but_the_later_ones_in_the_engines_order() {
        let fr = load("rules/fr/2026.1.0");
        let programs = fr.programs(None).unwrap();
        // The French rules cover the contract's first sixteen programs; the later ones were added
        // for the United States rule set (docs/contract.md §3, v1.1).
        assert_eq!(codes(&programs), {
            let all: Vec<&str> = Program::ALL.iter().map(|p| p.as_str()).collect();
            all[..16].to_vec()
        });
        let breast = &programs[0];
        assert_eq!(breast.title, "Dépistage du cancer du sein");
        assert!(breast.description.starts_with("Une mammographie"));
        let english = fr.programs(Some("en")).unwrap();
        assert_eq!(english[0].title, "Breast cancer screening");
        assert!(matches!(
            fr.programs(Some("de")),
            Err(EvaluateError::UnknownLocale { .. })
        ));
    }

    #[test]
    fn an_overlay_covers_what_its_base_covers_less_what_it_disables() {
        let subset = load("rules/fr-cancer-screening");
        assert_eq!(
            codes(&subset.programs(Some("en")).unwrap()),
            [
                "breast-cancer-screening",
                "colorectal-cancer-screening",
                "cervical-cancer-screening"
            ]
        );
        // Only the sources its remaining rules cite.
        let cited = subset.cited_sources();
        let base = load("rules/fr/2025.1.0").cited_sources();
        assert!(!cited.is_empty() && cited.len() < base.len());
        assert!(cited.iter().all(|s| base.contains(s)));
    }

    #[test]
    fn cited_sources_come_once_each_rules_first() {
        let fr = load("rules/fr/2026.1.0");
        let cited = fr.cited_sources();
        let urls: std::collections::BTreeSet<&str> = cited.iter().map(|s| s.url.as_str()).collect();
        assert_eq!(urls.len(), cited.len());
        let first_rule = &fr.manifest().rules[0];
        let first = &fr.manifest().sources[&first_rule.sources[0]];
        assert_eq!(cited[0], SourceRef::from(first));
    }

    #[test]
    fn code_labels_are_the_rule_sets_with_the_engines_answers() {
        let fr = load("rules/fr/2024.1.0");
        let labels = fr.code_labels(Some("fr")).unwrap();
        assert_eq!(labels.locale, "fr");
        assert_eq!(labels.codes["mother"], "votre mère");
        assert_eq!(labels.answers.smoking["current"], "Je fume");
        assert_eq!(fr.code_labels(None).unwrap().locale, "fr");
    }
}

//! What every load requires of a rule set's manifest (`ruleset.toml`), on every build: its id,
//! version and dates, its locales and their messages, its sources, its rules, its versioned facts,
//! its directories and its changelog. Each problem is placed at the text it is about when the
//! original file is known. (The static lint of rules and messages, native only, is `lint.rs`.)

use std::collections::BTreeMap;

use super::manifest::{Directory, Manifest, VersionedFact};
use super::{is_kebab_word, is_rule_id, is_version, overlay, LoadError, RuleSetSources};
use crate::codes::Program;
use crate::date;
use crate::diagnostics::{offset_to_line_column, Diagnostic};

/// Collects diagnostics, placing them in the original text when there is one.
pub(super) struct Problems<'t> {
    texts: &'t BTreeMap<String, String>,
    pub(super) found: Vec<Diagnostic>,
}

impl<'t> Problems<'t> {
    /// `texts`: the original files by relative path (may be empty: problems are then at 1:1).
    pub(super) fn new(texts: &'t BTreeMap<String, String>) -> Problems<'t> {
        Problems {
            texts,
            found: Vec::new(),
        }
    }

    /// A problem about `needle` in `file`: at its first occurrence, else at 1:1.
    pub(super) fn at_text(&mut self, file: &str, needle: &str, message: String) {
        let (line, column) = self
            .texts
            .get(file)
            .and_then(|text| {
                text.find(needle)
                    .map(|offset| offset_to_line_column(text, offset))
            })
            .unwrap_or((1, 1));
        self.found.push(Diagnostic {
            kind: None,
            file: file.to_string(),
            line,
            column,
            message,
        });
    }

    /// Every problem found, if any.
    pub(super) fn into_result(self) -> Result<(), LoadError> {
        if self.found.is_empty() {
            Ok(())
        } else {
            Err(LoadError {
                diagnostics: self.found,
            })
        }
    }
}

/// Checks the manifest, in the order of its parts.
pub(super) fn check_manifest(sources: &RuleSetSources, problems: &mut Problems<'_>) {
    let m = &sources.manifest;
    check_identity(m, problems);
    check_locales(sources, problems);
    check_sources(m, problems);
    check_rules(m, problems);
    check_review_dates(m, problems);
    check_facts(m, problems);
    check_directories(m, problems);
    check_changelog(m, problems);
}

/// The id, the version, when it applies, and the base it extends.
fn check_identity(m: &Manifest, problems: &mut Problems<'_>) {
    let file = "ruleset.toml";
    if !is_kebab_word(&m.id) {
        problems.at_text(
            file,
            "id",
            format!(
                "id `{}` is not a rule-set id: lowercase ASCII letters and digits joined by `-` (such as `fr` or `example-fr-976`)",
                m.id.escape_default()
            ),
        );
    }
    if !is_version(&m.version) {
        problems.at_text(
            file,
            "version",
            format!(
                "version `{}` is not MAJOR.MINOR.PATCH (numbers without leading zeros)",
                m.version
            ),
        );
    }
    if date::parse(&m.in_force).is_none() {
        problems.at_text(
            file,
            "in-force",
            format!("in-force `{}` is not a date (YYYY-MM-DD)", m.in_force),
        );
    }
    if let Some(until) = &m.valid_until {
        match (date::parse(until), date::parse(&m.in_force)) {
            (None, _) => problems.at_text(
                file,
                "valid-until",
                format!("valid-until `{until}` is not a date (YYYY-MM-DD)"),
            ),
            (Some(end), Some(start)) if end < start => problems.at_text(
                file,
                "valid-until",
                format!("valid-until {end} is before in-force {start}"),
            ),
            _ => {}
        }
    }
    if let Some(extends) = &m.extends {
        if let Err(message) = overlay::parse_extends(extends) {
            problems.at_text(file, "extends", message);
        }
    }
}

/// Every locale listed has a title and a messages file, and every messages file is listed.
fn check_locales(sources: &RuleSetSources, problems: &mut Problems<'_>) {
    let m = &sources.manifest;
    let file = "ruleset.toml";
    if m.locales.is_empty() {
        problems.at_text(
            file,
            "locales",
            "locales is empty; list at least one, such as \"fr\"".to_string(),
        );
    }
    for locale in &m.locales {
        if !m.title.contains_key(locale) {
            problems.at_text(file, "title", format!("title has no `{locale}` text"));
        }
        if !sources.messages.contains_key(locale) {
            problems.at_text(
                file,
                "locales",
                format!("locale `{locale}` has no messages/{locale}.toml"),
            );
        }
    }
    for locale in sources.messages.keys() {
        if !m.locales.contains(locale) {
            problems.found.push(Diagnostic::at_start(
                format!("messages/{locale}.toml"),
                format!("locale `{locale}` is not listed in ruleset.toml locales"),
            ));
        }
    }
}

/// Each source has a web address and the day it was checked.
fn check_sources(m: &Manifest, problems: &mut Problems<'_>) {
    let file = "ruleset.toml";
    for (key, source) in &m.sources {
        // Some official pages are archived only at http:// addresses; an exact page beats a home page.
        if !(source.url.starts_with("https://") || source.url.starts_with("http://")) {
            problems.at_text(
                file,
                &source.url,
                format!("source `{key}`: url must start with https:// or http://"),
            );
        }
        if date::parse(&source.checked).is_none() {
            problems.at_text(
                file,
                &source.checked,
                format!(
                    "source `{key}`: checked `{}` is not a date (YYYY-MM-DD)",
                    source.checked
                ),
            );
        }
    }
}

/// Each rule has a plain id, listed once, a known program and sources that exist.
fn check_rules(m: &Manifest, problems: &mut Problems<'_>) {
    let file = "ruleset.toml";
    let mut seen = Vec::new();
    for rule in &m.rules {
        let needle = format!("\"{}\"", rule.id);
        if !is_rule_id(&rule.id) {
            problems.at_text(
                file,
                &needle,
                format!(
                    "rule id `{}` is not of the form `part/part-2`: lowercase ASCII letters and digits, words joined by `-`, parts by `/` (no look-alike letters, no invisible or bidi characters)",
                    rule.id.escape_default()
                ),
            );
        }
        if seen.contains(&rule.id) {
            problems.at_text(file, &needle, format!("rule `{}` is listed twice", rule.id));
        }
        seen.push(rule.id.clone());
        if Program::parse(&rule.program).is_none() {
            problems.at_text(
                file,
                &format!("\"{}\"", rule.program),
                format!(
                    "rule `{}`: unknown program `{}`; accepted: {}",
                    rule.id,
                    rule.program,
                    Program::accepted()
                ),
            );
        }
        if rule.sources.is_empty() {
            problems.at_text(
                file,
                &needle,
                format!(
                    "rule `{}` cites no source; every rule cites its guideline",
                    rule.id
                ),
            );
        }
        check_cited(m, &format!("rule `{}`", rule.id), &rule.sources, problems);
    }
}

/// `who` (`rule `…``, `fact `…``, `directory `…``) cites only sources the manifest defines.
fn check_cited<'k>(
    m: &Manifest,
    who: &str,
    keys: impl IntoIterator<Item = &'k String>,
    problems: &mut Problems<'_>,
) {
    for key in keys {
        if !m.sources.contains_key(key) {
            problems.at_text(
                "ruleset.toml",
                &format!("\"{key}\""),
                format!("{who} cites unknown source `{key}`; define [sources.{key}]"),
            );
        }
    }
}

/// When the version was checked and when it must be reviewed are dates.
fn check_review_dates(m: &Manifest, problems: &mut Problems<'_>) {
    for (field, value) in [("checked", &m.checked), ("review-by", &m.review_by)] {
        if let Some(text) = value {
            if date::parse(text).is_none() {
                problems.at_text(
                    "ruleset.toml",
                    field,
                    format!("{field} `{text}` is not a date (YYYY-MM-DD)"),
                );
            }
        }
    }
}

/// Every changelog entry has a date, and one entry is this version's.
fn check_changelog(m: &Manifest, problems: &mut Problems<'_>) {
    let file = "ruleset.toml";
    for entry in &m.changelog {
        if date::parse(&entry.date).is_none() {
            problems.at_text(
                file,
                &entry.date,
                format!(
                    "changelog {}: date `{}` is not a date",
                    entry.version, entry.date
                ),
            );
        }
    }
    if !m.changelog.iter().any(|c| c.version == m.version) {
        problems.at_text(
            file,
            "version",
            format!("the changelog has no entry for version {}", m.version),
        );
    }
}

/// A period of a versioned fact, once its dates are read: name, from, until.
type Period<'m> = (&'m str, chrono::NaiveDate, Option<chrono::NaiveDate>);

/// Versioned facts: kebab-case names, dates, review-by dates, sources, and periods of one fact
/// that never overlap.
fn check_facts(m: &Manifest, problems: &mut Problems<'_>) {
    let mut periods: Vec<Period<'_>> = Vec::new();
    for fact in &m.facts {
        let (from, until) = check_fact_dates(fact, problems);
        check_fact_review(m, fact, problems);
        if fact.sources.is_empty() {
            problems.at_text(
                "ruleset.toml",
                &format!("\"{}\"", fact.name),
                format!("fact `{}` cites no source; every versioned fact cites where its dates come from", fact.name),
            );
        }
        check_cited(m, &format!("fact `{}`", fact.name), &fact.sources, problems);
        if let Some(from) = from {
            check_overlaps(fact, from, until, &periods, problems);
            periods.push((&fact.name, from, until));
        }
    }
}

/// The fact's name, its `from` and `until` dates (returned when they are dates), and its
/// recurrence.
fn check_fact_dates(
    fact: &VersionedFact,
    problems: &mut Problems<'_>,
) -> (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>) {
    let file = "ruleset.toml";
    let name = &fact.name;
    if !is_kebab_word(name) {
        problems.at_text(
            file,
            &format!("\"{name}\""),
            format!("fact `{name}`: a name is kebab-case: words of a-z and 0-9 joined by single hyphens"),
        );
    }
    let from = date::parse(&fact.from);
    if from.is_none() {
        problems.at_text(
            file,
            &fact.from,
            format!(
                "fact `{name}`: from `{}` is not a date (YYYY-MM-DD)",
                fact.from
            ),
        );
    }
    let until = match &fact.until {
        Some(text) => match date::parse(text) {
            Some(day) => Some(day),
            None => {
                problems.at_text(
                    file,
                    text,
                    format!("fact `{name}`: until `{text}` is not a date (YYYY-MM-DD)"),
                );
                None
            }
        },
        None => None,
    };
    if let (Some(from), Some(until)) = (from, until) {
        if until < from {
            problems.at_text(
                file,
                &fact.from,
                format!("fact `{name}`: until {until} is before from {from}"),
            );
        }
    }
    if let Some(every) = &fact.every {
        check_yearly(fact, every, from, until, problems);
    }
    (from, until)
}

/// A version that says when it must be reviewed says it of each of its moving dates too.
fn check_fact_review(m: &Manifest, fact: &VersionedFact, problems: &mut Problems<'_>) {
    let file = "ruleset.toml";
    let name = &fact.name;
    if m.review_by.is_some() && fact.review_by.is_none() {
        problems.at_text(
            file,
            &format!("\"{name}\""),
            format!("fact `{name}` has no review-by date; this rule set has one, so each of its versioned facts needs one"),
        );
    }
    if let Some(text) = &fact.review_by {
        if date::parse(text).is_none() {
            problems.at_text(
                file,
                text,
                format!("fact `{name}`: review-by `{text}` is not a date (YYYY-MM-DD)"),
            );
        }
    }
}

/// The fact's period does not overlap an earlier period of the same fact.
fn check_overlaps(
    fact: &VersionedFact,
    from: chrono::NaiveDate,
    until: Option<chrono::NaiveDate>,
    earlier: &[Period<'_>],
    problems: &mut Problems<'_>,
) {
    let name = &fact.name;
    // A yearly period has no end: it overlaps every other period of its name.
    let end = match until {
        Some(until) if fact.every.is_none() => until,
        _ => chrono::NaiveDate::MAX,
    };
    for (other, other_from, other_until) in earlier {
        let other_end = other_until.unwrap_or(chrono::NaiveDate::MAX);
        if *other == name.as_str() && from <= other_end && *other_from <= end {
            problems.at_text(
                "ruleset.toml",
                &fact.from,
                format!("fact `{name}`: the period from {from} overlaps the one from {other_from}; periods of one fact must not overlap"),
            );
        }
    }
}

/// A yearly period (`every = "year"`) needs an end less than a year after its start, so that
/// its occurrences never overlap.
fn check_yearly(
    fact: &VersionedFact,
    every: &str,
    from: Option<chrono::NaiveDate>,
    until: Option<chrono::NaiveDate>,
    problems: &mut Problems<'_>,
) {
    let file = "ruleset.toml";
    let name = &fact.name;
    if every != "year" {
        problems.at_text(
            file,
            every,
            format!("fact `{name}`: every `{every}` is not a recurrence; the only one is \"year\""),
        );
        return;
    }
    match (from, until) {
        (_, None) => problems.at_text(
            file,
            &fact.from,
            format!("fact `{name}`: a yearly period needs `until`"),
        ),
        (Some(from), Some(until)) if date::plus_years(from, 1).is_none_or(|next| until >= next) => {
            problems.at_text(
                file,
                &fact.from,
                format!("fact `{name}`: a yearly period must end within a year of its start ({from} to {until})"),
            )
        }
        _ => {}
    }
}

/// Directories: kebab-case names, sources that exist, a review-by date, entries with a name,
/// `https://` websites, and valid département codes each listed once per directory.
fn check_directories(m: &Manifest, problems: &mut Problems<'_>) {
    for (name, table) in &m.directory {
        check_directory(m, name, table, problems);
        check_directory_entries(name, table, problems);
    }
}

/// The directory's name, sources and review-by date.
fn check_directory(m: &Manifest, name: &str, table: &Directory, problems: &mut Problems<'_>) {
    let file = "ruleset.toml";
    let header = format!("[directory.{name}]");
    if !is_kebab_word(name) {
        problems.at_text(
            file,
            &header,
            format!("directory `{name}`: a name is kebab-case: words of a-z and 0-9 joined by single hyphens"),
        );
    }
    if table.sources.is_empty() {
        problems.at_text(
            file,
            &header,
            format!("directory `{name}` cites no source; every directory cites where its entries come from"),
        );
    }
    match &table.review_by {
        None => problems.at_text(
            file,
            &header,
            format!("directory `{name}` has no review-by date; addresses change, so every directory says when it must be checked again"),
        ),
        Some(text) if date::parse(text).is_none() => problems.at_text(
            file,
            text,
            format!("directory `{name}`: review-by `{text}` is not a date (YYYY-MM-DD)"),
        ),
        Some(_) => {}
    }
    let cited = table
        .sources
        .iter()
        .chain(table.entries.iter().flat_map(|e| e.sources.iter()));
    check_cited(m, &format!("directory `{name}`"), cited, problems);
}

/// Each entry has a name, an `https://` website if any, and départements that exist, each
/// served by one entry only.
fn check_directory_entries(name: &str, table: &Directory, problems: &mut Problems<'_>) {
    let file = "ruleset.toml";
    let header = format!("[directory.{name}]");
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for entry in &table.entries {
        if entry.name.trim().is_empty() {
            problems.at_text(
                file,
                &header,
                format!("directory `{name}`: an entry has no name"),
            );
        }
        if let Some(url) = &entry.url {
            if !url.starts_with("https://") {
                problems.at_text(
                    file,
                    url,
                    format!(
                        "directory `{name}`, entry `{}`: url `{url}` must start with https://",
                        entry.name
                    ),
                );
            }
        }
        if entry.departements.is_empty() {
            problems.at_text(
                file,
                &format!("\"{}\"", entry.name),
                format!(
                    "directory `{name}`, entry `{}` serves no département",
                    entry.name
                ),
            );
        }
        for code in &entry.departements {
            if !crate::departement::is_code(code) {
                problems.at_text(
                    file,
                    &format!("\"{code}\""),
                    format!(
                        "directory `{name}`, entry `{}`: `{code}` is not {}",
                        entry.name,
                        crate::departement::EXPECTED
                    ),
                );
            } else if let Some(first) = seen.insert(code, &entry.name) {
                problems.at_text(
                    file,
                    &format!("\"{code}\""),
                    format!(
                        "directory `{name}`: département `{code}` is listed under both `{first}` and `{}`; each département belongs to one entry",
                        entry.name
                    ),
                );
            }
        }
    }
}

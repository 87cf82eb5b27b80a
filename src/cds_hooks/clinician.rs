//! The clinician register: a report's nudge said to a health professional reading a record
//! (`src/locale/<locale>.toml`, `[clinician]`), where the report speaks to the person.

use std::sync::OnceLock;

use chrono::Datelike;
use serde_json::{Map, Value};

use super::reading::{NudgeReading, ReportReading};
use crate::date::Precision;
use crate::facts::{RULE_SET_KINDS, UNWORDED_KINDS};
use crate::locale::{self, ClinicianWords, EngineWords};
use crate::ruleset::messages::fill;

/// A summary's most characters: CDS Hooks asks for fewer than 140.
pub const MAX_SUMMARY_CHARS: usize = 139;

/// The locale whose words a card uses when the engine does not speak the report's.
const FALLBACK_LOCALE: &str = "en";

/// The engine's words in one locale, for cards.
pub(super) struct Clinician {
    engine: Option<&'static EngineWords>,
    words: &'static ClinicianWords,
}

impl Clinician {
    /// The engine's words in `locale`, or in English when it does not speak it.
    pub fn in_locale(locale: &str) -> Clinician {
        let engine = locale::words(locale).or_else(|| locale::words(FALLBACK_LOCALE));
        Clinician {
            engine,
            words: engine.map_or_else(no_words, |engine| &engine.clinician),
        }
    }

    /// `2024-11-12` written as the locale writes a day; text that is not a day stays as it is.
    pub fn date(&self, text: &str) -> String {
        let Some(day) = crate::date::parse(text) else {
            return text.to_string();
        };
        let part = |name: &str| match name {
            "year" => Some(format!("{:04}", day.year())),
            "month" => Some(format!("{:02}", day.month())),
            "day" => Some(format!("{:02}", day.day())),
            _ => None,
        };
        fill(&self.words.date, &part).unwrap_or_else(|_| text.to_string())
    }

    /// A number with the locale's decimal separator (whole numbers without decimals, as reports).
    fn number(&self, x: f64) -> String {
        let text = if x.fract() == 0.0 && x.abs() < 1e15 {
            format!("{x:.0}")
        } else {
            x.to_string()
        };
        text.replace('.', &self.words.decimal_separator)
    }

    /// A code as a clinician writes it; anything else as it is.
    fn label<'a>(&'a self, code: &'a str) -> &'a str {
        self.words.codes.get(code).map_or(code, String::as_str)
    }

    /// The one-line summary: the program's title and what its status asks, at most
    /// [`MAX_SUMMARY_CHARS`] characters.
    pub fn summary(&self, nudge: &NudgeReading) -> String {
        let title = self
            .engine
            .and_then(|engine| engine.programs.get(&nudge.program))
            .and_then(|program| program.title.clone())
            .unwrap_or_else(|| nudge.title.clone());
        let status = self.status(nudge);
        let summary = fill(&self.words.summary, &|name| match name {
            "title" => Some(title.clone()),
            "status" => Some(status.clone()),
            _ => None,
        })
        .unwrap_or_else(|_| format!("{title}: {status}"));
        shorten(&one_line(&summary), MAX_SUMMARY_CHARS)
    }

    /// What the status asks, with its date.
    fn status(&self, nudge: &NudgeReading) -> String {
        let word = nudge.status.as_str();
        let template = self.words.status.get(word).map_or(word, String::as_str);
        let precision = nudge
            .approximate
            .as_ref()
            .and_then(|a| a.due_date.as_deref());
        // A due date counted from a month or a year is written as that month or year, never as
        // the day it was read as.
        let (due, precision) = match (nudge.due_date.as_deref(), precision) {
            (None, _) => (self.words.no_date.clone(), Precision::Day),
            (Some(d), Some("year")) => (d.get(..4).unwrap_or(d).to_string(), Precision::Year),
            (Some(d), Some("month")) => (d.get(..7).unwrap_or(d).to_string(), Precision::Month),
            (Some(d), _) => (self.date(d), Precision::Day),
        };
        crate::locale::approximate::fill_fitted(
            template,
            &|name| (name == "dueDate").then(|| (due.clone(), precision)),
            self.engine.map(|e| &e.approximate),
        )
        .unwrap_or_else(|_| word.to_string())
    }

    /// The facts the rule read, one line each: facts about the patient in the clinician
    /// register, facts about the rules (campaigns, directories) in the report's own words. Facts
    /// that reports do not word (what is absent or unknown) are left out here too.
    pub fn facts(&self, nudge: &NudgeReading) -> Vec<String> {
        let mut lines = Vec::new();
        // A report words its facts in order, skipping the unworded kinds: its n-th reason is the
        // n-th worded fact's.
        let mut reasons = nudge.reasons.iter();
        for fact in &nudge.facts {
            let kind = fact.get("fact").and_then(Value::as_str).unwrap_or_default();
            if UNWORDED_KINDS.contains(&kind) {
                continue;
            }
            let reason = reasons.next();
            let own = (!RULE_SET_KINDS.contains(&kind))
                .then(|| self.fact(kind, fact))
                .flatten();
            if let Some(line) = own.or_else(|| reason.cloned()) {
                lines.push(line);
            }
        }
        lines
    }

    /// One fact about the patient, when the register words its kind and the fact has its fields.
    fn fact(&self, kind: &str, fact: &Map<String, Value>) -> Option<String> {
        let template = self.words.facts.get(kind)?;
        // A date known only by its month or year (`2022`, `2022-05`) is written as given, and the
        // words before it fitted ("le 2022" → "en 2022"), as in reports.
        let approximate = |text: &str| {
            crate::date::Date::period(text)
                .map(|(_, _, precision)| precision)
                .filter(|p| *p != crate::date::Precision::Day)
        };
        crate::locale::approximate::fill_fitted(
            template,
            &|name| match fact.get(name)? {
                Value::String(text) => Some(match (crate::date::parse(text), approximate(text)) {
                    (Some(_), _) => (self.date(text), crate::date::Precision::Day),
                    (None, Some(precision)) => (text.clone(), precision),
                    (None, None) => (self.label(text).to_string(), crate::date::Precision::Day),
                }),
                Value::Number(n) => n
                    .as_f64()
                    .map(|x| (self.number(x), crate::date::Precision::Day)),
                _ => None,
            },
            self.engine.map(|e| &e.approximate),
        )
        .ok()
    }

    /// The card's source label, naming the rule set.
    pub fn source(&self, report: &ReportReading) -> String {
        let ruleset = &report.ruleset;
        fill(&self.words.source, &|name| match name {
            "id" => Some(ruleset.id.clone()),
            "version" => Some(ruleset.version.clone()),
            _ => None,
        })
        .unwrap_or_else(|_| format!("{} {}", ruleset.id, ruleset.version))
    }

    /// The line that ends a card's detail: which rule, which rules, which day.
    pub fn provenance(&self, report: &ReportReading, nudge: &NudgeReading) -> String {
        let as_of = self.date(&report.as_of);
        fill(&self.words.provenance, &|name| match name {
            "rule" => Some(nudge.rule.clone()),
            "id" => Some(report.ruleset.id.clone()),
            "version" => Some(report.ruleset.version.clone()),
            "asOf" => Some(as_of.clone()),
            _ => None,
        })
        .unwrap_or_default()
    }

    /// Heads the facts on record.
    pub fn facts_heading(&self) -> &str {
        &self.words.facts_heading
    }

    /// Heads the quoted patient-facing text.
    pub fn patient_heading(&self) -> &str {
        &self.words.patient_heading
    }
}

/// Words for a build without any locale file (never: the unit tests read them all).
fn no_words() -> &'static ClinicianWords {
    static NONE: OnceLock<ClinicianWords> = OnceLock::new();
    NONE.get_or_init(ClinicianWords::default)
}

/// Control characters (line breaks) as spaces: a summary is one plain line.
pub(super) fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// `text` in at most `max` characters: cut after the last whole word that fits, with an
/// ellipsis, never in the middle of a word unless one word alone is longer than `max`.
pub(super) fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let room = max.saturating_sub(1);
    let head: String = text.chars().take(room + 1).collect();
    // The cut falls on a space if the character just after the room is one.
    let cut = head
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .map(|(i, _)| i)
        .next_back();
    let kept = match cut {
        Some(at) if at > 0 => head.get(..at).unwrap_or_default(),
        _ => head
            .char_indices()
            .nth(room)
            .and_then(|(at, _)| head.get(..at))
            .unwrap_or_default(),
    };
    let kept = kept.trim_end_matches(|c: char| c.is_whitespace() || ",;:—–-".contains(c));
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_summary_is_cut_after_a_whole_word_with_an_ellipsis() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("exactly ten", 11), "exactly ten");
        assert_eq!(shorten("one two three four", 10), "one two…");
        assert_eq!(shorten("one two, three four", 9), "one two…");
        assert_eq!(shorten("one two three", 8), "one two…");
        assert_eq!(shorten("abcdefghijkl", 5), "abcd…");
        assert_eq!(shorten("été à Noël chez", 12), "été à Noël…");
        for max in 2..40 {
            let cut = shorten("Dépistage du cancer du col de l'utérus : à faire", max);
            assert!(cut.chars().count() <= max, "{max}: {cut}");
        }
    }

    #[test]
    fn days_and_numbers_as_the_locale_writes_them() {
        let fr = Clinician::in_locale("fr");
        assert_eq!(fr.date("2024-11-02"), "02/11/2024");
        assert_eq!(fr.date("not a day"), "not a day");
        assert_eq!(fr.number(28.7), "28,7");
        assert_eq!(fr.number(22.0), "22");
        let en = Clinician::in_locale("en");
        assert_eq!(en.date("2024-11-02"), "2024-11-02");
        assert_eq!(en.number(28.7), "28.7");
        let other = Clinician::in_locale("de");
        assert_eq!(other.date("2024-11-02"), "2024-11-02");
    }
}

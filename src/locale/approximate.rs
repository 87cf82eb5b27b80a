//! How a date known only by its month or year, or counted from a declared age, is written
//! (docs/contract.md §1, approximate dates): never as a guessed day. A message written for a day
//! ("à partir du {dueDate}") is fitted to the date as it is known ("à partir de 2024", "à partir
//! de vos 50 ans"): the words just before the date that only fit a day are replaced, so that
//! published rule sets, written for days, keep reading right.

use std::collections::BTreeMap;

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use crate::date::{Date, Precision};
use crate::ruleset::messages::Messages;

/// `[approximate]` of a locale's words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ApproximateWords {
    /// A month and a year: `{month}` (its name) and `{year}`.
    pub month: String,
    /// A year: `{year}`.
    pub year: String,
    /// The day the person turns `{age}`, when only their age is known.
    pub birthday: String,
    /// A day counted from a declared age, known within a year: `{month}` and `{year}`.
    pub from_age: String,
    /// Words before a day → the words before a month or a year (`le ` → `en `).
    pub before_period: BTreeMap<String, String>,
    /// Words before a day → the words before an age (`le ` → `à `).
    pub before_age: BTreeMap<String, String>,
    /// Words that elide before a vowel (`de ` → `d'`), after the replacement above.
    #[serde(default)]
    pub elisions: BTreeMap<String, String>,
    /// The reason line added to a nudge for each approximate date it rested on: per fact kind
    /// (`last-test`, `last-vaccination`, `quit-date`) with the fact's fields, and `due-date-age`
    /// for a due date counted from a declared age.
    pub reasons: BTreeMap<String, String>,
}

/// A date written out as precisely as it is known.
pub fn written(messages: &Messages, words: Option<&ApproximateWords>, date: Date) -> String {
    let month = || {
        usize::try_from(date.day.month0())
            .ok()
            .and_then(|m| messages.dates.months.get(m))
            .cloned()
            .unwrap_or_else(|| date.day.month().to_string())
    };
    let year = || date.day.year().to_string();
    let (template, age) = match (date.precision, words) {
        (Precision::Day, _) => return messages.date(date.day),
        (_, None) => return date.to_string(),
        (Precision::Month, Some(w)) => (&w.month, None),
        (Precision::Year, Some(w)) => (&w.year, None),
        (Precision::Birthday(age), Some(w)) => (&w.birthday, Some(age)),
        (Precision::FromAge, Some(w)) => (&w.from_age, None),
    };
    let parts = |name: &str| match name {
        "month" => Some(month()),
        "year" => Some(year()),
        "age" => age.map(|a| a.to_string()),
        _ => None,
    };
    crate::ruleset::messages::fill(template, &parts).unwrap_or_else(|_| date.to_string())
}

/// Fills `template` as [`crate::ruleset::messages::fill`] does; a value given with a precision
/// other than a day also fits the words before it (see the module's comment). With only exact
/// days, the result is the same as `fill`'s, byte for byte.
pub fn fill_fitted(
    template: &str,
    value_of: &dyn Fn(&str) -> Option<(String, Precision)>,
    words: Option<&ApproximateWords>,
) -> Result<String, String> {
    crate::ruleset::messages::fill_each(template, &mut |out, name| {
        let (value, precision) = value_of(name).ok_or_else(|| name.to_string())?;
        if let Some(words) = words.filter(|_| precision != Precision::Day) {
            fit(out, &value, precision, words);
        }
        out.push_str(&value);
        Ok(())
    })
}

/// Replaces the words at the end of `out` that fit a day but not `precision` (the longest that
/// ends `out` on a word's start), then elides before a vowel.
fn fit(out: &mut String, value: &str, precision: Precision, words: &ApproximateWords) {
    let table = match precision {
        Precision::Birthday(_) => &words.before_age,
        _ => &words.before_period,
    };
    let at_word_start = |text: &str, key: &str| {
        text.strip_suffix(key).is_some_and(|head| {
            head.chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() && c != '\'' && c != '’')
        })
    };
    let found = table
        .iter()
        .filter(|(key, _)| at_word_start(out, key))
        .max_by_key(|(key, _)| key.len());
    if let Some((key, instead)) = found {
        out.truncate(out.len() - key.len());
        out.push_str(instead);
    }
    let starts_with_vowel = value
        .chars()
        .next()
        .is_some_and(|c| "aeiouyéèêâîôûAEIOUYÉÈÊÂÎÔÛ".contains(c));
    if starts_with_vowel {
        if let Some((key, elided)) = words
            .elisions
            .iter()
            .find(|(key, _)| at_word_start(out, key))
        {
            out.truncate(out.len() - key.len());
            out.push_str(elided);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date;

    fn at(day: &str, precision: Precision) -> Date {
        Date {
            day: date::parse(day).unwrap(),
            precision,
        }
    }

    fn said(locale: &str, template: &str, when: Date) -> String {
        let words = crate::locale::words(locale).map(|w| &w.approximate);
        let messages: Messages = serde_json::from_value(serde_json::json!({
            "dates": {"months": if locale == "fr" {
                ["janvier","février","mars","avril","mai","juin","juillet","août","septembre","octobre","novembre","décembre"]
            } else {
                ["January","February","March","April","May","June","July","August","September","October","November","December"]
            }, "format": "{day} {month} {year}", "first-day": "1er"}
        }))
        .unwrap();
        let value = written(&messages, words, when);
        fill_fitted(
            template,
            &|name| (name == "d").then(|| (value.clone(), when.precision)),
            words,
        )
        .unwrap()
    }

    #[test]
    fn every_locale_words_approximate_dates_and_their_reasons() {
        for locale in crate::locale::locales() {
            let words = &crate::locale::words(locale).unwrap().approximate;
            for template in [&words.month, &words.year, &words.birthday, &words.from_age] {
                assert!(!template.is_empty(), "{locale}");
            }
            let reasons: Vec<&str> = words.reasons.keys().map(String::as_str).collect();
            assert_eq!(
                reasons,
                ["due-date-age", "last-test", "last-vaccination", "quit-date"],
                "{locale}"
            );
            for (kind, template) in &words.reasons {
                let fields = crate::facts::FACT_KINDS
                    .iter()
                    .find(|(k, _)| k == kind)
                    .map_or(&[][..], |(_, fields)| *fields);
                let filled = crate::ruleset::messages::fill(template, &|name: &str| {
                    fields.contains(&name).then(|| "x".to_string())
                });
                assert!(filled.is_ok(), "{locale} {kind}");
            }
        }
    }

    #[test]
    fn french_words_for_a_day_fit_a_year_a_month_and_an_age() {
        let year = at("2024-01-01", Precision::Year);
        assert_eq!(
            said("fr", "à faire à partir du {d}.", year),
            "à faire à partir de 2024."
        );
        assert_eq!(said("fr", "prévue le {d}", year), "prévue en 2024");
        assert_eq!(said("fr", "depuis le {d}", year), "depuis 2024");
        let april = at("2024-04-01", Precision::Month);
        assert_eq!(
            said("fr", "à partir du {d}", april),
            "à partir d'avril 2024"
        );
        assert_eq!(said("fr", "Elle {d}", april), "Elle avril 2024");
        let fifty = at("2027-06-05", Precision::Birthday(50));
        assert_eq!(
            said("fr", "à partir du {d}", fifty),
            "à partir de vos 50 ans"
        );
        assert_eq!(said("fr", "prévue le {d}", fifty), "prévue à vos 50 ans");
        let exact = at("2024-04-01", Precision::Day);
        assert_eq!(
            said("fr", "à partir du {d}", exact),
            "à partir du 1er avril 2024"
        );
    }

    #[test]
    fn english_words_for_a_day_fit_a_year_a_month_and_an_age() {
        assert_eq!(
            said("en", "due on {d}.", at("2024-01-01", Precision::Year)),
            "due in 2024."
        );
        assert_eq!(
            said("en", "from {d}", at("2024-05-01", Precision::Month)),
            "from May 2024"
        );
        assert_eq!(
            said("en", "on {d}", at("2027-06-05", Precision::Birthday(50))),
            "at age 50"
        );
        assert!(said("en", "from {d}", at("2027-06-05", Precision::FromAge)).contains("June 2027"));
    }
}

//! `messages/<locale>.toml`: every word a person reads, and how placeholders are filled.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The messages of one locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Messages {
    /// How dates are written (an overlay may leave it out to keep its base's).
    #[serde(default)]
    pub dates: DateWords,
    /// Decimal separator for numbers (`,` in French).
    #[serde(default = "default_decimal")]
    pub decimal_separator: String,
    /// A label per code.
    #[serde(default)]
    pub codes: BTreeMap<String, String>,
    /// A template per fact kind.
    #[serde(default)]
    pub facts: BTreeMap<String, String>,
    /// Phrases a rule puts into a message with `.fill(name, phrase("key"))`: words that depend on
    /// what the rule found (a place from a directory, or none). A phrase may use the rule's other
    /// placeholders.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub phrases: BTreeMap<String, String>,
    /// Rule id → message key → text.
    #[serde(default)]
    pub rules: BTreeMap<String, BTreeMap<String, MessageText>>,
}

fn default_decimal() -> String {
    ".".to_string()
}

/// Month names and the date pattern.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct DateWords {
    /// Twelve month names.
    pub months: Vec<String>,
    /// A pattern with `{day}`, `{month}`, `{year}`.
    pub format: String,
    /// How the first day of a month is written, when not `1` (`1er` in French).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_day: Option<String>,
}

/// The words of one nudge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageText {
    /// Short title.
    pub title: String,
    /// Plain-language message.
    pub message: String,
    /// What to do and whom to see.
    pub action: String,
}

impl Messages {
    /// A date written out: `12 novembre 2024`.
    pub fn date(&self, day: NaiveDate) -> String {
        let month = usize::try_from(day.month0())
            .ok()
            .and_then(|m| self.dates.months.get(m))
            .cloned()
            .unwrap_or_else(|| day.month().to_string());
        let parts = |name: &str| match name {
            "day" => Some(match (&self.dates.first_day, day.day()) {
                (Some(first), 1) => first.clone(),
                (_, n) => n.to_string(),
            }),
            "month" => Some(month.clone()),
            "year" => Some(day.year().to_string()),
            _ => None,
        };
        fill(&self.dates.format, &parts).unwrap_or_else(|_| day.to_string())
    }

    /// A number with the locale's decimal separator.
    pub fn number(&self, x: f64) -> String {
        let text = if x.fract() == 0.0 && x.abs() < 1e15 {
            format!("{x:.0}")
        } else {
            x.to_string()
        };
        text.replace('.', &self.decimal_separator)
    }

    /// A code's label, or the code itself when it has none.
    pub fn label<'a>(&'a self, code: &'a str) -> &'a str {
        self.codes.get(code).map_or(code, String::as_str)
    }
}

/// Fills `{name}` placeholders (`{{` and `}}` stand for braces); an unknown name is an error
/// carrying that name.
pub fn fill(template: &str, value_of: &dyn Fn(&str) -> Option<String>) -> Result<String, String> {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    // A byte scan: braces are ASCII, and `str::find` with a set of chars walks every char.
    while let Some(open) = rest.bytes().position(|b| b == b'{' || b == b'}') {
        let (before, from) = rest.split_at(open);
        out.push_str(before);
        if let Some(after) = from.strip_prefix("{{") {
            out.push('{');
            rest = after;
        } else if let Some(after) = from.strip_prefix("}}") {
            out.push('}');
            rest = after;
        } else if let Some(inner) = from.strip_prefix('{') {
            let Some(close) = inner.find('}') else {
                return Err(inner.to_string());
            };
            let (name, after) = inner.split_at(close);
            out.push_str(&value_of(name).ok_or_else(|| name.to_string())?);
            rest = after.get(1..).unwrap_or_default();
        } else {
            return Err("}".to_string());
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// The placeholder names a template uses.
#[cfg(not(target_arch = "wasm32"))]
pub fn placeholders(template: &str) -> Vec<String> {
    let names = std::cell::RefCell::new(Vec::new());
    let _ = fill(template, &|name| {
        names.borrow_mut().push(name.to_string());
        Some(String::new())
    });
    names.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn french_dates() -> Messages {
        Messages {
            dates: DateWords {
                months: [
                    "janvier",
                    "février",
                    "mars",
                    "avril",
                    "mai",
                    "juin",
                    "juillet",
                    "août",
                    "septembre",
                    "octobre",
                    "novembre",
                    "décembre",
                ]
                .map(String::from)
                .to_vec(),
                format: "{day} {month} {year}".to_string(),
                first_day: Some("1er".to_string()),
            },
            decimal_separator: ",".to_string(),
            codes: BTreeMap::new(),
            facts: BTreeMap::new(),
            phrases: BTreeMap::new(),
            rules: BTreeMap::new(),
        }
    }

    #[test]
    fn dates_and_numbers_are_written_in_the_locale() {
        let fr = french_dates();
        let day = |text: &str| crate::date::parse(text).unwrap();
        assert_eq!(fr.date(day("2025-05-01")), "1er mai 2025");
        assert_eq!(fr.date(day("2026-11-12")), "12 novembre 2026");
        assert_eq!(fr.number(28.7), "28,7");
        assert_eq!(fr.number(22.0), "22");
    }

    #[test]
    fn fill_replaces_names_and_escapes_braces() {
        let value_of = |name: &str| (name == "age").then(|| "55".to_string());
        assert_eq!(
            fill("Vous avez {age} ans {{sic}}", &value_of).unwrap(),
            "Vous avez 55 ans {sic}"
        );
        assert_eq!(fill("{agee}", &value_of), Err("agee".to_string()));
        assert_eq!(fill("{age", &value_of), Err("age".to_string()));
        assert_eq!(placeholders("{a} and {b}"), vec!["a", "b"]);
    }
}

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
    /// Program code → its title and short description, where the rule set words a program its
    /// own way (`[programs.<code>]`); the engine words every program in its locales.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub programs: BTreeMap<String, ProgramWords>,
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

/// How a program is named and described, in a list of what a rule set covers. In a messages
/// file, either may be left out to keep the engine's (or, for an overlay, its base's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramWords {
    /// A short title (`Dépistage du cancer du sein`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// One sentence on what the program is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl ProgramWords {
    /// Takes `other`'s title and description where it has them.
    pub fn override_with(&mut self, other: &ProgramWords) {
        if other.title.is_some() {
            self.title.clone_from(&other.title);
        }
        if other.description.is_some() {
            self.description.clone_from(&other.description);
        }
    }
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

    /// A number with the locale's decimal separator; at most [`MAX_NUMBER_CHARS`] characters
    /// before the separator is put in (a huge or tiny one is written with an exponent).
    pub fn number(&self, x: f64) -> String {
        let mut text = if x.fract() == 0.0 && x.abs() < 1e15 {
            format!("{x:.0}")
        } else {
            x.to_string()
        };
        if text.len() > MAX_NUMBER_CHARS {
            text = format!("{x:e}");
        }
        text.replace('.', &self.decimal_separator)
    }

    /// A code's label, or the code itself when it has none.
    pub fn label<'a>(&'a self, code: &'a str) -> &'a str {
        self.codes.get(code).map_or(code, String::as_str)
    }
}

/// The longest month name.
pub const MAX_MONTH_NAME_CHARS: usize = 40;
/// The longest way to write the first day of a month (`1er`).
pub const MAX_FIRST_DAY_CHARS: usize = 20;
/// The longest date format (`{day} {month} {year}`).
pub const MAX_DATE_FORMAT_CHARS: usize = 60;
/// The most placeholders a date format may use (each of `{day}`, `{month}`, `{year}` once).
pub const MAX_DATE_PLACEHOLDERS: usize = 3;
/// The longest decimal separator.
pub const MAX_DECIMAL_SEPARATOR_CHARS: usize = 4;
/// The longest label of a code or versioned fact, or title of a program.
pub const MAX_LABEL_CHARS: usize = 300;
/// The longest description of a program.
pub const MAX_DESCRIPTION_CHARS: usize = 1_000;
/// The most placeholders one template (a title, a message, an action, a fact's) may use.
pub const MAX_TEMPLATE_PLACEHOLDERS: usize = 16;
/// The longest a title, message or action may become once filled, in the worst case.
pub const MAX_FIELD_CHARS: usize = 10_000;
/// The longest a reason (a fact's template) may become once filled, in the worst case.
pub const MAX_REASON_CHARS: usize = 4_000;
/// The most characters of words (titles, messages, actions, reasons) in one report.
pub const MAX_REPORT_WORDS_CHARS: usize = 200_000;
/// The longest number as written, before its decimal separator is put in
/// (`-1.2345678901234567e-308`).
pub const MAX_NUMBER_CHARS: usize = 24;
/// The longest whole number (`-9223372036854775808`).
const MAX_INT_CHARS: usize = 20;

/// A words file that could make a report too long: where (`[dates] months[3]`), the text it
/// quotes (to place it in the file), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLong {
    /// A path in the messages file.
    pub path: String,
    /// The start of the offending text.
    pub quote: String,
    /// What is wrong, with the limit.
    pub message: String,
}

impl Messages {
    /// The longest a date can be once written, in the worst case.
    pub fn worst_date_chars(&self) -> usize {
        let month = self
            .dates
            .months
            .iter()
            .map(|m| m.chars().count())
            .max()
            .unwrap_or(2)
            .max(2);
        let day = self
            .dates
            .first_day
            .as_ref()
            .map_or(2, |f| f.chars().count().max(2));
        worst_chars(&self.dates.format, &|name| match name {
            "day" => day,
            "month" => month,
            _ => 4,
        })
    }

    /// The longest any placeholder's value can be once written, in the worst case: a date, a
    /// number, a code's label, or a rule's `.fill` text (at most 500 characters). A loaded rule
    /// set's messages hold the engine's labels too ([`crate::locale::fill_in`]), so they count.
    pub fn worst_value_chars(&self) -> usize {
        let label = self
            .codes
            .values()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0);
        let number = MAX_NUMBER_CHARS + self.decimal_separator.chars().count();
        [
            self.worst_date_chars(),
            number,
            MAX_INT_CHARS,
            label,
            crate::script::decision::MAX_TEXT_CHARS,
        ]
        .into_iter()
        .max()
        .unwrap_or(0)
    }

    /// Every text whose worst-case expansion is over the limits above, or that is itself too
    /// long: month names, the date format, labels, fact templates and rule messages.
    pub fn too_long(&self) -> Vec<TooLong> {
        let mut found = Vec::new();
        let mut over = |path: String, text: &str, chars: usize, limit: usize, what: &str| {
            if chars > limit {
                found.push(TooLong {
                    path: path.clone(),
                    quote: text.chars().take(40).collect(),
                    message: format!("{path} {what} {chars} characters long; the limit is {limit}"),
                });
            }
        };
        for (i, month) in self.dates.months.iter().enumerate() {
            over(
                format!("[dates] months[{i}]"),
                month,
                month.chars().count(),
                MAX_MONTH_NAME_CHARS,
                "is",
            );
        }
        if let Some(first) = &self.dates.first_day {
            over(
                "[dates] first-day".to_string(),
                first,
                first.chars().count(),
                MAX_FIRST_DAY_CHARS,
                "is",
            );
        }
        let format = &self.dates.format;
        over(
            "[dates] format".to_string(),
            format,
            format.chars().count(),
            MAX_DATE_FORMAT_CHARS,
            "is",
        );
        over(
            "decimal-separator".to_string(),
            &self.decimal_separator,
            self.decimal_separator.chars().count(),
            MAX_DECIMAL_SEPARATOR_CHARS,
            "is",
        );
        for (code, label) in &self.codes {
            over(
                format!("[codes] {code}"),
                label,
                label.chars().count(),
                MAX_LABEL_CHARS,
                "is",
            );
        }
        for (program, words) in &self.programs {
            for (part, text, limit) in [
                ("title", &words.title, MAX_LABEL_CHARS),
                ("description", &words.description, MAX_DESCRIPTION_CHARS),
            ] {
                if let Some(text) = text {
                    over(
                        format!("[programs.{program}] {part}"),
                        text,
                        text.chars().count(),
                        limit,
                        "is",
                    );
                }
            }
        }
        let placeholders_over =
            |found: &mut Vec<TooLong>, path: String, template: &str, limit: usize| {
                let count = count_placeholders(template);
                if count > limit {
                    found.push(TooLong {
                        quote: template.chars().take(40).collect(),
                        message: format!("{path} uses {count} placeholders; the limit is {limit}"),
                        path,
                    });
                    true
                } else {
                    false
                }
            };
        placeholders_over(
            &mut found,
            "[dates] format".to_string(),
            format,
            MAX_DATE_PLACEHOLDERS,
        );
        let value = self.worst_value_chars();
        let expands = |found: &mut Vec<TooLong>, path: String, template: &str, limit: usize| {
            if placeholders_over(found, path.clone(), template, MAX_TEMPLATE_PLACEHOLDERS) {
                return;
            }
            let chars = worst_chars(template, &|_| value);
            if chars > limit {
                found.push(TooLong {
                    quote: template.chars().take(40).collect(),
                    message: format!(
                        "{path} can be {chars} characters long once filled (each placeholder up to {value}); the limit is {limit}"
                    ),
                    path,
                });
            }
        };
        for (kind, template) in &self.facts {
            expands(
                &mut found,
                format!("[facts] {kind}"),
                template,
                MAX_REASON_CHARS,
            );
        }
        for (rule, texts) in &self.rules {
            for (key, text) in texts {
                for (part, template) in [
                    ("title", &text.title),
                    ("message", &text.message),
                    ("action", &text.action),
                ] {
                    expands(
                        &mut found,
                        format!("[rules.\"{rule}\".{key}] {part}"),
                        template,
                        MAX_FIELD_CHARS,
                    );
                }
            }
        }
        found
    }
}

/// How many placeholders `template` uses.
fn count_placeholders(template: &str) -> usize {
    let count = std::cell::Cell::new(0usize);
    let _ = fill(template, &|_| {
        count.set(count.get() + 1);
        Some(String::new())
    });
    count.get()
}

/// The length of `template` once filled when each placeholder is as long as `worst` says: its
/// own characters (an over-estimate by the placeholders' names) plus theirs.
fn worst_chars(template: &str, worst: &dyn Fn(&str) -> usize) -> usize {
    let added = std::cell::Cell::new(0usize);
    let _ = fill(template, &|name| {
        added.set(added.get().saturating_add(worst(name)));
        Some(String::new())
    });
    template.chars().count().saturating_add(added.get())
}

/// Fills `{name}` placeholders (`{{` and `}}` stand for braces); an unknown name is an error
/// carrying that name.
pub fn fill(template: &str, value_of: &dyn Fn(&str) -> Option<String>) -> Result<String, String> {
    fill_each(template, &mut |out, name| {
        out.push_str(&value_of(name).ok_or_else(|| name.to_string())?);
        Ok(())
    })
}

/// The one scan of a template: copies its text, turns `{{` and `}}` into braces, and lets `write`
/// put each `{name}`'s value at the end of what is written so far (it may also change the words
/// before it: approximate dates, src/locale/approximate.rs). An error carries the bad name.
pub fn fill_each(
    template: &str,
    write: &mut dyn FnMut(&mut String, &str) -> Result<(), String>,
) -> Result<String, String> {
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
            write(&mut out, name)?;
            rest = after.get(1..).unwrap_or_default();
        } else {
            return Err("}".to_string());
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// The placeholder names a template uses.
#[cfg(vigie_tools)]
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
            programs: BTreeMap::new(),
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

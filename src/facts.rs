//! Facts a rule read while deciding. They become the nudge's `facts` (structured) and `reasons`
//! (worded by the rule set's `[facts]` templates), so no nudge decides silently.

use crate::date::Date;
use serde::ser::{Serialize, SerializeMap, Serializer};

/// The fact kinds the engine records, with their fields; the engine words each in its locales
/// (`src/locale/`), a rule set's `[facts]` may override it (and must word it in other locales),
/// and a template may use only its kind's fields.
pub const FACT_KINDS: &[(&str, &[&str])] = &[
    ("age", &["age"]),
    ("age-declared", &["age"]),
    ("sex", &["sex"]),
    ("organ-present", &["organ"]),
    ("organ-absent", &["organ"]),
    ("condition-present", &["condition"]),
    ("condition-absent", &["condition"]),
    ("condition-unknown", &["condition"]),
    ("ancestry-present", &["ancestry"]),
    ("ancestry-absent", &["ancestry"]),
    ("ancestry-unknown", &["ancestry"]),
    ("pregnant", &[]),
    ("not-pregnant", &[]),
    ("smoking", &["status"]),
    ("pack-years", &["packYears"]),
    ("quit-date", &["date"]),
    ("bmi", &["bmi"]),
    ("last-test", &["test", "date", "result"]),
    ("no-test", &["test"]),
    ("test-unknown", &["test"]),
    ("relative", &["relation", "condition", "age"]),
    ("relative-age-unknown", &["relation", "condition"]),
    ("no-relative", &["condition"]),
    ("family-unknown", &["condition"]),
    ("last-vaccination", &["vaccine", "date"]),
    ("no-vaccination", &["vaccine"]),
    ("vaccinations-unknown", &["vaccine"]),
    ("versioned-fact", &["name", "from", "until"]),
    ("versioned-fact-open", &["name", "from"]),
    ("versioned-fact-none", &["name"]),
    ("departement", &["departement"]),
    (
        "directory-entry",
        &["directory", "departement", "name", "url"],
    ),
    (
        "directory-entry-no-url",
        &["directory", "departement", "name"],
    ),
    ("directory-none", &["directory", "departement"]),
];

/// Fact kinds that say something was not reported. They stay in a nudge's structured `facts`, but
/// are not worded as `reasons`: a high-risk check reads many conditions, and a list of everything
/// the person does not have would bury what matters.
pub const UNWORDED_KINDS: &[&str] = &[
    "condition-absent",
    "condition-unknown",
    "ancestry-absent",
    "ancestry-unknown",
    "no-relative",
    "family-unknown",
];

/// Fact kinds about the rules rather than the person (a campaign's dates, a directory's
/// entries): their names are worded by the rule set, so a CDS Hooks card keeps the report's words
/// for them (`src/cds_hooks/`).
pub const RULE_SET_KINDS: &[&str] = &[
    "versioned-fact",
    "versioned-fact-open",
    "versioned-fact-none",
    "directory-entry",
    "directory-entry-no-url",
    "directory-none",
];

/// One field of a fact.
#[derive(Debug, Clone, PartialEq)]
pub enum FactValue {
    /// A whole number (an age).
    Int(i64),
    /// A measure (BMI, pack-years).
    Number(f64),
    /// A code from a closed list, worded by the messages' `[codes]` labels.
    Code(&'static str),
    /// A date, written out in the locale; one known only by its month or year serializes as
    /// given (`2022`, `2022-05`), never as a guessed day.
    Date(Date),
    /// A name from the rule set (a versioned fact's), worded by its `[codes]` label.
    Text(String),
}

impl Serialize for FactValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            FactValue::Int(n) => serializer.serialize_i64(*n),
            FactValue::Number(x) => serializer.serialize_f64(*x),
            FactValue::Code(code) => serializer.serialize_str(code),
            FactValue::Date(day) => serializer.collect_str(day),
            FactValue::Text(text) => serializer.serialize_str(text),
        }
    }
}

/// One fact: a kind from [`FACT_KINDS`] and its fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// Which template words it.
    pub kind: &'static str,
    /// Named fields, in a fixed order.
    pub fields: Vec<(&'static str, FactValue)>,
}

impl Fact {
    /// A fact with fields.
    pub fn new(kind: &'static str, fields: Vec<(&'static str, FactValue)>) -> Fact {
        Fact { kind, fields }
    }

    /// A field's value.
    pub fn field(&self, name: &str) -> Option<&FactValue> {
        self.fields.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

/// In reports: `{"fact": kind, …fields}`, in that order.
impl Serialize for Fact {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.fields.len() + 1))?;
        map.serialize_entry("fact", self.kind)?;
        for (name, value) in &self.fields {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// The facts one rule read during one evaluation, in first-read order, without repeats.
#[derive(Debug, Default, Clone)]
pub struct FactLog {
    facts: Vec<Fact>,
    /// What the rule read while it was unknown (`conditions.diabetes`, `pregnant`, `screenings`
    /// …, docs/questions.md §3): only an answer there could change what the rule decides. Kept
    /// apart from the facts, so reports do not change.
    unknown_reads: Vec<String>,
}

impl FactLog {
    /// Records a fact unless the same one was already recorded.
    pub fn record(&mut self, fact: Fact) {
        if !self.facts.contains(&fact) {
            self.facts.push(fact);
        }
    }

    /// Takes the recorded facts.
    pub fn into_facts(self) -> Vec<Fact> {
        self.facts
    }

    /// Notes that the rule read `target` while it was unknown.
    pub fn read_unknown(&mut self, target: String) {
        if !self.unknown_reads.contains(&target) {
            self.unknown_reads.push(target);
        }
    }

    /// Takes the recorded facts and what was read unknown.
    pub fn into_parts(self) -> (Vec<Fact>, Vec<String>) {
        (self.facts, self.unknown_reads)
    }
}

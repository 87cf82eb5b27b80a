//! Facts a rule read while deciding. They become the nudge's `facts` (structured) and `reasons`
//! (worded by the rule set's `[facts]` templates), so no nudge decides silently.

use chrono::NaiveDate;
use serde_json::{Map, Value};

/// The fact kinds the engine records, with their fields; each kind needs a template in every
/// messages file, and a template may use only its kind's fields.
pub const FACT_KINDS: &[(&str, &[&str])] = &[
    ("age", &["age"]),
    ("age-declared", &["age"]),
    ("sex", &["sex"]),
    ("organ-present", &["organ"]),
    ("organ-absent", &["organ"]),
    ("condition-present", &["condition"]),
    ("condition-absent", &["condition"]),
    ("condition-unknown", &["condition"]),
    ("pregnant", &[]),
    ("not-pregnant", &[]),
    ("smoking", &["status"]),
    ("pack-years", &["packYears"]),
    ("quit-date", &["date"]),
    ("bmi", &["bmi"]),
    ("last-test", &["test", "date", "result"]),
    ("no-test", &["test"]),
    ("relative", &["relation", "condition", "age"]),
    ("relative-age-unknown", &["relation", "condition"]),
    ("no-relative", &["condition"]),
    ("family-unknown", &["condition"]),
    ("last-vaccination", &["vaccine", "date"]),
    ("no-vaccination", &["vaccine"]),
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
    /// A day, written out in the locale.
    Date(NaiveDate),
}

impl FactValue {
    fn to_json(&self) -> Value {
        match self {
            FactValue::Int(n) => Value::from(*n),
            FactValue::Number(x) => Value::from(*x),
            FactValue::Code(code) => Value::from(*code),
            FactValue::Date(day) => Value::from(day.to_string()),
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

    /// The structured form in reports: `{"fact": kind, …fields}`.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("fact".to_string(), Value::from(self.kind));
        for (name, value) in &self.fields {
            map.insert((*name).to_string(), value.to_json());
        }
        Value::Object(map)
    }
}

/// The facts one rule read during one evaluation, in first-read order, without repeats.
#[derive(Debug, Default, Clone)]
pub struct FactLog {
    facts: Vec<Fact>,
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
}

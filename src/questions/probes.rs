//! The finite set of answers each kind is probed with (docs/questions.md §5). They are meant to
//! cross every threshold a rule may compare an answer with:
//!
//! - `yes-no`: yes, no. `choice`: every option (a `departement` without options: `75`, `2A`,
//!   `976`, `971`, `13`). `several`: none of them, each option alone, all of them (complete).
//! - `date`: `never`; the same day of each of the last 36 months and of each year back to birth
//!   (as exact days); for a screening, those days with a `normal` result, and the last 36 months
//!   also with no result and with an `abnormal` one.
//! - `number`: every whole number from min to max (or 100 even steps when wider), and both ends.
//! - `measures`: a height of 170 cm with every whole BMI from 15 to 50.
//! - `relatives`: none; each option, diagnosed at 30, 45, 55, 64 and 70, and at an unknown age.

use chrono::NaiveDate;
use serde_json::{json, Value};

use super::{Kind, Question, Target};
use crate::date;

/// The probe answers of `question`, for a person born on `born`, evaluated on `as_of`.
pub(crate) fn answers(
    question: &Question,
    target: Target,
    as_of: NaiveDate,
    born: NaiveDate,
) -> Vec<Value> {
    let options = || question.options.iter().map(|o| json!(o.value));
    match target.kind() {
        Kind::YesNo => vec![json!("yes"), json!("no")],
        Kind::Choice if question.options.is_empty() => ["75", "2A", "976", "971", "13"]
            .iter()
            .map(|d| json!(d))
            .collect(),
        Kind::Choice => options().collect(),
        Kind::Several => {
            let mut found = vec![json!({"chosen": [], "complete": true})];
            found.extend(options().map(|o| json!({"chosen": [o], "complete": true})));
            found.push(json!({"chosen": options().collect::<Vec<_>>(), "complete": true}));
            found
        }
        Kind::Date => {
            let mut found = vec![json!("never")];
            let months: Vec<NaiveDate> = (0..=36)
                .filter_map(|m| date::plus_months(as_of, -m))
                .collect();
            let years: Vec<NaiveDate> = (4..=120)
                .filter_map(|y| date::plus_years(as_of, -y))
                .take_while(|day| *day >= born)
                .collect();
            let screening = matches!(target, Target::Screening(_));
            for day in months.iter().chain(&years).filter(|d| **d >= born) {
                let text = day.to_string();
                if screening {
                    found.push(json!({"date": text, "result": "normal"}));
                } else {
                    found.push(json!(text));
                }
            }
            if screening {
                for day in months.iter().filter(|d| **d >= born) {
                    found.push(json!(day.to_string()));
                    found.push(json!({"date": day.to_string(), "result": "abnormal"}));
                }
            }
            found
        }
        Kind::Number => {
            let (min, max) = (question.min.unwrap_or(0), question.max.unwrap_or(100));
            let width = max.saturating_sub(min);
            let step = if width <= 100 { 1 } else { (width + 99) / 100 };
            let mut found = Vec::new();
            let mut n = min;
            while n <= max && found.len() <= 101 {
                found.push(json!(n));
                n = n.saturating_add(step.max(1));
            }
            found.push(json!(min));
            found.push(json!(max));
            found
        }
        Kind::Measures => (15..=50)
            .map(|bmi| {
                let weight = (f64::from(bmi) * 1.7 * 1.7 * 10.0).round() / 10.0;
                json!({"heightCm": 170, "weightKg": weight})
            })
            .collect(),
        Kind::Relatives => {
            let mut found = vec![json!("none")];
            for option in &question.options {
                for age in [30, 45, 55, 64, 70] {
                    found.push(json!([{"relation": option.value, "ageAtDiagnosis": age}]));
                }
                found.push(json!([{"relation": option.value}]));
            }
            found
        }
        Kind::Birth => Vec::new(),
    }
}

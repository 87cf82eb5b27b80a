//! Dates: every date is a day that exists and is not after the evaluation date; the birth date
//! (or the declared age) sets the earliest day an event can have happened.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::checker::{shown, Checker};
use super::MAX_AGE;
use crate::date;
use crate::profile::{Birth, ProblemKind};

impl Checker {
    /// A day written `YYYY-MM-DD` that exists and is not after the evaluation date.
    pub(super) fn date(&mut self, path: &str, value: &Value) -> Option<NaiveDate> {
        let parsed = value.as_str().and_then(date::parse);
        let Some(day) = parsed else {
            self.problem(
                path,
                ProblemKind::NotADate,
                format!("{} is not a date (expected YYYY-MM-DD)", shown(value)),
            );
            return None;
        };
        if day > self.as_of {
            self.problem(
                path,
                ProblemKind::FutureDate,
                format!("{day} is after the evaluation date {}", self.as_of),
            );
            return None;
        }
        Some(day)
    }

    /// A past event's date (docs/contract.md §1): a day, a month (`YYYY-MM`) or a year (`YYYY`)
    /// when the day is not known. A period that has not begun on the evaluation date, or that
    /// ended before birth, is refused; an approximate one is read as one of its days, as `reading`
    /// says, never before birth nor after the evaluation date.
    pub(super) fn event_date(
        &mut self,
        path: &str,
        value: &Value,
        reading: date::Reading,
    ) -> Option<date::Date> {
        let Some((first, last, precision)) = value.as_str().and_then(date::Date::period) else {
            self.problem(
                path,
                ProblemKind::NotADate,
                format!(
                    "{} is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)",
                    shown(value)
                ),
            );
            return None;
        };
        let written = date::Date {
            day: first,
            precision,
        };
        if first > self.as_of {
            self.problem(
                path,
                ProblemKind::FutureDate,
                format!("{written} is after the evaluation date {}", self.as_of),
            );
            return None;
        }
        let born = self.earliest_birth;
        if born.is_some_and(|born| last < born) {
            self.problem(
                path,
                ProblemKind::BeforeBirth,
                format!("{written} is before the person was born"),
            );
            return None;
        }
        let day = match reading {
            date::Reading::Earliest => born.map_or(first, |born| first.max(born)),
            date::Reading::Latest => last.min(self.as_of),
        };
        Some(date::Date { day, precision })
    }

    /// When the person was born: `birthDate`, or `age` when the date is unknown (both must
    /// agree when both are given). Sets the earliest day an event can have happened.
    pub(super) fn birth(&mut self, map: &Map<String, Value>) -> Option<Birth> {
        let given_date = Self::present(map, "birthDate");
        let given_age = Self::present(map, "age");
        let birth_date = given_date.and_then(|v| self.birth_date(v));
        let age = given_age.and_then(|v| self.whole_number("age", v, 0, MAX_AGE));
        if given_date.is_none() && given_age.is_none() {
            self.problem(
                "birthDate",
                ProblemKind::MissingField,
                "is required (YYYY-MM-DD), or give age in whole years when the date is unknown"
                    .to_string(),
            );
        }
        match (birth_date, age) {
            (Some(day), Some(years)) => {
                self.age_matches(day, years);
                self.earliest_birth = Some(day);
                Some(Birth::Date(day))
            }
            (Some(day), None) if given_age.is_none() => {
                self.earliest_birth = Some(day);
                Some(Birth::Date(day))
            }
            (None, Some(years)) if given_date.is_none() => {
                self.earliest_birth =
                    date::plus_years(self.as_of, -(years + 1)).and_then(|d| date::plus_days(d, 1));
                Some(Birth::DeclaredAge(years))
            }
            _ => None,
        }
    }

    /// A birth date that gives an age of at most [`MAX_AGE`].
    fn birth_date(&mut self, value: &Value) -> Option<NaiveDate> {
        let day = self.date("birthDate", value)?;
        let age = date::years_between(day, self.as_of);
        if age > MAX_AGE {
            self.problem(
                "birthDate",
                ProblemKind::OutOfRange,
                format!("{day} gives an age of {age}, over {MAX_AGE}"),
            );
            return None;
        }
        Some(day)
    }

    /// The declared age must be the one the birth date gives on the evaluation date.
    fn age_matches(&mut self, born: NaiveDate, years: i64) {
        let computed = date::years_between(born, self.as_of);
        if computed != years {
            self.problem(
                "age",
                ProblemKind::Contradiction,
                format!(
                    "{years} does not match birthDate {born} (age {computed} on {})",
                    self.as_of
                ),
            );
        }
    }
}

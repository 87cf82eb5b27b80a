//! The checker: one walk over a profile's JSON that notes every problem at its path, and the
//! checks of one value every part of the profile uses (an object and its fields, a code, a
//! number, true or false, a list).

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::MAX_ENTRIES;
use crate::codes::{Ancestry, Condition, Relation, Sex, SmokingStatus, Test, TestResult, Vaccine};
use crate::profile::json::field_path;
use crate::profile::{Problem, ProblemKind};

pub(super) use crate::profile::json::{shown, type_of};

/// A closed list of codes (`src/codes.rs`), as the checker reads one.
pub(super) trait CodeList: Sized {
    /// What the list is, in messages (`test`, `smoking status` …).
    const WHAT: &'static str;
    /// The code a word names, if any.
    fn parse(word: &str) -> Option<Self>;
    /// Every accepted word, for messages.
    fn accepted() -> String;
}

macro_rules! code_lists {
    ($($code:ty),*) => {$(
        impl CodeList for $code {
            const WHAT: &'static str = <$code>::WHAT;
            fn parse(word: &str) -> Option<Self> {
                <$code>::parse(word)
            }
            fn accepted() -> String {
                <$code>::accepted()
            }
        }
    )*};
}

code_lists!(
    Ancestry,
    Condition,
    Relation,
    Sex,
    SmokingStatus,
    Test,
    TestResult,
    Vaccine
);

/// The path of `field` under `parent`.
pub(super) fn join(parent: &str, field: &str) -> String {
    field_path(parent, field)
}

/// Walks a profile, noting every problem; the parts of the profile are checked in their own
/// modules (`dates`, `body`, `smoking`, `conditions`, `family`, `screenings`, `vaccinations`).
pub(super) struct Checker {
    /// The evaluation date: no date may be after it.
    pub(super) as_of: NaiveDate,
    /// Every problem so far, in document order.
    pub(super) problems: Vec<Problem>,
    /// The earliest day the person can have been born (for "before birth" checks).
    pub(super) earliest_birth: Option<NaiveDate>,
}

impl Checker {
    /// A checker for an evaluation on `as_of`, with no problem yet.
    pub(super) fn new(as_of: NaiveDate) -> Checker {
        Checker {
            as_of,
            problems: Vec::new(),
            earliest_birth: None,
        }
    }

    /// Notes a problem at `path`.
    pub(super) fn problem(&mut self, path: &str, kind: ProblemKind, message: String) {
        self.problems.push(Problem::new(path, kind, message));
    }

    /// Checks an object's field names; returns the object when it is one.
    pub(super) fn object<'v>(
        &mut self,
        path: &str,
        value: &'v Value,
        accepted: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = value else {
            self.problem(
                path,
                ProblemKind::WrongType,
                format!(
                    "expected an object, got {} {}",
                    type_of(value),
                    shown(value)
                ),
            );
            return None;
        };
        for key in map.keys() {
            if !accepted.contains(&key.as_str()) {
                self.problem(
                    &join(path, key),
                    ProblemKind::UnknownField,
                    format!("unknown field; accepted fields: {}", accepted.join(", ")),
                );
            }
        }
        Some(map)
    }

    /// A field that may be absent or null (unknown).
    pub(super) fn present<'v>(map: &'v Map<String, Value>, field: &str) -> Option<&'v Value> {
        map.get(field).filter(|v| !v.is_null())
    }

    /// A field that must be given (not absent, not null).
    pub(super) fn required<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        path: &str,
        field: &str,
        expected: &str,
    ) -> Option<&'v Value> {
        let found = Self::present(map, field);
        if found.is_none() {
            self.problem(
                &join(path, field),
                ProblemKind::MissingField,
                format!("is required ({expected})"),
            );
        }
        found
    }

    /// A code from a closed list.
    pub(super) fn code<C: CodeList>(&mut self, path: &str, value: &Value) -> Option<C> {
        let what = C::WHAT;
        let Value::String(text) = value else {
            self.problem(
                path,
                ProblemKind::WrongType,
                format!(
                    "expected a {what} code, got {} {}",
                    type_of(value),
                    shown(value)
                ),
            );
            return None;
        };
        let code = C::parse(text);
        if code.is_none() {
            self.problem(
                path,
                ProblemKind::UnknownCode,
                format!(
                    "unknown {what} {}; accepted: {}",
                    shown(value),
                    C::accepted()
                ),
            );
        }
        code
    }

    /// A code that must be given, in `field` of the object at `path` (`expected` gives examples).
    pub(super) fn required_code<C: CodeList>(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        field: &str,
        expected: &str,
    ) -> Option<C> {
        let value = self.required(map, path, field, expected)?;
        self.code(&join(path, field), value)
    }

    /// A number within `min..=max` (`unit` for the message).
    pub(super) fn number(
        &mut self,
        path: &str,
        value: &Value,
        min: f64,
        max: f64,
        unit: &str,
    ) -> Option<f64> {
        let Some(number) = value.as_f64() else {
            self.problem(
                path,
                ProblemKind::WrongType,
                format!("expected a number, got {} {}", type_of(value), shown(value)),
            );
            return None;
        };
        if !(min..=max).contains(&number) {
            self.problem(
                path,
                ProblemKind::OutOfRange,
                format!("{number} is out of range ({min} to {max} {unit})"),
            );
            return None;
        }
        Some(number)
    }

    /// A whole number within `min..=max`.
    pub(super) fn whole_number(
        &mut self,
        path: &str,
        value: &Value,
        min: i64,
        max: i64,
    ) -> Option<i64> {
        let Some(number) = value.as_i64() else {
            let (kind, message) = if value.is_u64() {
                (
                    ProblemKind::OutOfRange,
                    format!("{value} is out of range ({min} to {max})"),
                )
            } else {
                (
                    ProblemKind::WrongType,
                    format!(
                        "expected a whole number, got {} {}",
                        type_of(value),
                        shown(value)
                    ),
                )
            };
            self.problem(path, kind, message);
            return None;
        };
        if !(min..=max).contains(&number) {
            self.problem(
                path,
                ProblemKind::OutOfRange,
                format!("{number} is out of range ({min} to {max})"),
            );
            return None;
        }
        Some(number)
    }

    /// `true` or `false`.
    pub(super) fn boolean(&mut self, path: &str, value: &Value) -> Option<bool> {
        let found = value.as_bool();
        if found.is_none() {
            self.problem(
                path,
                ProblemKind::WrongType,
                format!(
                    "expected true or false, got {} {}",
                    type_of(value),
                    shown(value)
                ),
            );
        }
        found
    }

    /// A list of at most [`MAX_ENTRIES`]; a longer one is refused whole, its entries unread.
    pub(super) fn list<'v>(&mut self, path: &str, value: &'v Value) -> Option<&'v Vec<Value>> {
        let Some(items) = value.as_array() else {
            self.problem(
                path,
                ProblemKind::WrongType,
                format!("expected a list, got {} {}", type_of(value), shown(value)),
            );
            return None;
        };
        if items.len() > MAX_ENTRIES {
            self.problem(
                path,
                ProblemKind::TooManyEntries,
                format!(
                    "has {} entries; at most {MAX_ENTRIES} are accepted",
                    items.len()
                ),
            );
            return None;
        }
        Some(items)
    }

    /// A list of objects (`familyHistory`, `screenings`, `vaccinations`), row by row in order:
    /// each row that is an object, its unknown fields noted, goes to `row`, which checks its
    /// fields and gives what it holds when it is sound.
    pub(super) fn rows<T>(
        &mut self,
        field: &str,
        value: &Value,
        accepted: &[&str],
        mut row: impl FnMut(&mut Checker, &str, &Map<String, Value>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let items = self.list(field, value)?;
        let mut rows = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("{field}[{i}]");
            if let Some(fields) = self.object(&path, item, accepted) {
                rows.extend(row(self, &path, fields));
            }
        }
        Some(rows)
    }
}

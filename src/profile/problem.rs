//! What is wrong with a refused profile: each problem at its JSON path, with a machine-readable
//! kind beside its words (docs/contract.md §1), so that a caller branches on the kind and never
//! parses the English message.

use std::fmt;

/// One thing wrong with a profile, at a JSON path such as `screenings[1].date`.
///
/// Serialized as `{"path": …, "kind": …, "message": …}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// Where: a JSON path from the profile's root (empty for the whole profile).
    pub path: String,
    /// What kind of problem, from a closed list.
    pub kind: ProblemKind,
    /// What is wrong, in lowercase plain words (English, for the integrator).
    pub message: String,
}

impl Problem {
    /// A problem of `kind` at `path`.
    pub fn new(path: impl Into<String>, kind: ProblemKind, message: String) -> Problem {
        Problem {
            path: path.into(),
            kind,
            message,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "profile: {}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// The kind of a [`Problem`]: a closed list, serialized as the kebab-case word of each variant.
/// A word is never renamed or dropped within a major version of the contract; a new kind may be
/// added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// `not-json`: the text is not one JSON value — a syntax error, empty text, a byte order
    /// mark.
    NotJson,
    /// `not-utf8`: bytes read from a file or a pipe are not UTF-8 text.
    NotUtf8,
    /// `too-large`: the text is over [`crate::Profile::MAX_JSON_BYTES`]; it was not read.
    TooLarge,
    /// `too-deep`: lists and objects nest more than 64 levels deep.
    TooDeep,
    /// `too-many-entries`: a list has more than [`crate::Profile::MAX_LIST_ENTRIES`] entries; its
    /// entries were not read.
    TooManyEntries,
    /// `duplicate-key`: a key appears more than once in one object.
    DuplicateKey,
    /// `duplicate-entry`: a list names the same thing twice (a condition; a test, or a vaccine,
    /// on the same day).
    DuplicateEntry,
    /// `wrong-type`: a value of the wrong JSON type (text where a number is expected, a list
    /// where an object is …).
    WrongType,
    /// `missing-field`: a required answer is absent or null.
    MissingField,
    /// `unknown-field`: a field the profile does not have (the message lists the accepted ones).
    UnknownField,
    /// `unknown-code`: a code outside its closed list — a sex, smoking status, condition,
    /// relation, test, result, vaccine or département (the message says what is accepted).
    UnknownCode,
    /// `not-a-date`: not a day written `YYYY-MM-DD`, or a day that does not exist.
    NotADate,
    /// `future-date`: a date after the evaluation date.
    FutureDate,
    /// `before-birth`: a past event dated before the person was born.
    BeforeBirth,
    /// `out-of-range`: a number outside its range, or a birth date that gives an age over 120.
    OutOfRange,
    /// `contradiction`: answers that cannot all be true (pregnant without a uterus, an age that
    /// does not match the birth date, a quit date for someone who never smoked …).
    Contradiction,
}

impl ProblemKind {
    /// Every kind, in the order of the contract's list.
    pub const ALL: &'static [ProblemKind] = &[
        ProblemKind::NotJson,
        ProblemKind::NotUtf8,
        ProblemKind::TooLarge,
        ProblemKind::TooDeep,
        ProblemKind::TooManyEntries,
        ProblemKind::DuplicateKey,
        ProblemKind::DuplicateEntry,
        ProblemKind::WrongType,
        ProblemKind::MissingField,
        ProblemKind::UnknownField,
        ProblemKind::UnknownCode,
        ProblemKind::NotADate,
        ProblemKind::FutureDate,
        ProblemKind::BeforeBirth,
        ProblemKind::OutOfRange,
        ProblemKind::Contradiction,
    ];

    /// The kind's word, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::NotJson => "not-json",
            ProblemKind::NotUtf8 => "not-utf8",
            ProblemKind::TooLarge => "too-large",
            ProblemKind::TooDeep => "too-deep",
            ProblemKind::TooManyEntries => "too-many-entries",
            ProblemKind::DuplicateKey => "duplicate-key",
            ProblemKind::DuplicateEntry => "duplicate-entry",
            ProblemKind::WrongType => "wrong-type",
            ProblemKind::MissingField => "missing-field",
            ProblemKind::UnknownField => "unknown-field",
            ProblemKind::UnknownCode => "unknown-code",
            ProblemKind::NotADate => "not-a-date",
            ProblemKind::FutureDate => "future-date",
            ProblemKind::BeforeBirth => "before-birth",
            ProblemKind::OutOfRange => "out-of-range",
            ProblemKind::Contradiction => "contradiction",
        }
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A refused profile: every problem found, in document order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the profile has {} problem(s): {}", .problems.len(), first_problem(.problems))]
pub struct ProfileError {
    /// All problems, never empty.
    pub problems: Vec<Problem>,
}

fn first_problem(problems: &[Problem]) -> String {
    problems.first().map(Problem::to_string).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_serializes_as_its_word_and_the_words_are_distinct() {
        let mut seen = std::collections::BTreeSet::new();
        for kind in ProblemKind::ALL {
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert!(crate::is_kebab_word(kind.as_str()), "{kind}");
            assert!(seen.insert(kind.as_str()), "{kind} twice");
        }
    }

    #[test]
    fn a_problem_serializes_its_path_kind_and_message_in_that_order() {
        let problem = Problem::new(
            "screenings[1].date",
            ProblemKind::NotADate,
            "\"2024-13-01\" is not a date (expected YYYY-MM-DD)".to_string(),
        );
        assert_eq!(
            serde_json::to_string(&problem).unwrap(),
            r#"{"path":"screenings[1].date","kind":"not-a-date","message":"\"2024-13-01\" is not a date (expected YYYY-MM-DD)"}"#
        );
        assert_eq!(
            problem.to_string(),
            "screenings[1].date: \"2024-13-01\" is not a date (expected YYYY-MM-DD)"
        );
    }
}

//! Why a bundle was refused: every problem at its JSON path in the bundle
//! (`entry[2].resource.birthDate`), with a machine-readable kind beside its words, as for profiles
//! (docs/contract.md §5).

use std::fmt;

use crate::profile::{Problem, ProblemKind};

/// One thing that stops a bundle from giving a profile, at a JSON path such as
/// `entry[0].resource.gender`. Serialized as `{"path": …, "kind": …, "message": …}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FhirProblem {
    /// Where: a JSON path from the bundle's root (empty for the whole text).
    pub path: String,
    /// What kind of problem, from a closed list.
    pub kind: FhirProblemKind,
    /// What is wrong, in lowercase plain words (English, for the integrator).
    pub message: String,
}

impl FhirProblem {
    /// A problem of `kind` at `path`.
    pub fn new(path: impl Into<String>, kind: FhirProblemKind, message: String) -> FhirProblem {
        FhirProblem {
            path: path.into(),
            kind,
            message,
        }
    }
}

impl fmt::Display for FhirProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "bundle: {}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// The kind of a [`FhirProblem`]: a closed list, serialized as the kebab-case word of each
/// variant. A word is never renamed or dropped within a major version of the contract; a new kind
/// may be added. The words shared with profiles' [`ProblemKind`] mean the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FhirProblemKind {
    /// `not-json`: the text is not one JSON value (a syntax error, empty text, a byte order mark).
    NotJson,
    /// `not-utf8`: bytes read from a file or a pipe are not UTF-8 text.
    NotUtf8,
    /// `too-large`: the text is over [`super::MAX_BUNDLE_BYTES`]; it was not read.
    TooLarge,
    /// `too-deep`: lists and objects nest more than 64 levels deep.
    TooDeep,
    /// `duplicate-key`: a key appears more than once in one object.
    DuplicateKey,
    /// `not-a-bundle`: the JSON is not a FHIR resource of type `Bundle`.
    NotABundle,
    /// `not-fhir-r4`: something FHIR R4 does not allow — an unknown resource type, more than one
    /// value of a choice element (`effectiveDateTime` and `effectivePeriod`) …
    NotFhirR4,
    /// `unknown-field`: an element the R4 resource or data type does not have (an element of
    /// another FHIR version, such as FamilyMemberHistory's `onsetDateTime`, a misspelling).
    UnknownField,
    /// `wrong-type`: a value of the wrong JSON type (text where R4 has an object …).
    WrongType,
    /// `unknown-code`: a code outside an R4 required binding (a `status`, `gender` …), or a
    /// `gender` that gives no sex at birth (`other`, `unknown`) when nothing else does.
    UnknownCode,
    /// `not-a-date`: not an R4 `date` or `dateTime` (a day that does not exist, a time without a
    /// zone), or a birth date too vague to give an age.
    NotADate,
    /// `missing-field`: something required is absent: the Patient's birth date, its sex, an
    /// element R4 requires (Bundle.type, a resource's `status` …).
    MissingField,
    /// `no-patient`: the bundle holds no Patient.
    NoPatient,
    /// `several-patients`: the bundle holds more than one Patient; a profile is one person.
    SeveralPatients,
    /// `future-date`: the birth date is after the evaluation date.
    FutureDate,
    /// `out-of-range`: the birth date gives an age over 120.
    OutOfRange,
    /// `contradiction`: records that cannot all be true (two sexes at birth).
    Contradiction,
    /// `modifier`: the Patient carries a modifier extension or implicit rules the import does not
    /// understand, which FHIR forbids ignoring.
    Modifier,
    /// `profile-refused`: the profile made from the bundle was refused by the profile's own checks
    /// (never expected: the import leaves out what the profile would refuse; the message says
    /// what).
    ProfileRefused,
}

impl FhirProblemKind {
    /// Every kind, in the order of the contract's list.
    pub const ALL: &'static [FhirProblemKind] = &[
        FhirProblemKind::NotJson,
        FhirProblemKind::NotUtf8,
        FhirProblemKind::TooLarge,
        FhirProblemKind::TooDeep,
        FhirProblemKind::DuplicateKey,
        FhirProblemKind::NotABundle,
        FhirProblemKind::NotFhirR4,
        FhirProblemKind::UnknownField,
        FhirProblemKind::WrongType,
        FhirProblemKind::UnknownCode,
        FhirProblemKind::NotADate,
        FhirProblemKind::MissingField,
        FhirProblemKind::NoPatient,
        FhirProblemKind::SeveralPatients,
        FhirProblemKind::FutureDate,
        FhirProblemKind::OutOfRange,
        FhirProblemKind::Contradiction,
        FhirProblemKind::Modifier,
        FhirProblemKind::ProfileRefused,
    ];

    /// The kind's word, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            FhirProblemKind::NotJson => "not-json",
            FhirProblemKind::NotUtf8 => "not-utf8",
            FhirProblemKind::TooLarge => "too-large",
            FhirProblemKind::TooDeep => "too-deep",
            FhirProblemKind::DuplicateKey => "duplicate-key",
            FhirProblemKind::NotABundle => "not-a-bundle",
            FhirProblemKind::NotFhirR4 => "not-fhir-r4",
            FhirProblemKind::UnknownField => "unknown-field",
            FhirProblemKind::WrongType => "wrong-type",
            FhirProblemKind::UnknownCode => "unknown-code",
            FhirProblemKind::NotADate => "not-a-date",
            FhirProblemKind::MissingField => "missing-field",
            FhirProblemKind::NoPatient => "no-patient",
            FhirProblemKind::SeveralPatients => "several-patients",
            FhirProblemKind::FutureDate => "future-date",
            FhirProblemKind::OutOfRange => "out-of-range",
            FhirProblemKind::Contradiction => "contradiction",
            FhirProblemKind::Modifier => "modifier",
            FhirProblemKind::ProfileRefused => "profile-refused",
        }
    }
}

impl fmt::Display for FhirProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem of the strict JSON reader (shared with profiles), as a bundle's.
impl From<Problem> for FhirProblem {
    fn from(problem: Problem) -> FhirProblem {
        let kind = match problem.kind {
            ProblemKind::NotJson => FhirProblemKind::NotJson,
            ProblemKind::NotUtf8 => FhirProblemKind::NotUtf8,
            ProblemKind::TooLarge => FhirProblemKind::TooLarge,
            ProblemKind::TooDeep => FhirProblemKind::TooDeep,
            ProblemKind::DuplicateKey => FhirProblemKind::DuplicateKey,
            _ => FhirProblemKind::ProfileRefused,
        };
        FhirProblem {
            path: problem.path,
            kind,
            message: problem.message,
        }
    }
}

/// A refused bundle: every problem found, in document order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the FHIR bundle has {} problem(s): {}", .problems.len(), first_problem(.problems))]
pub struct FhirError {
    /// All problems, never empty.
    pub problems: Vec<FhirProblem>,
}

fn first_problem(problems: &[FhirProblem]) -> String {
    problems
        .first()
        .map(FhirProblem::to_string)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_serializes_as_its_word_and_the_words_are_distinct() {
        let mut seen = std::collections::BTreeSet::new();
        for kind in FhirProblemKind::ALL {
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert!(crate::is_kebab_word(kind.as_str()), "{kind}");
            assert!(seen.insert(kind.as_str()), "{kind} twice");
        }
    }
}

//! A person's profile (docs/contract.md §1): what the rules read. Built only through validation, so every
//! `Profile` in memory is known to be consistent with its evaluation date.

pub(crate) mod json;
mod problem;
mod validate;

use chrono::NaiveDate;

use crate::codes::{
    Ancestry, Condition, Organ, Relation, Sex, SmokingStatus, Test, TestResult, Vaccine,
};
use crate::date::Date;
pub use problem::{Problem, ProblemKind, ProfileError};

/// When the person was born, as far as the profile tells.
#[derive(Debug, Clone, PartialEq)]
pub enum Birth {
    /// `birthDate` was given.
    Date(NaiveDate),
    /// Only `age` (whole years on the evaluation date) was given.
    DeclaredAge(i64),
}

/// Smoking answers; every part may be unknown.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Smoking {
    /// Never, former or current; `None` when not answered.
    pub status: Option<SmokingStatus>,
    /// Pack-years smoked.
    pub pack_years: Option<f64>,
    /// When a former smoker quit; a month or a year only is read as its last day (or the
    /// evaluation date, if sooner).
    pub quit_date: Option<Date>,
}

/// One relative's diagnosis.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyHistory {
    /// Who the relative is.
    pub relation: Relation,
    /// Their condition.
    pub condition: Condition,
    /// Their age when diagnosed, when known.
    pub age_at_diagnosis: Option<i64>,
}

/// A past screening or check-up test.
#[derive(Debug, Clone, PartialEq)]
pub struct Screening {
    /// Which test.
    pub test: Test,
    /// When it was done; a month or a year only is read as its first day (never before birth).
    pub date: Date,
    /// Its result (`unknown` when not given).
    pub result: TestResult,
}

/// A past vaccination.
#[derive(Debug, Clone, PartialEq)]
pub struct Vaccination {
    /// Which vaccine.
    pub vaccine: Vaccine,
    /// When it was given; a month or a year only is read as its first day (never before birth).
    pub date: Date,
}

/// A validated profile. Absent answers are `None`: unknown, never "no".
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Birth date or declared age.
    pub birth: Birth,
    /// Sex as recorded at birth.
    pub sex: Sex,
    /// Organs the profile states explicitly, overriding what `sex` implies.
    pub organs: Vec<(Organ, bool)>,
    /// Pregnancy, when answered.
    pub pregnant: Option<bool>,
    /// Smoking, when answered.
    pub smoking: Option<Smoking>,
    /// Height in centimetres.
    pub height_cm: Option<f64>,
    /// Weight in kilograms.
    pub weight_kg: Option<f64>,
    /// The person's conditions; `None` when the question was not answered.
    pub conditions: Option<Vec<Condition>>,
    /// Relatives' diagnoses; `None` when the question was not answered.
    pub family_history: Option<Vec<FamilyHistory>>,
    /// Past tests, in the order given; `None` when not answered.
    pub screenings: Option<Vec<Screening>>,
    /// Past vaccinations; `None` when not answered.
    pub vaccinations: Option<Vec<Vaccination>>,
    /// The French département code (`"75"`, `"2A"`, `"976"`), when given (docs/contract.md §1 v1.1):
    /// rules use it to say where to go.
    pub departement: Option<String>,
    /// Ancestries the person says a guideline should know of (docs/contract.md §1, v1.1
    /// extension); `None` when not answered, `[]` for none of those listed.
    pub ancestry: Option<Vec<Ancestry>>,
    /// Where the answered lists are not complete (docs/questions.md §4).
    pub unknown: Unknown,
}

/// How complete one answered list is.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Partial<T> {
    /// Every code not listed is absent (the default).
    #[default]
    Complete,
    /// These codes are unknown; the others not listed are absent.
    Codes(Vec<T>),
    /// The list holds what the person remembers: every code not listed is unknown.
    All,
}

impl<T: PartialEq> Partial<T> {
    /// Whether `code`, not in the list, is unknown rather than absent.
    pub fn leaves_unknown(&self, code: &T) -> bool {
        match self {
            Partial::Complete => false,
            Partial::Codes(codes) => codes.contains(code),
            Partial::All => true,
        }
    }
}

/// The profile's `unknown` (docs/questions.md §4, v1.1 extension of docs/contract.md §1).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Unknown {
    /// Conditions (condition codes).
    pub conditions: Partial<Condition>,
    /// Relatives' conditions (condition codes: whether a relative had it).
    pub family_history: Partial<Condition>,
    /// Tests (test codes).
    pub screenings: Partial<Test>,
    /// Vaccines (vaccine codes).
    pub vaccinations: Partial<Vaccine>,
    /// Ancestries.
    pub ancestry: Partial<Ancestry>,
}

impl Profile {
    /// Reads and validates a profile given as JSON text, for an evaluation on `as_of`.
    /// Every problem is reported at once, each with its JSON path; a key repeated in an object is
    /// one of them. Text longer than [`Profile::MAX_JSON_BYTES`] is refused unread.
    pub fn from_json(text: &str, as_of: NaiveDate) -> Result<Profile, ProfileError> {
        validate::from_json(text, as_of)
    }

    /// The largest profile text accepted, in bytes (1 MB): a longer one is refused before it is
    /// parsed.
    pub const MAX_JSON_BYTES: usize = json::MAX_BYTES;

    /// The most entries `conditions`, `familyHistory`, `screenings` and `vaccinations` may each
    /// have.
    pub const MAX_LIST_ENTRIES: usize = validate::MAX_ENTRIES;

    /// As [`Profile::from_json`], from bytes read from a file or a pipe: text that is not UTF-8 is
    /// refused with the line and column of the first bad byte.
    pub fn from_json_bytes(bytes: &[u8], as_of: NaiveDate) -> Result<Profile, ProfileError> {
        validate::from_bytes(bytes, as_of)
    }

    /// Validates an already parsed JSON value.
    pub fn from_value(
        value: &serde_json::Value,
        as_of: NaiveDate,
    ) -> Result<Profile, ProfileError> {
        validate::from_value(value, as_of)
    }

    /// Whether the person has `organ`: the explicit answer, else what sex at birth implies.
    pub fn has_organ(&self, organ: Organ) -> bool {
        self.stated_organ(organ)
            .unwrap_or_else(|| organ.implied_by(self.sex))
    }

    /// The explicit `organs` answer for `organ`, if any.
    pub fn stated_organ(&self, organ: Organ) -> Option<bool> {
        self.organs
            .iter()
            .find(|(o, _)| *o == organ)
            .map(|(_, present)| *present)
    }

    /// Body-mass index with one decimal, when height and weight are known.
    pub fn bmi(&self) -> Option<f64> {
        let metres = self.height_cm? / 100.0;
        let bmi = self.weight_kg? / (metres * metres);
        Some((bmi * 10.0).round() / 10.0)
    }
}

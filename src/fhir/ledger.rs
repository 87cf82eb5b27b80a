//! What the import did with each part of the bundle: every entry or element not used, with its path
//! and why (`notUsed`), and the caveats of what was used (`notes`). Nothing is dropped silently.

use serde::Serialize;

/// An entry, or an element of one, that gave nothing to the profile. Serialized as
/// `{"path": "entry[3].resource.status", "kind": "status", "reason": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotUsed {
    /// Where, from the bundle's root (`entry[3].resource.code`).
    pub path: String,
    /// Why, as a word from a closed list.
    pub kind: NotUsedKind,
    /// Why, in English, for the integrator.
    pub reason: String,
}

/// Something used with a caveat: administrative gender taken for sex at birth, the low bound of an
/// age range, the same test twice on one day counted once … Serialized as `{"path", "note"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// Where, from the bundle's root (empty for the bundle as a whole).
    pub path: String,
    /// What to know, in English.
    pub note: String,
}

/// Why something was not used: a closed list, serialized as the kebab-case word of each variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotUsedKind {
    /// `not-read`: a resource type the import does not read (Encounter, CarePlan …), or one that
    /// holds nothing a profile takes.
    NotRead,
    /// `status`: its status says it does not count (entered-in-error, not-done, cancelled,
    /// preliminary, refuted, unconfirmed …).
    Status,
    /// `unknown-code`: none of its codes is in the mapping tables.
    UnknownCode,
    /// `not-counted`: its code is in the tables, and gives the profile nothing (a Tdap, which has
    /// no polio; an aunt without a side of the family …).
    NotCounted,
    /// `no-date`: no day to date it by.
    NoDate,
    /// `approximate-date`: dated by a year or a month only. No longer given since the profile
    /// takes approximate dates (contract v1.1); the word stays, as contract words do.
    ApproximateDate,
    /// `future-date`: dated after the evaluation date.
    FutureDate,
    /// `before-birth`: dated before the person was born.
    BeforeBirth,
    /// `other-patient`: about someone other than the bundle's Patient.
    OtherPatient,
    /// `duplicate`: another copy (or version) of a resource already read.
    Duplicate,
    /// `superseded`: a newer or better record of the same thing was used.
    Superseded,
    /// `out-of-range`: a value outside what the profile takes (a height of 3 m, an age of 130).
    OutOfRange,
    /// `contradiction`: contradicts what was used (pregnant without a uterus, pack-years of a
    /// never-smoker, "no known problems" beside a problem).
    Contradiction,
    /// `modifier`: carries a modifier extension or implicit rules the import does not understand,
    /// which FHIR forbids ignoring.
    Modifier,
    /// `no-value`: says nothing the profile takes (a smoking status without an answer, a
    /// relative without a condition).
    NoValue,
    /// `out-of-date`: too old to tell the present (a pregnancy status from months ago, a
    /// child's height for an adult).
    OutOfDate,
    /// `too-many`: past the profile's 200 entries in one list (the most recent are kept).
    TooMany,
}

impl NotUsedKind {
    /// Every kind.
    pub const ALL: &'static [NotUsedKind] = &[
        NotUsedKind::NotRead,
        NotUsedKind::Status,
        NotUsedKind::UnknownCode,
        NotUsedKind::NotCounted,
        NotUsedKind::NoDate,
        NotUsedKind::ApproximateDate,
        NotUsedKind::FutureDate,
        NotUsedKind::BeforeBirth,
        NotUsedKind::OtherPatient,
        NotUsedKind::Duplicate,
        NotUsedKind::Superseded,
        NotUsedKind::OutOfRange,
        NotUsedKind::Contradiction,
        NotUsedKind::Modifier,
        NotUsedKind::NoValue,
        NotUsedKind::OutOfDate,
        NotUsedKind::TooMany,
    ];

    /// The kind's word, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            NotUsedKind::NotRead => "not-read",
            NotUsedKind::Status => "status",
            NotUsedKind::UnknownCode => "unknown-code",
            NotUsedKind::NotCounted => "not-counted",
            NotUsedKind::NoDate => "no-date",
            NotUsedKind::ApproximateDate => "approximate-date",
            NotUsedKind::FutureDate => "future-date",
            NotUsedKind::BeforeBirth => "before-birth",
            NotUsedKind::OtherPatient => "other-patient",
            NotUsedKind::Duplicate => "duplicate",
            NotUsedKind::Superseded => "superseded",
            NotUsedKind::OutOfRange => "out-of-range",
            NotUsedKind::Contradiction => "contradiction",
            NotUsedKind::Modifier => "modifier",
            NotUsedKind::NoValue => "no-value",
            NotUsedKind::OutOfDate => "out-of-date",
            NotUsedKind::TooMany => "too-many",
        }
    }
}

/// The notes and the parts not used, in the order of the bundle's entries.
#[derive(Debug, Default)]
pub(super) struct Ledger {
    not_used: Vec<(usize, NotUsed)>,
    notes: Vec<(usize, Note)>,
    /// Entries used as part of another (a report's results).
    consumed: Vec<usize>,
}

impl Ledger {
    /// Something of entry `entry` at `path` not used.
    pub(super) fn not_used(&mut self, entry: usize, path: &str, kind: NotUsedKind, reason: String) {
        self.not_used.push((
            entry,
            NotUsed {
                path: path.to_string(),
                kind,
                reason,
            },
        ));
    }

    /// A caveat about what was used at `path` of entry `entry`.
    pub(super) fn note(&mut self, entry: usize, path: &str, note: String) {
        let note = Note {
            path: path.to_string(),
            note,
        };
        if !self.notes.iter().any(|(_, n)| *n == note) {
            self.notes.push((entry, note));
        }
    }

    /// Entry `entry` was used as part of another.
    pub(super) fn consumed(&mut self, entry: usize) {
        self.consumed.push(entry);
    }

    pub(super) fn was_consumed(&self, entry: usize) -> bool {
        self.consumed.contains(&entry)
    }

    /// Whether something of entry `entry` is already listed as not used.
    pub(super) fn mentions(&self, entry: usize) -> bool {
        self.not_used.iter().any(|(e, _)| *e == entry)
    }

    /// The parts not used and the notes, in the order of the entries (then as found).
    pub(super) fn finish(mut self) -> (Vec<NotUsed>, Vec<Note>) {
        self.not_used.sort_by_key(|(entry, _)| *entry);
        self.notes.sort_by_key(|(entry, _)| *entry);
        (
            self.not_used.into_iter().map(|(_, n)| n).collect(),
            self.notes.into_iter().map(|(_, n)| n).collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_serializes_as_its_word() {
        for kind in NotUsedKind::ALL {
            assert_eq!(
                serde_json::to_string(kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
            assert!(crate::is_kebab_word(kind.as_str()));
        }
    }
}

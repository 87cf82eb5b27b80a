//! The Patient: when the person was born, and their sex at birth.
//!
//! Sex at birth, in this order: a birth-sex extension (`us-core-birthsex`, or
//! `individual-recordedSexOrGender` typed LOINC 76689-9 "Sex assigned at birth"); else
//! `Patient.gender`, which R4 defines as administrative gender ("the gender that the patient is
//! considered to have for administration and record keeping purposes") — used, and a note says so;
//! else a sex recorded for another purpose (`us-core-individual-sex`, `us-core-sex`), likewise
//! noted. Gender identity and the sex parameter for clinical use are never taken for sex at birth.

use chrono::NaiveDate;
use serde_json::Value;

use super::ancestry;
use super::dates::FhirDate;
use super::ledger::{Ledger, NotUsedKind};
use super::maps::{Coding, Maps};
use super::problem::FhirProblemKind;
use super::r4;
use super::read::{Node, Reader};
use crate::codes::{Ancestry, Sex};
use crate::date;

/// The oldest age a profile takes.
const MAX_AGE: i64 = 120;

/// When the person was born, as far as the Patient tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BirthAnswer {
    /// `birthDate`.
    Date(NaiveDate),
    /// `age`: the birth date is a year or a month, and gives the same age whatever the day.
    Age(i64),
}

/// The person the profile is about.
#[derive(Debug, Clone)]
pub(super) struct Person {
    pub birth: BirthAnswer,
    /// The first and the last day the person may have been born.
    pub earliest_birth: NaiveDate,
    pub latest_birth: NaiveDate,
    pub sex: Sex,
    /// What the race extension says of the ancestries a guideline names (`ancestry.rs`).
    pub ancestry: Option<Vec<Ancestry>>,
}

impl Person {
    /// A stand-in while a refused bundle's other entries are read for their problems.
    pub(super) fn placeholder(as_of: NaiveDate) -> Person {
        Person {
            birth: BirthAnswer::Date(as_of),
            earliest_birth: as_of,
            latest_birth: as_of,
            sex: Sex::Female,
            ancestry: None,
        }
    }

    /// The person's age on `day`, at the least.
    pub(super) fn age_on(&self, day: NaiveDate) -> i64 {
        date::years_between(self.latest_birth, day)
    }
}

/// Reads the Patient at entry `entry`; `None` (with its problems) when no profile can be made.
pub(super) fn read(
    reader: &mut Reader,
    ledger: &mut Ledger,
    maps: &Maps,
    entry: usize,
    node: &Node<'_>,
    as_of: NaiveDate,
) -> Option<Person> {
    if let Some((path, _)) = reader.list(node, "modifierExtension").first() {
        reader.problem(
            path,
            FhirProblemKind::Modifier,
            "the Patient carries a modifier extension the import does not understand; FHIR forbids ignoring it".to_string(),
        );
    }
    if node.has("implicitRules") {
        reader.problem(
            &node.at("implicitRules"),
            FhirProblemKind::Modifier,
            "the Patient follows implicit rules the import does not understand; FHIR forbids ignoring them".to_string(),
        );
    }
    if reader.boolean(node, "deceasedBoolean") == Some(true) || node.has("deceasedDateTime") {
        let path = if node.has("deceasedBoolean") {
            "deceasedBoolean"
        } else {
            "deceasedDateTime"
        };
        ledger.note(
            entry,
            &node.at(path),
            "the Patient is recorded as deceased".to_string(),
        );
    }
    let birth = birth(reader, ledger, entry, node, as_of);
    // Each extension is read (and checked) once, then given to what reads it.
    let extensions: Vec<Node<'_>> = reader
        .list(node, "extension")
        .into_iter()
        .filter_map(|(path, value)| extension(reader, &path, value))
        .collect();
    let sex = sex(reader, ledger, maps, entry, node, &extensions);
    let ancestry = ancestry::read(reader, ledger, maps, entry, &extensions);
    let ((birth, earliest_birth, latest_birth), sex) = (birth?, sex?);
    Some(Person {
        birth,
        earliest_birth,
        latest_birth,
        sex,
        ancestry,
    })
}

/// The birth date, or an age when only a year or a month is written and it gives one age.
fn birth(
    reader: &mut Reader,
    ledger: &mut Ledger,
    entry: usize,
    node: &Node<'_>,
    as_of: NaiveDate,
) -> Option<(BirthAnswer, NaiveDate, NaiveDate)> {
    let path = node.at("birthDate");
    let Some(value) = node.get("birthDate") else {
        reader.problem(
            &path,
            FhirProblemKind::MissingField,
            "the Patient has no birth date: a profile needs the birth date (or an age)".to_string(),
        );
        return None;
    };
    let written = reader.date(&path, value)?;
    let (first, last) = written.bounds()?;
    if first > as_of {
        reader.problem(
            &path,
            FhirProblemKind::FutureDate,
            format!("{} is after the evaluation date {as_of}", written.text()),
        );
        return None;
    }
    let last = last.min(as_of);
    let oldest = date::years_between(first, as_of);
    let youngest = date::years_between(last, as_of);
    if oldest > MAX_AGE {
        reader.problem(
            &path,
            FhirProblemKind::OutOfRange,
            format!(
                "{} gives an age of {oldest} on {as_of}; a profile takes ages up to {MAX_AGE}",
                written.text()
            ),
        );
        return None;
    }
    match written {
        FhirDate::Day(day) => Some((BirthAnswer::Date(day), day, day)),
        partial if oldest == youngest => {
            ledger.note(
                entry,
                &path,
                format!(
                    "the birth date is only {}: the profile gives the age instead, {oldest} on {as_of} whatever the day",
                    partial.text()
                ),
            );
            Some((BirthAnswer::Age(oldest), first, last))
        }
        partial => {
            reader.problem(
                &path,
                FhirProblemKind::NotADate,
                format!(
                    "\"{}\" is not a whole day: the age on {as_of} could be {youngest} or {oldest}; a profile needs the birth date (YYYY-MM-DD)",
                    partial.text()
                ),
            );
            None
        }
    }
}

/// How a Patient extension about sex is read (`sex.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    BirthSex,
    BirthSexIfTyped,
    RecordedSex,
    NotSex,
}

/// A sex found in the Patient, with where and how.
struct Found {
    sex: Sex,
    path: String,
    what: String,
}

fn sex(
    reader: &mut Reader,
    ledger: &mut Ledger,
    maps: &Maps,
    entry: usize,
    node: &Node<'_>,
    extensions: &[Node<'_>],
) -> Option<Sex> {
    let mut birth_sex: Vec<Found> = Vec::new();
    let mut recorded: Vec<Found> = Vec::new();
    for ext in extensions {
        let path = ext.path.clone();
        let Some(url) = reader.text(ext, "url") else {
            continue;
        };
        let reading =
            maps.sex
                .extension
                .iter()
                .find(|e| e.url == url)
                .map(|e| match e.reading.as_str() {
                    "birth-sex" => Reading::BirthSex,
                    "birth-sex-if-typed" => Reading::BirthSexIfTyped,
                    "recorded-sex" => Reading::RecordedSex,
                    _ => Reading::NotSex,
                });
        let name = url.rsplit('/').next().unwrap_or(url).to_string();
        match reading {
            None => {}
            Some(Reading::NotSex) => ledger.not_used(
                entry,
                &path,
                NotUsedKind::NotCounted,
                format!("{name} is not sex at birth"),
            ),
            Some(reading @ (Reading::BirthSex | Reading::RecordedSex)) => {
                match value_sex(reader, maps, ext) {
                    Some(sex) => {
                        let found = if reading == Reading::BirthSex {
                            &mut birth_sex
                        } else {
                            &mut recorded
                        };
                        found.push(Found {
                            sex,
                            path,
                            what: name,
                        });
                    }
                    None => ledger.not_used(
                        entry,
                        &path,
                        NotUsedKind::NoValue,
                        format!("{name} gives no sex (neither female nor male)"),
                    ),
                }
            }
            Some(Reading::BirthSexIfTyped) => {
                let (value, typed) = recorded_parts(reader, maps, ext);
                match (value, typed) {
                    (Some(sex), true) => birth_sex.push(Found { sex, path, what: name }),
                    (_, false) => ledger.not_used(
                        entry,
                        &path,
                        NotUsedKind::NotCounted,
                        format!("{name} has no type \"Sex assigned at birth\" (LOINC 76689-9): a recorded sex is not necessarily the sex at birth"),
                    ),
                    (None, true) => ledger.not_used(
                        entry,
                        &path,
                        NotUsedKind::NoValue,
                        format!("{name} gives no sex at birth (neither female nor male)"),
                    ),
                }
            }
        }
    }
    let gender_path = node.at("gender");
    let gender = reader.code(node, "gender", r4::GENDERS);
    let administrative = match gender {
        Some("female") => Some(Sex::Female),
        Some("male") => Some(Sex::Male),
        _ => None,
    };
    if let Some(first) = birth_sex.first() {
        if let Some(other) = birth_sex.iter().find(|f| f.sex != first.sex) {
            reader.problem(
                &other.path,
                FhirProblemKind::Contradiction,
                format!(
                    "says the sex at birth is {}, but {} ({}) says {}",
                    other.sex, first.what, first.path, first.sex
                ),
            );
            return None;
        }
        for other in birth_sex.iter().skip(1) {
            ledger.not_used(
                entry,
                &other.path,
                NotUsedKind::Superseded,
                format!("the same sex at birth as {}, which was used", first.path),
            );
        }
        if let (Some(given), Some(shown)) = (administrative, gender) {
            if given != first.sex {
                ledger.not_used(
                    entry,
                    &gender_path,
                    NotUsedKind::Superseded,
                    format!(
                        "administrative gender \"{shown}\" differs from the sex at birth ({} {}), which was used",
                        first.what, first.sex
                    ),
                );
            }
        }
        for other in &recorded {
            ledger.not_used(
                entry,
                &other.path,
                NotUsedKind::Superseded,
                format!("a recorded sex; the sex at birth ({}) was used", first.what),
            );
        }
        return Some(first.sex);
    }
    if let Some(sex) = administrative {
        ledger.note(
            entry,
            &gender_path,
            format!("Patient.gender is administrative gender, not sex at birth; no birth-sex extension was found, so \"{sex}\" was used as the sex at birth"),
        );
        for other in &recorded {
            if other.sex != sex {
                ledger.note(
                    entry,
                    &other.path,
                    format!(
                        "{} says {}, unlike Patient.gender, which was used",
                        other.what, other.sex
                    ),
                );
            }
        }
        return Some(sex);
    }
    if let Some(first) = recorded.first() {
        if recorded.iter().all(|f| f.sex == first.sex) {
            ledger.note(
                entry,
                &first.path,
                format!("{} is a sex recorded for a purpose, not the sex at birth; with no birth sex and no gender, \"{}\" was used as the sex at birth", first.what, first.sex),
            );
            return Some(first.sex);
        }
    }
    if gender.is_none() && node.has("gender") {
        // Not an R4 gender: that problem is already noted.
        return None;
    }
    let message = match gender {
        Some(code) => format!(
            "\"{code}\" gives no sex at birth, and no birth-sex extension does: a profile needs the sex at birth (female or male)"
        ),
        None => "the Patient gives no sex at birth (no us-core-birthsex, no gender female or male): a profile needs it".to_string(),
    };
    let kind = if gender.is_some() {
        FhirProblemKind::UnknownCode
    } else {
        FhirProblemKind::MissingField
    };
    reader.problem(&gender_path, kind, message);
    None
}

/// An extension: `url` and `value[x]` or nested extensions.
pub(super) fn extension<'v>(reader: &mut Reader, path: &str, value: &'v Value) -> Option<Node<'v>> {
    let node = reader.node(
        path,
        value,
        |name| {
            let base = name.strip_prefix('_').unwrap_or(name);
            ["id", "extension", "url"].contains(&base) || base.starts_with("value")
        },
        "Extension",
    )?;
    if !node.has("url") {
        reader.problem(
            &node.at("url"),
            FhirProblemKind::MissingField,
            "is required by FHIR R4 (every extension names its definition)".to_string(),
        );
    }
    Some(node)
}

/// The sex an extension's value says: a `valueCode` (`F`, `M`), a `valueCoding` or a
/// `valueCodeableConcept`.
fn value_sex(reader: &mut Reader, maps: &Maps, ext: &Node<'_>) -> Option<Sex> {
    if let Some(code) = reader.text(ext, "valueCode") {
        return code_sex(maps, code);
    }
    let mut codings = Vec::new();
    if let Some(value) = ext.get("valueCoding") {
        codings.extend(reader.coding(&ext.at("valueCoding"), value));
    }
    if let Some(concept) = reader.concept(ext, "valueCodeableConcept") {
        codings.extend(concept.codings);
    }
    let found: Vec<Sex> = codings.iter().filter_map(|c| coding_sex(maps, c)).collect();
    let first = *found.first()?;
    found.iter().all(|s| *s == first).then_some(first)
}

/// `individual-recordedSexOrGender`: the sex of its `value`, and whether its `type` says sex
/// assigned at birth.
fn recorded_parts(reader: &mut Reader, maps: &Maps, ext: &Node<'_>) -> (Option<Sex>, bool) {
    let (mut sex, mut typed) = (None, false);
    for (path, value) in reader.list(ext, "extension") {
        let Some(part) = extension(reader, &path, value) else {
            continue;
        };
        match reader.text(&part, "url") {
            Some("value") => sex = value_sex(reader, maps, &part),
            Some("type") => {
                if let Some(concept) = reader.concept(&part, "valueCodeableConcept") {
                    typed = concept
                        .codings
                        .iter()
                        .any(|c| maps.is_one_of(&maps.sex.birth_sex_types, c));
                }
            }
            _ => {}
        }
    }
    (sex, typed)
}

fn coding_sex(maps: &Maps, coding: &Coding) -> Option<Sex> {
    maps.sex
        .code
        .iter()
        .find(|group| maps.is_one_of(&group.codes, coding))
        .and_then(|group| Sex::parse(&group.sex))
}

/// A bare code (`valueCode`): `F`, `M`, `female`, `male` … as the sex table writes them.
fn code_sex(maps: &Maps, code: &str) -> Option<Sex> {
    maps.sex
        .code
        .iter()
        .find(|group| {
            group
                .codes
                .iter()
                .any(|short| short.split_once(':').is_some_and(|(_, c)| c == code))
        })
        .and_then(|group| Sex::parse(&group.sex))
}

//! From what the entries said to the profile: the latest smoking status, height and weight; one
//! screening per test and day (results merged); vaccines from the antigens given each day; "none"
//! only where the bundle says so; everything left out named in the ledger.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Number, Value};

use super::ledger::{Ledger, NotUsedKind};
use super::patient::BirthAnswer;
use super::Context;
use crate::codes::{Condition, Organ, Relation, Sex, SmokingStatus, Test, TestResult, Vaccine};
use crate::date;

/// How long a pregnancy status tells the present: an observation of pregnancy is a point in time,
/// used when made within this many days of the evaluation date.
pub(super) const PREGNANCY_DAYS: i64 = 30;

/// The most entries a list of the profile may have (the profile's own limit): the most recent are
/// kept.
const MAX_ENTRIES: usize = 200;

/// Something an entry said, with where.
#[derive(Debug, Clone)]
pub(super) struct Found<T> {
    pub entry: usize,
    pub path: String,
    pub value: T,
    /// A caveat to report when it is used.
    pub note: Option<String>,
}

/// A value and the day it was observed, when known.
#[derive(Debug, Clone, Copy)]
pub(super) struct Dated<T> {
    pub day: Option<NaiveDate>,
    pub value: T,
}

/// A test done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Screening {
    pub test: Test,
    /// As precise as the record gives it (a month or a year is an approximate profile date).
    pub day: crate::date::Date,
    pub result: TestResult,
}

/// A dose given: the antigens it carries.
#[derive(Debug, Clone)]
pub(super) struct Dose {
    /// As precise as the record gives it.
    pub day: crate::date::Date,
    pub antigens: BTreeSet<String>,
    /// The vaccine as the record codes it, for reasons.
    pub what: String,
}

/// A relative's diagnosis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Relative {
    pub relation: Relation,
    pub condition: Condition,
    pub age: Option<i64>,
}

/// A side of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Left,
    Right,
}

/// Everything the entries said, before it becomes a profile.
#[derive(Debug, Default)]
pub(super) struct Draft {
    /// Entries used as they are (the Patient).
    pub used: Vec<usize>,
    pub screenings: Vec<Found<Screening>>,
    pub doses: Vec<Found<Dose>>,
    pub conditions: Vec<Found<Condition>>,
    /// Organs removed (or never there).
    pub organs: Vec<Found<Organ>>,
    /// One breast removed.
    pub breasts: Vec<Found<Side>>,
    /// "No current problems".
    pub no_known_problems: Vec<Found<()>>,
    pub family: Vec<Found<Relative>>,
    pub smoking: Vec<Found<Dated<SmokingStatus>>>,
    pub pack_years: Vec<Found<Dated<f64>>>,
    pub heights: Vec<Found<Dated<f64>>>,
    pub weights: Vec<Found<Dated<f64>>>,
    pub pregnancy: Vec<Found<Dated<bool>>>,
    /// Lists of the profile the bundle says are empty (`conditions`, `familyHistory`,
    /// `vaccinations`).
    pub nil_known: Vec<Found<&'static str>>,
}

/// The profile made from a bundle (docs/contract.md §1), as a person would write it: absent answers are
/// left out. Serialized in the contract's order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedProfile {
    /// `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// Whole years, when the birth date is only a year or a month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age: Option<i64>,
    /// `female` or `male`, at birth.
    pub sex: String,
    /// Organs the records say are gone (`false`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub organs: BTreeMap<String, bool>,
    /// Pregnant now (a recent pregnancy status).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pregnant: Option<bool>,
    /// The latest smoking status and pack-years.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smoking: Option<SmokingAnswer>,
    /// The latest adult height, in centimetres.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height_cm: Option<Number>,
    /// The latest adult weight, in kilograms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_kg: Option<Number>,
    /// The person's conditions; `[]` only when the bundle says there are none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Vec<String>>,
    /// Relatives' diagnoses; `[]` only when the bundle says there are none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family_history: Option<Vec<RelativeAnswer>>,
    /// Tests done, one per test and day, oldest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub screenings: Option<Vec<ScreeningAnswer>>,
    /// Vaccines given, one per vaccine and day, oldest first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vaccinations: Option<Vec<VaccinationAnswer>>,
    /// Ancestries a guideline names that the race extension gives (`asian`, `black`); absent when
    /// it gives none (docs/fhir.md: race codes never say Ashkenazi Jewish ancestry).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ancestry: Option<Vec<String>>,
}

/// `smoking` of a profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SmokingAnswer {
    /// `never`, `former` or `current`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Pack-years smoked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pack_years: Option<Number>,
}

/// One row of `familyHistory`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RelativeAnswer {
    /// Who the relative is (`mother` …).
    pub relation: String,
    /// Their condition.
    pub condition: String,
    /// Their age when diagnosed, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_at_diagnosis: Option<i64>,
}

/// One row of `screenings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScreeningAnswer {
    /// Which test.
    pub test: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `normal`, `abnormal` or `unknown`.
    pub result: String,
}

/// One row of `vaccinations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VaccinationAnswer {
    /// Which vaccine.
    pub vaccine: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

impl ImportedProfile {
    /// The profile as a JSON value, as `Profile::from_value` reads it.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// A number with one decimal, written as an integer when it is one (`26`, not `26.0`).
fn number(value: f64) -> Option<Number> {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        #[allow(clippy::cast_possible_truncation)]
        Some(Number::from(rounded as i64))
    } else {
        Number::from_f64(rounded)
    }
}

fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// Keeps the latest of `found` (by day; undated ones count as oldest, the later entry wins a tie);
/// the others are superseded.
fn latest<T: Clone>(
    found: &[Found<Dated<T>>],
    ledger: &mut Ledger,
    used: &mut Vec<usize>,
    what: &str,
) -> Option<Found<Dated<T>>> {
    let best = found
        .iter()
        .enumerate()
        .max_by_key(|(i, f)| (f.value.day, *i))
        .map(|(_, f)| f.clone())?;
    for other in found {
        if other.entry != best.entry || other.path != best.path {
            let when = best
                .value
                .day
                .map(|d| format!(" ({d})"))
                .unwrap_or_default();
            ledger.not_used(
                other.entry,
                &other.path,
                NotUsedKind::Superseded,
                format!("an older {what}: the latest, {}{when}, was used", best.path),
            );
        }
    }
    used.push(best.entry);
    if let Some(note) = &best.note {
        ledger.note(best.entry, &best.path, note.clone());
    }
    Some(best)
}

impl Draft {
    /// The profile, the entries used, and the ledger completed.
    pub(super) fn assemble(
        self,
        ctx: &Context<'_>,
        mut ledger: Ledger,
    ) -> (ImportedProfile, Vec<usize>, Ledger) {
        let mut used = self.used.clone();
        let person = &ctx.person;
        let mut profile = ImportedProfile {
            sex: person.sex.as_str().to_string(),
            ..ImportedProfile::default()
        };
        match person.birth {
            BirthAnswer::Date(day) => profile.birth_date = Some(day_text(day)),
            BirthAnswer::Age(years) => profile.age = Some(years),
        }
        profile.ancestry = person
            .ancestry
            .as_ref()
            .map(|list| list.iter().map(|a| a.as_str().to_string()).collect());

        // Organs: gone when a record says so; one breast per record, both breasts when both
        // sides are gone.
        for found in &self.organs {
            profile
                .organs
                .insert(found.value.as_str().to_string(), false);
            used.push(found.entry);
            if let Some(note) = &found.note {
                ledger.note(found.entry, &found.path, note.clone());
            }
        }
        let left = self.breasts.iter().any(|f| f.value == Side::Left);
        let right = self.breasts.iter().any(|f| f.value == Side::Right);
        for found in &self.breasts {
            if left && right {
                profile
                    .organs
                    .insert(Organ::Breasts.as_str().to_string(), false);
                used.push(found.entry);
                ledger.note(
                    found.entry,
                    &found.path,
                    "one breast removed here and the other in another record: no breasts"
                        .to_string(),
                );
            } else {
                let side = if found.value == Side::Left {
                    "left"
                } else {
                    "right"
                };
                ledger.not_used(
                    found.entry,
                    &found.path,
                    NotUsedKind::NotCounted,
                    format!("one breast ({side}) removed: the other remains, so the breasts are still screened"),
                );
            }
        }

        // Pregnancy: the latest status, when recent and possible.
        if let Some(latest) = latest(&self.pregnancy, &mut ledger, &mut used, "pregnancy status") {
            let recent = latest
                .value
                .day
                .is_some_and(|day| (ctx.as_of - day).num_days() <= PREGNANCY_DAYS);
            let uterus = profile
                .organs
                .get(Organ::Uterus.as_str())
                .copied()
                .unwrap_or(person.sex == Sex::Female);
            used.retain(|e| *e != latest.entry);
            if !recent {
                let when = latest
                    .value
                    .day
                    .map_or("no date".to_string(), |d| d.to_string());
                ledger.not_used(
                    latest.entry,
                    &latest.path,
                    NotUsedKind::OutOfDate,
                    format!("a pregnancy status is a point in time: this one ({when}) is more than {PREGNANCY_DAYS} days before the evaluation date {}", ctx.as_of),
                );
            } else if latest.value.value && !uterus {
                ledger.not_used(
                    latest.entry,
                    &latest.path,
                    NotUsedKind::Contradiction,
                    "says pregnant, but the profile has no uterus (sex at birth and organs)"
                        .to_string(),
                );
            } else {
                profile.pregnant = Some(latest.value.value);
                used.push(latest.entry);
            }
        }

        // Smoking: the latest status and the latest pack-years.
        let status = latest(&self.smoking, &mut ledger, &mut used, "smoking status");
        let mut pack_years = latest(&self.pack_years, &mut ledger, &mut used, "pack-years");
        if let (Some(s), Some(p)) = (&status, &pack_years) {
            if s.value.value == SmokingStatus::Never && p.value.value > 0.0 {
                used.retain(|e| *e != p.entry);
                ledger.not_used(
                    p.entry,
                    &p.path,
                    NotUsedKind::Contradiction,
                    format!(
                        "pack-years above 0, but the smoking status ({}) is \"never\"",
                        s.path
                    ),
                );
                pack_years = None;
            }
        }
        if status.is_some() || pack_years.is_some() {
            profile.smoking = Some(SmokingAnswer {
                status: status.map(|s| s.value.value.as_str().to_string()),
                pack_years: pack_years.and_then(|p| number(p.value.value)),
            });
        }

        // Height and weight: the latest, not a child's for an adult.
        let adult_now = person.age_on(ctx.as_of) >= 18;
        for (found, what, field) in [
            (&self.heights, "height", &mut profile.height_cm),
            (&self.weights, "weight", &mut profile.weight_kg),
        ] {
            let mut kept = Vec::new();
            for f in found {
                let age = f
                    .value
                    .day
                    .map(|day| date::years_between(person.earliest_birth, day));
                match age {
                    Some(age) if adult_now && age < 18 => ledger.not_used(
                        f.entry,
                        &f.path,
                        NotUsedKind::OutOfDate,
                        format!("a {what} measured at about {age}, as a child: not the adult's"),
                    ),
                    _ => kept.push(f.clone()),
                }
            }
            if let Some(latest) = latest(&kept, &mut ledger, &mut used, what) {
                *field = number(latest.value.value);
            }
        }

        // Conditions: those found, else "none" when the bundle says so.
        let mut conditions: Vec<Condition> = Vec::new();
        for found in &self.conditions {
            if !conditions.contains(&found.value) {
                conditions.push(found.value);
            }
            used.push(found.entry);
            if let Some(note) = &found.note {
                ledger.note(found.entry, &found.path, note.clone());
            }
        }
        let first_condition = self.conditions.first().map(|f| f.path.clone());
        let mut none_said = false;
        for found in &self.no_known_problems {
            match &first_condition {
                Some(path) => ledger.not_used(
                    found.entry,
                    &found.path,
                    NotUsedKind::Contradiction,
                    format!("says there are no current problems, but {path} records one"),
                ),
                None => {
                    none_said = true;
                    used.push(found.entry);
                }
            }
        }
        let nil = |field: &'static str| self.nil_known.iter().filter(move |f| f.value == field);
        for found in nil("conditions") {
            match &first_condition {
                Some(path) => ledger.not_used(
                    found.entry,
                    &found.path,
                    NotUsedKind::Contradiction,
                    format!("says no problems are known, but {path} records one"),
                ),
                None => {
                    none_said = true;
                    used.push(found.entry);
                }
            }
        }
        if !conditions.is_empty() || none_said {
            conditions.truncate(MAX_ENTRIES);
            profile.conditions = Some(conditions.iter().map(|c| c.as_str().to_string()).collect());
        }

        // Family history: every relative's diagnosis; "none" when the bundle says so.
        let mut family: Vec<RelativeAnswer> = Vec::new();
        for (i, found) in self.family.iter().enumerate() {
            if i >= MAX_ENTRIES {
                ledger.not_used(
                    found.entry,
                    &found.path,
                    NotUsedKind::TooMany,
                    format!("a profile lists at most {MAX_ENTRIES} relatives' diagnoses"),
                );
                continue;
            }
            family.push(RelativeAnswer {
                relation: found.value.relation.as_str().to_string(),
                condition: found.value.condition.as_str().to_string(),
                age_at_diagnosis: found.value.age,
            });
            used.push(found.entry);
            if let Some(note) = &found.note {
                ledger.note(found.entry, &found.path, note.clone());
            }
        }
        let first_relative = self.family.first().map(|f| f.path.clone());
        let mut no_family = false;
        for found in nil("familyHistory") {
            match &first_relative {
                Some(path) => ledger.not_used(
                    found.entry,
                    &found.path,
                    NotUsedKind::Contradiction,
                    format!("says no family history is known, but {path} records one"),
                ),
                None => {
                    no_family = true;
                    used.push(found.entry);
                }
            }
        }
        if !family.is_empty() || no_family {
            profile.family_history = Some(family);
        }

        profile.screenings = self.screenings(&mut ledger, &mut used);
        profile.vaccinations = self.vaccinations(ctx, &mut ledger, &mut used);
        if profile.vaccinations.is_none() {
            let mut no_vaccines = false;
            for found in nil("vaccinations") {
                no_vaccines = true;
                used.push(found.entry);
            }
            if no_vaccines {
                profile.vaccinations = Some(Vec::new());
            }
        } else {
            let first = self
                .doses
                .first()
                .map(|d| d.path.clone())
                .unwrap_or_default();
            for found in nil("vaccinations") {
                ledger.not_used(
                    found.entry,
                    &found.path,
                    NotUsedKind::Contradiction,
                    format!("says no immunizations are known, but {first} records one"),
                );
            }
        }
        used.sort_unstable();
        used.dedup();
        (profile, used, ledger)
    }

    /// One screening per test and day: the records of the same test on the same day are one, with
    /// the gravest result (abnormal, then normal, then unknown); the most recent 200.
    fn screenings(
        &self,
        ledger: &mut Ledger,
        used: &mut Vec<usize>,
    ) -> Option<Vec<ScreeningAnswer>> {
        if self.screenings.is_empty() {
            return None;
        }
        let mut by_day: BTreeMap<(crate::date::Date, Test), Vec<&Found<Screening>>> =
            BTreeMap::new();
        for found in &self.screenings {
            by_day
                .entry((found.value.day, found.value.test))
                .or_default()
                .push(found);
        }
        let rank = |r: TestResult| match r {
            TestResult::Abnormal => 2,
            TestResult::Normal => 1,
            TestResult::Unknown => 0,
        };
        let count = by_day.len();
        let mut rows = Vec::new();
        for (i, ((day, test), records)) in by_day.into_iter().enumerate() {
            if count - i > MAX_ENTRIES {
                for found in records {
                    ledger.not_used(
                        found.entry,
                        &found.path,
                        NotUsedKind::TooMany,
                        format!("a profile lists at most {MAX_ENTRIES} tests: the most recent were kept"),
                    );
                }
                continue;
            }
            let result = records
                .iter()
                .map(|f| f.value.result)
                .max_by_key(|r| rank(*r))
                .unwrap_or(TestResult::Unknown);
            let paths: Vec<&str> = records.iter().map(|f| f.path.as_str()).collect();
            let mut entries: Vec<usize> = records.iter().map(|f| f.entry).collect();
            entries.dedup();
            for found in &records {
                used.push(found.entry);
                if let Some(note) = &found.note {
                    ledger.note(found.entry, &found.path, note.clone());
                }
            }
            if entries.len() > 1 {
                if let Some(first) = records.first() {
                    ledger.note(
                        first.entry,
                        &first.path,
                        format!("{test} on {day} is recorded {} times ({}): counted once, result {result}", paths.len(), paths.join(", ")),
                    );
                }
            }
            rows.push(ScreeningAnswer {
                test: test.as_str().to_string(),
                date: day.to_string(),
                result: result.as_str().to_string(),
            });
        }
        Some(rows)
    }

    /// The vaccines of the profile, antigen by antigen: the doses of one day are pooled, and each
    /// vaccine whose antigens the pool holds is recorded that day (not one that another recorded
    /// that day includes, as `dtp` in `dtp-pertussis`). A dose that gives nothing is not used.
    fn vaccinations(
        &self,
        ctx: &Context<'_>,
        ledger: &mut Ledger,
        used: &mut Vec<usize>,
    ) -> Option<Vec<VaccinationAnswer>> {
        if self.doses.is_empty() {
            return None;
        }
        let rules: Vec<(Vaccine, BTreeSet<&str>)> = ctx
            .maps
            .vaccines
            .vaccines
            .iter()
            .filter_map(|(name, antigens)| {
                Some((
                    Vaccine::parse(name)?,
                    antigens.iter().map(String::as_str).collect(),
                ))
            })
            .collect();
        let mut by_day: BTreeMap<crate::date::Date, Vec<&Found<Dose>>> = BTreeMap::new();
        for dose in &self.doses {
            by_day.entry(dose.value.day).or_default().push(dose);
        }
        let mut given: BTreeSet<(crate::date::Date, Vaccine)> = BTreeSet::new();
        for (day, doses) in &by_day {
            let pool: BTreeSet<&str> = doses
                .iter()
                .flat_map(|d| d.value.antigens.iter().map(String::as_str))
                .collect();
            let fits: Vec<&(Vaccine, BTreeSet<&str>)> = rules
                .iter()
                .filter(|(_, needs)| needs.is_subset(&pool))
                .collect();
            let kept: Vec<&(Vaccine, BTreeSet<&str>)> = fits
                .iter()
                .copied()
                .filter(|(_, needs)| {
                    !fits
                        .iter()
                        .any(|(_, other)| needs.len() < other.len() && needs.is_subset(other))
                })
                .collect();
            let counted: BTreeSet<&str> = kept
                .iter()
                .flat_map(|(_, needs)| needs.iter().copied())
                .collect();
            // What each dose would give alone, to say when the day's pool made the difference.
            let alone = |dose: &Found<Dose>| -> BTreeSet<Vaccine> {
                rules
                    .iter()
                    .filter(|(_, needs)| needs.iter().all(|a| dose.value.antigens.contains(*a)))
                    .map(|(v, _)| *v)
                    .collect()
            };
            for dose in doses {
                let gives = dose
                    .value
                    .antigens
                    .iter()
                    .any(|a| counted.contains(a.as_str()));
                if gives {
                    used.push(dose.entry);
                    if let Some(note) = &dose.note {
                        ledger.note(dose.entry, &dose.path, note.clone());
                    }
                    let own = alone(dose);
                    let pooled: Vec<&str> = kept
                        .iter()
                        .filter(|(v, needs)| {
                            !own.contains(v)
                                && needs.iter().any(|a| dose.value.antigens.contains(*a))
                        })
                        .map(|(v, _)| v.as_str())
                        .collect();
                    let others: Vec<&str> = doses
                        .iter()
                        .filter(|d| d.entry != dose.entry)
                        .map(|d| d.path.as_str())
                        .collect();
                    if !pooled.is_empty() {
                        ledger.note(
                            dose.entry,
                            &dose.path,
                            format!(
                                "counted with the dose of the same day ({}): together they carry the antigens of {}",
                                others.join(", "),
                                pooled.join(", ")
                            ),
                        );
                    } else if doses
                        .iter()
                        .any(|d| d.entry < dose.entry && !alone(d).is_disjoint(&own))
                    {
                        ledger.note(
                            dose.entry,
                            &dose.path,
                            format!("the same vaccine on {day} is recorded more than once: counted once"),
                        );
                    }
                } else {
                    let antigens: Vec<&str> =
                        dose.value.antigens.iter().map(String::as_str).collect();
                    let why = dose.note.clone().unwrap_or_else(|| {
                        "no vaccine of the profile is made of these antigens".to_string()
                    });
                    let carries = if antigens.is_empty() {
                        "no antigen Vigie counts".to_string()
                    } else {
                        antigens.join(", ")
                    };
                    ledger.not_used(
                        dose.entry,
                        &dose.path,
                        NotUsedKind::NotCounted,
                        format!("{} carries {carries}: {why}", dose.value.what),
                    );
                }
            }
            for (vaccine, _) in kept {
                given.insert((*day, *vaccine));
            }
        }
        let count = given.len();
        let rows: Vec<VaccinationAnswer> = given
            .into_iter()
            .skip(count.saturating_sub(MAX_ENTRIES))
            .map(|(day, vaccine)| VaccinationAnswer {
                vaccine: vaccine.as_str().to_string(),
                date: day.to_string(),
            })
            .collect();
        if rows.is_empty() {
            None
        } else {
            Some(rows)
        }
    }
}

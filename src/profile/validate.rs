//! Strict, exhaustive validation of a JSON profile: every problem at once, each at its JSON path.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::json::{self, field_path};
use super::{
    Birth, FamilyHistory, Problem, ProblemKind, Profile, ProfileError, Screening, Smoking,
    Vaccination,
};
use crate::codes::{Condition, Organ, Relation, Sex, SmokingStatus, Test, TestResult, Vaccine};
use crate::date;

const ROOT_FIELDS: &[&str] = &[
    "birthDate",
    "age",
    "sex",
    "organs",
    "pregnant",
    "smoking",
    "heightCm",
    "weightKg",
    "conditions",
    "familyHistory",
    "screenings",
    "vaccinations",
    "departement",
];
const SMOKING_FIELDS: &[&str] = &["status", "packYears", "quitDate"];
const FAMILY_FIELDS: &[&str] = &["relation", "condition", "ageAtDiagnosis"];
const SCREENING_FIELDS: &[&str] = &["test", "date", "result"];
const VACCINATION_FIELDS: &[&str] = &["vaccine", "date"];
/// The oldest age accepted.
pub const MAX_AGE: i64 = 120;
/// The most entries a list may have. A lifetime of yearly tests is about a hundred; a longer list
/// is a mistake, and one of over 10 000 would make rules stop at the sandbox's array limit.
pub const MAX_ENTRIES: usize = 200;

pub(super) fn from_json(text: &str, as_of: NaiveDate) -> Result<Profile, ProfileError> {
    let (value, repeated) = json::parse(text).map_err(|problems| ProfileError { problems })?;
    match from_value(&value, as_of) {
        Ok(profile) if repeated.is_empty() => Ok(profile),
        Ok(_) => Err(ProfileError { problems: repeated }),
        Err(err) => Err(ProfileError {
            problems: repeated.into_iter().chain(err.problems).collect(),
        }),
    }
}

pub(super) fn from_bytes(bytes: &[u8], as_of: NaiveDate) -> Result<Profile, ProfileError> {
    let text = json::text_of(bytes).map_err(|problems| ProfileError { problems })?;
    from_json(text, as_of)
}

pub(super) fn from_value(value: &Value, as_of: NaiveDate) -> Result<Profile, ProfileError> {
    let mut check = Checker {
        as_of,
        problems: Vec::new(),
        earliest_birth: None,
    };
    let profile = check.profile(value);
    match profile {
        Some(profile) if check.problems.is_empty() => Ok(profile),
        _ => {
            if check.problems.is_empty() {
                check.problem("", ProblemKind::WrongType, "could not be read".to_string());
            }
            Err(ProfileError {
                problems: check.problems,
            })
        }
    }
}

/// Shows a JSON value the person gave, shortened when long.
fn shown(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        let head: String = text.chars().take(57).collect();
        format!("{head}…")
    } else {
        text
    }
}

/// A JSON value's type, in words.
fn type_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn join(parent: &str, field: &str) -> String {
    field_path(parent, field)
}

struct Checker {
    as_of: NaiveDate,
    problems: Vec<Problem>,
    /// The earliest day the person can have been born (for "before birth" checks).
    earliest_birth: Option<NaiveDate>,
}

impl Checker {
    fn problem(&mut self, path: &str, kind: ProblemKind, message: String) {
        self.problems.push(Problem::new(path, kind, message));
    }

    /// Checks an object's field names; returns the object when it is one.
    fn object<'v>(
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
    fn present<'v>(map: &'v Map<String, Value>, field: &str) -> Option<&'v Value> {
        map.get(field).filter(|v| !v.is_null())
    }

    fn required<'v>(
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

    fn code<C>(
        &mut self,
        path: &str,
        value: &Value,
        what: &str,
        parse: fn(&str) -> Option<C>,
        accepted: fn() -> String,
    ) -> Option<C> {
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
        let code = parse(text);
        if code.is_none() {
            self.problem(
                path,
                ProblemKind::UnknownCode,
                format!("unknown {what} {}; accepted: {}", shown(value), accepted()),
            );
        }
        code
    }

    fn date(&mut self, path: &str, value: &Value) -> Option<NaiveDate> {
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

    /// A past event's date: a date, not in the future, not before birth.
    fn event_date(&mut self, path: &str, value: &Value) -> Option<NaiveDate> {
        let day = self.date(path, value)?;
        if let Some(born) = self.earliest_birth {
            if day < born {
                self.problem(
                    path,
                    ProblemKind::BeforeBirth,
                    format!("{day} is before the person was born"),
                );
                return None;
            }
        }
        Some(day)
    }

    fn number(&mut self, path: &str, value: &Value, min: f64, max: f64, unit: &str) -> Option<f64> {
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

    fn whole_number(&mut self, path: &str, value: &Value, min: i64, max: i64) -> Option<i64> {
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

    fn boolean(&mut self, path: &str, value: &Value) -> Option<bool> {
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
    fn list<'v>(&mut self, path: &str, value: &'v Value) -> Option<&'v Vec<Value>> {
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

    fn profile(&mut self, value: &Value) -> Option<Profile> {
        let map = self.object("", value, ROOT_FIELDS)?;
        let birth = self.birth(map);
        let sex = match self.required(map, "", "sex", "female or male") {
            Some(v) => self.code("sex", v, Sex::WHAT, Sex::parse, Sex::accepted),
            None => None,
        };
        let organs = self.organs(map);
        let pregnant = Self::present(map, "pregnant").and_then(|v| self.boolean("pregnant", v));
        let smoking = Self::present(map, "smoking").and_then(|v| self.smoking(v));
        let height_cm = Self::present(map, "heightCm")
            .and_then(|v| self.number("heightCm", v, 40.0, 250.0, "cm"));
        let weight_kg = Self::present(map, "weightKg")
            .and_then(|v| self.number("weightKg", v, 2.0, 400.0, "kg"));
        let conditions = Self::present(map, "conditions").and_then(|v| self.conditions(v));
        let family_history = Self::present(map, "familyHistory").and_then(|v| self.family(v));
        let screenings = Self::present(map, "screenings").and_then(|v| self.screenings(v));
        let vaccinations = Self::present(map, "vaccinations").and_then(|v| self.vaccinations(v));
        let departement = Self::present(map, "departement").and_then(|v| self.departement(v));

        let profile = Profile {
            birth: birth?,
            sex: sex?,
            organs,
            pregnant,
            smoking,
            height_cm,
            weight_kg,
            conditions,
            family_history,
            screenings,
            vaccinations,
            departement,
        };
        if profile.pregnant == Some(true) && !profile.has_organ(Organ::Uterus) {
            self.problem(
                "pregnant",
                ProblemKind::Contradiction,
                "is true, but the profile has no uterus (see sex and organs)".to_string(),
            );
        }
        Some(profile)
    }

    /// A département code, as text exactly as INSEE writes it (`"01"`, `"2A"`, `"976"`).
    fn departement(&mut self, value: &Value) -> Option<String> {
        match value.as_str() {
            Some(code) if crate::departement::is_code(code) => Some(code.to_string()),
            _ => {
                self.problem(
                    "departement",
                    ProblemKind::UnknownCode,
                    format!(
                        "{} is not a département code; expected {}",
                        shown(value),
                        crate::departement::EXPECTED
                    ),
                );
                None
            }
        }
    }

    fn birth(&mut self, map: &Map<String, Value>) -> Option<Birth> {
        let birth_date = Self::present(map, "birthDate").and_then(|v| {
            let day = self.date("birthDate", v)?;
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
        });
        let age = Self::present(map, "age").and_then(|v| self.whole_number("age", v, 0, MAX_AGE));
        let has_birth_date = Self::present(map, "birthDate").is_some();
        let has_age = Self::present(map, "age").is_some();
        if !has_birth_date && !has_age {
            self.problem(
                "birthDate",
                ProblemKind::MissingField,
                "is required (YYYY-MM-DD), or give age in whole years when the date is unknown"
                    .to_string(),
            );
        }
        match (birth_date, age) {
            (Some(day), Some(years)) => {
                let computed = date::years_between(day, self.as_of);
                if computed != years {
                    self.problem(
                        "age",
                        ProblemKind::Contradiction,
                        format!(
                            "{years} does not match birthDate {day} (age {computed} on {})",
                            self.as_of
                        ),
                    );
                }
                self.earliest_birth = Some(day);
                Some(Birth::Date(day))
            }
            (Some(day), None) if !has_age => {
                self.earliest_birth = Some(day);
                Some(Birth::Date(day))
            }
            (None, Some(years)) if !has_birth_date => {
                self.earliest_birth =
                    date::plus_years(self.as_of, -(years + 1)).and_then(|d| date::plus_days(d, 1));
                Some(Birth::DeclaredAge(years))
            }
            _ => None,
        }
    }

    fn organs(&mut self, map: &Map<String, Value>) -> Vec<(Organ, bool)> {
        let mut organs = Vec::new();
        let Some(value) = Self::present(map, "organs") else {
            return organs;
        };
        let accepted: Vec<&str> = Organ::ALL.iter().map(|o| o.as_str()).collect();
        let Some(fields) = self.object("organs", value, &accepted) else {
            return organs;
        };
        for organ in Organ::ALL {
            if let Some(v) = Self::present(fields, organ.as_str()) {
                if let Some(present) = self.boolean(&join("organs", organ.as_str()), v) {
                    organs.push((*organ, present));
                }
            }
        }
        organs
    }

    fn smoking(&mut self, value: &Value) -> Option<Smoking> {
        let map = self.object("smoking", value, SMOKING_FIELDS)?;
        let status = Self::present(map, "status").and_then(|v| {
            self.code(
                "smoking.status",
                v,
                SmokingStatus::WHAT,
                SmokingStatus::parse,
                SmokingStatus::accepted,
            )
        });
        let pack_years = Self::present(map, "packYears")
            .and_then(|v| self.number("smoking.packYears", v, 0.0, 200.0, "pack-years"));
        let quit_date =
            Self::present(map, "quitDate").and_then(|v| self.event_date("smoking.quitDate", v));
        if quit_date.is_some()
            && matches!(status, Some(SmokingStatus::Current | SmokingStatus::Never))
        {
            let said = status.map(|s| s.as_str()).unwrap_or_default();
            self.problem(
                "smoking.quitDate",
                ProblemKind::Contradiction,
                format!(
                    "is given, but smoking.status is \"{said}\"; a quit date goes with \"former\""
                ),
            );
        }
        if status == Some(SmokingStatus::Never) && pack_years.is_some_and(|p| p > 0.0) {
            self.problem(
                "smoking.packYears",
                ProblemKind::Contradiction,
                "is more than 0, but smoking.status is \"never\"".to_string(),
            );
        }
        Some(Smoking {
            status,
            pack_years,
            quit_date,
        })
    }

    fn conditions(&mut self, value: &Value) -> Option<Vec<Condition>> {
        let items = self.list("conditions", value)?;
        let mut conditions = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("conditions[{i}]");
            if let Some(code) = self.code(
                &path,
                item,
                Condition::WHAT,
                Condition::parse,
                Condition::accepted,
            ) {
                if conditions.contains(&code) {
                    self.problem(
                        &path,
                        ProblemKind::DuplicateEntry,
                        format!("\"{code}\" is listed twice"),
                    );
                } else {
                    conditions.push(code);
                }
            }
        }
        Some(conditions)
    }

    fn family(&mut self, value: &Value) -> Option<Vec<FamilyHistory>> {
        let items = self.list("familyHistory", value)?;
        let mut family = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("familyHistory[{i}]");
            let Some(map) = self.object(&path, item, FAMILY_FIELDS) else {
                continue;
            };
            let relation = self
                .required(map, &path, "relation", "mother, father, sister …")
                .and_then(|v| {
                    self.code(
                        &join(&path, "relation"),
                        v,
                        Relation::WHAT,
                        Relation::parse,
                        Relation::accepted,
                    )
                });
            let condition = self
                .required(
                    map,
                    &path,
                    "condition",
                    "breast-cancer, colorectal-cancer …",
                )
                .and_then(|v| {
                    self.code(
                        &join(&path, "condition"),
                        v,
                        Condition::WHAT,
                        Condition::parse,
                        Condition::accepted,
                    )
                });
            let age_at_diagnosis = Self::present(map, "ageAtDiagnosis")
                .and_then(|v| self.whole_number(&join(&path, "ageAtDiagnosis"), v, 0, MAX_AGE));
            if let (Some(relation), Some(condition)) = (relation, condition) {
                family.push(FamilyHistory {
                    relation,
                    condition,
                    age_at_diagnosis,
                });
            }
        }
        Some(family)
    }

    fn screenings(&mut self, value: &Value) -> Option<Vec<Screening>> {
        let items = self.list("screenings", value)?;
        let mut screenings: Vec<Screening> = Vec::with_capacity(items.len());
        // A set, not a scan of the list: a list of thousands of tests stays linear.
        let mut seen = BTreeSet::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("screenings[{i}]");
            let Some(map) = self.object(&path, item, SCREENING_FIELDS) else {
                continue;
            };
            let test = self
                .required(map, &path, "test", "mammography, fit, hpv-test …")
                .and_then(|v| {
                    self.code(
                        &join(&path, "test"),
                        v,
                        Test::WHAT,
                        Test::parse,
                        Test::accepted,
                    )
                });
            let day = self
                .required(map, &path, "date", "YYYY-MM-DD")
                .and_then(|v| self.event_date(&join(&path, "date"), v));
            let result = match Self::present(map, "result") {
                Some(v) => self.code(
                    &join(&path, "result"),
                    v,
                    TestResult::WHAT,
                    TestResult::parse,
                    TestResult::accepted,
                ),
                None => Some(TestResult::Unknown),
            };
            if let (Some(test), Some(date), Some(result)) = (test, day, result) {
                if !seen.insert((test, date)) {
                    self.problem(
                        &path,
                        ProblemKind::DuplicateEntry,
                        format!("{test} on {date} is listed twice"),
                    );
                    continue;
                }
                screenings.push(Screening { test, date, result });
            }
        }
        Some(screenings)
    }

    fn vaccinations(&mut self, value: &Value) -> Option<Vec<Vaccination>> {
        let items = self.list("vaccinations", value)?;
        let mut vaccinations: Vec<Vaccination> = Vec::with_capacity(items.len());
        let mut seen = BTreeSet::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("vaccinations[{i}]");
            let Some(map) = self.object(&path, item, VACCINATION_FIELDS) else {
                continue;
            };
            let vaccine = self
                .required(map, &path, "vaccine", "dtp, influenza …")
                .and_then(|v| {
                    self.code(
                        &join(&path, "vaccine"),
                        v,
                        Vaccine::WHAT,
                        Vaccine::parse,
                        Vaccine::accepted,
                    )
                });
            let day = self
                .required(map, &path, "date", "YYYY-MM-DD")
                .and_then(|v| self.event_date(&join(&path, "date"), v));
            if let (Some(vaccine), Some(date)) = (vaccine, day) {
                if !seen.insert((vaccine, date)) {
                    self.problem(
                        &path,
                        ProblemKind::DuplicateEntry,
                        format!("{vaccine} on {date} is listed twice"),
                    );
                    continue;
                }
                vaccinations.push(Vaccination { vaccine, date });
            }
        }
        Some(vaccinations)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_of() -> NaiveDate {
        date::parse("2026-01-15").unwrap()
    }

    fn problems(json: &str) -> Vec<String> {
        match Profile::from_json(json, as_of()) {
            Ok(_) => Vec::new(),
            Err(err) => err.problems.iter().map(|p| p.to_string()).collect(),
        }
    }

    fn kinds(json: &str) -> Vec<ProblemKind> {
        match Profile::from_json(json, as_of()) {
            Ok(_) => Vec::new(),
            Err(err) => err.problems.iter().map(|p| p.kind).collect(),
        }
    }

    #[test]
    fn contract_example_is_accepted() {
        let json = r#"{
          "birthDate": "1971-03-02", "sex": "female",
          "organs": { "cervix": true, "breasts": true, "prostate": false },
          "pregnant": false,
          "smoking": { "status": "former", "packYears": 22, "quitDate": "2018-06-01" },
          "heightCm": 168, "weightKg": 81,
          "conditions": ["hypertension"],
          "familyHistory": [ { "relation": "mother", "condition": "breast-cancer", "ageAtDiagnosis": 44 } ],
          "screenings": [
            { "test": "mammography", "date": "2024-11-12", "result": "normal" },
            { "test": "fit", "date": "2023-02-01", "result": "normal" } ],
          "vaccinations": [ { "vaccine": "dtp", "date": "2016-05-10" } ]
        }"#;
        let profile = Profile::from_json(json, as_of()).unwrap();
        assert_eq!(profile.bmi(), Some(28.7));
        assert!(profile.has_organ(Organ::Cervix));
        assert!(!profile.has_organ(Organ::Prostate));
    }

    #[test]
    fn every_problem_is_reported_with_its_path_and_kind() {
        let json = r#"{"birthDate":"1971-03-02","sex":"femme","screenings":[
                {"test":"mammography","date":"2024-11-12"},
                {"test":"mamography","date":"2024-13-01"}],
              "familyHistory":[{"relation":"mother","condition":"breast-cancer","ageAtDiagnosis":150}],
              "colour":"blue"}"#;
        assert_eq!(
            kinds(json),
            [
                ProblemKind::UnknownField,
                ProblemKind::UnknownCode,
                ProblemKind::OutOfRange,
                ProblemKind::UnknownCode,
                ProblemKind::NotADate,
            ]
        );
        let found = problems(json);
        assert_eq!(
            found,
            vec![
                "colour: unknown field; accepted fields: birthDate, age, sex, organs, pregnant, smoking, heightCm, weightKg, conditions, familyHistory, screenings, vaccinations, departement",
                "sex: unknown sex \"femme\"; accepted: female, male",
                "familyHistory[0].ageAtDiagnosis: 150 is out of range (0 to 120)",
                "screenings[1].test: unknown test \"mamography\"; accepted: mammography, breast-mri, breast-ultrasound, fit, colonoscopy, cervical-cytology, hpv-test, low-dose-ct, fasting-glucose, lipid-panel, aaa-ultrasound, prevention-checkup",
                "screenings[1].date: \"2024-13-01\" is not a date (expected YYYY-MM-DD)",
            ]
        );
    }

    #[test]
    fn departement_is_refused_unless_an_insee_code_as_text() {
        for (given, shown) in [
            ("\"20\"", "\"20\""),
            ("\"75001\"", "\"75001\""),
            ("75", "75"),
            ("\"2a\"", "\"2a\""),
            ("\"975\"", "\"975\""),
        ] {
            let found = problems(&format!(
                r#"{{"birthDate":"1971-03-02","sex":"female","departement":{given}}}"#
            ));
            assert_eq!(
                found,
                vec![format!(
                    "departement: {shown} is not a département code; expected {}",
                    crate::departement::EXPECTED
                )],
                "{given}"
            );
        }
        for good in ["01", "2A", "2B", "75", "971", "976"] {
            let profile = Profile::from_json(
                &format!(r#"{{"birthDate":"1971-03-02","sex":"female","departement":"{good}"}}"#),
                as_of(),
            )
            .unwrap();
            assert_eq!(profile.departement.as_deref(), Some(good));
        }
        let unknown = Profile::from_json(
            r#"{"birthDate":"1971-03-02","sex":"female","departement":null}"#,
            as_of(),
        )
        .unwrap();
        assert_eq!(unknown.departement, None);
    }

    #[test]
    fn future_dates_and_dates_before_birth_are_refused() {
        let found = problems(
            r#"{"birthDate":"1980-05-01","sex":"male",
                "screenings":[{"test":"fit","date":"2026-01-16"},{"test":"fit","date":"1979-01-01"}],
                "vaccinations":[{"vaccine":"dtp","date":"2026-01-15"},{"vaccine":"dtp","date":"2026-01-15"}]}"#,
        );
        assert_eq!(
            found,
            vec![
                "screenings[0].date: 2026-01-16 is after the evaluation date 2026-01-15",
                "screenings[1].date: 1979-01-01 is before the person was born",
                "vaccinations[1]: dtp on 2026-01-15 is listed twice",
            ]
        );
    }

    #[test]
    fn age_alone_is_enough_but_something_is_required() {
        assert!(problems(r#"{"age":55,"sex":"female"}"#).is_empty());
        assert_eq!(
            problems(r#"{"sex":"female"}"#),
            vec!["birthDate: is required (YYYY-MM-DD), or give age in whole years when the date is unknown"]
        );
        assert_eq!(
            problems(r#"{"age":-1,"sex":"female"}"#),
            vec!["age: -1 is out of range (0 to 120)"]
        );
        assert_eq!(
            problems(r#"{"birthDate":"1976-01-15","age":49,"sex":"female"}"#),
            vec!["age: 49 does not match birthDate 1976-01-15 (age 50 on 2026-01-15)"]
        );
    }

    #[test]
    fn absent_and_null_answers_mean_unknown() {
        let profile =
            Profile::from_json(r#"{"age":40,"sex":"male","conditions":null}"#, as_of()).unwrap();
        assert_eq!(profile.conditions, None);
        assert_eq!(profile.screenings, None);
        assert_eq!(profile.pregnant, None);
    }

    #[test]
    fn broken_json_says_where() {
        assert_eq!(
            problems("{\"age\": 40,\n \"sex\": }"),
            vec!["profile: is not valid JSON: expected value at line 2, column 9"]
        );
    }

    #[test]
    fn inconsistent_answers_are_refused() {
        assert_eq!(
            kinds(
                r#"{"age":40,"sex":"male","pregnant":true,"smoking":{"status":"never","packYears":3},"conditions":["diabetes","diabetes"]}"#
            ),
            [
                ProblemKind::Contradiction,
                ProblemKind::DuplicateEntry,
                ProblemKind::Contradiction
            ]
        );
        assert_eq!(
            problems(
                r#"{"age":40,"sex":"male","pregnant":true,"smoking":{"status":"never","packYears":3},"conditions":["diabetes","diabetes"]}"#
            ),
            vec![
                "smoking.packYears: is more than 0, but smoking.status is \"never\"",
                "conditions[1]: \"diabetes\" is listed twice",
                "pregnant: is true, but the profile has no uterus (see sex and organs)",
            ]
        );
    }
}

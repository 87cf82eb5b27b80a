//! Strict, exhaustive validation of a JSON profile: every problem at once, each at its JSON path
//! and with its kind. One [`Checker`] walks the profile; each part of it has its own module.

mod body;
mod checker;
mod conditions;
mod dates;
mod family;
mod screenings;
mod smoking;
mod unknown;
mod vaccinations;

use chrono::NaiveDate;
use serde_json::Value;

use super::json;
use super::{ProblemKind, Profile, ProfileError};
use checker::{shown, Checker};

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
    "ancestry",
    "unknown",
];
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
    let mut check = Checker::new(as_of);
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

impl Checker {
    /// The whole profile, its parts in the contract's order; `None` when it is not an object, or
    /// the birth or sex is missing or wrong.
    pub(super) fn profile(&mut self, value: &Value) -> Option<Profile> {
        let map = self.object("", value, ROOT_FIELDS)?;
        let birth = self.birth(map);
        let sex = self.sex(map);
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
        let ancestry = Self::present(map, "ancestry").and_then(|v| self.ancestry(v));

        let mut profile = Profile {
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
            ancestry,
            unknown: crate::profile::Unknown::default(),
        };
        if let Some(unknown) = Self::present(map, "unknown") {
            profile.unknown = self.unknown(unknown, &profile);
        }
        // Last: it reads the answers about sex and organs together.
        self.pregnancy(&profile);
        Some(profile)
    }

    /// A département code, as text exactly as INSEE writes it (`"01"`, `"2A"`, `"976"`).
    pub(super) fn departement(&mut self, value: &Value) -> Option<String> {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::Organ;
    use crate::date;

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
                "colour: unknown field; accepted fields: birthDate, age, sex, organs, pregnant, smoking, heightCm, weightKg, conditions, familyHistory, screenings, vaccinations, departement, ancestry, unknown",
                "sex: unknown sex \"femme\"; accepted: female, male",
                "familyHistory[0].ageAtDiagnosis: 150 is out of range (0 to 120)",
                "screenings[1].test: unknown test \"mamography\"; accepted: mammography, breast-mri, breast-ultrasound, fit, colonoscopy, cervical-cytology, hpv-test, low-dose-ct, fasting-glucose, lipid-panel, aaa-ultrasound, prevention-checkup, stool-dna-fit, gfobt, ct-colonography, flexible-sigmoidoscopy, bone-density, hepatitis-c-test, hiv-test, blood-pressure, hba1c, oral-glucose-tolerance",
                "screenings[1].date: \"2024-13-01\" is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)",
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
    fn a_month_or_a_year_is_read_as_a_day_that_errs_on_the_safe_side() {
        use crate::date::{Date, Precision};
        let at = |day: &str, precision| Date {
            day: date::parse(day).unwrap(),
            precision,
        };
        let profile = Profile::from_json(
            r#"{"birthDate":"1980-05-01","sex":"male",
                "smoking":{"status":"former","quitDate":"2026"},
                "screenings":[{"test":"fit","date":"2024"},{"test":"fit","date":"1980"},
                              {"test":"fit","date":"2024-01-01"},{"test":"fit","date":"2025-02"}],
                "vaccinations":[{"vaccine":"dtp","date":"2026-01"}]}"#,
            as_of(),
        )
        .unwrap();
        let tests: Vec<Date> = profile.screenings.unwrap().iter().map(|s| s.date).collect();
        assert_eq!(
            tests,
            [
                at("2024-01-01", Precision::Year),
                at("1980-05-01", Precision::Year),
                at("2024-01-01", Precision::Day),
                at("2025-02-01", Precision::Month),
            ]
        );
        assert_eq!(
            profile.vaccinations.unwrap()[0].date,
            at("2026-01-01", Precision::Month)
        );
        assert_eq!(
            profile.smoking.unwrap().quit_date,
            Some(at("2026-01-15", Precision::Year))
        );
    }

    #[test]
    fn a_month_or_a_year_after_the_evaluation_date_or_before_birth_is_refused() {
        let found = problems(
            r#"{"birthDate":"1980-05-01","sex":"male",
                "screenings":[{"test":"fit","date":"2026-02"},{"test":"fit","date":"1979"},
                              {"test":"fit","date":"2024-13"},{"test":"fit","date":"1980-04"}],
                "smoking":{"status":"former","quitDate":"2027"}}"#,
        );
        assert_eq!(
            found,
            vec![
                "smoking.quitDate: 2027 is after the evaluation date 2026-01-15",
                "screenings[0].date: 2026-02 is after the evaluation date 2026-01-15",
                "screenings[1].date: 1979 is before the person was born",
                "screenings[2].date: \"2024-13\" is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)",
                "screenings[3].date: 1980-04 is before the person was born",
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

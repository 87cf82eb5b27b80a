//! Answers → profile (docs/questions.md §5): the only way answers become a §1 profile. Each
//! answer fills its question's target, in the file's order; a bad answer is refused at
//! `answers.<id>…` with a kind, and so is a profile the answers make that does not validate.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::{state, Questions, Target};
use crate::profile::{Problem, ProblemKind, Profile, ProfileError};

/// The profile `{"answers": {"<id>": answer, …}}` makes for the questions of a rule set, checked
/// for `as_of`: its JSON (docs/contract.md §1), or every problem.
pub fn profile_from_answers(
    questions: Option<&Questions>,
    answers: &Value,
    as_of: NaiveDate,
) -> Result<Value, ProfileError> {
    let refuse = |problems: Vec<Problem>| Err(ProfileError { problems });
    let Some(outer) = answers.as_object() else {
        return refuse(vec![Problem::new(
            "",
            ProblemKind::WrongType,
            "expected {\"answers\": {…}}".into(),
        )]);
    };
    let mut problems = Vec::new();
    for key in outer.keys().filter(|k| *k != "answers") {
        problems.push(Problem::new(
            key.clone(),
            ProblemKind::UnknownField,
            "unknown field; accepted fields: answers".into(),
        ));
    }
    let Some(given) = outer.get("answers").and_then(Value::as_object) else {
        problems.push(Problem::new(
            "answers",
            ProblemKind::MissingField,
            "expected an object of answers by question id".into(),
        ));
        return refuse(problems);
    };
    let declared = questions.map_or(&[][..], |q| q.questions.as_slice());
    for id in given.keys() {
        if !declared.iter().any(|q| q.id == *id) {
            let ids: Vec<&str> = declared.iter().map(|q| q.id.as_str()).collect();
            problems.push(Problem::new(
                format!("answers.{id}"),
                ProblemKind::UnknownField,
                format!(
                    "not a question of this rule set; its questions: {}",
                    ids.join(", ")
                ),
            ));
        }
    }
    let mut profile = Map::new();
    // Where each answer went, to name the answer a profile problem comes from.
    let mut filled: Vec<(String, String)> = Vec::new();
    for question in declared {
        let Some(answer) = given.get(&question.id) else {
            continue;
        };
        let Some(target) = Target::parse(&question.fills) else {
            continue;
        };
        let at = format!("answers.{}", question.id);
        match state::apply(&mut profile, question, target, answer, as_of) {
            Ok(()) => filled.extend(
                question
                    .fills
                    .targets()
                    .iter()
                    .map(|t| (profile_path(t), at.clone())),
            ),
            Err((path, kind, message)) => {
                let path = if path.is_empty() {
                    at
                } else if path.starts_with('[') {
                    format!("{at}{path}")
                } else {
                    format!("{at}.{path}")
                };
                problems.push(Problem::new(path, kind, message));
            }
        }
    }
    for (key, target) in [("birthDate", "birth"), ("sex", "sex")] {
        let present =
            profile.contains_key(key) || (key == "birthDate" && profile.contains_key("age"));
        if !present && problems.is_empty() {
            let id = declared
                .iter()
                .find(|q| q.fills.targets() == [target])
                .map_or_else(|| target.to_string(), |q| q.id.clone());
            problems.push(Problem::new(
                format!("answers.{id}"),
                ProblemKind::MissingField,
                format!("is required: every profile has its {target}"),
            ));
        }
    }
    if !problems.is_empty() {
        return refuse(problems);
    }
    let value = Value::Object(profile);
    match Profile::from_value(&value, as_of) {
        Ok(_) => Ok(value),
        Err(err) => refuse(
            err.problems
                .into_iter()
                .map(|p| {
                    let from = filled
                        .iter()
                        .find(|(path, _)| p.path.starts_with(path.as_str()))
                        .map_or("answers", |(_, at)| at.as_str());
                    Problem::new(from, p.kind, format!("{}: {}", p.path, p.message))
                })
                .collect(),
        ),
    }
}

/// Where a target lands in the profile (`screenings.fit` → `screenings`).
fn profile_path(target: &str) -> String {
    match target {
        "birth" => "birthDate".into(),
        t => t.split('.').next().unwrap_or(t).to_string(),
    }
}

#[cfg(test)]
#[cfg(feature = "toml")]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::date;

    fn answers(given: Value) -> Result<Value, Vec<(String, ProblemKind)>> {
        let ruleset = crate::questions::fixture::ruleset();
        profile_from_answers(
            ruleset.effective().questions.as_ref(),
            &json!({ "answers": given }),
            date::parse("2026-01-15").unwrap(),
        )
        .map_err(|e| e.problems.into_iter().map(|p| (p.path, p.kind)).collect())
    }

    #[test]
    fn answers_make_a_profile_with_its_unknowns() {
        let profile = answers(json!({
            "birth": {"birthDate": "1966-04-02"}, "sex": "female", "cervix": "no",
            "mammography": {"date": "2024-11-12", "result": "normal"}, "fit": "never",
            "smear": "unknown", "influenza": "2025-10-15",
            "conditions": {"chosen": ["chronic-heart-disease"], "complete": false},
            "diabetes": "no", "family-colorectal": [{"relation": "father", "ageAtDiagnosis": 58}],
            "family-breast": "none", "smoking": "former", "pack-years": 20,
            "quit-date": "2020-03-01", "measures": {"heightCm": 165, "weightKg": 70},
            "ancestry": {"chosen": [], "complete": true}, "departement": "2A"
        }))
        .unwrap();
        assert_eq!(profile["organs"], json!({"cervix": false}));
        assert_eq!(
            profile["screenings"],
            json!([{"test": "mammography", "date": "2024-11-12", "result": "normal"}])
        );
        assert_eq!(
            profile["vaccinations"],
            json!([{"vaccine": "influenza", "date": "2025-10-15"}])
        );
        assert_eq!(profile["conditions"], json!(["chronic-heart-disease"]));
        // Unknown: the lung disease and weak immunity (not complete), every condition never asked
        // about; diabetes is known absent, so the list is spelled out.
        let unknown = profile["unknown"]["conditions"].as_array().unwrap();
        assert!(unknown.contains(&json!("immunocompromised")));
        assert!(!unknown.contains(&json!("diabetes")));
        assert_eq!(
            profile["familyHistory"],
            json!([{"relation": "father", "condition": "colorectal-cancer", "ageAtDiagnosis": 58}])
        );
        assert_eq!(
            profile["smoking"],
            json!({"status": "former", "packYears": 20, "quitDate": "2020-03-01"})
        );
        assert_eq!(profile["departement"], json!("2A"));
    }

    #[test]
    fn groups_fill_lists_and_details_refine_them() {
        let profile = answers(json!({
            "birth": {"birthDate": "1956-04-02"}, "sex": "female",
            "vaccines": {"chosen": ["influenza"], "complete": true},
            "influenza": "2025-10",
            "tests": {"chosen": ["mammography"], "complete": true, "offered": ["mammography", "fit"]},
            "family": {"chosen": [], "complete": false}
        }))
        .unwrap();
        // dtp: never (complete); influenza: the detail's date.
        assert_eq!(
            profile["vaccinations"],
            json!([{"vaccine": "influenza", "date": "2025-10"}])
        );
        let unknown_vaccines = profile["unknown"]["vaccinations"].as_array().unwrap();
        assert!(!unknown_vaccines.contains(&json!("dtp")));
        assert!(!unknown_vaccines.contains(&json!("influenza")));
        // mammography chosen, no date yet: unknown; fit offered and not chosen: never; the
        // smear was not offered: unknown.
        assert_eq!(profile["screenings"], json!([]));
        let unknown_tests = profile["unknown"]["screenings"].as_array().unwrap();
        assert!(unknown_tests.contains(&json!("mammography")));
        assert!(unknown_tests.contains(&json!("cervical-cytology")));
        assert!(!unknown_tests.contains(&json!("fit")));
        // "the ones I remember", none: the family stays unknown.
        assert!(profile.get("familyHistory").is_none());
        assert_eq!(
            answers(json!({"birth": {"age": 50}, "sex": "male",
                "tests": {"chosen": ["fit"], "complete": true, "offered": ["mammography"]}}))
            .unwrap_err(),
            vec![(
                "answers.tests.chosen[0]".to_string(),
                ProblemKind::Contradiction
            )]
        );
    }

    #[test]
    fn approximate_dates_pass_through_and_years_ago_is_a_year() {
        let ruleset = crate::questions::fixture::ruleset();
        let questions = ruleset.effective().questions.clone().unwrap();
        let q = questions
            .questions
            .iter()
            .find(|q| q.id == "influenza")
            .unwrap();
        let target = Target::parse(&q.fills).unwrap();
        let as_of = date::parse("2026-01-15").unwrap();
        for (answer, stored) in [
            (json!({"yearsAgo": 3}), json!("2023")),
            (json!("2022-06"), json!("2022-06")),
        ] {
            let mut profile = Map::new();
            state::apply(&mut profile, q, target, &answer, as_of).unwrap();
            assert_eq!(
                profile["vaccinations"],
                json!([{"vaccine": "influenza", "date": stored}])
            );
            assert_eq!(profile["unknown"]["vaccinations"], json!(true));
        }
    }

    #[test]
    fn bad_answers_are_refused_at_their_path_with_a_kind() {
        assert_eq!(
            answers(
                json!({"birth": "unknown", "sex": "other", "pack-years": 500, "nope": 1,
                           "family-breast": [{"relation": "uncle"}], "mammography": "last year"})
            )
            .unwrap_err(),
            vec![
                ("answers.nope".to_string(), ProblemKind::UnknownField),
                ("answers.birth".to_string(), ProblemKind::MissingField),
                ("answers.sex".to_string(), ProblemKind::UnknownCode),
                ("answers.mammography".to_string(), ProblemKind::NotADate),
                (
                    "answers.family-breast[0].relation".to_string(),
                    ProblemKind::UnknownCode
                ),
                ("answers.pack-years".to_string(), ProblemKind::OutOfRange),
            ]
        );
        assert_eq!(
            answers(json!({"birth": {"age": 50}})).unwrap_err(),
            vec![("answers.sex".to_string(), ProblemKind::MissingField)]
        );
        assert_eq!(
            answers(json!({"birth": {"age": 50}, "sex": "male", "pregnant": "yes"})).unwrap_err(),
            vec![("answers.pregnant".to_string(), ProblemKind::Contradiction)]
        );
    }
}

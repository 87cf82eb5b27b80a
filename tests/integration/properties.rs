//! Property tests of the report's invariants over random valid profiles.

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::{json, Value};
use vigie::codes::{Condition, Organ, Relation, Test, TestResult};
use vigie::{date, Options, Profile, Report, RuleSet, Status};

thread_local! {
    static FRENCH: RuleSet = crate::french();
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

const FAMILY_CONDITIONS: &[Condition] = &[
    Condition::BreastCancer,
    Condition::OvarianCancer,
    Condition::ColorectalCancer,
    Condition::Brca1,
    Condition::Brca2,
    Condition::LynchSyndrome,
];

/// An evaluation date between 2024 and 2030, and a valid profile for it.
fn dated_profile() -> impl Strategy<Value = (NaiveDate, Value)> {
    // Mostly adults and mostly recent tests, where the rules have the most to decide; some of
    // everything else.
    let age_days = prop_oneof![4 => (18 * 365i64)..(80 * 365), 1 => 0i64..(110 * 365)];
    (0i64..(7 * 365), age_days, any::<bool>(), 0u8..10).prop_flat_map(
        |(as_of_offset, age_days, female, shape)| {
            let as_of = date::plus_days(crate::day("2024-01-01"), as_of_offset).unwrap();
            let birth = date::plus_days(as_of, -age_days).unwrap();
            let lived = age_days.max(1);
            let recent = lived.min(6 * 365);
            let organs = proptest::collection::vec((pick(Organ::ALL), any::<bool>()), 0..3);
            let conditions = proptest::option::weighted(0.7, proptest::sample::subsequence(Condition::ALL.to_vec(), 0..3));
            let family = proptest::option::weighted(0.7, proptest::collection::vec(
                (pick(Relation::ALL), pick(FAMILY_CONDITIONS), proptest::option::of(15i64..90)),
                0..4,
            ));
            let days_ago = prop_oneof![4 => 0..recent, 1 => 0..lived];
            let screenings = proptest::option::weighted(0.8, proptest::collection::vec(
                (pick(Test::ALL), days_ago, pick(TestResult::ALL)),
                0..6,
            ));
            (Just(as_of), Just(birth), Just(female), Just(shape), organs, conditions, family, screenings)
        },
    )
    .prop_map(|(as_of, birth, female, shape, organs, conditions, family, screenings)| {
        let mut profile = serde_json::Map::new();
        if shape == 0 {
            profile.insert("age".into(), json!(date::years_between(birth, as_of)));
        } else {
            profile.insert("birthDate".into(), json!(birth.to_string()));
        }
        profile.insert("sex".into(), json!(if female { "female" } else { "male" }));
        if !organs.is_empty() {
            let map: serde_json::Map<String, Value> =
                organs.iter().map(|(o, present)| (o.as_str().to_string(), json!(present))).collect();
            profile.insert("organs".into(), Value::Object(map));
        }
        if let Some(conditions) = conditions {
            profile.insert("conditions".into(), json!(conditions.iter().map(|c| c.as_str()).collect::<Vec<_>>()));
        }
        if let Some(family) = family {
            let entries: Vec<Value> = family
                .iter()
                .map(|(relation, condition, age)| match age {
                    Some(age) => json!({"relation": relation.as_str(), "condition": condition.as_str(), "ageAtDiagnosis": age}),
                    None => json!({"relation": relation.as_str(), "condition": condition.as_str()}),
                })
                .collect();
            profile.insert("familyHistory".into(), Value::Array(entries));
        }
        if let Some(screenings) = screenings {
            let mut seen = Vec::new();
            let mut entries = Vec::new();
            for (test, days_ago, result) in screenings {
                let day = date::plus_days(as_of, -days_ago).unwrap().max(birth);
                if !seen.contains(&(test, day)) {
                    seen.push((test, day));
                    entries.push(json!({"test": test.as_str(), "date": day.to_string(), "result": result.as_str()}));
                }
            }
            profile.insert("screenings".into(), Value::Array(entries));
        }
        (as_of, Value::Object(profile))
    })
}

fn evaluate(profile: &Value, as_of: NaiveDate) -> Report {
    FRENCH.with(|rules| {
        vigie::evaluate(rules, profile, &Options::on(as_of))
            .unwrap_or_else(|err| panic!("generated profile refused: {err:?}\n{profile}"))
    })
}

/// How pressing a status is, for "never more due": absent and info 0 … refer 4.
fn pressure(report: &Report, program: &str) -> u8 {
    match report.nudge(program).map(|n| n.status) {
        None | Some(Status::Info) => 0,
        Some(Status::UpToDate) => 1,
        Some(Status::Upcoming) => 2,
        Some(Status::Due) => 3,
        Some(Status::Refer) => 4,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_valid_profile_gets_a_complete_report_without_errors((as_of, profile) in dated_profile()) {
        let report = evaluate(&profile, as_of);
        prop_assert!(report.errors.is_empty(), "{:?}\n{profile}", report.errors);
        for nudge in &report.nudges {
            prop_assert!(!nudge.title.is_empty() && !nudge.message.is_empty() && !nudge.action.is_empty());
            prop_assert!(!nudge.reasons.is_empty() && !nudge.sources.is_empty(), "{nudge:?}");
        }
    }

    #[test]
    fn due_date_agrees_with_status((as_of, profile) in dated_profile()) {
        let report = evaluate(&profile, as_of);
        let horizon = date::plus_months(as_of, 12).unwrap();
        for nudge in &report.nudges {
            let due = nudge.due_date.as_deref().map(|d| date::parse(d).unwrap());
            let agrees = match nudge.status {
                Status::Due => due.is_some_and(|d| d <= as_of),
                Status::UpToDate => due.is_some_and(|d| d > as_of),
                Status::Upcoming => due.is_some_and(|d| d > as_of && d <= horizon),
                Status::Refer | Status::Info => due.is_none(),
            };
            prop_assert!(agrees, "{} {:?} {:?} on {as_of}\n{profile}", nudge.program, nudge.status, nudge.due_date);
        }
    }

    #[test]
    fn the_same_profile_gives_the_same_bytes((as_of, profile) in dated_profile()) {
        let first = evaluate(&profile, as_of).to_json_pretty();
        let second = evaluate(&profile, as_of).to_json_pretty();
        prop_assert_eq!(first, second);
    }

    #[test]
    fn a_normal_test_dated_today_never_makes_a_program_more_due((as_of, profile) in dated_profile()) {
        let before = evaluate(&profile, as_of);
        for test in Test::ALL {
            let mut after_profile = profile.clone();
            let screenings = after_profile
                .as_object_mut()
                .unwrap()
                .entry("screenings")
                .or_insert_with(|| json!([]))
                .as_array_mut()
                .unwrap();
            screenings.retain(|s| !(s["test"] == test.as_str() && s["date"] == as_of.to_string()));
            screenings.push(json!({"test": test.as_str(), "date": as_of.to_string(), "result": "normal"}));
            let after = evaluate(&after_profile, as_of);
            for program in vigie::codes::Program::ALL {
                let program = program.as_str();
                prop_assert!(
                    pressure(&after, program) <= pressure(&before, program),
                    "{program}: {:?} became {:?} after a normal {} on {as_of}\n{profile}",
                    before.nudge(program).map(|n| n.status),
                    after.nudge(program).map(|n| n.status),
                    test.as_str()
                );
            }
        }
    }

    #[test]
    fn any_json_is_either_a_profile_or_a_list_of_problems(text in ".{0,200}") {
        match Profile::from_json(&text, crate::day("2026-01-15")) {
            Ok(_) => {}
            Err(err) => prop_assert!(!err.problems.is_empty()),
        }
    }
}

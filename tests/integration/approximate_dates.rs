//! Approximate dates (docs/contract.md §1, v1.1): a test, a vaccination or a quit date given as
//! `YYYY` or `YYYY-MM` is read as a day that errs on the safe side, the report says the decision
//! rested on it, and no guessed day is ever written as a fact.

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::{json, Value};
use vigie::{Options, Report, RuleSet};

thread_local! {
    static FRENCH: RuleSet = RuleSet::load(&crate::rules_root().join("fr").join("2026.2.0"))
        .unwrap_or_else(|err| panic!("rules/fr/2026.2.0 does not load: {:#?}", err.diagnostics));
}

fn evaluate(profile: &Value, as_of: &str, locale: &str) -> Report {
    FRENCH.with(|rules| {
        let options = Options {
            as_of: crate::day(as_of),
            locale: Some(locale.to_string()),
            trace: false,
        };
        vigie::evaluate(rules, profile, &options).unwrap()
    })
}

fn nudge(report: &Report, program: &str) -> Value {
    let json: Value = serde_json::from_str(&report.to_json_pretty()).unwrap();
    json["nudges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["program"] == program)
        .unwrap_or_else(|| panic!("no {program} nudge"))
        .clone()
}

fn words(nudge: &Value) -> String {
    let reasons: Vec<&str> = nudge["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    format!(
        "{} {} {} {}",
        nudge["title"].as_str().unwrap(),
        nudge["message"].as_str().unwrap(),
        nudge["action"].as_str().unwrap(),
        reasons.join(" ")
    )
}

fn jeanne() -> Value {
    json!({"birthDate": "1954-05-10", "sex": "female",
           "screenings": [{"test": "mammography", "date": "2022", "result": "normal"}]})
}

#[test]
fn jeanne_with_a_mammogram_in_2022_is_due_since_2024_and_told_the_date_was_approximate() {
    let fr = nudge(
        &evaluate(&jeanne(), "2026-12-05", "fr"),
        "breast-cancer-screening",
    );
    assert_eq!(fr["status"], "due");
    // The JSON due date stays a day (contract §2): the first day of the period, the earliest.
    assert_eq!(fr["dueDate"], "2024-01-01");
    assert_eq!(
        fr["approximate"],
        json!({"dueDate": "year", "dates": [
            {"fact": "last-test", "date": "2022", "precision": "year", "readAs": "2022-01-01"}
        ]})
    );
    let said = words(&fr);
    assert!(said.contains("à partir de 2024"), "{said}");
    assert!(said.contains("mammographie, en 2022"), "{said}");
    assert!(
        said.contains("Date approximative : mammographie en 2022"),
        "{said}"
    );
    for guessed in [
        "1er janvier",
        "1 janvier",
        "janvier 2024",
        "janvier 2022",
        "du 2024",
    ] {
        assert!(!said.contains(guessed), "{guessed} in {said}");
    }
    // The fact says the date as given, never a guessed day.
    let facts = fr["facts"].as_array().unwrap();
    assert!(facts.contains(
        &json!({"fact": "last-test", "test": "mammography", "date": "2022", "result": "normal"})
    ));

    let en = words(&nudge(
        &evaluate(&jeanne(), "2026-12-05", "en"),
        "breast-cancer-screening",
    ));
    assert!(
        en.contains("from 2024") && en.contains("Approximate date: mammogram in 2022"),
        "{en}"
    );
    assert!(!en.contains("January"), "{en}");
}

#[test]
fn a_quit_date_known_by_its_year_counts_from_its_last_day() {
    // A man of 66 who stopped in 2015: under 20 years ago whatever the day (AAA screening), and
    // under 15 years ago for the lung pilot.
    let profile = json!({"birthDate": "1960-03-01", "sex": "male",
        "smoking": {"status": "former", "packYears": 30, "quitDate": "2015"}});
    let report = evaluate(&profile, "2026-12-05", "fr");
    for program in ["aaa-screening", "lung-cancer-screening"] {
        let n = nudge(&report, program);
        assert_eq!(
            n["approximate"]["dates"],
            json!([{"fact": "quit-date", "date": "2015", "precision": "year", "readAs": "2015-12-31"}]),
            "{program}"
        );
        let said = words(&n);
        assert!(said.contains("Arrêt du tabac : en 2015."), "{said}");
        assert!(!said.contains("31 décembre"), "{said}");
    }
    assert_eq!(nudge(&report, "aaa-screening")["status"], "due");
    // The same quit date given as its reading day decides the same.
    let exact = json!({"birthDate": "1960-03-01", "sex": "male",
        "smoking": {"status": "former", "packYears": 30, "quitDate": "2015-12-31"}});
    let exact = evaluate(&exact, "2026-12-05", "fr");
    for program in ["aaa-screening", "lung-cancer-screening"] {
        assert_eq!(
            nudge(&exact, program)["status"],
            nudge(&report, program)["status"]
        );
    }
}

#[test]
fn a_flu_dose_in_october_counts_for_the_season_that_began_on_1_september() {
    let profile = json!({"birthDate": "1950-03-01", "sex": "female",
        "vaccinations": [{"vaccine": "influenza", "date": "2026-10"}]});
    let n = nudge(&evaluate(&profile, "2026-12-05", "fr"), "vaccine-influenza");
    assert_eq!(n["status"], "up-to-date");
    assert_eq!(n["approximate"]["dates"][0]["readAs"], "2026-10-01");
    let said = words(&n);
    assert!(said.contains("grippe, en octobre 2026"), "{said}");
    assert!(said.contains("à partir du début d'octobre 2026"), "{said}");
}

#[test]
fn an_age_only_profile_is_never_told_a_made_up_day() {
    let profile = json!({"age": 49, "sex": "female"});
    for locale in ["fr", "en"] {
        let report = evaluate(&profile, "2026-12-05", locale);
        let n = nudge(&report, "breast-cancer-screening");
        assert_eq!(n["status"], "upcoming");
        assert_eq!(n["approximate"]["dueDate"], "age");
        let said = words(&n);
        let expected = if locale == "fr" {
            "à partir de vos 50 ans"
        } else {
            "age 50"
        };
        assert!(said.contains(expected), "{said}");
        // Nothing like "5 June 2027" / "5 juin 2027": no day of a month in the words.
        let day_month = regex_free_day_month(&said);
        assert!(day_month.is_none(), "{day_month:?} in {said}");
    }
}

/// A day of a month written out ("5 juin", "5 June", "1er juin"), if the text has one.
fn regex_free_day_month(text: &str) -> Option<String> {
    const MONTHS: &[&str] = &[
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(2).find_map(|pair| {
        let day = pair[0].trim_end_matches("er");
        let month = pair[1].trim_end_matches([',', '.', ')']);
        (day.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)) && MONTHS.contains(&month))
            .then(|| pair.join(" "))
    })
}

/// The report's decisions: for each nudge its program, status, due date and rule.
fn decisions(report: &Report) -> Vec<(String, String, Option<String>, String)> {
    report
        .nudges
        .iter()
        .map(|n| {
            (
                n.program.clone(),
                n.status.as_str().to_string(),
                n.due_date.clone(),
                n.rule.clone(),
            )
        })
        .collect()
}

fn profile_with(date: &str) -> Value {
    json!({"birthDate": "1960-03-01", "sex": "female",
        "smoking": {"status": "former", "packYears": 25, "quitDate": date},
        "screenings": [{"test": "mammography", "date": date, "result": "normal"},
                       {"test": "fit", "date": date, "result": "normal"}],
        "vaccinations": [{"vaccine": "influenza", "date": date}, {"vaccine": "dtp", "date": date}]})
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// An exact date never brings the approximate markers, and an approximate date decides
    /// exactly as its reading day would: the same programs, statuses, due dates and rules.
    #[test]
    fn an_approximate_date_decides_as_its_reading_day(year in 2000i32..=2026, month in 1u32..=12, by_year in any::<bool>()) {
        let as_of = "2026-12-05";
        let first = NaiveDate::from_ymd_opt(year, if by_year { 1 } else { month }, 1).unwrap();
        prop_assume!(first <= crate::day(as_of));
        let given = if by_year { format!("{year:04}") } else { format!("{year:04}-{month:02}") };
        let exact = evaluate(&profile_with(&first.to_string()), as_of, "fr");
        prop_assert!(!exact.to_json_pretty().contains("approximate"));
        prop_assert!(!exact.to_json_pretty().contains("Date approximative"));
        // Tests and vaccinations are read as the first day (here the period's first day; the
        // quit date as the last, so it is left out of this comparison).
        let mut approximate_profile = profile_with(&given);
        let mut exact_profile = profile_with(&first.to_string());
        approximate_profile["smoking"] = json!({"status": "former", "packYears": 25});
        exact_profile["smoking"] = approximate_profile["smoking"].clone();
        let approximate = evaluate(&approximate_profile, as_of, "fr");
        let exact = evaluate(&exact_profile, as_of, "fr");
        prop_assert_eq!(decisions(&approximate), decisions(&exact));
        for n in &approximate.nudges {
            let read_any = n.facts.iter().any(|f| matches!(f.kind, "last-test" | "last-vaccination"));
            prop_assert_eq!(n.approximate.is_some(), read_any, "{}", n.program);
        }
    }
}

//! FHIR R4 in (docs/contract.md §5): every test bundle of `tests/fhir/` (the FHIR specification's, US Core's
//! and FR Core's examples, and bundles made for each pitfall; origins in `tests/fhir/SOURCES.md`),
//! each resource kind, one test per pitfall named after it, the refusals, the command line, the
//! boundary with other languages, the tables' digest, and random parts of the bundles.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::{json, Value};
use vigie::fhir::{self, FhirError, FhirProblemKind, Imported, NotUsedKind};
use vigie::{Options, ProfileInput};

use super::cli::{text, vigie};
use super::{day, french};

/// The evaluation date of every test here.
const AS_OF: &str = "2026-01-15";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fhir")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(dir().join(name)).unwrap()
}

fn import(text: &str) -> Result<Imported, FhirError> {
    fhir::import(text, day(AS_OF))
}

fn imported(name: &str) -> Imported {
    import(&read(name)).unwrap_or_else(|err| panic!("{name}: {err:#?}"))
}

fn profile(name: &str) -> Value {
    imported(name).profile.to_value()
}

fn refused(text: &str) -> Vec<(String, FhirProblemKind)> {
    match import(text) {
        Ok(imported) => panic!("imported: {}", imported.to_json_pretty()),
        Err(err) => err.problems.into_iter().map(|p| (p.path, p.kind)).collect(),
    }
}

fn not_used<'a>(imported: &'a Imported, path: &str) -> Vec<(&'a str, NotUsedKind)> {
    imported
        .not_used
        .iter()
        .filter(|n| n.path == path || n.path.starts_with(&format!("{path}.")))
        .map(|n| (n.reason.as_str(), n.kind))
        .collect()
}

fn has_note(imported: &Imported, path: &str, words: &str) -> bool {
    imported
        .notes
        .iter()
        .any(|n| n.path == path && n.note.contains(words))
}

/// A bundle of these resources, the Patient first.
fn bundle(resources: &[Value]) -> String {
    let entries: Vec<Value> = resources.iter().map(|r| json!({ "resource": r })).collect();
    json!({"resourceType": "Bundle", "type": "collection", "entry": entries}).to_string()
}

fn woman(birth: &str) -> Value {
    json!({"resourceType": "Patient", "id": "p", "gender": "female", "birthDate": birth})
}

/// Every entry of an import is used or listed as not used, at its path.
fn accounted(imported: &Imported, entries: usize) -> Result<(), String> {
    for i in 0..entries {
        let path = format!("entry[{i}]");
        let mentioned = imported.used.contains(&path)
            || imported
                .not_used
                .iter()
                .any(|n| n.path == path || n.path.starts_with(&format!("{path}.")));
        if !mentioned {
            return Err(format!("{path} is neither used nor listed as not used"));
        }
    }
    Ok(())
}

fn entries(text: &str) -> usize {
    serde_json::from_str::<Value>(text).unwrap()["entry"]
        .as_array()
        .map_or(0, Vec::len)
}

/// The bundles the R4 validator accepts and Vigie refuses, and why (the others it imports).
const REFUSED_VALID: &[(&str, FhirProblemKind)] = &[
    (
        "pitfall-several-patients.json",
        FhirProblemKind::SeveralPatients,
    ),
    (
        "pitfall-gender-unknown-no-extension.json",
        FhirProblemKind::UnknownCode,
    ),
    ("refused-bad-status-code.json", FhirProblemKind::UnknownCode),
];

#[test]
fn every_test_bundle_is_imported_or_refused_as_the_validator_and_the_manifest_say() {
    let manifest: Value = serde_json::from_str(&read("manifest.json")).unwrap();
    let manifest = manifest.as_object().unwrap();
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && n != "manifest.json")
        .collect();
    names.sort();
    assert_eq!(
        names.len(),
        manifest.len(),
        "every bundle is in manifest.json"
    );
    for name in &names {
        let expect = manifest[name.as_str()]["expect"].as_str().unwrap();
        let outcome = import(&read(name));
        match (
            expect,
            REFUSED_VALID.iter().find(|(n, _)| n == name),
            outcome,
        ) {
            // What the R4 validator rejects, Vigie refuses too.
            ("valid", None, Ok(imported)) => {
                accounted(&imported, entries(&read(name)))
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                assert!(
                    vigie::Profile::from_value(&imported.profile.to_value(), day(AS_OF)).is_ok()
                );
            }
            ("valid", Some((_, kind)), Err(err)) => {
                assert!(
                    err.problems.iter().any(|p| p.kind == *kind),
                    "{name}: {err:#?}"
                )
            }
            (_, None, Err(err)) if expect != "valid" => assert!(!err.problems.is_empty()),
            (expect, _, outcome) => panic!("{name} (validator: {expect}): {outcome:#?}"),
        }
    }
}

#[test]
fn the_r4_specification_examples_give_what_the_spec_says() {
    let imported = imported("r4-spec-examples-patient-example.json");
    // Since v1.1 (issue 16) the blood pressure (interpreted L) is a test, and the ischaemic stroke
    // is cardiovascular disease.
    assert_eq!(
        imported.profile.to_value(),
        json!({"birthDate": "1974-12-25", "sex": "male", "heightCm": 169.9, "weightKg": 83.9,
               "conditions": ["cardiovascular-disease"],
               "screenings": [{"test": "blood-pressure", "date": "2012-09-17", "result": "abnormal"}]})
    );
    // The colonoscopy has no performed[x]; the refused and the subpotent doses do not count; a
    // colon biopsy is not a colonoscopy; conditions of no Vigie code leave `conditions` unknown.
    assert_eq!(
        not_used(&imported, "entry[5].resource")[0].1,
        NotUsedKind::NoDate
    );
    assert_eq!(
        not_used(&imported, "entry[8].resource")[0].1,
        NotUsedKind::Status
    );
    assert_eq!(
        not_used(&imported, "entry[9].resource")[0].1,
        NotUsedKind::Status
    );
    assert_eq!(
        not_used(&imported, "entry[6].resource")[0].1,
        NotUsedKind::UnknownCode
    );
    assert_eq!(imported.not_used.len(), 12, "{:#?}", imported.not_used);
}

#[test]
fn us_core_and_fr_core_examples_give_their_profiles() {
    let us = imported("uscore-examples.json");
    assert_eq!(
        us.profile.to_value(),
        json!({"birthDate": "1987-02-20", "sex": "female",
               "smoking": {"status": "current", "packYears": 26},
               "screenings": [{"test": "blood-pressure", "date": "1999-07-02", "result": "unknown"},
                              {"test": "bone-density", "date": "2021-11-10", "result": "unknown"}],
               "vaccinations": [{"vaccine": "influenza", "date": "2020-11-19"}],
               "ancestry": ["asian"]})
    );
    // A child's height and weight (1999) are not an adult's; a pregnancy status of 2022 is not now.
    assert_eq!(
        not_used(&us, "entry[4].resource")[0].1,
        NotUsedKind::OutOfDate
    );
    assert_eq!(
        not_used(&us, "entry[7].resource")[0].1,
        NotUsedKind::OutOfDate
    );
    assert_eq!(
        not_used(&us, "entry[10].resource")[0].1,
        NotUsedKind::NotRead
    );
    let fr = imported("frcore-examples.json");
    assert_eq!(
        fr.profile.to_value(),
        json!({"birthDate": "1974-12-25", "sex": "male", "heightCm": 185, "weightKg": 96,
               "vaccinations": [{"vaccine": "influenza", "date": "2024-10-15"}]})
    );
}

#[test]
fn observations_reports_and_procedures_give_tests_with_their_results() {
    let imported = imported("results-and-reports.json");
    assert_eq!(
        imported.profile.to_value()["screenings"],
        json!([
            {"test": "gfobt", "date": "2022-10-20", "result": "unknown"},
            {"test": "fit", "date": "2023-10-20", "result": "abnormal"},
            {"test": "colonoscopy", "date": "2024-01-09", "result": "normal"},
            {"test": "cervical-cytology", "date": "2024-05-02", "result": "normal"},
            {"test": "hpv-test", "date": "2024-05-02", "result": "normal"},
            {"test": "mammography", "date": "2025-03-04", "result": "abnormal"}
        ])
    );
    // The same mammography in three records is one test, with the gravest result.
    assert!(has_note(&imported, "entry[1].resource", "recorded 3 times"));
    // A stool test of unknown method is not a FIT (a guaiac test, noted); a preliminary result is
    // not one yet.
    assert!(has_note(&imported, "entry[7].resource", "never as a FIT"));
    assert_eq!(
        not_used(&imported, "entry[10].resource")[0].1,
        NotUsedKind::Status
    );
    // The colonoscopy's report (no test code of its own) is part of it.
    assert!(imported.used.contains(&"entry[9]".to_string()));
}

#[test]
fn conditions_count_by_status_and_procedures_remove_organs() {
    let imported = imported("conditions-and-organs.json");
    assert_eq!(
        imported.profile.to_value(),
        json!({"birthDate": "1960-09-30", "sex": "female",
               "organs": {"breasts": false, "cervix": false, "uterus": false},
               "conditions": ["hypertension", "breast-cancer", "chronic-respiratory-disease"]})
    );
    // A resolved diabetes does not count (no history kept), a provisional one neither.
    assert_eq!(
        not_used(&imported, "entry[3].resource")[0].1,
        NotUsedKind::NotCounted
    );
    assert_eq!(
        not_used(&imported, "entry[4].resource")[0].1,
        NotUsedKind::Status
    );
    assert!(has_note(
        &imported,
        "entry[5].resource",
        "no verificationStatus"
    ));
    assert!(has_note(&imported, "entry[7].resource", "no breasts"));
}

#[test]
fn one_mastectomy_leaves_the_other_breast() {
    let mastectomy = json!({"resourceType": "Procedure", "status": "completed",
        "subject": {"reference": "Patient/p"}, "performedDateTime": "2014-09-01",
        "code": {"coding": [{"system": "http://snomed.info/sct", "code": "428571003"}]}});
    let imported = import(&bundle(&[woman("1960-09-30"), mastectomy])).unwrap();
    assert_eq!(imported.profile.to_value().get("organs"), None);
    assert_eq!(
        not_used(&imported, "entry[1].resource")[0].1,
        NotUsedKind::NotCounted
    );
}

#[test]
fn relatives_give_relations_conditions_and_ages() {
    let imported = imported("pitfall-fmh-onset-variants.json");
    assert_eq!(
        imported.profile.to_value()["familyHistory"],
        json!([
            {"relation": "mother", "condition": "breast-cancer", "ageAtDiagnosis": 44},
            {"relation": "sister", "condition": "ovarian-cancer", "ageAtDiagnosis": 40},
            {"relation": "maternal-aunt", "condition": "breast-cancer", "ageAtDiagnosis": 52},
            {"relation": "maternal-aunt", "condition": "breast-cancer"},
            {"relation": "father", "condition": "colorectal-cancer", "ageAtDiagnosis": 55},
            {"relation": "maternal-female-cousin", "condition": "breast-cancer", "ageAtDiagnosis": 35}
        ])
    );
    // onsetRange 40-49: the low bound, said; an aunt without a side, a cousin without a sex, a
    // condition in words only are not used.
    assert!(has_note(
        &imported,
        "entry[2].resource.condition[0]",
        "low bound, 40"
    ));
    assert_eq!(
        not_used(&imported, "entry[6].resource")[0].1,
        NotUsedKind::NotCounted
    );
    assert_eq!(
        not_used(&imported, "entry[8].resource")[0].1,
        NotUsedKind::NoValue
    );
    assert_eq!(
        not_used(&imported, "entry[9].resource")[0].1,
        NotUsedKind::UnknownCode
    );
}

#[test]
fn a_relatives_lymphoma_is_a_cancer_in_the_family_not_the_persons_immune_state() {
    let relative = |code: &str| {
        json!({"resourceType": "FamilyMemberHistory", "status": "completed", "patient": {"reference": "Patient/p"},
               "relationship": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-RoleCode", "code": "FTH"}]},
               "condition": [{"code": {"coding": [{"system": "http://snomed.info/sct", "code": code}]}}]})
    };
    // 449218003 (lymphoma of the sigmoid colon) is both a colorectal cancer and an immunocompromising
    // condition; 118601006 (non-Hodgkin's lymphoma) only the latter.
    let imported = import(&bundle(&[
        woman("1970-01-01"),
        relative("449218003"),
        relative("118601006"),
    ]))
    .unwrap();
    assert_eq!(
        imported.profile.to_value()["familyHistory"],
        json!([{"relation": "father", "condition": "colorectal-cancer"}])
    );
    assert_eq!(
        not_used(&imported, "entry[2].resource")[0].1,
        NotUsedKind::NotCounted
    );
}

#[test]
fn immunizations_give_vaccines_antigen_by_antigen() {
    let imported = imported("tdap-and-ipv-same-day.json");
    assert_eq!(
        imported.profile.to_value()["vaccinations"],
        json!([
            {"vaccine": "dtp-pertussis", "date": "2021-05-03"},
            {"vaccine": "influenza", "date": "2025-10-20"}
        ])
    );
    assert!(has_note(
        &imported,
        "entry[1].resource",
        "together they carry"
    ));
    let revaxis = self::imported("pitfall-tdap-cvx115-not-dtp.json");
    assert!(revaxis.profile.to_value()["vaccinations"]
        .as_array()
        .unwrap()
        .contains(&json!({"vaccine": "dtp", "date": "2016-05-10"})));
}

#[test]
fn measurements_smoking_and_pregnancy_take_the_latest_record() {
    let imported = imported("measurements-smoking-pregnancy.json");
    assert_eq!(
        imported.profile.to_value(),
        json!({"birthDate": "1990-08-08", "sex": "female", "pregnant": true,
               "smoking": {"status": "former", "packYears": 12.5},
               "heightCm": 164, "weightKg": 68})
    );
    assert_eq!(
        not_used(&imported, "entry[2].resource")[0].1,
        NotUsedKind::Superseded
    );
    assert_eq!(
        not_used(&imported, "entry[8].resource")[0].1,
        NotUsedKind::OtherPatient
    );
}

#[test]
fn a_list_says_none_only_when_nil_known() {
    let imported = imported("lists-say-none.json");
    let profile = imported.profile.to_value();
    assert_eq!(profile["familyHistory"], json!([]));
    assert_eq!(profile["vaccinations"], json!([]));
    assert_eq!(profile.get("conditions"), None, "not asked is not none");
    assert_eq!(
        not_used(&imported, "entry[3].resource")[0].1,
        NotUsedKind::NoValue
    );
}

#[test]
fn a_birth_date_of_a_month_gives_an_age_only_when_it_is_one() {
    let month = import(&bundle(&[woman("1974-12")])).unwrap();
    assert_eq!(month.profile.to_value()["age"], json!(51));
    assert!(has_note(
        &month,
        "entry[0].resource.birthDate",
        "only 1974-12"
    ));
    assert_eq!(
        refused(&bundle(&[woman("1974")])),
        [(
            "entry[0].resource.birthDate".to_string(),
            FhirProblemKind::NotADate
        )]
    );
    assert_eq!(
        refused(&bundle(&[
            json!({"resourceType": "Patient", "gender": "female"})
        ])),
        [(
            "entry[0].resource.birthDate".to_string(),
            FhirProblemKind::MissingField
        )]
    );
}

// ---- One test per pitfall (issue 15), named after it. ----

#[test]
fn patient_gender_is_administrative_not_sex_at_birth() {
    // Birth sex M beside gender female: the sex at birth wins, gender is named as not used.
    let both = imported("pitfall-gender-vs-birthsex.json");
    assert_eq!(both.profile.to_value()["sex"], "male");
    assert_eq!(
        not_used(&both, "entry[0].resource.gender"),
        [(
            "administrative gender \"female\" differs from the sex at birth (us-core-birthsex male), which was used",
            NotUsedKind::Superseded
        )]
    );
    // Gender alone: used, and a note says it is administrative.
    let alone = imported("pitfall-gender-only.json");
    assert_eq!(alone.profile.to_value()["sex"], "male");
    assert!(has_note(
        &alone,
        "entry[0].resource.gender",
        "administrative gender, not sex at birth"
    ));
    // A recorded sex not typed as the sex at birth is no birth sex.
    let recorded = imported("pitfall-recorded-sex-birth-type.json");
    assert_eq!(recorded.profile.to_value()["sex"], "female");
    assert_eq!(
        not_used(&recorded, "entry[0].resource.extension[0]")[0].1,
        NotUsedKind::NotCounted
    );
    // Gender unknown and nothing else: refused at its path.
    assert_eq!(
        refused(&read("pitfall-gender-unknown-no-extension.json")),
        [(
            "entry[0].resource.gender".to_string(),
            FhirProblemKind::UnknownCode
        )]
    );
}

#[test]
fn tdap_cvx_115_is_not_the_french_dtp_booster() {
    let records = imported("pitfall-tdap-cvx115-not-dtp.json");
    let vaccinations = records.profile.to_value()["vaccinations"].clone();
    assert!(
        !vaccinations.to_string().contains("2021-05-03"),
        "{vaccinations}"
    );
    let tdap = not_used(&records, "entry[1].resource");
    assert_eq!(tdap[0].1, NotUsedKind::NotCounted);
    assert!(tdap[0].0.contains("no polio"), "{tdap:?}");
    // The consequence: with only that Tdap, the dTP booster is due; counted as dtp (a naive mapping),
    // it would wrongly be up to date.
    let only_tdap = bundle(&[
        woman("1990-04-10"),
        json!({"resourceType": "Immunization", "status": "completed", "patient": {"reference": "Patient/p"},
               "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "115"}]},
               "occurrenceDateTime": "2021-05-03"}),
    ]);
    let rules = french();
    let options = Options::on(day(AS_OF));
    let report = vigie::evaluate(&rules, ProfileInput::fhir(&only_tdap), &options).unwrap();
    assert_eq!(report.nudge("vaccine-dtp").unwrap().status.as_str(), "due");
    let naive = r#"{"birthDate": "1990-04-10", "sex": "female", "vaccinations": [{"vaccine": "dtp", "date": "2021-05-03"}]}"#;
    let wrong = vigie::evaluate(&rules, naive, &options).unwrap();
    assert_eq!(
        wrong.nudge("vaccine-dtp").unwrap().status.as_str(),
        "up-to-date"
    );
}

#[test]
fn entered_in_error_and_not_done_records_do_not_count() {
    let records = imported("pitfall-entered-in-error-and-not-done.json");
    assert_eq!(
        records.profile.to_value(),
        json!({"birthDate": "1965-01-20", "sex": "female"}),
        "nothing counts, and nothing becomes an empty list"
    );
    for entry in 1..=8 {
        let found = not_used(&records, &format!("entry[{entry}].resource"));
        assert_eq!(found.len(), 1, "entry[{entry}]: {found:?}");
        assert_eq!(found[0].1, NotUsedKind::Status, "entry[{entry}]");
    }
    // A subpotent dose does not count either.
    let subpotent = imported("r4-spec-examples-patient-example.json");
    assert_eq!(
        not_used(&subpotent, "entry[8].resource.isSubpotent")[0].1,
        NotUsedKind::Status
    );
}

#[test]
fn a_datetime_keeps_its_own_date_across_time_zones() {
    let imported = imported("pitfall-datetime-timezone-midnight.json");
    let profile = imported.profile.to_value();
    // 2024-03-01T23:30:00-05:00 is 2 March in UTC, but 1 March where the dose was given;
    // 2024-03-01T00:30:00+14:00 is 29 February in UTC.
    // A year or a month only becomes the profile's approximate date (docs/contract.md §1).
    assert_eq!(
        profile["vaccinations"],
        json!([
            {"vaccine": "pneumococcal", "date": "2019"},
            {"vaccine": "shingles", "date": "2022-06"},
            {"vaccine": "influenza", "date": "2024-03-01"}
        ])
    );
    assert_eq!(
        profile["screenings"],
        json!([
            {"test": "mammography", "date": "2023-12-31", "result": "normal"},
            {"test": "colonoscopy", "date": "2024-03-01", "result": "unknown"}
        ])
    );
    assert!(not_used(&imported, "entry[4].resource").is_empty());
    assert!(not_used(&imported, "entry[5].resource").is_empty());
    assert_eq!(
        not_used(&imported, "entry[6].resource")[0].1,
        NotUsedKind::NoDate
    );
    // A time without a zone is not R4.
    assert_eq!(
        refused(&read("invalid-datetime-without-timezone.json")),
        [(
            "entry[1].resource.occurrenceDateTime".to_string(),
            FhirProblemKind::NotADate
        )]
    );
}

#[test]
fn no_condition_resources_is_not_no_conditions() {
    let none_recorded = profile("pitfall-no-condition-resources.json");
    for unknown in ["conditions", "familyHistory", "vaccinations"] {
        assert_eq!(
            none_recorded.get(unknown),
            None,
            "{unknown} must stay unknown"
        );
    }
    // Its blood pressure is a test since v1.1 (issue 16): that answer is known.
    assert_eq!(none_recorded["screenings"][0]["test"], "blood-pressure");
    // Said positively: a problem list whose emptyReason is nil-known, or "no current problems".
    assert_eq!(
        profile("pitfall-no-known-problems-list.json")["conditions"],
        json!([])
    );
    assert_eq!(
        profile("pitfall-no-known-problems-condition.json")["conditions"],
        json!([])
    );
    // And the rules see the difference: unknown conditions are not "none".
    let rules = french();
    let options = Options::on(day(AS_OF));
    let unknown = vigie::evaluate(
        &rules,
        ProfileInput::fhir(&read("pitfall-no-condition-resources.json")),
        &options,
    )
    .unwrap();
    let facts = serde_json::to_string(&unknown.nudges).unwrap();
    assert!(!facts.contains("\"condition-absent\""), "{facts}");
}

#[test]
fn onset_age_is_kept_for_the_eisinger_score() {
    let with_age = read("eisinger-mother-at-35.json");
    assert_eq!(
        imported("eisinger-mother-at-35.json").profile.to_value()["familyHistory"],
        json!([{"relation": "mother", "condition": "breast-cancer", "ageAtDiagnosis": 35}])
    );
    let mut without: Value = serde_json::from_str(&with_age).unwrap();
    let condition = without["entry"][1]["resource"]["condition"][0]
        .as_object_mut()
        .unwrap();
    assert!(
        condition.remove("onsetAge").is_some(),
        "the test bundle changed"
    );
    let without_age = without.to_string();
    let rules = french();
    let options = Options::on(day(AS_OF));
    let breast = |bundle: &str| {
        let report = vigie::evaluate(&rules, ProfileInput::fhir(bundle), &options).unwrap();
        report
            .nudge("breast-cancer-screening")
            .map(|n| (n.status.as_str().to_string(), n.rule.clone()))
    };
    // A mother diagnosed at 35 scores 3: high risk, referred. Without the age she scores 1.
    assert_eq!(
        breast(&with_age),
        Some(("refer".to_string(), "breast/high-risk".to_string()))
    );
    assert_eq!(breast(&without_age), None);
}

// ---- Refusals: every problem at its path, nothing panics. ----

#[test]
fn not_a_bundle_is_refused() {
    assert_eq!(
        refused(&read("invalid-not-a-bundle.json")),
        [("resourceType".to_string(), FhirProblemKind::NotABundle)]
    );
    assert_eq!(
        refused("[]"),
        [(String::new(), FhirProblemKind::NotABundle)]
    );
    assert_eq!(refused(""), [(String::new(), FhirProblemKind::NotJson)]);
    assert_eq!(
        refused(&read("invalid-not-json.json")),
        [(String::new(), FhirProblemKind::NotJson)]
    );
    assert_eq!(
        refused(&read("invalid-wrong-resourcetype.json")),
        [("resourceType".to_string(), FhirProblemKind::NotABundle)]
    );
    assert_eq!(
        refused(r#"{"resourceType": "Bundle", "type": "collection", "type": "searchset"}"#),
        [("type".to_string(), FhirProblemKind::DuplicateKey)]
    );
}

#[test]
fn several_patients_are_refused() {
    assert_eq!(
        refused(&read("pitfall-several-patients.json")),
        [(
            "entry[1].resource".to_string(),
            FhirProblemKind::SeveralPatients
        )]
    );
    assert_eq!(
        refused(r#"{"resourceType": "Bundle", "type": "collection", "entry": []}"#),
        [("entry".to_string(), FhirProblemKind::NoPatient)]
    );
}

#[test]
fn a_ten_megabyte_bundle_is_refused_unread() {
    let padding = "x".repeat(10 * 1024 * 1024);
    let huge = format!(
        r#"{{"resourceType": "Bundle", "type": "collection", "entry": [{{"resource": {{"resourceType": "Basic", "id": "{padding}"}}}}]}}"#
    );
    let started = std::time::Instant::now();
    assert_eq!(refused(&huge), [(String::new(), FhirProblemKind::TooLarge)]);
    assert!(
        started.elapsed().as_millis() < 100,
        "refused before parsing"
    );
    let bytes = fhir::import(huge.as_bytes(), day(AS_OF)).unwrap_err();
    assert_eq!(bytes.problems[0].kind, FhirProblemKind::TooLarge);
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!(
        r#"{{"resourceType": "Bundle", "type": "collection", "entry": [{{"resource": {{"resourceType": "Basic", "extension": {}1{}}}}}]}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(refused(&deep), [(String::new(), FhirProblemKind::TooDeep)]);
}

#[test]
fn bad_codes_types_and_elements_are_refused_at_their_paths() {
    assert_eq!(
        refused(&read("refused-bad-status-code.json")),
        [(
            "entry[1].resource.status".to_string(),
            FhirProblemKind::UnknownCode
        )]
    );
    assert_eq!(
        refused(&read("invalid-fmh-onsetdatetime-r4.json")),
        [(
            "entry[1].resource.condition[0].onsetDateTime".to_string(),
            FhirProblemKind::UnknownField
        )]
    );
    assert_eq!(
        refused(&read("invalid-entry-unknown-resourcetype.json")),
        [(
            "entry[1].resource.resourceType".to_string(),
            FhirProblemKind::NotFhirR4
        )]
    );
    assert_eq!(
        refused(&read("invalid-birthdate-feb-30.json")),
        [(
            "entry[0].resource.birthDate".to_string(),
            FhirProblemKind::NotADate
        )]
    );
    // Every problem at once, across entries.
    let many = bundle(&[
        json!({"resourceType": "Patient", "gender": 1, "birthDate": "1970-01-01"}),
        json!({"resourceType": "Observation", "status": "final",
               "code": {"coding": "http://loinc.org|8302-2"}, "effectiveDateTime": "2020-01-01"}),
        json!({"resourceType": "Condition", "subject": {"reference": "Patient/p"},
               "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "gone"}]}}),
    ]);
    assert_eq!(
        refused(&many),
        [
            (
                "entry[0].resource.gender".to_string(),
                FhirProblemKind::WrongType
            ),
            (
                "entry[1].resource.code.coding".to_string(),
                FhirProblemKind::WrongType
            ),
            (
                "entry[2].resource.clinicalStatus".to_string(),
                FhirProblemKind::UnknownCode
            ),
        ]
    );
}

#[test]
fn records_about_another_patient_after_the_evaluation_or_before_birth_are_not_used() {
    let dose = |when: &str, patient: &str| {
        json!({"resourceType": "Immunization", "status": "completed", "patient": {"reference": patient},
               "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "197"}]},
               "occurrenceDateTime": when})
    };
    let imported = import(&bundle(&[
        woman("1970-01-01"),
        dose("2026-02-01", "Patient/p"),
        dose("1969-10-01", "Patient/p"),
        dose("2025-10-01", "Patient/q"),
        dose("2025-10-02", "http://example.org/fhir/Patient/p/_history/3"),
    ]))
    .unwrap();
    assert_eq!(
        not_used(&imported, "entry[1].resource")[0].1,
        NotUsedKind::FutureDate
    );
    assert_eq!(
        not_used(&imported, "entry[2].resource")[0].1,
        NotUsedKind::BeforeBirth
    );
    assert_eq!(
        not_used(&imported, "entry[3].resource")[0].1,
        NotUsedKind::OtherPatient
    );
    assert_eq!(
        imported.profile.to_value()["vaccinations"],
        json!([{"vaccine": "influenza", "date": "2025-10-02"}])
    );
}

// ---- The command line and the boundary with other languages. ----

#[test]
fn vigie_import_fhir_prints_the_profile_and_what_was_not_used() {
    let out = vigie(
        &[
            "import",
            "fhir",
            "--as-of",
            AS_OF,
            "tests/fhir/pitfall-gender-only.json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let printed: Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(
        printed["profile"],
        json!({"birthDate": "1958-07-14", "sex": "male"})
    );
    assert_eq!(printed["notUsed"], json!([]));
    assert_eq!(
        printed["mappings"]["digest"],
        fhir::mappings().unwrap().digest
    );
    assert_eq!(
        text(&out.stdout),
        imported("pitfall-gender-only.json").to_json_pretty() + "\n"
    );
}

#[test]
fn a_refused_bundle_exits_2_with_every_problem_on_stderr() {
    let out = vigie(
        &["import", "fhir", "--as-of", AS_OF, "-"],
        Some(&read("pitfall-several-patients.json")),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "stdin: entry[1].resource: is a second Patient (the first is entry[0]); a profile is one person: give one Patient per bundle\n1 problem(s): the bundle was not imported\n"
    );
    let out = vigie(
        &[
            "eval",
            "--rules",
            "rules/fr/2025.1.0",
            "--fhir",
            "--errors",
            "json",
            "--as-of",
            AS_OF,
            "-",
        ],
        Some(&read("pitfall-gender-unknown-no-extension.json")),
    );
    assert_eq!(out.status.code(), Some(2));
    let errors: Value = serde_json::from_str(&text(&out.stderr)).unwrap();
    assert_eq!(errors["problems"][0]["path"], "entry[0].resource.gender");
    assert_eq!(errors["problems"][0]["kind"], "unknown-code");
    let huge = format!(
        "{{\"resourceType\": \"Bundle\", \"id\": \"{}\"}}",
        "x".repeat(10_000_000)
    );
    let out = vigie(&["import", "fhir", "--errors", "json", "-"], Some(&huge));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("\"kind\":\"too-large\""));
}

#[test]
fn vigie_eval_fhir_reports_with_the_import_and_is_the_packages_report() {
    let bundle = read("pitfall-fmh-onset-variants.json");
    let out = vigie(
        &[
            "eval",
            "--rules",
            "rules/fr/2025.1.0",
            "--fhir",
            "--as-of",
            AS_OF,
            "--locale",
            "en",
            "-",
        ],
        Some(&bundle),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(report["import"]["profile"]["sex"], "female");
    assert!(report["import"]["notUsed"].as_array().unwrap().len() >= 3);
    // The boundary with other languages gives the same bytes.
    let through_ffi = vigie::ffi::evaluate_fhir(
        &french(),
        &bundle,
        r#"{"asOf": "2026-01-15", "locale": "en"}"#,
        day(AS_OF),
        vigie::ffi::Layout::Pretty,
    )
    .unwrap();
    assert_eq!(text(&out.stdout), through_ffi + "\n");
    let imported =
        vigie::ffi::import_fhir(&bundle, r#"{"asOf": "2026-01-15"}"#, day(AS_OF)).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&imported).unwrap(),
        report["import"]
    );
    // A profile, not a bundle: no import section, as before.
    let plain = vigie::evaluate(
        &french(),
        r#"{"age": 50, "sex": "female"}"#,
        &Options::on(day(AS_OF)),
    )
    .unwrap();
    assert!(!plain.to_json().contains("\"import\""));
}

#[test]
fn the_boundary_refuses_a_bundle_with_invalid_fhir_and_every_problem() {
    let failure =
        vigie::ffi::import_fhir(r#"{"resourceType": "Patient"}"#, "", day(AS_OF)).unwrap_err();
    assert_eq!(
        failure.to_json(),
        r#"{"code":"invalid-fhir","message":"the FHIR bundle has 1 problem(s): resourceType: is a FHIR Patient, not a Bundle: give the resources in a Bundle (any type)","problems":[{"path":"resourceType","kind":"not-a-bundle","message":"is a FHIR Patient, not a Bundle: give the resources in a Bundle (any type)"}]}"#
    );
    let options =
        vigie::ffi::import_fhir("{}", r#"{"asof": "2026-01-15"}"#, day(AS_OF)).unwrap_err();
    assert!(options
        .to_json()
        .starts_with(r#"{"code":"invalid-options""#));
}

#[test]
fn the_tables_digest_is_what_python_recomputes_from_the_toml_files() {
    let script = r#"import tomllib, json, glob, hashlib, os
d = {os.path.basename(p)[:-5]: tomllib.load(open(p, "rb")) for p in sorted(glob.glob("src/fhir/maps/*.toml"))}
print("sha256:" + hashlib.sha256(json.dumps(d, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()).hexdigest())"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), fhir::mappings().unwrap().digest);
}

#[test]
fn an_import_after_the_tables_review_date_says_so() {
    let review_by = day(&fhir::mappings().unwrap().review_by);
    let late = vigie::date::plus_days(review_by, 1).unwrap();
    let imported = fhir::import(read("pitfall-gender-only.json").as_str(), late).unwrap();
    assert!(imported
        .notes
        .iter()
        .any(|n| n.path.is_empty() && n.note.contains("due for review")));
    assert!(!self::imported("pitfall-gender-only.json")
        .notes
        .iter()
        .any(|n| n.path.is_empty()));
}

// ---- Random parts of the test bundles: nothing panics, nothing is dropped silently. ----

fn importable() -> Vec<Value> {
    let manifest: Value = serde_json::from_str(&read("manifest.json")).unwrap();
    manifest
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, v)| v["expect"] == "valid")
        .map(|(name, _)| serde_json::from_str(&read(name)).unwrap())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_part_of_a_test_bundle_is_imported_or_refused_and_every_entry_is_accounted_for(
        pick in 0usize..64,
        mask in proptest::collection::vec(any::<bool>(), 32),
        reverse in any::<bool>(),
    ) {
        let bundles = importable();
        let mut bundle = bundles[pick % bundles.len()].clone();
        let all = bundle["entry"].as_array().cloned().unwrap_or_default();
        let mut kept: Vec<Value> = all
            .into_iter()
            .enumerate()
            .filter(|(i, _)| mask.get(*i).copied().unwrap_or(true))
            .map(|(_, e)| e)
            .collect();
        if reverse {
            kept.reverse();
        }
        let count = kept.len();
        bundle["entry"] = Value::Array(kept);
        let text = bundle.to_string();
        match import(&text) {
            Ok(imported) => {
                prop_assert!(accounted(&imported, count).is_ok(), "{:?}", accounted(&imported, count));
                prop_assert!(vigie::Profile::from_value(&imported.profile.to_value(), day(AS_OF)).is_ok());
                // The same bundle, the same bytes.
                prop_assert_eq!(import(&text).unwrap().to_json(), imported.to_json());
            }
            Err(err) => {
                prop_assert!(!err.problems.is_empty());
                for problem in &err.problems {
                    prop_assert!(!problem.message.is_empty());
                }
            }
        }
    }
}

// ---- The codes of the United States rule set (issue 16): tests, conditions, ancestry. ----

/// The rows of `screenings` an import gives, as (test, date, result).
fn screenings(imported: &Imported) -> Vec<(String, String, String)> {
    imported.profile.to_value()["screenings"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|s| {
            let text = |k: &str| s[k].as_str().unwrap_or_default().to_string();
            (text("test"), text("date"), text("result"))
        })
        .collect()
}

fn row(test: &str, date: &str, result: &str) -> (String, String, String) {
    (test.to_string(), date.to_string(), result.to_string())
}

#[test]
fn every_profile_the_manifest_expects_is_the_one_imported() {
    let manifest: Value = serde_json::from_str(&read("manifest.json")).unwrap();
    let mut checked = 0;
    for (name, entry) in manifest.as_object().unwrap() {
        if let Some(expected) = entry.get("profile") {
            assert_eq!(&profile(name), expected, "{name}");
            checked += 1;
        }
    }
    assert!(checked >= 5, "the issue-16 bundles give their profiles");
}

#[test]
fn every_us_colorectal_modality_is_its_own_test() {
    let imported = imported("us-colorectal-modalities.json");
    assert_eq!(
        screenings(&imported),
        [
            row("flexible-sigmoidoscopy", "2020-02-02", "unknown"),
            row("ct-colonography", "2022-05-10", "unknown"),
            row("gfobt", "2023-01-20", "abnormal"),
            row("stool-dna-fit", "2024-03-01", "normal"),
            row("gfobt", "2025-01-15", "normal"),
        ]
    );
    // A stool test for blood of unknown method is a guaiac test, never a FIT: said in a note.
    assert!(has_note(&imported, "entry[6].resource", "never as a FIT"));
    assert!(!imported.profile.to_value().to_string().contains("\"fit\""));
}

#[test]
fn a_procedure_not_completed_is_no_test() {
    let imported = imported("us-colorectal-modalities.json");
    // A sigmoidoscopy not done and a stool DNA test still in progress.
    for entry in [3, 7] {
        let found = not_used(&imported, &format!("entry[{entry}].resource"));
        assert_eq!(found.len(), 1, "entry[{entry}]: {found:?}");
        assert_eq!(found[0].1, NotUsedKind::Status, "entry[{entry}]");
    }
    assert!(!screenings(&imported)
        .iter()
        .any(|(_, date, _)| date == "2021-06-01" || date == "2025-09-09"));
}

#[test]
fn a_blood_pressure_flagged_high_on_its_systolic_value_is_abnormal_and_values_alone_are_not_judged()
{
    let imported = imported("us-vitals-and-labs.json");
    let rows = screenings(&imported);
    assert!(rows.contains(&row("blood-pressure", "2025-11-03", "abnormal")));
    // 152/95 mm[Hg] with no interpretation: no threshold is the import's to choose.
    assert!(rows.contains(&row("blood-pressure", "2024-10-21", "unknown")));
    assert!(has_note(
        &imported,
        "entry[2].resource",
        "does not judge values"
    ));
    // An interpretation on the observation itself counts as well.
    let flagged = json!({"resourceType": "Observation", "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
        "subject": {"reference": "Patient/p"}, "effectiveDateTime": "2025-03-01",
        "valueQuantity": {"value": 168, "unit": "mmHg", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"},
        "interpretation": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": "HH"}]}]});
    let alone = import(&bundle(&[woman("1970-01-01"), flagged])).unwrap();
    assert_eq!(
        screenings(&alone),
        [row("blood-pressure", "2025-03-01", "abnormal")]
    );
}

#[test]
fn laboratory_tests_of_the_us_rule_set_give_their_results() {
    let imported = imported("us-vitals-and-labs.json");
    let rows = screenings(&imported);
    for expected in [
        row("hiv-test", "2019-08-19", "normal"),
        row("hepatitis-c-test", "2021-03-08", "normal"),
        row("bone-density", "2024-02-12", "abnormal"),
        row("hba1c", "2025-06-30", "abnormal"),
        row("oral-glucose-tolerance", "2025-07-14", "normal"),
    ] {
        assert!(rows.contains(&expected), "{expected:?} in {rows:?}");
    }
    // The DXA report and the T-score it links are one test.
    assert_eq!(
        rows.iter().filter(|(t, _, _)| t == "bone-density").count(),
        1
    );
}

#[test]
fn a_co_test_is_a_cytology_and_an_hpv_test_the_same_day() {
    let imported = imported("us-cotest-same-day.json");
    assert_eq!(
        screenings(&imported),
        [
            row("cervical-cytology", "2024-09-16", "normal"),
            row("hpv-test", "2024-09-16", "normal"),
        ]
    );
}

/// A Patient with these extensions.
fn patient_with(extensions: Value) -> Value {
    json!({"resourceType": "Patient", "id": "p", "gender": "female", "birthDate": "1975-05-05",
           "extension": extensions})
}

fn race(parts: Value) -> Value {
    json!({"url": "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race", "extension": parts})
}

fn omb(code: &str) -> Value {
    json!({"url": "ombCategory", "valueCoding": {"system": "urn:oid:2.16.840.1.113883.6.238", "code": code}})
}

#[test]
fn race_codes_give_asian_or_black_and_never_ashkenazi_jewish() {
    // US Core's own example: ombCategory Asian.
    let child = imported("uscore9-patient-child-race-asian.json");
    assert_eq!(child.profile.to_value()["ancestry"], json!(["asian"]));
    assert!(has_note(
        &child,
        "entry[0].resource.extension[0]",
        "no race code says Ashkenazi Jewish ancestry"
    ));
    assert_eq!(
        not_used(&child, "entry[0].resource.extension[1]")[0].1,
        NotUsedKind::NotCounted,
        "the ethnicity extension is named as not used"
    );
    // A detailed code under Black or African American, and two categories at once.
    let detailed = import(&bundle(&[patient_with(json!([race(json!([
        {"url": "detailed", "valueCoding": {"system": "urn:oid:2.16.840.1.113883.6.238", "code": "2071-9", "display": "Haitian"}}
    ]))]))]))
    .unwrap();
    assert_eq!(detailed.profile.to_value()["ancestry"], json!(["black"]));
    let both = import(&bundle(&[patient_with(json!([race(json!([
        omb("2054-5"),
        omb("2106-3"),
        omb("2028-9")
    ]))]))]))
    .unwrap();
    assert_eq!(
        both.profile.to_value()["ancestry"],
        json!(["asian", "black"])
    );
    assert_eq!(
        not_used(&both, "entry[0].resource.extension[0].extension[1]")[0].1,
        NotUsedKind::NotCounted
    );
    // White alone says nothing of Ashkenazi Jewish ancestry: unknown, never `[]`.
    let white = imported("us-cotest-same-day.json");
    assert_eq!(white.profile.to_value().get("ancestry"), None);
    assert_eq!(
        not_used(&white, "entry[0].resource.extension[0].extension[0]")[0].1,
        NotUsedKind::NotCounted
    );
    // Asked but not answered, and a code under another category.
    let unknown = import(&bundle(&[patient_with(json!([race(json!([
        {"url": "ombCategory", "valueCoding": {"system": "http://terminology.hl7.org/CodeSystem/v3-NullFlavor", "code": "ASKU"}},
        {"url": "detailed", "valueCoding": {"system": "urn:oid:2.16.840.1.113883.6.238", "code": "2108-9", "display": "European"}}
    ]))]))]))
    .unwrap();
    assert_eq!(unknown.profile.to_value().get("ancestry"), None);
    let kinds: Vec<NotUsedKind> = not_used(&unknown, "entry[0].resource.extension[0]")
        .iter()
        .map(|(_, kind)| *kind)
        .collect();
    assert_eq!(kinds, [NotUsedKind::NotCounted, NotUsedKind::UnknownCode]);
}

#[test]
fn a_race_given_as_text_only_is_not_matched() {
    let imported = imported("us-conditions-and-family.json");
    assert_eq!(imported.profile.to_value().get("ancestry"), None);
    let found = not_used(&imported, "entry[0].resource.extension[0]");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, NotUsedKind::NoValue);
    assert!(found[0].0.contains("\"Hispanic white\""), "{found:?}");
    // The profile made from it is valid, and the rules read the ancestry the race gives.
    let asian = import(&bundle(&[patient_with(json!([race(json!([omb(
        "2028-9"
    )]))]))]))
    .unwrap();
    let profile = vigie::Profile::from_value(&asian.profile.to_value(), day(AS_OF)).unwrap();
    assert_eq!(profile.ancestry, Some(vec![vigie::codes::Ancestry::Asian]));
}

#[test]
fn us_conditions_count_by_their_history_and_relatives_by_what_a_relative_can_pass_on() {
    let imported = imported("us-conditions-and-family.json");
    let value = imported.profile.to_value();
    // CIN II resolved, hepatitis C resolved, a heart attack inactive: each counts ever. A resolved
    // osteoporosis does not (no history kept), an active one does.
    assert_eq!(
        value["conditions"],
        json!([
            "high-grade-cervical-lesion",
            "hepatitis-c",
            "cardiovascular-disease",
            "osteoporosis"
        ])
    );
    assert_eq!(
        not_used(&imported, "entry[6].resource")[0].1,
        NotUsedKind::NotCounted
    );
    // HSIL on a smear is a cytology result, not a high-grade lesion.
    let hsil = not_used(&imported, "entry[2].resource");
    assert_eq!(hsil[0].1, NotUsedKind::NotCounted);
    assert!(hsil[0].0.contains("cytology"), "{hsil:?}");
    // A mother's fallopian tube cancer and a sister's peritoneal cancer are family history; a
    // father's hepatitis C is not a relative's history, nor a brother's secondary cancer.
    assert_eq!(
        value["familyHistory"],
        json!([
            {"relation": "mother", "condition": "fallopian-tube-cancer", "ageAtDiagnosis": 58},
            {"relation": "sister", "condition": "peritoneal-cancer", "ageAtDiagnosis": 49}
        ])
    );
    for entry in [9, 10] {
        assert_eq!(
            not_used(&imported, &format!("entry[{entry}].resource"))[0].1,
            NotUsedKind::NotCounted,
            "entry[{entry}]"
        );
    }
}

/// The test one record of this code gives (an Observation, or a completed Procedure).
fn test_of(system: &str, code: &str, as_procedure: bool) -> Option<String> {
    let coding = json!({"coding": [{"system": system, "code": code}]});
    let record = if as_procedure {
        json!({"resourceType": "Procedure", "status": "completed", "code": coding,
               "subject": {"reference": "Patient/p"}, "performedDateTime": "2025-01-10"})
    } else {
        json!({"resourceType": "Observation", "status": "final", "code": coding,
               "subject": {"reference": "Patient/p"}, "effectiveDateTime": "2025-01-10"})
    };
    let imported = import(&bundle(&[woman("1960-01-01"), record])).unwrap();
    screenings(&imported)
        .first()
        .map(|(test, _, _)| test.clone())
}

#[test]
fn every_test_code_the_us_rules_need_is_mapped() {
    const LOINC: &str = "http://loinc.org";
    const CPT: &str = "http://www.ama-assn.org/go/cpt";
    const HCPCS: &str = "http://www.nlm.nih.gov/research/umls/hcpcs";
    const SCT: &str = "http://snomed.info/sct";
    let cases = [
        (LOINC, "85354-9", false, "blood-pressure"),
        (LOINC, "8480-6", false, "blood-pressure"),
        (LOINC, "8462-4", false, "blood-pressure"),
        (LOINC, "4548-4", false, "hba1c"),
        (LOINC, "17856-6", false, "hba1c"),
        (CPT, "83036", false, "hba1c"),
        (LOINC, "77353-1", false, "stool-dna-fit"),
        (LOINC, "77354-9", false, "stool-dna-fit"),
        (CPT, "81528", false, "stool-dna-fit"),
        (CPT, "74261", true, "ct-colonography"),
        (CPT, "74262", true, "ct-colonography"),
        (CPT, "74263", true, "ct-colonography"),
        (LOINC, "79101-2", false, "ct-colonography"),
        (CPT, "45330", true, "flexible-sigmoidoscopy"),
        (CPT, "45350", true, "flexible-sigmoidoscopy"),
        (HCPCS, "G0104", true, "flexible-sigmoidoscopy"),
        (SCT, "44441009", true, "flexible-sigmoidoscopy"),
        (CPT, "77080", true, "bone-density"),
        (CPT, "77081", true, "bone-density"),
        (LOINC, "38267-1", false, "bone-density"),
        (LOINC, "46383-6", false, "bone-density"),
        (LOINC, "83311-1", false, "bone-density"),
        (LOINC, "13955-0", false, "hepatitis-c-test"),
        (LOINC, "40726-2", false, "hepatitis-c-test"),
        (LOINC, "11259-9", false, "hepatitis-c-test"),
        (LOINC, "75622-1", false, "hiv-test"),
        (LOINC, "56888-1", false, "hiv-test"),
        (LOINC, "7917-8", false, "hiv-test"),
        (LOINC, "1518-0", false, "oral-glucose-tolerance"),
        (CPT, "82951", false, "oral-glucose-tolerance"),
        (CPT, "82270", false, "gfobt"),
        (LOINC, "2335-8", false, "gfobt"),
        (HCPCS, "G0328", false, "fit"),
        (LOINC, "14771-0", false, "fasting-glucose"),
    ];
    for (system, code, as_procedure, expected) in cases {
        assert_eq!(
            test_of(system, code, as_procedure).as_deref(),
            Some(expected),
            "{system}|{code}"
        );
    }
    // A donor's hepatitis C screening is not the person's test.
    assert_eq!(test_of(LOINC, "47365-2", false), None);
}

/// The conditions one Condition of this code gives.
fn conditions_of(system: &str, code: &str) -> Value {
    let condition = json!({"resourceType": "Condition", "subject": {"reference": "Patient/p"},
        "code": {"coding": [{"system": system, "code": code}]}});
    let imported = import(&bundle(&[woman("1960-01-01"), condition])).unwrap();
    imported.profile.to_value()["conditions"].clone()
}

#[test]
fn every_condition_code_the_us_rules_need_is_mapped() {
    const ICD: &str = "http://hl7.org/fhir/sid/icd-10-cm";
    const SCT: &str = "http://snomed.info/sct";
    let cases = [
        (ICD, "N87.1", json!(["high-grade-cervical-lesion"])),
        (ICD, "D06.9", json!(["high-grade-cervical-lesion"])),
        (ICD, "D06.0", json!(["high-grade-cervical-lesion"])),
        (ICD, "M81.0", json!(["osteoporosis"])),
        (ICD, "M80.08XA", json!(["osteoporosis"])),
        (ICD, "B18.2", json!(["hepatitis-c"])),
        (ICD, "B17.10", json!(["hepatitis-c"])),
        (ICD, "B20", json!(["immunocompromised", "hiv"])),
        (ICD, "Z21", json!(["hiv"])),
        (ICD, "I21.9", json!(["cardiovascular-disease"])),
        (ICD, "I25.2", json!(["cardiovascular-disease"])),
        (ICD, "I25.10", json!(["cardiovascular-disease"])),
        (ICD, "I63.9", json!(["cardiovascular-disease"])),
        (ICD, "G45.9", json!(["cardiovascular-disease"])),
        (ICD, "I70.0", json!(["cardiovascular-disease"])),
        (ICD, "Z95.1", json!(["cardiovascular-disease"])),
        (ICD, "C57.00", json!(["fallopian-tube-cancer"])),
        (ICD, "C48.2", json!(["peritoneal-cancer"])),
        (SCT, "371987000", json!(["fallopian-tube-cancer"])),
        (SCT, "372016004", json!(["peritoneal-cancer"])),
        (SCT, "128302006", json!(["hepatitis-c"])),
        (SCT, "64859006", json!(["osteoporosis"])),
    ];
    for (system, code, expected) in cases {
        assert_eq!(conditions_of(system, code), expected, "{system}|{code}");
    }
    // Not a high-grade lesion, not a peritoneal cancer: listed, not used.
    for code in ["N87.0", "N87.9", "R87.613", "C78.6", "C45.1"] {
        assert_eq!(conditions_of(ICD, code), Value::Null, "{code}");
    }
}

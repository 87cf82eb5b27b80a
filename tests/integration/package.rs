//! The npm package's declarations follow the engine.

use vigie::codes::{
    Ancestry, Condition, Organ, Program, Relation, Sex, SmokingStatus, Test, TestResult, Vaccine,
};

fn union(name: &str, codes: Vec<&str>) -> String {
    let lines: Vec<String> = codes.iter().map(|c| format!("  | '{c}'")).collect();
    format!("export type {name} =\n{};\n\n", lines.join("\n"))
}

fn strs<C: Copy>(all: &[C], as_str: fn(C) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|c| as_str(*c)).collect()
}

#[test]
fn typescript_codes() {
    let mut expected = String::from(
        "// Types of the closed code lists, from src/codes.rs. Do not edit: `VIGIE_BLESS=1 cargo test\n// typescript_codes` rewrites it, and the test fails when it is out of date.\n\n",
    );
    expected += &union("Sex", strs(Sex::ALL, Sex::as_str));
    expected += &union("Organ", strs(Organ::ALL, Organ::as_str));
    expected += &union(
        "SmokingStatus",
        strs(SmokingStatus::ALL, SmokingStatus::as_str),
    );
    expected += &union("Condition", strs(Condition::ALL, Condition::as_str));
    expected += &union("TestCode", strs(Test::ALL, Test::as_str));
    expected += &union("TestResult", strs(TestResult::ALL, TestResult::as_str));
    expected += &union("VaccineCode", strs(Vaccine::ALL, Vaccine::as_str));
    expected += &union("Relation", strs(Relation::ALL, Relation::as_str));
    expected += &union("Ancestry", strs(Ancestry::ALL, Ancestry::as_str));
    expected += &union("ProgramCode", strs(Program::ALL, Program::as_str));
    let departements = vigie::departement::all();
    expected += &union(
        "Departement",
        departements.iter().map(String::as_str).collect(),
    );
    let expected = expected.trim_end().to_string() + "\n";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("pkg/codes.d.ts");
    if std::env::var_os("VIGIE_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let found = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        found, expected,
        "pkg/codes.d.ts is out of date: run VIGIE_BLESS=1 cargo test typescript_codes"
    );
}

#[test]
fn the_package_version_follows_the_crate() {
    let package: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("pkg/package.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(package["version"], env!("CARGO_PKG_VERSION"));
}

/// The words of `export type <name> = | 'a' | 'b' …;` in `pkg/index.d.ts`.
fn declared_union(name: &str) -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("pkg/index.d.ts");
    let text = std::fs::read_to_string(path).unwrap();
    let start = format!("export type {name} =");
    let after = text
        .split_once(&start)
        .unwrap_or_else(|| panic!("pkg/index.d.ts has no `{start}`"))
        .1;
    let body = after.split_once(';').unwrap().0;
    body.split('|')
        .map(|word| word.trim().trim_matches('\'').to_string())
        .filter(|word| !word.is_empty())
        .collect()
}

#[test]
fn typescript_problem_kinds_trace_outcomes_and_warning_kinds_are_the_engines() {
    use vigie::{ProblemKind, TraceOutcome, WarningKind};
    assert_eq!(
        declared_union("ProblemKind"),
        strs(ProblemKind::ALL, ProblemKind::as_str)
    );
    assert_eq!(
        declared_union("TraceOutcome"),
        strs(&TraceOutcome::ALL, TraceOutcome::as_str)
    );
    assert_eq!(
        declared_union("WarningKind"),
        strs(&WarningKind::ALL, WarningKind::as_str)
    );
}

#[test]
fn typescript_fhir_problem_kinds_and_not_used_kinds_are_the_engines() {
    use vigie::fhir::{FhirProblemKind, NotUsedKind};
    assert_eq!(
        declared_union("FhirProblemKind"),
        strs(FhirProblemKind::ALL, FhirProblemKind::as_str)
    );
    assert_eq!(
        declared_union("NotUsedKind"),
        strs(NotUsedKind::ALL, NotUsedKind::as_str)
    );
}

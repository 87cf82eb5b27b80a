//! The engine through its public API: sandbox limits, static checks, errors as data, trace,
//! determinism and identity.

use std::time::{Duration, Instant};

use vigie::{Options, Profile, Report, RuleEntry, RuleSet, RuleSetSources, Status, TraceOutcome};

use crate::{day, french};

const PROFILE: &str = r#"{"birthDate": "1971-03-02", "sex": "female",
  "screenings": [{"test": "mammography", "date": "2024-11-12", "result": "normal"}]}"#;

/// A one-line self-documentation header (rules must document themselves at their top).
const HEADER: &str = "// ## What it does: a test rule. ## Why: a test. ## Example: none.\n";

/// The French sources with one more rule (for program `smoking-cessation`) and its messages.
fn with_rule(id: &str, source: &str, keys: &[&str]) -> RuleSetSources {
    with_rule_file(id, &format!("{HEADER}{source}"), keys)
}

/// Like [`with_rule`], for a rule that documents itself (its text is taken as it is).
pub(crate) fn with_rule_file(id: &str, source: &str, keys: &[&str]) -> RuleSetSources {
    let mut sources = french().sources().clone();
    sources.manifest.rules.push(RuleEntry {
        id: id.to_string(),
        program: "smoking-cessation".to_string(),
        sources: vec![sources.manifest.sources.keys().next().unwrap().clone()],
        contested: None,
        replace: false,
        before: None,
    });
    sources.rules.insert(id.to_string(), source.to_string());
    add_messages(&mut sources, id, keys);
    sources
}

fn add_messages(sources: &mut RuleSetSources, id: &str, keys: &[&str]) {
    for messages in sources.messages.values_mut() {
        let texts = keys
            .iter()
            .map(|k| {
                (
                    k.to_string(),
                    vigie::MessageText {
                        title: "Test".to_string(),
                        message: "A test message.".to_string(),
                        action: "Talk to your doctor.".to_string(),
                    },
                )
            })
            .collect();
        messages.rules.insert(id.to_string(), texts);
    }
}

fn evaluate(ruleset: &RuleSet, trace: bool) -> Report {
    let as_of = day("2026-01-15");
    let options = Options {
        as_of,
        locale: None,
        trace,
    };
    vigie::evaluate(ruleset, PROFILE, &options).unwrap()
}

fn load_errors(sources: RuleSetSources) -> Vec<String> {
    match RuleSet::from_sources(sources) {
        Ok(_) => Vec::new(),
        Err(err) => err.diagnostics.iter().map(|d| d.to_string()).collect(),
    }
}

/// Runs a hostile rule; returns the report and how long the evaluation took.
fn run_hostile(source: &str) -> (Report, Duration) {
    let ruleset = RuleSet::from_sources(with_rule(
        "hostile/rule",
        source,
        &["due", "up-to-date", "upcoming"],
    ))
    .unwrap_or_else(|err| panic!("{:#?}", err.diagnostics));
    let started = Instant::now();
    let report = evaluate(&ruleset, false);
    (report, started.elapsed())
}

/// `expected`: any of these in the message (which limit trips first may differ between debug and
/// release builds).
fn assert_stopped(source: &str, expected: &[&str]) {
    let (report, elapsed) = run_hostile(source);
    assert!(elapsed < Duration::from_millis(500), "took {elapsed:?}");
    assert_eq!(report.errors.len(), 1, "{:#?}", report.errors);
    let error = &report.errors[0];
    assert_eq!(error.rule, "hostile/rule");
    assert!(
        expected.iter().any(|e| error.message.contains(e)),
        "{}",
        error.message
    );
    assert!(error.line.is_some() && error.column.is_some());
    // The other rules still answered.
    assert_eq!(
        report.nudge("breast-cancer-screening").unwrap().status,
        Status::UpToDate
    );
    assert!(report.nudge("smoking-cessation").is_none());
}

#[test]
fn an_endless_loop_is_stopped_in_well_under_a_second_and_the_others_still_answer() {
    assert_stopped("loop { }", &["operations"]);
}

#[test]
fn endless_recursion_is_stopped() {
    assert_stopped(
        "fn deeper(n) { deeper(n + 1) } deeper(0)",
        &["nested deeper"],
    );
}

#[test]
fn exponential_string_growth_is_stopped() {
    assert_stopped("let s = \"ab\"; loop { s += s; }", &["grew beyond"]);
}

#[test]
fn a_huge_array_is_stopped() {
    assert_stopped(
        "let a = []; loop { a.push(1); }",
        &["grew beyond", "deadline"],
    );
}

#[test]
fn a_rule_returning_the_wrong_shape_is_an_error_naming_it() {
    assert_stopped("let x = 40;\nx + 2", &["returned i64"]);
}

#[test]
fn an_unknown_code_built_at_runtime_is_an_error_with_its_position() {
    let (report, _) = run_hostile("let code = \"diabet\" + \"is\";\nif person.has_condition(code) { due(today) } else { skip(\"no\") }");
    let error = &report.errors[0];
    assert!(
        error
            .message
            .starts_with("unknown condition `diabetis`; accepted: breast-cancer"),
        "{}",
        error.message
    );
    assert_eq!((error.line, error.column), (Some(3), Some(11)));
}

#[test]
fn a_due_date_that_disagrees_with_its_status_is_an_error() {
    let (report, _) = run_hostile("due(today.plus_days(1))");
    assert!(
        report.errors[0].message.contains("is after today"),
        "{:?}",
        report.errors
    );
    let (report, _) = run_hostile("upcoming(today.plus_months(13))");
    assert!(
        report.errors[0].message.contains("within the 12 months"),
        "{:?}",
        report.errors
    );
}

#[test]
fn a_failing_high_risk_rule_blocks_its_program_instead_of_falling_back_to_the_standard_one() {
    let mut sources = french().sources().clone();
    let source = sources.rules.get_mut("breast/high-risk").unwrap();
    *source = format!("{HEADER}let broken = [];\nbroken.push(date(\"not a date\"));\n{source}");
    let ruleset = RuleSet::from_sources(sources).unwrap();
    let report = evaluate(&ruleset, true);
    assert!(report.nudge("breast-cancer-screening").is_none());
    assert_eq!(report.errors[0].rule, "breast/high-risk");
    assert_eq!(report.errors[0].line, Some(3));
    let trace = report.trace.unwrap();
    let organised = trace
        .iter()
        .find(|t| t.rule == "breast/organised-screening")
        .unwrap();
    assert_eq!(organised.outcome, TraceOutcome::Blocked);
}

#[test]
fn static_checks_catch_typos_with_their_positions() {
    let cases = [
        (
            "let a = person.agee;\nskip(\"x\")",
            "rules/x/y.rhai:2:16: unknown property `agee`",
        ),
        (
            "if persn_age() > 3 { skip(\"x\") } else { skip(\"y\") }",
            "rules/x/y.rhai:2:4: unknown helper `persn_age`",
        ),
        (
            "if person.has_condition(\"diabetis\") { skip(\"x\") } else { skip(\"y\") }",
            "rules/x/y.rhai:2:25: unknown condition `diabetis`",
        ),
        (
            "let t = person.last_test([\"fit\", \"mamography\"]);\nskip(\"x\")",
            "rules/x/y.rhai:2:26: unknown test `mamography`",
        ),
        (
            "refer(\"nowhere\")",
            "rules/x/y.rhai:2:1: message `nowhere` has no text in messages/en.toml",
        ),
        ("let x = 1 +;\nskip(\"x\")", "rules/x/y.rhai:2:12: "),
        (
            "skip(\"x\") + undefined_variable",
            "rules/x/y.rhai:2:13: Undefined variable: undefined_variable",
        ),
    ];
    for (source, expected) in cases {
        let found = load_errors(with_rule("x/y", source, &["due"]));
        assert!(
            found.iter().any(|d| d.starts_with(expected)),
            "{source}\nexpected {expected}\nfound {found:#?}"
        );
    }
}

#[test]
fn a_rule_must_document_itself_at_its_top() {
    let mut sources = french().sources().clone();
    sources.rules.insert(
        "breast/high-risk".to_string(),
        "// ## What it does: refers.\nskip(\"x\")".to_string(),
    );
    let found = load_errors(sources);
    assert!(
        found.iter().any(|d| d.starts_with("rules/breast/high-risk.rhai:1:1: the rule does not document itself: its leading comments lack `## Why`, `## Example`")),
        "{found:#?}"
    );
}

#[test]
fn message_placeholders_and_sources_are_checked() {
    let mut sources = with_rule("x/y", "due(today)", &["due"]);
    sources
        .messages
        .get_mut("fr")
        .unwrap()
        .rules
        .get_mut("x/y")
        .unwrap()
        .get_mut("due")
        .unwrap()
        .message = "Depuis le {dueDat}.".to_string();
    sources.manifest.rules.last_mut().unwrap().sources = vec!["no-such-source".to_string()];
    let found = load_errors(sources);
    assert!(
        found.iter().any(|d| d.contains("uses {dueDat}")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|d| d.contains("cites unknown source `no-such-source`")),
        "{found:#?}"
    );
}

#[test]
fn the_trace_says_why_each_rule_did_not_fire() {
    let report = evaluate(&french(), true);
    let trace = report.trace.as_ref().unwrap();
    assert_eq!(trace.len(), french().manifest().rules.len());
    let high_risk = trace.iter().find(|t| t.rule == "breast/high-risk").unwrap();
    assert_eq!(high_risk.outcome, TraceOutcome::Skipped);
    assert!(high_risk.reason.is_some() && high_risk.line.is_some());
    let organised = trace
        .iter()
        .find(|t| t.rule == "breast/organised-screening")
        .unwrap();
    assert_eq!(organised.outcome, TraceOutcome::Fired);
    assert!(!organised.facts.is_empty());
    // Without trace, nothing of it in the report.
    assert!(evaluate(&french(), false).trace.is_none());
}

#[test]
fn the_same_input_rule_set_and_date_give_a_byte_identical_report() {
    let a = evaluate(&french(), true).to_json_pretty();
    let b = evaluate(&french(), true).to_json_pretty();
    assert_eq!(a, b);
}

#[test]
fn the_digest_names_the_exact_rules_and_words() {
    let original = french().sources().clone();
    assert_eq!(original.digest(), french().id().digest);
    assert!(french().id().digest.starts_with("sha256:") && french().id().digest.len() == 7 + 64);
    let mut changed = original.clone();
    changed
        .messages
        .get_mut("en")
        .unwrap()
        .dates
        .format
        .push(' ');
    assert_ne!(changed.digest(), original.digest());
    let mut changed = original.clone();
    changed.rules.values_mut().next().unwrap().push('\n');
    assert_ne!(changed.digest(), original.digest());
}

#[test]
fn an_unknown_locale_is_refused_with_the_accepted_ones() {
    let as_of = day("2026-01-15");
    let options = Options {
        as_of,
        locale: Some("de".to_string()),
        trace: false,
    };
    let err = vigie::evaluate(&french(), PROFILE, &options).unwrap_err();
    assert!(matches!(err, vigie::Error::Evaluate(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "unknown locale `de`; rule set `fr` speaks: fr, en"
    );
}

#[test]
fn reasons_word_what_was_found_and_facts_keep_everything_read() {
    let as_of = day("2026-01-15");
    let profile = r#"{"birthDate": "1980-05-01", "sex": "female", "conditions": [],
            "familyHistory": [{"relation": "mother", "condition": "breast-cancer", "ageAtDiagnosis": 35}]}"#;
    let report = vigie::evaluate(&french(), profile, &Options::on(as_of)).unwrap();
    let breast = report.nudge("breast-cancer-screening").unwrap();
    assert_eq!(breast.status, Status::Refer);
    let facts = serde_json::to_string(&breast.facts).unwrap();
    assert!(
        facts.contains(r#"{"fact":"condition-absent","condition":"breast-cancer"}"#),
        "{facts}"
    );
    assert!(
        facts.contains(
            r#"{"fact":"relative","relation":"mother","condition":"breast-cancer","age":35}"#
        ),
        "{facts}"
    );
    assert!(
        breast.reasons.iter().any(|r| r.contains("35")),
        "{:?}",
        breast.reasons
    );
    assert!(
        breast.reasons.len() < breast.facts.len(),
        "{:?}",
        breast.reasons
    );
}

#[test]
fn a_rule_fills_its_own_placeholders_with_fill() {
    let mut sources = with_rule(
        "x/fill",
        "due(today).fill(\"booster\", 45).fill(\"since\", date(\"2020-02-01\")).fill(\"test\", \"mammography\")",
        &["due"],
    );
    for messages in sources.messages.values_mut() {
        let text = messages
            .rules
            .get_mut("x/fill")
            .unwrap()
            .get_mut("due")
            .unwrap();
        text.message = "Rappel de {booster} ans, depuis le {since} ({test}).".to_string();
    }
    let ruleset = RuleSet::from_sources(sources).unwrap_or_else(|e| panic!("{:#?}", e.diagnostics));
    let report = evaluate(&ruleset, false);
    let nudge = report.nudges.iter().find(|n| n.rule == "x/fill").unwrap();
    assert_eq!(
        nudge.message,
        "Rappel de 45 ans, depuis le 1er février 2020 (mammographie)."
    );
}

/// Issue 13, break 3: whatever words each nudge may carry, one report carries at most
/// `MAX_REPORT_WORDS_CHARS` characters of them; the nudge that would pass it is an error of its
/// rule, and every nudge before it stays.
#[test]
fn template_amplification_a_report_carries_bounded_words() {
    let mut sources = french().sources().clone();
    let programs = [
        "vaccine-dtp",
        "vaccine-influenza",
        "vaccine-covid-19",
        "vaccine-pneumococcal",
        "vaccine-shingles",
        "vaccine-hpv",
        "vaccine-rsv",
        "lung-cancer-screening",
    ];
    let long = "x".repeat(9_000);
    for (i, program) in programs.iter().enumerate() {
        let id = format!("wordy/{program}");
        let mut entry = sources.manifest.rules[0].clone();
        entry.id = id.clone();
        entry.program = program.to_string();
        entry.before = None;
        entry.replace = false;
        sources.manifest.rules.insert(i, entry);
        sources
            .rules
            .insert(id.clone(), format!("{HEADER}info(\"info\")"));
        for messages in sources.messages.values_mut() {
            let text = vigie::MessageText {
                title: long.clone(),
                message: long.clone(),
                action: long.clone(),
            };
            messages
                .rules
                .insert(id.clone(), [("info".to_string(), text)].into());
        }
    }
    let ruleset = RuleSet::from_sources(sources).unwrap_or_else(|e| panic!("{:#?}", e.diagnostics));
    let report = evaluate(&ruleset, false);
    let words: usize = report
        .nudges
        .iter()
        .flat_map(|n| {
            [&n.title, &n.message, &n.action]
                .into_iter()
                .chain(&n.reasons)
        })
        .map(|t| t.chars().count())
        .sum();
    assert!(words <= vigie::words::MAX_REPORT_WORDS_CHARS, "{words}");
    let cut: Vec<&str> = report
        .errors
        .iter()
        .filter(|e| {
            e.message
                .contains("would take the report's past 200000 characters")
        })
        .map(|e| e.rule.as_str())
        .collect();
    assert_eq!(cut, ["wordy/lung-cancer-screening"], "{:#?}", report.errors);
    assert!(report.nudge("vaccine-rsv").is_some());
    assert!(report.nudge("breast-cancer-screening").is_some());
}

/// Issue 13, break 9: reports carried dates such as `+10000-03-02` or `-0001-…` for an extreme
/// `asOf`. Every date in a report is `YYYY-MM-DD` (years 0000 to 9999), or the rule fails.
#[test]
fn extreme_as_of_dates_in_reports_stay_yyyy_mm_dd() {
    fn dates_are_four_digit(value: &serde_json::Value, found: &mut usize) {
        match value {
            serde_json::Value::String(text) => {
                let date_like = text.len() >= 10
                    && text.matches('-').count() >= 2
                    && text
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '-' || c == '+');
                if date_like {
                    *found += 1;
                    assert!(vigie::date::parse(text).is_some(), "{text:?} in a report");
                }
            }
            serde_json::Value::Array(items) => {
                items.iter().for_each(|v| dates_are_four_digit(v, found))
            }
            serde_json::Value::Object(map) => {
                map.values().for_each(|v| dates_are_four_digit(v, found))
            }
            _ => {}
        }
    }
    let ruleset = french();
    let mut found = 0;
    for as_of in [
        "0000-01-01",
        "0000-12-31",
        "0001-06-15",
        "9998-12-31",
        "9999-01-01",
        "9999-12-31",
    ] {
        for profile in [
            r#"{"age": 50, "sex": "female"}"#.to_string(),
            r#"{"age": 70, "sex": "male", "smoking": {"status": "current", "packYears": 30}}"#
                .to_string(),
            format!(r#"{{"birthDate": "{as_of}", "sex": "female"}}"#),
        ] {
            let as_of = day(as_of);
            let options = Options {
                as_of,
                locale: None,
                trace: true,
            };
            let report = match vigie::evaluate(&ruleset, profile.as_str(), &options) {
                Ok(report) => report,
                // A birth date after the evaluation date.
                Err(vigie::Error::Profile(_)) => continue,
                Err(err) => panic!("{err}"),
            };
            let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
            dates_are_four_digit(&json, &mut found);
        }
    }
    assert!(found > 50, "the reports held {found} dates");
    // Through the Rust API, a date beyond year 9999 is refused before any rule runs.
    let beyond = chrono::NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap();
    let profile = Profile::from_json(r#"{"age": 50, "sex": "female"}"#, day("2026-01-15")).unwrap();
    let err = ruleset
        .evaluate(&profile, &Options::on(beyond))
        .unwrap_err();
    assert!(err.to_string().contains("out of range"), "{err}");
}

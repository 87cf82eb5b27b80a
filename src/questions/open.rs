//! Which open questions could change a nudge (docs/questions.md §5), found counterfactually: for
//! each declared question whose target is unknown in the profile and was read unknown by some
//! rule, the rules of the programs that read it run again with every probe answer
//! (`probes.rs`); the programs whose nudge changed (status, due date, or presence) are its
//! `affects`. A question no rule read unknown cannot change anything and is not probed.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{Map, Value};

use super::{probes, read_touches, state, Kind, Question, Target};
use crate::evaluate::{EvaluateError, Options};
use crate::profile::{Birth, Profile};
use crate::report::{Nudge, Report, Status};
use crate::RuleSet;

/// A question as a page renders it, in one locale; with `affects` when it is open and matters.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenQuestion {
    /// The question's id.
    pub id: String,
    /// The question.
    pub text: String,
    /// Why it is asked.
    pub why: String,
    /// Its kind (docs/questions.md §2).
    pub kind: String,
    /// What it fills (`heightCm+weightKg` for measures).
    pub fills: String,
    /// Asked of everyone (only in the questionnaire).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub always: bool,
    /// Its options, worded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<WordedOption>>,
    /// Smallest number accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// Largest number accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// Unit of a number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Ids asked next.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<Vec<String>>,
    /// For a group (`several`): the ids of the questions whose target is one of its options'
    /// (the detail questions). A page does not ask a covered question once the group was
    /// answered "unknown"; a complete answer settles the unchosen ones itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub covers: Option<Vec<String>>,
    /// Programs some answer changes (only in `--questions` reports).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affects: Option<Vec<String>>,
    /// The most urgent status some answer gives one of those programs (`refer`, `due` …; only in
    /// `--questions` reports): a page words what an unknown leaves open from it ("talk to your
    /// doctor" for a possible referral).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consequence: Option<&'static str>,
}

/// An option with its words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordedOption {
    /// The code.
    pub value: String,
    /// Its words.
    pub text: String,
    /// In a listed `several` question (only in `--questions` reports): whether this option can
    /// still change a nudge, so a page may offer only those (and say so with `offered`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matters: Option<bool>,
}

/// The questionnaire: every declared question worded in `locale`, and the priority.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Questionnaire {
    /// The locale of the words.
    pub locale: String,
    /// Programs in the order a summary shows ties.
    pub priority: Vec<String>,
    /// Every question, in file order.
    pub questions: Vec<OpenQuestion>,
}

fn words(map: &BTreeMap<String, String>, locale: &str) -> String {
    map.get(locale).cloned().unwrap_or_default()
}

/// `question` worded in `locale`.
pub fn worded(question: &Question, locale: &str) -> OpenQuestion {
    OpenQuestion {
        id: question.id.clone(),
        text: words(&question.text, locale),
        why: words(&question.why, locale),
        kind: question.kind.clone(),
        fills: question.fills.joined(),
        always: question.always,
        options: (!question.options.is_empty()).then(|| {
            question
                .options
                .iter()
                .map(|o| WordedOption {
                    value: o.value.clone(),
                    text: words(&o.text, locale),
                    matters: None,
                })
                .collect()
        }),
        min: question.min,
        max: question.max,
        unit: question.unit.as_ref().map(|u| words(u, locale)),
        follow_up: (!question.follow_up.is_empty()).then(|| question.follow_up.clone()),
        covers: None,
        affects: None,
        consequence: None,
    }
}

/// `question` worded in `locale`, with the ids it covers among `all`.
fn worded_in(question: &Question, all: &[Question], locale: &str) -> OpenQuestion {
    let mut worded = worded(question, locale);
    let covered = covers(question, all);
    worded.covers = (!covered.is_empty()).then_some(covered);
    worded
}

/// The ids of the questions of `all` a group covers: those whose target is the target of one of
/// its options (`vaccinations` over `influenza` covers the question filling
/// `vaccinations.influenza`). Empty for a question that is not a group.
pub(crate) fn covers(group: &Question, all: &[Question]) -> Vec<String> {
    let Some(target) = Target::parse(&group.fills) else {
        return Vec::new();
    };
    let covered: Vec<Target> = group
        .options
        .iter()
        .filter_map(|o| target.option_target(&o.value))
        .collect();
    all.iter()
        .filter(|q| Target::parse(&q.fills).is_some_and(|t| covered.contains(&t)))
        .map(|q| q.id.clone())
        .collect()
}

/// The questionnaire of `ruleset` in `locale` (its first locale when `None`).
pub fn questionnaire(
    ruleset: &RuleSet,
    locale: Option<&str>,
) -> Result<Questionnaire, EvaluateError> {
    let locale = locale_of(ruleset, locale)?;
    let questions = ruleset.effective().questions.as_ref();
    Ok(Questionnaire {
        priority: questions.map(|q| q.priority.clone()).unwrap_or_default(),
        questions: questions
            .map(|q| {
                q.questions
                    .iter()
                    .map(|one| worded_in(one, &q.questions, &locale))
                    .collect()
            })
            .unwrap_or_default(),
        locale,
    })
}

fn locale_of(ruleset: &RuleSet, locale: Option<&str>) -> Result<String, EvaluateError> {
    let locales = &ruleset.manifest().locales;
    match locale {
        None => Ok(locales.first().cloned().unwrap_or_default()),
        Some(l) if locales.iter().any(|x| x == l) => Ok(l.to_string()),
        Some(l) => Err(EvaluateError::UnknownLocale {
            locale: l.to_string(),
            ruleset: ruleset.manifest().id.clone(),
            accepted: locales.join(", "),
        }),
    }
}

/// What a comparison looks at in a nudge: its status and due date (absence is `None`).
type Outcome = Option<(Status, Option<String>)>;

fn outcomes(report: &Report) -> BTreeMap<&str, Outcome> {
    report
        .nudges
        .iter()
        .map(|n: &Nudge| (n.program.as_str(), Some((n.status, n.due_date.clone()))))
        .collect()
}

/// `refer` > `due` > `upcoming` > `info` > `up-to-date` (docs/questions.md §5).
/// The status word of an urgency (the inverse of [`urgency`]).
fn status_of(urgency: u8) -> &'static str {
    match urgency {
        4 => Status::Refer.as_str(),
        3 => Status::Due.as_str(),
        2 => Status::Upcoming.as_str(),
        1 => Status::Info.as_str(),
        _ => Status::UpToDate.as_str(),
    }
}

fn urgency(status: Status) -> u8 {
    match status {
        Status::Refer => 4,
        Status::Due => 3,
        Status::Upcoming => 2,
        Status::Info => 1,
        Status::UpToDate => 0,
    }
}

/// The open questions of `profile` (its JSON, checked for `options.as_of`) that could change a
/// nudge of `ruleset`'s report, most consequential first.
pub fn open_questions(
    ruleset: &RuleSet,
    profile: &Value,
    options: &Options,
) -> Result<Vec<OpenQuestion>, crate::Error> {
    let parsed = Profile::from_value(profile, options.as_of).map_err(crate::Error::Profile)?;
    let plain = Options {
        trace: false,
        ..options.clone()
    };
    let (baseline, reads) = ruleset
        .evaluate_reading(&parsed, &plain, None)
        .map_err(crate::Error::Evaluate)?;
    let Some(questions) = ruleset.effective().questions.as_ref() else {
        return Ok(Vec::new());
    };
    let Some(map) = profile.as_object() else {
        return Ok(Vec::new());
    };
    let locale = baseline.locale.clone();
    let base = outcomes(&baseline);
    let born = birth_day(&parsed, options.as_of);
    // First every question on its own; then each group takes in what its open details can
    // change (a group answered "yes, details to come" leads to them).
    let mut probed: Vec<Option<Probed>> = Vec::new();
    for question in &questions.questions {
        let target = Target::parse(&question.fills);
        let Some(target) = target.filter(|t| !question.always && state::is_open(map, question, *t))
        else {
            probed.push(None);
            continue;
        };
        let keys = target.read_keys();
        let readers: BTreeSet<String> = reads
            .iter()
            .filter(|(_, read)| read.iter().any(|r| keys.iter().any(|k| read_touches(r, k))))
            .map(|(program, _)| program.clone())
            .collect();
        if readers.is_empty() {
            probed.push(None);
            continue;
        }
        probed.push(Some(probe(
            ruleset, map, question, target, &plain, &readers, &base, born,
        )?));
    }
    let mut found = Vec::new();
    for (order, question) in questions.questions.iter().enumerate() {
        let Some(Some(own)) = probed.get(order) else {
            continue;
        };
        let (mut affects, mut most) = (own.affects.clone(), own.most);
        let mut worded = worded_in(question, &questions.questions, &locale);
        if let Some(target) = Target::parse(&question.fills).filter(|t| t.kind() == Kind::Several) {
            let mut matters = Vec::new();
            for (i, option) in question.options.iter().enumerate() {
                let unknown = state::code_is_unknown(map, target, &option.value);
                // Alone, against "none of them": does this one option change a nudge?
                let alone = match (own.several.first(), own.several.get(i + 1)) {
                    (Some(Some(none)), Some(Some(only))) => none != only,
                    _ => false,
                };
                let detail = target.option_target(&option.value);
                let mut by_detail = false;
                for (other, result) in questions.questions.iter().zip(&probed) {
                    if let (Some(result), Some(t)) = (result, detail) {
                        if Target::parse(&other.fills) == Some(t) && !result.affects.is_empty() {
                            by_detail = true;
                            affects.extend(result.affects.iter().cloned());
                            most = most.max(result.most);
                        }
                    }
                }
                matters.push(unknown && (alone || by_detail));
            }
            // A group that matters only through a combination of options: every open one does.
            if !affects.is_empty() && !matters.contains(&true) {
                for (i, option) in question.options.iter().enumerate() {
                    if let Some(m) = matters.get_mut(i) {
                        *m = state::code_is_unknown(map, target, &option.value);
                    }
                }
            }
            if let Some(worded_options) = worded.options.as_mut() {
                for (option, m) in worded_options.iter_mut().zip(matters) {
                    option.matters = Some(m);
                }
            }
        }
        if !affects.is_empty() {
            worded.affects = Some(affects.into_iter().collect());
            worded.consequence = Some(status_of(most));
            worded.always = false;
            found.push((most, order, worded));
        }
    }
    found.sort_by(|a, b| {
        let len = |q: &OpenQuestion| q.affects.as_ref().map_or(0, Vec::len);
        b.0.cmp(&a.0)
            .then_with(|| len(&b.2).cmp(&len(&a.2)))
            .then_with(|| a.1.cmp(&b.1))
    });
    Ok(found.into_iter().map(|(_, _, q)| q).collect())
}

/// What probing one question found.
struct Probed {
    /// The programs some answer changed.
    affects: BTreeSet<String>,
    /// The most urgent status an answer gave one of them.
    most: u8,
    /// For a `several` question, the outcome of each probe (none, each option alone, all) on
    /// the programs that read it; `None` for an answer skipped as inconsistent.
    several: Vec<Option<BTreeMap<String, Outcome>>>,
}

/// Runs the rules of `readers` with every probe answer of `question`: the programs some answer
/// changed, and the most urgent status an answer gave one of them.
#[allow(clippy::too_many_arguments)]
fn probe(
    ruleset: &RuleSet,
    profile: &Map<String, Value>,
    question: &Question,
    target: Target,
    options: &Options,
    readers: &BTreeSet<String>,
    base: &BTreeMap<&str, Outcome>,
    born: chrono::NaiveDate,
) -> Result<Probed, crate::Error> {
    let mut affects = BTreeSet::new();
    let mut most = 0;
    let group = target.kind() == Kind::Several;
    let mut several = Vec::new();
    for answer in probes::answers(question, target, options.as_of, born) {
        let mut changed = profile.clone();
        if state::apply(&mut changed, question, target, &answer, options.as_of).is_err() {
            several.push(None);
            continue;
        }
        // An answer that makes the profile inconsistent (pregnant without a uterus …) is one
        // the person cannot give.
        let Ok(parsed) = Profile::from_value(&Value::Object(changed), options.as_of) else {
            several.push(None);
            continue;
        };
        let report = ruleset
            .evaluate_programs(&parsed, options, Some(readers))
            .map_err(crate::Error::Evaluate)?;
        let now = outcomes(&report);
        if group {
            several.push(Some(
                readers
                    .iter()
                    .map(|p| (p.clone(), now.get(p.as_str()).cloned().flatten()))
                    .collect(),
            ));
        }
        for program in readers {
            let before = base.get(program.as_str()).cloned().flatten();
            let after = now.get(program.as_str()).cloned().flatten();
            if before != after {
                affects.insert(program.clone());
                if let Some((status, _)) = after {
                    most = most.max(urgency(status));
                }
            }
        }
        // Nothing more to learn: every program that read it changed, one of them to `refer`
        // (a group goes on: each option alone says whether that option matters).
        if !group && affects.len() == readers.len() && most == urgency(Status::Refer) {
            break;
        }
    }
    Ok(Probed {
        affects,
        most,
        several,
    })
}

fn birth_day(profile: &Profile, as_of: chrono::NaiveDate) -> chrono::NaiveDate {
    match profile.birth {
        Birth::Date(day) => day,
        Birth::DeclaredAge(age) => crate::date::plus_years(as_of, -(age + 1)).unwrap_or(as_of),
    }
}

#[cfg(test)]
#[cfg(feature = "toml")]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::date;

    #[test]
    fn a_sparse_profile_gets_ranked_questions_and_an_answered_one_none() {
        let ruleset = crate::questions::fixture::ruleset();
        let options = Options::on(date::parse("2026-10-15").unwrap());
        let sparse = json!({"birthDate": "1966-04-02", "sex": "female"});
        let start = std::time::Instant::now();
        let open = open_questions(&ruleset, &sparse, &options).unwrap();
        eprintln!("{:?} for {} questions", start.elapsed(), open.len());
        let ids: Vec<(&str, Vec<String>)> = open
            .iter()
            .map(|q| (q.id.as_str(), q.affects.clone().unwrap_or_default()))
            .collect();
        eprintln!("{ids:#?}");
        let listed: Vec<&str> = ids.iter().map(|(id, _)| *id).collect();
        assert!(listed.contains(&"mammography"), "{listed:?}");
        assert!(listed.contains(&"family-colorectal"), "{listed:?}");
        // A 60-year-old cannot be pregnant in these rules' eyes? She can be asked; but birth and
        // sex are `always`, never listed.
        assert!(!listed.contains(&"birth") && !listed.contains(&"sex"));
    }
}

#[cfg(test)]
#[cfg(feature = "toml")]
mod groups {
    use serde_json::json;

    use super::*;
    use crate::date;

    fn listed(profile: &Value) -> Vec<OpenQuestion> {
        let ruleset = crate::questions::fixture::ruleset();
        open_questions(
            &ruleset,
            profile,
            &Options::on(date::parse("2026-10-15").unwrap()),
        )
        .unwrap()
    }

    #[test]
    fn a_group_covers_its_details_and_says_which_options_matter() {
        let open = listed(&json!({"birthDate": "1956-04-02", "sex": "female"}));
        let vaccines = open.iter().find(|q| q.id == "vaccines").unwrap();
        assert_eq!(
            vaccines.covers,
            Some(vec!["influenza".to_string(), "dtp".to_string()])
        );
        let matters: Vec<(&str, Option<bool>)> = vaccines
            .options
            .iter()
            .flatten()
            .map(|o| (o.value.as_str(), o.matters))
            .collect();
        assert_eq!(
            matters,
            vec![("influenza", Some(true)), ("dtp", Some(true))]
        );
        // The group takes in what its details change, and ranks before them (file order).
        let at = |id: &str| open.iter().position(|q| q.id == id).unwrap();
        assert!(at("vaccines") < at("influenza") && at("tests") < at("mammography"));
        // A 70-year-old man: the mammography and smear options do not matter.
        let man = listed(&json!({"birthDate": "1956-04-02", "sex": "male"}));
        let tests = man.iter().find(|q| q.id == "tests").unwrap();
        let marked: Vec<&str> = tests
            .options
            .iter()
            .flatten()
            .filter(|o| o.matters == Some(true))
            .map(|o| o.value.as_str())
            .collect();
        assert_eq!(marked, vec!["fit"]);
    }

    #[test]
    fn a_group_answered_none_settles_its_details_and_a_ticked_one_stays_open() {
        let ruleset = crate::questions::fixture::ruleset();
        let as_of = date::parse("2026-10-15").unwrap();
        let profile = crate::questions::profile_from_answers(
            ruleset.effective().questions.as_ref(),
            &json!({"answers": {"birth": {"birthDate": "1956-04-02"}, "sex": "female",
                "vaccines": {"chosen": ["influenza"], "complete": true},
                "tests": {"chosen": [], "complete": true, "offered": ["mammography"]}}}),
            as_of,
        )
        .unwrap();
        let open = listed(&profile);
        let ids: Vec<&str> = open.iter().map(|q| q.id.as_str()).collect();
        assert!(
            ids.contains(&"influenza") && !ids.contains(&"dtp"),
            "{ids:?}"
        );
        assert!(
            !ids.contains(&"mammography") && ids.contains(&"fit"),
            "{ids:?}"
        );
    }

    #[test]
    fn the_questionnaire_says_what_each_group_covers() {
        let ruleset = crate::questions::fixture::ruleset();
        let all = questionnaire(&ruleset, Some("en")).unwrap();
        let covers = |id: &str| {
            all.questions
                .iter()
                .find(|q| q.id == id)
                .unwrap()
                .covers
                .clone()
        };
        assert_eq!(
            covers("family"),
            Some(vec![
                "family-colorectal".to_string(),
                "family-breast".to_string()
            ])
        );
        assert_eq!(covers("conditions"), None);
        assert_eq!(covers("mammography"), None);
    }
}

#[cfg(test)]
#[cfg(feature = "toml")]
mod properties {
    use proptest::prelude::*;
    use serde_json::{json, Value};

    use super::*;
    use crate::date;

    fn profile() -> impl Strategy<Value = Value> {
        (
            18i64..90,
            prop::bool::ANY,
            prop::option::of(prop::sample::select(vec!["never", "former", "current"])),
            prop::option::of(Just(json!([]))),
            prop::option::of(prop::sample::subsequence(
                vec!["diabetes", "hypertension", "chronic-heart-disease"],
                0..2,
            )),
        )
            .prop_map(|(age, female, smoking, screenings, conditions)| {
                let mut p = json!({"age": age, "sex": if female { "female" } else { "male" }});
                if let Some(s) = smoking {
                    p["smoking"] = json!({"status": s});
                }
                if let Some(s) = screenings {
                    p["screenings"] = s;
                }
                if let Some(c) = conditions {
                    p["conditions"] = json!(c);
                }
                p
            })
    }

    fn nudges(
        ruleset: &RuleSet,
        profile: &Value,
        options: &Options,
    ) -> Option<Vec<(String, Outcome)>> {
        let parsed = Profile::from_value(profile, options.as_of).ok()?;
        let report = ruleset.evaluate(&parsed, options).ok()?;
        Some(
            outcomes(&report)
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    /// (a) an unlisted question changes nothing, whatever its answer (a random probe, or a
    /// random day); (b) every program a listed question affects is changed by some probe.
    fn holds(
        ruleset: &RuleSet,
        as_of: &str,
        profile: &Value,
        pick: usize,
        days: i64,
    ) -> Result<(), TestCaseError> {
        let options = Options::on(date::parse(as_of).unwrap());
        let open = open_questions(ruleset, profile, &options).unwrap();
        let before = nudges(ruleset, profile, &options).unwrap();
        let questions = ruleset.effective().questions.clone().unwrap();
        let map = profile.as_object().unwrap();
        let parsed = Profile::from_value(profile, options.as_of).unwrap();
        let born = birth_day(&parsed, options.as_of);
        for question in &questions.questions {
            let target = Target::parse(&question.fills).unwrap();
            let listed = open.iter().find(|q| q.id == question.id);
            let mut probes = probes::answers(question, target, options.as_of, born);
            if target.kind() == crate::questions::Kind::Date {
                let day = options.as_of - chrono::Duration::days(days);
                probes.push(json!(day.to_string()));
            }
            match listed {
                None => {
                    // An answered question is not asked again: only open ones count.
                    if probes.is_empty()
                        || question.always
                        || !state::is_open(map, question, target)
                    {
                        continue;
                    }
                    let answer = probes[pick % probes.len()].clone();
                    let mut changed = map.clone();
                    if state::apply(&mut changed, question, target, &answer, options.as_of).is_err()
                    {
                        continue;
                    }
                    if let Some(after) = nudges(ruleset, &Value::Object(changed), &options) {
                        prop_assert_eq!(
                            &after,
                            &before,
                            "question {} answer {}",
                            question.id,
                            answer
                        );
                    }
                }
                Some(listed) => {
                    // A group's programs may be changed through the detail questions it
                    // covers (its answer "yes, details to come" leads to them).
                    let covered = covers(question, &questions.questions);
                    let mut askable = vec![(question, target, probes.clone())];
                    for detail in questions
                        .questions
                        .iter()
                        .filter(|q| covered.contains(&q.id))
                    {
                        let t = Target::parse(&detail.fills).unwrap();
                        askable.push((detail, t, probes::answers(detail, t, options.as_of, born)));
                    }
                    for program in listed.affects.clone().unwrap() {
                        let changes = askable.iter().any(|(q, t, answers)| {
                            answers.iter().any(|answer| {
                                let mut changed = map.clone();
                                state::apply(&mut changed, q, *t, answer, options.as_of).is_ok()
                                    && nudges(ruleset, &Value::Object(changed), &options)
                                        .is_some_and(|after| {
                                            after.iter().find(|(p, _)| *p == program)
                                                != before.iter().find(|(p, _)| *p == program)
                                        })
                            })
                        });
                        prop_assert!(
                            changes,
                            "{} lists {} but no answer changes it",
                            question.id,
                            program
                        );
                    }
                    // Options marked as mattering are open; a group lists at least one.
                    if target.kind() == crate::questions::Kind::Several {
                        let marked: Vec<&str> = listed
                            .options
                            .iter()
                            .flatten()
                            .filter(|o| o.matters == Some(true))
                            .map(|o| o.value.as_str())
                            .collect();
                        prop_assert!(
                            !marked.is_empty(),
                            "{} is listed with no option that matters",
                            question.id
                        );
                        for code in marked {
                            prop_assert!(
                                state::code_is_unknown(map, target, code),
                                "{} marks known {}",
                                question.id,
                                code
                            );
                        }
                    }
                }
            }
        }
        Ok(())
    }

    thread_local! {
        /// The published rule sets with their own questionnaires (loaded once per test thread).
        static FR: RuleSet = load("rules/fr/2026.2.0");
        static US: RuleSet = load("rules/us/2026.1.0");
    }

    fn load(path: &str) -> RuleSet {
        RuleSet::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

        #[test]
        fn unlisted_questions_change_nothing_and_listed_ones_change_their_programs(
            profile in profile(), pick in 0usize..1000, days in 0i64..20000,
        ) {
            holds(&crate::questions::fixture::ruleset(), "2026-10-15", &profile, pick, days)?;
        }

        /// The same for the French and United States rule sets with their real questionnaires.
        #[test]
        fn the_published_questionnaires_hold_too(
            profile in profile(), pick in 0usize..1000, days in 0i64..20000, us in prop::bool::ANY,
        ) {
            let published = if us { &US } else { &FR };
            published.with(|ruleset| holds(ruleset, "2026-12-05", &profile, pick, days))?;
        }
    }

    /// (c) a profile with every question answered has no open question.
    #[test]
    fn a_fully_answered_profile_gets_no_question() {
        let ruleset = crate::questions::fixture::ruleset();
        let as_of = date::parse("2026-10-15").unwrap();
        let answers = json!({"answers": {
            "birth": {"birthDate": "1960-02-01"}, "sex": "female", "cervix": "yes",
            "mammography": {"date": "2025-03-01", "result": "normal"}, "fit": "never", "smear": "2024-05-02",
            "family-colorectal": "none", "family-breast": [{"relation": "mother", "ageAtDiagnosis": 70}],
            "conditions": {"chosen": [], "complete": true}, "diabetes": "no", "pregnant": "no",
            "smoking": "former", "pack-years": 10, "quit-date": "2010-01-01",
            "measures": {"heightCm": 160, "weightKg": 60}, "influenza": "2025-11-01", "dtp": "never",
            "ancestry": {"chosen": [], "complete": true}, "departement": "75",
            "tests": {"chosen": ["mammography", "fit"], "complete": true},
            "family": {"chosen": ["breast-cancer"], "complete": false},
            "vaccines": {"chosen": ["influenza"], "complete": true}
        }});
        let profile = crate::questions::profile_from_answers(
            ruleset.effective().questions.as_ref(),
            &answers,
            as_of,
        )
        .unwrap();
        assert_eq!(
            open_questions(&ruleset, &profile, &Options::on(as_of)).unwrap(),
            Vec::new()
        );
    }
}

//! A profile as JSON (docs/contract.md §1) that answers are applied to, one question at a time:
//! what `profileFromAnswers` builds from nothing, and what the counterfactual probes change in a
//! profile. Only the shape is handled here; the profile's own validation judges the result.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde_json::{json, Map, Value};

use super::{Question, Target};
use crate::codes::{Ancestry, Condition, Test, Vaccine};
use crate::profile::ProblemKind;

/// What is wrong with one answer: a path below `answers.<id>` (may be empty), a kind, words.
pub(crate) type AnswerProblem = (String, ProblemKind, String);

/// A list of the profile that answers fill code by code.
#[derive(Clone, Copy)]
struct List {
    /// Its key in the profile (and in `unknown`).
    key: &'static str,
    /// The field of an entry that holds its code (`None`: entries are codes).
    code_field: Option<&'static str>,
    /// Every code of its closed list.
    all: fn() -> Vec<&'static str>,
}

const CONDITIONS: List = List {
    key: "conditions",
    code_field: None,
    all: || Condition::ALL.iter().map(|c| c.as_str()).collect(),
};
const FAMILY: List = List {
    key: "familyHistory",
    code_field: Some("condition"),
    all: || Condition::ALL.iter().map(|c| c.as_str()).collect(),
};
const SCREENINGS: List = List {
    key: "screenings",
    code_field: Some("test"),
    all: || Test::ALL.iter().map(|c| c.as_str()).collect(),
};
const VACCINATIONS: List = List {
    key: "vaccinations",
    code_field: Some("vaccine"),
    all: || Vaccine::ALL.iter().map(|c| c.as_str()).collect(),
};
const ANCESTRY: List = List {
    key: "ancestry",
    code_field: None,
    all: || Ancestry::ALL.iter().map(|c| c.as_str()).collect(),
};

/// One list as answered so far: its entries, and the codes still unknown (`None` in the
/// profile when every code is unknown and nothing is listed).
struct ListState {
    entries: Vec<Value>,
    unknown: BTreeSet<String>,
}

impl List {
    fn code_of<'v>(&self, entry: &'v Value) -> Option<&'v str> {
        match self.code_field {
            None => entry.as_str(),
            Some(field) => entry.get(field).and_then(Value::as_str),
        }
    }

    // The sets of codes are built only where a comparison needs them, and of `&str`: the
    // questions' probes (docs/questions.md §5) apply thousands of answers for one provisional
    // result, and building every closed list as owned strings for each was a fifth of its time.

    fn read(&self, profile: &Map<String, Value>) -> ListState {
        let Some(Value::Array(entries)) = profile.get(self.key) else {
            return ListState {
                entries: Vec::new(),
                unknown: (self.all)().into_iter().map(String::from).collect(),
            };
        };
        let unknown = match profile.get("unknown").and_then(|u| u.get(self.key)) {
            Some(Value::Bool(true)) => {
                let listed: BTreeSet<&str> =
                    entries.iter().filter_map(|e| self.code_of(e)).collect();
                (self.all)()
                    .into_iter()
                    .filter(|code| !listed.contains(code))
                    .map(String::from)
                    .collect()
            }
            Some(Value::Array(codes)) => codes
                .iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect(),
            _ => BTreeSet::new(),
        };
        ListState {
            entries: entries.clone(),
            unknown,
        }
    }

    fn write(&self, profile: &mut Map<String, Value>, state: ListState) {
        let all = (self.all)();
        // Whether `unknown` holds exactly `codes` (each code of a closed list is distinct).
        let exactly = |unknown: &BTreeSet<String>, codes: &[&str]| {
            unknown.len() == codes.len() && codes.iter().all(|code| unknown.contains(*code))
        };
        let everything_unknown = exactly(&state.unknown, &all);
        let rest_unknown = {
            let listed: BTreeSet<&str> = state
                .entries
                .iter()
                .filter_map(|e| self.code_of(e))
                .collect();
            let rest: Vec<&str> = all
                .iter()
                .copied()
                .filter(|code| !listed.contains(code))
                .collect();
            exactly(&state.unknown, &rest)
        };
        let mut unknown_map = match profile.remove("unknown") {
            Some(Value::Object(map)) => map,
            _ => Map::new(),
        };
        unknown_map.remove(self.key);
        if state.entries.is_empty() && everything_unknown {
            profile.remove(self.key);
        } else {
            profile.insert(self.key.to_string(), Value::Array(state.entries));
            if state.unknown.is_empty() {
            } else if rest_unknown {
                unknown_map.insert(self.key.to_string(), Value::Bool(true));
            } else {
                let codes = state.unknown.into_iter().map(Value::String).collect();
                unknown_map.insert(self.key.to_string(), Value::Array(codes));
            }
        }
        if !unknown_map.is_empty() {
            profile.insert("unknown".to_string(), Value::Object(unknown_map));
        }
    }

    /// Sets what is known of `code`: `Some(entries)` (none: it is absent), or `None`: unknown.
    fn set(&self, profile: &mut Map<String, Value>, code: &str, entries: Option<Vec<Value>>) {
        let mut state = self.read(profile);
        state.entries.retain(|e| self.code_of(e) != Some(code));
        match entries {
            Some(entries) => {
                state.unknown.remove(code);
                state.entries.extend(entries);
            }
            None => {
                state.unknown.insert(code.to_string());
            }
        }
        self.write(profile, state);
    }

    /// Whether `code` is unknown: what `read(profile).unknown.contains(code)` says, without
    /// building the list's state.
    fn is_unknown(&self, profile: &Map<String, Value>, code: &str) -> bool {
        let in_list = || (self.all)().contains(&code);
        let Some(Value::Array(entries)) = profile.get(self.key) else {
            return in_list();
        };
        match profile.get("unknown").and_then(|u| u.get(self.key)) {
            Some(Value::Bool(true)) => {
                in_list() && !entries.iter().any(|e| self.code_of(e) == Some(code))
            }
            Some(Value::Array(codes)) => codes.iter().any(|c| c.as_str() == Some(code)),
            _ => false,
        }
    }
}

/// Whether `question`'s target is still unknown in `profile`.
pub(crate) fn is_open(profile: &Map<String, Value>, question: &Question, target: Target) -> bool {
    let absent = |key: &str| profile.get(key).is_none_or(Value::is_null);
    let smoking = |key: &str| {
        profile
            .get("smoking")
            .and_then(|s| s.get(key))
            .is_none_or(Value::is_null)
    };
    let options = || question.options.iter().map(|o| o.value.as_str());
    match target {
        Target::Birth => absent("birthDate") && absent("age"),
        Target::Sex => absent("sex"),
        Target::Organ(organ) => profile
            .get("organs")
            .and_then(|o| o.get(organ.as_str()))
            .is_none_or(Value::is_null),
        Target::Pregnant => absent("pregnant"),
        Target::SmokingStatus => smoking("status"),
        Target::PackYears => smoking("packYears"),
        Target::QuitDate => smoking("quitDate"),
        Target::Measures => absent("heightCm") || absent("weightKg"),
        Target::Conditions => options().any(|c| CONDITIONS.is_unknown(profile, c)),
        Target::Condition(c) => CONDITIONS.is_unknown(profile, c.as_str()),
        Target::Family(c) => FAMILY.is_unknown(profile, c.as_str()),
        Target::Screening(t) => SCREENINGS.is_unknown(profile, t.as_str()),
        Target::Vaccination(v) => VACCINATIONS.is_unknown(profile, v.as_str()),
        Target::Ancestry => options().any(|c| ANCESTRY.is_unknown(profile, c)),
        Target::FamilyHistory => options().any(|c| FAMILY.is_unknown(profile, c)),
        Target::Screenings => options().any(|c| SCREENINGS.is_unknown(profile, c)),
        Target::Vaccinations => options().any(|c| VACCINATIONS.is_unknown(profile, c)),
        Target::Departement => absent("departement"),
    }
}

/// Applies one answer (docs/questions.md §2) to `profile`; `"unknown"` leaves it unknown there.
pub(crate) fn apply(
    profile: &mut Map<String, Value>,
    question: &Question,
    target: Target,
    answer: &Value,
    as_of: NaiveDate,
) -> Result<(), AnswerProblem> {
    let unknown = answer.as_str() == Some("unknown");
    if unknown && target == Target::Birth {
        return Err(problem(
            ProblemKind::MissingField,
            "is required: a birth date or an age",
        ));
    }
    match target {
        Target::Birth => birth(profile, answer),
        Target::Sex | Target::Departement => {
            if !unknown {
                let key = if target == Target::Sex {
                    "sex"
                } else {
                    "departement"
                };
                profile.insert(key.into(), Value::String(choice(question, answer)?));
            }
            Ok(())
        }
        Target::Organ(organ) => {
            let organs = profile
                .entry("organs")
                .or_insert_with(|| json!({}))
                .as_object_mut()
                .ok_or_else(|| problem(ProblemKind::WrongType, "organs is not an object"))?;
            match yes_no(answer)? {
                Some(v) => organs.insert(organ.as_str().into(), Value::Bool(v)),
                None => organs.remove(organ.as_str()),
            };
            if organs.is_empty() {
                profile.remove("organs");
            }
            Ok(())
        }
        Target::Pregnant => {
            if let Some(v) = yes_no(answer)? {
                profile.insert("pregnant".into(), Value::Bool(v));
            }
            Ok(())
        }
        Target::SmokingStatus => {
            if !unknown {
                let status = choice(question, answer)?;
                set_smoking(profile, "status", Value::String(status));
            }
            Ok(())
        }
        Target::PackYears => {
            if !unknown {
                let n = number(question, answer)?;
                set_smoking(profile, "packYears", n);
            }
            Ok(())
        }
        Target::QuitDate => {
            if !unknown {
                match date(answer, as_of, false)? {
                    Some((day, _)) => set_smoking(profile, "quitDate", day),
                    None => {
                        return Err(problem(
                            ProblemKind::WrongType,
                            "a quit date cannot be \"never\"",
                        ))
                    }
                }
            }
            Ok(())
        }
        Target::Measures => {
            if !unknown {
                let map = answer.as_object().ok_or_else(|| {
                    problem(
                        ProblemKind::WrongType,
                        "expected {\"heightCm\": n, \"weightKg\": n}",
                    )
                })?;
                for (from, to) in [("heightCm", "heightCm"), ("weightKg", "weightKg")] {
                    let value = map.get(from).filter(|v| v.is_number()).ok_or_else(|| {
                        (
                            from.to_string(),
                            ProblemKind::MissingField,
                            "a number is required".to_string(),
                        )
                    })?;
                    profile.insert(to.into(), value.clone());
                }
                if let Some(extra) = map.keys().find(|k| *k != "heightCm" && *k != "weightKg") {
                    return Err((
                        extra.clone(),
                        ProblemKind::UnknownField,
                        "accepted fields: heightCm, weightKg".into(),
                    ));
                }
            }
            Ok(())
        }
        Target::Conditions => several(profile, CONDITIONS, question, target, answer),
        Target::Ancestry => several(profile, ANCESTRY, question, target, answer),
        Target::FamilyHistory => several(profile, FAMILY, question, target, answer),
        Target::Screenings => several(profile, SCREENINGS, question, target, answer),
        Target::Vaccinations => several(profile, VACCINATIONS, question, target, answer),
        Target::Condition(c) => {
            let known = yes_no(answer)?;
            let entries = known.map(|yes| {
                if yes {
                    vec![json!(c.as_str())]
                } else {
                    Vec::new()
                }
            });
            CONDITIONS.set(profile, c.as_str(), entries);
            Ok(())
        }
        Target::Family(c) => {
            let entries = relatives(question, answer, c)?;
            FAMILY.set(profile, c.as_str(), entries);
            Ok(())
        }
        Target::Screening(t) => {
            let dated = if unknown {
                None
            } else {
                Some(date(answer, as_of, true)?)
            };
            let entries = match dated {
                None => None,
                Some(None) => Some(Vec::new()),
                Some(Some((day, result))) => {
                    let mut entry = json!({"test": t.as_str(), "date": day});
                    if let (Some(result), Some(map)) = (result, entry.as_object_mut()) {
                        map.insert("result".into(), result);
                    }
                    Some(vec![entry])
                }
            };
            SCREENINGS.set(profile, t.as_str(), entries);
            Ok(())
        }
        Target::Vaccination(v) => {
            let dated = if unknown {
                None
            } else {
                Some(date(answer, as_of, false)?)
            };
            let entries = match dated {
                None => None,
                Some(None) => Some(Vec::new()),
                Some(Some((day, _))) => Some(vec![json!({"vaccine": v.as_str(), "date": day})]),
            };
            VACCINATIONS.set(profile, v.as_str(), entries);
            Ok(())
        }
    }
}

fn problem(kind: ProblemKind, message: &str) -> AnswerProblem {
    (String::new(), kind, message.to_string())
}

/// Sets `smoking.<key>`.
fn set_smoking(profile: &mut Map<String, Value>, key: &str, value: Value) {
    let slot = profile.entry("smoking").or_insert_with(|| json!({}));
    if !slot.is_object() {
        *slot = json!({});
    }
    if let Some(map) = slot.as_object_mut() {
        map.insert(key.into(), value);
    }
}

fn birth(profile: &mut Map<String, Value>, answer: &Value) -> Result<(), AnswerProblem> {
    let map = answer.as_object().ok_or_else(|| {
        problem(
            ProblemKind::WrongType,
            "expected {\"birthDate\": \"YYYY-MM-DD\"} or {\"age\": n}",
        )
    })?;
    match (map.get("birthDate"), map.get("age"), map.len()) {
        (Some(day), None, 1) => profile.insert("birthDate".into(), day.clone()),
        (None, Some(age), 1) => profile.insert("age".into(), age.clone()),
        _ => {
            return Err(problem(
                ProblemKind::WrongType,
                "expected {\"birthDate\": \"YYYY-MM-DD\"} or {\"age\": n}",
            ))
        }
    };
    Ok(())
}

fn yes_no(answer: &Value) -> Result<Option<bool>, AnswerProblem> {
    match answer.as_str() {
        Some("yes") => Ok(Some(true)),
        Some("no") => Ok(Some(false)),
        Some("unknown") => Ok(None),
        _ => Err(problem(
            ProblemKind::UnknownCode,
            "expected \"yes\", \"no\" or \"unknown\"",
        )),
    }
}

fn choice(question: &Question, answer: &Value) -> Result<String, AnswerProblem> {
    let value = answer
        .as_str()
        .ok_or_else(|| problem(ProblemKind::WrongType, "expected one option value"))?;
    let ok = if question.options.is_empty() {
        crate::departement::is_code(value)
    } else {
        question.options.iter().any(|o| o.value == value)
    };
    if ok {
        Ok(value.to_string())
    } else {
        let accepted: Vec<&str> = question.options.iter().map(|o| o.value.as_str()).collect();
        Err(problem(
            ProblemKind::UnknownCode,
            &format!(
                "`{value}` is not an option; accepted: {}, unknown",
                accepted.join(", ")
            ),
        ))
    }
}

fn number(question: &Question, answer: &Value) -> Result<Value, AnswerProblem> {
    let n = answer
        .as_f64()
        .ok_or_else(|| problem(ProblemKind::WrongType, "expected a number"))?;
    let (min, max) = (
        question.min.map_or(f64::MIN, |m| m as f64),
        question.max.map_or(f64::MAX, |m| m as f64),
    );
    if n < min || n > max {
        return Err(problem(
            ProblemKind::OutOfRange,
            &format!("{n} is out of range ({min} to {max})"),
        ));
    }
    Ok(answer.clone())
}

/// A date answer: `None` for `"never"`; otherwise the profile's date text (a year, a month or a
/// day, passed on unchanged; `{"yearsAgo": n}` as the year asOf − n) and, for a screening, its
/// result.
fn date(
    answer: &Value,
    as_of: NaiveDate,
    with_result: bool,
) -> Result<Option<(Value, Option<Value>)>, AnswerProblem> {
    let bad = || {
        problem(
            ProblemKind::NotADate,
            "expected \"YYYY\", \"YYYY-MM\", \"YYYY-MM-DD\", {\"yearsAgo\": n}, \"never\" or \"unknown\"",
        )
    };
    match answer {
        Value::String(text) if text == "never" => Ok(None),
        Value::String(text) if looks_like_date(text) => Ok(Some((answer.clone(), None))),
        Value::Object(map) if map.len() == 1 && map.contains_key("yearsAgo") => {
            let n = map
                .get("yearsAgo")
                .and_then(Value::as_i64)
                .filter(|n| (0..=120).contains(n));
            let n = n.ok_or_else(|| {
                (
                    "yearsAgo".to_string(),
                    ProblemKind::OutOfRange,
                    "expected a whole number from 0 to 120".to_string(),
                )
            })?;
            Ok(Some((
                json!(format!("{:04}", i64::from(as_of.year()) - n)),
                None,
            )))
        }
        Value::Object(map) if with_result && map.contains_key("date") => {
            if let Some(extra) = map.keys().find(|k| *k != "date" && *k != "result") {
                return Err((
                    extra.clone(),
                    ProblemKind::UnknownField,
                    "accepted fields: date, result".into(),
                ));
            }
            let inner = map.get("date").cloned().unwrap_or(Value::Null);
            let Some((day, _)) =
                date(&inner, as_of, false).map_err(|(_, k, m)| ("date".to_string(), k, m))?
            else {
                return Err((
                    "date".into(),
                    ProblemKind::NotADate,
                    "a dated result cannot be \"never\"".into(),
                ));
            };
            let result = match map.get("result") {
                None => None,
                Some(r @ Value::String(text))
                    if ["normal", "abnormal", "unknown"].contains(&text.as_str()) =>
                {
                    Some(r.clone())
                }
                Some(_) => {
                    return Err((
                        "result".into(),
                        ProblemKind::UnknownCode,
                        "accepted: normal, abnormal, unknown".into(),
                    ))
                }
            };
            Ok(Some((day, result)))
        }
        _ => Err(bad()),
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` in digits (the profile judges the day itself).
fn looks_like_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let lengths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    matches!(lengths.as_slice(), [4] | [4, 2] | [4, 2, 2])
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether `code` is still unknown in `list` of `profile` (what a group answer may settle).
pub(crate) fn code_is_unknown(profile: &Map<String, Value>, target: Target, code: &str) -> bool {
    let list = match target {
        Target::Conditions => CONDITIONS,
        Target::Ancestry => ANCESTRY,
        Target::FamilyHistory => FAMILY,
        Target::Screenings => SCREENINGS,
        Target::Vaccinations => VACCINATIONS,
        _ => return false,
    };
    list.is_unknown(profile, code)
}

/// A list of option values (`chosen` or `offered`), each an option of `question`, none twice.
fn option_values<'q>(
    question: &'q Question,
    field: &str,
    values: &[Value],
) -> Result<BTreeSet<&'q str>, AnswerProblem> {
    let mut picked = BTreeSet::new();
    for (i, value) in values.iter().enumerate() {
        let option = question
            .options
            .iter()
            .find(|o| value.as_str() == Some(o.value.as_str()));
        let code = option.map(|o| o.value.as_str()).ok_or_else(|| {
            let accepted: Vec<&str> = question.options.iter().map(|o| o.value.as_str()).collect();
            (
                format!("{field}[{i}]"),
                ProblemKind::UnknownCode,
                format!("not an option; accepted: {}", accepted.join(", ")),
            )
        })?;
        if !picked.insert(code) {
            return Err((
                format!("{field}[{i}]"),
                ProblemKind::DuplicateEntry,
                format!("\"{code}\" is given twice"),
            ));
        }
    }
    Ok(picked)
}

/// A `several` answer (docs/questions.md §2, §6). It speaks only for codes still unknown when it
/// applies (an answer already given for a code is kept, so group and detail answers never fight):
/// a chosen code is present (`conditions`, `ancestry`) or stays unknown until its detail question
/// (`familyHistory`, `screenings`, `vaccinations`: "yes, details to come"); an unchosen code is
/// absent when `complete` is true and the code was offered (every option when `offered` is not
/// given), and stays unknown otherwise.
fn several(
    profile: &mut Map<String, Value>,
    list: List,
    question: &Question,
    target: Target,
    answer: &Value,
) -> Result<(), AnswerProblem> {
    if answer.as_str() == Some("unknown") {
        return Ok(());
    }
    let shape =
        "expected {\"chosen\": [values], \"complete\": true | false, \"offered\"?: [values]}";
    let map = answer
        .as_object()
        .ok_or_else(|| problem(ProblemKind::WrongType, shape))?;
    if let Some(extra) = map
        .keys()
        .find(|k| !["chosen", "complete", "offered"].contains(&k.as_str()))
    {
        return Err((
            extra.clone(),
            ProblemKind::UnknownField,
            "accepted fields: chosen, complete, offered".into(),
        ));
    }
    let list_of = |field: &str| {
        map.get(field).and_then(Value::as_array).ok_or_else(|| {
            (
                field.to_string(),
                ProblemKind::WrongType,
                "expected a list of option values".to_string(),
            )
        })
    };
    let chosen = list_of("chosen")?;
    let complete = map
        .get("complete")
        .and_then(Value::as_bool)
        .ok_or_else(|| {
            (
                "complete".to_string(),
                ProblemKind::WrongType,
                "expected true or false".to_string(),
            )
        })?;
    let picked = option_values(question, "chosen", chosen)?;
    let offered = match map.get("offered") {
        None => None,
        Some(_) => Some(option_values(question, "offered", list_of("offered")?)?),
    };
    if let Some(offered) = &offered {
        if let Some((i, code)) = chosen
            .iter()
            .filter_map(Value::as_str)
            .enumerate()
            .find(|(_, c)| !offered.contains(c))
        {
            return Err((
                format!("chosen[{i}]"),
                ProblemKind::Contradiction,
                format!("\"{code}\" is chosen but was not offered"),
            ));
        }
    }
    for option in &question.options {
        let code = option.value.as_str();
        if !list.is_unknown(profile, code) {
            continue;
        }
        let spoken_for = offered.as_ref().is_none_or(|o| o.contains(code));
        if picked.contains(code) {
            if !target.chosen_stays_unknown() {
                list.set(profile, code, Some(vec![json!(code)]));
            }
        } else if complete && spoken_for {
            list.set(profile, code, Some(Vec::new()));
        }
    }
    Ok(())
}

fn relatives(
    question: &Question,
    answer: &Value,
    condition: Condition,
) -> Result<Option<Vec<Value>>, AnswerProblem> {
    match answer {
        Value::String(text) if text == "unknown" => Ok(None),
        Value::String(text) if text == "none" => Ok(Some(Vec::new())),
        Value::Array(items) => {
            let mut entries = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let at = |field: &str| format!("[{i}]{field}");
                let map = item.as_object().ok_or_else(|| {
                    (
                        at(""),
                        ProblemKind::WrongType,
                        "expected {\"relation\": code, \"ageAtDiagnosis\": n}".to_string(),
                    )
                })?;
                if let Some(extra) = map
                    .keys()
                    .find(|k| *k != "relation" && *k != "ageAtDiagnosis")
                {
                    return Err((
                        at(&format!(".{extra}")),
                        ProblemKind::UnknownField,
                        "accepted fields: relation, ageAtDiagnosis".into(),
                    ));
                }
                let relation = map
                    .get("relation")
                    .and_then(Value::as_str)
                    .filter(|r| question.options.iter().any(|o| o.value == *r));
                let relation = relation.ok_or_else(|| {
                    let accepted: Vec<&str> =
                        question.options.iter().map(|o| o.value.as_str()).collect();
                    (
                        at(".relation"),
                        ProblemKind::UnknownCode,
                        format!("not an option; accepted: {}", accepted.join(", ")),
                    )
                })?;
                let mut entry = json!({"relation": relation, "condition": condition.as_str()});
                if let (Some(age), Some(e)) = (map.get("ageAtDiagnosis"), entry.as_object_mut()) {
                    e.insert("ageAtDiagnosis".into(), age.clone());
                }
                entries.push(entry);
            }
            Ok(Some(entries))
        }
        _ => Err(problem(
            ProblemKind::WrongType,
            "expected a list of relatives, \"none\" or \"unknown\"",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_unknown` answers as the list's state does, for every code of every list (and a code of
    /// none), whatever the profile says of the list: nothing, entries only, entries with every
    /// other code unknown, entries with some codes unknown.
    #[test]
    fn is_unknown_agrees_with_the_lists_state() {
        for list in [CONDITIONS, FAMILY, SCREENINGS, VACCINATIONS, ANCESTRY] {
            let codes = (list.all)();
            let (first, second) = (codes[0], codes[1]);
            let entry = |code: &str| match list.code_field {
                None => json!(code),
                Some(field) => json!({ field: code }),
            };
            let profiles = [
                json!({}),
                json!({ list.key: [entry(first)] }),
                json!({ list.key: [entry(first)], "unknown": { list.key: true } }),
                json!({ list.key: [entry(first)], "unknown": { list.key: [second, "not-a-code"] } }),
                json!({ list.key: [], "unknown": { list.key: false } }),
            ];
            for profile in &profiles {
                let map = profile.as_object().unwrap();
                let state = list.read(map);
                for code in codes.iter().copied().chain(["not-a-code"]) {
                    assert_eq!(
                        list.is_unknown(map, code),
                        state.unknown.contains(code),
                        "{} {code} in {profile}",
                        list.key
                    );
                }
            }
        }
    }
}

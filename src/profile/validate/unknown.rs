//! `unknown` (docs/questions.md §4): where an answered list is not complete — some codes, or
//! (`true`) every code not listed. A code both listed and named unknown is a contradiction.

use serde_json::{Map, Value};

use super::checker::{Checker, CodeList};
use crate::codes::{Ancestry, Condition, Test, Vaccine};
use crate::profile::{Partial, ProblemKind, Profile, Unknown};

const UNKNOWN_FIELDS: &[&str] = &[
    "conditions",
    "familyHistory",
    "screenings",
    "vaccinations",
    "ancestry",
];

impl Checker {
    /// `unknown`, checked against the lists of `profile`.
    pub(super) fn unknown(&mut self, value: &Value, profile: &Profile) -> Unknown {
        let Some(map) = self.object("unknown", value, UNKNOWN_FIELDS) else {
            return Unknown::default();
        };
        let listed_conditions = profile.conditions.clone().unwrap_or_default();
        let listed_family: Vec<Condition> = profile
            .family_history
            .iter()
            .flatten()
            .map(|f| f.condition)
            .collect();
        let listed_tests: Vec<Test> = profile
            .screenings
            .iter()
            .flatten()
            .map(|s| s.test)
            .collect();
        let listed_vaccines: Vec<Vaccine> = profile
            .vaccinations
            .iter()
            .flatten()
            .map(|v| v.vaccine)
            .collect();
        let listed_ancestry: Vec<Ancestry> = profile.ancestry.clone().unwrap_or_default();
        Unknown {
            conditions: self.partial(map, "conditions", &listed_conditions),
            family_history: self.partial(map, "familyHistory", &listed_family),
            screenings: self.partial(map, "screenings", &listed_tests),
            vaccinations: self.partial(map, "vaccinations", &listed_vaccines),
            ancestry: self.partial(map, "ancestry", &listed_ancestry),
        }
    }

    /// `unknown.<field>`: `true`, or codes of the list none of which is listed.
    fn partial<T: CodeList + PartialEq + Copy + std::fmt::Display>(
        &mut self,
        map: &Map<String, Value>,
        field: &str,
        listed: &[T],
    ) -> Partial<T> {
        let path = format!("unknown.{field}");
        match Self::present(map, field) {
            None | Some(Value::Bool(false)) => Partial::Complete,
            Some(Value::Bool(true)) => Partial::All,
            Some(value @ Value::Array(_)) => {
                let Some(items) = self.list(&path, value) else {
                    return Partial::Complete;
                };
                let mut codes = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let at = format!("{path}[{i}]");
                    let Some(code) = self.code::<T>(&at, item) else {
                        continue;
                    };
                    if listed.contains(&code) {
                        self.problem(
                            &at,
                            ProblemKind::Contradiction,
                            format!("\"{code}\" is listed in {field}, so it is not unknown"),
                        );
                    } else if codes.contains(&code) {
                        self.problem(
                            &at,
                            ProblemKind::DuplicateEntry,
                            format!("\"{code}\" is listed twice"),
                        );
                    } else {
                        codes.push(code);
                    }
                }
                Partial::Codes(codes)
            }
            Some(other) => {
                self.problem(
                    &path,
                    ProblemKind::WrongType,
                    format!(
                        "expected true or a list of {} codes, got {}",
                        T::WHAT,
                        super::checker::shown(other)
                    ),
                );
                Partial::Complete
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::date;
    use crate::profile::{Partial, ProblemKind, Profile};

    fn read(json: &str) -> Result<Profile, Vec<(String, ProblemKind)>> {
        Profile::from_json(json, date::parse("2026-01-15").unwrap()).map_err(|e| {
            e.problems
                .into_iter()
                .map(|p| (p.path.clone(), p.kind))
                .collect()
        })
    }

    #[test]
    fn unknown_takes_true_or_codes_and_refuses_contradictions() {
        let profile = read(
            r#"{"age":60,"sex":"female","conditions":["hypertension"],
                "unknown":{"conditions":["diabetes"],"vaccinations":true,"familyHistory":["breast-cancer"]}}"#,
        )
        .unwrap();
        assert!(profile
            .unknown
            .conditions
            .leaves_unknown(&crate::codes::Condition::Diabetes));
        assert_eq!(profile.unknown.vaccinations, Partial::All);
        assert_eq!(
            read(r#"{"age":60,"sex":"female","conditions":["diabetes"],"unknown":{"conditions":["diabetes","flu"],"screenings":"yes","colour":1}}"#)
                .unwrap_err(),
            vec![
                ("unknown.colour".to_string(), ProblemKind::UnknownField),
                ("unknown.conditions[0]".to_string(), ProblemKind::Contradiction),
                ("unknown.conditions[1]".to_string(), ProblemKind::UnknownCode),
                ("unknown.screenings".to_string(), ProblemKind::WrongType),
            ]
        );
    }
}

//! `person` as rules see it: domain helpers over a validated profile that record the facts they read.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::NaiveDate;
use rhai::{Array, Dynamic, NativeCallContext};

use super::{codes_arg, runtime_error, ScriptResult};
use crate::codes::{
    Ancestry, Branch, Condition, Organ, Relation, SmokingStatus, Test, TestResult, Vaccine,
};
use crate::date::{self, Date, Precision};
use crate::facts::{Fact, FactLog, FactValue};
use crate::profile::{Birth, Partial, Profile};

/// The profile seen by one rule during one evaluation.
#[derive(Clone)]
pub struct Person {
    profile: Rc<Profile>,
    today: NaiveDate,
    birth_date: Date,
    facts: Rc<RefCell<FactLog>>,
}

/// A past test, as rules see it.
#[derive(Clone)]
pub struct TestRecord {
    test: Test,
    date: Date,
    result: TestResult,
}

/// A relative's diagnosis, as rules see it.
#[derive(Clone)]
pub struct RelativeRecord {
    relation: Relation,
    condition: Condition,
    age_at_diagnosis: Option<i64>,
}

/// A past vaccination, as rules see it.
#[derive(Clone)]
pub struct VaccinationRecord {
    vaccine: Vaccine,
    date: Date,
}

impl Person {
    /// The person on `today`, with a fresh fact log shared with the caller.
    pub fn new(profile: Rc<Profile>, today: NaiveDate, facts: Rc<RefCell<FactLog>>) -> Person {
        let birth_date = birth_date(&profile, today);
        Person {
            profile,
            today,
            birth_date,
            facts,
        }
    }

    fn record(&self, kind: &'static str, fields: Vec<(&'static str, FactValue)>) {
        if let Ok(mut log) = self.facts.try_borrow_mut() {
            log.record(Fact::new(kind, fields));
        }
    }

    /// Notes that the rule read `target` while it was unknown (see `FactLog::read_unknown`).
    fn read_unknown(&self, target: impl Into<String>) {
        if let Ok(mut log) = self.facts.try_borrow_mut() {
            log.read_unknown(target.into());
        }
    }

    /// Whether the answered list `list` says whether `code` is in it: listed, or not listed and
    /// not left unknown by `unknown` (docs/questions.md §4). Reads it unknown otherwise.
    fn knows<T: PartialEq + Copy>(
        &self,
        list: Option<&[T]>,
        partial: &Partial<T>,
        code: T,
        target: String,
    ) -> bool {
        let known = list.is_some_and(|l| l.contains(&code) || !partial.leaves_unknown(&code));
        if !known {
            self.read_unknown(target);
        }
        known
    }

    /// Whether a whole list is answered and not partial (`unknown.<list> = true`).
    fn knows_list<T>(&self, answered: bool, partial: &Partial<T>, target: &str) -> bool {
        let known = answered && !matches!(partial, Partial::All);
        if !known {
            self.read_unknown(target);
        }
        known
    }

    fn age(&mut self) -> i64 {
        let age = date::years_between(self.birth_date.day, self.today);
        let kind = match self.profile.birth {
            Birth::Date(_) => "age",
            Birth::DeclaredAge(_) => "age-declared",
        };
        self.record(kind, vec![("age", FactValue::Int(age))]);
        age
    }

    fn sex(&mut self) -> String {
        let sex = self.profile.sex.as_str();
        self.record("sex", vec![("sex", FactValue::Code(sex))]);
        sex.to_string()
    }

    fn has_organ(&mut self, ctx: &NativeCallContext, organ: &str) -> ScriptResult<bool> {
        let organ = parse_code(ctx, organ, Organ::parse, Organ::WHAT, Organ::accepted)?;
        match self.profile.stated_organ(organ) {
            Some(present) => {
                let kind = if present {
                    "organ-present"
                } else {
                    "organ-absent"
                };
                self.record(kind, vec![("organ", FactValue::Code(organ.as_str()))]);
                Ok(present)
            }
            None => {
                self.sex();
                Ok(organ.implied_by(self.profile.sex))
            }
        }
    }

    fn has_condition(&mut self, ctx: &NativeCallContext, code: &str) -> ScriptResult<bool> {
        let condition = parse_code(
            ctx,
            code,
            Condition::parse,
            Condition::WHAT,
            Condition::accepted,
        )?;
        let profile = Rc::clone(&self.profile);
        Ok(self.listed(
            profile.conditions.as_deref(),
            &profile.unknown.conditions,
            condition,
            ("conditions", Condition::as_str),
            [
                "condition",
                "condition-present",
                "condition-absent",
                "condition-unknown",
            ],
        ))
    }

    /// Whether the person said they have this ancestry (`false` also when not answered; the
    /// fact says which).
    fn has_ancestry(&mut self, ctx: &NativeCallContext, code: &str) -> ScriptResult<bool> {
        let ancestry = parse_code(
            ctx,
            code,
            Ancestry::parse,
            Ancestry::WHAT,
            Ancestry::accepted,
        )?;
        let profile = Rc::clone(&self.profile);
        Ok(self.listed(
            profile.ancestry.as_deref(),
            &profile.unknown.ancestry,
            ancestry,
            ("ancestry", Ancestry::as_str),
            [
                "ancestry",
                "ancestry-present",
                "ancestry-absent",
                "ancestry-unknown",
            ],
        ))
    }

    /// Whether `code` is in an answered list, recording which of present, absent or unknown it
    /// is; `names` are the fact's field, then its three kinds.
    fn listed<T: PartialEq + Copy>(
        &self,
        list: Option<&[T]>,
        partial: &Partial<T>,
        code: T,
        (target, as_str): (&str, fn(T) -> &'static str),
        names: [&'static str; 4],
    ) -> bool {
        let [field, present, absent, unknown] = names;
        let (kind, found) = match list {
            None => (unknown, false),
            Some(list) if list.contains(&code) => (present, true),
            Some(_) if partial.leaves_unknown(&code) => (unknown, false),
            Some(_) => (absent, false),
        };
        if kind == unknown {
            self.read_unknown(format!("{target}.{}", as_str(code)));
        }
        self.record(kind, vec![(field, FactValue::Code(as_str(code)))]);
        found
    }

    fn pregnant(&mut self) -> Dynamic {
        match self.profile.pregnant {
            Some(true) => {
                self.record("pregnant", Vec::new());
                Dynamic::TRUE
            }
            Some(false) => {
                self.record("not-pregnant", Vec::new());
                Dynamic::FALSE
            }
            None => {
                self.read_unknown("pregnant");
                Dynamic::UNIT
            }
        }
    }

    fn smoking_status(&mut self) -> String {
        let status = self
            .profile
            .smoking
            .as_ref()
            .and_then(|s| s.status)
            .map_or("unknown", SmokingStatus::as_str);
        if status == "unknown" {
            self.read_unknown("smoking.status");
        }
        self.record("smoking", vec![("status", FactValue::Code(status))]);
        status.to_string()
    }

    fn pack_years(&mut self) -> Dynamic {
        match self.profile.smoking.as_ref().and_then(|s| s.pack_years) {
            Some(p) => {
                self.record("pack-years", vec![("packYears", FactValue::Number(p))]);
                Dynamic::from_float(p)
            }
            None => {
                self.read_unknown("smoking.packYears");
                Dynamic::UNIT
            }
        }
    }

    fn quit_date(&mut self) -> Dynamic {
        match self.profile.smoking.as_ref().and_then(|s| s.quit_date) {
            Some(day) => {
                self.record("quit-date", vec![("date", FactValue::Date(day))]);
                Dynamic::from(day)
            }
            None => {
                self.read_unknown("smoking.quitDate");
                Dynamic::UNIT
            }
        }
    }

    fn bmi(&mut self) -> Dynamic {
        match self.profile.bmi() {
            Some(bmi) => {
                self.record("bmi", vec![("bmi", FactValue::Number(bmi))]);
                Dynamic::from_float(bmi)
            }
            None => {
                if self.profile.height_cm.is_none() {
                    self.read_unknown("heightCm");
                }
                if self.profile.weight_kg.is_none() {
                    self.read_unknown("weightKg");
                }
                Dynamic::UNIT
            }
        }
    }

    /// The département code, or `()` when not answered.
    fn departement(&mut self) -> Dynamic {
        match &self.profile.departement {
            Some(code) => {
                self.record(
                    "departement",
                    vec![("departement", FactValue::Text(code.clone()))],
                );
                Dynamic::from(code.clone())
            }
            None => {
                self.read_unknown("departement");
                Dynamic::UNIT
            }
        }
    }

    /// All tests of the given kinds, newest first; on the same day an abnormal result comes first.
    fn tests(&mut self, kinds: &[Test]) -> Vec<TestRecord> {
        let mut found: Vec<TestRecord> = self
            .profile
            .screenings
            .iter()
            .flatten()
            .filter(|s| kinds.contains(&s.test))
            .map(|s| TestRecord {
                test: s.test,
                date: s.date,
                result: s.result,
            })
            .collect();
        found.sort_by(|a, b| {
            b.date
                .day
                .cmp(&a.date.day)
                .then_with(|| a.date.precision.cmp(&b.date.precision))
                .then_with(|| severity(b.result).cmp(&severity(a.result)))
        });
        // A test not on record is unknown when the list is unanswered or leaves it unknown; the
        // fact says so only where an answered list leaves it unknown (an unanswered list keeps
        // its `no-test`, as before `unknown` existed).
        let screenings = self.profile.screenings.as_deref();
        let unknown: Vec<bool> = kinds
            .iter()
            .map(|kind| {
                let on_record = found.iter().any(|t| t.test == *kind);
                let unknown = !on_record
                    && screenings
                        .is_none_or(|_| self.profile.unknown.screenings.leaves_unknown(kind));
                if unknown {
                    self.read_unknown(format!("screenings.{kind}"));
                }
                unknown && screenings.is_some()
            })
            .collect();
        if found.is_empty() {
            for (kind, unknown) in kinds.iter().zip(unknown) {
                let fact = if unknown { "test-unknown" } else { "no-test" };
                self.record(fact, vec![("test", FactValue::Code(kind.as_str()))]);
            }
        }
        found
    }

    fn record_test(&self, test: &TestRecord) {
        self.record(
            "last-test",
            vec![
                ("test", FactValue::Code(test.test.as_str())),
                ("date", FactValue::Date(test.date)),
                ("result", FactValue::Code(test.result.as_str())),
            ],
        );
    }

    fn relatives(&mut self, ctx: &NativeCallContext, code: &str) -> ScriptResult<Array> {
        let condition = parse_code(
            ctx,
            code,
            Condition::parse,
            Condition::WHAT,
            Condition::accepted,
        )?;
        let field = ("condition", FactValue::Code(condition.as_str()));
        let Some(family) = &self.profile.family_history else {
            self.record("family-unknown", vec![field]);
            self.read_unknown(format!("familyHistory.{condition}"));
            return Ok(Array::new());
        };
        let found: Vec<RelativeRecord> = family
            .iter()
            .filter(|f| f.condition == condition)
            .map(|f| RelativeRecord {
                relation: f.relation,
                condition: f.condition,
                age_at_diagnosis: f.age_at_diagnosis,
            })
            .collect();
        if found.is_empty() {
            if self
                .profile
                .unknown
                .family_history
                .leaves_unknown(&condition)
            {
                self.record("family-unknown", vec![field.clone()]);
                self.read_unknown(format!("familyHistory.{condition}"));
            } else {
                self.record("no-relative", vec![field.clone()]);
            }
        }
        for relative in &found {
            let relation = ("relation", FactValue::Code(relative.relation.as_str()));
            match relative.age_at_diagnosis {
                Some(age) => self.record(
                    "relative",
                    vec![relation, field.clone(), ("age", FactValue::Int(age))],
                ),
                None => self.record("relative-age-unknown", vec![relation, field.clone()]),
            }
        }
        Ok(found.into_iter().map(Dynamic::from).collect())
    }

    /// Every vaccination with `code`, newest first (empty when none or unknown).
    fn vaccinations(&mut self, ctx: &NativeCallContext, code: &str) -> ScriptResult<Array> {
        let vaccine = parse_code(ctx, code, Vaccine::parse, Vaccine::WHAT, Vaccine::accepted)?;
        let field = ("vaccine", FactValue::Code(vaccine.as_str()));
        let Some(vaccinations) = &self.profile.vaccinations else {
            self.record("vaccinations-unknown", vec![field]);
            self.read_unknown(format!("vaccinations.{vaccine}"));
            return Ok(Array::new());
        };
        let mut days: Vec<Date> = vaccinations
            .iter()
            .filter(|v| v.vaccine == vaccine)
            .map(|v| v.date)
            .collect();
        // Newest first; on one day, the exact date first, and it stands for that day.
        days.sort_unstable_by(|a, b| b.day.cmp(&a.day).then(a.precision.cmp(&b.precision)));
        days.dedup_by_key(|d| d.day);
        if days.is_empty() {
            self.no_vaccination(vaccine);
        }
        for day in &days {
            self.record(
                "last-vaccination",
                vec![field.clone(), ("date", FactValue::Date(*day))],
            );
        }
        Ok(days
            .into_iter()
            .map(|date| Dynamic::from(VaccinationRecord { vaccine, date }))
            .collect())
    }

    fn last_vaccination(&mut self, ctx: &NativeCallContext, code: &str) -> ScriptResult<Dynamic> {
        let vaccine = parse_code(ctx, code, Vaccine::parse, Vaccine::WHAT, Vaccine::accepted)?;
        let Some(vaccinations) = &self.profile.vaccinations else {
            let field = vec![("vaccine", FactValue::Code(vaccine.as_str()))];
            self.record("vaccinations-unknown", field);
            self.read_unknown(format!("vaccinations.{vaccine}"));
            return Ok(Dynamic::UNIT);
        };
        let last = vaccinations
            .iter()
            .filter(|v| v.vaccine == vaccine)
            .map(|v| v.date)
            .reduce(Date::max);
        let field = ("vaccine", FactValue::Code(vaccine.as_str()));
        Ok(match last {
            Some(day) => {
                self.record(
                    "last-vaccination",
                    vec![field, ("date", FactValue::Date(day))],
                );
                Dynamic::from(VaccinationRecord { vaccine, date: day })
            }
            None => {
                self.no_vaccination(vaccine);
                Dynamic::UNIT
            }
        })
    }

    /// None on record in an answered list: never given, or unknown when `unknown` says so.
    fn no_vaccination(&self, vaccine: Vaccine) {
        let field = vec![("vaccine", FactValue::Code(vaccine.as_str()))];
        if self.profile.unknown.vaccinations.leaves_unknown(&vaccine) {
            self.record("vaccinations-unknown", field);
            self.read_unknown(format!("vaccinations.{vaccine}"));
        } else {
            self.record("no-vaccination", field);
        }
    }

    fn knows_code<T: PartialEq + Copy>(
        &self,
        ctx: &NativeCallContext,
        code: &str,
        parse: CodeParser<'_, T>,
        list: Option<Vec<T>>,
        partial: &Partial<T>,
        target: &str,
    ) -> ScriptResult<bool> {
        let (parse, what, accepted) = parse;
        let parsed = parse_code(ctx, code, parse, what, accepted)?;
        Ok(self.knows(list.as_deref(), partial, parsed, format!("{target}.{code}")))
    }
}

/// The birth date, or for a declared age the middle of the possible range (today − age − 6
/// months), as a "birthday 0" so that `birthday(n)` is worded as the age, never as a made-up day.
fn birth_date(profile: &Profile, today: NaiveDate) -> Date {
    match profile.birth {
        Birth::Date(day) => Date::exact(day),
        Birth::DeclaredAge(age) => Date {
            day: date::plus_years(today, -age)
                .and_then(|d| date::plus_months(d, -6))
                .unwrap_or(today),
            precision: Precision::Birthday(0),
        },
    }
}

fn severity(result: TestResult) -> u8 {
    match result {
        TestResult::Normal => 0,
        TestResult::Unknown => 1,
        TestResult::Abnormal => 2,
    }
}

fn parse_code<C>(
    ctx: &NativeCallContext,
    code: &str,
    parse: fn(&str) -> Option<C>,
    what: &str,
    accepted: fn() -> String,
) -> ScriptResult<C> {
    parse(code).ok_or_else(|| {
        runtime_error(
            ctx,
            format!("unknown {what} `{code}`; accepted: {}", accepted()),
        )
    })
}

fn test_kinds(ctx: &NativeCallContext, codes: Vec<String>) -> ScriptResult<Vec<Test>> {
    codes
        .iter()
        .map(|c| parse_code(ctx, c, Test::parse, Test::WHAT, Test::accepted))
        .collect()
}

/// How to read one closed list's codes: parse, what one is called, the accepted ones.
type CodeParser<'w, T> = (fn(&str) -> Option<T>, &'w str, fn() -> String);

/// Registers `person`, tests, relatives and vaccinations with the engine.
pub fn register(engine: &mut super::helpers::Helpers<'_>) {
    engine
        .register_type_with_name::<Person>("Person")
        .register_get("age", |p: &mut Person| p.age())
        .register_fn("age_on", |p: &mut Person, day: Date| {
            date::years_between(p.birth_date.day, day.day)
        })
        .register_fn(
            "birthday",
            |ctx: NativeCallContext, p: &mut Person, n: i64| -> ScriptResult<Date> {
                p.birth_date
                    .plus_years(n)
                    .ok_or_else(|| runtime_error(&ctx, format!("birthday({n}) is out of range")))
            },
        )
        .register_get("birth_date", |p: &mut Person| p.birth_date)
        .register_get("sex", |p: &mut Person| p.sex())
        .register_fn(
            "has_organ",
            |ctx: NativeCallContext, p: &mut Person, organ: &str| p.has_organ(&ctx, organ),
        )
        .register_fn(
            "has_condition",
            |ctx: NativeCallContext, p: &mut Person, code: &str| p.has_condition(&ctx, code),
        )
        .register_get("knows_conditions", |p: &mut Person| {
            p.knows_list(
                p.profile.conditions.is_some(),
                &p.profile.unknown.conditions,
                "conditions",
            )
        })
        .register_fn(
            "knows_condition",
            |ctx: NativeCallContext, p: &mut Person, code: &str| {
                let profile = Rc::clone(&p.profile);
                p.knows_code(
                    &ctx,
                    code,
                    (Condition::parse, Condition::WHAT, Condition::accepted),
                    profile.conditions.clone(),
                    &profile.unknown.conditions,
                    "conditions",
                )
            },
        )
        .register_fn(
            "knows_test",
            |ctx: NativeCallContext, p: &mut Person, code: &str| {
                let profile = Rc::clone(&p.profile);
                let listed = profile
                    .screenings
                    .as_ref()
                    .map(|s| s.iter().map(|t| t.test).collect());
                p.knows_code(
                    &ctx,
                    code,
                    (Test::parse, Test::WHAT, Test::accepted),
                    listed,
                    &profile.unknown.screenings,
                    "screenings",
                )
            },
        )
        .register_fn(
            "knows_vaccination",
            |ctx: NativeCallContext, p: &mut Person, code: &str| {
                let profile = Rc::clone(&p.profile);
                let listed = profile
                    .vaccinations
                    .as_ref()
                    .map(|s| s.iter().map(|v| v.vaccine).collect());
                p.knows_code(
                    &ctx,
                    code,
                    (Vaccine::parse, Vaccine::WHAT, Vaccine::accepted),
                    listed,
                    &profile.unknown.vaccinations,
                    "vaccinations",
                )
            },
        )
        .register_fn(
            "knows_family",
            |ctx: NativeCallContext, p: &mut Person, code: &str| {
                let profile = Rc::clone(&p.profile);
                let listed = profile
                    .family_history
                    .as_ref()
                    .map(|s| s.iter().map(|f| f.condition).collect());
                p.knows_code(
                    &ctx,
                    code,
                    (Condition::parse, Condition::WHAT, Condition::accepted),
                    listed,
                    &profile.unknown.family_history,
                    "familyHistory",
                )
            },
        )
        .register_fn(
            "has_ancestry",
            |ctx: NativeCallContext, p: &mut Person, code: &str| p.has_ancestry(&ctx, code),
        )
        .register_get("knows_ancestry", |p: &mut Person| {
            p.knows_list(
                p.profile.ancestry.is_some(),
                &p.profile.unknown.ancestry,
                "ancestry",
            )
        })
        .register_get("knows_screenings", |p: &mut Person| {
            p.knows_list(
                p.profile.screenings.is_some(),
                &p.profile.unknown.screenings,
                "screenings",
            )
        })
        .register_get("pregnant", |p: &mut Person| p.pregnant())
        .register_get("smoking_status", |p: &mut Person| p.smoking_status())
        .register_get("pack_years", |p: &mut Person| p.pack_years())
        .register_get("quit_date", |p: &mut Person| p.quit_date())
        .register_get("bmi", |p: &mut Person| p.bmi())
        .register_get("departement", |p: &mut Person| p.departement())
        .register_fn(
            "last_test",
            |ctx: NativeCallContext, p: &mut Person, code: &str| -> ScriptResult<Dynamic> {
                let kinds = test_kinds(&ctx, vec![code.to_string()])?;
                Ok(last_of(p, &kinds))
            },
        )
        .register_fn(
            "last_test",
            |ctx: NativeCallContext, p: &mut Person, codes: Array| -> ScriptResult<Dynamic> {
                let kinds = test_kinds(&ctx, codes_arg(&ctx, codes)?)?;
                Ok(last_of(p, &kinds))
            },
        )
        .register_fn(
            "tests",
            |ctx: NativeCallContext, p: &mut Person, code: &str| -> ScriptResult<Array> {
                let kinds = test_kinds(&ctx, vec![code.to_string()])?;
                Ok(all_of(p, &kinds))
            },
        )
        .register_fn(
            "tests",
            |ctx: NativeCallContext, p: &mut Person, codes: Array| -> ScriptResult<Array> {
                let kinds = test_kinds(&ctx, codes_arg(&ctx, codes)?)?;
                Ok(all_of(p, &kinds))
            },
        )
        .register_fn(
            "relatives",
            |ctx: NativeCallContext, p: &mut Person, code: &str| p.relatives(&ctx, code),
        )
        .register_get("knows_family_history", |p: &mut Person| {
            p.knows_list(
                p.profile.family_history.is_some(),
                &p.profile.unknown.family_history,
                "familyHistory",
            )
        })
        .register_get("knows_vaccinations", |p: &mut Person| {
            p.knows_list(
                p.profile.vaccinations.is_some(),
                &p.profile.unknown.vaccinations,
                "vaccinations",
            )
        })
        .register_fn(
            "vaccinations",
            |ctx: NativeCallContext, p: &mut Person, code: &str| p.vaccinations(&ctx, code),
        )
        .register_fn(
            "last_vaccination",
            |ctx: NativeCallContext, p: &mut Person, code: &str| p.last_vaccination(&ctx, code),
        );

    engine
        .register_type_with_name::<TestRecord>("Test")
        .register_get("test", |t: &mut TestRecord| t.test.as_str().to_string())
        .register_get("date", |t: &mut TestRecord| t.date)
        .register_get("result", |t: &mut TestRecord| t.result.as_str().to_string())
        .register_get("is_normal", |t: &mut TestRecord| {
            t.result == TestResult::Normal
        })
        .register_get("is_abnormal", |t: &mut TestRecord| {
            t.result == TestResult::Abnormal
        });

    engine
        .register_type_with_name::<RelativeRecord>("Relative")
        .register_get("relation", |r: &mut RelativeRecord| {
            r.relation.as_str().to_string()
        })
        .register_get("condition", |r: &mut RelativeRecord| {
            r.condition.as_str().to_string()
        })
        .register_get("degree", |r: &mut RelativeRecord| r.relation.degree())
        .register_get("branch", |r: &mut RelativeRecord| {
            r.relation.branch().as_str().to_string()
        })
        .register_get("sex", |r: &mut RelativeRecord| {
            r.relation.sex().as_str().to_string()
        })
        .register_get("age_at_diagnosis", |r: &mut RelativeRecord| {
            r.age_at_diagnosis.map_or(Dynamic::UNIT, Dynamic::from_int)
        })
        .register_fn(
            "in_branch",
            |ctx: NativeCallContext, r: &mut RelativeRecord, branch: &str| -> ScriptResult<bool> {
                let wanted =
                    parse_code(&ctx, branch, Branch::parse, Branch::WHAT, Branch::accepted)?;
                let own = r.relation.branch();
                Ok(own == wanted || own == Branch::Both)
            },
        );

    engine
        .register_type_with_name::<VaccinationRecord>("Vaccination")
        .register_get("vaccine", |v: &mut VaccinationRecord| {
            v.vaccine.as_str().to_string()
        })
        .register_get("date", |v: &mut VaccinationRecord| v.date);
}

fn last_of(p: &mut Person, kinds: &[Test]) -> Dynamic {
    let tests = p.tests(kinds);
    match tests.into_iter().next() {
        Some(last) => {
            p.record_test(&last);
            Dynamic::from(last)
        }
        None => Dynamic::UNIT,
    }
}

fn all_of(p: &mut Person, kinds: &[Test]) -> Array {
    let tests = p.tests(kinds);
    for test in &tests {
        p.record_test(test);
    }
    tests.into_iter().map(Dynamic::from).collect()
}

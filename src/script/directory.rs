//! `directory` as rules see it: the rule set's `[directory.*]` tables — places and contacts keyed
//! by département (a region's cancer-screening coordination centre, say) — so where to go is data in
//! the manifest, with its sources, never an address buried in a rule.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use rhai::{Dynamic, NativeCallContext};

use super::{runtime_error, ScriptResult};
use crate::departement;
use crate::facts::{Fact, FactLog, FactValue};
use crate::ruleset::manifest::Directory as Table;

/// One entry of a directory, as rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    name: String,
    area: Option<String>,
    url: Option<String>,
}

/// Every directory of a rule set: name → département → entry.
pub type Directories = BTreeMap<String, BTreeMap<String, Place>>;

/// The manifest's directories keyed by département (a repeated département keeps its first entry;
/// `vigie check` refuses repeats).
pub fn index(tables: &BTreeMap<String, Table>) -> Directories {
    tables
        .iter()
        .map(|(name, table)| {
            let mut by_code = BTreeMap::new();
            for entry in &table.entries {
                let place = Place {
                    name: entry.name.clone(),
                    area: entry.area.clone(),
                    url: entry.url.clone(),
                };
                for code in &entry.departements {
                    by_code.entry(code.clone()).or_insert_with(|| place.clone());
                }
            }
            (name.clone(), by_code)
        })
        .collect()
}

/// The directories seen by one rule during one evaluation.
#[derive(Clone)]
pub struct DirectoryView {
    tables: Rc<Directories>,
    facts: Rc<RefCell<FactLog>>,
}

impl DirectoryView {
    /// The rule set's directories, recording what a rule reads into `facts`.
    pub fn new(tables: Rc<Directories>, facts: Rc<RefCell<FactLog>>) -> DirectoryView {
        DirectoryView { tables, facts }
    }

    fn record(&self, fact: Fact) {
        if let Ok(mut log) = self.facts.try_borrow_mut() {
            log.record(fact);
        }
    }

    /// The entry of directory `name` for département `key`, or `()` when `key` is `()` (not
    /// answered) or the directory has no entry for it.
    fn find(&mut self, ctx: &NativeCallContext, name: &str, key: Dynamic) -> ScriptResult<Dynamic> {
        let Some(table) = self.tables.get(name) else {
            let names: Vec<&str> = self.tables.keys().map(String::as_str).collect();
            return Err(runtime_error(
                ctx,
                format!(
                    "unknown directory `{name}`; ruleset.toml declares: {}",
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                ),
            ));
        };
        if key.is_unit() {
            return Ok(Dynamic::UNIT);
        }
        let type_name = key.type_name();
        let Ok(code) = key.into_string() else {
            return Err(runtime_error(
                ctx,
                format!("directory.find(\"{name}\", …) takes a département code (text) or (), not {type_name}"),
            ));
        };
        if !departement::is_code(&code) {
            return Err(runtime_error(
                ctx,
                format!("`{code}` is not {}", departement::EXPECTED),
            ));
        }
        let directory = ("directory", FactValue::Text(name.to_string()));
        let at = ("departement", FactValue::Text(code.clone()));
        Ok(match table.get(&code) {
            Some(place) => {
                let mut fields = vec![directory, at, ("name", FactValue::Text(place.name.clone()))];
                let kind = match &place.url {
                    Some(url) => {
                        fields.push(("url", FactValue::Text(url.clone())));
                        "directory-entry"
                    }
                    None => "directory-entry-no-url",
                };
                self.record(Fact::new(kind, fields));
                Dynamic::from(place.clone())
            }
            None => {
                self.record(Fact::new("directory-none", vec![directory, at]));
                Dynamic::UNIT
            }
        })
    }
}

/// Registers `directory.find(name, département)` and an entry's `.name`, `.area`, `.url`.
pub fn register(engine: &mut super::helpers::Helpers<'_>) {
    engine
        .register_type_with_name::<DirectoryView>("Directory")
        .register_fn(
            "find",
            |ctx: NativeCallContext, d: &mut DirectoryView, name: &str, key: Dynamic| {
                d.find(&ctx, name, key)
            },
        );
    engine
        .register_type_with_name::<Place>("Place")
        .register_get("name", |p: &mut Place| p.name.clone())
        .register_get("area", |p: &mut Place| {
            p.area.clone().map_or(Dynamic::UNIT, Dynamic::from)
        })
        .register_get("url", |p: &mut Place| {
            p.url.clone().map_or(Dynamic::UNIT, Dynamic::from)
        });
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::collections::BTreeMap;
    use std::rc::Rc;

    use rhai::{Caches, Dynamic, EvalAltResult};

    use super::*;
    use crate::facts::FactLog;
    use crate::profile::Profile;
    use crate::ruleset::manifest::DirectoryEntry;
    use crate::sandbox::Sandbox;
    use crate::script::calendar::Calendar;
    use crate::script::person::Person;

    fn tables() -> BTreeMap<String, Table> {
        let entry = |name: &str, url: Option<&str>, codes: &[&str]| DirectoryEntry {
            name: name.to_string(),
            area: None,
            url: url.map(str::to_string),
            departements: codes.iter().map(|c| c.to_string()).collect(),
            sources: Vec::new(),
        };
        let table = Table {
            sources: vec!["s".to_string()],
            note: None,
            review_by: None,
            entries: vec![
                entry("East", Some("https://east.example"), &["67", "68"]),
                entry("Isle", None, &["2A", "2B"]),
                entry("Again", None, &["67"]),
            ],
        };
        BTreeMap::from([("centres".to_string(), table)])
    }

    fn run(source: &str, profile: &str) -> (Result<Dynamic, Box<EvalAltResult>>, Vec<Fact>) {
        let sandbox = Sandbox::new();
        let today = crate::date::parse("2026-12-05").unwrap();
        let profile = Profile::from_json(profile, today).unwrap();
        let log = Rc::new(RefCell::new(FactLog::default()));
        let person = Person::new(Rc::new(profile), today, Rc::clone(&log));
        let calendar = Calendar::new(Rc::from(Vec::new()), today, Rc::clone(&log));
        let directory = DirectoryView::new(Rc::new(index(&tables())), Rc::clone(&log));
        let ast = sandbox.compile(source).unwrap();
        let inputs = crate::sandbox::RuleInputs {
            person,
            calendar,
            directory,
            today,
        };
        let outcome = sandbox.run(&ast, &mut Caches::new(), inputs, &mut sandbox.budget());
        let facts = log.take().into_facts();
        (outcome, facts)
    }

    const IN_68: &str = r#"{"age": 60, "sex": "female", "departement": "68"}"#;
    const NOWHERE: &str = r#"{"age": 60, "sex": "female"}"#;

    #[test]
    fn find_gives_the_entry_of_the_departement_and_records_it() {
        let (out, facts) = run(
            r#"let c = directory.find("centres", person.departement); c.name + " " + c.url"#,
            IN_68,
        );
        assert_eq!(
            out.unwrap().into_string().unwrap(),
            "East https://east.example"
        );
        let kinds: Vec<&str> = facts.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, ["departement", "directory-entry"]);
    }

    #[test]
    fn find_keeps_the_first_entry_of_a_repeated_departement_and_gives_unit_for_no_url() {
        let (out, _) = run(r#"directory.find("centres", "67").name"#, NOWHERE);
        assert_eq!(out.unwrap().into_string().unwrap(), "East");
        let (out, facts) = run(r#"directory.find("centres", "2A").url == ()"#, NOWHERE);
        assert!(out.unwrap().as_bool().unwrap());
        assert_eq!(
            facts.first().map(|f| f.kind),
            Some("directory-entry-no-url")
        );
    }

    #[test]
    fn find_without_a_departement_gives_unit_and_records_nothing() {
        let (out, facts) = run(
            r#"directory.find("centres", person.departement) == ()"#,
            NOWHERE,
        );
        assert!(out.unwrap().as_bool().unwrap());
        assert!(facts.is_empty(), "{facts:?}");
        let (out, facts) = run(r#"directory.find("centres", "75") == ()"#, NOWHERE);
        assert!(out.unwrap().as_bool().unwrap());
        assert_eq!(facts.first().map(|f| f.kind), Some("directory-none"));
    }

    #[test]
    fn find_refuses_an_unknown_directory_a_bad_code_and_a_number() {
        for (source, words) in [
            (
                r#"let name = "cent" + "res"; directory.find(name + "x", "67")"#,
                "unknown directory `centresx`; ruleset.toml declares: centres",
            ),
            (
                r#"directory.find("centres", "20")"#,
                "`20` is not a French département code",
            ),
            (
                r#"directory.find("centres", 67)"#,
                "takes a département code (text) or (), not i64",
            ),
        ] {
            let (out, _) = run(source, NOWHERE);
            let err = out.unwrap_err().to_string();
            assert!(err.contains(words), "{source}: {err}");
        }
    }
}

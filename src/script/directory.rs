//! `directory` as rules see it: the rule set's `[directory.*]` tables — places and contacts keyed
//! by département (a region's cancer-screening coordination centre, say) — so where to go is data in
//! the manifest, with its sources, never an address buried in a rule.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use rhai::{Dynamic, Engine, NativeCallContext};

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
pub fn register(engine: &mut Engine) {
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

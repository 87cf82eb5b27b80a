//! Questions that matter (docs/contract.md §7, docs/questions.md): a rule set's `questions.toml`,
//! the answers people give to them, and which open questions could still change a nudge.
//!
//! Core only: nothing here knows of the command line, the FFI or wasm.

pub mod answers;
pub(crate) mod checks;
pub mod open;
mod probes;
pub(crate) mod state;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::codes::{Condition, Organ, Test, Vaccine};

pub use answers::profile_from_answers;
pub use open::{open_questions, questionnaire, OpenQuestion, Questionnaire};

/// A rule set's `questions.toml`, parsed (what the digest covers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Questions {
    /// Programs in the order a summary shows them when their statuses tie.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priority: Vec<String>,
    /// The questions, in the order of asking when two rank the same.
    #[serde(default, rename = "question", skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
}

/// One declared question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Question {
    /// Kebab-case, unique in the rule set.
    pub id: String,
    /// The kind of answer (docs/questions.md §2), checked at load.
    pub kind: String,
    /// What the answer fills: one target, or two (`heightCm`, `weightKg`) for `measures`.
    pub fills: Fills,
    /// The question, by locale.
    pub text: BTreeMap<String, String>,
    /// Why it is asked, by locale.
    pub why: BTreeMap<String, String>,
    /// Asked of everyone, first (birth, sex, organs).
    #[serde(default, skip_serializing_if = "is_false")]
    pub always: bool,
    /// Ids the page asks next when they are open.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_up: Vec<String>,
    /// The options of a `choice`, `several` or `relatives` question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<AnswerOption>,
    /// The smallest number accepted (`number`): a whole number, so that a bundle's canonical JSON
    /// reads the same in every JSON library (`0`, never `0.0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// The largest number accepted (`number`), a whole number too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// The unit of a `number`, by locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<BTreeMap<String, String>>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_false(value: &bool) -> bool {
    !*value
}

/// `fills = "target"` or `fills = ["heightCm", "weightKg"]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Fills {
    /// One target.
    One(String),
    /// Several targets (only `measures` takes two).
    Many(Vec<String>),
}

impl Fills {
    /// The targets as written.
    pub fn targets(&self) -> Vec<&str> {
        match self {
            Fills::One(one) => vec![one.as_str()],
            Fills::Many(many) => many.iter().map(String::as_str).collect(),
        }
    }

    /// The targets joined by `+` (`heightCm+weightKg`), as reports show them.
    pub fn joined(&self) -> String {
        self.targets().join("+")
    }
}

/// One option of a question, with its words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    /// A code of the target's closed list.
    pub value: String,
    /// Plain words, by locale.
    pub text: BTreeMap<String, String>,
}

/// The kinds of answer (docs/questions.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `yes` | `no`.
    YesNo,
    /// One option.
    Choice,
    /// Several options, complete or as remembered.
    Several,
    /// A date, possibly approximate, or `never`.
    Date,
    /// A number within min..max.
    Number,
    /// Height and weight.
    Measures,
    /// Relatives who had a condition.
    Relatives,
    /// A birth date or an age.
    Birth,
}

impl Kind {
    /// Every kind, as written in `questions.toml`.
    pub const ALL: &'static [(&'static str, Kind)] = &[
        ("yes-no", Kind::YesNo),
        ("choice", Kind::Choice),
        ("several", Kind::Several),
        ("date", Kind::Date),
        ("number", Kind::Number),
        ("measures", Kind::Measures),
        ("relatives", Kind::Relatives),
        ("birth", Kind::Birth),
    ];

    /// Reads a kind.
    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.iter().find(|(k, _)| *k == text).map(|(_, k)| *k)
    }
}

/// What an answer fills (docs/questions.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `birth`: `birthDate` or `age`.
    Birth,
    /// `sex`.
    Sex,
    /// `organs.<organ>`.
    Organ(Organ),
    /// `pregnant`.
    Pregnant,
    /// `smoking.status`.
    SmokingStatus,
    /// `smoking.packYears`.
    PackYears,
    /// `smoking.quitDate`.
    QuitDate,
    /// `heightCm` + `weightKg`.
    Measures,
    /// `conditions` (several).
    Conditions,
    /// `conditions.<condition>`.
    Condition(Condition),
    /// `familyHistory.<condition>`.
    Family(Condition),
    /// `screenings.<test>`.
    Screening(Test),
    /// `vaccinations.<vaccine>`.
    Vaccination(Vaccine),
    /// `ancestry` (several).
    Ancestry,
    /// `familyHistory` (several): condition codes some close relative had, details to come.
    FamilyHistory,
    /// `screenings` (several): test codes ever done, dates to come.
    Screenings,
    /// `vaccinations` (several): vaccine codes ever received, dates to come.
    Vaccinations,
    /// `departement`.
    Departement,
}

impl Target {
    /// Reads the targets of a `fills`; `None` when they are not one target of the closed list.
    pub fn parse(fills: &Fills) -> Option<Target> {
        let targets = fills.targets();
        if targets == ["heightCm", "weightKg"] || targets == ["weightKg", "heightCm"] {
            return Some(Target::Measures);
        }
        let [one] = targets.as_slice() else {
            return None;
        };
        Some(match *one {
            "birth" => Target::Birth,
            "sex" => Target::Sex,
            "pregnant" => Target::Pregnant,
            "smoking.status" => Target::SmokingStatus,
            "smoking.packYears" => Target::PackYears,
            "smoking.quitDate" => Target::QuitDate,
            "conditions" => Target::Conditions,
            "ancestry" => Target::Ancestry,
            "familyHistory" => Target::FamilyHistory,
            "screenings" => Target::Screenings,
            "vaccinations" => Target::Vaccinations,
            "departement" => Target::Departement,
            other => {
                let (list, code) = other.split_once('.')?;
                match list {
                    "organs" => Target::Organ(Organ::parse(code)?),
                    "conditions" => Target::Condition(Condition::parse(code)?),
                    "familyHistory" => Target::Family(Condition::parse(code)?),
                    "screenings" => Target::Screening(Test::parse(code)?),
                    "vaccinations" => Target::Vaccination(Vaccine::parse(code)?),
                    _ => return None,
                }
            }
        })
    }

    /// The one kind that fits this target.
    pub fn kind(self) -> Kind {
        match self {
            Target::Birth => Kind::Birth,
            Target::Sex | Target::SmokingStatus | Target::Departement => Kind::Choice,
            Target::Organ(_) | Target::Pregnant | Target::Condition(_) => Kind::YesNo,
            Target::PackYears => Kind::Number,
            Target::QuitDate | Target::Screening(_) | Target::Vaccination(_) => Kind::Date,
            Target::Measures => Kind::Measures,
            Target::Conditions
            | Target::Ancestry
            | Target::FamilyHistory
            | Target::Screenings
            | Target::Vaccinations => Kind::Several,
            Target::Family(_) => Kind::Relatives,
        }
    }

    /// The closed list the options must come from (`None`: no options; for `departement`,
    /// options are optional and checked as département codes).
    pub fn option_codes(self) -> Option<Vec<&'static str>> {
        use crate::codes::{Ancestry, Relation, Sex, SmokingStatus};
        let codes = match self {
            Target::Sex => Sex::ALL.iter().map(|c| c.as_str()).collect(),
            Target::SmokingStatus => SmokingStatus::ALL.iter().map(|c| c.as_str()).collect(),
            Target::Conditions | Target::FamilyHistory => {
                Condition::ALL.iter().map(|c| c.as_str()).collect()
            }
            Target::Screenings => Test::ALL.iter().map(|c| c.as_str()).collect(),
            Target::Vaccinations => Vaccine::ALL.iter().map(|c| c.as_str()).collect(),
            Target::Ancestry => Ancestry::ALL.iter().map(|c| c.as_str()).collect(),
            Target::Family(_) => Relation::ALL.iter().map(|c| c.as_str()).collect(),
            _ => return None,
        };
        Some(codes)
    }

    /// The target a group's option `code` stands for (`vaccinations` + `influenza` →
    /// `vaccinations.influenza`): what the group's detail questions fill. `None` for targets
    /// that are not groups, and for `ancestry` (no detail question exists).
    pub fn option_target(self, code: &str) -> Option<Target> {
        Some(match self {
            Target::Conditions => Target::Condition(Condition::parse(code)?),
            Target::FamilyHistory => Target::Family(Condition::parse(code)?),
            Target::Screenings => Target::Screening(Test::parse(code)?),
            Target::Vaccinations => Target::Vaccination(Vaccine::parse(code)?),
            _ => return None,
        })
    }

    /// Whether a chosen option of this group only says "yes, details to come": the code stays
    /// unknown until its detail question is answered (a relative's age, a test's date …).
    pub(crate) fn chosen_stays_unknown(self) -> bool {
        matches!(
            self,
            Target::FamilyHistory | Target::Screenings | Target::Vaccinations
        )
    }

    /// Whether an `always` question may fill it.
    pub fn may_be_always(self) -> bool {
        matches!(self, Target::Birth | Target::Sex | Target::Organ(_))
    }

    /// The keys a rule's read of this target is logged under (see `FactLog::read`): a question
    /// can change a rule only if the rule read one of them while it was unknown.
    pub(crate) fn read_keys(self) -> Vec<String> {
        match self {
            Target::Birth => vec!["birth".into()],
            Target::Sex => vec!["sex".into()],
            Target::Organ(o) => vec![format!("organs.{o}")],
            Target::Pregnant => vec!["pregnant".into()],
            Target::SmokingStatus => vec!["smoking.status".into()],
            Target::PackYears => vec!["smoking.packYears".into()],
            Target::QuitDate => vec!["smoking.quitDate".into()],
            Target::Measures => vec!["heightCm".into(), "weightKg".into()],
            Target::Conditions => vec!["conditions".into()],
            Target::Condition(c) => vec![format!("conditions.{c}")],
            Target::Family(c) => vec![format!("familyHistory.{c}")],
            Target::Screening(t) => vec![format!("screenings.{t}")],
            Target::Vaccination(v) => vec![format!("vaccinations.{v}")],
            Target::Ancestry => vec!["ancestry".into()],
            Target::FamilyHistory => vec!["familyHistory".into()],
            Target::Screenings => vec!["screenings".into()],
            Target::Vaccinations => vec!["vaccinations".into()],
            Target::Departement => vec!["departement".into()],
        }
    }
}

/// Whether a rule's read (`conditions.diabetes`, or `conditions` for the whole list) touches a
/// question's key: equal, or one is the other's list.
pub(crate) fn read_touches(read: &str, key: &str) -> bool {
    read == key
        || key
            .strip_prefix(read)
            .is_some_and(|rest| rest.starts_with('.'))
        || read
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with('.'))
}

// The sources are compared whole (a bundle's against its digest); a NaN `min` is refused by the
// checks, so equality is an equivalence on every rule set that loads.
impl Eq for Questions {}

/// The test fixture: fr@2026.1.0 with `tests/questions/questions.toml` added.
#[cfg(test)]
#[cfg(feature = "toml")]
pub(crate) mod fixture {
    use std::path::Path;

    use crate::RuleSet;

    pub(crate) const QUESTIONS: &str = include_str!("../../tests/questions/questions.toml");

    pub(crate) fn ruleset() -> RuleSet {
        thread_local! {
            static SOURCES: crate::RuleSetSources = {
                let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/fr/2026.1.0");
                let mut sources = RuleSet::load(&dir).unwrap().sources().clone();
                sources.questions = Some(toml::from_str(QUESTIONS).unwrap());
                // Not fr@2026.1.0 any more: a bundle naming a published version must match it.
                sources.manifest.id = "questions-fixture".to_string();
                sources
            };
        }
        SOURCES.with(|s| RuleSet::from_sources(s.clone()).unwrap())
    }
}

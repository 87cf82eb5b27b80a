//! What a card reads of a report, taken either from a [`Report`] or from a report's JSON text
//! (docs/contract.md §2) — the package hands back the report objects it returned. Both ways give the same
//! reading, so a report and its JSON make the same cards, byte for byte.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::report::{Report, Status};

/// The parts of a report that cards use; every other member of the JSON is ignored.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ReportReading {
    pub ruleset: RuleSetReading,
    pub as_of: String,
    pub locale: String,
    pub nudges: Vec<NudgeReading>,
}

/// Which rule set made the report.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(super) struct RuleSetReading {
    pub id: String,
    pub version: String,
    pub digest: String,
}

/// One nudge, as a card needs it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct NudgeReading {
    pub program: String,
    pub status: Status,
    pub due_date: Option<String>,
    pub rule: String,
    pub title: String,
    pub message: String,
    pub action: String,
    pub reasons: Vec<String>,
    pub sources: Vec<SourceReading>,
    /// Each fact as the report writes it: `{"fact": kind, …fields}`.
    pub facts: Vec<Map<String, Value>>,
    /// How precisely the due date is known, when not to the day (`month`, `year`, `age`).
    #[serde(default)]
    pub approximate: Option<ApproximateReading>,
}

/// What a card needs of a nudge's `approximate`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ApproximateReading {
    #[serde(default)]
    pub due_date: Option<String>,
}

/// A cited source.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(super) struct SourceReading {
    pub label: String,
    pub url: String,
}

impl From<&Report> for ReportReading {
    fn from(report: &Report) -> ReportReading {
        ReportReading {
            ruleset: RuleSetReading {
                id: report.ruleset.id.clone(),
                version: report.ruleset.version.clone(),
                digest: report.ruleset.digest.clone(),
            },
            as_of: report.as_of.clone(),
            locale: report.locale.clone(),
            nudges: report
                .nudges
                .iter()
                .map(|nudge| NudgeReading {
                    program: nudge.program.clone(),
                    status: nudge.status,
                    due_date: nudge.due_date.clone(),
                    rule: nudge.rule.clone(),
                    title: nudge.title.clone(),
                    message: nudge.message.clone(),
                    action: nudge.action.clone(),
                    reasons: nudge.reasons.clone(),
                    sources: nudge
                        .sources
                        .iter()
                        .map(|s| SourceReading {
                            label: s.label.clone(),
                            url: s.url.clone(),
                        })
                        .collect(),
                    // The same map the JSON text would give: a fact serializes to an object.
                    facts: nudge
                        .facts
                        .iter()
                        .map(|fact| match serde_json::to_value(fact) {
                            Ok(Value::Object(map)) => map,
                            _ => Map::new(),
                        })
                        .collect(),
                    approximate: nudge.approximate.as_ref().map(|a| ApproximateReading {
                        due_date: a.due_date.map(str::to_string),
                    }),
                })
                .collect(),
        }
    }
}

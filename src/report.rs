//! The report (docs/contract.md §2): what a rule set says to one person on one day.

use serde::{Deserialize, Serialize};

use crate::facts::Fact;

/// A nudge's status word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Eligible now, no qualifying test within the interval.
    Due,
    /// A qualifying test is within its interval.
    UpToDate,
    /// Eligible by age within 12 months.
    Upcoming,
    /// The standard programme does not fit: see a professional.
    Refer,
    /// Information only.
    Info,
}

impl Status {
    /// Every status, most urgent first (the order of nudges in a report).
    pub const ALL: [Status; 5] = [
        Status::Refer,
        Status::Due,
        Status::Upcoming,
        Status::UpToDate,
        Status::Info,
    ];

    /// The status word.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Due => "due",
            Status::UpToDate => "up-to-date",
            Status::Upcoming => "upcoming",
            Status::Refer => "refer",
            Status::Info => "info",
        }
    }

    /// Rank in the report: most urgent first.
    pub fn urgency(self) -> usize {
        Status::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or(usize::MAX)
    }
}

/// Which rule set produced a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleSetId {
    /// The rule set's id (`fr`).
    pub id: String,
    /// Its version.
    pub version: String,
    /// `sha256:` of its canonical form (for an overlay, of the overlay and its base).
    pub digest: String,
    /// For an overlay: the rule set it extends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extends: Option<Box<RuleSetId>>,
}

/// What a report's warning is about; serialized as its kebab-case word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningKind {
    /// `before-in-force`: the evaluation date is before the version came into force.
    BeforeInForce,
    /// `after-validity`: the evaluation date is after the version stopped applying.
    AfterValidity,
    /// `review-overdue`: the rule set's review-by date has passed.
    ReviewOverdue,
    /// `fact-review-overdue`: a versioned fact's review-by date has passed.
    FactReviewOverdue,
    /// `directory-review-overdue`: a directory's review-by date has passed (its addresses may
    /// have changed).
    DirectoryReviewOverdue,
}

impl WarningKind {
    /// Every kind of warning, in the order a report gives them.
    pub const ALL: [WarningKind; 5] = [
        WarningKind::BeforeInForce,
        WarningKind::AfterValidity,
        WarningKind::ReviewOverdue,
        WarningKind::FactReviewOverdue,
        WarningKind::DirectoryReviewOverdue,
    ];

    /// The kind's word, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::BeforeInForce => "before-in-force",
            WarningKind::AfterValidity => "after-validity",
            WarningKind::ReviewOverdue => "review-overdue",
            WarningKind::FactReviewOverdue => "fact-review-overdue",
            WarningKind::DirectoryReviewOverdue => "directory-review-overdue",
        }
    }
}

/// Something the reader of a report should know that is not about one nudge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Warning {
    /// What it is about.
    pub warning: WarningKind,
    /// What it means, in English, for the integrator or author.
    pub message: String,
    /// For `fact-review-overdue`: the versioned fact that may be out of date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
    /// For `fact-review-overdue`: that fact's label in the report's locale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// For `directory-review-overdue`: the directory whose entries may be out of date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub directory: Option<String>,
    /// For the review warnings: the day by which it should have been checked again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_by: Option<String>,
    /// For `review-overdue`: the day the rule set was last checked against its sources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked: Option<String>,
}

impl Warning {
    /// A warning of `kind` with its message and no other detail.
    pub fn new(kind: WarningKind, message: String) -> Warning {
        Warning {
            warning: kind,
            message,
            fact: None,
            label: None,
            directory: None,
            review_by: None,
            checked: None,
        }
    }
}

/// A source cited by a nudge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    /// Human-readable name.
    pub label: String,
    /// Where to read it.
    pub url: String,
    /// When the fact was last checked.
    pub checked: String,
}

/// One nudge: what is due, when, why, and what to do.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Nudge {
    /// Program code (docs/contract.md §3).
    pub program: String,
    /// Status word.
    pub status: Status,
    /// See docs/contract.md §2; `null` for `refer` and `info`.
    pub due_date: Option<String>,
    /// The rule that decided.
    pub rule: String,
    /// Short title.
    pub title: String,
    /// Plain-language message.
    pub message: String,
    /// What to do and whom to see.
    pub action: String,
    /// The facts used, worded for the person.
    pub reasons: Vec<String>,
    /// The guideline sources.
    pub sources: Vec<SourceRef>,
    /// The facts used, structured (`{"fact": kind, …}`).
    pub facts: Vec<Fact>,
    /// What the nudge rested on that was known only roughly (docs/contract.md §2, v1.1); absent
    /// when every date it read was an exact day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approximate: Option<Approximate>,
}

/// The approximate dates a nudge rested on (a test dated `2022`, a due date counted from a
/// declared age).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Approximate {
    /// How precisely `dueDate` is known when not to the day: `month`, `year`, or `age` (counted
    /// from a declared age).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_date: Option<&'static str>,
    /// Each approximate date of the person's the decision read.
    pub dates: Vec<ApproximateDate>,
}

/// One approximate date of the profile, and the day the rules read it as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApproximateDate {
    /// The fact that carries it (`last-test`, `last-vaccination`, `quit-date`).
    pub fact: &'static str,
    /// As given: `2022` or `2022-05`.
    pub date: String,
    /// `month` or `year`.
    pub precision: &'static str,
    /// The day the rules read it as (docs/contract.md §1): the first day of the period for a
    /// test or a vaccination, the last (at most the evaluation date) for a quit date.
    pub read_as: String,
}

/// A rule that failed during evaluation; the other rules still answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleError {
    /// The failing rule.
    pub rule: String,
    /// The program it decides.
    pub program: String,
    /// What went wrong.
    pub message: String,
    /// Line in the rule file, when known.
    pub line: Option<usize>,
    /// Column in the rule file, when known.
    pub column: Option<usize>,
}

/// What happened to one rule, in the trace; serialized as its kebab-case word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TraceOutcome {
    /// `fired`: it decided its program's nudge.
    Fired,
    /// `skipped`: it did not apply (`reason` says why); a later rule may decide.
    Skipped,
    /// `overridden`: an earlier rule had already given its program's nudge.
    Overridden,
    /// `blocked`: an earlier rule of its program had failed.
    Blocked,
    /// `error`: it failed (`reason` says how); its program gets no nudge.
    Error,
}

impl TraceOutcome {
    /// Every outcome.
    pub const ALL: [TraceOutcome; 5] = [
        TraceOutcome::Fired,
        TraceOutcome::Skipped,
        TraceOutcome::Overridden,
        TraceOutcome::Blocked,
        TraceOutcome::Error,
    ];

    /// The outcome's word, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            TraceOutcome::Fired => "fired",
            TraceOutcome::Skipped => "skipped",
            TraceOutcome::Overridden => "overridden",
            TraceOutcome::Blocked => "blocked",
            TraceOutcome::Error => "error",
        }
    }
}

/// What happened to one rule, in the optional trace.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TraceEntry {
    /// The rule.
    pub rule: String,
    /// Its program.
    pub program: String,
    /// What happened to it.
    pub outcome: TraceOutcome,
    /// The status it decided, when it fired or was overridden.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Why it did not fire.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Where it decided or failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Where it decided or failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The facts it read.
    pub facts: Vec<Fact>,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The rule set that produced it.
    pub ruleset: RuleSetId,
    /// The evaluation date.
    pub as_of: String,
    /// The locale of the words.
    pub locale: String,
    /// Most urgent first, then by due date, then in rule-set order.
    pub nudges: Vec<Nudge>,
    /// Rules that failed.
    pub errors: Vec<RuleError>,
    /// For example: `asOf` outside the rule set's validity. Absent when there is none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
    /// Every rule's outcome, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<Vec<TraceEntry>>,
    /// When the profile came from a FHIR bundle (docs/contract.md §5): that profile, what was not used
    /// and why, the caveats and the mapping tables. Absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub import: Option<crate::fhir::Imported>,
    /// With `--questions` / `{questions: true}`: the open questions that could change a nudge,
    /// most consequential first (docs/contract.md §7, docs/questions.md §5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub questions: Option<Vec<crate::questions::OpenQuestion>>,
}

impl Report {
    /// The report as pretty JSON, as the command line prints it.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The report as compact JSON: the same content without the layout, for a program to parse.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The nudge for a program, if any.
    pub fn nudge(&self, program: &str) -> Option<&Nudge> {
        self.nudges.iter().find(|n| n.program == program)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_and_warning_kinds_serialize_as_their_words() {
        for outcome in TraceOutcome::ALL {
            let json = serde_json::to_string(&outcome).unwrap();
            assert_eq!(json, format!("\"{}\"", outcome.as_str()));
        }
        for kind in WarningKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
    }
}

//! Evaluating a rule set for one profile on one day.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use chrono::NaiveDate;
use rhai::{Dynamic, EvalAltResult, Position};

use crate::date::{self, Date, Precision};
use crate::facts::{Fact, FactLog, FactValue, UNWORDED_KINDS};
use crate::locale::approximate::{self, ApproximateWords};
use crate::profile::{Birth, Profile};
use crate::report::{
    Approximate, ApproximateDate, Nudge, Report, RuleError, Status, TraceEntry, TraceOutcome,
    Warning, WarningKind,
};
use crate::ruleset::messages::{Messages, MAX_REPORT_WORDS_CHARS};
use crate::ruleset::{Rule, RuleSet};
use crate::sandbox::{
    memory_bound, BUDGET_OPERATIONS_TOKEN, BUDGET_TIME_TOKEN, DEADLINE_TOKEN, GRACE_OPERATIONS,
    MEMORY_TOKEN,
};
use crate::sandbox::{Budget, Limits, RuleInputs};
use crate::script::calendar::Calendar;
use crate::script::decision::{Decision, Param, Verdict};
use crate::script::directory::DirectoryView;
use crate::script::person::Person;

/// How to evaluate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The evaluation date.
    pub as_of: NaiveDate,
    /// The locale of the words; the rule set's first locale when `None`.
    pub locale: Option<String>,
    /// Whether to add every rule's outcome to the report.
    pub trace: bool,
}

impl Options {
    /// Options for `as_of` in the rule set's default locale, without trace.
    pub fn on(as_of: NaiveDate) -> Options {
        Options {
            as_of,
            locale: None,
            trace: false,
        }
    }
}

/// Why an evaluation could not start. (A rule that fails does not stop it: see `Report::errors`.)
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvaluateError {
    /// The evaluation date is not written with a four-digit year.
    #[error("asOf {as_of} is out of range: dates run from year {first} to year {last}", first = date::FIRST_YEAR, last = date::LAST_YEAR)]
    AsOfOutOfRange {
        /// What was asked.
        as_of: String,
    },
    /// The rule set does not speak the requested locale.
    #[error("unknown locale `{locale}`; rule set `{ruleset}` speaks: {accepted}")]
    UnknownLocale {
        /// What was asked.
        locale: String,
        /// The rule set.
        ruleset: String,
        /// Its locales.
        accepted: String,
    },
}

/// How an earlier rule settled a program.
#[derive(Clone, Copy)]
enum Settled<'a> {
    /// It gave the nudge.
    Nudge(&'a str),
    /// It failed; the program gets no nudge.
    Failed(&'a str),
}

impl Settled<'_> {
    fn outcome(&self) -> TraceOutcome {
        match self {
            Settled::Nudge(_) => TraceOutcome::Overridden,
            Settled::Failed(_) => TraceOutcome::Blocked,
        }
    }

    fn reason(&self, program: &str) -> String {
        match self {
            Settled::Nudge(by) => format!("`{by}` came first for {program}"),
            Settled::Failed(by) => format!("`{by}` failed for {program}"),
        }
    }
}

/// What one rule's run in the sandbox came to.
enum Ran {
    Decided(Decision),
    Failed(String, Position),
}

/// What one rule came to in the report.
enum CameTo<'a> {
    /// It gave its program's nudge, with this status.
    Fired(Status),
    /// It did not apply, for this reason.
    Skipped(String),
    /// An earlier rule had settled its program; what this one decided, when a nudge.
    Settled(Settled<'a>, Option<Status>),
    /// It failed, with this message (cut to [`MAX_ERROR_CHARS`]); the status it decided, when
    /// the failure was in wording its nudge.
    Failed(String, Option<Status>),
}

impl RuleSet {
    /// Evaluates every rule for `profile` (validated for `options.as_of`).
    pub fn evaluate(&self, profile: &Profile, options: &Options) -> Result<Report, EvaluateError> {
        self.evaluate_programs(profile, options, None)
    }

    /// Evaluates only the rules of `programs` (every rule when `None`): the report is the one
    /// [`RuleSet::evaluate`] gives, less the other programs' nudges, errors and trace.
    pub fn evaluate_programs(
        &self,
        profile: &Profile,
        options: &Options,
        programs: Option<&BTreeSet<String>>,
    ) -> Result<Report, EvaluateError> {
        self.evaluate_reading(profile, options, programs)
            .map(|(report, _)| report)
    }

    /// As [`RuleSet::evaluate_programs`], also saying what each program's rules read while it
    /// was unknown (docs/questions.md: only an answer there can change that program).
    pub(crate) fn evaluate_reading(
        &self,
        profile: &Profile,
        options: &Options,
        programs: Option<&BTreeSet<String>>,
    ) -> Result<(Report, BTreeMap<String, BTreeSet<String>>), EvaluateError> {
        if !date::in_range(options.as_of) {
            return Err(EvaluateError::AsOfOutOfRange {
                as_of: options.as_of.to_string(),
            });
        }
        let today = options.as_of;
        let (locale, messages) = self.messages_for(options.locale.as_deref())?;
        let words = Words {
            messages,
            approximate: crate::locale::words(&locale).map(|w| &w.approximate),
        };
        let mut evaluation = Evaluation::start(self, profile, today, words, options.trace);
        for (order, rule) in self.rules.iter().enumerate() {
            if programs.is_none_or(|only| only.contains(&rule.program)) {
                evaluation.rule(order, rule);
            }
        }
        let Evaluation {
            mut nudges,
            errors,
            trace,
            unknown_reads,
            ..
        } = evaluation;
        most_urgent_first(&mut nudges);
        let report = Report {
            ruleset: self.id(),
            as_of: today.to_string(),
            nudges: nudges.into_iter().map(|(_, nudge)| nudge).collect(),
            errors,
            warnings: self.warnings(today, messages),
            trace,
            locale,
            import: None,
            questions: None,
        };
        Ok((report, unknown_reads))
    }

    /// The locale asked for (the rule set's first when `None`) and its messages.
    fn messages_for(&self, locale: Option<&str>) -> Result<(String, &Messages), EvaluateError> {
        let manifest = self.manifest();
        let locale = match locale {
            Some(locale) => locale.to_string(),
            None => manifest.locales.first().cloned().unwrap_or_default(),
        };
        match self.effective.messages.get(&locale) {
            Some(messages) => Ok((locale, messages)),
            None => Err(EvaluateError::UnknownLocale {
                locale,
                ruleset: manifest.id.clone(),
                accepted: manifest.locales.join(", "),
            }),
        }
    }
}

/// One evaluation under way: what the rules so far have said.
struct Evaluation<'a> {
    ruleset: &'a RuleSet,
    profile: Rc<Profile>,
    today: NaiveDate,
    words: Words<'a>,
    /// Each nudge with its rule's place in the rule set (the last tie-break of the report's order).
    nudges: Vec<(usize, Nudge)>,
    errors: Vec<RuleError>,
    /// Every rule's outcome, only when asked for: otherwise nothing of it is built.
    trace: Option<Vec<TraceEntry>>,
    /// Programs settled by an earlier rule: by its nudge, or blocked by its failure.
    settled: BTreeMap<&'a str, Settled<'a>>,
    /// One budget for every rule of this evaluation, besides each rule's own limits.
    budget: Budget,
    /// Characters of words in the report so far (titles, messages, actions, reasons).
    words_used: usize,
    /// What each program's rules read while it was unknown (`FactLog::read_unknown`).
    unknown_reads: BTreeMap<String, BTreeSet<String>>,
}

impl<'a> Evaluation<'a> {
    fn start(
        ruleset: &'a RuleSet,
        profile: &Profile,
        today: NaiveDate,
        words: Words<'a>,
        trace: bool,
    ) -> Evaluation<'a> {
        Evaluation {
            ruleset,
            profile: Rc::new(profile.clone()),
            today,
            words,
            nudges: Vec::new(),
            errors: Vec::new(),
            trace: trace.then(|| Vec::with_capacity(ruleset.rules.len())),
            settled: BTreeMap::new(),
            budget: ruleset.sandbox.budget(),
            words_used: 0,
            unknown_reads: BTreeMap::new(),
        }
    }

    /// Runs one rule and records what it came to: a nudge, an error, and its trace entry when
    /// the trace is on.
    fn rule(&mut self, order: usize, rule: &'a Rule) {
        let (ran, facts) = self.run(rule);
        let (came_to, position) = match ran {
            Ran::Decided(decision) => {
                let position = decision.position;
                (self.decided(order, rule, decision, &facts), position)
            }
            Ran::Failed(message, position) => (self.failed(rule, message, None), position),
        };
        if let Some(trace) = &mut self.trace {
            trace.push(trace_entry(rule, &came_to, position, facts));
        }
        if let CameTo::Failed(message, _) = came_to {
            let (line, column) = known_position(position);
            self.errors.push(RuleError {
                rule: rule.id.clone(),
                program: rule.program.clone(),
                message,
                line,
                column,
            });
        }
    }

    /// Runs a rule in the sandbox, with fresh views of the person, the calendar and the
    /// directories: what it decided (or how it failed), and the facts it read.
    fn run(&mut self, rule: &Rule) -> (Ran, Vec<Fact>) {
        let ruleset = self.ruleset;
        let inputs = |log: &Rc<RefCell<FactLog>>| RuleInputs {
            person: Person::new(Rc::clone(&self.profile), self.today, Rc::clone(log)),
            calendar: Calendar::new(Rc::clone(&ruleset.periods), self.today, Rc::clone(log)),
            directory: DirectoryView::new(Rc::clone(&ruleset.directories), Rc::clone(log)),
            today: self.today,
        };
        let mut log = Rc::new(RefCell::new(FactLog::default()));
        // The fast path first; when it cannot finish, the interpreter from scratch, with a
        // fresh fact log (what the abandoned run recorded is dropped).
        let fast = rule.fast.as_ref().and_then(|fast| {
            ruleset
                .sandbox
                .run_fast(fast, inputs(&log), &mut self.budget)
        });
        let outcome = match fast {
            Some(value) => Ok(value),
            None => {
                log = Rc::new(RefCell::new(FactLog::default()));
                ruleset.sandbox.run(
                    &rule.ast,
                    &mut rule.caches.borrow_mut(),
                    inputs(&log),
                    &mut self.budget,
                )
            }
        };
        let ran = match outcome {
            Ok(value) => decision_of(value, rule, self.today),
            Err(err) => Ran::Failed(
                runtime_message(&err, &ruleset.sandbox.limits()),
                innermost_position(&err),
            ),
        };
        let (facts, reads) = log.take().into_parts();
        if !reads.is_empty() {
            self.unknown_reads
                .entry(rule.program.clone())
                .or_default()
                .extend(reads);
        }
        (ran, facts)
    }

    /// What a rule's decision comes to: the first rule of a program that does not skip gives
    /// its nudge; after it, or after a failure, the program is settled.
    fn decided(
        &mut self,
        order: usize,
        rule: &'a Rule,
        decision: Decision,
        facts: &[Fact],
    ) -> CameTo<'a> {
        let earlier = self.settled.get(rule.program.as_str()).copied();
        match decision.verdict {
            Verdict::Nudge(status) => match earlier {
                None => self.fire(order, rule, &decision, status, facts),
                Some(earlier) => CameTo::Settled(earlier, Some(status)),
            },
            Verdict::Skip(why) => match earlier {
                Some(blocked @ Settled::Failed(_)) => CameTo::Settled(blocked, None),
                None | Some(Settled::Nudge(_)) => CameTo::Skipped(why),
            },
        }
    }

    /// Words the nudge of the first rule of its program to decide one, within what is left of
    /// the report's words; the program is then settled.
    fn fire(
        &mut self,
        order: usize,
        rule: &'a Rule,
        decision: &Decision,
        status: Status,
        facts: &[Fact],
    ) -> CameTo<'a> {
        let worded = nudge_of(
            rule,
            decision,
            status,
            facts,
            &self.profile,
            self.today,
            &self.words,
        )
        .and_then(|nudge| {
            let chars = words_chars(&nudge);
            if self.words_used.saturating_add(chars) > MAX_REPORT_WORDS_CHARS {
                return Err(format!(
                    "the nudge's words ({chars} characters) would take the report's past {MAX_REPORT_WORDS_CHARS} characters"
                ));
            }
            self.words_used += chars;
            Ok(nudge)
        });
        match worded {
            Ok(nudge) => {
                self.settled.insert(&rule.program, Settled::Nudge(&rule.id));
                self.nudges.push((order, nudge));
                CameTo::Fired(status)
            }
            Err(message) => self.failed(rule, message, Some(status)),
        }
    }

    /// A rule that failed: its message cut to size, and its program blocked.
    fn failed(&mut self, rule: &'a Rule, message: String, status: Option<Status>) -> CameTo<'a> {
        // A failed rule blocks later rules of its program: falling back to the standard
        // programme could give standard advice to someone at high risk.
        self.settled
            .entry(&rule.program)
            .or_insert(Settled::Failed(&rule.id));
        CameTo::Failed(cut(message), status)
    }
}

/// A rule's entry in the trace.
fn trace_entry(
    rule: &Rule,
    came_to: &CameTo<'_>,
    position: Position,
    facts: Vec<Fact>,
) -> TraceEntry {
    let (outcome, status, reason) = match came_to {
        CameTo::Fired(status) => (TraceOutcome::Fired, Some(*status), None),
        CameTo::Skipped(why) => (TraceOutcome::Skipped, None, Some(why.clone())),
        CameTo::Settled(earlier, status) => (
            earlier.outcome(),
            *status,
            Some(earlier.reason(&rule.program)),
        ),
        CameTo::Failed(message, status) => (TraceOutcome::Error, *status, Some(message.clone())),
    };
    let (line, column) = known_position(position);
    TraceEntry {
        rule: rule.id.clone(),
        program: rule.program.clone(),
        outcome,
        status,
        reason,
        line,
        column,
        facts,
    }
}

/// The report's order: most urgent first, then by due date (a date before none), then in
/// rule-set order.
fn most_urgent_first(nudges: &mut [(usize, Nudge)]) {
    nudges.sort_by(|(order_a, a), (order_b, b)| {
        a.status
            .urgency()
            .cmp(&b.status.urgency())
            .then_with(|| match (&a.due_date, &b.due_date) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            .then_with(|| order_a.cmp(order_b))
    });
}

impl RuleSet {
    /// Warns when `today` falls outside the days this version applies, and when the rule set or
    /// one of its versioned facts is past its review-by date (what it rests on may have changed).
    fn warnings(&self, today: NaiveDate, messages: &Messages) -> Vec<Warning> {
        let id = &self.manifest().id;
        let version = &self.manifest().version;
        let mut warnings = Vec::new();
        if let Some(start) = self.in_force().filter(|start| today < *start) {
            warnings.push(Warning::new(
                WarningKind::BeforeInForce,
                format!(
                    "asOf {today} is before version {version} of `{id}` came into force ({start}); the report applies rules that were not yet in force"
                ),
            ));
        }
        if let Some(end) = self.valid_until().filter(|end| today > *end) {
            warnings.push(Warning::new(
                WarningKind::AfterValidity,
                format!(
                    "asOf {today} is after version {version} of `{id}` stopped applying ({end}); a newer version applies on that day"
                ),
            ));
        }
        let manifest = self.manifest();
        if let Some(review_by) = manifest
            .review_by
            .as_deref()
            .and_then(date::parse)
            .filter(|day| today > *day)
        {
            let checked = manifest.checked.clone();
            warnings.push(Warning {
                review_by: Some(review_by.to_string()),
                checked: checked.clone(),
                ..Warning::new(
                    WarningKind::ReviewOverdue,
                    format!(
                        "asOf {today} is after {review_by}, the day by which version {version} of `{id}` was to be checked again{}; what its rules rest on may have changed",
                        checked.map(|c| format!(" (last checked {c})")).unwrap_or_default()
                    ),
                )
            });
        }
        for (name, review_by) in self.overdue_facts(today) {
            warnings.push(Warning {
                fact: Some(name.to_string()),
                label: Some(messages.label(name).to_string()),
                review_by: Some(review_by.to_string()),
                ..Warning::new(
                    WarningKind::FactReviewOverdue,
                    format!(
                        "asOf {today} is after {review_by}, the day by which the dates of `{name}` were to be checked again; they may be out of date"
                    ),
                )
            });
        }
        for (name, table) in &manifest.directory {
            let Some(review_by) = table
                .review_by
                .as_deref()
                .and_then(date::parse)
                .filter(|day| today > *day)
            else {
                continue;
            };
            warnings.push(Warning {
                directory: Some(name.clone()),
                label: Some(messages.label(name).to_string()),
                review_by: Some(review_by.to_string()),
                ..Warning::new(
                    WarningKind::DirectoryReviewOverdue,
                    format!(
                        "asOf {today} is after {review_by}, the day by which directory `{name}` was to be checked again; its names and websites may be out of date"
                    ),
                )
            });
        }
        warnings
    }

    /// Versioned facts whose latest review-by date is before `today`, in manifest order.
    fn overdue_facts(&self, today: NaiveDate) -> Vec<(&str, NaiveDate)> {
        let mut latest: Vec<(&str, NaiveDate)> = Vec::new();
        for fact in &self.manifest().facts {
            let Some(day) = fact.review_by.as_deref().and_then(date::parse) else {
                continue;
            };
            match latest.iter_mut().find(|(name, _)| *name == fact.name) {
                Some((_, seen)) => *seen = (*seen).max(day),
                None => latest.push((&fact.name, day)),
            }
        }
        latest.retain(|(_, day)| today > *day);
        latest
    }
}

fn known_position(position: Position) -> (Option<usize>, Option<usize>) {
    (position.line(), position.position())
}

/// Where an error happened: inside the innermost function call that knows, rather than where the
/// rule called the outermost function.
fn innermost_position(err: &EvalAltResult) -> Position {
    match err {
        EvalAltResult::ErrorInFunctionCall(_, _, inner, at) => {
            let inside = innermost_position(inner);
            if inside.is_none() {
                *at
            } else {
                inside
            }
        }
        other => other.position(),
    }
}

/// The longest error message a report carries. Some messages quote what the rule built (a thrown
/// value, a message key, a code); whatever it built, the report stays small.
pub const MAX_ERROR_CHARS: usize = 1_000;

/// `message`, cut to [`MAX_ERROR_CHARS`] characters (the last one `…` when cut).
fn cut(message: String) -> String {
    if message.chars().nth(MAX_ERROR_CHARS).is_none() {
        return message;
    }
    let mut cut: String = message.chars().take(MAX_ERROR_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// A Rhai error in words, without Rhai's position suffix (the report carries line and column).
fn runtime_message(err: &EvalAltResult, limits: &Limits) -> String {
    match err {
        EvalAltResult::ErrorRuntime(value, _) => value.to_string(),
        EvalAltResult::ErrorTerminated(token, _) if token.to_string() == DEADLINE_TOKEN => format!(
            "stopped: the rule ran longer than its {} ms deadline",
            limits.deadline_ms
        ),
        EvalAltResult::ErrorTerminated(token, _) if token.to_string() == MEMORY_TOKEN => format!(
            "stopped: the rule's values took more than the sandbox's {} MB of memory",
            memory_bound(limits) / 1_000_000
        ),
        EvalAltResult::ErrorTerminated(token, _) if token.to_string() == BUDGET_TIME_TOKEN => {
            format!(
                "stopped: the evaluation ran longer than its {} ms budget for all rules together; each rule left may run only {GRACE_OPERATIONS} operations",
                limits.evaluation_ms
            )
        }
        EvalAltResult::ErrorTerminated(token, _)
            if token.to_string() == BUDGET_OPERATIONS_TOKEN =>
        {
            format!(
                "stopped: the evaluation used up its budget of {} operations for all rules together; each rule left may run only {GRACE_OPERATIONS} operations",
                limits.evaluation_operations
            )
        }
        EvalAltResult::ErrorTooManyOperations(_) => format!(
            "stopped: the rule exceeded its {} operations (an endless loop?)",
            limits.max_operations
        ),
        EvalAltResult::ErrorStackOverflow(_) => format!(
            "stopped: calls nested deeper than {} levels (endless recursion?)",
            limits.max_call_levels
        ),
        EvalAltResult::ErrorTooManyVariables(_) => format!(
            "stopped: more than {} variables at once in one call (the sandbox's limit)",
            limits.max_variables
        ),
        EvalAltResult::ErrorDataTooLarge(what, _) => format!(
            "stopped: {what} grew beyond the sandbox limit (strings {} characters, arrays {} items, maps {} entries)",
            limits.max_string_size, limits.max_array_size, limits.max_map_size
        ),
        EvalAltResult::ErrorPropertyNotFound(name, _) => format!(
            "the map has no `{name}`: a map has the entries written in its #{{…}}, and a rule cannot add any"
        ),
        EvalAltResult::ErrorInFunctionCall(..) => {
            // Name each function of the chain once: endless recursion nests the same ones 32 deep.
            let mut calls = 0;
            let mut names: Vec<&str> = Vec::new();
            let mut inner = err;
            while let EvalAltResult::ErrorInFunctionCall(name, _, next, _) = inner {
                calls += 1;
                if !names.contains(&name.as_str()) {
                    names.push(name);
                }
                inner = next;
            }
            let chain: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
            let depth = if calls > names.len() {
                format!(" ({calls} calls deep)")
            } else {
                String::new()
            };
            format!(
                "in function {}{depth}: {}",
                chain.join(" → "),
                runtime_message(inner, limits)
            )
        }
        other => {
            let text = other.to_string();
            match text.rfind(" (line ") {
                Some(cut) if text.ends_with(')') => text.get(..cut).unwrap_or(&text).to_string(),
                _ => text,
            }
        }
    }
}

/// Reads what a rule returned and checks that its date agrees with its status.
fn decision_of(value: Dynamic, rule: &Rule, today: NaiveDate) -> Ran {
    let type_name = value.type_name();
    let Some(decision) = value.try_cast::<Decision>() else {
        let end = rule
            .ast
            .statements()
            .last()
            .map_or(Position::NONE, |s| s.position());
        return Ran::Failed(
            format!("the rule returned {type_name}; it must end with due(…), up_to_date(…), upcoming(…), refer(…), info(…) or skip(…)"),
            end,
        );
    };
    let Verdict::Nudge(status) = decision.verdict else {
        return Ran::Decided(decision);
    };
    let problem = match (status, decision.due_date) {
        (Status::Due, Some(day)) if day.day > today => Some(format!(
            "due({day}) is after today ({today}); use upcoming(…) or up_to_date(…)"
        )),
        (Status::UpToDate, Some(day)) if day.day <= today => Some(format!(
            "up_to_date({day}) is not after today ({today}); use due(…)"
        )),
        (Status::Upcoming, Some(day))
            if day.day <= today
                || date::plus_months(today, 12).is_none_or(|limit| day.day > limit) =>
        {
            Some(format!(
                "upcoming({day}) must fall within the 12 months after today ({today})"
            ))
        }
        _ => None,
    };
    match problem {
        Some(message) => Ran::Failed(message, decision.position),
        None => Ran::Decided(decision),
    }
}

fn fact_value(value: &FactValue, words: &Words<'_>) -> (String, Precision) {
    let messages = words.messages;
    match value {
        FactValue::Int(n) => (n.to_string(), Precision::Day),
        FactValue::Number(x) => (messages.number(*x), Precision::Day),
        FactValue::Code(code) => (messages.label(code).to_string(), Precision::Day),
        FactValue::Date(day) => (words.date(*day), day.precision),
        FactValue::Text(text) => (messages.label(text).to_string(), Precision::Day),
    }
}

/// Characters of words in a nudge: its title, message, action and reasons.
fn words_chars(nudge: &Nudge) -> usize {
    [&nudge.title, &nudge.message, &nudge.action]
        .into_iter()
        .chain(&nudge.reasons)
        .map(|text| text.chars().count())
        .sum()
}

/// A locale's messages, the engine's words filled in where the rule set has none.
struct Words<'a> {
    messages: &'a Messages,
    /// How the locale writes approximate dates; `None` for a locale the engine does not speak
    /// (such a date is then written as given, `2022`).
    approximate: Option<&'static ApproximateWords>,
}

impl Words<'_> {
    /// A date written out as precisely as it is known.
    fn date(&self, date: Date) -> String {
        approximate::written(self.messages, self.approximate, date)
    }

    /// A template filled, its words fitted to the approximate dates it holds.
    fn fill(
        &self,
        template: &str,
        value_of: &dyn Fn(&str) -> Option<(String, Precision)>,
    ) -> Result<String, String> {
        approximate::fill_fitted(template, value_of, self.approximate)
    }
}

/// What a nudge says of the approximate dates it rested on: the `approximate` field, and a reason
/// line for each; `None` when every date was exact.
fn approximate_of(
    decision: &Decision,
    facts: &[Fact],
    words: &Words<'_>,
) -> Result<Option<(Approximate, Vec<String>)>, String> {
    let due = decision.due_date.filter(|d| !d.is_exact());
    let mut dates = Vec::new();
    let mut lines = Vec::new();
    for fact in facts {
        let Some(FactValue::Date(day)) = fact.field("date") else {
            continue;
        };
        if day.is_exact() {
            continue;
        }
        dates.push(ApproximateDate {
            fact: fact.kind,
            date: day.to_string(),
            precision: day.precision.as_str(),
            read_as: day.day.to_string(),
        });
        if let Some(template) = words.approximate.and_then(|w| w.reasons.get(fact.kind)) {
            let field = |name: &str| fact.field(name).map(|v| fact_value(v, words));
            lines.push(words.fill(template, &field).map_err(|name| {
                format!(
                    "[approximate.reasons] {} uses unknown placeholder {{{name}}}",
                    fact.kind
                )
            })?);
        }
    }
    let from_age = |d: &Date| matches!(d.precision, Precision::Birthday(_) | Precision::FromAge);
    if due.as_ref().is_some_and(from_age) {
        if let Some(line) = words
            .approximate
            .and_then(|w| w.reasons.get("due-date-age"))
        {
            lines.push(line.clone());
        }
    }
    if due.is_none() && dates.is_empty() {
        return Ok(None);
    }
    Ok(Some((
        Approximate {
            due_date: due.map(|d| d.precision.as_str()),
            dates,
        },
        lines,
    )))
}

/// Words a nudge from a decision and the facts its rule read.
fn nudge_of(
    rule: &Rule,
    decision: &Decision,
    status: Status,
    facts: &[Fact],
    profile: &Profile,
    today: NaiveDate,
    words: &Words<'_>,
) -> Result<Nudge, String> {
    let messages = words.messages;
    let key: &str = &decision.message_key;
    let text = messages
        .rules
        .get(&rule.id)
        .and_then(|texts| texts.get(key))
        .ok_or_else(|| {
            format!(
                "message `{key}` has no text ([rules.\"{}\".{key}])",
                rule.id
            )
        })?;
    let age = match profile.birth {
        Birth::Date(born) => date::years_between(born, today),
        Birth::DeclaredAge(age) => age,
    };
    // Every placeholder but phrases; a phrase is filled with these. A date comes with its
    // precision, so that the words around an approximate one are fitted to it.
    let plain = |name: &str| -> Option<(String, Precision)> {
        let exact = |text: String| (text, Precision::Day);
        if let Some((_, param)) = decision.params.iter().find(|(n, _)| n == name) {
            return match param {
                Param::Date(day) => Some((words.date(*day), day.precision)),
                Param::Int(n) => Some(exact(n.to_string())),
                Param::Number(x) => Some(exact(messages.number(*x))),
                Param::Text(t) => Some(exact(messages.label(t).to_string())),
                Param::Phrase(_) => None,
            };
        }
        match name {
            "dueDate" => decision.due_date.map(|d| (words.date(d), d.precision)),
            "today" => Some(exact(messages.date(today))),
            "age" => Some(exact(age.to_string())),
            _ => None,
        }
    };
    let mut phrases: Vec<(&str, String)> = Vec::new();
    for (name, param) in decision.params.iter() {
        if let Param::Phrase(phrase) = param {
            let template = messages.phrases.get(phrase).ok_or_else(|| {
                format!("phrase `{phrase}` (given to fill(\"{name}\", …)) has no text in [phrases]")
            })?;
            let text = words.fill(template, &plain).map_err(|unknown| {
                format!("phrase `{phrase}` uses {{{unknown}}}, which the rule did not fill")
            })?;
            phrases.push((name, text));
        }
    }
    let value_of = |name: &str| -> Option<(String, Precision)> {
        match phrases.iter().find(|(n, _)| *n == name) {
            Some((_, text)) => Some((text.clone(), Precision::Day)),
            None => plain(name),
        }
    };
    let render = |part: &str, template: &str| {
        words
            .fill(template, &value_of)
            .map_err(|name| format!("message `{key}` ({part}) uses unknown placeholder {{{name}}}"))
    };
    let mut reasons = Vec::with_capacity(facts.len());
    for fact in facts.iter().filter(|f| !UNWORDED_KINDS.contains(&f.kind)) {
        let template = messages
            .facts
            .get(fact.kind)
            .ok_or_else(|| format!("no [facts] template for `{}`", fact.kind))?;
        let field = |name: &str| fact.field(name).map(|v| fact_value(v, words));
        reasons.push(words.fill(template, &field).map_err(|name| {
            format!("[facts] {} uses unknown placeholder {{{name}}}", fact.kind)
        })?);
    }
    let approximate = match approximate_of(decision, facts, words)? {
        Some((approximate, lines)) => {
            reasons.extend(lines);
            Some(approximate)
        }
        None => None,
    };
    Ok(Nudge {
        program: rule.program.clone(),
        status,
        due_date: decision.due_date.map(|d| d.day.to_string()),
        rule: rule.id.clone(),
        title: render("title", &text.title)?,
        message: render("message", &text.message)?,
        action: render("action", &text.action)?,
        reasons,
        sources: rule.sources.clone(),
        facts: facts.to_vec(),
        approximate,
    })
}

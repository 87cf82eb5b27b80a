//! Static checks of a rule set, so that a typo is an error at `vigie check`, not a silent `false`
//! at evaluation: unknown helpers and properties, unknown codes, missing messages and placeholders.

use std::collections::BTreeSet;

use rhai::{ASTNode, Array, Dynamic, Expr, Map, Position, Stmt, AST};

use super::{rule_file, RuleSetSources};
use crate::codes;
use crate::diagnostics::{line_column, Diagnostic};
use crate::facts::FACT_KINDS;
use crate::ruleset::messages::placeholders;
use crate::sandbox::Sandbox;
use crate::script::code_argument;

/// Functions the Rhai language provides as keywords rather than registered functions.
const KEYWORD_FUNCTIONS: &[&str] = &[
    "type_of",
    "Fn",
    "call",
    "is_def_var",
    "is_def_fn",
    "print",
    "debug",
];

/// Placeholders every rule message may use.
const COMMON_PLACEHOLDERS: &[&str] = &["dueDate", "today", "age"];

struct RuleLint<'a> {
    file: String,
    known_functions: &'a BTreeSet<String>,
    known_properties: BTreeSet<String>,
    found: Vec<Diagnostic>,
    /// Message keys the rule uses literally, with where.
    keys: Vec<(String, Position)>,
    /// Placeholder names the rule adds with `.fill("name", …)`.
    params: BTreeSet<String>,
    /// The manifest's versioned facts (name, sources) and the sources this rule cites.
    facts: Vec<(&'a str, &'a [String])>,
    cited: &'a [String],
    /// The manifest's directories (name, sources).
    directories: Vec<(&'a str, &'a [String])>,
    /// Phrase keys the rule uses literally with `phrase("key")`, with where.
    phrases: Vec<(String, Position)>,
}

impl RuleLint<'_> {
    fn at(&mut self, position: Position, message: String) {
        let (line, column) = line_column(position);
        self.found.push(Diagnostic {
            kind: None,
            file: self.file.clone(),
            line,
            column,
            message,
        });
    }

    fn call(&mut self, name: &str, args: &[Expr], position: Position) {
        if !self.known_functions.contains(name) && !KEYWORD_FUNCTIONS.contains(&name) {
            self.at(
                position,
                format!(
                    "unknown helper `{name}`; see rules/README.md for the helpers rules can use"
                ),
            );
            return;
        }
        if let Some((what, is_code, accepted)) = code_argument(name) {
            for arg in args {
                for (text, at) in string_literals(arg) {
                    if !is_code(&text) {
                        self.at(
                            at,
                            format!("unknown {what} `{text}`; accepted: {}", accepted()),
                        );
                    }
                }
            }
        }
        if matches!(name, "in_force" | "next" | "on" | "next_after") {
            let mut problems = Vec::new();
            for (text, at) in args.iter().flat_map(string_literals) {
                let periods: Vec<&(&str, &[String])> =
                    self.facts.iter().filter(|(n, _)| *n == text).collect();
                if periods.is_empty() {
                    let mut declared: Vec<&str> = self.facts.iter().map(|(n, _)| *n).collect();
                    declared.dedup();
                    problems.push((
                        at,
                        format!(
                            "unknown versioned fact `{text}`; ruleset.toml declares: {}",
                            if declared.is_empty() {
                                "none".to_string()
                            } else {
                                declared.join(", ")
                            }
                        ),
                    ));
                }
                let missing: BTreeSet<&String> = periods
                    .iter()
                    .flat_map(|(_, sources)| sources.iter())
                    .filter(|key| !self.cited.contains(key))
                    .collect();
                for key in missing {
                    problems.push((
                        at,
                        format!("the rule reads versioned fact `{text}`, which comes from source `{key}`; add it to the rule's sources in ruleset.toml"),
                    ));
                }
            }
            for (at, message) in problems {
                self.at(at, message);
            }
        }
        if name == "find" {
            if let Some((text, at)) = args.iter().flat_map(string_literals).next() {
                match self.directories.iter().find(|(n, _)| *n == text) {
                    None => {
                        let declared: Vec<&str> =
                            self.directories.iter().map(|(n, _)| *n).collect();
                        self.at(
                            at,
                            format!(
                                "unknown directory `{text}`; ruleset.toml declares: {}",
                                if declared.is_empty() {
                                    "none".to_string()
                                } else {
                                    declared.join(", ")
                                }
                            ),
                        );
                    }
                    Some((_, sources)) => {
                        let missing: Vec<&String> = sources
                            .iter()
                            .filter(|key| !self.cited.contains(key))
                            .collect();
                        for key in missing {
                            self.at(at, format!("the rule reads directory `{text}`, which comes from source `{key}`; add it to the rule's sources in ruleset.toml"));
                        }
                    }
                }
            }
        }
        if name == "phrase" {
            if let Some(Expr::StringConstant(key, at)) = args.first() {
                self.phrases.push((key.to_string(), *at));
            }
        }
        let literal = |i: usize| match args.get(i) {
            Some(Expr::StringConstant(s, _)) => Some(s.to_string()),
            _ => None,
        };
        match (name, args.len()) {
            ("due", 1) => self.keys.push(("due".to_string(), position)),
            ("up_to_date", 1) => self.keys.push(("up-to-date".to_string(), position)),
            ("upcoming", 1) => self.keys.push(("upcoming".to_string(), position)),
            ("due" | "up_to_date" | "upcoming", 2) => {
                if let Some(key) = literal(1) {
                    self.keys.push((key, position));
                }
            }
            ("refer" | "info", 1) => {
                if let Some(key) = literal(0) {
                    self.keys.push((key, position));
                }
            }
            ("fill", _) => {
                // Method form: the decision is the object, the name the first argument.
                if let Some(Expr::StringConstant(s, _)) =
                    args.iter().find(|a| matches!(a, Expr::StringConstant(..)))
                {
                    self.params.insert(s.to_string());
                }
            }
            _ => {}
        }
    }
}

fn string_literals(expr: &Expr) -> Vec<(String, Position)> {
    match expr {
        Expr::StringConstant(s, at) => vec![(s.to_string(), *at)],
        Expr::Array(items, _) => items.iter().flat_map(string_literals).collect(),
        // The optimiser folds an array of literals into one constant.
        Expr::DynamicConstant(value, at) => match value.as_ref().clone().into_array() {
            Ok(items) => items
                .into_iter()
                .filter_map(|item| item.into_string().ok())
                .map(|text| (text, *at))
                .collect(),
            Err(_) => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The keys of every object map in a constant value.
fn map_keys(value: &Dynamic, keys: &mut BTreeSet<String>) {
    if let Some(map) = value.clone().try_cast::<Map>() {
        for (key, inner) in &map {
            keys.insert(key.to_string());
            map_keys(inner, keys);
        }
    } else if let Some(items) = value.clone().try_cast::<Array>() {
        for item in &items {
            map_keys(item, keys);
        }
    }
}

/// The names of every function the sandbox offers rules (getters appear as `get$name`).
pub fn registered_names(sandbox: &Sandbox) -> BTreeSet<String> {
    sandbox
        .engine()
        .collect_fn_metadata(None, |info| Some(info.metadata.name.to_string()), true)
        .into_iter()
        .collect()
}

/// Checks one compiled rule against the engine's helpers and the rule set's messages.
pub fn check_rule(
    registered: &BTreeSet<String>,
    sources: &RuleSetSources,
    rule_id: &str,
    ast: &AST,
    found: &mut Vec<Diagnostic>,
) {
    let mut known_functions = registered.clone();
    known_functions.extend(ast.iter_functions().map(|f| f.name.to_string()));
    let mut known_properties: BTreeSet<String> = known_functions
        .iter()
        .filter_map(|name| name.strip_prefix("get$").map(str::to_string))
        .collect();
    // Object-map literals in the rule define their own property names.
    ast.walk(&mut |path: &[ASTNode]| {
        match path.last() {
            Some(ASTNode::Expr(Expr::Map(map, _))) => {
                known_properties.extend(map.0.iter().map(|(ident, _)| ident.name.to_string()));
            }
            // The optimiser folds a map of constants into one constant value.
            Some(ASTNode::Expr(Expr::DynamicConstant(value, _))) => {
                map_keys(value, &mut known_properties);
            }
            _ => {}
        }
        true
    });

    let mut lint = RuleLint {
        file: rule_file(rule_id),
        known_functions: &known_functions,
        known_properties,
        found: Vec::new(),
        keys: Vec::new(),
        params: BTreeSet::new(),
        facts: sources
            .manifest
            .facts
            .iter()
            .map(|f| (f.name.as_str(), f.sources.as_slice()))
            .collect(),
        cited: sources
            .manifest
            .rules
            .iter()
            .find(|r| r.id == rule_id)
            .map_or(&[], |r| r.sources.as_slice()),
        directories: sources
            .manifest
            .directory
            .iter()
            .map(|(name, d)| (name.as_str(), d.sources.as_slice()))
            .collect(),
        phrases: Vec::new(),
    };
    let mut calls = Vec::new();
    let mut properties = Vec::new();
    ast.walk(&mut |path: &[ASTNode]| {
        match path.last() {
            Some(ASTNode::Expr(Expr::FnCall(call, at)))
            | Some(ASTNode::Stmt(Stmt::FnCall(call, at)))
                if !call.is_operator_call() =>
            {
                calls.push((call.name.to_string(), call.args.to_vec(), *at));
            }
            Some(ASTNode::Expr(Expr::MethodCall(call, at))) => {
                calls.push((call.name.to_string(), call.args.to_vec(), *at));
            }
            Some(ASTNode::Expr(Expr::Property(property, at))) => {
                properties.push((property.2.to_string(), *at));
            }
            _ => {}
        }
        true
    });
    for (name, args, at) in calls {
        lint.call(&name, &args, at);
    }
    for (name, at) in properties {
        if !lint.known_properties.contains(&name) {
            lint.at(at, format!("unknown property `{name}`; see rules/README.md for what `person`, tests, relatives and dates offer"));
        }
    }

    let mut allowed: BTreeSet<String> = COMMON_PLACEHOLDERS.iter().map(|s| s.to_string()).collect();
    allowed.extend(lint.params.iter().cloned());
    for (locale, messages) in &sources.messages {
        let texts = messages.rules.get(rule_id);
        for (key, at) in lint.keys.clone() {
            match texts.and_then(|t| t.get(&key)) {
                None => lint.at(at, format!(
                    "message `{key}` has no text in messages/{locale}.toml ([rules.\"{rule_id}\".{key}])")),
                Some(text) => {
                    for part in [&text.title, &text.message, &text.action] {
                        for name in placeholders(part) {
                            if !allowed.contains(&name) {
                                lint.at(at, format!(
                                    "message `{key}` in messages/{locale}.toml uses {{{name}}}, which is neither {} nor given with .fill(\"{name}\", …)",
                                    COMMON_PLACEHOLDERS.join(", ")));
                            }
                        }
                    }
                }
            }
        }
    }
    for (locale, messages) in &sources.messages {
        for (key, at) in lint.phrases.clone() {
            match messages.phrases.get(&key) {
                None => lint.at(
                    at,
                    format!("phrase `{key}` has no text in messages/{locale}.toml ([phrases] {key} = \"…\")"),
                ),
                Some(text) => {
                    for name in placeholders(text) {
                        if !allowed.contains(&name) {
                            lint.at(at, format!(
                                "phrase `{key}` in messages/{locale}.toml uses {{{name}}}, which is neither {} nor given with .fill(\"{name}\", …)",
                                COMMON_PLACEHOLDERS.join(", ")));
                        }
                    }
                }
            }
        }
    }
    found.extend(lint.found);
}

/// Checks each locale's messages: dates, a label for every code, a template for every fact, a
/// title and a description for every program the rules decide. `sources` has the engine's words
/// filled in ([`crate::locale::fill_in`]), so only what the engine does not word in a locale —
/// the rule set's own names, any code in a locale the engine does not speak — is asked of it.
pub fn check_messages(sources: &RuleSetSources, found: &mut Vec<Diagnostic>) {
    // Versioned facts are worded by a label too, like codes.
    let mut all_codes: Vec<&str> = codes::all_codes();
    all_codes.extend(sources.manifest.facts.iter().map(|f| f.name.as_str()));
    all_codes.extend(sources.manifest.directory.keys().map(String::as_str));
    all_codes.sort_unstable();
    all_codes.dedup();
    for (locale, messages) in &sources.messages {
        let file = format!("messages/{locale}.toml");
        let mut problem = |message: String| {
            found.push(Diagnostic {
                kind: None,
                file: file.clone(),
                line: 1,
                column: 1,
                message,
            });
        };
        if messages.dates.months.len() != 12 {
            problem(format!(
                "[dates] months has {} names; it needs 12",
                messages.dates.months.len()
            ));
        }
        for name in placeholders(&messages.dates.format) {
            if !["day", "month", "year"].contains(&name.as_str()) {
                problem(format!(
                    "[dates] format uses {{{name}}}; only {{day}}, {{month}}, {{year}}"
                ));
            }
        }
        for code in &all_codes {
            if !messages.codes.contains_key(*code) {
                problem(format!("[codes] has no label for `{code}`"));
            }
        }
        for code in messages.codes.keys() {
            if !all_codes.contains(&code.as_str()) {
                problem(format!(
                    "[codes] labels `{code}`, which is neither a code, a versioned fact nor a directory"
                ));
            }
        }
        for (kind, fields) in FACT_KINDS {
            match messages.facts.get(*kind) {
                None => problem(format!("[facts] has no template for `{kind}`")),
                Some(template) => {
                    for name in placeholders(template) {
                        if !fields.contains(&name.as_str()) {
                            problem(format!(
                                "[facts] {kind} uses {{{name}}}; it can use {}",
                                if fields.is_empty() {
                                    "no placeholder".to_string()
                                } else {
                                    fields.join(", ")
                                }
                            ));
                        }
                    }
                }
            }
        }
        for kind in messages.facts.keys() {
            if !FACT_KINDS.iter().any(|(k, _)| k == kind) {
                problem(format!(
                    "[facts] has a template for `{kind}`, which is not a fact kind"
                ));
            }
        }
        for program in programs_of(sources) {
            let words = messages.programs.get(program);
            for (part, text) in [
                ("title", words.and_then(|w| w.title.as_ref())),
                ("description", words.and_then(|w| w.description.as_ref())),
            ] {
                if text.is_none() {
                    problem(format!("[programs.{program}] has no {part}"));
                }
            }
        }
        for program in messages.programs.keys() {
            if codes::Program::parse(program).is_none() {
                problem(format!(
                    "[programs.{program}] words `{program}`, which is not a program; accepted: {}",
                    codes::Program::accepted()
                ));
            }
        }
        for rule_id in messages.rules.keys() {
            if !sources.manifest.rules.iter().any(|r| &r.id == rule_id) {
                problem(format!(
                    "[rules.\"{rule_id}\"] is not a rule of ruleset.toml"
                ));
            }
        }
    }
}

/// The programs the rules decide, each once (an unknown one is the manifest's problem).
fn programs_of(sources: &RuleSetSources) -> BTreeSet<&str> {
    sources
        .manifest
        .rules
        .iter()
        .map(|rule| rule.program.as_str())
        .filter(|program| codes::Program::parse(program).is_some())
        .collect()
}

/// The parts every rule documents in its leading comments.
const HEADER_PARTS: &[&str] = &["## What it does", "## Why", "## Example"];

/// Checks that a rule documents itself at its top (the comment lines before its first statement):
/// what it does, why (the guideline and its source), an example.
pub fn check_header(rule_id: &str, source: &str, found: &mut Vec<Diagnostic>) {
    let header: Vec<&str> = source
        .lines()
        .map(str::trim)
        .take_while(|line| line.is_empty() || line.starts_with("//"))
        .collect();
    let missing: Vec<&str> = HEADER_PARTS
        .iter()
        .filter(|part| !header.iter().any(|line| line.contains(*part)))
        .copied()
        .collect();
    if !missing.is_empty() {
        found.push(Diagnostic {
            kind: None,
            file: rule_file(rule_id),
            line: 1,
            column: 1,
            message: format!(
                "the rule does not document itself: its leading comments lack {}; every rule starts with `// ## What it does`, `// ## Why` (the guideline and its source) and `// ## Example`",
                missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
            ),
        });
    }
}

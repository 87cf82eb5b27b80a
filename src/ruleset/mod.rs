//! A versioned rule set: manifest, compiled rules, messages, and the digest that identifies them.

#[cfg(all(not(target_arch = "wasm32"), feature = "toml"))]
pub mod catalog;
mod coverage;
#[cfg(not(target_arch = "wasm32"))]
mod files;
#[cfg(not(target_arch = "wasm32"))]
mod lint;
pub mod manifest;
pub mod messages;
pub mod overlay;
pub mod pinned;
mod texts;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use rhai::{Caches, ParseError, Position, AST};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::codes::Program;
use crate::date;
use crate::report::{RuleSetId, SourceRef};
use crate::sandbox::{Limits, Sandbox};
use crate::script::calendar::Period;
use crate::script::directory::{self, Directories};
pub use coverage::{CodeLabels, CoveredProgram};
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use files::{read_limited, MAX_CASE_FILE_BYTES, MAX_MANIFEST_BYTES};
pub use manifest::Manifest;
pub use messages::Messages;

/// The largest rule file (`rules/<id>.rhai`): checked before it is compiled.
pub const MAX_RULE_BYTES: usize = 64 * 1024;
/// The most functions (`fn`) one rule file defines: checked before it is compiled, since Rhai's
/// compile time grows with their square.
pub const MAX_FUNCTIONS_PER_RULE: usize = 64;
/// The most rules in one rule set (for an overlay: in the rule set that runs, and in each layer).
pub const MAX_RULES: usize = 200;

/// Whether `id` is a rule id: lowercase ASCII words joined by `-`, in `/`-separated parts
/// (`breast/organised-screening`): no look-alike letters, no bidi controls, nothing a reviewer
/// could misread.
pub fn is_rule_id(id: &str) -> bool {
    id.len() <= 100 && id.split('/').all(is_kebab_word)
}

/// `[a-z0-9]+(-[a-z0-9]+)*`: a rule-set id, or one part of a rule id.
pub fn is_kebab_word(text: &str) -> bool {
    text.split('-').all(|w| {
        !w.is_empty()
            && w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// How many functions a Rhai source defines: `fn` keywords outside comments and strings.
pub fn count_functions(source: &str) -> usize {
    let bytes = source.as_bytes();
    let mut count = 0;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                while bytes.get(at).is_some_and(|&c| c != b'\n') {
                    at += 1;
                }
            }
            b'/' if bytes.get(at + 1) == Some(&b'*') => {
                at += 2;
                while at < bytes.len()
                    && !(bytes.get(at) == Some(&b'*') && bytes.get(at + 1) == Some(&b'/'))
                {
                    at += 1;
                }
                at += 2;
            }
            b'"' | b'`' | b'\'' => {
                let quote = b;
                at += 1;
                while let Some(&c) = bytes.get(at) {
                    if c == b'\\' {
                        at += 1;
                    } else if c == quote {
                        break;
                    }
                    at += 1;
                }
                at += 1;
            }
            b'f' if bytes.get(at + 1) == Some(&b'n')
                && !bytes
                    .get(at.wrapping_sub(1))
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
                && !bytes
                    .get(at + 2)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_') =>
            {
                count += 1;
                at += 2;
            }
            _ => at += 1,
        }
    }
    count
}

/// A problem in a rule set, at `file:line:col` (files relative to the rule-set folder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// `ruleset.toml`, `rules/<id>.rhai` or `messages/<locale>.toml`.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl Diagnostic {
    /// A JSON syntax or shape error in `file`, at its line and column.
    pub fn from_json_error(file: &str, err: &serde_json::Error) -> Diagnostic {
        Diagnostic {
            file: file.to_string(),
            line: err.line().max(1),
            column: err.column().max(1),
            message: json_error_message(err),
        }
    }
}

/// A serde_json error's message without its " at line L column C" suffix (callers say where).
pub fn json_error_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.find(" at line ") {
        Some(cut) => text.get(..cut).unwrap_or(&text).to_string(),
        None => text,
    }
}

/// A rule set that could not be loaded: every problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the rule set has {} problem(s); first: {}", .diagnostics.len(), first(.diagnostics))]
pub struct LoadError {
    /// Every problem, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

fn first(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .first()
        .map(Diagnostic::to_string)
        .unwrap_or_default()
}

/// The content of a rule set, parsed but not compiled: exactly what the digest covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSetSources {
    /// The manifest.
    pub manifest: Manifest,
    /// Rule id → Rhai source (line endings normalised to `\n`).
    pub rules: BTreeMap<String, String>,
    /// Locale → messages.
    pub messages: BTreeMap<String, Messages>,
    /// For an overlay: the sources of the rule set it extends (so the digest covers both).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Box<RuleSetSources>>,
}

impl RuleSetSources {
    /// `sha256:<hex>` of the canonical JSON form: compact (no whitespace), fields in the order a
    /// bundle writes them, map keys sorted — a bundle's `ruleset` member without its whitespace.
    pub fn digest(&self) -> String {
        digest_of(&serde_json::to_string(self).unwrap_or_default())
    }
}

/// `sha256:<hex>` of a canonical text.
fn digest_of(canonical: &str) -> String {
    let hash = Sha256::digest(canonical.as_bytes());
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// One compiled rule.
pub(crate) struct Rule {
    pub id: String,
    pub program: String,
    pub sources: Vec<SourceRef>,
    pub ast: AST,
    /// Rhai's function-resolution cache for this rule, kept from one evaluation to the next.
    pub caches: RefCell<Caches>,
}

/// A loaded, checked, compiled rule set, ready to evaluate many profiles.
pub struct RuleSet {
    /// What runs: for an overlay, the base with the overlay applied.
    pub(crate) effective: RuleSetSources,
    /// What was given (for an overlay, with its base inside): what the digest covers.
    layered: RuleSetSources,
    pub(crate) rules: Vec<Rule>,
    pub(crate) periods: Rc<[Period]>,
    pub(crate) directories: Rc<Directories>,
    pub(crate) sandbox: Sandbox,
    digest: String,
    base: Option<RuleSetId>,
    /// Last day of validity, from the manifest or set by the folder of versions it was picked from.
    pub(crate) valid_until: Option<chrono::NaiveDate>,
}

impl fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuleSet")
            .field("id", &self.effective.manifest.id)
            .field("version", &self.effective.manifest.version)
            .field("digest", &self.digest)
            .finish()
    }
}

impl RuleSet {
    /// Reads, checks and compiles a rule-set folder.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn load(dir: &std::path::Path) -> Result<RuleSet, LoadError> {
        #[cfg(feature = "toml")]
        let (sources, texts) = catalog::read_layered(dir)?;
        #[cfg(not(feature = "toml"))]
        let (sources, texts) = files::read(dir)?;
        RuleSet::build(sources, &texts)
    }

    /// Reads, checks and compiles a rule set given as file texts by relative path
    /// (`ruleset.toml`, `rules/<id>.rhai`, `messages/<locale>.toml`).
    pub fn from_files(files: BTreeMap<String, String>) -> Result<RuleSet, LoadError> {
        let (sources, texts) = texts::parse(files)?;
        RuleSet::build(sources, &texts)
    }

    /// Checks and compiles parsed sources (for example from a bundle).
    pub fn from_sources(sources: RuleSetSources) -> Result<RuleSet, LoadError> {
        RuleSet::build(sources, &BTreeMap::new())
    }

    /// Like [`RuleSet::from_sources`], with other sandbox limits than [`LIMITS`](crate::sandbox::LIMITS).
    pub fn from_sources_with_limits(
        sources: RuleSetSources,
        limits: Limits,
    ) -> Result<RuleSet, LoadError> {
        RuleSet::build_with(sources, &BTreeMap::new(), Sandbox::with_limits(limits))
    }

    /// Like [`RuleSet::from_sources`], compiled and run in `sandbox` (for example
    /// [`Sandbox::unoptimised`]).
    pub fn from_sources_in(
        sources: RuleSetSources,
        sandbox: Sandbox,
    ) -> Result<RuleSet, LoadError> {
        RuleSet::build_with(sources, &BTreeMap::new(), sandbox)
    }

    /// `texts`: the original files by relative path, to place problems precisely when available.
    fn build(
        sources: RuleSetSources,
        texts: &BTreeMap<String, String>,
    ) -> Result<RuleSet, LoadError> {
        RuleSet::build_with(sources, texts, Sandbox::new())
    }

    fn build_with(
        layered: RuleSetSources,
        texts: &BTreeMap<String, String>,
        sandbox: Sandbox,
    ) -> Result<RuleSet, LoadError> {
        let unpaired = match (&layered.manifest.extends, &layered.base) {
            (Some(extends), None) => {
                Some(format!("extends `{extends}`, but its base was not given"))
            }
            (None, Some(_)) => {
                Some("a base was given, but ruleset.toml has no `extends`".to_string())
            }
            _ => None,
        };
        if let Some(message) = unpaired {
            return Err(LoadError {
                diagnostics: vec![Diagnostic {
                    file: "ruleset.toml".to_string(),
                    line: 1,
                    column: 1,
                    message,
                }],
            });
        }
        let (sources, base) = match &layered.base {
            None => (layered.clone(), None),
            Some(base_sources) => {
                let base = RuleSet::build_with(
                    (**base_sources).clone(),
                    &BTreeMap::new(),
                    Sandbox::with_limits(sandbox.limits()),
                )
                .map_err(|err| LoadError {
                    diagnostics: err
                        .diagnostics
                        .into_iter()
                        .map(|d| Diagnostic {
                            message: format!(
                                "in the base {}@{}: {}",
                                base_sources.manifest.id, base_sources.manifest.version, d.message
                            ),
                            ..d
                        })
                        .collect(),
                })?;
                let merged = overlay::merge(&base.effective, &layered)
                    .map_err(|diagnostics| LoadError { diagnostics })?;
                (merged, Some(base.id()))
            }
        };
        // What the rule set leaves unworded, the engine words (src/locale/); what it words wins.
        let mut sources = sources;
        crate::locale::fill_in(&mut sources.messages);
        let mut problems = Problems {
            texts,
            found: Vec::new(),
        };
        // Counted before anything is compiled.
        for (what, count) in [
            ("rules", sources.manifest.rules.len()),
            ("rule files", sources.rules.len()),
        ] {
            if count > MAX_RULES {
                return Err(LoadError {
                    diagnostics: vec![Diagnostic {
                        file: "ruleset.toml".to_string(),
                        line: 1,
                        column: 1,
                        message: format!("{count} {what}; a rule set has at most {MAX_RULES}"),
                    }],
                });
            }
        }
        check_manifest(&sources, &mut problems);
        // The static lint belongs to authoring (`vigie check`, `vigie bundle`, which refuse a rule
        // set it faults). The wasm module skips it: it is the largest part of a cold start there.
        // A bundle that was never checked still runs safely: a typo then fails at evaluation,
        // reported in the report's `errors`.
        #[cfg(not(target_arch = "wasm32"))]
        let registered = lint::registered_names(&sandbox);
        let mut rules = Vec::new();
        for entry in &sources.manifest.rules {
            let file = rule_file(&entry.id);
            let Some(source) = sources.rules.get(&entry.id) else {
                problems.at_text(
                    "ruleset.toml",
                    &format!("\"{}\"", entry.id),
                    format!("rule `{}` has no file {file}", entry.id),
                );
                continue;
            };
            if source.len() > MAX_RULE_BYTES {
                problems.found.push(Diagnostic {
                    file,
                    line: 1,
                    column: 1,
                    message: format!(
                        "the rule is {} bytes; a rule file is at most {MAX_RULE_BYTES}",
                        source.len()
                    ),
                });
                continue;
            }
            let functions = count_functions(source);
            if functions > MAX_FUNCTIONS_PER_RULE {
                problems.found.push(Diagnostic {
                    file,
                    line: 1,
                    column: 1,
                    message: format!(
                        "the rule defines {functions} functions; a rule file defines at most {MAX_FUNCTIONS_PER_RULE}"
                    ),
                });
                continue;
            }
            match sandbox.compile(source) {
                Ok(ast) => {
                    #[cfg(not(target_arch = "wasm32"))]
                    {
                        lint::check_header(&entry.id, source, &mut problems.found);
                        lint::check_rule(
                            &registered,
                            &sources,
                            &entry.id,
                            &ast,
                            &mut problems.found,
                        );
                    }
                    let cited = entry
                        .sources
                        .iter()
                        .filter_map(|key| sources.manifest.sources.get(key))
                        .map(|s| SourceRef {
                            label: s.label.clone(),
                            url: s.url.clone(),
                            checked: s.checked.clone(),
                        })
                        .collect();
                    rules.push(Rule {
                        id: entry.id.clone(),
                        program: entry.program.clone(),
                        sources: cited,
                        ast,
                        caches: RefCell::new(Caches::new()),
                    });
                }
                Err(err) => {
                    let (line, column) = line_column(err.position());
                    problems.found.push(Diagnostic {
                        file,
                        line,
                        column,
                        message: compile_error_message(source, line, column, &err),
                    });
                }
            }
        }
        for id in sources.rules.keys() {
            if !sources.manifest.rules.iter().any(|r| &r.id == id) {
                problems.found.push(Diagnostic {
                    file: rule_file(id),
                    line: 1,
                    column: 1,
                    message: format!(
                        "rule `{id}` is not listed in ruleset.toml ([[rule]] id = \"{id}\")"
                    ),
                });
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        lint::check_messages(&sources, &mut problems.found);
        // Bounds on the words, on every build: a template's worst-case expansion is what a report
        // could carry, whatever the rules do (an overlay of words only included).
        for (locale, messages) in &sources.messages {
            let file = [
                format!("messages/{locale}.toml"),
                format!("messages/{locale}.json"),
            ]
            .into_iter()
            .find(|file| texts.contains_key(file))
            .unwrap_or_else(|| format!("messages/{locale}.toml"));
            for too_long in messages.too_long() {
                problems.at_text(&file, &too_long.quote, too_long.message);
            }
        }
        if !problems.found.is_empty() {
            return Err(LoadError {
                diagnostics: problems.found,
            });
        }
        let canonical = serde_json::to_string(&layered).unwrap_or_default();
        if canonical.contains('\u{7f}') {
            // jq writes it `\u007f`: the README's recomputation would not give the digest.
            return Err(LoadError {
                diagnostics: vec![Diagnostic {
                    file: "ruleset.toml".to_string(),
                    line: 1,
                    column: 1,
                    message: "the rule set holds the control character U+007F (DEL); remove it"
                        .to_string(),
                }],
            });
        }
        let digest = digest_of(&canonical);
        let periods = periods_of(&sources.manifest);
        let directories = Rc::new(directory::index(&sources.manifest.directory));
        let valid_until = sources
            .manifest
            .valid_until
            .as_deref()
            .and_then(date::parse);
        Ok(RuleSet {
            effective: sources,
            layered,
            rules,
            periods,
            directories,
            sandbox,
            digest,
            base,
            valid_until,
        })
    }

    /// The rule set's id, version and digest.
    pub fn id(&self) -> RuleSetId {
        RuleSetId {
            id: self.effective.manifest.id.clone(),
            version: self.effective.manifest.version.clone(),
            digest: self.digest.clone(),
            extends: self.base.clone().map(Box::new),
        }
    }

    /// First day this version applies.
    pub fn in_force(&self) -> Option<chrono::NaiveDate> {
        date::parse(&self.effective.manifest.in_force)
    }

    /// Last day this version applies, if known.
    pub fn valid_until(&self) -> Option<chrono::NaiveDate> {
        self.valid_until
    }

    /// Ends the validity the day before `next` (the next version's in-force date), unless the
    /// manifest ends it earlier.
    pub fn end_before(&mut self, next: chrono::NaiveDate) {
        let last = next.pred_opt().unwrap_or(next);
        self.valid_until = Some(self.valid_until.map_or(last, |until| until.min(last)));
    }

    /// The manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.effective.manifest
    }

    /// The sources as given (what the digest covers; an overlay's include its base), for bundling.
    pub fn sources(&self) -> &RuleSetSources {
        &self.layered
    }

    /// The rule set that runs (for an overlay: its base with the overlay applied).
    pub fn effective(&self) -> &RuleSetSources {
        &self.effective
    }
}

/// The file of a rule, relative to the rule-set folder.
pub fn rule_file(id: &str) -> String {
    format!("rules/{id}.rhai")
}

/// Collects diagnostics, placing them in the original text when there is one.
struct Problems<'t> {
    texts: &'t BTreeMap<String, String>,
    found: Vec<Diagnostic>,
}

impl Problems<'_> {
    /// A problem about `needle` in `file`: at its first occurrence, else at 1:1.
    fn at_text(&mut self, file: &str, needle: &str, message: String) {
        let (line, column) = self
            .texts
            .get(file)
            .and_then(|text| {
                text.find(needle)
                    .map(|offset| offset_to_line_column(text, offset))
            })
            .unwrap_or((1, 1));
        self.found.push(Diagnostic {
            file: file.to_string(),
            line,
            column,
            message,
        });
    }
}

/// 1-based line and column of a Rhai position (1:1 when unknown).
pub fn line_column(position: Position) -> (usize, usize) {
    (
        position.line().unwrap_or(1),
        position.position().unwrap_or(1),
    )
}

/// A parse error's message without Rhai's position suffix.
pub fn parse_error_message(err: &ParseError) -> String {
    err.err_type().to_string()
}

/// A rule's compile error in words: Rhai's, or why the word it stopped at is not available.
fn compile_error_message(source: &str, line: usize, column: usize, err: &ParseError) -> String {
    let word: String = source
        .lines()
        .nth(line.saturating_sub(1))
        .unwrap_or_default()
        .chars()
        .skip(column.saturating_sub(1))
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if word == "curry" {
        return "`curry` is not available to rules: a function pointer's curried values escape the sandbox's size limits".to_string();
    }
    parse_error_message(err)
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn offset_to_line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn check_manifest(sources: &RuleSetSources, problems: &mut Problems<'_>) {
    let m = &sources.manifest;
    let file = "ruleset.toml";
    if !is_kebab_word(&m.id) {
        problems.at_text(
            file,
            "id",
            format!(
                "id `{}` is not a rule-set id: lowercase ASCII letters and digits joined by `-` (such as `fr` or `example-fr-976`)",
                m.id.escape_default()
            ),
        );
    }
    if !is_version(&m.version) {
        problems.at_text(
            file,
            "version",
            format!(
                "version `{}` is not MAJOR.MINOR.PATCH (numbers without leading zeros)",
                m.version
            ),
        );
    }
    if date::parse(&m.in_force).is_none() {
        problems.at_text(
            file,
            "in-force",
            format!("in-force `{}` is not a date (YYYY-MM-DD)", m.in_force),
        );
    }
    if let Some(until) = &m.valid_until {
        match (date::parse(until), date::parse(&m.in_force)) {
            (None, _) => problems.at_text(
                file,
                "valid-until",
                format!("valid-until `{until}` is not a date (YYYY-MM-DD)"),
            ),
            (Some(end), Some(start)) if end < start => problems.at_text(
                file,
                "valid-until",
                format!("valid-until {end} is before in-force {start}"),
            ),
            _ => {}
        }
    }
    if let Some(extends) = &m.extends {
        if let Err(message) = overlay::parse_extends(extends) {
            problems.at_text(file, "extends", message);
        }
    }
    if m.locales.is_empty() {
        problems.at_text(
            file,
            "locales",
            "locales is empty; list at least one, such as \"fr\"".to_string(),
        );
    }
    for locale in &m.locales {
        if !m.title.contains_key(locale) {
            problems.at_text(file, "title", format!("title has no `{locale}` text"));
        }
        if !sources.messages.contains_key(locale) {
            problems.at_text(
                file,
                "locales",
                format!("locale `{locale}` has no messages/{locale}.toml"),
            );
        }
    }
    for locale in sources.messages.keys() {
        if !m.locales.contains(locale) {
            problems.found.push(Diagnostic {
                file: format!("messages/{locale}.toml"),
                line: 1,
                column: 1,
                message: format!("locale `{locale}` is not listed in ruleset.toml locales"),
            });
        }
    }
    for (key, source) in &m.sources {
        // Some official pages are archived only at http:// addresses; an exact page beats a home page.
        if !(source.url.starts_with("https://") || source.url.starts_with("http://")) {
            problems.at_text(
                file,
                &source.url,
                format!("source `{key}`: url must start with https:// or http://"),
            );
        }
        if date::parse(&source.checked).is_none() {
            problems.at_text(
                file,
                &source.checked,
                format!(
                    "source `{key}`: checked `{}` is not a date (YYYY-MM-DD)",
                    source.checked
                ),
            );
        }
    }
    let mut seen = Vec::new();
    for rule in &m.rules {
        let needle = format!("\"{}\"", rule.id);
        if !is_rule_id(&rule.id) {
            problems.at_text(
                file,
                &needle,
                format!(
                    "rule id `{}` is not of the form `part/part-2`: lowercase ASCII letters and digits, words joined by `-`, parts by `/` (no look-alike letters, no invisible or bidi characters)",
                    rule.id.escape_default()
                ),
            );
        }
        if seen.contains(&rule.id) {
            problems.at_text(file, &needle, format!("rule `{}` is listed twice", rule.id));
        }
        seen.push(rule.id.clone());
        if Program::parse(&rule.program).is_none() {
            problems.at_text(
                file,
                &format!("\"{}\"", rule.program),
                format!(
                    "rule `{}`: unknown program `{}`; accepted: {}",
                    rule.id,
                    rule.program,
                    Program::accepted()
                ),
            );
        }
        if rule.sources.is_empty() {
            problems.at_text(
                file,
                &needle,
                format!(
                    "rule `{}` cites no source; every rule cites its guideline",
                    rule.id
                ),
            );
        }
        for key in &rule.sources {
            if !m.sources.contains_key(key) {
                problems.at_text(
                    file,
                    &format!("\"{key}\""),
                    format!(
                        "rule `{}` cites unknown source `{key}`; define [sources.{key}]",
                        rule.id
                    ),
                );
            }
        }
    }
    for (field, value) in [("checked", &m.checked), ("review-by", &m.review_by)] {
        if let Some(text) = value {
            if date::parse(text).is_none() {
                problems.at_text(
                    file,
                    field,
                    format!("{field} `{text}` is not a date (YYYY-MM-DD)"),
                );
            }
        }
    }
    check_facts(m, problems);
    check_directories(m, problems);
    for entry in &m.changelog {
        if date::parse(&entry.date).is_none() {
            problems.at_text(
                file,
                &entry.date,
                format!(
                    "changelog {}: date `{}` is not a date",
                    entry.version, entry.date
                ),
            );
        }
    }
    if !m.changelog.iter().any(|c| c.version == m.version) {
        problems.at_text(
            file,
            "version",
            format!("the changelog has no entry for version {}", m.version),
        );
    }
}

/// The manifest's versioned facts as periods (dates already checked by [`check_manifest`]).
fn periods_of(manifest: &Manifest) -> Rc<[Period]> {
    manifest
        .facts
        .iter()
        .filter_map(|fact| {
            Some(Period {
                name: fact.name.clone(),
                from: date::parse(&fact.from)?,
                until: match &fact.until {
                    Some(text) => Some(date::parse(text)?),
                    None => None,
                },
                yearly: fact.every.is_some(),
            })
        })
        .collect()
}

fn check_facts(m: &Manifest, problems: &mut Problems<'_>) {
    let file = "ruleset.toml";
    let mut periods: Vec<(&str, chrono::NaiveDate, Option<chrono::NaiveDate>)> = Vec::new();
    for fact in &m.facts {
        let name = &fact.name;
        let needle = format!("\"{name}\"");
        if !is_kebab_word(name) {
            problems.at_text(
                file,
                &needle,
                format!("fact `{name}`: a name is kebab-case: words of a-z and 0-9 joined by single hyphens"),
            );
        }
        let from = date::parse(&fact.from);
        if from.is_none() {
            problems.at_text(
                file,
                &fact.from,
                format!(
                    "fact `{name}`: from `{}` is not a date (YYYY-MM-DD)",
                    fact.from
                ),
            );
        }
        let until = match &fact.until {
            Some(text) => match date::parse(text) {
                Some(day) => Some(day),
                None => {
                    problems.at_text(
                        file,
                        text,
                        format!("fact `{name}`: until `{text}` is not a date (YYYY-MM-DD)"),
                    );
                    None
                }
            },
            None => None,
        };
        if let (Some(from), Some(until)) = (from, until) {
            if until < from {
                problems.at_text(
                    file,
                    &fact.from,
                    format!("fact `{name}`: until {until} is before from {from}"),
                );
            }
        }
        if let Some(every) = &fact.every {
            check_yearly(fact, every, from, until, problems);
        }
        // A version that says when it must be reviewed says it of each of its moving dates too.
        if m.review_by.is_some() && fact.review_by.is_none() {
            problems.at_text(
                file,
                &needle,
                format!("fact `{name}` has no review-by date; this rule set has one, so each of its versioned facts needs one"),
            );
        }
        if let Some(text) = &fact.review_by {
            if date::parse(text).is_none() {
                problems.at_text(
                    file,
                    text,
                    format!("fact `{name}`: review-by `{text}` is not a date (YYYY-MM-DD)"),
                );
            }
        }
        if fact.sources.is_empty() {
            problems.at_text(
                file,
                &needle,
                format!("fact `{name}` cites no source; every versioned fact cites where its dates come from"),
            );
        }
        for key in &fact.sources {
            if !m.sources.contains_key(key) {
                problems.at_text(
                    file,
                    &format!("\"{key}\""),
                    format!("fact `{name}` cites unknown source `{key}`; define [sources.{key}]"),
                );
            }
        }
        if let Some(from) = from {
            // A yearly period has no end: it overlaps every other period of its name.
            let end = match until {
                Some(until) if fact.every.is_none() => until,
                _ => chrono::NaiveDate::MAX,
            };
            for (other, other_from, other_until) in &periods {
                let other_end = other_until.unwrap_or(chrono::NaiveDate::MAX);
                if *other == name.as_str() && from <= other_end && *other_from <= end {
                    problems.at_text(
                        file,
                        &fact.from,
                        format!("fact `{name}`: the period from {from} overlaps the one from {other_from}; periods of one fact must not overlap"),
                    );
                }
            }
            periods.push((name, from, until));
        }
    }
}

/// Directories: kebab-case names, sources that exist, a review-by date, entries with a name,
/// `https://` websites, and valid département codes each listed once per directory.
fn check_directories(m: &Manifest, problems: &mut Problems<'_>) {
    let file = "ruleset.toml";
    for (name, table) in &m.directory {
        let header = format!("[directory.{name}]");
        if !is_kebab_word(name) {
            problems.at_text(
                file,
                &header,
                format!("directory `{name}`: a name is kebab-case: words of a-z and 0-9 joined by single hyphens"),
            );
        }
        if table.sources.is_empty() {
            problems.at_text(
                file,
                &header,
                format!("directory `{name}` cites no source; every directory cites where its entries come from"),
            );
        }
        match &table.review_by {
            None => problems.at_text(
                file,
                &header,
                format!("directory `{name}` has no review-by date; addresses change, so every directory says when it must be checked again"),
            ),
            Some(text) if date::parse(text).is_none() => problems.at_text(
                file,
                text,
                format!("directory `{name}`: review-by `{text}` is not a date (YYYY-MM-DD)"),
            ),
            Some(_) => {}
        }
        let cited = table
            .sources
            .iter()
            .chain(table.entries.iter().flat_map(|e| e.sources.iter()));
        for key in cited {
            if !m.sources.contains_key(key) {
                problems.at_text(
                    file,
                    &format!("\"{key}\""),
                    format!(
                        "directory `{name}` cites unknown source `{key}`; define [sources.{key}]"
                    ),
                );
            }
        }
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        for entry in &table.entries {
            if entry.name.trim().is_empty() {
                problems.at_text(
                    file,
                    &header,
                    format!("directory `{name}`: an entry has no name"),
                );
            }
            if let Some(url) = &entry.url {
                if !url.starts_with("https://") {
                    problems.at_text(
                        file,
                        url,
                        format!(
                            "directory `{name}`, entry `{}`: url `{url}` must start with https://",
                            entry.name
                        ),
                    );
                }
            }
            if entry.departements.is_empty() {
                problems.at_text(
                    file,
                    &format!("\"{}\"", entry.name),
                    format!(
                        "directory `{name}`, entry `{}` serves no département",
                        entry.name
                    ),
                );
            }
            for code in &entry.departements {
                if !crate::departement::is_code(code) {
                    problems.at_text(
                        file,
                        &format!("\"{code}\""),
                        format!(
                            "directory `{name}`, entry `{}`: `{code}` is not {}",
                            entry.name,
                            crate::departement::EXPECTED
                        ),
                    );
                } else if let Some(first) = seen.insert(code, &entry.name) {
                    problems.at_text(
                        file,
                        &format!("\"{code}\""),
                        format!(
                            "directory `{name}`: département `{code}` is listed under both `{first}` and `{}`; each département belongs to one entry",
                            entry.name
                        ),
                    );
                }
            }
        }
    }
}

/// A yearly period (`every = "year"`) needs an end less than a year after its start, so that
/// its occurrences never overlap.
fn check_yearly(
    fact: &manifest::VersionedFact,
    every: &str,
    from: Option<chrono::NaiveDate>,
    until: Option<chrono::NaiveDate>,
    problems: &mut Problems<'_>,
) {
    let file = "ruleset.toml";
    let name = &fact.name;
    if every != "year" {
        problems.at_text(
            file,
            every,
            format!("fact `{name}`: every `{every}` is not a recurrence; the only one is \"year\""),
        );
        return;
    }
    match (from, until) {
        (_, None) => problems.at_text(
            file,
            &fact.from,
            format!("fact `{name}`: a yearly period needs `until`"),
        ),
        (Some(from), Some(until)) if date::plus_years(from, 1).is_none_or(|next| until >= next) => {
            problems.at_text(
                file,
                &fact.from,
                format!("fact `{name}`: a yearly period must end within a year of its start ({from} to {until})"),
            )
        }
        _ => {}
    }
}

pub(crate) fn is_version(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    // No leading zero (`02025.1.0` would pass for `2025.1.0` at a glance), as in semver.
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 9
                && p.chars().all(|c| c.is_ascii_digit())
                && (*p == "0" || !p.starts_with('0'))
        })
}

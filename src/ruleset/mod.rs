//! A versioned rule set: manifest, compiled rules, messages, and the digest that identifies them.

pub mod bundle;
#[cfg(all(vigie_tools, feature = "toml"))]
pub mod catalog;
mod checks;
mod compile;
mod coverage;
#[cfg(vigie_tools)]
mod files;
#[cfg(vigie_tools)]
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

use rhai::{Caches, AST};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::date;
use crate::diagnostics::Diagnostic;
use crate::report::{RuleSetId, SourceRef};
use crate::sandbox::{Limits, Sandbox};
use crate::script::calendar::Period;
use crate::script::directory::Directories;
pub use coverage::{CodeLabels, CoveredProgram};
#[cfg(vigie_tools)]
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
    /// `questions.toml`, when the rule set declares questions (docs/questions.md). Absent, it is
    /// left out of the canonical form, so the digests of rule sets without it do not change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questions: Option<crate::questions::Questions>,
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
    /// The rule compiled for the fast path (`None`: it always runs on the interpreter).
    pub fast: Option<crate::fast::FastRule>,
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
        RuleSet::load_in(&crate::files::NativeFiles, dir)
    }

    /// [`RuleSet::load`], reading through `fs` (the authoring wasm module's host).
    #[cfg(vigie_tools)]
    pub fn load_in(
        fs: &dyn crate::files::Files,
        dir: &std::path::Path,
    ) -> Result<RuleSet, LoadError> {
        #[cfg(feature = "toml")]
        let (sources, texts) = catalog::read_layered(fs, dir)?;
        #[cfg(not(feature = "toml"))]
        let (sources, texts) = files::read(fs, dir)?;
        RuleSet::build(sources, &texts)
    }

    /// Reads, checks and compiles a rule set given as file texts by relative path
    /// (`ruleset.toml`, `rules/<id>.rhai`, `messages/<locale>.toml`).
    pub fn from_files(files: BTreeMap<String, String>) -> Result<RuleSet, LoadError> {
        let (sources, texts) = texts::parse(files)?;
        RuleSet::build(sources, &texts)
    }

    /// Parses file texts by relative path into sources, without checking or compiling them
    /// (`vigie unbundle` reads back what it is about to write).
    #[cfg(vigie_tools)]
    pub fn parse_files(files: BTreeMap<String, String>) -> Result<RuleSetSources, LoadError> {
        texts::parse(files).map(|(sources, _)| sources)
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

    /// The rule set's id, version and digest.
    pub fn id(&self) -> RuleSetId {
        RuleSetId {
            id: self.effective.manifest.id.clone(),
            version: self.effective.manifest.version.clone(),
            digest: self.digest.clone(),
            extends: self.base.clone().map(Box::new),
        }
    }

    /// How many of the rules run on the fast path, of how many ([`crate::sandbox::Sandbox`]
    /// compiles what it covers; the others always run on the interpreter).
    #[doc(hidden)]
    pub fn fast_rules(&self) -> (usize, usize) {
        let fast = self.rules.iter().filter(|r| r.fast.is_some()).count();
        (fast, self.rules.len())
    }

    /// The rules that do not run on the fast path.
    #[doc(hidden)]
    pub fn slow_rules(&self) -> Vec<String> {
        self.rules
            .iter()
            .filter(|r| r.fast.is_none())
            .map(|r| r.id.clone())
            .collect()
    }

    /// The sandbox the rules run in.
    #[doc(hidden)]
    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
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

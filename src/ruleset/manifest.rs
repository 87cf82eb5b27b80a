//! `ruleset.toml`: what a rule set is, where its facts come from, and its rules in order.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The manifest of a rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Manifest {
    /// Short id (`fr`).
    pub id: String,
    /// Semantic version (`2026.1.0`); frozen once published.
    pub version: String,
    /// Where it applies (`FR`).
    pub jurisdiction: String,
    /// The rule set this one overlays (`fr@2025.1.0`): it adds, replaces or disables the base's
    /// rules, messages and versioned facts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// First day this version applies (`YYYY-MM-DD`).
    pub in_force: String,
    /// Last day this version applies, when known in advance (`YYYY-MM-DD`). In a folder of
    /// versions, a version also ends the day before the next one comes into force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// Title per locale.
    pub title: BTreeMap<String, String>,
    /// Who wrote it.
    pub authors: Vec<String>,
    /// Locales it speaks; each needs `messages/<locale>.toml`.
    pub locales: Vec<String>,
    /// Sources by key.
    #[serde(default)]
    pub sources: BTreeMap<String, Source>,
    /// Versioned facts: named periods (campaigns, pilots, programme starts) rules read through
    /// `calendar`.
    #[serde(default, rename = "fact", skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<VersionedFact>,
    /// Directories of places and contacts keyed by département (`[directory.crcdc]`), by name;
    /// rules read them through `directory.find(name, person.departement)`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub directory: BTreeMap<String, Directory>,
    /// Rules, in evaluation order.
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleEntry>,
    /// In an overlay: base rules it turns off, each with why.
    #[serde(default, rename = "disable", skip_serializing_if = "Vec::is_empty")]
    pub disabled: Vec<DisabledRule>,
    /// What changed, version by version.
    #[serde(default)]
    pub changelog: Vec<ChangelogEntry>,
    /// The day the rule set was last checked against its sources (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<String>,
    /// The day by which it must be checked again (`YYYY-MM-DD`): a report evaluated after it
    /// carries a `review-overdue` warning, since what the rules rest on may have changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_by: Option<String>,
}

/// How well a source was checked (see `shared/reference`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// Read on an official page.
    Official,
    /// Read only on a secondary page.
    Secondary,
    /// Sources disagree or none found.
    Unverified,
}

/// A guideline source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Source {
    /// Human-readable name.
    pub label: String,
    /// Where to read it.
    pub url: String,
    /// When the fact was last checked (`YYYY-MM-DD`).
    pub checked: String,
    /// How well it was checked.
    pub level: Evidence,
}

/// One rule in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct RuleEntry {
    /// `rules/<id>.rhai`.
    pub id: String,
    /// The program it decides (docs/contract.md §3).
    pub program: String,
    /// Source keys.
    pub sources: Vec<String>,
    /// A contested fact and the reading this rule chose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contested: Option<String>,
    /// In an overlay: this entry replaces the base rule with the same id (its script too, when
    /// the overlay has `rules/<id>.rhai`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replace: bool,
    /// In an overlay: a new rule goes just before this base rule (at the end otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
}

/// A base rule an overlay turns off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct DisabledRule {
    /// The base rule's id.
    pub rule: String,
    /// Why the region turns it off.
    pub reason: String,
}

/// One changelog entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ChangelogEntry {
    /// The version.
    pub version: String,
    /// When it was published.
    pub date: String,
    /// What changed.
    pub changes: Vec<String>,
}

/// One period of a versioned fact: a moving target kept as data, with its validity and source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct VersionedFact {
    /// Kebab-case name rules use (`influenza-campaign`); several periods may share it.
    pub name: String,
    /// First day it holds (`YYYY-MM-DD`).
    pub from: String,
    /// Last day it holds, inclusive; open-ended when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Source keys.
    pub sources: Vec<String>,
    /// A contested or changed date and the reading chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// `"year"`: the period comes back every year on the same days (a season whose official
    /// dates are not published yet), from `from` on; never before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<String>,
    /// The day by which these dates must be checked again (`YYYY-MM-DD`): a report evaluated
    /// after the last review-by of a fact carries a `fact-review-overdue` warning naming it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_by: Option<String>,
}

/// A directory: where to go, by département (one screening-coordination centre per region, say).
/// Data with its sources and a review-by date, never fetched at run time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Directory {
    /// Source keys for the directory as a whole (the département → area mapping, the list).
    pub sources: Vec<String>,
    /// What is missing or contested, and the reading chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The day by which the entries must be checked again (`YYYY-MM-DD`): a report evaluated
    /// after it carries a `directory-review-overdue` warning naming the directory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_by: Option<String>,
    /// The entries; each département belongs to at most one.
    #[serde(default, rename = "entry")]
    pub entries: Vec<DirectoryEntry>,
}

/// One place or contact of a directory, and the départements it serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct DirectoryEntry {
    /// Its name as people read it (`CRCDC Grand Est`).
    pub name: String,
    /// The area it serves, when useful (`Grand Est`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Its own website (`https://`), when an official or its own page gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The département codes it serves (`"67"`, `"2A"`, `"976"`).
    pub departements: Vec<String>,
    /// Source keys for this entry (its name and website).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

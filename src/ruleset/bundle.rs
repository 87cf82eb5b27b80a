//! The bundle format: one self-contained JSON file holding a rule set (an overlay's with its
//! base), what `vigie bundle` writes and the package loads. Reading one checks, before anything is
//! compiled, its size, its canonical form, its digests, the built-in version it may claim and the
//! digest a caller pins (`expectDigest`, `--expect-digest`).
//!
//! Its errors are [`BundleError`]s; the boundary with other languages turns them into its tagged
//! failures (`src/ffi.rs`), the command line into words.

use serde::{Deserialize, Serialize};

use super::{digest_of, pinned, LoadError, RuleSet, RuleSetSources};
use crate::date;
use crate::diagnostics::Diagnostic;
use crate::report::RuleSetId;

/// The bundle format written by `vigie bundle`: version 2 adds `bundleDigest`, which covers
/// everything in the bundle (its `validUntil` too), beside `digest`, which covers the rule set.
pub const BUNDLE_FORMAT: &str = "vigie-bundle/2";

/// The first bundle format: still read (it has no `bundleDigest`; its digest is computed).
pub const BUNDLE_FORMAT_1: &str = "vigie-bundle/1";

/// The largest bundle read (the French rule set's is about 200 KB).
pub const MAX_BUNDLE_BYTES: usize = 8_000_000;

/// Why a bundle (or a digest given to pin one) was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    /// Longer than [`MAX_BUNDLE_BYTES`]; not parsed.
    #[error("the bundle is {bytes} bytes; the limit is {MAX_BUNDLE_BYTES}")]
    TooLarge {
        /// Its length.
        bytes: usize,
    },
    /// Not JSON, or not shaped as a bundle.
    #[error("not a Vigie bundle: {error}")]
    NotABundle {
        /// The parser's words, with where.
        error: String,
        /// Where, as `bundle:line:col`.
        diagnostic: Diagnostic,
    },
    /// A `format` that is neither [`BUNDLE_FORMAT`] nor [`BUNDLE_FORMAT_1`].
    #[error("bundle format `{format}` is not {BUNDLE_FORMAT} (or {BUNDLE_FORMAT_1})")]
    UnknownFormat {
        /// The format it gives.
        format: String,
    },
    /// Not, without its whitespace, what `vigie bundle` writes: a recomputation of its digest
    /// would not give Vigie's.
    #[error("the bundle is not in canonical form (as `vigie bundle` writes it: members in their order, no null, no default false, no unneeded escapes), so a recomputation of its digest would not give Vigie's: {why}")]
    NotCanonical {
        /// Where it departs from the canonical form.
        why: String,
    },
    /// The bundle's `id` and `version` are not its manifest's.
    #[error("bundle says {id} {version} but its manifest says {manifest_id} {manifest_version}")]
    IdentityMismatch {
        /// The bundle's `id`.
        id: String,
        /// The bundle's `version`.
        version: String,
        /// The manifest's id.
        manifest_id: String,
        /// The manifest's version.
        manifest_version: String,
    },
    /// The rule set does not match `digest`: altered after the bundle was made.
    #[error(
        "bundle {id} {version}: its content does not match its digest (altered after it was made?)"
    )]
    DigestMismatch {
        /// The bundle's id.
        id: String,
        /// Its version.
        version: String,
        /// The digest the bundle claims.
        expected: String,
        /// The digest of its content.
        actual: String,
    },
    /// The bundle does not match `bundleDigest`: a member (`validUntil` …) was altered.
    #[error("bundle {id} {version}: it does not match its bundleDigest (its validUntil or another member was altered after it was made?)")]
    BundleDigestMismatch {
        /// The bundle's id.
        id: String,
        /// Its version.
        version: String,
        /// The `bundleDigest` the bundle claims.
        expected: String,
        /// The digest of its content.
        actual: String,
    },
    /// A [`BUNDLE_FORMAT`] bundle without `bundleDigest`.
    #[error("a {BUNDLE_FORMAT} bundle needs its bundleDigest")]
    MissingBundleDigest,
    /// A [`BUNDLE_FORMAT_1`] bundle with a `bundleDigest`, which that format does not have.
    #[error("a {BUNDLE_FORMAT_1} bundle has no bundleDigest; {BUNDLE_FORMAT} has")]
    BundleDigestInFormat1,
    /// It claims the id and version of a rule set built into Vigie (or embeds such a base) but
    /// is not it.
    #[error("{} is not the {claims} built into Vigie: its digest is {actual}, the built-in one's is {expected}", whose(.claims, .embedded_in.as_deref()))]
    BuiltInMismatch {
        /// `id@version` it claims.
        claims: String,
        /// For a base: the overlay (`id@version`) it is embedded in.
        embedded_in: Option<String>,
        /// The built-in version's digest.
        expected: String,
        /// The digest of what the bundle carries.
        actual: String,
    },
    /// `validUntil` is not a date.
    #[error("bundle validUntil `{text}` is not a date (YYYY-MM-DD)")]
    ValidUntilNotADate {
        /// What it says.
        text: String,
    },
    /// A digest given to pin a rule set is not of the form `sha256:` and 64 hex digits.
    #[error("{path}: `{digest}` is not a digest (expected sha256: and 64 lowercase hex digits)")]
    NotADigest {
        /// What was given.
        digest: String,
        /// Where it was given (`expectDigest`, `--expect-digest`).
        path: String,
    },
    /// The caller pinned a digest and the rule set is another.
    #[error("{id} {version} is not the rule set expected: expected digest {expected}, but its digest is {actual}{}", bundle_words(.bundle_digest.as_deref()))]
    UnexpectedDigest {
        /// The rule set's id.
        id: String,
        /// Its version.
        version: String,
        /// The digest the caller expected.
        expected: String,
        /// The rule set's digest (as reports name it).
        actual: String,
        /// The whole bundle's digest, for a bundle.
        bundle_digest: Option<String>,
    },
    /// The rule set it carries does not load.
    #[error(transparent)]
    Invalid(LoadError),
}

fn whose(claims: &str, embedded_in: Option<&str>) -> String {
    match embedded_in {
        Some(overlay) => format!("the base {claims} embedded in {overlay}"),
        None => format!("this bundle's {claims}"),
    }
}

fn bundle_words(bundle_digest: Option<&str>) -> String {
    bundle_digest
        .map(|d| format!(", its bundle digest {d}"))
        .unwrap_or_default()
}

impl BundleError {
    /// What went wrong, as a stable kebab-case word to branch on (never the English message).
    pub fn kind(&self) -> &'static str {
        match self {
            BundleError::TooLarge { .. } => "too-large",
            BundleError::NotABundle { .. } => "not-a-bundle",
            BundleError::UnknownFormat { .. } => "unknown-format",
            BundleError::NotCanonical { .. } => "not-canonical",
            BundleError::IdentityMismatch { .. } => "identity-mismatch",
            BundleError::DigestMismatch { .. } => "digest-mismatch",
            BundleError::BundleDigestMismatch { .. } => "bundle-digest-mismatch",
            BundleError::MissingBundleDigest => "missing-bundle-digest",
            BundleError::BundleDigestInFormat1 => "bundle-digest-in-format-1",
            BundleError::BuiltInMismatch { .. } => "built-in-mismatch",
            BundleError::ValidUntilNotADate { .. } => "valid-until-not-a-date",
            BundleError::NotADigest { .. } => "not-a-digest",
            BundleError::UnexpectedDigest { .. } => "unexpected-digest",
            BundleError::Invalid(_) => "invalid-rule-set",
        }
    }

    /// The problems placed in a file (`bundle:line:col`, or in the rule set it carries).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            BundleError::NotABundle { diagnostic, .. } => std::slice::from_ref(diagnostic),
            BundleError::Invalid(err) => &err.diagnostics,
            _ => &[],
        }
    }
}

/// A self-contained rule set: what `vigie bundle` writes and the package loads.
///
/// One canonical form: a bundle is read only if, without its whitespace, it is exactly what
/// Vigie writes (members in this order, no `null`, no default `false`, strings escaped only
/// where JSON requires it), so that anyone's recomputation of its digests (README, "Which rules
/// produced a report") gives Vigie's.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// [`BUNDLE_FORMAT`] (or [`BUNDLE_FORMAT_1`], still read).
    pub format: String,
    /// The rule set's id.
    pub id: String,
    /// Its version.
    pub version: String,
    /// `sha256:` of `ruleset`'s canonical form.
    pub digest: String,
    /// The last day this version applied, when a newer version had replaced it where it was
    /// bundled from (a folder of versions); reports after that day carry a warning.
    #[serde(
        default,
        rename = "validUntil",
        skip_serializing_if = "Option::is_none"
    )]
    pub valid_until: Option<String>,
    /// `sha256:` of the whole bundle's canonical form without this member (format 2).
    #[serde(
        default,
        rename = "bundleDigest",
        skip_serializing_if = "Option::is_none"
    )]
    pub bundle_digest: Option<String>,
    /// Manifest, rules and messages.
    pub ruleset: RuleSetSources,
}

/// What a caller requires of a bundle before it is compiled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BundleCheck {
    /// The digest it must have: the rule set's (`digest`, as reports name it) or the whole
    /// bundle's (`bundleDigest`, which also covers `validUntil`).
    pub expect_digest: Option<String>,
}

/// Checks a digest's form: `sha256:` and 64 lowercase hex digits. `path` says where it was given.
pub fn check_digest_form(digest: &str, path: &str) -> Result<(), BundleError> {
    let hex = digest.strip_prefix("sha256:").unwrap_or("");
    if hex.len() == 64 && hex.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')) {
        Ok(())
    } else {
        Err(BundleError::NotADigest {
            digest: digest.to_string(),
            path: path.to_string(),
        })
    }
}

/// Refuses a rule set whose digests are not the one the caller expects.
pub fn check_expected_digest(
    expect: Option<&str>,
    ruleset: &RuleSetId,
    bundle_digest: Option<&str>,
) -> Result<(), BundleError> {
    let Some(expect) = expect else {
        return Ok(());
    };
    check_digest_form(expect, "expectDigest")?;
    if expect == ruleset.digest || Some(expect) == bundle_digest {
        return Ok(());
    }
    Err(BundleError::UnexpectedDigest {
        id: ruleset.id.clone(),
        version: ruleset.version.clone(),
        expected: expect.to_string(),
        actual: ruleset.digest.clone(),
        bundle_digest: bundle_digest.map(str::to_string),
    })
}

/// Refuses sources (and their bases) that claim a built-in version but are not it.
fn check_built_in(sources: &RuleSetSources, within: Option<&str>) -> Result<(), BundleError> {
    let manifest = &sources.manifest;
    let claims = format!("{}@{}", manifest.id, manifest.version);
    if let Some(pin) = pinned::pinned(&manifest.id, &manifest.version) {
        let actual = sources.digest();
        if actual != pin.digest {
            return Err(BundleError::BuiltInMismatch {
                claims,
                embedded_in: within.map(str::to_string),
                expected: pin.digest.to_string(),
                actual,
            });
        }
    }
    match &sources.base {
        Some(base) => check_built_in(base, Some(&claims)),
        None => Ok(()),
    }
}

impl Bundle {
    /// The bundle of a loaded rule set.
    pub fn of(ruleset: &RuleSet) -> Bundle {
        let id = ruleset.id();
        let mut bundle = Bundle {
            format: BUNDLE_FORMAT.to_string(),
            id: id.id,
            version: id.version,
            digest: id.digest,
            valid_until: ruleset.valid_until().map(|d| d.to_string()),
            bundle_digest: None,
            ruleset: ruleset.sources().clone(),
        };
        bundle.bundle_digest = Some(bundle.whole_digest());
        bundle
    }

    /// `sha256:` of the bundle's canonical form without `bundleDigest`.
    pub fn whole_digest(&self) -> String {
        digest_of(&serde_json::to_string(&BundleWithoutDigest(self)).unwrap_or_default())
    }

    /// The bundle as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Loads a bundle: refuses one whose content does not match its digest, then checks and
    /// compiles it like a rule-set folder.
    pub fn load(json: &str) -> Result<RuleSet, BundleError> {
        Bundle::load_checked(json, &BundleCheck::default())
    }

    /// Like [`Bundle::load`], refusing before anything is compiled a bundle that is not what
    /// `check` requires.
    pub fn load_checked(json: &str, check: &BundleCheck) -> Result<RuleSet, BundleError> {
        if let Some(expect) = &check.expect_digest {
            check_digest_form(expect, "expectDigest")?;
        }
        let bundle = Bundle::parse(json)?;
        // Written once: both digests are taken from this text (the bundle's own, checked equal).
        let canonical = serde_json::to_string(&bundle).unwrap_or_default();
        check_canonical(json, &canonical)?;
        bundle.check_identity()?;
        let whole = bundle.check_digests(&canonical)?;
        check_built_in(&bundle.ruleset, None)?;
        check_expected_digest(
            check.expect_digest.as_deref(),
            &bundle.claimed_id(),
            Some(&whole),
        )?;
        bundle.compile()
    }

    /// Reads the text as a bundle of a known format, refusing a too large one unread.
    fn parse(json: &str) -> Result<Bundle, BundleError> {
        if json.len() > MAX_BUNDLE_BYTES {
            return Err(BundleError::TooLarge { bytes: json.len() });
        }
        let bundle: Bundle = serde_json::from_str(json).map_err(|err| BundleError::NotABundle {
            error: err.to_string(),
            diagnostic: Diagnostic::from_json_error("bundle", &err),
        })?;
        if bundle.format != BUNDLE_FORMAT && bundle.format != BUNDLE_FORMAT_1 {
            return Err(BundleError::UnknownFormat {
                format: bundle.format,
            });
        }
        Ok(bundle)
    }

    /// The bundle's id and version are its manifest's.
    fn check_identity(&self) -> Result<(), BundleError> {
        let manifest = &self.ruleset.manifest;
        if (self.id.as_str(), self.version.as_str())
            == (manifest.id.as_str(), manifest.version.as_str())
        {
            return Ok(());
        }
        Err(BundleError::IdentityMismatch {
            id: self.id.clone(),
            version: self.version.clone(),
            manifest_id: manifest.id.clone(),
            manifest_version: manifest.version.clone(),
        })
    }

    /// Checks `digest` and `bundleDigest` against the canonical text; returns the bundle digest.
    fn check_digests(&self, canonical: &str) -> Result<String, BundleError> {
        let actual = digest_of(ruleset_member(canonical));
        if actual != self.digest {
            return Err(BundleError::DigestMismatch {
                id: self.id.clone(),
                version: self.version.clone(),
                expected: self.digest.clone(),
                actual,
            });
        }
        let whole = digest_of(&without_bundle_digest(
            canonical,
            self.bundle_digest.as_deref(),
        ));
        match (&self.bundle_digest, self.format.as_str()) {
            (Some(claimed), BUNDLE_FORMAT) if *claimed == whole => Ok(whole),
            (Some(claimed), BUNDLE_FORMAT) => Err(BundleError::BundleDigestMismatch {
                id: self.id.clone(),
                version: self.version.clone(),
                expected: claimed.clone(),
                actual: whole,
            }),
            (None, BUNDLE_FORMAT_1) => Ok(whole),
            (None, _) => Err(BundleError::MissingBundleDigest),
            (Some(_), _) => Err(BundleError::BundleDigestInFormat1),
        }
    }

    /// The id, version and digest the bundle claims (checked by then).
    fn claimed_id(&self) -> RuleSetId {
        RuleSetId {
            id: self.id.clone(),
            version: self.version.clone(),
            digest: self.digest.clone(),
            extends: None,
        }
    }

    /// The last day the bundle applies: its `validUntil`, or a built-in version's last day when
    /// that is earlier (known whether or not the bundle says it).
    fn last_day(&self) -> Result<Option<chrono::NaiveDate>, BundleError> {
        let said = match &self.valid_until {
            None => None,
            Some(text) => Some(
                date::parse(text)
                    .ok_or_else(|| BundleError::ValidUntilNotADate { text: text.clone() })?,
            ),
        };
        let pinned_end = pinned::pinned(&self.id, &self.version)
            .and_then(|pin| pin.valid_until)
            .and_then(date::parse);
        Ok(match (said, pinned_end) {
            (Some(said), Some(end)) => Some(said.min(end)),
            (said, end) => said.or(end),
        })
    }

    /// Checks and compiles the rule set it carries, valid until its last day.
    fn compile(self) -> Result<RuleSet, BundleError> {
        let last_day = self.last_day()?;
        let mut ruleset = RuleSet::from_sources(self.ruleset).map_err(BundleError::Invalid)?;
        if let Some(until) = last_day {
            ruleset.end_before(until.succ_opt().unwrap_or(until));
        }
        Ok(ruleset)
    }
}

/// JSON text without its insignificant whitespace, every other character as written.
fn without_whitespace(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
            in_string = c == '"';
        }
    }
    out
}

/// The `ruleset` member of a bundle's canonical text: its last member. No string before it can
/// hold `,"ruleset":`, since a quote inside a string is escaped.
fn ruleset_member(canonical: &str) -> &str {
    canonical
        .find(",\"ruleset\":")
        .and_then(|at| canonical.get(at + ",\"ruleset\":".len()..canonical.len().saturating_sub(1)))
        .unwrap_or_default()
}

/// A bundle's canonical text without its `bundleDigest` member (what that digest covers).
fn without_bundle_digest(canonical: &str, bundle_digest: Option<&str>) -> String {
    match bundle_digest {
        None => canonical.to_string(),
        Some(digest) => canonical.replacen(
            &format!(
                ",\"bundleDigest\":{}",
                serde_json::to_string(digest).unwrap_or_default()
            ),
            "",
            1,
        ),
    }
}

/// Refuses a text that is not, without its whitespace, the bundle's canonical form.
fn check_canonical(json: &str, canonical: &str) -> Result<(), BundleError> {
    let given = without_whitespace(json);
    if given == canonical && !canonical.contains('\u{7f}') {
        return Ok(());
    }
    let at = given
        .chars()
        .zip(canonical.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let around = |text: &str| -> String {
        let start = at.saturating_sub(40);
        text.chars().skip(start).take(80).collect()
    };
    let why = if given == canonical {
        "it holds the character U+007F, which jq would escape".to_string()
    } else {
        format!(
            "at character {at} of the bundle without its whitespace, Vigie writes `{}` where it has `{}`",
            around(canonical),
            around(&given)
        )
    };
    Err(BundleError::NotCanonical { why })
}

/// A bundle written without its `bundleDigest` (what that digest covers), in the bundle's order.
struct BundleWithoutDigest<'a>(&'a Bundle);

impl Serialize for BundleWithoutDigest<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let b = self.0;
        let mut out = serializer.serialize_struct("Bundle", 6)?;
        out.serialize_field("format", &b.format)?;
        out.serialize_field("id", &b.id)?;
        out.serialize_field("version", &b.version)?;
        out.serialize_field("digest", &b.digest)?;
        if let Some(until) = &b.valid_until {
            out.serialize_field("validUntil", until)?;
        }
        out.serialize_field("ruleset", &b.ruleset)?;
        out.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn french() -> RuleSet {
        RuleSet::load(std::path::Path::new("rules/fr/2025.1.0")).unwrap()
    }

    #[test]
    fn a_bundle_round_trips_and_an_altered_one_is_refused() {
        let ruleset = french();
        let json = Bundle::of(&ruleset).to_json();
        let loaded = Bundle::load(&json).unwrap();
        assert_eq!(loaded.id(), ruleset.id());

        let altered = json.replacen("Vous avez", "Tu as", 1);
        assert_ne!(altered, json);
        let err = Bundle::load(&altered).unwrap_err();
        assert_eq!(err.kind(), "digest-mismatch");
        match err {
            BundleError::DigestMismatch {
                expected, actual, ..
            } => {
                assert_eq!(expected, ruleset.id().digest);
                assert_ne!(actual, expected);
            }
            other => panic!("{other:?}"),
        }
        let err = Bundle::load("{}").unwrap_err();
        assert_eq!(err.kind(), "not-a-bundle");
        assert_eq!(err.diagnostics().len(), 1);
    }

    #[test]
    fn a_pinned_digest_is_checked_before_anything_else() {
        let check = BundleCheck {
            expect_digest: Some("sha256:short".to_string()),
        };
        let err = Bundle::load_checked("not even JSON", &check).unwrap_err();
        assert_eq!(err.kind(), "not-a-digest");
        assert_eq!(
            err.to_string(),
            "expectDigest: `sha256:short` is not a digest (expected sha256: and 64 lowercase hex digits)"
        );
    }
}

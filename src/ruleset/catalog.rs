//! Rule sets in folders, as the command line names them (natively on disk; in the authoring wasm
//! module through the host's [`Files`]):
//! - `rules/fr/2025.1.0` — one version's folder (with `ruleset.toml`);
//! - `rules/fr` — a folder of versions side by side: the newest version in force on the day;
//! - `rules/fr@2025.1.0` — one version of a folder of versions;
//! - `fr.json` — a bundle.
//!
//! An overlay's base (`extends = "fr@2025.1.0"`) is found the same way, in the folders above it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::bundle::{check_expected_digest, Bundle, BundleCheck, BundleError, MAX_BUNDLE_BYTES};
use super::{files, overlay, LoadError, RuleSet, RuleSetSources};
use crate::date;
use crate::diagnostics::{offset_to_line_column, Diagnostic};
use crate::files::{FileKind, Files};

/// Why a named rule set could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    /// The folder has problems, listed relative to it.
    #[error("{} problem(s) in {}", .error.diagnostics.len(), .dir.display())]
    Invalid {
        /// The rule-set folder.
        dir: PathBuf,
        /// Its problems.
        error: LoadError,
    },
    /// Nothing usable at that name, or a refused bundle.
    #[error("{0}")]
    NotFound(String),
}

impl OpenError {
    /// Every problem as `path:line:col: message` lines.
    pub fn lines(&self) -> Vec<String> {
        match self {
            OpenError::Invalid { dir, error } => error
                .diagnostics
                .iter()
                .map(|d| {
                    format!(
                        "{}:{}:{}: {}",
                        dir.join(&d.file).display(),
                        d.line,
                        d.column,
                        d.message
                    )
                })
                .chain(std::iter::once(self.to_string()))
                .collect(),
            OpenError::NotFound(message) => vec![message.clone()],
        }
    }
}

/// One version in a folder of versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// Its folder.
    pub dir: PathBuf,
    /// `2025.1.0`.
    pub version: String,
    /// First day it applies.
    pub in_force: NaiveDate,
}

/// How a name resolves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// A bundle file.
    Bundle(PathBuf),
    /// One rule-set folder, and the first day of the next version when it sits among others.
    Folder(PathBuf, Option<NaiveDate>),
    /// A folder of versions (oldest first).
    Versions(PathBuf, Vec<Version>),
}

/// Orders `2025.10.0` after `2025.9.0`.
fn version_key(version: &str) -> Vec<u64> {
    version.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

/// The versions side by side in `dir` (subfolders with a `ruleset.toml`), oldest first.
#[cfg(not(target_arch = "wasm32"))]
pub fn versions(dir: &Path) -> Result<Vec<Version>, OpenError> {
    versions_in(&crate::files::NativeFiles, dir)
}

/// [`versions`], read through `fs`.
pub fn versions_in(fs: &dyn Files, dir: &Path) -> Result<Vec<Version>, OpenError> {
    let entries = fs
        .list(dir)
        .map_err(|err| OpenError::NotFound(format!("cannot read {}: {err}", dir.display())))?;
    let mut found = Vec::new();
    for (name, kind) in entries.into_iter().take(10_000) {
        let path = dir.join(name);
        if kind == FileKind::Link {
            return Err(OpenError::NotFound(format!(
                "{}: a symbolic link; a folder of versions holds only real folders",
                path.display()
            )));
        }
        let manifest = path.join("ruleset.toml");
        if !fs.is_file(&manifest) {
            continue;
        }
        let (version, in_force) = manifest_dates(fs, &path)?;
        let folder = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if folder != version {
            return Err(OpenError::NotFound(format!(
                "{}: the folder of version {version} must be named {version}",
                path.display()
            )));
        }
        found.push(Version {
            dir: path,
            version,
            in_force,
        });
    }
    found.sort_by_key(|v| version_key(&v.version));
    Ok(found)
}

/// A version's `version` and `in-force`, read from its manifest without loading the rules.
fn manifest_dates(fs: &dyn Files, dir: &Path) -> Result<(String, NaiveDate), OpenError> {
    let invalid = |error: LoadError| OpenError::Invalid {
        dir: dir.to_path_buf(),
        error,
    };
    let file = dir.join("ruleset.toml");
    let text = super::read_limited(fs, &file, super::MAX_MANIFEST_BYTES)
        .map_err(|err| OpenError::NotFound(format!("{}: {err}", file.display())))?;
    let value: toml::Value = toml::from_str(&text).map_err(|err| {
        invalid(LoadError {
            diagnostics: vec![Diagnostic::at_start(
                "ruleset.toml",
                err.message().to_string(),
            )],
        })
    })?;
    let field = |name: &str| value.get(name).and_then(toml::Value::as_str);
    let version = field("version").unwrap_or_default().to_string();
    let in_force = field("in-force").and_then(date::parse).ok_or_else(|| {
        invalid(LoadError {
            diagnostics: vec![Diagnostic::at_start(
                "ruleset.toml",
                "in-force is missing or not a date (YYYY-MM-DD)".to_string(),
            )],
        })
    })?;
    Ok((version, in_force))
}

/// What a name on the command line designates.
#[cfg(not(target_arch = "wasm32"))]
pub fn resolve(name: &str) -> Result<Named, OpenError> {
    resolve_in(&crate::files::NativeFiles, name)
}

/// [`resolve`], looking through `fs`.
pub fn resolve_in(fs: &dyn Files, name: &str) -> Result<Named, OpenError> {
    if let Some((folder, version)) = name.rsplit_once('@') {
        let folder = Path::new(folder);
        let all = versions_in(fs, folder)?;
        let Some(at) = all.iter().position(|v| v.version == version) else {
            return Err(OpenError::NotFound(format!(
                "{} has no version {version}; versions: {}",
                folder.display(),
                list(&all)
            )));
        };
        let next = all.get(at + 1).map(|v| v.in_force);
        let dir = all.get(at).map(|v| v.dir.clone()).unwrap_or_default();
        return Ok(Named::Folder(dir, next));
    }
    let path = PathBuf::from(name);
    if fs.is_file(&path) {
        return Ok(Named::Bundle(path));
    }
    if fs.is_file(&path.join("ruleset.toml")) {
        // A version folder among others still ends where the next one starts.
        let next = match (path.parent(), manifest_dates(fs, &path)) {
            (Some(parent), Ok((version, _))) => versions_in(fs, parent).ok().and_then(|all| {
                let at = all
                    .iter()
                    .position(|v| v.version == version && v.dir == path)?;
                all.get(at + 1).map(|v| v.in_force)
            }),
            _ => None,
        };
        return Ok(Named::Folder(path, next));
    }
    if fs.is_dir(&path) {
        let all = versions_in(fs, &path)?;
        if all.is_empty() {
            return Err(OpenError::NotFound(format!(
                "{} is neither a rule set (no ruleset.toml) nor a folder of versions",
                path.display()
            )));
        }
        return Ok(Named::Versions(path, all));
    }
    Err(OpenError::NotFound(format!(
        "{name}: no such rule-set folder or bundle"
    )))
}

fn list(all: &[Version]) -> String {
    all.iter()
        .map(|v| format!("{} (in force {})", v.version, v.in_force))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The version that applies on `day`: the newest in force, or the oldest when none is yet.
pub fn applicable(all: &[Version], day: NaiveDate) -> Option<&Version> {
    all.iter()
        .filter(|v| v.in_force <= day)
        .max_by_key(|v| (v.in_force, version_key(&v.version)))
        .or_else(|| all.iter().min_by_key(|v| v.in_force))
}

/// Reads at most `limit` bytes of a file (and one more, to tell that it is larger): never the
/// whole of `/dev/zero`.
pub fn read_capped(mut input: impl std::io::Read, limit: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    input.by_ref().take(cap).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Opens the rule set a name designates, as it applies on `day`.
#[cfg(not(target_arch = "wasm32"))]
pub fn open(name: &str, day: NaiveDate) -> Result<RuleSet, OpenError> {
    open_in(&crate::files::NativeFiles, name, day)
}

/// [`open`], reading through `fs`.
pub fn open_in(fs: &dyn Files, name: &str, day: NaiveDate) -> Result<RuleSet, OpenError> {
    open_checked_in(fs, name, day, &BundleCheck::default())
}

/// Like [`open`], refusing a rule set that is not what `check` requires (a bundle before it is
/// compiled).
#[cfg(not(target_arch = "wasm32"))]
pub fn open_checked(name: &str, day: NaiveDate, check: &BundleCheck) -> Result<RuleSet, OpenError> {
    open_checked_in(&crate::files::NativeFiles, name, day, check)
}

/// [`open_checked`], reading through `fs`.
pub fn open_checked_in(
    fs: &dyn Files,
    name: &str,
    day: NaiveDate,
    check: &BundleCheck,
) -> Result<RuleSet, OpenError> {
    let ruleset = match resolve_in(fs, name)? {
        Named::Bundle(path) => {
            let cannot = |err: std::io::Error| {
                OpenError::NotFound(format!("cannot read {}: {err}", path.display()))
            };
            let bytes = fs.read(&path, MAX_BUNDLE_BYTES).map_err(cannot)?;
            if bytes.len() > MAX_BUNDLE_BYTES {
                return Err(OpenError::NotFound(format!(
                    "{}: a bundle is at most {MAX_BUNDLE_BYTES} bytes; this one is larger",
                    path.display()
                )));
            }
            let json = String::from_utf8(bytes).map_err(|_| {
                OpenError::NotFound(format!("{}: a bundle is UTF-8 text", path.display()))
            })?;
            return Bundle::load_checked(&json, check)
                .map_err(|err| OpenError::NotFound(describe_bundle_error(&path, &err)));
        }
        Named::Folder(dir, next) => open_folder(fs, &dir, next)?,
        Named::Versions(_, all) => {
            let Some(chosen) = applicable(&all, day) else {
                return Err(OpenError::NotFound(format!("{name}: no version")));
            };
            let next = all
                .iter()
                .filter(|v| v.in_force > chosen.in_force)
                .map(|v| v.in_force)
                .min();
            open_folder(fs, &chosen.dir, next)?
        }
    };
    check_expected_digest(check.expect_digest.as_deref(), &ruleset.id(), None)
        .map_err(|err| OpenError::NotFound(format!("{name}: {err}")))?;
    Ok(ruleset)
}

fn open_folder(fs: &dyn Files, dir: &Path, next: Option<NaiveDate>) -> Result<RuleSet, OpenError> {
    let mut ruleset = RuleSet::load_in(fs, dir).map_err(|error| OpenError::Invalid {
        dir: dir.to_path_buf(),
        error,
    })?;
    if let Some(next) = next {
        ruleset.end_before(next);
    }
    Ok(ruleset)
}

/// A refused bundle, in words: its problems placed in a file first, each on its line.
fn describe_bundle_error(path: &Path, err: &BundleError) -> String {
    err.diagnostics()
        .iter()
        .map(|d| format!("{}: {d}", path.display()))
        .chain(std::iter::once(format!("{}: {err}", path.display())))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads a rule-set folder; for an overlay, also its base (found in the folders above), so the
/// sources carry everything the digest covers.
pub fn read_layered(
    fs: &dyn Files,
    dir: &Path,
) -> Result<(RuleSetSources, BTreeMap<String, String>), LoadError> {
    read_layered_within(fs, dir, 0)
}

/// Overlays of overlays are allowed, up to a depth that stops cycles.
const MAX_LAYERS: usize = 8;

fn read_layered_within(
    fs: &dyn Files,
    dir: &Path,
    depth: usize,
) -> Result<(RuleSetSources, BTreeMap<String, String>), LoadError> {
    let (mut sources, texts) = files::read(fs, dir)?;
    let Some(extends) = sources.manifest.extends.clone() else {
        return Ok((sources, texts));
    };
    let at_extends = |message: String| {
        let (line, column) = texts
            .get("ruleset.toml")
            .and_then(|t| t.find("extends").map(|o| offset_to_line_column(t, o)))
            .unwrap_or((1, 1));
        LoadError {
            diagnostics: vec![Diagnostic {
                kind: None,
                file: "ruleset.toml".to_string(),
                line,
                column,
                message,
            }],
        }
    };
    if depth >= MAX_LAYERS {
        return Err(at_extends(format!(
            "extends `{extends}`: more than {MAX_LAYERS} overlays deep (a cycle?)"
        )));
    }
    let (id, version) = overlay::parse_extends(&extends).map_err(&at_extends)?;
    let base_dir = find_base(fs, dir, id, version)
        .map_err(|m| at_extends(format!("extends `{extends}`: {m}")))?;
    let (base, _) = read_layered_within(fs, &base_dir, depth + 1).map_err(|err| {
        at_extends(format!(
            "extends `{extends}`: the base in {} has problems; first: {}",
            base_dir.display(),
            err.diagnostics
                .first()
                .map(ToString::to_string)
                .unwrap_or_default()
        ))
    })?;
    sources.base = Some(Box::new(base));
    Ok((sources, texts))
}

/// `<ancestor>/<id>/<version>/` (or `<ancestor>/<id>/` holding that version), nearest first.
fn find_base(fs: &dyn Files, dir: &Path, id: &str, version: &str) -> Result<PathBuf, String> {
    let absolute = fs.canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    for ancestor in absolute.ancestors().skip(1) {
        let family = ancestor.join(id);
        if !fs.kind(&family).is_ok_and(FileKind::is_dir) || family == absolute {
            continue;
        }
        let candidate = family.join(version);
        let real_folder = fs.kind(&candidate).is_ok_and(FileKind::is_dir);
        if real_folder && fs.is_file(&candidate.join("ruleset.toml")) {
            return Ok(candidate);
        }
        if let Ok((found, _)) = manifest_dates(fs, &family) {
            if found == version {
                return Ok(family);
            }
        }
        return Err(format!("{} has no version {version}", family.display()));
    }
    Err(format!("no folder `{id}` found above {}", dir.display()))
}

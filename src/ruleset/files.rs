//! Reading a rule-set folder through [`Files`] (the command line's disk, or the authoring wasm
//! module's host; the citizen wasm module embeds its texts and never reads folders).
//!
//! Only regular files and folders inside the rule-set folder are read: a symbolic link, a FIFO or a
//! device is refused with its path (a link could lead outside the folder, to `/dev/zero`, or round
//! in a loop), and each file is read up to its size limit only.

use std::collections::BTreeMap;
use std::path::Path;

use super::{LoadError, RuleSetSources};
use crate::diagnostics::Diagnostic;
use crate::files::{FileKind, Files};

/// The largest `ruleset.toml` read.
pub const MAX_MANIFEST_BYTES: usize = 256 * 1024;
/// The largest `messages/<locale>.toml` read.
pub const MAX_MESSAGES_BYTES: usize = 256 * 1024;
/// The largest `questions.toml` read.
pub const MAX_QUESTIONS_BYTES: usize = 256 * 1024;
const QUESTIONS: &str = "questions.toml";
/// The largest `cases/*.json` read.
pub const MAX_CASE_FILE_BYTES: usize = 4 * 1024 * 1024;
/// Folders below `rules/` (a rule id has at most this many `/`).
const MAX_RULE_FOLDER_DEPTH: usize = 8;
/// Entries looked at in one folder of a rule set, before giving up.
const MAX_ENTRIES: usize = 10_000;

/// Reads a rule-set folder: the parsed sources, and the original texts by relative path.
pub fn read(
    fs: &dyn Files,
    dir: &Path,
) -> Result<(RuleSetSources, BTreeMap<String, String>), LoadError> {
    let mut problems = Vec::new();
    let mut files = BTreeMap::new();
    if let Some(text) = read_text(fs, dir, "ruleset.toml", MAX_MANIFEST_BYTES, &mut problems) {
        files.insert("ruleset.toml".to_string(), text);
    }
    // Optional: a version without it declares no question.
    if fs.kind(&dir.join(QUESTIONS)).is_ok() {
        if let Some(text) = read_text(fs, dir, QUESTIONS, MAX_QUESTIONS_BYTES, &mut problems) {
            files.insert(QUESTIONS.to_string(), text);
        }
    }
    // Missing folders are empty: an overlay may only change words, or only turn rules off; a
    // rule set missing a listed rule or a locale's messages is told so by the checks.
    let mut rule_files = Vec::new();
    if let Some(()) = folder(fs, dir, "rules", &mut problems) {
        collect_rhai(fs, dir, "rules", 0, &mut rule_files, &mut problems);
    }
    for file in rule_files {
        if let Some(text) = read_text(fs, dir, &file, super::MAX_RULE_BYTES, &mut problems) {
            files.insert(file, text);
        }
    }
    if let Some(()) = folder(fs, dir, "messages", &mut problems) {
        for (name, kind) in entries(fs, dir, "messages", &mut problems) {
            let file = format!("messages/{name}");
            if !kind.is_file() {
                problems.push(not_a_file(&file, kind));
            } else if name.ends_with(".toml") {
                if let Some(text) = read_text(fs, dir, &file, MAX_MESSAGES_BYTES, &mut problems) {
                    files.insert(file, text);
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(LoadError {
            diagnostics: problems,
        });
    }
    super::texts::parse(files)
}

fn not_a_file(file: &str, kind: FileKind) -> Diagnostic {
    let what = if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_dir() {
        "a folder"
    } else {
        "not a regular file (a FIFO, socket or device?)"
    };
    Diagnostic::at_start(
        file,
        format!("{what}; a rule set holds only regular files and folders, never links"),
    )
}

/// `Some` when `dir/name` is a real folder, `None` when it is absent (or refused, then said so).
fn folder(fs: &dyn Files, dir: &Path, name: &str, problems: &mut Vec<Diagnostic>) -> Option<()> {
    match fs.kind(&dir.join(name)) {
        Ok(FileKind::Folder) => Some(()),
        Ok(kind) => {
            problems.push(not_a_file(name, kind));
            None
        }
        Err(_) => None,
    }
}

/// The entries of `dir/relative` with their own type (links are not followed), sorted by name.
fn entries(
    fs: &dyn Files,
    dir: &Path,
    relative: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(String, FileKind)> {
    let read = match fs.list(&dir.join(relative)) {
        Ok(read) => read,
        Err(err) => {
            problems.push(Diagnostic::at_start(
                relative,
                format!("cannot read the folder: {err}"),
            ));
            return Vec::new();
        }
    };
    let mut found = Vec::new();
    for entry in read {
        if found.len() >= MAX_ENTRIES {
            problems.push(Diagnostic::at_start(
                relative,
                format!("more than {MAX_ENTRIES} entries"),
            ));
            break;
        }
        found.push(entry);
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// Reads `dir/file`, a regular file (not a link) of at most `limit` bytes.
pub fn read_text(
    fs: &dyn Files,
    dir: &Path,
    file: &str,
    limit: usize,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    match read_limited(fs, &dir.join(file), limit) {
        Ok(text) => Some(text),
        Err(message) => {
            problems.push(Diagnostic::at_start(file, message));
            None
        }
    }
}

/// Reads a regular file (not a link, a FIFO or a device) of at most `limit` bytes, as UTF-8.
pub fn read_limited(fs: &dyn Files, path: &Path, limit: usize) -> Result<String, String> {
    let kind = fs.kind(path).map_err(|err| format!("cannot read: {err}"))?;
    let FileKind::File(len) = kind else {
        return Err(not_a_file("", kind).message);
    };
    let too_large = || format!("larger than its limit of {limit} bytes");
    if len > u64::try_from(limit).unwrap_or(u64::MAX) {
        return Err(too_large());
    }
    let bytes = fs
        .read(path, limit)
        .map_err(|err| format!("cannot read: {err}"))?;
    if bytes.len() > limit {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|err| format!("not UTF-8 text: {err}"))
}

/// Relative paths (`rules/<id>.rhai`) of every `.rhai` file below `dir/relative`.
fn collect_rhai(
    fs: &dyn Files,
    dir: &Path,
    relative: &str,
    depth: usize,
    found: &mut Vec<String>,
    problems: &mut Vec<Diagnostic>,
) {
    if depth > MAX_RULE_FOLDER_DEPTH {
        problems.push(Diagnostic::at_start(
            relative,
            format!("folders nested deeper than {MAX_RULE_FOLDER_DEPTH} levels below rules/"),
        ));
        return;
    }
    for (name, kind) in entries(fs, dir, relative, problems) {
        let path = format!("{relative}/{name}");
        if kind.is_dir() {
            collect_rhai(fs, dir, &path, depth + 1, found, problems);
        } else if !kind.is_file() {
            problems.push(not_a_file(&path, kind));
        } else if name.ends_with(".rhai") {
            found.push(path);
        }
    }
}

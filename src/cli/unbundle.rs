//! `vigie unbundle <bundle.json> -o <folder>`: a bundle's rule set written back as a folder
//! (`ruleset.toml`, `rules/<id>.rhai`, `messages/<locale>.toml`, `questions.toml`), so that an
//! author who has only a bundle (exported from the studio, or published) can edit it again.
//!
//! A bundle holds the parsed content, not the author's files: the TOML files are regenerated
//! (no comments, keys in the bundle's order), so the folder has the bundle's digest and bundles
//! to the same bytes, but its TOML is not the author's text. Before anything is written, the
//! regenerated texts are read back and must give exactly the bundle's sources.
//!
//! An overlay's bundle also carries its base (the digest covers both), but a folder names its base
//! (`extends = "fr@2025.1.0"`) and finds it in the folders above: only the overlay's own files are
//! written, and a line says whether the base was found above the folder.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Usage, World};
use crate::catalog::{self, Named};
use crate::{RuleSet, RuleSetSources};

const USAGE: &str = "usage: vigie unbundle <bundle.json> -o <folder>";

/// `vigie unbundle`.
pub(super) fn unbundle(w: &mut dyn World, args: &[String]) -> Result<u8, Usage> {
    let (name, output) = match args {
        [name, flag, output] if flag == "-o" || flag == "--output" => (name, output),
        _ => return Err(Usage(USAGE.to_string())),
    };
    match catalog::resolve_in(w.files(), name) {
        Ok(Named::Bundle(_)) => {}
        Ok(_) => {
            return Err(Usage(format!(
                "{name} is a folder; unbundle takes a bundle file (written by vigie bundle)"
            )))
        }
        Err(err) => return Ok(fail(w, &err.lines())),
    }
    let ruleset = match catalog::open_in(w.files(), name, w.today()) {
        Ok(ruleset) => ruleset,
        Err(err) => return Ok(fail(w, &err.lines())),
    };
    let out = Path::new(output);
    if let Err(message) = refuse_used(w, out) {
        return Ok(fail(w, &[message]));
    }
    let files = match folder_files(ruleset.sources()) {
        Ok(files) => files,
        Err(message) => {
            return Ok(fail(
                w,
                &[format!("vigie: cannot unbundle {name}: {message}")],
            ))
        }
    };
    if let Err(message) = write_all(w, out, &files) {
        return Ok(fail(w, &[message]));
    }
    let sources = ruleset.sources();
    let id = ruleset.id();
    let rules = sources.rules.len();
    let locales = sources.messages.len();
    let questions = if sources.questions.is_some() {
        ", questions"
    } else {
        ""
    };
    println!(
        w,
        "wrote rules for {} {} ({rules} rules, {locales} locales{questions}) in {output}, {}",
        id.id,
        id.version,
        id.digest
    );
    if let Some(extends) = &sources.manifest.extends {
        let line = base_line(w, out, extends, &id.digest);
        println!(w, "{line}");
    }
    if let Some(until) = ruleset.valid_until() {
        println!(
            w,
            "the bundle's validUntil {until} came from its folder of versions: a lone folder has none; put {output} beside the versions that follow it to keep it"
        );
    }
    Ok(0)
}

/// Says the lines on stderr; exit 1.
fn fail(w: &mut dyn World, lines: &[String]) -> u8 {
    for line in lines {
        eprintln!(w, "{line}");
    }
    1
}

/// Refuses an output that is a file, or a folder that is not empty (nothing is overwritten).
fn refuse_used(w: &mut dyn World, out: &Path) -> Result<(), String> {
    let files = w.files();
    match files.followed(out) {
        None => Ok(()),
        Some(kind) if kind.is_dir() => match files.list(out) {
            Ok(entries) if entries.is_empty() => Ok(()),
            Ok(_) => Err(format!(
                "vigie: {} is not empty; unbundle writes into a new or empty folder",
                out.display()
            )),
            Err(err) => Err(format!("vigie: cannot read {}: {err}", out.display())),
        },
        Some(_) => Err(format!(
            "vigie: {} exists and is not a folder; unbundle writes into a new or empty folder",
            out.display()
        )),
    }
}

/// The files of a rule set's own sources (an overlay's base left out), by relative path; read
/// back, they must give those sources exactly (else the digest would change).
fn folder_files(sources: &RuleSetSources) -> Result<BTreeMap<String, String>, String> {
    let own = RuleSetSources {
        base: None,
        ..sources.clone()
    };
    let mut files = BTreeMap::new();
    files.insert("ruleset.toml".to_string(), toml_of(&own.manifest)?);
    for (id, text) in &own.rules {
        files.insert(format!("rules/{id}.rhai"), text.clone());
    }
    for (locale, messages) in &own.messages {
        files.insert(format!("messages/{locale}.toml"), toml_of(messages)?);
    }
    if let Some(questions) = &own.questions {
        files.insert("questions.toml".to_string(), toml_of(questions)?);
    }
    match RuleSet::parse_files(files.clone()) {
        Ok(read_back) if read_back == own => Ok(files),
        Ok(_) => Err("its files would not read back as the same rule set".to_string()),
        Err(err) => Err(format!(
            "its files would not read back: {}",
            err.diagnostics
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        )),
    }
}

fn toml_of(value: &impl serde::Serialize) -> Result<String, String> {
    let text = toml::to_string_pretty(value).map_err(|err| err.to_string())?;
    Ok(format!(
        "# Written by vigie unbundle from a bundle: the content is the bundle's, not the author's text.\n{text}"
    ))
}

/// Creates `out` and its subfolders and writes every file.
fn write_all(
    w: &mut dyn World,
    out: &Path,
    files: &BTreeMap<String, String>,
) -> Result<(), String> {
    let fs = w.files();
    let folder = |dir: &Path| {
        fs.create_dir_all(dir)
            .map_err(|err| format!("vigie: cannot create {}: {err}", dir.display()))
    };
    folder(out)?;
    for (relative, text) in files {
        let path = out.join(relative);
        if let Some(parent) = path.parent() {
            folder(parent)?;
        }
        fs.write(&path, text.as_bytes())
            .map_err(|err| format!("vigie: cannot write {}: {err}", path.display()))?;
    }
    Ok(())
}

/// For an overlay: whether its base is found above the written folder, with the bundle's digest.
fn base_line(w: &mut dyn World, out: &Path, extends: &str, digest: &str) -> String {
    match catalog::read_layered(w.files(), out) {
        Ok((sources, _)) if sources.digest() == digest => format!(
            "{} extends {extends}, found above it: the folder has the bundle's digest",
            out.display()
        ),
        Ok((sources, _)) => format!(
            "{} extends {extends}, but the base found above it is not the bundle's (the folder's digest is {}, not {digest})",
            out.display(),
            sources.digest()
        ),
        Err(_) => format!(
            "{} extends {extends}: the bundle carries that base, a folder does not; check, test or bundle it with {extends} found above it (a folder <above>/<id>/<version>, or a folder of versions <above>/<id>)",
            out.display()
        ),
    }
}

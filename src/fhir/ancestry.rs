//! Ancestry (docs/contract.md §1, v1.1 extension) from the US Core race extension of the Patient:
//! its OMB categories and detailed CDC race codes, looked up in `ancestry.toml` (Asian and the codes
//! under it → `asian`; Black or African American and the codes under it → `black`).
//!
//! Race codes answer only part of the question: no OMB or CDC race code says Ashkenazi Jewish
//! ancestry. So `ancestry` is written only when a code gives `asian` or `black` (with a note that
//! Ashkenazi Jewish ancestry cannot come from race codes), and left unknown otherwise — a White race
//! says nothing of Ashkenazi Jewish ancestry, and `[]` would say "none". Free text is never matched.

use serde_json::Value;

use super::ledger::{Ledger, NotUsedKind};
use super::maps::{Kind, Maps};
use super::patient::extension;
use super::read::{Node, Reader};
use crate::codes::Ancestry;

/// The ancestries the Patient's extensions give (`None` when none), every part not used listed.
pub(super) fn read(
    reader: &mut Reader,
    ledger: &mut Ledger,
    maps: &Maps,
    entry: usize,
    extensions: &[Node<'_>],
) -> Option<Vec<Ancestry>> {
    let mut found: Vec<Ancestry> = Vec::new();
    let mut races: Vec<String> = Vec::new();
    for ext in extensions {
        let Some(url) = ext.get("url").and_then(Value::as_str) else {
            continue;
        };
        if url == maps.ancestry.race {
            found.extend(race(reader, ledger, maps, entry, ext));
            races.push(ext.path.clone());
        } else if let Some(other) = maps.ancestry.not_read.iter().find(|e| e.url == url) {
            let name = url.rsplit('/').next().unwrap_or(url);
            ledger.not_used(
                entry,
                &ext.path,
                NotUsedKind::NotCounted,
                format!("{name}: {}", other.reason),
            );
        }
    }
    if found.is_empty() {
        return None;
    }
    let ancestry: Vec<Ancestry> = Ancestry::ALL
        .iter()
        .copied()
        .filter(|a| found.contains(a))
        .collect();
    let said: Vec<&str> = ancestry.iter().map(|a| a.as_str()).collect();
    for path in races {
        ledger.note(
            entry,
            &path,
            format!(
                "ancestry {} from the race codes; no race code says Ashkenazi Jewish ancestry, so the record cannot give it (ask the person)",
                said.join(", ")
            ),
        );
    }
    Some(ancestry)
}

/// One race extension: the ancestries its codes give; the codes and text that give none are listed
/// as not used.
fn race(
    reader: &mut Reader,
    ledger: &mut Ledger,
    maps: &Maps,
    entry: usize,
    ext: &Node<'_>,
) -> Vec<Ancestry> {
    let mut found = Vec::new();
    let mut coded = false;
    let mut text: Option<(String, String)> = None;
    for (path, value) in reader.list(ext, "extension") {
        let Some(part) = extension(reader, &path, value) else {
            continue;
        };
        match part.get("url").and_then(Value::as_str) {
            Some("ombCategory" | "detailed") => {
                let at = part.at("valueCoding");
                let Some(coding) = part.get("valueCoding").and_then(|v| reader.coding(&at, v))
                else {
                    continue;
                };
                coded = true;
                let groups = maps.groups(Kind::Ancestry, &coding);
                let given: Vec<Ancestry> = groups
                    .iter()
                    .filter_map(|g| g.ancestry.as_deref().and_then(Ancestry::parse))
                    .collect();
                let shown = match &coding.display {
                    Some(display) => format!("{} \"{display}\"", coding.token()),
                    None => coding.token(),
                };
                if !given.is_empty() {
                    found.extend(given);
                } else if let Some(why) = groups.iter().find_map(|g| g.not_used.clone()) {
                    ledger.not_used(
                        entry,
                        &path,
                        NotUsedKind::NotCounted,
                        format!("{shown}: {why}"),
                    );
                } else {
                    ledger.not_used(
                        entry,
                        &path,
                        NotUsedKind::UnknownCode,
                        format!("{shown}: not a race code that gives an ancestry of the profile (Asian 2028-9, Black or African American 2054-5, or a code under them)"),
                    );
                }
            }
            Some("text") => {
                if let Some(written) = part.get("valueString").and_then(Value::as_str) {
                    text = Some((path, written.to_string()));
                }
            }
            _ => {}
        }
    }
    if let (false, Some((path, written))) = (coded, text) {
        ledger.not_used(
            entry,
            &path,
            NotUsedKind::NoValue,
            format!("the race is given as text only (\"{written}\"): free text is never matched, so the ancestry stays unknown"),
        );
    }
    found
}

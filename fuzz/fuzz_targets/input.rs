//! The input of the targets that read a rule set (`ruleset`, `fast_path`): files, each introduced
//! by a line `--- <relative path>`.

use std::collections::BTreeMap;

/// The files of the input, by path (a later file of the same path replaces an earlier one).
pub fn files(text: &str) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for part in format!("\n{text}").split("\n--- ").skip(1) {
        let (name, content) = part.split_once('\n').unwrap_or((part, ""));
        files.insert(name.trim_end().to_string(), content.to_string());
    }
    files
}

//! Where a problem is in a text, and what went wrong, in words: `file:line:col` diagnostics for
//! rule sets, cases and bundles, and the positions of JSON, TOML and Rhai errors that the rule-set
//! loader and the profile reader share.

use std::fmt;

use rhai::{ParseError, Position};
use serde::Serialize;

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
    /// A machine-readable kind, for the problems that have one (`questions.toml`'s: see
    /// docs/questions.md §1), so that callers never parse the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )?;
        match self.kind {
            Some(kind) => write!(f, " [{kind}]"),
            None => Ok(()),
        }
    }
}

impl Diagnostic {
    /// A problem about `file` as a whole, placed at its first character.
    pub fn at_start(file: impl Into<String>, message: String) -> Diagnostic {
        Diagnostic {
            kind: None,
            file: file.into(),
            line: 1,
            column: 1,
            message,
        }
    }

    /// A JSON syntax or shape error in `file`, at its line and column.
    pub fn from_json_error(file: &str, err: &serde_json::Error) -> Diagnostic {
        Diagnostic {
            kind: None,
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

/// 1-based line and column of a Rhai position (1:1 when unknown).
pub fn line_column(position: Position) -> (usize, usize) {
    (
        position.line().unwrap_or(1),
        position.position().unwrap_or(1),
    )
}

/// A Rhai parse error's message without its position suffix (callers say where).
pub fn parse_error_message(err: &ParseError) -> String {
    err.err_type().to_string()
}

/// 1-based line and column (in characters) of a byte offset.
pub fn offset_to_line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        assert_eq!(offset_to_line_column("abc", 0), (1, 1));
        assert_eq!(offset_to_line_column("ab\ncé\nd", 6), (2, 3));
        assert_eq!(offset_to_line_column("ab\n", 3), (2, 1));
        // Past the end (or inside a character): the whole text.
        assert_eq!(offset_to_line_column("ab", 99), (1, 3));
    }

    #[test]
    fn json_errors_say_what_without_where() {
        let err = serde_json::from_str::<serde_json::Value>("{\n  \"a\": }").unwrap_err();
        let diagnostic = Diagnostic::from_json_error("bundle", &err);
        assert_eq!(diagnostic.to_string(), "bundle:2:8: expected value");
    }
}

//! Reading a profile's JSON text strictly: a size limit checked before parsing, clear words for
//! empty text, a byte order mark and text that is not UTF-8, and every repeated key refused at its
//! path (serde_json would silently keep the last one, so `{"sex": "female", "sex": "male"}` would
//! read as a man).

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::{Problem, ProblemKind};
use crate::diagnostics::{json_error_message, offset_to_line_column};

/// The largest profile accepted, in bytes of JSON text. A real profile is a few kilobytes; the
/// limit keeps a huge input from being parsed (and its problems listed) for seconds.
pub const MAX_BYTES: usize = 1_000_000;

/// How deeply lists and objects may nest. A profile needs 3 levels; the reader recurses once per
/// level, so a limit well under serde_json's own (127) keeps the stack small even in a debug build
/// on wasm, whose stack is 1 MB.
const MAX_DEPTH: usize = 64;

/// The reader's own error for text nested deeper than [`MAX_DEPTH`].
const TOO_DEEP: &str = "nested too deeply";

/// A problem about the text as a whole (path `""`).
fn whole(kind: ProblemKind, message: String) -> Vec<Problem> {
    vec![Problem::new("", kind, message)]
}

fn too_large(len: usize) -> Vec<Problem> {
    whole(
        ProblemKind::TooLarge,
        format!("is {len} bytes long; a profile may be at most {MAX_BYTES} bytes (1 MB)"),
    )
}

/// Checks bytes read from a file or a pipe: the size limit, then UTF-8.
pub(super) fn text_of(bytes: &[u8]) -> Result<&str, Vec<Problem>> {
    if bytes.len() > MAX_BYTES {
        return Err(too_large(bytes.len()));
    }
    utf8(bytes)
}

/// Bytes as UTF-8 text, or where they stop being UTF-8 (a problem at path `""`).
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, Vec<Problem>> {
    std::str::from_utf8(bytes).map_err(|err| {
        let valid = bytes.get(..err.valid_up_to()).unwrap_or_default();
        let before = std::str::from_utf8(valid).unwrap_or_default();
        let (line, column) = offset_to_line_column(before, before.len());
        let byte = bytes.get(err.valid_up_to()).copied().unwrap_or_default();
        whole(ProblemKind::NotUtf8, format!(
            "is not UTF-8 text: byte 0x{byte:02X} at line {line}, column {column} (save the file as UTF-8)"
        ))
    })
}

/// Parses a profile's text into a JSON value; also returns every repeated key as a problem.
pub(super) fn parse(text: &str) -> Result<(Value, Vec<Problem>), Vec<Problem>> {
    if text.len() > MAX_BYTES {
        return Err(too_large(text.len()));
    }
    if text.trim().is_empty() {
        return Err(whole(
            ProblemKind::NotJson,
            "is empty: expected a JSON object such as {\"birthDate\": \"1971-03-02\", \"sex\": \"female\"}"
                .to_string(),
        ));
    }
    parse_json(text)
}

/// Parses one JSON value strictly (no byte order mark, nesting at most 64 deep); also returns
/// every repeated key as a problem at its path. The size and emptiness are the caller's to check.
pub(crate) fn parse_json(text: &str) -> Result<(Value, Vec<Problem>), Vec<Problem>> {
    if text.starts_with('\u{feff}') {
        return Err(whole(
            ProblemKind::NotJson,
            "starts with a byte order mark (U+FEFF), which JSON text may not have: save it as UTF-8 without a BOM"
                .to_string(),
        ));
    }
    let mut walk = Walk::default();
    let mut reader = serde_json::Deserializer::from_str(text);
    let value = Seed(&mut walk)
        .deserialize(&mut reader)
        .and_then(|value| reader.end().map(|()| value))
        .map_err(|err| {
            let (kind, message) = syntax_problem(&err);
            whole(kind, message)
        })?;
    Ok((value, walk.repeated))
}

/// Why the text could not be read as JSON: nested too deeply, or not JSON at all.
fn syntax_problem(err: &serde_json::Error) -> (ProblemKind, String) {
    let what = json_error_message(err);
    let (line, column) = (err.line(), err.column());
    if what == TOO_DEEP || what == "recursion limit exceeded" {
        (
            ProblemKind::TooDeep,
            format!(
                "nests lists and objects too deeply (at most {MAX_DEPTH} levels): stopped at line {line}, column {column}"
            ),
        )
    } else {
        (
            ProblemKind::NotJson,
            format!("is not valid JSON: {what} at line {line}, column {column}"),
        )
    }
}

/// Shows a JSON value someone gave, shortened when long, for a message.
pub(crate) fn shown(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        let head: String = text.chars().take(57).collect();
        format!("{head}…")
    } else {
        text
    }
}

/// A JSON value's type, in words.
pub(crate) fn type_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A field's path under `parent`: `parent.field`, or `parent["odd name"]` when the name is not
/// a plain word (empty, with dots, spaces, quotes …), so that every path is unambiguous.
pub(crate) fn field_path(parent: &str, field: &str) -> String {
    let mut chars = field.chars();
    let plain = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !plain {
        let quoted = serde_json::to_string(field).unwrap_or_default();
        format!("{parent}[{quoted}]")
    } else if parent.is_empty() {
        field.to_string()
    } else {
        format!("{parent}.{field}")
    }
}

enum Step {
    Field(String),
    Index(usize),
}

#[derive(Default)]
struct Walk {
    /// Where the reader is: the path to the value being read.
    path: Vec<Step>,
    /// Every repeated key, in the order of the text.
    repeated: Vec<Problem>,
}

impl Walk {
    fn path(&self) -> String {
        self.path
            .iter()
            .fold(String::new(), |parent, step| match step {
                Step::Field(field) => field_path(&parent, field),
                Step::Index(i) => format!("{parent}[{i}]"),
            })
    }
}

/// Builds a `serde_json::Value` exactly as serde_json does, noting repeated keys on the way.
/// Nesting stops at [`MAX_DEPTH`], before serde_json's own limit.
struct Seed<'w>(&'w mut Walk);

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let walk = self.0;
        if walk.path.len() >= MAX_DEPTH {
            return Err(A::Error::custom(TOO_DEEP));
        }
        let mut items = Vec::new();
        loop {
            walk.path.push(Step::Index(items.len()));
            let item = seq.next_element_seed(Seed(&mut *walk))?;
            walk.path.pop();
            match item {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let walk = self.0;
        if walk.path.len() >= MAX_DEPTH {
            return Err(A::Error::custom(TOO_DEEP));
        }
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            walk.path.push(Step::Field(key.clone()));
            let value = map.next_value_seed(Seed(&mut *walk))?;
            if object.contains_key(&key) {
                let path = walk.path();
                walk.repeated.push(Problem::new(
                    path,
                    ProblemKind::DuplicateKey,
                    "appears more than once in its object; give each field once".to_string(),
                ));
            }
            walk.path.pop();
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(text: &str) -> Vec<String> {
        match parse(text) {
            Ok((_, repeated)) => repeated.into_iter().map(|p| p.path).collect(),
            Err(problems) => problems.into_iter().map(|p| p.message).collect(),
        }
    }

    #[test]
    fn repeated_keys_are_found_at_their_paths() {
        assert_eq!(paths(r#"{"a": 1, "b": 2}"#), Vec::<String>::new());
        assert_eq!(
            paths(r#"{"a": 1, "a": 2, "l": [{}, {"x": {"y": 1, "y": 2}}], "": 0, "": 1}"#),
            vec!["a", "l[1].x.y", r#"[""]"#]
        );
    }

    #[test]
    fn the_value_is_the_one_serde_json_reads() {
        let text =
            r#"{"a": [1, -2, 3.5, 1e308, 18446744073709551615, null, true, "s\u00e9"], "b": {}}"#;
        let (value, _) = parse(text).unwrap();
        assert_eq!(value, serde_json::from_str::<Value>(text).unwrap());
    }

    #[test]
    fn odd_field_names_are_quoted() {
        assert_eq!(field_path("", "sex"), "sex");
        assert_eq!(field_path("smoking", "status"), "smoking.status");
        assert_eq!(field_path("", ""), r#"[""]"#);
        assert_eq!(field_path("organs", "a.b"), r#"organs["a.b"]"#);
        assert_eq!(field_path("x", "0"), r#"x["0"]"#);
        assert_eq!(field_path("x", "say \"hi\""), r#"x["say \"hi\""]"#);
    }

    #[test]
    fn deep_nesting_is_refused_without_exhausting_the_stack() {
        let deep = "[".repeat(100_000);
        let problems = parse(&deep).unwrap_err();
        assert!(problems[0].message.contains("too deeply"), "{problems:?}");
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let over = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(parse(&over).is_err());
    }

    #[test]
    fn bytes_that_are_not_utf8_say_where() {
        let problems = text_of(b"{\"a\":\n  \"\xe9\"}").unwrap_err();
        assert_eq!(
            problems[0].message,
            "is not UTF-8 text: byte 0xE9 at line 2, column 4 (save the file as UTF-8)"
        );
    }
}

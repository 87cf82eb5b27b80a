//! What every load requires of `questions.toml` (docs/questions.md §1): each problem as
//! `questions.toml:line:col: message [kind]`, placed at the question and field it is about when
//! the original text is known.

use std::collections::BTreeSet;

use super::{Kind, Question, Questions, Target};
use crate::codes::Program;
use crate::diagnostics::{offset_to_line_column, Diagnostic};
use crate::ruleset::is_kebab_word;

/// The file, relative to the rule-set folder.
pub const FILE: &str = "questions.toml";

/// Every problem of `questions`, for a rule set speaking `locales`; `text`: the original file.
pub fn check(questions: &Questions, locales: &[String], text: Option<&str>) -> Vec<Diagnostic> {
    let mut out = Out {
        text,
        found: Vec::new(),
    };
    for (at, program) in questions.priority.iter().enumerate() {
        if Program::parse(program).is_none() {
            out.push(
                None,
                &format!("\"{program}\""),
                "unknown-program",
                format!(
                    "priority[{at}]: unknown program `{program}`; accepted: {}",
                    Program::accepted()
                ),
            );
        }
    }
    let ids: Vec<&str> = questions.questions.iter().map(|q| q.id.as_str()).collect();
    let mut seen = BTreeSet::new();
    for (index, question) in questions.questions.iter().enumerate() {
        let mut q = QuestionChecks {
            out: &mut out,
            index,
            question,
            locales,
        };
        if !is_kebab_word(&question.id) {
            q.problem(
                "id",
                "bad-id",
                format!("id `{}` is not kebab-case", question.id.escape_default()),
            );
        }
        if !seen.insert(question.id.as_str()) {
            q.problem(
                "id",
                "duplicate-id",
                format!("id `{}` is used twice", question.id),
            );
        }
        q.check(&ids);
    }
    out.found
}

struct Out<'t> {
    text: Option<&'t str>,
    found: Vec<Diagnostic>,
}

impl Out<'_> {
    /// A problem about `needle`, looked for from the start of question `index` (or of the file).
    fn push(&mut self, index: Option<usize>, needle: &str, kind: &'static str, message: String) {
        let (line, column) = self
            .text
            .and_then(|text| {
                let start = match index {
                    Some(index) => text.match_indices("[[question]]").nth(index)?.0,
                    None => 0,
                };
                let rest = text.get(start..)?;
                let found = rest.find(needle).unwrap_or(0);
                Some(offset_to_line_column(text, start + found))
            })
            .unwrap_or((1, 1));
        self.found.push(Diagnostic {
            file: FILE.to_string(),
            line,
            column,
            message,
            kind: Some(kind),
        });
    }
}

struct QuestionChecks<'a, 't> {
    out: &'a mut Out<'t>,
    index: usize,
    question: &'a Question,
    locales: &'a [String],
}

impl QuestionChecks<'_, '_> {
    fn problem(&mut self, field: &str, kind: &'static str, message: String) {
        let message = format!("question `{}`: {message}", self.question.id);
        self.out.push(Some(self.index), field, kind, message);
    }

    fn check(&mut self, ids: &[&str]) {
        let q = self.question;
        let kind = Kind::parse(&q.kind);
        if kind.is_none() {
            let accepted: Vec<&str> = Kind::ALL.iter().map(|(k, _)| *k).collect();
            self.problem(
                "kind",
                "unknown-kind",
                format!(
                    "unknown kind `{}`; accepted: {}",
                    q.kind,
                    accepted.join(", ")
                ),
            );
        }
        let target = Target::parse(&q.fills);
        match target {
            None => self.problem(
                "fills",
                "unknown-target",
                format!(
                    "fills `{}` is not a target (birth, sex, organs.<organ>, pregnant, smoking.status, smoking.packYears, smoking.quitDate, [heightCm, weightKg], conditions, conditions.<condition>, familyHistory, familyHistory.<condition>, screenings, screenings.<test>, vaccinations, vaccinations.<vaccine>, ancestry, departement)",
                    q.fills.joined()
                ),
            ),
            Some(target) => {
                if kind.is_some_and(|k| k != target.kind()) {
                    self.problem(
                        "kind",
                        "kind-does-not-fit",
                        format!(
                            "kind `{}` does not fit `{}`, which takes `{}`",
                            q.kind,
                            q.fills.joined(),
                            kind_name(target.kind())
                        ),
                    );
                }
                if q.always && !target.may_be_always() {
                    self.problem(
                        "always",
                        "always-not-allowed",
                        "`always` questions fill birth, sex or organs.* only".to_string(),
                    );
                }
                self.options(target);
                self.number(target);
            }
        }
        self.words("text", Some(&q.text));
        self.words("why", Some(&q.why));
        for follow in &q.follow_up {
            if !ids.contains(&follow.as_str()) {
                self.problem(
                    follow,
                    "unknown-follow-up",
                    format!("follow-up `{follow}` is not a question id"),
                );
            }
        }
    }

    fn options(&mut self, target: Target) {
        let q = self.question;
        let codes = target.option_codes();
        match (&codes, q.options.is_empty()) {
            (None, false) if target != Target::Departement => self.problem(
                "options",
                "options-not-allowed",
                format!("`{}` takes no options", q.fills.joined()),
            ),
            (Some(_), true) => self.problem(
                "fills",
                "options-missing",
                format!("`{}` needs its options", q.fills.joined()),
            ),
            _ => {}
        }
        let mut seen = BTreeSet::new();
        for option in &q.options {
            let known = match &codes {
                Some(codes) => codes.contains(&option.value.as_str()),
                None => target == Target::Departement && crate::departement::is_code(&option.value),
            };
            let needle = format!("\"{}\"", option.value);
            if !known {
                let accepted = codes.as_ref().map_or_else(
                    || crate::departement::EXPECTED.to_string(),
                    |c| c.join(", "),
                );
                self.problem(
                    &needle,
                    "unknown-option",
                    format!(
                        "option `{}` is not a code of `{}`; accepted: {accepted}",
                        option.value,
                        q.fills.joined()
                    ),
                );
            }
            if !seen.insert(option.value.as_str()) {
                self.problem(
                    &needle,
                    "duplicate-option",
                    format!("option `{}` is listed twice", option.value),
                );
            }
            let field = format!("option `{}` text", option.value);
            self.locale_words(&needle, &field, Some(&option.text));
        }
    }

    fn number(&mut self, target: Target) {
        let q = self.question;
        if target.kind() != Kind::Number {
            if q.min.is_some() || q.max.is_some() || q.unit.is_some() {
                self.problem(
                    "min",
                    "number-fields-not-allowed",
                    "min, max and unit belong to `number` questions only".to_string(),
                );
            }
            return;
        }
        match (q.min, q.max) {
            (Some(min), Some(max)) if min <= max => {}
            (Some(_), Some(_)) => self.problem("min", "bad-range", "min is above max".to_string()),
            _ => self.problem(
                "kind",
                "range-missing",
                "a `number` question needs min and max".to_string(),
            ),
        }
        if q.unit.is_some() {
            self.words("unit", q.unit.as_ref());
        }
    }

    fn words(&mut self, field: &str, words: Option<&std::collections::BTreeMap<String, String>>) {
        self.locale_words(field, field, words);
    }

    /// Words present and non-empty in every locale of the rule set, and in no other.
    fn locale_words(
        &mut self,
        needle: &str,
        field: &str,
        words: Option<&std::collections::BTreeMap<String, String>>,
    ) {
        let empty = std::collections::BTreeMap::new();
        let words = words.unwrap_or(&empty);
        for locale in self.locales {
            if words.get(locale).is_none_or(|w| w.trim().is_empty()) {
                self.problem(
                    needle,
                    "missing-words",
                    format!("{field} has no words in `{locale}`"),
                );
            }
        }
        for locale in words.keys() {
            if !self.locales.contains(locale) {
                self.problem(
                    needle,
                    "unknown-locale",
                    format!("{field} has words in `{locale}`, which the rule set does not speak"),
                );
            }
        }
    }
}

fn kind_name(kind: Kind) -> &'static str {
    Kind::ALL
        .iter()
        .find(|(_, k)| *k == kind)
        .map_or("", |(name, _)| name)
}

#[cfg(test)]
#[cfg(feature = "toml")]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let questions: Questions = toml::from_str(text).unwrap();
        check(&questions, &["fr".into(), "en".into()], Some(text))
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn the_fixture_is_valid_and_loads_with_a_new_digest() {
        assert_eq!(
            problems(crate::questions::fixture::QUESTIONS),
            Vec::<String>::new()
        );
        let with = crate::questions::fixture::ruleset();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/fr/2026.1.0");
        let without = crate::RuleSet::load(&dir).unwrap();
        assert_ne!(with.id().digest, without.id().digest);
        // It travels in bundles, and the bundle's digest covers it.
        let bundle = crate::bundle::Bundle::of(&with).to_json();
        let back = crate::bundle::Bundle::load(&bundle).unwrap();
        assert_eq!(back.id().digest, with.id().digest);
        assert_eq!(back.effective().questions, with.effective().questions);
    }

    #[test]
    fn every_check_is_placed_and_has_a_kind() {
        let text = r#"priority = ["breast-cancer-screening", "knitting"]

[[question]]
id = "Mammo"
kind = "date"
fills = "screenings.mammography"
text = { fr = "Quand ?", en = "" }
why = { fr = "Parce que.", en = "Because.", de = "Weil." }
follow-up = ["nowhere"]

[[question]]
id = "Mammo"
kind = "guess"
fills = "screenings.mamography"
always = true
text = { fr = "a", en = "b" }
why = { fr = "a", en = "b" }

[[question]]
id = "conditions"
kind = "yes-no"
fills = "conditions"
text = { fr = "a", en = "b" }
why = { fr = "a", en = "b" }
options = [ { value = "diabetes", text = { fr = "Diabète", en = "Diabetes" } }, { value = "flu", text = { fr = "x" } } ]

[[question]]
id = "smoking"
kind = "choice"
fills = "smoking.status"
always = true
text = { fr = "a", en = "b" }
why = { fr = "a", en = "b" }

[[question]]
id = "packs"
kind = "number"
fills = "smoking.packYears"
min = 10
max = 1
text = { fr = "a", en = "b" }
why = { fr = "a", en = "b" }
"#;
        let found = problems(text);
        let expected = [
            "questions.toml:1:40: priority[1]: unknown program `knitting`; accepted: ",
            "questions.toml:4:1: question `Mammo`: id `Mammo` is not kebab-case [bad-id]",
            "questions.toml:7:1: question `Mammo`: text has no words in `en` [missing-words]",
            "questions.toml:8:1: question `Mammo`: why has words in `de`, which the rule set does not speak [unknown-locale]",
            "questions.toml:9:15: question `Mammo`: follow-up `nowhere` is not a question id [unknown-follow-up]",
            "questions.toml:12:1: question `Mammo`: id `Mammo` is not kebab-case [bad-id]",
            "questions.toml:12:1: question `Mammo`: id `Mammo` is used twice [duplicate-id]",
            "questions.toml:13:1: question `Mammo`: unknown kind `guess`; accepted: yes-no, choice, several, date, number, measures, relatives, birth [unknown-kind]",
            "questions.toml:14:1: question `Mammo`: fills `screenings.mamography` is not a target",
            "questions.toml:21:1: question `conditions`: kind `yes-no` does not fit `conditions`, which takes `several` [kind-does-not-fit]",
            "questions.toml:25:91: question `conditions`: option `flu` is not a code of `conditions`; accepted: ",
            "questions.toml:25:91: question `conditions`: option `flu` text has no words in `en` [missing-words]",
            "questions.toml:31:1: question `smoking`: `always` questions fill birth, sex or organs.* only [always-not-allowed]",
            "questions.toml:30:1: question `smoking`: `smoking.status` needs its options [options-missing]",
            "questions.toml:39:1: question `packs`: min is above max [bad-range]",
        ];
        assert_eq!(found.len(), expected.len(), "{found:#?}");
        for (found, expected) in found.iter().zip(expected) {
            assert!(
                found.starts_with(expected),
                "{found}\n  does not start with\n{expected}"
            );
        }
    }
}

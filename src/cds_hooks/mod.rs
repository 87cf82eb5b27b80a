//! CDS Hooks out (docs/contract.md §6): a report as a CDS Hooks 2.0 response, `{"cards": […]}`, one card
//! per nudge that asks for something, worded for the clinician reading a record.
//!
//! - Which nudges: `due`, `refer`, `upcoming` and `info` ones; `up-to-date` ones too with
//!   [`CardOptions::all`]. In the report's order (most urgent first).
//! - `indicator`: `refer` → `critical` (the standard programme does not fit: it must stand out),
//!   `due` → `warning`, `upcoming`, `info` and `up-to-date` → `info`.
//! - `summary`: the program's title and what its status asks, in the clinician register
//!   (`[clinician]` of `src/locale/<locale>.toml`), under 140 characters.
//! - `detail` (GitHub-Flavored Markdown): the facts on record in the clinician register (facts
//!   about the rules themselves in the report's words), then the report's patient-facing title,
//!   message and action quoted as such, then the rule, rule set and day. Every piece of text is
//!   escaped: a rule set cannot inject Markdown or HTML.
//! - `source`: `label` names the rule set's id and version; `url` is the first source's.
//! - `links`: the nudge's sources (`type` `absolute`), each address once; only `http(s)` ones.
//! - `uuid`: derived from the rule set's digest, the locale and the nudge's program, status, due
//!   date and rule, so that the same input gives the same bytes (and the same advice the same
//!   uuid); it does not identify the patient.

mod clinician;
mod markdown;
mod reading;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use self::clinician::Clinician;
use self::reading::{NudgeReading, ReportReading};
use crate::report::{Report, Status};

pub use self::clinician::MAX_SUMMARY_CHARS;

/// A CDS Hooks response: the cards, none when nothing is asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CdsHooksResponse {
    /// One card per nudge that asks for something.
    pub cards: Vec<Card>,
}

impl CdsHooksResponse {
    /// The response as pretty JSON, as `vigie eval --format cds-hooks` prints it.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The response as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// One CDS Hooks card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Card {
    /// Derived from the advice (see the module's documentation), never random.
    pub uuid: String,
    /// One plain line, under 140 characters.
    pub summary: String,
    /// GitHub-Flavored Markdown.
    pub detail: String,
    /// How urgent.
    pub indicator: Indicator,
    /// Who says so.
    pub source: CardSource,
    /// The sources of the advice.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

/// A card's urgency, in CDS Hooks' words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Indicator {
    /// `info`.
    Info,
    /// `warning`.
    Warning,
    /// `critical`.
    Critical,
}

impl Indicator {
    /// The indicator of a nudge's status: a `refer` stands out, a `due` warns.
    pub fn of(status: Status) -> Indicator {
        match status {
            Status::Refer => Indicator::Critical,
            Status::Due => Indicator::Warning,
            Status::Upcoming | Status::UpToDate | Status::Info => Indicator::Info,
        }
    }

    /// The indicator's word.
    pub fn as_str(self) -> &'static str {
        match self {
            Indicator::Info => "info",
            Indicator::Warning => "warning",
            Indicator::Critical => "critical",
        }
    }
}

/// Who a card comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardSource {
    /// Names the rule set's id and version.
    pub label: String,
    /// The first source of the advice, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A link to a source of the advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The source's name.
    pub label: String,
    /// Its address.
    pub url: String,
    /// Always `absolute` (a web page, not a SMART app).
    #[serde(rename = "type")]
    pub kind: LinkKind,
}

/// A link's type in CDS Hooks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    /// A web page.
    Absolute,
}

/// Which nudges become cards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CardOptions {
    /// Also `up-to-date` nudges (`--all`).
    #[serde(default)]
    pub all: bool,
}

/// Why a report's JSON text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// Over [`MAX_REPORT_JSON_BYTES`].
    #[error("the report is {0} bytes long; a report may be at most {MAX_REPORT_JSON_BYTES} bytes")]
    TooLarge(usize),
    /// Not the JSON of a report (docs/contract.md §2).
    #[error("not a report: {0}")]
    NotAReport(String),
}

/// The longest report text [`cards_from_json`] reads. A report's words are bounded (200 000
/// characters, `vigie::words::MAX_REPORT_WORDS_CHARS`); with its sources, facts and a trace it
/// stays far below this.
pub const MAX_REPORT_JSON_BYTES: usize = 4_000_000;

/// The cards of a report.
pub fn cards(report: &Report, options: &CardOptions) -> CdsHooksResponse {
    response(&ReportReading::from(report), options)
}

/// The cards of a report given as JSON text (docs/contract.md §2, as Vigie wrote it or as a program
/// parsed and wrote it again): the same cards as [`cards`] on that report.
pub fn cards_from_json(
    report_json: &str,
    options: &CardOptions,
) -> Result<CdsHooksResponse, ReadError> {
    if report_json.len() > MAX_REPORT_JSON_BYTES {
        return Err(ReadError::TooLarge(report_json.len()));
    }
    let reading: ReportReading = serde_json::from_str(report_json)
        .map_err(|err| ReadError::NotAReport(crate::diagnostics::json_error_message(&err)))?;
    Ok(response(&reading, options))
}

fn response(report: &ReportReading, options: &CardOptions) -> CdsHooksResponse {
    let clinician = Clinician::in_locale(&report.locale);
    let cards = report
        .nudges
        .iter()
        .filter(|nudge| options.all || nudge.status != Status::UpToDate)
        .map(|nudge| card(report, nudge, &clinician))
        .collect();
    CdsHooksResponse { cards }
}

fn card(report: &ReportReading, nudge: &NudgeReading, clinician: &Clinician) -> Card {
    let mut links: Vec<Link> = Vec::new();
    for source in &nudge.sources {
        let url = source.url.trim();
        if is_web_address(url) && !links.iter().any(|l| l.url == url) {
            links.push(Link {
                label: clinician::one_line(&source.label).trim().to_string(),
                url: url.to_string(),
                kind: LinkKind::Absolute,
            });
        }
    }
    Card {
        uuid: uuid(report, nudge),
        summary: clinician.summary(nudge),
        detail: detail(report, nudge, clinician),
        indicator: Indicator::of(nudge.status),
        source: CardSource {
            label: clinician::one_line(&clinician.source(report)),
            url: links.first().map(|l| l.url.clone()),
        },
        links,
    }
}

/// The Markdown detail: facts on record, the quoted patient-facing text, the provenance.
fn detail(report: &ReportReading, nudge: &NudgeReading, clinician: &Clinician) -> String {
    let mut parts: Vec<String> = Vec::new();
    let facts = clinician.facts(nudge);
    if !facts.is_empty() {
        let lines: Vec<String> = facts
            .iter()
            .map(|fact| format!("- {}", markdown::text(fact)))
            .collect();
        parts.push(format!(
            "**{}**\n\n{}",
            markdown::text(clinician.facts_heading()),
            lines.join("\n")
        ));
    }
    let title = markdown::text(&nudge.title);
    let quoted: Vec<String> = [
        (!title.is_empty()).then(|| format!("**{title}**")),
        Some(markdown::text(&nudge.message)),
        Some(markdown::text(&nudge.action)),
    ]
    .into_iter()
    .flatten()
    .filter(|text| !text.is_empty())
    .map(|text| format!("> {text}"))
    .collect();
    if !quoted.is_empty() {
        parts.push(format!(
            "**{}**\n\n{}",
            markdown::text(clinician.patient_heading()),
            quoted.join("\n>\n")
        ));
    }
    parts.push(markdown::text(&clinician.provenance(report, nudge)));
    parts.join("\n\n")
}

/// An absolute `http(s)` address with nothing a link should not carry.
fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() > "https://".len()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A UUID (RFC 9562 version 8: name-based, here on SHA-256) of the advice: the rule set, the
/// locale, and the nudge's program, status, due date and rule.
fn uuid(report: &ReportReading, nudge: &NudgeReading) -> String {
    let name = [
        report.ruleset.digest.as_str(),
        report.locale.as_str(),
        nudge.program.as_str(),
        nudge.status.as_str(),
        nudge.due_date.as_deref().unwrap_or_default(),
        nudge.rule.as_str(),
    ]
    .join("\n");
    let hash = Sha256::digest(name.as_bytes());
    let mut bytes = [0u8; 16];
    for (byte, from) in bytes.iter_mut().zip(hash.iter()) {
        *byte = *from;
    }
    // The version (8) and the variant (RFC 9562) bits.
    if let Some(byte) = bytes.get_mut(6) {
        *byte = (*byte & 0x0f) | 0x80;
    }
    if let Some(byte) = bytes.get_mut(8) {
        *byte = (*byte & 0x3f) | 0x80;
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let part = |from: usize, to: usize| hex.get(from..to).unwrap_or_default();
    format!(
        "{}-{}-{}-{}-{}",
        part(0, 8),
        part(8, 12),
        part(12, 16),
        part(16, 20),
        part(20, 32)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, RuleSet};
    use serde_json::Value;

    fn report(profile: &str, locale: &str) -> Report {
        let rules = RuleSet::load(std::path::Path::new("rules/fr/2026.1.0")).unwrap();
        let mut options = Options::on(crate::date::parse("2026-12-05").unwrap());
        options.locale = Some(locale.to_string());
        crate::evaluate(&rules, profile, &options).unwrap()
    }

    const PROFILE: &str = r#"{"birthDate": "1971-03-02", "sex": "female",
        "smoking": {"status": "former", "packYears": 22.0, "quitDate": "2018-06-01"},
        "heightCm": 168, "weightKg": 81, "conditions": ["hypertension"],
        "familyHistory": [{"relation": "mother", "condition": "breast-cancer", "ageAtDiagnosis": 38}],
        "screenings": [{"test": "fit", "date": "2025-02-01", "result": "normal"}],
        "vaccinations": [{"vaccine": "influenza", "date": "2026-10-20"}]}"#;

    #[test]
    fn a_refer_stands_out_a_due_warns_the_rest_informs() {
        assert_eq!(Indicator::of(Status::Refer), Indicator::Critical);
        assert_eq!(Indicator::of(Status::Due), Indicator::Warning);
        for status in [Status::Upcoming, Status::UpToDate, Status::Info] {
            assert_eq!(Indicator::of(status), Indicator::Info);
        }
        let report = report(PROFILE, "en");
        let response = cards(&report, &CardOptions { all: true });
        assert_eq!(response.cards.len(), report.nudges.len());
        for (card, nudge) in response.cards.iter().zip(&report.nudges) {
            assert_eq!(
                card.indicator,
                Indicator::of(nudge.status),
                "{}",
                nudge.program
            );
        }
        let breast = report.nudge("breast-cancer-screening").unwrap();
        assert_eq!(breast.status, Status::Refer);
        let first = &response.cards[0];
        assert_eq!(first.indicator.as_str(), "critical");
        assert_eq!(
            first.summary,
            "Breast cancer screening: standard programme does not apply, refer"
        );
    }

    #[test]
    fn up_to_date_nudges_get_cards_only_when_all_are_asked_for() {
        let report = report(PROFILE, "fr");
        let up_to_date = report
            .nudges
            .iter()
            .filter(|n| n.status == Status::UpToDate)
            .count();
        assert!(up_to_date > 0);
        let asking = cards(&report, &CardOptions::default());
        assert_eq!(asking.cards.len(), report.nudges.len() - up_to_date);
        let all = cards(&report, &CardOptions { all: true });
        assert_eq!(all.cards.len(), report.nudges.len());
        let colorectal = all
            .cards
            .iter()
            .find(|c| c.summary.starts_with("Dépistage du cancer colorectal"))
            .unwrap();
        assert_eq!(
            colorectal.summary,
            "Dépistage du cancer colorectal : à jour, prochaine échéance le 01/02/2027"
        );
        assert!(!asking.cards.iter().any(|c| c.uuid == colorectal.uuid));
    }

    #[test]
    fn the_detail_words_facts_for_the_clinician_and_quotes_what_the_patient_is_told() {
        let report = report(PROFILE, "en");
        let response = cards(&report, &CardOptions::default());
        let breast = &response.cards[0];
        let nudge = &report.nudges[0];
        assert!(
            breast
                .detail
                .contains("- Family history: mother, breast cancer, diagnosed at 38."),
            "{}",
            breast.detail
        );
        assert!(!breast.detail.contains("your mother"));
        assert!(breast.detail.contains(&format!("> **{}**", nudge.title)));
        assert!(breast.detail.contains(&format!("> {}", nudge.message)));
        assert!(breast.detail.ends_with(&format!(
            "Rule {}, rule set fr 2026.1.0, evaluated on 2026-12-05.",
            nudge.rule
        )));
        assert_eq!(breast.source.label, "Vigie rule set fr 2026.1.0");
        assert_eq!(
            breast.source.url.as_deref(),
            Some(nudge.sources[0].url.as_str())
        );
        assert_eq!(breast.links[0].label, nudge.sources[0].label);
        let lung = response
            .cards
            .iter()
            .find(|c| c.summary.starts_with("Lung cancer screening"))
            .unwrap();
        assert!(
            lung.detail.contains("- Smoking history: 22 pack-years."),
            "{}",
            lung.detail
        );
        assert!(lung.detail.contains("- Quit smoking on 2018-06-01."));
    }

    #[test]
    fn a_report_and_its_json_make_the_same_cards_even_rewritten_by_javascript() {
        let report = report(PROFILE, "fr");
        let options = CardOptions { all: true };
        let expected = cards(&report, &options).to_json_pretty();
        let pretty = cards_from_json(&report.to_json_pretty(), &options).unwrap();
        assert_eq!(pretty.to_json_pretty(), expected);
        // JSON.stringify writes 22.0 as 22: the cards do not change.
        let mut value: Value = serde_json::from_str(&report.to_json()).unwrap();
        fn as_javascript(value: &mut Value) {
            match value {
                Value::Number(n) => {
                    if let Some(x) = n.as_f64().filter(|x| x.fract() == 0.0) {
                        *value = Value::from(x as i64);
                    }
                }
                Value::Array(items) => items.iter_mut().for_each(as_javascript),
                Value::Object(map) => map.values_mut().for_each(as_javascript),
                _ => {}
            }
        }
        as_javascript(&mut value);
        let rewritten = serde_json::to_string(&value).unwrap();
        assert!(rewritten.contains(r#""packYears":22}"#), "{rewritten}");
        let again = cards_from_json(&rewritten, &options).unwrap();
        assert_eq!(again.to_json_pretty(), expected);
    }

    #[test]
    fn what_is_not_a_report_is_refused_with_why() {
        let options = CardOptions::default();
        let err = cards_from_json("[]", &options).unwrap_err();
        assert!(matches!(err, ReadError::NotAReport(_)), "{err}");
        let report = report(PROFILE, "en").to_json();
        let bad = report.replacen(r#""status":"refer""#, r#""status":"urgent""#, 1);
        let err = cards_from_json(&bad, &options).unwrap_err();
        assert!(
            err.to_string().contains("unknown variant `urgent`"),
            "{err}"
        );
        let huge = " ".repeat(MAX_REPORT_JSON_BYTES + 1);
        assert_eq!(
            cards_from_json(&huge, &options).unwrap_err(),
            ReadError::TooLarge(MAX_REPORT_JSON_BYTES + 1)
        );
        let empty = r#"{"ruleset":{"id":"x","version":"1","digest":"d"},"asOf":"2026-01-01","locale":"en","nudges":[]}"#;
        assert_eq!(
            cards_from_json(empty, &options).unwrap().to_json(),
            r#"{"cards":[]}"#
        );
    }

    #[test]
    fn markup_in_a_report_is_escaped_and_only_web_links_are_kept() {
        let mut report = report(PROFILE, "en");
        let nudge = &mut report.nudges[0];
        nudge.message = "<script>alert(1)</script>\n# Heading [x](javascript:y)".to_string();
        nudge.title = "x".repeat(300);
        nudge.program = "not-a-program".to_string();
        nudge.sources[0].url = "javascript:alert(1)".to_string();
        let dup = nudge.sources[1].clone();
        nudge.sources.push(dup);
        let sources = nudge.sources.len();
        let card = cards(&report, &CardOptions::default()).cards.remove(0);
        assert!(card
            .detail
            .contains(r"> \<script\>alert(1)\</script\> \# Heading \[x\](javascript:y)"));
        assert!(!card.detail.contains("<script>"));
        assert_eq!(card.links.len(), sources - 2);
        assert!(card.links.iter().all(|l| l.url.starts_with("http")));
        assert_eq!(card.source.url.as_ref(), Some(&card.links[0].url));
        assert_eq!(card.summary.chars().count(), MAX_SUMMARY_CHARS);
        assert!(card.summary.ends_with('…'));
    }

    #[test]
    fn the_uuid_is_a_version_8_uuid_of_the_advice() {
        let report = report(PROFILE, "en");
        let response = cards(&report, &CardOptions { all: true });
        let mut seen = std::collections::BTreeSet::new();
        for card in &response.cards {
            let parts: Vec<&str> = card.uuid.split('-').collect();
            let lengths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
            assert_eq!(lengths, [8, 4, 4, 4, 12], "{}", card.uuid);
            assert!(parts[2].starts_with('8'));
            assert!("89ab".contains(&parts[3][..1]));
            assert!(seen.insert(card.uuid.clone()));
        }
        let french = cards(&self::report(PROFILE, "fr"), &CardOptions { all: true });
        assert_ne!(french.cards[0].uuid, response.cards[0].uuid);
        assert_eq!(cards(&report, &CardOptions { all: true }), response);
    }
}

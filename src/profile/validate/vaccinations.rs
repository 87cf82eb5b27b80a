//! Past vaccinations: which vaccine and when; the same vaccine on the same day only once.

use std::collections::BTreeSet;

use serde_json::Value;

use super::checker::{join, Checker};
use crate::codes::Vaccine;
use crate::date::Reading;
use crate::profile::{ProblemKind, Vaccination};

const VACCINATION_FIELDS: &[&str] = &["vaccine", "date"];

impl Checker {
    /// The vaccinations a person has had, each once.
    pub(super) fn vaccinations(&mut self, value: &Value) -> Option<Vec<Vaccination>> {
        let mut seen = BTreeSet::new();
        self.rows(
            "vaccinations",
            value,
            VACCINATION_FIELDS,
            |check, path, row| {
                let vaccine: Option<Vaccine> =
                    check.required_code(row, path, "vaccine", "dtp, influenza …");
                let day = check
                    .required(row, path, "date", "YYYY-MM-DD, YYYY-MM or YYYY")
                    .and_then(|v| check.event_date(&join(path, "date"), v, Reading::Earliest));
                let (vaccine, date) = (vaccine?, day?);
                if !seen.insert((vaccine, date)) {
                    check.problem(
                        path,
                        ProblemKind::DuplicateEntry,
                        format!("{vaccine} on {date} is listed twice"),
                    );
                    return None;
                }
                Some(Vaccination { vaccine, date })
            },
        )
    }
}

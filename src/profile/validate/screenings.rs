//! Past tests: which test, when, its result; the same test on the same day only once.

use std::collections::BTreeSet;

use serde_json::Value;

use super::checker::{join, Checker};
use crate::codes::{Test, TestResult};
use crate::date::Reading;
use crate::profile::{ProblemKind, Screening};

const SCREENING_FIELDS: &[&str] = &["test", "date", "result"];

impl Checker {
    /// The tests a person has had, each once.
    pub(super) fn screenings(&mut self, value: &Value) -> Option<Vec<Screening>> {
        // A set, not a scan of the list: a list of thousands of tests stays linear.
        let mut seen = BTreeSet::new();
        self.rows("screenings", value, SCREENING_FIELDS, |check, path, row| {
            let test: Option<Test> =
                check.required_code(row, path, "test", "mammography, fit, hpv-test …");
            let day = check
                .required(row, path, "date", "YYYY-MM-DD, YYYY-MM or YYYY")
                .and_then(|v| check.event_date(&join(path, "date"), v, Reading::Earliest));
            let result = match Checker::present(row, "result") {
                Some(v) => check.code(&join(path, "result"), v),
                None => Some(TestResult::Unknown),
            };
            let (test, date, result) = (test?, day?, result?);
            if !seen.insert((test, date)) {
                check.problem(
                    path,
                    ProblemKind::DuplicateEntry,
                    format!("{test} on {date} is listed twice"),
                );
                return None;
            }
            Some(Screening { test, date, result })
        })
    }
}

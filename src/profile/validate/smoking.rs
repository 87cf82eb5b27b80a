//! Smoking answers: status, pack-years and quit date, which must not contradict each other.

use serde_json::Value;

use super::checker::Checker;
use crate::codes::SmokingStatus;
use crate::date::Reading;
use crate::profile::{ProblemKind, Smoking};

const SMOKING_FIELDS: &[&str] = &["status", "packYears", "quitDate"];

impl Checker {
    /// Smoking answers; a quit date goes with a former smoker, pack-years not with a
    /// never-smoker.
    pub(super) fn smoking(&mut self, value: &Value) -> Option<Smoking> {
        let map = self.object("smoking", value, SMOKING_FIELDS)?;
        let status: Option<SmokingStatus> =
            Self::present(map, "status").and_then(|v| self.code("smoking.status", v));
        let pack_years = Self::present(map, "packYears")
            .and_then(|v| self.number("smoking.packYears", v, 0.0, 200.0, "pack-years"));
        let quit_date = Self::present(map, "quitDate")
            .and_then(|v| self.event_date("smoking.quitDate", v, Reading::Latest));
        if quit_date.is_some()
            && matches!(status, Some(SmokingStatus::Current | SmokingStatus::Never))
        {
            let said = status.map(|s| s.as_str()).unwrap_or_default();
            self.problem(
                "smoking.quitDate",
                ProblemKind::Contradiction,
                format!(
                    "is given, but smoking.status is \"{said}\"; a quit date goes with \"former\""
                ),
            );
        }
        if status == Some(SmokingStatus::Never) && pack_years.is_some_and(|p| p > 0.0) {
            self.problem(
                "smoking.packYears",
                ProblemKind::Contradiction,
                "is more than 0, but smoking.status is \"never\"".to_string(),
            );
        }
        Some(Smoking {
            status,
            pack_years,
            quit_date,
        })
    }
}

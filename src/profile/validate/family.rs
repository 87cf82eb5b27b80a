//! Relatives' diagnoses: who, which condition, and at what age when known.

use serde_json::Value;

use super::checker::{join, Checker};
use super::MAX_AGE;
use crate::codes::{Condition, Relation};
use crate::profile::FamilyHistory;

const FAMILY_FIELDS: &[&str] = &["relation", "condition", "ageAtDiagnosis"];

impl Checker {
    /// Relatives' diagnoses; a row without a known relation and condition says nothing.
    pub(super) fn family(&mut self, value: &Value) -> Option<Vec<FamilyHistory>> {
        self.rows("familyHistory", value, FAMILY_FIELDS, |check, path, row| {
            let relation: Option<Relation> =
                check.required_code(row, path, "relation", "mother, father, sister …");
            let condition: Option<Condition> =
                check.required_code(row, path, "condition", "breast-cancer, colorectal-cancer …");
            let age_at_diagnosis = Checker::present(row, "ageAtDiagnosis")
                .and_then(|v| check.whole_number(&join(path, "ageAtDiagnosis"), v, 0, MAX_AGE));
            Some(FamilyHistory {
                relation: relation?,
                condition: condition?,
                age_at_diagnosis,
            })
        })
    }
}

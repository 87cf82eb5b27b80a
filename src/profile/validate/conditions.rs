//! The person's conditions: codes, each listed once.

use serde_json::Value;

use super::checker::Checker;
use crate::codes::Condition;
use crate::profile::ProblemKind;

impl Checker {
    /// The person's conditions, each listed once.
    pub(super) fn conditions(&mut self, value: &Value) -> Option<Vec<Condition>> {
        let items = self.list("conditions", value)?;
        let mut conditions = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("conditions[{i}]");
            if let Some(code) = self.code::<Condition>(&path, item) {
                if conditions.contains(&code) {
                    self.problem(
                        &path,
                        ProblemKind::DuplicateEntry,
                        format!("\"{code}\" is listed twice"),
                    );
                } else {
                    conditions.push(code);
                }
            }
        }
        Some(conditions)
    }
}

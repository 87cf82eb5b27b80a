//! The person's conditions and ancestry: codes, each listed once.

use serde_json::Value;

use super::checker::{Checker, CodeList};
use crate::codes::{Ancestry, Condition};
use crate::profile::ProblemKind;

impl Checker {
    /// The person's conditions, each listed once.
    pub(super) fn conditions(&mut self, value: &Value) -> Option<Vec<Condition>> {
        self.code_set("conditions", value)
    }

    /// The person's ancestry, each listed once.
    pub(super) fn ancestry(&mut self, value: &Value) -> Option<Vec<Ancestry>> {
        self.code_set("ancestry", value)
    }

    /// A list of codes of one closed list at `field`, each listed once.
    fn code_set<T: CodeList + PartialEq + std::fmt::Display>(
        &mut self,
        field: &str,
        value: &Value,
    ) -> Option<Vec<T>> {
        let items = self.list(field, value)?;
        let mut codes = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("{field}[{i}]");
            if let Some(code) = self.code::<T>(&path, item) {
                if codes.contains(&code) {
                    self.problem(
                        &path,
                        ProblemKind::DuplicateEntry,
                        format!("\"{code}\" is listed twice"),
                    );
                } else {
                    codes.push(code);
                }
            }
        }
        Some(codes)
    }
}

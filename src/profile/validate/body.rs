//! Sex at birth, the organs a profile states, and pregnancy: what the body-based programmes read.

use serde_json::{Map, Value};

use super::checker::{join, Checker};
use crate::codes::{Organ, Sex};
use crate::profile::{ProblemKind, Profile};

impl Checker {
    /// Sex as recorded at birth: required.
    pub(super) fn sex(&mut self, map: &Map<String, Value>) -> Option<Sex> {
        self.required_code(map, "", "sex", "female or male")
    }

    /// The organs the profile states (`organs.cervix: false` after surgery …).
    pub(super) fn organs(&mut self, map: &Map<String, Value>) -> Vec<(Organ, bool)> {
        let mut organs = Vec::new();
        let Some(value) = Self::present(map, "organs") else {
            return organs;
        };
        let accepted: Vec<&str> = Organ::ALL.iter().map(|o| o.as_str()).collect();
        let Some(fields) = self.object("organs", value, &accepted) else {
            return organs;
        };
        for organ in Organ::ALL {
            if let Some(v) = Self::present(fields, organ.as_str()) {
                if let Some(present) = self.boolean(&join("organs", organ.as_str()), v) {
                    organs.push((*organ, present));
                }
            }
        }
        organs
    }

    /// Pregnancy needs a uterus, stated or implied by sex at birth.
    pub(super) fn pregnancy(&mut self, profile: &Profile) {
        if profile.pregnant == Some(true) && !profile.has_organ(Organ::Uterus) {
            self.problem(
                "pregnant",
                ProblemKind::Contradiction,
                "is true, but the profile has no uterus (see sex and organs)".to_string(),
            );
        }
    }
}

//! `calendar` as rules see it: the rule set's versioned facts — campaign dates, pilot and programme
//! start dates — each valid over a period, so a moving target is data in the manifest, never a date
//! buried in a rule.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{Datelike, NaiveDate};
use rhai::{Dynamic, NativeCallContext};

use super::{runtime_error, ScriptResult};
use crate::date::{self, Date};
use crate::facts::{Fact, FactLog, FactValue};

/// One period of a versioned fact, as loaded from the manifest's `[[fact]]` entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// The fact's name (`influenza-campaign`).
    pub name: String,
    /// First day it holds.
    pub from: NaiveDate,
    /// Last day it holds (inclusive); open-ended when `None`.
    pub until: Option<NaiveDate>,
    /// Whether it comes back every year on the same days, from `from` on.
    pub yearly: bool,
}

impl Period {
    /// Whether the period holds on `day`.
    pub fn holds_on(&self, day: NaiveDate) -> bool {
        self.from <= day && self.until.is_none_or(|until| day <= until)
    }

    /// The occurrence `n` years after the first (the period itself when `n` is 0); 29 February
    /// becomes 28 February in other years.
    fn occurrence(&self, n: i64) -> Option<Period> {
        Some(Period {
            name: self.name.clone(),
            from: date::plus_years(self.from, n)?,
            until: match self.until {
                Some(until) => Some(date::plus_years(until, n)?),
                None => None,
            },
            yearly: false,
        })
    }

    /// The occurrence that holds on `day`: the period itself, or for a yearly one the year's
    /// occurrence (which may have started the year before, for a period across New Year).
    pub fn on(&self, day: NaiveDate) -> Option<Period> {
        if !self.yearly {
            return self.holds_on(day).then(|| self.clone());
        }
        let years = i64::from(day.year() - self.from.year());
        [years - 1, years]
            .into_iter()
            .filter(|n| *n >= 0)
            .filter_map(|n| self.occurrence(n))
            .find(|p| p.holds_on(day))
    }

    /// The first occurrence that starts after `day`.
    pub fn after(&self, day: NaiveDate) -> Option<Period> {
        if !self.yearly {
            return (self.from > day).then(|| self.clone());
        }
        let years = i64::from(day.year() - self.from.year()).max(0);
        [years, years + 1]
            .into_iter()
            .filter_map(|n| self.occurrence(n))
            .find(|p| p.from > day)
    }
}

/// The versioned facts seen by one rule during one evaluation.
#[derive(Clone)]
pub struct Calendar {
    periods: Rc<[Period]>,
    today: NaiveDate,
    facts: Rc<RefCell<FactLog>>,
}

impl Calendar {
    /// The rule set's periods on `today`, recording what a rule reads into `facts`.
    pub fn new(periods: Rc<[Period]>, today: NaiveDate, facts: Rc<RefCell<FactLog>>) -> Calendar {
        Calendar {
            periods,
            today,
            facts,
        }
    }

    fn record(&self, fact: Fact) {
        if let Ok(mut log) = self.facts.try_borrow_mut() {
            log.record(fact);
        }
    }

    fn known(&self, ctx: &NativeCallContext, name: &str) -> ScriptResult<()> {
        if self.periods.iter().any(|p| p.name == name) {
            return Ok(());
        }
        let mut names: Vec<&str> = self.periods.iter().map(|p| p.name.as_str()).collect();
        names.dedup();
        Err(runtime_error(
            ctx,
            format!(
                "unknown versioned fact `{name}`; ruleset.toml declares: {}",
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            ),
        ))
    }

    fn found(&self, period: Option<&Period>, name: &str) -> Dynamic {
        match period {
            Some(period) => {
                let mut fields = vec![
                    ("name", FactValue::Text(period.name.clone())),
                    ("from", FactValue::Date(Date::exact(period.from))),
                ];
                let kind = match period.until {
                    Some(until) => {
                        fields.push(("until", FactValue::Date(Date::exact(until))));
                        "versioned-fact"
                    }
                    None => "versioned-fact-open",
                };
                self.record(Fact::new(kind, fields));
                Dynamic::from(period.clone())
            }
            None => {
                self.record(Fact::new(
                    "versioned-fact-none",
                    vec![("name", FactValue::Text(name.to_string()))],
                ));
                Dynamic::UNIT
            }
        }
    }

    /// The period of `name` (or occurrence of a yearly one) that holds on `day`, or `()`.
    fn on(&mut self, ctx: &NativeCallContext, name: &str, day: NaiveDate) -> ScriptResult<Dynamic> {
        self.known(ctx, name)?;
        let period = self
            .periods
            .iter()
            .filter(|p| p.name == name)
            .find_map(|p| p.on(day));
        Ok(self.found(period.as_ref(), name))
    }

    /// The earliest period of `name` (or occurrence of a yearly one) that starts after `day`, or
    /// `()`.
    fn next_after(
        &mut self,
        ctx: &NativeCallContext,
        name: &str,
        day: NaiveDate,
    ) -> ScriptResult<Dynamic> {
        self.known(ctx, name)?;
        let period = self
            .periods
            .iter()
            .filter(|p| p.name == name)
            .filter_map(|p| p.after(day))
            .min_by_key(|p| p.from);
        Ok(self.found(period.as_ref(), name))
    }
}

/// Registers `calendar.in_force(name)`, `calendar.next(name)`, `calendar.on(name, day)`,
/// `calendar.next_after(name, day)` and a period's `.from` and `.last_day` (`.until` too, for
/// hosts; it does not parse in a rule).
pub fn register(engine: &mut super::helpers::Helpers<'_>) {
    engine
        .register_type_with_name::<Calendar>("Calendar")
        .register_fn(
            "in_force",
            |ctx: NativeCallContext, c: &mut Calendar, name: &str| {
                let today = c.today;
                c.on(&ctx, name, today)
            },
        )
        .register_fn(
            "next",
            |ctx: NativeCallContext, c: &mut Calendar, name: &str| {
                let today = c.today;
                c.next_after(&ctx, name, today)
            },
        )
        .register_fn(
            "on",
            |ctx: NativeCallContext, c: &mut Calendar, name: &str, day: Date| {
                c.on(&ctx, name, day.day)
            },
        )
        .register_fn(
            "next_after",
            |ctx: NativeCallContext, c: &mut Calendar, name: &str, day: Date| {
                c.next_after(&ctx, name, day.day)
            },
        );
    engine
        .register_type_with_name::<Period>("Period")
        .register_get("name", |p: &mut Period| p.name.clone())
        .register_get("from", |p: &mut Period| Date::exact(p.from))
        .register_get("until", |p: &mut Period| {
            p.until
                .map_or(Dynamic::UNIT, |d| Dynamic::from(Date::exact(d)))
        })
        // `until` is a Rhai keyword (`do … until`): `.until` does not parse in a rule.
        .register_get("last_day", |p: &mut Period| {
            p.until
                .map_or(Dynamic::UNIT, |d| Dynamic::from(Date::exact(d)))
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        crate::date::parse(text).unwrap()
    }

    fn yearly(from: &str, until: &str) -> Period {
        Period {
            name: "season".to_string(),
            from: day(from),
            until: Some(day(until)),
            yearly: true,
        }
    }

    fn span(period: Option<Period>) -> Option<(String, String)> {
        period.map(|p| (p.from.to_string(), p.until.unwrap().to_string()))
    }

    #[test]
    fn a_yearly_period_across_new_year_holds_in_both_years() {
        let season = yearly("2026-10-15", "2027-01-31");
        let expected = Some(("2026-10-15".to_string(), "2027-01-31".to_string()));
        assert_eq!(span(season.on(day("2026-10-15"))), expected);
        assert_eq!(span(season.on(day("2027-01-31"))), expected);
        assert_eq!(season.on(day("2027-02-01")), None);
        assert_eq!(season.on(day("2026-10-14")), None);
        assert_eq!(
            span(season.on(day("2031-01-02"))),
            Some(("2030-10-15".to_string(), "2031-01-31".to_string()))
        );
    }

    #[test]
    fn a_yearly_period_never_holds_before_its_first_occurrence() {
        let season = yearly("2026-10-15", "2027-01-31");
        assert_eq!(season.on(day("2025-12-01")), None);
        assert_eq!(
            span(season.after(day("2020-01-01"))),
            Some(("2026-10-15".to_string(), "2027-01-31".to_string()))
        );
        assert_eq!(
            span(season.after(day("2026-10-15"))),
            Some(("2027-10-15".to_string(), "2028-01-31".to_string()))
        );
        assert_eq!(
            span(season.after(day("2027-10-14"))),
            Some(("2027-10-15".to_string(), "2028-01-31".to_string()))
        );
    }

    #[test]
    fn the_29th_of_february_becomes_the_28th_in_other_years() {
        let season = yearly("2024-02-29", "2024-03-10");
        assert_eq!(
            span(season.on(day("2025-02-28"))),
            Some(("2025-02-28".to_string(), "2025-03-10".to_string()))
        );
    }
}

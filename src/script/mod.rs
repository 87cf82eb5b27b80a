//! The helper API rules are written against (documented in `rules/README.md`): `person`, dates
//! and decisions. Everything here is registered by [`crate::sandbox`], the one place that builds
//! the engine.

pub mod calendar;
pub mod decision;
pub mod directory;
pub mod helpers;
pub mod person;

use chrono::Datelike;
use rhai::{Array, Engine, EvalAltResult, NativeCallContext};

use crate::date::{self, Date};

/// What a helper returns to Rhai.
pub type ScriptResult<T> = Result<T, Box<EvalAltResult>>;

/// An error raised by a helper, at the position of the call in the rule.
pub fn runtime_error(ctx: &NativeCallContext, message: String) -> Box<EvalAltResult> {
    Box::new(EvalAltResult::ErrorRuntime(
        message.into(),
        ctx.call_position(),
    ))
}

/// Reads an array of code strings.
pub fn codes_arg(ctx: &NativeCallContext, codes: Array) -> ScriptResult<Vec<String>> {
    codes
        .into_iter()
        .map(|c| {
            let type_name = c.type_name();
            c.into_string().map_err(|_| {
                runtime_error(
                    ctx,
                    format!("expected a list of codes (text), found {type_name}"),
                )
            })
        })
        .collect()
}

fn date_step(
    ctx: &NativeCallContext,
    day: Date,
    n: i64,
    unit: &str,
    step: fn(Date, i64) -> Option<Date>,
) -> ScriptResult<Date> {
    step(day, n)
        .ok_or_else(|| runtime_error(ctx, format!("{} plus {n} {unit} is out of range", day.day)))
}

/// Registers dates: construction, parts, arithmetic and comparison. A `Date` carries how
/// precisely it is known ([`date::Precision`]): arithmetic keeps it, `min` and `max` keep the
/// chosen date's, and comparisons use the day rules reason with.
fn register_dates(engine: &mut helpers::Helpers<'_>) {
    engine
        .register_type_with_name::<Date>("Date")
        .register_fn(
            "date",
            |ctx: NativeCallContext, text: &str| -> ScriptResult<Date> {
                date::parse(text).map(Date::exact).ok_or_else(|| {
                    runtime_error(
                        &ctx,
                        format!("`{text}` is not a date (expected YYYY-MM-DD)"),
                    )
                })
            },
        )
        .register_get("year", |d: &mut Date| i64::from(d.day.year()))
        .register_get("month", |d: &mut Date| i64::from(d.day.month()))
        .register_get("day", |d: &mut Date| i64::from(d.day.day()))
        .register_fn("plus_years", |ctx: NativeCallContext, d: Date, n: i64| {
            date_step(&ctx, d, n, "years", Date::plus_years)
        })
        .register_fn("plus_months", |ctx: NativeCallContext, d: Date, n: i64| {
            date_step(&ctx, d, n, "months", Date::plus_months)
        })
        .register_fn("plus_days", |ctx: NativeCallContext, d: Date, n: i64| {
            date_step(&ctx, d, n, "days", Date::plus_days)
        })
        .register_fn("years_between", |a: Date, b: Date| {
            date::years_between(a.day, b.day)
        })
        .register_fn("months_between", |a: Date, b: Date| {
            date::months_between(a.day, b.day)
        })
        .register_fn("min", Date::min)
        .register_fn("max", Date::max)
        .register_fn("min", |a: i64, b: i64| a.min(b))
        .register_fn("max", |a: i64, b: i64| a.max(b))
        .register_fn("<", |a: Date, b: Date| a.day < b.day)
        .register_fn("<=", |a: Date, b: Date| a.day <= b.day)
        .register_fn(">", |a: Date, b: Date| a.day > b.day)
        .register_fn(">=", |a: Date, b: Date| a.day >= b.day)
        .register_fn("==", |a: Date, b: Date| a.day == b.day)
        .register_fn("!=", |a: Date, b: Date| a.day != b.day)
        .register_fn("to_string", |d: &mut Date| d.day.to_string())
        .register_fn("to_debug", |d: &mut Date| d.day.to_string());
}

/// Registers the whole helper API; what was registered, for the fast path to call.
pub fn register(engine: &mut Engine) -> helpers::Natives {
    let mut helpers = helpers::Helpers::new(engine);
    register_dates(&mut helpers);
    person::register(&mut helpers);
    calendar::register(&mut helpers);
    decision::register(&mut helpers);
    directory::register(&mut helpers);
    helpers.into_natives()
}

#[cfg(vigie_tools)]
/// A closed list as the static checks see it: its name, a membership test, the accepted codes.
pub type CodeList = (&'static str, fn(&str) -> bool, fn() -> String);

/// Helpers whose text arguments are codes from a closed list, and which list.
#[cfg(vigie_tools)]
pub fn code_argument(helper: &str) -> Option<CodeList> {
    use crate::codes::{Ancestry, Branch, Condition, Organ, Test, Vaccine};
    match helper {
        "has_organ" => Some((Organ::WHAT, |c| Organ::parse(c).is_some(), Organ::accepted)),
        "has_condition" | "relatives" | "knows_condition" | "knows_family" => Some((
            Condition::WHAT,
            |c| Condition::parse(c).is_some(),
            Condition::accepted,
        )),
        "has_ancestry" => Some((
            Ancestry::WHAT,
            |c| Ancestry::parse(c).is_some(),
            Ancestry::accepted,
        )),
        "last_test" | "tests" | "knows_test" => {
            Some((Test::WHAT, |c| Test::parse(c).is_some(), Test::accepted))
        }
        "last_vaccination" | "vaccinations" | "knows_vaccination" => Some((
            Vaccine::WHAT,
            |c| Vaccine::parse(c).is_some(),
            Vaccine::accepted,
        )),
        "in_branch" => Some((
            Branch::WHAT,
            |c| Branch::parse(c).is_some(),
            Branch::accepted,
        )),
        _ => None,
    }
}

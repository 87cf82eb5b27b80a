//! What a rule decides: `due(…)`, `up_to_date(…)`, `upcoming(…)`, `refer(…)`, `info(…)`, `skip(…)`.

use std::rc::Rc;

use crate::date::Date;
use rhai::{Dynamic, NativeCallContext, Position};

use super::{runtime_error, ScriptResult};
use crate::report::Status;

/// The longest text a rule may give `skip(…)` or `.fill(…)`: a reason or a placeholder's value is
/// a short phrase, and whatever a rule gives ends up in the report.
pub const MAX_TEXT_CHARS: usize = 500;

/// The most placeholders one decision may fill.
pub const MAX_PARAMS: usize = 16;

/// The longest placeholder name `.fill(…)` takes: a name in a message, like `lastAge`.
pub const MAX_PARAM_NAME_CHARS: usize = 64;

/// `text`, unless it is longer than [`MAX_TEXT_CHARS`].
fn short_text(ctx: &NativeCallContext, what: &str, text: &str) -> ScriptResult<String> {
    let chars = text.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(runtime_error(
            ctx,
            format!("{what} is {chars} characters long; the limit is {MAX_TEXT_CHARS}"),
        ));
    }
    Ok(text.to_string())
}

/// A rule's verdict for its program.
#[derive(Debug, Clone)]
pub enum Verdict {
    /// A nudge with this status.
    Nudge(Status),
    /// No nudge: the person is not concerned; the text says why (for the trace).
    Skip(String),
}

/// A value given to a message placeholder with `.fill(name, value)`.
#[derive(Debug, Clone, PartialEq)]
pub enum Param {
    /// A day, written out in the locale.
    Date(Date),
    /// A whole number.
    Int(i64),
    /// A decimal number.
    Number(f64),
    /// Text; a known code is replaced by its label.
    Text(String),
    /// A phrase of the messages' `[phrases]`, by key, filled with the decision's other
    /// placeholders.
    Phrase(String),
}

/// What `phrase("key")` gives: a phrase of the messages' `[phrases]`, for `.fill(name, …)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase(String);

/// The decision a rule returns, with where in the rule it was taken.
///
/// Rhai does not measure values of this type against its size limits, so what may be long is
/// shared: copying a decision (`items.pad(1000, d)`) copies no text.
#[derive(Debug, Clone)]
pub struct Decision {
    /// Nudge or skip.
    pub verdict: Verdict,
    /// The due date, for `due`, `up-to-date` and `upcoming`.
    pub due_date: Option<Date>,
    /// Which message of the rule words it.
    pub message_key: Rc<str>,
    /// Extra message placeholders.
    pub params: Rc<Vec<(String, Param)>>,
    /// Where the decision helper was called.
    pub position: Position,
}

impl Decision {
    fn nudge(
        ctx: &NativeCallContext,
        status: Status,
        due_date: Option<Date>,
        key: &str,
    ) -> Decision {
        Decision {
            verdict: Verdict::Nudge(status),
            due_date,
            message_key: Rc::from(key),
            params: Rc::default(),
            position: ctx.call_position(),
        }
    }
}

fn fill(
    ctx: NativeCallContext,
    decision: &mut Decision,
    name: &str,
    value: Dynamic,
) -> ScriptResult<Decision> {
    let name_chars = name.chars().count();
    if name_chars > MAX_PARAM_NAME_CHARS {
        return Err(runtime_error(
            &ctx,
            format!(
                "the placeholder name given to fill(…) is {name_chars} characters long; the limit is {MAX_PARAM_NAME_CHARS}"
            ),
        ));
    }
    let param = if let Some(day) = value.clone().try_cast::<Date>() {
        Param::Date(day)
    } else if let Some(Phrase(key)) = value.clone().try_cast::<Phrase>() {
        Param::Phrase(key)
    } else if let Ok(n) = value.as_int() {
        Param::Int(n)
    } else if let Ok(x) = value.as_float() {
        Param::Number(x)
    } else if let Ok(text) = value.clone().into_string() {
        Param::Text(short_text(
            &ctx,
            &format!("the text given to fill(\"{name}\", …)"),
            &text,
        )?)
    } else if let Ok(b) = value.as_bool() {
        Param::Text(b.to_string())
    } else {
        return Err(runtime_error(
            &ctx,
            format!(
                "fill(\"{name}\", …) takes a date, a number, text or a phrase(…), not {}",
                value.type_name()
            ),
        ));
    };
    let mut params: Vec<(String, Param)> = decision
        .params
        .iter()
        .filter(|(n, _)| n != name)
        .cloned()
        .collect();
    if params.len() >= MAX_PARAMS {
        return Err(runtime_error(
            &ctx,
            format!("fill(\"{name}\", …) would fill more than {MAX_PARAMS} placeholders"),
        ));
    }
    params.push((name.to_string(), param));
    Ok(Decision {
        params: Rc::new(params),
        message_key: Rc::clone(&decision.message_key),
        ..decision.clone()
    })
}

/// Registers the decision helpers.
pub fn register(engine: &mut super::helpers::Helpers<'_>) {
    engine
        .register_type_with_name::<Decision>("Decision")
        .register_fn("due", |ctx: NativeCallContext, day: Date| {
            Decision::nudge(&ctx, Status::Due, Some(day), Status::Due.as_str())
        })
        .register_fn("due", |ctx: NativeCallContext, day: Date, key: &str| {
            Decision::nudge(&ctx, Status::Due, Some(day), key)
        })
        .register_fn("up_to_date", |ctx: NativeCallContext, day: Date| {
            Decision::nudge(&ctx, Status::UpToDate, Some(day), Status::UpToDate.as_str())
        })
        .register_fn(
            "up_to_date",
            |ctx: NativeCallContext, day: Date, key: &str| {
                Decision::nudge(&ctx, Status::UpToDate, Some(day), key)
            },
        )
        .register_fn("upcoming", |ctx: NativeCallContext, day: Date| {
            Decision::nudge(&ctx, Status::Upcoming, Some(day), Status::Upcoming.as_str())
        })
        .register_fn(
            "upcoming",
            |ctx: NativeCallContext, day: Date, key: &str| {
                Decision::nudge(&ctx, Status::Upcoming, Some(day), key)
            },
        )
        .register_fn("refer", |ctx: NativeCallContext, key: &str| {
            Decision::nudge(&ctx, Status::Refer, None, key)
        })
        .register_fn("info", |ctx: NativeCallContext, key: &str| {
            Decision::nudge(&ctx, Status::Info, None, key)
        })
        .register_fn(
            "skip",
            |ctx: NativeCallContext, why: &str| -> ScriptResult<Decision> {
                Ok(Decision {
                    verdict: Verdict::Skip(short_text(&ctx, "the reason given to skip(…)", why)?),
                    due_date: None,
                    message_key: Rc::from(""),
                    params: Rc::default(),
                    position: ctx.call_position(),
                })
            },
        )
        .register_fn("fill", fill);
    engine
        .register_type_with_name::<Phrase>("Phrase")
        .register_fn(
            "phrase",
            |ctx: NativeCallContext, key: &str| -> ScriptResult<Phrase> {
                Ok(Phrase(short_text(&ctx, "the key given to phrase(…)", key)?))
            },
        );
}

//! The one place that builds the Rhai engine rules run in.
//!
//! A raw engine with only the packages rules need — arithmetic, logic, strings, ranges, arrays and
//! function pointers; no maths or map functions (object maps still work), which keeps the wasm
//! module small — and no `eval`, modules, file or clock access, or `sleep`. Strict variables, an
//! error on unknown map properties, limits on operations, call depth, expression depth, string,
//! array and map sizes, and a wall-clock deadline per rule that
//! works on wasm too (it reads the clock through chrono, not `std::time::Instant`). Maps cannot
//! grow by index, and what would let one operation dodge the limits or the deadline (`sort` and
//! `dedup` with a comparator, a whole array or map as text) is refused. `tests/hostile/` tries them.

use std::cell::Cell;
use std::rc::Rc;

use chrono::NaiveDate;
use rhai::packages::{
    ArithmeticPackage, BasicArrayPackage, BasicFnPackage, BasicIteratorPackage, BasicStringPackage,
    LogicPackage, Package,
};
#[cfg(not(target_arch = "wasm32"))]
use rhai::OptimizationLevel;
use rhai::{
    Array, Caches, Dynamic, Engine, EvalAltResult, FnPtr, Map, NativeCallContext, ParseError,
    Position, Scope, AST,
};

use crate::script;
use crate::script::calendar::Calendar;
use crate::script::directory::DirectoryView;
use crate::script::person::Person;

/// The sandbox limits, the same for every rule set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Operations one rule may perform in one evaluation.
    pub max_operations: u64,
    /// Nested function calls.
    pub max_call_levels: usize,
    /// Nesting depth of expressions at top level and in functions.
    pub max_expr_depth: usize,
    /// Nesting depth of expressions inside functions.
    pub max_function_expr_depth: usize,
    /// Characters in one string.
    pub max_string_size: usize,
    /// Items in one array.
    pub max_array_size: usize,
    /// Entries in one object map.
    pub max_map_size: usize,
    /// Wall-clock milliseconds one rule may run in one evaluation.
    pub deadline_ms: i64,
}

/// The limits in force.
pub const LIMITS: Limits = Limits {
    max_operations: 200_000,
    max_call_levels: 32,
    max_expr_depth: 64,
    max_function_expr_depth: 32,
    max_string_size: 10_000,
    max_array_size: 1_000,
    max_map_size: 1_000,
    deadline_ms: 50,
};

/// Marks an evaluation stopped by the wall-clock deadline.
pub const DEADLINE_TOKEN: &str = "deadline";

/// Operations a rule may run before the clock is first read. The French rules need fewer than
/// 256, so a normal rule never reads it: a busy machine that pauses a thread for longer than the
/// deadline cannot stop one, and the same input keeps giving the same report.
const CLOCK_AFTER: u64 = 320;

/// How often (in operations) the clock is then read; reading it on every operation would be
/// costly. One operation can be long — comparing two arrays of the largest size, turning one into
/// text — so the deadline is passed by at most this many of them.
const CLOCK_EVERY: u64 = 16;

/// A sandboxed engine and its per-rule deadline.
pub struct Sandbox {
    engine: Engine,
    limits: Limits,
    deadline_ms: Rc<Cell<i64>>,
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// `sort`, `sort_by` and `dedup` with a comparator: refused (see [`Sandbox::with_limits`]).
fn refuse_comparator(
    ctx: NativeCallContext,
    _: &mut Array,
    _: FnPtr,
) -> Result<(), Box<EvalAltResult>> {
    Err(Box::new(EvalAltResult::ErrorRuntime(
        format!(
            "{}(…) with a comparator is not available to rules; sort() without one sorts numbers and text",
            ctx.fn_name()
        )
        .into(),
        ctx.call_position(),
    )))
}

/// `to_string` and the like of an array or map: refused (see [`Sandbox::with_limits`]).
fn refuse_as_text<T: rhai::Variant + Clone>(
    ctx: NativeCallContext,
    _: &mut T,
) -> Result<String, Box<EvalAltResult>> {
    Err(Box::new(EvalAltResult::ErrorRuntime(
        format!(
            "{}(…) of a whole array or map is not available to rules",
            ctx.fn_name()
        )
        .into(),
        ctx.call_position(),
    )))
}

impl Sandbox {
    /// Builds the engine with [`LIMITS`]. Costly compared with evaluating a rule: build once, reuse.
    pub fn new() -> Sandbox {
        Sandbox::with_limits(LIMITS)
    }

    /// Builds the engine with other limits (a `max_operations` of 0 means no operation limit).
    pub fn with_limits(limits: Limits) -> Sandbox {
        let mut engine = Engine::new_raw();
        for package in [
            ArithmeticPackage::new().as_shared_module(),
            LogicPackage::new().as_shared_module(),
            BasicStringPackage::new().as_shared_module(),
            BasicIteratorPackage::new().as_shared_module(),
            BasicArrayPackage::new().as_shared_module(),
            BasicFnPackage::new().as_shared_module(),
        ] {
            engine.register_global_module(package);
        }
        engine
            .set_strict_variables(true)
            .set_fail_on_invalid_map_property(true)
            .set_max_operations(limits.max_operations)
            .set_max_call_levels(limits.max_call_levels)
            .set_max_expr_depths(limits.max_expr_depth, limits.max_function_expr_depth)
            .set_max_string_size(limits.max_string_size)
            .set_max_array_size(limits.max_array_size)
            .set_max_map_size(limits.max_map_size)
            .disable_symbol("eval");
        #[cfg(not(target_arch = "wasm32"))]
        engine.set_optimization_level(OptimizationLevel::Simple);
        engine.on_print(|_| {});
        engine.on_debug(|_, _, _| {});

        let deadline_ms = Rc::new(Cell::new(i64::MAX));
        let deadline = Rc::clone(&deadline_ms);
        engine.on_progress(move |operations| {
            if operations >= CLOCK_AFTER
                && operations % CLOCK_EVERY == 0
                && now_ms() > deadline.get()
            {
                Some(Dynamic::from(DEADLINE_TOKEN))
            } else {
                None
            }
        });

        // A map has the entries its literal gives it. Rhai does not check the map limit when an
        // index assignment (`m[key] = v`) adds an entry, nor count keys in any limit, so a rule
        // could otherwise grow a map of long keys without bound.
        engine.on_map_missing_property(|_, property, _| {
            Err(Box::new(EvalAltResult::ErrorPropertyNotFound(
                property.to_string(),
                Position::NONE,
            )))
        });
        // Rhai's `sort` and `dedup` with a comparator ignore the comparator's errors — the
        // operation limit and the deadline included — and carry on; rules have no need of them.
        engine
            .register_fn("sort", refuse_comparator)
            .register_fn("sort_by", refuse_comparator)
            .register_fn("dedup", refuse_comparator);
        // Turning a whole array or map into text is one operation that formats every item; in a
        // loop it could outrun the deadline, and no rule needs it (a nudge's words come from its
        // messages).
        for name in ["to_string", "to_debug", "print", "debug"] {
            engine
                .register_fn(name, refuse_as_text::<Array>)
                .register_fn(name, refuse_as_text::<Map>);
        }

        script::register(&mut engine);
        Sandbox {
            engine,
            limits,
            deadline_ms,
        }
    }

    /// Builds the engine with other limits and Rhai's optimiser off. Natively rules are compiled
    /// with `OptimizationLevel::Simple` (the wasm build has no optimiser): the differential tests
    /// compile every rule set both ways and check that every case gives the same report.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn unoptimised(limits: Limits) -> Sandbox {
        let mut sandbox = Sandbox::with_limits(limits);
        sandbox
            .engine
            .set_optimization_level(OptimizationLevel::None);
        sandbox
    }

    /// The limits in force in this sandbox.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The engine, for static checks of compiled rules.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Compiles one rule, knowing the variables `person`, `today`, `calendar` and `directory`.
    pub fn compile(&self, source: &str) -> Result<AST, ParseError> {
        let mut scope = Scope::new();
        // Pushed as variables, not constants, so the optimiser cannot inline them.
        scope.push_dynamic("person", Dynamic::UNIT);
        scope.push_dynamic("today", Dynamic::UNIT);
        scope.push_dynamic("calendar", Dynamic::UNIT);
        scope.push_dynamic("directory", Dynamic::UNIT);
        self.engine.compile_with_scope(&scope, source)
    }

    /// Runs one compiled rule for `person` on `today`, within the limits and the deadline.
    ///
    /// `caches` is the rule's own function-resolution cache, kept between runs: Rhai's public
    /// `eval_ast*` calls start from an empty one each time, and resolving every function again
    /// was a sixth of an evaluation. A cache belongs to one rule (one AST), so a function a rule
    /// defines never resolves for another; entries are keyed by name and argument types.
    pub fn run(
        &self,
        ast: &AST,
        caches: &mut Caches,
        person: Person,
        calendar: Calendar,
        directory: DirectoryView,
        today: NaiveDate,
    ) -> Result<Dynamic, Box<EvalAltResult>> {
        let mut scope = Scope::new();
        scope.push("person", person);
        scope.push("today", today);
        scope.push("calendar", calendar);
        scope.push("directory", directory);
        // What `Engine::eval_ast_with_scope` does, with the rule's cache instead of a new one.
        let mut global = self.engine.new_global_runtime_state();
        global.lib.push(ast.shared_lib().clone());
        let _ = caches.fn_resolution_cache_mut(); // the top level's cache, kept
        let depth = caches.fn_resolution_caches_len();
        self.deadline_ms
            .set(now_ms().saturating_add(self.limits.deadline_ms));
        #[allow(deprecated)] // the internals call that takes caches; still in rhai 1.x
        let outcome =
            self.engine
                .eval_statements_raw(&mut global, caches, &mut scope, ast.statements());
        self.deadline_ms.set(i64::MAX);
        // Calls that failed midway may leave their own caches stacked.
        caches.rewind_fn_resolution_caches(depth);
        outcome
    }
}

impl Default for Sandbox {
    fn default() -> Self {
        Sandbox::new()
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;
    use crate::facts::FactLog;
    use crate::profile::Profile;

    fn run(sandbox: &Sandbox, source: &str) -> Result<Dynamic, Box<EvalAltResult>> {
        let today = crate::date::parse("2026-01-15").unwrap();
        let profile = Profile::from_json(r#"{"age": 50, "sex": "female"}"#, today).unwrap();
        let person = Person::new(
            Rc::new(profile),
            today,
            Rc::new(RefCell::new(FactLog::default())),
        );
        let calendar = Calendar::new(
            Rc::from(Vec::new()),
            today,
            Rc::new(RefCell::new(FactLog::default())),
        );
        let directory = DirectoryView::new(
            Rc::new(Default::default()),
            Rc::new(RefCell::new(FactLog::default())),
        );
        let ast = sandbox.compile(source).unwrap();
        sandbox.run(&ast, &mut Caches::new(), person, calendar, directory, today)
    }

    #[test]
    fn the_deadline_stops_a_rule_even_without_an_operation_limit() {
        let sandbox = Sandbox::with_limits(Limits {
            max_operations: 0,
            deadline_ms: 30,
            ..LIMITS
        });
        let started = std::time::Instant::now();
        let err = run(&sandbox, "loop { }").unwrap_err();
        assert!(
            matches!(*err, EvalAltResult::ErrorTerminated(ref token, _) if token.to_string() == DEADLINE_TOKEN)
        );
        assert!(started.elapsed() < std::time::Duration::from_millis(500));
        // The deadline is per run: the next rule gets its own.
        assert_eq!(run(&sandbox, "40 + 2").unwrap().as_int().unwrap(), 42);
    }

    #[test]
    fn a_rule_keeps_its_function_cache_across_runs_even_after_a_failure_midway() {
        let sandbox = Sandbox::new();
        let today = crate::date::parse("2026-01-15").unwrap();
        let ast = sandbox
            .compile(
                "fn check(age) { if age > 40 { throw \"too old\" } age + 1 } check(person.age)",
            )
            .unwrap();
        let mut caches = Caches::new();
        for (age, expected) in [
            (30, Some(31)),
            (50, None),
            (20, Some(21)),
            (60, None),
            (10, Some(11)),
        ] {
            let profile =
                Profile::from_json(&format!(r#"{{"age": {age}, "sex": "male"}}"#), today).unwrap();
            let log = Rc::new(RefCell::new(FactLog::default()));
            let person = Person::new(Rc::new(profile), today, Rc::clone(&log));
            let calendar = Calendar::new(Rc::from(Vec::new()), today, Rc::clone(&log));
            let directory = DirectoryView::new(Rc::new(Default::default()), log);
            let outcome = sandbox.run(&ast, &mut caches, person, calendar, directory, today);
            assert_eq!(
                outcome.ok().and_then(|v| v.as_int().ok()),
                expected,
                "age {age}"
            );
            // Only the top level's cache is kept, whatever happened inside the call.
            assert_eq!(caches.fn_resolution_caches_len(), 1);
        }
    }

    #[test]
    fn eval_modules_and_undeclared_variables_are_refused() {
        let sandbox = Sandbox::new();
        assert!(sandbox.compile("eval(\"1\")").is_err());
        assert!(sandbox.compile("import \"x\" as y; 1").is_err());
        assert!(sandbox.compile("nobody + 1").is_err());
        assert!(run(&sandbox, "let m = #{a: 1}; m.b").is_err());
        assert!(run(&sandbox, "sleep(1)").is_err());
    }
}

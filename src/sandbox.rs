//! The one place that builds the Rhai engine rules run in.
//!
//! A raw engine with only the packages rules need — arithmetic, logic, strings, ranges, arrays and
//! function pointers; no maths or map functions (object maps still work), which keeps the wasm
//! module small — and no `eval`, modules, file or clock access, or `sleep`. The same Rhai
//! features natively and in wasm (no closures on either). Strict variables, an error on unknown
//! map properties, limits on operations, call depth, variables per call, expression depth, string,
//! array and map sizes, a wall-clock deadline per rule that works on wasm too (it reads the clock
//! through chrono, not `std::time::Instant`), and a budget of operations and time per evaluation.
//! Maps cannot grow by index, and what would let one operation dodge the limits or the deadline
//! is refused: `curry` (curried values escape Rhai's size checks), sorting with a comparator, the
//! array functions that call a function per item, a whole array or map as text. Together the
//! limits bound one rule's memory ([`memory_bound`]); the wasm module also meters it.
//! `tests/hostile/` tries them.

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

use crate::fast::{self, FastRule, Outcome};
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
    /// Variables one function call (or a rule's top level) may hold at once, its arguments
    /// included. With the call depth and the size limits, it bounds one evaluation's memory.
    pub max_variables: usize,
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
    /// Operations every rule of one evaluation may perform together (0: no such budget). Once
    /// they are spent, each remaining rule may still run [`GRACE_OPERATIONS`].
    pub evaluation_operations: u64,
    /// Wall-clock milliseconds every rule of one evaluation may run together. Once they are
    /// spent, a remaining rule is stopped at its first look at the clock (after
    /// [`GRACE_OPERATIONS`] operations).
    pub evaluation_ms: i64,
}

/// The limits in force.
pub const LIMITS: Limits = Limits {
    max_operations: 200_000,
    max_call_levels: 16,
    max_variables: 32,
    max_expr_depth: 64,
    max_function_expr_depth: 32,
    max_string_size: 10_000,
    max_array_size: 1_000,
    max_map_size: 1_000,
    deadline_ms: 50,
    evaluation_operations: 1_000_000,
    evaluation_ms: 250,
};

/// What one value within the size limits takes at most in memory, in bytes, about: 1 000 items
/// of an array or map (each a boxed value when nested: about 48 bytes) and 10 000 characters of
/// text, with the allocator's overhead. Map keys are not counted by Rhai: a rule cannot add one
/// (see [`Sandbox::with_limits`]), so they come from the rule's own text.
pub const MAX_VALUE_BYTES: usize = 64 * 1024;

/// The memory one rule's values may take at once: every frame of the call depth (and the rule's
/// top level) holding its variables, each a value at its largest. Natively this is a bound by
/// construction, not a meter; the hostile corpus checks it (`many-big-values-in-every-frame`).
pub const fn memory_bound(limits: &Limits) -> usize {
    (limits.max_call_levels + 1) * limits.max_variables * MAX_VALUE_BYTES
}

/// Marks an evaluation stopped by the wall-clock deadline.
pub const DEADLINE_TOKEN: &str = "deadline";

/// Marks a rule stopped because the evaluation's operations budget is spent.
pub const BUDGET_OPERATIONS_TOKEN: &str = "evaluation-operations";

/// Marks a rule stopped because the evaluation's time budget is spent.
pub const BUDGET_TIME_TOKEN: &str = "evaluation-time";

/// Marks a rule stopped because the wasm module's memory grew past [`memory_bound`] during it.
pub const MEMORY_TOKEN: &str = "memory";

/// Operations a rule may run before the clock is first read. The French rules need fewer than
/// 256, so a normal rule never reads it: a busy machine that pauses a thread for longer than the
/// deadline cannot stop one, and the same input keeps giving the same report.
const CLOCK_AFTER: u64 = 320;

/// How often (in operations) the clock is then read; reading it on every operation would be
/// costly. One operation can be long — comparing two arrays of the largest size, turning one into
/// text — so the deadline is passed by at most this many of them.
const CLOCK_EVERY: u64 = 16;

/// Operations a rule may still run once its evaluation's budget is spent: what a normal rule
/// needs (the French rules, fewer than 256), so that one hostile rule, or a hundred, cannot take
/// the other rules' nudges away, and each further one is stopped within these.
pub const GRACE_OPERATIONS: u64 = CLOCK_AFTER;

/// What is left of one evaluation's budget (see [`Limits::evaluation_operations`] and
/// [`Limits::evaluation_ms`]); [`Sandbox::budget`] starts one, [`Sandbox::run`] spends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// When the evaluation's time is up (milliseconds since the epoch).
    deadline_ms: i64,
    /// Operations left; `None` when there is no operations budget.
    operations_left: Option<u64>,
}

impl Budget {
    /// Whether the operations or the time are spent: the next rule gets only its grace.
    pub fn is_spent(&self) -> bool {
        self.operations_left == Some(0) || now_ms() > self.deadline_ms
    }
}

/// The clock and operation limits of the run in progress, read by the progress callback.
struct Watch {
    /// When the rule's own deadline is up.
    rule_deadline_ms: Cell<i64>,
    /// When the evaluation's time is up.
    evaluation_deadline_ms: Cell<i64>,
    /// Operations this run may perform before the evaluation's budget stops it.
    operations_allowed: Cell<u64>,
    /// The wasm module's memory, in 64 KiB pages, past which this run is stopped.
    #[cfg(target_arch = "wasm32")]
    memory_pages_allowed: Cell<usize>,
}

/// The wasm module's linear memory, in 64 KiB pages: it only grows, so its size during a run,
/// compared with its size when the run started, is what the run has taken at least.
#[cfg(target_arch = "wasm32")]
fn memory_pages() -> usize {
    core::arch::wasm32::memory_size::<0>()
}

/// What one rule reads in one evaluation: the person, the rule set's versioned facts and
/// directories, and the day.
pub struct RuleInputs {
    /// `person`.
    pub person: Person,
    /// `calendar`.
    pub calendar: Calendar,
    /// `directory`.
    pub directory: DirectoryView,
    /// `today`.
    pub today: NaiveDate,
}

/// A sandboxed engine, its per-rule deadline and the budget of the evaluation in progress.
pub struct Sandbox {
    engine: Engine,
    limits: Limits,
    watch: Rc<Watch>,
    /// The helper API's functions, for the fast path to call.
    natives: script::helpers::Natives,
    /// Whether rules are compiled for the fast path too ([`Sandbox::without_fast_path`]).
    fast_path: bool,
    /// The operations each rule run spent, when recorded ([`Sandbox::record_operations`]).
    spent: std::cell::RefCell<Option<Vec<u64>>>,
    /// Rule runs the fast path finished, and those it left to the interpreter.
    fast_runs: Cell<(u64, u64)>,
    /// The runtime state a helper's call context holds on the fast path (built once: building
    /// it per run would allocate for nothing).
    fast_global: rhai::GlobalRuntimeState,
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

/// An array function that calls a function pointer for each item (`map`, `filter`, `for_each` …):
/// refused (see [`Sandbox::with_limits`]).
fn refuse_callback(ctx: NativeCallContext) -> Box<EvalAltResult> {
    Box::new(EvalAltResult::ErrorRuntime(
        format!(
            "{}(…) with a function is not available to rules; loop over the array with `for`",
            ctx.fn_name()
        )
        .into(),
        ctx.call_position(),
    ))
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
            .set_max_variables(limits.max_variables)
            .set_max_expr_depths(limits.max_expr_depth, limits.max_function_expr_depth)
            .set_max_string_size(limits.max_string_size)
            .set_max_array_size(limits.max_array_size)
            .set_max_map_size(limits.max_map_size)
            .disable_symbol("eval")
            // A function pointer's curried arguments escape Rhai's data-size checks, and copying
            // the pointer copies them all in one operation (`f = f.curry(f)` doubles it; one
            // `pad` makes a thousand copies): rules have no use for currying.
            .disable_symbol("curry");
        #[cfg(not(target_arch = "wasm32"))]
        engine.set_optimization_level(OptimizationLevel::Simple);
        engine.on_print(|_| {});
        engine.on_debug(|_, _, _| {});

        let watch = Rc::new(Watch {
            rule_deadline_ms: Cell::new(i64::MAX),
            evaluation_deadline_ms: Cell::new(i64::MAX),
            operations_allowed: Cell::new(u64::MAX),
            #[cfg(target_arch = "wasm32")]
            memory_pages_allowed: Cell::new(usize::MAX),
        });
        let watching = Rc::clone(&watch);
        engine.on_progress(move |operations| {
            if operations > watching.operations_allowed.get() {
                return Some(Dynamic::from(BUDGET_OPERATIONS_TOKEN));
            }
            if operations % CLOCK_EVERY != 0 {
                return None;
            }
            // In the wasm module, a meter besides the bound by construction: the module's memory
            // may not grow by more than the bound during one rule (read at every 16 operations).
            #[cfg(target_arch = "wasm32")]
            if memory_pages() > watching.memory_pages_allowed.get() {
                return Some(Dynamic::from(MEMORY_TOKEN));
            }
            if operations < CLOCK_AFTER {
                return None;
            }
            let now = now_ms();
            if now > watching.rule_deadline_ms.get() {
                Some(Dynamic::from(DEADLINE_TOKEN))
            } else if now > watching.evaluation_deadline_ms.get() {
                Some(Dynamic::from(BUDGET_TIME_TOKEN))
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
        // `order` and `order_by` sort a copy the same way.
        engine
            .register_fn("sort", refuse_comparator)
            .register_fn("sort_by", refuse_comparator)
            .register_fn("order", refuse_comparator)
            .register_fn("order_by", refuse_comparator)
            .register_fn("dedup", refuse_comparator);
        // Rhai's other array functions that call a function for each item bind the item, mutable,
        // to `this`: `items.for_each(|| this = …)` grows every item and nothing measures the array
        // afterwards; and `map` and `zip` collect a thousand results before measuring them. The
        // French rules loop with `for`, which every limit watches.
        type Refused = Result<(), Box<EvalAltResult>>;
        for name in [
            "for_each",
            "map",
            "filter",
            "index_of",
            "find",
            "find_map",
            "some",
            "all",
            "reduce",
            "reduce_rev",
            "drain",
            "retain",
        ] {
            engine.register_fn(
                name,
                |ctx: NativeCallContext, _: &mut Array, _: FnPtr| -> Refused {
                    Err(refuse_callback(ctx))
                },
            );
        }
        for name in ["index_of", "find", "find_map"] {
            engine.register_fn(
                name,
                |ctx: NativeCallContext, _: &mut Array, _: FnPtr, _: rhai::INT| -> Refused {
                    Err(refuse_callback(ctx))
                },
            );
        }
        for name in ["reduce", "reduce_rev"] {
            engine.register_fn(
                name,
                |ctx: NativeCallContext, _: &mut Array, _: FnPtr, _: Dynamic| -> Refused {
                    Err(refuse_callback(ctx))
                },
            );
        }
        engine.register_fn(
            "zip",
            |ctx: NativeCallContext, _: &mut Array, _: Array, _: FnPtr| -> Refused {
                Err(refuse_callback(ctx))
            },
        );
        // Turning a whole array or map into text is one operation that formats every item; in a
        // loop it could outrun the deadline, and no rule needs it (a nudge's words come from its
        // messages).
        for name in ["to_string", "to_debug", "print", "debug"] {
            engine
                .register_fn(name, refuse_as_text::<Array>)
                .register_fn(name, refuse_as_text::<Map>);
        }

        let natives = script::register(&mut engine);
        let fast_global = engine.new_global_runtime_state();
        Sandbox {
            fast_global,
            engine,
            limits,
            watch,
            natives,
            fast_path: true,
            spent: std::cell::RefCell::new(None),
            fast_runs: Cell::new((0, 0)),
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

    /// The same sandbox, with every rule run on Rhai's interpreter: the reference the fast path
    /// ([`crate::fast`]) is compared with.
    pub fn without_fast_path(mut self) -> Sandbox {
        self.fast_path = false;
        self
    }

    /// Whether rules compiled in this sandbox get a fast path when they can.
    pub fn has_fast_path(&self) -> bool {
        self.fast_path
    }

    /// Starts (or stops) recording the operations each rule run spends, for the differential
    /// tests; [`Sandbox::recorded_operations`] takes them.
    #[doc(hidden)]
    pub fn record_operations(&self, on: bool) {
        *self.spent.borrow_mut() = on.then(Vec::new);
    }

    /// The operations each rule run spent since the recording started (and clears them).
    #[doc(hidden)]
    pub fn recorded_operations(&self) -> Vec<u64> {
        self.spent
            .borrow_mut()
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Rule runs the fast path finished, and those it left to the interpreter, so far.
    #[doc(hidden)]
    pub fn fast_runs(&self) -> (u64, u64) {
        self.fast_runs.get()
    }

    fn record(&self, operations: u64) {
        if let Some(spent) = self.spent.borrow_mut().as_mut() {
            spent.push(operations);
        }
    }

    /// Compiles a rule (compiled by [`Sandbox::compile`] from `source`) for the fast path, when
    /// this sandbox has one and the rule uses only what it covers.
    pub(crate) fn compile_fast(&self, source: &str, ast: &AST) -> Option<FastRule> {
        if !self.fast_path {
            return None;
        }
        fast::compile(
            &self.engine,
            &self.natives,
            source,
            ast,
            self.limits.max_variables,
        )
    }

    /// Runs a rule on the fast path: its value, having spent from `budget` what the interpreter
    /// would have; `None` when the interpreter must run it instead (with fresh inputs: what this
    /// run recorded is to be dropped), `budget` then untouched.
    ///
    /// The fast path stays within the operations the budget and the limit allow, and at every
    /// [`CLOCK_EVERY`] operations asks what the progress callback would: in the wasm module,
    /// whether memory grew past the bound, and from [`CLOCK_AFTER`] on, whether the rule's or the
    /// evaluation's time is up. Where the callback might stop the rule, the fast run stops and
    /// the interpreter runs it from scratch and decides; everywhere else the callback would have
    /// let the rule go on, so the outcome is the interpreter's, deadline included.
    pub(crate) fn run_fast(
        &self,
        rule: &FastRule,
        inputs: RuleInputs,
        budget: &mut Budget,
    ) -> Option<Dynamic> {
        let allowed = self.operations_allowed(budget);
        let mut most = allowed;
        if self.limits.max_operations > 0 {
            most = most.min(self.limits.max_operations);
        }
        let started = now_ms();
        let rule_deadline = started.saturating_add(self.limits.deadline_ms);
        #[cfg(target_arch = "wasm32")]
        let memory_allowed = memory_pages().saturating_add(memory_bound(&self.limits) / 65_536);
        let watch = |operations: u64| {
            #[cfg(target_arch = "wasm32")]
            if memory_pages() > memory_allowed {
                return true;
            }
            if operations < CLOCK_AFTER {
                return false;
            }
            let now = now_ms();
            now > rule_deadline || now > budget.deadline_ms
        };
        let bounds = fast::Bounds {
            operations: most,
            watch: &watch,
            watch_every: CLOCK_EVERY,
            max_string: self.limits.max_string_size,
            max_array: self.limits.max_array_size,
        };
        let variables = vec![
            Dynamic::from(inputs.person),
            Dynamic::from(crate::date::Date::exact(inputs.today)),
            Dynamic::from(inputs.calendar),
            Dynamic::from(inputs.directory),
        ];
        match rule.run(&self.engine, &self.fast_global, variables, &bounds) {
            Outcome::Finished(value, operations) => {
                if let Some(left) = budget.operations_left.as_mut() {
                    *left = left.saturating_sub(operations);
                }
                self.record(operations);
                let (finished, fell_back) = self.fast_runs.get();
                self.fast_runs.set((finished + 1, fell_back));
                Some(value)
            }
            Outcome::Fallback => {
                let (finished, fell_back) = self.fast_runs.get();
                self.fast_runs.set((finished, fell_back + 1));
                None
            }
        }
    }

    /// The operations the evaluation's budget lets the next rule run: Rhai's own limit stops a
    /// rule at `max_operations`; the budget only when it allows less.
    fn operations_allowed(&self, budget: &Budget) -> u64 {
        budget
            .operations_left
            .map(|left| left.max(GRACE_OPERATIONS))
            .filter(|allowed| {
                self.limits.max_operations == 0 || *allowed < self.limits.max_operations
            })
            .unwrap_or(u64::MAX)
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

    /// Starts the budget of one evaluation: every rule it runs spends from it.
    pub fn budget(&self) -> Budget {
        Budget {
            deadline_ms: now_ms().saturating_add(self.limits.evaluation_ms),
            operations_left: (self.limits.evaluation_operations > 0)
                .then_some(self.limits.evaluation_operations),
        }
    }

    /// Runs one compiled rule for `person` on `today`, within the limits, the deadline and what
    /// is left of `budget` (at least [`GRACE_OPERATIONS`]), which it spends.
    ///
    /// `caches` is the rule's own function-resolution cache, kept between runs: Rhai's public
    /// `eval_ast*` calls start from an empty one each time, and resolving every function again
    /// was a sixth of an evaluation. A cache belongs to one rule (one AST), so a function a rule
    /// defines never resolves for another; entries are keyed by name and argument types.
    pub fn run(
        &self,
        ast: &AST,
        caches: &mut Caches,
        inputs: RuleInputs,
        budget: &mut Budget,
    ) -> Result<Dynamic, Box<EvalAltResult>> {
        let mut scope = Scope::new();
        scope.push("person", inputs.person);
        scope.push("today", crate::date::Date::exact(inputs.today));
        scope.push("calendar", inputs.calendar);
        scope.push("directory", inputs.directory);
        // What `Engine::eval_ast_with_scope` does, with the rule's cache instead of a new one.
        let mut global = self.engine.new_global_runtime_state();
        global.lib.push(ast.shared_lib().clone());
        let _ = caches.fn_resolution_cache_mut(); // the top level's cache, kept
        let depth = caches.fn_resolution_caches_len();
        self.watch
            .rule_deadline_ms
            .set(now_ms().saturating_add(self.limits.deadline_ms));
        self.watch.evaluation_deadline_ms.set(budget.deadline_ms);
        let allowed = self.operations_allowed(budget);
        self.watch.operations_allowed.set(allowed);
        #[cfg(target_arch = "wasm32")]
        self.watch
            .memory_pages_allowed
            .set(memory_pages().saturating_add(memory_bound(&self.limits) / 65_536));
        #[allow(deprecated)] // the internals call that takes caches; still in rhai 1.x
        let outcome =
            self.engine
                .eval_statements_raw(&mut global, caches, &mut scope, ast.statements());
        self.watch.rule_deadline_ms.set(i64::MAX);
        self.watch.evaluation_deadline_ms.set(i64::MAX);
        self.watch.operations_allowed.set(u64::MAX);
        #[cfg(target_arch = "wasm32")]
        self.watch.memory_pages_allowed.set(usize::MAX);
        if let Some(left) = budget.operations_left.as_mut() {
            *left = left.saturating_sub(global.num_operations);
        }
        self.record(global.num_operations);
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
        let mut budget = sandbox.budget();
        let inputs = RuleInputs {
            person,
            calendar,
            directory,
            today,
        };
        sandbox.run(&ast, &mut Caches::new(), inputs, &mut budget)
    }

    #[test]
    fn the_deadline_stops_a_rule_even_without_an_operation_limit() {
        let sandbox = Sandbox::with_limits(Limits {
            max_operations: 0,
            evaluation_operations: 0,
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
            let inputs = RuleInputs {
                person,
                calendar,
                directory,
                today,
            };
            let outcome = sandbox.run(&ast, &mut caches, inputs, &mut sandbox.budget());
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

    #[test]
    fn currying_and_closures_are_refused_at_compile_time() {
        let sandbox = Sandbox::new();
        for source in [
            "fn x(a) { a } let f = Fn(\"x\").curry([1]); 1",
            "fn x(a) { a } let f = Fn(\"x\"); f.curry(f); 1",
            "fn x(a) { a } let f = curry(Fn(\"x\"), 1); 1",
            "let n = 1; let f = |x| x + n; 1",
        ] {
            assert!(sandbox.compile(source).is_err(), "{source}");
        }
        // Function pointers without captured values stay, called with `call`.
        assert_eq!(
            run(&sandbox, "let f = |x| x + 1; f.call(41)")
                .unwrap()
                .as_int()
                .unwrap(),
            42
        );
    }

    #[test]
    fn an_evaluation_budget_leaves_each_later_rule_its_grace() {
        let sandbox = Sandbox::with_limits(Limits {
            evaluation_operations: 1_000,
            ..LIMITS
        });
        let today = crate::date::parse("2026-01-15").unwrap();
        let profile =
            Rc::new(Profile::from_json(r#"{"age": 50, "sex": "female"}"#, today).unwrap());
        let run_with = |source: &str, budget: &mut Budget| {
            let log = Rc::new(RefCell::new(FactLog::default()));
            let person = Person::new(Rc::clone(&profile), today, Rc::clone(&log));
            let calendar = Calendar::new(Rc::from(Vec::new()), today, Rc::clone(&log));
            let directory = DirectoryView::new(Rc::new(Default::default()), log);
            let ast = sandbox.compile(source).unwrap();
            let inputs = RuleInputs {
                person,
                calendar,
                directory,
                today,
            };
            sandbox.run(&ast, &mut Caches::new(), inputs, budget)
        };
        let mut budget = sandbox.budget();
        let err = run_with("loop { }", &mut budget).unwrap_err();
        assert!(
            matches!(*err, EvalAltResult::ErrorTerminated(ref token, _) if token.to_string() == BUDGET_OPERATIONS_TOKEN),
            "{err}"
        );
        assert!(budget.is_spent());
        // A short rule still answers; a long one is stopped after its grace.
        assert_eq!(
            run_with("40 + 2", &mut budget).unwrap().as_int().unwrap(),
            42
        );
        let err = run_with("let n = 0; while n < 10000 { n += 1; } n", &mut budget).unwrap_err();
        assert!(matches!(*err, EvalAltResult::ErrorTerminated(..)), "{err}");
        // A fresh evaluation starts a fresh budget.
        assert_eq!(
            run_with(
                "let n = 0; while n < 50 { n += 1; } n",
                &mut sandbox.budget()
            )
            .unwrap()
            .as_int()
            .unwrap(),
            50
        );
    }
}

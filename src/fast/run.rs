//! Running a [`FastRule`]: the same value and the same operations as Rhai's interpreter, or
//! [`Outcome::Fallback`].

use std::any::TypeId;

use rhai::{Array, Dynamic, Engine, GlobalRuntimeState, NativeCallContext, Position, StaticVec};

use super::{
    Arg, ArrayMethod, Binary, Call, Callee, Chain, Expr, FastRule, Index, IntOp, Item, Link, Op,
    Root, Stmt,
};
use crate::script::helpers::Native;

/// What a fast run came to.
#[derive(Debug)]
pub enum Outcome {
    /// The rule's value, and the operations Rhai would have counted.
    Finished(Dynamic, u64),
    /// Run it on the interpreter instead.
    Fallback,
}

/// Stops a fast run: the interpreter takes over.
struct Fallback;

type Done<T> = Result<T, Fallback>;

/// Argument values, without allocating for the few arguments helpers take.
type Args = StaticVec<Dynamic>;

/// Argument types, likewise.
type Types = StaticVec<TypeId>;

/// How a statement ended.
enum Flow {
    Next(Dynamic),
    Return(Dynamic),
    /// `break`: up to the innermost loop, which ends.
    Break,
    /// `continue`: up to the innermost loop, which goes on with its next round.
    Continue,
}

/// The limits a fast run stays within.
pub struct Bounds<'w> {
    /// The most operations it may count; one more and it falls back.
    pub operations: u64,
    /// Every `watch_every` operations, as the sandbox's progress callback: `watch(operations)`
    /// says whether the interpreter would look at the clock or the memory and might stop there;
    /// the run then falls back, and the interpreter decides.
    pub watch: &'w dyn Fn(u64) -> bool,
    /// How often `watch` is asked.
    pub watch_every: u64,
    /// Rhai's `max_string_size`.
    pub max_string: usize,
    /// Rhai's `max_array_size`.
    pub max_array: usize,
}

struct Run<'a> {
    rule: &'a FastRule,
    engine: &'a Engine,
    global: &'a GlobalRuntimeState,
    operations: u64,
    /// When to ask `bounds.watch` next.
    next_watch: u64,
    bounds: &'a Bounds<'a>,
}

impl FastRule {
    /// Runs the rule with `variables` (`person`, `today`, `calendar`, `directory`); `global`
    /// is what a helper's call context shows of Rhai's run (the helpers read only the call's
    /// name and position).
    pub fn run(
        &self,
        engine: &Engine,
        global: &GlobalRuntimeState,
        variables: Vec<Dynamic>,
        bounds: &Bounds<'_>,
    ) -> Outcome {
        let mut run = Run {
            rule: self,
            engine,
            global,
            operations: 0,
            next_watch: bounds.watch_every.max(1),
            bounds,
        };
        let mut frame = variables;
        match run.block(&self.main, &mut frame, false) {
            Ok(Flow::Next(value) | Flow::Return(value)) => Outcome::Finished(value, run.operations),
            // Outside a loop Rhai refuses them when it compiles the rule.
            Ok(Flow::Break | Flow::Continue) | Err(Fallback) => Outcome::Fallback,
        }
    }
}

impl Run<'_> {
    /// Counts operations, as Rhai's `track_operation`.
    fn count(&mut self, n: u64) -> Done<()> {
        self.operations += n;
        if self.operations > self.bounds.operations {
            return Err(Fallback);
        }
        if self.operations >= self.next_watch {
            let every = self.bounds.watch_every.max(1);
            self.next_watch = (self.operations / every + 1) * every;
            if (self.bounds.watch)(self.operations) {
                return Err(Fallback);
            }
        }
        Ok(())
    }

    fn block(&mut self, stmts: &[Stmt], frame: &mut Vec<Dynamic>, scoped: bool) -> Done<Flow> {
        let depth = frame.len();
        let mut last = Dynamic::UNIT;
        for stmt in stmts {
            match self.stmt(stmt, frame)? {
                Flow::Next(value) => last = value,
                flow @ (Flow::Return(_) | Flow::Break | Flow::Continue) => {
                    frame.truncate(depth);
                    return Ok(flow);
                }
            }
        }
        if scoped {
            frame.truncate(depth);
        }
        Ok(Flow::Next(last))
    }

    fn stmt(&mut self, stmt: &Stmt, frame: &mut Vec<Dynamic>) -> Done<Flow> {
        self.count(1)?;
        Ok(match stmt {
            Stmt::Noop => Flow::Next(Dynamic::UNIT),
            Stmt::Expr(e) => Flow::Next(self.expr(e, frame)?.flatten()),
            Stmt::Call(c) => Flow::Next(self.call(c, frame)?),
            Stmt::Operator(e) => Flow::Next(self.eval(e, frame)?.flatten()),
            Stmt::Let(e) => {
                let value = self.expr(e, frame)?.flatten();
                frame.push(value);
                Flow::Next(Dynamic::UNIT)
            }
            Stmt::Assign(slot, e) => {
                let value = self.expr(e, frame)?.flatten();
                self.count(1)?;
                *frame.get_mut(*slot).ok_or(Fallback)? = value;
                Flow::Next(Dynamic::UNIT)
            }
            Stmt::OpAssign(slot, op, e) => {
                let value = self.expr(e, frame)?.flatten();
                self.count(1)?;
                let target = frame.get_mut(*slot).ok_or(Fallback)?;
                let (Ok(a), Ok(b)) = (target.as_int(), value.as_int()) else {
                    return Err(Fallback);
                };
                *target = Dynamic::from_int(int(*op, a, b)?);
                Flow::Next(Dynamic::UNIT)
            }
            Stmt::If(condition, then, otherwise) => {
                let holds = self
                    .expr(condition, frame)?
                    .as_bool()
                    .map_err(|_| Fallback)?;
                let chosen = if holds { then } else { otherwise };
                if chosen.is_empty() {
                    Flow::Next(Dynamic::UNIT)
                } else {
                    self.block(chosen, frame, true)?
                }
            }
            Stmt::Block(stmts) => self.block(stmts, frame, true)?,
            Stmt::For(items, body) => {
                let items = self.expr(items, frame)?.flatten();
                let items: Array = items.try_cast::<Array>().ok_or(Fallback)?;
                for item in items {
                    if body.is_empty() {
                        self.count(1)?;
                        continue;
                    }
                    frame.push(item.flatten());
                    let flow = self.block(body, frame, true)?;
                    frame.pop();
                    match flow {
                        Flow::Next(_) | Flow::Continue => {}
                        Flow::Break => break,
                        Flow::Return(_) => return Ok(flow),
                    }
                }
                Flow::Next(Dynamic::UNIT)
            }
            Stmt::While(condition, body) => loop {
                if !self
                    .expr(condition, frame)?
                    .as_bool()
                    .map_err(|_| Fallback)?
                {
                    break Flow::Next(Dynamic::UNIT);
                }
                if body.is_empty() {
                    continue;
                }
                match self.block(body, frame, true)? {
                    Flow::Next(_) | Flow::Continue => {}
                    Flow::Break => break Flow::Next(Dynamic::UNIT),
                    flow @ Flow::Return(_) => break flow,
                }
            },
            Stmt::Return(value) => Flow::Return(match value {
                Some(e) => self.expr(e, frame)?.flatten(),
                None => Dynamic::UNIT,
            }),
            Stmt::Break => Flow::Break,
            Stmt::Continue => Flow::Continue,
        })
    }

    fn arg(&mut self, arg: &Arg, frame: &mut Vec<Dynamic>) -> Done<Dynamic> {
        match arg {
            Arg::Literal(value) => {
                self.count(1)?;
                Ok(value.clone())
            }
            Arg::Expr(e) => Ok(self.expr(e, frame)?.flatten()),
        }
    }

    /// An expression: one operation, then its evaluation.
    fn expr(&mut self, expr: &Expr, frame: &mut Vec<Dynamic>) -> Done<Dynamic> {
        self.count(1)?;
        self.eval(expr, frame)
    }

    fn eval(&mut self, expr: &Expr, frame: &mut Vec<Dynamic>) -> Done<Dynamic> {
        Ok(match expr {
            Expr::Const(value) => value.clone(),
            Expr::Var(slot) => frame.get(*slot).ok_or(Fallback)?.clone(),
            Expr::Array(items) => {
                let mut array = Array::with_capacity(items.len());
                for item in items {
                    let value = self.expr(item, frame)?.flatten();
                    if !value.is_int()
                        && !value.is_bool()
                        && !value.is_unit()
                        && !value.is_variant()
                    {
                        // Strings and nested arrays count toward Rhai's size limits.
                        if !(value.is_string()
                            && value.clone().into_string().is_ok_and(|s| s.len() <= 100))
                        {
                            return Err(Fallback);
                        }
                    }
                    array.push(value);
                }
                if array.len() > self.bounds.max_array {
                    return Err(Fallback);
                }
                Dynamic::from_array(array)
            }
            Expr::And(items) => {
                for item in items {
                    if !self.expr(item, frame)?.as_bool().map_err(|_| Fallback)? {
                        return Ok(Dynamic::FALSE);
                    }
                }
                Dynamic::TRUE
            }
            Expr::Or(items) => {
                for item in items {
                    if self.expr(item, frame)?.as_bool().map_err(|_| Fallback)? {
                        return Ok(Dynamic::TRUE);
                    }
                }
                Dynamic::FALSE
            }
            Expr::Block(stmts) => match self.block(stmts, frame, true)? {
                Flow::Next(value) => value,
                // A `return`, `break` or `continue` inside an expression block leaves the
                // expression: not covered.
                Flow::Return(_) | Flow::Break | Flow::Continue => return Err(Fallback),
            },
            Expr::Not(a) => {
                let value = self.arg(a, frame)?;
                Dynamic::from_bool(!value.as_bool().map_err(|_| Fallback)?)
            }
            Expr::Negate(a) => {
                let value = self.arg(a, frame)?.as_int().map_err(|_| Fallback)?;
                Dynamic::from_int(value.checked_neg().ok_or(Fallback)?)
            }
            Expr::Binary(b) => self.binary(b, frame)?,
            Expr::Call(c) => self.call(c, frame)?,
            Expr::Chain(c) => self.chain(c, frame)?,
            Expr::Index(i) => self.index(i, frame)?,
            Expr::Item(i) => self.item(i, frame)?,
        })
    }

    /// `a[i].b…` as Rhai's `eval_dot_index_chain` runs it: first the chain's arguments (one
    /// operation for the part after the array, the index as an expression, then one per link and
    /// its arguments), then the variable, the item (`get_indexed_mut`), then each link — the
    /// first on the item itself, in the array, as Rhai's reference to it.
    fn item(&mut self, i: &Item, frame: &mut Vec<Dynamic>) -> Done<Dynamic> {
        self.count(1)?;
        let index = self.expr(&i.index, frame)?.flatten();
        let link_args = self.link_arguments(&i.links, frame)?;
        self.count(2)?;
        // Rhai counts a negative index from the end: left to it.
        let index = usize::try_from(index.as_int().map_err(|_| Fallback)?).map_err(|_| Fallback)?;
        let mut link_args = link_args.into_iter();
        let mut links = i.links.iter();
        let (Some(first), Some(args)) = (links.next(), link_args.next()) else {
            return Err(Fallback);
        };
        let current = {
            let mut array = frame
                .get_mut(i.slot)
                .ok_or(Fallback)?
                .write_lock::<Array>()
                .ok_or(Fallback)?;
            let item = array.get_mut(index).ok_or(Fallback)?;
            self.link(first, item, args)?
        };
        self.follow(current, links, link_args)
    }

    /// `array[index]`: the index (counted unless a literal), the array, then the item (one
    /// more operation, Rhai's `get_indexed_mut`).
    fn index(&mut self, i: &Index, frame: &mut Vec<Dynamic>) -> Done<Dynamic> {
        let index = match &i.index {
            Arg::Literal(value) => value.clone(),
            Arg::Expr(e) => {
                self.count(1)?;
                self.expr(e, frame)?.flatten()
            }
        };
        let array = match &i.root {
            Root::Var(slot) => {
                self.count(1)?;
                frame.get(*slot).ok_or(Fallback)?.clone()
            }
            Root::Expr(e) => self.expr(e, frame)?.flatten(),
        };
        self.count(1)?;
        let index = usize::try_from(index.as_int().map_err(|_| Fallback)?).map_err(|_| Fallback)?;
        let array = array.read_lock::<Array>().ok_or(Fallback)?;
        array.get(index).cloned().ok_or(Fallback)
    }

    /// An operator: built in for integers, booleans, text and `()`, as Rhai's fast operators;
    /// a registered function when an operand is a helper type (one more operation).
    fn binary(&mut self, b: &Binary, frame: &mut Vec<Dynamic>) -> Done<Dynamic> {
        let mut lhs = self.arg(&b.lhs, frame)?;
        let mut rhs = self.arg(&b.rhs, frame)?;
        if !lhs.is_variant() && !rhs.is_variant() {
            return builtin(b.op, &lhs, &rhs, self.bounds);
        }
        self.count(1)?;
        let types = [lhs.type_id(), rhs.type_id()];
        if let Some(native) = resolve(&b.natives, &types) {
            return self.invoke(native, &b.name, &mut [&mut lhs, &mut rhs], b.pos);
        }
        if types[0] != types[1] && !(is_number(&lhs) && is_number(&rhs)) {
            return different_types(b.op);
        }
        Err(Fallback)
    }

    fn call(&mut self, c: &Call, frame: &mut Vec<Dynamic>) -> Done<Dynamic> {
        if c.first_var.is_some() {
            self.count(1)?;
        }
        let mut values: Args = Args::new();
        for arg in &c.args {
            values.push(self.arg(arg, frame)?);
        }
        match &c.target {
            Callee::Script(index) => {
                if let Some(slot) = c.first_var {
                    values.insert(0, frame.get(slot).ok_or(Fallback)?.clone());
                }
                self.count(1)?;
                let function = self.rule.functions.get(*index).ok_or(Fallback)?;
                if function.params != values.len() {
                    return Err(Fallback);
                }
                let body = &function.body;
                let mut frame = values.into_vec();
                match self.block(body, &mut frame, false)? {
                    Flow::Next(value) | Flow::Return(value) => Ok(value),
                    Flow::Break | Flow::Continue => Err(Fallback),
                }
            }
            Callee::Native(natives) => {
                self.count(1)?;
                let first = match c.first_var {
                    Some(slot) => Some(frame.get(slot).ok_or(Fallback)?.type_id()),
                    None => None,
                };
                let types: Types = first
                    .into_iter()
                    .chain(values.iter().map(Dynamic::type_id))
                    .collect();
                let native = resolve(natives, &types).ok_or(Fallback)?;
                match c.first_var {
                    Some(slot) => {
                        let first = frame.get_mut(slot).ok_or(Fallback)?;
                        self.invoke_on(native, &c.name, c.pos, first, &mut values)
                    }
                    None => {
                        let mut args: StaticVec<&mut Dynamic> = values.iter_mut().collect();
                        self.invoke(native, &c.name, &mut args, c.pos)
                    }
                }
            }
        }
    }

    /// A chain: the links' arguments first (left to right), then the object, then each link.
    fn chain(&mut self, c: &Chain, frame: &mut Vec<Dynamic>) -> Done<Dynamic> {
        let simple = matches!(c.links.as_slice(), [only] if only.args.is_empty());
        let link_args = if simple {
            StaticVec::new()
        } else {
            self.link_arguments(&c.links, frame)?
        };
        let mut link_args = link_args.into_iter();
        let mut links = c.links.iter();
        let Some(first) = links.next() else {
            return Err(Fallback);
        };
        let current = match &c.root {
            Root::Var(slot) => {
                self.count(1)?;
                let target = frame.get_mut(*slot).ok_or(Fallback)?;
                let args = link_args.next().unwrap_or_default();
                self.link(first, target, args)?
            }
            Root::Expr(e) => {
                let mut target = self.expr(e, frame)?.flatten();
                let args = link_args.next().unwrap_or_default();
                self.link(first, &mut target, args)?
            }
        };
        self.follow(current, links, link_args)
    }

    /// The arguments of a chain's links, in Rhai's order: one operation per link, then its
    /// arguments.
    fn link_arguments(
        &mut self,
        links: &[Link],
        frame: &mut Vec<Dynamic>,
    ) -> Done<StaticVec<Args>> {
        let mut all = StaticVec::new();
        for link in links {
            self.count(1)?;
            let mut values = Args::new();
            for arg in &link.args {
                values.push(self.arg(arg, frame)?);
            }
            all.push(values);
        }
        Ok(all)
    }

    /// The links after the first, each on the value the one before gave.
    fn follow(
        &mut self,
        mut current: Dynamic,
        links: std::slice::Iter<'_, Link>,
        mut args: impl Iterator<Item = Args>,
    ) -> Done<Dynamic> {
        for link in links {
            current = self.link(link, &mut current, args.next().unwrap_or_default())?;
        }
        Ok(current)
    }

    /// One property read or method call on `target`.
    fn link(&mut self, link: &Link, target: &mut Dynamic, mut args: Args) -> Done<Dynamic> {
        self.count(1)?;
        if let Some(method) = link.array {
            return self.array_method(method, target, args);
        }
        let types: Types = std::iter::once(target.type_id())
            .chain(args.iter().map(Dynamic::type_id))
            .collect();
        let native = resolve(&link.natives, &types).ok_or(Fallback)?;
        self.invoke_on(native, &link.name, link.pos, target, &mut args)
    }

    /// Calls `native` with `target` first: by reference when it is a method (`&mut` first
    /// parameter; the target is then measured as Rhai's size check would), else on a copy.
    fn invoke_on(
        &mut self,
        native: &Native,
        name: &str,
        pos: Position,
        target: &mut Dynamic,
        rest: &mut Args,
    ) -> Done<Dynamic> {
        let mut copy;
        let by_ref = native.func.is_method();
        let first = if by_ref {
            target
        } else {
            copy = target.clone();
            &mut copy
        };
        let mut all: StaticVec<&mut Dynamic> = StaticVec::new();
        all.push(first);
        all.extend(rest.iter_mut());
        let value = self.invoke_raw(native, name, &mut all, pos)?;
        if by_ref && !all.first().is_some_and(|a| within(a, self.bounds)) {
            return Err(Fallback);
        }
        Ok(value)
    }

    /// `len` and `push` of Rhai's array package (`packages/array_basic.rs`) on an array; any
    /// other value falls back (Rhai has other functions of those names).
    fn array_method(
        &mut self,
        method: ArrayMethod,
        target: &mut Dynamic,
        args: Args,
    ) -> Done<Dynamic> {
        let mut array = target.write_lock::<Array>().ok_or(Fallback)?;
        match (method, args.into_iter().next()) {
            (ArrayMethod::Len, None) => Ok(Dynamic::from_int(
                rhai::INT::try_from(array.len()).map_err(|_| Fallback)?,
            )),
            (ArrayMethod::Push, Some(item)) => {
                // Rhai checks the array's size after the call: stay clear of anything it measures.
                let simple = item.is_int() || item.is_bool() || item.is_unit() || item.is_variant();
                if !simple || array.len() + 1 > self.bounds.max_array {
                    return Err(Fallback);
                }
                array.push(item);
                Ok(Dynamic::UNIT)
            }
            _ => Err(Fallback),
        }
    }

    fn invoke(
        &mut self,
        native: &Native,
        name: &str,
        args: &mut [&mut Dynamic],
        pos: Position,
    ) -> Done<Dynamic> {
        self.invoke_raw(native, name, args, pos)
    }

    /// Calls a registered function as Rhai's `exec_native_fn_call` does, and measures the result
    /// as its size check would (falling back on anything it might refuse).
    fn invoke_raw(
        &mut self,
        native: &Native,
        name: &str,
        args: &mut [&mut Dynamic],
        pos: Position,
    ) -> Done<Dynamic> {
        let func = native.func.get_native_fn().ok_or(Fallback)?;
        let context = native
            .func
            .has_context()
            .then(|| NativeCallContext::from((self.engine, name, None, self.global, pos)));
        let value = func(context, args).map_err(|_| Fallback)?;
        if !within(&value, self.bounds) {
            return Err(Fallback);
        }
        Ok(value)
    }
}

/// The registered function Rhai would pick for these argument types: an exact match, or the
/// only one matching with `Dynamic` parameters.
fn resolve<'n>(natives: &'n [Native], types: &[TypeId]) -> Option<&'n Native> {
    if let Some(exact) = natives.iter().find(|n| n.params.as_slice() == types) {
        return Some(exact);
    }
    let dynamic = TypeId::of::<Dynamic>();
    let mut loose = natives.iter().filter(|n| {
        n.params.len() == types.len()
            && n.params
                .iter()
                .zip(types)
                .all(|(p, t)| p == t || *p == dynamic)
    });
    match (loose.next(), loose.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// Whether Rhai's size check would surely pass `value` (strings and arrays measured
/// conservatively; maps and blobs not handled).
fn within(value: &Dynamic, bounds: &Bounds) -> bool {
    if value.is_map() || value.is_blob() {
        return false;
    }
    if value.is_string() {
        return value
            .read_lock::<rhai::ImmutableString>()
            .is_some_and(|s| s.len() <= bounds.max_string);
    }
    if value.is_array() {
        return value.read_lock::<Array>().is_some_and(|a| {
            a.len() <= bounds.max_array
                && a.iter().all(|item| {
                    !(item.is_array() || item.is_map() || item.is_blob() || item.is_string())
                })
        });
    }
    true
}

/// A number as Rhai's float operators read it (`as FLOAT`).
fn number(value: &Dynamic) -> Done<f64> {
    match (value.as_float(), value.as_int()) {
        (Ok(x), _) => Ok(x),
        (_, Ok(n)) => Ok(n as f64),
        _ => Err(Fallback),
    }
}

/// Rhai's built-in comparisons when either side is a float (`func/builtin.rs`, `impl_float`, in
/// a build with its checks on): equal within a relative epsilon. Arithmetic is left to it.
fn float_comparison(op: Op, x: f64, y: f64) -> Done<Dynamic> {
    let max = if x * y == 0.0 {
        1.0
    } else {
        x.abs().max(y.abs())
    };
    let zero = max == 0.0;
    let holds = match op {
        Op::Eq => zero || (x - y).abs() / max <= f64::EPSILON,
        Op::Ne => !zero && (x - y).abs() / max > f64::EPSILON,
        Op::Gt => !zero && (x - y) / max > f64::EPSILON,
        Op::Ge => zero || (x - y) / max > -f64::EPSILON,
        Op::Lt => !zero && (y - x) / max > f64::EPSILON,
        Op::Le => zero || (y - x) / max > -f64::EPSILON,
        Op::Int(_) => return Err(Fallback),
    };
    Ok(Dynamic::from_bool(holds))
}

/// Rhai's default comparison of two values of different types that are not both numbers
/// (`func/builtin.rs`, the end of `get_builtin_binary_op_fn`): never equal, always different,
/// never ordered; arithmetic is left to the interpreter.
fn different_types(op: Op) -> Done<Dynamic> {
    match op {
        Op::Ne => Ok(Dynamic::TRUE),
        Op::Eq | Op::Lt | Op::Le | Op::Gt | Op::Ge => Ok(Dynamic::FALSE),
        Op::Int(_) => Err(Fallback),
    }
}

fn is_number(value: &Dynamic) -> bool {
    value.is_int() || value.is_float()
}

fn int(op: IntOp, a: i64, b: i64) -> Done<i64> {
    match op {
        IntOp::Add => a.checked_add(b),
        IntOp::Sub => a.checked_sub(b),
        IntOp::Mul => a.checked_mul(b),
        IntOp::Div => a.checked_div(b),
        IntOp::Rem => a.checked_rem(b),
    }
    .ok_or(Fallback)
}

/// Rhai's built-in operators (`func/builtin.rs`) for the types rules compare.
fn builtin(op: Op, lhs: &Dynamic, rhs: &Dynamic, bounds: &Bounds) -> Done<Dynamic> {
    use std::cmp::Ordering;
    if op == Op::Int(IntOp::Add) && lhs.is_string() && rhs.is_string() {
        // Text joined; what might pass the size limit is left to Rhai's check.
        let a = lhs.read_lock::<rhai::ImmutableString>().ok_or(Fallback)?;
        let b = rhs.read_lock::<rhai::ImmutableString>().ok_or(Fallback)?;
        if a.len() + b.len() > bounds.max_string {
            return Err(Fallback);
        }
        return Ok(Dynamic::from(format!("{}{}", a.as_str(), b.as_str())));
    }
    if (lhs.is_float() || rhs.is_float()) && is_number(lhs) && is_number(rhs) {
        return float_comparison(op, number(lhs)?, number(rhs)?);
    }
    let order: Option<Ordering> = if let (Ok(a), Ok(b)) = (lhs.as_int(), rhs.as_int()) {
        if let Op::Int(int_op) = op {
            return int(int_op, a, b).map(Dynamic::from_int);
        }
        Some(a.cmp(&b))
    } else if let (Ok(a), Ok(b)) = (lhs.as_bool(), rhs.as_bool()) {
        Some(a.cmp(&b))
    } else if lhs.is_string() && rhs.is_string() {
        let a = lhs.read_lock::<rhai::ImmutableString>().ok_or(Fallback)?;
        let b = rhs.read_lock::<rhai::ImmutableString>().ok_or(Fallback)?;
        Some(a.as_str().cmp(b.as_str()))
    } else if lhs.is_unit() && rhs.is_unit() {
        // `() == ()`; every ordering is false.
        return match op {
            Op::Eq => Ok(Dynamic::TRUE),
            Op::Ne | Op::Lt | Op::Le | Op::Gt | Op::Ge => Ok(Dynamic::FALSE),
            Op::Int(_) => Err(Fallback),
        };
    } else {
        None
    };
    let Some(order) = order else {
        // Rhai's default for two different types, numbers aside (compared above) and characters
        // aside (compared with text): equal never, different always, never ordered. Two values of
        // one type with no built-in (arrays, maps) go to a registered function: the interpreter.
        if lhs.type_id() != rhs.type_id() && !lhs.is_char() && !rhs.is_char() {
            return different_types(op);
        }
        return Err(Fallback);
    };
    if lhs.is_bool() && !matches!(op, Op::Eq | Op::Ne) {
        // Rhai orders booleans too, but rules do not; leave it to the interpreter.
        return Err(Fallback);
    }
    Ok(Dynamic::from_bool(match op {
        Op::Eq => order == Ordering::Equal,
        Op::Ne => order != Ordering::Equal,
        Op::Lt => order == Ordering::Less,
        Op::Le => order != Ordering::Greater,
        Op::Gt => order == Ordering::Greater,
        Op::Ge => order != Ordering::Less,
        Op::Int(_) => return Err(Fallback),
    }))
}

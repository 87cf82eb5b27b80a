//! From a rule's AST to a [`FastRule`], or `None` when the rule uses a construct not covered:
//! `if`/`else` (also as expressions), `return`, `let`, assignment and integer `+=`, `-=`, `*=`
//! on local variables, `for x in array` (no counter), `while`, `&&`, `||`, `!`, unary
//! `-`, comparisons and integer `+ - * / %`, constants, array literals, reading an array's item
//! (`a[i]`, and `a[i].b…` on an array variable), property reads and method calls on the helper
//! types, `const` (never taken by reference),
//! `break` and `continue` (without a value), an array's `len()` and `push(item)` as methods,
//! calls of registered helpers, and calls of the rule's own functions (not recursive, not as
//! methods). Declined: ranges, `loop`, `do`, `switch`, `try`, `throw`, `break value`,
//! maps, string interpolation, `this`, closures and function pointers, Rhai's special functions
//! (`Fn`, `call`, `eval`, `type_of` …) and the other functions of Rhai's packages.

use rhai::{ASTFlags, Engine, Expr as RExpr, FnCallExpr, Scope, Stmt as RStmt, Token, AST};

use super::{
    Arg, ArrayMethod, Binary, Call, Callee, Chain, Expr, FastRule, Function, Index, IntOp, Item,
    Link, Op, Root, Stmt,
};
use crate::script::helpers::{getter, Natives};

/// Names Rhai handles itself before looking for a function.
const SPECIAL: &[&str] = &[
    "Fn",
    "call",
    "curry",
    "eval",
    "type_of",
    "is_def_var",
    "is_def_fn",
    "is_shared",
    "print",
    "debug",
    "this",
    "global",
];

/// Compiles a rule compiled by `engine` from `source`, or says it cannot (`None`).
///
/// `max_variables` is the sandbox's limit: a rule that could reach it stays on the interpreter,
/// which raises Rhai's error.
pub fn compile(
    engine: &Engine,
    natives: &Natives,
    source: &str,
    ast: &AST,
    max_variables: usize,
) -> Option<FastRule> {
    let defined: Vec<(String, Vec<String>)> = ast
        .iter_functions()
        .map(|f| {
            (
                f.name.to_string(),
                f.params.iter().map(|p| p.to_string()).collect(),
            )
        })
        .collect();
    let mut functions = Vec::new();
    for (index, (name, params)) in defined.iter().enumerate() {
        let def = ast.shared_lib().get_script_fn(name, params.len())?;
        let body = function_body(
            engine,
            source,
            params,
            def.body.start_position(),
            def.body.end_position(),
        )?;
        let mut compiler = Compiler {
            natives,
            defined: &defined,
            scope: params.clone(),
            constant: Vec::new(),
            deepest: params.len(),
            current: Some(index),
            calls: Vec::new(),
        };
        let body = compiler.block(&body, false)?;
        if compiler.deepest >= max_variables {
            return None;
        }
        functions.push((
            Function {
                params: params.len(),
                body,
            },
            compiler.calls,
        ));
    }
    // Rhai stops calls nested past `max_call_levels` (16); without recursion the nesting is at
    // most the longest chain of the rule's functions, kept well below it.
    if calls_itself(&functions) || longest_chain(&functions) > MAX_NESTING {
        return None;
    }
    let mut compiler = Compiler {
        natives,
        defined: &defined,
        scope: ["person", "today", "calendar", "directory"]
            .map(String::from)
            .to_vec(),
        constant: Vec::new(),
        deepest: 4,
        current: None,
        calls: Vec::new(),
    };
    let main = compiler.block(ast.statements(), false)?;
    if compiler.deepest >= max_variables {
        return None;
    }
    Some(FastRule {
        main,
        functions: functions.into_iter().map(|(f, _)| f).collect(),
    })
}

/// The deepest nesting of the rule's own functions the fast path runs (Rhai's limit is 16
/// levels, counting native calls too).
const MAX_NESTING: usize = 6;

/// The longest chain of calls among the rule's functions (1: a function that calls none), once
/// recursion is ruled out.
fn longest_chain(functions: &[(Function, Vec<usize>)]) -> usize {
    fn depth(at: usize, functions: &[(Function, Vec<usize>)], seen: usize) -> usize {
        if seen > functions.len() {
            return seen; // a cycle: `calls_itself` refuses it first
        }
        1 + functions
            .get(at)
            .map(|(_, calls)| {
                calls
                    .iter()
                    .map(|&next| depth(next, functions, seen + 1))
                    .max()
                    .unwrap_or(0)
            })
            .unwrap_or(0)
    }
    (0..functions.len())
        .map(|at| depth(at, functions, 0))
        .max()
        .unwrap_or(0)
}

/// Whether a function of the rule may call itself, directly or through others.
fn calls_itself(functions: &[(Function, Vec<usize>)]) -> bool {
    (0..functions.len()).any(|start| {
        let mut seen = vec![false; functions.len()];
        let mut stack = vec![start];
        while let Some(at) = stack.pop() {
            for &next in functions.get(at).map(|(_, c)| c.as_slice()).unwrap_or(&[]) {
                if next == start {
                    return true;
                }
                if let Some(s) = seen.get_mut(next) {
                    if !*s {
                        *s = true;
                        stack.push(next);
                    }
                }
            }
        }
        false
    })
}

/// A function's body, compiled again on its own: Rhai does not expose a script function's body
/// (its payload type is private), only where it starts and ends. The text around it is blanked
/// (newlines kept), so every position in it is the one in the rule.
fn function_body(
    engine: &Engine,
    source: &str,
    params: &[String],
    start: rhai::Position,
    end: rhai::Position,
) -> Option<Vec<RStmt>> {
    let (start_line, start_col) = (start.line()?, start.position()?);
    let (end_line, end_col) = (end.line()?, end.position()?);
    let mut text = String::with_capacity(source.len());
    for (n, line) in source.split('\n').enumerate() {
        let line_no = n + 1;
        if line_no > end_line {
            break;
        }
        for (c, ch) in line.chars().enumerate() {
            let col = c + 1;
            let inside = (line_no > start_line || (line_no == start_line && col >= start_col))
                && (line_no < end_line || (line_no == end_line && col <= end_col));
            text.push(if inside { ch } else { ' ' });
        }
        text.push('\n');
    }
    let mut scope = Scope::new();
    for param in params {
        scope.push_dynamic(param.as_str(), rhai::Dynamic::UNIT);
    }
    let ast = engine.compile_with_scope(&scope, &text).ok()?;
    if ast.iter_functions().next().is_some() {
        return None;
    }
    // The body is a block at the top level, or, once the optimiser has flattened it, its
    // statements.
    match ast.statements() {
        [RStmt::Block(block)] => Some(block.statements().to_vec()),
        statements => Some(statements.to_vec()),
    }
}

struct Compiler<'a> {
    natives: &'a Natives,
    /// The rule's functions: name and parameters.
    defined: &'a [(String, Vec<String>)],
    /// The variables in scope, innermost last.
    scope: Vec<String>,
    /// Which of them are constants (`const`): never passed by reference.
    constant: Vec<bool>,
    /// The most variables in scope at once.
    deepest: usize,
    /// The function being compiled (`None`: the rule's top level).
    current: Option<usize>,
    /// The rule's functions it calls.
    calls: Vec<usize>,
}

impl Compiler<'_> {
    fn push(&mut self, name: &str) {
        self.push_as(name, false);
    }

    fn push_as(&mut self, name: &str, constant: bool) {
        self.scope.push(name.to_string());
        self.constant.resize(self.scope.len() - 1, false);
        self.constant.push(constant);
        self.deepest = self.deepest.max(self.scope.len());
    }

    fn truncate(&mut self, depth: usize) {
        self.scope.truncate(depth);
        self.constant.truncate(depth);
    }

    fn slot(&self, name: &str) -> Option<usize> {
        self.scope.iter().rposition(|n| n == name)
    }

    /// The slot of a variable a method or call takes by reference: not a constant (Rhai refuses
    /// a method that may change one, which is left to the interpreter).
    fn slot_by_ref(&self, name: &str) -> Option<usize> {
        let slot = self.slot(name)?;
        (!self.constant.get(slot).copied().unwrap_or(false)).then_some(slot)
    }

    /// A block; `scoped`: its variables end with it.
    fn block(&mut self, statements: &[RStmt], scoped: bool) -> Option<Vec<Stmt>> {
        let depth = self.scope.len();
        let compiled = statements
            .iter()
            .map(|s| self.stmt(s))
            .collect::<Option<Vec<_>>>();
        if scoped {
            self.truncate(depth);
        }
        compiled
    }

    fn stmt(&mut self, stmt: &RStmt) -> Option<Stmt> {
        Some(match stmt {
            RStmt::Noop(..) => Stmt::Noop,
            RStmt::Expr(e) => Stmt::Expr(self.expr(e)?),
            RStmt::FnCall(call, pos) => match &call.op_token {
                Some(token) => Stmt::Operator(self.operator(call, token, *pos)?),
                None => Stmt::Call(self.call(call, *pos)?),
            },
            RStmt::Block(block) => Stmt::Block(self.block(block.statements(), true)?),
            RStmt::Var(x, flags, _) => {
                let (name, value, index) = &**x;
                // `const`: read like a variable; Rhai refuses a method that may change it, so
                // a constant is never taken by reference here (`slot_by_ref`).
                if index.is_some() || flags.intersects(ASTFlags::EXPORTED) {
                    return None;
                }
                let value = self.expr(value)?;
                self.push_as(name.as_str(), flags.intersects(ASTFlags::CONSTANT));
                Stmt::Let(value)
            }
            RStmt::Assignment(x) => {
                let (op, binary) = &**x;
                let RExpr::Variable(var, ..) = &binary.lhs else {
                    return None;
                };
                let slot = self.slot(var.1.as_str())?;
                let value = self.expr(&binary.rhs)?;
                match op.get_op_assignment_info() {
                    None => Stmt::Assign(slot, value),
                    Some((.., op_str)) => Stmt::OpAssign(slot, int_op(op_str)?, value),
                }
            }
            RStmt::If(x, _) => {
                let condition = self.expr(&x.expr)?;
                let then = self.block(x.body.statements(), true)?;
                let otherwise = self.block(x.branch.statements(), true)?;
                Stmt::If(condition, then, otherwise)
            }
            RStmt::For(x, _) => {
                let (var, counter, flow) = &**x;
                if counter.is_some() {
                    return None;
                }
                let items = self.expr(&flow.expr)?;
                let depth = self.scope.len();
                self.push(var.name.as_str());
                let body = self.block(flow.body.statements(), true);
                self.truncate(depth);
                Stmt::For(items, body?)
            }
            RStmt::While(x, _) => {
                // `loop` is a `while` on `true` or `()`, counted otherwise: not covered.
                if matches!(x.expr, RExpr::Unit(..) | RExpr::BoolConstant(true, ..)) {
                    return None;
                }
                let condition = self.expr(&x.expr)?;
                Stmt::While(condition, self.block(x.body.statements(), true)?)
            }
            RStmt::Return(value, flags, _) => {
                if flags.intersects(ASTFlags::BREAK) {
                    return None; // `throw`
                }
                Stmt::Return(match value {
                    Some(v) => Some(self.expr(v)?),
                    None => None,
                })
            }
            RStmt::BreakLoop(value, flags, _) => {
                if value.is_some() {
                    return None; // `break value`
                }
                if flags.intersects(ASTFlags::BREAK) {
                    Stmt::Break
                } else {
                    Stmt::Continue
                }
            }
            _ => return None,
        })
    }

    fn expr(&mut self, expr: &RExpr) -> Option<Expr> {
        Some(match expr {
            RExpr::DynamicConstant(..)
            | RExpr::BoolConstant(..)
            | RExpr::IntegerConstant(..)
            | RExpr::StringConstant(..)
            | RExpr::CharConstant(..)
            | RExpr::Unit(..) => {
                let value = expr.get_literal_value(None)?;
                if value.is_fnptr() || value.is_map() {
                    return None;
                }
                Expr::Const(value)
            }
            RExpr::Variable(var, ..) => Expr::Var(self.slot(var.1.as_str())?),
            RExpr::Array(items, ..) => {
                Expr::Array(items.iter().map(|i| self.expr(i)).collect::<Option<_>>()?)
            }
            RExpr::And(items, ..) => {
                Expr::And(items.iter().map(|i| self.expr(i)).collect::<Option<_>>()?)
            }
            RExpr::Or(items, ..) => {
                Expr::Or(items.iter().map(|i| self.expr(i)).collect::<Option<_>>()?)
            }
            RExpr::Stmt(block) => Expr::Block(self.block(block.statements(), true)?),
            RExpr::FnCall(call, pos) => self.fn_call(call, *pos)?,
            RExpr::Dot(x, flags, _) => {
                if flags.intersects(ASTFlags::NEGATED) {
                    return None; // `?.`
                }
                let root = match &x.lhs {
                    RExpr::Variable(var, ..) => Root::Var(self.slot_by_ref(var.1.as_str())?),
                    RExpr::Dot(..) | RExpr::Index(..) | RExpr::ThisPtr(..) => return None,
                    other => Root::Expr(self.expr(other)?),
                };
                let links = self.links(&x.rhs)?;
                Expr::Chain(Box::new(Chain { root, links }))
            }
            RExpr::Index(x, flags, _) => {
                if flags.intersects(ASTFlags::NEGATED) {
                    return None; // `?[`
                }
                // Without `BREAK`, an index or dot on the right continues the chain: `a[i].b…`
                // on an array variable is covered, `a[i][j]` and the rest are not.
                if !flags.intersects(ASTFlags::BREAK) {
                    match (&x.lhs, &x.rhs) {
                        (RExpr::Variable(var, ..), RExpr::Dot(inner, dot_flags, _))
                            if !dot_flags.intersects(ASTFlags::NEGATED) =>
                        {
                            return Some(Expr::Item(Box::new(Item {
                                slot: self.slot_by_ref(var.1.as_str())?,
                                index: self.expr(&inner.lhs)?,
                                links: self.links(&inner.rhs)?,
                            })));
                        }
                        (_, RExpr::Index(..) | RExpr::Dot(..)) => return None,
                        _ => {}
                    }
                }
                let root = match &x.lhs {
                    RExpr::Variable(var, ..) => Root::Var(self.slot(var.1.as_str())?),
                    RExpr::Dot(..) | RExpr::Index(..) | RExpr::ThisPtr(..) => return None,
                    other => Root::Expr(self.expr(other)?),
                };
                let index = match x.rhs.get_literal_value(None) {
                    Some(value) if value.is_int() => Arg::Literal(value),
                    Some(_) => return None,
                    None => Arg::Expr(self.expr(&x.rhs)?),
                };
                Expr::Index(Box::new(Index { root, index }))
            }
            _ => return None,
        })
    }

    /// The property reads and method calls after a chain's object (`.b.c(…)…`).
    fn links(&mut self, first: &RExpr) -> Option<Vec<Link>> {
        let mut links = Vec::new();
        let mut rest = first;
        loop {
            match rest {
                RExpr::Dot(inner, flags, _) => {
                    if flags.intersects(ASTFlags::NEGATED) {
                        return None;
                    }
                    links.push(self.link(&inner.lhs)?);
                    rest = &inner.rhs;
                }
                last => {
                    links.push(self.link(last)?);
                    return Some(links);
                }
            }
        }
    }

    /// One property read or method call of a chain.
    fn link(&mut self, expr: &RExpr) -> Option<Link> {
        match expr {
            RExpr::Property(x, pos) => {
                let name = getter(x.2.as_str());
                Some(Link {
                    args: Vec::new(),
                    natives: self.known(&name, 1)?,
                    array: None,
                    name,
                    pos: *pos,
                })
            }
            RExpr::MethodCall(call, pos) => {
                let name = call.name.as_str();
                if SPECIAL.contains(&name) || self.defined.iter().any(|(n, _)| n == name) {
                    return None;
                }
                let args = call
                    .args
                    .iter()
                    .map(|a| self.arg(a))
                    .collect::<Option<Vec<_>>>()?;
                // `len` and `push` of Rhai's array package, when no helper has that name.
                let array = match (name, args.len()) {
                    ("len", 0) => Some(ArrayMethod::Len),
                    ("push", 1) => Some(ArrayMethod::Push),
                    _ => None,
                }
                .filter(|_| !self.natives.has(name));
                let natives = match array {
                    Some(_) => Vec::new(),
                    None => self.known(name, args.len() + 1)?,
                };
                Some(Link {
                    natives,
                    array,
                    args,
                    name: name.to_string(),
                    pos: *pos,
                })
            }
            _ => None,
        }
    }

    /// The registered functions of that name and arity; `None` when there are none (a
    /// function of Rhai's packages, which the fast path does not call).
    fn known(&self, name: &str, arity: usize) -> Option<Vec<rhai_native::Native>> {
        let found = self.natives.candidates(name, arity);
        (!found.is_empty()).then_some(found)
    }

    fn arg(&mut self, expr: &RExpr) -> Option<Arg> {
        match expr.get_literal_value(None) {
            Some(value) if value.is_fnptr() || value.is_map() => None,
            Some(value) => Some(Arg::Literal(value)),
            None => Some(Arg::Expr(self.expr(expr)?)),
        }
    }

    /// A call in expression position: an operator or a function.
    fn fn_call(&mut self, call: &FnCallExpr, pos: rhai::Position) -> Option<Expr> {
        if call.capture_parent_scope {
            return None;
        }
        if let Some(token) = &call.op_token {
            return self.operator(call, token, pos);
        }
        Some(Expr::Call(self.call(call, pos)?))
    }

    fn operator(&mut self, call: &FnCallExpr, token: &Token, pos: rhai::Position) -> Option<Expr> {
        match (token, call.args.as_slice()) {
            (Token::Bang, [a]) => Some(Expr::Not(Box::new(self.arg(a)?))),
            (Token::UnaryMinus, [a]) => Some(Expr::Negate(Box::new(self.arg(a)?))),
            (token, [a, b]) => {
                let op = match token {
                    Token::EqualsTo => Op::Eq,
                    Token::NotEqualsTo => Op::Ne,
                    Token::LessThan => Op::Lt,
                    Token::LessThanEqualsTo => Op::Le,
                    Token::GreaterThan => Op::Gt,
                    Token::GreaterThanEqualsTo => Op::Ge,
                    Token::Plus => Op::Int(IntOp::Add),
                    Token::Minus => Op::Int(IntOp::Sub),
                    Token::Multiply => Op::Int(IntOp::Mul),
                    Token::Divide => Op::Int(IntOp::Div),
                    Token::Modulo => Op::Int(IntOp::Rem),
                    _ => return None,
                };
                let name = call.name.to_string();
                Some(Expr::Binary(Box::new(Binary {
                    op,
                    lhs: self.arg(a)?,
                    rhs: self.arg(b)?,
                    natives: self.natives.candidates(&name, 2),
                    name,
                    pos,
                })))
            }
            _ => None,
        }
    }

    /// A call of a function by name (not an operator).
    fn call(&mut self, call: &FnCallExpr, pos: rhai::Position) -> Option<Call> {
        if call.capture_parent_scope || call.op_token.is_some() {
            return None;
        }
        let name = call.name.as_str();
        if SPECIAL.contains(&name) {
            return None;
        }
        let arity = call.args.len();
        let target = match self
            .defined
            .iter()
            .position(|(n, p)| n == name && p.len() == arity)
        {
            Some(index) => {
                if self.current == Some(index) {
                    return None;
                }
                self.calls.push(index);
                Callee::Script(index)
            }
            None => Callee::Native(self.known(name, arity)?),
        };
        let (first_var, rest) = match call.args.split_first() {
            Some((RExpr::Variable(var, ..), rest)) => {
                (Some(self.slot_by_ref(var.1.as_str())?), rest)
            }
            _ => (None, call.args.as_slice()),
        };
        let args = rest
            .iter()
            .map(|a| self.arg(a))
            .collect::<Option<Vec<_>>>()?;
        Some(Call {
            target,
            first_var,
            args,
            name: name.to_string(),
            pos,
        })
    }
}

mod rhai_native {
    pub use crate::script::helpers::Native;
}

fn int_op(op: &str) -> Option<IntOp> {
    match op {
        "+" => Some(IntOp::Add),
        "-" => Some(IntOp::Sub),
        "*" => Some(IntOp::Mul),
        "/" => Some(IntOp::Div),
        "%" => Some(IntOp::Rem),
        _ => None,
    }
}

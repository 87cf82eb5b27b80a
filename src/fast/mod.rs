//! The fast path: a rule's AST compiled once, at load, into a small typed tree that runs without
//! Rhai's interpreter, and gives the same value and spends the same operations.
//!
//! It covers what the shipped rules use (see [`compile`]); a rule using anything else compiles
//! to `None` and always runs on the interpreter. Exactness is by construction for what is
//! covered, with a fallback for the rest: a run that meets anything unexpected — a helper's
//! error, a type it does not handle, a missing function, a value that may pass a size limit, more
//! operations than [`crate::sandbox`] lets a rule take before it looks at the clock, or than the
//! evaluation's budget allows — stops and says [`Outcome::Fallback`]; the sandbox then runs the
//! rule again, from scratch, on the interpreter, which gives Rhai's own error or value. A rule
//! only reads its inputs, so running it twice is safe; the facts of the abandoned run are dropped.
//!
//! Operations are counted where Rhai's `track_operation` counts them (rhai 1.27's
//! `eval/stmt.rs`, `eval/expr.rs`, `eval/chaining.rs`, `func/call.rs`, `func/script.rs`): one per
//! statement, one per expression, one per argument, one per call of a registered function or a
//! script function, none for an operator Rhai evaluates built in. The differential tests
//! (`tests/integration/fast_path.rs`) check the counts against the interpreter's on every case.
//!
//! The helper API is not written twice: calls go to the very functions [`crate::script`]
//! registered ([`crate::script::helpers::Natives`]), chosen by name and argument types as Rhai
//! chooses them.

mod compile;
mod run;

pub use compile::compile;
pub use run::{Bounds, Outcome};

use rhai::{Dynamic, Position};

use crate::script::helpers::Native;

/// A rule compiled for the fast path.
pub struct FastRule {
    main: Vec<Stmt>,
    functions: Vec<Function>,
}

/// A function the rule defines.
struct Function {
    params: usize,
    body: Vec<Stmt>,
}

/// A statement; each costs one operation besides what it evaluates.
enum Stmt {
    /// An expression (its value is the block's when last).
    Expr(Expr),
    /// A call in statement position (Rhai counts no expression for it).
    Call(Call),
    /// An operator in statement position, likewise not counted as an expression.
    Operator(Expr),
    /// `let`: pushes a variable.
    Let(Expr),
    /// `x = value` (one more operation for the target).
    Assign(usize, Expr),
    /// `x op= value` on integers (one more operation for the target).
    OpAssign(usize, IntOp, Expr),
    /// `if`: the condition, then either block (a new scope each).
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    /// `{ … }`: a new scope.
    Block(Vec<Stmt>),
    /// `for x in array { … }`: the array, then the body per item, the item in a new variable.
    For(Expr, Vec<Stmt>),
    /// `while condition { … }`: the condition, then the body, until the condition is false.
    While(Expr, Vec<Stmt>),
    /// `return`.
    Return(Option<Expr>),
    /// `break` (without a value): ends the innermost loop.
    Break,
    /// `continue`: the innermost loop's next round.
    Continue,
    /// Nothing.
    Noop,
}

/// An expression; each costs one operation besides what it evaluates.
enum Expr {
    /// A constant.
    Const(Dynamic),
    /// A variable, by its place in the frame.
    Var(usize),
    /// `[a, b, …]` with items that are not all constant.
    Array(Vec<Expr>),
    /// `a && b && …`.
    And(Vec<Expr>),
    /// `a || b || …`.
    Or(Vec<Expr>),
    /// A block in expression position (`if` as an expression).
    Block(Vec<Stmt>),
    /// `!a`.
    Not(Box<Arg>),
    /// `-a`.
    Negate(Box<Arg>),
    /// `a op b`.
    Binary(Box<Binary>),
    /// `f(…)`.
    Call(Call),
    /// `a.b…`.
    Chain(Box<Chain>),
    /// `a[i]` on an array: the index (not counted when a literal), then the array.
    Index(Box<Index>),
    /// `a[i].b…`: an array variable's item, then property reads and method calls on it.
    Item(Box<Item>),
}

/// `array[index].links…`, the array a variable.
struct Item {
    /// The array's variable.
    slot: usize,
    index: Expr,
    links: Vec<Link>,
}

/// `array[index]`.
struct Index {
    root: Root,
    /// The index; a literal is not counted (Rhai's short cut for `{expr}[1]`).
    index: Arg,
}

/// An argument: a literal costs one operation and is not evaluated as an expression (Rhai's
/// `get_arg_value`); anything else is an expression.
enum Arg {
    Literal(Dynamic),
    Expr(Expr),
}

/// A binary operator and its operands.
struct Binary {
    op: Op,
    lhs: Arg,
    rhs: Arg,
    /// The registered functions of the operator, for custom types.
    natives: Vec<Native>,
    name: String,
    pos: Position,
}

/// The operators the fast path evaluates.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Int(IntOp),
}

/// Integer arithmetic.
#[derive(Clone, Copy, PartialEq, Eq)]
enum IntOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

/// A call in function-call style.
struct Call {
    target: Callee,
    /// The first argument when it is a variable: passed by reference, as Rhai does.
    first_var: Option<usize>,
    args: Vec<Arg>,
    name: String,
    pos: Position,
}

/// Whom a call calls.
enum Callee {
    /// A function of the rule, by index.
    Script(usize),
    /// Registered functions of that name and arity.
    Native(Vec<Native>),
}

/// `lhs.rest`: the object, then each property read or method call.
struct Chain {
    /// The object when it is a variable: methods take it by reference.
    root: Root,
    links: Vec<Link>,
}

enum Root {
    Var(usize),
    Expr(Expr),
}

/// One step of a chain.
struct Link {
    /// A method's arguments; none for a property.
    args: Vec<Arg>,
    natives: Vec<Native>,
    /// A function of Rhai's array package, run here (no helper has its name).
    array: Option<ArrayMethod>,
    name: String,
    pos: Position,
}

/// The functions of Rhai's array package the fast path runs itself, on an array only (any other
/// value falls back).
#[derive(Clone, Copy, PartialEq, Eq)]
enum ArrayMethod {
    /// `a.len()`: the number of items.
    Len,
    /// `a.push(item)`: one more item, in place.
    Push,
}

#[cfg(test)]
mod tests {
    use crate::sandbox::Sandbox;

    fn covered(source: &str) -> bool {
        let sandbox = Sandbox::new();
        let ast = sandbox.compile(source).unwrap();
        sandbox.compile_fast(source, &ast).is_some()
    }

    #[test]
    fn what_the_shipped_rules_use_is_compiled() {
        assert!(covered(
            "fn twice(n) { n * 2 }\n\
             let n = 0;\n\
             for r in person.relatives(\"colorectal-cancer\") { if r.degree == 1 { n += 1; } }\n\
             let i = 0; let ages = [40, 50];\n\
             while i < 2 { if person.age >= ages[i] { n += twice(1); } i += 1; }\n\
             if n > 1 && !person.knows_conditions { return refer(\"family-history\"); }\n\
             skip(\"none\")"
        ));
    }

    #[test]
    fn break_continue_and_the_arrays_len_and_push_are_compiled() {
        assert!(covered(
            "let found = [];\n\
             for v in person.vaccinations(\"shingles\") {\n\
                 if v.date > today { continue; }\n\
                 found.push(v);\n\
                 if found.len() >= 2 { break; }\n\
             }\n\
             let i = 0;\n\
             while i < 10 { i += 1; if i > 3 { break; } }\n\
             skip(\"none\")"
        ));
    }

    #[test]
    fn constants_and_an_array_items_properties_are_compiled() {
        assert!(covered(
            "const LAST = 26;\n\
             let doses = person.vaccinations(\"hpv\");\n\
             if doses.len() > 0 && person.age <= LAST {\n\
                 let first = doses[doses.len() - 1].date;\n\
                 return due(doses[0].date.plus_months(2)).fill(\"lastAge\", LAST);\n\
             }\n\
             skip(\"none\")"
        ));
    }

    #[test]
    fn what_it_does_not_cover_stays_on_the_interpreter() {
        for source in [
            "loop { }",
            "fn f(n) { if n > 0 { f(n - 1) } else { 0 } } f(3)",
            "const A = [1]; A.push(2); skip(\"a\")",
            "let a = [[1]]; let b = a[0][0]; skip(\"a\")",
            "for x in [1] { break 1; } skip(\"a\")",
            "let a = [1]; a.append([2]); skip(\"a\")",
            "let m = #{a: 1}; skip(\"a\")",
            "switch 1 { 1 => skip(\"a\"), _ => skip(\"b\") }",
            "fn a() { 1 } fn b() { a() } fn c() { b() } fn d() { c() } fn e() { d() } \
             fn f() { e() } fn g() { f() } g()",
        ] {
            assert!(!covered(source), "{source}");
        }
    }
}

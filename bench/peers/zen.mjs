// GoRules ZEN peer: the French organised-screening subset (breast, colorectal, cervical) as a JDM
// decision graph, zen-screening.json, evaluated with the ZEN expression VM of
// @gorules/zen-engine-wasm 0.23.1.
//
// What the package offers. Despite its name, @gorules/zen-engine-wasm is the JDM editor's expression
// bundle (its README: "Currently, it supports only expressions"): the wasm holds zen-expression 0.55
// and zen-types only. It exports evaluateExpression / evaluateUnaryExpression, a `Variable` class
// (a context deserialised once, then evaluated many times) and editor helpers (validation,
// completions, types). There is no ZenEngine, no createDecision, no decision.evaluate(), and no
// JavaScript runtime: a functionNode cannot run in this build (the native engine runs function nodes
// in an embedded QuickJS, which the wasm does not contain). The graph therefore uses only
// inputNode, expressionNode, decisionTableNode and outputNode.
//
// What this module adds, and why. Since the package cannot walk a graph, `JdmDecision` below is a
// small JDM graph walker that follows the native zen-engine handlers (core/engine: graph, expression
// and table handlers, transform attributes): nodes in topological order, a node's input is the merge
// of its parents' outputs; expressionNode evaluates its expressions in order, each seeing the earlier
// ones as `$.key`; decisionTableNode with hit policy first/collect, an input column's `field` is
// evaluated and bound to `$` for the unary cells, an empty cell matches, a failing cell or output
// fails the row; inputField / executionMode "loop" / outputPath / passThrough as in the engine.
// Every expression, table cell and field is evaluated by the package's ZEN VM through `Variable`
// (the context crosses into wasm once per node, as JSON: the API takes JS objects and serialises
// them); the walker decides nothing about screening. One shortcut with no effect on results: `$.key`
// is bound only when a later expression of the node mentions `$`. Other node types (switchNode,
// functionNode, decisionNode, customNode) are refused when the graph is loaded. All decision logic (ages, birthdays with 29 February clamping, last tests,
// Eisinger score per parental branch, statuses, due dates) is in zen-screening.json.
//
// No pre-processing: the profile goes in as given, as { today: asOf, profile }, and the graph
// answers { nudges: [{ program, status, dueDate }] } (no message keys: the table rows' descriptions
// name Vigie's keys, but only status and due date are output).
//
// Notes on the ZEN language seen in this build: years are added as 12 months (`add(12, 'M')` clamps
// 29 February to 28 February, while `add(1, 'y')` on 29 February gives "Invalid date"); `max` takes
// numbers only, `sort` is not available and dates compare only as d(...) values, so "the last test" is the one with the highest rank,
// rank = timestamp of its day + 2 abnormal / 1 unknown / 0 normal (Vigie: newest first, abnormal
// first on the same day, otherwise profile order, which `filter` keeps).

import init, { Variable } from '@gorules/zen-engine-wasm';

export const name = 'GoRules ZEN expressions (wasm) 0.23.1 + graph walker';

const inNode = typeof process !== 'undefined' && !!process.versions?.node;

async function loadInputs() {
  if (inNode) {
    const { readFile } = await import('node:fs/promises');
    const { createRequire } = await import('node:module');
    const { dirname, join } = await import('node:path');
    const pkg = createRequire(import.meta.url).resolve('@gorules/zen-engine-wasm/package.json');
    const wasm = await readFile(join(dirname(pkg), 'dist', 'zen_engine_wasm_bg.wasm'));
    const graph = JSON.parse(await readFile(new URL('./zen-screening.json', import.meta.url), 'utf8'));
    return { wasm, graph };
  }
  const response = await fetch(new URL('./zen-screening.json', import.meta.url));
  if (!response.ok) throw new Error(`zen-screening.json: HTTP ${response.status}`);
  return { wasm: undefined, graph: await response.json() };
}

// ------------------------------------------------------------------------------------------------
// A minimal JDM graph walker over the package's expression VM (see the header).

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Deep merge of objects, `b` winning, as zen-engine merges node data. */
function merge(a, b) {
  if (!isObject(a) || !isObject(b)) return b;
  const out = { ...a };
  for (const key of Object.keys(b)) out[key] = key in out ? merge(out[key], b[key]) : b[key];
  return out;
}

/** Sets a dotted path (`a.b.c`) in `target`, creating objects on the way. */
function setPath(target, path, value) {
  const parts = path.split('.');
  let cursor = target;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!isObject(cursor[parts[i]])) cursor[parts[i]] = {};
    cursor = cursor[parts[i]];
  }
  cursor[parts[parts.length - 1]] = value;
  return target;
}

const blank = (cell) => cell === undefined || cell === null || String(cell).trim() === '';

class JdmDecision {
  constructor(content) {
    const byId = new Map(content.nodes.map((n) => [n.id, n]));
    const inputs = content.nodes.filter((n) => n.type === 'inputNode');
    if (inputs.length !== 1) throw new Error(`a decision needs exactly one inputNode, found ${inputs.length}`);
    const parents = new Map(content.nodes.map((n) => [n.id, []]));
    const indegree = new Map(content.nodes.map((n) => [n.id, 0]));
    const children = new Map(content.nodes.map((n) => [n.id, []]));
    for (const e of content.edges) {
      if (!byId.has(e.sourceId) || !byId.has(e.targetId)) throw new Error(`edge ${e.id}: missing node`);
      if (e.sourceHandle) throw new Error(`edge ${e.id}: switch handles are not supported by this walker`);
      parents.get(e.targetId).push(e.sourceId);
      children.get(e.sourceId).push(e.targetId);
      indegree.set(e.targetId, indegree.get(e.targetId) + 1);
    }
    // Kahn's algorithm, stable in file order.
    const order = [];
    const ready = content.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
    while (ready.length) {
      const id = ready.shift();
      order.push(byId.get(id));
      for (const c of children.get(id)) {
        indegree.set(c, indegree.get(c) - 1);
        if (indegree.get(c) === 0) ready.push(c);
      }
    }
    if (order.length !== content.nodes.length) throw new Error('cyclic decision graph');
    for (const node of order) {
      if (!['inputNode', 'outputNode', 'expressionNode', 'decisionTableNode'].includes(node.type)) {
        throw new Error(`${node.type} "${node.name}" cannot run with @gorules/zen-engine-wasm (expressions only)`);
      }
    }
    // Compiled once: for each expression, whether a later one of its node can read it as `$.key`
    // (when none can, the walker skips rebinding `$`, which changes nothing but time).
    this.steps = new Map();
    for (const node of order) {
      if (node.type !== 'expressionNode') continue;
      const list = node.content.expressions.filter((e) => !blank(e.key) && !blank(e.value));
      this.steps.set(node.id, list.map((e, i) => ({
        key: e.key, value: e.value, feedsSelf: list.slice(i + 1).some((later) => later.value.includes('$')),
      })));
    }
    this.order = order;
    this.parents = parents;
  }

  evaluate(context) {
    const data = new Map();
    let last = null;
    for (const node of this.order) {
      let input;
      if (node.type === 'inputNode') input = context;
      else {
        const from = this.parents.get(node.id);
        input = from.length === 1 ? data.get(from[0]) : from.reduce((acc, id) => merge(acc, data.get(id)), {});
      }
      let output;
      switch (node.type) {
        case 'inputNode':
        case 'outputNode':
          output = input;
          break;
        case 'expressionNode':
          output = transform(node.content, input, (item) => expressions(node.name, this.steps.get(node.id), item));
          break;
        case 'decisionTableNode':
          output = transform(node.content, input, (item) => table(node.content, item));
          break;
      }
      data.set(node.id, output);
      last = output;
      if (node.type === 'outputNode') return output;
    }
    return last;
  }
}

/** inputField, executionMode, outputPath and passThrough, as the engine's TransformAttributes. */
function transform(content, input, run) {
  let subject = input;
  if (!blank(content.inputField)) {
    const env = new Variable(input);
    try { subject = env.evaluateExpression(content.inputField); } finally { env.free(); }
  }
  let output;
  if (content.executionMode === 'loop') {
    if (!Array.isArray(subject)) throw new Error('loop execution expects an array');
    output = subject.map(run);
  } else output = run(subject);
  if (!blank(content.outputPath)) output = setPath({}, content.outputPath, output);
  if (content.passThrough) output = merge(input, output);
  return output;
}

/** expressionNode: expressions in order; each result is visible to the next ones as `$.key`. */
function expressions(nodeName, steps, input) {
  const result = {};
  let env = new Variable(input);
  try {
    for (const { key, value, feedsSelf } of steps) {
      let v;
      try {
        v = env.evaluateExpression(value);
      } catch (err) {
        throw new Error(`${nodeName}: failed to evaluate expression "${key}": ${err?.message ?? err}`);
      }
      if (feedsSelf) {
        const next = env.cloneWith(`$.${key}`, v);
        env.free();
        env = next;
      }
      setPath(result, key, v);
    }
  } finally {
    env.free();
  }
  return result;
}

/** decisionTableNode, hit policy first or collect. */
function table(content, input) {
  const env = new Variable(input);
  const columns = new Map(); // input id -> Variable with `$` bound to the column's field (or null on error)
  const hits = [];
  try {
    for (const rule of content.rules) {
      let ok = true;
      for (const column of content.inputs) {
        const cell = rule[column.id];
        if (blank(cell)) continue;
        try {
          if (blank(column.field)) {
            ok = env.evaluateExpression(cell) === true;
          } else {
            let bound = columns.get(column.id);
            if (bound === undefined) {
              try { bound = env.cloneWith('$', env.evaluateExpression(column.field)); } catch { bound = null; }
              columns.set(column.id, bound);
            }
            ok = bound !== null && bound.evaluateUnaryExpression(cell);
          }
        } catch {
          ok = false;
        }
        if (!ok) break;
      }
      if (!ok) continue;
      const output = {};
      try {
        for (const column of content.outputs) {
          const cell = rule[column.id];
          if (blank(cell)) continue;
          setPath(output, column.field, env.evaluateExpression(cell));
        }
      } catch {
        continue;
      }
      if (content.hitPolicy !== 'collect') return output;
      hits.push(output);
    }
    return content.hitPolicy === 'collect' ? hits : null;
  } finally {
    for (const bound of columns.values()) bound?.free();
    env.free();
  }
}

// ------------------------------------------------------------------------------------------------

export async function create() {
  const { wasm, graph } = await loadInputs();
  if (wasm) await init({ module_or_path: wasm });
  else await init();
  const decision = new JdmDecision(graph);
  return {
    async evaluate(profile, asOf) {
      return decision.evaluate({ today: asOf, profile }).nudges;
    },
  };
}

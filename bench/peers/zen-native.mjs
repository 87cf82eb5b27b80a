// GoRules ZEN peer, full engine: the same JDM decision graph as zen.mjs (zen-screening.json), run
// by GoRules' own decision engine 0.52.1 — the Rust zen-engine crate as a Node-API addon built with
// napi-rs. No walker of ours: `new ZenEngine()`, `engine.createDecision(content)` once, then
// `decision.evaluate(context)` per profile, which walks the graph in Rust (input, expression,
// decision-table and output nodes) and resolves a Promise with { performance, result }.
//
// Which package: @gorules/zen-engine 0.52.1, the portable loader (it picks the platform's prebuilt
// addon among its optional packages). Not 0.54.0, the newest: its manifest names eight optional
// platform packages of which only the two linux-x64 ones were published at 0.54.0, so npm leaves the
// others out of package-lock.json and `npm ci` (scripts/setup) refuses the lock file. The 0.52.1
// engine gives the same answers on the 10 000 people (checked against 0.54.0 when choosing).

// Input and output are those of zen.mjs: the profile goes in as given, as { today: asOf, profile },
// and the graph answers { nudges: [{ program, status, dueDate }] }. The context crosses the Node-API
// boundary as a JS object (napi-rs converts it to serde_json values) and the result comes back the
// same way; evaluate() runs off the main thread, so each call costs a Promise round trip too.
//
// Node only: the addon is a native .node file. The engine's WebAssembly (wasm32-wasi) build is not
// used: see bench/README.md.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const { ZenEngine } = createRequire(import.meta.url)('@gorules/zen-engine');

export const name = 'GoRules ZEN engine 0.52.1 (Node addon)';
export const nodeOnly = true;

export async function create() {
  const content = await readFile(new URL('./zen-screening.json', import.meta.url));
  const engine = new ZenEngine();
  const decision = engine.createDecision(content);
  return {
    async evaluate(profile, asOf) {
      const { result } = await decision.evaluate({ today: asOf, profile });
      return result.nudges;
    },
  };
}

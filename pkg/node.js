// Node: the same glue and module as browsers (dist/vigie.js, dist/vigie_bg.wasm), the module read
// from disk and instantiated synchronously: no network, no fetch.
import { readFileSync } from 'node:fs';
import { initSync, Engine, __vigie_renew } from './dist/vigie.js';
import { load, Runtime } from './core.js';

export { Vigie, VigieError } from './core.js';

let runtime;

/**
 * Creates a Vigie for a rule set (the built-in French one by default).
 * @param {{ ruleset?: string | object }} [options]
 */
export async function createVigie(options = {}) {
  // Compiled on the first call, not on import: importing the package (for `VigieError`, or from
  // the CommonJS entry) costs nothing until a rule set is wanted. One instance is shared by every
  // Vigie, and replaced by a fresh one after a trap (core.js).
  if (runtime === undefined) {
    initSync({ module: readFileSync(new URL('./dist/vigie_bg.wasm', import.meta.url)) });
    runtime = new Runtime({ Engine, __vigie_renew });
  }
  return load(runtime, options);
}

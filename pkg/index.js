// Browsers and bundlers: an ES module that fetches and instantiates `vigie_bg.wasm` once.
import init, { Engine, __vigie_renew } from './dist/vigie.js';
import { load, Runtime } from './core.js';

export { Vigie, VigieError } from './core.js';

let instantiated;
let runtime;

/**
 * Creates a Vigie for a rule set (the built-in French one by default).
 * @param {{ ruleset?: string | object, wasm?: URL | string | Response | BufferSource | WebAssembly.Module }} [options]
 */
export async function createVigie(options = {}) {
  // The module is fetched and compiled once; its instance is shared by every Vigie, and replaced
  // by a fresh one (from the same compiled module) after a trap. Rule sets are per Vigie.
  instantiated ??= init(options.wasm === undefined ? undefined : { module_or_path: options.wasm });
  try {
    await instantiated;
  } catch (err) {
    instantiated = undefined; // a failed fetch can be tried again
    throw err;
  }
  runtime ??= new Runtime({ Engine, __vigie_renew });
  return load(runtime, options);
}

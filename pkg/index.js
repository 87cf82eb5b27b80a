// Browsers and bundlers: an ES module that fetches and instantiates `vigie_bg.wasm` once.
import init, { Engine } from './dist/web/vigie.js';
import { load } from './core.js';

export { Vigie, VigieError } from './core.js';

let instantiated;

/**
 * Creates a Vigie for a rule set (the built-in French one by default).
 * @param {{ ruleset?: string | object, wasm?: URL | string | Response | BufferSource | WebAssembly.Module }} [options]
 */
export async function createVigie(options = {}) {
  // The module is instantiated once and shared; rule sets are per instance.
  instantiated ??= init(options.wasm === undefined ? undefined : { module_or_path: options.wasm });
  await instantiated;
  return load(Engine, options);
}

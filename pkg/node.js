// Node: loads the Node build of the module (read from disk, no network).
import { createRequire } from 'node:module';
import { load, Runtime } from './core.js';

export { Vigie, VigieError } from './core.js';

const require = createRequire(import.meta.url);
const { Engine, __vigie_renew } = require('./dist/node/vigie.js');
// One instance shared by every Vigie, replaced by a fresh one after a trap (core.js).
const runtime = new Runtime({ Engine, __vigie_renew });

/**
 * Creates a Vigie for a rule set (the built-in French one by default).
 * @param {{ ruleset?: string | object }} [options]
 */
export async function createVigie(options = {}) {
  return load(runtime, options);
}

// Node: loads the Node build of the module (read from disk, no network).
import { createRequire } from 'node:module';
import { load } from './core.js';

export { Vigie, VigieError } from './core.js';

const require = createRequire(import.meta.url);
const { Engine } = require('./dist/node/vigie.js');

/**
 * Creates a Vigie for a rule set (the built-in French one by default).
 * @param {{ ruleset?: string | object }} [options]
 */
export async function createVigie(options = {}) {
  return load(Engine, options);
}

'use strict';
// CommonJS entry: `require('vigie')`. It loads the ES-module entry (node.js) with a dynamic
// `import()`, which CommonJS can do on every Node version, unlike `require()` of an ES module
// (only Node ≥ 20.19 and ≥ 22.12 can). So there is one module graph, not a CommonJS copy of the
// package: a program that both requires and imports `vigie` shares one wasm instance, one set of
// loaded rule sets and one `VigieError` class.
//
// `createVigie` is async anyway, so it simply waits for the import. `VigieError` and `Vigie`
// must be there at once (`const { VigieError } = require('vigie')`), before the ES module can
// have loaded: they are stand-ins whose `instanceof` answers for the ES module's classes (and for
// their own instances). The import starts at `require` time; no `Vigie` or `VigieError` of the
// package can exist before it has finished.

let entry;
const loading = import('./node.js').then((module) => {
  entry = module;
  return module;
});
// An import that failed is reported by createVigie, not as an unhandled rejection at require time.
loading.catch(() => {});

/**
 * Creates a Vigie for a rule set (the built-in French one by default).
 * @param {{ ruleset?: string | object, expectDigest?: string }} [options]
 */
async function createVigie(options) {
  return (await loading).createVigie(options);
}

/** `instanceof` for a stand-in: its own instances, and those of the ES module's class `name`. */
function answersFor(name) {
  return function hasInstance(value) {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    return entry !== undefined && value instanceof entry[name];
  };
}

/** A Vigie failure: `code` says which, `message` says what and where; other fields by code. */
class VigieError extends Error {
  constructor(data) {
    super(data.message);
    this.name = 'VigieError';
    Object.assign(this, data);
  }

  static [Symbol.hasInstance] = answersFor('VigieError');
}

/** One loaded rule set (made by `createVigie()`). */
class Vigie {
  constructor() {
    throw new VigieError({ code: 'invalid-options', message: 'use createVigie() to make a Vigie', path: '' });
  }

  static [Symbol.hasInstance] = answersFor('Vigie');
}

module.exports = { createVigie, VigieError, Vigie };

// The package's API over the wasm `Engine` (shared by the browser and Node entries).
// JSON text crosses the boundary both ways: it is the fastest route, and it keeps reports
// byte-identical to `vigie eval`.

/** A Vigie failure: `code` says which, `message` says what and where; other fields by code. */
export class VigieError extends Error {
  constructor(data) {
    super(data.message);
    this.name = 'VigieError';
    Object.assign(this, data);
  }
}

function toError(thrown) {
  if (typeof thrown === 'string') {
    try {
      return new VigieError(JSON.parse(thrown));
    } catch {
      return new VigieError({ code: 'internal', message: thrown });
    }
  }
  return thrown;
}

function call(fn) {
  try {
    return fn();
  } catch (thrown) {
    throw toError(thrown);
  }
}

function optionsJson(options) {
  if (options === undefined || options === null) return '';
  if (typeof options !== 'object') {
    throw new VigieError({ code: 'invalid-options', message: 'options: expected an object such as { asOf: "2026-01-15", locale: "fr" }', path: '' });
  }
  return JSON.stringify(options);
}

// A profile object as JSON text. An object JSON cannot write (a cycle, a BigInt, nesting deep
// enough to exhaust the stack) is refused like any other bad profile, never a TypeError.
function profileJson(profile) {
  try {
    return JSON.stringify(profile) ?? 'null';
  } catch (err) {
    const problem = { path: '', message: `cannot be written as JSON: ${err.message}` };
    throw new VigieError({ code: 'invalid-profile', message: `the profile has 1 problem(s): profile: ${problem.message}`, problems: [problem] });
  }
}

/** One loaded rule set. Instances are independent; call `free()` when done with one. */
export class Vigie {
  #engine;
  #ruleset;

  constructor(engine) {
    this.#engine = engine;
    this.#ruleset = Object.freeze(JSON.parse(engine.rulesetJson()));
  }

  /** `{ id, version, digest }` of the loaded rule set. */
  ruleset() {
    return this.#ruleset;
  }

  /** Evaluates a profile; returns the report object. Throws VigieError on bad input. */
  evaluate(profile, options) {
    const opts = optionsJson(options);
    const json = profileJson(profile);
    return JSON.parse(call(() => this.#engine.evaluateCompactJson(json, opts)));
  }

  /** Evaluates a profile given as JSON text; returns the report as JSON text (as `vigie eval`). */
  evaluateJson(profileJson, options) {
    if (typeof profileJson !== 'string') {
      throw new VigieError({ code: 'invalid-profile', message: 'evaluateJson takes the profile as JSON text', problems: [] });
    }
    const opts = optionsJson(options);
    return call(() => this.#engine.evaluateJson(profileJson, opts));
  }

  /** Validates a profile without evaluating it: the list of problems (empty when valid). */
  validate(profile, options) {
    const opts = optionsJson(options);
    let json;
    try {
      json = profileJson(profile);
    } catch (err) {
      return err.problems;
    }
    const answer = call(() => this.#engine.validateJson(json, opts));
    return JSON.parse(answer).problems;
  }

  /** Releases the rule set's memory in the module. */
  free() {
    this.#engine.free();
  }
}

/**
 * Loads a rule set: a built-in id (`'fr'`), or a bundle (object or JSON text) from `vigie bundle`.
 * With `expectDigest`, refuses (`unexpected-digest`) a rule set whose digest — or, for a bundle,
 * whose whole-bundle digest (`bundleDigest`) — is another, before compiling it.
 */
export function load(Engine, options = {}) {
  const ruleset = options.ruleset ?? 'fr';
  const expect = options.expectDigest ?? undefined;
  if (expect !== undefined && typeof expect !== 'string') {
    throw new VigieError({ code: 'invalid-options', message: 'expectDigest: expected a digest such as "sha256:0c77a9d0…" (sha256: and 64 hex digits)', path: 'expectDigest' });
  }
  if (typeof ruleset === 'string' && !ruleset.trimStart().startsWith('{')) {
    return new Vigie(call(() => (expect === undefined ? Engine.builtIn(ruleset) : Engine.builtInExpecting(ruleset, expect))));
  }
  const json = typeof ruleset === 'string' ? ruleset : JSON.stringify(ruleset);
  return new Vigie(call(() => (expect === undefined ? Engine.fromBundle(json) : Engine.fromBundleExpecting(json, expect))));
}

// The engine as the citizen path uses it: a rule set loaded in a worker (`vigie/worker`), so the page
// never waits on the engine, with what never changes for a rule set (its id, programs, code words,
// questionnaire, sources) read once at load and answered at once afterwards. Evaluations, checks and
// answers go to the worker and are awaited. Where no module worker can start (an old browser, a
// page opened from a file), the same calls run on the main thread.

import { VigieError } from '../core.js';

const LOCALES = ['fr', 'en'];

/**
 * Where the engine's files are, for bundlers that do not find them on their own (esbuild, Rollup:
 * pkg/README.md "Bundlers"): `worker`, the worker script's URL, and `wasm`, `vigie_bg.wasm`'s
 * (or its bytes, or a compiled module, or a Promise of one of these: a page can start downloading
 * and compiling the module before the element opens its engine), as `createVigieWorker` and
 * `createVigie` take them.
 */
const located = {};

/**
 * Tells the elements where the worker script and the wasm module are; engines opened afterwards
 * use them (call it in the module that imports `vigie/element`: the elements open their engine
 * only after that module has run). Throws `invalid-options` for anything but `worker` and `wasm`.
 */
export function configure(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw optionsError('configure: expected an object such as { worker: "/vigie-worker.js", wasm }', '');
  }
  for (const key of Object.keys(options)) {
    if (key !== 'worker' && key !== 'wasm') throw optionsError(`configure: unknown option \`${key}\` (worker, wasm)`, key);
  }
  const { worker } = options;
  if (worker !== undefined && typeof worker !== 'string' && !(worker instanceof URL)) {
    throw optionsError('configure: `worker` is the worker script\'s URL (a string or a URL)', 'worker');
  }
  for (const key of ['worker', 'wasm']) {
    if (key in options) located[key] = options[key];
  }
}

function optionsError(message, path) {
  return new VigieError({ code: 'invalid-options', message, path });
}

export class Engine {
  #vigie;
  #fixed;

  constructor(vigie, fixed) {
    this.#vigie = vigie;
    this.#fixed = fixed;
  }

  /**
   * Loads `ruleset` (a built-in id or a bundle) in a worker, or on the main thread when `worker`
   * is false or no worker can start. Throws what the package throws (VigieError).
   */
  static async open(ruleset, { worker = true } = {}) {
    const vigie = await start(ruleset, worker);
    const fixed = { ruleset: await vigie.ruleset(), sources: await vigie.sources(), byLocale: {} };
    for (const locale of LOCALES) {
      try {
        fixed.byLocale[locale] = {
          programs: await vigie.programs({ locale }),
          codeLabels: await vigie.codeLabels({ locale }),
          questionnaire: await vigie.questionnaire({ locale }),
        };
      } catch (err) {
        // A rule set that does not speak the language.
        if (err?.code !== 'unknown-locale') throw err;
      }
    }
    return new Engine(vigie, fixed);
  }

  ruleset() { return this.#fixed.ruleset; }

  sources() { return this.#fixed.sources; }

  programs({ locale } = {}) { return this.#read(locale, 'programs'); }

  codeLabels({ locale } = {}) { return this.#read(locale, 'codeLabels'); }

  questionnaire({ locale } = {}) { return this.#read(locale, 'questionnaire'); }

  /** The report (a Promise). */
  evaluate(profile, options) { return this.#vigie.evaluate(profile, options); }

  /** A FHIR R4 bundle imported and evaluated: the report with its `import` section (a Promise). */
  evaluateFhir(bundle, options) { return this.#vigie.evaluateFhir(bundle, options); }

  /** The profile a FHIR R4 bundle gives, with what was not used (a Promise). */
  importFhir(bundle, options) { return this.#vigie.importFhir(bundle, options); }

  /** The problems of a profile (a Promise). */
  validate(profile, options) { return this.#vigie.validate(profile, options); }

  /** The profile answers make (a Promise). */
  profileFromAnswers(answers, options) { return this.#vigie.profileFromAnswers(answers, options); }

  free() {
    try {
      return this.#vigie.free();
    } catch {
      return undefined; // freed already, or its worker gone: nothing left to release
    }
  }

  #read(locale, what) {
    const words = this.#fixed.byLocale[locale ?? Object.keys(this.#fixed.byLocale)[0]];
    if (!words) {
      throw new VigieError({ code: 'unknown-locale', message: `the rule set does not speak ${locale}`, path: 'locale' });
    }
    return words[what];
  }
}

async function start(ruleset, worker) {
  // `located` is read after an await: a `configure()` in the importing module has run by then.
  if (worker && typeof Worker === 'function') {
    try {
      const { createVigieWorker } = await import('../worker/client.js');
      return await createVigieWorker({ ruleset, ...located });
    } catch (err) {
      // A rule set the engine refuses is refused on the main thread too: say so, do not retry.
      if (err?.code && err.code !== 'worker-crashed') throw err;
      console.warn('vigie: no worker, the engine runs on the main thread', err);
    }
  }
  const { createVigie } = await import('../index.js');
  return createVigie({ ruleset, wasm: located.wasm });
}

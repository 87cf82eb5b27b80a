// The package's API over the wasm `Engine` (shared by the browser and Node entries).
// JSON text crosses the boundary both ways: it is the fastest route, and it keeps reports
// byte-identical to `vigie eval`.
//
// A trap (a panic in the module, `unreachable`, memory exhausted, a full stack) stops wasm code in
// the middle of whatever it was doing: borrows are never released (a rule's cache stays borrowed),
// the allocator may be half way through a change. Nothing that instance holds can be trusted afterwards, so the first trap retires it
// (`Runtime`): its engines are let go without another call into it, a fresh instance is made from
// the compiled module, the call that trapped throws `engine-trapped`, and each `Vigie` loads its
// rule set again in the fresh instance on its next call.

import { STATUS_LABELS } from './labels.js';

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
    const problem = { path: '', kind: 'not-json', message: `cannot be written as JSON: ${err.message}` };
    throw new VigieError({ code: 'invalid-profile', message: `the profile has 1 problem(s): profile: ${problem.message}`, problems: [problem] });
  }
}

// What an evaluation answers: the report (`format: 'report'`, the default) or CDS Hooks cards
// (`format: 'cds-hooks'`, with `all`). `format` is taken off the options the module reads, so
// options without it reach the module as they always did.
function outputOf(options) {
  if (options === null || typeof options !== 'object' || !('format' in options)) {
    return { cards: false, options };
  }
  const { format, ...rest } = options;
  if (format === undefined || format === 'report') return { cards: false, options: rest };
  if (format === 'cds-hooks') return { cards: true, options: rest };
  throw new VigieError({
    code: 'invalid-options',
    message: `format: ${JSON.stringify(format) ?? String(format)} is not "report" or "cds-hooks"`,
    path: 'format',
  });
}

// A report to turn into cards: JSON text as given, an object as JSON text.
function reportJson(report) {
  if (typeof report === 'string') return report;
  if (report === null || typeof report !== 'object') {
    throw new VigieError({ code: 'invalid-report', message: 'cards() takes a report (the object evaluate() returned, or its JSON text)' });
  }
  try {
    return JSON.stringify(report);
  } catch (err) {
    throw new VigieError({ code: 'invalid-report', message: `the report cannot be written as JSON: ${err.message}` });
  }
}

// A FHIR bundle as JSON text: text as given, an object written as JSON (one JSON cannot write is
// refused like any other bad bundle).
function bundleJson(bundle) {
  if (typeof bundle === 'string') return bundle;
  try {
    return JSON.stringify(bundle) ?? 'null';
  } catch (err) {
    const problem = { path: '', kind: 'not-json', message: `cannot be written as JSON: ${err.message}` };
    throw new VigieError({ code: 'invalid-fhir', message: `the bundle has 1 problem(s): ${problem.message}`, problems: [problem] });
  }
}

// Answers to a rule set's questions as JSON text: text as given, an object written as JSON (one
// JSON cannot write is refused like any other bad answers).
function answersJson(answers) {
  if (typeof answers === 'string') return answers;
  try {
    return JSON.stringify(answers) ?? 'null';
  } catch (err) {
    const problem = { path: '', kind: 'not-json', message: `cannot be written as JSON: ${err.message}` };
    throw new VigieError({ code: 'invalid-answers', message: `the answers have 1 problem(s): ${problem.message}`, problems: [problem] });
  }
}

const TRAPPED = 'engine-trapped';

/**
 * The module's current wasm instance and the engines living in it. `glue` is wasm-bindgen's
 * glue with the two functions `scripts/renewable-glue.mjs` adds.
 */
export class Runtime {
  #glue;
  #generation = 0;
  /** What retired the current instance, until a fresh one has fully started; null while alive. */
  #dead = null;
  /** Every engine of the current instance, held until released so that none is finalised by the glue. */
  #engines = new Set();
  /** Releases the engine of a Vigie that was dropped without `free()`. */
  #dropped = typeof FinalizationRegistry === 'undefined'
    ? { register() {}, unregister() {} }
    : new FinalizationRegistry((slot) => {
      try {
        this.release(slot);
      } catch {
        // It trapped: the instance was retired, and the engine with it.
      }
    });

  constructor(glue) {
    this.#glue = glue;
  }

  /** Runs `fn` (a call into the module). A trap retires the instance and throws `engine-trapped`. */
  call(fn, doing) {
    this.#alive(doing);
    try {
      return fn();
    } catch (thrown) {
      // The module reports every failure as JSON text; anything else came from a trap (or from a
      // full stack, which stops wasm code in the middle just the same).
      if (typeof thrown === 'string') throw toError(thrown);
      // First, and cheap enough to run even on a full stack: nothing calls into it again.
      this.#dead = thrown;
      try {
        this.#restart(doing);
      } catch {
        // The next call restarts it.
      }
      throw new VigieError({
        code: TRAPPED,
        message: `the engine stopped with an internal error while ${doing} (${describe(thrown)}); `
          + 'the module was restarted and later calls work',
        cause: thrown,
      });
    }
  }

  /** Loads a rule set; the slot a `Vigie` keeps (its source is kept to load it again after a trap). */
  load(source, owner) {
    const slot = { source, engine: null, generation: -1, freed: false };
    this.#attach(slot);
    this.#dropped.register(owner, slot, slot);
    return slot;
  }

  /** The slot's engine in the current instance, loaded again there if an earlier one trapped. */
  engine(slot, doing) {
    if (slot.freed) throw freed();
    this.#alive(doing);
    if (slot.engine === null || slot.generation !== this.#generation) this.#attach(slot);
    return slot.engine;
  }

  /** Frees the slot's engine (when it lives in the current, working instance). */
  release(slot) {
    slot.freed = true;
    this.#dropped.unregister(slot);
    const engine = slot.engine;
    slot.engine = null;
    if (engine === null || !this.#engines.delete(engine)) return;
    if (this.#dead !== null) engine.__destroy_into_raw();
    else this.call(() => engine.free(), 'freeing a rule set');
  }

  #attach(slot) {
    const { Engine } = this.#glue;
    const { source } = slot;
    const { expect } = source;
    const engine = this.call(
      () => {
        if (source.builtIn !== undefined) {
          return expect === undefined ? Engine.builtIn(source.builtIn) : Engine.builtInExpecting(source.builtIn, expect);
        }
        return expect === undefined ? Engine.fromBundle(source.bundle) : Engine.fromBundleExpecting(source.bundle, expect);
      },
      'loading a rule set',
    );
    this.#engines.add(engine);
    slot.engine = engine;
    slot.generation = this.#generation;
  }

  #alive(doing) {
    if (this.#dead !== null) this.#restart(doing);
  }

  // Lets every engine of the retired instance go without calling into it (`__destroy_into_raw`
  // only forgets the pointer and unregisters it from the glue's finaliser, which would otherwise
  // free an old pointer in the new instance), then starts a fresh instance. Cut short (a full
  // stack), it leaves `#dead` set, and the next call starts over.
  #restart(doing) {
    for (const engine of this.#engines) engine.__destroy_into_raw();
    this.#engines.clear();
    this.#generation += 1;
    try {
      this.#glue.__vigie_renew();
    } catch (err) {
      throw new VigieError({
        code: TRAPPED,
        message: `the engine could not be restarted after an internal error, while ${doing} (${describe(err)})`,
        cause: err,
      });
    }
    this.#dead = null;
  }
}

function freed() {
  return new VigieError({ code: 'engine-freed', message: 'this Vigie was freed (free() was called): create another with createVigie()' });
}

function describe(thrown) {
  const name = thrown?.constructor?.name ?? typeof thrown;
  return thrown?.message ? `${name}: ${thrown.message}` : String(name);
}

/** One loaded rule set. Instances are independent; call `free()` when done with one. */
export class Vigie {
  #runtime;
  #slot;
  #ruleset;

  /** @internal Use `createVigie()`. */
  constructor(runtime, source) {
    if (!(runtime instanceof Runtime)) {
      throw new VigieError({ code: 'invalid-options', message: 'use createVigie() to make a Vigie', path: '' });
    }
    this.#runtime = runtime;
    this.#slot = runtime.load(source, this);
    this.#ruleset = Object.freeze(JSON.parse(this.#call('rulesetJson', 'reading the rule set id')));
  }

  #live() {
    if (this.#slot.freed) throw freed();
  }

  #call(method, doing, ...args) {
    const runtime = this.#runtime;
    const engine = runtime.engine(this.#slot, doing);
    return runtime.call(() => engine[method](...args), doing);
  }

  /** `{ id, version, digest }` of the loaded rule set. */
  ruleset() {
    return this.#ruleset;
  }

  /**
   * Evaluates a profile; returns the report object, or with `format: 'cds-hooks'` a CDS Hooks
   * response `{ cards }` (`all: true`: up-to-date nudges too). `questions: true` adds the report's
   * `questions` (as `vigie eval --questions`; refused with cards). Throws VigieError on bad input.
   */
  evaluate(profile, options) {
    this.#live();
    const output = outputOf(options);
    const opts = optionsJson(output.options);
    const json = profileJson(profile);
    if (output.cards) {
      return JSON.parse(this.#call('evaluateCardsJson', 'evaluating a profile', json, opts, true));
    }
    return JSON.parse(this.#call('evaluateCompactJson', 'evaluating a profile', json, opts));
  }

  /**
   * Evaluates a profile given as JSON text; returns the report as JSON text (as `vigie eval`), or
   * the cards with `format: 'cds-hooks'` (as `vigie eval --format cds-hooks`).
   */
  evaluateJson(profileJson, options) {
    this.#live();
    if (typeof profileJson !== 'string') {
      throw new VigieError({ code: 'invalid-profile', message: 'evaluateJson takes the profile as JSON text', problems: [] });
    }
    const output = outputOf(options);
    const opts = optionsJson(output.options);
    if (output.cards) {
      return this.#call('evaluateCardsJson', 'evaluating a profile', profileJson, opts, false);
    }
    return this.#call('evaluateJson', 'evaluating a profile', profileJson, opts);
  }

  /**
   * A report (the object `evaluate` returned, or its JSON text) as a CDS Hooks response
   * `{ cards }`: the cards `evaluate(…, { format: 'cds-hooks' })` gives. `options.all` adds the
   * up-to-date nudges. Throws `invalid-report`, `invalid-options`.
   */
  cards(report, options) {
    this.#live();
    const json = reportJson(report);
    const opts = optionsJson(options);
    return JSON.parse(this.#call('cardsJson', 'making cards', json, opts, true));
  }

  /**
   * The profile a FHIR R4 bundle (an object, or JSON text) gives: `{ profile, notUsed, notes,
   * mappings }`, as `vigie import fhir`. Throws `invalid-fhir` with every problem at its path.
   */
  importFhir(bundle, options) {
    this.#live();
    const opts = optionsJson(options);
    return JSON.parse(this.#call('importFhirJson', 'importing a FHIR bundle', bundleJson(bundle), opts, true));
  }

  /** `importFhir` with the bundle as JSON text; the answer as JSON text (as `vigie import fhir`). */
  importFhirJson(bundle, options) {
    this.#live();
    if (typeof bundle !== 'string') {
      throw new VigieError({ code: 'invalid-fhir', message: 'importFhirJson takes the bundle as JSON text', problems: [] });
    }
    return this.#call('importFhirJson', 'importing a FHIR bundle', bundle, optionsJson(options), false);
  }

  /**
   * Imports a FHIR R4 bundle and evaluates it: the report with its `import` section (as `vigie eval
   * --fhir`), or with `format: 'cds-hooks'` the cards. Throws `invalid-fhir`, and as `evaluate`.
   */
  evaluateFhir(bundle, options) {
    this.#live();
    const output = outputOf(options);
    const opts = optionsJson(output.options);
    const method = output.cards ? 'evaluateFhirCardsJson' : 'evaluateFhirJson';
    return JSON.parse(this.#call(method, 'evaluating a FHIR bundle', bundleJson(bundle), opts, true));
  }

  /** `evaluateFhir` with the bundle as JSON text; the answer as JSON text (as `vigie eval --fhir`). */
  evaluateFhirJson(bundle, options) {
    this.#live();
    if (typeof bundle !== 'string') {
      throw new VigieError({ code: 'invalid-fhir', message: 'evaluateFhirJson takes the bundle as JSON text', problems: [] });
    }
    const output = outputOf(options);
    const opts = optionsJson(output.options);
    const method = output.cards ? 'evaluateFhirCardsJson' : 'evaluateFhirJson';
    return this.#call(method, 'evaluating a FHIR bundle', bundle, opts, false);
  }

  /** Validates a profile without evaluating it: the list of problems (empty when valid). */
  validate(profile, options) {
    this.#live();
    const opts = optionsJson(options);
    let json;
    try {
      json = profileJson(profile);
    } catch (err) {
      return err.problems;
    }
    const answer = this.#call('validateJson', 'validating a profile', json, opts);
    return JSON.parse(answer).problems;
  }

  /**
   * What the rule set covers, in the engine's order of programs: `[{ program, title, description }]`
   * in `options.locale` (the rule set's first locale by default), as `vigie programs` prints it.
   */
  programs(options) {
    this.#live();
    return JSON.parse(this.#call('programsJson', 'reading the programs', optionsJson(options)));
  }

  /**
   * The words for codes in `options.locale`: `codes`, the labels the rule set's reports give them
   * (its own, else the engine's), and `answers`, how a questionnaire says them (the engine's).
   */
  codeLabels(options) {
    this.#live();
    return JSON.parse(this.#call('codeLabelsJson', 'reading the code labels', optionsJson(options)));
  }

  /**
   * Every question the rule set declares, worded in `options.locale` (the rule set's first by
   * default): `{ locale, priority, questions }`, as `vigie questions` prints it (docs/questions.md §5).
   */
  questionnaire(options) {
    this.#live();
    return JSON.parse(this.#call('questionnaireJson', 'reading the questionnaire', optionsJson(options), true));
  }

  /**
   * The profile that `{ answers: { <question id>: answer } }` (an object, or JSON text) makes, for
   * `options.asOf` (today by default), as `vigie answers`. Throws `invalid-answers` with every
   * problem at `answers.<id>…`, `invalid-options`.
   */
  profileFromAnswers(answers, options) {
    this.#live();
    const opts = optionsJson(options);
    return JSON.parse(this.#call('profileFromAnswersJson', 'reading answers', answersJson(answers), opts, true));
  }

  /**
   * What a portal shows beside a report, in `options.locale` (the rule set's first by default):
   * `{ locale, statuses, programs, codes }` — each status word's label (the package's words, the
   * page's badges), each program's title (`programs()`), each code's label (`codeLabels().codes`).
   * Throws `unknown-locale` (as `programs()`), `invalid-options`.
   */
  labels(options) {
    this.#live();
    const opts = optionsJson(options);
    const covered = JSON.parse(this.#call('programsJson', 'reading the programs', opts));
    const { locale, codes } = JSON.parse(this.#call('codeLabelsJson', 'reading the code labels', opts));
    const statuses = STATUS_LABELS[locale];
    if (statuses === undefined) {
      throw new VigieError({
        code: 'unknown-locale',
        message: `no status labels in \`${locale}\`: the package words statuses in ${Object.keys(STATUS_LABELS).join(', ')}`,
      });
    }
    const programs = {};
    for (const { program, title } of covered) programs[program] = title;
    return { locale, statuses: { ...statuses }, programs, codes };
  }

  /** Every source the rule set cites, each page once: `[{ label, url, checked }]`. */
  sources() {
    this.#live();
    return JSON.parse(this.#call('sourcesJson', 'reading the sources'));
  }

  /** Releases the rule set's memory in the module. Using the Vigie afterwards throws `engine-freed`. */
  free() {
    if (this.#slot.freed) {
      throw new VigieError({ code: 'engine-freed', message: 'free() was called twice on the same Vigie' });
    }
    this.#runtime.release(this.#slot);
  }
}

/**
 * Loads a rule set: a built-in id (`'fr'`), or a bundle (object or JSON text) from `vigie bundle`.
 * With `expectDigest`, refuses (`unexpected-digest`) a rule set whose digest — or, for a bundle,
 * whose whole-bundle digest (`bundleDigest`) — is another, before compiling it; the pin holds
 * again when the rule set is reloaded after a trap.
 */
export function load(runtime, options = {}) {
  const ruleset = options.ruleset ?? 'fr';
  const expect = options.expectDigest ?? undefined;
  if (expect !== undefined && typeof expect !== 'string') {
    throw new VigieError({ code: 'invalid-options', message: 'expectDigest: expected a digest such as "sha256:0c77a9d0…" (sha256: and 64 hex digits)', path: 'expectDigest' });
  }
  if (typeof ruleset === 'string' && !ruleset.trimStart().startsWith('{')) {
    return new Vigie(runtime, { builtIn: ruleset, expect });
  }
  const bundle = typeof ruleset === 'string' ? ruleset : JSON.stringify(ruleset);
  return new Vigie(runtime, { bundle, expect });
}

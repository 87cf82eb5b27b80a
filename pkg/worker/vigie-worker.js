// A Vigie living in a worker, with the same API as `Vigie` but every answer a Promise. Shared by the
// browser entry (client.js: a module Worker) and the Node one (node.js: worker_threads), which only
// say how to start a worker (`spawn`).
//
// One worker holds one rule set. Every message to it (the load, each call) must be answered within
// `deadlineMs`: a worker busy for longer cannot be interrupted, only ended, so the late call rejects
// `deadline-exceeded`, the worker is terminated, the calls waiting behind it reject
// `worker-restarted`, and the next call starts a fresh worker that loads the rule set again (with
// the same `expectDigest`). A worker that fails (an error, a message that cannot be read, an exit)
// rejects every waiting call `worker-crashed` the same way: no call is ever left hanging.

import { VigieError } from '../core.js';
import { errorFromData, LOAD } from './wire.js';

/** How long a call may go unanswered by default (ms): far above a load (~100 ms) or an evaluation. */
export const DEFAULT_DEADLINE_MS = 10_000;

const constructing = Symbol('VigieWorker');

function optionsError(message, path) {
  return new VigieError({ code: 'invalid-options', message, path });
}

function doing(method) {
  return method === LOAD ? 'loading the rule set' : `\`${method}\``;
}

/** One running worker and the calls it has not answered yet. */
class Link {
  #endpoint;
  #pending = new Map();
  #nextId = 1;
  #onEnd;
  ended = false;
  /** Resolves to the rule set's id once the worker loaded it. */
  ready;

  constructor(spawn, load, deadlineMs, onEnd) {
    this.#onEnd = onEnd;
    this.#endpoint = spawn({
      message: (answer) => this.#answer(answer),
      failure: (what) => this.end(() => new VigieError({
        code: 'worker-crashed',
        message: `the worker stopped (${what}); the next call starts a fresh one`,
      })),
    });
    this.ready = this.send(LOAD, [load], deadlineMs);
  }

  send(method, args, deadlineMs) {
    return new Promise((resolve, reject) => {
      if (this.ended) {
        reject(new VigieError({ code: 'worker-restarted', message: `${doing(method)} was not sent: the worker had just stopped; call again` }));
        return;
      }
      const id = this.#nextId++;
      const timer = setTimeout(() => this.#late(id, method, deadlineMs), deadlineMs);
      this.#pending.set(id, { resolve, reject, timer });
      try {
        this.#endpoint.post({ id, method, args });
      } catch (err) {
        clearTimeout(timer);
        this.#pending.delete(id);
        reject(new VigieError({
          code: 'not-cloneable',
          message: `${doing(method)}: an argument cannot be sent to the worker (${err?.message ?? err}); pass plain data, as JSON would write it`,
        }));
        return;
      }
      this.#endpoint.busy(true);
    });
  }

  /** Rejects every waiting call (`reasonFor(id)` says with what) and terminates the worker. */
  end(reasonFor) {
    if (this.ended) return undefined;
    this.ended = true;
    for (const [id, call] of this.#pending) {
      clearTimeout(call.timer);
      call.reject(reasonFor(id));
    }
    this.#pending.clear();
    this.#onEnd(this);
    return this.#endpoint.terminate();
  }

  #late(lateId, method, deadlineMs) {
    this.end((id) => (id === lateId
      ? new VigieError({
        code: 'deadline-exceeded',
        message: `${doing(method)} was not answered within the deadline of ${deadlineMs} ms: the worker was terminated; the next call starts a fresh one`,
        method,
        deadlineMs,
      })
      : new VigieError({
        code: 'worker-restarted',
        message: `cancelled: the worker was terminated because ${doing(method)} exceeded the deadline of ${deadlineMs} ms; call again`,
      })));
  }

  #answer(answer) {
    const call = this.#pending.get(answer?.id);
    if (call === undefined) return; // not ours (nothing else posts to it); never throw in a listener
    this.#pending.delete(answer.id);
    clearTimeout(call.timer);
    if (this.#pending.size === 0) this.#endpoint.busy(false);
    if (answer.ok) call.resolve(answer.value);
    else call.reject(errorFromData(answer.error));
  }
}

/** One rule set loaded in a worker. Make it with `createVigieWorker()`; call `free()` when done. */
export class VigieWorker {
  #spawn;
  #load;
  #deadlineMs;
  #link = null;
  #ruleset = null;
  #freed = false;

  /** @internal Use `createVigieWorker()`. */
  constructor(token, spawn, load, deadlineMs) {
    if (token !== constructing) throw optionsError('use createVigieWorker() to make a VigieWorker', '');
    this.#spawn = spawn;
    this.#load = load;
    this.#deadlineMs = deadlineMs;
  }

  /** @internal Starts the first worker; resolves once its rule set is loaded. */
  async start() {
    const link = this.#open();
    try {
      this.#ruleset = Object.freeze(await link.ready);
    } catch (err) {
      link.end(() => err);
      throw err;
    }
    return this;
  }

  #open() {
    const link = new Link(this.#spawn, this.#load, this.#deadlineMs, (ended) => {
      if (this.#link === ended) this.#link = null;
    });
    this.#link = link;
    // A load that fails ends that worker (a rejected pin, a worker that never started): the calls
    // waiting on it reject with its error, and the next call tries a fresh worker.
    link.ready.catch((err) => link.end(() => err));
    return link;
  }

  async #call(method, args) {
    for (;;) {
      if (this.#freed) throw freed();
      const link = this.#link ?? this.#open();
      await link.ready;
      // Not sent yet: if the worker ended meanwhile (freed, another call's deadline), this call
      // goes to the next one rather than failing for something it did not do.
      if (!link.ended) return link.send(method, args, this.#deadlineMs);
    }
  }

  /** `{ id, version, digest }` of the loaded rule set (known once created). */
  ruleset() {
    return this.#ruleset;
  }

  evaluate(profile, options) { return this.#call('evaluate', [profile, options]); }

  evaluateJson(profileJson, options) { return this.#call('evaluateJson', [profileJson, options]); }

  cards(report, options) { return this.#call('cards', [report, options]); }

  importFhir(bundle, options) { return this.#call('importFhir', [bundle, options]); }

  importFhirJson(bundle, options) { return this.#call('importFhirJson', [bundle, options]); }

  evaluateFhir(bundle, options) { return this.#call('evaluateFhir', [bundle, options]); }

  evaluateFhirJson(bundle, options) { return this.#call('evaluateFhirJson', [bundle, options]); }

  validate(profile, options) { return this.#call('validate', [profile, options]); }

  programs(options) { return this.#call('programs', [options]); }

  codeLabels(options) { return this.#call('codeLabels', [options]); }

  questionnaire(options) { return this.#call('questionnaire', [options]); }

  profileFromAnswers(answers, options) { return this.#call('profileFromAnswers', [answers, options]); }

  sources() { return this.#call('sources', []); }

  labels(options) { return this.#call('labels', [options]); }

  /** Terminates the worker; waiting and later calls reject `engine-freed`. */
  async free() {
    if (this.#freed) {
      throw new VigieError({ code: 'engine-freed', message: 'free() was called twice on the same VigieWorker' });
    }
    this.#freed = true;
    await this.#link?.end(freed);
  }
}

function freed() {
  return new VigieError({ code: 'engine-freed', message: 'this VigieWorker was freed (free() was called): create another with createVigieWorker()' });
}

/**
 * Starts a VigieWorker: `spawn(events)` starts a worker and returns its endpoint (`post`,
 * `terminate`, `busy`); `load` is what the worker's `createVigie` gets.
 */
export function startVigieWorker(spawn, load, options) {
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  if (typeof deadlineMs !== 'number' || !(deadlineMs > 0) || deadlineMs > 2 ** 31 - 1) {
    throw optionsError('deadlineMs: expected a number of milliseconds above 0 (the default is 10000)', 'deadlineMs');
  }
  return new VigieWorker(constructing, spawn, load, deadlineMs).start();
}

/** The options a worker's `createVigie` reads (the others are the client's). */
export function loadOptions(options) {
  if (options === null || typeof options !== 'object') {
    throw optionsError('options: expected an object such as { ruleset: "fr", deadlineMs: 10000 }', '');
  }
  const load = {};
  if (options.ruleset !== undefined) load.ruleset = options.ruleset;
  if (options.expectDigest !== undefined) load.expectDigest = options.expectDigest;
  return load;
}

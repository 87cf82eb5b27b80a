// `vigie/worker` in Node: the engine runs in a worker thread (node:worker_threads), with the same
// API as in browsers. An idle worker does not keep the process alive.
import { Worker } from 'node:worker_threads';
import { loadOptions, startVigieWorker } from './vigie-worker.js';

export { VigieWorker, DEFAULT_DEADLINE_MS } from './vigie-worker.js';
export { VigieError } from '../core.js';

function spawner(script) {
  return (events) => {
    // The thread inherits the process's flags, but `--input-type` (node --input-type=module -e …)
    // refuses to start a worker from a file.
    const execArgv = process.execArgv.filter((flag, i, all) => !flag.startsWith('--input-type')
      && !(all[i - 1] === '--input-type'));
    const worker = new Worker(script ?? new URL('./node-worker.js', import.meta.url), { execArgv });
    worker.on('message', (message) => events.message(message));
    worker.on('error', (err) => events.failure(`an error in the worker: ${err?.message ?? err}`));
    worker.on('messageerror', () => events.failure('a message from it could not be read'));
    worker.on('exit', (code) => events.failure(`it exited with code ${code}`));
    return {
      post: (message) => worker.postMessage(message),
      terminate: () => worker.terminate(),
      busy: (busy) => (busy ? worker.ref() : worker.unref()),
    };
  };
}

/**
 * Loads a rule set in a new worker thread. Options: `ruleset`, `expectDigest` (as `createVigie`),
 * `deadlineMs` (10 000 by default), `worker` (the worker script's path or file URL, for tests).
 */
export async function createVigieWorker(options = {}) {
  return startVigieWorker(spawner(options.worker), loadOptions(options), options);
}

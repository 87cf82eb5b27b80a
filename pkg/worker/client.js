// `vigie/worker` in browsers and bundlers: the engine runs in a module worker, so loading a rule
// set and evaluating never block the page. Same API as `Vigie`, every answer a Promise.
import { loadOptions, startVigieWorker } from './vigie-worker.js';

export { VigieWorker, DEFAULT_DEADLINE_MS } from './vigie-worker.js';
export { VigieError } from '../core.js';

/** A URL the worker can fetch: relative addresses are the page's, not the worker script's. */
function absolute(address) {
  const base = globalThis.document?.baseURI ?? globalThis.location?.href;
  return new URL(address, base).href;
}

// What the worker's createVigie gets for `wasm`: structured clone takes a string, bytes or a
// compiled module, but not a URL object, a Response or a Promise (awaited here: a page can start
// downloading and compiling the module before the worker exists, see www/app.js).
async function wasmOption(wasm) {
  if (wasm === undefined) return undefined;
  if (typeof wasm?.then === 'function') return wasmOption(await wasm);
  if (wasm instanceof URL) return wasm.href;
  if (typeof wasm === 'string') return absolute(wasm);
  if (typeof Response !== 'undefined' && wasm instanceof Response) return wasm.arrayBuffer();
  return wasm;
}

function spawner(script) {
  return (events) => {
    // Written out in full so that Vite and webpack 5 see the worker and bundle it with its imports.
    const worker = script === undefined
      ? new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })
      : new Worker(script instanceof URL ? script : absolute(script), { type: 'module' });
    worker.addEventListener('message', (event) => events.message(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      events.failure(event.message ? `an error in the worker: ${event.message}` : 'its script failed to load or threw');
    });
    worker.addEventListener('messageerror', () => events.failure('a message from it could not be read'));
    return {
      post: (message) => worker.postMessage(message),
      terminate: () => worker.terminate(),
      busy() {},
    };
  };
}

/**
 * Loads a rule set in a new module worker. Options: `ruleset`, `expectDigest`, `wasm` (as
 * `createVigie`), `deadlineMs` (10 000 by default), `worker` (the worker script's URL, for hosts
 * that copy the package's files elsewhere).
 */
export async function createVigieWorker(options = {}) {
  const load = loadOptions(options);
  const wasm = await wasmOption(options.wasm);
  if (wasm !== undefined) load.wasm = wasm;
  return startVigieWorker(spawner(options.worker), load, options);
}

// The page's side of a studio worker (studio/src/worker.js): every call a Promise. Two workers
// run: one for what follows typing (check, cases, trace, bundle), one for the comparison over the
// synthetic population, which may take seconds and must not hold up the diagnostics.

const WASM = new URL('../pkg/dist/authoring/vigie_authoring_bg.wasm', document.baseURI).href;

/** Today in the local time zone (`YYYY-MM-DD`), as the native command line reads it. */
export function localToday(now = new Date()) {
  const pad = (n, width) => String(n).padStart(width, '0');
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1, 2)}-${pad(now.getDate(), 2)}`;
}

export class Commands {
  #worker;
  #next = 1;
  #pending = new Map();

  constructor(name) {
    this.#worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name });
    this.#worker.addEventListener('message', (event) => this.#answer(event.data));
    this.#worker.addEventListener('error', (event) => {
      const why = event.message || 'the studio worker could not start';
      for (const { reject } of this.#pending.values()) reject(new Error(why));
      this.#pending.clear();
    });
  }

  #answer(message) {
    const call = this.#pending.get(message.id);
    if (!call) return;
    if (message.progress) {
      call.onProgress?.(message.progress.done, message.progress.total);
      return;
    }
    this.#pending.delete(message.id);
    if ('failed' in message) call.reject(new Error(message.failed));
    else call.resolve(message.done);
  }

  #call(message, onProgress) {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      this.#worker.postMessage({ ...message, id, wasm: WASM });
    });
  }

  /** Loads the module (so that the first check does not wait for it). */
  start() {
    return this.#call({ type: 'start' });
  }

  /** Replaces folders and sets files: `{ clear: [folder], files: {path: text}, remove: [path] }`. */
  files(change) {
    return this.#call({ type: 'files', ...change });
  }

  /**
   * Runs `vigie <args>`: `{ stdout, stderr, code, written: {path: text} }`.
   * @param {string[]} args
   * @param {{ stdin?: string, today?: string, onProgress?: (done: number, total: number) => void }} [options]
   */
  run(args, { stdin, today = localToday(), onProgress } = {}) {
    return this.#call({ type: 'run', args, stdin, today }, onProgress);
  }

  /** The files below a folder, relative to it. */
  folder(folder) {
    return this.#call({ type: 'folder', folder });
  }

  /** Runs a command whose stdout is one JSON document. */
  async json(args, options) {
    const ran = await this.run(args, options);
    try {
      return { ...ran, result: JSON.parse(ran.stdout) };
    } catch {
      return { ...ran, result: null };
    }
  }

  terminate() {
    this.#worker.terminate();
    for (const { reject } of this.#pending.values()) reject(new Error('stopped'));
    this.#pending.clear();
  }
}

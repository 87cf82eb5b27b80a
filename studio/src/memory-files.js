// The files the authoring module reads and writes in the studio: all in memory, never on a disk
// and never sent anywhere. It answers the calls of `AuthoringHost` (src/wasm.rs) the way Node's
// host does (pkg/bin/vigie.mjs), with the same system-error words, so that the command line says
// the same things in the studio as in a terminal.
//
// Paths are absolute and use `/`: `/fr/2025.1.0/ruleset.toml` (a shipped version), `/edit/fr/…`
// (the working copy). Folders exist because files are below them.

const NOT_FOUND = 'No such file or directory (os error 2)';
const NOT_A_FOLDER = 'Not a directory (os error 20)';
const IS_A_FOLDER = 'Is a directory (os error 21)';

const encoder = new TextEncoder();

/** `a/./b/../c` → `/a/c`; relative paths are read from `/`. */
export function normalise(path) {
  const parts = [];
  for (const part of String(path).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export class MemoryFiles {
  constructor() {
    /** @type {Map<string, Uint8Array>} path → bytes */
    this.files = new Map();
    /** @type {Map<string, number>} folder → how many files are below it */
    this.folders = new Map([['/', 0]]);
    /** Bytes written by the last command, path → bytes (read back by the caller). */
    this.written = new Map();
    /** What `-` reads. */
    this.input = new Uint8Array();
  }

  #count(path, delta) {
    let folder = path;
    while (folder !== '/') {
      folder = folder.slice(0, folder.lastIndexOf('/')) || '/';
      const n = (this.folders.get(folder) ?? 0) + delta;
      if (n <= 0 && folder !== '/') this.folders.delete(folder);
      else this.folders.set(folder, n);
    }
  }

  /** Puts a file (text or bytes) at `path`, replacing what was there. */
  set(path, content) {
    const at = normalise(path);
    const bytes = typeof content === 'string' ? encoder.encode(content) : content;
    if (!this.files.has(at)) this.#count(at, 1);
    this.files.set(at, bytes);
  }

  /** Removes a file; absent, nothing happens. */
  remove(path) {
    const at = normalise(path);
    if (this.files.delete(at)) this.#count(at, -1);
  }

  /** Removes every file below `folder`. */
  removeFolder(folder) {
    const prefix = `${normalise(folder)}/`;
    for (const path of [...this.files.keys()]) {
      if (path.startsWith(prefix)) this.remove(path);
    }
  }

  /** The files below `folder`, as paths relative to it, each with its bytes. */
  below(folder) {
    const prefix = `${normalise(folder)}/`;
    const found = {};
    for (const [path, bytes] of this.files) {
      if (path.startsWith(prefix)) found[path.slice(prefix.length)] = bytes;
    }
    return found;
  }

  #kindWord(at) {
    const bytes = this.files.get(at);
    if (bytes !== undefined) return `file:${bytes.length}`;
    if (this.folders.has(at)) return 'dir';
    return null;
  }

  /** The host object the authoring module calls (src/wasm.rs `AuthoringHost`). */
  host(extra = {}) {
    return {
      kind: (path) => {
        const word = this.#kindWord(normalise(path));
        if (word === null) throw NOT_FOUND;
        return word;
      },
      followed: (path) => this.#kindWord(normalise(path)) ?? '',
      list: (path) => {
        const at = normalise(path);
        if (this.files.has(at)) throw NOT_A_FOLDER;
        if (!this.folders.has(at)) throw NOT_FOUND;
        const prefix = at === '/' ? '/' : `${at}/`;
        const entries = new Set();
        for (const file of this.files.keys()) {
          if (!file.startsWith(prefix)) continue;
          const rest = file.slice(prefix.length);
          const cut = rest.indexOf('/');
          entries.add(cut < 0 ? `f${rest}` : `d${rest.slice(0, cut)}`);
        }
        return [...entries].sort().join('\0');
      },
      read: (path, limit) => {
        const at = normalise(path);
        const bytes = this.files.get(at);
        if (bytes === undefined) throw this.folders.has(at) ? IS_A_FOLDER : NOT_FOUND;
        return bytes.subarray(0, limit + 1);
      },
      realpath: (path) => {
        const at = normalise(path);
        if (this.#kindWord(at) === null) throw NOT_FOUND;
        return at;
      },
      write: (path, bytes) => {
        const at = normalise(path);
        const parent = at.slice(0, at.lastIndexOf('/')) || '/';
        if (!this.folders.has(parent)) throw NOT_FOUND;
        if (this.folders.has(at) && at !== '/') throw IS_A_FOLDER;
        const copy = new Uint8Array(bytes);
        this.set(at, copy);
        this.written.set(at, copy);
      },
      mkdir: (path) => {
        // A folder exists here while something is below it: mark it with an empty count.
        const at = normalise(path);
        if (this.files.has(at)) throw 'File exists (os error 17)';
        let folder = at;
        while (folder !== '/' && !this.folders.has(folder)) {
          this.folders.set(folder, this.folders.get(folder) ?? 0);
          folder = folder.slice(0, folder.lastIndexOf('/')) || '/';
        }
      },
      stdin: (limit) => this.input.subarray(0, limit + 1),
      seconds: () => performance.now() / 1000,
      ...extra,
    };
  }
}

// The working copy: one rule-set version's files, where the authoring module sees them
// (`/edit/<id>/<folder>`), what it came from, and which files changed since it was opened.
import { manifestValue } from './open.js';

/** Where the working copy lives in the module's files; shipped versions are at `/<id>/<version>`. */
export const EDIT = '/edit';

/** The order files are listed in: manifest, questions, rules, messages, cases. */
function rank(path) {
  if (path === 'ruleset.toml') return 0;
  if (path === 'questions.toml') return 1;
  if (path.startsWith('rules/')) return 2;
  if (path.startsWith('messages/')) return 3;
  return 4;
}

export function sortFiles(paths) {
  return [...paths].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A safe folder name from a manifest value (the module refuses odd ids itself; this is a path). */
function segment(text, fallback) {
  const clean = String(text ?? '').replace(/[^A-Za-z0-9._-]/g, '');
  return clean === '' || clean === '.' || clean === '..' ? fallback : clean;
}

export class Workspace {
  /**
   * @param {{ files: Object<string,string>, origin: {kind: 'shipped'|'folder'|'bundle'|'restored', name: string}, original?: Object<string,string> }} init
   */
  constructor({ files, origin, original }) {
    this.files = { ...files };
    this.origin = origin;
    this.original = { ...(original ?? files) };
    const manifest = this.files['ruleset.toml'] ?? '';
    this.openedId = segment(manifestValue(manifest, 'id'), 'rules');
    this.openedVersion = segment(manifestValue(manifest, 'version'), 'draft');
    this.root = `${EDIT}/${this.openedId}/${this.openedVersion}`;
  }

  /** The manifest's id and version as they are now. */
  get id() {
    return manifestValue(this.files['ruleset.toml'] ?? '', 'id') ?? this.openedId;
  }

  get version() {
    return manifestValue(this.files['ruleset.toml'] ?? '', 'version') ?? this.openedVersion;
  }

  get paths() {
    return sortFiles(Object.keys(this.files));
  }

  changed(path) {
    return this.files[path] !== this.original[path];
  }

  /** The files as the module sees them: `{ '/edit/fr/2025.1.0/ruleset.toml': text, … }`. */
  absolute() {
    return Object.fromEntries(Object.entries(this.files).map(([path, text]) => [`${this.root}/${path}`, text]));
  }

  /** What is kept on the device. */
  snapshot() {
    return { files: this.files, original: this.original, origin: this.origin };
  }

  static fromSnapshot(snapshot) {
    return new Workspace(snapshot);
  }
}

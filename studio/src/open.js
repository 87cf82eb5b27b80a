// Reading a rule set from the author's disk: a folder (directory picker, <input webkitdirectory>
// or drag and drop) or a bundle file. Files are read in the browser; nothing is uploaded.

/** The files a rule-set folder may hold (rules/README.md); anything else is left out. */
export const RULESET_FILE = /^(ruleset\.toml|questions\.toml|rules\/.+\.rhai|messages\/[^/]+\.toml|cases\/[^/]+\.json)$/;
/** The largest file the command line accepts (a case file: 4 MiB). */
const MAX_BYTES = 4 * 1024 * 1024;

/** A mistake in what the author gave, worded for them. */
export class OpenProblem extends Error {
  constructor(key, vars = {}) {
    super(key);
    this.key = key;
    this.vars = vars;
  }
}

/** The top-level `key = "value"` of a TOML manifest (before its first table), or null. */
export function manifestValue(toml, key) {
  for (const line of toml.split('\n')) {
    if (/^\s*\[/.test(line)) break;
    const match = line.match(new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`));
    if (match) return match[1];
  }
  return null;
}

/**
 * The rule-set folders among files given by relative path (`fr/2025.1.0/ruleset.toml` …):
 * `[{ folder, files: {relative: text}, left: [paths left out] }]`, shallowest first.
 */
export function ruleSetFolders(all) {
  const folders = Object.keys(all)
    .filter((path) => path === 'ruleset.toml' || path.endsWith('/ruleset.toml'))
    .map((path) => path.slice(0, -'ruleset.toml'.length).replace(/\/$/, ''));
  // A folder inside another rule-set folder is not a rule set of its own.
  const roots = folders.filter(
    (folder) => !folders.some((other) => other !== folder && (other === '' || folder.startsWith(`${other}/`))),
  );
  return roots
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))
    .map((folder) => {
      const prefix = folder === '' ? '' : `${folder}/`;
      const files = {};
      const left = [];
      for (const [path, text] of Object.entries(all)) {
        if (!path.startsWith(prefix)) continue;
        const relative = path.slice(prefix.length);
        if (RULESET_FILE.test(relative)) files[relative] = text;
        else left.push(relative);
      }
      return { folder, files, left };
    });
}

async function readText(file, path) {
  if (file.size > MAX_BYTES) throw new OpenProblem('tooBig', { file: path, size: file.size });
  return file.text();
}

/** Files of an <input webkitdirectory> (paths without the chosen folder's own name). */
export async function fromFileList(list) {
  const all = {};
  for (const file of list) {
    const path = (file.webkitRelativePath || file.name).split('/').slice(1).join('/') || file.name;
    if (!/\.(toml|rhai|json)$/.test(path)) continue;
    all[path] = await readText(file, path);
  }
  return all;
}

/** Files under a directory handle (File System Access API). */
export async function fromDirectoryHandle(handle, prefix = '', all = {}) {
  for await (const [name, entry] of handle.entries()) {
    const path = `${prefix}${name}`;
    if (entry.kind === 'directory') await fromDirectoryHandle(entry, `${path}/`, all);
    else if (/\.(toml|rhai|json)$/.test(name)) all[path] = await readText(await entry.getFile(), path);
  }
  return all;
}

function entries(reader) {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

/** Files under a dropped directory entry (webkitGetAsEntry). */
export async function fromDirectoryEntry(entry, prefix = '', all = {}) {
  const reader = entry.createReader();
  for (let batch = await entries(reader); batch.length > 0; batch = await entries(reader)) {
    for (const child of batch) {
      const path = `${prefix}${child.name}`;
      if (child.isDirectory) await fromDirectoryEntry(child, `${path}/`, all);
      else if (/\.(toml|rhai|json)$/.test(child.name)) {
        const file = await new Promise((resolve, reject) => child.file(resolve, reject));
        all[path] = await readText(file, path);
      }
    }
  }
  return all;
}

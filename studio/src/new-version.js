// "New version…": a published version is frozen (rules/README.md), so changing it starts a new
// version: a new number, its in-force date, and a changelog entry saying what changes. The
// manifest's text is edited in place (its comments and layout stay as the author wrote them).

const VERSION = /^\d+\.\d+\.\d+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The next minor version: 2025.1.0 → 2025.2.0. */
export function nextVersion(version) {
  const match = String(version).match(/^(\d+)\.(\d+)\.(\d+)$/);
  if (!match) return '';
  return `${match[1]}.${Number(match[2]) + 1}.0`;
}

function tomlString(text) {
  return JSON.stringify(text); // a TOML basic string is written like a JSON string
}

/** Sets a top-level `key = "…"` (before the first table), or adds it after `version`. */
function setTopLevel(toml, key, value) {
  const lines = toml.split('\n');
  const firstTable = lines.findIndex((line) => /^\s*\[/.test(line));
  const end = firstTable < 0 ? lines.length : firstTable;
  const pattern = new RegExp(`^\\s*${key}\\s*=`);
  const at = lines.slice(0, end).findIndex((line) => pattern.test(line));
  const line = `${key} = ${tomlString(value)}`;
  if (at >= 0) lines[at] = line;
  else {
    const version = lines.slice(0, end).findIndex((l) => /^\s*version\s*=/.test(l));
    lines.splice(version >= 0 ? version + 1 : end, 0, line);
  }
  return lines.join('\n');
}

/** Removes a top-level `key = …` line (a new version has no `valid-until` of the old one). */
function removeTopLevel(toml, key) {
  const lines = toml.split('\n');
  const firstTable = lines.findIndex((line) => /^\s*\[/.test(line));
  const end = firstTable < 0 ? lines.length : firstTable;
  const pattern = new RegExp(`^\\s*${key}\\s*=`);
  return lines.filter((line, i) => i >= end || !pattern.test(line)).join('\n');
}

/**
 * The manifest of a new version: `version`, `in-force`, no `valid-until`, and a `[[changelog]]`
 * entry (placed before the existing ones: newest first, as the shipped rule sets keep them).
 */
export function newVersionManifest(toml, { version, inForce, date, changes }) {
  let text = setTopLevel(toml, 'version', version);
  text = setTopLevel(text, 'in-force', inForce);
  text = removeTopLevel(text, 'valid-until');
  const entry = [
    '[[changelog]]',
    `version = ${tomlString(version)}`,
    `date = ${tomlString(date)}`,
    'changes = [',
    ...changes.map((change) => `  ${tomlString(change)},`),
    ']',
    '',
  ].join('\n');
  const lines = text.split('\n');
  const first = lines.findIndex((line) => /^\s*\[\[changelog\]\]\s*$/.test(line));
  if (first < 0) return `${text.replace(/\n*$/, '\n')}\n${entry}`;
  lines.splice(first, 0, ...entry.split('\n'));
  return lines.join('\n');
}

/** The problems of the dialog's answers, as word keys by field (empty when all is well). */
export function checkNewVersion({ version, inForce, changes }, taken) {
  const problems = {};
  if (!VERSION.test(version)) problems.version = ['versionBad', {}];
  else if (taken.includes(version)) problems.version = ['versionTaken', { version }];
  if (!DATE.test(inForce) || Number.isNaN(Date.parse(`${inForce}T00:00:00Z`))) problems.inForce = ['dateBad', {}];
  if (changes.length === 0) problems.changes = ['noteMissing', {}];
  return problems;
}

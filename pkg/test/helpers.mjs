// Shared by the package's tests: the repository's rule sets, their cases, and the native CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cli = join(root, 'target', 'release', 'vigie');

if (!existsSync(cli)) {
  throw new Error(`${cli} is missing: run cargo build --release first (scripts/test does)`);
}

/** Every rule-set folder under rules/, with every version of a folder of versions (rules/fr/<version>). */
export function ruleSetDirs() {
  const dirs = [];
  for (const e of readdirSync(join(root, 'rules'), { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const dir = join(root, 'rules', e.name);
    if (existsSync(join(dir, 'ruleset.toml'))) {
      dirs.push(dir);
      continue;
    }
    for (const v of readdirSync(dir, { withFileTypes: true })) {
      if (v.isDirectory() && existsSync(join(dir, v.name, 'ruleset.toml'))) dirs.push(join(dir, v.name));
    }
  }
  return dirs.sort();
}

/** Every case of a rule set: { file, name, asOf, locale, profile }. */
export function casesOf(dir) {
  const casesDir = join(dir, 'cases');
  return readdirSync(casesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((file) => JSON.parse(readFileSync(join(casesDir, file), 'utf8')).cases.map((c) => ({ file, ...c })));
}

const bundles = mkdtempSync(join(tmpdir(), 'vigie-bundles-'));

/** Writes a rule set's bundle with the CLI; returns its path. */
export function bundle(dir) {
  const out = join(bundles, `${dir.split('/').slice(-2).join('-')}.json`);
  execFileSync(cli, ['bundle', dir, '-o', out], { stdio: 'pipe' });
  return out;
}

/** What `vigie eval` prints for a profile (stdout, stderr, status); `flags` are added before `-`. */
export function cliEval(rules, profileJson, { asOf, locale, flags = [] }) {
  const args = ['eval', '--rules', rules, '--as-of', asOf];
  if (locale) args.push('--locale', locale);
  args.push(...flags, '-');
  const run = spawnSync(cli, args, { input: profileJson, encoding: 'utf8' });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

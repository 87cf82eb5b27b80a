// The studio's own modules in Node: the in-memory files the authoring module reads (checked
// against Node's real files: the same commands print the same bytes), the new-version edit of a
// manifest, and how a dropped folder is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, mkdtempSync, cpSync, writeFileSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MemoryFiles, normalise } from '../../studio/src/memory-files.js';
import { nextVersion, newVersionManifest, checkNewVersion } from '../../studio/src/new-version.js';
import { ruleSetFolders, manifestValue } from '../../studio/src/open.js';
import { bandStart } from '../../studio/src/chart.js';
import { run, nodeHost } from '../../pkg/bin/vigie.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rules = join(root, 'rules');

function walk(dir, found = []) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, found);
    else found.push(path);
  }
  return found;
}

/** Every file of rules/, in memory at `/<id>/…` (as the studio holds the shipped versions). */
function shippedInMemory() {
  const files = new MemoryFiles();
  for (const path of walk(rules)) {
    const rel = relative(rules, path).split(sep).join('/');
    if (rel.includes('/')) files.set(`/${rel}`, readFileSync(path));
  }
  return files;
}

const TODAY = '2026-03-01';

test('the in-memory host answers like the file system: every shipped rule set checks and tests with the same output', () => {
  const memory = shippedInMemory();
  const names = ['fr@2024.1.0', 'fr@2025.1.0', 'fr@2026.1.0', 'fr@2026.2.0', 'us@2021.1.0', 'us@2024.1.0', 'fr-cancer-screening', 'example-fr-976'];
  for (const name of names) {
    for (const command of [['check'], ['test'], ['check', '--json']]) {
      const onDisk = run([...command, `rules/${name}`], { host: nodeHost, today: TODAY });
      const inMemory = run([...command, `/${name}`], { host: memory.host(), today: TODAY });
      // Paths differ only by their folder: rules/fr/… on disk, /fr/… in memory.
      const same = (text) => text.replaceAll(`${root}rules/`, '/').replaceAll('rules/', '/');
      assert.equal(inMemory.code, onDisk.code, `${command} ${name}`);
      assert.equal(same(inMemory.stdout), same(onDisk.stdout), `${command} ${name}: stdout`);
      assert.equal(same(inMemory.stderr), same(onDisk.stderr), `${command} ${name}: stderr`);
    }
  }
});

test('the in-memory host refuses what the file system refuses, in the same words', () => {
  const memory = shippedInMemory();
  const onDisk = run(['check', 'rules/nowhere'], { host: nodeHost, today: TODAY });
  const inMemory = run(['check', '/nowhere'], { host: memory.host(), today: TODAY });
  assert.equal(inMemory.code, onDisk.code);
  assert.equal(inMemory.stderr.replaceAll('/nowhere', 'X'), onDisk.stderr.replaceAll('rules/nowhere', 'X'));
  assert.match(inMemory.stderr, /nowhere/);

  const host = memory.host();
  assert.throws(() => host.kind('/fr/none'), /No such file or directory \(os error 2\)/);
  assert.throws(() => host.list('/fr/2025.1.0/ruleset.toml'), /Not a directory/);
  assert.throws(() => host.read('/fr/2025.1.0', 10), /Is a directory/);
  assert.throws(() => host.write('/missing/folder/x.json', new Uint8Array()), /No such file or directory/);
  assert.equal(host.followed('/fr/none'), '');
  assert.equal(host.kind('/fr'), 'dir');
  assert.match(host.kind('/fr/2025.1.0/ruleset.toml'), /^file:\d+$/);
  // Reads stop one byte past the limit, as Node's host does (so the module can tell "too large").
  assert.equal(host.read('/fr/2025.1.0/ruleset.toml', 9).length, 10);
});

test('a bundle written in memory is the bundle written on disk, byte for byte', () => {
  const memory = shippedInMemory();
  const dir = mkdtempSync(join(tmpdir(), 'vigie-studio-'));
  try {
    const onDisk = run(['bundle', 'rules/fr@2025.1.0', '-o', join(dir, 'fr.json')], { host: nodeHost, today: TODAY });
    assert.equal(onDisk.code, 0, onDisk.stderr);
    memory.host().mkdir('/out');
    const inMemory = run(['bundle', '/fr@2025.1.0', '-o', '/out/fr.json'], { host: memory.host(), today: TODAY });
    assert.equal(inMemory.code, 0, inMemory.stderr);
    assert.deepEqual(Buffer.from(memory.written.get('/out/fr.json')), readFileSync(join(dir, 'fr.json')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('memory files: folders exist while something is below them; paths are normalised', () => {
  const files = new MemoryFiles();
  files.set('/a/b/c.txt', 'x');
  assert.equal(normalise('a/./b/../b/c.txt'), '/a/b/c.txt');
  assert.equal(files.host().list('/a'), 'db');
  files.remove('/a/b/c.txt');
  assert.throws(() => files.host().list('/a'), /No such file/);
  files.set('/x/1', 'one');
  files.set('/x/y/2', 'two');
  files.removeFolder('/x');
  assert.deepEqual(files.below('/x'), {});
});

test('a new version: number, in-force date, no valid-until, a changelog entry first', () => {
  assert.equal(nextVersion('2025.1.0'), '2025.2.0');
  assert.equal(nextVersion('1.9.3'), '1.10.0');
  assert.equal(nextVersion('draft'), '');
  const manifest = readFileSync(join(rules, 'fr', '2025.1.0', 'ruleset.toml'), 'utf8');
  const edited = newVersionManifest(manifest, {
    version: '2025.2.0',
    inForce: '2026-01-01',
    date: '2026-01-02',
    changes: ['Breast: "from 45" (a test)'],
  });
  assert.equal(manifestValue(edited, 'version'), '2025.2.0');
  assert.equal(manifestValue(edited, 'in-force'), '2026-01-01');
  assert.equal(manifestValue(edited, 'valid-until'), null);
  const entry = edited.indexOf('[[changelog]]\nversion = "2025.2.0"\ndate = "2026-01-02"\nchanges = [\n  "Breast: \\"from 45\\" (a test)",\n]');
  assert.ok(entry > 0, 'the entry is written as TOML, quotes escaped');
  assert.ok(entry < edited.indexOf('version = "2025.1.0"', entry), 'newest first');
  // Comments stay where the author wrote them.
  assert.ok(edited.startsWith('# Vigie — French prevention rule set.'));

  // The edited manifest checks (on disk, with the native command line's words).
  const dir = mkdtempSync(join(tmpdir(), 'vigie-studio-'));
  try {
    cpSync(join(rules, 'fr', '2025.1.0'), join(dir, '2025.2.0'), { recursive: true });
    writeFileSync(join(dir, '2025.2.0', 'ruleset.toml'), edited);
    const checked = run(['check', join(dir, '2025.2.0')], { host: nodeHost, today: TODAY });
    assert.equal(checked.code, 0, checked.stderr);
    assert.match(checked.stdout, /rule set fr 2025\.2\.0 \(18 rules\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  assert.deepEqual(checkNewVersion({ version: '2025.2.0', inForce: '2026-01-01', changes: ['x'] }, ['2025.1.0']), {});
  const bad = checkNewVersion({ version: '2025.1.0', inForce: '1/1/2026', changes: [] }, ['2025.1.0']);
  assert.deepEqual(Object.keys(bad).sort(), ['changes', 'inForce', 'version']);
  assert.equal(bad.version[0], 'versionTaken');
  assert.equal(checkNewVersion({ version: '2025.2', inForce: '2026-01-01', changes: ['x'] }, []).version[0], 'versionBad');
});

test('a dropped folder: the rule-set folder is found, other files are left out and said', () => {
  const found = ruleSetFolders({
    'fr/2025.1.0/ruleset.toml': 'id = "fr"',
    'fr/2025.1.0/rules/a.rhai': 'x',
    'fr/2025.1.0/notes.txt': 'n',
    'fr/2025.1.0/cases/a.json': '{}',
    'fr/2026.1.0/ruleset.toml': 'id = "fr"',
    'README.md': 'r',
  });
  assert.deepEqual(found.map((f) => f.folder), ['fr/2025.1.0', 'fr/2026.1.0']);
  assert.deepEqual(Object.keys(found[0].files).sort(), ['cases/a.json', 'rules/a.rhai', 'ruleset.toml']);
  assert.deepEqual(found[0].left, ['notes.txt']);
  assert.deepEqual(ruleSetFolders({ 'ruleset.toml': 'id = "x"', 'rules/sub/ruleset.toml': 'no' }).map((f) => f.folder), ['']);
  assert.deepEqual(ruleSetFolders({ 'a.txt': '' }), []);
});

test('age bands sort by their first age', () => {
  assert.deepEqual(['85+', '18-24', '45-54', '5-9'].sort((a, b) => bandStart(a) - bandStart(b)), ['5-9', '18-24', '45-54', '85+']);
});

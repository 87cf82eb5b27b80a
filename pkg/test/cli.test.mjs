// `npx vigie …` (pkg/bin/vigie.mjs, the authoring wasm module) prints the same bytes as the native
// command line (target/release/vigie): stdout, stderr, exit code and the written bundle, on every
// shipped rule set, for check, test (and their --json), bundle, unbundle, diff, eval, import fhir,
// programs, questions and answers, and on errors; diff's progress reaches a host that asks for it. Then once from the packed tarball, installed offline, through npx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, cli, casesOf } from './helpers.mjs';

const bin = join(root, 'pkg', 'bin', 'vigie.mjs');
const work = mkdtempSync(join(tmpdir(), 'vigie-npx-'));

function native(args, { cwd = root, input } = {}) {
  const run = spawnSync(cli, args, { cwd, input, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { stdout: run.stdout, stderr: run.stderr, code: run.status };
}

function npx(args, { cwd = root, input, command = [process.execPath, bin] } = {}) {
  const [program, ...before] = command;
  const run = spawnSync(program, [...before, ...args], { cwd, input, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { stdout: run.stdout, stderr: run.stderr, code: run.status };
}

/** Runs both; they must agree byte for byte. `normalize` masks what is measured, not computed. */
function same(args, { normalize = (s) => s, ...options } = {}) {
  const a = native(args, options);
  const b = npx(args, options);
  const label = `vigie ${args.join(' ')}`;
  assert.equal(normalize(b.stderr), normalize(a.stderr), `${label}: stderr`);
  assert.equal(normalize(b.stdout), normalize(a.stdout), `${label}: stdout`);
  assert.equal(b.code, a.code, `${label}: exit code`);
  return a;
}

/** Every shipped rule-set name, relative to the repository: each folder of versions, each version
 * folder, each version as `family@version`, and each standalone rule set. */
function ruleSetNames() {
  const names = [];
  for (const family of readdirSync(join(root, 'rules'), { withFileTypes: true })) {
    if (!family.isDirectory()) continue;
    const dir = `rules/${family.name}`;
    names.push(dir);
    if (existsSync(join(root, dir, 'ruleset.toml'))) continue;
    for (const v of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (v.isDirectory() && existsSync(join(root, dir, v.name, 'ruleset.toml'))) {
        names.push(`${dir}/${v.name}`, `${dir}@${v.name}`);
      }
    }
  }
  return names.sort();
}

const names = ruleSetNames();

test('the shipped rule sets are all found (a renamed folder must not hide one)', () => {
  for (const name of ['rules/fr', 'rules/fr/2025.1.0', 'rules/fr@2026.1.0', 'rules/us@2024.1.0', 'rules/example-fr-976']) {
    assert.ok(names.includes(name), name);
  }
});

for (const name of names) {
  test(`check --json and test --json agree on ${name}`, () => {
    const checked = same(['check', '--json', name]);
    assert.equal(checked.code, 0);
    assert.equal(JSON.parse(checked.stdout).ok, true);
    const tested = same(['test', name, '--json']);
    assert.equal(tested.code, 0);
    assert.equal(JSON.parse(tested.stdout).failed, 0);
  });
}

/** Every file under `dir`, by relative path, with its bytes. */
function filesOf(dir) {
  const found = {};
  for (const file of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!file.isFile()) continue;
    const path = join(file.parentPath ?? file.path, file.name);
    found[path.slice(dir.length + 1)] = readFileSync(path, 'utf8');
  }
  return found;
}

test('unbundle writes the same files from both, for every shipped version', () => {
  for (const name of names.filter((n) => !n.includes('@') && existsSync(join(root, n, 'ruleset.toml')))) {
    const bundle = join(work, 'unbundle-source.json');
    assert.equal(native(['bundle', name, '-o', bundle]).code, 0);
    const [a, b] = [join(work, 'unbundled-native'), join(work, 'unbundled-npx')];
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
    const ranA = native(['unbundle', bundle, '-o', a]);
    const ranB = npx(['unbundle', bundle, '-o', b]);
    // The folder's name is in the printed line: the rest must agree.
    assert.equal(ranB.stdout.replaceAll(b, a), ranA.stdout, `${name}: stdout`);
    assert.deepEqual([ranB.stderr, ranB.code], [ranA.stderr, ranA.code], name);
    assert.equal(ranA.code, 0, ranA.stderr);
    assert.deepEqual(filesOf(b), filesOf(a), `${name}: the written files`);
  }
});

test('diff tells a host with a progress function how far it is; a host without one prints the same', async () => {
  const { run, nodeHost } = await import('../bin/vigie.mjs');
  const fr = join(root, 'rules', 'fr');
  const args = ['diff', `${fr}@2025.1.0`, `${fr}@2026.1.0`, '--people', '3000', '--as-of', '2026-03-01'];
  const heard = [];
  const withProgress = { ...nodeHost, progress: (done, total) => heard.push([done, total]) };
  const timing = (s) => s.replace(/\(\d+\.\d+ s on \d+ thread\(s\)\)/, '(…)');
  const a = run(args, { host: withProgress, today: '2026-03-01' });
  const b = run(args, { host: nodeHost, today: '2026-03-01' });
  assert.equal(timing(a.stdout), timing(b.stdout));
  assert.deepEqual([a.stderr, a.code], [b.stderr, b.code]);
  assert.equal(a.code, 0);
  assert.ok(heard.length >= 100, `calls: ${heard.length}`);
  assert.deepEqual(heard.at(-1), [3000, 3000]);
  for (let i = 1; i < heard.length; i++) {
    assert.ok(heard[i][0] >= heard[i - 1][0] && typeof heard[i][0] === 'number', `${heard[i - 1]} then ${heard[i]}`);
  }
  // A throwing callback changes nothing.
  const throwing = { ...nodeHost, progress: () => { throw new Error('no'); } };
  assert.equal(timing(run(args, { host: throwing }).stdout), timing(b.stdout));
});

for (const name of names) {
  test(`check, test and bundle agree on ${name}`, () => {
    assert.equal(same(['check', name]).code, 0);
    const tested = same(['test', name]);
    assert.match(tested.stdout, / passed, 0 failed\n$/);
    // The same output path for both: bundle prints it.
    const out = join(work, 'bundle.json');
    const a = native(['bundle', name, '-o', out]);
    const written = existsSync(out) ? readFileSync(out) : null;
    rmSync(out, { force: true });
    const b = npx(['bundle', name, '-o', out]);
    assert.deepEqual(b, a);
    if (written !== null) assert.ok(readFileSync(out).equals(written), `${name}: bundle bytes`);
    rmSync(out, { force: true });
  });
}

test('diff agrees over the cases and 2000 synthetic people (only the timing differs)', () => {
  const timing = (s) => s.replace(/\(\d+\.\d+ s on \d+ thread\(s\)\)/, '(… s on … thread(s))');
  const args = ['diff', 'rules/fr@2025.1.0', 'rules/fr@2026.1.0', '--people', '2000', '--as-of', '2026-03-01'];
  const a = same(args, { normalize: timing });
  assert.match(a.stdout, /2000 people/);
  same([...args, '--json'], { normalize: (s) => s.replace(/"seconds":[0-9.e-]+/, '').replace(/"threads":\d+/, '') });
});

test('eval, from a file and from stdin, in both formats, with the trace and the questions', () => {
  const [first] = casesOf(join(root, 'rules', 'fr', '2026.1.0'));
  const profile = join(work, 'profile.json');
  writeFileSync(profile, JSON.stringify(first.profile));
  same(['eval', '--rules', 'rules/fr', '--as-of', first.asOf, '--trace', profile]);
  same(['eval', '--rules', 'rules/fr', '--as-of', first.asOf, '--questions', '-'], { input: JSON.stringify(first.profile) });
  same(['eval', '--rules', 'rules/us', '--as-of', '2026-02-01', '--format', 'cds-hooks', '--all', profile]);
  // Today by default: both read the local date.
  same(['eval', '--rules', 'rules/fr', profile]);
  // A refused profile: exit 2, every problem on stderr, as text and as JSON.
  const bad = '{"birthDate": "1971-13-02", "sex": "female", "extra": 1}';
  assert.equal(same(['eval', '--rules', 'rules/fr', '-'], { input: bad }).code, 2);
  same(['eval', '--rules', 'rules/fr', '--errors', 'json', '-'], { input: bad });
});

test('import fhir, programs, questions and answers agree', () => {
  same(['import', 'fhir', '--as-of', '2026-01-15', 'tests/fhir/frcore-examples.json']);
  same(['import', 'fhir', 'tests/fhir/invalid-not-a-bundle.json']);
  same(['eval', '--rules', 'rules/fr', '--fhir', '--as-of', '2026-01-15', 'tests/fhir/frcore-examples.json']);
  same(['programs', '--rules', 'rules/fr@2026.1.0', '--locale', 'en']);
  same(['questions', '--rules', 'rules/fr@2026.2.0']);
  same(['answers', '--rules', 'rules/fr@2026.2.0', '--as-of', '2026-03-01', '-'], { input: '{"answers": {}}' });
});

test('errors read the same: usage, a missing folder or file, a broken rule, a link, a bad bundle', () => {
  assert.equal(same([]).code, 2);
  same(['frobnicate']);
  same(['--version']);
  same(['--help']);
  assert.equal(same(['check', 'rules/nope']).code, 1);
  same(['test', 'rules/nope']);
  assert.equal(same(['check', 'rules/nope', '--json']).code, 1);
  same(['test', '--json', 'rules/nope']);
  same(['check', '--json']);
  // unbundle: a name that designates nothing, a folder given for a bundle, a folder not empty.
  same(['unbundle', 'no-such-bundle.json', '-o', join(work, 'never')]);
  same(['unbundle', 'rules/fr/2026.1.0', '-o', join(work, 'never')]);
  const frBundle = join(work, 'fr-for-unbundle.json');
  native(['bundle', 'rules/fr/2026.1.0', '-o', frBundle]);
  assert.equal(same(['unbundle', frBundle, '-o', join(root, 'rules')]).code, 1);
  same(['unbundle', frBundle]);
  same(['eval', '--rules', 'rules/fr', 'no-such-profile.json']);
  same(['eval', '--rules', 'rules/fr', 'rules']);
  same(['import', 'fhir', 'no-such-bundle.json']);
  same(['bundle', 'rules/fr/2026.1.0', '-o', join(work, 'no-such-folder', 'out.json')]);
  same(['bundle', 'tests/fhir/frcore-examples.json', '-o', join(work, 'x.json')]);
  same(['eval', '--rules', 'tests/fhir/frcore-examples.json', 'tests/fhir/frcore-examples.json']);
  // A broken copy: a syntax error in a rule, a case that no longer passes, a link in the folder.
  const copy = join(work, 'rules');
  cpSync(join(root, 'rules'), copy, { recursive: true });
  const version = join(copy, 'fr', '2026.1.0');
  const rule = readdirSync(join(version, 'rules'), { recursive: true }).find((f) => f.endsWith('.rhai'));
  appendFileSync(join(version, 'rules', rule), '\nlet = ;\n');
  const checked = same(['check', version]);
  assert.equal(checked.code, 1);
  const checkedJson = same(['check', version, '--json']);
  assert.equal(checkedJson.code, 1);
  assert.match(JSON.parse(checkedJson.stdout).versions[0].problems[0].file, /\.rhai$/);
  same(['test', join(copy, 'fr'), '--json']);
  assert.match(checked.stderr, /\.rhai:\d+:\d+: /);
  same(['test', join(copy, 'fr')]);
  // The overlays above find their base by walking up from the real path.
  same(['check', join(copy, 'example-fr-976')]);
  execFileSync('ln', ['-s', join(version, 'ruleset.toml'), join(copy, 'us', '2026.1.0', 'messages', 'link.toml')]);
  assert.equal(same(['check', join(copy, 'us', '2026.1.0')]).code, 1);
  writeFileSync(join(work, 'bad-bundle.json'), '{"format": 1}');
  same(['eval', '--rules', join(work, 'bad-bundle.json'), '-'], { input: '{}' });
});

test('the packed package, installed offline in a new project, runs `npx vigie` as the native does', () => {
  const packed = mkdtempSync(join(tmpdir(), 'vigie-pack-'));
  const file = execFileSync('npm', ['pack', '--silent', '--pack-destination', packed], { cwd: join(root, 'pkg'), encoding: 'utf8' }).trim().split('\n').pop();
  const project = mkdtempSync(join(tmpdir(), 'vigie-project-'));
  writeFileSync(join(project, 'package.json'), '{"name": "authors", "version": "1.0.0", "private": true}\n');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(packed, file)], { cwd: project, stdio: 'pipe' });
  const fr = join(root, 'rules', 'fr');
  for (const args of [['check', fr], ['test', `${fr}@2025.1.0`], ['--version']]) {
    const a = native(args, { cwd: project });
    const b = npx(args, { cwd: project, command: ['npx', '--offline', '--no-install', 'vigie'] });
    assert.deepEqual(b, a, `npx vigie ${args.join(' ')}`);
  }
  rmSync(packed, { recursive: true, force: true });
  rmSync(project, { recursive: true, force: true });
});

// The package's API as a portal developer meets it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createVigie, Vigie, VigieError } from '../node.js';
import { cli, root } from './helpers.mjs';

const profile = {
  birthDate: '1971-03-02',
  sex: 'female',
  screenings: [{ test: 'mammography', date: '2024-11-12', result: 'normal' }],
};

test('evaluate returns the contract report', async () => {
  const vigie = await createVigie();
  assert.ok(vigie instanceof Vigie);
  const report = vigie.evaluate(profile, { asOf: '2026-01-15' });
  assert.deepEqual(Object.keys(report), ['ruleset', 'asOf', 'locale', 'nudges', 'errors', 'warnings']);
  // The built-in rule set is the newest version (in force from 2026-09-01): earlier, it says so.
  assert.deepEqual(report.warnings.map((w) => w.warning), ['before-in-force']);
  assert.deepEqual(Object.keys(vigie.evaluate(profile, { asOf: '2026-12-05' })), ['ruleset', 'asOf', 'locale', 'nudges', 'errors']);
  assert.equal(report.asOf, '2026-01-15');
  assert.equal(report.locale, 'fr');
  const breast = report.nudges.find((n) => n.program === 'breast-cancer-screening');
  assert.equal(breast.status, 'up-to-date');
  assert.equal(breast.dueDate, '2026-11-12');
  assert.ok(breast.action.length > 0 && breast.sources.length > 0 && breast.reasons.length > 0);
  const english = vigie.evaluate(profile, { asOf: '2026-01-15', locale: 'en', trace: true });
  assert.equal(english.locale, 'en');
  assert.ok(english.trace.length >= 6);
});

test('asOf defaults to today', async () => {
  const vigie = await createVigie();
  const today = new Date();
  const local = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  assert.equal(vigie.evaluate(profile).asOf, local);
});

test('bad input throws a VigieError with every problem and its path', async () => {
  const vigie = await createVigie();
  const bad = { birthDate: '1971-02-30', sex: 'femme', screenings: [{ test: 'mamography', date: '2024-11-12' }] };
  assert.throws(() => vigie.evaluate(bad, { asOf: '2026-01-15' }), (err) => {
    assert.ok(err instanceof VigieError && err instanceof Error);
    assert.equal(err.code, 'invalid-profile');
    assert.deepEqual(err.problems.map((p) => p.path), ['birthDate', 'sex', 'screenings[0].test']);
    return true;
  });
  assert.deepEqual(vigie.validate(bad, { asOf: '2026-01-15' }).map((p) => p.path), ['birthDate', 'sex', 'screenings[0].test']);
  assert.deepEqual(vigie.validate(profile, { asOf: '2026-01-15' }), []);
  assert.throws(() => vigie.evaluate(profile, { asOf: '15/01/2026' }), { code: 'invalid-options', path: 'asOf' });
  assert.throws(() => vigie.evaluate(profile, { asof: '2026-01-15' }), { code: 'invalid-options' });
  assert.throws(() => vigie.evaluate(profile, { locale: 'de' }), { code: 'unknown-locale' });
  assert.throws(() => vigie.evaluate(undefined), { code: 'invalid-profile' });
  // The module is still usable.
  assert.equal(vigie.evaluate(profile, { asOf: '2026-01-15' }).nudges.length > 0, true);
});

test('two rule sets live side by side; an altered bundle is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-side-'));
  cpSync(join(root, 'rules', 'fr', '2025.1.0'), join(dir, 'fr'), { recursive: true });
  const manifest = join(dir, 'fr', 'ruleset.toml');
  writeFileSync(manifest, readFileSync(manifest, 'utf8')
    .replace('version = "2025.1.0"', 'version = "2025.1.1"')
    .replace('[[changelog]]', '[[changelog]]\nversion = "2025.1.1"\ndate = "2026-11-24"\nchanges = ["side-by-side test"]\n\n[[changelog]]'));
  const out = join(dir, 'other.json');
  execFileSync(cli, ['bundle', join(dir, 'fr'), '-o', out]);
  const other = JSON.parse(readFileSync(out, 'utf8'));

  const french = await createVigie();
  const second = await createVigie({ ruleset: other });
  // The built-in French rule set is the newest version (2026.2.0, in force from 2026-12-05).
  assert.equal(french.ruleset().version, '2026.2.0');
  assert.equal(second.ruleset().version, '2025.1.1');
  assert.notEqual(french.ruleset().digest, second.ruleset().digest);
  assert.equal(french.evaluate(profile, { asOf: '2026-01-15' }).ruleset.version, '2026.2.0');
  assert.equal(second.evaluate(profile, { asOf: '2026-01-15' }).ruleset.version, '2025.1.1');

  const altered = JSON.parse(JSON.stringify(other));
  altered.ruleset.rules['breast/organised-screening'] += '\n// changed';
  await assert.rejects(createVigie({ ruleset: altered }), (err) => {
    assert.equal(err.code, 'digest-mismatch');
    assert.equal(err.expected, other.digest);
    assert.notEqual(err.actual, other.digest);
    return true;
  });
  await assert.rejects(createVigie({ ruleset: 'de' }), { code: 'invalid-bundle' });
  await assert.rejects(createVigie({ ruleset: '{"format": 1}' }), { code: 'invalid-bundle' });
});

test('the package version follows the crate', () => {
  const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
  const pkg = JSON.parse(readFileSync(join(root, 'pkg', 'package.json'), 'utf8'));
  assert.equal(pkg.version, cargo);
});

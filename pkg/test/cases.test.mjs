// Every case of every rule set, through the package in Node: byte-identical to `vigie eval`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVigie } from '../node.js';
import { bundle, casesOf, cliEval, root, ruleSetDirs } from './helpers.mjs';

for (const dir of ruleSetDirs()) {
  const bundlePath = bundle(dir);
  const name = dir.split('/').slice(-2).join('/');

  test(`${name}: every case gives the same bytes as vigie eval`, async () => {
    const vigie = await createVigie({ ruleset: readFileSync(bundlePath, 'utf8') });
    const cases = casesOf(dir);
    assert.ok(cases.length > 0, `${name} has no cases`);
    for (const c of cases) {
      const profileJson = JSON.stringify(c.profile);
      const options = { asOf: c.asOf, locale: c.locale };
      const fromPackage = vigie.evaluateJson(profileJson, options);
      const fromCli = cliEval(dir, profileJson, options);
      assert.equal(fromCli.status, 0, `${c.file} — ${c.name}: ${fromCli.stderr}`);
      assert.equal(fromPackage + '\n', fromCli.stdout, `${c.file} — ${c.name}`);
    }
    vigie.free();
  });
}

test('the built-in French rule set is the one in rules/fr', async () => {
  const builtIn = await createVigie();
  // The newest version of rules/fr (version folders sort as numbers).
  const newest = readdirSync(join(root, 'rules', 'fr'))
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .pop();
  assert.equal(newest, '2026.2.0');
  const fromBundle = JSON.parse(readFileSync(bundle(`${process.cwd()}/rules/fr/${newest}`), 'utf8'));
  assert.equal(builtIn.ruleset().id, 'fr');
  assert.equal(builtIn.ruleset().version, fromBundle.version);
  assert.equal(builtIn.ruleset().digest, fromBundle.digest);
});

test('the built-in United States rule set is the newest version in rules/us', async () => {
  const builtIn = await createVigie({ ruleset: 'us' });
  const newest = readdirSync(join(root, 'rules', 'us'))
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .pop();
  assert.equal(newest, '2026.1.0');
  const fromBundle = JSON.parse(readFileSync(bundle(`${process.cwd()}/rules/us/${newest}`), 'utf8'));
  assert.deepEqual(builtIn.ruleset(), { id: 'us', version: fromBundle.version, digest: fromBundle.digest });
  // English only: asking for French says so, by code.
  assert.throws(() => builtIn.evaluate({ age: 50, sex: 'female' }, { asOf: '2026-12-05', locale: 'fr' }),
    (err) => err.code === 'unknown-locale');
  builtIn.free();
});

test('every rule set under rules/, at any depth, is one of those compared', () => {
  const all = readdirSync(join(root, 'rules'), { recursive: true })
    .filter((file) => file.split('/').pop() === 'ruleset.toml')
    .map((file) => join(root, 'rules', file, '..'))
    .sort();
  assert.deepEqual(ruleSetDirs(), all);
  for (const name of ['fr/2024.1.0', 'fr/2025.1.0', 'fr/2026.1.0', 'fr/2026.2.0', 'example-fr-976', 'fr-cancer-screening', 'us/2021.1.0', 'us/2024.1.0', 'us/2026.1.0']) {
    assert.ok(all.includes(join(root, 'rules', name)), name);
  }
});

// FHIR R4 in through the package: every test bundle of tests/fhir gives the bytes of
// `vigie import fhir`, `vigie eval --fhir` and `vigie eval --fhir --format cds-hooks`, or the same
// refusal (invalid-fhir, every problem at its path).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVigie, VigieError } from '../node.js';
import { cli, root } from './helpers.mjs';

const AS_OF = '2026-12-05';
const dir = join(root, 'tests', 'fhir');
const bundles = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'manifest.json').sort();

function run(args, input) {
  const out = spawnSync(cli, [...args, '--errors', 'json', '-'], { input, encoding: 'utf8' });
  return { status: out.status, stdout: out.stdout, problems: out.status === 2 ? JSON.parse(out.stderr).problems : undefined };
}

/** `fn()`'s answer, or the problems of the invalid-fhir it threw. */
function answerOf(fn) {
  try {
    return { text: fn() };
  } catch (err) {
    assert.ok(err instanceof VigieError, String(err));
    assert.equal(err.code, 'invalid-fhir', err.message);
    return { problems: err.problems };
  }
}

function same(fromPackage, fromCli, context) {
  if (fromCli.status === 0) {
    assert.equal(fromPackage.text + '\n', fromCli.stdout, context);
  } else {
    assert.equal(fromCli.status, 2, context);
    assert.deepEqual(fromPackage.problems, fromCli.problems, context);
  }
}

test('tests/fhir holds the bundles of every kind', () => {
  assert.ok(bundles.length >= 25, bundles.join(' '));
  for (const name of ['frcore-examples.json', 'uscore-examples.json', 'pitfall-tdap-cvx115-not-dtp.json', 'invalid-not-json.json']) {
    assert.ok(bundles.includes(name), name);
  }
});

test('every bundle: importFhir, evaluateFhir and its cards are byte-identical to the command line', async () => {
  const vigie = await createVigie();
  let evaluated = 0;
  for (const name of bundles) {
    const text = readFileSync(join(dir, name), 'utf8');
    const imported = answerOf(() => vigie.importFhirJson(text, { asOf: AS_OF }));
    same(imported, run(['import', 'fhir', '--as-of', AS_OF], text), `${name}: import`);
    for (const locale of ['fr', 'en']) {
      const base = ['eval', '--rules', join(root, 'rules', 'fr'), '--fhir', '--as-of', AS_OF, '--locale', locale];
      const options = { asOf: AS_OF, locale };
      const report = answerOf(() => vigie.evaluateFhirJson(text, options));
      same(report, run(base, text), `${name}: eval --fhir (${locale})`);
      const cards = answerOf(() => vigie.evaluateFhirJson(text, { ...options, format: 'cds-hooks', all: true }));
      same(cards, run([...base, '--format', 'cds-hooks', '--all'], text), `${name}: cards (${locale})`);
      if (report.text === undefined) continue;
      evaluated += 1;
      // Objects in and out: the same content.
      const bundle = JSON.parse(text);
      assert.deepEqual(vigie.importFhir(bundle, { asOf: AS_OF }), JSON.parse(imported.text), name);
      const reportObject = vigie.evaluateFhir(bundle, options);
      assert.deepEqual(reportObject, JSON.parse(report.text), name);
      assert.ok(Array.isArray(reportObject.import.notUsed), name);
      assert.deepEqual(vigie.cards(reportObject, { all: true }), JSON.parse(cards.text), name);
      assert.deepEqual(vigie.evaluateFhir(bundle, { ...options, format: 'cds-hooks', all: true }), JSON.parse(cards.text), name);
    }
  }
  assert.ok(evaluated >= 30, `${evaluated} evaluations`);
  vigie.free();
});

test('what is not a bundle is refused as invalid-fhir, never a TypeError', async () => {
  const vigie = await createVigie();
  const cyclic = { resourceType: 'Bundle' };
  cyclic.self = cyclic;
  for (const bad of [cyclic, 'not json', { resourceType: 'Patient' }, 42]) {
    assert.throws(() => vigie.importFhir(bad), (err) => err instanceof VigieError && err.code === 'invalid-fhir' && err.problems.length > 0);
    assert.throws(() => vigie.evaluateFhir(bad, { format: 'cds-hooks' }), (err) => err instanceof VigieError && err.code === 'invalid-fhir');
  }
  assert.throws(() => vigie.importFhirJson({}), (err) => err.code === 'invalid-fhir');
  assert.throws(() => vigie.importFhir('{}', { locale: 'fr' }), (err) => err.code === 'invalid-options');
  vigie.free();
});

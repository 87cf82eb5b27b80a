// CDS Hooks cards through the package: byte-identical to `vigie eval --format cds-hooks`, and the
// same whether asked of `evaluate` or made from a report the package returned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createVigie, VigieError } from '../node.js';
import { casesOf, cliEval, root } from './helpers.mjs';

// The built-in rule set: the newest French version.
const dir = join(root, 'rules', 'fr', '2026.2.0');

test('fr 2026.2.0: every case in fr and en gives the cards of vigie eval --format cds-hooks --all', async () => {
  const vigie = await createVigie();
  assert.equal(vigie.ruleset().version, '2026.2.0');
  const cases = casesOf(dir);
  assert.ok(cases.length > 100);
  let cards = 0;
  for (const c of cases) {
    for (const locale of ['fr', 'en']) {
      const profileJson = JSON.stringify(c.profile);
      const context = `${c.file} — ${c.name} (${locale})`;
      const options = { asOf: c.asOf, locale };
      const text = vigie.evaluateJson(profileJson, { ...options, format: 'cds-hooks', all: true });
      const fromCli = cliEval(dir, profileJson, { ...options, flags: ['--format', 'cds-hooks', '--all'] });
      assert.equal(fromCli.status, 0, `${context}: ${fromCli.stderr}`);
      assert.equal(text + '\n', fromCli.stdout, context);
      // A report object the package returned makes the same cards.
      const report = vigie.evaluate(c.profile, options);
      assert.deepEqual(vigie.cards(report, { all: true }), JSON.parse(text), context);
      assert.deepEqual(vigie.evaluate(c.profile, { ...options, format: 'cds-hooks', all: true }), JSON.parse(text), context);
      for (const card of JSON.parse(text).cards) {
        assert.ok([...card.summary].length < 140, `${context}: ${card.summary}`);
      }
      cards += JSON.parse(text).cards.length;
    }
  }
  assert.ok(cards > cases.length, `${cards} cards`);
  vigie.free();
});

test('without all, up-to-date nudges get no card; the report format is the default', async () => {
  const vigie = await createVigie();
  const profile = { birthDate: '1971-03-02', sex: 'female', screenings: [{ test: 'mammography', date: '2026-01-10', result: 'normal' }] };
  const options = { asOf: '2026-12-05', locale: 'en' };
  const report = vigie.evaluate(profile, options);
  assert.deepEqual(vigie.evaluate(profile, { ...options, format: 'report' }), report);
  const upToDate = report.nudges.filter((n) => n.status === 'up-to-date').length;
  assert.ok(upToDate > 0);
  const { cards } = vigie.evaluate(profile, { ...options, format: 'cds-hooks' });
  assert.equal(cards.length, report.nudges.length - upToDate);
  assert.ok(cards.every((card) => ['info', 'warning', 'critical'].includes(card.indicator)));
  assert.deepEqual(vigie.cards(JSON.stringify(report)), { cards });
  vigie.free();
});

test('what is not a report, a bad format or a stray option is refused with its code', async () => {
  const vigie = await createVigie();
  const refused = (fn, code) => assert.throws(fn, (err) => err instanceof VigieError && err.code === code, code);
  refused(() => vigie.cards({ nudges: [] }), 'invalid-report');
  refused(() => vigie.cards('not json'), 'invalid-report');
  refused(() => vigie.cards(42), 'invalid-report');
  refused(() => vigie.evaluate({ age: 50, sex: 'male' }, { format: 'fhir' }), 'invalid-options');
  refused(() => vigie.evaluate({ age: 50, sex: 'male' }, { format: 'cds-hooks', trace: true }), 'invalid-options');
  refused(() => vigie.evaluate({ age: 50, sex: 'male' }, { all: true }), 'invalid-options');
  const report = vigie.evaluate({ age: 50, sex: 'male' }, { asOf: '2026-12-05' });
  refused(() => vigie.cards(report, { every: true }), 'invalid-options');
  vigie.free();
});

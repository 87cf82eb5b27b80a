// labels({ locale }): the words a portal shows beside a report, in one call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVigie, VigieError } from '../node.js';
import { STATUS_LABELS } from '../labels.js';
import { root } from './helpers.mjs';

// The status words of docs/contract.md §2, as the package's types spell them (`Status`).
const statusType = readFileSync(join(root, 'pkg', 'index.d.ts'), 'utf8').match(/export type Status = ([^;]+);/)[1];
const contractStatuses = [...statusType.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);

test('the contract has five status words (read from the package\'s Status type)', () => {
  assert.deepEqual([...contractStatuses].sort(), ['due', 'info', 'refer', 'up-to-date', 'upcoming']);
});

test('the package words every status of the contract in French and English, and the element\'s badges are those words', async () => {
  const { t } = await import('../element/i18n.js');
  for (const locale of ['fr', 'en']) {
    assert.deepEqual(Object.keys(STATUS_LABELS[locale]).sort(), [...contractStatuses].sort(), locale);
    for (const word of Object.values(STATUS_LABELS[locale])) assert.ok(word.trim().length > 0);
    for (const status of contractStatuses) assert.equal(t(`status.${status}`, {}, locale), STATUS_LABELS[locale][status], `${locale} ${status}`);
  }
  assert.ok(Object.isFrozen(STATUS_LABELS.fr) && Object.isFrozen(STATUS_LABELS));
});

test('labels gathers statuses, program titles and code labels of the locale', async () => {
  const vigie = await createVigie();
  for (const locale of ['fr', 'en']) {
    const labels = vigie.labels({ locale });
    assert.deepEqual(Object.keys(labels), ['locale', 'statuses', 'programs', 'codes']);
    assert.equal(labels.locale, locale);
    assert.deepEqual(labels.statuses, { ...STATUS_LABELS[locale] });
    const covered = vigie.programs({ locale });
    assert.deepEqual(Object.keys(labels.programs), covered.map((p) => p.program), 'in the engine\'s order');
    for (const { program, title } of covered) assert.equal(labels.programs[program], title);
    assert.deepEqual(labels.codes, vigie.codeLabels({ locale }).codes);
  }
  assert.equal(vigie.labels({ locale: 'en' }).programs['breast-cancer-screening'], 'Breast cancer screening');
  assert.equal(vigie.labels({ locale: 'en' }).statuses.due, 'To do');
  assert.equal(vigie.labels().locale, 'fr', 'the rule set\'s first locale by default');
  assert.equal(vigie.labels().statuses.refer, 'À voir avec un professionnel');
  // A copy each time: a caller changing its labels changes nobody else's.
  vigie.labels().statuses.due = 'changed';
  assert.equal(vigie.labels().statuses.due, 'À faire');
  vigie.free();
});

test('every status and program a report gives has a label', async () => {
  for (const ruleset of ['fr', 'us']) {
    const vigie = await createVigie({ ruleset });
    const labels = vigie.labels();
    for (const [age, sex] of [[25, 'female'], [52, 'female'], [67, 'male'], [80, 'female']]) {
      const report = vigie.evaluate({ age, sex, familyHistory: [{ relation: 'mother', condition: 'breast-cancer', ageAtDiagnosis: 38 }] }, { asOf: '2026-12-05' });
      for (const nudge of report.nudges) {
        assert.ok(labels.statuses[nudge.status], `${ruleset}: ${nudge.status}`);
        assert.ok(labels.programs[nudge.program], `${ruleset}: ${nudge.program}`);
      }
    }
    vigie.free();
  }
});

test('a locale the rule set does not speak: the error programs() gives', async () => {
  const vigie = await createVigie({ ruleset: 'us' });
  assert.equal(vigie.labels().locale, 'en');
  let expected;
  try {
    vigie.programs({ locale: 'fr' });
  } catch (err) {
    expected = err;
  }
  assert.equal(expected?.code, 'unknown-locale');
  assert.throws(() => vigie.labels({ locale: 'fr' }), (err) => {
    assert.ok(err instanceof VigieError);
    assert.deepEqual({ ...err, message: err.message }, { ...expected, message: expected.message });
    return true;
  });
  assert.throws(() => vigie.labels({ lokale: 'en' }), { code: 'invalid-options' });
  assert.throws(() => vigie.labels('en'), { code: 'invalid-options' });
  vigie.free();
  assert.throws(() => vigie.labels(), { code: 'engine-freed' });
});

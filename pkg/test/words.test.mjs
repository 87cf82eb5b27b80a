// What a rule set covers and the words for codes, as the package gives them: the same as
// `vigie programs`, for every rule set; the engine's words for a questionnaire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createVigie } from '../node.js';
import { bundle, cli, ruleSetDirs } from './helpers.mjs';

/** What `vigie programs` prints for a rule set, parsed. */
function cliPrograms(rules, locale) {
  return JSON.parse(execFileSync(cli, ['programs', '--rules', rules, '--locale', locale], { encoding: 'utf8' }));
}

test('programs() is what vigie programs prints, for every rule set and locale', async () => {
  for (const dir of ruleSetDirs()) {
    const text = readFileSync(bundle(dir), 'utf8');
    const vigie = await createVigie({ ruleset: text });
    const { locales } = JSON.parse(text).ruleset.manifest;
    for (const locale of ['fr', 'en']) {
      if (!locales.includes(locale)) {
        // A rule set that does not speak it (rules/us is in English) says so, as vigie programs does.
        assert.throws(() => vigie.programs({ locale }), { code: 'unknown-locale' }, `${dir} ${locale}`);
        continue;
      }
      const programs = vigie.programs({ locale });
      assert.deepEqual(programs, cliPrograms(dir, locale), `${dir} ${locale}`);
      assert.ok(programs.length > 0 && programs.every((p) => p.title && p.description), `${dir} ${locale}`);
    }
    vigie.free();
  }
});

test('the built-in rule set covers every program, in the engine\'s order, in its first locale by default', async () => {
  const vigie = await createVigie();
  const programs = vigie.programs();
  assert.deepEqual(programs.slice(0, 4).map((p) => p.program),
    ['breast-cancer-screening', 'colorectal-cancer-screening', 'cervical-cancer-screening', 'prevention-checkup']);
  assert.equal(programs.length, 16);
  assert.deepEqual(programs[0], vigie.programs({ locale: 'fr' })[0]);
  assert.equal(programs[0].title, 'Dépistage du cancer du sein');
  assert.equal(vigie.programs({ locale: 'en' })[0].title, 'Breast cancer screening');
});

test('codeLabels() gives the labels of reports and a questionnaire\'s words', async () => {
  const vigie = await createVigie();
  const fr = vigie.codeLabels({ locale: 'fr' });
  assert.equal(fr.locale, 'fr');
  assert.deepEqual(Object.keys(fr), ['locale', 'codes', 'answers']);
  assert.equal(fr.codes.mother, 'votre mère');
  assert.equal(fr.codes['influenza-campaign'], 'Campagne de vaccination contre la grippe');
  assert.deepEqual(Object.keys(fr.answers),
    ['sex', 'organ', 'smoking', 'condition', 'familyCondition', 'relation', 'test', 'result', 'vaccine', 'ancestry', 'program']);
  assert.equal(fr.answers.ancestry.asian, 'Asiatique');
  assert.equal(fr.answers.smoking.current, 'Je fume');
  assert.equal(fr.answers.familyCondition['breast-cancer'], 'Cancer du sein');
  assert.equal(fr.answers.program['breast-cancer-screening'], 'Votre mammographie');
  const en = vigie.codeLabels({ locale: 'en' });
  assert.equal(en.answers.relation.mother, 'My mother');
  assert.equal(en.codes.mother, 'your mother');
  assert.deepEqual(vigie.codeLabels(), fr);
});

test('sources() lists every source the rules cite, each page once', async () => {
  const vigie = await createVigie();
  const sources = vigie.sources();
  assert.ok(sources.length > 20);
  assert.equal(new Set(sources.map((s) => s.url)).size, sources.length);
  for (const s of sources) assert.deepEqual(Object.keys(s), ['label', 'url', 'checked']);
  // A report cites only sources the list has.
  const report = vigie.evaluate({ birthDate: '1971-03-02', sex: 'female' }, { asOf: '2026-12-05' });
  const urls = new Set(sources.map((s) => s.url));
  for (const nudge of report.nudges) for (const s of nudge.sources) assert.ok(urls.has(s.url), s.url);
  // An overlay that turns programs off cites fewer.
  const subset = await createVigie({ ruleset: readFileSync(bundle(ruleSetDirs().find((d) => d.endsWith('fr-cancer-screening'))), 'utf8') });
  assert.ok(subset.sources().length < sources.length);
});

test('a wrong locale or option is refused; a freed Vigie says so', async () => {
  const vigie = await createVigie();
  assert.throws(() => vigie.programs({ locale: 'de' }), { code: 'unknown-locale' });
  assert.throws(() => vigie.codeLabels({ locale: 'de' }), { code: 'unknown-locale' });
  assert.throws(() => vigie.programs({ asOf: '2026-01-15' }), { code: 'invalid-options' });
  assert.throws(() => vigie.codeLabels('fr'), { code: 'invalid-options' });
  vigie.free();
  assert.throws(() => vigie.programs(), { code: 'engine-freed' });
  assert.throws(() => vigie.sources(), { code: 'engine-freed' });
});

// The page words the engine's problems from their `kind` and `path` (pkg/element/validation.js `plain`),
// never from the English message: its words for every problem of the malformed corpus, its limits
// against the engine's, and the texts it showed before kinds existed. In Node, with the package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './helpers.mjs';
import { createVigie } from '../../pkg/node.js';
import { plain, RANGES } from '../../pkg/element/validation.js';
import { t } from '../../pkg/element/i18n.js';

const words = (problem, locale = 'fr') => {
  const { key, vars } = plain(problem);
  return t(key, vars, locale);
};

/** Where each ranged field sits in a profile, with a value `n` there. */
const withValue = {
  age: (n) => [{ age: n, sex: 'female' }, 'age'],
  ageAtDiagnosis: (n) => [{ age: 50, sex: 'female', familyHistory: [{ relation: 'mother', condition: 'breast-cancer', ageAtDiagnosis: n }] }, 'familyHistory[0].ageAtDiagnosis'],
  heightCm: (n) => [{ age: 50, sex: 'female', heightCm: n }, 'heightCm'],
  weightKg: (n) => [{ age: 50, sex: 'female', weightKg: n }, 'weightKg'],
  packYears: (n) => [{ age: 50, sex: 'female', smoking: { status: 'current', packYears: n } }, 'smoking.packYears'],
};

test("the page's limits are the engine's: just inside is accepted, just outside is out-of-range", async () => {
  const vigie = await createVigie();
  assert.deepEqual(Object.keys(RANGES).sort(), Object.keys(withValue).sort());
  for (const [field, { min, max }] of Object.entries(RANGES)) {
    for (const inside of [min, max]) {
      assert.deepEqual(vigie.validate(withValue[field](inside)[0]), [], `${field} ${inside}`);
    }
    for (const outside of [min - 1, max + 1]) {
      const [profile, path] = withValue[field](outside);
      const problems = vigie.validate(profile);
      assert.deepEqual(problems.map((p) => [p.path, p.kind]), [[path, 'out-of-range']], `${field} ${outside}`);
    }
  }
  vigie.free();
});

test('every engine problem of the malformed corpus has page words in French and English', () => {
  const index = JSON.parse(readFileSync(join(root, 'tests', 'malformed', 'index.json'), 'utf8'));
  // Kinds the page can never meet (it writes the JSON itself) may fall back to the engine's words.
  const fallback = new Set(['not-json', 'not-utf8', 'too-large', 'too-deep', 'too-many-entries', 'duplicate-key', 'contradiction']);
  let worded = 0;
  for (const [name, entry] of Object.entries(index.inputs)) {
    for (const [path, kind] of entry.problems) {
      const message = `the engine's words for ${name}`;
      for (const locale of ['fr', 'en']) {
        const text = words({ path, kind, message }, locale);
        assert.ok(text && !text.startsWith('err.'), `${name}: ${path} ${kind} (${locale}): ${text}`);
        if (text === message) {
          assert.ok(fallback.has(kind) || kind === 'wrong-type', `${name}: ${path} ${kind} has no page words`);
        } else {
          worded += 1;
        }
      }
    }
  }
  assert.ok(worded > 200, `${worded} worded`);
});

test('the page shows the same words as when it read the English messages', () => {
  const cases = [
    [{ path: 'screenings[1].date', kind: 'future-date', message: '2099-01-01 is after the evaluation date 2026-01-15' }, 'Cette date est dans le futur. Indiquez une date passée.'],
    [{ path: 'birthDate', kind: 'not-a-date', message: '"1971-02-31" is not a date (expected YYYY-MM-DD)' }, 'Cette date n\'existe pas.'],
    [{ path: 'vaccinations[0].date', kind: 'before-birth', message: '1960-01-01 is before the person was born' }, 'Cette date est avant votre naissance.'],
    [{ path: 'birthDate', kind: 'out-of-range', message: '1900-01-01 gives an age of 126, over 120' }, 'Vérifiez l\'année : cela ferait plus de 120 ans.'],
    [{ path: 'heightCm', kind: 'out-of-range', message: '500 is out of range (40 to 250 cm)' }, 'Indiquez un nombre entre 40 et 250 cm.'],
    [{ path: 'weightKg', kind: 'out-of-range', message: '1 is out of range (2 to 400 kg)' }, 'Indiquez un nombre entre 2 et 400 kg.'],
    [{ path: 'smoking.packYears', kind: 'out-of-range', message: '300 is out of range (0 to 200 pack-years)' }, 'Indiquez un nombre entre 0 et 200 paquets-années.'],
    [{ path: 'age', kind: 'out-of-range', message: '121 is out of range (0 to 120)' }, 'Indiquez un nombre entre 0 et 120 ans.'],
    [{ path: 'familyHistory[2].ageAtDiagnosis', kind: 'out-of-range', message: '150 is out of range (0 to 120)' }, 'Indiquez un nombre entre 0 et 120 ans.'],
    [{ path: 'familyHistory[0].ageAtDiagnosis', kind: 'wrong-type', message: 'expected a whole number, got a number 4.5' }, 'Écrivez un nombre entier, sans virgule.'],
    [{ path: 'weightKg', kind: 'wrong-type', message: 'expected a number, got text "x"' }, 'Écrivez un nombre, avec des chiffres. Par exemple : 70.'],
    [{ path: 'heightCm', kind: 'wrong-type', message: 'expected a number, got text "x"' }, 'Écrivez un nombre, avec des chiffres. Par exemple : 165.'],
    [{ path: 'smoking.packYears', kind: 'wrong-type', message: 'expected a number, got text "x"' }, 'Écrivez un nombre, avec des chiffres. Par exemple : 20.'],
    [{ path: 'birthDate', kind: 'missing-field', message: 'is required (YYYY-MM-DD), or give age in whole years when the date is unknown' }, t('err.birthRequired', {}, 'fr')],
    [{ path: 'sex', kind: 'missing-field', message: 'is required (female or male)' }, t('err.sexRequired', {}, 'fr')],
    [{ path: 'screenings[0].date', kind: 'missing-field', message: 'is required (YYYY-MM-DD)' }, t('err.dateRequired', {}, 'fr')],
    [{ path: 'screenings[0].test', kind: 'missing-field', message: 'is required (mammography, fit, hpv-test …)' }, 'Cette réponse est nécessaire.'],
    [{ path: 'colour', kind: 'unknown-field', message: 'unknown field; accepted fields: …' }, 'Cette information n\'est pas utilisée par Vigie (colour).'],
    [{ path: 'screenings[0].test', kind: 'unknown-code', message: 'unknown test "mamography"; accepted: …' }, 'Cette valeur n\'est pas reconnue par Vigie.'],
    [{ path: 'pregnant', kind: 'contradiction', message: 'is true, but the profile has no uterus (see sex and organs)' }, 'is true, but the profile has no uterus (see sex and organs)'],
  ];
  for (const [problem, expected] of cases) assert.equal(words(problem), expected, JSON.stringify(problem));
  // The English page says the same in English.
  assert.equal(words(cases[0][0], 'en'), 'This date is in the future. Enter a past date.');
});

// Questions that matter through the package (docs/questions.md §5): the questionnaire, answers
// made into a profile, and a report's open questions — each the same as the command line's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVigie, VigieError } from '../node.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const AS_OF = '2026-12-05';

// The most recently built CLI (scripts/test builds the release one; `cargo build`, the debug one):
// an older binary may predate `vigie questions`.
const cli = ['release', 'debug']
  .map((profile) => join(root, 'target', profile, 'vigie'))
  .filter((path) => existsSync(path))
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
if (cli === undefined) throw new Error('no target/*/vigie: run cargo build first');

function run(args, input) {
  const done = spawnSync(cli, args, { input, encoding: 'utf8' });
  assert.equal(done.status, 0, `vigie ${args.join(' ')}: ${done.stderr}`);
  return done.stdout;
}

// Jeanne, 72: a mammogram "in 2022", a stool test "about a year ago", family history not known.
const jeanne = {
  answers: {
    birth: { age: 72 },
    sex: 'female',
    mammography: '2022',
    fit: { yearsAgo: 1 },
    'family-breast-cancer': 'unknown',
    smoking: 'never',
  },
};

test('the questionnaire words every question in French and in English, as vigie questions', async () => {
  const vigie = await createVigie();
  for (const locale of ['fr', 'en']) {
    const questionnaire = vigie.questionnaire({ locale });
    assert.equal(questionnaire.locale, locale);
    assert.ok(questionnaire.questions.length > 10);
    assert.ok(questionnaire.priority.includes('breast-cancer-screening'));
    for (const question of questionnaire.questions) {
      assert.ok(question.text.trim().length > 0, `${locale} ${question.id}: no text`);
      assert.ok(question.why.trim().length > 0, `${locale} ${question.id}: no why`);
      for (const option of question.options ?? []) {
        assert.ok(option.text.trim().length > 0, `${locale} ${question.id} ${option.value}: no words`);
      }
    }
    const fromCli = JSON.parse(run(['questions', '--rules', 'rules/fr', '--as-of', AS_OF, '--locale', locale]));
    assert.deepEqual(questionnaire, fromCli);
  }
  const french = vigie.questionnaire();
  assert.equal(french.locale, 'fr');
  const sex = french.questions.find((q) => q.id === 'sex');
  assert.equal(sex.kind, 'choice');
  assert.deepEqual(sex.options.map((o) => o.value), ['female', 'male']);
  assert.equal(sex.always, true);
  assert.throws(() => vigie.questionnaire({ locale: 'de' }), (err) => err instanceof VigieError && err.code === 'unknown-locale');
  assert.throws(() => vigie.questionnaire({ asOf: AS_OF }), (err) => err.code === 'invalid-options');
  vigie.free();
});

test('answers make the profile vigie answers makes: unknown, an approximate date, years ago', async () => {
  const vigie = await createVigie();
  const profile = vigie.profileFromAnswers(jeanne, { asOf: AS_OF });
  assert.deepEqual(profile, JSON.parse(run(['answers', '--rules', 'rules/fr', '--as-of', AS_OF, '-'], JSON.stringify(jeanne))));
  assert.equal(profile.age, 72);
  assert.deepEqual(profile.screenings, [{ date: '2022', test: 'mammography' }, { date: '2025', test: 'fit' }]);
  // "I don't know" leaves it unknown: no family history at all, and the other tests unknown.
  assert.equal(profile.familyHistory, undefined);
  assert.equal(profile.unknown.screenings, true);
  // JSON text in works the same.
  assert.deepEqual(vigie.profileFromAnswers(JSON.stringify(jeanne), { asOf: AS_OF }), profile);
  // "none" and "never" are answers, unlike "unknown".
  const none = vigie.profileFromAnswers({ answers: { ...jeanne.answers, 'family-breast-cancer': 'none', mammography: 'never' } }, { asOf: AS_OF });
  assert.deepEqual(none.screenings, [{ date: '2025', test: 'fit' }]);
  assert.deepEqual(none.familyHistory, []);
  vigie.free();
});

test('bad answers are refused with every problem at answers.<id>', async () => {
  const vigie = await createVigie();
  const refused = (answers, options = { asOf: AS_OF }) => {
    try {
      vigie.profileFromAnswers(answers, options);
    } catch (err) {
      assert.ok(err instanceof VigieError, String(err));
      return err;
    }
    assert.fail('the answers were accepted');
  };
  const err = refused({ answers: { ...jeanne.answers, smoking: 'sometimes', colour: 'blue' } });
  assert.equal(err.code, 'invalid-answers');
  assert.match(err.message, /^the answers have 2 problem\(s\): answers\.colour: /);
  const byPath = Object.fromEntries(err.problems.map((p) => [p.path, p.kind]));
  assert.deepEqual(byPath, { 'answers.colour': 'unknown-field', 'answers.smoking': 'unknown-code' });
  for (const problem of err.problems) assert.ok(problem.message.length > 0);
  // A profile problem the answers make is reported at the answer that filled it (checked once
  // every answer reads): not a date, in the future of asOf.
  const notADate = refused({ answers: { ...jeanne.answers, mammography: '2022-13' } });
  assert.deepEqual(notADate.problems.map((p) => [p.path, p.kind]), [['answers.mammography', 'not-a-date']]);
  assert.equal(refused({ answers: { ...jeanne.answers, mammography: '2027' } }).problems[0].path, 'answers.mammography');
  // Given twice, or not JSON.
  const twice = refused('{"answers": {"sex": "female", "sex": "male"}}');
  assert.deepEqual(twice.problems.map((p) => [p.path, p.kind]), [['answers.sex', 'duplicate-key']]);
  assert.equal(refused('{"answers":').problems[0].kind, 'not-json');
  const cycle = { answers: {} };
  cycle.answers.self = cycle;
  assert.equal(refused(cycle).problems[0].kind, 'not-json');
  assert.equal(refused({ answers: {} }, { asOf: '2026-02-30' }).code, 'invalid-options');
  vigie.free();
});

test('evaluate with questions: true gives the report vigie eval --questions prints', async () => {
  const vigie = await createVigie();
  const profile = vigie.profileFromAnswers(jeanne, { asOf: AS_OF });
  const profileJson = JSON.stringify(profile);
  const fromCli = run(['eval', '--rules', 'rules/fr', '--as-of', AS_OF, '--questions', '-'], profileJson);
  for (const locale of [undefined, 'en']) {
    const options = { asOf: AS_OF, questions: true, ...(locale ? { locale } : {}) };
    const text = vigie.evaluateJson(profileJson, options);
    const expected = locale
      ? run(['eval', '--rules', 'rules/fr', '--as-of', AS_OF, '--locale', locale, '--questions', '-'], profileJson)
      : fromCli;
    assert.equal(text + '\n', expected);
    assert.deepEqual(vigie.evaluate(profile, options), JSON.parse(expected));
  }
  const report = vigie.evaluate(profile, { asOf: AS_OF, questions: true });
  assert.ok(report.questions.length > 0);
  for (const question of report.questions) {
    assert.ok(question.text && question.why && question.kind && question.fills, question.id);
    assert.ok(question.affects.length > 0, question.id);
    assert.notEqual(question.always, true, question.id);
  }
  // Jeanne's family history was left unknown: it could change her breast screening.
  const family = report.questions.find((q) => q.id === 'family-breast-cancer');
  assert.deepEqual(family?.affects, ['breast-cancer-screening']);
  // Without questions: no `questions` at all.
  assert.equal('questions' in vigie.evaluate(profile, { asOf: AS_OF }), false);
  assert.equal('questions' in vigie.evaluate(profile, { asOf: AS_OF, questions: false }), false);
  vigie.free();
});

test('questions go with the report only: not with cards, nor with a FHIR bundle', async () => {
  const vigie = await createVigie();
  const profile = vigie.profileFromAnswers(jeanne, { asOf: AS_OF });
  const refusedAtQuestions = (err) => err instanceof VigieError && err.code === 'invalid-options'
    && err.path === 'questions' && /not with CDS Hooks cards|not with a FHIR bundle/.test(err.message);
  assert.throws(() => vigie.evaluate(profile, { asOf: AS_OF, format: 'cds-hooks', questions: true }), refusedAtQuestions);
  assert.throws(() => vigie.evaluateJson(JSON.stringify(profile), { format: 'cds-hooks', questions: true }), refusedAtQuestions);
  assert.throws(() => vigie.evaluateFhir({ resourceType: 'Bundle', type: 'collection', entry: [] }, { questions: true }), refusedAtQuestions);
  // The command line refuses the same.
  const done = spawnSync(cli, ['eval', '--rules', 'rules/fr', '--as-of', AS_OF, '--questions', '--format', 'cds-hooks', '-'], { input: JSON.stringify(profile), encoding: 'utf8' });
  assert.notEqual(done.status, 0);
  assert.match(done.stderr, /--questions goes with a profile and the report/);
  // `questions: false` with cards is no question at all.
  assert.ok(Array.isArray(vigie.evaluate(profile, { asOf: AS_OF, format: 'cds-hooks', questions: false }).cards));
  vigie.free();
});

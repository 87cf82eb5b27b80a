// `vigie/worker` in Node (worker_threads): every method answers what the main-thread Vigie answers,
// errors cross whole, and a late or crashed worker never leaves a call hanging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVigie, VigieError } from '../node.js';
import { createVigieWorker, VigieWorker, DEFAULT_DEADLINE_MS } from '../worker/node.js';
import { errorFromData, errorToData } from '../worker/wire.js';
import { root } from './helpers.mjs';

const misbehaving = new URL('./fixtures/misbehaving-worker.mjs', import.meta.url);
const AS_OF = '2026-12-05';
const profile = {
  birthDate: '1971-03-02',
  sex: 'female',
  smoking: { status: 'former', packYears: 22, quitDate: '2018-06' },
  familyHistory: [{ relation: 'mother', condition: 'breast-cancer', ageAtDiagnosis: 44 }],
  screenings: [{ test: 'mammography', date: '2024-11-12', result: 'normal' }],
};
const badProfile = { birthDate: '1971-02-30', sex: 'femme', screenings: [{ test: 'mamography', date: '2024-11-12' }] };
const fhirText = readFileSync(join(root, 'tests', 'fhir', 'eisinger-mother-at-35.json'), 'utf8');
const answers = { answers: { birth: { age: 72 }, sex: 'female', mammography: '2022', 'family-breast-cancer': 'unknown' } };

// Every method with its arguments; the main-thread Vigie and the worker must agree on each.
function calls(locale) {
  return [
    ['evaluate', profile, { asOf: AS_OF, locale, trace: true }],
    ['evaluate', profile, { asOf: AS_OF, format: 'cds-hooks', all: true }],
    ['evaluate', profile, { asOf: AS_OF, questions: true }],
    ['evaluateJson', JSON.stringify(profile), { asOf: AS_OF, locale }],
    ['evaluateJson', JSON.stringify(profile), { asOf: AS_OF, format: 'cds-hooks' }],
    ['importFhir', JSON.parse(fhirText), { asOf: AS_OF }],
    ['importFhirJson', fhirText, { asOf: AS_OF }],
    ['evaluateFhir', fhirText, { asOf: AS_OF, locale }],
    ['evaluateFhirJson', fhirText, { asOf: AS_OF, format: 'cds-hooks', all: true }],
    ['validate', badProfile, { asOf: AS_OF }],
    ['validate', profile, { asOf: AS_OF }],
    ['programs', { locale }],
    ['programs'],
    ['codeLabels', { locale }],
    ['questionnaire', { locale }],
    ['profileFromAnswers', answers, { asOf: AS_OF }],
    ['sources'],
    ['labels', { locale }],
    ['labels'],
  ];
}

// Calls that throw on the main thread; the worker must reject with the same VigieError.
function failing(locale) {
  return [
    ['evaluate', badProfile, { asOf: AS_OF }],
    ['evaluate', profile, { locale: 'de' }],
    ['evaluate', profile, { asOf: '15/01/2026' }],
    ['evaluate', profile, { format: 'fhir' }],
    ['evaluateJson', { not: 'text' }],
    ['cards', 42],
    ['importFhir', '{}'],
    ['evaluateFhirJson', '{"resourceType": "Patient"}', { locale }],
    ['profileFromAnswers', { answers: { mammography: '2022-13' } }, { asOf: AS_OF }],
    ['programs', { locale: 'de' }],
    ['labels', { locale: 'de' }],
    ['labels', { lokale: locale }],
    ['questionnaire', { asOf: AS_OF }],
  ];
}

const fields = (err) => ({ ...err, message: err.message, name: err.name });

async function rejection(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('expected a rejection');
}

for (const [ruleset, locale] of [['fr', 'en'], ['us', 'en']]) {
  test(`${ruleset}: every method answers in the worker what it answers on the main thread`, async () => {
    const vigie = await createVigie({ ruleset });
    const worker = await createVigieWorker({ ruleset });
    try {
      assert.ok(worker instanceof VigieWorker);
      assert.deepEqual(worker.ruleset(), vigie.ruleset());
      for (const [method, ...args] of calls(locale)) {
        const here = vigie[method](...args);
        const there = worker[method](...args);
        assert.ok(there instanceof Promise, method);
        const answer = await there;
        if (typeof here === 'string') assert.equal(answer, here, `${method}: the same bytes`);
        else assert.deepEqual(answer, here, method);
      }
      const report = vigie.evaluate(profile, { asOf: AS_OF });
      assert.deepEqual(await worker.cards(report, { all: true }), vigie.cards(report, { all: true }));
      assert.deepEqual(await worker.cards(JSON.stringify(report)), vigie.cards(JSON.stringify(report)));
    } finally {
      vigie.free();
      await worker.free();
    }
  });

  test(`${ruleset}: a VigieError crosses whole (instanceof, code, message, problems, path and the rest)`, async () => {
    const vigie = await createVigie({ ruleset });
    const worker = await createVigieWorker({ ruleset });
    try {
      for (const [method, ...args] of failing(locale)) {
        let thrown;
        try {
          vigie[method](...args);
        } catch (err) {
          thrown = err;
        }
        assert.ok(thrown instanceof VigieError, `${method} throws on the main thread`);
        const crossed = await rejection(worker[method](...args));
        assert.ok(crossed instanceof VigieError && crossed instanceof Error, method);
        assert.deepEqual(fields(crossed), fields(thrown), method);
      }
      const invalid = await rejection(worker.evaluate(badProfile, { asOf: AS_OF }));
      assert.equal(invalid.code, 'invalid-profile');
      assert.deepEqual(invalid.problems.map((p) => `${p.path} ${p.kind}`), ['birthDate not-a-date', 'sex unknown-code', 'screenings[0].test unknown-code']);
      assert.equal((await rejection(worker.evaluate(profile, { asOf: '15/01/2026' }))).path, 'asOf');
      // The worker still answers after errors.
      assert.equal((await worker.evaluate(profile, { asOf: AS_OF })).asOf, AS_OF);
    } finally {
      vigie.free();
      await worker.free();
    }
  });
}

test('an engine-trapped error keeps its cause across (name and message)', () => {
  const trapped = new VigieError({ code: 'engine-trapped', message: 'the engine stopped', cause: new WebAssembly.RuntimeError('unreachable') });
  const data = structuredClone(errorToData(trapped));
  const made = errorFromData(data);
  assert.ok(made instanceof VigieError);
  assert.equal(made.code, 'engine-trapped');
  assert.equal(made.message, 'the engine stopped');
  assert.ok(made.cause instanceof Error);
  assert.equal(made.cause.name, 'RuntimeError');
  assert.equal(made.cause.message, 'unreachable');
  const other = errorFromData(structuredClone(errorToData(new RangeError('Maximum call stack size exceeded'))));
  assert.ok(other instanceof RangeError && !(other instanceof VigieError));
});

test('two workers side by side hold different rule sets', async () => {
  const [fr, us] = await Promise.all([createVigieWorker({ ruleset: 'fr' }), createVigieWorker({ ruleset: 'us' })]);
  try {
    assert.equal(fr.ruleset().id, 'fr');
    assert.equal(us.ruleset().id, 'us');
    const [french, american] = await Promise.all([
      fr.evaluateJson(JSON.stringify(profile), { asOf: AS_OF }),
      us.evaluateJson(JSON.stringify(profile), { asOf: AS_OF }),
    ]);
    const [mainFr, mainUs] = await Promise.all([createVigie({ ruleset: 'fr' }), createVigie({ ruleset: 'us' })]);
    assert.equal(french, mainFr.evaluateJson(JSON.stringify(profile), { asOf: AS_OF }));
    assert.equal(american, mainUs.evaluateJson(JSON.stringify(profile), { asOf: AS_OF }));
    assert.notEqual(french, american);
    assert.ok((await us.programs()).some((p) => p.program === 'hypertension-screening'));
    assert.ok(!(await fr.programs()).some((p) => p.program === 'hypertension-screening'));
    mainFr.free();
    mainUs.free();
  } finally {
    await fr.free();
    await us.free();
  }
});

test('expectDigest is enforced in the worker; a refused load rejects with its VigieError', async () => {
  const { digest } = (await createVigie()).ruleset();
  const pinned = await createVigieWorker({ expectDigest: digest });
  assert.equal(pinned.ruleset().digest, digest);
  await pinned.free();
  const refused = await rejection(createVigieWorker({ expectDigest: `sha256:${'0'.repeat(64)}` }));
  assert.ok(refused instanceof VigieError);
  assert.equal(refused.code, 'unexpected-digest');
  assert.equal(refused.actual, digest);
  const unknown = await rejection(createVigieWorker({ ruleset: 'xx' }));
  assert.ok(unknown instanceof VigieError, String(unknown));
});

test('options the client reads are checked before a worker starts', async () => {
  for (const deadlineMs of [0, -1, 'soon', Number.NaN, 2 ** 40]) {
    const err = await rejection(createVigieWorker({ deadlineMs }));
    assert.ok(err instanceof VigieError);
    assert.equal(err.code, 'invalid-options');
    assert.equal(err.path, 'deadlineMs');
  }
  assert.equal(DEFAULT_DEADLINE_MS, 10_000);
});

test('an argument structured clone cannot send rejects not-cloneable; the worker goes on', async () => {
  const worker = await createVigieWorker();
  try {
    const err = await rejection(worker.evaluate({ ...profile, toJSON() { return this; } }));
    assert.ok(err instanceof VigieError);
    assert.equal(err.code, 'not-cloneable');
    assert.match(err.message, /`evaluate`/);
    assert.equal((await worker.evaluate(profile, { asOf: AS_OF })).asOf, AS_OF);
  } finally {
    await worker.free();
  }
});

test('a call past its deadline rejects deadline-exceeded, the others worker-restarted; the next call loads again in a fresh worker', async () => {
  const { digest } = (await createVigie()).ruleset();
  // Generous: only `sources` (which never answers) may reach it, even on a loaded machine.
  const deadlineMs = 3000;
  const worker = await createVigieWorker({ worker: misbehaving, deadlineMs, expectDigest: digest });
  try {
    const before = await worker.questionnaire();
    assert.deepEqual(before.options, { expectDigest: digest });
    const late = rejection(worker.sources());
    const waiting = rejection(worker.sources());
    const [first, second] = await Promise.all([late, waiting]);
    assert.ok(first instanceof VigieError);
    assert.equal(first.code, 'deadline-exceeded');
    assert.equal(first.method, 'sources');
    assert.equal(first.deadlineMs, deadlineMs);
    assert.match(first.message, /`sources` was not answered within the deadline of 3000 ms/);
    assert.ok(second instanceof VigieError);
    assert.equal(second.code, 'worker-restarted');
    // A fresh worker (another thread), loaded again with the same pin.
    const after = await worker.questionnaire();
    assert.notEqual(after.threadId, before.threadId);
    assert.deepEqual(after.options, { expectDigest: digest });
    assert.equal(after.loads, 1);
    assert.equal((await worker.evaluateJson(JSON.stringify(profile), { asOf: AS_OF })), (await createVigie()).evaluateJson(JSON.stringify(profile), { asOf: AS_OF }));
  } finally {
    await worker.free();
  }
});

test('a worker that crashes or exits rejects every waiting call worker-crashed; the next call works', async () => {
  const worker = await createVigieWorker({ worker: misbehaving });
  try {
    const { threadId } = await worker.questionnaire();
    const waiting = rejection(worker.sources());
    const crashed = await rejection(worker.programs());
    assert.ok(crashed instanceof VigieError);
    assert.equal(crashed.code, 'worker-crashed');
    assert.match(crashed.message, /a deliberate crash/);
    assert.equal((await waiting).code, 'worker-crashed');
    const fresh = await worker.questionnaire();
    assert.notEqual(fresh.threadId, threadId);
    const exited = await rejection(worker.codeLabels());
    assert.equal(exited.code, 'worker-crashed');
    assert.match(exited.message, /exited with code 7/);
    assert.equal((await worker.evaluate(profile, { asOf: AS_OF })).asOf, AS_OF);
  } finally {
    await worker.free();
  }
});

test('a worker whose script cannot start rejects createVigieWorker, never hangs', async () => {
  const missing = new URL('./fixtures/no-such-worker.mjs', import.meta.url);
  const err = await rejection(createVigieWorker({ worker: missing }));
  assert.ok(err instanceof VigieError);
  assert.equal(err.code, 'worker-crashed');
});

test('free() terminates the worker: waiting and later calls reject engine-freed, as a second free()', async () => {
  const worker = await createVigieWorker({ worker: misbehaving });
  const waiting = rejection(worker.sources());
  await worker.free();
  assert.equal((await waiting).code, 'engine-freed');
  for (const call of [() => worker.evaluate(profile), () => worker.labels(), () => worker.sources(), () => worker.free()]) {
    const err = await rejection(call());
    assert.ok(err instanceof VigieError);
    assert.equal(err.code, 'engine-freed');
  }
  assert.equal(worker.ruleset().id, 'fr');
});

// The malformed-profile corpus (tests/malformed/, described by its index.json) through the package
// in Node: every input is refused with a VigieError listing exactly the expected paths, and the
// module still evaluates a valid profile after each refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVigie, VigieError } from '../node.js';

const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'malformed');
const index = JSON.parse(readFileSync(join(corpus, 'index.json'), 'utf8'));
const on = { asOf: index.asOf };

/** Where problems differ from the expectation [[path, kind, words], …]; null when they agree. */
function problemsMismatch(expected, problems) {
  const found = problems.map((p) => [p.path, p.kind]);
  const wordsOk = expected.every(([, , words], i) => problems[i]?.message.includes(words));
  if (JSON.stringify(found) === JSON.stringify(expected.map(([path, kind]) => [path, kind])) && wordsOk) return null;
  return `expected ${JSON.stringify(expected)}, got ${JSON.stringify(problems)}`;
}

/** Where a thrown value differs from the expectation; null when it agrees. */
function mismatch(expected, err) {
  if (!(err instanceof VigieError) || err.code !== 'invalid-profile' || !Array.isArray(err.problems)) {
    return `not an invalid-profile VigieError: ${err?.stack ?? err}`;
  }
  return problemsMismatch(expected, err.problems);
}

function refusal(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return new Error('accepted');
}

test('every malformed profile is refused with its paths; the module stays usable', async () => {
  const vigie = await createVigie();
  const names = Object.keys(index.inputs);
  assert.ok(names.length >= 100, `${names.length} inputs`);
  const failures = [];
  for (const name of names) {
    const entry = index.inputs[name];
    // Read as a browser or Node would: bytes that are not UTF-8 become U+FFFD.
    const text = readFileSync(join(corpus, name), 'utf8');
    const expected = entry.asText ?? entry.problems;
    const wrong = mismatch(expected, refusal(() => vigie.evaluateJson(text, on)));
    if (wrong) failures.push(`${name}: ${wrong}`);
    try {
      assert.ok(vigie.evaluate(index.valid, on).nudges.length > 0);
    } catch (err) {
      failures.push(`${name}: the valid profile fails afterwards: ${err}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('a 10 MB profile is refused at once, with the limit', async () => {
  const vigie = await createVigie();
  const note = 'x'.repeat(10 * 1024 * 1024);
  const text = `{"birthDate": "1971-03-02", "sex": "female", "note": "${note}"}`;
  for (const call of [() => vigie.evaluateJson(text, on), () => vigie.evaluate({ birthDate: '1971-03-02', sex: 'female', note }, on)]) {
    const start = performance.now();
    const err = refusal(call);
    const took = performance.now() - start;
    assert.ok(err instanceof VigieError, String(err));
    assert.equal(err.code, 'invalid-profile');
    assert.deepEqual(err.problems.map((p) => [p.path, p.kind]), [['', 'too-large']]);
    assert.match(err.problems[0].message, /at most 1000000 bytes/);
    assert.ok(took < 1000, `took ${took} ms`);
  }
  assert.deepEqual(vigie.validate({ birthDate: '1971-03-02', sex: 'female', note }, on).map((p) => p.path), ['']);
  assert.ok(vigie.evaluate(index.valid, on).nudges.length > 0);
});

test('objects that cannot be written as JSON are refused as VigieErrors', async () => {
  const vigie = await createVigie();
  let deep = [];
  for (let i = 0; i < 10000; i += 1) deep = [deep];
  const cyclic = { birthDate: '1971-03-02', sex: 'female' };
  cyclic.self = cyclic;
  const cases = {
    'nested 10 000 deep': { birthDate: '1971-03-02', sex: 'female', conditions: deep },
    cyclic,
    'a BigInt': { age: 50n, sex: 'female' },
  };
  for (const [what, profile] of Object.entries(cases)) {
    const err = refusal(() => vigie.evaluate(profile, on));
    assert.ok(err instanceof VigieError, `${what}: ${err?.stack ?? err}`);
    assert.equal(err.code, 'invalid-profile', what);
    assert.deepEqual(err.problems.map((p) => [p.path, p.kind]), [['', 'not-json']], what);
    assert.deepEqual(vigie.validate(profile, on).map((p) => [p.path, p.kind]), [['', 'not-json']], what);
  }
  assert.ok(vigie.evaluate(index.valid, on).nudges.length > 0);
});

// `require('vigie')` from CommonJS, with and without Node's require(esm). Node 18 and Node 20
// before 20.19 cannot require() an ES module; `--no-experimental-require-module` gives the same
// refusal on this Node, so the CommonJS entry (index.cjs) is tested as those versions meet it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createVigie } from '../node.js';
import { root } from './helpers.mjs';

const fixture = join(root, 'pkg', 'test', 'fixtures', 'require.cjs');
const profile = JSON.stringify({ birthDate: '1971-03-02', sex: 'female' });

function run(flags) {
  return JSON.parse(execFileSync(process.execPath, [...flags, fixture], { encoding: 'utf8' }));
}

for (const [name, flags] of [['with require(esm)', []], ['without require(esm), as Node 18 and early 20.x', ['--no-experimental-require-module']]]) {
  test(`require('vigie') ${name}: the same report as import, and VigieError works with instanceof`, async () => {
    const seen = run(flags);
    const expected = (await createVigie()).evaluateJson(profile, { asOf: '2026-12-05' });
    assert.equal(seen.report, expected);
    assert.equal(seen.isVigie, true);
    assert.equal(seen.isVigieEsm, true);
    assert.equal(seen.errorName, 'VigieError');
    assert.equal(seen.errorCode, 'invalid-profile');
    assert.ok(seen.problems > 0);
    assert.equal(seen.isVigieError, true, 'an error thrown by the ES module is a VigieError for the CommonJS entry');
    assert.equal(seen.isVigieErrorEsm, true);
    assert.equal(seen.isError, true);
    assert.equal(seen.plainErrorIsNot, false);
    assert.equal(seen.ownInstance, true);
  });
}

test('the flag really takes require(esm) away (else the test above proves nothing)', () => {
  const script = `require(${JSON.stringify(join(root, 'pkg', 'node.js'))})`;
  const plain = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const flagged = spawnSync(process.execPath, ['--no-experimental-require-module', '-e', script], { encoding: 'utf8' });
  assert.equal(plain.status, 0, plain.stderr);
  assert.notEqual(flagged.status, 0);
  assert.match(flagged.stderr, /ERR_REQUIRE_ESM/);
});

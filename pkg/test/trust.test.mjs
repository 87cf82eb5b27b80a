// Issue 13, break 4, through the package: built-in versions pinned, `expectDigest`, one canonical form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { createVigie } from '../node.js';
import { bundle, root } from './helpers.mjs';

const sha256 = (text) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** Recomputes both digests the way README documents, members in the bundle's order. */
function resealed(b) {
  const digest = sha256(JSON.stringify(b.ruleset));
  const head = { format: b.format, id: b.id, version: b.version, digest };
  if (b.validUntil !== undefined) head.validUntil = b.validUntil;
  const bundleDigest = sha256(JSON.stringify({ ...head, ruleset: b.ruleset }));
  return { ...head, bundleDigest, ruleset: b.ruleset };
}

// The built-in rule set: the newest French version.
const BUILT_IN = '2026.2.0';
const french = () => JSON.parse(readFileSync(bundle(join(root, 'rules', 'fr', BUILT_IN)), 'utf8'));
const carrier = { birthDate: '1986-03-02', sex: 'female', conditions: ['brca1'] };

test('bundle claiming a built-in version must match it', async () => {
  const real = french();
  // The README's recomputation gives the bundle's own digests.
  assert.deepEqual(resealed(real), real);
  const genuine = await createVigie({ ruleset: real });
  const breast = genuine.evaluate(carrier, { asOf: '2026-01-15' }).nudges.find((n) => n.program === 'breast-cancer-screening');
  assert.equal(breast.status, 'refer');

  const forged = structuredClone(real);
  forged.ruleset.rules['breast/high-risk'] = forged.ruleset.rules['breast/high-risk'].replaceAll('brca1', 'no-such-gene');
  await assert.rejects(createVigie({ ruleset: resealed(forged) }), (err) => {
    assert.equal(err.code, 'built-in-mismatch');
    assert.equal(err.claims, `fr@${BUILT_IN}`);
    assert.equal(err.expected, real.digest);
    return true;
  });
  // An overlay whose embedded base fr@2025.1.0 was altered.
  const overlay = JSON.parse(readFileSync(bundle(join(root, 'rules', 'example-fr-976')), 'utf8'));
  await createVigie({ ruleset: overlay });
  overlay.ruleset.base.rules['breast/high-risk'] += '\n// altered';
  await assert.rejects(createVigie({ ruleset: resealed(overlay) }), { code: 'built-in-mismatch' });
});

test('expectDigest pins the rule set, or the whole bundle', async () => {
  const real = french();
  const old = JSON.parse(readFileSync(bundle(join(root, 'rules', 'fr', '2024.1.0')), 'utf8'));
  assert.equal((await createVigie({ expectDigest: real.digest })).ruleset().digest, real.digest);
  await createVigie({ ruleset: real, expectDigest: real.digest });
  await createVigie({ ruleset: real, expectDigest: real.bundleDigest });
  await assert.rejects(createVigie({ expectDigest: old.digest }), (err) => {
    assert.equal(err.code, 'unexpected-digest');
    assert.equal(err.expected, old.digest);
    assert.equal(err.actual, real.digest);
    return true;
  });
  await assert.rejects(createVigie({ ruleset: real, expectDigest: old.bundleDigest }), (err) => {
    assert.equal(err.code, 'unexpected-digest');
    assert.equal(err.bundleDigest, real.bundleDigest);
    return true;
  });
  // validUntil removed and resealed: the rule set's digest is the same, the bundle digest is not.
  const cut = structuredClone(old);
  delete cut.validUntil;
  await assert.rejects(createVigie({ ruleset: cut }), { code: 'digest-mismatch' });
  await assert.rejects(createVigie({ ruleset: resealed(cut), expectDigest: old.bundleDigest }), { code: 'unexpected-digest' });
  // A built-in version's end is known anyway: still warns after it.
  const report = (await createVigie({ ruleset: resealed(cut) })).evaluate(carrier, { asOf: '2026-01-15' });
  assert.equal(report.warnings?.[0]?.warning, 'after-validity');
  await assert.rejects(createVigie({ expectDigest: 'sha256:0C77' }), { code: 'invalid-options', path: 'expectDigest' });
  await assert.rejects(createVigie({ expectDigest: 42 }), { code: 'invalid-options', path: 'expectDigest' });
});

test('a bundle in another form than the canonical one is refused', async () => {
  const text = readFileSync(bundle(join(root, 'rules', 'fr', BUILT_IN)), 'utf8');
  await createVigie({ ruleset: text.replaceAll('\n  ', '\r\n\t') });
  for (const altered of [
    text.replace('"program":', '"replace": false, "program":'),
    text.replace('"rules": {', '"base": null, "rules": {'),
    text.replace('é', '\\u00e9'),
  ]) {
    assert.notEqual(altered, text);
    await assert.rejects(createVigie({ ruleset: altered }), (err) => {
      assert.equal(err.code, 'invalid-bundle');
      assert.match(err.message, /not in canonical form/);
      return true;
    });
  }
});

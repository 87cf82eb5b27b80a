// `configure({ worker, wasm })` of `vigie/element` (pkg/element/engine.js): what the esbuild and
// Rollup apps of the matrix call. A typo in a key must be refused at once, with a code and the key,
// rather than ignored (the element would then fall back to the main thread without saying why).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configure } from '../../pkg/element/engine.js';
import { VigieError } from '../../pkg/core.js';

test('configure takes worker and wasm', () => {
  assert.equal(configure({ worker: './vigie-worker.js', wasm: './vigie_bg.wasm' }), undefined);
  assert.equal(configure({ worker: new URL('https://portal.example/vigie-worker.js') }), undefined);
  assert.equal(configure({}), undefined);
});

test('configure refuses anything else as invalid-options, at the key', () => {
  assert.throws(() => configure({ workers: './vigie-worker.js' }), { code: 'invalid-options', path: 'workers', message: /unknown option `workers`/ });
  assert.throws(() => configure({ worker: 42 }), (err) => err instanceof VigieError && err.code === 'invalid-options' && err.path === 'worker');
  assert.throws(() => configure('./vigie-worker.js'), { code: 'invalid-options', path: '' });
  assert.throws(() => configure(), { code: 'invalid-options' });
});

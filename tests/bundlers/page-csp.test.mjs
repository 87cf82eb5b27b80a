// The self-check page (www/) under its own strict policy, as www/serve.mjs sends it: it loads,
// starts the engine and shows its first question without one `securitypolicyviolation` event and
// without a page error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../../www/serve.mjs';
import { launch, load } from './helpers.mjs';

let server;
let browser;
let url;

before(async () => {
  server = await serve({ port: 0 });
  url = `http://127.0.0.1:${server.address().port}/`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server.close(resolve));
});

test('the page shows its first question under its strict policy, with no violation and no error', async () => {
  // Ready as tests/e2e/helpers.mjs `open(…, { path: true })` waits: the first question is shown.
  // The path is <vigie-check>'s, in its shadow root.
  const result = await load(browser, url, () => {
    const ask = document.querySelector('vigie-check')?.shadowRoot?.querySelector('#path .ask') ?? null;
    return ask !== null && ask.checkVisibility();
  });
  // The policy is the one a strict portal would send: no 'unsafe-eval', no 'unsafe-inline'.
  assert.match(result.policy, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(result.policy, /'unsafe-eval'|'unsafe-inline'/);
  assert.deepEqual(result.violations, []);
  assert.deepEqual(result.errors, []);
});

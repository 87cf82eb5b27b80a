// How the studio feels to an author, measured in headless Chromium (prints numbers; asserts nothing):
// opening a shipped version, a check after a keystroke, running every case, and the comparison over
// the synthetic population in the worker; and what the browser downloads for it.
//   node bench/studio.mjs [--people 100000]   (after scripts/build-pkg and scripts/build-studio)
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { root, start } from '../tests/e2e/helpers.mjs';

const people = process.argv.includes('--people') ? process.argv[process.argv.indexOf('--people') + 1] : '100000';

function size(path) {
  const bytes = readFileSync(join(root, path));
  return `${path}: ${statSync(join(root, path)).size} bytes, ${gzipSync(bytes, { level: 9 }).length} gzipped`;
}

const env = await start();
try {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  let t0 = Date.now();
  await page.goto(`${env.url}studio/?lang=en`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  const ready = Date.now() - t0;

  t0 = Date.now();
  await page.selectOption('#shipped', 'fr@2025.1.0');
  await page.click('#open-shipped');
  await page.waitForFunction(() => document.querySelector('#check-state')?.textContent === 'No problems', null, { timeout: 60_000 });
  const opened = Date.now() - t0;

  // A keystroke to the check's answer (the 300 ms pause after typing included).
  await page.getByRole('button', { name: 'rules/breast/organised-screening.rhai', exact: true }).click();
  await page.locator('#editor .cm-content').click();
  const checks = [];
  for (let i = 0; i < 5; i += 1) {
    await page.keyboard.press('Control+End');
    t0 = Date.now();
    await page.keyboard.type(i % 2 === 0 ? '\n// x' : '\n');
    await page.waitForFunction(() => document.querySelector('#check-state')?.textContent === 'Checking…');
    await page.waitForFunction(() => document.querySelector('#check-state')?.textContent === 'No problems', null, { timeout: 60_000 });
    checks.push(Date.now() - t0);
  }

  await page.click('#tab-cases');
  t0 = Date.now();
  await page.click('#run-cases');
  await page.waitForFunction(() => /passed/.test(document.querySelector('#cases-summary')?.textContent ?? ''), null, { timeout: 120_000 });
  const cases = Date.now() - t0;
  const casesSummary = await page.locator('#cases-summary strong').textContent();

  await page.click('#tab-compare');
  await page.fill('#compare-people', people);
  t0 = Date.now();
  await page.click('#compare-run');
  await page.locator('#compare-output table.changes, #compare-output p.good').first().waitFor({ timeout: 600_000 });
  const diff = Date.now() - t0;

  console.log('Studio in headless Chromium (fr@2025.1.0, this machine):');
  console.log(`  page load to ready (module started, shipped versions loaded): ${ready} ms`);
  console.log(`  open fr@2025.1.0 to its first check: ${opened} ms`);
  console.log(`  keystroke to check result (300 ms pause included), 5 edits: ${checks.join(', ')} ms`);
  console.log(`  run every case (${casesSummary}): ${cases} ms`);
  console.log(`  compare with fr@2025.1.0 over ${people} people (worker, one thread): ${diff} ms`);
  console.log('Downloads:');
  for (const path of ['www/studio/studio.js', 'www/studio/worker.js', 'www/studio/shipped.json', 'pkg/dist/authoring/vigie_authoring_bg.wasm', 'pkg/dist/vigie_bg.wasm']) {
    console.log(`  ${size(path)}`);
  }
  await context.close();
} finally {
  await env.close();
}

// What an outside attacker found in the page, its server and the package in a browser (issue 13),
// each test named after the break it closes. Chromium (Debian's) through playwright-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { start, open, fillProfile, shownNudges, cliNudges, root } from './helpers.mjs';
import { serve } from '../../www/serve.mjs';
import { calendar } from '../../pkg/element/calendar.js';
import { LIMITS, checkAnswers, readSaved } from '../../pkg/element/answers.js';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const byProgram = (list) => [...list].sort((a, b) => a.program.localeCompare(b.program));
const persona = {
  birthDate: '1970-05-14', sex: 'female', familyHistory: [],
  screenings: [{ test: 'mammography', date: '2025-03-10', result: 'normal' }], vaccinations: [],
};

/** The page's own files, as the service worker lists them, resolved against the page's address. */
function ownFiles(url) {
  const list = readFileSync(join(root, 'www', 'sw.js'), 'utf8').match(/const FILES = \[([\s\S]*?)\];/)[1];
  return [...list.matchAll(/'([^']+)'/g)].map((m) => new URL(m[1], url).href).sort();
}

/** Every entry of every cache of the page's origin: [{ cache, url }]. */
const cached = (page) => page.evaluate(async () => {
  const out = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) out.push({ cache: name, url: request.url });
  }
  return out;
});

/** A page controlled by the service worker (after a first visit). */
async function controlled(context) {
  const page = await open(context, env.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.locator('#next').waitFor({ state: 'visible' });
  return page;
}

const statusText = (page) => page.locator('#privacy-status').textContent();

// ------------------------------------------------------------------ 2. a trap, in the browser

test('trap_poisons_the_whole_module (Chromium): after a trap the page and a new Vigie work', async () => {
  const context = await env.browser.newContext();
  const page = await open(context, env.url);
  // A real trap: the instance's memory grown to the wasm32 maximum, then an input that cannot fit
  // (pkg/test/trap.test.mjs says why this is a genuine trap and not a switch).
  const trapped = await page.evaluate(async () => {
    const glue = await import('./pkg/dist/vigie.js');
    const { createVigie } = await import('./pkg/index.js');
    const vigie = await createVigie();
    const memory = glue.__vigie_exports().memory;
    const size = memory.buffer.byteLength;
    for (let pages = 65536; pages >= 1; pages = Math.floor(pages / 2)) {
      try { for (;;) memory.grow(pages); } catch { /* fewer pages */ }
    }
    try {
      vigie.evaluateJson(`${' '.repeat(size)}{}`, { asOf: '2026-01-15' });
      return { trapped: false };
    } catch (err) {
      const fresh = await createVigie();
      return {
        name: err.name, code: err.code, message: err.message,
        again: vigie.evaluate({ birthDate: '1970-05-14', sex: 'female' }, { asOf: '2026-01-15' }).nudges.length,
        fresh: fresh.evaluate({ birthDate: '1970-05-14', sex: 'female' }, { asOf: '2026-01-15' }).nudges.length,
      };
    }
  });
  assert.equal(trapped.name, 'VigieError', JSON.stringify(trapped));
  assert.equal(trapped.code, 'engine-trapped');
  assert.match(trapped.message, /RuntimeError/);
  assert.ok(trapped.again > 0 && trapped.again === trapped.fresh);
  // The page's own Vigie (made before the trap) answers as the command line does.
  await fillProfile(page, persona);
  const asOf = await page.getAttribute('#results', 'data-as-of');
  assert.deepEqual(byProgram(await shownNudges(page)), byProgram(cliNudges(persona, asOf)));
  assert.deepEqual(page.errors, []);
  await context.close();
});

// ------------------------------------------------------------------ 8. the page's storage

test('service_worker_caches_any_same_origin_get: only the page\'s own files, never a query string', async () => {
  const context = await env.browser.newContext();
  const page = await controlled(context);
  // A deep link with personal data, another page's response, the page's files with a query string.
  await page.goto(`${env.url}?nom=Dupont&naissance=1970-05-14`);
  await page.locator('#path .ask').first().waitFor({ state: 'visible' });
  const fetched = await page.evaluate(async () => Promise.all(
    ['./pkg/package.json', './pkg/README.md', './app.js?v=secret', './index.html?nom=Dupont']
      .map(async (u) => (await fetch(u)).status),
  ));
  assert.deepEqual(fetched, [200, 200, 200, 200]);
  await page.waitForTimeout(300);
  const entries = await cached(page);
  assert.deepEqual([...new Set(entries.map((e) => e.cache))].length, 1, JSON.stringify(entries));
  assert.deepEqual(entries.map((e) => e.url).sort(), ownFiles(env.url));

  // Offline: the deep link still opens the page (its own file), the other responses are gone.
  await context.setOffline(true);
  await page.goto(`${env.url}?nom=Martin`);
  await page.locator('#path .ask').first().waitFor({ state: 'visible' });
  const offline = await page.evaluate(async () => Promise.all(
    ['./pkg/package.json', './pkg/README.md'].map((u) => fetch(u).then((r) => r.status, () => 'failed')),
  ));
  assert.deepEqual(offline, ['failed', 'failed']);
  await context.close();
});

test('service_worker_keeps_it_after_effacer: "Effacer" leaves only the page\'s own files', async () => {
  const context = await env.browser.newContext();
  const page = await controlled(context);
  const [current] = (await cached(page)).map((e) => e.cache);
  assert.ok(current?.startsWith('vigie-www-'));
  // What an older worker kept: a deep link and an API response, in its cache and in this one.
  await page.evaluate(async (name) => {
    for (const cacheName of [name, 'vigie-www-2026.11.24-1']) {
      const cache = await caches.open(cacheName);
      await cache.put('./?nom=Dupont&naissance=1970-05-14', new Response('Dupont, 1970-05-14'));
      await cache.put('./api/patient/42', new Response('{"name":"Dupont"}'));
    }
    const other = await caches.open('another-app');
    await other.put('./other-app.json', new Response('{}'));
  }, current);
  await page.check('#remember');
  await page.fill('#birth-year', '1970');
  await page.click('#erase');
  await page.click('#erase-confirm');
  await page.waitForFunction(() => /effacées|erased/.test($v('#privacy-status').textContent));
  const entries = await cached(page);
  assert.deepEqual(entries.filter((e) => e.cache.startsWith('vigie-www-')).map((e) => e.url).sort(), ownFiles(env.url));
  assert.ok(entries.every((e) => e.cache === current || e.cache === 'another-app'), JSON.stringify(entries));
  assert.deepEqual(entries.filter((e) => e.cache === 'another-app').length, 1, 'another application\'s cache is not Vigie\'s to erase');
  assert.equal(await page.evaluate(() => localStorage.getItem('vigie-answers')), null);
  assert.equal(await page.inputValue('#birth-year'), '');
  // The page still works offline.
  await context.setOffline(true);
  await page.reload();
  await page.locator('#next').waitFor({ state: 'visible' });
  await context.close();
});

test('tampered_local_storage_leaves_the_page_loading: a bad entry is left out, said so, and erase works', async () => {
  const saved = (answers) => JSON.stringify({ format: 'vigie-answers/1', lang: 'fr', answers });
  const cases = [
    { entry: '{not json', message: /n'ont pas pu être lues/ },
    { entry: '[]', message: /n'ont pas pu être lues/ },
    { entry: `"${'x'.repeat(LIMITS.size + 10)}"`, message: /dépassent 1000000 caractères/ },
    { entry: saved({ birthYear: '1970', relatives: 5 }), message: /reprises, sauf : Famille \(illisible\)/, year: '1970' },
    { entry: saved({ birthYear: '1970', screenings: [null, { test: { x: 1 } }], sex: 'female' }), message: /sauf : screenings\[0\] \(illisible\), screenings\[1\]\.test \(illisible\)/, year: '1970' },
    { entry: saved({ birthYear: '1970', vaccinations: Array.from({ length: 20000 }, () => ({ vaccine: 'dtp', date: '2020-01-01' })) }), message: /Vaccins \(20000 lignes, 200 au plus\)/, year: '1970' },
    { entry: saved({ birthYear: 'x'.repeat(5000), age: '44' }), message: /birthYear \(plus de 100 caractères\)/, year: '' },
    { entry: saved({ birthYear: '1970', organs: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, 'x'])) }), message: /organs\.k9 \(illisible\), … \(\+4990\)\.$/, year: '1970' },
  ];
  const context = await env.browser.newContext();
  const page = await open(context, env.url);
  for (const { entry, message, year } of cases) {
    await page.evaluate((e) => localStorage.setItem('vigie-answers', e), entry);
    await page.reload();
    await page.locator('#next').waitFor({ state: 'visible', timeout: 5000 });
    assert.equal(await page.locator('#loading').isHidden(), true);
    await page.waitForFunction(() => $v('#privacy-status').textContent !== '');
    assert.match(await statusText(page), message, entry.slice(0, 80));
    if (year !== undefined) assert.equal(await page.inputValue('#birth-year'), year);
    await page.click('#erase');
    await page.click('#erase-confirm');
    await page.waitForFunction(() => localStorage.getItem('vigie-answers') === null);
  }
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('tampered_local_storage_leaves_the_page_loading: without the module, "Effacer" still erases', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await open(context, env.url);
  await page.evaluate(() => localStorage.setItem('vigie-answers', '{"format": "vigie-answers/1", "answers": {"birthYear": "1970"}}'));
  await context.route('**/vigie_bg.wasm', (route) => route.abort());
  await page.reload();
  await page.locator('#load-error').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#questionnaire').isHidden(), true);
  assert.equal(await page.locator('#export').isHidden(), true);
  await page.click('#erase');
  await page.click('#erase-confirm');
  await page.waitForFunction(() => /effacées/.test($v('#privacy-status').textContent));
  assert.equal(await page.evaluate(() => localStorage.getItem('vigie-answers')), null);
  await context.close();
});

test('an_import_file_has_no_row_limit: a file too long or too large changes nothing and says why', async () => {
  const context = await env.browser.newContext();
  const page = await open(context, env.url);
  await page.fill('#birth-day', '14');
  await page.fill('#birth-month', '05');
  await page.fill('#birth-year', '1970');
  const file = (name, value) => ({ name, mimeType: 'application/json', buffer: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)) });
  const rows = (n) => Array.from({ length: n }, (_, i) => ({ test: 'fit', date: `20${String(10 + (i % 10))}-01-01` }));

  await page.setInputFiles('#import', file('long.json', { birthDate: '1980-01-01', sex: 'female', screenings: rows(20000) }));
  await page.waitForFunction(() => $v('#privacy-status').textContent !== '');
  assert.match(await statusText(page), /n'a pas été repris : Examens \(20000 lignes, 200 au plus\)\. Vos réponses actuelles sont gardées/);
  assert.equal(await page.locator('.screening').count(), 0);
  assert.equal(await page.inputValue('#birth-year'), '1970');

  await page.setInputFiles('#import', file('large.json', `{"sex": "female", "junk": "${'x'.repeat(LIMITS.size)}"}`));
  await page.waitForFunction(() => /trop gros/.test($v('#privacy-status').textContent));
  assert.equal(await page.inputValue('#birth-year'), '1970');

  // Unknown fields are named, but a hostile file cannot make the message endless.
  await page.setInputFiles('#import', file('odd.json', { birthDate: '1975-01-01', sex: 'female', [`x${'y'.repeat(200000)}`]: 1, ...Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`f${i}`, i])) }));
  // (The checks run in the engine's worker: the message comes once they answer.)
  await page.waitForFunction(() => /1975/.test($v('#birth-year').value) && /xyyy/.test($v('#privacy-status').textContent));
  const odd = await statusText(page);
  assert.ok(odd.length < 2000, `a message of ${odd.length} characters`);
  assert.match(odd, /xyyyy.*…, f0, .*, … \(\+2991\)/);

  // At the cap, the file loads; English messages too.
  await page.click('#lang-en');
  await page.setInputFiles('#import', file('ok.json', { birthDate: '1980-01-01', sex: 'female', screenings: rows(LIMITS.rows), conditions: ['x'.repeat(500)] }));
  await page.waitForFunction(() => /loaded/.test($v('#privacy-status').textContent));
  assert.equal(await page.locator('.screening').count(), LIMITS.rows);
  assert.equal(await page.inputValue('#birth-year'), '1980');
  assert.match(await statusText(page), /These answers from the file were not loaded: conditions\[0\] \(over 100 characters\)/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('stored and imported answers: the checks keep what fits and name what does not', () => {
  assert.deepEqual(readSaved(null), {});
  assert.deepEqual(readSaved('{"format": "vigie-answers/1", "answers": 3}'), { problem: 'unreadable' });
  const { saved, refused } = readSaved(JSON.stringify({
    format: 'vigie-answers/1', lang: 'en',
    answers: { birthDay: 14, birthUnknown: 'yes', organs: { breasts: 'no', cervix: 'maybe' }, relatives: [{ relation: 'mother', age: 44, extra: 'x' }] },
  }));
  // `carried`: what the form cannot show yet (answers.js, splitCarried); none here.
  assert.deepEqual(saved, { lang: 'en', answers: { birthDay: '14', organs: { breasts: 'no' }, relatives: [{ relation: 'mother', age: '44' }] }, carried: null });
  assert.deepEqual(refused, [{ field: 'birthUnknown', reason: 'type' }, { field: 'organs.cervix', reason: 'type' }]);
  assert.deepEqual(checkAnswers({ conditions: Array(201).fill('diabetes') }).refused, [{ field: 'conditions', reason: 'rows', count: 201 }]);
});

// ------------------------------------------------------------------ 9. smaller

test('a_bare_cr_in_ics_text_injects_calendar_properties: CR, LF and CRLF are escaped, lines folded', () => {
  const injected = 'Mammographie\rATTENDEE:mailto:x@example.org\nX-EVIL:1\r\nBEGIN:VALARM\u2028TRIGGER:-PT1M';
  const report = {
    nudges: [
      { program: 'breast-cancer-screening', status: 'upcoming', dueDate: '2026-03-01', title: injected, action: `${'é'.repeat(60)}\r${'a;b,c\\'.repeat(20)}` },
      { program: 'odd', status: 'upcoming', dueDate: '+010000-01-01', title: 'a date the calendar cannot hold', action: '' },
    ],
  };
  const ics = calendar(report, { today: '2026-01-15', name: 'Rappels\rX-WR-TIMEZONE:Evil', now: new Date(Date.UTC(2026, 0, 15)) });
  assert.doesNotMatch(ics.replaceAll('\r\n', ''), /[\r\n]/, 'a bare CR or LF is left');
  const lines = ics.split('\r\n').slice(0, -1);
  for (const line of lines) {
    assert.ok(Buffer.byteLength(line) <= 75, `over 75 octets: ${line}`);
    assert.match(line, /^( |[A-Z-]+[;:])/, `not a property nor a continuation: ${line}`);
  }
  const names = lines.filter((l) => !l.startsWith(' ')).map((l) => l.match(/^[A-Z-]+/)[0]);
  assert.deepEqual(names, ['BEGIN', 'VERSION', 'PRODID', 'CALSCALE', 'METHOD', 'X-WR-CALNAME', 'BEGIN', 'UID', 'DTSTAMP',
    'DTSTART', 'DTEND', 'SUMMARY', 'DESCRIPTION', 'TRANSP', 'BEGIN', 'ACTION', 'TRIGGER', 'DESCRIPTION', 'END', 'END', 'END']);
  const unfolded = ics.replaceAll('\r\n ', '');
  assert.match(unfolded, /\r\nSUMMARY:Mammographie\\nATTENDEE:mailto:x@example.org\\nX-EVIL:1\\nBEGIN:VALARM\\nTRIGGER:-PT1M\r\n/);
  assert.match(unfolded, /\r\nDESCRIPTION:é{60}\\n(a\\;b\\,c\\\\){20}\r\n/);
  assert.match(unfolded, /\r\nX-WR-CALNAME:Rappels\\nX-WR-TIMEZONE:Evil\r\n/);
});

test('results_js_does_not_filter_link_schemes: only https: and http: sources become links', async () => {
  const context = await env.browser.newContext();
  const page = await open(context, env.url);
  const links = await page.evaluate(async () => {
    const { renderAbout } = await import('./pkg/element/results.js');
    const urls = ['javascript:alert(1)', 'JaVa\tScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>',
      'vbscript:x', 'file:///etc/passwd', 'not a url', 'https://www.has-sante.fr/a', 'http://www.e-cancer.fr/b'];
    const sources = urls.map((url, i) => ({ label: `source ${i}`, url, checked: '2026-01-01' }));
    renderAbout({ id: 'fr', version: '1', digest: 'sha256:0' }, [], sources);
    return [...$$v('#about-sources li')].map((li) => ({ text: li.textContent, href: li.querySelector('a')?.getAttribute('href') ?? null }));
  });
  assert.equal(links.length, 9);
  assert.deepEqual(links.map((l) => l.href), [null, null, null, null, null, null, null, 'https://www.has-sante.fr/a', 'http://www.e-cancer.fr/b']);
  links.forEach((l, i) => assert.match(l.text, new RegExp(`^source ${i}`)));
  await context.close();
});

test('serve_mjs_serves_sibling_folders: www-* and pkg-* beside www/ and pkg/ are not served', async () => {
  const siblings = [`www-sibling-${process.pid}`, `pkg-sibling-${process.pid}`];
  for (const dir of siblings) {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'secret.txt'), 'secret');
  }
  const server = await serve({ port: 0 });
  const fetchPath = (path) => new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port: server.address().port, path }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    }).on('error', reject);
  });
  try {
    for (const path of [`/..%2F${siblings[0]}/secret.txt`, `/%2E%2E%2F${siblings[0]}%2Fsecret.txt`, `/pkg/..%2F${siblings[1]}/secret.txt`,
      `/pkg/..%2F..%2F${siblings[1]}/secret.txt`, `/..%2F${siblings[1]}/secret.txt`]) {
      const { status, body } = await fetchPath(path);
      assert.equal(status, 404, path);
      assert.notEqual(body, 'secret', path);
    }
    assert.equal((await fetchPath('/index.html')).status, 200);
    assert.equal((await fetchPath('/pkg/core.js')).status, 200);
    assert.equal((await fetchPath('/pkg/..%2Fpkg/core.js')).status, 200);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    for (const dir of siblings) rmSync(join(root, dir), { recursive: true, force: true });
  }
});

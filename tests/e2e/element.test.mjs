// <vigie-check> and <vigie-nudges> inside a host page that is not Vigie's: the example portal
// (examples/portal/), with its own layout, fonts and strict Content-Security-Policy. A FHIR bundle
// is imported and prefills the element; its results are those of `vigie eval --fhir`; the portal
// themes it; it keeps nothing; axe-core finds nothing serious; the engine never blocks the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, root, seriousViolations, shownNudges } from './helpers.mjs';
import { servePortal } from '../../examples/portal/serve.mjs';

const TODAY = '2026-12-05';
const bundlePath = join(root, 'tests', 'fhir', 'frcore-examples.json');
let env;
let portal;
let url;

before(async () => {
  env = await start();
  portal = await servePortal({ port: 0 });
  url = `http://127.0.0.1:${portal.address().port}/`;
});
after(async () => {
  await env.close();
  await new Promise((resolve) => portal.close(resolve));
});

function cli(args, input) {
  const run = spawnSync(join(root, 'target', 'release', 'vigie'), args, { input, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`vigie ${args.join(' ')}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** The portal, its clock fixed, listening for CSP violations and long tasks from the first byte. */
async function openPortal(context, query = '') {
  const page = await context.newPage();
  page.errors = [];
  page.warnings = [];
  page.on('pageerror', (err) => page.errors.push(err.message));
  page.on('console', (message) => { if (message.type() === 'warning') page.warnings.push(message.text()); });
  await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00`));
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url + query);
  await page.locator('vigie-check #path .ask').first().waitFor({ state: 'visible' });
  return page;
}

test('the portal prefills <vigie-check> from a FHIR bundle: the results are vigie eval --fhir\'s, what was not used is said', async () => {
  const context = await env.browser.newContext();
  const page = await openPortal(context);
  const reported = page.evaluate(() => new Promise((resolve) => {
    document.querySelector('vigie-check').addEventListener('vigie-report', (e) => resolve(e.detail.report), { once: true });
  }));
  const started = await page.evaluate(() => performance.now());
  await page.click('#sample');
  const report = await reported;
  const ended = await page.evaluate(() => performance.now());
  await page.locator('vigie-check #results').waitFor({ state: 'visible' });

  const expected = cli(['eval', '--rules', join(root, 'rules', 'fr'), '--as-of', TODAY, '--fhir', bundlePath]);
  const byProgram = (list) => list.map((n) => `${n.program}:${n.status}:${n.dueDate ?? ''}`).sort();
  assert.deepEqual(byProgram(report.nudges), byProgram(expected.nudges));
  assert.deepEqual(byProgram(await shownNudges(page)), byProgram(expected.nudges));
  assert.deepEqual(report.ruleset, expected.ruleset);
  // What the import did not use is listed, as many as the command line's import says.
  const imported = cli(['import', 'fhir', '--as-of', TODAY, bundlePath]);
  assert.equal(await page.locator('#not-used-list li').count(), imported.notUsed.length);
  assert.match(await page.locator('#import-status').textContent(), new RegExp(`${imported.notUsed.length} élément`));

  // The engine ran in a worker: no long task on the page while the bundle was read and evaluated.
  const blocking = await page.evaluate(([from, to]) => window.longTasks
    .filter((t) => t.start + t.duration > from && t.start < to).reduce((sum, t) => sum + t.duration, 0), [started, ended]);
  // A figure, not a timed assertion (it depends on the machine): the closing note quotes it.
  console.log(`# main-thread long tasks during import + evaluation: ${blocking.toFixed(0)} ms (over ${(ended - started).toFixed(0)} ms)`);
  // What is asserted: the element never fell back to the page's thread (engine.js says so when it does).
  assert.deepEqual(page.warnings.filter((w) => /no worker/.test(w)), []);

  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(await seriousViolations(page), []);
  await context.close();
});

test('the host themes the element (custom properties, ::part) and its own styles stay out of it', async () => {
  const context = await env.browser.newContext();
  const page = await openPortal(context);
  const styles = await page.evaluate(() => {
    const shadow = document.querySelector('vigie-check').shadowRoot;
    const root = shadow.querySelector('.vigie-root');
    const results = shadow.querySelector('#results');
    results.hidden = false;
    const out = {
      primary: getComputedStyle(root).getPropertyValue('--primary').trim(),
      border: getComputedStyle(results).borderTopColor,
      // The portal's serif body font does not reach the element's text.
      font: getComputedStyle(shadow.querySelector('#path h2')).fontFamily,
      portalFont: getComputedStyle(document.body).fontFamily,
    };
    results.hidden = true;
    return out;
  });
  // Themed, the first question still passes axe-core inside the portal's layout.
  assert.deepEqual(await seriousViolations(page), []);
  assert.equal(styles.primary, '#2d5a27');
  assert.equal(styles.border, 'rgb(45, 90, 39)');
  assert.match(styles.portalFont, /Georgia/);
  assert.doesNotMatch(styles.font, /Georgia/);
  await context.close();
});

test('with save="none" (the default) the element keeps nothing: no storage, no history entries', async () => {
  const context = await env.browser.newContext();
  const page = await openPortal(context);
  const length = await page.evaluate(() => history.length);
  await page.fill('vigie-check #path input[inputmode="numeric"] >> nth=-1', '58').catch(() => {});
  await page.locator('vigie-check').getByRole('button', { name: 'Féminin' }).click();
  await page.locator('vigie-check #path-provisional').waitFor({ state: 'visible' });
  const kept = await page.evaluate(() => ({ session: sessionStorage.length, local: localStorage.length, history: history.length }));
  assert.deepEqual(kept, { session: 0, local: 0, history: length });
  // "Remember on this device" is not offered when the host does not allow it.
  assert.equal(await page.locator('vigie-check #remember').isVisible(), false);
  await context.close();
});

test('<vigie-nudges> shows a report\'s cards, and a FHIR bundle\'s, as <vigie-check> does', async () => {
  const context = await env.browser.newContext();
  const page = await openPortal(context);
  const bundle = readFileSync(bundlePath, 'utf8');
  const expected = cli(['eval', '--rules', join(root, 'rules', 'fr'), '--as-of', TODAY, '--fhir', bundlePath]);
  const shown = await page.evaluate(async ({ text, asOf, report }) => {
    const cards = (el) => [...el.shadowRoot.querySelectorAll('article.nudge')].map((a) => `${a.dataset.program}:${a.dataset.status}`);
    const fromReport = document.createElement('vigie-nudges');
    document.body.append(fromReport);
    fromReport.report = report;
    const fromBundle = document.createElement('vigie-nudges');
    fromBundle.setAttribute('as-of', asOf);
    document.body.append(fromBundle);
    const done = new Promise((resolve, reject) => {
      fromBundle.addEventListener('vigie-report', resolve, { once: true });
      fromBundle.addEventListener('vigie-error', (e) => reject(e.detail.error), { once: true });
    });
    fromBundle.bundle = text;
    await done;
    // A second bundle on the same rule set reuses the element's engine and shows its cards again.
    const again = new Promise((resolve, reject) => {
      fromBundle.addEventListener('vigie-report', resolve, { once: true });
      fromBundle.addEventListener('vigie-error', (e) => reject(e.detail.error), { once: true });
    });
    fromBundle.bundle = JSON.parse(text);
    await again;
    const bad = document.createElement('vigie-nudges');
    document.body.append(bad);
    bad.report = { nothing: true };
    return { report: cards(fromReport), bundle: cards(fromBundle), bad: bad.shadowRoot.textContent };
  }, { text: bundle, asOf: TODAY, report: expected });
  const programs = expected.nudges.map((n) => `${n.program}:${n.status}`).sort();
  assert.deepEqual([...shown.report].sort(), programs);
  assert.deepEqual([...shown.bundle].sort(), programs);
  assert.match(shown.bad, /not a Vigie report/);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(await seriousViolations(page), []);
  await context.close();
});

test('attributes: as-of and locale are followed; a bad as-of or rules is said in words; one <vigie-check> at a time', async () => {
  const context = await env.browser.newContext();
  const page = await openPortal(context);
  const seen = await page.evaluate(async () => {
    document.querySelector('vigie-check').remove();
    const make = (attrs) => {
      const el = document.createElement('vigie-check');
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      document.querySelector('main').append(el);
      return el;
    };
    const ready = (el) => new Promise((resolve) => el.addEventListener('vigie-ready', resolve, { once: true }));
    const bad = make({ 'as-of': '2026-02-30', rules: 'mars' });
    await ready(bad);
    const notice = bad.shadowRoot.querySelector('#rules-notice').textContent;
    const second = make({});
    const refused = second.shadowRoot.textContent;
    second.remove();
    bad.remove();
    const good = make({ 'as-of': '2025-06-01', locale: 'en' });
    await ready(good);
    const reported = new Promise((resolve) => good.addEventListener('vigie-report', (e) => resolve(e.detail.report), { once: true }));
    good.profile = { birthDate: '1960-01-01', sex: 'male' };
    const report = await reported;
    return { notice, refused, asOf: report.asOf, locale: report.locale, lang: good.lang, heading: good.shadowRoot.querySelector('#results-title').textContent };
  });
  assert.match(seen.notice, /« mars »/);
  assert.match(seen.notice, /2026-02-30/);
  assert.match(seen.refused, /only one <vigie-check>/);
  assert.equal(seen.asOf, '2025-06-01');
  assert.equal(seen.locale, 'en');
  assert.equal(seen.lang, 'en');
  assert.doesNotMatch(seen.heading, /[éè]|Vos /);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the element gives the same report with its engine in a worker or on the page; the main-thread blocking of each (figures)', async () => {
  const run = async (query) => {
    const context = await env.browser.newContext();
    const page = await openPortal(context, query);
    const reported = page.evaluate(() => new Promise((resolve) => {
      document.querySelector('vigie-check').addEventListener('vigie-report', (e) => resolve({ report: e.detail.report, at: performance.now() }), { once: true });
    }));
    const started = await page.evaluate(() => performance.now());
    await page.click('#sample');
    const { report, at } = await reported;
    const blocked = await page.evaluate(([from, to]) => window.longTasks
      .filter((t) => t.start + t.duration > from && t.start < to).reduce((sum, t) => sum + t.duration, 0), [started, at]);
    const fellBack = page.warnings.some((w) => /no worker/.test(w));
    await context.close();
    return { report: JSON.stringify(report), blocked, fellBack };
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const runs = { worker: [], page: [] };
  for (let i = 0; i < 3; i += 1) {
    runs.worker.push(await run(''));
    runs.page.push(await run('?worker=off'));
  }
  for (const r of [...runs.worker, ...runs.page]) assert.equal(r.report, runs.worker[0].report);
  assert.ok(runs.worker.every((r) => !r.fellBack));
  const ms = (list) => list.map((r) => Math.round(r.blocked));
  console.log(`# long tasks from "use this bundle" to the report (median of 3): engine in its worker ${median(ms(runs.worker))} ms, on the page ${median(ms(runs.page))} ms (runs: ${ms(runs.worker)} / ${ms(runs.page)})`);
});

test('a host\'s own rule set (`ruleset`: a bundle, here the Mayotte overlay) runs in the element; a bad one is refused and said', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-element-'));
  const bundleFile = join(dir, 'fr-976.json');
  const made = spawnSync(join(root, 'target', 'release', 'vigie'), ['bundle', join(root, 'rules', 'example-fr-976'), '-o', bundleFile], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const profile = { birthDate: '1966-04-02', sex: 'female', departement: '976' };
  const expected = cli(['eval', '--rules', join(root, 'rules', 'example-fr-976'), '--as-of', TODAY, '-'], JSON.stringify(profile));
  const context = await env.browser.newContext();
  const page = await openPortal(context);
  const seen = await page.evaluate(async ({ bundle, profile: p, asOf }) => {
    document.querySelector('vigie-check').remove();
    const el = document.createElement('vigie-check');
    el.setAttribute('as-of', asOf);
    el.ruleset = bundle;
    const errors = [];
    el.addEventListener('vigie-error', (e) => errors.push(e.detail.error.code));
    document.querySelector('main').append(el);
    await new Promise((resolve) => el.addEventListener('vigie-ready', resolve, { once: true }));
    const reported = new Promise((resolve) => el.addEventListener('vigie-report', (e) => resolve(e.detail.report), { once: true }));
    el.profile = p;
    const report = await reported;
    el.ruleset = '{"not": "a bundle"}';
    return {
      report, errors,
      switchHidden: el.shadowRoot.querySelector('.rules-switch').hidden,
      notice: el.shadowRoot.querySelector('#rules-notice').textContent,
      still: el.report.ruleset.id,
    };
  }, { bundle: readFileSync(bundleFile, 'utf8'), profile, asOf: TODAY });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(seen.report.ruleset.id, 'example-fr-976');
  assert.deepEqual(seen.report.ruleset, expected.ruleset);
  const key = (list) => list.map((n) => `${n.program}:${n.status}:${n.dueDate ?? ''}`).sort();
  assert.deepEqual(key(seen.report.nudges), key(expected.nudges));
  assert.equal(seen.switchHidden, true);
  assert.deepEqual(seen.errors, ['invalid-bundle']);
  assert.match(seen.notice, /ruleset\.manifest/);
  assert.equal(seen.still, 'example-fr-976');
  assert.deepEqual(page.errors, []);
  await context.close();
});

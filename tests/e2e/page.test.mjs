// The self-check page in real headless Chromium (Debian's), driven by playwright-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  start, open, fillProfile, shownNudges, cliNudges, cliPrograms, seriousViolations, currentStep, screenshots, root,
} from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const byProgram = (list) => [...list].sort((a, b) => a.program.localeCompare(b.program));

const personas = {
  // A woman of 55: mother with a late breast cancer (stays in organised screening), recent tests.
  martine: {
    birthDate: '1970-05-14', sex: 'female', conditions: [],
    familyHistory: [{ relation: 'mother', condition: 'breast-cancer', ageAtDiagnosis: 62 }],
    screenings: [
      { test: 'mammography', date: '2025-03-10', result: 'normal' },
      { test: 'fit', date: '2024-06-02', result: 'normal' },
    ],
    vaccinations: [{ vaccine: 'dtp', date: '2016-05-10' }],
  },
  // A man of 62 who smokes; his father had colorectal cancer at 58: colonoscopy pathway (refer).
  karim: {
    birthDate: '1964-02-20', sex: 'male', conditions: ['hypertension'],
    smoking: { status: 'current', packYears: 30 }, heightCm: 178, weightKg: 92,
    familyHistory: [{ relation: 'father', condition: 'colorectal-cancer', ageAtDiagnosis: 58 }],
  },
  // A trans man of 34, female at birth, with a cervix and without breasts; one smear test.
  alex: {
    birthDate: '1992-09-03', sex: 'female', organs: { breasts: false, cervix: true },
    familyHistory: [], screenings: [{ test: 'cervical-cytology', date: '2021-04-10', result: 'normal' }],
    vaccinations: [],
  },
};

for (const [name, profile] of Object.entries(personas)) {
  test(`persona ${name}: the page shows exactly the nudges the command line gives`, async () => {
    const context = await env.browser.newContext();
    const page = await open(context, env.url);
    await fillProfile(page, profile);
    const asOf = await page.getAttribute('#results', 'data-as-of');
    assert.match(asOf, /^\d{4}-\d{2}-\d{2}$/);
    const shown = await shownNudges(page);
    assert.ok(shown.length > 0);
    assert.deepEqual(byProgram(shown), byProgram(cliNudges(profile, asOf)));
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

test('a colorectal card says where: the kit\'s ordering page, and with a département the regional centre', async () => {
  const context = await env.browser.newContext();
  const page = await open(context, env.url);
  // A bad département is refused beside its field, as the engine refuses it.
  await page.fill('#departement', '20');
  await page.click('#next');
  await page.locator('#departement[aria-invalid="true"]').waitFor();
  assert.equal(await currentStep(page), 'birth');
  assert.equal(await page.getAttribute('#departement', 'aria-invalid'), 'true');
  await page.fill('#departement', '');

  const withDepartement = { ...personas.martine, departement: '44' };
  await fillProfile(page, withDepartement);
  const asOf = await page.getAttribute('#results', 'data-as-of');
  const action = await page.$eval('article.nudge[data-program="colorectal-cancer-screening"] .action', (n) => n.textContent);
  assert.match(action, /monkit\.depistage-colorectal\.fr/);
  assert.match(action, /CRCDC Pays de la Loire \(https:\/\/depistagecancers\.fr\)/);
  assert.deepEqual(byProgram(await shownNudges(page)), byProgram(cliNudges(withDepartement, asOf)));
  assert.deepEqual(page.errors, []);
  await context.close();

  // Without a département: the ordering page and the general wording, no centre guessed.
  const other = await env.browser.newContext();
  const plain = await open(other, env.url);
  await fillProfile(plain, personas.martine);
  const general = await plain.$eval('article.nudge[data-program="colorectal-cancer-screening"] .action', (n) => n.textContent);
  assert.match(general, /monkit\.depistage-colorectal\.fr/);
  assert.match(general, /centre régional de coordination des dépistages des cancers \(CRCDC\) de votre région/);
  assert.doesNotMatch(general, /CRCDC Pays de la Loire/);
  await other.close();
});

test('the whole questionnaire can be completed with the keyboard only', async () => {
  const context = await env.browser.newContext();
  const page = await open(context, env.url);
  const focused = (selector) => page.evaluate((s) => $vActive()?.matches(s) ?? false, selector);
  async function tabTo(selector) {
    for (let i = 0; i < 80; i++) {
      if (await focused(selector)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${selector} (step ${await currentStep(page)})`);
  }
  async function type(selector, text) {
    await tabTo(selector);
    await page.keyboard.type(text);
  }
  async function choose(name, value) {
    await tabTo(`input[name="${name}"]`);
    for (let i = 0; i < 10; i++) {
      if (await page.evaluate(() => $vActive().value) === value) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Space');
    assert.equal(await page.isChecked(`input[name="${name}"][value="${value}"]`), true, `${name}=${value}`);
  }
  async function nextStep() {
    await tabTo('#next');
    // Focus is visible: an outline (or a ring) of at least 2 px on the focused control.
    const ring = await page.evaluate(() => {
      const style = getComputedStyle($vActive());
      return style.outlineStyle !== 'none' ? parseFloat(style.outlineWidth) : (style.boxShadow !== 'none' ? 2 : 0);
    });
    assert.ok(ring >= 2, `no visible focus on #next (${ring}px)`);
    await page.keyboard.press('Enter');
  }

  await type('#birth-day', '14');
  await type('#birth-month', '05');
  await type('#birth-year', '1970');
  await nextStep();
  await choose('sex', 'female');
  await nextStep();
  await choose('conditions-known', 'unknown');
  await nextStep();
  await choose('smoking', 'never');
  await nextStep();
  await type('#height', '165');
  await nextStep();
  await choose('family-known', 'no');
  await nextStep();
  await choose('screenings-known', 'no');
  await nextStep();
  await choose('vaccinations-known', 'no');
  await nextStep();
  await page.locator('#results').waitFor({ state: 'visible' });
  const shown = await shownNudges(page);
  const asOf = await page.getAttribute('#results', 'data-as-of');
  const profile = { birthDate: '1970-05-14', sex: 'female', smoking: { status: 'never' }, heightCm: 165, familyHistory: [], screenings: [], vaccinations: [] };
  assert.deepEqual(byProgram(shown), byProgram(cliNudges(profile, asOf)));
  await context.close();
});

test('axe-core finds no serious or critical violation on any step, nor on the results (fr and en)', async () => {
  const context = await env.browser.newContext();
  const page = await open(context, env.url);
  const found = [];
  const steps = ['birth', 'sex', 'health', 'smoking', 'body', 'family', 'screenings', 'vaccinations'];
  for (const step of steps) {
    assert.equal(await currentStep(page), step);
    if (step === 'family') await page.click('#add-relative');
    if (step === 'screenings') await page.click('#add-screening');
    found.push(...(await seriousViolations(page)).map((v) => `${step}: ${v}`));
    if (step === 'birth') {
      await page.fill('#birth-day', '14');
      await page.fill('#birth-month', '05');
      await page.fill('#birth-year', '1970');
    }
    if (step === 'sex') await page.check('input[name="sex"][value="female"]');
    if (step === 'family') {
      await page.check('input[name="family-known"][value="yes"]');
      await page.locator('.relative select[name="relation"]').selectOption('mother');
      await page.locator('.relative select[name="family-condition"]').selectOption('breast-cancer');
    }
    if (step === 'screenings') {
      await page.check('input[name="screenings-known"][value="yes"]');
      await page.locator('.screening input[name="test-date"]').fill('2025-03-10');
    }
    await page.click('#next');
    if (step !== 'vaccinations') await page.waitForFunction((s) => $v('#questionnaire .step:not([hidden])')?.dataset.step !== s, step);
  }
  await page.locator('#results').waitFor({ state: 'visible' });
  await page.locator('#nudges details.card').first().evaluate((d) => { d.open = true; });
  await page.locator('details.why').first().evaluate((d) => { d.open = true; });
  found.push(...(await seriousViolations(page)).map((v) => `results (fr): ${v}`));
  await page.click('#lang-en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  found.push(...(await seriousViolations(page)).map((v) => `results (en): ${v}`));
  await page.click('#about-link');
  await page.locator('#about').waitFor({ state: 'visible' });
  found.push(...(await seriousViolations(page)).map((v) => `about: ${v}`));
  assert.deepEqual(found, []);
  await context.close();
});

test('About lists what the rule set covers, as vigie programs says it, and every source its rules cite', async () => {
  const context = await env.browser.newContext();
  const page = await open(context, env.url, { today: '2026-12-05' });
  await page.click('#about-link');
  await page.locator('#about').waitFor({ state: 'visible' });
  const shown = () => page.$$eval('#about-programs dt', (dts) => dts.map((dt) => ({ title: dt.textContent, description: dt.nextElementSibling.textContent })));
  const intro = () => page.locator('[data-i18n="about.programs"]').textContent();
  const words = (locale) => cliPrograms('2026-12-05', locale).map(({ title, description }) => ({ title, description }));
  assert.deepEqual(await shown(), words('fr'));
  assert.equal((await shown()).length, 16);
  assert.equal(await intro(), 'Cette version des règles couvre\u00a0:');
  await page.click('#lang-en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.deepEqual(await shown(), words('en'));
  assert.equal(await intro(), 'This version of the rules covers:');
  // The sources are the rule set's, each page once: every source a report cites is there.
  const listed = await page.$$eval('#about-sources li', (items) => items.map((li) => li.querySelector('a')?.getAttribute('href')));
  assert.equal(new Set(listed).size, listed.length);
  const run = spawnSync(join(root, 'target', 'release', 'vigie'), ['eval', '--rules', join(root, 'rules', 'fr'), '--as-of', '2026-12-05', '-'],
    { input: JSON.stringify(personas.karim), encoding: 'utf8' });
  const cited = JSON.parse(run.stdout).nudges.flatMap((n) => n.sources.map((source) => new URL(source.url).href));
  assert.ok(cited.length > 0);
  for (const url of cited) assert.ok(listed.includes(url), url);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('after load the page makes no network request; a Content-Security-Policy says so', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(`${env.url}?form=full`);
  assert.match(response.headers()['content-security-policy'], /default-src 'self'/);
  assert.match(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), /connect-src 'self'/);
  await page.locator('#next').waitFor({ state: 'visible' });
  await page.evaluate(() => navigator.serviceWorker?.ready);
  await page.waitForTimeout(300);
  const requests = [];
  context.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
  await fillProfile(page, personas.martine);
  await page.click('#lang-en');
  await page.click('#lang-fr');
  await page.locator('details.why').first().evaluate((d) => { d.open = true; });
  const download = page.waitForEvent('download');
  await page.click('#export');
  await download;
  await page.click('#about-link');
  assert.deepEqual(requests, []);
  await context.close();
});

test('the page works with the network cut after a first visit', async () => {
  const context = await env.browser.newContext();
  const page = await open(context, env.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await page.locator('#next').waitFor({ state: 'visible' });
  await fillProfile(page, personas.alex);
  assert.ok((await shownNudges(page)).some((n) => n.program === 'cervical-cancer-screening'));
  await context.close();
});

test('a bad date shows an error beside its field and keeps every other answer', async () => {
  const context = await env.browser.newContext();
  const page = await open(context, env.url);
  await page.fill('#birth-day', '31');
  await page.fill('#birth-month', '02');
  await page.fill('#birth-year', '1971');
  await page.click('#next');
  await page.locator('#birth-day[aria-invalid="true"]').waitFor();
  assert.equal(await currentStep(page), 'birth');
  const describedBy = await page.getAttribute('#birth-day', 'aria-describedby');
  assert.ok(describedBy, '#birth-day has no aria-describedby');
  const message = await page.evaluate((ids) => ids.split(' ').map((id) => $v(`#${id}`)?.textContent ?? '').join(' '), describedBy);
  assert.match(message, /date/i);
  assert.equal(await page.getAttribute('#birth-day', 'aria-invalid'), 'true');
  assert.deepEqual([await page.inputValue('#birth-day'), await page.inputValue('#birth-month'), await page.inputValue('#birth-year')], ['31', '02', '1971']);

  // A future screening date: refused by the engine's validation, shown beside that row.
  await page.fill('#birth-day', '14');
  await page.click('#next');
  await page.check('input[name="sex"][value="female"]');
  // Each step is checked by the engine in its worker: wait for the next step before clicking again
  // (a click while the check runs is not a second "next").
  for (let i = 0; i < 5; i++) {
    const before = await currentStep(page);
    await page.click('#next');
    await page.waitForFunction((b) => $v('#questionnaire .step:not([hidden])')?.dataset.step !== b, before);
  }
  assert.equal(await currentStep(page), 'screenings');
  await page.check('input[name="screenings-known"][value="yes"]');
  await page.click('#add-screening');
  await page.click('#add-screening');
  const rows = page.locator('.screening');
  await rows.nth(0).locator('input[name="test-date"]').fill('2025-03-10');
  await rows.nth(1).locator('select[name="test"]').selectOption('fit');
  await rows.nth(1).locator('input[name="test-date"]').fill('2099-01-01');
  await page.click('#next');
  await rows.nth(1).locator('input[name="test-date"][aria-invalid="true"]').waitFor();
  assert.equal(await currentStep(page), 'screenings');
  assert.equal(await rows.nth(1).locator('input[name="test-date"]').getAttribute('aria-invalid'), 'true');
  assert.equal(await rows.nth(0).locator('input[name="test-date"]').inputValue(), '2025-03-10');
  assert.equal(await rows.nth(1).locator('input[name="test-date"]').inputValue(), '2099-01-01');
  assert.ok(await page.locator('#error-summary').isVisible());
  await context.close();
});

test('"remember on this device" is off by default, and erasing (once confirmed) erases', async () => {
  const context = await env.browser.newContext();
  const page = await open(context, env.url);
  assert.equal(await page.isChecked('#remember'), false);
  await page.fill('#birth-year', '1970');
  assert.equal(await page.evaluate(() => localStorage.getItem('vigie-answers')), null);
  await page.check('#remember');
  await page.fill('#birth-day', '14');
  assert.ok(await page.evaluate(() => localStorage.getItem('vigie-answers')));
  await page.reload();
  await page.locator('#next').waitFor({ state: 'visible' });
  assert.equal(await page.inputValue('#birth-year'), '1970');
  await page.click('#erase');
  // Erasing asks first (issue 17): a dialog, then it erases.
  await page.click('#erase-confirm');
  await page.waitForFunction(() => $v('#birth-year').value === '');
  assert.equal(await page.evaluate(() => localStorage.getItem('vigie-answers')), null);
  assert.equal(await page.inputValue('#birth-year'), '');
  await context.close();
});

test('answers exported to a file can be imported again, and give the same results', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await open(context, env.url);
  await fillProfile(page, personas.karim);
  const before = byProgram(await shownNudges(page));
  const download = page.waitForEvent('download');
  await page.click('#export');
  // Kept beside the screenshots: Playwright deletes downloads with their context.
  const file = join(screenshots, 'vigie-reponses.json');
  await (await download).saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(exported.birthDate, personas.karim.birthDate);
  await context.close();

  const fresh = await env.browser.newContext();
  const other = await open(fresh, env.url);
  await other.setInputFiles('#import', file);
  await other.waitForFunction(() => $v('#birth-year')?.value === '1964');
  assert.equal(await other.inputValue('#birth-day'), '20');
  for (let i = 0; i < 8; i++) {
    if (!(await other.locator('#results').isHidden())) break;
    const step = await currentStep(other);
    await other.click('#next');
    await other.waitForFunction((b) => $v('#questionnaire .step:not([hidden])')?.dataset.step !== b || !$v('#results').hidden, step);
  }
  await other.locator('#results').waitFor({ state: 'visible' });
  assert.deepEqual(byProgram(await shownNudges(other)), before);
  await fresh.close();
});

test('the calendar file has an event for each nudge with a date, information left out', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await open(context, env.url);
  await fillProfile(page, personas.martine);
  // Information nudges get no reminder (pkg/element/calendar.js); referrals get one (none for Martine).
  const dated = (await shownNudges(page)).filter((n) => n.status !== 'info' && (n.dueDate || n.status === 'refer'));
  const download = page.waitForEvent('download');
  await page.click('#ics');
  const file = await (await download).path();
  const ics = readFileSync(file, 'utf8');
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /END:VCALENDAR\r\n?$/);
  assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length, dated.length);
  await context.close();
});

test('320 px wide: no horizontal scrolling; screenshots at 375 px and 1280 px', async () => {
  for (const width of [320, 375, 1280]) {
    const context = await env.browser.newContext({ viewport: { width, height: 900 } });
    const page = await open(context, env.url);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(await overflow() <= 0, `${width}px: horizontal scroll on the first step`);
    if (width !== 320) await page.screenshot({ path: join(screenshots, `page-${width}-step.png`), fullPage: true });
    await fillProfile(page, personas.martine);
    assert.ok(await overflow() <= 0, `${width}px: horizontal scroll on the results`);
    if (width !== 320) await page.screenshot({ path: join(screenshots, `page-${width}-results.png`), fullPage: true });
    await context.close();
  }
});

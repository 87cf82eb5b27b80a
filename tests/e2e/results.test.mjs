// Issue 17, the page's part (items 5–8): results a phone can read, nothing lost, reminders, the
// printout, words. Real headless Chromium through playwright-core (helpers.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, open, fillProfile, shownNudges, cliNudges, seriousViolations, currentStep, screenshots } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const today = '2026-12-05';
const personas = {
  // "Karim, 52" (issue 17): a man of 52 who smokes; nothing else answered.
  karim: { birthDate: '1974-03-10', sex: 'male', smoking: { status: 'current' } },
  // Jeanne, 72: many nudges (vaccines unknown, no tests but a mammogram in 2022).
  jeanne: { birthDate: '1954-05-01', sex: 'female', smoking: { status: 'never' }, screenings: [{ test: 'mammography', date: '2022-01-01', result: 'normal' }] },
  // A man of 62 whose father had colorectal cancer at 58: a referral, and due items.
  karim62: {
    birthDate: '1964-02-20', sex: 'male', conditions: ['hypertension'], smoking: { status: 'current', packYears: 30 }, heightCm: 178, weightKg: 92,
    familyHistory: [{ relation: 'father', condition: 'colorectal-cancer', ageAtDiagnosis: 58 }],
  },
  // A woman of 55 with recent tests: things she already does well.
  martine: {
    birthDate: '1970-05-14', sex: 'female', conditions: [],
    familyHistory: [{ relation: 'mother', condition: 'breast-cancer', ageAtDiagnosis: 62 }],
    screenings: [{ test: 'mammography', date: '2025-03-10', result: 'normal' }, { test: 'fit', date: '2024-06-02', result: 'normal' }],
    vaccinations: [{ vaccine: 'dtp', date: '2016-05-10' }],
  },
};
const RANK = { refer: 0, due: 1, upcoming: 2, info: 3, 'up-to-date': 4 };

async function resultsFor(profile, viewport = { width: 375, height: 667 }, options = {}) {
  const context = await env.browser.newContext({ viewport, ...options });
  const page = await open(context, env.url, { today });
  await fillProfile(page, profile);
  return { context, page };
}

test('Karim, 52, at 375 × 667: the summary starts on the first screen, cards are collapsed, the page is less than half as tall', async (t) => {
  const { context, page } = await resultsFor(personas.karim);
  await page.evaluate(() => window.scrollTo(0, 0));
  const layout = await page.evaluate(() => ({
    summaryTop: $v('#summary').getBoundingClientRect().top,
    results: Math.round($v('#results').getBoundingClientRect().height),
    page: document.documentElement.scrollHeight,
  }));
  t.diagnostic(`Karim, 52, at 375 px: #results ${layout.results} px, whole page ${layout.page} px (before: 7,741 px and 8,950 px measured the same way)`);
  assert.ok(layout.summaryTop < 667 - 100, `the summary starts at ${layout.summaryTop}px`);
  assert.ok(layout.results < 7741 / 2, `#results is ${layout.results}px tall`);
  // Every card: title and status visible, the rest closed until opened.
  const cards = await page.$$eval('#nudges article.nudge', (all) => all.map((a) => ({
    open: a.querySelector('details.card').open,
    title: a.querySelector('summary .nudge-title').textContent,
    status: a.querySelector('summary .status-badge').textContent,
  })));
  assert.ok(cards.length >= 3);
  for (const c of cards) {
    assert.equal(c.open, false);
    assert.ok(c.title && c.status);
  }
  assert.equal(await page.locator('#nudges .card-body').first().isVisible(), false);
  // The same nudges as the command line, most consequential first.
  const shown = await shownNudges(page);
  const byProgram = (l) => [...l].sort((a, b) => a.program.localeCompare(b.program));
  assert.deepEqual(byProgram(shown), byProgram(cliNudges(personas.karim, today)));
  const ranks = shown.map((n) => RANK[n.status]);
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
  // At most three things first, each with one line of what to do.
  const summary = await page.$$eval('#summary-list li', (items) => items.map((li) => ({
    program: li.dataset.program, line: li.querySelector('.summary-line').textContent,
  })));
  assert.equal(summary.length, 3);
  assert.deepEqual(summary.map((s) => s.program), shown.slice(0, 3).map((n) => n.program));
  for (const s of summary) assert.ok(s.line.length > 5 && s.line.length < 90, s.line);
  // The colorectal screening comes before the cholesterol test (issue 17: "cholestérol" came first).
  assert.ok(shown.findIndex((n) => n.program === 'colorectal-cancer-screening') < shown.findIndex((n) => n.program === 'lipid-screening'));
  await page.screenshot({ path: join(screenshots, 'results-karim-375.png'), fullPage: true });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a referral comes first in the summary; a summary link opens its card and moves the focus there (keyboard)', async () => {
  const { context, page } = await resultsFor(personas.karim62);
  const first = await page.$eval('#summary-list li', (li) => li.dataset.program);
  const shown = await shownNudges(page);
  assert.equal(shown[0].status, 'refer');
  assert.equal(first, shown[0].program);
  await page.locator('#summary-list a').first().focus();
  await page.keyboard.press('Enter');
  const state = await page.evaluate(() => ({
    open: $v('#nudges details.card').open,
    focused: $vActive() === $v('#nudges details.card > summary'),
  }));
  assert.deepEqual(state, { open: true, focused: true });
  // Enter (or Space) on a card's title closes and opens it: native <details>.
  await page.keyboard.press('Enter');
  assert.equal(await page.$eval('#nudges details.card', (d) => d.open), false);
  assert.deepEqual(await seriousViolations(page), []);
  await context.close();
});

test('the rule set\'s program priority orders ties when the package gives it; a fixed order otherwise', async () => {
  const context = await env.browser.newContext();
  const page = await open(context, env.url, { today });
  const orders = await page.evaluate(async () => {
    const { ordered, programPriority } = await import('./pkg/element/results.js');
    const nudges = [
      { program: 'lipid-screening', status: 'due' }, { program: 'vaccine-dtp', status: 'due' },
      { program: 'breast-cancer-screening', status: 'due' }, { program: 'smoking-cessation', status: 'info' },
      { program: 'aaa-screening', status: 'refer' },
    ];
    const names = (list) => list.map((n) => n.program);
    const declared = programPriority({ questionnaire: () => ({ priority: ['vaccine-dtp', 'lipid-screening', 'breast-cancer-screening'] }) }, 'fr');
    const ranked = programPriority({ questionnaire: () => ({ priority: { 'lipid-screening': 1, 'vaccine-dtp': 2 } }) }, 'fr');
    return {
      declared: names(ordered(nudges, declared)),
      ranked: names(ordered(nudges, ranked)),
      none: programPriority({}, 'fr'),
      throws: programPriority({ questionnaire: () => { throw new Error('x'); } }, 'fr'),
      fallback: names(ordered(nudges, null)),
    };
  });
  assert.deepEqual(orders.declared, ['aaa-screening', 'vaccine-dtp', 'lipid-screening', 'breast-cancer-screening', 'smoking-cessation']);
  assert.deepEqual(orders.ranked, ['aaa-screening', 'lipid-screening', 'vaccine-dtp', 'breast-cancer-screening', 'smoking-cessation']);
  assert.equal(orders.none, null);
  assert.equal(orders.throws, null);
  assert.deepEqual(orders.fallback, ['aaa-screening', 'breast-cancer-screening', 'lipid-screening', 'vaccine-dtp', 'smoking-cessation']);
  await context.close();
});

test('what the person does well stays visible, as a compact list', async () => {
  const { context, page } = await resultsFor(personas.martine);
  const well = page.locator('#well-list [data-status="up-to-date"]');
  assert.ok(await well.count() >= 1);
  for (let i = 0; i < await well.count(); i++) assert.ok(await well.nth(i).locator('.nudge-title').isVisible());
  await context.close();
});

test('200 % zoom (187 px wide): no sideways scrolling, no word cut anywhere, with every card open', async () => {
  for (const profile of [personas.karim62, personas.jeanne]) {
    const { context, page } = await resultsFor(profile, { width: 187, height: 333 });
    await page.$$eval('#results details', (all) => all.forEach((d) => { d.open = true; }));
    const found = await page.evaluate(() => {
      const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
      const breakAll = [...[...$$v('body *'), ...$$v('*')]].filter((e) => getComputedStyle(e).wordBreak === 'break-all').map((e) => e.id || e.className);
      const wide = [...$$v('#results *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => `${e.tagName}.${e.className}`);
      return { overflow, breakAll, wide: wide.slice(0, 5) };
    });
    assert.deepEqual(found, { overflow: 0, breakAll: [], wide: [] });
    await page.screenshot({ path: join(screenshots, 'results-187.png'), fullPage: true });
    await context.close();
  }
});

test('answers survive a reload in the same tab, results included; a new tab starts empty; "remember" stays off', async () => {
  const context = await env.browser.newContext();
  const page = await open(context, env.url, { today });
  await page.fill('#birth-day', '10');
  await page.fill('#birth-month', '03');
  await page.fill('#birth-year', '1974');
  await page.reload();
  await page.locator('#next').waitFor({ state: 'visible' });
  assert.equal(await page.inputValue('#birth-year'), '1974');
  assert.equal(await page.isChecked('#remember'), false);
  assert.equal(await page.evaluate(() => localStorage.getItem('vigie-answers')), null);
  await page.fill('#birth-year', '');
  await fillProfile(page, personas.karim);
  const before = await shownNudges(page);
  await page.reload();
  await page.locator('#results').waitFor({ state: 'visible' });
  assert.deepEqual(await shownNudges(page), before);
  assert.equal(await page.evaluate(() => localStorage.getItem('vigie-answers')), null);
  const other = await open(context, env.url, { today });
  assert.equal(await other.inputValue('#birth-year'), '');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('"Effacer" asks first, in a dialog: focus on "keep", Escape keeps, the focus comes back; confirming erases everywhere', async () => {
  const context = await env.browser.newContext();
  const page = await open(context, env.url, { today });
  await page.check('#remember');
  await page.fill('#birth-year', '1974');
  await page.locator('#erase').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.$eval('#erase-dialog', (d) => d.open), true);
  assert.equal(await page.evaluate(() => $vActive().id), 'erase-cancel');
  assert.deepEqual(await seriousViolations(page), []);
  await page.keyboard.press('Escape');
  assert.equal(await page.$eval('#erase-dialog', (d) => d.open), false);
  assert.equal(await page.evaluate(() => $vActive().id), 'erase');
  assert.equal(await page.inputValue('#birth-year'), '1974');
  await page.click('#erase');
  await page.click('#erase-cancel');
  assert.equal(await page.inputValue('#birth-year'), '1974');
  await page.click('#erase');
  await page.click('#erase-confirm');
  await page.waitForFunction(() => /effacées/.test($v('#privacy-status').textContent));
  assert.equal(await page.inputValue('#birth-year'), '');
  assert.deepEqual(await page.evaluate(() => [localStorage.getItem('vigie-answers'), sessionStorage.getItem('vigie-answers')]), [null, null]);
  await context.close();
});

test('import/export keeps approximate dates (YYYY, YYYY-MM) and `unknown` as they were, even where the form cannot show them', async () => {
  const file = join(screenshots, 'vigie-approximate.json');
  const profile = {
    birthDate: '1954-05-01', sex: 'female', conditions: [],
    smoking: { status: 'former', quitDate: '1990' },
    screenings: [{ test: 'mammography', date: '2022', result: 'normal' }, { test: 'fit', date: '2025-06-02', result: 'normal' }],
    vaccinations: [{ vaccine: 'influenza', date: '2025-10' }],
    unknown: { conditions: ['diabetes'], vaccinations: true },
  };
  writeFileSync(file, JSON.stringify(profile));
  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await open(context, env.url, { today });
  await page.setInputFiles('#import', file);
  await page.waitForFunction(() => /2022/.test($v('#privacy-status').textContent));
  assert.match(await page.textContent('#privacy-status'), /mammographie \(2022\)/i);
  const download = page.waitForEvent('download');
  await page.click('#export');
  const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  assert.deepEqual(exported.unknown, profile.unknown);
  assert.equal(exported.smoking.quitDate, '1990');
  const byTest = (l) => [...l].sort((a, b) => a.test.localeCompare(b.test));
  assert.deepEqual(byTest(exported.screenings), byTest(profile.screenings));
  assert.deepEqual(exported.vaccinations, profile.vaccinations);
  // Kept through a reload of the tab too.
  await page.reload();
  await page.locator('#next').waitFor({ state: 'visible' });
  const again = page.waitForEvent('download');
  await page.click('#export');
  const reloaded = JSON.parse(readFileSync(await (await again).path(), 'utf8'));
  assert.deepEqual(reloaded.unknown, profile.unknown);
  assert.deepEqual(byTest(reloaded.screenings), byTest(profile.screenings));
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the answers summary prints dates as given: "2022" stays 2022, never a guessed day; unknown reads as unknown', async () => {
  const context = await env.browser.newContext();
  const page = await open(context, env.url, { today });
  const text = async (locale) => page.evaluate(async (loc) => {
    const { renderResults } = await import('./pkg/element/results.js');
    const { applyStatic } = await import('./pkg/element/i18n.js');
    applyStatic(loc);
    const profile = {
      age: 72, sex: 'female', conditions: ['hypertension'], smoking: { status: 'former', quitDate: '1990-04' },
      screenings: [{ test: 'mammography', date: '2022', result: 'normal' }, { test: 'fit', date: '2025-06', result: 'normal' }],
      unknown: { conditions: ['diabetes'] },
    };
    const report = { asOf: '2026-12-05', ruleset: { id: 'fr', version: 'x', digest: 'sha256:0' }, nudges: [] };
    renderResults(report, {}, profile);
    return $v('#answers-list').textContent;
  }, locale);
  const fr = await text('fr');
  assert.match(fr, /Mammographie, en 2022/i);
  assert.match(fr, /en juin 2025/);
  assert.match(fr, /arrêt en avril 1990/);
  assert.match(fr, /non renseigné : Un diabète/i);
  assert.match(fr, /VaccinsNon renseigné/);
  assert.doesNotMatch(fr, /1er janvier 2022|Je ne sais pas/);
  const en = await text('en');
  assert.match(en, /in 2022/);
  assert.match(en, /VaccinesNot reported/);
  assert.doesNotMatch(en, /I don't know|not given|never/i);
  await context.close();
});

test('the printout: one A4 page for every persona, the summary first, standing on its own', async () => {
  for (const [name, profile] of Object.entries(personas)) {
    const { context, page } = await resultsFor(profile, { width: 1280, height: 900 });
    // A card opened on screen prints as compactly as a closed one.
    await page.locator('#nudges details.card > summary').first().click();
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    writeFileSync(join(screenshots, `print-${name}.pdf`), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.equal(pages, 1, `${name}: ${pages} pages`);
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const visible = (e) => e && e.getClientRects().length > 0;
      const order = ['#summary', '#nudges', '#answers-summary'].map((s) => $v(s))
        .filter(visible).map((e) => e.id || e.className);
      return { order, text: $v('#results').innerText };
    });
    if (name !== 'martine') assert.deepEqual(printed.order, ['summary', 'nudges', 'answers-summary'], name);
    // What an action points to ("l'un de ces facteurs", "dans ce cas") is printed beside it.
    const report = (await shownNudges(page)).filter((n) => n.status === 'info' || n.status === 'refer');
    const cards = await page.$$eval('#nudges article.nudge', (all) => all.map((a) => ({ program: a.dataset.program, print: a.querySelector('.print-line')?.innerText ?? '' })));
    for (const n of report) {
      const card = cards.find((c) => c.program === n.program);
      assert.ok(card.print.length > 40, `${name}, ${n.program}: its message is printed`);
    }
    assert.doesNotMatch(printed.text, /Ouvrez une carte/);
    await context.close();
  }
});

test('the calendar file from the page: a reminder for the referral, none for information', async () => {
  const { context, page } = await resultsFor(personas.karim62, undefined, { acceptDownloads: true });
  const shown = await shownNudges(page);
  const download = page.waitForEvent('download');
  await page.click('#ics');
  const ics = readFileSync(await (await download).path(), 'utf8');
  const events = (ics.match(/BEGIN:VEVENT/g) ?? []).length;
  assert.equal(events, shown.filter((n) => n.status !== 'info' && (n.status === 'refer' || n.dueDate)).length);
  assert.equal((ics.match(/BEGIN:VALARM/g) ?? []).length, events);
  assert.match(ics.replaceAll('\r\n ', ''), /SUMMARY:Prendre rendez-vous : /);
  assert.match(ics, /DTSTART;VALUE=DATE:20261206\r\n/);
  await context.close();
});

test('Enter goes to the next step, from a field or from a choice', async () => {
  const context = await env.browser.newContext();
  const page = await open(context, env.url, { today });
  await page.fill('#birth-day', '10');
  await page.fill('#birth-month', '03');
  await page.fill('#birth-year', '1974');
  await page.locator('#birth-year').press('Enter');
  await page.waitForFunction(() => $v('#questionnaire .step:not([hidden])')?.dataset.step === 'sex');
  await page.check('input[name="sex"][value="male"]');
  await page.locator('input[name="sex"][value="male"]').press('Enter');
  await page.waitForFunction(() => $v('#questionnaire .step:not([hidden])')?.dataset.step === 'health');
  assert.equal(await currentStep(page), 'health');
  await context.close();
});

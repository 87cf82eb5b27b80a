// The page runs either built-in rule set: France by default, the United States with `?rules=us` or
// the selector; switching keeps every answer, and results are the command line's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, fillProfile, shownNudges, cliNudges, cliReport, cliReportText, seriousViolations } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const byProgram = (list) => [...list].sort((a, b) => a.program.localeCompare(b.program));

const americans = {
  // A woman of 52 of Asian ancestry, BMI about 24: under the general threshold of 25, over the
  // lower one of 23 the USPSTF gives for Asian Americans. One FIT last year, a mammogram in 2023.
  mei: {
    birthDate: '1974-03-08', sex: 'female', heightCm: 160, weightKg: 62, ancestry: ['asian'],
    conditions: [], smoking: { status: 'never' }, familyHistory: [],
    screenings: [
      { test: 'fit', date: '2026-01-20', result: 'normal' },
      { test: 'mammography', date: '2023-10-02', result: 'normal' },
    ],
  },
  // A man of 68 who smoked 30 pack-years and quit in 2016: lung and aortic aneurysm screening.
  joe: {
    birthDate: '1958-06-30', sex: 'male', conditions: ['hypertension'], familyHistory: [],
    smoking: { status: 'former', packYears: 30, quitDate: '2016-05-01' }, screenings: [],
  },
};

for (const [name, profile] of Object.entries(americans)) {
  test(`?rules=us, persona ${name}: the page shows the nudges of rules/us, worded as the command line words them`, async () => {
    const context = await env.browser.newContext();
    const page = await open(context, `${env.url}?rules=us`);
    assert.equal(await page.inputValue('#rules-select'), 'us');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.isDisabled('#lang-fr'), true);
    assert.equal(await page.isVisible('#departement'), false);
    await fillProfile(page, profile);
    const asOf = await page.getAttribute('#results', 'data-as-of');
    const shown = await shownNudges(page);
    assert.ok(shown.length > 0);
    assert.deepEqual(byProgram(shown), byProgram(cliNudges(profile, asOf, 'en', 'us')));
    const cards = await page.$$eval('article.nudge', (all) => all.map((c) => ({ program: c.dataset.program, text: c.textContent })));
    for (const nudge of cliReport(profile, asOf, 'en', 'us').nudges) {
      const card = cards.find((c) => c.program === nudge.program);
      for (const words of [nudge.title, nudge.message, nudge.action]) assert.ok(card.text.includes(words), `${nudge.program}: ${words}`);
    }
    assert.deepEqual(page.errors, []);
    assert.deepEqual(await seriousViolations(page), []);
    await context.close();
  });
}

test('the page\'s module gives the command line\'s bytes for the US rule set (Chromium)', async () => {
  const context = await env.browser.newContext();
  const page = await open(context, `${env.url}?rules=us`);
  const asOf = '2026-12-05';
  for (const profile of Object.values(americans)) {
    const fromPage = await page.evaluate(async ([json, day]) => {
      const { createVigie } = await import('./pkg/index.js');
      const vigie = await createVigie({ ruleset: 'us' });
      const text = vigie.evaluateJson(json, { asOf: day, locale: 'en' });
      vigie.free();
      return text;
    }, [JSON.stringify(profile), asOf]);
    assert.equal(`${fromPage}\n`, cliReportText(profile, asOf, 'en', 'us'));
  }
  await context.close();
});

test('switching rules with the selector keeps every answer and asks each rule set its own questions', async () => {
  const context = await env.browser.newContext();
  const page = await open(context, env.url);
  await page.fill('#birth-day', '8');
  await page.fill('#birth-month', '3');
  await page.fill('#birth-year', '1974');
  await page.fill('#departement', '67');
  assert.equal(await page.isVisible('#ancestry-fieldset'), false);

  await page.selectOption('#rules-select', 'us');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('rules') === 'us');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.isVisible('#departement'), false);
  assert.equal(await page.inputValue('#birth-year'), '1974');
  assert.equal(await page.inputValue('#departement'), '67');

  await page.selectOption('#rules-select', 'fr');
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('rules'));
  assert.equal(await page.isVisible('#departement'), true);
  assert.equal(await page.inputValue('#departement'), '67');
  assert.equal(await page.isDisabled('#lang-fr'), false);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('an unknown ?rules= says so and runs the French rules', async () => {
  const context = await env.browser.newContext();
  const page = await open(context, `${env.url}?rules=mars`);
  assert.equal(await page.inputValue('#rules-select'), 'fr');
  const notice = await page.textContent('#rules-notice');
  assert.match(notice, /« mars »/);
  assert.equal(await page.isVisible('#rules-notice'), true);
  await context.close();
});

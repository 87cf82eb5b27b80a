// Shared by the page tests: a server on 127.0.0.1, Debian's Chromium through playwright-core, and a
// way to fill the questionnaire from a profile object (so personas are data).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../www/serve.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const screenshots = join(root, 'target', 'screenshots');
mkdirSync(screenshots, { recursive: true });

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * The page's citizen path lives in <vigie-check>'s shadow root: `$v(sel)`, `$$v(sel)` (an array) and
 * `$vActive()` look there (Playwright's own selectors already go through open shadow roots).
 */
function shadowHelpers() {
  const root = () => document.querySelector('vigie-check')?.shadowRoot ?? document;
  window.$v = (sel) => root().querySelector(sel);
  window.$$v = (sel) => [...root().querySelectorAll(sel)];
  window.$vActive = () => root().activeElement ?? document.activeElement;
}

/** A server and a browser for one test file; call `close()` at the end. */
export async function start() {
  const server = await serve({ port: 0 });
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  // Every page of every context gets the shadow-root helpers.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    await context.addInitScript(shadowHelpers);
    return context;
  };
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Opens the page and waits until the module is ready; `today` (YYYY-MM-DD) fixes the page's clock.
 * By default the full form (`?form=full`: every question in a row), which these tests fill from a
 * profile; `{ path: true }` opens the page as a person does, on the adaptive path (path.test.mjs).
 */
export async function open(context, url, { today, path = false } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  if (today) await page.clock.setFixedTime(new Date(`${today}T10:00:00`));
  const address = new URL(url);
  if (!path) address.searchParams.set('form', 'full');
  await page.goto(address.href);
  if (path) {
    await page.locator('#path .ask').first().waitFor({ state: 'visible' });
  } else {
    await page.locator('#next').waitFor({ state: 'visible' });
    await page.waitForFunction(() => !$v('#questionnaire [data-step="birth"]')?.hidden);
  }
  page.errors = errors;
  return page;
}

export const currentStep = (page) =>
  page.evaluate(() => $v('#questionnaire .step:not([hidden])')?.dataset.step);

async function next(page) {
  const before = await currentStep(page);
  await page.click('#next');
  await page.waitForFunction((b) => {
    const now = $v('#questionnaire .step:not([hidden])')?.dataset.step;
    return now !== b || !$v('#results')?.hidden;
  }, before);
}

async function known(page, name, value) {
  if (value === undefined) await page.check(`input[name="${name}-known"][value="unknown"]`);
  else if (value.length === 0) await page.check(`input[name="${name}-known"][value="no"]`);
  else await page.check(`input[name="${name}-known"][value="yes"]`);
}

/** Fills the whole questionnaire through the page from a CONTRACT profile, then shows results. */
export async function fillProfile(page, profile) {
  if (profile.birthDate) {
    const [y, m, d] = profile.birthDate.split('-');
    await page.fill('#birth-day', d);
    await page.fill('#birth-month', m);
    await page.fill('#birth-year', y);
  } else {
    await page.check('#birth-unknown');
    await page.fill('#age', String(profile.age));
  }
  if (profile.departement !== undefined) await page.fill('#departement', profile.departement);
  await next(page);

  await page.check(`input[name="sex"][value="${profile.sex}"]`);
  if (profile.organs) {
    await page.locator('#organs > summary').click();
    for (const [organ, present] of Object.entries(profile.organs)) {
      await page.check(`input[name="organ-${organ}"][value="${present ? 'yes' : 'no'}"]`);
    }
  }
  await next(page);

  if (profile.conditions === undefined) {
    await page.check('input[name="conditions-known"][value="unknown"]');
  } else {
    for (const code of profile.conditions) await page.check(`input[name="condition"][value="${code}"]`);
    await page.check('input[name="conditions-known"][value="yes"]');
  }
  if (profile.pregnant !== undefined) await page.check(`input[name="pregnant"][value="${profile.pregnant ? 'yes' : 'no'}"]`);
  await next(page);

  const smoking = profile.smoking;
  await page.check(`input[name="smoking"][value="${smoking?.status ?? 'unknown'}"]`);
  if (smoking?.packYears !== undefined) await page.fill('#pack-years', String(smoking.packYears));
  if (smoking?.quitDate) {
    const [y, m] = smoking.quitDate.split('-');
    await page.fill('#quit-month', m);
    await page.fill('#quit-year', y);
  }
  await next(page);

  if (profile.heightCm !== undefined) await page.fill('#height', String(profile.heightCm));
  if (profile.weightKg !== undefined) await page.fill('#weight', String(profile.weightKg));
  if (profile.ancestry !== undefined) {
    for (const code of profile.ancestry) await page.check(`input[name="ancestry"][value="${code}"]`);
    if (profile.ancestry.length === 0) await page.check('#ancestry-none');
  }
  await next(page);

  await known(page, 'family', profile.familyHistory);
  for (const [i, relative] of (profile.familyHistory ?? []).entries()) {
    await page.click('#add-relative');
    const row = page.locator('.relative').nth(i);
    await row.locator('select[name="relation"]').selectOption(relative.relation);
    await row.locator('select[name="family-condition"]').selectOption(relative.condition);
    if (relative.ageAtDiagnosis !== undefined) await row.locator('input[name="age-at-diagnosis"]').fill(String(relative.ageAtDiagnosis));
  }
  await next(page);

  await known(page, 'screenings', profile.screenings);
  for (const [i, screening] of (profile.screenings ?? []).entries()) {
    await page.click('#add-screening');
    const row = page.locator('.screening').nth(i);
    await row.locator('select[name="test"]').selectOption(screening.test);
    await row.locator('input[name="test-date"]').fill(screening.date);
    await row.locator('select[name="result"]').selectOption(screening.result ?? 'unknown');
  }
  await next(page);

  await known(page, 'vaccinations', profile.vaccinations);
  for (const [i, vaccination] of (profile.vaccinations ?? []).entries()) {
    await page.click('#add-vaccination');
    const row = page.locator('.vaccination').nth(i);
    await row.locator('select[name="vaccine"]').selectOption(vaccination.vaccine);
    await row.locator('input[name="vaccine-date"]').fill(vaccination.date);
  }
  await page.click('#next');
  await page.locator('#results').waitFor({ state: 'visible' });
}

/** The nudges the page shows: [{ program, status, dueDate }], in page order. */
export function shownNudges(page) {
  return page.$$eval('article.nudge', (cards) => cards.map((c) => ({
    program: c.dataset.program,
    status: c.dataset.status,
    dueDate: c.dataset.dueDate || null,
  })));
}

/** What the command line says for the same profile and date: [{ program, status, dueDate }]. */
export function cliNudges(profile, asOf, locale = 'fr', rules = 'fr') {
  return cliReport(profile, asOf, locale, rules).nudges.map((n) => ({ program: n.program, status: n.status, dueDate: n.dueDate }));
}

/** The whole report `vigie eval` gives for `profile` with `rules/<rules>` (the newest version in force). */
export function cliReport(profile, asOf, locale = 'fr', rules = 'fr') {
  return JSON.parse(cliReportText(profile, asOf, locale, rules));
}

/** The same, as the bytes `vigie eval` prints. */
export function cliReportText(profile, asOf, locale = 'fr', rules = 'fr') {
  const cli = join(root, 'target', 'release', 'vigie');
  const run = spawnSync(cli, ['eval', '--rules', join(root, 'rules', rules), '--as-of', asOf, '--locale', locale, '-'],
    { input: JSON.stringify(profile), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`vigie eval failed: ${run.stderr}`);
  return run.stdout;
}

/** What `vigie programs` says the French rule set covers on `asOf`: [{ program, title, description }]. */
export function cliPrograms(asOf, locale) {
  const cli = join(root, 'target', 'release', 'vigie');
  const run = spawnSync(cli, ['programs', '--rules', join(root, 'rules', 'fr'), '--as-of', asOf, '--locale', locale],
    { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`vigie programs failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** Runs axe-core in the page; returns serious and critical violations. */
export async function seriousViolations(page) {
  await page.evaluate(readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** Runs the release command line with `args` (and `input` on stdin); its stdout as JSON. */
function cliJson(args, input) {
  const cli = join(root, 'target', 'release', 'vigie');
  const run = spawnSync(cli, args, { input, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`vigie ${args[0]} failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** Every question the rule set declares (`vigie questions`): { questions, priority }. */
export function cliQuestionnaire(locale = 'fr', rules = 'fr') {
  return cliJson(['questions', '--rules', join(root, 'rules', rules), '--locale', locale]);
}

/** The profile answers make (`vigie answers`). */
export function cliProfileFromAnswers(answers, asOf, rules = 'fr') {
  return cliJson(['answers', '--rules', join(root, 'rules', rules), '--as-of', asOf, '-'], JSON.stringify({ answers }));
}

/** The report with its open questions (`vigie eval --questions`). */
export function cliQuestions(profile, asOf, locale = 'fr', rules = 'fr') {
  return cliJson(['eval', '--rules', join(root, 'rules', rules), '--as-of', asOf, '--locale', locale, '--questions', '-'],
    JSON.stringify(profile));
}

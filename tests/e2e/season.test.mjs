// The page on given days (a fixed clock): this winter's flu advice, and rules past their review-by
// date saying so in plain words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, fillProfile, shownNudges, cliNudges } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const woman72 = (vaccinations) => ({ birthDate: '1954-03-02', sex: 'female', conditions: [], familyHistory: [], screenings: [], vaccinations });

async function resultsOn(today, profile) {
  const context = await env.browser.newContext();
  const page = await open(context, env.url, { today });
  await fillProfile(page, profile);
  return { context, page };
}

test('2026-12-05: a 72-year-old vaccinated against flu on 2026-10-01 sees it among what she already does well', async () => {
  const { context, page } = await resultsOn('2026-12-05', woman72([{ vaccine: 'influenza', date: '2026-10-01' }]));
  assert.equal(await page.getAttribute('#results', 'data-as-of'), '2026-12-05');
  const well = page.locator('#well-list [data-program="vaccine-influenza"]');
  assert.equal(await well.count(), 1);
  assert.equal(await well.getAttribute('data-status'), 'up-to-date');
  assert.equal(await page.locator('#nudges [data-program="vaccine-influenza"]').count(), 0);
  assert.ok(await page.locator('#report-warnings').isHidden(), 'rules checked on 2026-12-05 are not stale that day');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('2026-12-05: an unvaccinated 72-year-old is told to go now', async () => {
  const profile = woman72([]);
  const { context, page } = await resultsOn('2026-12-05', profile);
  const card = page.locator('#nudges [data-program="vaccine-influenza"]');
  assert.equal(await card.getAttribute('data-status'), 'due');
  assert.match(await card.locator('.message').textContent(), /c'est le moment de vous faire vacciner/);
  assert.match(await card.locator('.action').textContent(), /dès maintenant/);
  const byProgram = (list) => [...list].sort((a, b) => a.program.localeCompare(b.program));
  assert.deepEqual(byProgram(await shownNudges(page)), byProgram(cliNudges(profile, '2026-12-05')));
  await context.close();
});

test('2027-12-01: rules past their review-by date say so in plain words, with what to do', async () => {
  const { context, page } = await resultsOn('2027-12-01', woman72([]));
  const box = page.locator('#report-warnings');
  assert.ok(await box.isVisible());
  const text = await box.textContent();
  assert.match(text, /Ces règles ont été vérifiées le 5 décembre 2026/);
  assert.match(text, /campagne de vaccination de cette saison n'y figurent peut-être pas/);
  assert.match(text, /Campagne habituelle contre la grippe/);
  assert.match(text, /Demandez confirmation à votre pharmacien ou à votre médecin/);
  // The directory of screening centres (fr 2026.1.0 [directory.crcdc]) is past its review-by date too.
  assert.match(text, /Les noms et sites indiqués \(Centre régional de coordination des dépistages des cancers\) devaient être revus avant le 1er juin 2027/);
  await context.close();
});

// The rule authors' studio in headless Chromium (issue 19), as an author uses it, from the keyboard
// and the mouse: open fr@2025.1.0, break a rule and see the diagnostic at its line, fix it, run the
// cases, move the breast programme's start age, see the cases that must fail fail and the diff
// against 2025.1.0 shift the right age band, create a new version, export the bundle and the zip —
// every number checked against the native command line on the same edit. Also: axe-core, the
// keyboard, offline, no request leaves the origin, no CSP violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { root, start, screenshots, seriousViolations } from '../e2e/helpers.mjs';

const cli = join(root, 'target', 'release', 'vigie');
const RULE = 'rules/breast/organised-screening.rhai';
const AS_OF = '2026-01-15';
const PEOPLE = '20000';

let env;
let work;
before(async () => {
  env = await start();
  work = mkdtempSync(join(tmpdir(), 'vigie-studio-e2e-'));
});
after(async () => {
  await env?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

function vigie(args, input) {
  const ran = spawnSync(cli, args, { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: ran.status, stdout: ran.stdout, stderr: ran.stderr };
}

/** The same edit on disk: fr 2025.1.0 with the breast programme from 45 (the native reference). */
function editedOnDisk() {
  const dir = join(work, 'native', 'fr', '2025.1.0');
  cpSync(join(root, 'rules', 'fr', '2025.1.0'), dir, { recursive: true });
  const file = join(dir, RULE);
  const text = readFileSync(file, 'utf8')
    .replace('let start = person.birthday(50);', 'let start = person.birthday(45);')
    .replace('if person.age < 50 {', 'if person.age < 45 {');
  writeFileSync(file, text);
  return dir;
}

/** A page of the studio, with what it asks of the network and what the CSP blocks recorded. */
async function openStudio(context, query = '?lang=fr') {
  const page = await context.newPage();
  page.problems = [];
  page.requests = [];
  page.on('pageerror', (err) => page.problems.push(`page error: ${err.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => page.requests.push({ url: r.url(), method: r.method() }));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${env.url}studio/${query}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  return page;
}

const checkState = (page) => page.locator('#check-state');

async function waitChecked(page, words) {
  await page.waitForFunction((w) => document.querySelector('#check-state')?.textContent === w, words, { timeout: 30_000 });
}

/** CodeMirror's "go to line" (Ctrl+Alt+G), as an author at the keyboard reaches a line. */
async function goToLine(page, line) {
  await page.keyboard.press('Control+Alt+g');
  const field = page.locator('.cm-panel input[name="line"]');
  await field.waitFor();
  await field.fill(String(line));
  await field.press('Enter');
}

/** The line numbers where the editor's lint gutter shows an error marker. */
function markedLines(page) {
  return page.evaluate(() => {
    const root = document.querySelector('#editor').shadowRoot;
    const numbers = [...root.querySelectorAll('.cm-lineNumbers .cm-gutterElement')];
    return [...root.querySelectorAll('.cm-lint-marker-error')].map((marker) => {
      const top = marker.getBoundingClientRect().top;
      const row = numbers.find((n) => Math.abs(n.getBoundingClientRect().top - top) < 3);
      return Number(row?.textContent);
    });
  });
}

test('open fr@2025.1.0, break and fix a rule, run the cases, move the breast start age, diff, new version, export', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const page = await openStudio(context);

  // Open the published version from the list.
  await page.selectOption('#shipped', 'fr@2025.1.0');
  await page.click('#open-shipped');
  await waitChecked(page, 'Aucun problème');
  assert.match(await page.locator('#problem-summary').textContent(), /fr 2025\.1\.0 : aucun problème \(18 règles\), sha256:0c77a9d0/);
  assert.deepEqual(await seriousViolations(page), [], 'axe-core, the workbench');

  // A syntax error: the diagnostic comes as one types, at its line.
  await page.getByRole('button', { name: RULE, exact: true }).click();
  await page.locator('#editor .cm-content').click();
  await goToLine(page, 21);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('let x = ;');
  await page.waitForFunction(() => /problème/.test(document.querySelector('#check-state')?.textContent) && document.querySelector('#check-state').textContent !== 'Aucun problème', null, { timeout: 30_000 });
  const problems = await page.locator('#problem-list li').allTextContents();
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0], new RegExp(`^${RULE.replaceAll('.', '\\.')}:22:\\d+: `));
  // The native command line places it identically.
  const broken = join(work, 'broken', 'fr', '2025.1.0');
  cpSync(join(root, 'rules', 'fr', '2025.1.0'), broken, { recursive: true });
  const lines = readFileSync(join(broken, RULE), 'utf8').split('\n');
  lines.splice(21, 0, 'let x = ;');
  writeFileSync(join(broken, RULE), lines.join('\n'));
  const native = vigie(['check', broken]).stderr.split('\n')[0];
  assert.equal(problems[0], native.slice(`${broken}/`.length), 'the same place and words as `vigie check`');
  await page.waitForFunction(() => document.querySelector('#editor').shadowRoot.querySelector('.cm-lint-marker-error'));
  assert.deepEqual(await markedLines(page), [22], 'the marker is in the gutter of line 22');
  assert.match(await page.locator('#file-list button.current').textContent(), /1 problème/);

  // Fix it: the line goes, the check is clean again.
  await page.locator('#editor .cm-content').focus();
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await waitChecked(page, 'Aucun problème');
  await page.waitForFunction(() => !document.querySelector('#editor').shadowRoot.querySelector('.cm-lint-marker-error'));

  // Run the cases: all pass.
  await page.click('#tab-cases');
  await page.click('#run-cases');
  await page.waitForFunction(() => /réussi/.test(document.querySelector('#cases-summary')?.textContent ?? ''), null, { timeout: 60_000 });
  assert.equal(await page.locator('#cases-summary strong').textContent(), '506 réussi(s), 0 échoué(s)');

  // The breast programme from 45 instead of 50 (two edits at the keyboard).
  await page.locator('#editor .cm-content').click();
  for (const line of [21, 22]) {
    await goToLine(page, line);
    await page.keyboard.press('End');
    // `…birthday(50);` and `… < 50 {`: the two characters before the last two.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('45');
  }
  await waitChecked(page, 'Aucun problème');
  const shown = await page.evaluate(() => [...document.querySelector('#editor').shadowRoot.querySelectorAll('.cm-line')].map((l) => l.textContent));
  assert.ok(shown.includes('let start = person.birthday(45);'), 'line 21 edited');
  assert.ok(shown.includes('if person.age < 45 {'), 'line 22 edited');

  // The cases that should fail fail: exactly those `vigie test` fails on the same edit.
  const nativeDir = editedOnDisk();
  const nativeTest = JSON.parse(vigie(['test', nativeDir, '--json']).stdout);
  const nativeFailed = nativeTest.versions[0].cases.filter((c) => !c.passed);
  assert.ok(nativeFailed.length > 0);
  await page.click('#run-cases');
  await page.waitForFunction((n) => (document.querySelector('#cases-summary strong')?.textContent ?? '').includes(`${n} échoué`), nativeFailed.length, { timeout: 60_000 });
  assert.equal(await page.locator('#cases-summary strong').textContent(), `${nativeTest.passed} réussi(s), ${nativeTest.failed} échoué(s)`);
  const failedNames = await page.locator('.case-failed .case-name').allTextContents();
  assert.deepEqual(failedNames.sort(), nativeFailed.map((c) => c.name).sort());
  assert.ok(nativeFailed.every((c) => c.file.startsWith('cases/breast')), 'only breast cases fail');
  // For a failure, expected and actual side by side.
  const first = page.locator('.case-failed').filter({ hasText: 'age-only profile, 49' }).first();
  const [expected, actual] = await first.locator('.side-by-side td').allTextContents();
  assert.match(expected, /breast-cancer-screening: upcoming 2026-07-15/);
  assert.match(actual, /breast-cancer-screening: due 2021-07-15/);
  // Its trace: the rule that concluded, the facts it read, a link to its line.
  await first.getByRole('button', { name: 'Trace' }).click();
  const trace = page.locator('#trace');
  await trace.waitFor({ state: 'visible' });
  assert.match(await trace.textContent(), /breast\/organised-screening — a conclu : due/);
  assert.match(await trace.textContent(), /breast\/high-risk — n’a rien conclu/);
  await page.screenshot({ path: join(screenshots, 'studio-trace.png') });
  await page.click('#trace-close');
  await page.screenshot({ path: join(screenshots, 'studio-cases.png') });
  assert.deepEqual(await seriousViolations(page), [], 'axe-core, failed cases shown');

  // The diff against 2025.1.0, in the worker, with progress: the numbers of `vigie diff`.
  await page.click('#tab-compare');
  assert.equal(await page.locator('#compare-with').inputValue(), 'fr@2025.1.0');
  await page.fill('#compare-people', PEOPLE);
  await page.fill('#compare-as-of', AS_OF);
  await page.evaluate(() => {
    window.progressSeen = [];
    new MutationObserver(() => window.progressSeen.push(document.querySelector('#compare-progress-text').textContent))
      .observe(document.querySelector('#compare-progress-text'), { childList: true, subtree: true, characterData: true });
  });
  await page.click('#compare-run');
  await page.locator('#compare-output table.changes').waitFor({ timeout: 120_000 });
  const nativeDiff = JSON.parse(vigie(['diff', join(root, 'rules', 'fr@2025.1.0'), nativeDir, '--people', PEOPLE, '--as-of', AS_OF, '--json']).stdout);
  const rows = await page.locator('#compare-output table.changes tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  assert.equal(rows.length, nativeDiff.population.length);
  for (const [change, tally] of nativeDiff.population) {
    const byAge = Object.entries(tally.byAgeBand).sort(([a], [b]) => parseInt(a, 10) - parseInt(b, 10)).map(([k, n]) => `${k}: ${n}`).join(', ');
    const row = rows.find((r) => r[0] === change.program && r[1] === (change.dateOnly ? `${change.from} (date)` : `${change.from} → ${change.to}`));
    assert.ok(row, `a row for ${JSON.stringify(change)}`);
    assert.equal(row[2], String(tally.people));
    assert.equal(row[4], byAge);
  }
  // The shift is in the right age bands: 44 (announced) to 49, and only the breast programme.
  assert.deepEqual([...new Set(nativeDiff.population.map(([c]) => c.program))], ['breast-cancer-screening']);
  const newlyInvited = nativeDiff.population.find(([c]) => c.from === 'absent' && c.to === 'due');
  assert.deepEqual(Object.keys(newlyInvited[1].byAgeBand), ['45-54']);
  assert.deepEqual(newlyInvited[1].ages, { youngest: 45, oldest: 48 });
  assert.match(await page.locator('#compare-output').textContent(), /Cas comparés : \d+/);
  assert.ok(await page.locator('#compare-output svg.chart rect').count() > 0, 'the chart is drawn');
  const progress = await page.evaluate(() => window.progressSeen);
  assert.ok(progress.some((text) => /^(\d+) \/ 20000 personnes$/.test(text) && !/^0 |^20000 /.test(text)), `progress while it ran: ${progress.slice(0, 5)}`);
  await page.screenshot({ path: join(screenshots, 'studio-compare.png') });
  assert.deepEqual(await seriousViolations(page), [], 'axe-core, the comparison');

  // Exporting the changed published version under its own number is refused: frozen.
  await page.click('#tab-export');
  await page.click('#export-bundle');
  await page.getByText('créez d’abord une nouvelle version').waitFor();
  assert.equal(await page.locator('#published').isVisible(), true);

  // A new version: number, in-force date, change note.
  await page.locator('#published button.new-version').click();
  await page.fill('#nv-version', '2025.1.0');
  await page.fill('#nv-in-force', '2026-01-01');
  await page.click('#nv-form button[type="submit"]');
  assert.match(await page.locator('#nv-version-error').textContent(), /existe déjà/);
  assert.match(await page.locator('#nv-changes-error').textContent(), /ce qui change/);
  await page.fill('#nv-version', '2025.2.0');
  await page.fill('#nv-changes', 'Dépistage du sein dès 45 ans (exemple de test, pas une recommandation)');
  await page.click('#nv-form button[type="submit"]');
  await page.locator('#published').waitFor({ state: 'hidden' });
  await waitChecked(page, 'Aucun problème');
  assert.match(await page.locator('#ws-title').textContent(), /^fr 2025\.2\.0/);

  // Export the bundle: its digest is shown; `vigie eval --rules <bundle>` gives the edited result.
  const bundleDownload = page.waitForEvent('download');
  await page.click('#export-bundle');
  const bundleFile = join(work, 'fr-2025.2.0.json');
  await (await bundleDownload).saveAs(bundleFile);
  const bundle = JSON.parse(readFileSync(bundleFile, 'utf8'));
  assert.equal(bundle.version, '2025.2.0');
  assert.match(await page.locator('#export-output').textContent(), new RegExp(bundle.digest.replace(':', ':')));
  const woman46 = JSON.stringify({ birthDate: '1979-06-10', sex: 'female', organs: { breasts: true, cervix: true } });
  const edited = JSON.parse(vigie(['eval', '--rules', bundleFile, '--as-of', AS_OF, '-'], woman46).stdout);
  const original = JSON.parse(vigie(['eval', '--rules', join(root, 'rules', 'fr@2025.1.0'), '--as-of', AS_OF, '-'], woman46).stdout);
  const breast = (report) => report.nudges.find((n) => n.program === 'breast-cancer-screening');
  assert.equal(breast(original), undefined, 'at 46, no breast nudge in 2025.1.0');
  assert.equal(breast(edited)?.status, 'due', 'at 46, due with the edited rules');
  assert.equal(breast(edited).dueDate, '2024-06-10', 'since the 45th birthday');
  assert.equal(edited.ruleset.version, '2025.2.0');
  assert.equal(edited.ruleset.digest, bundle.digest);

  // Export the folder as a zip: unzipped, the native command bundles it to the same digest.
  const zipDownload = page.waitForEvent('download');
  await page.click('#export-zip');
  const zipFile = join(work, 'fr-2025.2.0.zip');
  await (await zipDownload).saveAs(zipFile);
  const unzipped = join(work, 'unzipped');
  mkdirSync(unzipped);
  execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zipFile, unzipped]);
  const checked = vigie(['check', join(unzipped, 'fr', '2025.2.0')]);
  assert.equal(checked.code, 0, checked.stderr);
  assert.match(checked.stdout, new RegExp(bundle.digest));
  assert.match(await page.locator('#export-bundle-output').textContent(), new RegExp(bundle.digest), 'the digest stays shown');
  const retested = vigie(['test', join(unzipped, 'fr', '2025.2.0')]);
  assert.match(retested.stdout, new RegExp(`${nativeTest.passed} passed, ${nativeTest.failed} failed\\n$`));

  await page.screenshot({ path: join(screenshots, 'studio-export.png') });
  assert.deepEqual(page.problems, []);
  const origin = new URL(env.url).origin;
  assert.deepEqual(page.requests.filter((r) => !r.url.startsWith(origin) && !r.url.startsWith('blob:') && !r.url.startsWith('data:')), [], 'nothing leaves the origin');
  assert.deepEqual(page.requests.filter((r) => r.method !== 'GET'), [], 'nothing is sent');
  await context.close();
});

test('the work is kept on the device: a reload restores the edited files', async () => {
  const context = await env.browser.newContext();
  const page = await openStudio(context, '?lang=en&open=fr@2026.2.0');
  await waitChecked(page, 'No problems');
  await page.getByRole('button', { name: 'ruleset.toml', exact: true }).click();
  await page.locator('#editor .cm-content').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# kept across a reload\n');
  await page.waitForTimeout(900); // the working copy is saved 500 ms after the last key
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.locator('#restored').waitFor();
  assert.match(await page.locator('#restored-text').textContent(), /Your work of .* was found on this device/);
  const firstLine = await page.evaluate(() => document.querySelector('#editor').shadowRoot.querySelector('.cm-line').textContent);
  assert.equal(firstLine, '# kept across a reload');
  assert.match(await page.getByRole('button', { name: /^ruleset\.toml/ }).textContent(), /changed/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('the keyboard: tabs with the arrows, Ctrl+Enter runs the cases; English; axe-core on the start screen', async () => {
  const context = await env.browser.newContext();
  const page = await openStudio(context, '?lang=en');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(await seriousViolations(page), [], 'axe-core, the start screen');
  await page.selectOption('#shipped', 'us@2024.1.0');
  await page.locator('#shipped').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'open-shipped');
  await page.keyboard.press('Enter');
  await waitChecked(page, 'No problems');
  await page.locator('#tab-problems').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-cases');
  assert.equal(await page.locator('#panel-cases').isVisible(), true);
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => /passed/.test(document.querySelector('#cases-summary')?.textContent ?? ''), null, { timeout: 60_000 });
  const nativeTest = vigie(['test', join(root, 'rules', 'us@2024.1.0')]).stdout.trim().split('\n').at(-1);
  assert.equal(await page.locator('#cases-summary strong').textContent(), nativeTest);
  assert.deepEqual(await seriousViolations(page), [], 'axe-core, English, cases run');

  // A new rule file: refused with words at a wrong path, created at a right one; the check then
  // says what the manifest lacks (the rule is not listed), as \`vigie check\` would; deleted again.
  await page.click('#new-file');
  await page.fill('#nf-path', 'notes.txt');
  await page.keyboard.press('Enter');
  assert.match(await page.locator('#nf-path-error').textContent(), /not one of a rule-set file/);
  await page.fill('#nf-path', 'rules/extra/draft.rhai');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#file-name')?.textContent === 'rules/extra/draft.rhai');
  await page.waitForFunction(() => /problem/.test(document.querySelector('#check-state')?.textContent ?? '') && document.querySelector('#check-state').textContent !== 'No problems', null, { timeout: 30_000 });
  const listed = await page.locator('#problem-list').textContent();
  const nativeDir = join(work, 'us-extra', '2024.1.0');
  cpSync(join(root, 'rules', 'us', '2024.1.0'), nativeDir, { recursive: true });
  mkdirSync(join(nativeDir, 'rules', 'extra'));
  writeFileSync(join(nativeDir, 'rules', 'extra', 'draft.rhai'), await page.evaluate(() => [...document.querySelector('#editor').shadowRoot.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n')));
  const nativeCheck = vigie(['check', nativeDir]);
  assert.notEqual(nativeCheck.code, 0);
  assert.ok(listed.includes(nativeCheck.stderr.split('\n')[0].slice(nativeDir.length + 1).split(': ').slice(1).join(': ')), `${listed} / ${nativeCheck.stderr}`);
  page.once('dialog', (dialog) => dialog.accept());
  await page.click('#delete-file');
  await waitChecked(page, 'No problems');
  assert.equal(await page.getByRole('button', { name: 'rules/extra/draft.rhai' }).count(), 0);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a bundle opens (unbundled in the browser), chosen or dropped, and a folder opens from disk; bad input is said in words', async () => {
  const context = await env.browser.newContext();
  const page = await openStudio(context, '?lang=en');
  const bundleFile = join(work, 'us.json');
  assert.equal(vigie(['bundle', join(root, 'rules', 'us@2024.1.0'), '-o', bundleFile]).code, 0);
  const digest = JSON.parse(readFileSync(bundleFile, 'utf8')).digest;
  await page.setInputFiles('#bundle-input', bundleFile);
  await waitChecked(page, 'No problems');
  assert.match(await page.locator('#problem-summary').textContent(), new RegExp(digest));

  await page.click('#open-again');
  await page.setInputFiles('#folder-input', join(root, 'rules', 'fr-cancer-screening'));
  await page.waitForFunction(() => /^fr-cancer-screening /.test(document.querySelector('#ws-title')?.textContent ?? ''));
  await waitChecked(page, 'No problems');

  // A folder of versions (rules/fr): the newest opens, the others are offered to compare with,
  // and the comparison is `vigie diff`'s.
  await page.click('#open-again');
  await page.setInputFiles('#folder-input', join(root, 'rules', 'fr'));
  await page.waitForFunction(() => /^fr 2026\.2\.0 /.test(document.querySelector('#ws-title')?.textContent ?? ''));
  await waitChecked(page, 'No problems');
  await page.waitForFunction(() => /other versions \(2026\.1\.0, 2025\.1\.0, 2024\.1\.0\)/.test(document.querySelector('#status')?.textContent ?? ''));
  await page.click('#tab-compare');
  assert.equal(await page.locator('#compare-with').inputValue(), 'disk:2026.1.0');
  await page.fill('#compare-people', '2000');
  await page.fill('#compare-as-of', '2026-12-05');
  await page.click('#compare-run');
  await page.locator('#compare-output > p').first().waitFor({ timeout: 60_000 });
  const folderDiff = JSON.parse(vigie(['diff', join(root, 'rules', 'fr', '2026.1.0'), join(root, 'rules', 'fr', '2026.2.0'), '--people', '2000', '--as-of', '2026-12-05', '--json']).stdout);
  const head = await page.locator('#compare-output > p').first().textContent();
  assert.equal(head, `A: fr@2026.1.0 (${folderDiff.a.digest}) · B: fr@2026.2.0 (${folderDiff.b.digest})`);
  assert.equal(await page.locator('#compare-output table.changes tbody tr').count(), folderDiff.population.length);
  await page.click('#tab-problems');

  // A bundle dropped on the page opens the same way (drag and drop of a file).
  await page.click('#open-again');
  await page.evaluate(async (text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped-us.json', { type: 'application/json' }));
    document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, readFileSync(bundleFile, 'utf8'));
  await page.waitForFunction(() => /\(dropped-us\.json\)$/.test(document.querySelector('#ws-title')?.textContent ?? ''));
  await waitChecked(page, 'No problems');
  assert.match(await page.locator('#problem-summary').textContent(), new RegExp(digest));

  await page.click('#open-again');
  const notRules = join(work, 'not-rules.json');
  writeFileSync(notRules, '{"format": "nothing"}');
  await page.setInputFiles('#bundle-input', notRules);
  await page.waitForFunction(() => /Could not open/.test(document.querySelector('#status')?.textContent ?? ''));
  assert.match(await page.locator('#status').textContent(), /not-rules\.json/);
  // The rule set in place stays.
  assert.match(await page.locator('#ws-title').textContent(), /^us 2024\.1\.0 \(dropped-us\.json\)$/);
  await context.close();
});

test('offline: once opened, the studio opens and checks with the network cut', async () => {
  const context = await env.browser.newContext();
  const page = await openStudio(context, '?lang=fr');
  await page.waitForSelector('body[data-offline="ready"]', { timeout: 60_000 });
  await context.setOffline(true);
  await page.goto(`${env.url}studio/?lang=fr&open=fr@2024.1.0`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  await waitChecked(page, 'Aucun problème');
  await context.setOffline(false);
  await context.close();
});

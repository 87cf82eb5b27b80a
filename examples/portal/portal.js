// The example portal: reads a FHIR R4 bundle (a file, or the FR Core example), imports it with the
// package in a worker, and hands the profile to <vigie-check>, which asks only what is still open.
// Everything stays in the browser.
import { createVigieWorker } from './pkg/worker/client.js';

const check = document.querySelector('vigie-check');
// `?worker=off` runs the element's engine on the page's thread, to compare (tests/e2e/element.test.mjs).
if (new URLSearchParams(location.search).get('worker') === 'off') check.setAttribute('worker', 'off');
await import('./pkg/element/index.js');
const status = document.querySelector('#import-status');
let vigie;

async function engine() {
  vigie ??= await createVigieWorker({ ruleset: 'fr' });
  return vigie;
}

/** Imports `bundle` (JSON text) and prefills the element; says what was used and what was not. */
async function use(text, origin) {
  status.textContent = 'Lecture du dossier…';
  let imported;
  try {
    imported = await (await engine()).importFhir(text);
  } catch (err) {
    // The package's error names each problem with its JSON path.
    const problems = (err.problems ?? []).map((p) => `${p.path || '(dossier)'} : ${p.message}`);
    status.textContent = `Ce dossier n'a pas pu être lu (${err.code ?? 'erreur'}) : ${problems.join(' ; ') || err.message}`;
    return;
  }
  const notUsed = imported.notUsed ?? [];
  status.textContent = `${origin} : dossier lu. ${notUsed.length} élément(s) non utilisé(s). Vos réponses sont préremplies ci-dessous.`;
  const list = document.querySelector('#not-used-list');
  list.replaceChildren(...notUsed.map((n) => {
    const li = document.createElement('li');
    li.textContent = `${n.path} — ${n.reason ?? n.kind}`;
    return li;
  }));
  document.querySelector('#not-used').hidden = notUsed.length === 0;
  check.profile = imported.profile;
}

document.querySelector('#bundle-file').addEventListener('change', async (event) => {
  const file = event.target.files?.[0];
  if (file) await use(await file.text(), file.name);
});
document.querySelector('#sample').addEventListener('click', async () => {
  const response = await fetch('./samples/frcore-examples.json');
  await use(await response.text(), 'Dossier d\'exemple FR Core');
});
check.addEventListener('vigie-report', (event) => {
  document.title = `Portail — ${event.detail.report.nudges.filter((n) => n.status === 'due').length} dépistage(s) ou vaccin(s) à faire`;
});

// The CDS Hooks service over HTTP: discovery, a patient-view with prefetch (the same cards as
// `vigie eval --fhir --format cds-hooks`), and every way a request can be wrong — each answered
// clearly, none stopping the service from answering the next.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCdsService, DISCOVERY, PREFETCH, REQUIRED_PREFETCH, prefetchBundle } from '../cds-service.mjs';
import { call, hook, rawConnection, requestFromBundle } from './helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'target', 'release', 'vigie');
const AS_OF = '2026-12-05';

/** The FR Core examples (a man born 1974, a flu vaccination, height, weight, a condition, a procedure). */
function frCoreBundle() {
  for (const path of ['tests/fhir/frcore-examples.json', '../research-15/bundles/frcore-examples.json']) {
    const full = join(root, path);
    if (existsSync(full)) return JSON.parse(readFileSync(full, 'utf8'));
  }
  throw new Error('no FR Core example bundle found (tests/fhir/frcore-examples.json)');
}

/** What `vigie eval --fhir --format cds-hooks` prints for a bundle. */
function cliCards(bundle, locale = 'fr', rules = 'fr') {
  const run = spawnSync(cli, ['eval', '--rules', join(root, 'rules', rules), '--fhir', '--as-of', AS_OF,
    '--locale', locale, '--format', 'cds-hooks', '-'], { input: JSON.stringify(bundle), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

let service;
before(async () => {
  service = await startCdsService({ port: 0, asOf: AS_OF, headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, maxBodyBytes: 200_000 });
});
after(() => service.close());

const valid = () => requestFromBundle(frCoreBundle(), PREFETCH);

test('discovery lists the patient-view service with a prefetch template for every resource the import reads', async () => {
  const answer = await call(`${service.url}/cds-services`);
  assert.equal(answer.status, 200);
  assert.match(answer.headers['content-type'], /^application\/json/);
  assert.equal(answer.headers['access-control-allow-origin'], '*');
  assert.deepEqual(answer.json, DISCOVERY);
  const [entry] = answer.json.services;
  assert.equal(entry.hook, 'patient-view');
  assert.equal(entry.prefetch.patient, 'Patient/{{context.patientId}}');
  const searched = Object.values(entry.prefetch).map((t) => t.split('?')[0]).sort();
  assert.deepEqual(searched, ['Condition', 'DiagnosticReport', 'FamilyMemberHistory', 'Immunization', 'List', 'Observation', 'Patient/{{context.patientId}}', 'Procedure']);
  for (const template of Object.values(entry.prefetch).filter((t) => t.includes('?'))) {
    assert.match(template, /\?patient=\{\{context\.patientId\}\}$/);
  }
  const preflight = await call(`${service.url}/cds-services/vigie-prevention`, {
    method: 'OPTIONS', headers: { Origin: 'https://sandbox.cds-hooks.org', 'Access-Control-Request-Method': 'POST' },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers['access-control-allow-methods'], 'GET, POST, OPTIONS');
  assert.equal(preflight.headers['access-control-allow-headers'], 'Authorization, Content-Type');
});

test('a patient-view with prefetch answers the cards of vigie eval --fhir --format cds-hooks', async () => {
  const request = valid();
  const answer = await hook(service, request);
  assert.equal(answer.status, 200, answer.text);
  assert.match(answer.headers['content-type'], /^application\/json/);
  assert.equal(answer.headers['cache-control'], 'no-store');
  assert.equal(answer.text + '\n', cliCards(prefetchBundle(request).bundle));
  assert.ok(answer.json.cards.length > 0);
  for (const card of answer.json.cards) {
    assert.ok(['info', 'warning', 'critical'].includes(card.indicator));
    assert.ok([...card.summary].length < 140);
    assert.match(card.source.label, /^Règles Vigie fr /);
  }
  // The vaccination in the record counts: no "due" flu card for a man of 51 vaccinated this season? He
  // is not in a risk group; what matters is that the record was read: his age is on the cards.
  assert.ok(answer.json.cards.some((card) => card.detail.includes('Âge : 51 ans.')), answer.text);
  // The same record as one bundle gives the same cards.
  assert.deepEqual(answer.json, JSON.parse(cliCards(frCoreBundle())));
});

test('a refer stands out: a mother with breast cancer at 35 makes a critical card', async () => {
  const bundle = JSON.parse(readFileSync(join(root, 'tests/fhir/eisinger-mother-at-35.json'), 'utf8'));
  const request = requestFromBundle(bundle, PREFETCH);
  const answer = await hook(service, request);
  assert.equal(answer.status, 200, answer.text);
  const [first] = answer.json.cards;
  assert.equal(first.indicator, 'critical');
  assert.match(first.summary, /^Dépistage du cancer du sein : hors programme standard, orienter$/);
  assert.match(first.detail, /Antécédent familial : mère, cancer du sein, à 35 ans au diagnostic\./);
  assert.equal(answer.text + '\n', cliCards(prefetchBundle(request).bundle));
  // The patient included again in a searchset is not a second patient.
  request.prefetch.observations.entry.push({ resource: request.prefetch.patient, search: { mode: 'include' } });
  assert.equal((await hook(service, request)).text, answer.text);
});

test('a record Vigie cannot make a profile of is a 422 naming where, in the request', async () => {
  const request = valid();
  delete request.prefetch.patient.birthDate;
  const answer = await hook(service, request);
  assert.equal(answer.status, 422);
  assert.equal(answer.json.resourceType, 'OperationOutcome');
  assert.deepEqual(answer.json.issue.map((i) => i.expression[0]), ['prefetch.patient.birthDate']);
  assert.match(answer.json.issue[0].diagnostics, /no birth date/);
  const badDate = valid();
  badDate.prefetch.immunizations.entry[0].resource.occurrenceDateTime = '2024-02-30';
  const refusedDate = await hook(service, badDate);
  assert.equal(refusedDate.status, 422);
  assert.deepEqual(refusedDate.json.issue.map((i) => i.expression[0]), ['prefetch.immunizations.entry[0].resource.occurrenceDateTime']);
});

test('missing prefetch is a 412 with an OperationOutcome naming each missing key', async () => {
  const request = valid();
  delete request.prefetch.observations;
  delete request.prefetch.immunizations;
  let answer = await hook(service, request);
  assert.equal(answer.status, 412);
  assert.match(answer.headers['content-type'], /^application\/fhir\+json/);
  assert.equal(answer.json.resourceType, 'OperationOutcome');
  assert.deepEqual(answer.json.issue.map((i) => i.expression[0]), ['prefetch.observations', 'prefetch.immunizations']);
  assert.ok(answer.json.issue.every((i) => i.severity === 'error' && i.diagnostics.includes('never queries the FHIR server')));

  const none = valid();
  delete none.prefetch;
  answer = await hook(service, none);
  assert.equal(answer.status, 412);
  assert.equal(answer.json.issue.length, REQUIRED_PREFETCH.length);
  assert.ok(!REQUIRED_PREFETCH.includes('lists'));

  const noPatient = valid();
  noPatient.prefetch.patient = null;
  assert.equal((await hook(service, noPatient)).status, 412);

  const failedFetch = valid();
  failedFetch.prefetch.conditions = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'timeout' }] };
  answer = await hook(service, failedFetch);
  assert.equal(answer.status, 412);
  assert.deepEqual(answer.json.issue[0].expression, ['prefetch.conditions']);

  const paged = valid();
  paged.prefetch.observations.link = [{ relation: 'next', url: 'https://fhir.example.org/Observation?page=2' }];
  answer = await hook(service, paged);
  assert.equal(answer.status, 412);
  assert.equal(answer.json.issue[0].code, 'incomplete');

  // null is an answer: the client had nothing for that key.
  const empty = valid();
  empty.prefetch.familyHistory = null;
  assert.equal((await hook(service, empty)).status, 200);
});

test('malformed JSON and requests that are not CDS Hooks calls are a 400', async () => {
  const post = (body, headers = { 'Content-Type': 'application/json' }) => call(`${service.url}/cds-services/vigie-prevention`, { method: 'POST', headers, body });
  for (const body of ['{"hook": "patient-view",', '', 'null', '[1, 2]', '\u00ff\u00fe', '['.repeat(100_000)]) {
    const answer = await post(body);
    assert.equal(answer.status, 400, body.slice(0, 20));
    assert.equal(answer.json.resourceType, 'OperationOutcome');
  }
  const notUtf8 = await post(Buffer.from([0x7b, 0xff, 0x7d]));
  assert.equal(notUtf8.status, 400);
  const request = valid();
  delete request.hookInstance;
  request.context = {};
  const answer = await hook(service, request);
  assert.equal(answer.status, 400);
  assert.deepEqual(answer.json.issue.map((i) => i.expression[0]), ['hookInstance', 'context.patientId']);
  const otherPatient = valid();
  otherPatient.context.patientId = 'someone-else';
  assert.equal((await hook(service, otherPatient)).status, 400);
  assert.equal((await post('{}', { 'Content-Type': 'text/plain' })).status, 415);
});

test('a wrong hook is a 400; an unknown service a 404; a wrong method a 405', async () => {
  const request = valid();
  request.hook = 'order-sign';
  const wrong = await hook(service, request);
  assert.equal(wrong.status, 400);
  assert.equal(wrong.json.issue[0].code, 'not-supported');
  assert.match(wrong.json.issue[0].diagnostics, /this service answers patient-view/);
  const unknown = await hook(service, valid(), '/cds-services/another');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.json.resourceType, 'OperationOutcome');
  assert.equal((await call(`${service.url}/`)).status, 404);
  const get = await call(`${service.url}/cds-services/vigie-prevention`);
  assert.equal(get.status, 405);
  assert.equal(get.headers.allow, 'POST, OPTIONS');
  assert.equal((await call(`${service.url}/cds-services`, { method: 'DELETE' })).status, 405);
});

test('a body over the cap is a 413, whether it says its length or streams without one', async () => {
  const declared = await call(`${service.url}/cds-services/vigie-prevention`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Content-Length': String(10_000_000) },
    body: 'x'.repeat(1_000),
  });
  assert.equal(declared.status, 413);
  assert.equal(declared.json.issue[0].code, 'too-long');
  // Chunked: the service stops reading past 200 000 bytes and answers.
  const chunk = 'x'.repeat(64 * 1024);
  const streamed = await call(`${service.url}/cds-services/vigie-prevention`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: Array.from({ length: 8 }, () => chunk),
  });
  assert.equal(streamed.status, 413);
  // A body that never ends is cut off a second after the answer.
  const endless = rawConnection(service.url);
  endless.socket.write('POST /cds-services/vigie-prevention HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
  const piece = `${(64 * 1024).toString(16)}\r\n${chunk}\r\n`;
  const flood = setInterval(() => endless.socket.write(piece), 5);
  try {
    const started = Date.now();
    const reply = await endless.closed;
    assert.match(reply, /^HTTP\/1\.1 413/);
    assert.ok(Date.now() - started < 3_000);
  } finally {
    clearInterval(flood);
    endless.socket.destroy();
  }
});

test('a slow client does not hold up others, and is cut off by the headers timeout', async () => {
  const slow = rawConnection(service.url);
  slow.socket.write('POST /cds-services/vigie-prevention HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  const drip = setInterval(() => slow.socket.write('X-Slow: 1\r\n'), 200);
  let cutOff = false;
  slow.closed.then(() => {
    cutOff = true;
  });
  try {
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 10 }, () => hook(service, valid())));
    assert.deepEqual(answers.map((a) => a.status), Array(10).fill(200));
    // Answered while the slow client still held its connection: nobody waited for it.
    assert.ok(!cutOff, `10 patient-views took ${Date.now() - started} ms, longer than the slow client was kept`);
    const reply = await slow.closed;
    assert.ok(Date.now() - started < 4_000, 'the slow client was not cut off');
    assert.match(reply, /^(HTTP\/1\.1 408|$)/, reply.slice(0, 40));
  } finally {
    clearInterval(drip);
    slow.socket.destroy();
  }
  // A body that trickles in is cut off by the request timeout.
  const trickle = rawConnection(service.url);
  trickle.socket.write('POST /cds-services/vigie-prevention HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
  const bodyDrip = setInterval(() => trickle.socket.write(' '), 200);
  try {
    assert.match(await trickle.closed, /^HTTP\/1\.1 408/);
  } finally {
    clearInterval(bodyDrip);
    trickle.socket.destroy();
  }
});

test('after bad requests of every kind the service keeps answering', async () => {
  const garbage = rawConnection(service.url);
  garbage.socket.end('\x00\x01 not http at all\r\n\r\n');
  assert.match(await garbage.closed, /^HTTP\/1\.1 400/);
  const bad = [
    call(`${service.url}/cds-services/vigie-prevention`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' }),
    call(`${service.url}/cds-services/vigie-prevention`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': '99999999' }, body: '' }),
    hook(service, { ...valid(), hook: 'order-select' }),
    hook(service, { ...valid(), prefetch: {} }),
    call(`${service.url}/cds-services/../../etc/passwd`),
    call(`${service.url}/cds-services/%E0%A4%A`, { method: 'POST' }),
  ];
  const statuses = (await Promise.all(bad)).map((a) => a.status);
  assert.deepEqual(statuses, [400, 413, 400, 412, 404, 404]);
  assert.equal((await call(`${service.url}/cds-services`)).status, 200);
  const answer = await hook(service, valid());
  assert.equal(answer.status, 200);
  assert.ok(answer.json.cards.length > 0);
});

test('with --rules us, the service runs the United States rules in English, and discovery says so', async () => {
  const us = await startCdsService({ port: 0, asOf: AS_OF, ruleset: 'us' });
  try {
    const discovered = await call(`${us.url}/cds-services`);
    assert.match(discovered.json.services[0].description, /Vigie rule set us 2026\.1\.0/);
    assert.notDeepEqual(discovered.json, DISCOVERY);
    const bundle = JSON.parse(readFileSync(join(root, 'tests', 'fhir', 'uscore-examples.json'), 'utf8'));
    const request = requestFromBundle(bundle, PREFETCH);
    const answer = await hook(us, request);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.text + '\n', cliCards(prefetchBundle(request).bundle, 'en', 'us'));
    assert.ok(answer.json.cards.every((card) => card.source.label.includes('us 2026.1.0')), answer.text);
  } finally {
    await us.close();
  }
});

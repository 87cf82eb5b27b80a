// Shared by the service's tests and its load test: HTTP calls without a client library, so that
// every byte sent (slowly, in chunks, too many) is under the test's control.
import { request } from 'node:http';
import { connect } from 'node:net';

/**
 * One HTTP call: `{ status, headers, text, json }`. `body` is a string or Buffer, or an array of
 * chunks written one after the other (sent chunked when `headers` give no length).
 */
export function call(url, { method = 'GET', headers = {}, body, agent = false } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try {
          json = text === '' ? undefined : JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    // A server that answers before reading the whole body may close while we still write.
    req.on('error', (err) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
    if (Array.isArray(body)) body.forEach((chunk) => req.write(chunk));
    else if (body !== undefined) req.write(body);
    req.end();
  });
}

/** POSTs a CDS Hooks request (an object, sent as JSON) to the service. */
export function hook(service, requestBody, path = '/cds-services/vigie-prevention') {
  return call(`${service.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(requestBody),
  });
}

/** A raw connection to the service: `{ socket, closed }`, `closed` resolving when the server ends it. */
export function rawConnection(url) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const received = [];
  socket.on('data', (chunk) => received.push(chunk));
  socket.on('error', () => {});
  const closed = new Promise((resolve) => socket.on('close', () => resolve(Buffer.concat(received).toString('latin1'))));
  return { socket, closed };
}

/**
 * A patient-view request carrying `bundle`'s resources as prefetch: the Patient, and a searchset
 * per other key of the service's prefetch (empty ones for types the bundle lacks).
 */
export function requestFromBundle(bundle, prefetchTemplates, { patientId } = {}) {
  const resources = (bundle.entry ?? []).map((e) => e.resource).filter(Boolean);
  const patient = resources.find((r) => r.resourceType === 'Patient');
  const id = patientId ?? patient?.id ?? 'example';
  const prefetch = {};
  for (const [key, template] of Object.entries(prefetchTemplates)) {
    const type = template.match(/^([A-Za-z]+)[/?]/)[1];
    if (key === 'patient') {
      prefetch.patient = patient ?? null;
      continue;
    }
    const matching = resources.filter((r) => r.resourceType === type);
    prefetch[key] = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: matching.length,
      entry: matching.map((resource) => ({ resource, search: { mode: 'match' } })),
    };
  }
  return {
    hook: 'patient-view',
    hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
    context: { userId: 'Practitioner/example', patientId: id },
    prefetch,
  };
}

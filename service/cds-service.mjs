// A CDS Hooks 2.0 service for the `patient-view` hook, on the Vigie package (docs/contract.md §6).
//
// The EHR sends the patient's record as prefetch (FHIR R4 resources, or searchset Bundles); the
// service makes one FHIR Bundle of them, lets the package import and evaluate it with the built-in
// French rule set, and answers the cards. It never calls a FHIR server, nor anything else: every
// piece of data it reads comes in the request, and nothing is kept after the answer.
//
// Bad requests get an OperationOutcome and the service keeps answering: malformed JSON (400),
// a body over the cap (413: read as a stream, nothing kept past the cap, the rest dropped —
// for a second at most), a wrong hook or a missing context
// (400), an unknown service (404), missing prefetch (412), a record Vigie cannot make a profile of
// (422); slow clients are cut off by the headers and request timeouts.
import { createServer } from 'node:http';
import { createVigie, VigieError } from '../pkg/node.js';

/** The service's id: it answers at `/cds-services/vigie-prevention`. */
export const SERVICE_ID = 'vigie-prevention';

/**
 * What the service reads, as prefetch templates (CDS Hooks 2.0 §prefetch): the resources the FHIR
 * import reads (docs/contract.md §5).
 */
export const PREFETCH = Object.freeze({
  patient: 'Patient/{{context.patientId}}',
  observations: 'Observation?patient={{context.patientId}}',
  diagnosticReports: 'DiagnosticReport?patient={{context.patientId}}',
  procedures: 'Procedure?patient={{context.patientId}}',
  conditions: 'Condition?patient={{context.patientId}}',
  familyHistory: 'FamilyMemberHistory?patient={{context.patientId}}',
  immunizations: 'Immunization?patient={{context.patientId}}',
  lists: 'List?patient={{context.patientId}}',
});

/**
 * The keys a request must carry (`null` when the client has nothing): without them a card would
 * say "no test on record" of a record the service never saw, and it never fetches anything.
 * `lists` is optional: a List whose emptyReason is nil-known turns "unknown" into "none", and its
 * absence leaves "unknown".
 */
export const REQUIRED_PREFETCH = Object.freeze(Object.keys(PREFETCH).filter((key) => key !== 'lists'));

/** What `GET /cds-services` answers with the built-in French rules (the default); see `discovery`. */
export const DISCOVERY = Object.freeze({
  services: [
    {
      hook: 'patient-view',
      id: SERVICE_ID,
      title: 'Vigie: prevention and screening',
      description:
        'Screening, vaccination and prevention advice from the French rules (Vigie rule set fr, the version in force): '
        + 'one card per programme that asks for something (due, refer, upcoming, information), with its facts and sources.',
      prefetch: PREFETCH,
      usageRequirements:
        'Send every prefetch key but lists (null when there is nothing): the service never queries the FHIR server, and '
        + 'answers 412 when one is missing, is an OperationOutcome, or is a searchset with a next page.',
    },
  ],
});

/** What `GET /cds-services` answers for the rule set a service runs: the French default says so as
 * it always did; another names its id and version. */
export function discovery({ id, version }) {
  if (id === 'fr') return DISCOVERY;
  const [service] = DISCOVERY.services;
  return Object.freeze({
    services: [{
      ...service,
      description: `Screening and prevention advice from the Vigie rule set ${id} ${version} (the version this service runs): `
        + 'one card per programme that asks for something (due, refer, upcoming, information), with its facts and sources.',
    }],
  });
}

/** The largest request body read (the FHIR import reads bundles up to 5 MB). */
export const MAX_BODY_BYTES = 5_000_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An HTTP answer: status, body (an object, sent as JSON) and extra headers. */
class Answer {
  constructor(status, body, headers = {}) {
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** An OperationOutcome answer (FHIR R4), one error issue per `{ code, diagnostics, expression }`. */
function refused(status, issues, headers = {}) {
  const issue = issues.map(({ code, diagnostics, expression }) => ({
    severity: 'error',
    code,
    diagnostics,
    ...(expression === undefined ? {} : { expression: [expression] }),
  }));
  return new Answer(status, { resourceType: 'OperationOutcome', issue }, headers);
}

/**
 * Starts the service on 127.0.0.1. Options: `port` (0: any free one), `asOf` (`YYYY-MM-DD`; the
 * day of each request by default), `locale` (the rule set's first: `fr` for the French rules, `en` for
 * the United States'), `ruleset` (a built-in id, `fr` or `us`, or a bundle from `vigie bundle` as text;
 * the built-in French rules by default), `maxBodyBytes`,
 * `headersTimeoutMs`, `requestTimeoutMs`, `allowOrigin` (CORS; `*` by default).
 * Resolves to `{ server, url, close() }`.
 */
export async function startCdsService(options = {}) {
  const settings = {
    port: 8766,
    maxBodyBytes: MAX_BODY_BYTES,
    headersTimeoutMs: 5_000,
    requestTimeoutMs: 15_000,
    allowOrigin: '*',
    ...options,
  };
  const vigie = await createVigie(settings.ruleset === undefined ? {} : { ruleset: settings.ruleset });
  settings.discovery = discovery(vigie.ruleset());
  const server = createServer({
    headersTimeout: settings.headersTimeoutMs,
    requestTimeout: settings.requestTimeoutMs,
    keepAliveTimeout: 5_000,
    // How often the timeouts above are checked (Node's default, 30 s, would let a slow client
    // hold a connection far longer than they say).
    connectionsCheckingInterval: Math.min(1_000, settings.headersTimeoutMs),
  });
  // A connection that sends nothing at all for this long is closed.
  server.setTimeout(settings.requestTimeoutMs);
  server.maxConnections = 1_024;
  server.on('request', (req, res) => {
    serve(req, res, vigie, settings).catch((err) => {
      // Never a stack trace or record data in an answer.
      console.error(`vigie cds-service: ${err?.message ?? err}`);
      if (!res.headersSent) send(res, refused(500, [{ code: 'exception', diagnostics: 'internal error' }]), settings);
      else res.destroy();
    });
  });
  // A request line or headers Node cannot parse: answer 400 and close, as Node would.
  server.on('clientError', (err, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large'
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address();
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.close(() => {
        vigie.free();
        resolve();
      });
      server.closeAllConnections();
    }),
  };
}

/** Answers one request. */
async function serve(req, res, vigie, settings) {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/+$/, '');
  if (req.method === 'OPTIONS') {
    send(res, new Answer(204, null, preflightHeaders(req)), settings);
    drain(req);
    return;
  }
  if (path === '/cds-services') {
    drain(req);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, notAllowed('GET'), settings, req.method);
      return;
    }
    send(res, new Answer(200, settings.discovery), settings, req.method);
    return;
  }
  const service = path.match(/^\/cds-services\/([^/]+)$/)?.[1];
  if (service !== SERVICE_ID) {
    drain(req);
    const known = `the services are at /cds-services; this server has /cds-services/${SERVICE_ID}`;
    send(res, refused(404, [{ code: 'not-found', diagnostics: `no such service: ${path}; ${known}` }]), settings);
    return;
  }
  if (req.method !== 'POST') {
    drain(req);
    send(res, notAllowed('POST'), settings, req.method);
    return;
  }
  const type = (req.headers['content-type'] ?? 'application/json').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) {
    drain(req);
    send(res, refused(415, [{ code: 'not-supported', diagnostics: `content-type ${type}: send the CDS Hooks request as application/json` }]), settings);
    return;
  }
  const body = await readBody(req, settings.maxBodyBytes);
  if (body === TOO_LARGE) {
    refuseTooLarge(req, res, settings);
    return;
  }
  if (body === null) return; // the client went away
  send(res, answerHook(body, vigie, settings), settings);
}

/** The answer to a hook call, from its body. */
function answerHook(body, vigie, settings) {
  let request;
  try {
    request = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (err) {
    return refused(400, [{ code: 'structure', diagnostics: `the request is not JSON: ${err.message}` }]);
  }
  const problems = requestProblems(request);
  if (problems.length > 0) return refused(400, problems);
  const record = prefetchBundle(request);
  if (record.missing.length > 0) return refused(412, record.missing);
  if (record.problems.length > 0) return refused(400, record.problems);
  const options = { locale: settings.locale, format: 'cds-hooks' };
  if (settings.asOf !== undefined) options.asOf = settings.asOf;
  try {
    return new Answer(200, vigie.evaluateFhirJson(JSON.stringify(record.bundle), options));
  } catch (err) {
    if (!(err instanceof VigieError) || err.code === 'engine-trapped' || err.code === 'internal') throw err;
    const issues = (err.problems ?? []).map((problem) => ({
      code: 'invalid',
      diagnostics: problem.message,
      expression: requestPath(problem.path, record.origins),
    }));
    return refused(422, issues.length > 0 ? issues : [{ code: 'processing', diagnostics: err.message }]);
  }
}

/** What is wrong with a CDS Hooks request to this service, as OperationOutcome issues. */
function requestProblems(request) {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    return [{ code: 'structure', diagnostics: 'a CDS Hooks request is a JSON object' }];
  }
  const problems = [];
  if (request.hook !== 'patient-view') {
    const given = request.hook === undefined ? 'no hook' : `hook ${JSON.stringify(request.hook)}`;
    problems.push({ code: 'not-supported', diagnostics: `${given}: this service answers patient-view`, expression: 'hook' });
  }
  if (typeof request.hookInstance !== 'string' || !UUID.test(request.hookInstance)) {
    problems.push({ code: 'required', diagnostics: 'hookInstance: a UUID is required', expression: 'hookInstance' });
  }
  const context = request.context;
  if (context === null || typeof context !== 'object' || Array.isArray(context)) {
    problems.push({ code: 'required', diagnostics: 'context: an object with patientId is required', expression: 'context' });
  } else if (typeof context.patientId !== 'string' || context.patientId === '' || context.patientId.length > 64) {
    problems.push({ code: 'required', diagnostics: 'context.patientId: the patient\'s id is required', expression: 'context.patientId' });
  }
  if (request.prefetch !== undefined && (request.prefetch === null || typeof request.prefetch !== 'object' || Array.isArray(request.prefetch))) {
    problems.push({ code: 'structure', diagnostics: 'prefetch: an object of prefetch keys is expected', expression: 'prefetch' });
  }
  return problems;
}

/**
 * The record a valid request's prefetch holds, as one FHIR Bundle (a collection: the Patient, then
 * every resource of each searchset, key by key) with where each entry came from (`origins`); and
 * what is missing (412) or malformed (400), as OperationOutcome issues.
 */
export function prefetchBundle(request) {
  const prefetch = request.prefetch ?? {};
  const entry = [];
  const origins = [];
  const missing = [];
  const problems = [];
  for (const key of Object.keys(PREFETCH)) {
    const where = `prefetch.${key}`;
    const value = prefetch[key];
    if ((value === undefined && REQUIRED_PREFETCH.includes(key)) || (value === null && key === 'patient')) {
      missing.push({ code: 'required', diagnostics: `${where} (${PREFETCH[key]}) is required: this service never queries the FHIR server`, expression: where });
      continue;
    }
    if (value === null || value === undefined) continue; // the client had nothing for it
    if (typeof value !== 'object' || Array.isArray(value) || typeof value.resourceType !== 'string') {
      problems.push({ code: 'structure', diagnostics: `${where}: a FHIR resource or Bundle is expected`, expression: where });
      continue;
    }
    if (value.resourceType === 'OperationOutcome') {
      missing.push({ code: 'required', diagnostics: `${where}: the client could not fetch it (an OperationOutcome)`, expression: where });
      continue;
    }
    if (key === 'patient') {
      if (value.resourceType !== 'Patient') {
        problems.push({ code: 'invalid', diagnostics: `${where}: a Patient is expected, not a ${value.resourceType}`, expression: where });
      } else if (value.id !== undefined && value.id !== request.context.patientId) {
        problems.push({ code: 'invalid', diagnostics: `${where}: Patient/${value.id} is not context.patientId ${request.context.patientId}`, expression: where });
      } else {
        entry.push({ resource: value });
        origins.push(where);
      }
      continue;
    }
    if (value.resourceType !== 'Bundle') {
      entry.push({ resource: value });
      origins.push(where);
      continue;
    }
    if ((value.link ?? []).some?.((link) => link?.relation === 'next')) {
      missing.push({ code: 'incomplete', diagnostics: `${where}: the searchset has a next page; this service never fetches it: prefetch every result`, expression: where });
      continue;
    }
    const entries = Array.isArray(value.entry) ? value.entry : [];
    entries.forEach((item, i) => {
      // Search outcomes (warnings about the search itself) are not the record; the patient
      // included again (`_include`) is the one already given.
      if (item?.resource === undefined || item?.search?.mode === 'outcome') return;
      if (item.resource?.resourceType === 'Patient' && item.resource?.id === request.context.patientId) return;
      entry.push({ resource: item.resource });
      origins.push(`${where}.entry[${i}].resource`);
    });
  }
  return { bundle: { resourceType: 'Bundle', type: 'collection', entry }, origins, missing, problems };
}

/** A path in the bundle made of the prefetch (`entry[3].resource.code`) as a path in the request. */
function requestPath(path, origins) {
  const match = /^entry\[(\d+)\]\.resource(.*)$/.exec(path ?? '');
  const origin = match === null ? undefined : origins[Number(match[1])];
  return origin === undefined ? (path || undefined) : `${origin}${match[2]}`;
}

const TOO_LARGE = Symbol('too large');

/**
 * The body, read as a stream: `TOO_LARGE` as soon as it passes `max` bytes (or says it will),
 * after which nothing more is kept; `null` if the client went away.
 */
function readBody(req, max) {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size > max) {
        req.off('data', onData);
        req.off('end', onEnd);
        chunks.length = 0;
        resolve(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', () => resolve(null));
    req.on('error', () => resolve(null));
  });
}

/** The most bytes of a refused body dropped before the answer, and for how long at most. */
const DROP_BYTES = 64 * 1024 * 1024;
const DROP_MS = 1_000;

/**
 * A 413 for a body over the cap. What the client still sends is read and dropped (never kept)
 * until it is done, so that it can read the answer (answering while it still writes resets the
 * connection under it); a client still sending after a second or 64 MB gets the answer and the
 * connection is cut: nobody can make the service read a body for ever.
 */
function refuseTooLarge(req, res, settings) {
  let dropped = 0;
  let answered = false;
  const answer = () => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    if (!req.complete) res.on('finish', () => req.socket.destroy());
    send(res, refused(413, [{
      code: 'too-long',
      diagnostics: `the request is over ${settings.maxBodyBytes} bytes; the service reads at most that`,
    }]), settings);
  };
  const timer = setTimeout(answer, DROP_MS);
  req.on('data', (chunk) => {
    dropped += chunk.length;
    if (dropped > DROP_BYTES) answer();
  });
  req.on('end', answer);
  req.on('aborted', () => clearTimeout(timer));
  req.resume();
}

/** A request whose body the service does not read: drop it. */
function drain(req) {
  req.resume();
}

function notAllowed(allow) {
  return refused(405, [{ code: 'not-supported', diagnostics: `use ${allow}` }], { Allow: `${allow}, OPTIONS` });
}

/**
 * CORS as the CDS Hooks specification describes it for services called from a browser (such as
 * the CDS Hooks sandbox): any origin by default, GET and POST, the Authorization and Content-Type
 * headers. No credentials: the service holds no session and reads no cookie.
 */
function corsHeaders(settings) {
  return {
    'Access-Control-Allow-Origin': settings.allowOrigin,
    'Access-Control-Expose-Headers': 'Origin, Accept, Content-Location, Location, X-Requested-With',
    ...(settings.allowOrigin === '*' ? {} : { Vary: 'Origin' }),
  };
}

function preflightHeaders(req) {
  return {
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    'Access-Control-Max-Age': '600',
    // Chrome asks before a public page calls a service on this machine.
    ...(req.headers['access-control-request-private-network'] === 'true' ? { 'Access-Control-Allow-Private-Network': 'true' } : {}),
  };
}

/** Writes an answer: JSON (an OperationOutcome as FHIR JSON), never cached. */
function send(res, answer, settings, method = 'POST') {
  const text = answer.body === null ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  const fhir = answer.body?.resourceType === 'OperationOutcome';
  res.writeHead(answer.status, {
    ...(text === '' ? {} : {
      'Content-Type': `${fhir ? 'application/fhir+json' : 'application/json'}; charset=utf-8`,
      'Content-Length': Buffer.byteLength(text),
    }),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...corsHeaders(settings),
    ...answer.headers,
  });
  res.end(method === 'HEAD' ? undefined : text);
}

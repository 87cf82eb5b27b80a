#!/usr/bin/env node
// Starts Vigie's CDS Hooks service on 127.0.0.1 (service/README.md):
//   node service/server.mjs [--port 8766] [--as-of YYYY-MM-DD] [--locale fr|en] [--rules fr|us|bundle.json]
//                           [--max-body BYTES] [--allow-origin ORIGIN]
// `npm run cds-service` runs it with the defaults. The package must be built (bash scripts/build-pkg).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startCdsService, SERVICE_ID } from './cds-service.mjs';

const usage = 'usage: node service/server.mjs [--port 8766] [--as-of YYYY-MM-DD] [--locale fr|en] '
  + '[--rules fr|us|bundle.json] [--max-body BYTES] [--allow-origin ORIGIN]';

function fail(message) {
  console.error(`vigie cds-service: ${message}\n${usage}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '8766' },
      'as-of': { type: 'string' },
      locale: { type: 'string' },
      rules: { type: 'string' },
      'max-body': { type: 'string' },
      'allow-origin': { type: 'string', default: '*' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (err) {
  fail(err.message);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`--port ${values.port} is not a port`);
if (values['as-of'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values['as-of'])) fail(`--as-of ${values['as-of']} is not YYYY-MM-DD`);
if (values.locale !== undefined && !['fr', 'en'].includes(values.locale)) fail(`--locale ${values.locale} is not fr or en`);
// A built-in rule set by its id; anything else is a bundle file.
const BUILT_IN = ['fr', 'us'];
let ruleset;
if (values.rules !== undefined) {
  try {
    ruleset = BUILT_IN.includes(values.rules) ? values.rules : readFileSync(values.rules, 'utf8');
  } catch (err) {
    fail(`--rules ${values.rules}: ${err.code === 'ENOENT' ? 'no such file (built-in rule sets: fr, us)' : err.message}`);
  }
}
const maxBody = values['max-body'] === undefined ? undefined : Number(values['max-body']);
if (maxBody !== undefined && !(Number.isInteger(maxBody) && maxBody > 0)) fail(`--max-body ${values['max-body']} is not a number of bytes`);

const service = await startCdsService({
  port,
  asOf: values['as-of'],
  locale: values.locale,
  ruleset,
  allowOrigin: values['allow-origin'],
  ...(maxBody === undefined ? {} : { maxBodyBytes: maxBody }),
}).catch((err) => fail(err.message));
console.log(`Vigie CDS Hooks service: ${service.url}/cds-services (patient-view: POST ${service.url}/cds-services/${SERVICE_ID})`);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => service.close().then(() => process.exit(0)));
}

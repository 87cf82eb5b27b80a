// Serves the example portal on 127.0.0.1, under the same strict Content-Security-Policy as the
// self-check page: the portal at "/", the npm package at "/pkg/", the FR Core example bundle of the
// tests at "/samples/" (tests/fhir/SOURCES.md says where it comes from).
//   node examples/portal/serve.mjs [--port 8081]
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../www/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const roots = [
  { prefix: '/pkg/', dir: join(here, '..', '..', 'pkg') },
  { prefix: '/samples/', dir: join(here, '..', '..', 'tests', 'fhir') },
  { prefix: '/', dir: here },
];

/** Starts the portal's server; resolves to it once listening (port 0 picks a free port). */
export function servePortal({ port = 8081 } = {}) {
  return serve({ port, roots });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--port');
  const server = await servePortal({ port: at > 0 ? Number(process.argv[at + 1]) : Number(process.env.PORT ?? 8081) });
  console.log(`Vigie example portal: http://127.0.0.1:${server.address().port}/  (Ctrl+C to stop)`);
}

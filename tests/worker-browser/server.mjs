// Serves this folder at "/" and the npm package (pkg/) at "/pkg/" on 127.0.0.1, every response
// under the strict policy a health portal sends: the package must work within it.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, extname, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { within } from '../../www/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..', '..', 'pkg');

/** The strict policy under test: no inline script, no eval; wasm compiled, workers from this origin. */
export const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'";

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

function fileFor(urlPath) {
  const [dir, rest] = urlPath.startsWith('/pkg/') ? [pkg, urlPath.slice(5)] : [here, urlPath.slice(1)];
  const path = normalize(join(dir, rest || 'index.html'));
  return within(dir, path) ? path : null;
}

/** Starts the server on a free port; resolves to it once listening. */
export function serveStrict() {
  const server = createServer(async (req, res) => {
    const headers = { 'Content-Security-Policy': POLICY, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    let path = null;
    try {
      path = fileFor(decodeURIComponent(new URL(req.url, 'http://localhost').pathname));
    } catch {
      // a bad address: 404 below
    }
    try {
      if (path === null) throw new Error('outside');
      const body = await readFile(path);
      res.writeHead(200, { ...headers, 'Content-Type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

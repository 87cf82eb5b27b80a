// Serves the self-check page on 127.0.0.1: www/ at "/", the npm package (pkg/) at "/pkg/".
//   node www/serve.mjs [--port 8080]
// It only serves files: the page sends nothing back, and the server logs no request content.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, extname, normalize, dirname, sep, relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pageRoots = [
  { prefix: '/pkg/', dir: join(here, '..', 'pkg') },
  { prefix: '/', dir: here },
];
/** The Content-Type of each file the pages serve (tests/bundlers serves its apps with it too). */
export const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};
// The same policy as the page's meta tag, plus what only a header can say.
const policy = [
  "default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'",
  "img-src 'self' data:", "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'",
  "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');
const headers = {
  'Content-Security-Policy': policy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};
// The server never serves these, even from an allowed folder.
const hidden = [`${sep}test${sep}`, `${sep}node_modules${sep}`, `${sep}serve.mjs`];

/** Whether `path` is `dir` or inside it (a sibling such as `www-old` is not: compare whole names). */
export function within(dir, path) {
  const rel = relative(dir, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

async function resolve(roots, urlPath) {
  for (const { prefix, dir } of roots) {
    if (!urlPath.startsWith(prefix)) continue;
    let path = normalize(join(dir, urlPath.slice(prefix.length)));
    if (!within(dir, path) || hidden.some((h) => path.includes(h))) return null;
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      return path;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Starts the server; resolves to it once listening (port 0 picks a free port). `roots`: which
 * folder answers which address prefix, first match wins (the self-check page's by default).
 */
export function serve({ port = 8080, host = '127.0.0.1', roots = pageRoots } = {}) {
  const server = createServer(async (req, res) => {
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const path = req.method === 'GET' || req.method === 'HEAD' ? await resolve(roots, urlPath) : null;
    if (!path) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end('Not found');
      return;
    }
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, headers).end();
    }
  });
  return new Promise((resolveListening, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolveListening(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--port');
  const port = at > 0 ? Number(process.argv[at + 1]) : Number(process.env.PORT ?? 8080);
  const server = await serve({ port });
  const { port: actual } = server.address();
  console.log(`Vigie self-check: http://127.0.0.1:${actual}/  (Ctrl+C to stop; nothing you type leaves your browser)`);
}

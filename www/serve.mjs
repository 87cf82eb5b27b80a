// Serves the self-check page on 127.0.0.1: www/ at "/", the npm package (pkg/) at "/pkg/".
//   node www/serve.mjs [--port 8080]
// It only serves files: the page sends nothing back, and the server logs no request content.
//
// What travels: when the browser accepts it (Accept-Encoding, q-values honoured; br before gzip
// before identity), a file's precompressed sibling `<file>.br` or `<file>.gz` is sent instead of
// the file, with Content-Encoding. scripts/compress.mjs writes the siblings at build time
// (scripts/build-pkg, scripts/build-studio); nothing is compressed per request. A sibling older
// than its file, or one that does not decompress to it, is never sent: the plain file goes instead.
// Every answer carries `Vary: Accept-Encoding`, a strong ETag (a digest of the bytes sent) and
// `Cache-Control: no-cache`: updates reach people at once, and a repeat visit costs a 304 per file.
// docs/deploy.md says how to get the same from a static host or a CDN.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { join, extname, normalize, dirname, sep, relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip } from 'node:zlib';

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
/** The precompressed siblings, by content coding: the suffix of their name, and how to read them. */
export const codings = {
  br: { suffix: '.br', decompress: promisify(brotliDecompress) },
  gzip: { suffix: '.gz', decompress: promisify(gunzip) },
};
// On equal q, the smaller download first.
const preference = ['br', 'gzip', 'identity'];
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
// The server never serves these, even from an allowed folder (matched below the folder served).
const hiddenParts = [`${sep}test${sep}`, `${sep}node_modules${sep}`, `${sep}serve.mjs`];

/** Whether `path` is `dir` or inside it (a sibling such as `www-old` is not: compare whole names). */
export function within(dir, path) {
  const rel = relative(dir, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/**
 * Whether the server refuses `path` below `dir`: tests, node_modules, the server itself, and every
 * precompressed sibling (a copy of another file, sent only under that file's address with
 * Content-Encoding: under its own address it would arrive as an opaque blob).
 */
export function hidden(dir, path) {
  const below = sep + relative(dir, path);
  return hiddenParts.some((h) => below.includes(h)) || Object.values(codings).some(({ suffix }) => path.endsWith(suffix));
}

/**
 * The content codings an `Accept-Encoding` value allows (RFC 9110 §12.5.3), among 'br', 'gzip' and
 * 'identity', best first: higher q first, then br, gzip, identity. No header: identity only (the
 * client said nothing, and a plain file is always understood). `*` stands for every coding not
 * named; identity not named gets the `*` weight if there is one, else the lowest weight named
 * (acceptable, but never preferred to a coding the client asked for), so only `identity;q=0` or
 * `*;q=0` exclude it. An entry with a malformed q is ignored. An empty list: nothing is acceptable.
 */
export function acceptable(header) {
  if (header === undefined) return ['identity'];
  const weights = new Map();
  for (const entry of String(header).split(',')) {
    const [name, ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    if (name === '') continue;
    let q = 1;
    for (const param of params) {
      if (!param.startsWith('q=')) continue;
      q = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(param.slice(2)) ? Number(param.slice(2)) : NaN;
    }
    if (Number.isNaN(q)) continue;
    const coding = name === 'x-gzip' ? 'gzip' : name;
    weights.set(coding, Math.max(q, weights.get(coding) ?? 0));
  }
  const star = weights.get('*');
  const named = [...weights.values()].filter((q) => q > 0);
  const weight = (coding) => {
    if (weights.has(coding)) return weights.get(coding);
    if (star !== undefined) return star;
    return coding === 'identity' ? Math.min(1, ...named) : 0;
  };
  return preference
    .map((coding, rank) => ({ coding, rank, q: weight(coding) }))
    .filter(({ q }) => q > 0)
    .sort((a, b) => b.q - a.q || a.rank - b.rank)
    .map(({ coding }) => coding);
}

// One file version is its path, modification time and size: what is learnt about it is kept.
const versionOf = (path, stats) => `${path}\n${stats.mtimeMs}\n${stats.size}`;
const etags = new Map();
const verdicts = new Map();

/** The strong ETag of one file version: a digest of its bytes (so distinct for each coding). */
function etagOf(version, body) {
  let etag = etags.get(version);
  if (etag === undefined) {
    etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
    etags.set(version, etag);
  }
  return etag;
}

/**
 * Whether the sibling `sibling` (coded with `coding`) may be sent for `path`: it is a regular file,
 * not older than the file, and decompresses to the file's very bytes. Checked once per version of
 * both (a few milliseconds for the wasm), so a sibling left over from an earlier build never travels.
 */
export async function fresh(path, sibling, coding) {
  let plainStats;
  let siblingStats;
  try {
    [plainStats, siblingStats] = await Promise.all([stat(path), stat(sibling)]);
  } catch {
    return false;
  }
  if (!siblingStats.isFile() || siblingStats.mtimeMs < plainStats.mtimeMs) return false;
  const key = `${versionOf(path, plainStats)}\n${versionOf(sibling, siblingStats)}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    verdict = (async () => {
      try {
        const [plain, coded] = await Promise.all([readFile(path), readFile(sibling)]);
        const decoded = await codings[coding].decompress(coded, { maxOutputLength: plain.length + 1 });
        return decoded.equals(plain);
      } catch {
        return false;
      }
    })();
    verdicts.set(key, verdict);
  }
  return verdict;
}

/** Whether an `If-None-Match` value names `etag` (weak comparison, as RFC 9110 §13.1.2 asks). */
function matches(ifNoneMatch, etag) {
  if (ifNoneMatch === undefined) return false;
  const tags = ifNoneMatch.match(/\*|(?:W\/)?"[^"]*"/g) ?? [];
  return tags.some((tag) => tag === '*' || tag.replace(/^W\//, '') === etag);
}

async function resolve(roots, urlPath) {
  for (const { prefix, dir } of roots) {
    if (!urlPath.startsWith(prefix)) continue;
    let path = normalize(join(dir, urlPath.slice(prefix.length)));
    if (!within(dir, path) || hidden(dir, path)) return null;
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      return path;
    } catch {
      return null;
    }
  }
  return null;
}

/** What to send for `path`: the first acceptable coding that has a fresh sibling; null if none. */
async function variant(path, accepted) {
  for (const coding of accepted) {
    if (coding === 'identity') return { file: path, coding };
    const file = path + codings[coding].suffix;
    if (await fresh(path, file, coding)) return { file, coding };
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
    const chosen = await variant(path, acceptable(req.headers['accept-encoding']));
    if (!chosen) {
      res.writeHead(406, { 'Content-Type': 'text/plain; charset=utf-8', Vary: 'Accept-Encoding', ...headers })
        .end('Not acceptable: this file is available as br, gzip or identity (Accept-Encoding excludes them all)');
      return;
    }
    let file;
    try {
      // One handle for the size, the digest and the bytes sent: a file replaced meanwhile
      // (a rebuild renames over it) cannot mix two versions in one answer.
      file = await open(chosen.file);
      const stats = await file.stat();
      if (!stats.isFile()) throw new Error(`${chosen.file} is not a file`);
      const version = versionOf(chosen.file, stats);
      let body = etags.has(version) ? null : await file.readFile();
      const etag = etagOf(version, body);
      const common = { ...headers, Vary: 'Accept-Encoding', ETag: etag };
      if (matches(req.headers['if-none-match'], etag)) {
        res.writeHead(304, common).end();
        return;
      }
      body ??= await file.readFile();
      res.writeHead(200, {
        ...common,
        'Content-Type': types[extname(path)] ?? 'application/octet-stream',
        ...(chosen.coding === 'identity' ? {} : { 'Content-Encoding': chosen.coding }),
        'Content-Length': body.length,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      if (!res.headersSent) res.writeHead(404, headers).end();
    } finally {
      await file?.close();
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

// What travels from www/serve.mjs (issue 20): precompressed siblings chosen from Accept-Encoding
// (q-values, `*`, identity), never a stale one; Content-Type, Vary, Content-Length; strong ETags
// and 304; HEAD; the hidden paths. Then the page itself in Chromium, its wasm sent compressed.
// Needs scripts/build-pkg first (it writes pkg/dist/ and the package's siblings).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { serve, acceptable } from '../../www/serve.mjs';
import { start, open, root } from './helpers.mjs';

let server;
let scratch;
let siteServer;

/** A request with exactly the headers given (Node adds no Accept-Encoding of its own). */
function get(srv, path, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: srv.address().port, path, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const decode = (res) => {
  const coding = res.headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(res.body);
  if (coding === 'gzip') return gunzipSync(res.body);
  assert.equal(coding, undefined, `unexpected Content-Encoding ${coding}`);
  return res.body;
};

// A module big enough to be worth compressing.
const text = (seed) => Array.from({ length: 400 }, (_, i) => `export const line${i} = '${seed} ${i}';`).join('\n');

before(async () => {
  for (const file of ['pkg/dist/vigie_bg.wasm.br', 'pkg/dist/vigie_bg.wasm.gz', 'pkg/element/check.js.br', 'pkg/element/check.js.gz']) {
    assert.ok(existsSync(join(root, file)), `${file} is missing: run scripts/build-pkg (it ends with scripts/compress.mjs)`);
  }
  server = await serve({ port: 0 });
  // A folder named test/ above the served folder must not hide it (hidden paths count below it).
  scratch = mkdtempSync(join(tmpdir(), 'vigie-serve-'));
  const site = join(scratch, 'test', 'site');
  mkdirSync(site, { recursive: true });
  const old = new Date(Date.now() - 3600_000);
  // stale.js: siblings of an earlier version, older than the file.
  writeFileSync(join(site, 'stale.js.br'), brotliCompressSync(text('old')));
  writeFileSync(join(site, 'stale.js.gz'), gzipSync(text('old')));
  utimesSync(join(site, 'stale.js.br'), old, old);
  utimesSync(join(site, 'stale.js.gz'), old, old);
  writeFileSync(join(site, 'stale.js'), text('new'));
  // lying.js: a sibling newer than its file but of other bytes (a copy that kept its times).
  writeFileSync(join(site, 'lying.js'), text('truth'));
  utimesSync(join(site, 'lying.js'), old, old);
  writeFileSync(join(site, 'lying.js.br'), brotliCompressSync(text('lie')));
  // older.js: a sibling of the very bytes but older than the file (touched since): the rule is the
  // time first (no decompression needed), so it is not sent either.
  writeFileSync(join(site, 'older.js.gz'), gzipSync(text('older')));
  utimesSync(join(site, 'older.js.gz'), old, old);
  writeFileSync(join(site, 'older.js'), text('older'));
  // gzonly.js: a gzip sibling and no brotli one.
  writeFileSync(join(site, 'gzonly.js'), text('gz'));
  writeFileSync(join(site, 'gzonly.js.gz'), gzipSync(text('gz')));
  // plain.js: no sibling at all.
  writeFileSync(join(site, 'plain.js'), text('plain'));
  siteServer = await serve({ port: 0, roots: [{ prefix: '/', dir: site }] });
});

after(async () => {
  await Promise.all([server, siteServer].filter(Boolean).map((s) => new Promise((done) => s.close(done))));
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('acceptable: Accept-Encoding with q-values, `*` and identity, best first', () => {
  const cases = [
    [undefined, ['identity']],
    ['', ['identity']],
    ['gzip, deflate, br', ['br', 'gzip', 'identity']],
    ['gzip, deflate, br, zstd', ['br', 'gzip', 'identity']],
    ['gzip', ['gzip', 'identity']],
    ['x-gzip', ['gzip', 'identity']],
    ['BR;Q=1, GZIP', ['br', 'gzip', 'identity']],
    ['br;q=0.5, gzip', ['gzip', 'br', 'identity']],
    ['br;q=0.5, gzip;q=0.8', ['gzip', 'br', 'identity']],
    ['gzip;q=0.2, identity', ['identity', 'gzip']],
    ['br;q=0', ['identity']],
    ['br;q=0, gzip;q=0', ['identity']],
    ['*', ['br', 'gzip', 'identity']],
    ['*;q=0.5, gzip', ['gzip', 'br', 'identity']],
    ['*;q=0', []],
    ['*;q=0, identity', ['identity']],
    ['*;q=0, gzip', ['gzip']],
    ['identity;q=0', []],
    ['identity;q=0, gzip', ['gzip']],
    ['br;q=2, gzip', ['gzip', 'identity']],
    ['br;q=abc', ['identity']],
    ['gzip;q=0.001, identity;q=0', ['gzip']],
    ['deflate', ['identity']],
  ];
  for (const [header, expected] of cases) assert.deepEqual(acceptable(header), expected, `Accept-Encoding: ${header}`);
});

test('the wasm and a module travel as brotli or gzip, decompressing to the very file, with their headers', async () => {
  for (const [path, file, type] of [
    ['/pkg/dist/vigie_bg.wasm', 'pkg/dist/vigie_bg.wasm', 'application/wasm'],
    ['/pkg/element/check.js', 'pkg/element/check.js', 'text/javascript; charset=utf-8'],
  ]) {
    const plain = readFileSync(join(root, file));
    const sizes = {};
    for (const [accept, coding] of [['gzip, deflate, br', 'br'], ['gzip', 'gzip'], [undefined, undefined], ['br;q=0.1, gzip', 'gzip']]) {
      const res = await get(server, path, accept === undefined ? {} : { 'Accept-Encoding': accept });
      assert.equal(res.status, 200, `${path} ${accept}`);
      assert.equal(res.headers['content-encoding'], coding, `${path} with Accept-Encoding: ${accept}`);
      assert.equal(res.headers['content-type'], type);
      assert.equal(res.headers.vary, 'Accept-Encoding');
      assert.equal(Number(res.headers['content-length']), res.body.length);
      assert.match(res.headers['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
      assert.equal(res.headers['cache-control'], 'no-cache');
      assert.ok(decode(res).equals(plain), `${path} as ${coding ?? 'identity'} decodes to the file`);
      sizes[coding ?? 'identity'] = res.body.length;
    }
    assert.ok(sizes.br < sizes.gzip && sizes.gzip < sizes.identity, `${path}: ${JSON.stringify(sizes)}`);
  }
});

test('nothing acceptable: 406, not a coding the client refused', async () => {
  for (const accept of ['identity;q=0', '*;q=0']) {
    const res = await get(server, '/pkg/element/check.js', { 'Accept-Encoding': accept });
    assert.equal(res.status, 406, accept);
    assert.equal(res.headers['content-encoding'], undefined);
  }
  // identity refused, but gzip accepted and present.
  const res = await get(server, '/pkg/element/check.js', { 'Accept-Encoding': 'identity;q=0, gzip' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-encoding'], 'gzip');
});

test('strong ETags, one per coding; If-None-Match answers 304 without a body', async () => {
  const path = '/pkg/dist/vigie_bg.wasm';
  const br = await get(server, path, { 'Accept-Encoding': 'br' });
  const again = await get(server, path, { 'Accept-Encoding': 'br' });
  const gz = await get(server, path, { 'Accept-Encoding': 'gzip' });
  const plain = await get(server, path);
  assert.match(br.headers.etag, /^"[A-Za-z0-9_-]{43}"$/, 'a strong ETag (no W/)');
  assert.equal(again.headers.etag, br.headers.etag);
  assert.equal(new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]).size, 3);
  for (const match of [br.headers.etag, `W/${br.headers.etag}`, `"nope", ${br.headers.etag}`, '*']) {
    const res = await get(server, path, { 'Accept-Encoding': 'br', 'If-None-Match': match });
    assert.equal(res.status, 304, `If-None-Match: ${match}`);
    assert.equal(res.body.length, 0);
    assert.equal(res.headers.etag, br.headers.etag);
    assert.equal(res.headers.vary, 'Accept-Encoding');
    assert.equal(res.headers['cache-control'], 'no-cache');
  }
  // The brotli tag does not validate the gzip copy; a stale tag gets the file.
  for (const [accept, match] of [['gzip', br.headers.etag], ['br', '"nope"']]) {
    const res = await get(server, path, { 'Accept-Encoding': accept, 'If-None-Match': match });
    assert.equal(res.status, 200, `${accept} with If-None-Match: ${match}`);
    assert.ok(res.body.length > 0);
  }
});

test('HEAD: the headers of GET, no body', async () => {
  for (const accept of ['br', 'gzip', undefined]) {
    const headers = accept ? { 'Accept-Encoding': accept } : {};
    const full = await get(server, '/pkg/dist/vigie_bg.wasm', headers);
    const head = await get(server, '/pkg/dist/vigie_bg.wasm', headers, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    for (const name of ['content-type', 'content-encoding', 'content-length', 'etag', 'vary', 'content-security-policy']) {
      assert.equal(head.headers[name], full.headers[name], `HEAD ${name} (${accept})`);
    }
  }
});

test('a sibling older than its file, or not decompressing to it, never travels; a missing one gives the plain file', async () => {
  const site = join(scratch, 'test', 'site');
  for (const [path, accept, coding] of [
    ['/stale.js', 'br, gzip', undefined],
    ['/lying.js', 'br, gzip', undefined],
    ['/older.js', 'gzip', undefined],
    ['/gzonly.js', 'br', undefined],
    ['/gzonly.js', 'br, gzip', 'gzip'],
    ['/plain.js', 'br, gzip', undefined],
  ]) {
    const res = await get(siteServer, path, { 'Accept-Encoding': accept });
    assert.equal(res.status, 200, path);
    assert.equal(res.headers['content-encoding'], coding, `${path} with ${accept}`);
    assert.equal(res.headers.vary, 'Accept-Encoding');
    assert.ok(decode(res).equals(readFileSync(join(site, path.slice(1)))), `${path}: the current file`);
  }
  // Brought up to date (a rebuild): the sibling travels again.
  writeFileSync(join(site, 'stale.js.br'), brotliCompressSync(readFileSync(join(site, 'stale.js'))));
  const res = await get(siteServer, '/stale.js', { 'Accept-Encoding': 'br, gzip' });
  assert.equal(res.headers['content-encoding'], 'br');
  assert.ok(decode(res).equals(readFileSync(join(site, 'stale.js'))));
});

test('siblings have no address of their own; hidden paths and traversal still 404', async () => {
  const paths = [
    '/pkg/dist/vigie_bg.wasm.br', '/pkg/dist/vigie_bg.wasm.gz', '/pkg/element/check.js.gz',
    '/serve.mjs', '/pkg/test/cli.test.mjs', '/..%2Fpackage.json', '/pkg/..%2F..%2Fetc/passwd', '/%2E%2E/Cargo.toml',
  ];
  for (const path of paths) {
    for (const accept of [undefined, 'br, gzip']) {
      const res = await get(server, path, accept ? { 'Accept-Encoding': accept } : {});
      assert.equal(res.status, 404, `${path} (${accept})`);
      assert.match(res.headers['content-security-policy'], /default-src 'self'/);
    }
  }
  assert.equal((await get(siteServer, '/gzonly.js.gz')).status, 404);
  assert.equal((await get(server, '/pkg/dist/vigie_bg.wasm', {}, 'POST')).status, 404);
});

test('in Chromium, the page gets its wasm compressed and starts the engine', async () => {
  const env = await start();
  try {
    // Service workers blocked: the answer seen is the server's, not a cached copy.
    const context = await env.browser.newContext({ serviceWorkers: 'block' });
    const wasm = new Promise((resolve) => {
      context.on('response', async (response) => {
        if (response.url().endsWith('/pkg/dist/vigie_bg.wasm')) resolve(await response.allHeaders());
      });
    });
    const page = await open(context, env.url, { path: true });
    assert.deepEqual(page.errors, []);
    const headers = await Promise.race([wasm, new Promise((resolve) => { setTimeout(resolve, 5000, null); })]);
    assert.ok(headers, 'the page fetched the wasm');
    assert.match(headers['content-encoding'] ?? '', /^(br|gzip)$/, 'the wasm travelled compressed');
    assert.equal(headers['content-type'], 'application/wasm');
    await context.close();
  } finally {
    await env.close();
  }
});

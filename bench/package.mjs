// Benchmark of the npm package: module size, cold start, and per-profile evaluate time, in Node
// and in headless Chromium. Prints numbers; asserts nothing (see README "Numbers").
//   node bench/package.mjs            (after scripts/build-pkg)
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { join, dirname, extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { chromium } from 'playwright-core';
import { measureEvaluate } from './measure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasmPath = join(root, 'pkg', 'dist', 'web', 'vigie_bg.wasm');
if (!existsSync(wasmPath)) throw new Error('pkg/dist is missing: run bash scripts/build-pkg first');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x, digits = 1) => x.toFixed(digits);

// 1. Size.
const wasm = readFileSync(wasmPath);
const size = { raw: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length };

// 2. Node: cold start in fresh processes (import + instantiate + load rules/fr), then evaluate.
const coldSnippet = `
  const t = performance.now();
  const { createVigie } = await import(${JSON.stringify(join(root, 'pkg', 'node.js'))});
  await createVigie();
  console.log(performance.now() - t);`;
const nodeColds = Array.from({ length: 7 }, () =>
  Number(execFileSync(process.execPath, ['--input-type=module', '-e', coldSnippet], { encoding: 'utf8' })));
const { createVigie } = await import(join(root, 'pkg', 'node.js'));
const node = { coldStart: median(nodeColds), ...measureEvaluate(await createVigie()) };

// 3. Chromium: the same page measurement, served on 127.0.0.1 (cross-origin isolated for
// 5 µs timer resolution).
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
const server = createServer((req, res) => {
  const path = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  if (!path.startsWith(root) || !existsSync(path)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, {
    'Content-Type': types[extname(path)] ?? 'application/octet-stream',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cache-Control': 'no-store',
  });
  res.end(readFileSync(path));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/bench/browser.html`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const runs = [];
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  runs.push(await page.waitForFunction(() => window.result, null, { timeout: 120_000 }).then((h) => h.jsonValue()));
  await context.close();
}
await browser.close();
server.close();
const chromium_ = { ...runs[runs.length - 1], coldStart: median(runs.map((r) => r.coldStart)) };

// 4. Print.
const targets = { gzip: 300 * 1024, coldStart: 15, p50: 25, p99: 100 };
const mark = (value, target) => (value <= target ? 'meets' : 'misses');
console.log(`Vigie package benchmark — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, Node ${process.version}, ${execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()}`);
console.log(`vigie_bg.wasm: ${size.raw} bytes raw, ${size.gzip} bytes gzipped (${fmt(size.gzip / 1024)} KB; target ≤ 300 KB: ${mark(size.gzip, targets.gzip)})`);
console.log('');
console.log('| where | cold start (instantiate + load fr) | evaluate p50 | evaluate p99 | mean | profiles/s |');
console.log('|---|---|---|---|---|---|');
for (const [where, r] of [['Node', node], ['Chromium', chromium_]]) {
  console.log(`| ${where} | ${fmt(r.coldStart)} ms (${mark(r.coldStart, targets.coldStart)} ≤ 15) | ${fmt(r.p50)} µs (${mark(r.p50, targets.p50)} ≤ 25) | ${fmt(r.p99)} µs (${mark(r.p99, targets.p99)} ≤ 100) | ${fmt(r.mean)} µs | ${r.perSecond} |`);
}
console.log('');
console.log(`${node.profiles} seeded synthetic profiles per run (bench/profiles.mjs), evaluate() with objects in and out; Chromium cross-origin isolated: ${chromium_.crossOriginIsolated}; cold start: median of 7 fresh Node processes / 5 fresh Chromium contexts.`);

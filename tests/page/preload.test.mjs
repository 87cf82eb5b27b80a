// The page's modulepreload links (www/index.html) name exactly the modules the page needs before its
// engine starts: every module app.js imports, directly or not, and the worker client the element
// imports when it opens its engine. Without them the browser discovers the modules one level of
// imports at a time, a round trip each (bench/page.mjs measures the page on a 40 ms link). The
// main-thread fallback (pkg/index.js and the wasm glue, imported only when no worker can start)
// is not preloaded: most visitors never need it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const www = join(root, 'www');
const pkg = join(root, 'pkg');
const FALLBACK = new Set(['pkg/index.js', 'pkg/dist/vigie.js']);

/** A file's static imports and re-exports, and its dynamic imports, as resolved paths. */
function imports(file) {
  const text = readFileSync(file, 'utf8');
  const found = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'|^\s*import\s+'(\.[^']+)'|import\('(\.[^']+)'\)/gms)) {
    let next = resolve(dirname(file), m[1] ?? m[2] ?? m[3]);
    // The server maps the page's /pkg/ to the package folder.
    if (next.startsWith(join(www, 'pkg') + '/')) next = join(pkg, relative(join(www, 'pkg'), next));
    found.push(next);
  }
  return found;
}

/** Each module reachable from app.js, as the page addresses it (`pkg/element/check.js`). */
function graph() {
  const seen = new Set();
  const address = (file) => (file.startsWith(pkg + '/') ? `pkg/${relative(pkg, file)}` : relative(www, file));
  const walk = (file) => {
    if (seen.has(address(file)) || FALLBACK.has(address(file))) return;
    seen.add(address(file));
    for (const next of imports(file)) walk(next);
  };
  walk(join(www, 'app.js'));
  return [...seen].sort();
}

test('www/index.html preloads every module the page needs before its engine starts, and nothing else', () => {
  const html = readFileSync(join(www, 'index.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  const needed = graph().filter((file) => file !== 'app.js'); // app.js is the page's own script tag
  assert.ok(needed.includes('pkg/element/check.js') && needed.includes('pkg/worker/client.js'), 'the graph was walked');
  assert.deepEqual(preloaded, needed);
});

test('every preloaded module is also in the offline copy (www/sw.js)', () => {
  const sw = readFileSync(join(www, 'sw.js'), 'utf8').match(/const FILES = \[([\s\S]*?)\];/)[1];
  const files = new Set([...sw.matchAll(/'\.\/([^']+)'/g)].map((m) => m[1]));
  for (const file of graph()) assert.ok(files.has(file), `${file} is not in sw.js's FILES`);
});

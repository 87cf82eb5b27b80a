// Shared by the bundler matrix and the CSP tests: a static server that sends a strict
// Content-Security-Policy, Debian's Chromium, and a page load that records what the policy refused.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, extname, normalize, dirname, relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { types } from '../../www/serve.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What a portal with a strict policy sends: no 'unsafe-eval', no 'unsafe-inline'. */
export const STRICT_POLICY = [
  "default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "connect-src 'self'",
  "object-src 'none'", "base-uri 'none'",
].join('; ');


/** The strict policy of a page that starts the engine's worker (`vigie/worker`, `vigie/element`). */
export const WORKER_POLICY = `${STRICT_POLICY}; worker-src 'self'`;

/** Serves `dir` on 127.0.0.1 (a free port) with the strict policy (or `policy`) on every answer. */
export function serveStrict(dir, { policy = STRICT_POLICY } = {}) {
  const server = createServer(async (req, res) => {
    const headers = { 'Content-Security-Policy': policy, 'Cache-Control': 'no-store' };
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url, 'http://localhost').pathname)));
    const rel = relative(dir, path);
    try {
      if (rel.startsWith('..') || isAbsolute(rel)) throw new Error('outside');
      const file = (await stat(path)).isDirectory() ? join(path, 'index.html') : path;
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('Not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((done) => server.close(done)),
  })));
}

// The flags of tests/e2e/helpers.mjs.
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
}

/**
 * Opens `url` in a fresh context (nothing cached) and waits until `ready` (a function run in the
 * page) is true; the page's `securitypolicyviolation` events, errors and console warnings and
 * errors (its workers' too) come back with it.
 */
export async function load(browser, url, ready, { timeout = 20_000 } = {}) {
  const context = await browser.newContext();
  try {
    // Before any of the page's scripts: what the policy refuses is reported here, even a script
    // the policy stops from running at all.
    await context.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__violations.push(`${e.violatedDirective} refused ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const warnings = [];
    const listen = (target) => target.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') warnings.push(`${m.type()}: ${m.text()}`); });
    listen(page);
    page.on('worker', listen);
    const missing = [];
    page.on('response', (r) => { if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`); });
    const response = await page.goto(url);
    try {
      await page.waitForFunction(ready, undefined, { timeout });
    } catch (err) {
      // What the page said is what tells why it never got ready.
      const violations = await page.evaluate(() => window.__violations).catch(() => []);
      throw new Error(`${err.message}\nviolations: ${violations.join('; ')}\nerrors: ${errors.join('; ')}\nconsole: ${warnings.join('; ')}\nrefused: ${missing.join('; ')}`);
    }
    // Violation events are queued tasks: let them arrive.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    const state = await page.evaluate(() => ({ violations: window.__violations, vigie: window.__vigie ?? null }));
    return { ...state, errors, warnings, policy: response.headers()['content-security-policy'] };
  } finally {
    await context.close();
  }
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The citizen page in Chromium as a person on a weak network meets it (issue 20): page load → first
// result at 10 Mbit/s with a 40 ms round trip, what the first visit downloads, and what runs on the
// main thread. Called by compare.mjs; on its own: `node bench/page.mjs [--runs N]` prints JSON.
//
// "First result": the page (www/index.html, the package's <vigie-check> on its adaptive path) first
// asks the date of birth and the sex on one screen; once both are given it shows the provisional
// result ("Résultat provisoire", #path-provisional) above the next question. Nothing is shown as a
// result before that answer, so a run is: navigation start → the first animation frame in which the
// birth/sex question is visible; the script answers at once in that frame (a birth date, then
// "Femme"); → the first frame in which the provisional result is visible. All three are the page's
// own `performance.now()` (0 = navigation start), read in requestAnimationFrame callbacks, i.e. just
// before the frame that paints them.
import { chromium } from 'playwright-core';
import { serve } from '../www/serve.mjs';
import { slowNetwork } from './network.mjs';

/** The network of issue 20: 10 Mbit/s each way, 40 ms round trip (network.mjs says how, and why not CDP's emulation). */
export const NETWORK = { latencyMs: 40, bitsPerSecond: 10_000_000 };
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Runs in the page before its own scripts: watches each frame for the question, answers it, then
// watches for the provisional result; notes which workers start and whether wasm is instantiated on
// the main thread.
function watchFirstResult() {
  const marks = { workers: [], mainThreadWasm: 0 };
  window.__vigieBench = marks;
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      marks.workers.push(String(url));
    }
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) {
      marks.mainThreadWasm += 1;
      return original.apply(this, args);
    };
  }
  const shown = (el) => Boolean(el) && el.checkVisibility();
  const frame = () => {
    const root = document.querySelector('vigie-check')?.shadowRoot;
    if (marks.question === undefined) {
      const birth = root?.querySelector('#path .ask input[name="birth"]');
      const female = root?.querySelector('#path .ask button[data-answer="female"]');
      if (shown(birth) && shown(female)) {
        marks.question = performance.now();
        birth.value = '10/05/1954'; // the page's order (day/month/year), as tests/e2e/path.test.mjs types it
        marks.answered = performance.now();
        female.click();
      }
    } else if (marks.result === undefined) {
      const box = root?.querySelector('#path-provisional');
      if (shown(box) && box.querySelector('.provisional-title')) {
        marks.result = performance.now();
        performance.mark('vigie-first-result');
        return;
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/**
 * Measures the page `runs` times (each in a fresh context: an empty cache, network emulated), plus
 * one traced run for the main thread's tasks. Resolves to
 * `{ runs, median: { load, answer, total }, download, mainThread }` (milliseconds, bytes).
 */
export async function measurePage({ runs = 5, say = () => {} } = {}) {
  const server = await serve({ port: 0 });
  const proxy = await slowNetwork(server.address().port, NETWORK);
  const url = `http://127.0.0.1:${proxy.address().port}/`;
  // What the page downloads, as served (headers and body, compressed if the server compresses):
  // counted on each response's socket, so the worker's and the service worker's requests count too.
  let requests = [];
  server.prependListener('request', (req, res) => {
    const before = req.socket.bytesWritten;
    const entry = { path: req.url, at: performance.now() };
    res.on('finish', () => {
      entry.bytes = req.socket.bytesWritten - before;
      entry.encoding = res.getHeader('content-encoding') ?? null;
      requests.push(entry);
    });
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const results = [];
    for (let i = 0; i <= runs; i++) {
      const traced = i === runs; // the last run only: tracing costs time of its own
      requests = [];
      results.push(await oneRun(browser, url, { traced, requestsSoFar: () => requests }));
      say(`page run ${i + 1}/${runs + 1}${traced ? ' (traced)' : ''}: question ${results[i].question.toFixed(0)} ms, result ${results[i].result.toFixed(0)} ms`);
    }
    const timed = results.slice(0, runs);
    const last = results[runs];
    return {
      network: NETWORK,
      runs: timed.map(({ question, answered, result }) => ({ question, answered, result })),
      median: {
        load: median(timed.map((r) => r.question)),
        answer: median(timed.map((r) => r.result - r.answered)),
        total: median(timed.map((r) => r.result)),
      },
      // The same files every run: the first run's count.
      download: timed[0]?.download ?? last.download,
      mainThread: {
        workers: last.workers,
        mainThreadWasm: last.mainThreadWasm,
        offMainThread: last.workers.length > 0 && last.mainThreadWasm === 0,
        longestTask: last.longestTask,
      },
    };
  } finally {
    await browser.close();
    await new Promise((resolve) => proxy.close(resolve));
    await new Promise((resolve) => server.close(resolve));
  }
}

async function oneRun(browser, url, { traced, requestsSoFar }) {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 } });
  await context.addInitScript(watchFirstResult);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // A fresh context starts with an empty cache: a first visit. The cache is not disabled on top of
  // that: a real first visit has one, and the service worker's install (registered once the engine
  // is ready) revalidates the files the page has just fetched (304s) rather than downloading them
  // again, which a disabled cache would force.
  if (traced) {
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
  }
  await page.goto(url);
  const handle = await page.waitForFunction(() => window.__vigieBench?.result !== undefined && window.__vigieBench, null, { timeout: 120_000 })
    .catch(async (err) => {
      throw new Error(`the page gave no first result: ${err.message}; page errors: ${errors.join(' | ') || 'none'}`);
    });
  const marks = await handle.jsonValue();
  const untilResult = sum(requestsSoFar());
  let longestTask = null;
  if (traced) longestTask = longestMainThreadTask(JSON.parse(String(await browser.stopTracing())), marks.result);
  // The rest of the first visit: the service worker's offline copy. Done when nothing was asked for 1.5 s.
  const quietSince = () => performance.now() - Math.max(0, ...requestsSoFar().map((r) => r.at));
  const deadline = performance.now() + 60_000;
  while (quietSince() < 1500 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  const firstVisit = sum(requestsSoFar());
  await context.close();
  if (errors.length > 0) throw new Error(`page errors: ${errors.join(' | ')}`);
  return { ...marks, longestTask, download: { untilResult, firstVisit } };
}

function sum(list) {
  return {
    requests: list.length,
    bytes: list.reduce((s, r) => s + r.bytes, 0),
    encodings: [...new Set(list.map((r) => r.encoding ?? 'identity'))],
    largest: [...list].sort((a, b) => b.bytes - a.bytes).slice(0, 3).map(({ path, bytes }) => ({ path, bytes })),
    // Files fetched more than once (the page's worker and the service worker's offline copy, say).
    repeated: Object.entries(groupBy(list))
      .filter(([, rs]) => rs.length > 1)
      .map(([path, rs]) => ({ path, times: rs.length, bytes: rs.reduce((s, r) => s + r.bytes, 0) }))
      .sort((a, b) => b.bytes - a.bytes),
  };
}

function groupBy(list) {
  const out = {};
  for (const r of list) (out[r.path] ??= []).push(r);
  return out;
}

/**
 * The longest task on the page's main thread between navigation start and the first result, from a
 * Chromium trace: `{ ms, tasks }` (tasks: how many ran in that window). The page's main thread is the
 * renderer main thread that recorded the navigation.
 */
export function longestMainThreadTask(trace, resultMs) {
  const events = trace.traceEvents ?? trace;
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame && e.args?.data?.documentLoaderURL?.startsWith('http'))
    ?? events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith('http'));
  if (!nav) return null;
  const from = nav.ts;
  const to = nav.ts + resultMs * 1000;
  const tasks = events.filter((e) => e.pid === nav.pid && e.tid === nav.tid && e.ph === 'X'
    && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.ts + (e.dur ?? 0) >= from && e.ts <= to);
  const longest = tasks.reduce((max, e) => Math.max(max, e.dur ?? 0), 0);
  return { ms: longest / 1000, tasks: tasks.length };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const at = process.argv.indexOf('--runs');
  const result = await measurePage({ runs: at > 0 ? Number(process.argv[at + 1]) : 5, say: (l) => process.stderr.write(`${l}\n`) });
  console.log(JSON.stringify(result, null, 2));
}

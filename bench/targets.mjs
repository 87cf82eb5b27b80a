// Issue 20's table ("Fast enough to disappear"): each row measured in this run of compare.mjs,
// beside its target, with "meets" or "misses". Nothing here is a constant but the targets.
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const NO_BROWSER = 'not measured (--no-browser)';
const mark = (ok) => (ok ? 'meets' : 'misses');
const us = (x) => `${x >= 100 ? x.toFixed(0) : x.toFixed(1)} µs`;
const ms = (x) => `${x >= 100 ? x.toFixed(0) : x.toFixed(1)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
const times = (x) => `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×`;

/** The web module's size as a CDN would serve it: gzip level 9 and brotli at its best (quality 11, 16 MB window). */
export function compressedSizes(wasm) {
  return {
    raw: wasm.length,
    gzip: gzipSync(wasm, { level: 9 }).length,
    brotli: brotliCompressSync(wasm, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
        [constants.BROTLI_PARAM_SIZE_HINT]: wasm.length,
      },
    }).length,
  };
}

/**
 * The table's lines (Markdown). `node`: compare.mjs's Node timings by peer key; `nativeSubset` /
 * `nativeFull`: Vigie native's; `page`: bench/page.mjs's result (null without a browser);
 * `chromium`: compare.html's (its cold starts carry `firstEvaluate`); `wasm`: the module's bytes.
 */
export function issue20Table({ node, nativeSubset, nativeFull, page, chromium, browser, wasm, population, diffSeconds, diffThreads }) {
  const full = node['vigie-full'];
  const subset = node['vigie-subset'];
  const floor = node['hand-written'];
  const rows = [];
  const row = (what, measured, target, verdict) => rows.push(`| ${what} | ${measured} | ${target} | ${verdict} |`);

  row('full French rule set (`createVigie({})`), p50 / p99 from JS (Node)', `${us(full.p50)} / ${us(full.p99)}`,
    '≤ 25 µs / ≤ 100 µs', `${mark(full.p50 <= 25)} / ${mark(full.p99 <= 100)}`);

  const ratio = subset.p50 / floor.p50;
  row('cancer-screening subset, p50 ÷ hand-written JS p50 (Node)', `${us(subset.p50)} ÷ ${us(floor.p50)} = ${times(ratio)}`,
    '≤ 5×', mark(ratio <= 5));

  const fullRatio = full.p50 / nativeFull.p50;
  const subsetRatio = subset.p50 / nativeSubset.p50;
  row('the same natively (Rust library): full / subset p50, and wasm (Node) ÷ native',
    `${us(nativeFull.p50)} / ${us(nativeSubset.p50)}; wasm ÷ native ${times(fullRatio)} / ${times(subsetRatio)}`,
    'wasm ≤ 1.5× native', `${mark(fullRatio <= 1.5)} / ${mark(subsetRatio <= 1.5)}`);

  row('cold start in Node: a fresh process imports the package, instantiates, loads the rules, evaluates one profile (median of 5)',
    `${ms(full.coldStart)} full (${ms(subset.coldStart)} subset)`, '≤ 15 ms', mark(full.coldStart <= 15));

  const size = compressedSizes(wasm);
  row('web module `vigie_bg.wasm`, gzip -9 / brotli quality 11',
    `${kb(size.gzip)} / ${kb(size.brotli)} (${kb(size.raw)} raw)`, '≤ 300 KB / ≤ 250 KB',
    `${mark(size.gzip <= 300 * 1024)} / ${mark(size.brotli <= 250 * 1024)}`);

  if (page) {
    const { untilResult, firstVisit } = page.download;
    const encodings = untilResult.encodings.join(', ');
    const big = untilResult.repeated.filter((r) => r.bytes >= 10 * 1024);
    const repeated = big.length ? `; fetched more than once: ${big.map((r) => `${r.path} ${r.times}× (${kb(r.bytes)})`).join(', ')}` : '';
    row('(information) what the page downloads on a first visit, as served (headers + bodies)',
      `${kb(untilResult.bytes)} in ${untilResult.requests} requests before the first result (encoding: ${encodings}${repeated}); ${kb(firstVisit.bytes)} in ${firstVisit.requests} with the service worker's offline copy`,
      '—', 'information');
    row('page load → first result in Chromium, 10 Mbit/s and 40 ms round trip (median of 5)',
      `${ms(page.median.total)} (load → first question ${ms(page.median.load)}, answer → provisional result ${ms(page.median.answer)})`,
      '≤ 300 ms', mark(page.median.total <= 300));
    const main = page.mainThread;
    const task = main.longestTask ? `longest main-thread task from navigation to the first result ${ms(main.longestTask.ms)}` : 'main-thread tasks not traced';
    row('first evaluation on the main thread in Chromium: the page (`<vigie-check>`)',
      main.offMainThread ? `off the main thread (the engine runs in a worker); ${task}` : `on the main thread (${main.mainThreadWasm} wasm instantiations there); ${task}`,
      '≤ 5 ms, or off the main thread', mark(main.offMainThread));
  } else {
    row('(information) what the page downloads on a first visit, as served', NO_BROWSER, '—', '–');
    row('page load → first result in Chromium, 10 Mbit/s and 40 ms round trip', NO_BROWSER, '≤ 300 ms', '–');
    row('first evaluation on the main thread in Chromium: the page (`<vigie-check>`)', NO_BROWSER, '≤ 5 ms, or off the main thread', '–');
  }
  const firstFull = chromium?.timings?.['vigie-full']?.firstEvaluate;
  const firstSubset = chromium?.timings?.['vigie-subset']?.firstEvaluate;
  if (browser && firstFull !== undefined) {
    row('first evaluation on the main thread in Chromium: the package, `createVigie({})` then the first `evaluate()` (fresh context, median of 5)',
      `${ms(firstFull)} full (${ms(firstSubset)} subset)`, '≤ 5 ms', mark(firstFull <= 5));
  } else {
    row('first evaluation on the main thread in Chromium: the package\'s first `evaluate()`', NO_BROWSER, '≤ 5 ms', '–');
  }

  const perSecond = population / diffSeconds;
  row(`population diff, native: \`vigie diff rules/fr@2024.1.0 rules/fr@2025.1.0 --people ${population.toLocaleString('en')}\``,
    `${Math.round(perSecond).toLocaleString('en')} people/s (${diffSeconds.toFixed(2)} s on ${diffThreads ?? '?'} threads)`,
    '≥ 1,000,000 people/s', mark(perSecond >= 1_000_000));

  return [
    'Issue 20 ("Fast enough to disappear"), every row measured in this run:',
    '',
    '| | measured | target | |',
    '|---|---|---|---|',
    ...rows,
  ];
}

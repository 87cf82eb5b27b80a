// How long the main thread is blocked while the engine is loaded (fetch, compile, rule set) and
// evaluates once: `?mode=main` through createVigie, `?mode=worker` through createVigieWorker.
// Two measures: the longest gap of a setTimeout(0) loop (anything over ~4 ms is blocking), and the
// long tasks (> 50 ms) Chromium reports.
const mode = new URLSearchParams(location.search).get('mode');
const profile = { birthDate: '1971-03-02', sex: 'female', screenings: [{ test: 'mammography', date: '2024-11-12', result: 'normal' }] };

const longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push(entry.duration);
}).observe({ type: 'longtask', buffered: false });

let running = true;
let last = performance.now();
let longestGap = 0;
function tick() {
  const now = performance.now();
  longestGap = Math.max(longestGap, now - last);
  last = now;
  if (running) setTimeout(tick, 0);
}
// Let the page settle first, so only the engine's work is measured.
await new Promise((resolve) => setTimeout(resolve, 200));
last = performance.now();
setTimeout(tick, 0);

const started = performance.now();
let nudges;
if (mode === 'worker') {
  const { createVigieWorker } = await import('/pkg/worker/client.js');
  const vigie = await createVigieWorker();
  nudges = (await vigie.evaluate(profile, { asOf: '2026-12-05' })).nudges.length;
} else {
  const { createVigie } = await import('/pkg/index.js');
  const vigie = await createVigie();
  nudges = vigie.evaluate(profile, { asOf: '2026-12-05' }).nudges.length;
}
const elapsed = performance.now() - started;
// One more turn so that a block that ended with the evaluation is counted.
await new Promise((resolve) => setTimeout(resolve, 20));
running = false;
window.measured = {
  mode, nudges, elapsed, longestGap,
  longTaskTotal: longTasks.reduce((a, b) => a + b, 0),
  longTaskMax: Math.max(0, ...longTasks),
};

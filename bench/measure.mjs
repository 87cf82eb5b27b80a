// The measurement itself, the same in Node and in the browser.
import { syntheticProfiles } from './profiles.mjs';

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** Times `evaluate` (objects in and out) over `count` varied profiles; microseconds. */
export function measureEvaluate(vigie, { count = 3000, asOf = '2026-01-15' } = {}) {
  const profiles = syntheticProfiles(count, { asOf });
  for (let i = 0; i < 500; i++) vigie.evaluate(profiles[i % count], { asOf }); // warm up
  const times = [];
  let nudges = 0;
  const started = performance.now();
  for (const profile of profiles) {
    const t = performance.now();
    nudges += vigie.evaluate(profile, { asOf }).nudges.length;
    times.push((performance.now() - t) * 1000);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  return {
    profiles: count,
    nudges,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    mean: (total * 1000) / count,
    perSecond: Math.round(count / (total / 1000)),
  };
}

// The measurement, the same in Node and in Chromium: answers first, then timings.

import { answersOf, disagreements } from './answers.mjs';

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/** Checks every implementation against `expected`; returns [{ name, wrong: [...] }]. */
export async function checkAnswers(impls, profiles, expected, asOf) {
  const out = [];
  for (const { name, impl } of impls) {
    out.push({ name, wrong: disagreements(expected, await answersOf(impl, profiles, asOf)) });
  }
  return out;
}

/**
 * Times one implementation over `profiles`: per-profile p50/p99 (each call timed on its own,
 * awaiting async engines), and throughput from an untimed loop. Microseconds.
 */
export async function timeImpl(impl, profiles, asOf, { warmUp = 2000, passes = 2 } = {}) {
  const isAsync = impl.evaluate(profiles[0], asOf) instanceof Promise;
  for (let i = 0; i < warmUp; i++) await impl.evaluate(profiles[i % profiles.length], asOf);
  const times = [];
  for (let pass = 0; pass < passes; pass++) {
    for (const profile of profiles) {
      const t = performance.now();
      if (isAsync) await impl.evaluate(profile, asOf);
      else impl.evaluate(profile, asOf);
      times.push((performance.now() - t) * 1000);
    }
  }
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) {
    if (isAsync) for (const profile of profiles) await impl.evaluate(profile, asOf);
    else for (const profile of profiles) impl.evaluate(profile, asOf);
  }
  const total = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    perSecond: Math.round((passes * profiles.length) / total),
  };
}

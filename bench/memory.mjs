// Memory of one implementation over many evaluations, in a fresh Node process (run by compare.mjs):
//   node --expose-gc bench/memory.mjs <peer module> <subset|full|""> <evaluations> <asOf>
// Prints JSON: heap + external memory (which holds wasm memories) after a full GC at 25 % and at
// 100 % of the evaluations, the same for RSS, and the process's peak RSS; all in bytes.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [module, vigie, count, asOf] = process.argv.slice(2);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const profiles = JSON.parse(readFileSync(join(root, 'target/bench/profiles.json'), 'utf8'));
const options = vigie === 'subset' ? { ruleset: JSON.parse(readFileSync(join(root, 'target/bench/fr-cancer-screening.json'), 'utf8')) } : {};
const impl = await (await import(pathToFileURL(join(root, 'bench', 'peers', module)).href)).create(options);
const evaluations = Number(count);
const sample = () => {
  globalThis.gc();
  const m = process.memoryUsage();
  return { used: m.heapUsed + m.external, rss: m.rss };
};
let first;
for (let i = 0; i < evaluations; i++) {
  const answer = impl.evaluate(profiles[i % profiles.length], asOf);
  if (answer instanceof Promise) await answer;
  if (i + 1 === Math.floor(evaluations / 4)) first = sample();
}
const last = sample();
console.log(JSON.stringify({ evaluations, first: first.used, last: last.used, firstRss: first.rss, lastRss: last.rss, peakRss: process.resourceUsage().maxRSS * 1024 }));

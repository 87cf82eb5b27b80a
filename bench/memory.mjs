// Memory of one implementation over many evaluations, in a fresh Node process (run by compare.mjs):
//   node --expose-gc bench/memory.mjs <peer module> <subset|full|""> <evaluations> <asOf>
// Prints JSON, in bytes: after a full GC at 25 % and at 100 % of the evaluations, the JS heap +
// external memory, the WebAssembly memories the implementation instantiated (read from the
// instances themselves: Node counts them nowhere else), and RSS at ten checkpoints; and the peak RSS.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Keep every wasm memory an implementation creates, however it instantiates its module.
const memories = [];
const keep = (instance) => {
  for (const value of Object.values(instance.exports)) if (value instanceof WebAssembly.Memory) memories.push(value);
};
const NodeInstance = WebAssembly.Instance;
WebAssembly.Instance = class extends NodeInstance {
  constructor(module, imports) {
    super(module, imports);
    keep(this);
  }
};
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async (...args) => {
  const result = await instantiate(...args);
  keep(result.instance ?? result);
  return result;
};

const [module, vigie, count, asOf] = process.argv.slice(2);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const profiles = JSON.parse(readFileSync(join(root, 'target/bench/profiles.json'), 'utf8'));
const options = vigie === 'subset' ? { ruleset: JSON.parse(readFileSync(join(root, 'target/bench/fr-cancer-screening.json'), 'utf8')) } : {};
const impl = await (await import(pathToFileURL(join(root, 'bench', 'peers', module)).href)).create(options);
const evaluations = Number(count);
const sample = () => {
  globalThis.gc();
  const m = process.memoryUsage();
  return { used: m.heapUsed + m.external, rss: m.rss, wasm: memories.reduce((sum, mem) => sum + mem.buffer.byteLength, 0) };
};
let first;
const rss = [];
for (let i = 0; i < evaluations; i++) {
  const answer = impl.evaluate(profiles[i % profiles.length], asOf);
  if (answer instanceof Promise) await answer;
  if ((i + 1) % Math.floor(evaluations / 10) === 0) rss.push(process.memoryUsage().rss);
  if (i + 1 === Math.floor(evaluations / 4)) first = sample();
}
const last = sample();
console.log(JSON.stringify({
  evaluations,
  first: first.used, last: last.used,
  firstWasm: first.wasm, lastWasm: last.wasm,
  firstRss: first.rss, lastRss: last.rss, rss,
  peakRss: process.resourceUsage().maxRSS * 1024,
}));

// Checks one implementation's answers against Vigie's, in Node, and shows the first disagreements:
//   node bench/check.mjs bench/peers/hand-written.mjs
// (after `node bench/compare.mjs --prepare`, which writes target/bench/profiles.json and the answers
// of Vigie native for the cancer-screening subset).
import { readFileSync } from 'node:fs';
import { resolve, join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { answersOf, disagreements } from './answers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const asOf = '2026-01-15';
const profiles = JSON.parse(readFileSync(join(root, 'target/bench/profiles.json'), 'utf8'));
const expected = JSON.parse(readFileSync(join(root, 'target/bench/answers-subset.json'), 'utf8'));
const peer = await import(pathToFileURL(resolve(process.argv[2])).href);
const impl = await peer.create();
const got = await answersOf(impl, profiles, asOf);
const wrong = disagreements(expected, got);
console.log(`${peer.name}: ${profiles.length - wrong.length} of ${profiles.length} profiles agree with Vigie`);
for (const { index, expected: e, got: g } of wrong.slice(0, Number(process.argv[3] ?? 5))) {
  console.log(`\n#${index} ${JSON.stringify(profiles[index])}\n  vigie: ${JSON.stringify(e)}\n  got:   ${JSON.stringify(g)}`);
}
process.exitCode = wrong.length === 0 ? 0 : 1;

// Bundles the npm package json-rules-engine (CommonJS, with its dependencies) into one ES module for
// the browser, target/bench/json-rules-engine.js, exporting the package's names (Engine, Rule,
// Operator, Fact, Almanac, OperatorDecorator, and the default engine factory). The benchmark page
// maps the bare name 'json-rules-engine' to it with an import map.
//   node bench/peers/bundle.mjs
import { build } from 'esbuild';
import { mkdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = join(root, 'target', 'bench', 'json-rules-engine.js');
mkdirSync(dirname(outfile), { recursive: true });

// An ES-module entry re-exporting the CommonJS package by name: esbuild turns the CommonJS into a
// module and keeps these exports.
const entry = `
import jre from 'json-rules-engine';
export const { Engine, Rule, Operator, Fact, Almanac, OperatorDecorator } = jre;
export default jre.default;
`;

await build({
  stdin: { contents: entry, resolveDir: root, sourcefile: 'json-rules-engine-entry.mjs', loader: 'js' },
  bundle: true,
  format: 'esm',
  platform: 'browser', // jsonpath-plus's browser build: no `vm` module
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  outfile,
  logLevel: 'warning',
});
console.log(`${outfile}: ${statSync(outfile).size} bytes`);

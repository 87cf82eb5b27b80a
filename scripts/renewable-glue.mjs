// Adds two functions to wasm-bindgen's generated glue (pkg/dist/vigie.js, `--target web`), so that the
// package can replace a wasm instance after a trap (pkg/core.js, `Runtime`):
//   __vigie_renew()   — a fresh instance of the already compiled module, its start function run;
//                       returns its exports. Every later call of the glue goes to it. It may be
//                       cut short (a trap from a full stack): the package then calls nothing
//                       before it has run again to the end.
//   __vigie_exports() — the current instance's exports (the tests exhaust its memory).
// The glue keeps its instance in module-level variables that nothing else can reach. The text this
// relies on is checked: a wasm-bindgen upgrade that changes it stops the build here instead of
// shipping a package that cannot recover.
// The same glue serves Node (pkg/node.js instantiates it with `initSync`).
//   node scripts/renewable-glue.mjs <path/to/vigie.js>
import { readFileSync, writeFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('renewable-glue: usage: node scripts/renewable-glue.mjs <path/to/vigie.js>');
  process.exit(2);
}
const glue = readFileSync(file, 'utf8');

const expected = ['let wasmModule, wasmInstance, wasm;', 'function __wbg_finalize_init(instance, module) {', 'function __wbg_get_imports() {', 'function initSync(module) {'];
const missing = expected.filter((text) => !glue.includes(text));
if (missing.length) {
  console.error(`renewable-glue: ${file} does not contain ${missing.map((m) => `\`${m}\``).join(', ')}: wasm-bindgen's glue changed; update scripts/renewable-glue.mjs`);
  process.exit(1);
}
// A fresh instance must not be read through views of the old memory: the glue caches one view.
const views = [...new Set(glue.match(/\bcached\w*Memory0\b/g) ?? [])];
if (views.join() !== 'cachedUint8ArrayMemory0') {
  console.error(`renewable-glue: ${file} caches views ${views.join(', ')}; only cachedUint8ArrayMemory0 is reset: update scripts/renewable-glue.mjs`);
  process.exit(1);
}
if (glue.includes('__vigie_renew')) process.exit(0);

const added = `
/** Vigie: a fresh instance of the compiled module (after a trap); its exports. */
export function __vigie_renew() {
    if (wasmModule === undefined) throw new Error('vigie: the module was never instantiated');
    cachedUint8ArrayMemory0 = null;
    const instance = new WebAssembly.Instance(wasmModule, __wbg_get_imports());
    return __wbg_finalize_init(instance, wasmModule);
}
/** Vigie: the current instance's exports. */
export function __vigie_exports() {
    return wasm;
}
`;
writeFileSync(file, glue + added);

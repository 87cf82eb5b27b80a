// What each part of the web module costs (issue 20: "what each dependency costs in the module").
//   node bench/wasm-size.mjs [target/wasm32-unknown-unknown/wasm-release/vigie-citizen.wasm]
// scripts/build-pkg strips the function names from the module it ships; this reads cargo's own
// output (build-pkg keeps it as vigie-citizen.wasm), runs it through wasm-bindgen and wasm-opt as
// build-pkg does but keeping the names (-g), then sums each function's code by the crate its name belongs to (for a generic function, the
// first crate named in it other than core, alloc or std: `drop_in_place<rhai::…>` is Rhai's), and
// the data segments (the built-in rule sets, the FHIR mapping tables, the engine's words). Sizes
// are raw bytes and, to show what travels, each part gzipped on its own (level 9): parts compress
// a little worse alone than inside the whole module, so the parts add up to more than the module.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Reads an unsigned LEB128 number at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

/** Reads a name (a LEB128 length, then UTF-8) at `at`: [text, next offset]. */
function text(bytes, at) {
  const [length, start] = leb(bytes, at);
  return [new TextDecoder().decode(bytes.subarray(start, start + length)), start + length];
}

/** Skips a table's or a memory's limits (flags, minimum, maximum when flagged) at `at`. */
function skipLimits(bytes, at) {
  let flags;
  [flags, at] = leb(bytes, at);
  [, at] = leb(bytes, at);
  if (flags & 1) [, at] = leb(bytes, at);
  return at;
}

/** Reads a section's (or a name subsection's) header at `at`: [id, start of its content, end]. */
function section(bytes, at) {
  const [size, start] = leb(bytes, at + 1);
  return [bytes[at], start, start + size];
}

/** The module's function bodies (with their function index), data bytes and function names. */
export function sections(bytes) {
  let at = 8;
  let importedFunctions = 0;
  const bodies = [];
  const names = new Map();
  let data = 0;
  const dataParts = [];
  while (at < bytes.length) {
    let id;
    let end;
    [id, at, end] = section(bytes, at);
    if (id === 2) {
      let count;
      let p;
      [count, p] = leb(bytes, at);
      for (let i = 0; i < count; i++) {
        [, p] = text(bytes, p); // module
        [, p] = text(bytes, p); // field
        const kind = bytes[p++];
        if (kind === 0) { [, p] = leb(bytes, p); importedFunctions++; } else if (kind === 1) p = skipLimits(bytes, p + 1);
        else if (kind === 2) p = skipLimits(bytes, p);
        else if (kind === 3) p += 2;
      }
    } else if (id === 10) {
      let count;
      let p;
      [count, p] = leb(bytes, at);
      for (let i = 0; i < count; i++) {
        let len;
        [len, p] = leb(bytes, p);
        bodies.push({ index: importedFunctions + i, bytes: bytes.subarray(p, p + len) });
        p += len;
      }
    } else if (id === 11) {
      data = end - at;
      dataParts.push(bytes.subarray(at, end));
    } else if (id === 0) {
      const [name, start] = text(bytes, at);
      let p = start;
      while (name === 'name' && p < end) {
        let sub;
        let subEnd;
        [sub, p, subEnd] = section(bytes, p);
        if (sub === 1) {
          let count;
          let q;
          [count, q] = leb(bytes, p);
          for (let i = 0; i < count; i++) {
            let index;
            let functionName;
            [index, q] = leb(bytes, q);
            [functionName, q] = text(bytes, q);
            names.set(index, functionName);
          }
        }
        p = subEnd;
      }
    }
    at = end;
  }
  return { bodies, names, data, dataBytes: Buffer.concat(dataParts) };
}

const GENERIC = new Set(['core', 'alloc', 'std', 'impl']);

/** The part a function's (demangled) name belongs to: a crate, or `vigie::<module>`. */
export function partOf(name) {
  // Only the first segment of each path names a crate (`core::slice::sort<rhai::…>`: core, rhai).
  for (const match of name.matchAll(/(?:^|[<\s,(&[*])([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/g)) {
    const crate = match[1];
    if (GENERIC.has(crate)) continue;
    if (crate === 'vigie') {
      const module = name.slice(match.index).match(/vigie(?:\[[0-9a-f]+\])?::([a-z_]+)/);
      return `vigie::${module?.[1] ?? '?'}`;
    }
    return crate;
  }
  const std = name.match(/^<?(core|alloc|std)(?:\[[0-9a-f]+\])?::([a-z_]+)/);
  return std ? `${std[1]}::${std[2]} (generic)` : '(unnamed)';
}

/** Rows { part, bytes, gzip } sorted by size, code parts then the data. */
export function breakdown(bytes) {
  const { bodies, names, data, dataBytes } = sections(bytes);
  const parts = new Map();
  for (const body of bodies) {
    const part = partOf(names.get(body.index) ?? '');
    if (!parts.has(part)) parts.set(part, []);
    parts.get(part).push(body.bytes);
  }
  const rows = [...parts].map(([part, chunks]) => {
    const all = Buffer.concat(chunks);
    return { part, bytes: all.length, gzip: gzipSync(all, { level: 9 }).length };
  }).sort((a, b) => b.bytes - a.bytes);
  const code = rows.reduce((sum, r) => sum + r.bytes, 0);
  return { rows, code, data, dataGzip: gzipSync(dataBytes, { level: 9 }).length, named: names.size };
}

/** Builds a named copy of cargo's module (as build-pkg does, names kept) and breaks it down. */
export function measure(cargoWasm = join(root, 'target/wasm32-unknown-unknown/wasm-release/vigie-citizen.wasm')) {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-wasm-size-'));
  try {
    execFileSync('wasm-bindgen', ['--target', 'web', '--out-dir', dir, '--out-name', 'vigie', '--no-typescript', cargoWasm]);
    const named = join(dir, 'vigie_bg.wasm');
    execFileSync(join(root, 'node_modules/.bin/wasm-opt'), ['-O3', '-g',
      '--enable-bulk-memory', '--enable-bulk-memory-opt', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
      '--enable-mutable-globals', '--enable-multivalue', '--enable-reference-types', named, '-o', named]);
    return breakdown(readFileSync(named));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The breakdown as Markdown lines: the parts over 1 % of the code, the rest summed, the data. */
export function table({ rows, code, data, dataGzip }) {
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  const lines = ['| part of vigie_bg.wasm | bytes | share of the code | gzipped alone |', '|---|---|---|---|'];
  let restBytes = 0;
  let restGzip = 0;
  for (const row of rows) {
    if (row.bytes / code < 0.01) {
      restBytes += row.bytes;
      restGzip += row.gzip;
      continue;
    }
    lines.push(`| ${row.part} | ${kb(row.bytes)} | ${(100 * row.bytes / code).toFixed(1)} % | ${kb(row.gzip)} |`);
  }
  lines.push(`| everything else (each under 1 %) | ${kb(restBytes)} | ${(100 * restBytes / code).toFixed(1)} % | ${kb(restGzip)} |`);
  lines.push(`| **code, total** | ${kb(code)} | 100 % | |`);
  lines.push(`| data (built-in rule sets, FHIR tables, words) | ${kb(data)} | | ${kb(dataGzip)} |`);
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = measure(process.argv[2]);
  if (result.named < 100) throw new Error(`only ${result.named} function names: was the module built without names?`);
  console.log(table(result).join('\n'));
}

// Writes the precompressed siblings that www/serve.mjs sends to browsers that accept them:
// `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9) beside each file worth it below the
// folders given (default: www/ and pkg/, the page and the package it loads).
//   node scripts/compress.mjs [folder…]
// Worth it: a text or wasm file (.wasm .js .mjs .css .json .html .svg .webmanifest) of at least
// 1 KB, not hidden by the server (tests, node_modules), whose compressed copy is smaller. The output
// is deterministic (the gzip header carries no name and no time), so a rebuild changes a sibling
// only when its file changed; a sibling already fresh (as the server checks it) is kept, so running
// this again costs a few decompressions. Siblings of files that no longer exist or are no longer
// worth it are removed. The siblings are gitignored and left out of the npm tarball (a portal's
// bundler and host compress on their own): they serve this repository's page and its deployments
// (docs/deploy.md).
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, dirname, extname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants } from 'node:zlib';
import { codings, fresh, hidden } from '../www/serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const worthIt = new Set(['.wasm', '.js', '.mjs', '.css', '.json', '.html', '.svg', '.webmanifest']);
const SMALLEST = 1024;

const compressors = {
  br: (bytes, ext) => promisify(brotliCompress)(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: ext === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }),
  gzip: (bytes) => promisify(gzip)(bytes, { level: constants.Z_BEST_COMPRESSION, memLevel: 9 }),
};

/** Every regular file below `dir` that the server would serve from `base`, sorted. */
async function walk(base, dir = base, found = []) {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    if (entry.isDirectory()) await walk(base, path, found);
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

const sizeOf = (path) => stat(path).then((s) => s.size, () => null);

/** Compresses one folder; returns what it did, in bytes. */
async function compressFolder(base) {
  const tally = { files: 0, written: 0, kept: 0, removed: 0, plain: 0, gzip: 0, br: 0 };
  const files = await walk(base);
  const present = new Set(files);
  for (const path of files) {
    const coded = Object.entries(codings).find(([, { suffix }]) => path.endsWith(suffix));
    if (coded) {
      // A sibling whose file is gone, or was not found worth compressing below, goes.
      const plain = path.slice(0, -coded[1].suffix.length);
      if (!present.has(plain) || !worth(base, plain, await sizeOf(plain))) {
        await rm(path, { force: true });
        tally.removed += 1;
      }
      continue;
    }
    const size = await sizeOf(path);
    if (!worth(base, path, size)) continue;
    tally.files += 1;
    tally.plain += size;
    let bytes = null;
    for (const [coding, { suffix }] of Object.entries(codings)) {
      const sibling = path + suffix;
      if (await fresh(path, sibling, coding)) {
        tally.kept += 1;
        tally[coding] += await sizeOf(sibling);
        continue;
      }
      bytes ??= await readFile(path);
      const compressed = await compressors[coding](bytes, extname(path));
      if (compressed.length >= bytes.length) {
        // Not smaller: the plain file travels (and an older sibling must not).
        await rm(sibling, { force: true });
        tally[coding] += bytes.length;
        continue;
      }
      // Written beside, then renamed: a server running meanwhile never sees half a sibling.
      const partial = `${sibling}.partial-${process.pid}`;
      await writeFile(partial, compressed);
      await rename(partial, sibling);
      tally.written += 1;
      tally[coding] += compressed.length;
    }
  }
  return tally;
}

function worth(base, path, size) {
  return size !== null && size >= SMALLEST && worthIt.has(extname(path)) && !hidden(base, path);
}

const folders = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['www', 'pkg'];
for (const folder of folders) {
  const base = join(root, folder);
  if (!(await stat(base).then((s) => s.isDirectory(), () => false))) {
    console.error(`compress: ${relative(root, base) || '.'} is not a folder`);
    process.exit(1);
  }
  const t = await compressFolder(base);
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`${folder}/ precompressed: ${t.files} files, ${kb(t.plain)} → gzip ${kb(t.gzip)}, brotli ${kb(t.br)}` +
    ` (${t.written} siblings written, ${t.kept} already fresh, ${t.removed} removed)`);
}

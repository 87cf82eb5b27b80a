// Builds the studio into www/studio/ (served with the self-check page at /studio/):
// - studio.js and worker.js: studio/src bundled by esbuild (CodeMirror 6 and fflate from npm);
//   the worker imports the authoring module's glue (pkg/dist/authoring, built by scripts/build-pkg)
//   and fetches its wasm from ../pkg/dist/authoring/ at run time;
// - index.html and studio.css, copied;
// - shipped.json: every shipped rule-set version's files (rules/), so that the studio opens and
//   compares them offline.
//   node studio/build.mjs
import { build } from 'esbuild';
import { copyFile, mkdir, readdir, readFile, writeFile, lstat } from 'node:fs/promises';
import { join, dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestValue, RULESET_FILE } from './src/open.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const out = join(root, 'www', 'studio');
const rules = join(root, 'rules');

/** Every regular file below `dir`, as paths relative to `base` with `/`. */
async function walk(dir, base, found = []) {
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, base, found);
    else if (entry.isFile()) found.push(relative(base, path).split(sep).join('/'));
  }
  return found;
}

function numeric(a, b) {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The shipped versions: `rules/<id>/ruleset.toml` (one version) or `rules/<id>/<version>/ruleset.toml`. */
async function shipped() {
  const rulesets = [];
  const files = {};
  const take = async (folder) => {
    for (const path of await walk(join(rules, folder), join(rules, folder))) {
      if (!RULESET_FILE.test(path)) continue;
      files[`${folder}/${path}`] = await readFile(join(rules, folder, path), 'utf8');
    }
  };
  const ids = (await readdir(rules, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  for (const id of ids) {
    const versions = [];
    const single = join(rules, id, 'ruleset.toml');
    const folders = (await lstat(single).then(() => true, () => false))
      ? [id]
      : (await readdir(join(rules, id), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => `${id}/${e.name}`);
    for (const folder of folders.sort(numeric)) {
      const manifest = await readFile(join(rules, folder, 'ruleset.toml'), 'utf8').catch(() => null);
      if (manifest === null) continue;
      const title = manifest.match(/^title\s*=\s*\{\s*\w+\s*=\s*"([^"]*)"/m)?.[1] ?? null;
      versions.push({ version: manifestValue(manifest, 'version'), folder, title });
      await take(folder);
    }
    if (versions.length > 0) rulesets.push({ id, versions });
  }
  return { rulesets, files };
}

await mkdir(out, { recursive: true });
await build({
  entryPoints: { studio: join(here, 'src', 'main.js'), worker: join(here, 'src', 'worker.js') },
  outdir: out,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
await copyFile(join(here, 'index.html'), join(out, 'index.html'));
await copyFile(join(here, 'studio.css'), join(out, 'studio.css'));
const index = await shipped();
await writeFile(join(out, 'shipped.json'), JSON.stringify(index));
const count = index.rulesets.reduce((n, set) => n + set.versions.length, 0);
console.log(`www/studio built: ${count} shipped versions, ${Object.keys(index.files).length} files`);

// The bundler matrix (issue 18): the package as a portal developer gets it — the `npm pack`
// tarball installed in a fresh app — built by esbuild, Vite, webpack 5 and Rollup, served under a
// strict Content-Security-Policy and run in Chromium. Each app evaluates one fixed profile; the
// report must be byte-identical to `vigie eval`, with no policy violation and no page error.
// Prints the tarball's sizes and, per bundler, the time from navigation to the first result
// (median of 5 loads, each in a fresh browser context: nothing cached).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import webpack from 'webpack';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { importMetaAssets } from '@web/rollup-plugin-import-meta-assets';
import { root, serveStrict, launch, load, median } from './helpers.mjs';

const run = promisify(execFile);
const LOADS = 5;
const asOf = '2026-12-05';
const profile = {
  birthDate: '1971-03-02',
  sex: 'female',
  smoking: { status: 'former', packYears: 22, quitDate: '2018-06-01' },
  familyHistory: [{ relation: 'mother', condition: 'breast-cancer', ageAtDiagnosis: 44 }],
  screenings: [{ test: 'mammography', date: '2024-11-12', result: 'normal' }, { test: 'fit', date: '2023-02' }],
};

// The app, as a portal would write it; `wasm` is the one line a bundler may need (README "Bundlers").
function appSource({ wasmImport = '', wasmOption = '' } = {}) {
  return `import { createVigie } from 'vigie';
${wasmImport}
const profile = ${JSON.stringify(JSON.stringify(profile))};
createVigie({ ${wasmOption} }).then((vigie) => {
  const report = vigie.evaluateJson(profile, { asOf: '${asOf}' });
  window.__vigie = { report, at: performance.now() };
  document.getElementById('result').textContent = report;
}).catch((err) => {
  window.__vigie = { error: String(err && err.stack || err) };
});
`;
}
const page = (script) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>vigie bundler app</title>${script}</head>
<body><pre id="result"></pre></body></html>
`;

const bundlers = {
  async esbuild(app) {
    // esbuild does not follow `new URL('vigie_bg.wasm', import.meta.url)`: the app imports the
    // module's URL through the package's exports and passes it (one loader line).
    writeFileSync(join(app, 'main.js'), appSource({ wasmImport: "import wasm from 'vigie/vigie_bg.wasm';", wasmOption: 'wasm' }));
    await esbuild({
      absWorkingDir: app, entryPoints: ['main.js'], bundle: true, format: 'esm', minify: true, outdir: 'dist', logLevel: 'error',
      loader: { '.wasm': 'file' },
    });
    writeFileSync(join(app, 'dist', 'index.html'), page('<script type="module" src="./main.js"></script>'));
  },
  async vite(app) {
    writeFileSync(join(app, 'main.js'), appSource());
    writeFileSync(join(app, 'index.html'), page('<script type="module" src="/main.js"></script>'));
    await vite({ root: app, configFile: false, logLevel: 'error', build: { outDir: 'dist' } });
  },
  async webpack(app) {
    writeFileSync(join(app, 'main.js'), appSource());
    const stats = await new Promise((resolve, reject) => webpack({
      mode: 'production', context: app, entry: './main.js', output: { path: join(app, 'dist'), filename: 'main.js' },
    }, (err, result) => (err ? reject(err) : resolve(result))));
    if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
    writeFileSync(join(app, 'dist', 'index.html'), page('<script defer src="./main.js"></script>'));
  },
  async rollup(app) {
    writeFileSync(join(app, 'main.js'), appSource());
    // nodeResolve: how Rollup finds any npm package. importMetaAssets: the one line, so that
    // Rollup copies `vigie_bg.wasm` (it leaves `new URL(…, import.meta.url)` as it is otherwise).
    const bundle = await rollup({ input: join(app, 'main.js'), plugins: [nodeResolve(), importMetaAssets()], logLevel: 'silent' });
    await bundle.write({ dir: join(app, 'dist'), format: 'es' });
    await bundle.close();
    writeFileSync(join(app, 'dist', 'index.html'), page('<script type="module" src="./main.js"></script>'));
  },
};

let work;
let tarball;
let expected;
let browser;
const timings = {};

before(async () => {
  work = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), 'vigie-bundlers-'));
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: join(root, 'pkg'), encoding: 'utf8' }));
  tarball = join(work, packed.filename);
  const files = packed.files.map((f) => f.path).sort();
  console.log(`tarball ${packed.filename}: ${(packed.size / 1024).toFixed(0)} KB packed, ${(packed.unpackedSize / 1024).toFixed(0)} KB unpacked, ${packed.entryCount} files: ${files.join(', ')}`);
  // The module is shipped once.
  assert.deepEqual(files.filter((f) => f.endsWith('.wasm')), ['dist/vigie_bg.wasm']);
  const profileFile = join(work, 'profile.json');
  writeFileSync(profileFile, JSON.stringify(profile));
  expected = execFileSync(join(root, 'target/release/vigie'), ['eval', '--rules', join(root, 'rules/fr'), '--as-of', asOf, profileFile], { encoding: 'utf8' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  const rows = Object.entries(timings).map(([name, ms]) => `| ${name} | ${median(ms).toFixed(0)} ms | ${ms.map((x) => x.toFixed(0)).join(', ')} |`);
  if (rows.length) console.log(['| bundler | navigation → first result, median of 5 | each load (ms) |', '|---|---|---|', ...rows].join('\n'));
  if (work) rmSync(work, { recursive: true, force: true });
});

for (const [name, bundle] of Object.entries(bundlers)) {
  test(`${name}: built from the tarball, evaluates under a strict CSP as vigie eval does`, async () => {
    const app = join(work, name);
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: `app-${name}`, private: true, type: 'module' }));
    // The tarball has no dependencies: nothing is fetched.
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: app });
    await bundle(app);
    const server = await serveStrict(join(app, 'dist'));
    try {
      const seen = [];
      for (let i = 0; i < LOADS; i += 1) {
        const result = await load(browser, server.url, () => window.__vigie !== undefined);
        assert.equal(result.vigie.error, undefined, `${name}: ${result.vigie.error}`);
        assert.match(result.policy, /script-src 'self' 'wasm-unsafe-eval';/);
        assert.deepEqual(result.violations, [], `${name}: the policy refused something`);
        assert.deepEqual(result.errors, [], `${name}: page errors`);
        assert.equal(`${result.vigie.report}\n`, expected, `${name}: not the report vigie eval gives`);
        seen.push(result.vigie.at);
      }
      timings[name] = seen;
    } finally {
      await server.close();
    }
  });
}

test('the test sees what the policy refuses (else zero violations proves nothing)', async () => {
  const dir = join(work, 'canary');
  mkdirSync(dir);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title><style>p{}</style><script>window.__vigie = 1</script><script src="ok.js"></script>');
  writeFileSync(join(dir, 'ok.js'), 'window.__vigie = 2;');
  const server = await serveStrict(dir);
  try {
    const result = await load(browser, server.url, () => window.__vigie !== undefined);
    assert.equal(result.vigie, 2, 'the inline script must not have run');
    assert.equal(result.violations.length, 2, result.violations.join('\n'));
  } finally {
    await server.close();
  }
});

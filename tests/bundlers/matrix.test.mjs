// The bundler matrix (issue 18): the package as a portal developer gets it — the `npm pack`
// tarball installed in a fresh app — built by esbuild, Vite, webpack 5 and Rollup, served under a
// strict Content-Security-Policy and run in Chromium. Each app evaluates one fixed profile; the
// report must be byte-identical to `vigie eval`, with no policy violation and no page error.
// A second app per bundler embeds <vigie-check> (`vigie/element`, its engine in `vigie/worker`'s
// worker): its first `vigie-report` must carry the nudges `vigie eval` gives, under the same policy
// plus `worker-src 'self'`, with the engine in the worker (no "no worker" warning).
// Prints the tarball's sizes and, per bundler, the time from navigation to the first result
// (median of 5 loads, each in a fresh browser context: nothing cached), and to the element's first
// report (median of 3). VIGIE_KEEP_APPS=1 keeps the built apps (their folder is in TMPDIR).
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
import { root, serveStrict, launch, load, median, WORKER_POLICY } from './helpers.mjs';

const run = promisify(execFile);
const LOADS = 5;
const ELEMENT_LOADS = 3;
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
const page = (script, body = '<pre id="result"></pre>') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>vigie bundler app</title>${script}</head>
<body>${body}</body></html>
`;

// The element app, as a portal would write it: <vigie-check> in the page, the fixed profile set
// on it, its first report kept. `configure` is the line a bundler may need (README "Bundlers").
function elementSource({ preamble = "import 'vigie/element';" } = {}) {
  return `${preamble}
const check = document.querySelector('vigie-check');
check.addEventListener('vigie-report', (event) => {
  window.__vigie ??= { report: event.detail.report, at: performance.now() };
});
check.addEventListener('vigie-error', (event) => {
  const err = event.detail.error;
  window.__vigie = { error: String(err && err.stack || err) };
});
check.profile = ${JSON.stringify(profile)};
`;
}
const elementBody = `<main><h1>Portal</h1><vigie-check as-of="${asOf}"></vigie-check></main>`;

// esbuild and Rollup do not bundle `new Worker(new URL('./worker.js', import.meta.url))`: the
// worker script is a second entry point, and the element is told where it is (and, for esbuild,
// where the wasm is).
const workerScript = 'vigie/worker/script';
const esbuildElement = `import { configure } from 'vigie/element';
import wasm from 'vigie/vigie_bg.wasm';
configure({ worker: './vigie-worker.js', wasm });`;
const rollupElement = `import { configure } from 'vigie/element';
configure({ worker: './vigie-worker.js' });`;

// Each bundler builds `kind` ('api': createVigie; 'element': <vigie-check>) into app/dist.
const bundlers = {
  async esbuild(app, kind) {
    // esbuild does not follow `new URL('vigie_bg.wasm', import.meta.url)`: the app imports the
    // module's URL through the package's exports and passes it (one loader line).
    const element = kind === 'element';
    writeFileSync(join(app, 'main.js'), element
      ? elementSource({ preamble: esbuildElement })
      : appSource({ wasmImport: "import wasm from 'vigie/vigie_bg.wasm';", wasmOption: 'wasm' }));
    await esbuild({
      absWorkingDir: app, bundle: true, format: 'esm', minify: true, outdir: 'dist', logLevel: 'error',
      entryPoints: element ? { main: 'main.js', 'vigie-worker': workerScript } : ['main.js'],
      loader: { '.wasm': 'file' },
    });
    writeFileSync(join(app, 'dist', 'index.html'), page('<script type="module" src="./main.js"></script>', element ? elementBody : undefined));
  },
  async vite(app, kind) {
    const element = kind === 'element';
    writeFileSync(join(app, 'main.js'), element ? elementSource() : appSource());
    writeFileSync(join(app, 'index.html'), page('<script type="module" src="/main.js"></script>', element ? elementBody : undefined));
    await vite({ root: app, configFile: false, logLevel: 'error', build: { outDir: 'dist' } });
  },
  async webpack(app, kind) {
    const element = kind === 'element';
    writeFileSync(join(app, 'main.js'), element ? elementSource() : appSource());
    const stats = await new Promise((resolve, reject) => webpack({
      mode: 'production', context: app, entry: './main.js', output: { path: join(app, 'dist'), filename: 'main.js' },
    }, (err, result) => (err ? reject(err) : resolve(result))));
    if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
    writeFileSync(join(app, 'dist', 'index.html'), page('<script defer src="./main.js"></script>', element ? elementBody : undefined));
  },
  async rollup(app, kind) {
    const element = kind === 'element';
    writeFileSync(join(app, 'main.js'), element ? elementSource({ preamble: rollupElement }) : appSource());
    // nodeResolve: how Rollup finds any npm package. importMetaAssets: the one line, so that
    // Rollup copies `vigie_bg.wasm` (it leaves `new URL(…, import.meta.url)` as it is otherwise).
    const input = element ? { main: join(app, 'main.js'), 'vigie-worker': workerScript } : join(app, 'main.js');
    const bundle = await rollup({ input, plugins: [nodeResolve({ rootDir: app }), importMetaAssets()], logLevel: 'silent' });
    await bundle.write({ dir: join(app, 'dist'), format: 'es' });
    await bundle.close();
    writeFileSync(join(app, 'dist', 'index.html'), page('<script type="module" src="./main.js"></script>', element ? elementBody : undefined));
  },
};

let work;
let tarball;
let expected;
let expectedNudges;
let browser;
const timings = {};
const elementTimings = {};

/** The nudges as the element test compares them: what each program asks, and by when. */
const nudgesOf = (report) => report.nudges.map(({ program, status, dueDate }) => ({ program, status, dueDate }));

before(async () => {
  work = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), 'vigie-bundlers-'));
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: join(root, 'pkg'), encoding: 'utf8' }));
  tarball = join(work, packed.filename);
  const files = packed.files.map((f) => f.path).sort();
  console.log(`tarball ${packed.filename}: ${(packed.size / 1024).toFixed(0)} KB packed, ${(packed.unpackedSize / 1024).toFixed(0)} KB unpacked, ${packed.entryCount} files: ${files.join(', ')}`);
  // The citizen module is shipped once; beside it only the authoring module of `npx vigie`
  // (docs/authoring.md), which nothing but bin/vigie.mjs imports (the apps below never import it).
  assert.deepEqual(files.filter((f) => f.endsWith('.wasm')), ['dist/authoring/vigie_authoring_bg.wasm', 'dist/vigie_bg.wasm']);
  // The precompressed siblings (scripts/compress.mjs) serve the repository's page only: a portal's
  // bundler and host compress on their own.
  assert.deepEqual(files.filter((f) => /\.(br|gz)$/.test(f)), []);
  const profileFile = join(work, 'profile.json');
  writeFileSync(profileFile, JSON.stringify(profile));
  expected = execFileSync(join(root, 'target/release/vigie'), ['eval', '--rules', join(root, 'rules/fr'), '--as-of', asOf, profileFile], { encoding: 'utf8' });
  expectedNudges = nudgesOf(JSON.parse(expected));
  // Else comparing the element's nudges would prove little.
  assert.ok(expectedNudges.some((n) => n.status === 'due') && expectedNudges.some((n) => n.dueDate), expected);
  browser = await launch();
});

const table = (title, rows) => {
  const lines = Object.entries(rows).map(([name, ms]) => `| ${name} | ${median(ms).toFixed(0)} ms | ${ms.map((x) => x.toFixed(0)).join(', ')} |`);
  if (lines.length) console.log([`| bundler | ${title} | each load (ms) |`, '|---|---|---|', ...lines].join('\n'));
};

after(async () => {
  await browser?.close();
  table(`navigation → first result, median of ${LOADS}`, timings);
  table(`<vigie-check>: navigation → first vigie-report, median of ${ELEMENT_LOADS}`, elementTimings);
  if (work && !process.env.VIGIE_KEEP_APPS) rmSync(work, { recursive: true, force: true });
});

/** A fresh app folder with the tarball installed (it has no dependencies: nothing is fetched). */
async function freshApp(name) {
  const app = join(work, name);
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: `app-${name}`, private: true, type: 'module' }));
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: app });
  return app;
}

for (const [name, bundle] of Object.entries(bundlers)) {
  test(`${name}: built from the tarball, evaluates under a strict CSP as vigie eval does`, async () => {
    const app = await freshApp(name);
    await bundle(app, 'api');
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

  test(`${name}: <vigie-check> from the tarball runs its engine in a worker under a strict CSP`, async () => {
    const app = await freshApp(`${name}-element`);
    await bundle(app, 'element');
    const server = await serveStrict(join(app, 'dist'), { policy: WORKER_POLICY });
    try {
      const seen = [];
      for (let i = 0; i < ELEMENT_LOADS; i += 1) {
        const result = await load(browser, server.url, () => window.__vigie !== undefined);
        assert.equal(result.vigie.error, undefined, `${name}: ${result.vigie.error}`);
        assert.match(result.policy, /script-src 'self' 'wasm-unsafe-eval';.*worker-src 'self'/);
        assert.deepEqual(result.violations, [], `${name}: the policy refused something`);
        assert.deepEqual(result.errors, [], `${name}: page errors`);
        // The engine ran in the worker: the element falls back to the main thread with this warning.
        assert.deepEqual(result.warnings.filter((w) => /no worker/.test(w)), [], `${name}: ${result.warnings.join('\n')}`);
        assert.deepEqual(nudgesOf(result.vigie.report), expectedNudges, `${name}: not the nudges vigie eval gives`);
        assert.equal(result.vigie.report.asOf, asOf);
        seen.push(result.vigie.at);
      }
      elementTimings[name] = seen;
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

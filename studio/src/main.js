// Vigie Studio: write, check, test, compare and export a rule set in the browser, with the same
// command line as `vigie` (docs/authoring.md) running in a worker. Nothing is sent anywhere.
import { h, fill, byId } from './dom.js';
import { t, setLocale, currentLocale } from './words.js';
import { Commands, localToday } from './commands.js';
import { Editor } from './editor.js';
import { Workspace, EDIT } from './workspace.js';
import { CasesPanel, renderTrace } from './cases.js';
import { ComparePanel } from './compare.js';
import { ExportPanel } from './export.js';
import { nextVersion, newVersionManifest, checkNewVersion } from './new-version.js';
import { OpenProblem, RULESET_FILE, ruleSetFolders, fromFileList, fromDirectoryHandle, fromDirectoryEntry } from './open.js';
import * as keep from './keep.js';

const app = {
  ws: null,
  disk: [],
  shipped: null,
  shippedDigests: new Map(),
  check: null,
  problems: new Map(),
  checker: new Commands('vigie-check'),
  differ: null,
  differFiles: null,
  checkGeneration: 0,
  pending: new Map(),
};

// ------------------------------------------------------------------ words

function localeFromPage() {
  const asked = new URL(location.href).searchParams.get('lang');
  if (asked === 'fr' || asked === 'en') return asked;
  const kept = localStorage.getItem('vigie-studio-lang');
  if (kept === 'fr' || kept === 'en') return kept;
  return navigator.language?.startsWith('en') ? 'en' : 'fr';
}

function applyWords() {
  document.documentElement.lang = currentLocale();
  document.title = t('title');
  for (const element of document.querySelectorAll('[data-t]')) element.textContent = t(element.dataset.t);
  for (const element of document.querySelectorAll('[data-t-label]')) element.setAttribute('aria-label', t(element.dataset.tLabel));
  for (const button of document.querySelectorAll('[data-locale]')) {
    button.setAttribute('aria-pressed', String(button.dataset.locale === currentLocale()));
  }
  fill(byId('help-steps'), t('helpSteps').map((step) => h('li', {}, step)));
  if (app.ws) {
    renderFiles();
    renderCheck();
  }
  app.cases?.render();
}

// ------------------------------------------------------------------ status line

function say(text, kind = 'info') {
  const line = byId('status');
  line.className = `status status-${kind}`;
  fill(line, text);
}

// ------------------------------------------------------------------ workers and files

/** Sends the working copy's changed files to the checker before a command reads them. */
async function sync() {
  if (!app.ws || app.pending.size === 0) return;
  const files = {};
  for (const [path, text] of app.pending) files[`${app.ws.root}/${path}`] = text;
  app.pending.clear();
  await app.checker.files({ files });
}
app.sync = sync;

/** The differ worker, with the shipped versions and the current working copy. */
app.differWithFiles = async () => {
  if (!app.differ) {
    app.differ = new Commands('vigie-diff');
    await app.differ.files({ files: app.shipped.files });
  }
  await app.differ.files({ clear: [EDIT, '/disk'], files: { ...app.ws.absolute(), ...diskFiles() } });
  return app.differ;
};

app.restartDiffer = () => {
  app.differ?.terminate();
  app.differ = null;
};

async function loadShipped() {
  const response = await fetch(new URL('shipped.json', document.baseURI));
  const shipped = await response.json();
  // Paths as the module reads them: `/fr/2025.1.0/ruleset.toml`.
  shipped.files = Object.fromEntries(Object.entries(shipped.files).map(([path, text]) => [`/${path}`, text]));
  app.shipped = shipped;
  await app.checker.files({ files: shipped.files });
  const select = byId('shipped');
  fill(
    select,
    shipped.rulesets.flatMap((set) => set.versions.map((v) => h('option', { value: `${set.id}@${v.version}` }, `${set.id}@${v.version}${v.title ? ` — ${v.title}` : ''}`))),
  );
}

/** The digest of a shipped version (checked once, in the worker). */
async function shippedDigest(id, version) {
  const key = `${id}@${version}`;
  if (!app.shippedDigests.has(key)) {
    const set = app.shipped.rulesets.find((s) => s.id === id);
    const found = set?.versions.find((v) => v.version === version);
    if (!found) return null;
    const ran = await app.checker.json(['check', `/${found.folder}`, '--json']);
    app.shippedDigests.set(key, ran.result?.versions?.[0]?.digest ?? null);
  }
  return app.shippedDigests.get(key);
}

/** Whether the working copy claims a shipped id and version with other content (frozen: refused). */
app.frozenEdit = async () => {
  const ws = app.ws;
  const digest = app.check?.versions?.[0]?.digest;
  if (!ws || !digest) return false;
  const published = await shippedDigest(ws.id, ws.version);
  return published !== null && published !== digest;
};

// ------------------------------------------------------------------ opening

/** Whether the author agrees to replace a working copy with changes (they are kept otherwise). */
function mayReplace() {
  const ws = app.ws;
  if (!ws || !ws.paths.some((path) => ws.changed(path))) return true;
  return confirm(t('replaceConfirm', { name: `${ws.id} ${ws.version}` }));
}

/** The other versions of a folder opened from disk, as the module sees them (`/disk/<folder>/…`). */
function diskFiles() {
  const files = {};
  for (const version of app.disk) {
    for (const [path, text] of Object.entries(version.files)) files[`/disk/${version.folder}/${path}`] = text;
  }
  return files;
}

async function openWorkspace(ws, { restored = false, disk = [] } = {}) {
  if (!restored && !mayReplace()) return false;
  app.ws = ws;
  app.disk = disk;
  app.pending.clear();
  app.check = null;
  app.problems.clear();
  app.editor.reset();
  app.cases.clear();
  app.compare.clear();
  app.exporter.clear();
  await app.checker.files({ clear: [EDIT, '/disk'], files: { ...ws.absolute(), ...diskFiles() } });
  byId('start').hidden = true;
  byId('workbench').hidden = false;
  byId('restored').hidden = !restored;
  app.compare.fill(app.shipped, ws, app.disk);
  renderFiles();
  openFile('ruleset.toml');
  await runCheck();
  if (!restored) await keep.save(ws.snapshot());
  return true;
}

async function openShipped(name) {
  const [id, version] = name.split('@');
  const set = app.shipped.rulesets.find((s) => s.id === id);
  const found = set?.versions.find((v) => v.version === version);
  if (!found) return say(t('openFailed', { why: name }), 'bad');
  const prefix = `/${found.folder}/`;
  const files = {};
  for (const [path, text] of Object.entries(app.shipped.files)) {
    if (path.startsWith(prefix)) files[path.slice(prefix.length)] = text;
  }
  await openWorkspace(new Workspace({ files, origin: { kind: 'shipped', name } }));
}

async function openFiles(all, name) {
  const found = ruleSetFolders(all);
  if (found.length === 0) throw new OpenProblem('noRuleset');
  // A folder of versions (rules/fr): the newest version, by its folder's name, is opened; the
  // others are offered in Compare (a new version is compared with the one before).
  const [chosen, ...others] = found.sort((a, b) => b.folder.localeCompare(a.folder, 'en', { numeric: true }));
  const opened = await openWorkspace(new Workspace({ files: chosen.files, origin: { kind: 'folder', name: chosen.folder || name } }), { disk: others });
  if (opened && others.length > 0) say(t('otherVersions', { opened: chosen.folder, others: others.map((o) => o.folder).join(', ') }));
}

async function openBundle(file) {
  const text = await file.text();
  const at = `/open/${file.name.replace(/[^A-Za-z0-9._-]/g, '_') || 'bundle.json'}`;
  await app.checker.files({ clear: ['/open', '/unbundled'], files: { [at]: text } });
  const ran = await app.checker.run(['unbundle', at, '-o', '/unbundled/out']);
  if (ran.code !== 0) throw new Error((ran.stderr || ran.stdout).trim());
  const files = await app.checker.folder('/unbundled/out');
  await openWorkspace(new Workspace({ files, origin: { kind: 'bundle', name: file.name } }));
}

async function guarded(work) {
  try {
    say(t('loading'));
    await work();
    if (byId('status').textContent === t('loading')) say('');
  } catch (err) {
    const why = err instanceof OpenProblem ? t(err.key, err.vars) : err.message;
    say(t('openFailed', { why }), 'bad');
  }
}

// ------------------------------------------------------------------ files and editor

function renderFiles() {
  const ws = app.ws;
  fill(
    byId('file-list'),
    ws.paths.map((path) => {
      const problems = app.problems.get(path)?.length ?? 0;
      const current = app.editor.path === path;
      return h(
        'li',
        {},
        h(
          'button',
          { type: 'button', class: `file${current ? ' current' : ''}`, 'aria-current': current ? 'true' : null, onclick: () => openFile(path) },
          path,
          ws.changed(path) ? h('span', { class: 'badge changed' }, ` ${t('changed')}`) : null,
          problems > 0 ? h('span', { class: 'badge bad' }, ` ${t('problemsIn', { n: problems })}`) : null,
        ),
      );
    }),
  );
  fill(byId('ws-title'), `${ws.id} ${ws.version}`, ws.origin.name ? ` (${ws.origin.name})` : '');
  byId('delete-file').disabled = app.editor.path === null || app.editor.path === 'ruleset.toml';
}

function openFile(path, line, column) {
  const ws = app.ws;
  if (!ws || ws.files[path] === undefined) return false;
  if (app.editor.path !== path) {
    app.editor.open(path, ws.files[path]);
    fill(byId('file-name'), path);
    renderFiles();
  }
  if (line) app.editor.goTo(line, column);
  return true;
}
app.openFile = openFile;

let checkTimer = null;
let saveTimer = null;

function edited(path, text) {
  const ws = app.ws;
  if (!ws) return;
  const wasChanged = ws.changed(path);
  ws.files[path] = text;
  app.pending.set(path, text);
  if (wasChanged !== ws.changed(path) || path === 'ruleset.toml') renderFiles();
  clearTimeout(checkTimer);
  checkTimer = setTimeout(runCheck, 300);
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => keep.save(ws.snapshot()), 500);
  fill(byId('check-state'), t('checking'));
}

// ------------------------------------------------------------------ check as you type

async function runCheck() {
  const ws = app.ws;
  if (!ws) return;
  const generation = ++app.checkGeneration;
  await sync();
  let ran;
  try {
    ran = await app.checker.json(['check', ws.root, '--json']);
  } catch (err) {
    say(t('workerFailed', { why: err.message }), 'bad');
    return;
  }
  if (generation !== app.checkGeneration || ws !== app.ws) return;
  // Not one JSON document (a module that does not know --json, a usage error): say what it printed.
  app.check = ran.result ?? { ok: false, errors: [(ran.stderr || ran.stdout).trim()], versions: [] };
  app.problems.clear();
  for (const version of app.check.versions ?? []) {
    for (const problem of version.problems ?? []) {
      if (!problem.file) continue; // about the rule set as a whole: listed, not placed
      if (!app.problems.has(problem.file)) app.problems.set(problem.file, []);
      app.problems.get(problem.file).push({ line: problem.line, column: problem.column, message: problem.message });
    }
  }
  app.editor.refresh();
  renderFiles();
  await renderCheck();
}

async function renderCheck() {
  const ws = app.ws;
  const result = app.check;
  const state = byId('check-state');
  const list = byId('problem-list');
  const summary = byId('problem-summary');
  if (!result) {
    fill(state);
    return;
  }
  const problems = [
    ...(result.errors ?? []).map((message) => ({ message })),
    ...result.versions.flatMap((v) => v.problems ?? []),
  ];
  fill(state, problems.length === 0 ? t('checkOk') : t('checkBad', { n: problems.length }));
  state.className = problems.length === 0 ? 'good' : 'bad';
  const first = result.versions[0];
  fill(
    summary,
    problems.length === 0 && first
      ? h('p', { class: 'good' }, t('noProblems', { id: first.id, version: first.version, rules: first.rules, digest: first.digest }))
      : null,
  );
  fill(
    list,
    problems.map((p) =>
      h(
        'li',
        {},
        p.file
          ? h('button', { type: 'button', class: 'link', onclick: () => openFile(p.file, p.line, p.column) }, `${p.file}:${p.line}:${p.column}`)
          : null,
        p.file ? ': ' : null,
        p.message,
      ),
    ),
  );
  const frozen = await app.frozenEdit();
  const banner = byId('published');
  banner.hidden = !frozen;
  if (frozen) fill(byId('published-text'), t('published', { id: ws.id, version: ws.version }));
}

// ------------------------------------------------------------------ new version

function openNewVersion() {
  const ws = app.ws;
  if (!ws) return;
  const dialog = byId('new-version');
  byId('nv-version').value = nextVersion(ws.version);
  byId('nv-in-force').value = localToday();
  byId('nv-changes').value = '';
  for (const id of ['nv-version-error', 'nv-in-force-error', 'nv-changes-error']) fill(byId(id));
  dialog.showModal();
  byId('nv-version').focus();
}

function createNewVersion(event) {
  event.preventDefault();
  const ws = app.ws;
  const answers = {
    version: byId('nv-version').value.trim(),
    inForce: byId('nv-in-force').value.trim(),
    changes: byId('nv-changes').value.split('\n').map((s) => s.trim()).filter(Boolean),
  };
  const taken = app.shipped.rulesets.find((s) => s.id === ws.id)?.versions.map((v) => v.version) ?? [];
  const problems = checkNewVersion(answers, taken);
  const fields = { version: 'nv-version', inForce: 'nv-in-force', changes: 'nv-changes' };
  let firstBad = null;
  for (const [field, id] of Object.entries(fields)) {
    const problem = problems[field];
    fill(byId(`${id}-error`), problem ? t(problem[0], problem[1]) : '');
    byId(id).setAttribute('aria-invalid', String(Boolean(problem)));
    if (problem && !firstBad) firstBad = byId(id);
  }
  if (firstBad) {
    firstBad.focus();
    return;
  }
  const manifest = newVersionManifest(ws.files['ruleset.toml'], { ...answers, date: localToday() });
  byId('new-version').close();
  ws.files['ruleset.toml'] = manifest;
  app.pending.set('ruleset.toml', manifest);
  app.editor.reset();
  openFile('ruleset.toml');
  renderFiles();
  keep.save(ws.snapshot());
  runCheck();
}

// ------------------------------------------------------------------ new and deleted files

/** What a new file starts with: enough to be valid, nothing medical. */
function templateFor(path) {
  if (path.endsWith('.rhai')) {
    const id = path.slice('rules/'.length, -'.rhai'.length);
    return `// # ${id}\n// ## What it does\n// ## Why (cite the source: a [sources.<id>] entry of ruleset.toml)\n// ## Example\n\nskip("not written yet")\n`;
  }
  if (path.endsWith('.json')) return '{\n  "about": "",\n  "cases": []\n}\n';
  return '';
}

function openNewFile() {
  if (!app.ws) return;
  byId('nf-path').value = '';
  fill(byId('nf-path-error'));
  byId('nf-path').setAttribute('aria-invalid', 'false');
  byId('new-file-dialog').showModal();
  byId('nf-path').focus();
}

function createNewFile(event) {
  event.preventDefault();
  const ws = app.ws;
  const path = byId('nf-path').value.trim().replace(/^\/+/, '');
  const problem = !RULESET_FILE.test(path) || path.includes('..') ? t('pathBad') : ws.files[path] !== undefined ? t('pathTaken', { path }) : '';
  fill(byId('nf-path-error'), problem);
  byId('nf-path').setAttribute('aria-invalid', String(Boolean(problem)));
  if (problem) {
    byId('nf-path').focus();
    return;
  }
  byId('new-file-dialog').close();
  edited(path, templateFor(path));
  renderFiles();
  openFile(path);
}

async function deleteCurrentFile() {
  const ws = app.ws;
  const path = app.editor.path;
  if (!ws || !path || path === 'ruleset.toml') return;
  if (!confirm(t('deleteConfirm', { path }))) return;
  delete ws.files[path];
  app.pending.delete(path);
  await app.checker.files({ remove: [`${ws.root}/${path}`] });
  app.editor.forget(path);
  openFile('ruleset.toml');
  renderFiles();
  keep.save(ws.snapshot());
  runCheck();
}

// ------------------------------------------------------------------ trace dialog

app.showTrace = (c, report, stderr) => {
  const dialog = byId('trace');
  renderTrace(dialog, c, report, stderr, (file, line, column) => {
    if (openFile(file, line, column)) dialog.close();
  });
  dialog.showModal();
};

// ------------------------------------------------------------------ tabs (arrow keys move between them)

function setupTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const select = (tab, focus) => {
    for (const other of tabs) {
      const chosen = other === tab;
      other.setAttribute('aria-selected', String(chosen));
      other.tabIndex = chosen ? 0 : -1;
      byId(other.getAttribute('aria-controls')).hidden = !chosen;
    }
    if (focus) tab.focus();
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1, Home: -i, End: tabs.length - 1 - i }[event.key];
      if (step === undefined) return;
      event.preventDefault();
      select(tabs[(i + step + tabs.length) % tabs.length], true);
    });
  });
  app.selectTab = (id) => select(byId(id), false);
}

// ------------------------------------------------------------------ drag and drop

function setupDrop() {
  const zone = document.body;
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    document.body.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    document.body.classList.remove('dragging');
    const item = [...(event.dataTransfer?.items ?? [])].find((i) => i.kind === 'file');
    const entry = item?.webkitGetAsEntry?.();
    guarded(async () => {
      if (entry?.isDirectory) await openFiles(await fromDirectoryEntry(entry), entry.name);
      else if (item) await openBundle(item.getAsFile());
    });
  });
}

// ------------------------------------------------------------------ offline

/** Registers the site's service worker and asks it to keep the studio's files (opens offline). */
async function keepOffline() {
  if (!('serviceWorker' in navigator)) return;
  try {
    await navigator.serviceWorker.register('../sw.js');
    const ready = await navigator.serviceWorker.ready;
    const channel = new MessageChannel();
    const kept = new Promise((resolve) => { channel.port1.onmessage = (event) => resolve(event.data); });
    ready.active?.postMessage({ type: 'vigie-studio-keep' }, [channel.port2]);
    await kept;
    document.body.dataset.offline = 'ready';
  } catch {
    // Without a service worker the studio works online only; nothing else changes.
  }
}

// ------------------------------------------------------------------ start

async function start() {
  setLocale(localeFromPage());
  app.editor = new Editor(byId('editor'), {
    onChange: edited,
    problems: (path) => app.problems.get(path) ?? [],
    keys: [{ key: 'Mod-Enter', run: () => (app.cases.run(), true) }],
    label: t('editor'),
  });
  app.cases = new CasesPanel(app);
  app.compare = new ComparePanel(app);
  app.exporter = new ExportPanel(app);
  setupTabs();
  setupDrop();
  applyWords();

  for (const button of document.querySelectorAll('[data-locale]')) {
    button.addEventListener('click', () => {
      setLocale(button.dataset.locale);
      localStorage.setItem('vigie-studio-lang', currentLocale());
      applyWords();
    });
  }
  byId('open-shipped').addEventListener('click', () => guarded(() => openShipped(byId('shipped').value)));
  byId('open-folder').addEventListener('click', () =>
    guarded(async () => {
      if (typeof window.showDirectoryPicker === 'function') {
        let handle;
        try {
          handle = await window.showDirectoryPicker({ mode: 'read' });
        } catch {
          return; // the author closed the picker
        }
        await openFiles(await fromDirectoryHandle(handle), handle.name);
      } else {
        byId('folder-input').click();
      }
    }),
  );
  byId('folder-input').addEventListener('change', (event) =>
    guarded(async () => {
      const list = event.target.files;
      if (list.length === 0) return;
      await openFiles(await fromFileList(list), list[0].webkitRelativePath.split('/')[0]);
      event.target.value = '';
    }),
  );
  byId('open-bundle').addEventListener('click', () => byId('bundle-input').click());
  byId('bundle-input').addEventListener('change', (event) =>
    guarded(async () => {
      const file = event.target.files[0];
      if (file) await openBundle(file);
      event.target.value = '';
    }),
  );
  byId('open-again').addEventListener('click', () => {
    byId('start').hidden = false;
    byId('shipped').focus();
  });
  byId('discard').addEventListener('click', async () => {
    if (!app.ws || !confirm(t('discardConfirm', { name: `${app.ws.id} ${app.ws.version}` }))) return;
    await keep.forget();
    location.reload();
  });
  for (const button of document.querySelectorAll('.new-version')) button.addEventListener('click', openNewVersion);
  byId('nv-form').addEventListener('submit', createNewVersion);
  byId('new-file').addEventListener('click', openNewFile);
  byId('nf-form').addEventListener('submit', createNewFile);
  byId('nf-cancel').addEventListener('click', () => byId('new-file-dialog').close());
  byId('delete-file').addEventListener('click', deleteCurrentFile);
  byId('nv-cancel').addEventListener('click', () => byId('new-version').close());
  byId('trace-close').addEventListener('click', () => byId('trace').close());
  byId('help-open').addEventListener('click', () => byId('help').showModal());
  byId('help-close').addEventListener('click', () => byId('help').close());
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter' && app.ws) {
      event.preventDefault();
      app.selectTab('tab-cases');
      app.cases.run();
    }
  });

  keepOffline();

  try {
    await Promise.all([app.checker.start(), loadShipped()]);
  } catch (err) {
    say(t('workerFailed', { why: err.message }), 'bad');
    return;
  }
  // Work kept on this device comes back first: a link asking for a version (`?open=fr@2025.1.0`)
  // never replaces changes silently (the author can still open it, and is asked).
  const asked = new URL(location.href).searchParams.get('open');
  const kept = await keep.restore();
  const keptWork = kept && Workspace.fromSnapshot(kept);
  if (keptWork && (!asked || keptWork.paths.some((path) => keptWork.changed(path)))) {
    await openWorkspace(keptWork, { restored: true });
    fill(byId('restored-text'), t('restored', { when: new Date(kept.savedAt).toLocaleString(currentLocale()) }));
  } else if (asked) {
    await guarded(() => openShipped(asked));
  }
  document.body.dataset.ready = 'true';
}

start();

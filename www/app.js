// Vigie's self-check page: a short questionnaire, then the nudges of the rule set, all in the browser.
// Answers live in this tab (sessionStorage: a reload loses nothing, closing the tab forgets them),
// and on the device only when the person asks (localStorage); the page sends nothing.
import { createVigie } from './pkg/index.js';
import { captureStatic, applyStatic, t, lang, label, useCodeWords } from './i18n.js';
import {
  STEPS, ALL_CONDITIONS, buildControls, labelControls, addRelative, addScreening, addVaccination, readAnswers,
  writeAnswers, answersFromProfile, buildProfile, stepOf, syncVisibility, todayIso, EMPTY, useRules,
} from './questionnaire.js';
import { JURISDICTIONS, fromAddress, addressFor, reportLocale } from './jurisdiction.js';
import { showErrors, clearErrors, refreshErrors } from './validation.js';
import { renderResults, renderAbout, programPriority, openCard, ordered } from './results.js';
import { calendar } from './calendar.js';
import { LIMITS, checkAnswers, readSaved, longLists, splitCarried, withCarried } from './answers.js';
import { PathView } from './path.js';
import { renderStillOpen } from './still-open.js';

const KEY = 'vigie-answers';
const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

// `carried`: what an imported file holds that the form cannot show yet (answers.js, splitCarried).
const state = { step: 0, view: 'questionnaire', back: 'questionnaire', report: null, profile: null, carried: null, source: 'form' };
// The adaptive path (path.js) is the way in when the rule set declares questions; `?form=full` (or its
// link) opens the full form, every question in a row.
const fullFormAsked = new URLSearchParams(location.search).get('form') === 'full';
let pathView;
let vigie;
// The rules the page runs (`?rules=us`, or the selector); France by default.
const wanted = fromAddress(location.search);
let rules = wanted.code;

// ------------------------------------------------------------------ start

captureStatic();
buildControls();
registerServiceWorker();
$('#erase-cancel').addEventListener('click', () => $('#erase-dialog').close('keep'));
$('#erase-confirm').addEventListener('click', () => $('#erase-dialog').close('erase'));

try {
  if (typeof WebAssembly !== 'object') throw new Error('no WebAssembly');
  try {
    vigie = await createVigie({ ruleset: JURISDICTIONS[rules].ruleset });
  } catch (err) {
    // The package replaced the module after a trap: once more, in the fresh instance.
    if (err?.code !== 'engine-trapped') throw err;
    console.error(err);
    vigie = await createVigie({ ruleset: JURISDICTIONS[rules].ruleset });
  }
  useCodeWords(vigie);
} catch (err) {
  vigie = undefined;
  $('#loading').hidden = true;
  const box = $('#load-error');
  box.textContent = t('load.error');
  box.hidden = false;
  console.error(err);
  offerErase();
}
if (vigie) start();

/** Without the engine, the page can still erase what it kept on this device. */
function offerErase() {
  $('#app').hidden = false;
  for (const id of ['#intro', '#progress-block', '#questionnaire', '#results']) $(id).hidden = true;
  for (const part of $$('#privacy > :not(h2, .actions), #privacy .actions > :not(#erase)')) part.hidden = true;
  $('#privacy-status').hidden = false;
  $('#erase').addEventListener('click', async () => {
    if (!(await confirmErase())) return;
    forget();
    try { await eraseOfflineCopy(); } catch (err) { console.error(err); }
    status(t('privacy.erased'));
  });
}

function start() {
  $('#rules-select').value = rules;
  useRules(rules);
  speakTheRules();
  if (wanted.unknown !== null) notice(t('rules.unknown', { value: wanted.unknown }));
  labelControls();
  wire();
  // The page (and "Effacer") is usable first: nothing read from the device can keep it loading.
  $('#loading').hidden = true;
  $('#app').hidden = false;
  try {
    restore();
  } catch (err) {
    console.error(err);
    writeAnswers(EMPTY);
    status(t('storage.unreadable'));
  }
  state.ready = true;
  syncVisibility();
  pathView = new PathView(pathHost());
  renderAboutSection();
  if (!fullFormAsked && pathView.available() && !state.resume) {
    state.source = 'path';
    let resumed = false;
    try {
      resumed = pathView.restore();
    } catch (err) {
      console.error(err);
    }
    history.replaceState({ view: 'path' }, '');
    if (resumed && pathView.view === 'results') pathView.finish();
    else pathView.show({ focus: false, push: false });
    return;
  }
  history.replaceState({ view: 'questionnaire', step: 0 }, '');
  show(0, { focus: false, push: false });
  // Reloaded on the results: back on them, as they were.
  if (state.resume === 'results') results();
}

/** What the path view needs from the page. */
function pathHost() {
  return {
    vigie: () => vigie,
    rules: () => rules,
    locale: () => reportLocale(rules, lang()),
    today: () => todayIso(),
    order: () => JURISDICTIONS[rules].dates ?? 'dmy',
    priority: () => priority(),
    remember: () => $('#remember').checked,
    announce,
    setView,
    onResults: showPathResults,
  };
}

/** The results of the adaptive path: the same results view, with what an unknown left open. */
function showPathResults(report, profile, open) {
  state.source = 'path';
  state.report = report;
  state.profile = profile;
  state.open = open;
  renderResults(report, null, profile, { priority: priority() });
  const titles = new Map(vigie.programs({ locale: reportLocale(rules, lang()) }).map((p) => [p.program, p.title]));
  renderStillOpen(open, report, lang(), titles, () => pathView.show());
  $('#ics-status').textContent = '';
  showResultsView();
}

/** Goes to the full form (every question in a row), keeping the path's answers for later. */
function openFullForm() {
  state.source = 'form';
  show(0);
}

function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => {});
}

// ------------------------------------------------------------------ views and steps

function announce(text) {
  const live = $('#announcer');
  live.textContent = '';
  setTimeout(() => { live.textContent = text; }, 50);
}

function setView(view) {
  state.view = view;
  const q = view === 'questionnaire';
  $('#questionnaire').hidden = !q;
  $('#progress-block').hidden = !q;
  $('#path').hidden = view !== 'path';
  $('#intro').hidden = !((q && state.step === 0) || (view === 'path' && pathView?.current === 'birth'));
  $('#results').hidden = view !== 'results';
  $('#about').hidden = view !== 'about';
  $('#privacy').hidden = view === 'about';
}

function stepTexts() {
  const n = state.step + 1;
  $('#progress').value = n;
  $('#progress-text').textContent = t('step.of', { n, total: STEPS.length });
  $('#next').textContent = state.step === STEPS.length - 1 ? t('nav.results') : t('nav.next');
  $('#back').hidden = state.step === 0;
}

/** Shows a step (index or name); focuses its heading, or `focus` (an element), unless `focus` is false. */
function show(step, { focus = true, push = true } = {}) {
  state.step = typeof step === 'number' ? step : STEPS.indexOf(step);
  for (const section of $$('#questionnaire .step')) section.hidden = section.dataset.step !== STEPS[state.step];
  setView('questionnaire');
  stepTexts();
  const section = $(`.step[data-step="${STEPS[state.step]}"]`);
  const title = section.querySelector('h2');
  if (focus instanceof Element) {
    focus.focus();
    focus.scrollIntoView({ block: 'center' });
  } else if (focus) {
    title.focus();
    window.scrollTo(0, 0);
  }
  if (focus !== false) announce(t('step.announce', { n: state.step + 1, total: STEPS.length, title: title.textContent }));
  if (push) history.pushState({ view: 'questionnaire', step: state.step }, '');
}

function showResultsView({ push = true, focus = true } = {}) {
  setView('results');
  if (focus) {
    $('#results-title').focus();
    window.scrollTo(0, 0);
    announce($('#results-title').textContent);
  }
  if (push) history.pushState({ view: 'results' }, '');
}

function showAbout({ push = true } = {}) {
  if (state.view !== 'about') state.back = state.view;
  setView('about');
  $('#about-title').focus();
  window.scrollTo(0, 0);
  if (push) history.pushState({ view: 'about' }, '');
}

function closeAbout() {
  if (state.back === 'results' && state.report) showResultsView({ push: true });
  else show(state.step, { push: true });
}

// ------------------------------------------------------------------ checking answers

/**
 * Builds the profile and checks every answer of steps 0..`upto` (own parse problems first, then the
 * engine's). Shows the problems beside their fields and goes to the first step with one.
 * Returns the profile, or null when something needs checking.
 */
function check(upto) {
  const build = buildProfile();
  const within = (path) => STEPS.indexOf(stepOf(path)) <= upto;
  const problems = build.issues.filter((p) => within(p.path));
  const covered = build.issues.filter((p) => !p.target).map((p) => p.path);
  const { profile: full, paths } = withCarried(build.profile, state.carried);
  const carriedProblem = (p) => paths.some((c) => p.path === c || p.path.startsWith(`${c}.`) || p.path.startsWith(`${c}[`));
  let found;
  let profile = full;
  try {
    found = vigie.validate(full, { asOf: todayIso() });
    // The engine does not read what was carried from a file (an older rule set, an approximate
    // date it refuses): the results go without it, say so, and the file keeps it.
    if (found.some(carriedProblem)) {
      profile = build.profile;
      found = vigie.validate(profile, { asOf: todayIso() });
      status(t('import.carriedRefused', { fields: carriedText(state.carried) }));
    }
  } catch (err) {
    if (err?.code !== 'engine-trapped') throw err;
    console.error(err);
    status(t('engine.trapped'));
    return null;
  }
  for (const p of found) {
    if (!within(p.path)) continue;
    if (covered.some((c) => p.path === c || p.path.startsWith(`${c}.`) || p.path.startsWith(`${c}[`))) continue;
    problems.push(p);
  }
  if (!problems.length) {
    clearErrors();
    return profile;
  }
  report(problems, build.rows);
  return null;
}

/** Shows problems and moves to the first step that has one. */
function report(problems, rows) {
  const first = [...problems].sort((a, b) => STEPS.indexOf(stepFor(a)) - STEPS.indexOf(stepFor(b)))[0];
  const step = stepFor(first);
  const moved = STEPS[state.step] !== step || state.view !== 'questionnaire';
  if (moved) show(step, { focus: true });
  showErrors(problems, rows, step, goToField);
  if (!moved) $('#error-summary')?.focus();
}

const stepFor = (p) => (p.target instanceof Element ? p.target.closest('.step')?.dataset.step : null) ?? stepOf(p.path);

function goToField(step, field) {
  if (STEPS[state.step] !== step || state.view !== 'questionnaire') {
    const summary = $('#error-summary');
    show(step, { focus: field });
    if (summary) $(`.step[data-step="${step}"] h2`).after(summary);
  } else {
    field.focus();
    field.scrollIntoView({ block: 'center' });
  }
}

function next() {
  if (state.step === STEPS.length - 1) {
    results();
    return;
  }
  if (check(state.step)) show(state.step + 1);
}

function back() {
  if (state.step > 0) show(state.step - 1, { push: false });
}

// ------------------------------------------------------------------ results

function evaluate(profile) {
  try {
    return vigie.evaluate(profile, { asOf: todayIso(), locale: reportLocale(rules, lang()) });
  } catch (err) {
    if (err?.code === 'invalid-profile') {
      report(err.problems ?? [], buildProfile().rows);
      return null;
    }
    if (err?.code === 'engine-trapped') {
      // The package restarted the module; the answers are untouched and the next try works.
      console.error(err);
      status(t('engine.trapped'));
      return null;
    }
    throw err;
  }
}

function results() {
  const profile = check(STEPS.length - 1);
  if (!profile) return;
  const rep = evaluate(profile);
  if (!rep) return;
  state.report = rep;
  state.profile = profile;
  state.source = 'form';
  renderResults(rep, readAnswers(), profile, { priority: priority() });
  renderStillOpen([], rep, lang());
  $('#ics-status').textContent = '';
  showResultsView();
  save();
}

/** The rule set's program order, when its package declares one (results.js, programPriority). */
function priority() {
  return programPriority(vigie, reportLocale(rules, lang()));
}

function rerenderResults() {
  if (state.source === 'path') {
    pathView.finish();
    return;
  }
  if (!state.profile) return;
  const rep = evaluate(state.profile);
  if (!rep) return;
  state.report = rep;
  renderResults(rep, readAnswers(), state.profile, { priority: priority() });
}

function renderAboutSection() {
  renderAbout(vigie.ruleset(), vigie.programs({ locale: reportLocale(rules, lang()) }), vigie.sources());
}

// ------------------------------------------------------------------ which rules

/** A line under the title that stays until the next one (an unknown `?rules=`, a switch that failed). */
function notice(text) {
  const box = $('#rules-notice');
  box.textContent = text;
  box.hidden = !text;
}

/**
 * The page speaks only the languages of its rules, so that a result never mixes two: with rules in
 * English only, the page turns to English and the French button says why it is off.
 */
function speakTheRules() {
  const { locales } = JURISDICTIONS[rules];
  for (const locale of ['fr', 'en']) {
    const button = $(`#lang-${locale}`);
    const off = !locales.includes(locale);
    button.disabled = off;
    if (off) button.title = t('rules.onlyIn', { language: locales.map((l) => $(`#lang-${l}`).textContent).join(', ') });
    else button.removeAttribute('title');
  }
  if (!locales.includes(lang())) setLanguage(locales[0]);
}

/**
 * Runs another rule set: loads it first (the current one stays if that fails, and says why), then
 * asks its questions; every answer typed so far is kept, and results are computed again.
 */
async function switchRules(code) {
  if (code === rules || !(code in JURISDICTIONS)) return;
  const select = $('#rules-select');
  select.disabled = true;
  let next;
  try {
    next = await createVigie({ ruleset: JURISDICTIONS[code].ruleset });
  } catch (err) {
    console.error(err);
    select.value = rules;
    select.disabled = false;
    notice(t('rules.failed'));
    return;
  }
  const previous = vigie;
  vigie = next;
  previous.free();
  rules = code;
  select.disabled = false;
  notice('');
  useCodeWords(vigie);
  useRules(rules);
  speakTheRules();
  labelControls();
  syncVisibility();
  history.replaceState(history.state, '', addressFor(location.href, rules));
  refreshErrors();
  if (state.source === 'path' && pathView.available()) {
    // Each rule set asks its own questions; birth and sex carry over (path.js).
    if (state.view === 'results') pathView.finish();
    else pathView.show({ focus: false, push: false });
  } else if (state.report) {
    // The profile is built again: each rule set reads its own questions.
    const build = buildProfile();
    if (!build.issues.length) state.profile = build.profile;
    rerenderResults();
  }
  renderAboutSection();
  save();
}

// ------------------------------------------------------------------ language

function setLanguage(locale) {
  if (locale === lang() || !JURISDICTIONS[rules].locales.includes(locale)) return;
  applyStatic(locale);
  labelControls();
  $('#lang-fr').setAttribute('aria-pressed', String(locale === 'fr'));
  $('#lang-en').setAttribute('aria-pressed', String(locale === 'en'));
  stepTexts();
  refreshErrors();
  if (state.view === 'path' && pathView) pathView.show({ id: pathView.current, focus: false, push: false });
  else if (state.report) rerenderResults();
  renderAboutSection();
  for (const id of ['#privacy-status', '#ics-status']) $(id).textContent = '';
  if ($('#load-error').textContent) $('#load-error').textContent = t('load.error');
  save();
}

// ------------------------------------------------------------------ on the device

function status(text) {
  const box = $('#privacy-status');
  box.textContent = '';
  setTimeout(() => { box.textContent = text; }, 50);
}

/**
 * Keeps the answers in this tab (sessionStorage: a reload loses nothing) and, when the person asked,
 * on this device (localStorage). The entry is the same in both.
 */
function save() {
  // Nothing to keep before the page has put back what it kept (a language switch at start).
  if (!state.ready) return;
  const entry = JSON.stringify({
    format: 'vigie-answers/1', lang: lang(), answers: readAnswers(), carried: state.carried,
    view: state.view === 'results' && state.report ? 'results' : 'questionnaire',
    profile: withCarried(buildProfile().profile, state.carried).profile,
  });
  try {
    sessionStorage.setItem(KEY, entry);
  } catch { /* a browser without it: the answers live in the page only */ }
  if (!$('#remember').checked) return;
  try {
    localStorage.setItem(KEY, entry);
  } catch {
    status(t('privacy.storageFailed'));
  }
}

/** Removes the answers from this tab and from this device. */
function forget() {
  PathView.forget();
  try { sessionStorage.removeItem(KEY); } catch { /* nothing stored */ }
  try { localStorage.removeItem(KEY); } catch { /* nothing stored */ }
}

/**
 * Asks before erasing, in a modal <dialog>: focus goes to "No, keep my answers" (the safe choice),
 * Escape says no, and the focus comes back to the button that opened it. Resolves true to erase.
 */
function confirmErase() {
  const dialog = $('#erase-dialog');
  const opener = document.activeElement;
  dialog.returnValue = '';
  dialog.showModal();
  $('#erase-cancel').focus();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      if (opener instanceof HTMLElement) opener.focus();
      resolve(dialog.returnValue === 'erase');
    }, { once: true });
  });
}

/** What was carried from a file, in words: "Examens : mammographie (2022)". */
function carriedText(carried) {
  if (!carried) return '';
  const items = [];
  for (const s of carried.screenings ?? []) items.push(`${label('test', s.test)} (${s.date})`);
  for (const v of carried.vaccinations ?? []) items.push(`${label('vaccine', v.vaccine)} (${v.date})`);
  if (carried.quitDate) items.push(`${t('sum.smoking')} (${carried.quitDate})`);
  if (carried.unknown) items.push(t('carried.unknown'));
  return listed(items);
}

// (Function declarations only here: start() runs before the module's later constants exist.)

/** The first ten of a list, then how many more: a hostile file cannot make a message endless. */
function listed(items) {
  const shown = items.slice(0, 10).map((item) => (item.length > 100 ? `${item.slice(0, 100)}…` : item)).join(', ');
  return items.length > 10 ? `${shown}, … (+${items.length - 10})` : shown;
}

/** What was left out of saved or imported answers, in words: "Examens (20000 lignes, 200 au plus)". */
function refusedText(refused) {
  const labels = { relatives: 'sum.family', familyHistory: 'sum.family', screenings: 'sum.screenings', vaccinations: 'sum.vaccinations', conditions: 'sum.conditions' };
  return listed(refused.map(({ field, reason, count }) => {
    const name = labels[field] ? t(labels[field]) : field;
    return t(`refused.${reason}`, { field: name, count, max: reason === 'rows' ? LIMITS.rows : LIMITS.text });
  }));
}

/**
 * Puts back the answers kept in this tab (after a reload), or else those saved on this device; a
 * tampered or damaged entry is left out and said so.
 */
function restore() {
  const read = (storage) => {
    try {
      return storage.getItem(KEY);
    } catch {
      return null;
    }
  };
  const kept = readSaved(read(window.sessionStorage));
  const onDevice = read(window.localStorage);
  if (kept.saved) {
    writeAnswers(kept.saved.answers);
    state.carried = kept.saved.carried;
    state.resume = kept.saved.view;
    $('#remember').checked = onDevice !== null;
    if (kept.saved.lang === 'en') setLanguage('en');
    return;
  }
  const { saved, refused = [], problem } = readSaved(onDevice);
  if (problem) {
    // Kept as it is (it may still be the person's): "Effacer" removes it, a new save replaces it.
    status(t(problem === 'too-large' ? 'storage.tooLarge' : 'storage.unreadable', { max: LIMITS.size }));
    return;
  }
  if (!saved) return;
  writeAnswers(saved.answers);
  state.carried = saved.carried;
  $('#remember').checked = true;
  if (saved.lang === 'en') setLanguage('en');
  status(refused.length ? t('storage.partial', { fields: refusedText(refused) }) : t('privacy.restored'));
}

/**
 * Drops from the offline copy anything but the page's own files. The service worker knows them:
 * it prunes its cache and says which one it kept; every other Vigie cache is deleted here, so that
 * without a worker (or with an older one) nothing is left either.
 */
async function eraseOfflineCopy() {
  if (!('caches' in window)) return;
  let kept = null;
  const worker = navigator.serviceWorker?.controller;
  if (worker) {
    kept = await new Promise((resolve) => {
      const channel = new MessageChannel();
      const timer = setTimeout(() => resolve(null), 3000);
      channel.port1.onmessage = (event) => {
        clearTimeout(timer);
        resolve(event.data?.kept ?? null);
      };
      worker.postMessage({ type: 'vigie-erase' }, [channel.port2]);
    });
  }
  for (const name of await caches.keys()) {
    if (name.startsWith('vigie-www-') && name !== kept) await caches.delete(name);
  }
}

async function erase() {
  if (!(await confirmErase())) return;
  forget();
  state.carried = null;
  $('#remember').checked = false;
  writeAnswers(EMPTY);
  clearErrors();
  syncVisibility();
  state.report = null;
  state.profile = null;
  pathView.reset();
  if (!fullFormAsked && pathView.available()) {
    state.source = 'path';
    pathView.show({ focus: false, push: false });
  } else show(0, { focus: false, push: false });
  try {
    await eraseOfflineCopy();
  } catch (err) {
    console.error(err);
  }
  status(t('privacy.erased'));
}

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function exportAnswers() {
  if (state.source === 'path') {
    const made = pathView.profileNow();
    if (made) {
      download('vigie-reponses.json', 'application/json', `${JSON.stringify(made, null, 2)}\n`);
      status(t('privacy.exported'));
      return;
    }
  }
  const build = buildProfile();
  const { profile } = withCarried(build.profile, state.carried);
  download('vigie-reponses.json', 'application/json', `${JSON.stringify(profile, null, 2)}\n`);
  status(build.issues.length ? t('privacy.exportPartial') : t('privacy.exported'));
}

/** Loads answers from a file; a file that is too large or too long changes nothing in the form. */
async function importAnswers(event) {
  const input = event.target;
  const file = input.files?.[0];
  if (!file) return;
  input.value = '';
  if (file.size > LIMITS.size) {
    status(t('import.tooLarge', { size: file.size, max: LIMITS.size }));
    return;
  }
  let data;
  try {
    data = JSON.parse(await file.text());
  } catch {
    data = null;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    status(t('privacy.importBad'));
    return;
  }
  const profile = data.answers && data.format ? data.profile ?? {} : data;
  const long = longLists(profile);
  if (long.length) {
    status(t('import.tooManyRows', { lists: refusedText(long.map((l) => ({ ...l, reason: 'rows' }))) }));
    return;
  }
  const { form, carried } = splitCarried(profile);
  const { answers: read, ignored } = answersFromProfile(form);
  const { answers, refused } = checkAnswers(read);
  for (const code of answers.conditions ?? []) if (!ALL_CONDITIONS.includes(code)) ignored.push(`conditions: ${code}`);
  writeAnswers(answers);
  syncVisibility();
  state.carried = carried;
  save();
  state.report = null;
  state.profile = null;
  const ok = check(STEPS.length - 1);
  if (ok) show(0);
  let message = ok ? t('privacy.imported') : t('privacy.importedProblems');
  if (ignored.length) message += ` ${t('privacy.ignored', { fields: listed(ignored) })}`;
  if (refused.length) message += ` ${t('import.refused', { fields: refusedText(refused) })}`;
  if (carried) message += ` ${t('import.carried', { fields: carriedText(carried) })}`;
  status(message);
}

function makeIcs() {
  const text = state.report && calendar({ nudges: ordered(state.report.nudges, priority()) }, {
    today: todayIso(), name: t('ics.title'), words: { refer: t('ics.refer', {}), overdue: t('ics.overdue') },
  });
  const box = $('#ics-status');
  box.textContent = '';
  if (!text) {
    setTimeout(() => { box.textContent = t('ics.none'); }, 50);
    return;
  }
  download('vigie-rappels.ics', 'text/calendar;charset=utf-8', text);
  setTimeout(() => { box.textContent = t('ics.done'); }, 50);
}

// ------------------------------------------------------------------ events

function addRow(kind) {
  const known = { relative: 'family-known', screening: 'screenings-known', vaccination: 'vaccinations-known' }[kind];
  if ($$(`.${kind}`).length >= LIMITS.rows) {
    status(t('rows.max', { max: LIMITS.rows }));
    return;
  }
  const yes = $(`input[name="${known}"][value="yes"]`);
  yes.checked = true;
  syncVisibility();
  const r = { relative: addRelative, screening: addScreening, vaccination: addVaccination }[kind]();
  labelControls();
  r.querySelector('select, input').focus();
  save();
}

function wire() {
  const form = $('#questionnaire');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    next();
  });
  $('#next').addEventListener('click', next);
  // Enter in a field or on a choice goes to the next step, as a form's Enter does elsewhere
  // (the form has no submit button, so the browser would not do it).
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
    const field = event.target;
    if (!(field instanceof HTMLInputElement) || ['button', 'submit', 'file', 'reset'].includes(field.type)) return;
    event.preventDefault();
    next();
  });
  $('#back').addEventListener('click', back);
  form.addEventListener('change', (event) => {
    if (event.target.name === 'condition' && event.target.checked) $('#conditions-known-yes').checked = true;
    syncVisibility();
    save();
  });
  form.addEventListener('input', (event) => {
    if (event.target.type === 'date') delete event.target.dataset.invalidValue;
    save();
  });
  $('#add-relative').addEventListener('click', () => addRow('relative'));
  $('#add-screening').addEventListener('click', () => addRow('screening'));
  $('#add-vaccination').addEventListener('click', () => addRow('vaccination'));
  form.addEventListener('click', (event) => {
    const remove = event.target.closest('[data-remove]');
    if (!remove) return;
    const row = remove.closest('.relative, .screening, .vaccination');
    const block = row.closest('.rows-block');
    row.remove();
    labelControls();
    block.querySelector('.add').focus();
    announce(t('row.removed'));
    save();
  });

  $('#rules-select').addEventListener('change', (event) => switchRules(event.target.value));
  $('#lang-fr').addEventListener('click', () => setLanguage('fr'));
  $('#lang-en').addEventListener('click', () => setLanguage('en'));

  $('#edit').addEventListener('click', () => (state.source === 'path' ? pathView.review() : show(0)));
  $('#path-back').addEventListener('click', () => pathView.back());
  $('#path-results').addEventListener('click', () => pathView.finish());
  $('#path-full').addEventListener('click', openFullForm);
  $('#print').addEventListener('click', () => window.print());
  $('#ics').addEventListener('click', makeIcs);

  $('#remember').addEventListener('change', (event) => {
    if (event.target.checked) {
      save();
      pathView.save();
      status(t('privacy.saved'));
    } else {
      try { localStorage.removeItem(KEY); localStorage.removeItem('vigie-path'); } catch { /* nothing stored */ }
      status(t('privacy.unsaved'));
    }
  });
  $('#erase').addEventListener('click', erase);
  $('#summary-list').addEventListener('click', (event) => {
    const link = event.target.closest('a[data-card]');
    if (!link) return;
    event.preventDefault();
    openCard(link.dataset.card);
  });
  $('#export').addEventListener('click', exportAnswers);
  $('#import').addEventListener('change', importAnswers);

  $('#about-link').addEventListener('click', (event) => {
    event.preventDefault();
    showAbout();
  });
  $('#about-close').addEventListener('click', closeAbout);

  window.addEventListener('popstate', (event) => {
    const s = event.state;
    if (!s) return;
    if (s.view === 'path') pathView.show({ id: s.question ?? null, push: false });
    else if (s.view === 'results' && state.report) showResultsView({ push: false });
    else if (s.view === 'about') showAbout({ push: false });
    else show(s.step ?? 0, { push: false });
  });
}

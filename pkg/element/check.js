// <vigie-check>: the whole citizen path — the questions the rule set declares (or the full form),
// provisional results, the cards, "why", print and reminders — in one element, the same one the
// self-check page (www/) and portals embed. It lives in a shadow root (its styles and ids are its
// own; theming through custom properties and ::part), runs the engine in a worker, and keeps
// nothing unless the host allows it (`save`). Attributes (all optional):
//   rules     the built-in rule set: fr (default) or us
//   locale    fr or en (the rule set's first language when it does not speak it)
//   as-of     YYYY-MM-DD: the day answers are checked and evaluated for (default: today)
//   form      "full": every question in a row instead of the adaptive path
//   save      none (default: nothing kept, even in the tab), session (this tab), device (this tab,
//             and on this device when the person ticks "remember")
//   controls  shows the language and rules switches and the "about" link
//   history   the back button walks the questions (the element adds history entries)
//   worker    "off": the engine on the main thread
// Events (bubbling, composed): vigie-ready {ruleset}, vigie-report {report, profile, source},
// vigie-locale {locale}, vigie-rules {rules}, vigie-erase {waitUntil(promise)}, vigie-error {error}.
// Property `profile` (set): prefills the answers from a profile (e.g. `importFhir(bundle).profile`).
// Property `ruleset` (set): a rule-set bundle of the host's (e.g. a regional overlay) instead of
// the built-in rules.
//
// One <vigie-check> runs at a time in a document: the modules of the path keep one root (dom.js).
// A second one says so in its own box and does nothing else.
import { Engine } from './engine.js';
import { $, $$, useRoot, focused } from './dom.js';
import { TEMPLATE } from './template.js';
import { CSS } from './styles.js';
import { captureStatic, applyStatic, t, lang, label, useCodeWords } from './i18n.js';
import {
  STEPS, ALL_CONDITIONS, buildControls, labelControls, addRelative, addScreening, addVaccination, readAnswers,
  writeAnswers, answersFromProfile, buildProfile, stepOf, syncVisibility, todayIso, useDay, EMPTY, useRules,
} from './questionnaire.js';
import { JURISDICTIONS, DEFAULT } from './jurisdiction.js';
import { showErrors, clearErrors, refreshErrors } from './validation.js';
import { renderResults, renderAbout, programPriority, openCard, ordered } from './results.js';
import { calendar } from './calendar.js';
import { LIMITS, checkAnswers, readSaved, longLists, splitCarried, withCarried } from './answers.js';
import { PathView } from './path.js';
import { renderStillOpen } from './still-open.js';
import { useStorage, tabStorage, deviceStorage, removeEverywhere } from './storage.js';

const KEY = 'vigie-answers';

// `carried`: what an imported file holds that the form cannot show yet (answers.js, splitCarried).
let state;
let pathView;
let vigie;
let rules;
/** A rule set the host gave (the `ruleset` property: a bundle), or null for the built-in ones. */
let custom = null;
/** The <vigie-check> running now (one per document), and what its attributes asked. */
let host = null;
let options;

function reset() {
  custom = null;
  state = { step: 0, view: 'questionnaire', back: 'questionnaire', report: null, profile: null, carried: null, source: 'form' };
  pathView = undefined;
  vigie = undefined;
}

let sheet;
/** The element's styles, one constructed sheet shared by every shadow root. */
export function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

export class VigieCheck extends HTMLElement {
  static get observedAttributes() { return ['rules', 'locale']; }

  #started = false;
  #pending = null;
  #pendingRuleset = null;

  connectedCallback() {
    if (this.#started) return;
    this.#started = true;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [styles()];
    if (host !== null && host !== this && host.isConnected) {
      shadow.innerHTML = '<p class="load-error" role="alert" part="error"></p>';
      shadow.firstChild.textContent = 'Vigie: only one <vigie-check> can run in a page at a time. / Une seule <vigie-check> par page.';
      return;
    }
    host = this;
    shadow.innerHTML = TEMPLATE;
    useRoot(shadow);
    reset();
    options = readOptions(this);
    mount().catch((err) => fail(err));
  }

  disconnectedCallback() {
    if (host !== this) {
      this.#started = false;
      return;
    }
    // Moved in the page (a framework re-ordering nodes) is not removed: it keeps its answers.
    queueMicrotask(() => {
      if (this.isConnected || host !== this) return;
      if (pathView) window.removeEventListener('popstate', onPopState);
      vigie?.free();
      host = null;
      this.#started = false;
    });
  }

  attributeChangedCallback(name, before, after) {
    if (host !== this || !state?.ready || before === after) return;
    if (name === 'rules') switchRules(known(after));
    if (name === 'locale' && after) setLanguage(after);
  }

  /** Prefills the answers from a profile (the contract's profile: e.g. a FHIR import's), then shows the results. */
  set profile(profile) {
    if (host !== this || !state?.ready) {
      this.#pending = profile;
      return;
    }
    prefill(profile);
  }

  /**
   * Runs a rule set the host gives instead of a built-in one: a bundle (`vigie bundle`'s file, the
   * object or its JSON text), e.g. a regional overlay. Its manifest's jurisdiction (FR…, US…) says
   * which questions the full form asks and how dates read; its locales, which languages the
   * element speaks. The rules switch is hidden: the host chose. A bundle the engine refuses leaves
   * the rules as they were and says why.
   */
  set ruleset(bundle) {
    let read;
    try {
      read = readBundle(bundle);
    } catch (err) {
      if (host === this && state?.ready) notice(t('ruleset.bad', { why: err.message }));
      this.dispatchEvent(new CustomEvent('vigie-error', { detail: { error: err }, bubbles: true, composed: true }));
      return;
    }
    if (host !== this || !state?.ready) {
      this.#pendingRuleset = read;
      return;
    }
    useCustom(read);
  }

  /** @internal the rule set given before the element was ready. */
  takeRuleset() {
    const r = this.#pendingRuleset;
    this.#pendingRuleset = null;
    return r;
  }

  /** The last report shown (null before any). */
  get report() { return host === this ? state?.report ?? null : null; }

  /** @internal the profile set before the engine was ready. */
  takePending() {
    const p = this.#pending;
    this.#pending = null;
    return p;
  }
}

/** The attributes, read once at start (rules and locale also follow later changes). */
function readOptions(el) {
  const save = el.getAttribute('save');
  const asOf = el.getAttribute('as-of');
  return {
    rules: el.getAttribute('rules'),
    locale: el.getAttribute('locale'),
    asOf: asOf && isDay(asOf) ? asOf : null,
    badAsOf: asOf && !isDay(asOf) ? asOf : null,
    fullForm: el.getAttribute('form') === 'full',
    save: ['session', 'device'].includes(save) ? save : 'none',
    controls: el.hasAttribute('controls'),
    history: el.hasAttribute('history'),
    worker: el.getAttribute('worker') !== 'off',
  };
}

/** Whether `text` is a real day written YYYY-MM-DD (not 2026-02-30). */
function isDay(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return day.getUTCFullYear() === Number(m[1]) && day.getUTCMonth() === Number(m[2]) - 1 && day.getUTCDate() === Number(m[3]);
}

/** The built-in rule set `value` names, or the default (an unknown value is said in a notice). */
function known(value) {
  const code = (value ?? '').toLowerCase();
  return code in JURISDICTIONS ? code : DEFAULT;
}

/**
 * What a bundle given as `ruleset` says of itself: `{ code, bundle, locales, id }`, `code` the
 * jurisdiction the element knows it by (FR-976 → fr). Throws an Error saying what is wrong; the
 * bundle itself (digest, rules) is checked by the engine when it loads.
 */
function readBundle(bundle) {
  let data = bundle;
  if (typeof bundle === 'string') {
    try {
      data = JSON.parse(bundle);
    } catch (err) {
      throw Object.assign(new Error(`the bundle is not JSON (${err.message})`), { code: 'invalid-bundle' });
    }
  }
  const manifest = data?.ruleset?.manifest;
  if (!manifest || typeof manifest !== 'object') {
    throw Object.assign(new Error('the bundle has no ruleset.manifest (write it with `vigie bundle`)'), { code: 'invalid-bundle' });
  }
  const code = String(manifest.jurisdiction ?? '').split('-')[0].toLowerCase();
  if (!(code in JURISDICTIONS)) {
    throw Object.assign(new Error(`jurisdiction ${JSON.stringify(manifest.jurisdiction ?? null)}: this element knows ${Object.keys(JURISDICTIONS).map((c) => c.toUpperCase()).join(', ')}`), { code: 'unknown-jurisdiction' });
  }
  const locales = (Array.isArray(manifest.locales) ? manifest.locales : []).filter((l) => l === 'fr' || l === 'en');
  if (!locales.length) {
    throw Object.assign(new Error(`locales ${JSON.stringify(manifest.locales ?? null)}: this element speaks fr and en`), { code: 'unknown-locale' });
  }
  return { code, bundle, locales, id: String(data.id ?? manifest.id) };
}

/** The rule set to load for jurisdiction `code`: the host's bundle, or the built-in one. */
function sourceOf(code) {
  return custom?.code === code ? custom.bundle : JURISDICTIONS[code].ruleset;
}

/** The languages of jurisdiction `code`'s rule set. */
function localesOf(code) {
  return custom?.code === code ? custom.locales : JURISDICTIONS[code].locales;
}

/** The language results are given in: the element's, when the rule set speaks it, else its first. */
function resultLocale() {
  const locales = localesOf(rules);
  return locales.includes(lang()) ? lang() : locales[0];
}

/** Runs the host's bundle from now on (answers kept), as a switch of rules does. */
async function useCustom(read) {
  const before = custom;
  custom = read;
  $('.rules-switch').hidden = true;
  const loaded = await switchRules(read.code, { force: true });
  if (!loaded) custom = before;
  $('.rules-switch').hidden = custom !== null;
}

/** An event from the element: it bubbles out of the shadow root to the host page. */
function emit(type, detail) {
  host?.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

// The history of the host page, only when it allows it (`history`).
const history = {
  pushState: (...args) => { if (options?.history) window.history.pushState(...args); },
  replaceState: (...args) => { if (options?.history) window.history.replaceState(...args); },
  get state() { return window.history.state; },
};

async function mount() {
  useDay(options.asOf);
  useStorage(options.save);
  custom = host.takeRuleset();
  rules = custom?.code ?? known(options.rules);
  captureStatic();
  buildControls();
  $('#toolbar').hidden = !options.controls;
  $('.rules-switch').hidden = custom !== null;
  $('#remember').closest('.choice').hidden = options.save !== 'device';
  $('#remember-hint').hidden = options.save !== 'device';
  $('#erase-cancel').addEventListener('click', () => $('#erase-dialog').close('keep'));
  $('#erase-confirm').addEventListener('click', () => $('#erase-dialog').close('erase'));
  try {
    if (typeof WebAssembly !== 'object') throw new Error('no WebAssembly');
    try {
      vigie = await Engine.open(sourceOf(rules), { worker: options.worker });
    } catch (err) {
      // The package replaced the module after a trap: once more, in the fresh instance.
      if (err?.code !== 'engine-trapped') throw err;
      console.error(err);
      vigie = await Engine.open(sourceOf(rules), { worker: options.worker });
    }
    useCodeWords(vigie);
  } catch (err) {
    vigie = undefined;
    $('#loading').hidden = true;
    const box = $('#load-error');
    box.textContent = t('load.error');
    box.hidden = false;
    console.error(err);
    emit('vigie-error', { error: err });
    offerErase();
    return;
  }
  await start();
}

function fail(err) {
  console.error(err);
  emit('vigie-error', { error: err });
}

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

async function start() {
  $('#rules-select').value = rules;
  useRules(rules);
  if (options.locale && localesOf(rules).includes(options.locale)) setLanguage(options.locale);
  speakTheRules();
  const notices = [];
  if (options.rules && known(options.rules) !== options.rules.toLowerCase()) notices.push(t('rules.unknown', { value: options.rules.slice(0, 40) }));
  if (options.badAsOf) notices.push(t('asOf.bad', { value: options.badAsOf.slice(0, 40) }));
  if (notices.length) notice(notices.join(' '));
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
  emit('vigie-ready', { ruleset: vigie.ruleset() });
  const given = host.takeRuleset();
  if (given) await useCustom(given);
  const pending = host.takePending();
  if (pending) {
    await prefill(pending);
    return;
  }
  if (!options.fullForm && pathView.available() && !state.resume) {
    state.source = 'path';
    let resumed = false;
    try {
      resumed = pathView.restore();
    } catch (err) {
      console.error(err);
    }
    history.replaceState({ view: 'path' }, '');
    if (resumed && pathView.view === 'results') await pathView.finish();
    else await pathView.show({ focus: false, push: false });
    return;
  }
  history.replaceState({ view: 'questionnaire', step: 0 }, '');
  show(0, { focus: false, push: false });
  // Reloaded on the results: back on them, as they were.
  if (state.resume === 'results') await results();
}

/** What the path view needs from the page. */
function pathHost() {
  return {
    vigie: () => vigie,
    rules: () => rules,
    locale: () => resultLocale(),
    today: () => todayIso(),
    order: () => JURISDICTIONS[rules].dates ?? 'dmy',
    priority: () => priority(),
    remember: () => $('#remember').checked,
    announce,
    scrollToTop,
    pushState: (entry) => history.pushState(entry, ''),
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
  emit('vigie-report', { report, profile, source: 'path' });
  const titles = new Map(vigie.programs({ locale: resultLocale() }).map((p) => [p.program, p.title]));
  renderStillOpen(open, report, lang(), titles, () => pathView.show());
  $('#ics-status').textContent = '';
  showResultsView();
}

/** Goes to the full form (every question in a row), keeping the path's answers for later. */
function openFullForm() {
  state.source = 'form';
  show(0);
}

/**
 * Prefills the answers from a profile (the host's `profile` property: a FHIR import's, say), as an
 * imported file is read: what the form cannot show is carried, and what was left out is said.
 */
async function prefill(profile) {
  if (!profile || typeof profile !== 'object' || Array.isArray(profile)) {
    status(t('privacy.importBad'));
    return;
  }
  await readProfile(profile, { results: true });
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
    scrollToTop();
  }
  if (focus !== false) announce(t('step.announce', { n: state.step + 1, total: STEPS.length, title: title.textContent }));
  if (push) history.pushState({ view: 'questionnaire', step: state.step }, '');
}

function showResultsView({ push = true, focus = true } = {}) {
  setView('results');
  if (focus) {
    $('#results-title').focus();
    scrollToTop();
    announce($('#results-title').textContent);
  }
  if (push) history.pushState({ view: 'results' }, '');
}

function showAbout({ push = true } = {}) {
  if (state.view !== 'about') state.back = state.view;
  setView('about');
  $('#about-title').focus();
  scrollToTop();
  if (push) history.pushState({ view: 'about' }, '');
}

function closeAbout() {
  if (state.back === 'results' && state.report) showResultsView({ push: true });
  else show(state.step, { push: true });
}

/** Back to the element's top (the whole page's top when the element starts there). */
function scrollToTop() {
  const top = host.getBoundingClientRect().top + window.scrollY;
  window.scrollTo(0, top < 100 ? 0 : top);
}

// ------------------------------------------------------------------ checking answers

/**
 * Builds the profile and checks every answer of steps 0..`upto` (own parse problems first, then the
 * engine's). Shows the problems beside their fields and goes to the first step with one.
 * Returns the profile, or null when something needs checking.
 */
async function check(upto) {
  const build = buildProfile();
  const within = (path) => STEPS.indexOf(stepOf(path)) <= upto;
  const problems = build.issues.filter((p) => within(p.path));
  const covered = build.issues.filter((p) => !p.target).map((p) => p.path);
  const { profile: full, paths } = withCarried(build.profile, state.carried);
  const carriedProblem = (p) => paths.some((c) => p.path === c || p.path.startsWith(`${c}.`) || p.path.startsWith(`${c}[`));
  let found;
  let profile = full;
  try {
    found = await vigie.validate(full, { asOf: todayIso() });
    // The engine does not read what was carried from a file (an older rule set, an approximate
    // date it refuses): the results go without it, say so, and the file keeps it.
    if (found.some(carriedProblem)) {
      profile = build.profile;
      found = await vigie.validate(profile, { asOf: todayIso() });
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

async function next() {
  if (state.step === STEPS.length - 1) {
    await results();
    return;
  }
  const step = state.step;
  if (await check(step) && state.step === step && state.view === 'questionnaire') show(step + 1);
}

function back() {
  if (state.step > 0) show(state.step - 1, { push: false });
}

// ------------------------------------------------------------------ results

async function evaluate(profile) {
  try {
    return await vigie.evaluate(profile, { asOf: todayIso(), locale: resultLocale() });
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

async function results() {
  const profile = await check(STEPS.length - 1);
  if (!profile) return;
  const rep = await evaluate(profile);
  if (!rep) return;
  state.report = rep;
  state.profile = profile;
  state.source = 'form';
  renderResults(rep, readAnswers(), profile, { priority: priority() });
  emit('vigie-report', { report: rep, profile, source: 'form' });
  renderStillOpen([], rep, lang());
  $('#ics-status').textContent = '';
  showResultsView();
  save();
}

/** The rule set's program order, when its package declares one (results.js, programPriority). */
function priority() {
  return programPriority(vigie, resultLocale());
}

async function rerenderResults() {
  if (state.source === 'path') {
    await pathView.finish();
    return;
  }
  if (!state.profile) return;
  const rep = await evaluate(state.profile);
  if (!rep) return;
  state.report = rep;
  renderResults(rep, readAnswers(), state.profile, { priority: priority() });
}

function renderAboutSection() {
  renderAbout(vigie.ruleset(), vigie.programs({ locale: resultLocale() }), vigie.sources());
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
  const locales = localesOf(rules);
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
 * asks its questions; every answer typed so far is kept, and results are computed again. True
 * once the new rules run.
 */
async function switchRules(code, { force = false } = {}) {
  if ((code === rules && !force) || !(code in JURISDICTIONS)) return false;
  const select = $('#rules-select');
  select.disabled = true;
  let next;
  try {
    next = await Engine.open(sourceOf(code), { worker: options.worker });
  } catch (err) {
    console.error(err);
    select.value = rules;
    select.disabled = false;
    notice(t('rules.failed'));
    return false;
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
  if (host.getAttribute('rules') !== code) host.setAttribute('rules', code);
  emit('vigie-rules', { rules: code });
  refreshErrors();
  if (state.source === 'path' && pathView.available()) {
    // Each rule set asks its own questions; birth and sex carry over (path.js).
    if (state.view === 'results') await pathView.finish();
    else await pathView.show({ focus: false, push: false });
  } else if (state.report) {
    // The profile is built again: each rule set reads its own questions.
    const build = buildProfile();
    if (!build.issues.length) state.profile = build.profile;
    await rerenderResults();
  }
  renderAboutSection();
  save();
  return true;
}

// ------------------------------------------------------------------ language

function setLanguage(locale) {
  if (locale === lang() || !localesOf(rules).includes(locale)) return;
  applyStatic(locale);
  host.lang = locale;
  if (host.getAttribute('locale') !== locale) host.setAttribute('locale', locale);
  emit('vigie-locale', { locale });
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
    tabStorage()?.setItem(KEY, entry);
  } catch { /* a browser without it: the answers live in the page only */ }
  const device = deviceStorage();
  if (!device || !$('#remember').checked) return;
  try {
    device.setItem(KEY, entry);
  } catch {
    status(t('privacy.storageFailed'));
  }
}

/** Removes the answers from this tab and from this device. */
function forget() {
  PathView.forget();
  removeEverywhere(KEY);
}

/**
 * Asks before erasing, in a modal <dialog>: focus goes to "No, keep my answers" (the safe choice),
 * Escape says no, and the focus comes back to the button that opened it. Resolves true to erase.
 */
function confirmErase() {
  const dialog = $('#erase-dialog');
  const opener = focused();
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
      return storage?.getItem(KEY) ?? null;
    } catch {
      return null;
    }
  };
  const kept = readSaved(read(tabStorage()));
  const onDevice = read(deviceStorage());
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
 * Lets the host erase what it keeps besides the answers (the self-check page: its offline copy):
 * `vigie-erase` carries `waitUntil(promise)`; the element waits for those (3 s at most) before it
 * says the answers were erased.
 */
async function eraseOfflineCopy() {
  const waits = [];
  emit('vigie-erase', { waitUntil: (promise) => waits.push(Promise.resolve(promise)) });
  if (!waits.length) return;
  await Promise.race([Promise.allSettled(waits), new Promise((resolve) => { setTimeout(resolve, 3000); })]);
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
  if (!options.fullForm && pathView.available()) {
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
  $('#app').append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function exportAnswers() {
  if (state.source === 'path') {
    const made = await pathView.profileNow();
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
  await readProfile(data.answers && data.format ? data.profile ?? {} : data, { results: false });
}

/**
 * Puts a profile's answers in the form (a file's, or the host's `profile`): what the form cannot
 * show is carried; too long a list changes nothing; then the form at its start, or with `results`
 * the results when every answer checks. Says what was read, left out and carried.
 */
async function readProfile(profile, { results: toResults }) {
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
  state.source = 'form';
  const ok = await check(STEPS.length - 1);
  if (ok && toResults) await results();
  else if (ok) show(0);
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
      try { deviceStorage()?.removeItem(KEY); deviceStorage()?.removeItem('vigie-path'); } catch { /* nothing stored */ }
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

  if (options.history) window.addEventListener('popstate', onPopState);
}

function onPopState(event) {
  const s = event.state;
  if (!s) return;
  if (s.view === 'path') pathView.show({ id: s.question ?? null, push: false });
  else if (s.view === 'results' && state.report) showResultsView({ push: false });
  else if (s.view === 'about') showAbout({ push: false });
  else show(s.step ?? 0, { push: false });
}

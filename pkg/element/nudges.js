// <vigie-nudges>: shows nudges, nothing else — the cards of a report (`report` property: what
// `evaluate()` returned, or its JSON text), or of a FHIR R4 bundle evaluated in a worker
// (`bundle` property, with the `rules`, `locale` and `as-of` attributes). The same cards as
// <vigie-check>'s results, in a shadow root, themable the same way. It keeps nothing.
// Events: vigie-report {report} once shown, vigie-error {error} (the box says what went wrong).
import { Engine } from './engine.js';
import { el } from './dom.js';
import { t, useCodeWords, withLocale, captureStatic } from './i18n.js';
import { TEMPLATE } from './template.js';
import { reportCards, programPriority } from './results.js';
import { JURISDICTIONS, DEFAULT, reportLocale } from './jurisdiction.js';
import { styles } from './check.js';

let captured = false;
/** The French words written in the template (i18n.js reads them from there), without a <vigie-check>. */
function frenchWords() {
  if (captured) return;
  const template = document.createElement('template');
  template.innerHTML = TEMPLATE;
  captureStatic(template.content);
  captured = true;
}

export class VigieNudges extends HTMLElement {
  #shadow;
  #turn = 0;
  /** The engine of the last bundle's rule set, kept for the next bundle: `{ key, engine }`. */
  #open = null;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    this.#shadow.adoptedStyleSheets = [styles()];
    frenchWords();
  }

  /** A report to show (the object, or its JSON text). */
  set report(report) {
    this.#turn += 1;
    try {
      const read = typeof report === 'string' ? JSON.parse(report) : report;
      if (!read || !Array.isArray(read.nudges) || typeof read.asOf !== 'string') {
        throw Object.assign(new Error('<vigie-nudges>: report is not a Vigie report (no nudges or asOf)'), { code: 'invalid-report' });
      }
      this.#show(read);
    } catch (err) {
      this.#fail(err);
    }
  }

  /** A FHIR R4 bundle (object or JSON text), imported and evaluated with the `rules` rule set. */
  set bundle(bundle) {
    const turn = ++this.#turn;
    this.#evaluate(bundle, turn).catch((err) => { if (turn === this.#turn) this.#fail(err); });
  }

  async #evaluate(bundle, turn) {
    const code = (this.getAttribute('rules') ?? DEFAULT).toLowerCase();
    const jurisdiction = JURISDICTIONS[code] ?? JURISDICTIONS[DEFAULT];
    const engine = await this.#engine(jurisdiction.ruleset, this.getAttribute('worker') !== 'off');
    useCodeWords(engine);
    const locale = reportLocale(code in JURISDICTIONS ? code : DEFAULT, this.getAttribute('locale') ?? jurisdiction.locales[0]);
    const asOf = this.getAttribute('as-of') ?? undefined;
    const report = await engine.evaluateFhir(bundle, { asOf, locale });
    if (turn === this.#turn) this.#show(report, programPriority(engine, locale));
  }

  /**
   * The engine for `ruleset`: the one already open when the rule set is the same (a list of
   * patients shown one after another starts one worker, not one each), else a new one.
   */
  async #engine(ruleset, worker) {
    const key = `${ruleset}:${worker}`;
    if (this.#open?.key === key) return this.#open.engine;
    const opening = { key, engine: Engine.open(ruleset, { worker }) };
    this.#open?.engine.then((e) => e.free(), () => {});
    this.#open = { key, engine: opening.engine };
    try {
      return await opening.engine;
    } catch (err) {
      if (this.#open?.engine === opening.engine) this.#open = null; // a failed start can be tried again
      throw err;
    }
  }

  disconnectedCallback() {
    // Removed from the page: its worker goes (a move in the page reopens one when needed).
    this.#open?.engine.then((e) => e.free(), () => {});
    this.#open = null;
  }

  #show(report, priority = null) {
    const locale = report.locale ?? 'fr';
    const nodes = withLocale(locale, () => {
      const { todo, well } = reportCards(report, priority);
      const out = [];
      if (todo.length) out.push(el('div', { class: 'nudges', part: 'nudges' }, ...todo));
      else out.push(el('p', { text: t(report.nudges.length ? 'results.nothingElse' : 'results.none') }));
      if (well.length) {
        out.push(el('section', { class: 'doing-well', part: 'doing-well' },
          el('h3', { text: t('well.title') }), el('ul', { class: 'well-list' }, ...well.map((c) => el('li', {}, c)))));
      }
      out.push(el('p', { class: 'ruleset-line', text: t('ruleset.line', { ...report.ruleset, date: report.asOf }) }));
      return out;
    });
    this.lang = locale;
    this.#shadow.replaceChildren(el('div', { class: 'vigie-root', part: 'root' }, ...nodes));
    this.dispatchEvent(new CustomEvent('vigie-report', { detail: { report }, bubbles: true, composed: true }));
  }

  #fail(err) {
    const box = el('p', { class: 'load-error', role: 'alert', part: 'error', text: err?.message ?? String(err) });
    this.#shadow.replaceChildren(box);
    this.dispatchEvent(new CustomEvent('vigie-error', { detail: { error: err }, bubbles: true, composed: true }));
  }
}

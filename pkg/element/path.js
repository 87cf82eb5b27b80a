// The adaptive path on the page (issue 17): one question at a time, drawn from the rule set, with the
// provisional result above it. The logic (which question, which profile) is flow.js and the engine's;
// this module only shows it, keeps the answers in the tab, and hands the final report to app.js.
import { el, $ } from './dom.js';
import { tabStorage, deviceStorage, removeEverywhere } from './storage.js';
import { Answers, Path, problemFor } from './flow.js';
import { renderQuestion, shownWhen } from './ask.js';
import { words } from './flow-words.js';
import { ordered, todoLine } from './results.js';

const KEY = 'vigie-path';


/**
 * The path view. `host` gives what the page knows: `vigie()`, `rules()`, `locale()`, `today()`,
 * `order()` (how dates read), `priority()`, `remember()` (keep on this device too), `announce(text)`,
 * `onResults(report, profile, open)`, `onFullForm()`, `setView(name)`.
 */
export class PathView {
  constructor(host) {
    this.host = host;
    this.byRules = {};
    this.trail = [];
    this.current = null;
    this.last = null;
    this.turn = 0;
  }

  /** Whether the rule set declares questions (a rule set without them keeps the full form only). */
  available() {
    try {
      return (this.host.vigie().questionnaire?.({ locale: this.host.locale() })?.questions ?? []).length > 0;
    } catch {
      return false;
    }
  }

  get answers() {
    const rules = this.host.rules();
    if (!this.byRules[rules]) this.byRules[rules] = new Answers(this.shared());
    return this.byRules[rules];
  }

  /** Birth and sex carry over from another rule set's answers: they are the same questions everywhere. */
  shared() {
    const out = {};
    for (const answers of Object.values(this.byRules)) {
      for (const id of ['birth', 'sex']) if (answers.has(id) && !(id in out)) out[id] = answers.get(id);
    }
    return out;
  }

  path() {
    return new Path(this.host.vigie(), { asOf: this.host.today(), locale: this.host.locale() });
  }

  // -------------------------------------------------------------- storage

  save() {
    const entries = Object.fromEntries(Object.entries(this.byRules).map(([r, a]) => [r, a.entries]));
    const entry = JSON.stringify({ format: 'vigie-path/1', answers: entries, trail: this.trail, view: this.view ?? 'path' });
    try { tabStorage()?.setItem(KEY, entry); } catch { /* the answers live in the page only */ }
    if (this.host.remember()) {
      try { deviceStorage()?.setItem(KEY, entry); } catch { /* check.js says when storage fails */ }
    }
  }

  /** Puts back the answers kept in this tab (or on this device): true when there were some. */
  restore() {
    const read = (storage) => { try { return storage?.getItem(KEY) ?? null; } catch { return null; } };
    const text = read(tabStorage()) ?? read(deviceStorage());
    if (!text) return false;
    let saved;
    try { saved = JSON.parse(text); } catch { return false; }
    if (saved?.format !== 'vigie-path/1' || typeof saved.answers !== 'object' || saved.answers === null) return false;
    for (const [rules, entries] of Object.entries(saved.answers)) {
      if (entries && typeof entries === 'object' && !Array.isArray(entries)) this.byRules[rules] = new Answers(entries);
    }
    this.trail = Array.isArray(saved.trail) ? saved.trail.filter((id) => typeof id === 'string') : [];
    this.view = saved.view === 'results' ? 'results' : 'path';
    return Object.keys(this.answers.entries).length > 0;
  }

  static forget() {
    removeEverywhere(KEY);
  }

  reset() {
    this.byRules = {};
    this.trail = [];
    this.current = null;
    this.view = 'path';
  }

  // -------------------------------------------------------------- showing

  /** Shows the question that comes next (or `id`), with the provisional result; or the results. */
  async show({ id = null, focus = true, push = true } = {}) {
    // The engine answers in a worker: a later show (another click) wins over one still waiting.
    const turn = ++this.turn;
    const path = this.path();
    const w = words(this.host.locale());
    const answers = this.answers;
    let question = id ? path.byId.get(id) : null;
    let problem = '';
    let evaluated = null;
    const basics = path.missingBasics(answers);
    if (!question && basics.length) question = basics[0];
    if (!basics.length) {
      evaluated = await path.evaluate(answers);
      if (turn !== this.turn) return;
      if (evaluated.problems) {
        // An answer the engine refused (a date before birth …): back to that question, with why.
        const bad = evaluated.problems.map((p) => /^answers\.([^.[]+)/.exec(p.path)?.[1]).find((q) => path.byId.has(q));
        question = path.byId.get(bad) ?? question;
        problem = problemFor(bad, evaluated.problems) || evaluated.problems.map((p) => p.message).join(' ');
        evaluated = null;
      } else {
        this.last = evaluated;
        if (!question) question = path.next(answers, this.notCovered(path, answers, evaluated.open));
      }
    }
    this.view = 'path';
    this.host.setView('path');
    this.renderProvisional(evaluated, path, answers);
    if (!question) {
      await this.finish();
      return;
    }
    this.current = question.id;
    this.host.setView('path');
    const details = this.detailsOf(path, question);
    const form = renderQuestion(question, {
      locale: this.host.locale(),
      order: this.host.order(),
      today: new Date(`${this.host.today()}T12:00:00`),
      previous: answers.get(question.id),
      details,
      detailAnswers: Object.fromEntries([...details.values()].filter((d) => answers.has(d.id)).map((d) => [d.id, answers.get(d.id)])),
      onAnswer: (answer, detailAnswers) => this.answer(question.id, answer, detailAnswers),
    });
    const forms = [form];
    // Birth and sex, the two answers everyone gives, on one screen: choosing the sex confirms both.
    const sex = question.kind === 'birth' ? basics.find((q) => q.fills === 'sex') : null;
    if (sex) {
      form.querySelector('[data-answer="submit"]').hidden = true;
      form.dataset.withSex = 'true';
      const sexForm = renderQuestion(sex, {
        locale: this.host.locale(),
        order: this.host.order(),
        previous: answers.get(sex.id),
        onAnswer: (answer) => {
          answers.set(sex.id, answer);
          form.requestSubmit();
          if (!this.trail.includes(sex.id)) this.trail.splice(this.trail.includes('birth') ? this.trail.indexOf('birth') + 1 : 0, 0, sex.id);
          this.save();
        },
      });
      sexForm.querySelector('h2').removeAttribute('tabindex');
      this.addOrgans(sexForm, path, answers);
      forms.push(sexForm);
    } else if (question.fills === 'sex') this.addOrgans(form, path, answers);
    $('#path-question').replaceChildren(...forms);
    if (problem) form.showProblem(problem);
    $('#path-back').hidden = this.previousOf(question.id) === null;
    $('#path-back').textContent = w.t('back');
    $('#path-results').textContent = w.t('seeResults');
    $('#path-results').hidden = !evaluated;
    $('#path-full').textContent = w.t('fullForm');
    if (focus && !problem) {
      form.querySelector('h2').focus();
      this.host.scrollToTop();
      this.host.announce(question.text);
    }
    if (push) this.host.pushState({ view: 'path', question: question.id });
    this.save();
  }

  /** Questions the person settled by answering "I don't know" to a group that covers them are not asked. */
  notCovered(path, answers, open) {
    const covered = new Set();
    for (const [id, answer] of Object.entries(answers.entries)) {
      if (answer !== 'unknown') continue;
      for (const c of path.byId.get(id)?.covers ?? []) covered.add(c);
    }
    return open.filter((q) => !covered.has(q.id));
  }

  /** On the sex question, the organs, for people whose body differs from what sex at birth implies. */
  addOrgans(form, path, answers) {
    const organs = path.basics().filter((q) => q.fills.startsWith('organs.'));
    if (!organs.length) return;
    const w = words(this.host.locale());
    const details = el('details', { class: 'organs' }, el('summary', { text: w.t('organs.summary') }));
    details.append(el('p', { class: 'hint', text: w.t('organs.hint') }));
    for (const q of organs) {
      const name = `organ-${q.id}`;
      const group = el('fieldset', { class: 'group organ' }, el('legend', { text: q.text }));
      const choices = el('div', { class: 'choices inline' });
      for (const value of ['yes', 'no']) {
        const idFor = `${name}-${value}`;
        const input = el('input', { type: 'radio', name, id: idFor, value });
        if (answers.get(q.id) === value) { input.checked = true; details.open = true; }
        input.addEventListener('change', () => { answers.set(q.id, value); this.save(); });
        choices.append(el('div', { class: 'choice' }, input, el('label', { for: idFor, text: w.t(value) })));
      }
      group.append(choices);
      details.append(group);
    }
    form.append(details);
  }

  answer(id, answer, detailAnswers = {}) {
    this.answers.set(id, answer);
    if (!this.trail.includes(id)) this.trail.push(id);
    for (const [detail, value] of Object.entries(detailAnswers)) {
      this.answers.set(detail, value);
      if (!this.trail.includes(detail)) this.trail.push(detail);
    }
    this.current = null;
    this.last = null;
    this.save();
    // The birth date given with the sex still to choose: stay, and go to the sex question.
    const waiting = $('#path .ask[data-with-sex] ~ .ask');
    if (id === 'birth' && waiting && !this.answers.has(waiting.dataset.question)) {
      waiting.querySelector('button')?.focus();
      return;
    }
    this.show();
  }

  /** A group's options → their detail questions (`covers`), so the page can ask "when?" beside each. */
  detailsOf(path, question) {
    const details = new Map();
    if (question.kind !== 'several') return details;
    for (const id of question.covers ?? path.byId.get(question.id)?.covers ?? []) {
      const detail = path.byId.get(id);
      const value = detail?.fills.startsWith(`${question.fills}.`) ? detail.fills.slice(question.fills.length + 1) : null;
      if (value) details.set(value, detail);
    }
    return details;
  }

  previousOf(id) {
    const at = this.trail.indexOf(id);
    const before = at === -1 ? this.trail.length : at;
    return before > 0 ? this.trail[before - 1] : null;
  }

  back() {
    const previous = this.previousOf(this.current);
    if (previous !== null) this.show({ id: previous });
  }

  /** The provisional result: what to do first so far, and how many questions could still change it. */
  renderProvisional(evaluated, path, answers) {
    const box = $('#path-provisional');
    const w = words(this.host.locale());
    if (!evaluated) {
      box.hidden = true;
      return;
    }
    const open = this.notCovered(path, answers, evaluated.open).length;
    const todo = ordered(evaluated.report.nudges.filter((n) => n.status !== 'up-to-date'), this.host.priority()).slice(0, 3);
    box.hidden = false;
    box.replaceChildren(
      el('h2', { class: 'provisional-title', text: w.t('provisional.title') }),
      el('p', { class: 'provisional-open', text: open === 1 ? w.t('provisional.open.one') : w.t('provisional.open', { n: open }) }),
      todo.length
        ? el('ul', { class: 'provisional-list' }, ...todo.map((n) => el('li', { class: `status-${n.status}` },
          el('strong', { text: n.title }), ' — ', todoLine(n, evaluated.report.asOf))))
        : el('p', { text: w.t('provisional.none') }),
    );
  }

  /** The end of the path (no question left, or the person stopped): the results. */
  async finish() {
    const turn = ++this.turn;
    const evaluated = this.last ?? await this.path().evaluate(this.answers);
    if (turn !== this.turn || !evaluated || evaluated.problems) return;
    this.view = 'results';
    this.save();
    const path = this.path();
    this.host.onResults(evaluated.report, evaluated.profile, this.stillOpen(path, evaluated));
  }

  /** What an unknown left open: every question that could still change a nudge (asked or not). */
  stillOpen(path, evaluated) {
    return (evaluated.report.questions ?? []).map((q) => ({
      ...q,
      answered: this.answers.get(q.id) === 'unknown' ? 'unknown' : (this.answers.has(q.id) ? 'given' : 'not-asked'),
    }));
  }

  /** The profile the answers make now (for export), or null. */
  async profileNow() {
    const made = await this.path().profile(this.answers);
    return made.profile ?? null;
  }

  /** "Modifier mes réponses": every answer given, each with a button to change it. */
  review() {
    this.turn += 1;
    const path = this.path();
    const w = words(this.host.locale());
    this.view = 'path';
    this.host.setView('path');
    $('#path-provisional').hidden = true;
    $('#path-back').hidden = true;
    $('#path-results').hidden = false;
    const items = this.trail.filter((id) => this.answers.has(id) && path.byId.has(id)).map((id) => {
      const q = path.byId.get(id);
      const change = el('button', { type: 'button', class: 'secondary change', 'data-question': id, text: w.t('change') });
      change.setAttribute('aria-label', `${w.t('change')} : ${q.text}`);
      change.addEventListener('click', () => this.show({ id }));
      return el('li', {}, el('span', { class: 'review-q', text: q.text }), ' ',
        el('strong', { class: 'review-a', text: answerText(q, this.answers.get(id), w, this.host.order()) }), ' ', change);
    });
    const title = el('h2', { tabindex: '-1', text: w.t('review.title') });
    const goOn = el('button', { type: 'button', class: 'primary', text: w.t('review.continue') });
    goOn.addEventListener('click', () => this.show());
    $('#path-question').replaceChildren(title, el('ul', { class: 'review-list' }, ...items), goOn);
    title.focus();
    this.host.scrollToTop();
  }
}

/** An answer in words, as the person gave it (an approximate date stays approximate). */
export function answerText(question, answer, w, order) {
  const option = (v) => question.options?.find((o) => o.value === v)?.text ?? v;
  if (answer === 'unknown') return w.t('unknown');
  if (answer === 'never') return w.t('never');
  if (answer === 'none') return w.t('no');
  if (answer === 'yes' || answer === 'no') return w.t(answer);
  switch (question.kind) {
    case 'choice': return option(answer);
    case 'several': {
      const chosen = (answer?.chosen ?? []).map(option);
      if (!chosen.length) return answer?.complete === false ? w.t('unknown') : w.t('several.none');
      return chosen.join(', ') + (answer.complete === false ? ` (${w.t('several.remembered').toLowerCase()})` : '');
    }
    case 'date': return typeof answer === 'string' ? shownWhen(answer, order) : shownWhen(answer?.date ?? '', order);
    case 'measures': return `${answer.heightCm} cm, ${answer.weightKg} kg`;
    case 'relatives': return (Array.isArray(answer) ? answer : []).map((r) => (r.ageAtDiagnosis !== undefined
      ? `${option(r.relation)} (${r.ageAtDiagnosis})` : option(r.relation))).join(', ');
    case 'birth': return answer?.birthDate ? shownWhen(answer.birthDate, order) : `${answer?.age}`;
    default: return String(answer);
  }
}

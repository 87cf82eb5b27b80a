// The adaptive path (issue 17, docs/questions.md): the rule set's always-asked questions first (birth,
// sex), then — with provisional results shown at once — only the open questions that could still change
// a nudge, the most consequential first, as the engine ranks them. The person can stop at any time;
// "I don't know" is an answer; Back and "change my answers" keep every answer given.
//
// The answers are the state: `{ "<question id>": answer }` (docs/questions.md §2). Only the engine turns
// them into a profile (`profileFromAnswers`), so the page never guesses how an answer fills the profile.
import { renderQuestion } from './ask.js';

/** Answers given, in the order they were given (an object keeps insertion order for string keys). */
export class Answers {
  constructor(entries = {}) { this.entries = { ...entries }; }

  set(id, answer) {
    delete this.entries[id];
    this.entries[id] = answer;
  }

  has(id) { return Object.prototype.hasOwnProperty.call(this.entries, id); }

  get(id) { return this.entries[id]; }

  delete(id) { delete this.entries[id]; }

  toJSON() { return { answers: this.entries }; }
}

/**
 * The path's logic, without the page: which question comes next for these answers.
 * `vigie`: the package's instance; `asOf`: the evaluation day; `locale`: the words.
 */
export class Path {
  constructor(vigie, { asOf, locale }) {
    this.vigie = vigie;
    this.asOf = asOf;
    this.locale = locale;
    this.all = vigie.questionnaire({ locale }).questions;
    this.byId = new Map(this.all.map((q) => [q.id, q]));
  }

  /** The always-asked questions (birth, sex, organs), in the rule set's order. */
  basics() { return this.all.filter((q) => q.always); }

  /** The always-asked questions still without an answer (organs are optional: sex implies them). */
  missingBasics(answers) {
    return this.basics().filter((q) => !answers.has(q.id) && !q.fills.startsWith('organs.'));
  }

  /** The profile the answers make, or the problems (each at `answers.<id>…`): a Promise. */
  async profile(answers) {
    try {
      return { profile: await this.vigie.profileFromAnswers(answers.toJSON(), { asOf: this.asOf }) };
    } catch (err) {
      if (err?.problems) return { problems: err.problems };
      throw err;
    }
  }

  /**
   * Evaluates the answers: `{ profile, report, open }` — `open` the engine's open questions not yet
   * answered (an "I don't know" is an answer: it is not asked again).
   */
  async evaluate(answers) {
    const made = await this.profile(answers);
    if (made.problems) return made;
    const report = await this.vigie.evaluate(made.profile, { asOf: this.asOf, locale: this.locale, questions: true });
    const open = (report.questions ?? []).filter((q) => !answers.has(q.id));
    return { profile: made.profile, report, open };
  }

  /** The next question: a follow-up of the last answer when it is open, else the most consequential. */
  next(answers, open) {
    const ids = Object.keys(answers.entries);
    const last = this.byId.get(ids[ids.length - 1]);
    const follow = (last?.followUp ?? []).find((id) => open.some((q) => q.id === id));
    return open.find((q) => q.id === follow) ?? open[0];
  }
}

/** The problems of `id`'s answer among `problems`, as one message. */
export function problemFor(id, problems) {
  const own = problems.filter((p) => p.path === `answers.${id}` || p.path.startsWith(`answers.${id}.`) || p.path.startsWith(`answers.${id}[`));
  return own.map((p) => p.message).join(' ');
}

export { renderQuestion };

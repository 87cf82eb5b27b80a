// The Cases tab: `vigie test --json` on the working copy; for a failure, what was expected and what
// came out side by side; for any case, its trace (`vigie eval --trace`: which rule concluded,
// which facts it read, why the others did not).
import { h, fill, byId } from './dom.js';
import { t, currentLocale } from './words.js';

function nudgeLine(nudge) {
  const due = nudge.dueDate ? ` ${nudge.dueDate}` : '';
  return `${nudge.program}: ${nudge.status}${due}`;
}

function expectedLines(c) {
  const lines = (c.expect ?? []).map((e) => {
    const due = e.dueDate ? ` ${e.dueDate}` : '';
    const says = (e.says ?? []).map((s) => ` « ${s} »`).join('');
    return `${e.program}: ${e.status}${due}${says}`;
  });
  if ((c.absent ?? []).length > 0) lines.push(t('absentExpected', { programs: c.absent.join(', ') }));
  return lines;
}

/** The programs a case is about: those it expects or expects absent (the rest of the report is context). */
function actualLines(c) {
  if (c.refused) return [t('refused', { problems: c.refused.join('; ') })];
  const nudges = c.nudges ?? [];
  if (nudges.length === 0) return [t('noNudge')];
  const about = new Set([...(c.expect ?? []).map((e) => e.program), ...(c.absent ?? [])]);
  return nudges.map((n) => ({ text: nudgeLine(n), about: about.has(n.program) }));
}

/** The nudges the case is about first; the rest of the report folded away, as context. */
function actualCell(c) {
  const lines = actualLines(c);
  const about = lines.filter((line) => typeof line === 'string' || line.about);
  const context = lines.filter((line) => typeof line !== 'string' && !line.about);
  return [
    h('ul', {}, about.map((line) => h('li', { class: 'about' }, typeof line === 'string' ? line : line.text))),
    context.length > 0
      ? h('details', {}, h('summary', {}, t('otherNudges', { n: context.length })), h('ul', {}, context.map((line) => h('li', { class: 'context' }, line.text))))
      : null,
  ];
}

export class CasesPanel {
  constructor(app) {
    this.app = app;
    this.result = null;
    this.root = byId('panel-cases');
    this.summary = byId('cases-summary');
    this.list = byId('cases-list');
    this.onlyFailures = byId('only-failures');
    this.button = byId('run-cases');
    this.button.addEventListener('click', () => this.run());
    this.onlyFailures.addEventListener('change', () => this.render());
  }

  async run() {
    const ws = this.app.ws;
    if (!ws || this.button.disabled) return;
    this.button.disabled = true;
    fill(this.summary, t('running'));
    try {
      await this.app.sync();
      const ran = await this.app.checker.json(['test', ws.root, '--json']);
      this.result = ran.result;
      if (!this.result) {
        fill(this.summary, ran.stderr || ran.stdout);
        fill(this.list);
        return;
      }
      if (this.result.failed > 0) this.onlyFailures.checked = true;
      this.render();
    } catch (err) {
      fill(this.summary, t('workerFailed', { why: err.message }));
    } finally {
      this.button.disabled = false;
    }
  }

  /** Forget the last run (another rule set is open). */
  clear() {
    this.result = null;
    fill(this.summary);
    fill(this.list);
  }

  render() {
    const r = this.result;
    if (!r) return;
    const problems = [...(r.errors ?? []), ...r.versions.flatMap((v) => (v.problems ?? []).map(formatProblem))];
    fill(
      this.summary,
      h('strong', { class: r.failed > 0 || !r.ok ? 'bad' : 'good' }, t('casesSummary', { passed: r.passed, failed: r.failed })),
      problems.length > 0 ? h('ul', { class: 'problems' }, problems.map((p) => h('li', {}, p))) : null,
    );
    const cases = r.versions.flatMap((v) => v.cases ?? []);
    const shown = this.onlyFailures.checked ? cases.filter((c) => !c.passed) : cases;
    fill(this.list, shown.slice(0, 600).map((c) => this.caseItem(c)));
  }

  caseItem(c) {
    const word = c.passed ? t('passed') : t('failed');
    const details = c.passed
      ? null
      : h(
          'div',
          { class: 'case-details' },
          h('ul', { class: 'failures' }, (c.failures ?? []).map((f) => h('li', {}, f))),
          h(
            'table',
            { class: 'side-by-side' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('expected')), h('th', { scope: 'col' }, t('actual')))),
            h(
              'tbody',
              {},
              h(
                'tr',
                {},
                h('td', {}, h('ul', {}, expectedLines(c).map((line) => h('li', {}, line)))),
                h('td', {}, actualCell(c)),
              ),
            ),
          ),
        );
    return h(
      'li',
      { class: `case ${c.passed ? 'case-passed' : 'case-failed'}` },
      h('span', { class: 'case-status' }, word),
      ' ',
      h('button', { type: 'button', class: 'link', onclick: () => this.app.openFile(c.file, caseLine(this.app.ws, c)) }, c.file),
      ' — ',
      h('span', { class: 'case-name' }, c.name),
      ' ',
      h('button', { type: 'button', class: 'small', onclick: () => this.trace(c) }, t('trace')),
      details,
    );
  }

  async trace(c) {
    const ws = this.app.ws;
    let profile;
    try {
      profile = JSON.parse(ws.files[c.file]).cases[c.index].profile;
    } catch {
      return;
    }
    const args = ['eval', '--rules', ws.root, '--as-of', c.asOf, '--trace'];
    if (c.locale) args.push('--locale', c.locale);
    args.push('-');
    const ran = await this.app.checker.json(args, { stdin: JSON.stringify(profile) });
    this.app.showTrace(c, ran.result, ran.stderr);
  }
}

export function formatProblem(p) {
  if (!p.file) return p.message;
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/** The line where a case starts in its file (found by its name), for "go to". */
export function caseLine(ws, c) {
  const text = ws?.files[c.file] ?? '';
  const at = text.indexOf(JSON.stringify(c.name));
  if (at < 0) return 1;
  return text.slice(0, at).split('\n').length;
}

/** The trace of one case, in a dialog: each rule, what it concluded or why it did not, its facts. */
export function renderTrace(dialog, c, report, stderr, goTo) {
  const body = dialog.querySelector('.trace-body');
  fill(dialog.querySelector('h2'), t('traceTitle', { name: c.name }));
  if (!report) {
    fill(body, h('pre', {}, stderr));
    return;
  }
  const locale = currentLocale();
  fill(
    body,
    h(
      'ol',
      { class: 'trace', lang: report.locale ?? locale },
      (report.trace ?? []).map((step) =>
        h(
          'li',
          { class: `trace-${step.outcome}` },
          h('strong', {}, step.rule),
          ' — ',
          step.outcome === 'fired' ? t('fired', { status: step.status }) : t('skipped', { reason: step.reason ?? step.outcome }),
          ' ',
          step.line
            ? h(
                'button',
                { type: 'button', class: 'link', onclick: () => goTo(`rules/${step.rule}.rhai`, step.line, step.column) },
                t('goTo', { file: `rules/${step.rule}.rhai`, line: step.line }),
              )
            : null,
          (step.facts ?? []).length > 0
            ? h(
                'details',
                {},
                h('summary', {}, `${t('factsRead')} (${step.facts.length})`),
                h('ul', {}, step.facts.map((fact) => h('li', {}, factText(fact)))),
              )
            : null,
        ),
      ),
    ),
  );
}

function factText(fact) {
  const { fact: kind, ...rest } = fact;
  const parts = Object.entries(rest).map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
  return parts.length > 0 ? `${kind}: ${parts.join(', ')}` : kind;
}

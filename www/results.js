// The results: what the person already does well, then one card per nudge (the report's order),
// the answers for the professional, and the About section's rule set and sources.
import { t, label, lang, monthYear, longDate } from './i18n.js';
import { ORGANS } from './questionnaire.js';

const $ = (sel, root = document) => root.querySelector(sel);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

/** The same day one year earlier, as YYYY-MM-DD (string dates compare in calendar order). */
function yearBefore(today) {
  return `${String(Number(today.slice(0, 4)) - 1).padStart(4, '0')}${today.slice(4)}`;
}

/** "Prévu depuis mars 2025 …" / "À prévoir en juin 2026." — by when, in words, relative to today. */
export function whenText(nudge, today) {
  if (!nudge.dueDate) return '';
  const when = monthYear(nudge.dueDate);
  switch (nudge.status) {
    // Due for more than a year (often: never screened since entering the programme, years ago):
    // "since May 1995" would only puzzle; the exact date stays in the card's data and in "why".
    case 'due':
      if (nudge.dueDate < yearBefore(today)) return t('when.now');
      return nudge.dueDate <= today ? t('when.since', { when }) : t('when.in', { when });
    case 'upcoming': return t('when.in', { when });
    case 'up-to-date': return t('when.next', { when });
    default: return nudge.dueDate <= today ? t('when.since', { when }) : t('when.in', { when });
  }
}

function why(nudge, ruleset) {
  const details = el('details', { class: 'why' }, el('summary', { text: t('card.why') }));
  const body = el('div', { class: 'why-body' });
  if (nudge.reasons?.length) {
    body.append(el('p', { class: 'why-label', text: t('why.reasons') }));
    body.append(el('ul', {}, ...nudge.reasons.map((r) => el('li', { text: r }))));
  }
  body.append(el('p', {}, el('span', { class: 'why-label', text: `${t('why.rule')} ` }), el('code', { text: nudge.rule })));
  if (nudge.sources?.length) {
    body.append(el('p', { class: 'why-label', text: t('why.sources') }));
    body.append(el('ul', { class: 'sources' }, ...nudge.sources.map(source)));
  }
  body.append(el('p', { class: 'ruleset-id', text: t('why.ruleset', ruleset) }));
  details.append(body);
  return details;
}

/**
 * The address of a source as a link, or null: only web addresses (https:, and http:, which some
 * official sources still use) become links; `javascript:`, `data:` and the rest stay plain text.
 */
export function linkTarget(url) {
  let parsed;
  try {
    parsed = new URL(String(url));
  } catch {
    return null;
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
}

function source(s) {
  const href = linkTarget(s.url);
  const name = href
    ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, s.label, el('span', { class: 'visually-hidden', text: ` ${t('newtab')}` }))
    : el('span', { class: 'source-name', text: s.label });
  return el('li', {}, name, el('span', { class: 'checked', text: ` (${t('why.checked', { date: longDate(s.checked) })})` }));
}

let cardId = 0;

function card(nudge, report, today, compact) {
  const id = `nudge-${++cardId}`;
  const article = el('article', {
    class: `nudge status-${nudge.status}${compact ? ' compact' : ''}`,
    'data-program': nudge.program, 'data-status': nudge.status, 'data-due-date': nudge.dueDate ?? '',
    'aria-labelledby': id,
  });
  if (compact) {
    const subject = label('program', nudge.program);
    const line = nudge.dueDate ? t('well.until', { subject, when: monthYear(nudge.dueDate) }) : t('well.done', { subject });
    article.append(el('h4', { id, class: 'nudge-title' }, el('span', { class: 'tick', 'aria-hidden': 'true', text: '✓' }), ` ${line}`));
    const more = why(nudge, report.ruleset);
    const body = more.querySelector('.why-body');
    body.prepend(
      el('p', { class: 'nudge-sub', text: nudge.title }),
      el('p', { class: 'message', text: nudge.message }),
      el('p', { class: 'action' }, el('strong', { text: `${t('card.action')} ` }), nudge.action),
    );
    article.append(more);
    article.append(el('p', { class: 'print-only print-line', text: `${t('status.up-to-date')} — ${whenText(nudge, today)} ${nudge.action}` }));
    return article;
  }
  article.append(el('h4', { id, class: 'nudge-title', text: nudge.title }));
  const meta = el('p', { class: 'nudge-meta' }, el('span', { class: 'status-badge', text: t(`status.${nudge.status}`) }));
  const when = whenText(nudge, today);
  if (when) meta.append(' ', el('span', { class: 'when', text: when }));
  article.append(meta);
  article.append(el('p', { class: 'message', text: nudge.message }));
  article.append(el('div', { class: 'action' }, el('p', { class: 'action-label', text: t('card.action') }), el('p', { text: nudge.action })));
  article.append(why(nudge, report.ruleset));
  return article;
}

/**
 * What the report warns about, in plain words: rules past their review-by date (and which dates
 * may be out of date), or a version that did not apply on the day. Always with what to do.
 */
function renderWarnings(warnings) {
  const box = $('#report-warnings');
  const lines = [];
  const review = warnings.find((w) => w.warning === 'review-overdue');
  if (review) {
    const reviewBy = longDate(review.reviewBy);
    lines.push(review.checked
      ? t('warning.review-overdue', { checked: longDate(review.checked), reviewBy })
      : t('warning.review-overdue.unchecked', { reviewBy }));
  }
  for (const kind of ['before-in-force', 'after-validity']) {
    if (warnings.some((w) => w.warning === kind)) lines.push(t(`warning.${kind}`));
  }
  for (const w of warnings.filter((x) => x.warning === 'directory-review-overdue')) {
    lines.push(t('warning.directory', { what: w.label || w.directory, reviewBy: longDate(w.reviewBy) }));
  }
  const nodes = lines.map((text) => el('p', { text }));
  const facts = warnings.filter((w) => w.warning === 'fact-review-overdue').map((w) => w.label || w.fact);
  if (facts.length) {
    nodes.push(el('p', { text: t('warning.facts') }), el('ul', {}, ...facts.map((f) => el('li', { text: f }))));
  }
  box.hidden = nodes.length === 0;
  if (nodes.length) nodes.push(el('p', { class: 'warning-action', text: t('warning.action') }));
  box.replaceChildren(...nodes);
}

/** Renders a report in #results. */
export function renderResults(report, answers, profile) {
  const today = report.asOf;
  const results = $('#results');
  results.dataset.asOf = report.asOf;
  $('#results-intro').textContent = t('results.intro', { date: longDate(report.asOf) });

  const well = report.nudges.filter((n) => n.status === 'up-to-date');
  const todo = report.nudges.filter((n) => n.status !== 'up-to-date');
  $('#well-list').replaceChildren(...well.map((n) => el('li', {}, card(n, report, today, true))));
  $('#well-none').hidden = well.length > 0;
  $('#well-none').textContent = t('results.well.none');
  $('#well-list').hidden = well.length === 0;

  $('#nudges').replaceChildren(...todo.map((n) => card(n, report, today, false)));
  $('#nudges-none').hidden = todo.length > 0;
  $('#nudges-none').textContent = report.nudges.length ? t('results.nothingElse') : t('results.none');

  renderWarnings(report.warnings ?? []);

  const errors = $('#report-errors');
  errors.hidden = !report.errors?.length;
  errors.textContent = report.errors?.length ? t('results.errors', { rules: report.errors.map((e) => e.rule).join(', ') }) : '';

  renderAnswers(profile);
  $('#results-ruleset').textContent = t('ruleset.line', { ...report.ruleset, date: longDate(report.asOf) });
}

const num = (n) => (lang() === 'fr' ? String(n).replace('.', ',') : String(n));

/** The person's key answers, for the professional (shown on screen and printed). */
function renderAnswers(p) {
  const rows = [];
  const unknown = t('sum.unknown');
  if (p.birthDate) rows.push([t('sum.birth'), longDate(p.birthDate)]);
  else rows.push([t('sum.age'), t('sum.ageValue', { age: p.age })]);
  rows.push([t('sum.sex'), label('sex', p.sex)]);
  if (p.organs) {
    rows.push([t('sum.organs'), ORGANS.filter((o) => o in p.organs)
      .map((o) => `${label('organ', o)} : ${p.organs[o] ? t('sum.present') : t('sum.absent')}`.replace(' : ', lang() === 'fr' ? ' : ' : ': ')).join(' ; ')]);
  }
  rows.push([t('sum.conditions'), p.conditions === undefined ? unknown
    : p.conditions.length ? p.conditions.map((c) => label('condition', c)).join(' ; ') : t('sum.nothing')]);
  if (p.smoking) {
    const parts = [label('smoking', p.smoking.status)];
    if (p.smoking.packYears !== undefined) parts.push(t('sum.packYears', { n: num(p.smoking.packYears) }));
    if (p.smoking.quitDate) parts.push(t('sum.quit', { when: monthYear(p.smoking.quitDate) }));
    rows.push([t('sum.smoking'), parts.join(', ')]);
  } else rows.push([t('sum.smoking'), unknown]);
  const body = [];
  if (p.heightCm !== undefined) body.push(t('sum.height', { n: num(p.heightCm) }));
  if (p.weightKg !== undefined) body.push(t('sum.weight', { n: num(p.weightKg) }));
  rows.push([t('sum.body'), body.length ? body.join(', ') : unknown]);
  if (p.departement) rows.push([t('sum.departement'), p.departement]);
  if (p.pregnant !== undefined) rows.push([t('sum.pregnant'), p.pregnant ? t('yes') : t('no')]);
  if (p.ancestry !== undefined) {
    rows.push([t('sum.ancestry'), p.ancestry.length ? p.ancestry.map((c) => label('ancestry', c)).join(' ; ') : t('sum.nothing')]);
  }
  const list = (items, none, fmt) => (items === undefined ? unknown : items.length ? items.map(fmt).join(' ; ') : none);
  rows.push([t('sum.family'), list(p.familyHistory, t('sum.nothing'), (r) =>
    [label('relation', r.relation), label('familyCondition', r.condition).toLowerCase(),
      r.ageAtDiagnosis !== undefined ? t('sum.atAge', { age: r.ageAtDiagnosis }) : null].filter(Boolean).join(', '))]);
  rows.push([t('sum.screenings'), list(p.screenings, t('sum.none'), (s) =>
    `${label('test', s.test)}, ${t('sum.on', { date: longDate(s.date) })} (${label('result', s.result ?? 'unknown').toLowerCase()})`)]);
  rows.push([t('sum.vaccinations'), list(p.vaccinations, t('sum.none'), (v) => `${label('vaccine', v.vaccine)}, ${t('sum.on', { date: longDate(v.date) })}`)]);
  $('#answers-list').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
}

/** The About section's rule set block: its id, the programs it covers and the sources it cites. */
export function renderAbout(ruleset, programs, sources) {
  $('#about-ruleset').replaceChildren(
    el('dt', { text: t('about.ruleset.id') }), el('dd', { text: ruleset.id }),
    el('dt', { text: t('about.ruleset.version') }), el('dd', { text: ruleset.version }),
    el('dt', { text: t('about.ruleset.digest') }), el('dd', {}, el('code', { class: 'digest', text: ruleset.digest })),
  );
  $('#about-programs').replaceChildren(...programs.flatMap((p) => [el('dt', { text: p.title }), el('dd', { text: p.description })]));
  $('#about-sources').replaceChildren(...sources.map(source));
}

// The results, for a phone first: a short summary (what to do first, at most three items), what the
// person already does well (a compact list, always visible), then one card per nudge, most
// consequential first, collapsed to its title and status (native <details>: no script, keyboard and
// screen readers know it); the answers for the professional; the About section's rule set and sources.
import { $, byId } from './dom.js';
import { t, label, lang, monthYear, longDate, givenDate } from './i18n.js';
import { ORGANS } from './questionnaire.js';


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

// Most consequential first (docs/contract.md §2): a referral, then what is due, then what comes soon.
const STATUS_RANK = { refer: 0, due: 1, upcoming: 2, info: 3, 'up-to-date': 4 };

/**
 * The order of programs when the rule set gives none (`vigie.questionnaire().priority`): cancer
 * screenings and the high-risk pathways first, then the other screenings, the vaccines, and the
 * support lines. A program not listed here comes after, in the report's order.
 */
export const FALLBACK_PRIORITY = [
  'breast-cancer-screening', 'brca-risk-assessment', 'colorectal-cancer-screening', 'cervical-cancer-screening',
  'lung-cancer-screening', 'aaa-screening', 'hypertension-screening', 'diabetes-screening', 'lipid-screening',
  'statin-prevention', 'osteoporosis-screening', 'hepatitis-c-screening', 'hiv-screening',
  'vaccine-influenza', 'vaccine-covid-19', 'vaccine-pneumococcal', 'vaccine-rsv', 'vaccine-shingles', 'vaccine-dtp',
  'vaccine-hpv', 'smoking-cessation', 'prevention-checkup',
];

/**
 * The program order a rule set declares, read from the package when it offers it: `priority` as a
 * list of program codes (first = most important; items may also be `{ program }`), or as an object
 * `{ program: rank }` (smaller rank first). Anything else, or no `questionnaire()`: null.
 */
export function programPriority(vigie, locale) {
  let declared;
  try {
    declared = typeof vigie?.questionnaire === 'function' ? vigie.questionnaire({ locale })?.priority : undefined;
  } catch {
    declared = undefined;
  }
  if (Array.isArray(declared)) {
    const list = declared.map((p) => (typeof p === 'string' ? p : p?.program)).filter((p) => typeof p === 'string');
    return list.length ? list : null;
  }
  if (declared && typeof declared === 'object') {
    const ranked = Object.entries(declared).filter(([, rank]) => Number.isFinite(rank));
    return ranked.length ? ranked.sort((a, b) => a[1] - b[1]).map(([program]) => program) : null;
  }
  return null;
}

/** The nudges most consequential first: status, then program priority, then the report's order. */
export function ordered(nudges, priority) {
  const order = priority?.length ? priority : FALLBACK_PRIORITY;
  const place = (program) => {
    const i = order.indexOf(program);
    return i === -1 ? order.length : i;
  };
  return nudges
    .map((nudge, index) => ({ nudge, index }))
    .sort((a, b) => (STATUS_RANK[a.nudge.status] ?? 5) - (STATUS_RANK[b.nudge.status] ?? 5)
      || place(a.nudge.program) - place(b.nudge.program) || a.index - b.index)
    .map(({ nudge }) => nudge);
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

/** What to do, in one line, for the summary: the page's own words, never text that needs the card. */
export function todoLine(nudge, today) {
  if (nudge.status === 'refer') return t('todo.refer');
  if (nudge.status === 'info') return t('todo.info');
  return whenText(nudge, today) || t(`status.${nudge.status}`);
}

/**
 * What must be printed of a card that is collapsed on screen (print hides closed <details>): the
 * action, and for a referral or information (whose action says "if this is your case") the message
 * it points to, so that the printout stands on its own.
 */
function printLines(nudge) {
  const lines = [];
  if (nudge.status === 'refer' || nudge.status === 'info') lines.push(el('span', { class: 'print-message', text: `${nudge.message} ` }));
  lines.push(el('strong', { text: `${t('card.action')} ` }), nudge.action);
  return el('p', { class: 'print-only print-line' }, ...lines);
}

function card(nudge, report, today, compact) {
  const id = `nudge-${++cardId}`;
  const article = el('article', {
    class: `nudge status-${nudge.status}${compact ? ' compact' : ''}`,
    part: `card card-${nudge.status}`,
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
    return article;
  }
  // Collapsed to its title and status: the summary holds a heading (allowed in <summary>) so that
  // the cards stay in the page's outline.
  const details = el('details', { class: 'card' });
  const head = el('summary', { class: 'card-head' }, el('h4', { id, class: 'nudge-title', text: nudge.title }));
  const meta = el('span', { class: 'nudge-meta' }, el('span', { class: 'status-badge', text: t(`status.${nudge.status}`) }));
  const when = whenText(nudge, today);
  if (when) meta.append(' ', el('span', { class: 'when', text: when }));
  head.append(meta);
  details.append(head);
  const body = el('div', { class: 'card-body' });
  body.append(el('p', { class: 'message', text: nudge.message }));
  body.append(el('div', { class: 'action' }, el('p', { class: 'action-label', text: t('card.action') }), el('p', { text: nudge.action })));
  body.append(why(nudge, report.ruleset));
  details.append(body);
  article.append(details, printLines(nudge));
  return article;
}

/** The summary: at most three things to do first, each a link to its card and one line. */
function renderSummary(todo, cards, today) {
  const box = $('#summary');
  const first = todo.slice(0, 3);
  box.hidden = first.length === 0;
  $('#summary-title').textContent = t('summary.title');
  $('#summary-list').replaceChildren(...first.map((nudge, i) => {
    const target = cards[i].querySelector('.nudge-title').id;
    const link = el('a', { href: `#${target}`, class: 'summary-link', 'data-card': target, text: nudge.title });
    return el('li', { class: `summary-item status-${nudge.status}`, 'data-program': nudge.program },
      link, el('span', { class: 'summary-line', text: todoLine(nudge, today) }));
  }));
  const more = todo.length - first.length;
  $('#summary-more').hidden = more <= 0;
  $('#summary-more').textContent = more > 0 ? t(more === 1 ? 'summary.more.one' : 'summary.more', { n: more }) : '';
}

/** A link from the summary opens its card and moves the focus there (works by keyboard too). */
export function openCard(id) {
  const title = byId(id);
  const details = title?.closest('details');
  if (!details) return;
  details.open = true;
  const summary = details.querySelector('summary');
  summary.focus();
  summary.scrollIntoView({ block: 'start' });
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

/**
 * The cards of a report on their own (for <vigie-nudges>): what asks for something, most
 * consequential first, collapsed; then, compact, what is up to date.
 */
export function reportCards(report, priority = null) {
  const sorted = ordered(report.nudges, priority);
  const todo = sorted.filter((n) => n.status !== 'up-to-date').map((n) => card(n, report, report.asOf, false));
  const well = sorted.filter((n) => n.status === 'up-to-date').map((n) => card(n, report, report.asOf, true));
  return { todo, well };
}

/** Renders a report in #results; `priority` is the rule set's program order, when it has one. */
export function renderResults(report, answers, profile, { priority = null } = {}) {
  const today = report.asOf;
  const results = $('#results');
  results.dataset.asOf = report.asOf;
  $('#results-intro').textContent = t('results.intro', { date: longDate(report.asOf) });

  const sorted = ordered(report.nudges, priority);
  const well = sorted.filter((n) => n.status === 'up-to-date');
  const todo = sorted.filter((n) => n.status !== 'up-to-date');
  $('#well-list').replaceChildren(...well.map((n) => el('li', {}, card(n, report, today, true))));
  $('#well-none').hidden = well.length > 0;
  $('#well-none').textContent = t('results.well.none');
  $('#well-list').hidden = well.length === 0;

  const cards = todo.map((n) => card(n, report, today, false));
  $('#nudges').replaceChildren(...cards);
  $('#nudges-none').hidden = todo.length > 0;
  $('#nudges-none').textContent = report.nudges.length ? t('results.nothingElse') : t('results.none');
  $('#nudges-hint').hidden = todo.length === 0;
  renderSummary(todo, cards, today);

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
  // `unknown` (docs/questions.md §4): a list that holds only what the person remembers, or codes
  // they said they do not know — printed as such, so that "not listed" never reads as "no".
  const notKnown = (field, fmt) => {
    const u = p.unknown?.[field];
    if (u === true) return ` (${t('sum.partial')})`;
    // A few are named; many (the codes a short path did not ask about) are counted, not listed.
    if (Array.isArray(u) && u.length > 3) return t('sum.notKnownMany', { n: u.length });
    if (Array.isArray(u) && u.length) return ` ; ${t('sum.notKnown', { what: u.map(fmt).join(', ') })}`;
    return '';
  };
  rows.push([t('sum.conditions'), (p.conditions === undefined ? unknown
    : p.conditions.length ? p.conditions.map((c) => label('condition', c)).join(' ; ') : t('sum.nothing'))
    + (p.conditions === undefined ? '' : notKnown('conditions', (c) => label('condition', c)))]);
  if (p.smoking) {
    const parts = [label('smoking', p.smoking.status)];
    if (p.smoking.packYears !== undefined) parts.push(t('sum.packYears', { n: num(p.smoking.packYears) }));
    if (p.smoking.quitDate) parts.push(t('sum.quit', { when: givenDate(p.smoking.quitDate, { day: false }) }));
    rows.push([t('sum.smoking'), parts.join(', ')]);
  } else rows.push([t('sum.smoking'), unknown]);
  const body = [];
  if (p.heightCm !== undefined) body.push(t('sum.height', { n: num(p.heightCm) }));
  if (p.weightKg !== undefined) body.push(t('sum.weight', { n: num(p.weightKg) }));
  rows.push([t('sum.body'), body.length ? body.join(', ') : unknown]);
  if (p.departement) rows.push([t('sum.departement'), p.departement]);
  if (p.pregnant !== undefined) rows.push([t('sum.pregnant'), p.pregnant ? t('yes') : t('no')]);
  if (p.ancestry !== undefined) {
    rows.push([t('sum.ancestry'), (p.ancestry.length ? p.ancestry.map((c) => label('ancestry', c)).join(' ; ') : t('sum.nothing'))
      + notKnown('ancestry', (c) => label('ancestry', c))]);
  }
  const list = (field, none, fmt, unknownFmt) => {
    const items = p[field];
    if (items === undefined) return unknown;
    return (items.length ? items.map(fmt).join(' ; ') : none) + notKnown(field, unknownFmt);
  };
  rows.push([t('sum.family'), list('familyHistory', t('sum.nothing'), (r) =>
    [label('relation', r.relation), label('familyCondition', r.condition).toLowerCase(),
      r.ageAtDiagnosis !== undefined ? t('sum.atAge', { age: r.ageAtDiagnosis }) : null].filter(Boolean).join(', '),
  (c) => label('familyCondition', c).toLowerCase())]);
  // Dates as the person gave them: "2022" stays "2022", never a guessed day.
  rows.push([t('sum.screenings'), list('screenings', t('sum.none'), (s) =>
    `${label('test', s.test)}, ${givenDate(s.date, { on: true })} (${label('result', s.result ?? 'unknown').toLowerCase()})`,
  (c) => label('test', c))]);
  rows.push([t('sum.vaccinations'), list('vaccinations', t('sum.none'), (v) => `${label('vaccine', v.vaccine)}, ${givenDate(v.date, { on: true })}`,
    (c) => label('vaccine', c))]);
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

// Problems shown beside their fields: the page's own parse problems and the engine's, found by their
// JSON path (`screenings[1].date`), in plain words, with a summary at the top of the step.
import { $, $$ } from './dom.js';
import { t, lang } from './i18n.js';
import { STEPS, stepOf } from './questionnaire.js';


/**
 * The answers whose range the engine checks, as the page asks them (by field name): an
 * `out-of-range` problem is worded with these. tests/e2e/problems.test.mjs checks they are the
 * engine's.
 */
export const RANGES = {
  age: { min: 0, max: 120, unit: 'years' },
  ageAtDiagnosis: { min: 0, max: 120, unit: 'years' },
  heightCm: { min: 40, max: 250, unit: 'cm' },
  weightKg: { min: 2, max: 400, unit: 'kg' },
  packYears: { min: 0, max: 200, unit: 'pack-years' },
};

/** Answers in whole numbers; the other numbers, with an example of one. */
const WHOLE_NUMBERS = ['age', 'ageAtDiagnosis'];
const NUMBER_EXAMPLES = { heightCm: '165', weightKg: '70', packYears: '20' };

/** The field a JSON path ends with: `screenings[1].date` → `date`, `age` → `age`. */
const fieldOf = (path) => path.split('.').pop().replace(/\[\d+\]$/, '');

/**
 * A problem in the page's words, as a translation key and its values: the page's own parse
 * problems carry their key; the engine's are worded from their `kind` and `path` (never from the
 * English `message`, shown only for a kind the page has no words for).
 */
export function plain(problem) {
  if (problem.key) return { key: problem.key, vars: problem.vars ?? {} };
  const { path, kind, message = '' } = problem;
  const field = fieldOf(path);
  switch (kind) {
    case 'not-a-date': return { key: 'err.dateNotExist' };
    case 'future-date': return { key: 'err.dateFuture' };
    case 'before-birth': return { key: 'err.beforeBirth' };
    case 'out-of-range': {
      if (path === 'birthDate') return { key: 'err.tooOld' };
      const range = RANGES[field];
      if (range) return { key: 'err.range', vars: { min: range.min, max: range.max, unit: t(`unit.${range.unit}`) } };
      break;
    }
    case 'wrong-type':
      if (WHOLE_NUMBERS.includes(field)) return { key: 'err.wholeNumber' };
      if (NUMBER_EXAMPLES[field]) return { key: 'err.number', vars: { example: NUMBER_EXAMPLES[field] } };
      break;
    case 'missing-field':
      if (path === 'birthDate') return { key: 'err.birthRequired' };
      if (path === 'sex') return { key: 'err.sexRequired' };
      if (field === 'date') return { key: 'err.dateRequired' };
      return { key: 'err.required' };
    case 'unknown-field': return { key: 'err.unknownField', vars: { path } };
    case 'unknown-code': return { key: path === 'departement' ? 'err.departement' : 'err.unknownCode' };
    case 'duplicate-entry': return { key: 'err.duplicateEntry' };
    default: break;
  }
  return { key: 'err.engine', vars: { message } };
}

// ------------------------------------------------------------------ fields

function single(input) {
  if (!input) return null;
  const lab = input.id ? $(`label[for="${input.id}"]`) : null;
  return { focus: input, invalid: [input], describe: [input], slot: [input.parentNode, input], labelEl: lab };
}

function group(fieldset, inputs = $$('input', fieldset)) {
  if (!fieldset) return null;
  const controls = $(':scope > .controls', fieldset);
  return {
    focus: inputs[0], invalid: inputs, describe: [fieldset, ...inputs.filter((i) => i.type !== 'radio' && i.type !== 'checkbox')],
    slot: [fieldset, controls], labelEl: $(':scope > legend', fieldset),
  };
}

const rowFields = {
  familyHistory: { relation: 'select[name="relation"]', condition: 'select[name="family-condition"]', ageAtDiagnosis: 'input[name="age-at-diagnosis"]' },
  screenings: { test: 'select[name="test"]', date: 'input[name="test-date"]', result: 'select[name="result"]' },
  vaccinations: { vaccine: 'select[name="vaccine"]', date: 'input[name="vaccine-date"]' },
};
const knownFieldset = { familyHistory: '#family-known-fieldset', screenings: '#screenings-known-fieldset', vaccinations: '#vaccinations-known-fieldset' };

/** The field a profile path points to, or null (the summary still lists it). */
export function resolve(path, rows = {}) {
  const m = path.match(/^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?/);
  if (!m) return null;
  const [, root, index, sub] = m;
  switch (root) {
    case 'birthDate': {
      const d = group($('#birth-fieldset'), ['#birth-day', '#birth-month', '#birth-year'].map((s) => $(s)));
      d.describe = [$('#birth-fieldset'), ...d.invalid];
      return d;
    }
    case 'age': return single($('#age'));
    case 'sex': return group($('#sex-fieldset'));
    case 'organs': {
      const organ = sub ?? (index === undefined ? 'cervix' : null);
      return group($(`#organ-${organ}-fieldset`) ?? $('#organ-cervix-fieldset'));
    }
    case 'smoking':
      if (sub === 'packYears') return single($('#pack-years'));
      if (sub === 'quitDate') {
        const d = group($('#quit-fieldset'), [$('#quit-month'), $('#quit-year')]);
        d.describe = [$('#quit-fieldset'), $('#quit-month'), $('#quit-year')];
        return d;
      }
      return group($('#smoking-fieldset'));
    case 'heightCm': return single($('#height'));
    case 'weightKg': return single($('#weight'));
    case 'departement': return single($('#departement'));
    case 'conditions': return group($('#conditions-known-fieldset'));
    case 'pregnant': return group($('#pregnant-fieldset'));
    case 'ancestry': return group($('#ancestry-fieldset'));
    case 'familyHistory': case 'screenings': case 'vaccinations': {
      const row = index === undefined ? null : rows[root]?.[Number(index)];
      if (!row) return group($(knownFieldset[root]));
      const sel = rowFields[root][sub] ?? Object.values(rowFields[root])[0];
      return single($(sel, row));
    }
    default: return null;
  }
}

// ------------------------------------------------------------------ showing them

let shown = { problems: [], rows: {}, step: null };

/** Removes every problem shown (never what was typed). */
export function clearErrors() {
  for (const node of $$('.field-error')) node.remove();
  for (const node of $$('[aria-invalid]')) node.removeAttribute('aria-invalid');
  for (const node of $$('[aria-describedby]')) {
    const ids = node.getAttribute('aria-describedby').split(/\s+/).filter((id) => id && !id.startsWith('err-'));
    if (ids.length) node.setAttribute('aria-describedby', ids.join(' '));
    else node.removeAttribute('aria-describedby');
  }
  $('#error-summary')?.remove();
  shown = { problems: [], rows: {}, step: null };
}

let errorId = 0;

/**
 * Shows problems beside their fields and a summary at the top of `step`; `go(step, field)` moves to a
 * field of another step. Returns the problems with their step, in step order.
 */
export function showErrors(problems, rows, step, go) {
  clearErrors();
  shown = { problems, rows, step, go };
  if (!problems.length) return [];
  const placed = new Map();
  const items = [];
  for (const problem of problems) {
    const target = problem.target instanceof Element ? single(problem.target) : resolve(problem.path, rows);
    const { key, vars } = plain(problem);
    const text = t(key, vars);
    const where = target?.focus ? stepOf(problem.path) : null;
    items.push({ problem, target, text, step: problem.target instanceof Element ? problem.target.closest('.step')?.dataset.step : (where ?? stepOf(problem.path)) });
    if (!target?.focus || !target.slot[0]) continue;
    let note = placed.get(target.focus);
    if (!note) {
      note = document.createElement('p');
      note.className = 'field-error';
      note.id = `err-${++errorId}`;
      const prefix = document.createElement('span');
      prefix.className = 'visually-hidden';
      prefix.textContent = `${t('err.prefix')} `;
      note.append(prefix);
      const [parent, before] = target.slot;
      parent.insertBefore(note, before && before.parentNode === parent ? before : null);
      placed.set(target.focus, note);
      for (const node of target.invalid) node.setAttribute('aria-invalid', 'true');
      for (const node of target.describe) {
        const ids = (node.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
        node.setAttribute('aria-describedby', [...ids, note.id].join(' '));
      }
      const wrapper = parent.closest('.field, .group');
      wrapper?.classList.add('has-error');
      if (target.focus.closest('details') && !target.focus.closest('details').open) target.focus.closest('details').open = true;
    }
    const span = document.createElement('span');
    span.textContent = note.childNodes.length > 1 ? ` ${text}` : text;
    note.append(span);
  }
  items.sort((a, b) => STEPS.indexOf(a.step) - STEPS.indexOf(b.step));
  summary(items, step, go);
  return items;
}

function summary(items, step, go) {
  const section = $(`.step[data-step="${step}"]`);
  if (!section) return;
  const box = document.createElement('div');
  box.id = 'error-summary';
  box.className = 'error-summary';
  box.setAttribute('role', 'alert');
  box.tabIndex = -1;
  const title = document.createElement('h3');
  title.textContent = items.length === 1 ? t('err.summary.title') : t('err.summary.title.many', { n: items.length });
  const list = document.createElement('ul');
  for (const item of items) {
    const li = document.createElement('li');
    let labelText = item.target?.labelEl?.textContent.trim().replace(/\s*\([^)]*\)$/, '');
    const row = item.target?.focus?.closest('.relative, .screening, .vaccination');
    if (row && labelText) labelText = `${row.querySelector('.row-title').textContent} — ${labelText}`;
    const sep = lang() === 'fr' ? ' : ' : ': ';
    const text = labelText ? `${labelText.replace(/\s*[:?]$/, '')}${sep}${item.text}` : item.text;
    const other = item.step !== step ? ` ${t('err.summary.other-step', { n: STEPS.indexOf(item.step) + 1, title: $(`.step[data-step="${item.step}"] h2`)?.textContent ?? '' })}` : '';
    if (item.target?.focus?.id) {
      const a = document.createElement('a');
      a.href = `#${item.target.focus.id}`;
      a.textContent = text + other;
      const field = item.target.focus;
      a.addEventListener('click', (event) => {
        event.preventDefault();
        go(item.step, field);
      });
      li.append(a);
    } else li.textContent = text + other;
    list.append(li);
  }
  box.append(title, list);
  section.querySelector('h2').after(box);
}

/** Shows the same problems again (after a language switch). */
export function refreshErrors() {
  if (!shown.problems.length) return;
  const { problems, rows, step, go } = shown;
  showErrors(problems.filter((p) => !(p.target instanceof Element) || p.target.isConnected), rows, step, go);
}

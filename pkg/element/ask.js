// One question of the rule set, drawn from its data (docs/questions.md): the words, the kind of answer,
// the options. The page never knows a question in advance; a new rule set brings its own.
// `renderQuestion` builds the form; the person's answer comes back through `onAnswer` in the shape of
// docs/questions.md §2, ready for `vigie.profileFromAnswers`.
import { el } from './dom.js';
import { words } from './flow-words.js';

let serial = 0;

/**
 * Reads what a person wrote for a date that may be approximate: `2022`, `06/2022` (or `6/2022`),
 * a full date in the locale's order (`dmy`: 15/06/2022, `mdy`: 06/15/2022), or ISO forms.
 * Returns `{ value }` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) or `{ error }` (a words key).
 */
export function readWhen(text, order = 'dmy', today = new Date()) {
  const s = String(text ?? '').trim().replace(/[.\-\s]+/g, '/');
  if (!s) return { error: 'err.when.empty' };
  const parts = s.split('/').filter(Boolean);
  if (!parts.every((p) => /^\d+$/.test(p))) return { error: 'err.when.digits' };
  let year; let month; let day;
  if (parts.length === 1) [year] = parts;
  else if (parts.length === 2) {
    [month, year] = parts[0].length === 4 ? [parts[1], parts[0]] : parts;
  } else if (parts.length === 3) {
    if (parts[0].length === 4) [year, month, day] = parts;
    else if (order === 'mdy') [month, day, year] = parts;
    else [day, month, year] = parts;
  } else return { error: 'err.when.form' };
  if (year.length !== 4) return { error: 'err.when.year' };
  const y = Number(year);
  const m = month === undefined ? undefined : Number(month);
  const d = day === undefined ? undefined : Number(day);
  if (m !== undefined && (m < 1 || m > 12)) return { error: 'err.when.month' };
  if (d !== undefined) {
    const probe = new Date(Date.UTC(y, m - 1, d));
    if (probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return { error: 'err.when.notADay' };
  }
  const now = { y: today.getFullYear(), m: today.getMonth() + 1, d: today.getDate() };
  const later = y > now.y || (y === now.y && m !== undefined && (m > now.m || (m === now.m && d !== undefined && d > now.d)));
  if (later) return { error: 'err.when.future' };
  const pad = (n) => String(n).padStart(2, '0');
  if (m === undefined) return { value: year };
  if (d === undefined) return { value: `${year}-${pad(m)}` };
  return { value: `${year}-${pad(m)}-${pad(d)}` };
}

/** Reads a whole or decimal number written with a comma or a point; `null` when it is not one. */
export function readNumber(text) {
  const s = String(text ?? '').trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** A birth date written in the locale's order, exact: `YYYY-MM-DD` or an error key. */
function readBirth(text, order, today) {
  const read = readWhen(text, order, today);
  if (read.error) return read;
  if (read.value.length !== 10) return { error: 'err.birth.exact' };
  return read;
}

/**
 * Builds the form of `question` (an entry of the engine's `questions`, or of `questionnaire()`).
 * `previous`: the answer given before, shown again when the person comes back to change it.
 * `onAnswer(answer, detailAnswers)` is called with a docs/questions.md §2 answer; `locale` and `order` say
 * how dates read. `details` (a group's option value → its detail question of kind `date`) lets the
 * person say when beside each option ticked, in the same tap-saving step; those answers come back as
 * `detailAnswers` (`{ "<detail id>": "2022" }`), `detailAnswers` given in the same shape to show them again.
 */
export function renderQuestion(question, {
  onAnswer, previous, locale = 'fr', order = 'dmy', today = new Date(), details = new Map(), detailAnswers = {},
}) {
  const w = words(locale);
  const id = `q${++serial}`;
  const form = el('form', { class: 'ask', 'data-question': question.id, 'data-kind': question.kind, novalidate: true, 'aria-labelledby': `${id}-text` });
  const title = el('h2', { id: `${id}-text`, class: 'ask-text', tabindex: '-1', text: question.text });
  form.append(title);
  if (question.why) form.append(el('p', { class: 'ask-why', id: `${id}-why`, text: question.why }));
  const error = el('p', { class: 'ask-error', id: `${id}-error`, role: 'alert', hidden: true });
  const describedBy = [question.why ? `${id}-why` : null, `${id}-error`].filter(Boolean).join(' ');
  const fail = (key, vars) => {
    error.textContent = typeof key === 'string' && key.startsWith('err.') ? w.t(key, vars) : key;
    error.hidden = false;
    const field = form.querySelector('input, select');
    if (field) { field.setAttribute('aria-invalid', 'true'); field.focus(); }
  };
  form.showProblem = (message) => fail(message);

  const answerButton = (value, label, extra = {}) => {
    const button = el('button', { type: 'button', class: 'answer', 'data-answer': typeof value === 'string' ? value : 'value', text: label, ...extra });
    button.addEventListener('click', () => onAnswer(value));
    if (previous !== undefined && JSON.stringify(previous) === JSON.stringify(value)) button.setAttribute('aria-pressed', 'true');
    return button;
  };
  const unknownButton = () => answerButton('unknown', w.t('unknown'), { class: 'answer secondary' });
  const submit = (label = w.t('ok')) => el('button', { type: 'submit', class: 'answer primary', 'data-answer': 'submit', text: label });
  const row = (...children) => el('div', { class: 'ask-answers' }, ...children);
  const input = (name, attrs = {}) => el('input', {
    id: `${id}-${name}`, name, type: 'text', autocomplete: 'off', 'aria-describedby': describedBy, ...attrs,
  });
  const labelled = (name, text, control, hint) => el('div', { class: 'field' },
    el('label', { for: `${id}-${name}`, text }),
    hint ? el('p', { class: 'hint', id: `${id}-${name}-hint`, text: hint }) : null,
    control);

  switch (question.kind) {
    case 'yes-no':
      form.append(row(answerButton('yes', w.t('yes')), answerButton('no', w.t('no')), unknownButton()));
      form.addEventListener('submit', (e) => e.preventDefault());
      break;
    case 'choice': {
      const options = question.options ?? [];
      if (options.length && options.length <= 6) {
        form.append(row(...options.map((o) => answerButton(o.value, o.text)), unknownButton()));
        form.addEventListener('submit', (e) => e.preventDefault());
      } else {
        // A long list (or any code, as for a département) is typed or chosen from a list.
        const field = options.length
          ? el('select', { id: `${id}-value`, name: 'value', 'aria-describedby': describedBy },
            el('option', { value: '', text: w.t('choose') }), ...options.map((o) => el('option', { value: o.value, text: o.text })))
          : input('value', { class: 'w-4', spellcheck: 'false', maxlength: '3' });
        if (typeof previous === 'string' && previous !== 'unknown') field.value = previous;
        form.append(labelled('value', w.t('answer'), field), row(submit(), unknownButton()));
        form.addEventListener('submit', (e) => {
          e.preventDefault();
          const value = field.value.trim();
          if (!value) return fail('err.choose');
          // Codes typed by hand (a département: "2a") are written as the engine spells them.
          onAnswer(options.length ? value : value.toUpperCase());
        });
      }
      break;
    }
    case 'several': {
      // Only the options that can still change a nudge (the engine's `matters`); the answer says
      // which were offered, so that "none of these" speaks for those alone.
      const all = question.options ?? [];
      const shown = all.filter((o) => o.matters !== false);
      const offered = shown.length < all.length ? { offered: shown.map((o) => o.value) } : {};
      const whens = new Map();
      const boxes = shown.map((o, i) => {
        const box = el('input', { type: 'checkbox', id: `${id}-o${i}`, value: o.value });
        if (previous?.chosen?.includes(o.value)) box.checked = true;
        const item = el('div', { class: 'choice check' }, box, el('label', { for: `${id}-o${i}`, text: o.text }));
        const detail = details.get(o.value);
        if (detail?.kind !== 'date') return item;
        // When, beside the option (optional): the detail question need not be asked on its own.
        const when = el('input', {
          id: `${id}-w${i}`, name: `when-${o.value}`, type: 'text', class: 'w-10', inputmode: 'numeric', autocomplete: 'off',
          'aria-describedby': `${id}-w${i}-hint`,
        });
        const known = detailAnswers[detail.id];
        if (typeof known === 'string' && /^\d{4}/.test(known)) when.value = shownWhen(known, order);
        const field = el('div', { class: 'field when' },
          el('label', { for: `${id}-w${i}`, text: w.t('several.when', { option: o.text }) }),
          el('p', { class: 'hint', id: `${id}-w${i}-hint`, text: w.t('several.when.hint') }), when);
        // A date written says the test (or vaccine) was done: its box ticks itself.
        when.addEventListener('input', () => { if (when.value.trim()) box.checked = true; });
        whens.set(o.value, { detail, when });
        return el('div', { class: 'option-with-when' }, item, field);
      });
      const group = el('fieldset', { class: 'group', 'aria-describedby': describedBy },
        el('legend', { class: 'visually-hidden', text: question.text }), ...boxes);
      const chosen = () => [...group.querySelectorAll('input[type="checkbox"]:checked')].map((b) => b.value);
      /** The dates written beside the options ticked, or null after showing what to correct. */
      const dates = () => {
        const out = {};
        for (const value of chosen()) {
          const entry = whens.get(value);
          if (!entry || !entry.when.value.trim()) continue;
          const read = readWhen(entry.when.value, order, today);
          if (read.error) {
            error.textContent = w.t(read.error);
            error.hidden = false;
            entry.when.setAttribute('aria-invalid', 'true');
            entry.when.focus();
            return null;
          }
          out[entry.detail.id] = read.value;
        }
        return out;
      };
      const done = el('button', { type: 'submit', class: 'answer primary', 'data-answer': 'all', text: w.t('several.all') });
      const some = el('button', { type: 'button', class: 'answer secondary', 'data-answer': 'remembered', text: w.t('several.remembered') });
      const none = answerButton({ chosen: [], complete: true, ...offered }, w.t('several.none'), { 'data-answer': 'none' });
      some.addEventListener('click', () => {
        const given = dates();
        if (given) onAnswer({ chosen: chosen(), complete: false, ...offered }, given);
      });
      form.append(group, row(done, some), row(none, unknownButton()));
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const given = dates();
        if (given) onAnswer({ chosen: chosen(), complete: true, ...offered }, given);
      });
      break;
    }
    case 'date': {
      const field = input('when', { class: 'w-10', inputmode: 'numeric', 'aria-describedby': `${id}-when-hint ${describedBy}` });
      const shown = typeof previous === 'string' ? previous : previous?.date;
      if (shown && /^\d{4}/.test(shown)) field.value = shownWhen(shown, order);
      form.append(labelled('when', w.t('when.label'), field, w.t(order === 'mdy' ? 'when.hint.mdy' : 'when.hint')),
        row(submit(), answerButton('never', w.t('never'))), row(unknownButton()));
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const read = readWhen(field.value, order, today);
        if (read.error) return fail(read.error);
        onAnswer(read.value);
      });
      break;
    }
    case 'number': {
      const field = input('number', { class: 'w-4', inputmode: 'decimal' });
      if (typeof previous === 'number') field.value = String(previous);
      const unit = question.unit ? ` (${question.unit})` : '';
      form.append(labelled('number', `${w.t('number.label')}${unit}`, field), row(submit(), unknownButton()));
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const n = readNumber(field.value);
        if (n === null) return fail('err.number');
        if ((question.min !== undefined && n < question.min) || (question.max !== undefined && n > question.max)) {
          return fail('err.range', { min: question.min, max: question.max });
        }
        onAnswer(n);
      });
      break;
    }
    case 'measures': {
      const height = input('height', { class: 'w-4', inputmode: 'numeric' });
      const weight = input('weight', { class: 'w-4', inputmode: 'decimal' });
      if (previous?.heightCm) height.value = String(previous.heightCm);
      if (previous?.weightKg) weight.value = String(previous.weightKg);
      form.append(labelled('height', w.t('measures.height'), height), labelled('weight', w.t('measures.weight'), weight),
        row(submit(), unknownButton()));
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const h = readNumber(height.value); const kg = readNumber(weight.value);
        if (h === null || h < 50 || h > 250) return fail('err.height');
        if (kg === null || kg < 20 || kg > 350) return fail('err.weight');
        onAnswer({ heightCm: h, weightKg: kg });
      });
      break;
    }
    case 'relatives': {
      const list = el('fieldset', { class: 'group relatives', hidden: true },
        el('legend', { text: w.t('relatives.who') }));
      (question.options ?? []).forEach((o, i) => {
        const box = el('input', { type: 'checkbox', id: `${id}-r${i}`, value: o.value });
        const age = el('input', { type: 'text', inputmode: 'numeric', class: 'w-3', id: `${id}-a${i}`, maxlength: '3', 'aria-describedby': `${id}-age-hint` });
        const known = Array.isArray(previous) ? previous.find((r) => r.relation === o.value) : undefined;
        if (known) { box.checked = true; if (known.ageAtDiagnosis !== undefined) age.value = String(known.ageAtDiagnosis); }
        list.append(el('div', { class: 'relative-row' },
          el('div', { class: 'choice check' }, box, el('label', { for: `${id}-r${i}`, text: o.text })),
          el('div', { class: 'field age' }, el('label', { for: `${id}-a${i}`, text: w.t('relatives.age') }), age)));
      });
      list.append(el('p', { class: 'hint', id: `${id}-age-hint`, text: w.t('relatives.age.hint') }));
      const confirm = el('button', { type: 'submit', class: 'answer primary', 'data-answer': 'submit', hidden: true, text: w.t('ok') });
      if ((question.options ?? []).length <= 6) {
        // A short list is shown at once: tick who, then confirm; or "No" / "I don't know".
        list.hidden = false;
        confirm.hidden = false;
        form.append(list, row(confirm), row(answerButton('none', w.t('no')), unknownButton()));
      } else {
        const yes = el('button', { type: 'button', class: 'answer', 'data-answer': 'yes', 'aria-expanded': 'false', text: w.t('yes') });
        yes.addEventListener('click', () => {
          list.hidden = false; confirm.hidden = false; yes.setAttribute('aria-expanded', 'true');
          list.querySelector('input')?.focus();
        });
        if (Array.isArray(previous) && previous.length) { list.hidden = false; confirm.hidden = false; yes.setAttribute('aria-expanded', 'true'); }
        form.append(row(yes, answerButton('none', w.t('no')), unknownButton()), list, row(confirm));
      }
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const relatives = [];
        for (const rowEl of list.querySelectorAll('.relative-row')) {
          const [box, age] = rowEl.querySelectorAll('input');
          if (!box.checked) continue;
          const entry = { relation: box.value };
          if (age.value.trim()) {
            const n = readNumber(age.value);
            if (n === null || !Number.isInteger(n) || n > 120) return fail('err.age');
            entry.ageAtDiagnosis = n;
          }
          relatives.push(entry);
        }
        if (!relatives.length) return fail('err.relatives.none');
        onAnswer(relatives);
      });
      break;
    }
    case 'birth': {
      const field = input('birth', { class: 'w-10', inputmode: 'numeric', autocomplete: 'bday' });
      const age = input('age', { class: 'w-3', inputmode: 'numeric', maxlength: '3' });
      if (previous?.birthDate) field.value = shownWhen(previous.birthDate, order);
      if (previous?.age !== undefined) age.value = String(previous.age);
      form.append(labelled('birth', w.t('birth.label'), field, w.t(order === 'mdy' ? 'birth.hint.mdy' : 'birth.hint')),
        labelled('age', w.t('birth.age'), age, w.t('birth.age.hint')), row(submit()));
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        if (field.value.trim()) {
          const read = readBirth(field.value, order, today);
          if (read.error) return fail(read.error);
          return onAnswer({ birthDate: read.value });
        }
        const n = readNumber(age.value);
        if (n === null || !Number.isInteger(n) || n > 120) return fail('err.birth.required');
        return onAnswer({ age: n });
      });
      break;
    }
    default:
      // A kind this page does not know yet: say so, and let the person go on.
      form.append(el('p', { text: w.t('kind.unknown') }), row(unknownButton()));
  }
  return form;
}

/** How a date the person gave is shown back to them: as precise as they gave it, never more. */
export function shownWhen(iso, order = 'dmy') {
  const [y, m, d] = iso.split('-');
  if (!m) return y;
  if (!d) return `${m}/${y}`;
  return order === 'mdy' ? `${m}/${d}/${y}` : `${d}/${m}/${y}`;
}

// The questionnaire: the controls built from code lists, the rows (relatives, tests, vaccines), the
// raw answers (what was typed, kept as is) and the profile built from them (docs/contract.md §1).
import { $, $$ } from './dom.js';
import { t, label } from './i18n.js';
import { asks, DEFAULT } from './jurisdiction.js';

export const STEPS = ['birth', 'sex', 'health', 'smoking', 'body', 'family', 'screenings', 'vaccinations'];

export const ORGANS = ['cervix', 'breasts', 'prostate', 'uterus', 'ovaries'];
export const CONDITION_GROUPS = {
  breast: ['breast-cancer', 'ductal-carcinoma-in-situ', 'atypical-breast-hyperplasia', 'lobular-carcinoma-in-situ', 'chest-radiotherapy', 'breast-symptoms'],
  bowel: ['colorectal-cancer', 'colorectal-adenoma', 'inflammatory-bowel-disease', 'familial-adenomatous-polyposis', 'digestive-symptoms'],
  cervix: ['cervical-cancer', 'hysterectomy-total', 'never-sexually-active'],
  genes: ['brca1', 'brca2', 'lynch-syndrome'],
  other: ['diabetes', 'hypertension'],
};
// Conditions only the United States rules read (USPSTF): asked there, kept but not asked in France.
export const CONDITION_GROUPS_US = {
  cervix: ['high-grade-cervical-lesion', 'des-exposure-in-utero', 'ovarian-cancer', 'fallopian-tube-cancer', 'peritoneal-cancer'],
  other: ['prediabetes', 'dyslipidaemia', 'cardiovascular-disease', 'aortic-aneurysm', 'osteoporosis', 'osteoporosis-risk',
    'hepatitis-c', 'hiv', 'immunocompromised', 'lung-cancer'],
};
export const ANCESTRY = ['asian', 'black', 'ashkenazi-jewish'];
export const ALL_CONDITIONS = ['breast-cancer', 'ductal-carcinoma-in-situ', 'lobular-carcinoma-in-situ',
  'atypical-breast-hyperplasia', 'chest-radiotherapy', 'breast-symptoms', 'ovarian-cancer', 'colorectal-cancer',
  'colorectal-adenoma', 'inflammatory-bowel-disease', 'familial-adenomatous-polyposis', 'digestive-symptoms',
  'lynch-syndrome', 'brca1', 'brca2', 'cervical-cancer', 'hysterectomy-total', 'hysterectomy-subtotal',
  'never-sexually-active', 'diabetes', 'prediabetes', 'gestational-diabetes', 'hypertension', 'dyslipidaemia',
  'chronic-respiratory-disease', 'chronic-heart-disease', 'chronic-kidney-disease', 'immunocompromised',
  'aortic-aneurysm', 'lung-cancer', 'high-grade-cervical-lesion', 'des-exposure-in-utero', 'osteoporosis-risk',
  'osteoporosis', 'fallopian-tube-cancer', 'peritoneal-cancer', 'cardiovascular-disease', 'hepatitis-c', 'hiv'];
export const RELATIONS = ['mother', 'father', 'sister', 'brother', 'daughter', 'son', 'maternal-grandmother',
  'maternal-grandfather', 'paternal-grandmother', 'paternal-grandfather', 'maternal-aunt', 'maternal-uncle',
  'paternal-aunt', 'paternal-uncle', 'niece', 'nephew', 'maternal-female-cousin', 'maternal-male-cousin',
  'paternal-female-cousin', 'paternal-male-cousin'];
export const FAMILY_CONDITIONS = ['breast-cancer', 'ovarian-cancer', 'colorectal-cancer', 'brca1', 'brca2', 'lynch-syndrome',
  'fallopian-tube-cancer', 'peritoneal-cancer', 'familial-adenomatous-polyposis', 'aortic-aneurysm'];
// Relatives' conditions, tests and vaccines each rule set reads; the others stay in the lists (an
// imported or remembered answer keeps its value) but are not offered.
const OFFERED = {
  fr: {
    familyCondition: ['breast-cancer', 'ovarian-cancer', 'colorectal-cancer', 'brca1', 'brca2', 'lynch-syndrome'],
    test: ['mammography', 'fit', 'colonoscopy', 'cervical-cytology', 'hpv-test', 'breast-mri', 'breast-ultrasound', 'prevention-checkup', 'fasting-glucose', 'lipid-panel', 'aaa-ultrasound', 'low-dose-ct'],
  },
  us: {
    familyCondition: ['breast-cancer', 'ovarian-cancer', 'fallopian-tube-cancer', 'peritoneal-cancer', 'colorectal-cancer', 'brca1', 'brca2', 'lynch-syndrome', 'familial-adenomatous-polyposis'],
    test: ['mammography', 'fit', 'gfobt', 'stool-dna-fit', 'colonoscopy', 'ct-colonography', 'flexible-sigmoidoscopy', 'cervical-cytology', 'hpv-test', 'low-dose-ct', 'aaa-ultrasound', 'blood-pressure', 'fasting-glucose', 'hba1c', 'oral-glucose-tolerance', 'bone-density', 'hepatitis-c-test', 'hiv-test'],
  },
};
let rules = DEFAULT;
// Every test a rule of the French rule set reads, so that no nudge stays "to do" for want of a way to record it.
export const TESTS = ['mammography', 'fit', 'colonoscopy', 'cervical-cytology', 'hpv-test', 'breast-mri', 'breast-ultrasound', 'prevention-checkup', 'fasting-glucose', 'lipid-panel', 'aaa-ultrasound', 'low-dose-ct',
  'gfobt', 'stool-dna-fit', 'ct-colonography', 'flexible-sigmoidoscopy', 'blood-pressure', 'hba1c', 'oral-glucose-tolerance', 'bone-density', 'hepatitis-c-test', 'hiv-test'];
export const RESULTS = ['normal', 'abnormal', 'unknown'];
export const VACCINES = ['dtp', 'dtp-pertussis', 'influenza', 'covid-19', 'pneumococcal', 'shingles', 'hpv', 'rsv'];

let uid = 0;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

/** A radio or checkbox with its label, in a large clickable box. */
function choice(type, name, value, id, textKey) {
  const input = el('input', { type, name, value, id });
  const lab = el('label', { for: id });
  lab.dataset.label = textKey;
  return el('div', { class: 'choice' }, input, lab);
}

// ------------------------------------------------------------------ building the controls

/** Builds the controls that come from code lists (organs, conditions). */
export function buildControls() {
  const organs = $('#organ-groups');
  for (const organ of ORGANS) {
    const fs = el('fieldset', { class: 'group organ', id: `organ-${organ}-fieldset` });
    const legend = el('legend');
    legend.dataset.label = `organ:${organ}`;
    fs.append(legend);
    const box = el('div', { class: 'choices controls inline' });
    for (const v of ['yes', 'no', 'unknown']) box.append(choice('radio', `organ-${organ}`, v, `organ-${organ}-${v}`, `word:${v}`));
    box.querySelector('input[value="unknown"]').checked = true;
    fs.append(box);
    organs.append(fs);
  }
  for (const [group, list] of Object.entries(CONDITION_GROUPS)) {
    const box = $(`[data-conditions="${group}"]`);
    for (const code of list) box.append(choice('checkbox', 'condition', code, `condition-${code}`, `condition:${code}`));
  }
  for (const [group, list] of Object.entries(CONDITION_GROUPS_US)) {
    const box = $(`[data-conditions="${group}"]`);
    for (const code of list) {
      const c = choice('checkbox', 'condition', code, `condition-${code}`, `condition:${code}`);
      c.dataset.rules = 'us';
      box.append(c);
    }
  }
  const ancestry = $('[data-ancestry]');
  for (const code of ANCESTRY) ancestry.append(choice('checkbox', 'ancestry', code, `ancestry-${code}`, `ancestry:${code}`));
}

/**
 * Asks what the rules of `code` read: shows its own questions and offers its own tests and
 * relatives' conditions. Every answer is kept as it is, shown or not; one not asked is left out of
 * the profile (see buildProfile).
 */
export function useRules(code) {
  rules = code;
  for (const part of $$('[data-asks]')) part.hidden = !asks(code, part.dataset.asks);
  for (const c of $$('[data-rules]')) {
    const ticked = $('input', c)?.checked;
    c.hidden = c.dataset.rules !== code && !ticked;
  }
  offerOptions();
}

/** Shows in each select the options the rules read, and whatever option is chosen already. */
function offerOptions(root) {
  for (const [name, list] of [['family-condition', 'familyCondition'], ['test', 'test']]) {
    const offered = OFFERED[rules][list];
    for (const s of $$(`select[name="${name}"]`, root)) {
      for (const o of s.options) o.hidden = o.value !== '' && !offered.includes(o.value) && o.value !== s.value;
    }
  }
}

/** Adds a checkbox for a condition the page does not list (from an imported file). */
function ensureCondition(code) {
  if ($(`input[name="condition"][value="${CSS.escape(code)}"]`)) return;
  $('[data-conditions="other"]').append(choice('checkbox', 'condition', code, `condition-${code}`, `condition:${code}`));
}

function select(name, id, list, codeList, { placeholder = true, value } = {}) {
  const s = el('select', { name, id });
  if (placeholder) {
    const o = el('option', { value: '' });
    o.dataset.label = 'word:choose';
    s.append(o);
  }
  for (const code of list) {
    const o = el('option', { value: code });
    o.dataset.label = `${codeList}:${code}`;
    s.append(o);
  }
  if (value !== undefined && value !== '') setSelect(s, value, codeList);
  return s;
}

/** Sets a select to `value`, adding the option if the page does not list it (imported files). */
function setSelect(s, value, codeList) {
  if (value === '' || value === undefined || value === null) { s.value = ''; return; }
  if (![...s.options].some((o) => o.value === value)) {
    const o = el('option', { value });
    o.dataset.label = `${codeList}:${value}`;
    o.textContent = label(codeList, value);
    s.append(o);
  }
  s.value = value;
}

function field(labelKey, control, hintKey) {
  const lab = el('label', { for: control.id });
  lab.dataset.label = labelKey;
  const wrap = el('div', { class: 'field' }, lab);
  if (hintKey) {
    const hint = el('p', { class: 'hint', id: `${control.id}-hint` });
    hint.dataset.label = hintKey;
    control.setAttribute('aria-describedby', hint.id);
    wrap.append(hint);
  }
  wrap.append(control);
  return wrap;
}

function row(kind, titleKey, fields, removeKey) {
  const n = ++uid;
  const title = el('h3', { class: 'row-title', id: `${kind}-${n}-title` });
  title.dataset.rowTitle = titleKey;
  const remove = el('button', { type: 'button', class: 'link-button remove' });
  remove.dataset.label = `key:${removeKey}`;
  remove.dataset.remove = '';
  const div = el('div', { class: kind, role: 'group', 'aria-labelledby': title.id }, title, ...fields(n), remove);
  return div;
}

/** Appends a relative row; returns it. */
export function addRelative(values = {}) {
  const r = row('relative', 'relative.title', (n) => [
    field('key:relative.relation', select('relation', `relative-${n}-relation`, RELATIONS, 'relation', { value: values.relation })),
    field('key:relative.condition', select('family-condition', `relative-${n}-condition`, FAMILY_CONDITIONS, 'familyCondition', { value: values.condition })),
    field('key:relative.age', el('input', { name: 'age-at-diagnosis', id: `relative-${n}-age`, type: 'text', inputmode: 'numeric', maxlength: '3', class: 'w-3', value: values.age ?? '' }), 'key:relative.age.hint'),
  ], 'relative.remove');
  $('#relatives').append(r);
  offerOptions(r);
  return r;
}

/** Appends a test row; returns it. */
export function addScreening(values = {}) {
  const r = row('screening', 'screening.title', (n) => {
    const date = el('input', { name: 'test-date', id: `screening-${n}-date`, type: 'date', class: 'w-date', max: todayIso() });
    setDate(date, values.date);
    return [
      field('key:screening.test', select('test', `screening-${n}-test`, TESTS, 'test', { placeholder: false, value: values.test })),
      field('key:screening.date', date, 'key:screening.date.hint'),
      field('key:screening.result', select('result', `screening-${n}-result`, RESULTS, 'result', { placeholder: false, value: values.result || 'unknown' })),
    ];
  }, 'screening.remove');
  $('#screenings').append(r);
  offerOptions(r);
  return r;
}

/** Appends a vaccine row; returns it. */
export function addVaccination(values = {}) {
  const r = row('vaccination', 'vaccination.title', (n) => {
    const date = el('input', { name: 'vaccine-date', id: `vaccination-${n}-date`, type: 'date', class: 'w-date', max: todayIso() });
    setDate(date, values.date);
    return [
      field('key:vaccination.vaccine', select('vaccine', `vaccination-${n}-vaccine`, VACCINES, 'vaccine', { placeholder: false, value: values.vaccine })),
      field('key:vaccination.date', date, 'key:vaccination.date.hint'),
    ];
  }, 'vaccination.remove');
  $('#vaccinations').append(r);
  return r;
}

/** Sets a date input; a value it cannot hold (not a date) is remembered to be reported, not lost. */
function setDate(input, value) {
  delete input.dataset.invalidValue;
  input.value = value ?? '';
  if (value && input.value !== value) input.dataset.invalidValue = String(value);
}

/** Writes the labels of generated controls in the current language. */
export function labelControls(root) {
  for (const node of $$('[data-label]', root)) {
    const [kind, code] = node.dataset.label.split(/:(.*)/s);
    let text;
    if (kind === 'word') text = t(code === 'choose' ? 'choose' : code);
    else if (kind === 'key') text = t(code);
    else text = label(kind, code);
    node.textContent = text;
  }
  for (const kind of ['relative', 'screening', 'vaccination']) {
    $$(`.${kind}`, root === document ? document : root).forEach((r, i) => {
      const title = $('[data-row-title]', r);
      title.textContent = t(title.dataset.rowTitle, { n: i + 1 });
    });
  }
}

// ------------------------------------------------------------------ raw answers

const radio = (name) => $(`input[name="${name}"]:checked`)?.value ?? '';
const setRadio = (name, value) => {
  for (const r of $$(`input[name="${name}"]`)) r.checked = r.value === value;
};
const val = (sel) => $(sel).value;

/** Everything typed or chosen, as is (saved on the device when asked). */
export function readAnswers() {
  return {
    birthDay: val('#birth-day'), birthMonth: val('#birth-month'), birthYear: val('#birth-year'),
    birthUnknown: $('#birth-unknown').checked, age: val('#age'),
    sex: radio('sex'),
    organs: Object.fromEntries(ORGANS.map((o) => [o, radio(`organ-${o}`) || 'unknown'])),
    conditions: $$('input[name="condition"]:checked').map((c) => c.value),
    conditionsKnown: radio('conditions-known'),
    pregnant: radio('pregnant'),
    ancestry: $$('input[name="ancestry"]:checked').map((c) => c.value),
    ancestryNone: $('#ancestry-none').checked,
    smoking: radio('smoking'), packYears: val('#pack-years'), quitMonth: val('#quit-month'), quitYear: val('#quit-year'),
    height: val('#height'), weight: val('#weight'), departement: val('#departement'),
    familyKnown: radio('family-known'),
    relatives: $$('.relative').map((r) => ({
      relation: $('select[name="relation"]', r).value,
      condition: $('select[name="family-condition"]', r).value,
      age: $('input[name="age-at-diagnosis"]', r).value,
    })),
    screeningsKnown: radio('screenings-known'),
    screenings: $$('.screening').map((r) => ({
      test: $('select[name="test"]', r).value,
      date: $('input[name="test-date"]', r).value || $('input[name="test-date"]', r).dataset.invalidValue || '',
      result: $('select[name="result"]', r).value,
    })),
    vaccinationsKnown: radio('vaccinations-known'),
    vaccinations: $$('.vaccination').map((r) => ({
      vaccine: $('select[name="vaccine"]', r).value,
      date: $('input[name="vaccine-date"]', r).value || $('input[name="vaccine-date"]', r).dataset.invalidValue || '',
    })),
  };
}

export const EMPTY = {
  birthDay: '', birthMonth: '', birthYear: '', birthUnknown: false, age: '', sex: '', organs: {},
  conditions: [], conditionsKnown: '', smoking: '', packYears: '', quitMonth: '', quitYear: '', height: '',
  weight: '', familyKnown: '', relatives: [], screeningsKnown: '', screenings: [], vaccinationsKnown: '',
  vaccinations: [], departement: '', pregnant: '', ancestry: [], ancestryNone: false,
};

/** Puts raw answers back into the form (missing parts are empty). */
export function writeAnswers(answers) {
  const a = { ...EMPTY, ...answers };
  const str = (v) => (v === undefined || v === null ? '' : String(v));
  $('#birth-day').value = str(a.birthDay);
  $('#birth-month').value = str(a.birthMonth);
  $('#birth-year').value = str(a.birthYear);
  $('#birth-unknown').checked = !!a.birthUnknown;
  $('#age').value = str(a.age);
  setRadio('sex', a.sex);
  for (const o of ORGANS) setRadio(`organ-${o}`, a.organs?.[o] || 'unknown');
  const conditions = Array.isArray(a.conditions) ? a.conditions.map(String) : [];
  for (const code of conditions) if (ALL_CONDITIONS.includes(code)) ensureCondition(code);
  for (const c of $$('input[name="condition"]')) c.checked = conditions.includes(c.value);
  setRadio('conditions-known', a.conditionsKnown);
  setRadio('pregnant', a.pregnant);
  const ancestry = Array.isArray(a.ancestry) ? a.ancestry.map(String) : [];
  for (const c of $$('input[name="ancestry"]')) c.checked = ancestry.includes(c.value);
  $('#ancestry-none').checked = !!a.ancestryNone;
  setRadio('smoking', a.smoking);
  $('#pack-years').value = str(a.packYears);
  $('#quit-month').value = str(a.quitMonth);
  $('#quit-year').value = str(a.quitYear);
  $('#height').value = str(a.height);
  $('#weight').value = str(a.weight);
  $('#departement').value = str(a.departement);
  setRadio('family-known', a.familyKnown);
  setRadio('screenings-known', a.screeningsKnown);
  setRadio('vaccinations-known', a.vaccinationsKnown);
  for (const id of ['#relatives', '#screenings', '#vaccinations']) $(id).replaceChildren();
  for (const r of a.relatives ?? []) addRelative({ relation: str(r.relation), condition: str(r.condition), age: str(r.age) });
  for (const r of a.screenings ?? []) addScreening({ test: str(r.test), date: str(r.date), result: str(r.result) });
  for (const r of a.vaccinations ?? []) addVaccination({ vaccine: str(r.vaccine), date: str(r.date) });
  useRules(rules);
  labelControls();
}

/** Raw answers from a profile (an imported file); also the profile fields the page does not ask. */
export function answersFromProfile(p) {
  const a = structuredClone(EMPTY);
  const ignored = [];
  const known = (list) => (list === undefined || list === null ? 'unknown' : Array.isArray(list) && list.length === 0 ? 'no' : 'yes');
  const pad = (n) => String(n).padStart(2, '0');
  if (typeof p.birthDate === 'string' && /^\d{4}-\d{1,2}-\d{1,2}$/.test(p.birthDate)) {
    const [y, m, d] = p.birthDate.split('-');
    Object.assign(a, { birthDay: pad(Number(d)), birthMonth: pad(Number(m)), birthYear: y });
  } else if (p.birthDate !== undefined && p.birthDate !== null) {
    a.birthYear = String(p.birthDate);
  } else if (p.age !== undefined && p.age !== null) {
    a.birthUnknown = true;
    a.age = String(p.age);
  }
  if (p.birthDate && p.age !== undefined && p.age !== null) ignored.push('age');
  if (p.sex === 'female' || p.sex === 'male') a.sex = p.sex;
  if (p.organs && typeof p.organs === 'object') {
    for (const o of ORGANS) a.organs[o] = p.organs[o] === true ? 'yes' : p.organs[o] === false ? 'no' : 'unknown';
  }
  if (Array.isArray(p.conditions)) {
    a.conditions = p.conditions.map(String);
    a.conditionsKnown = 'yes';
  } else a.conditionsKnown = 'unknown';
  a.pregnant = p.pregnant === true ? 'yes' : p.pregnant === false ? 'no' : 'unknown';
  if (Array.isArray(p.ancestry)) {
    a.ancestry = p.ancestry.map(String).filter((c) => ANCESTRY.includes(c));
    a.ancestryNone = p.ancestry.length === 0;
  }
  const s = p.smoking;
  if (s && typeof s === 'object' && ['never', 'former', 'current'].includes(s.status)) {
    a.smoking = s.status;
    if (s.packYears !== undefined && s.packYears !== null) a.packYears = String(s.packYears);
    if (typeof s.quitDate === 'string') {
      const [y, m] = s.quitDate.split('-');
      a.quitYear = y ?? '';
      a.quitMonth = m ?? '';
    }
  } else a.smoking = 'unknown';
  if (p.heightCm !== undefined && p.heightCm !== null) a.height = String(p.heightCm);
  if (p.weightKg !== undefined && p.weightKg !== null) a.weight = String(p.weightKg);
  if (p.departement !== undefined && p.departement !== null) a.departement = String(p.departement);
  a.familyKnown = known(p.familyHistory);
  a.relatives = (Array.isArray(p.familyHistory) ? p.familyHistory : []).map((r) => ({
    relation: r?.relation ?? '', condition: r?.condition ?? '', age: r?.ageAtDiagnosis ?? '',
  }));
  a.screeningsKnown = known(p.screenings);
  a.screenings = (Array.isArray(p.screenings) ? p.screenings : []).map((r) => ({
    test: r?.test ?? '', date: r?.date ?? '', result: r?.result ?? 'unknown',
  }));
  a.vaccinationsKnown = known(p.vaccinations);
  a.vaccinations = (Array.isArray(p.vaccinations) ? p.vaccinations : []).map((r) => ({ vaccine: r?.vaccine ?? '', date: r?.date ?? '' }));
  for (const k of Object.keys(p)) {
    if (!['birthDate', 'age', 'sex', 'organs', 'pregnant', 'smoking', 'heightCm', 'weightKg', 'conditions', 'familyHistory', 'screenings', 'vaccinations', 'departement', 'ancestry'].includes(k)) ignored.push(k);
  }
  if (Array.isArray(p.ancestry) && p.ancestry.some((c) => !ANCESTRY.includes(String(c)))) ignored.push('ancestry');
  return { answers: a, ignored };
}

// ------------------------------------------------------------------ the profile

let fixedDay = null;

/** Fixes the day the answers are checked and evaluated for (`as-of`), or back to today with null. */
export function useDay(iso) {
  fixedDay = iso;
}

/** The evaluation day (`as-of`, else today on this device), or `d`'s, as YYYY-MM-DD. */
export function todayIso(d) {
  if (d === undefined && fixedDay !== null) return fixedDay;
  d ??= new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const daysIn = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const digits = (s) => /^\d+$/.test(s);

function parseNumber(raw) {
  const s = raw.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return NaN;
  return Number(s);
}

/**
 * Builds the profile from the form. Returns `{ profile, issues, rows }`:
 * `issues` are the page's own parse problems ({ path, key, vars, target }), and the fields that have
 * one are left out of the profile; `rows` maps each list to its rows in the form, in the order of
 * the profile's entries.
 */
export function buildProfile() {
  const build = {
    profile: {},
    issues: [],
    rows: { familyHistory: [], screenings: [], vaccinations: [] },
    issue(path, key, target, vars = {}) { this.issues.push({ path, key, vars, target }); },
  };
  readBirth(build);
  readSexAndOrgans(build);
  readSmoking(build);
  readBody(build);
  if (asks(rules, 'departement')) readDepartement(build);
  if (asks(rules, 'ancestry')) readAncestry(build);
  readPregnancy(build);
  readConditions(build);
  for (const list of LISTS) readList(build, list);
  return { profile: ordered(build.profile), issues: build.issues, rows: build.rows };
}

/** The birth date as day, month and year; or, when it is not known, the age in years. */
function readBirth(build) {
  if ($('#birth-unknown').checked) {
    const age = val('#age').trim();
    if (age === '') build.issue('age', 'err.ageRequired', null);
    else if (!digits(age)) build.issue('age', 'err.ageNumber', null);
    else build.profile.age = Number(age);
    return;
  }
  const d = val('#birth-day').trim(), m = val('#birth-month').trim(), y = val('#birth-year').trim();
  if (!d && !m && !y) build.issue('birthDate', 'err.birthRequired', null);
  else if (!d || !m || !y) build.issue('birthDate', 'err.dateIncomplete', null);
  else if (!digits(d) || !digits(m) || !digits(y)) build.issue('birthDate', 'err.dateDigits', null);
  else if (y.length !== 4) build.issue('birthDate', 'err.yearFour', null);
  else if (Number(m) < 1 || Number(m) > 12 || Number(d) < 1 || Number(d) > daysIn(Number(y), Number(m))) {
    build.issue('birthDate', 'err.dateNotExist', null);
  } else build.profile.birthDate = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** Sex at birth (required), and the organs answered yes or no. */
function readSexAndOrgans(build) {
  const sex = radio('sex');
  if (sex) build.profile.sex = sex;
  else build.issue('sex', 'err.sexRequired', null);
  const organs = {};
  for (const o of ORGANS) {
    const v = radio(`organ-${o}`);
    if (v === 'yes') organs[o] = true;
    else if (v === 'no') organs[o] = false;
  }
  if (Object.keys(organs).length) build.profile.organs = organs;
}

/** Smoking status; pack-years for former and current smokers; the quit month for former ones. */
function readSmoking(build) {
  const status = radio('smoking');
  if (!['never', 'former', 'current'].includes(status)) return;
  const smoking = { status };
  if (status !== 'never') {
    const py = val('#pack-years').trim();
    if (py !== '') {
      const n = parseNumber(py);
      if (Number.isNaN(n)) build.issue('smoking.packYears', 'err.number', null, { example: '20' });
      else smoking.packYears = n;
    }
  }
  if (status === 'former') {
    const m = val('#quit-month').trim(), y = val('#quit-year').trim();
    if (m || y) {
      if (!m || !y) build.issue('smoking.quitDate', 'err.quitBoth', null);
      else if (!digits(m) || Number(m) < 1 || Number(m) > 12) build.issue('smoking.quitDate', 'err.monthRange', null);
      else if (!digits(y) || y.length !== 4) build.issue('smoking.quitDate', 'err.yearFour', null);
      else smoking.quitDate = `${y}-${m.padStart(2, '0')}-01`;
    }
  }
  build.profile.smoking = smoking;
}

/** Height and weight, when given. */
function readBody(build) {
  for (const [id, key, example] of [['height', 'heightCm', '165'], ['weight', 'weightKg', '70']]) {
    const raw = val(`#${id}`).trim();
    if (raw === '') continue;
    const n = parseNumber(raw);
    if (Number.isNaN(n)) build.issue(key, 'err.number', null, { example });
    else build.profile[key] = n;
  }
}

/** The département, written as INSEE writes it, like the engine checks it ("7" → "07", "2a" → "2A"). */
function readDepartement(build) {
  const dep = val('#departement').trim().toUpperCase();
  if (dep === '') return;
  const code = /^[1-9]$/.test(dep) ? `0${dep}` : dep;
  if (isDepartement(code)) build.profile.departement = code;
  else build.issue('departement', 'err.departement', null);
}

/** Ancestry: the boxes ticked, or "none of these" (an empty list); nothing ticked leaves it unknown. */
function readAncestry(build) {
  const ticked = $$('input[name="ancestry"]:checked').map((c) => c.value);
  if (ticked.length) build.profile.ancestry = ticked;
  else if ($('#ancestry-none').checked) build.profile.ancestry = [];
}

/** Pregnancy, when asked (the question shows for people with a uterus) and answered. */
function readPregnancy(build) {
  if ($('#pregnant-fieldset').hidden) return;
  const v = radio('pregnant');
  if (v === 'yes') build.profile.pregnant = true;
  else if (v === 'no') build.profile.pregnant = false;
}

/** The conditions ticked, when the person said they know (ticking one says so too). */
function readConditions(build) {
  const checked = $$('input[name="condition"]:checked').map((c) => c.value);
  const known = radio('conditions-known');
  if (known === 'yes' || (known === '' && checked.length)) build.profile.conditions = checked;
}

/**
 * The lists of rows: relatives' diagnoses, past tests, past vaccinations. For each: the radio that
 * says whether the person knows, the rows' selector, when a row counts as left blank (a relative's
 * row is then skipped; a test's or a vaccine's row is always read, so a blank one asks for its test
 * and date), how a row reads (its entry, or null after noting its problems), and what to say when
 * the person said yes but gave no row.
 */
const LISTS = [
  {
    field: 'familyHistory', known: 'family-known', rows: '.relative',
    isBlank: (r) => !$('select[name="relation"]', r).value && !$('select[name="family-condition"]', r).value
      && !$('input[name="age-at-diagnosis"]', r).value.trim(),
    read: readRelative,
    whenEmpty(build) {
      const first = $('.relative select[name="relation"]');
      if (first) build.issue('familyHistory[0].relation', 'err.chooseRelation', first);
      else build.issue('familyHistory', 'err.addRelative', null);
    },
  },
  {
    field: 'screenings', known: 'screenings-known', rows: '.screening',
    read: readScreening,
    whenEmpty: (build) => build.issue('screenings', 'err.addScreening', null),
  },
  {
    field: 'vaccinations', known: 'vaccinations-known', rows: '.vaccination',
    read: readVaccination,
    whenEmpty: (build) => build.issue('vaccinations', 'err.addVaccination', null),
  },
];

/** "No" is the answer "none" (an empty list); "yes" reads the rows; no answer leaves it unknown. */
function readList(build, { field, known, rows, isBlank = () => false, read, whenEmpty }) {
  const answer = radio(known);
  if (answer === 'no') build.profile[field] = [];
  if (answer !== 'yes') return;
  const list = [];
  for (const row of $$(rows)) {
    if (isBlank(row)) continue;
    const entry = read(build, row, `${field}[${list.length}]`);
    if (entry) {
      list.push(entry);
      build.rows[field].push(row);
    }
  }
  if (!list.length && !build.issues.some((x) => x.path.startsWith(field))) whenEmpty(build);
  build.profile[field] = list;
}

/** A relative: who and which condition (both needed), and the age at diagnosis when known. */
function readRelative(build, row, path) {
  const relation = $('select[name="relation"]', row), condition = $('select[name="family-condition"]', row);
  const age = $('input[name="age-at-diagnosis"]', row);
  let ok = true;
  if (!relation.value) { build.issue(`${path}.relation`, 'err.chooseRelation', relation); ok = false; }
  if (!condition.value) { build.issue(`${path}.condition`, 'err.chooseCondition', condition); ok = false; }
  const entry = { relation: relation.value, condition: condition.value };
  const a = age.value.trim();
  if (a !== '') {
    if (!digits(a)) { build.issue(`${path}.ageAtDiagnosis`, 'err.wholeNumber', age); ok = false; }
    else entry.ageAtDiagnosis = Number(a);
  }
  return ok ? entry : null;
}

/** A past test: which (needed), when (needed), and its result (`unknown` when not given). */
function readScreening(build, row, path) {
  const test = $('select[name="test"]', row), date = $('input[name="test-date"]', row), result = $('select[name="result"]', row);
  const dateProblem = dateIssue(date);
  let ok = true;
  if (!test.value) { build.issue(`${path}.test`, 'err.chooseTest', test); ok = false; }
  if (dateProblem) { build.issue(`${path}.date`, dateProblem, date); ok = false; }
  return ok ? { test: test.value, date: date.value, result: result.value || 'unknown' } : null;
}

/** A past vaccination: which vaccine and when, both needed. */
function readVaccination(build, row, path) {
  const vaccine = $('select[name="vaccine"]', row), date = $('input[name="vaccine-date"]', row);
  const dateProblem = dateIssue(date);
  let ok = true;
  if (!vaccine.value) { build.issue(`${path}.vaccine`, 'err.chooseVaccine', vaccine); ok = false; }
  if (dateProblem) { build.issue(`${path}.date`, dateProblem, date); ok = false; }
  return ok ? { vaccine: vaccine.value, date: date.value } : null;
}

/** Whether `code` is a French département code (the engine's rule, src/departement.rs). */
export function isDepartement(code) {
  return /^(0[1-9]|1[0-9]|2[1-9]|[3-8][0-9]|9[0-5]|2A|2B|97[12346])$/.test(code);
}

/** The problem of a row's date input, if any: 'err.…' key, or null when it holds a date. */
function dateIssue(input) {
  if (input.value) return null;
  if (input.dataset.invalidValue) return 'err.dateNotExist';
  if (input.validity.badInput) return 'err.dateIncomplete';
  return 'err.dateRequired';
}

const ORDER = ['birthDate', 'age', 'sex', 'organs', 'pregnant', 'smoking', 'heightCm', 'weightKg', 'conditions', 'familyHistory', 'screenings', 'vaccinations', 'departement', 'ancestry'];
function ordered(p) {
  const out = {};
  for (const k of ORDER) if (k in p) out[k] = p[k];
  return out;
}

/** The step a profile path belongs to. */
export function stepOf(path) {
  const root = path.split(/[.[]/)[0];
  return {
    birthDate: 'birth', age: 'birth', sex: 'sex', organs: 'sex', conditions: 'health', pregnant: 'health',
    smoking: 'smoking', heightCm: 'body', weightKg: 'body', familyHistory: 'family', screenings: 'screenings',
    vaccinations: 'vaccinations', departement: 'birth', ancestry: 'body',
  }[root] ?? 'birth';
}

/** Shows or hides the parts that depend on other answers (data is kept either way). */
export function syncVisibility() {
  const unknownBirth = $('#birth-unknown').checked;
  $('#birth-fieldset').hidden = unknownBirth;
  $('#age-field').hidden = !unknownBirth;
  const status = radio('smoking');
  $('#pack-years-field').hidden = !(status === 'former' || status === 'current');
  $('#quit-fieldset').hidden = status !== 'former';
  // Pregnancy is asked of people with a uterus (as sex at birth implies, unless they said otherwise).
  const uterus = radio('organ-uterus');
  $('#pregnant-fieldset').hidden = !(uterus === 'yes' || (uterus !== 'no' && radio('sex') === 'female'));
  for (const [name, block] of [['family-known', '#relatives-block'], ['screenings-known', '#screenings-block'], ['vaccinations-known', '#vaccinations-block']]) {
    const v = radio(name);
    for (const part of $$('.rows, .hint', $(block))) part.hidden = v === 'no' || v === 'unknown';
  }
}

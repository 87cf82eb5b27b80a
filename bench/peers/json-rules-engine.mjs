// Vigie's French organised cancer screening (rules/fr-cancer-screening: the breast, colorectal and
// cervical rules of rules/fr/2025.1.0) written with json-rules-engine, as a portal developer would.
//
// How the logic is split
// - JSON rules (RULES below, plain data): every decision. Each `return` of a Rhai rule that gives a
//   nudge is one json-rules-engine rule: its conditions are the guards that lead to that `return`,
//   its event carries the program, the Rhai rule it comes from, the status, the message key
//   (`reason`) and the due date. Guards that several rules repeat (has a cervix and no total
//   hysterectomy, in the age range, ...) are named conditions (engine.setCondition).
// - Dynamic facts (FACTS below, engine.addFact): the values conditions cannot compute: age, n-th
//   birthday (29 February clamped to 28), today + 12 months, organs implied by sex, the person's
//   conditions, the newest test of some kinds, the Eisinger score (best parental branch), the
//   first-degree colorectal family history, and each programme's schedule (next test date and the
//   date it fell due). Four date operators compare 'YYYY-MM-DD' strings.
// - "First non-skip rule wins" per program: in Rhai each rule returns at its first matching guard,
//   and a program takes the first rule (manifest order: high-risk, then organised) that does not
//   skip. Here the rules of one program get descending priorities in that same order (the Rhai
//   rule's returns top to bottom, high-risk above organised), so a rule need not repeat the negation
//   of the nudges above it; it only repeats the guards of the `skip`s above it in its own Rhai rule
//   (e.g. breast personal history needs age >= 20). A `skip` is simply no event. After one
//   engine.run, each program keeps its successful rule of highest priority.
// - Due dates come back in the event params (engine option replaceFactsInEventParams): `refer`
//   events give dueDate null.
import { Engine, Operator } from 'json-rules-engine';

export const name = 'json-rules-engine 7.3.1';

// ------------------------------------------------------------------------------------- dates
// Dates are 'YYYY-MM-DD' strings: they compare in calendar order.

const pad = (n, width) => String(n).padStart(width, '0');
const daysInMonth = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `date` plus `n` months, the day clamped to the month's end (31 January + 1 month: 28/29 February). */
function plusMonths(date, n) {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + n;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}
const plusYears = (date, n) => plusMonths(date, 12 * n);

/** Whole months from `from` to `to` (an anniversary on a clamped month end counts). */
function monthsBetween(from, to) {
  if (to < from) return -monthsBetween(to, from);
  let months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12
    + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
  if (plusMonths(from, months) > to) months -= 1;
  return months;
}
/** Whole years from `from` to `to`: the age on `to` of someone born on `from`. */
const yearsBetween = (from, to) => Math.trunc(monthsBetween(from, to) / 12);
const later = (a, b) => (a > b ? a : b);

// ------------------------------------------------------------------------------------- codes

const FIRST_DEGREE = new Set(['mother', 'father', 'sister', 'brother', 'daughter', 'son']);
const MALE_RELATIVES = new Set(['father', 'brother', 'son', 'maternal-grandfather', 'paternal-grandfather',
  'maternal-uncle', 'paternal-uncle', 'nephew', 'maternal-male-cousin', 'paternal-male-cousin']);
/** Parental branch; siblings, children, nieces and nephews belong to both. */
function branchOf(relation) {
  if (relation === 'mother' || relation.startsWith('maternal-')) return 'maternal';
  if (relation === 'father' || relation.startsWith('paternal-')) return 'paternal';
  return 'both';
}
const FEMALE_ORGANS = new Set(['cervix', 'uterus', 'ovaries', 'breasts']);
// A test's severity: on the same day an abnormal result comes first, then unknown, then normal.
const SEVERITY = { normal: 0, unknown: 1, abnormal: 2 };

// ------------------------------------------------------------------------------------- facts
// Runtime facts given to each engine.run: `profile` (the validated profile) and `today`.

const FACTS = {
  /** Birth date; for a declared age only, the middle of the possible range. */
  birthDate: async (params, almanac) => {
    const profile = await almanac.factValue('profile');
    if (profile.birthDate != null) return profile.birthDate;
    const today = await almanac.factValue('today');
    return plusMonths(plusYears(today, -profile.age), -6);
  },
  /** Age in whole years today. */
  age: async (params, almanac) =>
    yearsBetween(await almanac.factValue('birthDate'), await almanac.factValue('today')),
  /** The date of the `age`-th birthday (29 February: 28 February in other years). */
  birthday: async ({ age }, almanac) => plusYears(await almanac.factValue('birthDate'), age),
  /** Today plus `months` months (the window of upcoming nudges). */
  inMonths: async ({ months }, almanac) => plusMonths(await almanac.factValue('today'), months),
  /** Whether the person has `organ`: the profile's answer, else what sex at birth implies. */
  hasOrgan: async ({ organ }, almanac) => {
    const profile = await almanac.factValue('profile');
    const stated = profile.organs?.[organ];
    if (typeof stated === 'boolean') return stated;
    return FEMALE_ORGANS.has(organ) ? profile.sex === 'female' : profile.sex === 'male';
  },
  /** The person's conditions; an unanswered list has none. */
  conditions: async (params, almanac) => (await almanac.factValue('profile')).conditions ?? [],
  /** Whether the profile answered the conditions question. */
  knowsConditions: async (params, almanac) => (await almanac.factValue('profile')).conditions != null,
  /** Tests of the kinds `tests`, newest first; on the same day an abnormal result first. */
  testHistory: async ({ tests }, almanac) => {
    const profile = await almanac.factValue('profile');
    return (profile.screenings ?? [])
      .filter((s) => tests.includes(s.test))
      .map((s) => ({ test: s.test, date: s.date, result: s.result ?? 'unknown' }))
      .sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : SEVERITY[b.result] - SEVERITY[a.result]));
  },
  /** The newest test of the kinds `tests` ({ test, date, result }), or null. */
  lastTest: async ({ tests }, almanac) => (await almanac.factValue('testHistory', { tests }))[0] ?? null,
  /** Eisinger family score: points per parental branch, the higher branch kept. */
  eisingerScore: async (params, almanac) => {
    const family = (await almanac.factValue('profile')).familyHistory ?? [];
    let maternal = 0;
    let paternal = 0;
    for (const r of family) {
      let points = 0;
      if (r.condition === 'brca1' || r.condition === 'brca2') points = 5;
      else if (r.condition === 'ovarian-cancer') points = 3;
      else if (r.condition === 'breast-cancer') {
        const a = r.ageAtDiagnosis;
        if (MALE_RELATIVES.has(r.relation)) points = 4;
        else if (a == null) points = 1;
        else points = a < 30 ? 4 : a < 40 ? 3 : a < 50 ? 2 : a <= 70 ? 1 : 0;
      }
      const branch = branchOf(r.relation);
      if (branch !== 'paternal') maternal += points;
      if (branch !== 'maternal') paternal += points;
    }
    return Math.max(maternal, paternal);
  },
  /** First-degree relatives with colorectal cancer: how many, and whether one was diagnosed < 65. */
  colorectalFamilyHistory: async (params, almanac) => {
    const family = (await almanac.factValue('profile')).familyHistory ?? [];
    const cases = family.filter((r) => r.condition === 'colorectal-cancer' && FIRST_DEGREE.has(r.relation));
    return {
      firstDegree: cases.length,
      firstDegreeBefore65: cases.some((r) => r.ageAtDiagnosis != null && r.ageAtDiagnosis < 65),
    };
  },
  /** Breast: next mammogram 2 years after the last one; due since then, not before 50. Null if none. */
  breastSchedule: async (params, almanac) => {
    const last = await almanac.factValue('lastTest', { tests: ['mammography'] });
    if (last == null) return null;
    const next = plusYears(last.date, 2);
    return { next, dueFrom: later(next, await almanac.factValue('birthday', { age: 50 })) };
  },
  /** Colorectal: next FIT 2 years after the last FIT or 5 years after the last colonoscopy, the
   *  later; `byColonoscopy` when the colonoscopy sets it. Null when neither was done. */
  colorectalSchedule: async (params, almanac) => {
    const fit = await almanac.factValue('lastTest', { tests: ['fit'] });
    const colonoscopy = await almanac.factValue('lastTest', { tests: ['colonoscopy'] });
    if (fit == null && colonoscopy == null) return null;
    const start = await almanac.factValue('birthday', { age: 50 });
    let next = fit == null ? start : plusYears(fit.date, 2);
    let byColonoscopy = false;
    if (colonoscopy != null) {
      const afterColonoscopy = plusYears(colonoscopy.date, 5);
      if (fit == null || afterColonoscopy > next) {
        next = afterColonoscopy;
        byColonoscopy = true;
      }
    }
    return { next, byColonoscopy, dueFrom: later(next, start) };
  },
  /** Cervical: next test 5 years after an HPV test; after a cytology, 3 years when it is normal and
   *  follows a normal cytology or the person is 30 (or turns 30 before the 1-year repeat), else
   *  1 year. `ageOnNext`: age on that day (HPV test from 30). Null when never screened. */
  cervicalSchedule: async (params, almanac) => {
    const history = await almanac.factValue('testHistory', { tests: ['cervical-cytology', 'hpv-test'] });
    const [last, previous] = history;
    if (last == null) return null;
    let next = plusYears(last.date, 5);
    if (last.test === 'cervical-cytology') {
      const twoNormal = previous != null && previous.test === 'cervical-cytology' && previous.result === 'normal';
      const hpvNext = (await almanac.factValue('age')) >= 30
        || plusYears(last.date, 1) >= (await almanac.factValue('birthday', { age: 30 }));
      next = plusYears(last.date, last.result === 'normal' && (twoNormal || hpvNext) ? 3 : 1);
    }
    const birthDate = await almanac.factValue('birthDate');
    return {
      next,
      ageOnNext: yearsBetween(birthDate, next),
      dueFrom: later(next, await almanac.factValue('birthday', { age: 25 })),
    };
  },
};

// ------------------------------------------------------------------------------------- rules

const isDate = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const OPERATORS = [
  new Operator('dateBefore', (a, b) => a < b, isDate),
  new Operator('dateOnOrBefore', (a, b) => a <= b, isDate),
  new Operator('dateAfter', (a, b) => a > b, isDate),
  new Operator('dateOnOrAfter', (a, b) => a >= b, isDate),
];

/** Named conditions shared by several rules. */
const CONDITIONS = {
  'has-breasts': { all: [{ fact: 'hasOrgan', params: { organ: 'breasts' }, operator: 'equal', value: true }] },
  'breast-programme-age': { all: [
    { fact: 'age', operator: 'greaterThanInclusive', value: 50 },
    { fact: 'age', operator: 'lessThan', value: 75 },
  ] },
  'breast-screened': { all: [{ fact: 'breastSchedule', operator: 'notEqual', value: null }] },
  'colorectal-family-criterion': { any: [
    { fact: 'colorectalFamilyHistory', path: '$.firstDegreeBefore65', operator: 'equal', value: true },
    { fact: 'colorectalFamilyHistory', path: '$.firstDegree', operator: 'greaterThanInclusive', value: 2 },
  ] },
  'colorectal-programme-age': { all: [
    { fact: 'age', operator: 'greaterThanInclusive', value: 50 },
    { fact: 'age', operator: 'lessThan', value: 75 },
  ] },
  'colorectal-screened': { all: [{ fact: 'colorectalSchedule', operator: 'notEqual', value: null }] },
  // Has a cervix and no total hysterectomy: the cervical rule's first two skips.
  'has-cervix': { all: [
    { fact: 'hasOrgan', params: { organ: 'cervix' }, operator: 'equal', value: true },
    { fact: 'conditions', operator: 'doesNotContain', value: 'hysterectomy-total' },
  ] },
  // ... and not skipped later: never sexually active, 66 or older.
  'cervical-invited': { all: [
    { condition: 'has-cervix' },
    { fact: 'conditions', operator: 'doesNotContain', value: 'never-sexually-active' },
    { fact: 'age', operator: 'lessThan', value: 66 },
  ] },
  'cervical-programme-age': { all: [
    { condition: 'cervical-invited' },
    { fact: 'age', operator: 'greaterThanInclusive', value: 25 },
  ] },
  'cervical-never-screened': { all: [
    { fact: 'lastTest', params: { tests: ['cervical-cytology', 'hpv-test'] }, operator: 'equal', value: null },
  ] },
  'cervical-screened': { all: [{ fact: 'cervicalSchedule', operator: 'notEqual', value: null }] },
};

const has = (condition) => ({ fact: 'conditions', operator: 'contains', value: condition });
const ageAtLeast = (n) => ({ fact: 'age', operator: 'greaterThanInclusive', value: n });
const ageBelow = (n) => ({ fact: 'age', operator: 'lessThan', value: n });
const lastResult = (tests, result) => ({ fact: 'lastTest', params: { tests }, path: '$.result', operator: 'equal', value: result });
const nudge = (program, rule, status, reason, dueDate = null) =>
  ({ type: 'nudge', params: { program, rule, status, reason, dueDate } });

const BREAST = 'breast-cancer-screening';
const COLORECTAL = 'colorectal-cancer-screening';
const CERVICAL = 'cervical-cancer-screening';
const BREAST_IMAGING = ['mammography', 'breast-mri', 'breast-ultrasound'];

/** The rules, each program's in cascade order with descending priorities. */
const RULES = [
  // breast/high-risk
  { name: 'breast/high-risk symptoms', priority: 20,
    conditions: { all: [{ condition: 'has-breasts' }, has('breast-symptoms')] },
    event: nudge(BREAST, 'breast/high-risk', 'refer', 'symptoms') },
  { name: 'breast/high-risk abnormal-result', priority: 19,
    conditions: { all: [{ condition: 'has-breasts' }, lastResult(BREAST_IMAGING, 'abnormal')] },
    event: nudge(BREAST, 'breast/high-risk', 'refer', 'abnormal-result') },
  { name: 'breast/high-risk personal-history', priority: 18,
    conditions: { all: [{ condition: 'has-breasts' }, ageAtLeast(20),
      { any: [has('breast-cancer'), has('ductal-carcinoma-in-situ')] }] },
    event: nudge(BREAST, 'breast/high-risk', 'refer', 'personal-history') },
  { name: 'breast/high-risk brca', priority: 17,
    conditions: { all: [{ condition: 'has-breasts' }, ageAtLeast(20), { any: [has('brca1'), has('brca2')] }] },
    event: nudge(BREAST, 'breast/high-risk', 'refer', 'brca') },
  { name: 'breast/high-risk atypia', priority: 16,
    conditions: { all: [{ condition: 'has-breasts' }, ageAtLeast(20),
      { any: [has('atypical-breast-hyperplasia'), has('lobular-carcinoma-in-situ')] }] },
    event: nudge(BREAST, 'breast/high-risk', 'refer', 'atypia') },
  { name: 'breast/high-risk chest-radiotherapy', priority: 15,
    conditions: { all: [{ condition: 'has-breasts' }, ageAtLeast(20), has('chest-radiotherapy')] },
    event: nudge(BREAST, 'breast/high-risk', 'refer', 'chest-radiotherapy') },
  { name: 'breast/high-risk eisinger', priority: 14,
    conditions: { all: [{ condition: 'has-breasts' }, ageAtLeast(20),
      { fact: 'eisingerScore', operator: 'greaterThanInclusive', value: 3 }] },
    event: nudge(BREAST, 'breast/high-risk', 'refer', 'eisinger') },
  // breast/organised-screening
  { name: 'breast/organised-screening upcoming', priority: 10,
    conditions: { all: [{ condition: 'has-breasts' }, ageBelow(50),
      { fact: 'birthday', params: { age: 50 }, operator: 'dateOnOrBefore', value: { fact: 'inMonths', params: { months: 12 } } }] },
    event: nudge(BREAST, 'breast/organised-screening', 'upcoming', 'upcoming', { fact: 'birthday', params: { age: 50 } }) },
  { name: 'breast/organised-screening never-screened', priority: 9,
    conditions: { all: [{ condition: 'has-breasts' }, { condition: 'breast-programme-age' },
      { fact: 'lastTest', params: { tests: ['mammography'] }, operator: 'equal', value: null }] },
    event: nudge(BREAST, 'breast/organised-screening', 'due', 'never-screened', { fact: 'birthday', params: { age: 50 } }) },
  { name: 'breast/organised-screening programme-ends', priority: 8,
    conditions: { all: [{ condition: 'has-breasts' }, { condition: 'breast-programme-age' },
      { fact: 'breastSchedule', path: '$.next', operator: 'dateOnOrAfter', value: { fact: 'birthday', params: { age: 75 } } }] },
    event: nudge(BREAST, 'breast/organised-screening', 'up-to-date', 'programme-ends', { fact: 'breastSchedule', path: '$.next' }) },
  { name: 'breast/organised-screening up-to-date', priority: 7,
    conditions: { all: [{ condition: 'has-breasts' }, { condition: 'breast-programme-age' },
      { fact: 'breastSchedule', path: '$.next', operator: 'dateAfter', value: { fact: 'today' } }] },
    event: nudge(BREAST, 'breast/organised-screening', 'up-to-date', 'up-to-date', { fact: 'breastSchedule', path: '$.next' }) },
  { name: 'breast/organised-screening due', priority: 6,
    conditions: { all: [{ condition: 'has-breasts' }, { condition: 'breast-programme-age' }, { condition: 'breast-screened' }] },
    event: nudge(BREAST, 'breast/organised-screening', 'due', 'due', { fact: 'breastSchedule', path: '$.dueFrom' }) },

  // colorectal/high-risk
  { name: 'colorectal/high-risk symptoms', priority: 20,
    conditions: { all: [has('digestive-symptoms')] },
    event: nudge(COLORECTAL, 'colorectal/high-risk', 'refer', 'symptoms') },
  { name: 'colorectal/high-risk abnormal-result', priority: 19,
    conditions: { all: [lastResult(['fit', 'colonoscopy'], 'abnormal')] },
    event: nudge(COLORECTAL, 'colorectal/high-risk', 'refer', 'abnormal-result') },
  { name: 'colorectal/high-risk personal-history', priority: 18,
    conditions: { all: [ageAtLeast(18), { any: [has('colorectal-cancer'), has('colorectal-adenoma')] }] },
    event: nudge(COLORECTAL, 'colorectal/high-risk', 'refer', 'personal-history') },
  { name: 'colorectal/high-risk ibd', priority: 17,
    conditions: { all: [ageAtLeast(18), has('inflammatory-bowel-disease')] },
    event: nudge(COLORECTAL, 'colorectal/high-risk', 'refer', 'ibd') },
  { name: 'colorectal/high-risk lynch', priority: 16,
    conditions: { all: [ageAtLeast(18), has('lynch-syndrome')] },
    event: nudge(COLORECTAL, 'colorectal/high-risk', 'refer', 'lynch') },
  { name: 'colorectal/high-risk fap', priority: 15,
    conditions: { all: [ageAtLeast(18), has('familial-adenomatous-polyposis')] },
    event: nudge(COLORECTAL, 'colorectal/high-risk', 'refer', 'fap') },
  { name: 'colorectal/high-risk family-history', priority: 14,
    conditions: { all: [{ condition: 'colorectal-family-criterion' }, ageAtLeast(45), ageBelow(75)] },
    event: nudge(COLORECTAL, 'colorectal/high-risk', 'refer', 'family-history') },
  { name: 'colorectal/high-risk family-history upcoming', priority: 13,
    conditions: { all: [{ condition: 'colorectal-family-criterion' }, ageAtLeast(18), ageBelow(45),
      { fact: 'birthday', params: { age: 45 }, operator: 'dateOnOrBefore', value: { fact: 'inMonths', params: { months: 12 } } }] },
    event: nudge(COLORECTAL, 'colorectal/high-risk', 'upcoming', 'family-history', { fact: 'birthday', params: { age: 45 } }) },
  // colorectal/organised-screening
  { name: 'colorectal/organised-screening upcoming', priority: 10,
    conditions: { all: [ageBelow(50),
      { fact: 'birthday', params: { age: 50 }, operator: 'dateOnOrBefore', value: { fact: 'inMonths', params: { months: 12 } } }] },
    event: nudge(COLORECTAL, 'colorectal/organised-screening', 'upcoming', 'upcoming', { fact: 'birthday', params: { age: 50 } }) },
  { name: 'colorectal/organised-screening never-screened', priority: 9,
    conditions: { all: [{ condition: 'colorectal-programme-age' },
      { fact: 'colorectalSchedule', operator: 'equal', value: null }] },
    event: nudge(COLORECTAL, 'colorectal/organised-screening', 'due', 'never-screened', { fact: 'birthday', params: { age: 50 } }) },
  { name: 'colorectal/organised-screening programme-ends', priority: 8,
    conditions: { all: [{ condition: 'colorectal-programme-age' },
      { fact: 'colorectalSchedule', path: '$.next', operator: 'dateOnOrAfter', value: { fact: 'birthday', params: { age: 75 } } }] },
    event: nudge(COLORECTAL, 'colorectal/organised-screening', 'up-to-date', 'programme-ends', { fact: 'colorectalSchedule', path: '$.next' }) },
  { name: 'colorectal/organised-screening up-to-date-colonoscopy', priority: 7,
    conditions: { all: [{ condition: 'colorectal-programme-age' },
      { fact: 'colorectalSchedule', path: '$.next', operator: 'dateAfter', value: { fact: 'today' } },
      { fact: 'colorectalSchedule', path: '$.byColonoscopy', operator: 'equal', value: true }] },
    event: nudge(COLORECTAL, 'colorectal/organised-screening', 'up-to-date', 'up-to-date-colonoscopy', { fact: 'colorectalSchedule', path: '$.next' }) },
  { name: 'colorectal/organised-screening up-to-date', priority: 6,
    conditions: { all: [{ condition: 'colorectal-programme-age' },
      { fact: 'colorectalSchedule', path: '$.next', operator: 'dateAfter', value: { fact: 'today' } }] },
    event: nudge(COLORECTAL, 'colorectal/organised-screening', 'up-to-date', 'up-to-date', { fact: 'colorectalSchedule', path: '$.next' }) },
  { name: 'colorectal/organised-screening due', priority: 5,
    conditions: { all: [{ condition: 'colorectal-programme-age' }, { condition: 'colorectal-screened' }] },
    event: nudge(COLORECTAL, 'colorectal/organised-screening', 'due', 'due', { fact: 'colorectalSchedule', path: '$.dueFrom' }) },

  // cervical/organised-screening
  { name: 'cervical/organised-screening abnormal-result', priority: 20,
    conditions: { all: [{ condition: 'has-cervix' }, lastResult(['cervical-cytology', 'hpv-test'], 'abnormal')] },
    event: nudge(CERVICAL, 'cervical/organised-screening', 'refer', 'abnormal-result') },
  { name: 'cervical/organised-screening personal-history', priority: 19,
    conditions: { all: [{ condition: 'has-cervix' }, has('cervical-cancer')] },
    event: nudge(CERVICAL, 'cervical/organised-screening', 'refer', 'personal-history') },
  { name: 'cervical/organised-screening upcoming-if-active', priority: 18,
    conditions: { all: [{ condition: 'cervical-invited' }, ageBelow(25),
      { fact: 'birthday', params: { age: 25 }, operator: 'dateOnOrBefore', value: { fact: 'inMonths', params: { months: 12 } } },
      { fact: 'knowsConditions', operator: 'equal', value: false }] },
    event: nudge(CERVICAL, 'cervical/organised-screening', 'upcoming', 'upcoming-if-active', { fact: 'birthday', params: { age: 25 } }) },
  { name: 'cervical/organised-screening upcoming', priority: 17,
    conditions: { all: [{ condition: 'cervical-invited' }, ageBelow(25),
      { fact: 'birthday', params: { age: 25 }, operator: 'dateOnOrBefore', value: { fact: 'inMonths', params: { months: 12 } } }] },
    event: nudge(CERVICAL, 'cervical/organised-screening', 'upcoming', 'upcoming', { fact: 'birthday', params: { age: 25 } }) },
  { name: 'cervical/organised-screening never-screened-cytology-if-active', priority: 16,
    conditions: { all: [{ condition: 'cervical-programme-age' }, ageBelow(30), { condition: 'cervical-never-screened' },
      { fact: 'knowsConditions', operator: 'equal', value: false }] },
    event: nudge(CERVICAL, 'cervical/organised-screening', 'due', 'never-screened-cytology-if-active', { fact: 'birthday', params: { age: 25 } }) },
  { name: 'cervical/organised-screening never-screened-cytology', priority: 15,
    conditions: { all: [{ condition: 'cervical-programme-age' }, ageBelow(30), { condition: 'cervical-never-screened' }] },
    event: nudge(CERVICAL, 'cervical/organised-screening', 'due', 'never-screened-cytology', { fact: 'birthday', params: { age: 25 } }) },
  { name: 'cervical/organised-screening never-screened-hpv-if-active', priority: 14,
    conditions: { all: [{ condition: 'cervical-programme-age' }, ageAtLeast(30), { condition: 'cervical-never-screened' },
      { fact: 'knowsConditions', operator: 'equal', value: false }] },
    event: nudge(CERVICAL, 'cervical/organised-screening', 'due', 'never-screened-hpv-if-active', { fact: 'birthday', params: { age: 25 } }) },
  { name: 'cervical/organised-screening never-screened-hpv', priority: 13,
    conditions: { all: [{ condition: 'cervical-programme-age' }, ageAtLeast(30), { condition: 'cervical-never-screened' }] },
    event: nudge(CERVICAL, 'cervical/organised-screening', 'due', 'never-screened-hpv', { fact: 'birthday', params: { age: 25 } }) },
  { name: 'cervical/organised-screening programme-ends', priority: 12,
    conditions: { all: [{ condition: 'cervical-programme-age' },
      { fact: 'cervicalSchedule', path: '$.next', operator: 'dateOnOrAfter', value: { fact: 'birthday', params: { age: 66 } } }] },
    event: nudge(CERVICAL, 'cervical/organised-screening', 'up-to-date', 'programme-ends', { fact: 'cervicalSchedule', path: '$.next' }) },
  { name: 'cervical/organised-screening up-to-date-hpv', priority: 11,
    conditions: { all: [{ condition: 'cervical-programme-age' },
      { fact: 'cervicalSchedule', path: '$.next', operator: 'dateAfter', value: { fact: 'today' } },
      { fact: 'cervicalSchedule', path: '$.ageOnNext', operator: 'greaterThanInclusive', value: 30 }] },
    event: nudge(CERVICAL, 'cervical/organised-screening', 'up-to-date', 'up-to-date-hpv', { fact: 'cervicalSchedule', path: '$.next' }) },
  { name: 'cervical/organised-screening up-to-date-cytology', priority: 10,
    conditions: { all: [{ condition: 'cervical-programme-age' },
      { fact: 'cervicalSchedule', path: '$.next', operator: 'dateAfter', value: { fact: 'today' } }] },
    event: nudge(CERVICAL, 'cervical/organised-screening', 'up-to-date', 'up-to-date-cytology', { fact: 'cervicalSchedule', path: '$.next' }) },
  { name: 'cervical/organised-screening due-hpv', priority: 9,
    conditions: { all: [{ condition: 'cervical-programme-age' }, { condition: 'cervical-screened' }, ageAtLeast(30)] },
    event: nudge(CERVICAL, 'cervical/organised-screening', 'due', 'due-hpv', { fact: 'cervicalSchedule', path: '$.dueFrom' }) },
  { name: 'cervical/organised-screening due-cytology', priority: 8,
    conditions: { all: [{ condition: 'cervical-programme-age' }, { condition: 'cervical-screened' }] },
    event: nudge(CERVICAL, 'cervical/organised-screening', 'due', 'due-cytology', { fact: 'cervicalSchedule', path: '$.dueFrom' }) },
];

// ------------------------------------------------------------------------------------- engine

export async function create() {
  const engine = new Engine([], { replaceFactsInEventParams: true });
  for (const operator of OPERATORS) engine.addOperator(operator);
  for (const [id, fact] of Object.entries(FACTS)) engine.addFact(id, fact);
  for (const [id, conditions] of Object.entries(CONDITIONS)) engine.setCondition(id, conditions);
  for (const rule of RULES) engine.addRule(rule);

  return {
    async evaluate(profile, asOf) {
      const { results } = await engine.run({ profile, today: asOf });
      // Per program, the successful rule of highest priority gives the nudge.
      const best = new Map();
      for (const result of results) {
        const { program } = result.event.params;
        if (!best.has(program) || result.priority > best.get(program).priority) best.set(program, result);
      }
      return [...best.values()].map(({ event: { params } }) =>
        ({ program: params.program, status: params.status, dueDate: params.dueDate ?? null }));
    },
  };
}

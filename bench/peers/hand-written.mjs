// The "floor" of the benchmark: the French organised cancer-screening logic (rules/fr-cancer-screening:
// breast, colorectal and cervical screening with their high-risk referrals, as in fr@2025.1.0) written
// by hand in plain JavaScript, with no rules engine. It takes an already validated profile and an
// evaluation date and returns one { program, status, dueDate } per program that gets a nudge.
//
// Dates are integers yyyymmdd (so < and > compare them); months and years are added on the calendar,
// clamping the day to the month's end (29 February + 1 year is 28 February), as Vigie does.

export const name = 'hand-written JavaScript';

// ------------------------------------------------------------------------------------------ dates

const parseDate = (text) => Number(text.slice(0, 4)) * 10000 + Number(text.slice(5, 7)) * 100 + Number(text.slice(8, 10));

const formatDate = (date) => {
  const y = Math.floor(date / 10000);
  const m = Math.floor(date / 100) % 100;
  const d = date % 100;
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
};

const isLeap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (y, m) => (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]);

/** `date` plus `n` months (n may be negative), the day clamped to the end of the month. */
function plusMonths(date, n) {
  const months = Math.floor(date / 10000) * 12 + (Math.floor(date / 100) % 100) - 1 + n;
  const y = Math.floor(months / 12);
  const m = months - y * 12 + 1;
  return y * 10000 + m * 100 + Math.min(date % 100, daysInMonth(y, m));
}

const plusYears = (date, n) => plusMonths(date, 12 * n);

/** Whole years from `from` to `to`: the age on `to` of someone born on `from`. */
function yearsBetween(from, to) {
  if (to < from) return -yearsBetween(to, from);
  let years = Math.floor(to / 10000) - Math.floor(from / 10000);
  if (plusYears(from, years) > to) years -= 1;
  return years;
}

// ----------------------------------------------------------------------------------------- person

const FEMALE_ORGANS = new Set(['cervix', 'uterus', 'ovaries', 'breasts']);
const FIRST_DEGREE = new Set(['mother', 'father', 'sister', 'brother', 'daughter', 'son']);
const MALE_RELATIVES = new Set([
  'father', 'brother', 'son', 'maternal-grandfather', 'paternal-grandfather', 'maternal-uncle',
  'paternal-uncle', 'nephew', 'maternal-male-cousin', 'paternal-male-cousin',
]);
const SEVERITY = { normal: 0, unknown: 1, abnormal: 2 };

/** The person's parental branch of a relative: siblings, children, nieces and nephews are in both. */
function branchOf(relation) {
  if (relation === 'mother' || relation.startsWith('maternal-')) return 'maternal';
  if (relation === 'father' || relation.startsWith('paternal-')) return 'paternal';
  return 'both';
}

/** The profile as the rules read it, on `today`. */
class Person {
  constructor(profile, today) {
    this.profile = profile;
    this.today = today;
    // A declared age only: the middle of the possible range, today − age − 6 months.
    this.birthDate = profile.birthDate != null
      ? parseDate(profile.birthDate)
      : plusMonths(plusYears(today, -profile.age), -6);
    this.age = yearsBetween(this.birthDate, today);
    this.conditions = profile.conditions ?? null;
    this.family = profile.familyHistory ?? [];
    this.screenings = profile.screenings ?? [];
  }

  birthday(n) {
    return plusYears(this.birthDate, n);
  }

  ageOn(date) {
    return yearsBetween(this.birthDate, date);
  }

  hasOrgan(organ) {
    const stated = this.profile.organs?.[organ];
    if (stated != null) return stated;
    return FEMALE_ORGANS.has(organ) ? this.profile.sex === 'female' : this.profile.sex === 'male';
  }

  /** Unknown conditions (no answer) count as absent. */
  hasCondition(code) {
    return this.conditions !== null && this.conditions.includes(code);
  }

  get knowsConditions() {
    return this.conditions !== null;
  }

  /** Tests of the given kinds, newest first; on the same day the worse result first, then profile order. */
  tests(kinds) {
    return this.screenings
      .filter((s) => kinds.includes(s.test))
      .map((s) => ({ test: s.test, date: parseDate(s.date), result: s.result ?? 'unknown' }))
      .sort((a, b) => b.date - a.date || SEVERITY[b.result] - SEVERITY[a.result]);
  }

  lastTest(kinds) {
    return this.tests(kinds)[0] ?? null;
  }

  relatives(condition) {
    return this.family.filter((r) => r.condition === condition);
  }
}

// ------------------------------------------------------------------------------------------ nudges

const due = (date) => ({ status: 'due', dueDate: date });
const upToDate = (date) => ({ status: 'up-to-date', dueDate: date });
const upcoming = (date) => ({ status: 'upcoming', dueDate: date });
const REFER = { status: 'refer', dueDate: null };

// Each rule returns a nudge, or null when it skips. For each program the first rule that does not
// skip decides.

function breastHighRisk(p) {
  if (p.hasCondition('breast-symptoms')) return REFER;
  const last = p.lastTest(['mammography', 'breast-mri', 'breast-ultrasound']);
  if (last && last.result === 'abnormal') return REFER;
  if (p.age < 20) return null;
  if (
    p.hasCondition('breast-cancer') || p.hasCondition('ductal-carcinoma-in-situ') ||
    p.hasCondition('brca1') || p.hasCondition('brca2') ||
    p.hasCondition('atypical-breast-hyperplasia') || p.hasCondition('lobular-carcinoma-in-situ') ||
    p.hasCondition('chest-radiotherapy')
  ) return REFER;

  // Eisinger score: one total per parental branch, the higher one kept.
  let maternal = 0;
  let paternal = 0;
  for (const r of p.family) {
    let points;
    switch (r.condition) {
      case 'brca1':
      case 'brca2':
        points = 5;
        break;
      case 'ovarian-cancer':
        points = 3;
        break;
      case 'breast-cancer': {
        const a = r.ageAtDiagnosis;
        if (MALE_RELATIVES.has(r.relation)) points = 4;
        else if (a == null) points = 1;
        else points = a < 30 ? 4 : a < 40 ? 3 : a < 50 ? 2 : a <= 70 ? 1 : 0;
        break;
      }
      default:
        continue;
    }
    const branch = branchOf(r.relation);
    if (branch !== 'paternal') maternal += points;
    if (branch !== 'maternal') paternal += points;
  }
  return Math.max(maternal, paternal) >= 3 ? REFER : null;
}

function breastOrganised(p) {
  if (p.age >= 75) return null;
  const start = p.birthday(50);
  if (p.age < 50) return start <= plusMonths(p.today, 12) ? upcoming(start) : null;
  const last = p.lastTest(['mammography']);
  if (!last) return due(start);
  const next = plusYears(last.date, 2);
  if (next >= p.birthday(75) || next > p.today) return upToDate(next);
  return due(Math.max(next, start));
}

function colorectalHighRisk(p) {
  if (p.hasCondition('digestive-symptoms')) return REFER;
  const last = p.lastTest(['fit', 'colonoscopy']);
  if (last && last.result === 'abnormal') return REFER;
  if (p.age < 18) return null;
  if (
    p.hasCondition('colorectal-cancer') || p.hasCondition('colorectal-adenoma') ||
    p.hasCondition('inflammatory-bowel-disease') || p.hasCondition('lynch-syndrome') ||
    p.hasCondition('familial-adenomatous-polyposis')
  ) return REFER;

  // Family history: one first-degree relative diagnosed before 65, or two at any age.
  let firstDegree = 0;
  let before65 = false;
  for (const r of p.relatives('colorectal-cancer')) {
    if (!FIRST_DEGREE.has(r.relation)) continue;
    firstDegree += 1;
    if (r.ageAtDiagnosis != null && r.ageAtDiagnosis < 65) before65 = true;
  }
  if (!before65 && firstDegree < 2) return null;
  if (p.age >= 75) return null;
  if (p.age >= 45) return REFER;
  const start = p.birthday(45);
  return start <= plusMonths(p.today, 12) ? upcoming(start) : null;
}

function colorectalOrganised(p) {
  if (p.age >= 75) return null;
  const start = p.birthday(50);
  if (p.age < 50) return start <= plusMonths(p.today, 12) ? upcoming(start) : null;
  const fit = p.lastTest(['fit']);
  const colonoscopy = p.lastTest(['colonoscopy']);
  if (!fit && !colonoscopy) return due(start);
  let next = fit ? plusYears(fit.date, 2) : start;
  if (colonoscopy) next = fit ? Math.max(next, plusYears(colonoscopy.date, 5)) : plusYears(colonoscopy.date, 5);
  if (next >= p.birthday(75) || next > p.today) return upToDate(next);
  return due(Math.max(next, start));
}

function cervicalOrganised(p) {
  if (!p.hasOrgan('cervix')) return null;
  if (p.hasCondition('hysterectomy-total')) return null;
  const tests = p.tests(['cervical-cytology', 'hpv-test']);
  const last = tests[0] ?? null;
  if (last && last.result === 'abnormal') return REFER;
  if (p.hasCondition('cervical-cancer')) return REFER;
  if (p.hasCondition('never-sexually-active')) return null;

  if (p.age >= 66) return null;
  const start = p.birthday(25);
  if (p.age < 25) return start <= plusMonths(p.today, 12) ? upcoming(start) : null;
  if (!last) return due(start);

  let next = plusYears(last.date, 5);
  if (last.test === 'cervical-cytology') {
    // 3 years after a normal cytology that follows a normal cytology, or when the next test is an
    // HPV test (30 or over, or 30 before the 1-year repeat); otherwise 1 year.
    const previous = tests[1];
    const twoNormal = previous !== undefined && previous.test === 'cervical-cytology' && previous.result === 'normal';
    const hpvNext = p.age >= 30 || plusYears(last.date, 1) >= p.birthday(30);
    next = plusYears(last.date, last.result === 'normal' && (twoNormal || hpvNext) ? 3 : 1);
  }
  if (next >= p.birthday(66) || next > p.today) return upToDate(next);
  return due(Math.max(next, start));
}

const PROGRAMS = [
  ['breast-cancer-screening', (p) => (p.hasOrgan('breasts') ? breastHighRisk(p) ?? breastOrganised(p) : null)],
  ['colorectal-cancer-screening', (p) => colorectalHighRisk(p) ?? colorectalOrganised(p)],
  ['cervical-cancer-screening', cervicalOrganised],
];

export async function create() {
  return {
    evaluate(profile, asOf) {
      const person = new Person(profile, parseDate(asOf));
      const nudges = [];
      for (const [program, decide] of PROGRAMS) {
        const nudge = decide(person);
        if (nudge) {
          nudges.push({
            program,
            status: nudge.status,
            dueDate: nudge.dueDate === null ? null : formatDate(nudge.dueDate),
          });
        }
      }
      return nudges;
    },
  };
}

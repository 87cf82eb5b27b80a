// What the page takes back from outside before putting it in the form: its own saved answers
// (localStorage, which anything on the device can change) and an imported file. Both are checked
// for size and shape; what does not fit is left out and named, never allowed to stop the page.
// No DOM here: tests run it in Node too.

/** The caps (README "Limits"). Rows: the engine refuses longer lists anyway (docs/contract.md §1). */
export const LIMITS = Object.freeze({
  /** Characters of a saved entry, bytes of an imported file: the engine's profile limit. */
  size: 1_000_000,
  /** Relatives, tests, vaccines, conditions. */
  rows: 200,
  /** Characters of one answer. */
  text: 100,
});

const TEXT = ['birthDay', 'birthMonth', 'birthYear', 'age', 'sex', 'conditionsKnown', 'smoking', 'packYears',
  'quitMonth', 'quitYear', 'height', 'weight', 'familyKnown', 'screeningsKnown', 'vaccinationsKnown'];
const ROWS = {
  relatives: ['relation', 'condition', 'age'],
  screenings: ['test', 'date', 'result'],
  vaccinations: ['vaccine', 'date'],
};
const ORGAN_VALUES = ['yes', 'no', 'unknown'];

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
// Numbers are accepted where text is expected (an imported age of 44); nothing else.
const asText = (v) => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : null);

/**
 * The answers that can be put in the form, from untrusted raw answers (the shape of
 * `readAnswers()`): `{ answers, refused }`. `refused` lists what was left out:
 * `{ field, reason: 'type' | 'text' | 'rows', count? }`. Absent fields stay absent.
 */
export function checkAnswers(raw) {
  const answers = {};
  const refused = [];
  if (!isObject(raw)) return { answers, refused: [{ field: 'answers', reason: 'type' }] };
  const text = (field, value) => {
    const s = asText(value);
    if (s === null) refused.push({ field, reason: 'type' });
    else if (s.length > LIMITS.text) refused.push({ field, reason: 'text' });
    else return s;
    return undefined;
  };
  for (const field of TEXT) {
    if (raw[field] === undefined || raw[field] === null) continue;
    const s = text(field, raw[field]);
    if (s !== undefined) answers[field] = s;
  }
  if (raw.birthUnknown !== undefined) {
    if (typeof raw.birthUnknown === 'boolean') answers.birthUnknown = raw.birthUnknown;
    else refused.push({ field: 'birthUnknown', reason: 'type' });
  }
  if (raw.organs !== undefined) {
    if (!isObject(raw.organs)) refused.push({ field: 'organs', reason: 'type' });
    else {
      answers.organs = {};
      for (const [organ, value] of Object.entries(raw.organs)) {
        if (ORGAN_VALUES.includes(value) && organ.length <= LIMITS.text) answers.organs[organ] = value;
        else refused.push({ field: `organs.${organ.slice(0, LIMITS.text)}`, reason: 'type' });
      }
    }
  }
  if (raw.conditions !== undefined) {
    if (!Array.isArray(raw.conditions)) refused.push({ field: 'conditions', reason: 'type' });
    else if (raw.conditions.length > LIMITS.rows) refused.push({ field: 'conditions', reason: 'rows', count: raw.conditions.length });
    else {
      const list = raw.conditions.map((c, i) => text(`conditions[${i}]`, c));
      answers.conditions = list.filter((c) => c !== undefined);
    }
  }
  for (const [field, keys] of Object.entries(ROWS)) {
    const rows = raw[field];
    if (rows === undefined) continue;
    if (!Array.isArray(rows)) refused.push({ field, reason: 'type' });
    else if (rows.length > LIMITS.rows) refused.push({ field, reason: 'rows', count: rows.length });
    else {
      answers[field] = [];
      rows.forEach((row, i) => {
        if (!isObject(row)) {
          refused.push({ field: `${field}[${i}]`, reason: 'type' });
          return;
        }
        const clean = {};
        for (const key of keys) {
          if (row[key] === undefined || row[key] === null) continue;
          const s = text(`${field}[${i}].${key}`, row[key]);
          if (s !== undefined) clean[key] = s;
        }
        answers[field].push(clean);
      });
    }
  }
  return { answers, refused };
}

/**
 * A saved entry (sessionStorage or localStorage text): `{ saved: { lang, answers, carried, view? }, refused }`, or
 * `{ problem: 'too-large' | 'unreadable' }` when nothing of it can be used; `{}` when there is none.
 */
export function readSaved(text) {
  if (text === null || text === undefined) return {};
  if (typeof text !== 'string') return { problem: 'unreadable' };
  if (text.length > LIMITS.size) return { problem: 'too-large' };
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { problem: 'unreadable' };
  }
  if (!isObject(data) || data.format !== 'vigie-answers/1' || !isObject(data.answers)) return { problem: 'unreadable' };
  const { answers, refused } = checkAnswers(data.answers);
  const saved = { lang: data.lang === 'en' ? 'en' : 'fr', answers, carried: checkCarried(data.carried) };
  if (data.view === 'results') saved.view = 'results';
  return { saved, refused };
}

/** The lists of a profile (an imported file) longer than the cap: `[{ field, count }]`. */
export function longLists(profile) {
  if (!isObject(profile)) return [];
  return ['conditions', 'familyHistory', 'screenings', 'vaccinations']
    .filter((field) => Array.isArray(profile[field]) && profile[field].length > LIMITS.rows)
    .map((field) => ({ field, count: profile[field].length }));
}

// ------------------------------------------------------------------ what the form cannot show yet

/** An approximate date (docs/contract.md §1 v1.1): a year, or a month and a year. */
const APPROXIMATE = /^\d{4}(-\d{2})?$/;
const isApproximate = (date) => typeof date === 'string' && APPROXIMATE.test(date);
const copy = (value) => JSON.parse(JSON.stringify(value));

/**
 * Splits a profile (an imported file, v1.1 shape) into what the form can show and what it cannot
 * yet: the `unknown` object (docs/questions.md §4), tests and vaccines dated `YYYY` or `YYYY-MM`,
 * an approximate quit date. `{ form, carried }`; `carried` is null when there is nothing to carry.
 * The carried parts go back into the profile unchanged (`withCarried`), so nothing is lost.
 */
export function splitCarried(profile) {
  if (!isObject(profile)) return { form: profile, carried: null };
  const form = copy(profile);
  const carried = {};
  if (form.unknown !== undefined) {
    if (isObject(form.unknown)) carried.unknown = form.unknown;
    delete form.unknown;
  }
  for (const field of ['screenings', 'vaccinations']) {
    if (!Array.isArray(form[field])) continue;
    const approximate = form[field].filter((entry) => isObject(entry) && isApproximate(entry.date));
    if (!approximate.length) continue;
    carried[field] = approximate;
    form[field] = form[field].filter((entry) => !approximate.includes(entry));
    // Only approximate entries: the form leaves the list unanswered; the entries come back whole.
    if (form[field].length === 0) delete form[field];
  }
  if (isObject(form.smoking) && isApproximate(form.smoking.quitDate)) {
    carried.quitDate = form.smoking.quitDate;
    delete form.smoking.quitDate;
  }
  return { form, carried: Object.keys(carried).length ? carried : null };
}

/**
 * The profile with the carried parts put back: `{ profile, paths }`, `paths` naming where they are
 * (`unknown`, `screenings[3]`, `smoking.quitDate`), so that a problem there is known as theirs. What
 * the person answered in the form wins: a quit date typed in the form replaces the carried one.
 */
export function withCarried(profile, carried) {
  if (!carried) return { profile, paths: [] };
  const merged = copy(profile);
  const paths = [];
  if (carried.unknown) {
    merged.unknown = copy(carried.unknown);
    paths.push('unknown');
  }
  for (const field of ['screenings', 'vaccinations']) {
    if (!carried[field]?.length) continue;
    const list = Array.isArray(merged[field]) ? merged[field] : [];
    for (const entry of carried[field]) {
      paths.push(`${field}[${list.length}]`);
      list.push(copy(entry));
    }
    merged[field] = list;
  }
  if (carried.quitDate && merged.smoking?.status === 'former' && merged.smoking.quitDate === undefined) {
    merged.smoking.quitDate = carried.quitDate;
    paths.push('smoking.quitDate');
  }
  return { profile: merged, paths };
}

/** Carried parts read back from the device (untrusted): only what `splitCarried` would carry. */
export function checkCarried(raw) {
  if (!isObject(raw)) return null;
  const text = JSON.stringify(raw);
  if (text.length > LIMITS.size) return null;
  const lists = ['screenings', 'vaccinations'].filter((f) => Array.isArray(raw[f]) && raw[f].length > LIMITS.rows);
  if (lists.length) return null;
  const profile = { unknown: raw.unknown, screenings: raw.screenings, vaccinations: raw.vaccinations };
  if (raw.quitDate !== undefined) profile.smoking = { status: 'former', quitDate: raw.quitDate };
  return splitCarried(profile).carried;
}

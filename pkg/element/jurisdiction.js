// Which rule set the page runs, and what each asks: France (the built-in `fr`, the default) or the
// United States (the built-in `us`, USPSTF grades A and B). Chosen with the selector or `?rules=us`
// in the address; the choice stays in the page (the address is never sent anywhere by the page).

/**
 * Per jurisdiction: the built-in rule set, the languages its messages speak (the page speaks only
 * those, so that every word of a result is in the page's language), and the questions only its
 * rules read (for the full form; the adaptive path asks what each rule set declares), and how a
 * full date is written (`dates`: day/month/year unless said).
 */
export const JURISDICTIONS = {
  fr: { ruleset: 'fr', locales: ['fr', 'en'], asks: ['departement'] },
  us: { ruleset: 'us', locales: ['en'], asks: ['ancestry'], dates: 'mdy' },
};

export const DEFAULT = 'fr';

/** The jurisdiction `?rules=` names: `{ code, unknown }`, `unknown` holding a value it does not know. */
export function fromAddress(search) {
  const wanted = new URLSearchParams(search).get('rules');
  if (wanted === null || wanted === '') return { code: DEFAULT, unknown: null };
  const code = wanted.toLowerCase();
  return code in JURISDICTIONS ? { code, unknown: null } : { code: DEFAULT, unknown: wanted.slice(0, 40) };
}

/** The address with `?rules=` set for `code` (left out for the default), other parameters kept. */
export function addressFor(href, code) {
  const url = new URL(href);
  if (code === DEFAULT) url.searchParams.delete('rules');
  else url.searchParams.set('rules', code);
  return url.href;
}

/** Whether the rules of `code` read the answer `question`. */
export const asks = (code, question) => JURISDICTIONS[code].asks.includes(question);

/** The language results are given in: the page's, when the rule set speaks it, else its first. */
export function reportLocale(code, pageLocale) {
  const { locales } = JURISDICTIONS[code];
  return locales.includes(pageLocale) ? pageLocale : locales[0];
}

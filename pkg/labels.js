// The words for a nudge's status (docs/contract.md §2), one source for the package and the page
// (www/ shows them as its status badges). The rule set words programs and codes; the statuses are
// the engine's, so they live here. A locale missing here gets no status words (labels() says so).

/** Each status word of the contract, by locale. */
export const STATUS_LABELS = Object.freeze({
  fr: Object.freeze({
    due: 'À faire',
    upcoming: 'Bientôt',
    'up-to-date': 'À jour',
    refer: 'À voir avec un professionnel',
    info: 'Pour information',
  }),
  en: Object.freeze({
    due: 'To do',
    upcoming: 'Coming soon',
    'up-to-date': 'Up to date',
    refer: 'To discuss with a professional',
    info: 'For information',
  }),
});


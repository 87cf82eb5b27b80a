// The public TypeScript API of the `vigie` package.
import type {
  Ancestry, Condition, Departement, Organ, ProgramCode, Relation, Sex, SmokingStatus, TestCode,
  TestResult, VaccineCode,
} from './codes.js';

export type {
  Ancestry, Condition, Departement, Organ, ProgramCode, Relation, Sex, SmokingStatus, TestCode,
  TestResult, VaccineCode,
} from './codes.js';

/** A date as `YYYY-MM-DD`. */
export type IsoDate = string;

/**
 * The date of a past event (v1.1): a day `YYYY-MM-DD`, or when the day is not known a month
 * `YYYY-MM` or a year `YYYY` (docs/contract.md §1, approximate dates).
 */
export type EventDate = string;

/** How precisely a date is known, when not to the day: `age` is counted from a declared age. */
export type DatePrecision = 'month' | 'year' | 'age';

/** A person's profile (docs/contract.md §1). An absent answer means "unknown", never "no". */
export interface Profile {
  /** Required unless `age` is given. */
  birthDate?: IsoDate;
  /** Whole years on the evaluation date, when the birth date is unknown. */
  age?: number;
  /** As recorded at birth. */
  sex: Sex;
  /** Overrides what `sex` implies (after surgery, for trans and intersex people). */
  organs?: Partial<Record<Organ, boolean | null>>;
  pregnant?: boolean | null;
  smoking?: { status?: SmokingStatus | null; packYears?: number | null; quitDate?: EventDate | null } | null;
  heightCm?: number | null;
  weightKg?: number | null;
  conditions?: Condition[] | null;
  familyHistory?: Array<{ relation: Relation; condition: Condition; ageAtDiagnosis?: number | null }> | null;
  screenings?: Array<{ test: TestCode; date: EventDate; result?: TestResult | null }> | null;
  vaccinations?: Array<{ vaccine: VaccineCode; date: EventDate }> | null;
  /** The French département code, as text (`'75'`, `'2A'`, `'976'`; v1.1): rules say where to go. */
  departement?: Departement | null;
  /**
   * Ancestries a guideline names (v1.1 extension, docs/contract.md §1): `asian` (the USPSTF lowers
   * the BMI threshold of diabetes screening for Asian Americans), `black` (Black adults are at
   * higher risk of hypertension), `ashkenazi-jewish` (an ancestry linked to BRCA1/2 variants).
   * Absent: not answered; `[]`: none of these. Like every answer, it never leaves the device.
   */
  ancestry?: Ancestry[] | null;
  /**
   * Where an answered list is not complete (v1.1, docs/questions.md §4): a list of codes that are
   * unknown, or `true` when the list holds only what the person remembers (every code not listed
   * is unknown). A code both listed and named unknown is refused (`contradiction`).
   */
  unknown?: ProfileUnknown | null;
}

/** Which codes of an answered list are unknown: these codes, or `true` for every code not listed. */
export type UnknownCodes<Code> = Code[] | true;

/** The profile's `unknown` (docs/questions.md §4). `familyHistory` names conditions ("whether a relative had it"). */
export interface ProfileUnknown {
  conditions?: UnknownCodes<Condition>;
  familyHistory?: UnknownCodes<Condition>;
  screenings?: UnknownCodes<TestCode>;
  vaccinations?: UnknownCodes<VaccineCode>;
  ancestry?: UnknownCodes<Ancestry>;
}

/** A nudge's status (docs/contract.md §2). */
export type Status = 'due' | 'up-to-date' | 'upcoming' | 'refer' | 'info';

export interface SourceRef {
  label: string;
  url: string;
  /** When the fact was last checked. */
  checked: IsoDate;
}

/** A fact a rule read: `fact` is its kind; the other fields depend on it. */
export interface Fact {
  fact: string;
  [field: string]: string | number;
}

export interface Nudge {
  program: ProgramCode;
  status: Status;
  /** See docs/contract.md §2; `null` for `refer` and `info`. */
  dueDate: IsoDate | null;
  /** The rule that decided. */
  rule: string;
  title: string;
  message: string;
  /** What to do and whom to see. */
  action: string;
  /** The facts used, worded for the person. */
  reasons: string[];
  sources: SourceRef[];
  /** The facts used, structured. */
  facts: Fact[];
  /** What the nudge rested on that is known only roughly (v1.1); absent when every date was exact. */
  approximate?: Approximate;
}

/** The approximate dates a nudge rested on (docs/contract.md §2). */
export interface Approximate {
  /** How precisely `dueDate` is known, when it is not a known day. */
  dueDate?: DatePrecision;
  /** The profile's approximate dates the rule read. */
  dates: Array<{
    fact: 'last-test' | 'last-vaccination' | 'quit-date';
    /** As given: `2022` or `2022-05`. */
    date: EventDate;
    precision: 'month' | 'year';
    /** The day the rules read it as: the first of the period for a test or a vaccination, the last (at most the evaluation date) for a quit date. */
    readAs: IsoDate;
  }>;
}

/** A rule that failed; the other rules still answered. */
export interface RuleError {
  rule: string;
  program: ProgramCode;
  message: string;
  line: number | null;
  column: number | null;
}

/**
 * What happened to a rule, in the trace: `fired` (it gave its program's nudge), `skipped` (it did
 * not apply; `reason` says why), `overridden` (an earlier rule had given the nudge), `blocked` (an
 * earlier rule of its program failed), `error` (it failed; `reason` says how).
 */
export type TraceOutcome =
  | 'fired'
  | 'skipped'
  | 'overridden'
  | 'blocked'
  | 'error';

export interface TraceEntry {
  rule: string;
  program: ProgramCode;
  outcome: TraceOutcome;
  status?: Status;
  reason?: string;
  line?: number;
  column?: number;
  facts: Fact[];
}

export interface RuleSetId {
  id: string;
  version: string;
  /** `sha256:` of the rule set's canonical form (for an overlay: of the overlay and its base). */
  digest: string;
  /** For an overlay (`extends = "fr@2025.1.0"`): the rule set it extends. */
  extends?: RuleSetId;
}

/** What a report's warning is about. */
export type WarningKind =
  | 'before-in-force'
  | 'after-validity'
  | 'review-overdue'
  | 'fact-review-overdue'
  | 'directory-review-overdue';

/**
 * Something to know about the whole report: an `asOf` outside the version's validity, or rules
 * (`review-overdue`), versioned facts (`fact-review-overdue`) or a directory of places
 * (`directory-review-overdue`) past their review-by date — show it
 * to the person: what they read may be out of date.
 */
export interface Warning {
  warning: WarningKind;
  /** In English, for the integrator. */
  message: string;
  /** `fact-review-overdue`: the versioned fact (`influenza-campaign-usual`). */
  fact?: string;
  /** `directory-review-overdue`: the directory whose names and websites may be out of date (`crcdc`). */
  directory?: string;
  /** `fact-review-overdue`, `directory-review-overdue`: its label in the report's locale. */
  label?: string;
  /** The review warnings: the day by which it was to be checked again (YYYY-MM-DD). */
  reviewBy?: string;
  /** `review-overdue`: the day the rule set was last checked against its sources. */
  checked?: string;
}

/**
 * Why an entry or element of a FHIR bundle was not used (docs/contract.md §5; docs/fhir.md): `not-read`
 * (a resource type the import does not read), `status` (entered-in-error, not-done, cancelled …),
 * `unknown-code` (no code in the mapping tables), `not-counted` (known, and gives the profile
 * nothing: a Tdap), `no-date`, `approximate-date` (no longer given since v1.1 takes approximate dates), `future-date`, `before-birth`, `other-patient`,
 * `duplicate`, `superseded`, `out-of-range`, `contradiction`, `modifier`, `no-value`,
 * `out-of-date`, `too-many`.
 */
export type NotUsedKind =
  | 'not-read'
  | 'status'
  | 'unknown-code'
  | 'not-counted'
  | 'no-date'
  | 'approximate-date'
  | 'future-date'
  | 'before-birth'
  | 'other-patient'
  | 'duplicate'
  | 'superseded'
  | 'out-of-range'
  | 'contradiction'
  | 'modifier'
  | 'no-value'
  | 'out-of-date'
  | 'too-many';

/** An entry or element of the bundle that gave the profile nothing, at its JSON path. */
export interface NotUsed {
  /** From the bundle's root: `entry[3].resource.code`. */
  path: string;
  kind: NotUsedKind;
  /** In English, for the integrator. */
  reason: string;
}

/** Something used with a caveat (administrative gender taken for sex at birth …). */
export interface ImportNote {
  /** From the bundle's root; `''` for the bundle as a whole. */
  path: string;
  note: string;
}

/** The mapping tables (FHIR codes → profile codes) that decided, with their digest. */
export interface MappingsId {
  version: string;
  /** `sha256:` of their canonical form. */
  digest: string;
  checked: IsoDate;
  reviewBy: IsoDate;
}

/** What a FHIR R4 bundle gave (`vigie import fhir`; a report's `import`). */
export interface ImportResult {
  /** The profile (docs/contract.md §1) made from the bundle. */
  profile: Profile;
  /** Every entry or element not used, and why, in the order of the entries. */
  notUsed: NotUsed[];
  notes: ImportNote[];
  mappings: MappingsId;
}

/**
 * What kind of problem refused a FHIR bundle: a closed list — branch on it, never on `message`.
 */
export type FhirProblemKind =
  | 'not-json'
  | 'not-utf8'
  | 'too-large'
  | 'too-deep'
  | 'duplicate-key'
  | 'not-a-bundle'
  | 'not-fhir-r4'
  | 'unknown-field'
  | 'wrong-type'
  | 'unknown-code'
  | 'not-a-date'
  | 'missing-field'
  | 'no-patient'
  | 'several-patients'
  | 'future-date'
  | 'out-of-range'
  | 'contradiction'
  | 'modifier'
  | 'profile-refused';

/** One thing wrong with a FHIR bundle, at a JSON path such as `entry[0].resource.birthDate`. */
export interface FhirProblem {
  /** From the bundle's root; `''` for the whole text. */
  path: string;
  kind: FhirProblemKind;
  /** In English, for the integrator. */
  message: string;
}

/** The report (docs/contract.md §2). */
export interface Report {
  ruleset: RuleSetId;
  asOf: IsoDate;
  locale: string;
  /** Most urgent first. */
  nudges: Nudge[];
  errors: RuleError[];
  /** Present only when there is something to warn about. */
  warnings?: Warning[];
  /** Present when `trace: true` was asked. */
  trace?: TraceEntry[];
  /** Present when the profile came from a FHIR bundle (`evaluateFhir`). */
  import?: ImportResult;
  /**
   * Present when `questions: true` was asked (docs/contract.md §7): the open questions whose
   * answer could change a nudge, most consequential first; `[]` when none could.
   */
  questions?: OpenQuestion[];
}

export interface EvaluateOptions {
  /** The evaluation date; today by default. */
  asOf?: IsoDate;
  /** `fr` (default) or `en` for the French rule set. */
  locale?: string;
  /** Adds every rule's outcome to the report. */
  trace?: boolean;
  /**
   * Adds the report's `questions` (as `vigie eval --questions`). Not with cards, nor with
   * `evaluateFhir`: refused with `invalid-options` at path `questions`.
   */
  questions?: boolean;
  /** The report (the default); `'cds-hooks'` answers cards instead (`CardsEvaluateOptions`). */
  format?: 'report';
}

/** An evaluation that answers CDS Hooks cards (docs/contract.md §6) instead of the report. */
export interface CardsEvaluateOptions {
  format: 'cds-hooks';
  /** The evaluation date; today by default. */
  asOf?: IsoDate;
  /** `fr` (default) or `en` for the French rule set: the cards' words. */
  locale?: string;
  /** Cards for up-to-date nudges too (`--all`). */
  all?: boolean;
}

/** Which nudges of a report become cards. */
export interface CardOptions {
  /** Cards for up-to-date nudges too (`--all`). */
  all?: boolean;
}

/**
 * A card's urgency: `critical` for `refer` (the standard programme does not fit), `warning` for
 * `due`, `info` for `upcoming`, `info` and `up-to-date`.
 */
export type CardIndicator = 'info' | 'warning' | 'critical';

/** A link to a source of the advice (CDS Hooks `Link`). */
export interface CardLink {
  label: string;
  /** An absolute `http(s)` address. */
  url: string;
  type: 'absolute';
}

/**
 * A CDS Hooks 2.0 card for one nudge, worded for the clinician reading a record; the report's
 * patient-facing title, message and action are quoted in `detail` as such.
 */
export interface Card {
  /** Derived from the rule set's digest, the locale and the nudge's program, status, due date and rule (RFC 9562 version 8); never random. */
  uuid: string;
  /** The program's title and what its status asks; under 140 characters, one line. */
  summary: string;
  /** GitHub-Flavored Markdown: the facts on record, the quoted patient-facing text, the rule and rule set. */
  detail: string;
  indicator: CardIndicator;
  source: {
    /** Names the rule set's id and version (`Vigie rule set fr 2026.1.0`). */
    label: string;
    /** The nudge's first source, when it has one. */
    url?: string;
  };
  /** The nudge's sources, each address once; absent when it has none. */
  links?: CardLink[];
}

/** A CDS Hooks response: one card per nudge that asks for something (none: `[]`). */
export interface CdsHooksResponse {
  cards: Card[];
}

/**
 * What kind of problem (docs/contract.md §1): a closed list — branch on it, never on `message`.
 * `not-json` (a syntax error, empty text, a byte order mark, an object JSON cannot write),
 * `not-utf8`, `too-large` (over 1 000 000 bytes), `too-deep` (nested over 64 levels),
 * `too-many-entries` (a list over 200), `duplicate-key` (a key twice in one object),
 * `duplicate-entry` (the same condition, or test or vaccine on the same day, listed twice),
 * `wrong-type`, `missing-field`, `unknown-field`, `unknown-code`, `not-a-date`, `future-date`
 * (after the evaluation date), `before-birth`, `out-of-range`, `contradiction` (answers that
 * cannot all be true).
 */
export type ProblemKind =
  | 'not-json'
  | 'not-utf8'
  | 'too-large'
  | 'too-deep'
  | 'too-many-entries'
  | 'duplicate-key'
  | 'duplicate-entry'
  | 'wrong-type'
  | 'missing-field'
  | 'unknown-field'
  | 'unknown-code'
  | 'not-a-date'
  | 'future-date'
  | 'before-birth'
  | 'out-of-range'
  | 'contradiction';

/** One thing wrong with a profile, at a JSON path such as `screenings[1].date`. */
export interface Problem {
  /** A JSON path from the profile's root; `''` for the whole profile. */
  path: string;
  kind: ProblemKind;
  /** What is wrong, in English, for the integrator. */
  message: string;
}

/** A rule-set problem at `file:line:column`. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** A rule set written by `vigie bundle` (format 2; format 1, without `bundleDigest`, is still read). */
export interface Bundle {
  format: 'vigie-bundle/2' | 'vigie-bundle/1';
  id: string;
  version: string;
  /** `sha256:` of `ruleset` (what reports name). */
  digest: string;
  /** Last day this version applied, when it was bundled from a folder of versions and a newer one replaced it. */
  validUntil?: string;
  /** `sha256:` of the whole bundle without this member: covers `validUntil` too (format 2). */
  bundleDigest?: string;
  ruleset: unknown;
}

export type VigieErrorData =
  | { code: 'invalid-profile'; message: string; problems: Problem[] }
  /** `profileFromAnswers` refused the answers: every problem at `answers.<id>…` (docs/questions.md §5). */
  | { code: 'invalid-answers'; message: string; problems: Problem[] }
  | { code: 'invalid-options'; message: string; path: string }
  | { code: 'unknown-locale'; message: string }
  | { code: 'invalid-bundle'; message: string; diagnostics: Diagnostic[] }
  | { code: 'digest-mismatch'; message: string; expected: string; actual: string }
  /**
   * The module trapped (a panic, `unreachable`, memory exhausted) during this call. Its instance was
   * replaced by a fresh one and every rule set is loaded again there on its next call: later calls
   * work. `cause` is the `WebAssembly.RuntimeError` (or whatever the trap threw).
   */
  | { code: 'engine-trapped'; message: string; cause?: unknown }
  /** `free()` was already called on this `Vigie` (a second `free()`, or a use after it). */
  | { code: 'engine-freed'; message: string }
  /** `expectDigest` was given and the rule set (or the bundle) has another digest. */
  | { code: 'unexpected-digest'; message: string; expected: string; actual: string; bundleDigest?: string }
  /** A bundle, or an overlay's embedded base, claims a built-in `id@version` (`claims`) but is not it. */
  | { code: 'built-in-mismatch'; message: string; claims: string; expected: string; actual: string }
  /** A FHIR bundle was refused (not R4, no Patient, no birth date or sex …): every problem at its path. */
  | { code: 'invalid-fhir'; message: string; problems: FhirProblem[] }
  /** What was given to `cards()` is not a report (docs/contract.md §2). */
  | { code: 'invalid-report'; message: string }
  /** `vigie/worker`: the call (`method`) was not answered within `deadlineMs`; the worker was terminated. */
  | { code: 'deadline-exceeded'; message: string; method: string; deadlineMs: number }
  /** `vigie/worker`: the call was waiting when the worker was terminated for another call's deadline. */
  | { code: 'worker-restarted'; message: string }
  /** `vigie/worker`: the worker failed (an error, an unreadable message, an exit, a script that did not load). */
  | { code: 'worker-crashed'; message: string }
  /** `vigie/worker`: an argument structured clone cannot send to the worker (a function, a DOM node …). */
  | { code: 'not-cloneable'; message: string }
  | { code: 'internal'; message: string };

/** Thrown for bad input: `code` says which kind, `message` what and where. */
export class VigieError extends Error {
  readonly code: VigieErrorData['code'];
  readonly cause?: unknown;
  /** `invalid-profile`, `invalid-answers`: `Problem`s; `invalid-fhir`: `FhirProblem`s. */
  readonly problems?: Problem[] | FhirProblem[];
  readonly path?: string;
  readonly diagnostics?: Diagnostic[];
  readonly expected?: string;
  readonly actual?: string;
  readonly bundleDigest?: string;
  readonly claims?: string;
  /** `deadline-exceeded`: the late call and the deadline it missed (ms). */
  readonly method?: string;
  readonly deadlineMs?: number;
}

/** One loaded rule set. Instances are independent. Made by `createVigie()`, never with `new`. */
export class Vigie {
  private constructor();
  /** `{ id, version, digest }` of the loaded rule set. */
  ruleset(): Readonly<RuleSetId>;
  /**
   * Evaluates a profile. Throws `VigieError` (`invalid-profile`, `invalid-options`, `unknown-locale`;
   * `engine-trapped` if the module trapped, after which calls work again; `engine-freed`).
   */
  evaluate(profile: Profile, options?: EvaluateOptions): Report;
  /** Evaluates a profile and answers CDS Hooks cards instead of the report. */
  evaluate(profile: Profile, options: CardsEvaluateOptions): CdsHooksResponse;
  /**
   * Same, JSON text in and out: byte-identical to `vigie eval` (with `format: 'cds-hooks'`, to
   * `vigie eval --format cds-hooks`).
   */
  evaluateJson(profileJson: string, options?: EvaluateOptions | CardsEvaluateOptions): string;
  /**
   * A report (the object `evaluate` returned, or its JSON text) as CDS Hooks cards: the same as
   * evaluating with `format: 'cds-hooks'`. Throws `invalid-report`, `invalid-options`.
   */
  cards(report: Report | string, options?: CardOptions): CdsHooksResponse;
  /** The problems of a profile (empty when valid), without evaluating it. */
  validate(profile: unknown, options?: Pick<EvaluateOptions, 'asOf'>): Problem[];
  /** Releases the rule set's memory. Afterwards every method but `ruleset()` throws `engine-freed`. */
  free(): void;
}

export interface CreateOptions {
  /** A built-in rule set id (`'fr'`, the default) or a bundle from `vigie bundle`. */
  ruleset?: string | Bundle;
  /**
   * The digest the rule set must have (`sha256:` and 64 hex digits): its `digest`, as reports
   * name it, or for a bundle its `bundleDigest` (which also pins `validUntil`). Another is refused
   * with `unexpected-digest` before the rule set is compiled.
   */
  expectDigest?: string;
  /** Browsers: where to fetch `vigie_bg.wasm` from, or its bytes (default: next to the module). */
  wasm?: URL | string | Response | BufferSource | WebAssembly.Module;
}

/** Loads the module (once) and a rule set. */
export function createVigie(options?: CreateOptions): Promise<Vigie>;

/** Options of the calls that only read words: the locale (the rule set's first by default). */
export interface WordsOptions {
  locale?: string;
}

/** One program a rule set covers, worded in a locale (as `vigie programs` prints it). */
export interface CoveredProgram {
  program: ProgramCode;
  /** The rule set's title for it, else the engine's. */
  title: string;
  /** One sentence on what it is: the rule set's, else the engine's. */
  description: string;
}

/**
 * How a questionnaire says each code, list by list, in the engine's words (`Je fume`, `Ma mère`);
 * `program` is a program as the subject of a sentence (`Votre mammographie`). Empty lists in a
 * locale the engine does not speak.
 */
export interface AnswerWords {
  sex: Partial<Record<Sex, string>>;
  organ: Partial<Record<Organ, string>>;
  smoking: Partial<Record<SmokingStatus, string>>;
  condition: Partial<Record<Condition, string>>;
  /** A relative's condition where it is said otherwise than in `condition`. */
  familyCondition: Partial<Record<Condition, string>>;
  relation: Partial<Record<Relation, string>>;
  test: Partial<Record<TestCode, string>>;
  result: Partial<Record<TestResult, string>>;
  vaccine: Partial<Record<VaccineCode, string>>;
  /** Ancestries (v1.1 extension), as a questionnaire says them. */
  ancestry: Partial<Record<Ancestry, string>>;
  program: Partial<Record<ProgramCode, string>>;
}

/** The words for codes in one locale. */
export interface CodeLabels {
  locale: string;
  /** Code (or versioned fact, or directory) → the label reports give it: the rule set's, else the engine's. */
  codes: Record<string, string>;
  answers: AnswerWords;
}

// Declared apart from the class above (declaration merging), as the calls were added.
export interface Vigie {
  /** What the rule set covers, in the engine's order of programs. Throws `unknown-locale`, `invalid-options`. */
  programs(options?: WordsOptions): CoveredProgram[];
  /** The labels of codes, and a questionnaire's words for them. Throws `unknown-locale`, `invalid-options`. */
  codeLabels(options?: WordsOptions): CodeLabels;
  /** Every source the rule set cites (its rules', then its versioned facts' and directories'), each page once. */
  sources(): SourceRef[];
}

/** Options of a FHIR import: the evaluation date (today by default) that dates are checked against. */
export interface ImportOptions {
  asOf?: IsoDate;
}

/** A FHIR R4 Bundle (JSON, any `type`), as an object or as JSON text. */
export type FhirBundle = { resourceType: 'Bundle'; [element: string]: unknown } | string;

// FHIR R4 in (docs/contract.md §5) and CDS Hooks out (§6).
export interface Vigie {
  /**
   * The profile a FHIR R4 bundle gives, with what was not used and why (as `vigie import fhir`).
   * Throws `invalid-fhir` (every problem at its path), `invalid-options`.
   */
  importFhir(bundle: FhirBundle, options?: ImportOptions): ImportResult;
  /** Same, JSON text in and out: byte-identical to `vigie import fhir`. */
  importFhirJson(bundleJson: string, options?: ImportOptions): string;
  /**
   * Imports a FHIR R4 bundle and evaluates its profile: the report, with its `import` section (as
   * `vigie eval --fhir`), or with `format: 'cds-hooks'` the cards. Throws `invalid-fhir`, and as
   * `evaluate`.
   */
  evaluateFhir(bundle: FhirBundle, options?: EvaluateOptions): Report;
  evaluateFhir(bundle: FhirBundle, options: CardsEvaluateOptions): CdsHooksResponse;
  /** Same, JSON text in and out: byte-identical to `vigie eval --fhir [--format cds-hooks]`. */
  evaluateFhirJson(bundleJson: string, options?: EvaluateOptions | CardsEvaluateOptions): string;
}

/** What kind of answer a question takes (docs/questions.md §2). */
export type QuestionKind =
  | 'yes-no'
  | 'choice'
  | 'several'
  | 'date'
  | 'number'
  | 'measures'
  | 'relatives'
  | 'birth';

/** One option of a `choice`, `several` or `relatives` question, worded. */
export interface QuestionOption {
  /** A code of the target's closed list (a condition, a relation, a smoking status …). */
  value: string;
  text: string;
  /**
   * In a report's open `several` question: whether this option can still change a nudge (alone, or
   * through its detail question). A page may offer only these, and say so with `offered`.
   */
  matters?: boolean;
}

/** A question a rule set declares, worded in one locale (docs/questions.md §1, §5). */
export interface Question {
  /** Kebab-case, unique in the rule set: the key of its answer in `profileFromAnswers`. */
  id: string;
  /** The question, in plain words. */
  text: string;
  /** Why it is asked, in one short sentence. */
  why: string;
  kind: QuestionKind;
  /**
   * What the answer fills (docs/questions.md §3): `birth`, `sex`, `organs.cervix`,
   * `screenings.mammography`, `familyHistory.breast-cancer` …; `heightCm+weightKg` for `measures`.
   */
  fills: string;
  /** Asked of everyone, first (birth, sex, organs); never listed in a report's `questions`. */
  always?: true;
  /** `choice`, `several`, `relatives` (a `departement` question may have none: every code is accepted). */
  options?: QuestionOption[];
  /** `number`: the smallest answer accepted. */
  min?: number;
  /** `number`: the largest answer accepted. */
  max?: number;
  /** `number`: its unit, worded. */
  unit?: string;
  /** Ids to ask next when they are listed as open. */
  followUp?: string[];
  /**
   * A group (`several` over a list): the ids of its detail questions. A page does not ask them once
   * the group was answered `'unknown'` (docs/questions.md §7).
   */
  covers?: string[];
}

/** An open question in a report: one whose answer could change each program in `affects`. */
export interface OpenQuestion extends Question {
  affects: ProgramCode[];
  /** The most urgent status some answer gives one of `affects` (to word what an unknown leaves open). */
  consequence: Status;
}

/** Every question a rule set declares (`vigie questions`). */
export interface Questionnaire {
  locale: string;
  /** Programs in the order a summary shows them when their statuses tie. */
  priority: ProgramCode[];
  /** In the rule set's order. */
  questions: Question[];
}

/** "I don't know": every kind but `birth` takes it, and leaves the profile unknown there. */
export type UnknownAnswer = 'unknown';

/** `yes-no`. */
export type YesNoAnswer = 'yes' | 'no' | UnknownAnswer;

/** `choice`: one option's `value`. */
export type ChoiceAnswer = string;

/**
 * `several`: the options chosen; `complete: false` means "the ones I remember" (what is not chosen
 * stays unknown); `{ chosen: [], complete: true }` is "none of them".
 */
export type SeveralAnswer = {
  chosen: string[];
  complete: boolean;
  /** The options the person was shown: `complete` speaks for these alone (others stay unknown). */
  offered?: string[];
} | UnknownAnswer;

/** A date that may be approximate, or "about n years ago" (read as the year `asOf` − n). */
export type ApproximateDateAnswer = EventDate | { yearsAgo: number };

/** `date`: when, or `'never'` (not for `smoking.quitDate`); a screening may carry its result. */
export type DateAnswer =
  | ApproximateDateAnswer
  | 'never'
  | { date: ApproximateDateAnswer; result?: TestResult }
  | UnknownAnswer;

/** `number`: within the question's `min`..`max`. */
export type NumberAnswer = number | UnknownAnswer;

/** `measures`: fills both. */
export type MeasuresAnswer = { heightCm: number; weightKg: number } | UnknownAnswer;

/** `relatives`: the relatives who had the condition, or `'none'`. */
export type RelativesAnswer =
  | Array<{ relation: Relation; ageAtDiagnosis?: number }>
  | 'none'
  | UnknownAnswer;

/** `birth`: required, so never `'unknown'`. */
export type BirthAnswer = { birthDate: IsoDate } | { age: number };

/** An answer to a question, of its kind (docs/questions.md §2). */
export type Answer =
  | YesNoAnswer
  | ChoiceAnswer
  | SeveralAnswer
  | DateAnswer
  | NumberAnswer
  | MeasuresAnswer
  | RelativesAnswer
  | BirthAnswer;

/** What `profileFromAnswers` takes: answers by question id. */
export interface Answers {
  answers: Record<string, Answer>;
}

/** Options of `profileFromAnswers`: the day the profile is made for (today by default). */
export interface AnswersOptions {
  asOf?: IsoDate;
}

// Questions that matter (docs/contract.md §7, docs/questions.md §5).
export interface Vigie {
  /** Every declared question, worded (as `vigie questions`). Throws `unknown-locale`, `invalid-options`. */
  questionnaire(options?: WordsOptions): Questionnaire;
  /**
   * The profile the answers make (as `vigie answers`), an object or JSON text. Throws
   * `invalid-answers` (every problem at `answers.<id>…`, with its kind), `invalid-options`.
   */
  profileFromAnswers(answers: Answers | string, options?: AnswersOptions): Profile;
}

/** A status word of the contract → its label (`due` → `To do`). */
export type StatusLabels = Record<Status, string>;

/** What a portal shows beside a report, in one locale (`labels()`). */
export interface Labels {
  locale: string;
  /** Each status word's label: the package's words (the self-check page's badges). */
  statuses: StatusLabels;
  /** Each program the rule set covers → its title (`programs()`), in the engine's order. */
  programs: Partial<Record<ProgramCode, string>>;
  /** Code → the label reports give it (`codeLabels().codes`). */
  codes: Record<string, string>;
}

// Labels for portals (issue "Drop-in for portals").
export interface Vigie {
  /**
   * Statuses, program titles and code labels in `options.locale` (the rule set's first by
   * default). Throws `unknown-locale` (as `programs()`), `invalid-options`.
   */
  labels(options?: WordsOptions): Labels;
}

// `vigie/worker`: the API of `Vigie`, run in a worker (a module Worker in browsers, a worker
// thread in Node); every answer is a Promise.
import type {
  Answers, AnswersOptions, CardOptions, CardsEvaluateOptions, CdsHooksResponse, CodeLabels, CoveredProgram,
  CreateOptions, EvaluateOptions, FhirBundle, ImportOptions, ImportResult, Labels, Problem, Profile,
  Questionnaire, Report, RuleSetId, SourceRef, WordsOptions,
} from '../index.js';

export { VigieError } from '../index.js';
export type { Labels } from '../index.js';

/** `createVigie`'s options, and the worker's. */
export interface WorkerOptions extends CreateOptions {
  /**
   * How long any call (the load too) may go unanswered, in ms (default 10 000). A late call rejects
   * `deadline-exceeded`; the worker is terminated; the calls waiting on it reject `worker-restarted`;
   * the next call starts a fresh worker and loads the rule set again (`expectDigest` still holds).
   */
  deadlineMs?: number;
  /**
   * The worker script, for hosts that copy the package's files elsewhere (browsers: the URL of
   * `worker/worker.js`; Node: the path or file URL of `worker/node-worker.js`).
   */
  worker?: URL | string;
}

/** The default `deadlineMs`. */
export const DEFAULT_DEADLINE_MS: number;

/** One rule set loaded in a worker: `Vigie`'s API, every answer a Promise. Made by `createVigieWorker()`. */
export class VigieWorker {
  private constructor();
  /** `{ id, version, digest }` of the loaded rule set (known once created). */
  ruleset(): Readonly<RuleSetId>;
  evaluate(profile: Profile, options?: EvaluateOptions): Promise<Report>;
  evaluate(profile: Profile, options: CardsEvaluateOptions): Promise<CdsHooksResponse>;
  /** Byte-identical to `Vigie.evaluateJson` (and `vigie eval`). */
  evaluateJson(profileJson: string, options?: EvaluateOptions | CardsEvaluateOptions): Promise<string>;
  cards(report: Report | string, options?: CardOptions): Promise<CdsHooksResponse>;
  importFhir(bundle: FhirBundle, options?: ImportOptions): Promise<ImportResult>;
  importFhirJson(bundleJson: string, options?: ImportOptions): Promise<string>;
  evaluateFhir(bundle: FhirBundle, options?: EvaluateOptions): Promise<Report>;
  evaluateFhir(bundle: FhirBundle, options: CardsEvaluateOptions): Promise<CdsHooksResponse>;
  evaluateFhirJson(bundleJson: string, options?: EvaluateOptions | CardsEvaluateOptions): Promise<string>;
  validate(profile: unknown, options?: Pick<EvaluateOptions, 'asOf'>): Promise<Problem[]>;
  programs(options?: WordsOptions): Promise<CoveredProgram[]>;
  codeLabels(options?: WordsOptions): Promise<CodeLabels>;
  questionnaire(options?: WordsOptions): Promise<Questionnaire>;
  profileFromAnswers(answers: Answers | string, options?: AnswersOptions): Promise<Profile>;
  sources(): Promise<SourceRef[]>;
  labels(options?: WordsOptions): Promise<Labels>;
  /** Terminates the worker: waiting and later calls (and a second `free()`) reject `engine-freed`. */
  free(): Promise<void>;
}

/**
 * Starts a worker and loads a rule set in it. Rejects as `createVigie` does (`unexpected-digest` …),
 * or `worker-crashed` when the worker cannot start, `deadline-exceeded` when it does not load in time.
 */
export function createVigieWorker(options?: WorkerOptions): Promise<VigieWorker>;

// Compiled with `tsc --noEmit` in the tests: the declarations must describe the API as a portal
// developer uses it. Lines marked @ts-expect-error must stay errors.
import {
  createVigie, Vigie, VigieError, type CodeLabels, type CoveredProgram, type Nudge, type Profile, type Report,
  type SourceRef, type Status, type ProblemKind, type TraceOutcome, type WarningKind,
  type Card, type CardIndicator, type CdsHooksResponse, type FhirProblemKind, type ImportResult, type NotUsedKind,
  type Answers, type OpenQuestion, type Question, type QuestionKind, type Questionnaire,
  type Labels, type StatusLabels,
} from 'vigie';
import { createVigieWorker, VigieWorker, type WorkerOptions } from 'vigie/worker';

async function main(): Promise<void> {
  const vigie = await createVigie();
  const profile: Profile = {
    birthDate: '1971-03-02',
    sex: 'female',
    organs: { cervix: true },
    smoking: { status: 'former', packYears: 22 },
    familyHistory: [{ relation: 'mother', condition: 'breast-cancer', ageAtDiagnosis: 44 }],
    screenings: [{ test: 'mammography', date: '2024-11-12', result: 'normal' }],
    departement: '2A',
  };
  const report: Report = vigie.evaluate(profile, { asOf: '2026-01-15', locale: 'en', trace: true });
  const due: Nudge[] = report.nudges.filter((n) => n.status === 'due');
  const status: Status = due[0]?.status ?? 'info';
  const when: string | null = report.nudges[0]?.dueDate ?? null;
  const digest: string = vigie.ruleset().digest;
  const text: string = vigie.evaluateJson(JSON.stringify(profile));
  console.log(status, when, digest, text.length, report.trace?.length);
  const skipped: TraceOutcome[] = (report.trace ?? []).map((entry) => entry.outcome).filter((o) => o === 'skipped');
  const stale: WarningKind[] = (report.warnings ?? []).map((w) => w.warning).filter((w) => w.endsWith('review-overdue'));
  console.log(skipped, stale);

  try {
    vigie.evaluate(profile);
  } catch (err) {
    if (err instanceof VigieError && err.code === 'invalid-profile') {
      console.log(err.problems?.map((p) => `${p.path}: ${p.message}`));
      const dates: boolean | undefined = err.problems?.some((p) => p.kind === 'not-a-date' || p.kind === 'future-date');
      console.log(dates);
    }
  }
  try {
    vigie.evaluate(profile);
  } catch (err) {
    if (err instanceof VigieError && (err.code === 'engine-trapped' || err.code === 'engine-freed')) {
      console.log(err.message, err.cause);
    }
  }
  // @ts-expect-error: a Vigie comes from createVigie()
  const made = new Vigie();
  console.log(made);
  const other = await createVigie({ ruleset: { format: 'vigie-bundle/1', id: 'x', version: '1.0.0', digest: 'sha256:0', ruleset: {} } });
  other.free();
  const pinned = await createVigie({
    ruleset: { format: 'vigie-bundle/2', id: 'x', version: '1.0.0', digest: 'sha256:0', bundleDigest: 'sha256:1', ruleset: {} },
    expectDigest: 'sha256:0',
  });
  pinned.free();
  try {
    await createVigie({ expectDigest: 'sha256:0' });
  } catch (err) {
    if (err instanceof VigieError && (err.code === 'unexpected-digest' || err.code === 'built-in-mismatch')) {
      console.log(err.expected, err.actual, err.bundleDigest, err.claims);
    }
  }

  const covered: CoveredProgram[] = vigie.programs({ locale: 'en' });
  const labels: CodeLabels = vigie.codeLabels();
  const smoker: string | undefined = labels.answers.smoking.current;
  const sources: SourceRef[] = vigie.sources();
  console.log(covered[0]?.program, covered[0]?.title, labels.codes.mother, smoker, sources[0]?.url);
  // @ts-expect-error: answers are keyed by codes of their list
  console.log(labels.answers.smoking.sometimes);

  // @ts-expect-error: sex is a closed list
  const wrongSex: Profile = { age: 50, sex: 'femme' };
  // @ts-expect-error: test codes are a closed list
  const wrongTest: Profile = { age: 50, sex: 'male', screenings: [{ test: 'mamography', date: '2024-01-01' }] };
  // @ts-expect-error: a département is a code as text, never a number or a postcode
  const wrongDepartement: Profile = { age: 50, sex: 'male', departement: '75001' };
  // The United States codes (v1.1): ancestry, tests and conditions of rules/us.
  const american: Profile = {
    age: 52, sex: 'female', ancestry: ['asian', 'ashkenazi-jewish'], conditions: ['high-grade-cervical-lesion'],
    screenings: [{ test: 'stool-dna-fit', date: '2024-03-01' }, { test: 'blood-pressure', date: '2025-06-01', result: 'abnormal' }],
  };
  const asianWord: string | undefined = labels.answers.ancestry.asian;
  console.log(american, asianWord);
  // @ts-expect-error: ancestry is a closed list (asian, black, ashkenazi-jewish)
  const wrongAncestry: Profile = { age: 50, sex: 'male', ancestry: ['hispanic'] };
  console.log(wrongAncestry);
  // @ts-expect-error: status words are a closed list
  const wrongStatus: Status = 'overdue';
  // @ts-expect-error: problem kinds are a closed list
  const wrongKind: ProblemKind = 'invalid-date';
  // @ts-expect-error: trace outcomes are a closed list
  const wrongOutcome: TraceOutcome = 'failed';
  const kinds: ProblemKind[] = vigie.validate({ age: 50 }).map((p) => p.kind);
  console.log(wrongSex, wrongTest, wrongDepartement, wrongStatus, wrongKind, wrongOutcome, kinds);

  // CDS Hooks cards: from an evaluation, or from a report the package returned.
  const response: CdsHooksResponse = vigie.evaluate(profile, { format: 'cds-hooks', asOf: '2026-01-15', all: true });
  const first: Card | undefined = response.cards[0];
  const indicator: CardIndicator = first?.indicator ?? 'info';
  const links: string[] = (first?.links ?? []).map((link) => `${link.label} ${link.url} ${link.type}`);
  const fromReport: CdsHooksResponse = vigie.cards(report, { all: true });
  const cardsText: string = vigie.evaluateJson(JSON.stringify(profile), { format: 'cds-hooks' });
  const stillReport: Report = vigie.evaluate(profile, { format: 'report' });
  console.log(indicator, links, first?.summary, first?.source.label, first?.source.url, fromReport.cards.length, cardsText, stillReport);
  try {
    vigie.cards(report);
  } catch (err) {
    if (err instanceof VigieError && err.code === 'invalid-report') console.log(err.message);
  }
  // @ts-expect-error: the format is 'report' or 'cds-hooks'
  vigie.evaluate(profile, { format: 'fhir' });
  // @ts-expect-error: cards carry no trace
  vigie.evaluate(profile, { format: 'cds-hooks', trace: true });
  // @ts-expect-error: a card's indicator is a closed list (CDS Hooks 1.0 renamed hard-stop)
  const wrongIndicator: CardIndicator = 'hard-stop';
  console.log(wrongIndicator);

  // FHIR R4 in: a bundle as an object or as JSON text.
  const bundle = { resourceType: 'Bundle' as const, type: 'collection', entry: [] };
  const imported: ImportResult = vigie.importFhir(bundle, { asOf: '2026-01-15' });
  const why: NotUsedKind[] = imported.notUsed.map((n) => n.kind);
  const importedText: string = vigie.importFhirJson(JSON.stringify(bundle));
  const fhirReport: Report = vigie.evaluateFhir(JSON.stringify(bundle), { locale: 'en' });
  const fhirCards: CdsHooksResponse = vigie.evaluateFhir(bundle, { format: 'cds-hooks', all: true });
  const fhirCardsText: string = vigie.evaluateFhirJson(JSON.stringify(bundle), { format: 'cds-hooks' });
  console.log(why, importedText, fhirReport.import?.notUsed[0]?.path, imported.profile.sex, imported.mappings.digest, fhirCards.cards.length, fhirCardsText);
  try {
    vigie.importFhir('{}');
  } catch (err) {
    if (err instanceof VigieError && err.code === 'invalid-fhir') {
      const kinds: FhirProblemKind[] = (err.problems ?? []).map((p) => p.kind as FhirProblemKind);
      console.log(kinds);
    }
  }
  // @ts-expect-error: why an entry was not used is a closed list
  const wrongWhy: NotUsedKind = 'ignored';
  // @ts-expect-error: a bundle is a Bundle
  vigie.importFhir({ resourceType: 'Patient' });
  console.log(wrongWhy);

  // Questions that matter (docs/questions.md §5).
  const questionnaire: Questionnaire = vigie.questionnaire({ locale: 'en' });
  const asked: Question | undefined = questionnaire.questions.find((q) => q.kind === 'date');
  const kind: QuestionKind = asked?.kind ?? 'yes-no';
  console.log(questionnaire.priority[0], asked?.text, asked?.why, asked?.options?.[0]?.value, asked?.followUp, kind);
  const answers: Answers = {
    answers: {
      birth: { age: 72 },
      sex: 'female',
      mammography: { date: '2022', result: 'normal' },
      fit: { yearsAgo: 3 },
      'family-breast-cancer': [{ relation: 'mother', ageAtDiagnosis: 44 }],
      'family-ovarian-cancer': 'none',
      'breast-history': { chosen: ['breast-cancer'], complete: false },
      'height-weight': { heightCm: 170, weightKg: 70 },
      'pack-years': 'unknown',
    },
  };
  const fromAnswers: Profile = vigie.profileFromAnswers(answers, { asOf: '2026-12-05' });
  const partly: true | string[] | undefined = fromAnswers.unknown?.screenings;
  const withQuestions: Report = vigie.evaluate(fromAnswers, { asOf: '2026-12-05', questions: true });
  const open: OpenQuestion[] = withQuestions.questions ?? [];
  console.log(partly, open[0]?.affects, vigie.evaluateJson(JSON.stringify(fromAnswers), { questions: true }));
  try {
    vigie.profileFromAnswers('{"answers": {"mammography": "2022-13"}}');
  } catch (err) {
    if (err instanceof VigieError && err.code === 'invalid-answers') {
      console.log((err.problems ?? []).map((p) => `${p.path} ${p.kind}`));
    }
  }
  // @ts-expect-error: cards carry no questions
  vigie.evaluate(fromAnswers, { format: 'cds-hooks', questions: true });
  // @ts-expect-error: a question's kind is a closed list
  const wrongQuestionKind: QuestionKind = 'text';
  // @ts-expect-error: a relative is a relation code
  const wrongRelative: Answers = { answers: { 'family-brca1': [{ relation: 'cousin' }] } };
  // @ts-expect-error: unknown lists name codes of their list
  const wrongUnknown: Profile = { age: 50, sex: 'male', unknown: { screenings: ['mamography'] } };
  console.log(wrongQuestionKind, wrongRelative, wrongUnknown);
}

// Labels for portals, and the worker entry: the same API, every answer a Promise.
async function portal(): Promise<void> {
  const vigie = await createVigie();
  const labels: Labels = vigie.labels({ locale: 'en' });
  const due: string = labels.statuses.due;
  const statuses: StatusLabels = labels.statuses;
  const breast: string | undefined = labels.programs['breast-cancer-screening'];
  console.log(due, statuses['up-to-date'], breast, labels.codes.mother, labels.locale);
  // @ts-expect-error: statuses are keyed by the contract's status words
  console.log(labels.statuses.overdue);

  const options: WorkerOptions = { ruleset: 'us', expectDigest: 'sha256:0', deadlineMs: 5000, worker: new URL('https://example.org/worker.js') };
  const worker: VigieWorker = await createVigieWorker(options);
  const profile: Profile = { age: 50, sex: 'female' };
  const report: Report = await worker.evaluate(profile, { asOf: '2026-01-15' });
  const cards: CdsHooksResponse = await worker.evaluate(profile, { format: 'cds-hooks' });
  const text: string = await worker.evaluateJson(JSON.stringify(profile));
  const workerLabels: Labels = await worker.labels();
  const covered: CoveredProgram[] = await worker.programs({ locale: 'en' });
  const problems: ProblemKind[] = (await worker.validate({ age: 50 })).map((p) => p.kind);
  const imported: ImportResult = await worker.importFhir('{}');
  const asked: Questionnaire = await worker.questionnaire();
  const made: Profile = await worker.profileFromAnswers({ answers: { birth: { age: 50 } } });
  const sources: SourceRef[] = await worker.sources();
  const id: string = worker.ruleset().id;
  console.log(report.nudges, cards.cards, text, workerLabels.statuses.info, covered, problems, imported, asked, made, sources, id);
  // @ts-expect-error: the worker answers Promises, never the report itself
  const notAwaited: Report = worker.evaluate(profile);
  console.log(notAwaited);
  try {
    await worker.evaluate(profile);
  } catch (err) {
    if (err instanceof VigieError && err.code === 'deadline-exceeded') console.log(err.method, err.deadlineMs);
    if (err instanceof VigieError && (err.code === 'worker-restarted' || err.code === 'worker-crashed' || err.code === 'not-cloneable')) console.log(err.message);
  }
  await worker.free();
  // @ts-expect-error: a VigieWorker comes from createVigieWorker()
  console.log(new VigieWorker());
  // @ts-expect-error: deadlineMs is a number of milliseconds
  await createVigieWorker({ deadlineMs: '10s' });
}

void main();
void portal();

// The module's URL through the package's exports (esbuild's one line: README "Bundlers").
import wasmUrl from 'vigie/vigie_bg.wasm';
const fromUrl: Promise<Vigie> = createVigie({ wasm: wasmUrl });
void fromUrl;

// The elements: typed through the tag names, their properties and events.
import type { VigieCheck, VigieNudges } from 'vigie/element';
function elements(check: VigieCheck, nudges: VigieNudges): void {
  check.profile = { age: 60, sex: 'female' };
  const shown: Report | null = check.report;
  nudges.report = '{"nudges": []}';
  check.addEventListener('vigie-report', (event) => console.log(event.detail.report.nudges.length));
  // @ts-expect-error: a profile needs a sex
  check.profile = { age: 60 };
  console.log(shown);
}
void elements;

// Telling the elements where the worker script and the wasm are (esbuild, Rollup: README "Bundlers").
import { configure } from 'vigie/element';
configure({ worker: './vigie-worker.js', wasm: wasmUrl });
configure({ worker: new URL('https://portal.example/vigie-worker.js') });
// @ts-expect-error: only worker and wasm
configure({ deadlineMs: 1000 });
// @ts-expect-error: the worker is a URL, not a Worker
configure({ worker: 42 });

// What crosses between a VigieWorker and its worker: a call `{ id, method, args }`, an answer
// `{ id, ok: true, value }` or `{ id, ok: false, error }`. Structured clone keeps an Error's
// message but drops its own fields (`code`, `problems` …), so errors cross as plain data and are
// made again on the other side.

import { VigieError } from '../core.js';

/** The Vigie methods a worker answers (`ruleset()` is known after the load; `free()` ends the worker). */
export const METHODS = Object.freeze([
  'evaluate', 'evaluateJson', 'cards', 'importFhir', 'importFhirJson', 'evaluateFhir', 'evaluateFhirJson',
  'validate', 'programs', 'codeLabels', 'questionnaire', 'profileFromAnswers', 'sources', 'labels',
]);

/** The first message to a worker: load a rule set (`createVigie`'s options). */
export const LOAD = 'load';

const builtIns = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

function plainError(err) {
  return { name: String(err?.name ?? 'Error'), message: String(err?.message ?? err) };
}

/** A thrown value as data structured clone keeps whole. */
export function errorToData(err) {
  if (err instanceof VigieError) {
    const fields = { ...err, message: err.message };
    delete fields.name;
    // The cause of `engine-trapped` is a WebAssembly.RuntimeError: name and message cross.
    if (fields.cause !== undefined) fields.cause = plainError(fields.cause);
    return { vigie: true, fields };
  }
  return { vigie: false, ...plainError(err) };
}

/** The error `errorToData` described, made again: a VigieError with every field, or a built-in Error. */
export function errorFromData(data) {
  if (data.vigie) {
    const fields = { ...data.fields };
    if (fields.cause !== undefined) fields.cause = errorFromData({ vigie: false, ...fields.cause });
    return new VigieError(fields);
  }
  const Kind = builtIns[data.name] ?? Error;
  const err = new Kind(data.message);
  if (err.name !== data.name) err.name = data.name;
  return err;
}

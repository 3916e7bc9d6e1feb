/**
 * What crosses from a worker (a sheet thread, a district worker, the page's worker) to the side
 * that started it, one way for all of them: an error as data. A problem of the input keeps its
 * code and params, so the receiving side words it in its own language and knows it for bad input
 * (exit 2); anything else is a fault of the tool, and crosses as its text. Browser-safe.
 */
import type { Params } from '../core/findings.js';
import { InputError, type ProblemCode } from '../core/problems.js';

export type CrossingError = { problem: ProblemCode; params: Params } | { fault: string };

/** An error as data that a structured clone carries intact. */
export function toCrossing(e: unknown): CrossingError {
  if (e instanceof InputError) return { problem: e.code, params: e.params };
  return { fault: String((e as Error)?.message ?? e) };
}

/** The error again, on the receiving side: an InputError for a problem, an Error for a fault. */
export function fromCrossing(c: CrossingError): InputError | Error {
  return 'problem' in c ? new InputError(c.problem, c.params as never) : new Error(c.fault);
}

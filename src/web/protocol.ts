/** The messages between the page and its worker (the worker does all the reading and writing). */
import type { Finding, Lang } from '../core/findings.js';
import type { PersonOwes } from '../core/people.js';
import type { CrossingError } from '../run/crossing.js';

export interface DroppedFile {
  name: string;
  bytes: ArrayBuffer;
}

/** Every request carries an id; the page heeds only the answers to its latest. */
export type Request =
  | { type: 'check'; id: number; files: DroppedFile[]; asOf?: string; lang?: Lang }
  | { type: 'config'; id: number; text: string }
  | { type: 'json' | 'refresh' | 'summary' | 'list'; id: number };

/** A request before the page gives it its id. */
export type Ask = Request extends unknown ? (Request extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never) : never;

export interface CheckedView {
  school: string;
  asOf: string;
  phase: string;
  findings: Finding[];
  people: PersonOwes[];
  /** Where findings not fixed at their own place are fixed (the visit log for a teacher short of visits). */
  fixedIn: Partial<Record<string, { file: string; sheet: string }>>;
  notes: string[];
  tally: string[];
  /** Which of the workbooks were found, and under which file names. */
  files: string[];
  /** The plan item by item. */
  plan: { item: string; title: string; window: string; status: string; note: string }[];
}

export type Response =
  | { type: 'progress'; id: number; text: string; done: number }
  | { type: 'checked'; id: number; view: CheckedView; asOf: string }
  | { type: 'configured'; id: number; school: string }
  | { type: 'file'; id: number; name: string; bytes: ArrayBuffer; mime: string; message?: string }
  | { type: 'error'; id: number; error: CrossingError };

/** The messages between the page and its worker (the worker does all the reading and writing). */
import type { Lang } from '../core/findings.js';

export interface DroppedFile {
  name: string;
  bytes: ArrayBuffer;
}

export type Request =
  | { type: 'check'; files: DroppedFile[]; asOf?: string; lang?: Lang }
  | { type: 'refresh' }
  | { type: 'summary' };

export interface FindingView {
  group: string;
  line: string;
  severity: 'error' | 'warning';
}

export interface CheckedView {
  school: string;
  asOf: string;
  phase: string;
  findings: FindingView[];
  notes: string[];
  tally: string[];
  errors: number;
  warnings: number;
  /** Which of the workbooks were found, and under which file names. */
  files: string[];
  /** The plan item by item. */
  plan: { item: string; title: string; window: string; status: string; note: string }[];
}

export type Response =
  | { type: 'progress'; text: string; done: number }
  | { type: 'checked'; view: CheckedView; json: string; asOf: string }
  | { type: 'file'; name: string; bytes: ArrayBuffer; mime: string; message?: string }
  | { type: 'error'; message: string };

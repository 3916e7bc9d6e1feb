/**
 * A worker thread that reads one big sheet and hands its rows to the main thread in batches
 * (`src/io/sheetRows.ts`), so that inflating and parsing the XML run beside the typing and the rules.
 * It never runs ahead by more than a few batches: it waits on a shared counter of batches taken.
 */
import { parentPort } from 'node:worker_threads';
import { InputError } from '../core/problems.js';
import type { RawRow } from '../core/table.js';
import { openWorkbook, type SheetEntry } from '../xlsx/reader.js';
import { FileSource } from './source.js';

export interface SheetRowsJob {
  path: string;
  file: string;
  sheet: SheetEntry;
  /** [0]: batches the main thread has taken. */
  taken: Int32Array;
  batchRows: number;
  ahead: number;
}

export type SheetRowsMessage =
  | { rows: RawRow[] }
  | { progress: number }
  | { merges: import('../core/table.js').MergeRange[] }
  | { error: { code: string; params: Record<string, unknown> } | { message: string } };

parentPort!.once('message', async (job: SheetRowsJob) => {
  const post = (m: SheetRowsMessage) => parentPort!.postMessage(m);
  let sent = 0;
  let batch: RawRow[] = [];
  const flush = () => {
    post({ rows: batch });
    batch = [];
    sent++;
    // wait while the main thread is more than `ahead` batches behind
    for (let taken = Atomics.load(job.taken, 0); sent - taken > job.ahead; taken = Atomics.load(job.taken, 0)) Atomics.wait(job.taken, 0, taken);
  };
  try {
    const reader = await openWorkbook(new FileSource(job.path, job.file), job.file);
    try {
      const merges = await reader.readRows(job.sheet, (row) => {
        batch.push(row);
        if (batch.length >= job.batchRows) flush();
      }, (done) => post({ progress: done }));
      if (batch.length) post({ rows: batch });
      post({ merges });
    } finally {
      await reader.close();
    }
  } catch (e) {
    post({ error: e instanceof InputError ? { code: e.code, params: e.params as Record<string, unknown> } : { message: String((e as Error)?.message ?? e) } });
  }
});

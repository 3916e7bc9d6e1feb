/**
 * Reading a big sheet on a worker thread (Node). On one thread, a 100,000-row log's inflate and
 * XML parse took turns with the typing of its rows and the visit rules; on two they run side by
 * side, and the main thread only receives the rows. The rows, their order and the merges are those
 * `XlsxReader.readRows` gives, since the worker runs exactly that.
 */
import { Worker } from 'node:worker_threads';
import { InputError, type ProblemCode } from '../core/problems.js';
import type { MergeRange, RawRow } from '../core/table.js';
import type { SheetEntry } from '../xlsx/reader.js';
import type { SheetRowsJob, SheetRowsMessage } from './sheetRowsWorker.js';

/** Rows per message, and how many messages the worker may run ahead of the main thread. */
const BATCH_ROWS = 2000;
const AHEAD = 8;

/** A thread for one sheet, started ahead (it takes about 0.1 s to load its code). */
export function startSheetThread(): Worker {
  const worker = new Worker(new URL('./sheetRowsWorker.js', import.meta.url));
  worker.unref(); // unused, it must not keep the process alive
  return worker;
}

/** Reads the sheet on `worker` (a new thread when none is given), which ends with it. */
export function readRowsOnThread(path: string, file: string, sheet: SheetEntry, onRow: (row: RawRow) => void, progress?: (done: number) => void, worker = startSheetThread()): Promise<MergeRange[]> {
  const taken = new Int32Array(new SharedArrayBuffer(4));
  return new Promise<MergeRange[]>((resolve, reject) => {
    let settled = false;
    const end = (e: unknown, merges?: MergeRange[]) => {
      if (settled) return;
      settled = true;
      // wake a worker waiting for room, so it can be stopped
      Atomics.store(taken, 0, 1 << 30);
      Atomics.notify(taken, 0);
      void worker.terminate();
      if (merges) resolve(merges);
      else reject(e);
    };
    worker.on('message', (m: SheetRowsMessage) => {
      if (settled) return;
      try {
        if ('rows' in m) {
          for (const row of m.rows) onRow(row);
          Atomics.add(taken, 0, 1);
          Atomics.notify(taken, 0);
        } else if ('progress' in m) progress?.(m.progress);
        else if ('merges' in m) end(undefined, m.merges);
        else if ('code' in m.error) end(new InputError(m.error.code as ProblemCode, m.error.params as never));
        else end(new Error(m.error.message));
      } catch (e) {
        end(e); // a row the collector refused
      }
    });
    worker.on('error', (e) => end(e));
    worker.on('exit', () => end(new Error(`the reader of ${file} stopped`)));
    const job: SheetRowsJob = { path, file, sheet, taken, batchRows: BATCH_ROWS, ahead: AHEAD };
    worker.ref();
    worker.postMessage(job);
  });
}

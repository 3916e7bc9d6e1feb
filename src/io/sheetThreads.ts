/**
 * Big sheets on worker threads (Node). On one thread, a 100,000-row log's inflate and XML parse
 * took turns with the typing of its rows and the visit rules, and its patch took turns with the
 * deflate of the new bytes; on two they run side by side. The rows, their order, the merges and
 * the new bytes are those of the one-thread path, since the worker runs exactly that code.
 */
import { Worker } from 'node:worker_threads';
import type { MergeRange, RawRow } from '../core/table.js';
import type { SheetPatchElsewhere, SheetPatchJob } from '../xlsx/patch.js';
import type { SheetEntry, SheetRest } from '../xlsx/reader.js';
import { RowUnpacker, type PackedRows } from '../xlsx/rowPack.js';
import type { PatchStats } from '../xlsx/sheetPatch.js';
import type { Prefetch, RestData, RowsData } from './sheetWorker.js';
import { packPatchJob } from '../xlsx/writePack.js';
import { threadMessages } from './threadStream.js';

/** Rows per message and messages of room when reading; bytes per piece and pieces of room when patching. */
const BATCH_ROWS = 2000;
const ROWS_AHEAD = 8;
const PIECE_BYTES = 1 << 20;
const PIECES_AHEAD = 4;

// One thread kept between jobs (it takes about 0.1 s of a core to start one): the thread that read
// the log patches it too. Idle, it is unref'd (it never keeps the process alive) and ends after a while.
let idle: { worker: Worker; timer: ReturnType<typeof setTimeout> } | undefined;
const IDLE_MS = 30_000;

/** A sheet thread: the idle one, or a new one (started ahead by a source that sees a big file coming). */
export function startSheetThread(): Worker {
  if (idle) {
    const { worker, timer } = idle;
    idle = undefined;
    clearTimeout(timer);
    return worker;
  }
  const worker = new Worker(new URL('./sheetWorker.js', import.meta.url));
  worker.unref();
  // a thread that fails before it has a job must not take the process down: its job then finds it stopped
  worker.on('error', () => undefined);
  return worker;
}

/**
 * A thread given a big workbook ahead of its patch: it inflates the biggest sheet while the main
 * thread checks (measured on two cores: the patch then starts at once, 0.2 s of wall time on the
 * 100,000-row log). Parts above this stay streamed: the text is held in memory until the patch.
 */
const PREFETCH_MAX_BYTES = 128 << 20;
let ahead: { worker: Worker; path: string } | undefined;

/** Starts a thread that inflates the biggest sheet of `path` now, for `patchOnThread` on that file. */
export function prefetchForPatch(path: string, file: string): void {
  if (ahead) return;
  const worker = startSheetThread();
  worker.postMessage({ kind: 'prefetch', path, file, maxBytes: PREFETCH_MAX_BYTES } satisfies Prefetch);
  ahead = { worker, path };
}

/** Gives back a thread started by `prefetchForPatch` whose patch never came, and its text with it. */
export function dropPrefetch(): void {
  if (!ahead) return;
  ahead.worker.postMessage({ kind: 'forget' } satisfies Prefetch);
  returnThread(ahead.worker);
  ahead = undefined;
}

/** Takes a thread back after a job: kept when it ended cleanly (and none is kept yet), else ended. */
function giveBack(worker: Worker, clean: boolean): void {
  if (!clean || idle) {
    void worker.terminate();
    return;
  }
  worker.unref();
  const timer = setTimeout(() => {
    if (idle?.worker === worker) idle = undefined;
    void worker.terminate();
  }, IDLE_MS);
  timer.unref();
  idle = { worker, timer };
}

/** Gives back a thread started ahead and not used. */
export function returnThread(worker: Worker): void {
  giveBack(worker, true);
}

/** Reads the sheet's rows on `worker` (the kept or a new thread when none is given). */
export async function readRowsOnThread(path: string, file: string, sheet: SheetEntry, onRow: (row: RawRow) => void, progress?: (done: number) => void, worker = startSheetThread()): Promise<MergeRange[]> {
  const messages = threadMessages<RowsData, MergeRange[]>(worker, { kind: 'rows', path, file, sheet, batchRows: BATCH_ROWS }, ROWS_AHEAD, (clean) => giveBack(worker, clean));
  const rows = new RowUnpacker();
  try {
    for (;;) {
      const next = await messages.next();
      if (next.done) return next.value;
      if ('rows' in next.value) rows.unpack(next.value.rows, onRow);
      else progress?.(next.value.progress);
    }
  } finally {
    await messages.return(undefined as never);
  }
}

/**
 * Where in the prefetched sheet's text its thread starts reading the rest of the rows: the main
 * thread scans and types the rows before it and types those after (measured on two cores, the
 * 100,000-row log: the thread is through its share about when the main thread gets there).
 */
const REST_SHARE = 0.5;

/**
 * The prefetch thread of `path` reading the rest of `sheet` (from about REST_SHARE of its text on)
 * for `XlsxReader.readRows`, or undefined when no thread has that file's text. Its rows are kept as
 * they come (packed, a few MB) until the main thread gets to them. A thread that is not wanted any
 * more while it still works is ended; the patch then starts a thread of its own.
 */
export function restOnThread(path: string, file: string, sheet: SheetEntry): SheetRest | undefined {
  if (ahead?.path !== path) return undefined;
  const { worker } = ahead;
  const letGo = () => {
    if (ahead?.worker === worker) ahead = undefined;
    void worker.terminate();
  };
  // kept for the patch when clean; meanwhile it does not keep the process alive (the patch refs it again)
  const messages = threadMessages<RestData, MergeRange[] | null>(worker, { kind: 'rest', path, file, sheet, share: REST_SHARE, batchRows: BATCH_ROWS }, 1 << 30, (clean) => (clean ? worker.unref() : letGo()));
  const batches: PackedRows[] = [];
  let outcome: { merges: MergeRange[] } | { failed: true } | undefined;
  let wake: (() => void) | undefined;
  const rest: { start: SheetRest['start'] } & SheetRest = {
    start: undefined,
    async take(onRow) {
      const rows = new RowUnpacker();
      for (;;) {
        while (batches.length) rows.unpack(batches.shift()!, onRow);
        if (outcome) return 'merges' in outcome ? outcome.merges : undefined;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    abandon() {
      batches.length = 0;
      if (outcome) return;
      outcome = { failed: true };
      // Ended now, not at its next message: a thread still waiting for its text says nothing for a
      // while, and would still be reading when the patch is given to it, the two sharing its text.
      letGo();
    },
  };
  void (async () => {
    try {
      for (;;) {
        const next = await messages.next();
        if (next.done) {
          if (next.value === null) rest.start = null;
          outcome ??= { merges: next.value ?? [] };
          return;
        }
        if ('start' in next.value) rest.start = next.value.start;
        else batches.push(next.value.rows);
        wake?.();
        wake = undefined;
      }
    } catch {
      outcome ??= { failed: true };
      rest.start ??= null;
    } finally {
      wake?.();
    }
  })();
  return rest;
}

/** Patches a sheet part on a new thread: its new bytes as they come, then whether they changed and the stats. */
export function patchOnThread(path: string, file: string, patch: SheetPatchJob): ReturnType<SheetPatchElsewhere> {
  let end: { changed: boolean; stats: PatchStats } | undefined;
  const bytes = (async function* () {
    const worker = ahead?.path === path ? ahead.worker : startSheetThread();
    if (ahead?.worker === worker) ahead = undefined;
    const messages = threadMessages<Uint8Array, NonNullable<typeof end>>(worker, { kind: 'patch', path, file, patch: packPatchJob(patch), pieceBytes: PIECE_BYTES }, PIECES_AHEAD, (clean) => giveBack(worker, clean));
    try {
      for (;;) {
        const next = await messages.next();
        if (next.done) {
          end = next.value;
          return;
        }
        yield next.value;
      }
    } finally {
      await messages.return(undefined as never);
    }
  })();
  const ended = () => {
    if (!end) throw new Error('回写大工作表的后台线程尚未结束');
    return end;
  };
  return { bytes, changed: async () => ended().changed, stats: async () => ended().stats };
}

/**
 * A worker thread for one big sheet (`src/io/sheetThreads.ts`): it reads the sheet's rows for the
 * main thread, or patches the sheet and hands over its new bytes, so that this work runs beside
 * what the main thread does meanwhile (typing the rows and running the rules; writing the other
 * workbooks and deflating the new bytes).
 */
import { parentPort } from 'node:worker_threads';
import { sheetPatchBatches } from '../xlsx/patch.js';
import type { MergeRange, RawRow } from '../core/table.js';
import { openWorkbook, restStart, restText, type SheetEntry } from '../xlsx/reader.js';
import { RowPacker, type PackedRows } from '../xlsx/rowPack.js';
import { comparedBatches, textOf } from '../xlsx/rewrite.js';
import type { PatchStats } from '../xlsx/sheetPatch.js';
import { BIG_PART_BYTES, openZip, PieceEncoder } from '../xlsx/zip.js';
import { unpackPatchJob, type PackedPatchJob } from '../xlsx/writePack.js';
import { FileSource } from './source.js';
import { threadSender, type ThreadJob } from './threadStream.js';

export type SheetJob = ThreadJob & { path: string; file: string } & (
  | { kind: 'rows'; sheet: SheetEntry; batchRows: number }
  | { kind: 'patch'; patch: PackedPatchJob; pieceBytes: number }
  | { kind: 'rest'; sheet: SheetEntry; share: number; batchRows: number }
);

/** Not a job (nothing comes back): inflate the workbook's biggest sheet now, for the patch that will follow. */
export type Prefetch = { kind: 'prefetch'; path: string; file: string; maxBytes: number } | { kind: 'forget' };

/**
 * The text of a big sheet inflated while the main thread checks (this thread has nothing else to do
 * then), so that the patch starts from it instead of inflating the part again. At most one, taken by
 * the patch of that part; a failure here is silence: the patch then reads the part itself and says.
 */
let prefetched: Promise<{ path: string; part: string; pieces: string[] } | undefined> | undefined;
/** Bumped by `forget`: a prefetch still inflating stops at its next piece, and lets its text go. */
let generation = 0;

async function prefetch(job: Extract<Prefetch, { kind: 'prefetch' }>): Promise<{ path: string; part: string; pieces: string[] } | undefined> {
  const mine = generation;
  const zip = await openZip(new FileSource(job.path, job.file), job.file);
  try {
    const sheets = [...zip.entries.values()].filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name));
    const biggest = sheets.sort((a, b) => b.uncompressedSize - a.uncompressedSize)[0];
    if (!biggest || biggest.uncompressedSize < BIG_PART_BYTES || biggest.uncompressedSize > job.maxBytes) return undefined;
    const pieces: string[] = [];
    for await (const text of textOf(zip, biggest.name)) {
      if (generation !== mine) return undefined;
      pieces.push(text);
    }
    return { path: job.path, part: biggest.name, pieces };
  } finally {
    await zip.close();
  }
}

async function* replay(pieces: string[]): AsyncIterable<string> {
  // handed over one by one, so that the memory goes as the patch goes
  while (pieces.length) yield pieces.shift()!;
}

export type RowsData = { rows: PackedRows } | { progress: number };

/** A reader's `onRow` that sends the rows on in packed batches of `batchRows`; `flush` sends the last. */
function rowBatches(batchRows: number, send: (data: { rows: PackedRows }) => void): { onRow(row: RawRow): void; flush(): void } {
  const batch = new RowPacker();
  return {
    onRow(row) {
      batch.add(row);
      if (batch.count >= batchRows) send({ rows: batch.take() });
    },
    flush() {
      if (batch.count) send({ rows: batch.take() });
    },
  };
}

async function rows(job: SheetJob & { kind: 'rows' }): Promise<void> {
  const send = threadSender<RowsData, unknown>(job);
  const reader = await openWorkbook(new FileSource(job.path, job.file), job.file);
  try {
    const batches = rowBatches(job.batchRows, send.data);
    const merges = await reader.readRows(job.sheet, batches.onRow, (done) => send.data({ progress: done }));
    batches.flush();
    send.end(merges);
  } finally {
    await reader.close();
  }
}

export type RestData = { start: { row: number; offset: number } } | { rows: PackedRows };

/**
 * The rows of the prefetched sheet from about `share` of its text on, while the main thread reads
 * up to there (on two cores the two halves of the XML scan run side by side). First where it
 * starts, then the rows; ends with the merges, or with null when it cannot start (no text here).
 * The text stays for the patch.
 */
async function rest(job: SheetJob & { kind: 'rest' }): Promise<void> {
  const send = threadSender<RestData, MergeRange[] | null>(job);
  const ready = await prefetched?.catch(() => undefined);
  const pieces = ready && ready.path === job.path && ready.part === job.sheet.part ? ready.pieces : undefined;
  const start = pieces && restStart(pieces, job.share);
  if (!start) return send.end(null);
  send.data({ start: { row: start.row, offset: start.offset } });
  const reader = await openWorkbook(new FileSource(job.path, job.file), job.file);
  try {
    const batches = rowBatches(job.batchRows, send.data);
    const merges = await reader.readRowsFrom(job.sheet, restText(pieces, start), batches.onRow);
    batches.flush();
    send.end(merges);
  } finally {
    await reader.close();
  }
}

async function patch(job: SheetJob & { kind: 'patch' }): Promise<void> {
  // bytes, encoded here as the patcher makes its texts (never joined into one string) and
  // transferred, not copied: the main thread only deflates them
  const send = threadSender<Uint8Array, { changed: boolean; stats: PatchStats }>(job);
  const ready = await prefetched?.catch(() => undefined);
  prefetched = undefined;
  const cached = ready && ready.path === job.path && ready.part === job.patch.part ? ready.pieces : undefined;
  const zip = cached ? undefined : await openZip(new FileSource(job.path, job.file), job.file);
  try {
    const stats: PatchStats[] = [];
    let changed = false;
    const bytes = new PieceEncoder(job.patch.form, job.pieceBytes, (piece) => send.data(piece, [piece.buffer as ArrayBuffer]));
    const batches = comparedBatches(cached ? replay(cached) : textOf(zip!, job.patch.part), sheetPatchBatches(unpackPatchJob(job.patch), stats), (differs) => (changed = differs));
    for await (const batch of batches) for (const text of batch) bytes.write(text);
    bytes.flush();
    send.end({ changed, stats: stats[0]! });
  } finally {
    await zip?.close();
  }
}

// one job at a time: the main thread gives the next one only after this one's end
parentPort!.on('message', (job: SheetJob | Prefetch) => {
  if (job.kind === 'prefetch') prefetched = prefetch(job).catch(() => undefined);
  else if (job.kind === 'forget') {
    prefetched = undefined;
    generation++;
  }
  else (job.kind === 'rows' ? rows(job) : job.kind === 'rest' ? rest(job) : patch(job)).catch((e: unknown) => threadSender(job).fail(e));
});

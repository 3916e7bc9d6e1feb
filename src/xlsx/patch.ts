/**
 * The write-back of one workbook, owning its reader: the styles part checked and extended, a
 * streaming patch per written sheet, then the new zip written anywhere (or only compared, for a
 * dry run). Everything that can refuse the workbook as bad input happens in `openPatch`, before
 * any byte is written. Browser-safe.
 */
import type { SheetWrite } from '../core/writeback.js';
import { openWorkbook } from './reader.js';
import { rewriteZip, textFormOf, transformOnly, type BatchTransform, type PartRewrite, type PartTransform, type ProducedPart, type RewriteResult } from './rewrite.js';
import { SheetPatcher, type PatchStats, type PatchStyles } from './sheetPatch.js';
import { ensureStyles } from './styles.js';
import type { TextForm, ZipSource } from './zip.js';

export interface PartWrite {
  /** The sheet's part in the zip, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
  sheet: string;
  write: SheetWrite;
  /** Owned columns the sheet does not have yet (said in the outcome). */
  addedColumns: string[];
}

export interface SheetChange {
  sheet: string;
  changedCells: number;
  addedColumns: string[];
}

export interface WorkbookPatch {
  /** What changed per sheet, known once the patch has run (write or dry run). */
  changes(): SheetChange[];
  /** Writes the whole new workbook into `out` (closed when done). */
  write(out: WritableStream<Uint8Array>): Promise<RewriteResult>;
  /** Runs the patch without writing: which parts would change. */
  dryRun(): Promise<RewriteResult>;
  close(): Promise<void>;
}

/** What patching one sheet part needs, wherever it runs. */
export interface SheetPatchJob {
  part: string;
  /** How the part's text is written (the bytes made elsewhere are encoded the same way). */
  form: TextForm;
  write: SheetWrite;
  styles: PatchStyles;
  date1904: boolean;
  sharedStrings: string[];
}

/** Patches a big sheet part elsewhere (another thread, in Node): its new bytes, and its stats at the end. */
export type SheetPatchElsewhere = (job: SheetPatchJob) => ProducedPart & { stats(): Promise<PatchStats> };

/** The patch of one sheet part as the texts the patcher makes, a batch per chunk read (not joined: a thread encodes them as they are). */
export function sheetPatchBatches(job: Omit<SheetPatchJob, 'part' | 'form'>, stats: PatchStats[]): BatchTransform {
  const { write, styles, date1904, sharedStrings } = job;
  return async function* (input) {
    let out: string[] = [];
    const patcher = new SheetPatcher(write, { styles, date1904, sharedStrings }, (s) => out.push(s));
    for await (const chunk of input) {
      patcher.push(chunk);
      if (out.length) {
        yield out;
        out = [];
      }
    }
    stats.push(patcher.end());
    yield out;
  };
}

/** The patch transform of one sheet part. */
export function sheetTransform(job: Omit<SheetPatchJob, 'part' | 'form'>, stats: PatchStats[]): PartTransform {
  const batches = sheetPatchBatches(job, stats);
  return async function* (input) {
    for await (const batch of batches(input)) yield batch.join('');
  };
}

/**
 * The patch of a workbook; undefined when it has no styles part to add the tool's styles to. A
 * sheet part of BIG_PART_BYTES or more is patched through `elsewhere` when given.
 */
export async function openPatch(source: ZipSource, file: string, sheets: readonly PartWrite[], elsewhere?: SheetPatchElsewhere): Promise<WorkbookPatch | undefined> {
  const reader = await openWorkbook(source, file);
  try {
    const strings = await reader.sharedStringTable();
    const stylesPart = reader.stylesPart && reader.archive.entries.has(reader.stylesPart) ? reader.stylesPart : undefined;
    if (!stylesPart) {
      await reader.close();
      return undefined;
    }
    const ensured = ensureStyles(await reader.archive.text(stylesPart), { file, part: stylesPart });
    const transforms = new Map<string, PartRewrite>();
    transforms.set(stylesPart, async function* (input) {
      for await (const _ of input) {
        // read through, so the change check compares the old text with the new
      }
      yield ensured.xml;
    });
    const stats = sheets.map((s) => ({ ...s, stats: [] as PatchStats[] }));
    for (const s of stats) {
      const big = !!elsewhere && reader.isBigPart(s.part);
      const job = { part: s.part, form: big ? await textFormOf(reader.archive, s.part) : { encoding: 'utf-8' as const, bom: false }, write: s.write, styles: ensured.styles, date1904: reader.date1904, sharedStrings: strings };
      if (!elsewhere || !big) {
        transforms.set(s.part, sheetTransform(job, s.stats));
        continue;
      }
      transforms.set(s.part, {
        produce() {
          const made = elsewhere(job);
          const bytes = (async function* () {
            yield* made.bytes;
            s.stats.push(await made.stats());
          })();
          return { bytes, changed: made.changed };
        },
      });
    }
    return {
      changes: () => stats.map((s) => ({ sheet: s.sheet, changedCells: s.stats.reduce((n, x) => n + x.changedCells, 0), addedColumns: s.addedColumns })),
      write: (out) => rewriteZip(reader.archive, out, transforms),
      dryRun: () => transformOnly(reader.archive, transforms),
      close: () => reader.close(),
    };
  } catch (e) {
    await reader.close();
    throw e;
  }
}

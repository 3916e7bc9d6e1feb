/**
 * What `refresh` writes, decided once for every host: the sheet writes of the evaluation, and the
 * patch of each workbook of a source. The Node shell adds locks, backups and the atomic replace;
 * a page takes the new bytes. Browser-safe.
 */
import { WORKBOOKS, type SheetId, type WorkbookId } from '../core/columns.js';
import type { SheetInfo } from '../core/collect.js';
import { buildWriteBack, type SheetWrite } from '../core/writeback.js';
import { openPatch, type PartWrite, type SheetChange, type WorkbookPatch } from '../xlsx/patch.js';
import { collect } from '../xlsx/zip.js';
import type { CheckResult } from './check.js';
import type { WorkbookSource } from './source.js';

export type { SheetChange, WorkbookPatch } from '../xlsx/patch.js';

/** The key of a sheet's write: its kind and its name (a kind kept as several sheets has one write each). */
export const writeKey = (id: SheetId, sheet: string) => `${id}\u0000${sheet}`;

/** The sheets that were read, every kind's in workbook order. */
export function sheetsRead(result: CheckResult): SheetInfo[] {
  return WORKBOOKS.flatMap((w) => w.sheets.flatMap((s) => result.loaded.sheets[s.id] ?? []));
}

/** Every sheet's write, by writeKey. */
export function sheetWrites(result: CheckResult, live: boolean): Map<string, SheetWrite> {
  return new Map(buildWriteBack(result, sheetsRead(result), result.config, result.report.asOf, live).map((w) => [writeKey(w.sheetId as SheetId, w.sheet!), w]));
}

/** What a refresh did with a workbook. */
export type FileOutcome = 'written' | 'unchanged' | 'would-write' | 'locked' | 'changed-on-disk' | 'legacy';

/** Each outcome in words: the Chinese the console's line says after the file, the English line. */
export const OUTCOME_WORDS: Record<FileOutcome, { zh: string; en: string }> = {
  written: { zh: '已更新', en: 'written' },
  unchanged: { zh: '无变化，未改动', en: 'unchanged, left as it was' },
  'would-write': { zh: '将更新（试运行，未写入）', en: 'would be written (dry run, nothing written)' },
  locked: { zh: '已跳过', en: 'skipped: open in Excel/WPS (close it and run again)' },
  'changed-on-disk': { zh: '已跳过', en: 'skipped: changed on disk while the tool worked (run again)' },
  legacy: { zh: '旧版格式，未回写', en: 'not written: a legacy .xls/.et workbook (taizhang convert makes an .xlsx beside it)' },
};

/** A workbook the write-back leaves alone, and why, in one line for the clerk. */
export interface Untouched {
  id: WorkbookId;
  file: string;
  outcome: 'legacy' | 'unchanged';
  message: string;
}

export interface Prepared {
  id: WorkbookId;
  file: string;
  patch: WorkbookPatch;
}

/** The patch of one workbook of the result (opened, its styles checked), or why it is left alone. */
export async function prepareWorkbook(source: WorkbookSource, result: CheckResult, writes: Map<string, SheetWrite>, id: WorkbookId): Promise<Prepared | Untouched> {
  const { loaded } = result;
  const file = loaded.files[id]!;
  if (loaded.legacy[id]) {
    return { id, file, outcome: 'legacy', message: `${file}：旧版 .xls/.et 格式，不回写状态列；运行 taizhang convert 可在旁边生成 .xlsx，以后在 .xlsx 中填写即可回写` };
  }
  const sheetIds = WORKBOOKS.find((w) => w.id === id)!.sheets.map((s) => s.id);
  const parts: PartWrite[] = [];
  for (const info of sheetIds.flatMap((s) => loaded.sheets[s] ?? [])) {
    const write = writes.get(writeKey(info.id, info.sheet));
    if (!info.part || !write) continue;
    parts.push({ part: info.part, sheet: info.sheet, write, addedColumns: write.columns.filter((c) => !info.layout.owned.has(c.header)).map((c) => c.header) });
  }
  const patch = await openPatch(await source.open(file), file, parts, source.patchSheet && ((job) => source.patchSheet!(file, job)));
  if (!patch) return { id, file, outcome: 'unchanged', message: `${file}：工作簿中没有样式表，未写入` };
  return { id, file, patch };
}

/** One workbook after the write-back: its name, new bytes (when changed) and what changed. */
export interface RefreshedBytes {
  id: WorkbookId;
  file: string;
  /** The new workbook; absent when nothing would change or the workbook is left alone. */
  bytes?: Uint8Array;
  changes: SheetChange[];
  message: string;
}

/**
 * Every workbook as `refresh` would write it, in memory (a page's download). All are prepared
 * before any is written, so bad input in the last one gives no bytes at all.
 *
 * @example
 * ```ts
 * const result = await checkSource(source, ctx);
 * for (const w of await refreshToBytes(source, result, ctx.live)) if (w.bytes) save(w.file, w.bytes);
 * ```
 */
export async function refreshToBytes(source: WorkbookSource, result: CheckResult, live: boolean): Promise<RefreshedBytes[]> {
  const writes = sheetWrites(result, live);
  const prepared: (Prepared | Untouched)[] = [];
  try {
    for (const { id } of WORKBOOKS) if (result.loaded.files[id]) prepared.push(await prepareWorkbook(source, result, writes, id));
    const out: RefreshedBytes[] = [];
    for (const p of prepared) {
      if (!('patch' in p)) {
        out.push({ id: p.id, file: p.file, changes: [], message: p.message });
        continue;
      }
      const pipe = new TransformStream<Uint8Array, Uint8Array>();
      const [bytes, { changedParts }] = await Promise.all([collect(pipe.readable), p.patch.write(pipe.writable)]);
      out.push({
        id: p.id, file: p.file, changes: p.patch.changes(),
        ...(changedParts.length ? { bytes } : {}),
        message: `${p.file}：${OUTCOME_WORDS[changedParts.length ? 'written' : 'unchanged'].zh}`,
      });
    }
    return out;
  } finally {
    for (const p of prepared) if ('patch' in p) await p.patch.close();
  }
}

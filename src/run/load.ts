/**
 * Reading the office's workbooks from a source into the core's collector: which file is which
 * workbook, which sheet is which, the rows streamed in. Every problem that stops the run is an
 * InputError naming the file. Browser-safe.
 */
import { Collector, type SheetInfo } from '../core/collect.js';
import type { RawRow } from '../core/table.js';
import {
  branchMeetingSheet, dutySheet, essaySheet, homeVisitSheet, ledgerSheet, materialSheet, opinionSheet, publicitySheet,
  rosterSheet, studySessionSheet, talkSheet, workLogSheet, type SheetSpec, type WorkbookId,
} from '../core/columns.js';
import type { Config } from '../core/config.js';
import { InputError } from '../core/problems.js';
import type { Inputs } from '../core/report.js';
import { openWorkbook, type SheetEntry, type XlsxReader } from '../xlsx/reader.js';
import type { Reader } from '@zip.js/zip.js';
import { fileSignature, type ZipSource } from '../xlsx/zip.js';
import { findWorkbook, isLegacyName } from './files.js';
import type { WorkbookSource } from './source.js';

export type { SheetInfo } from '../core/collect.js';

export interface Loaded {
  inputs: Inputs;
  /** The file name of each workbook as found (`整改台账.xls` when only that one is there). */
  files: Partial<Record<WorkbookId, string>>;
  /** Workbooks read from an old format (.xls/.et) through a temporary .xlsx: refresh leaves them alone. */
  legacy: Partial<Record<WorkbookId, boolean>>;
  /** Where each sheet was found, by sheet id (roster, homeVisits, ledger …). */
  sheets: Record<string, SheetInfo>;
}

/** How far the reading has come: the sheet being read and the share of its part read (0–1). */
export type Progress = (step: { file: string; sheet: string; done: number }) => void;

/** The sheets of each workbook, in reading order (the roster first: the visit tally needs it). */
export const WORKBOOK_SHEETS: [WorkbookId, SheetSpec[]][] = [
  ['roster', [rosterSheet]],
  ['visits', [homeVisitSheet, dutySheet, talkSheet]],
  ['ledger', [ledgerSheet]],
  ['study', [essaySheet, studySessionSheet, branchMeetingSheet, materialSheet, publicitySheet, opinionSheet, workLogSheet]],
];

/** The sheet a spec asks for: by name; a workbook with a single sheet is taken as that sheet. */
function pickSheet(reader: XlsxReader, spec: SheetSpec, soleSheetOk: boolean): SheetEntry {
  const found = reader.findSheet(spec.sheet);
  if (found) return found;
  if (soleSheetOk && reader.sheets.length === 1) return reader.sheets[0]!;
  throw new InputError('SHEET_MISSING', { file: reader.file, sheet: spec.sheet, existing: reader.sheets.map((s) => `“${s.name}”`).join('、') || '无' });
}

/** Reads one sheet of an open workbook into the collector; a big one (BIG_PART_BYTES) through `elsewhere` when given. */
export async function readSheet(reader: XlsxReader, spec: SheetSpec, collector: Collector, soleSheetOk: boolean, progress?: Progress, elsewhere?: WorkbookSource['readSheetRows']): Promise<void> {
  if (spec.optional && !reader.findSheet(spec.sheet)) return; // the rules it feeds say 未检查
  const sheet = pickSheet(reader, spec, soleSheetOk);
  const opts = { file: reader.file, sheet: sheet.name, date1904: reader.date1904, part: sheet.part };
  const report = progress ? (done: number) => progress({ file: reader.file, sheet: sheet.name, done }) : undefined;
  const big = reader.isBigPart(sheet.part);
  const readRows = (onRow: (row: RawRow) => void, report?: (done: number) => void) =>
    big && elsewhere ? elsewhere(reader.file, sheet, onRow, report) : reader.readRows(sheet, onRow, report);
  // One pass, merges unknown until the end (they follow the rows); a second pass only when they matter.
  const first = collector.sheet(spec, { ...opts, merges: [] });
  const merges = await readRows((row) => first.push(row), report);
  if (!first.mergesMatter(merges)) {
    first.finish();
    return;
  }
  const again = collector.sheet(spec, { ...opts, merges });
  await readRows((row) => again.push(row));
  again.finish();
}

/** Whether a source's first bytes are an OLE2 compound file (a real .xls/.et, not an .xlsx renamed). */
async function isOle2(source: ZipSource): Promise<boolean> {
  let head: Uint8Array;
  if (source instanceof Uint8Array) head = source.subarray(0, 4);
  else if (typeof Blob !== 'undefined' && source instanceof Blob) head = new Uint8Array(await source.slice(0, 4).arrayBuffer());
  else {
    const reader = source as Reader<unknown>;
    if (!(reader as { initialized?: boolean }).initialized) await reader.init?.();
    head = reader.size >= 4 ? await reader.readUint8Array(0, 4) : new Uint8Array();
  }
  return fileSignature(head) === 'ole2';
}

/** Opens a workbook of the source: an .xlsx directly, an old .xls/.et through the source's converter. */
async function withWorkbook<T>(source: WorkbookSource, file: string, use: (reader: XlsxReader, legacy: boolean) => Promise<T>): Promise<T> {
  let input = await source.open(file);
  let done = async () => undefined as void;
  let legacy = false;
  if (isLegacyName(file) && (await isOle2(input))) {
    if (!source.legacy) throw new InputError('LEGACY_NOT_HERE', { file });
    const made = await source.legacy(file);
    input = made.source;
    done = made.done;
    legacy = true;
  }
  try {
    const reader = await openWorkbook(input, file);
    try {
      return await use(reader, legacy);
    } finally {
      await reader.close();
    }
  } finally {
    await done();
  }
}

/** Reads the roster, the visit logs, the ledger and (when there) 学习教育. */
export async function loadWorkbooks(source: WorkbookSource, config: Config, progress?: Progress): Promise<Loaded> {
  const names = await source.list();
  const files: Loaded['files'] = {};
  for (const [id] of WORKBOOK_SHEETS) {
    const found = findWorkbook(names, config.files[id]);
    if (found) files[id] = found;
    else if (id !== 'study') throw new InputError('FILE_MISSING', { file: config.files[id], dir: source.where });
  }
  await source.expect?.(Object.values(files));
  const collector = new Collector(config);
  const legacy: Loaded['legacy'] = {};
  for (const [id, specs] of WORKBOOK_SHEETS) {
    const file = files[id];
    if (!file) continue; // 学习教育.xlsx may be absent: those rules are then not checked
    await withWorkbook(source, file, async (reader, old) => {
      if (old) legacy[id] = true;
      // a workbook of one table (roster, ledger) may have its single sheet named anything
      const elsewhere = old || !source.readSheetRows ? undefined : source.readSheetRows.bind(source);
      for (const spec of specs) await readSheet(reader, spec, collector, specs.filter((s) => !s.optional).length === 1, progress, elsewhere);
    });
  }
  return { inputs: collector.inputs(), files, legacy, sheets: collector.sheets };
}

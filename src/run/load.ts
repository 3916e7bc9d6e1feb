/**
 * Reading the office's workbooks from a source into the core's collector: which file is which
 * workbook, which sheet is which, the rows streamed in. Every problem that stops the run is an
 * InputError naming the file. Browser-safe.
 */
import { Collector, type SheetInfo } from '../core/collect.js';
import { HEADER_SEARCH_ROWS, type MergeRange, type RawRow, type TableOptions } from '../core/table.js';
import { WORKBOOKS, type SheetId, type SheetSpec, type WorkbookId } from '../core/columns.js';
import { note } from '../core/findings.js';
import type { Config } from '../core/config.js';
import { InputError } from '../core/problems.js';
import type { Inputs } from '../core/report.js';
import { normalizeText } from '../core/text.js';
import { openWorkbook, type XlsxReader } from '../xlsx/reader.js';
import { sourceSignature } from '../xlsx/zip.js';
import { findWorkbook, isLegacyName } from './files.js';
import type { WorkbookSource } from './source.js';

export type { SheetInfo } from '../core/collect.js';

export interface Loaded {
  inputs: Inputs;
  /** The file name of each workbook as found (`整改台账.xls` when only that one is there). */
  files: Partial<Record<WorkbookId, string>>;
  /** Workbooks read from an old format (.xls/.et) through a temporary .xlsx: refresh leaves them alone. */
  legacy: Partial<Record<WorkbookId, boolean>>;
  /** Where each kind's sheets were found (one, or several in workbook order), by sheet id. */
  sheets: Partial<Record<SheetId, SheetInfo[]>>;
}

/** How far the reading has come: the sheet being read and the share of its part read (0–1). */
export type Progress = (step: { file: string; sheet: string; done: number }) => void;

/**
 * A workbook read as rows rather than bytes: the one open in a spreadsheet host (an add-in reads
 * its cells through Excel or WPS).
 */
export interface RowsWorkbook {
  /** The file name (`整改台账.xlsx`). */
  name: string;
  sheets: { name: string; rows: RawRow[]; merges: MergeRange[] }[];
  date1904: boolean;
}

/** A sheet a spec reads: its name, and whether that is the kind's own name (not only begins with it). */
export interface PickedSheet {
  name: string;
  exact: boolean;
}

/**
 * Which of the sheets named `names` a spec reads (full-width and space differences ignored): the
 * one of its name and every one whose name begins with it (a kind kept as several sheets:
 * 家访记录（高一）, 家访记录（高二） …), in workbook order; in a workbook of one table, its only sheet
 * whatever its name; none for an optional sheet that is absent. Anything else is bad input naming
 * the sheets there are.
 */
export function pickSheetNames(file: string, names: readonly string[], spec: SheetSpec, soleSheetOk: boolean): PickedSheet[] {
  const key = normalizeText(spec.sheet);
  const picked = names.filter((n) => normalizeText(n).startsWith(key)).map((name) => ({ name, exact: normalizeText(name) === key }));
  if (picked.length) return picked;
  if (spec.optional) return [];
  if (soleSheetOk && names.length === 1) return [{ name: names[0]!, exact: true }];
  throw new InputError('SHEET_MISSING', { file, sheet: spec.sheet, existing: names.map((n) => `“${n}”`).join('、') || '无' });
}

/** The reason a sheet named like a kind is not read as one: its header is not the kind's. */
function headerMismatch(e: unknown): string | undefined {
  if (!(e instanceof InputError)) return undefined;
  if (e.code === 'HEADER_NOT_FOUND') return `前${HEADER_SEARCH_ROWS}行中找不到表头`;
  if (e.code === 'COLUMN_MISSING') return `缺少必填列 ${e.params.columns}`;
  return undefined;
}

/** Whether a workbook of one table (roster, ledger) may have its single sheet named anything. */
const soleSheetOk = (specs: readonly SheetSpec[]) => specs.filter((s) => !s.optional).length === 1;

/** Which of the office's workbooks a workbook is, by the sheets it has (names beginning with a kind's count). */
export function workbookIdOf(file: string, sheetNames: readonly string[]): WorkbookId {
  const names = sheetNames.map(normalizeText);
  for (const { id, sheets: specs } of WORKBOOKS) {
    if (specs.some((s) => !s.optional && names.some((n) => n.startsWith(normalizeText(s.sheet))))) return id;
  }
  throw new InputError('NOT_A_LEDGER_WORKBOOK', { file, expected: WORKBOOKS.map((w) => `“${w.sheets[0]!.sheet}”`).join('、') });
}

/**
 * Reads one sheet into the collector. `rows` pushes the sheet's rows and gives its merged ranges;
 * those known only at the end (a file) may send the sheet round again, with them, when they change
 * the reading; `known` merges (a host's) are there from the start. The sheet of the kind's own
 * name must be the kind's table; one only named like it is passed over, with a note, when its
 * header is another's.
 */
async function readInto(collector: Collector, spec: SheetSpec, picked: PickedSheet, opts: TableOptions & { part?: string }, rows: (push: (row: RawRow) => void) => Promise<MergeRange[]>, known?: MergeRange[]): Promise<InputError | undefined> {
  let sink = collector.sheet(spec, { ...opts, merges: known ?? [] });
  try {
    const merges = await rows((row) => sink.push(row));
    if (!known && sink.mergesMatter(merges)) {
      const again = collector.sheet(spec, { ...opts, merges });
      sink = again;
      await rows((row) => again.push(row));
    }
    sink.finish();
  } catch (e) {
    const reason = picked.exact ? undefined : headerMismatch(e);
    if (reason === undefined) throw e;
    sink.discard();
    collector.loadNotes.push(note('SHEET_NOT_READ', { file: opts.file, sheet: picked.name }, { sheet: picked.name, kind: spec.sheet, reason }));
    return e as InputError;
  }
  return undefined;
}

/**
 * Reads every sheet of the names picked for a kind through `readOne`. When each one was passed
 * over (its header another's) the kind is missing: a kind the rules need is then the first one's
 * header problem, the clerk's to mend, not a check run without it.
 */
async function readKind(file: string, names: readonly string[], spec: SheetSpec, soleSheetOk: boolean, readOne: (picked: PickedSheet) => Promise<InputError | undefined>): Promise<void> {
  const picked = pickSheetNames(file, names, spec, soleSheetOk);
  const passedOver: InputError[] = [];
  for (const p of picked) {
    const e = await readOne(p);
    if (e) passedOver.push(e);
  }
  if (!spec.optional && passedOver.length && passedOver.length === picked.length) throw passedOver[0]!;
}

/** Reads the sheets of one kind from an open workbook into the collector; a big one (BIG_PART_BYTES) through `elsewhere` when given. */
export async function readSheet(reader: XlsxReader, spec: SheetSpec, collector: Collector, soleSheetOk: boolean, progress?: Progress, elsewhere?: WorkbookSource['readSheetRows']): Promise<void> {
  await readKind(reader.file, reader.sheets.map((s) => s.name), spec, soleSheetOk, (picked) => {
    const sheet = reader.sheets.find((s) => s.name === picked.name)!;
    const big = reader.isBigPart(sheet.part);
    let first = true;
    return readInto(collector, spec, picked, { file: reader.file, sheet: sheet.name, date1904: reader.date1904, part: sheet.part }, (push) => {
      // progress is told on the first pass only: a second pass (with merges) would send it back to 0
      const report = progress && first ? (done: number) => progress({ file: reader.file, sheet: sheet.name, done }) : undefined;
      first = false;
      return big && elsewhere ? elsewhere(reader, sheet, push, report) : reader.readRows(sheet, push, report);
    });
  });
}

/** Opens a workbook of the source: an .xlsx directly, an old .xls/.et through the source's converter. */
async function withWorkbook<T>(source: WorkbookSource, file: string, use: (reader: XlsxReader, legacy: boolean) => Promise<T>): Promise<T> {
  let input = await source.open(file);
  let done = async () => undefined as void;
  let legacy = false;
  if (isLegacyName(file) && (await sourceSignature(input, file)) === 'ole2') {
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

/** Reads the sheets of a workbook held as rows (the one open in a host) into the collector. */
async function readRowsWorkbook(book: RowsWorkbook, specs: readonly SheetSpec[], collector: Collector): Promise<void> {
  const names = book.sheets.map((s) => s.name);
  for (const spec of specs) {
    await readKind(book.name, names, spec, soleSheetOk(specs), (picked) => {
      const sheet = book.sheets.find((s) => s.name === picked.name)!;
      return readInto(collector, spec, picked, { file: book.name, sheet: sheet.name, date1904: book.date1904 }, async (push) => {
        for (const row of sheet.rows) push(row);
        return sheet.merges;
      }, sheet.merges);
    });
  }
}

/**
 * Reads the roster, the visit logs, the ledger and (when there) 学习教育 from the source; `open`,
 * when given, is one of them read as rows (the workbook open in a host), which the source then
 * need not have. Every workbook that is missing is named at once.
 */
export async function loadWorkbooks(source: WorkbookSource, config: Config, progress?: Progress, open?: RowsWorkbook): Promise<Loaded> {
  const openId = open ? workbookIdOf(open.name, open.sheets.map((s) => s.name)) : undefined;
  const names = await source.list();
  const files: Loaded['files'] = {};
  const missing: string[] = [];
  for (const { id } of WORKBOOKS) {
    const found = id === openId ? open!.name : findWorkbook(names, config.files[id]);
    if (found) files[id] = found;
    else if (id !== 'study') missing.push(config.files[id]); // 学习教育 may be absent: those rules say 未检查
  }
  if (missing.length) throw source.missing?.(missing) ?? new InputError('FILE_MISSING', { file: missing.join('、'), dir: source.where });
  await source.expect?.(Object.entries(files).filter(([id]) => id !== openId).map(([, f]) => f));
  const collector = new Collector(config);
  const legacy: Loaded['legacy'] = {};
  // Every workbook that cannot be read is named at once: after the first, the others are still
  // opened and their sheets looked up (not read into the rules, which lack what came before).
  const problems: InputError[] = [];
  for (const { id, sheets: specs } of WORKBOOKS) {
    const file = files[id];
    if (!file) continue;
    try {
      if (id === openId) {
        if (problems.length) continue;
        await readRowsWorkbook(open!, specs, collector);
        continue;
      }
      await withWorkbook(source, file, async (reader, old) => {
        if (old) legacy[id] = true;
        if (problems.length) {
          for (const spec of specs) pickSheetNames(reader.file, reader.sheets.map((s) => s.name), spec, soleSheetOk(specs));
          return;
        }
        const elsewhere = old || !source.readSheetRows ? undefined : source.readSheetRows.bind(source);
        for (const spec of specs) await readSheet(reader, spec, collector, soleSheetOk(specs), progress, elsewhere);
      });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(e);
    }
  }
  if (problems.length === 1) throw problems[0]!;
  if (problems.length > 1) throw new InputError('SEVERAL', { problems: problems.map((p) => p.messageIn('zh')).join('；'), problemsEn: problems.map((p) => p.messageIn('en')).join('; ') });
  const inputs = collector.inputs();
  // nothing to check anyone against: one sentence, not a cascade of findings about no one
  if (!inputs.roster.rows.some((r) => r.name)) throw new InputError('ROSTER_EMPTY', { file: inputs.roster.file, sheet: inputs.roster.sheet });
  return { inputs, files, legacy, sheets: collector.sheets };
}

/**
 * Raw sheet rows → typed rows, driven by the column table. Pure: the rows come from whatever
 * read the workbook (a zip/XML stream in Node, Office.js in an add-in). The header row is found
 * in the first 10 rows; columns may be in any order, extra columns are ignored, tool-owned
 * `【自动】` columns are recognised and left alone. A cell that cannot be read is a finding at
 * its row and column, never a crash.
 */
import type { ColumnSpec, Deadline, RowOf, SheetSpec } from './columns.js';
import { campaignYear, type Config } from './config.js';
import { excelSerialToDay, parseDayText, parseDeadlineText, type Day } from './dates.js';
import { columnLetter, finding, type Finding, type Place } from './findings.js';
import { InputError } from './problems.js';
import { normalizeHeader, normalizeText, parseYesNo, splitList, tidyText } from './text.js';

export type RawCell = string | number | boolean | null | undefined;
export interface RawRow {
  /** 1-based Excel row number. */
  row: number;
  /** Cell values by 0-based column index. */
  cells: readonly RawCell[];
}

export const OWNED_PREFIX = '【自动】';
export const HEADER_SEARCH_ROWS = 10;

export interface HeaderLayout {
  headerRow: number;
  /** Column index of each known key that is present. */
  index: Record<string, number>;
  /** The header text as the clerk wrote it, by column index. */
  headers: string[];
  /** Tool-owned columns already in the sheet: header → column index. */
  owned: Map<string, number>;
  /** Rightmost column (0-based) holding a value in any row, tool-owned columns left out; -1 when none. */
  lastColumn: number;
}

export interface TableResult<S extends SheetSpec> {
  layout: HeaderLayout;
  rows: RowOf<S>[];
  findings: Finding[];
}

export interface TableOptions {
  file: string;
  sheet: string;
  /** The workbook uses the 1904 date system. */
  date1904?: boolean;
}

const isEmpty = (v: RawCell): boolean => v === null || v === undefined || (typeof v === 'string' && normalizeText(v) === '');

function headerKeys(col: ColumnSpec): string[] {
  return [col.header, ...(col.variants ?? [])].map(normalizeHeader);
}

/** Header text without a trailing hint such as `（是/否）` or `(上门/电话/其他)`. */
function headerCandidates(text: string): string[] {
  const h = normalizeHeader(text);
  const bare = h.replace(/\([^()]*\)$/, '').replace(/[*＊]+$/, '');
  return bare !== h ? [h, bare] : [h];
}

function matchRow(spec: SheetSpec, cells: readonly RawCell[]): Record<string, number> {
  const index: Record<string, number> = {};
  cells.forEach((cell, i) => {
    if (typeof cell !== 'string' || cell.trim().startsWith(OWNED_PREFIX)) return;
    const candidates = headerCandidates(cell);
    for (const col of spec.columns) {
      if (index[col.key] !== undefined) continue;
      if (headerKeys(col).some((k) => candidates.includes(k))) {
        index[col.key] = i;
        break;
      }
    }
  });
  return index;
}

/** Find the header row among the first rows; an InputError when there is none or it lacks a required column. */
export function locateHeader(spec: SheetSpec, firstRows: readonly RawRow[], opts: TableOptions): HeaderLayout {
  let best: { row: RawRow; index: Record<string, number>; score: number } | undefined;
  for (const row of firstRows.slice(0, HEADER_SEARCH_ROWS)) {
    const index = matchRow(spec, row.cells);
    const score = Object.keys(index).length;
    if (score > 0 && (!best || score > best.score)) best = { row, index, score };
  }
  const required = spec.columns.filter((c) => c.required);
  if (!best || best.score < Math.min(2, spec.columns.length)) {
    throw new InputError('HEADER_NOT_FOUND', { file: opts.file, sheet: opts.sheet, expected: required.map((c) => `“${c.header}”`).join('、') });
  }
  const missing = required.filter((c) => best!.index[c.key] === undefined);
  if (missing.length > 0) {
    throw new InputError('COLUMN_MISSING', { file: opts.file, sheet: opts.sheet, row: best.row.row, columns: missing.map((c) => `“${c.header}”`).join('、') });
  }
  const headers: string[] = [];
  const owned = new Map<string, number>();
  best.row.cells.forEach((cell, i) => {
    const text = cell === null || cell === undefined ? '' : String(cell);
    headers[i] = text;
    if (text.trim().startsWith(OWNED_PREFIX)) owned.set(text.trim(), i);
  });
  return { headerRow: best.row.row, index: best.index, headers, owned, lastColumn: -1 };
}

type CellResult = { ok: true; value: unknown } | { ok: false; finding: Finding };

function parseCell(col: ColumnSpec, raw: RawCell, config: Config, year: number, opts: TableOptions, place: Place): CellResult {
  const text = typeof raw === 'string' ? raw : typeof raw === 'number' ? numberText(raw) : String(raw);
  const bad = (code: 'CELL_INVALID_DATE' | 'CELL_INVALID_DEADLINE' | 'CELL_INVALID_YESNO' | 'CELL_INVALID_NUMBER') =>
    ({ ok: false, finding: finding(code, place, { header: col.header, value: tidyText(text) }) }) as const;
  switch (col.type) {
    case 'text':
      return { ok: true, value: tidyText(text) };
    case 'name':
      return { ok: true, value: normalizeText(text) };
    case 'names':
    case 'list':
      return { ok: true, value: splitList(text) };
    case 'date': {
      const day: Day | undefined = typeof raw === 'number' ? excelSerialToDay(raw, opts.date1904) : typeof raw === 'string' ? parseDayText(raw, year) : undefined;
      return day ? { ok: true, value: day } : bad('CELL_INVALID_DATE');
    }
    case 'deadline': {
      if (typeof raw === 'number') {
        const day = excelSerialToDay(raw, opts.date1904);
        return day ? { ok: true, value: { day, text: day, period: false } satisfies Deadline } : bad('CELL_INVALID_DEADLINE');
      }
      const parsed = typeof raw === 'string' ? parseDeadlineText(raw, year) : undefined;
      return parsed ? { ok: true, value: { day: parsed.day, text: tidyText(raw as string), period: parsed.period } satisfies Deadline } : bad('CELL_INVALID_DEADLINE');
    }
    case 'yesno': {
      const value = typeof raw === 'boolean' ? raw : typeof raw === 'number' ? (raw === 1 ? true : raw === 0 ? false : undefined) : parseYesNo(text);
      return value === undefined ? bad('CELL_INVALID_YESNO') : { ok: true, value };
    }
    case 'enum': {
      const options = col.options?.(config) ?? [];
      const key = normalizeText(text);
      const match = options.find((o) => normalizeText(o) === key);
      return match !== undefined
        ? { ok: true, value: match }
        : { ok: false, finding: finding('CELL_NOT_IN_LIST', place, { header: col.header, value: tidyText(text), options: options.join('、') }) };
    }
    case 'count':
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(normalizeText(text));
      if (!Number.isFinite(n) || n < 0 || (col.type === 'count' && !Number.isInteger(n))) return bad('CELL_INVALID_NUMBER');
      return { ok: true, value: n };
    }
  }
}

/** A number cell as text without exponent or float noise (工号 typed as a number). */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) >= 1e15) return BigInt(n).toString();
  return String(n);
}

/**
 * Reads a sheet row by row: push every raw row in order, then finish. The first rows are held
 * until the header is found, then each row is typed as it comes.
 */
export class TableReader<S extends SheetSpec> {
  private pending: RawRow[] = [];
  private layout: HeaderLayout | undefined;
  private ownedColumns: Set<number> | undefined;
  private readonly year: number;
  readonly rows: RowOf<S>[] = [];
  readonly findings: Finding[] = [];

  /**
   * @param onRow when given, each typed row goes there and is not kept in `rows`: a big log is
   * tallied as it is read instead of held in memory.
   */
  constructor(
    private readonly spec: S,
    private readonly config: Config,
    private readonly opts: TableOptions,
    private readonly onRow?: (row: RowOf<S>) => void,
  ) {
    this.year = campaignYear(config);
  }

  push(raw: RawRow): void {
    if (this.layout) {
      this.noteLastColumn(raw);
      this.typeRow(raw);
      return;
    }
    this.pending.push(raw);
    if (this.pending.length >= HEADER_SEARCH_ROWS) this.settleHeader();
  }

  finish(): TableResult<S> {
    if (!this.layout) this.settleHeader();
    return { layout: this.layout!, rows: this.rows, findings: this.findings };
  }

  private settleHeader(): void {
    this.layout = locateHeader(this.spec, this.pending, this.opts);
    for (const raw of this.pending) this.noteLastColumn(raw);
    const after = this.pending.filter((r) => r.row > this.layout!.headerRow);
    this.pending = [];
    for (const raw of after) this.typeRow(raw);
  }

  /** The write-back appends its columns right of everything the clerk has typed. */
  private noteLastColumn(raw: RawRow): void {
    const layout = this.layout!;
    this.ownedColumns ??= new Set(layout.owned.values());
    for (let i = raw.cells.length - 1; i > layout.lastColumn; i--) {
      if (!isEmpty(raw.cells[i]) && !this.ownedColumns.has(i)) {
        layout.lastColumn = i;
        break;
      }
    }
  }

  private typeRow(raw: RawRow): void {
    const layout = this.layout!;
    const row: Record<string, unknown> & { row: number; invalid: string[] } = { row: raw.row, invalid: [] };
    let filled = false;
    const rowFindings: Finding[] = [];
    for (const col of this.spec.columns) {
      const i = layout.index[col.key];
      if (i === undefined) {
        if (col.emptyMeans !== undefined) row[col.key] = col.emptyMeans;
        continue;
      }
      const value = raw.cells[i];
      const place: Place = { file: this.opts.file, sheet: this.opts.sheet, row: raw.row, column: col.header, cell: `${columnLetter(i)}${raw.row}` };
      if (isEmpty(value)) {
        if (col.emptyMeans !== undefined) row[col.key] = col.emptyMeans;
        else if (col.required && !col.emptyCheckedByRule) rowFindings.push(finding('CELL_REQUIRED', place, { header: col.header }));
        continue;
      }
      filled = true;
      const parsed = parseCell(col, value, this.config, this.year, this.opts, place);
      if (parsed.ok) row[col.key] = parsed.value;
      else {
        row.invalid.push(col.key);
        rowFindings.push(parsed.finding);
      }
    }
    if (!filled) return; // a blank row (or one with only extra columns) is no record
    if (rowFindings.length) this.findings.push(...rowFindings);
    if (this.onRow) this.onRow(row as RowOf<S>);
    else this.rows.push(row as RowOf<S>);
  }
}

/** Convenience for rows already in memory. */
export function readTable<S extends SheetSpec>(spec: S, rows: readonly RawRow[], config: Config, opts: TableOptions): TableResult<S> {
  const reader = new TableReader(spec, config, opts);
  for (const raw of rows) reader.push(raw);
  return reader.finish();
}

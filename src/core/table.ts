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
import { cellRef, type Area } from './address.js';
import { finding, note, type Finding, type Note, type Place } from './findings.js';
import { InputError } from './problems.js';
import { OWNED_PREFIX } from './owned.js';
import { normalizeHeader, normalizeText, parseYesNo, splitList, tidyText } from './text.js';

/** A cell as a reader gives it: text, number, boolean or empty. */
export type RawCell = string | number | boolean | null | undefined;
/** A row as a reader gives it: its Excel row number and its cells. */
export interface RawRow {
  /** 1-based Excel row number. */
  row: number;
  /** Cell values by 0-based column index. */
  cells: readonly RawCell[];
}

export const HEADER_SEARCH_ROWS = 10;

/** A merged range of the sheet: 0-based columns, 1-based (Excel) rows, inclusive. */
export type MergeRange = Area;

/** A caption merged over several columns of a two-level header (`六落实`, `家访情况`): never a column. */
export interface HeaderGroup {
  caption: string;
  from: number;
  to: number;
}

/** Where a sheet's header is and which column holds what. */
export interface HeaderLayout {
  /** The header row right above the data (the lower row of a two-level header). */
  headerRow: number;
  /** The first header row: the upper row of a two-level header, else headerRow. */
  headerTop: number;
  /** Column index of each known key that is present. */
  index: Record<string, number>;
  /** The header text as the clerk wrote it, by column index. */
  headers: string[];
  /** Tool-owned columns already in the sheet: header → column index. */
  owned: Map<string, number>;
  /** Rightmost column (0-based) holding a value in any row, tool-owned columns left out; -1 when none. */
  lastColumn: number;
  /** Captions over columns of a two-level header. */
  groups: HeaderGroup[];
  /** The first row of the table's footer (a signature line, a note), when the table ended before the sheet. */
  endRow?: number;
}

/** A sheet read against its column table: typed rows, findings, notes and the header layout. */
export interface TableResult<S extends SheetSpec> {
  layout: HeaderLayout;
  rows: RowOf<S>[];
  findings: Finding[];
  notes: Note[];
}

/** Which file and sheet a table is read from (for the places of findings) and how its dates are stored. */
export interface TableOptions {
  file: string;
  sheet: string;
  /** The workbook uses the 1904 date system. */
  date1904?: boolean;
  /** The sheet's merged ranges: they shape a two-level header and fill merged-down cells. */
  merges?: readonly MergeRange[];
}

const isEmpty = (v: RawCell): boolean => v === null || v === undefined || (typeof v === 'string' && normalizeText(v) === '');

/** The office's own header texts for a sheet's columns (config `headers`), by column key. */
function configuredHeaders(spec: SheetSpec, config: Config): Map<string, string[]> {
  const mapped = config.headers?.[spec.sheet] ?? {};
  const out = new Map<string, string[]>();
  for (const col of spec.columns) {
    const own = mapped[col.header];
    if (own !== undefined) out.set(col.key, (typeof own === 'string' ? [own] : own).map(normalizeHeader));
  }
  return out;
}

/** Header text without a trailing hint such as `（是/否）` or `(上门/电话/其他)`. */
function headerCandidates(text: string): string[] {
  const h = normalizeHeader(text);
  const bare = h.replace(/\([^()]*\)$/, '').replace(/[*＊]+$/, '');
  return bare !== h ? [h, bare] : [h];
}

interface ColumnKeys {
  col: ColumnSpec;
  /** The office's own texts (config `headers`). */
  own: string[];
  /** The standard header and its built-in variants. */
  builtin: string[];
}

function columnKeys(spec: SheetSpec, config: Config): ColumnKeys[] {
  const own = configuredHeaders(spec, config);
  return spec.columns.map((col) => ({ col, own: own.get(col.key) ?? [], builtin: [col.header, ...(col.variants ?? [])].map(normalizeHeader) }));
}

function matchRow(keys: readonly ColumnKeys[], cells: readonly RawCell[]): Record<string, number> {
  const index: Record<string, number> = {};
  const taken = new Set<number>();
  // The office's own texts first, so a built-in variant elsewhere in the row cannot take their column.
  for (const pick of [(k: ColumnKeys) => k.own, (k: ColumnKeys) => k.builtin]) {
    cells.forEach((cell, i) => {
      if (typeof cell !== 'string' || taken.has(i) || cell.trim().startsWith(OWNED_PREFIX)) return;
      const candidates = headerCandidates(cell);
      for (const k of keys) {
        if (index[k.col.key] !== undefined) continue;
        if (pick(k).some((t) => candidates.includes(t))) {
          index[k.col.key] = i;
          taken.add(i);
          break;
        }
      }
    });
  }
  return index;
}

const textOf = (v: RawCell): string => (v === null || v === undefined ? '' : String(v));

/**
 * The header cells of a two-level header (rows `upper` and `upper.row + 1`): a column's header is
 * the lower cell when there is one, else the upper cell (merged down over both rows). A caption
 * merged over several columns with headers under it is a group, never a column.
 */
function twoLevel(upper: RawRow, lower: RawRow, merges: readonly MergeRange[]): { cells: RawCell[]; groups: HeaderGroup[] } {
  const width = Math.max(upper.cells.length, lower.cells.length);
  const caption = new Set<number>();
  const groups: HeaderGroup[] = [];
  for (const m of merges) {
    if (m.r1 !== upper.row || m.r2 !== upper.row || m.c2 <= m.c1) continue;
    let under = false;
    for (let c = m.c1; c <= m.c2; c++) if (!isEmpty(lower.cells[c])) under = true;
    if (!under) continue;
    for (let c = m.c1; c <= m.c2; c++) caption.add(c);
    groups.push({ caption: tidyText(textOf(upper.cells[m.c1])), from: m.c1, to: m.c2 });
  }
  const cells: RawCell[] = [];
  for (let c = 0; c < width; c++) {
    const up = upper.cells[c];
    const low = lower.cells[c];
    if (!isEmpty(low)) {
      cells[c] = low;
      // An upper cell over a header, merged or not, is a caption of a group of one or more columns.
      if (!isEmpty(up) && !caption.has(c)) groups.push({ caption: tidyText(textOf(up)), from: c, to: c });
    } else if (!caption.has(c)) cells[c] = up;
  }
  return { cells, groups };
}

interface Candidate {
  top: RawRow;
  bottom: RawRow;
  cells: readonly RawCell[];
  index: Record<string, number>;
  groups: HeaderGroup[];
  score: number;
}

/**
 * Find the header among the first rows, one-level or two-level; an InputError when there is none
 * or it lacks a required column. A two-level reading is taken only when it finds more columns
 * than either of its rows alone, so a title row or the first data row never makes one.
 */
export function locateHeader(spec: SheetSpec, firstRows: readonly RawRow[], opts: TableOptions, config: Config): HeaderLayout {
  const keys = columnKeys(spec, config);
  const merges = opts.merges ?? [];
  const rows = firstRows.slice(0, HEADER_SEARCH_ROWS + 1);
  let best: Candidate | undefined;
  const consider = (c: Candidate) => {
    if (c.score > 0 && (!best || c.score > best.score)) best = c;
  };
  rows.slice(0, HEADER_SEARCH_ROWS).forEach((row, i) => {
    const index = matchRow(keys, row.cells);
    const single: Candidate = { top: row, bottom: row, cells: row.cells, index, groups: [], score: Object.keys(index).length };
    const next = rows[i + 1];
    if (next && next.row === row.row + 1) {
      const both = twoLevel(row, next, merges);
      const bothIndex = matchRow(keys, both.cells);
      const score = Object.keys(bothIndex).length;
      const below = Object.keys(matchRow(keys, next.cells)).length;
      if (score > single.score && score > below) {
        consider({ top: row, bottom: next, cells: both.cells, index: bothIndex, groups: both.groups, score });
        return;
      }
    }
    consider(single);
  });
  const required = spec.columns.filter((c) => c.required);
  if (!best || best.score < Math.min(2, spec.columns.length)) {
    throw new InputError('HEADER_NOT_FOUND', { file: opts.file, sheet: opts.sheet, expected: required.map((c) => `“${c.header}”`).join('、') });
  }
  const found: Candidate = best;
  const missing = required.filter((c) => found.index[c.key] === undefined);
  if (missing.length > 0) {
    throw new InputError('COLUMN_MISSING', {
      file: opts.file, sheet: opts.sheet, row: found.bottom.row,
      columns: missing.map((c) => `“${c.header}”`).join('、'),
      example: `"${missing[0]!.header}": "表中实际的列名"`,
    });
  }
  const headers: string[] = [];
  const owned = new Map<string, number>();
  found.cells.forEach((cell, i) => {
    const text = textOf(cell);
    headers[i] = text;
    if (text.trim().startsWith(OWNED_PREFIX)) owned.set(text.trim(), i);
  });
  return { headerRow: found.bottom.row, headerTop: found.top.row, index: found.index, headers, owned, lastColumn: -1, groups: found.groups };
}

/**
 * Shared by every row with no invalid cell, no merged value: most rows of a big log. Frozen, so that
 * a push by whoever holds a row fails at once instead of marking every row (the reader replaces it).
 */
const NONE_INVALID = Object.freeze([]) as unknown as string[];
const NONE_FILLED = Object.freeze([]) as unknown as number[];

/** A cell that could not be read as its column's type: what to say about it. */
class CellProblem {
  constructor(readonly finding: Finding) {}
}

/** A closed list's options, and the options by their normalised text. */
interface OptionList {
  options: readonly string[];
  index: Map<string, string>;
}

// by config, then column: `options(config)` makes a new array for some columns (三进三听's weekly
// and monthly duties together), so a cache by array missed on every cell
const optionLists = new WeakMap<Config, WeakMap<ColumnSpec, OptionList>>();

/** A column's closed list under a config, made once (not once per cell). */
let lastOptions: { col: ColumnSpec; config: Config; list: OptionList } | undefined;

function optionListOf(col: ColumnSpec, config: Config): OptionList {
  // a log's rows ask for the same column's list one after another: the last answer first
  if (lastOptions?.col === col && lastOptions.config === config) return lastOptions.list;
  let byColumn = optionLists.get(config);
  if (!byColumn) optionLists.set(config, (byColumn = new WeakMap()));
  let list = byColumn.get(col);
  if (!list) {
    const options = col.options?.(config) ?? [];
    const index = new Map<string, string>();
    for (const o of options) if (!index.has(normalizeText(o))) index.set(normalizeText(o), o);
    byColumn.set(col, (list = { options, index }));
  }
  lastOptions = { col, config, list };
  return list;
}

/** The place of a cell, made only when a finding needs it: a big log has a million cells. */
function cellPlace(opts: TableOptions, row: number, col: ColumnSpec, index: number): Place {
  return { file: opts.file, sheet: opts.sheet, row, column: col.header, cell: cellRef(row, index) };
}

/**
 * A cell's value as its column's type, or a CellProblem. A plain value and not a `{ ok, value }`
 * wrapper: the wrapper was an object for each of a big log's million cells.
 */
function parseCell(col: ColumnSpec, raw: RawCell, config: Config, year: number, opts: TableOptions, row: number, index: number): unknown {
  const text = typeof raw === 'string' ? raw : typeof raw === 'number' ? numberText(raw) : String(raw);
  const bad = (code: 'CELL_INVALID_DATE' | 'CELL_INVALID_DEADLINE' | 'CELL_INVALID_YESNO' | 'CELL_INVALID_NUMBER') =>
    new CellProblem(finding(code, cellPlace(opts, row, col, index), { header: col.header, value: tidyText(text) }));
  switch (col.type) {
    case 'text':
      return tidyText(text);
    case 'name':
      return normalizeText(text);
    case 'names':
    case 'list':
      return splitList(text);
    case 'date': {
      const day: Day | undefined = typeof raw === 'number' ? excelSerialToDay(raw, opts.date1904) : typeof raw === 'string' ? parseDayText(raw, year) : undefined;
      return day ? day : bad('CELL_INVALID_DATE');
    }
    case 'deadline': {
      if (typeof raw === 'number') {
        const day = excelSerialToDay(raw, opts.date1904);
        return day ? { day, text: day, period: false } satisfies Deadline : bad('CELL_INVALID_DEADLINE');
      }
      const parsed = typeof raw === 'string' ? parseDeadlineText(raw, year) : undefined;
      return parsed ? { day: parsed.day, text: tidyText(raw as string), period: parsed.period } satisfies Deadline : bad('CELL_INVALID_DEADLINE');
    }
    case 'yesno': {
      const value = typeof raw === 'boolean' ? raw : typeof raw === 'number' ? (raw === 1 ? true : raw === 0 ? false : undefined) : parseYesNo(text);
      return value === undefined ? bad('CELL_INVALID_YESNO') : value;
    }
    case 'enum': {
      const { options, index: byText } = optionListOf(col, config);
      const match = byText.get(normalizeText(text));
      return match !== undefined
        ? match
        : new CellProblem(finding('CELL_NOT_IN_LIST', cellPlace(opts, row, col, index), { header: col.header, value: tidyText(text), options: options.join('、') }));
    }
    case 'count':
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(normalizeText(text));
      if (!Number.isFinite(n) || n < 0 || (col.type === 'count' && !Number.isInteger(n))) return bad('CELL_INVALID_NUMBER');
      return n;
    }
  }
}

/** A number cell as text without exponent or float noise (工号 typed as a number). */
function numberText(n: number): string {
  // every digit, no exponent (toFixed is exact below 1e21; no BigInt, which older webviews lack)
  if (Number.isInteger(n) && Math.abs(n) >= 1e15 && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

/**
 * Where a clerk's table ends: the first cell of a row that starts a signature line or a note
 * (填表人：…, 注：…) or a totals row. Such a row and every row under it are the clerk's, not data.
 */
const FOOTER_MARK = /^(填表人|制表人|填报人|审核人|审批人|复核人|负责人|联系人|经办人|填表单位|填报单位|单位|填表日期|填报日期|制表日期|报送日期|日期|注|备注|说明|附注|签字|签名|盖章)\d*[：:]|^(合计|总计|小计)$/;

/** The first characters of the footer marks: most rows start with something else and skip the test. */
const FOOTER_FIRST = new Set([...'填制审复负联经单日注备说附签盖合总小']);

function footerMark(cells: readonly RawCell[]): string | undefined {
  const first = cells.find((c) => !isEmpty(c));
  if (typeof first !== 'string' || !FOOTER_FIRST.has(first.trimStart().charAt(0))) return undefined;
  const text = normalizeText(first);
  const m = FOOTER_MARK.exec(text);
  return m ? (m[1] ?? m[2]) : undefined;
}

/**
 * Reads a sheet row by row: push every raw row in order, then finish. The first rows are held
 * until the header is found, then each row is typed as it comes. A cell merged down over several
 * rows gives its value to each of them; the table ends at a signature line or note under it.
 */
export class TableReader<S extends SheetSpec> {
  private pending: RawRow[] = [];
  private layout: HeaderLayout | undefined;
  private ownedColumns: Set<number> | undefined;
  private readonly year: number;
  /** Merges over data rows, by their top row. */
  private readonly mergesByTop = new Map<number, MergeRange[]>();
  /** Merges whose value is being given to the rows under their top: column → value and last row. */
  private readonly filling = new Map<number, { value: RawCell; until: number }>();
  private absent: readonly string[] = [];
  private footer: { row: number; marker: string } | undefined;
  private afterFooter: { first: number; count: number } | undefined;
  private lastDataRow = 0;
  /** Rows that repeat the header (or a two-level header's upper row), skipped. */
  private readonly repeatedHeader: number[] = [];
  /** The header's rows as the clerk wrote them, normalised, to know them again below. */
  private headerTexts: string[][] = [];
  readonly rows: RowOf<S>[] = [];
  readonly findings: Finding[] = [];
  readonly notes: Note[] = [];

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
    if (this.pending.length > HEADER_SEARCH_ROWS) this.settleHeader();
  }

  finish(): TableResult<S> {
    if (!this.layout) this.settleHeader();
    const layout = this.layout!;
    const place = { file: this.opts.file, sheet: this.opts.sheet };
    if (this.footer) {
      layout.endRow = this.footer.row;
      this.notes.push(note('TABLE_ENDED', { ...place, row: this.footer.row }, { lastRow: this.lastDataRow || layout.headerRow, endRow: this.footer.row, marker: this.footer.marker }));
    }
    if (this.repeatedHeader.length) {
      const rows = this.repeatedHeader;
      const shown = rows.slice(0, 5).join('、') + (rows.length > 5 ? `等` : '');
      this.notes.push(note('HEADER_REPEATED', { ...place, row: rows[0]! }, { rows: shown, count: rows.length }));
    }
    if (this.footer && this.afterFooter) {
      this.findings.push(finding('TABLE_ROWS_AFTER_END', { ...place, row: this.afterFooter.first }, {
        endRow: this.footer.row, marker: this.footer.marker, count: this.afterFooter.count, firstRow: this.afterFooter.first,
      }));
    }
    return { layout, rows: this.rows, findings: this.findings, notes: this.notes };
  }

  /** The first rows, kept to tell whether merges found later would have changed the header. */
  private headerRows: RawRow[] = [];

  /**
   * Whether merged ranges (known only once the sheet has been read) would change what was read
   * without them: a merge down over data rows, or a header band read otherwise. Then the sheet
   * is read again with them; a sheet without such merges (most logs) is read once. When they do
   * not matter, the layout still takes the captions' extent from them.
   */
  mergesMatter(merges: readonly MergeRange[]): boolean {
    if (!this.layout) this.settleHeader();
    const layout = this.layout!;
    if (merges.some((m) => m.r2 > m.r1 && m.r2 > layout.headerRow)) return true;
    if (!merges.some((m) => m.r1 <= layout.headerRow + 1)) return false;
    try {
      const other = locateHeader(this.spec, this.headerRows, { ...this.opts, merges }, this.config);
      const differs = other.headerRow !== layout.headerRow || other.headerTop !== layout.headerTop || JSON.stringify(other.index) !== JSON.stringify(layout.index);
      // the same columns either way: keep this reading, with the captions' true extent
      if (!differs) layout.groups = other.groups;
      return differs;
    } catch {
      return true; // with the merges the header is not found: read again, and say so then
    }
  }

  private settleHeader(): void {
    this.headerRows = this.pending.slice(0, HEADER_SEARCH_ROWS + 1);
    const layout = (this.layout = locateHeader(this.spec, this.pending, this.opts, this.config));
    for (const m of this.opts.merges ?? []) {
      if (m.r2 > m.r1 && m.r1 > layout.headerRow) this.mergesByTop.set(m.r1, [...(this.mergesByTop.get(m.r1) ?? []), m]);
    }
    const absent = this.spec.columns.filter((c) => layout.index[c.key] === undefined);
    this.absent = Object.freeze(absent.map((c) => c.key));
    for (const col of absent) {
      if (col.absentMeans) {
        this.findings.push(finding('COLUMN_ABSENT', { file: this.opts.file, sheet: this.opts.sheet, row: layout.headerRow, column: col.header }, { header: col.header, consequence: col.absentMeans(this.config) }));
      }
    }
    for (const raw of this.pending) this.noteLastColumn(raw);
    this.headerTexts = this.pending.filter((r) => r.row >= layout.headerTop && r.row <= layout.headerRow).map((r) => r.cells.map((c) => normalizeHeader(textOf(c))));
    const after = this.pending.filter((r) => r.row > layout.headerRow);
    this.pending = [];
    for (const raw of after) this.typeRow(raw);
  }

  /**
   * Whether a data row is the header again: every cell the header row has is there with the same
   * text, and nothing else (at least two such cells, so one repeated word is not a header).
   */
  private isHeaderAgain(raw: RawRow): boolean {
    for (const header of this.headerTexts) {
      let same = 0;
      let other = false;
      const width = Math.max(header.length, raw.cells.length);
      for (let i = 0; i < width && !other; i++) {
        const h = header[i] ?? '';
        const cell = raw.cells[i];
        // a number is its own text (most data rows start with a date serial: over at once)
        const c = isEmpty(cell) ? '' : typeof cell === 'number' ? textOf(cell) : normalizeHeader(textOf(cell));
        if (h === '' && c === '') continue;
        if (this.ownedColumns?.has(i)) continue;
        if (h !== c) other = true;
        else same++;
      }
      if (!other && same >= 2) return true;
    }
    return false;
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

  /** The row's cells with the values of cells merged down over it; the columns so filled. */
  private withMerged(raw: RawRow): { cells: readonly RawCell[]; filled: number[] } {
    if (this.mergesByTop.size) for (const m of this.mergesByTop.get(raw.row) ?? []) this.filling.set(m.c1, { value: raw.cells[m.c1], until: m.r2 });
    if (this.filling.size === 0) return { cells: raw.cells, filled: NONE_FILLED };
    let cells: RawCell[] | undefined;
    const filled: number[] = [];
    for (const [col, f] of this.filling) {
      if (raw.row > f.until) {
        this.filling.delete(col);
        continue;
      }
      if (!isEmpty(raw.cells[col]) || isEmpty(f.value)) continue;
      cells ??= [...raw.cells];
      cells[col] = f.value;
      filled.push(col);
    }
    return { cells: cells ?? raw.cells, filled };
  }

  private typeRow(raw: RawRow): void {
    const layout = this.layout!;
    const own = raw.cells.some((c) => !isEmpty(c));
    if (this.footer) {
      if (own && this.spec.columns.every((c) => !c.required || !isEmpty(raw.cells[layout.index[c.key]!]))) {
        if (this.afterFooter) this.afterFooter.count++;
        else this.afterFooter = { first: raw.row, count: 1 };
      }
      return;
    }
    if (!own) {
      this.withMerged(raw); // keeps the merges' bookkeeping in step; a blank row is no record
      return;
    }
    const marker = footerMark(raw.cells);
    if (marker !== undefined) {
      this.footer = { row: raw.row, marker };
      return;
    }
    if (this.isHeaderAgain(raw)) {
      // the header row copied into the data (every 40 rows, "for printing"): no record
      this.repeatedHeader.push(raw.row);
      this.withMerged(raw);
      return;
    }
    const { cells, filled } = this.withMerged(raw);
    const row: Record<string, unknown> & { row: number; sheet: string; invalid: string[] } = { row: raw.row, sheet: this.opts.sheet, invalid: NONE_INVALID };
    if (this.absent.length) row.absent = this.absent;
    let typed = false;
    let merged: string[] | undefined;
    let rowFindings: Finding[] | undefined;
    for (const col of this.spec.columns) {
      const i = layout.index[col.key];
      if (i === undefined) {
        if (col.emptyMeans !== undefined) row[col.key] = col.emptyMeans;
        continue;
      }
      const value = cells[i];
      if (isEmpty(value)) {
        if (col.emptyMeans !== undefined) row[col.key] = col.emptyMeans;
        else if (col.required && !col.emptyCheckedByRule) (rowFindings ??= []).push(finding('CELL_REQUIRED', cellPlace(this.opts, raw.row, col, i), { header: col.header }));
        continue;
      }
      const fromMerge = filled.length > 0 && filled.includes(i);
      if (fromMerge) (merged ??= []).push(col.key);
      else typed = true;
      const parsed = parseCell(col, value, this.config, this.year, this.opts, raw.row, i);
      if (!(parsed instanceof CellProblem)) row[col.key] = parsed;
      else {
        if (row.invalid === NONE_INVALID) row.invalid = [];
        row.invalid.push(col.key);
        // A value merged over sub-rows is reported once, at its own row.
        if (!fromMerge) (rowFindings ??= []).push(parsed.finding);
      }
    }
    if (!typed) return; // a row with only extra columns, or only merged values, is no record
    if (merged) row.merged = merged;
    this.lastDataRow = raw.row;
    if (rowFindings) this.findings.push(...rowFindings);
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

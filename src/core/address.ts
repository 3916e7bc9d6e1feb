/**
 * Cell addresses, the one home for them: column letters ↔ indexes, `A1` and `A1:C9` references
 * (with or without `$`), merged areas, and the sheet's limits. A reference that is not a cell of
 * a real sheet (a column past XFD, row 0, `19.5`) is not one: the readers refuse it as bad input
 * rather than loop over it or write it back. Pure.
 */

/** Excel's own limits of a sheet. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** Days between the 1900 and the 1904 date systems (a 1904 workbook's serial is this much smaller). */
export const DATE_1904_OFFSET = 1462;

/** Column letters of a 0-based column index: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * The 0-based column of the letters at the start of `ref` (`AB12` → 27); -1 when there are none,
 * or more than a sheet has (past XFD).
 */
export function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  if (i === 0 || n > MAX_COLUMNS || (i < ref.length && ref.charCodeAt(i) >= 65 && ref.charCodeAt(i) <= 90)) return -1;
  return n - 1;
}

/** A cell: 1-based row, 0-based column. */
export interface CellAt {
  row: number;
  col: number;
}

/** A rectangle: 0-based columns, 1-based (Excel) rows, inclusive. */
export interface Area {
  c1: number;
  r1: number;
  c2: number;
  r2: number;
}

const CELL = /^\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})$/;

/** `A1` or `$A$1` as a cell of a real sheet, else undefined. */
export function parseCell(ref: string): CellAt | undefined {
  const m = CELL.exec(ref);
  if (!m) return undefined;
  const col = columnIndex(m[1]!);
  const row = Number(m[2]);
  return col < 0 || row > MAX_ROWS ? undefined : { row, col };
}

/**
 * The 0-based column of `ref` (`B12`, `$B$12`) when it is a cell of row `row`; -1 when `ref` is no
 * cell of a real sheet (as parseCell would say), -2 when it is a cell of another row. The reader's
 * hot path, once per cell of a big log: no regular expression, no object.
 */
export function columnInRow(ref: string, row: number): number {
  const n = ref.length;
  let i = ref.charCodeAt(0) === 36 /* $ */ ? 1 : 0;
  const lettersFrom = i;
  let col = 0;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  const letters = i - lettersFrom;
  if (letters === 0 || letters > 3 || col > MAX_COLUMNS) return -1;
  if (ref.charCodeAt(i) === 36) i++;
  if (i >= n || ref.charCodeAt(i) === 48 /* a leading 0 */ || n - i > 7) return -1;
  let r = 0;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    r = r * 10 + (c - 48);
  }
  if (r > MAX_ROWS) return -1;
  return r === row ? col - 1 : -2;
}

/** A row number as a file writes it (`r="12"`): a whole number from 1 to the sheet's last row, else undefined. */
export function parseRowNumber(text: string): number | undefined {
  if (!/^[1-9][0-9]{0,6}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_ROWS ? n : undefined;
}

/** `A1:C9` (or one cell, `A1`) as an area of a real sheet, corners in order; else undefined. */
export function parseArea(ref: string): Area | undefined {
  const [a, b = a, extra] = ref.trim().split(':');
  if (extra !== undefined || a === undefined) return undefined;
  const p = parseCell(a);
  const q = parseCell(b!);
  if (!p || !q || q.row < p.row || q.col < p.col) return undefined;
  return { c1: p.col, r1: p.row, c2: q.col, r2: q.row };
}

/** `A1` from a 1-based row and a 0-based column. */
export const cellRef = (row: number, col: number) => `${columnLetter(col)}${row}`;

/** `$A1`: the cell with its column fixed, as a conditional format's formula names it for every row. */
export const cellRefFixedColumn = (row: number, col: number) => `$${columnLetter(col)}${row}`;

/** The column letters of a cell reference: `J` of `J12`. */
export function cellColumn(ref: string): string {
  let end = 0;
  while (end < ref.length && ref.charCodeAt(end) >= 65 && ref.charCodeAt(end) <= 90) end++;
  return ref.slice(0, end);
}

/** `A3:C9` for columns `[from, to]` (0-based) over the rows `[first, last]`, both corners always written (`N3:N3`). */
export const columnsArea = ([from, to]: readonly [number, number], [first, last]: readonly [number, number]) => `${cellRef(first, from)}:${cellRef(last, to)}`;

/** `A1:C9`, or `A1` for one cell. */
export function areaRef(a: Area): string {
  const first = cellRef(a.r1, a.c1);
  return a.r1 === a.r2 && a.c1 === a.c2 ? first : `${first}:${cellRef(a.r2, a.c2)}`;
}

/** Merged areas given as references (a host's answers); ones that are not areas of a sheet are left out. */
export function parseAreas(refs: readonly string[]): Area[] {
  return refs.map(parseArea).filter((m): m is Area => m !== undefined);
}

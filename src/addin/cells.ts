/**
 * A sheet's write plan (the same SheetWrite that refresh patches into the file) as the cells and
 * conditional formats a spreadsheet host sets: one block of values per owned column, the stale
 * owned columns emptied, each highlight as areas, a formula and colours.
 */
import { dayToExcelSerial } from '../core/dates.js';
import { columnLetter } from '../core/findings.js';
import { HIGHLIGHT_COLOURS, HIGHLIGHT_MARK, type SheetWrite } from '../core/writeback.js';

export type CellValue = string | number;

export interface ColumnBlock {
  /** `N3:N40` */
  address: string;
  column: number;
  /** One value per row from the header row down; '' empties a cell. */
  values: CellValue[][];
  /** The column holds real dates (write the date format too). */
  dates: boolean;
}

export interface HostHighlight {
  /** Areas, e.g. `A3:Q40`. */
  areas: string[];
  /** The formula as a conditional format takes it, with its `=`. */
  formula: string;
  /** `#RRGGBB` */
  fill: string;
  font?: string;
}

/** The blocks of owned values, from the header row to `lastRow` (the last row the sheet or the plan uses). */
export function ownedBlocks(write: SheetWrite, lastRow: number, date1904 = false): ColumnBlock[] {
  const last = Math.max(lastRow, ...write.rows.keys());
  const blocks: ColumnBlock[] = [];
  write.columns.forEach((c, i) => {
    let dates = false;
    const values: CellValue[][] = [];
    for (let r = write.headerRow; r <= last; r++) {
      const v = write.rows.get(r)?.[i] ?? null;
      if (v !== null && typeof v === 'object') {
        dates = true;
        values.push([dayToExcelSerial(v.day) - (date1904 ? 1462 : 0)]);
      } else values.push([v ?? '']);
    }
    blocks.push({ address: `${columnLetter(c.column)}${write.headerRow}:${columnLetter(c.column)}${last}`, column: c.column, values, dates });
  });
  for (const col of write.stale) {
    blocks.push({ address: `${columnLetter(col)}${write.headerRow}:${columnLetter(col)}${last}`, column: col, values: Array.from({ length: last - write.headerRow + 1 }, () => ['']), dates: false });
  }
  return blocks;
}

const hex = (argb: string) => `#${argb.slice(2)}`;

export function hostHighlights(write: SheetWrite): HostHighlight[] {
  const rows = write.dataRows;
  if (!rows) return [];
  return write.highlights.map((h) => {
    const c = HIGHLIGHT_COLOURS[h.colour];
    return {
      areas: h.columns.map(([a, b]) => `${columnLetter(a)}${rows[0]}:${columnLetter(b)}${rows[1]}`),
      formula: `=${h.formula}`,
      fill: hex(c.fill),
      ...(c.font ? { font: hex(c.font) } : {}),
    };
  });
}

/** A conditional format the tool wrote (its formula carries the mark), as opposed to the clerk's. */
export function isOwnFormula(formula: string | undefined): boolean {
  return !!formula && formula.includes(HIGHLIGHT_MARK);
}

/** A host's 2D values (from its used range starting at `row`, `column`) as raw rows. */
export function rowsOf(values: readonly (readonly unknown[])[], firstRow: number, firstColumn: number): { row: number; cells: (string | number | boolean | null)[] }[] {
  return values.map((line, i) => {
    const cells: (string | number | boolean | null)[] = [];
    line.forEach((v, j) => {
      cells[firstColumn + j] = v === '' || v === undefined ? null : (v as string | number | boolean | null);
    });
    return { row: firstRow + i, cells };
  });
}

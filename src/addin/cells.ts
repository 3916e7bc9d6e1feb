/**
 * A sheet's writes (the same SheetWrite that refresh patches into the file) as the cells and
 * conditional formats a spreadsheet host sets: one block of values per owned column, the stale
 * owned columns emptied, each highlight as areas, a formula and colours.
 */
import { dayToExcelSerial } from '../core/dates.js';
import { areaRef, columnsArea, DATE_1904_OFFSET } from '../core/address.js';
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

/**
 * The blocks of owned values, from the header row to `lastRow` (the last row the sheet or the plan
 * uses), each at most `maxRows` rows: a host's request has a size limit (5 MB in Excel on the web),
 * and a column of a long log is written in pieces.
 */
export function ownedBlocks(write: SheetWrite, lastRow: number, date1904 = false, maxRows = 5000): ColumnBlock[] {
  const last = Math.max(lastRow, ...write.rows.keys());
  const blocks: ColumnBlock[] = [];
  const pieces = (column: number, value: (r: number) => CellValue, dates: boolean) => {
    for (let from = write.headerRow; from <= last; from += maxRows) {
      const to = Math.min(last, from + maxRows - 1);
      const values: CellValue[][] = [];
      for (let r = from; r <= to; r++) values.push([value(r)]);
      blocks.push({ address: columnsArea([column, column], [from, to]), column, values, dates });
    }
  };
  write.columns.forEach((c, i) => {
    const at = (r: number) => write.rows.get(r)?.[i] ?? null;
    let dates = false;
    for (const v of write.rows.values()) if (v[i] !== null && typeof v[i] === 'object') dates = true;
    pieces(c.column, (r) => {
      const v = at(r);
      if (v !== null && typeof v === 'object') return dayToExcelSerial(v.day) - (date1904 ? DATE_1904_OFFSET : 0);
      return v ?? '';
    }, dates);
  });
  for (const col of write.stale) pieces(col, () => '', false);
  return blocks;
}

const hex = (argb: string) => `#${argb.slice(2)}`;

export function hostHighlights(write: SheetWrite): HostHighlight[] {
  const rows = write.dataRows;
  if (!rows) return [];
  return write.highlights.map((h) => {
    const c = HIGHLIGHT_COLOURS[h.colour];
    return {
      areas: h.columns.map((c) => columnsArea(c, rows)),
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

/** `A1` or `A1:C9` from 1-based rows and 0-based columns. */
export function areaAddress(r1: number, c1: number, r2 = r1, c2 = c1): string {
  return areaRef({ r1, c1, r2, c2 });
}

/** The first cell of an area (`A3` of `A3:Q40`): where a host takes a relative formula to start. */
export const firstCell = (area: string) => area.split(':')[0]!;

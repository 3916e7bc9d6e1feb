/**
 * The WPS 表格 host, through the WPS JS add-in API (`wps.Application`, the same object model as
 * Excel's VBA): `ActiveWorkbook`, `UsedRange.Value2`, `Range.Select`, `FormatConditions`. Kept
 * small: this is the only code that a real WPS alone can exercise.
 */
import type { SheetWrite } from '../core/writeback.js';
import { parseMergeRefs } from '../xlsx/reader.js';
import { hostHighlights, isOwnFormula, ownedBlocks, rowsOf } from './cells.js';
import type { HostCapabilities, HostSheet, HostWorkbook, SpreadsheetHost } from './host.js';

/** The members of the WPS object model this host uses (WPS follows Excel's: 1-based collections). */
export interface WpsRange {
  Value2: unknown;
  NumberFormat: unknown;
  Row: number;
  Column: number;
  Rows: { Count: number };
  Columns: { Count: number };
  MergeCells: boolean;
  MergeArea: { Address(rowAbsolute?: boolean, columnAbsolute?: boolean): string };
  Cells(row: number, column: number): WpsRange;
  Select(): void;
  FormatConditions: {
    Count: number;
    Item(i: number): { Type: number; Formula1: string; Delete(): void; Interior: { Color: number }; Font: { Color: number } };
    Add(type: number, operator?: number, formula1?: string): { Interior: { Color: number }; Font: { Color: number } };
  };
}
export interface WpsSheet {
  Name: string;
  UsedRange: WpsRange;
  Cells: WpsRange;
  Range(address: string): WpsRange;
  Activate(): void;
}
export interface WpsApplication {
  ActiveWorkbook: { Name: string; Date1904?: boolean; Sheets: { Count: number; Item(i: number | string): WpsSheet } };
}

const XL_EXPRESSION = 2; // xlExpression
const HEADER_BAND = 12;

/** `#RRGGBB` as the BGR number the object model wants. */
export const bgr = (hex: string) => {
  const n = parseInt(hex.slice(1), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
};

const grid = (v: unknown): unknown[][] => (Array.isArray(v) ? (v as unknown[][]) : [[v]]);

export class WpsHost implements SpreadsheetHost {
  readonly kind = 'wps' as const;

  constructor(private readonly app: WpsApplication) {}

  capabilities(): HostCapabilities {
    return { highlights: true, merges: true };
  }

  async readWorkbook(): Promise<HostWorkbook> {
    const wb = this.app.ActiveWorkbook;
    const sheets: HostSheet[] = [];
    for (let i = 1; i <= wb.Sheets.Count; i++) {
      const ws = wb.Sheets.Item(i);
      const used = ws.UsedRange;
      const values = grid(used.Value2);
      const rows = rowsOf(values, used.Row, used.Column - 1);
      // Merged cells: where a cell is empty under or beside a value, ask whether it is merged (the
      // header band always): asking every cell of a big log would take long.
      const refs = new Set<string>();
      values.forEach((line, r) => line.forEach((v, c) => {
        if (v !== '' && v !== undefined && v !== null && r >= HEADER_BAND) return;
        const cell = used.Cells(r + 1, c + 1);
        if (cell.MergeCells) refs.add(cell.MergeArea.Address(false, false));
      }));
      sheets.push({ name: ws.Name, rows, merges: parseMergeRefs([...refs]) });
    }
    return { name: wb.Name, sheets, date1904: wb.Date1904 === true };
  }

  async select(sheet: string, cell: string): Promise<void> {
    const ws = this.app.ActiveWorkbook.Sheets.Item(sheet);
    ws.Activate();
    ws.Range(cell).Select();
  }

  async write(sheet: string, write: SheetWrite): Promise<void> {
    const ws = this.app.ActiveWorkbook.Sheets.Item(sheet);
    const used = ws.UsedRange;
    for (const block of ownedBlocks(write, used.Row + used.Rows.Count - 1, this.app.ActiveWorkbook.Date1904 === true)) {
      const range = ws.Range(block.address);
      if (block.dates) range.NumberFormat = 'yyyy-mm-dd';
      range.Value2 = block.values;
    }
    const formats = ws.Cells.FormatConditions;
    for (let i = formats.Count; i >= 1; i--) {
      const f = formats.Item(i);
      if (f.Type === XL_EXPRESSION && isOwnFormula(f.Formula1)) f.Delete();
    }
    for (const h of hostHighlights(write)) {
      for (const area of h.areas) {
        const f = ws.Range(area).FormatConditions.Add(XL_EXPRESSION, undefined, h.formula);
        f.Interior.Color = bgr(h.fill);
        if (h.font) f.Font.Color = bgr(h.font);
      }
    }
  }
}


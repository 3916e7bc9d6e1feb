/**
 * The WPS 表格 host, through the WPS JS add-in API (`window.Application`, the same object model as
 * Excel's VBA). Written to what Kingsoft documents (the et template of its `wpsjs` toolkit and the
 * typings it points to), not to what a lenient fake would take:
 * - `Cells` is a property, a Range; one cell is `Cells.Item(row, column)`, never `Cells(row, column)`;
 * - `Sheets` holds chart sheets too, which have no cells: only `Worksheets` are read;
 * - a conditional format's relative formula is taken relative to the active cell: the area's first
 *   cell is selected while the rule is added, and the clerk's selection put back after;
 * - WPS keeps several workbooks as tabs: everything goes to the workbook that was checked, found
 *   by its full name, whichever tab is in front.
 * Kept small: this is the only code that a real WPS alone can exercise.
 */
import { parseAreas } from '../core/address.js';
import { InputError } from '../core/problems.js';
import type { MergeRange } from '../core/table.js';
import type { SheetWrite } from '../core/writeback.js';
import { areaAddress, firstCell, hostHighlights, isOwnFormula, ownedBlocks, rowsOf } from './cells.js';
import type { HostCapabilities, HostSheet, HostWorkbook, SpreadsheetHost } from './host.js';

/** The members of the WPS object model this host uses (WPS follows Excel's: 1-based rows, columns and collections). */
export interface WpsRange {
  Value2: unknown;
  NumberFormat: unknown;
  readonly Row: number;
  readonly Column: number;
  readonly Rows: { readonly Count: number };
  readonly Columns: { readonly Count: number };
  /** true: every cell merged; false: none; null (or anything else): some. */
  readonly MergeCells: boolean | null;
  readonly MergeArea: WpsRange;
  Address(rowAbsolute?: boolean, columnAbsolute?: boolean): string;
  readonly Cells: WpsRange;
  Item(row: number, column: number): WpsRange;
  Select(): unknown;
  readonly FormatConditions: {
    readonly Count: number;
    Item(i: number): { readonly Type: number; readonly Formula1: string; Delete(): void };
    Add(type: number, operator?: number, formula1?: string): { Interior: { Color: number }; Font: { Color: number }; SetLastPriority?(): unknown };
  };
}
export interface WpsSheet {
  readonly Name: string;
  readonly UsedRange: WpsRange;
  readonly Cells: WpsRange;
  Range(address: string): WpsRange;
  Activate(): unknown;
}
export interface WpsWorkbook {
  readonly Name: string;
  readonly FullName: string;
  readonly Date1904?: boolean;
  readonly Worksheets: { readonly Count: number; Item(i: number | string): WpsSheet };
  readonly ActiveSheet: { readonly Name: string };
  Activate(): unknown;
}
export interface WpsApplication {
  readonly ActiveWorkbook: WpsWorkbook | null;
  readonly Workbooks: { readonly Count: number; Item(i: number | string): WpsWorkbook };
  readonly Selection?: { Address?(rowAbsolute?: boolean, columnAbsolute?: boolean): string } | null;
  readonly ApiEvent?: {
    AddApiEventListener(event: string, callback: (...args: unknown[]) => void): void;
    RemoveApiEventListener(event: string, callback: (...args: unknown[]) => void): void;
  };
}

const XL_EXPRESSION = 2; // xlExpression

/** `#RRGGBB` as the BGR number the object model wants. */
export const bgr = (hex: string) => {
  const n = parseInt(hex.slice(1), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
};

const grid = (v: unknown): unknown[][] => (Array.isArray(v) ? (v as unknown[][]) : [[v]]);

/**
 * The merged areas inside a range, found by asking whole blocks first: `MergeCells` says none,
 * all, or some; only a block with some is split. A sheet of 5,000 rows with a merged title and a
 * few merged items takes a few dozen questions, not one per cell.
 */
export function probeMerges(sheet: WpsSheet, r1: number, c1: number, r2: number, c2: number): MergeRange[] {
  const found = new Set<string>();
  const visit = (top: number, left: number, bottom: number, right: number): void => {
    const range = sheet.Range(areaAddress(top, left, bottom, right));
    const merged = range.MergeCells;
    if (merged === false) return;
    if (merged === true || (top === bottom && left === right)) {
      const area = range.Item(1, 1).MergeArea.Address(false, false);
      if (merged === true && area === areaAddress(top, left, bottom, right)) {
        found.add(area);
        return;
      }
      if (top === bottom && left === right) {
        if (area.includes(':')) found.add(area);
        return;
      }
    }
    if (bottom - top >= right - left) {
      const mid = Math.floor((top + bottom) / 2);
      visit(top, left, mid, right);
      visit(mid + 1, left, bottom, right);
    } else {
      const mid = Math.floor((left + right) / 2);
      visit(top, left, bottom, mid);
      visit(top, mid + 1, bottom, right);
    }
  };
  visit(r1, c1, r2, c2);
  return parseAreas([...found]);
}

export class WpsHost implements SpreadsheetHost {
  readonly kind = 'wps' as const;

  constructor(private readonly app: WpsApplication) {}

  capabilities(): HostCapabilities {
    return { highlights: true, merges: true, edits: !!this.app.ApiEvent };
  }

  /** The workbook checked, by its full name among the open ones; the one in front when none is named yet. */
  private workbook(ref?: string): WpsWorkbook {
    if (ref === undefined) {
      const active = this.app.ActiveWorkbook;
      if (!active) throw new InputError('NO_WORKBOOK', {});
      return active;
    }
    const books = this.app.Workbooks;
    for (let i = 1; i <= books.Count; i++) {
      const wb = books.Item(i);
      if (wb.FullName === ref) return wb;
    }
    throw new InputError('WORKBOOK_CLOSED', { file: ref.split(/[\\/]/).pop() ?? ref });
  }

  async readWorkbook(ref?: string, only?: readonly string[]): Promise<HostWorkbook> {
    const wb = this.workbook(ref);
    const sheets: HostSheet[] = [];
    const list = wb.Worksheets; // not Sheets: a chart sheet has no cells
    for (let i = 1; i <= list.Count; i++) {
      const ws = list.Item(i);
      if (only && !only.includes(ws.Name)) continue;
      const used = ws.UsedRange;
      const rows = rowsOf(grid(used.Value2), used.Row, used.Column - 1);
      const merges = probeMerges(ws, used.Row, used.Column - 1, used.Row + used.Rows.Count - 1, used.Column + used.Columns.Count - 2);
      sheets.push({ name: ws.Name, rows, merges });
    }
    return { name: wb.Name, ref: wb.FullName, sheets, date1904: wb.Date1904 === true, warnings: [] };
  }

  /** Brings the workbook and sheet to the front (a cell can only be selected there). */
  private bringToFront(ref: string, sheet: string): WpsSheet {
    const wb = this.workbook(ref);
    wb.Activate();
    const ws = wb.Worksheets.Item(sheet);
    ws.Activate();
    return ws;
  }

  async select(ref: string, sheet: string, cell: string): Promise<void> {
    this.bringToFront(ref, sheet).Range(cell).Select();
  }

  /** Set while the write-back writes: WPS fires SheetChange for it as for the clerk's typing. */
  private writing = false;

  async write(ref: string, sheet: string, write: SheetWrite): Promise<void> {
    this.writing = true;
    try {
      this.writeNow(ref, sheet, write);
    } finally {
      this.writing = false;
    }
  }

  private writeNow(ref: string, sheet: string, write: SheetWrite): void {
    const wb = this.workbook(ref);
    const ws = wb.Worksheets.Item(sheet);
    const used = ws.UsedRange;
    for (const block of ownedBlocks(write, used.Row + used.Rows.Count - 1, wb.Date1904 === true)) {
      const range = ws.Range(block.address);
      if (block.dates) range.NumberFormat = 'yyyy-mm-dd';
      range.Value2 = block.values;
    }
    const formats = ws.Cells.FormatConditions;
    for (let i = formats.Count; i >= 1; i--) {
      const f = formats.Item(i);
      if (f.Type === XL_EXPRESSION && isOwnFormula(f.Formula1)) f.Delete();
    }
    const highlights = hostHighlights(write);
    if (!highlights.length) return;
    // A relative formula is taken relative to the active cell: each rule is added with its area's
    // first cell selected, in front; what the clerk had in front and selected is put back after.
    const before = this.app.ActiveWorkbook;
    const beforeSheet = wb.ActiveSheet.Name;
    this.bringToFront(ref, sheet);
    let selected: string | undefined;
    try {
      selected = this.app.Selection?.Address?.(false, false);
    } catch {
      selected = undefined; // a picture or a chart is selected
    }
    for (const h of highlights) {
      for (const area of h.areas) {
        ws.Range(firstCell(area)).Select();
        const f = ws.Range(area).FormatConditions.Add(XL_EXPRESSION, undefined, h.formula);
        f.Interior.Color = bgr(h.fill);
        if (h.font) f.Font.Color = bgr(h.font);
        // a new rule comes first; as in the refreshed file, the clerk's go first and ours after, in order
        f.SetLastPriority?.();
      }
    }
    // putting things back is a courtesy: a failure there must not turn a written sheet into an error
    try {
      ws.Range(selected ?? 'A1').Select();
      if (beforeSheet !== sheet) wb.Worksheets.Item(beforeSheet).Activate();
      if (before && before.FullName !== wb.FullName) before.Activate();
    } catch {
      // the clerk's sheet was a chart sheet, or the selection a shape
    }
  }

  async onEdit(ref: string, listener: () => void): Promise<() => void> {
    const events = this.app.ApiEvent;
    if (!events) return () => undefined;
    const handler = (sheet: unknown) => {
      // SheetChange carries the sheet, whose Parent is its workbook; changes elsewhere are not ours
      const parent = (sheet as { Parent?: { FullName?: string } } | undefined)?.Parent?.FullName;
      if (!this.writing && (parent === undefined || parent === ref)) listener();
    };
    events.AddApiEventListener('SheetChange', handler);
    return () => events.RemoveApiEventListener('SheetChange', handler);
  }
}

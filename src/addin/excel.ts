/// <reference types="office-js" />
/**
 * The Excel host, through Office.js. Reading and selecting need ExcelApi 1.1 only; merged areas are
 * read where ExcelApi 1.13 is there; highlights are written as conditional formats where ExcelApi
 * 1.6 is there (below that, values only, and the pane says so); edits are followed where 1.7 is.
 * Kept small: this is the only code that a real Excel alone can exercise. What the API reference
 * says Excel refuses, this code never asks:
 * - a custom rule is read only from formats whose `type` is Custom (loading `custom` of another
 *   kind fails the whole batch: "This operation is not permitted for the current object");
 * - merged areas are asked for in row blocks (a request that would return more than 512 fails),
 *   a failing block is split, and a single row that still fails is left out with a warning;
 * - values are read and written in blocks of rows (a request or answer over 5 MB fails in Excel
 *   on the web), halved when a block is still too big.
 * The pane belongs to one document in Excel, so `ref` is always that document.
 */
import { parseAreas } from '../core/address.js';
import { InputError } from '../core/problems.js';
import type { MergeRange } from '../core/table.js';
import type { SheetWrite } from '../core/writeback.js';
import { areaAddress, hostHighlights, isOwnFormula, ownedBlocks, rowsOf } from './cells.js';
import type { HostCapabilities, HostSheet, HostWorkbook, SpreadsheetHost } from './host.js';

const supports = (version: string) => Office.context.requirements.isSetSupported('ExcelApi', version);

/** Rows per read of values; halved while Excel says the answer is too big. */
const READ_ROWS = 5000;
/** Rows per request for merged areas; split while Excel says there are too many. */
const MERGE_ROWS = 500;

const tooBig = (e: unknown) => /PayloadSizeLimitExceeded|5,?000,?000|too large/i.test(`${(e as { code?: string }).code ?? ''} ${(e as Error).message ?? ''}`);

/** `Sheet1!A1:B4` or `'A, b'!A1:B4` → `A1:B4`. */
const localAddress = (a: string) => a.slice(a.lastIndexOf('!') + 1).replace(/\$/g, '').trim();

export class ExcelHost implements SpreadsheetHost {
  readonly kind = 'excel' as const;

  capabilities(): HostCapabilities {
    return { highlights: supports('1.6'), merges: supports('1.13'), edits: supports('1.7') };
  }

  async readWorkbook(_ref?: string, only?: readonly string[]): Promise<HostWorkbook> {
    const { merges } = this.capabilities();
    return Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name');
      await context.sync();
      const sheets: HostSheet[] = [];
      const warnings: string[] = [];
      for (const name of worksheets.items.map((w) => w.name)) {
        if (only && !only.includes(name)) continue;
        const sheet = worksheets.getItem(name);
        const used = sheet.getUsedRange();
        used.load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
        await context.sync();
        const top = used.rowIndex;
        const left = used.columnIndex;
        const right = left + used.columnCount - 1;
        const rows: HostSheet['rows'] = [];
        let block = READ_ROWS;
        for (let r = 0; r < used.rowCount; ) {
          const n = Math.min(block, used.rowCount - r);
          const part = sheet.getRange(areaAddress(top + r + 1, left, top + r + n, right));
          part.load('values');
          try {
            await context.sync();
          } catch (e) {
            if (!tooBig(e) || n === 1) throw e;
            block = Math.ceil(n / 2);
            continue;
          }
          rows.push(...rowsOf(part.values, top + r + 1, left));
          r += n;
        }
        const found = merges ? await this.mergedAreas(context, sheet, top + 1, top + used.rowCount, left, right, name, warnings) : [];
        sheets.push({ name, rows, merges: found });
      }
      // Office.js does not say whether a workbook uses the 1904 date system: the 1900 system is
      // assumed (Excel's default; a 1904 workbook would be read four years off — use the page).
      return { name: fileName(Office.context.document.url), ref: 'document', sheets, date1904: false, warnings };
    });
  }

  /**
   * The merged areas of rows r1..r2, asked in blocks Excel can answer. Whether Excel gives an area
   * that crosses a block's edge whole or cut to the block is not documented: two pieces that meet
   * at an edge in the same columns are asked about together, which tells one area from two.
   */
  private async mergedAreas(context: Excel.RequestContext, sheet: Excel.Worksheet, r1: number, r2: number, c1: number, c2: number, name: string, warnings: string[]): Promise<MergeRange[]> {
    const ask = async (from: number, to: number, left = c1, right = c2): Promise<MergeRange[]> => {
      const areas = sheet.getRange(areaAddress(from, left, to, right)).getMergedAreasOrNullObject();
      areas.load('areas/items/address');
      try {
        await context.sync();
      } catch (e) {
        if (from === to) {
          warnings.push(`工作表“${name}”第${from}行的合并单元格太多，Excel 无法列出，这一行按未合并读取`);
          return [];
        }
        const mid = Math.floor((from + to) / 2);
        return [...(await ask(from, mid, left, right)), ...(await ask(mid + 1, to, left, right))];
      }
      return areas.isNullObject ? [] : parseAreas(areas.areas.items.map((a) => localAddress(a.address)));
    };
    const key = (m: MergeRange) => `${m.r1},${m.c1},${m.r2},${m.c2}`;
    const found = new Map<string, MergeRange>();
    const edges: number[] = [];
    for (let from = r1; from <= r2; from += MERGE_ROWS) {
      const to = Math.min(r2, from + MERGE_ROWS - 1);
      for (const m of await ask(from, to)) found.set(key(m), m);
      if (to < r2) edges.push(to);
    }
    for (const edge of edges) {
      const above = [...found.values()].filter((m) => m.r2 === edge);
      for (const a of above) {
        const b = [...found.values()].find((m) => m.r1 === edge + 1 && m.c1 === a.c1 && m.c2 === a.c2);
        if (!b) continue;
        found.delete(key(a));
        found.delete(key(b));
        for (const m of await ask(a.r1, b.r2, a.c1, a.c2)) found.set(key(m), m);
      }
    }
    return [...found.values()];
  }

  async select(_ref: string, sheet: string, cell: string): Promise<void> {
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await context.sync();
    });
  }

  async write(_ref: string, sheet: string, write: SheetWrite): Promise<void> {
    const { highlights } = this.capabilities();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
      ws.load('name');
      await context.sync();
      if (ws.isNullObject) throw new InputError('SHEET_CHANGED', { file: fileName(Office.context.document.url), sheet });
      const used = ws.getUsedRange();
      used.load(['rowIndex', 'rowCount']);
      await context.sync();
      for (const block of ownedBlocks(write, used.rowIndex + used.rowCount)) {
        const range = ws.getRange(block.address);
        if (block.dates) range.numberFormat = block.values.map(() => ['yyyy-mm-dd']);
        range.values = block.values;
        await context.sync();
      }
      if (!highlights) return;
      // The tool's own formats go (their formula carries the mark); the clerk's stay. Only custom
      // formats have a formula, and asking another kind for one fails the batch: type first.
      const formats = ws.getRange().conditionalFormats;
      formats.load('items/type');
      await context.sync();
      const customs = formats.items.filter((f) => f.type === Excel.ConditionalFormatType.custom).map((f) => ({ f, custom: f.customOrNullObject }));
      for (const c of customs) c.custom.load('rule/formula');
      await context.sync();
      let kept = formats.items.length;
      for (const c of customs) {
        if (!c.custom.isNullObject && isOwnFormula(c.custom.rule.formula)) {
          c.f.delete();
          kept--;
        }
      }
      await context.sync();
      const added: Excel.ConditionalFormat[] = [];
      for (const h of hostHighlights(write)) {
        for (const area of h.areas) {
          // the formula is written for the area's first row, which is how Excel takes it
          const cf = ws.getRange(area).conditionalFormats.add(Excel.ConditionalFormatType.custom);
          cf.custom.rule.formula = h.formula;
          cf.custom.format.fill.color = h.fill;
          if (h.font) cf.custom.format.font.color = h.font;
          added.push(cf);
        }
      }
      await context.sync();
      // A new rule comes first; as in the refreshed file, the clerk's rules go first and ours
      // after them, in their order (a missing element's yellow over an overdue row's red).
      added.forEach((cf, i) => (cf.priority = kept + i));
      await context.sync();
    });
  }

  async onEdit(_ref: string, listener: () => void): Promise<() => void> {
    if (!supports('1.7')) return () => undefined;
    const handlers: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>[] = [];
    const context = await Excel.run(async (ctx) => {
      const worksheets = ctx.workbook.worksheets;
      worksheets.load('items/name');
      await ctx.sync();
      for (const ws of worksheets.items) {
        handlers.push(ws.onChanged.add(async (e) => {
          // the add-in's own write-back is no edit of the clerk's (ExcelApi 1.14 says which is which)
          if ((e as { triggerSource?: string }).triggerSource === 'ThisLocalAddin') return;
          listener();
        }));
      }
      await ctx.sync();
      return ctx;
    });
    return () => {
      void Excel.run(context, async (ctx) => {
        for (const h of handlers) h.remove();
        await ctx.sync();
      }).catch(() => undefined);
    };
  }
}

/** The workbook's file name from its URL or path (`…/整改台账.xlsx`); Office gives null or '' for an unsaved one. */
export function fileName(url: string | null | undefined): string {
  const last = (url ?? '').split(/[\\/]/).pop() ?? '';
  try {
    return decodeURIComponent(last) || '当前工作簿';
  } catch {
    return last || '当前工作簿';
  }
}

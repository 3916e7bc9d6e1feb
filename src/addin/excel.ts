/// <reference types="office-js" />
/**
 * The Excel host, through Office.js. Reading and selecting need ExcelApi 1.1 only; merged areas are
 * read where ExcelApi 1.13 is there; highlights are written as conditional formats where ExcelApi
 * 1.6 is there (below that, values only, and the pane says so). Kept small: this is the only code
 * that a real Excel alone can exercise.
 */
import { parseMergeRefs } from '../xlsx/reader.js';
import { hostHighlights, isOwnFormula, ownedBlocks, rowsOf } from './cells.js';
import type { HostCapabilities, HostSheet, HostWorkbook, SpreadsheetHost } from './host.js';
import type { SheetWrite } from '../core/writeback.js';

const supports = (version: string) => Office.context.requirements.isSetSupported('ExcelApi', version);

export class ExcelHost implements SpreadsheetHost {
  readonly kind = 'excel' as const;

  capabilities(): HostCapabilities {
    return { highlights: supports('1.6'), merges: supports('1.13') };
  }

  async readWorkbook(): Promise<HostWorkbook> {
    const { merges } = this.capabilities();
    return Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items');
      await context.sync();
      const sheets: HostSheet[] = [];
      for (const item of worksheets.items) {
        const sheet = worksheets.getItem(item.name);
        const used = sheet.getUsedRange();
        used.load(['values', 'rowIndex', 'columnIndex']);
        const areas = merges ? sheet.getRange().getMergedAreasOrNullObject() : undefined;
        areas?.load('address');
        await context.sync();
        sheets.push({
          name: item.name,
          rows: rowsOf(used.values, used.rowIndex + 1, used.columnIndex),
          merges: areas && !areas.isNullObject ? parseMergeRefs(areas.address.split(',').map((a) => a.replace(/^.*!/, '').replace(/\$/g, '').trim())) : [],
        });
      }
      // Office.js does not say whether a workbook uses the 1904 date system: the 1900 system is
      // assumed (Excel's default; a 1904 workbook would be read four years off — use the page).
      return { name: fileName(Office.context.document.url), sheets, date1904: false };
    });
  }

  async select(sheet: string, cell: string): Promise<void> {
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await context.sync();
    });
  }

  async write(sheet: string, write: SheetWrite): Promise<void> {
    const { highlights } = this.capabilities();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const used = ws.getUsedRange();
      used.load(['rowIndex', 'rowCount']);
      await context.sync();
      for (const block of ownedBlocks(write, used.rowIndex + used.rowCount)) {
        const range = ws.getRange(block.address);
        if (block.dates) range.numberFormat = block.values.map(() => ['yyyy-mm-dd']);
        range.values = block.values;
      }
      if (highlights) {
        const formats = ws.getRange().conditionalFormats;
        formats.load('items/type, items/custom/rule/formula');
        await context.sync();
        // the tool's own formats only (their formula carries the mark); the clerk's stay
        for (const f of formats.items) if (f.type === 'Custom' && isOwnFormula(f.custom.rule.formula)) f.delete();
        for (const h of hostHighlights(write)) {
          for (const area of h.areas) {
            const cf = ws.getRange(area).conditionalFormats.add(Excel.ConditionalFormatType.custom);
            cf.custom.rule.formula = h.formula;
            cf.custom.format.fill.color = h.fill;
            if (h.font) cf.custom.format.font.color = h.font;
          }
        }
      }
      await context.sync();
    });
  }
}

/** The workbook's file name from its URL or path (`…/整改台账.xlsx`). */
export function fileName(url: string | undefined): string {
  const last = (url ?? '').split(/[\\/]/).pop() ?? '';
  try {
    return decodeURIComponent(last) || '当前工作簿';
  } catch {
    return last || '当前工作簿';
  }
}


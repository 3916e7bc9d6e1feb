/**
 * Writing sheets from the column tables with exceljs: headers, drop-down lists for every closed
 * list, date formats, frozen header rows, widths. Used by `init` and by the sample generator.
 */
import ExcelJS from 'exceljs';
import { YES_NO_OPTIONS, type ColumnSpec, type SheetSpec } from '../core/columns.js';
import type { Config } from '../core/config.js';
import { dayToExcelSerial, isDay } from '../core/dates.js';

/** How many rows of a fresh template carry the drop-downs and date formats. */
export const TEMPLATE_ROWS = 2000;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

function options(col: ColumnSpec, config: Config): readonly string[] | undefined {
  if (col.type === 'yesno') return YES_NO_OPTIONS;
  if (col.type === 'enum') return col.options?.(config);
  return undefined;
}

export interface SheetData {
  /** A title above the header (merged across it), as clerks often have. */
  title?: string;
  /** Rows of values by column key; a day string becomes a real Excel date in date columns. */
  rows?: Record<string, unknown>[];
  /** Header text to write instead of the standard one (a variant a clerk uses), by key. */
  headers?: Record<string, string>;
  /** Clerk's own extra columns after the standard ones: header and values by row. */
  extra?: { header: string; values: (string | number | undefined)[] }[];
}

/** exceljs has range validations at run time but not in its typings. */
function validations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

export function addSheet(workbook: ExcelJS.Workbook, spec: SheetSpec, config: Config, data: SheetData = {}): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(spec.sheet);
  const headerRow = data.title ? 2 : 1;
  const cols = spec.columns;
  if (data.title) {
    ws.mergeCells(1, 1, 1, cols.length);
    const title = ws.getCell(1, 1);
    title.value = data.title;
    title.font = { bold: true, size: 14 };
    title.alignment = { horizontal: 'center' };
    ws.getRow(1).height = 24;
  }
  ws.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }];
  cols.forEach((col, i) => {
    const cell = ws.getCell(headerRow, i + 1);
    cell.value = data.headers?.[col.key] ?? col.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    const column = ws.getColumn(i + 1);
    column.width = Math.max(col.width ?? 10, col.header.length * 2 + 2);
    if (col.type === 'date') column.numFmt = 'yyyy-mm-dd';
    if (col.type === 'text' || col.type === 'name' || col.type === 'names' || col.type === 'list') column.numFmt = '@';
    const list = options(col, config);
    const last = headerRow + Math.max(TEMPLATE_ROWS, data.rows?.length ?? 0);
    const letter = column.letter;
    const range = `${letter}${headerRow + 1}:${letter}${last}`;
    if (list) {
      validations(ws).add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${list.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: '不在可选范围内',
        error: `请从下拉列表中选择：${list.join('、')}`,
      });
    } else if (col.type === 'date') {
      validations(ws).add(range, {
        type: 'date',
        operator: 'greaterThan',
        allowBlank: true,
        formulae: [new Date(Date.UTC(2000, 0, 1))],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: '日期格式',
        error: '请填写日期，例如 2014-05-10',
      });
    }
  });
  (data.extra ?? []).forEach((extra, j) => {
    const c = cols.length + 1 + j;
    const cell = ws.getCell(headerRow, c);
    cell.value = extra.header;
    cell.font = { bold: true };
    ws.getColumn(c).width = Math.max(10, extra.header.length * 2 + 2);
    extra.values.forEach((v, r) => {
      if (v !== undefined) ws.getCell(headerRow + 1 + r, c).value = v;
    });
  });
  for (const [r, values] of (data.rows ?? []).entries()) {
    const row = ws.getRow(headerRow + 1 + r);
    cols.forEach((col, i) => {
      const v = values[col.key];
      if (v === undefined || v === null) return;
      const cell = row.getCell(i + 1);
      if (col.type === 'date' && typeof v === 'string' && isDay(v)) {
        cell.value = dayToExcelSerial(v);
        cell.numFmt = 'yyyy-mm-dd';
      } else cell.value = v as ExcelJS.CellValue;
    });
  }
  return ws;
}

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'taizhang';
  wb.created = new Date(Date.UTC(2014, 0, 1));
  wb.modified = new Date(Date.UTC(2014, 0, 1));
  return wb;
}

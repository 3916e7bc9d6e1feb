/**
 * What the task pane needs of the spreadsheet program it runs in (Excel through Office.js, WPS 表格
 * through its JS API): the open workbook's tables as rows, selecting a cell, and writing a sheet's
 * 【自动】 columns and highlights. Everything else (reading the other workbooks, checking,
 * deciding what to write) is the pane's own, shared with the page and the CLI.
 */
import type { MergeRange, RawRow } from '../core/table.js';
import type { SheetWrite } from '../core/writeback.js';

export interface HostSheet {
  name: string;
  /** The used range as rows: 1-based Excel row numbers, cells by 0-based column. */
  rows: RawRow[];
  /** Merged ranges the host could tell (none where the host's API level cannot). */
  merges: MergeRange[];
}

export interface HostWorkbook {
  /** The file name (`整改台账.xlsx`). */
  name: string;
  sheets: HostSheet[];
  date1904: boolean;
}

export interface HostCapabilities {
  /** Conditional formats can be written (Excel: ExcelApi 1.6; WPS: FormatConditions). */
  highlights: boolean;
  /** Merged areas can be read (Excel: ExcelApi 1.13). */
  merges: boolean;
}

export interface SpreadsheetHost {
  readonly kind: 'excel' | 'wps' | 'test';
  capabilities(): HostCapabilities;
  readWorkbook(): Promise<HostWorkbook>;
  select(sheet: string, cell: string): Promise<void>;
  /** Writes a sheet's owned columns (values; dates as serials with a date format) and, when it can, the highlights. */
  write(sheet: string, write: SheetWrite): Promise<void>;
}

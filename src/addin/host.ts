/**
 * What the task pane needs of the spreadsheet program it runs in (Excel through Office.js, WPS 表格
 * through its JS API): the workbook's tables as rows, selecting a cell, and writing a sheet's
 * 【自动】 columns and highlights, always in the workbook that was checked, named by `ref`,
 * whichever workbook the clerk has in front at the moment. Everything else (reading the other
 * workbooks, checking, deciding what to write) is the shared orchestration's.
 */
import type { SheetWrite } from '../core/writeback.js';
import type { RowsWorkbook } from '../run/load.js';

export type HostSheet = RowsWorkbook['sheets'][number];

export interface HostWorkbook extends RowsWorkbook {
  /** How the host finds this workbook again (WPS: its full path; Excel: the pane's own document). */
  ref: string;
  /** What the host could not read, in a clerk's words (merged cells beyond what its API returns). */
  warnings: string[];
}

export interface HostCapabilities {
  /** Conditional formats can be written (Excel: ExcelApi 1.6; WPS: FormatConditions). */
  highlights: boolean;
  /** Merged areas can be read (Excel: ExcelApi 1.13). */
  merges: boolean;
  /** The host tells when the clerk edits a sheet (Excel: ExcelApi 1.7; WPS: ApiEvent SheetChange). */
  edits: boolean;
}

export interface SpreadsheetHost {
  readonly kind: 'excel' | 'wps' | 'test';
  capabilities(): HostCapabilities;
  /**
   * A workbook's sheets as rows: without `ref` the one in front (the pane's own in Excel), with it
   * that workbook again; with `sheets`, only those sheets.
   */
  readWorkbook(ref?: string, sheets?: readonly string[]): Promise<HostWorkbook>;
  select(ref: string, sheet: string, cell: string): Promise<void>;
  /** Writes a sheet's owned columns (values; dates as serials with a date format) and, when it can, the highlights. */
  write(ref: string, sheet: string, write: SheetWrite): Promise<void>;
  /** Calls `listener` when the clerk changes a cell of the workbook; the result stops listening. */
  onEdit?(ref: string, listener: () => void): Promise<() => void>;
}

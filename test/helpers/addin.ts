/**
 * The add-in's hosts without Excel or WPS: a workbook's sheets as the 2D values a host reads
 * (taken from the file with the project's own reader), the Office.js object graph built with
 * Microsoft's office-addin-mock (which refuses a property read before load and sync), and what
 * refresh writes into the same sheet, to compare the hosts' writes with.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { OfficeMockObject } from 'office-addin-mock';
import type { MergeRange } from '../../src/core/table.js';
import { openWorkbook } from '../../src/xlsx/reader.js';
import { zipParts } from './zip.js';

export interface WorkbookData {
  name: string;
  sheets: { name: string; rows: unknown[][]; merges: MergeRange[] }[];
}

/** Every sheet of a workbook file as a host sees it: values from A1 (strings, numbers, booleans; '' when empty). */
export async function workbookData(path: string): Promise<WorkbookData> {
  const reader = await openWorkbook(readFileSync(path), basename(path));
  const sheets: WorkbookData['sheets'] = [];
  for (const s of reader.sheets) {
    const raw: { row: number; cells: readonly unknown[] }[] = [];
    const merges = (await reader.readRows(s, (r) => raw.push({ row: r.row, cells: [...r.cells] }))).map((m) => ({ ...m, c1: m.c1 + 1, c2: m.c2 + 1 }));
    const width = Math.max(1, ...raw.map((r) => r.cells.length));
    const height = Math.max(1, ...raw.map((r) => r.row));
    const rows = Array.from({ length: height }, () => Array.from({ length: width }, () => '' as unknown));
    for (const r of raw) r.cells.forEach((v, c) => (rows[r.row - 1]![c] = v ?? ''));
    sheets.push({ name: s.name, rows, merges });
  }
  await reader.close();
  return { name: basename(path), sheets };
}

/** The cells of a sheet's columns, by row: what a refreshed file holds, or what a host wrote. */
export type Cells = Map<string, unknown>;

/** The owned columns of a refreshed sheet, read back from the file refresh wrote. */
export async function refreshedColumns(path: string, sheet: string): Promise<{ cells: Cells; formats: { sqref: string; formula: string }[] }> {
  const data = await workbookData(path);
  const s = data.sheets.find((x) => x.name === sheet)!;
  const headerRow = s.rows.findIndex((r) => r.some((v) => typeof v === 'string' && v.startsWith('【自动】')));
  const owned = s.rows[headerRow]!.map((v, c) => (typeof v === 'string' && v.startsWith('【自动】') ? c : -1)).filter((c) => c >= 0);
  const cells: Cells = new Map();
  s.rows.forEach((line, r) => {
    for (const c of owned) if (line[c] !== '' && line[c] !== undefined) cells.set(`${r + 1},${c + 1}`, line[c]);
  });
  const parts = await zipParts(path);
  const index = (await openWorkbook(readFileSync(path), basename(path))).sheets.find((x) => x.name === sheet)!;
  const xml = parts.get(index.part)!.toString();
  const formats = [...xml.matchAll(/<conditionalFormatting sqref="([^"]+)"><cfRule[^>]*><formula>([^<]*)<\/formula>/g)]
    .filter((m) => m[2]!.includes('N(&quot;【自动】&quot;)=0') || m[2]!.includes('N("【自动】")=0'))
    .map((m) => ({ sqref: m[1]!, formula: m[2]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') }));
  return { cells, formats };
}

const colIndex = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** Applies a host's block write (`N3:N20` and its 2D values) to a cell map, 1-based `row,col` keys. */
export function applyBlock(cells: Cells, address: string, values: unknown[][]): void {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(address)!;
  const c1 = colIndex(m[1]!);
  const r1 = Number(m[2]);
  values.forEach((line, i) => line.forEach((v, j) => {
    const key = `${r1 + i},${c1 + j}`;
    if (v === '' || v === null || v === undefined) cells.delete(key);
    else cells.set(key, v);
  }));
}

/** The minor number of an API set version (`1.13` → 13), which is how versions compare. */
const minor = (v: string) => Number(v.split('.')[1]);

export interface ExcelMock {
  /** What the add-in wrote and selected. */
  cells: Map<string, Cells>;
  formats: Map<string, { area: string; formula: string; fill?: string; font?: string }[]>;
  selected?: string;
  activated?: string;
  install(): void;
}

/**
 * Office.js for one open workbook, built on office-addin-mock: the worksheets collection, each
 * sheet's used range (values readable only after load and sync), ranges that record what is
 * written to them, and a sheet's conditional formats. `api` is the highest ExcelApi version the
 * mock says it supports.
 */
export function excelMock(book: WorkbookData, apiVersion = '1.6'): ExcelMock {
  const state: ExcelMock = { cells: new Map(), formats: new Map(), install: () => undefined };
  const byName: Record<string, unknown> = {};
  for (const s of book.sheets) {
    state.cells.set(s.name, new Map());
    state.formats.set(s.name, []);
    byName[s.name] = {
      name: s.name,
      usedRange: { values: s.rows, rowIndex: 0, columnIndex: 0, rowCount: s.rows.length },
      getUsedRange() {
        return (this as { usedRange: unknown }).usedRange;
      },
      activate() {
        state.activated = s.name;
      },
      getRange(address?: string) {
        const formats = state.formats.get(s.name)!;
        return {
          set values(v: unknown[][]) {
            applyBlock(state.cells.get(s.name)!, address!, v);
          },
          set numberFormat(_: unknown) {
            // the date format of 【自动】截止日期
          },
          select() {
            state.selected = `${s.name}!${address}`;
          },
          conditionalFormats: {
            load() {},
            get items() {
              return formats.map((f) => ({ type: 'Custom', custom: { rule: { formula: f.formula } }, delete: () => formats.splice(formats.indexOf(f), 1) }));
            },
            add(type: string) {
              if (type !== 'Custom') throw new Error(`unexpected conditional format type ${type}`);
              const f = { area: address!, formula: '', fill: undefined as string | undefined, font: undefined as string | undefined };
              formats.push(f);
              return { custom: { rule: { set formula(v: string) { f.formula = v; } }, format: { fill: { set color(v: string) { f.fill = v; } }, font: { set color(v: string) { f.font = v; } } } } };
            },
          },
        };
      },
    };
  }
  const excel = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          items: book.sheets.map((s) => ({ name: s.name })),
          getItem(name: string) {
            return (this as unknown as { byName: Record<string, unknown> }).byName[name];
          },
          byName,
        },
      },
    },
    async run(callback: (context: unknown) => Promise<unknown>) {
      return callback((this as unknown as { context: unknown }).context);
    },
  }) as unknown as { run: (cb: (context: unknown) => Promise<unknown>) => Promise<unknown> };
  // enums are plain values in Office.js, never loaded: kept out of the mock's load tracking
  const api = { run: excel.run.bind(excel), ConditionalFormatType: { custom: 'Custom' } };
  const office = {
    context: { requirements: { isSetSupported: (_: string, version: string) => minor(version) <= minor(apiVersion) }, document: { url: `C:\\台账\\${book.name}` } },
    onReady: async () => ({ host: 'Excel' }),
  };
  state.install = () => Object.assign(globalThis, { Excel: api, Office: office });
  return state;
}

/**
 * The add-in's hosts without Excel or WPS: a workbook's sheets as the 2D values a host reads
 * (taken from the file with the project's own reader), and what refresh writes into the same
 * sheet, to compare the hosts' writes with. The hosts themselves are faked in ./hosts/.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
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

/**
 * The 问题清单 workbook (`问题清单-YYYY-MM-DD.xlsx`): the list a clerk can sort, filter, print and
 * hand around. Sheet 问题清单: one row per finding of the report, errors before reminders, each
 * with its place and, where it has a cell, a link to that cell of the clerk's own workbook,
 * relative (`整改台账.xlsx#'整改台账'!J6`), so it works beside the workbooks. Sheet 按人员: each
 * person with something outstanding, what exactly, and the weekly pace where a window is open.
 * Built with exceljs from the same evaluation as everything else; the same bytes for the same
 * evaluation in Node and in a page.
 */
import { SEVERITY_WORDS } from '../core/words.js';
import ExcelJS from 'exceljs';
import { findingPeople, type Finding } from '../core/findings.js';
import { peopleOwing } from '../core/people.js';
import type { Config } from '../core/config.js';
import type { Evaluation } from '../core/report.js';
import { COLOURS, fill, FONT, tableSheet } from './build.js';

/** The link of a finding's cell, relative to the list's folder: `整改台账.xlsx#'整改台账'!J6`. */
export function cellLink(f: Pick<Finding, 'file' | 'sheet' | 'cell'>, folder = ''): string | undefined {
  if (!f.sheet || !f.cell) return undefined;
  return `${folder}${f.file}#'${f.sheet.replace(/'/g, "''")}'!${f.cell}`;
}

const SEVERITY = SEVERITY_WORDS.zh;
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The findings in the list's order: errors first, then by workbook, sheet and row. */
export function listOrder(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => Number(a.severity !== 'error') - Number(b.severity !== 'error') || byCodePoint(a.file, b.file) || byCodePoint(a.sheet ?? '', b.sheet ?? '') || (a.row ?? 0) - (b.row ?? 0));
}

export interface FindingsListOptions {
  /** Where the clerk's workbooks are, relative to the list's folder (`` beside them; `../台账/`). */
  folder?: string;
}

/** The workbook; `links` maps a cell of the 问题清单 sheet (`F7`) to the location its link goes to, for the file's hyperlink part. */
export function buildFindingsList(evaluation: Evaluation, config: Config, options: FindingsListOptions = {}): { workbook: ExcelJS.Workbook; links: Map<string, string> } {
  const { report } = evaluation;
  const asOf = report.asOf;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'taizhang';
  wb.created = new Date(`${asOf}T00:00:00Z`);
  wb.modified = wb.created;
  wb.title = `${report.school} 问题清单 ${asOf}`;

  const findings = listOrder(report.findings);
  const columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '级别', key: 'severity', width: 6 },
    { header: '工作簿', key: 'file', width: 16 },
    { header: '工作表', key: 'sheet', width: 12 },
    { header: '行', key: 'row', width: 6 },
    { header: '列', key: 'column', width: 12 },
    { header: '单元格', key: 'cell', width: 8 },
    { header: '人员', key: 'people', width: 14 },
    { header: '说明', key: 'message', width: 70 },
    { header: '代码', key: 'code', width: 22 },
  ];
  const rows = findings.map((f, i) => ({
    n: i + 1, severity: SEVERITY[f.severity], file: f.file, sheet: f.sheet ?? '', row: f.row ?? null, column: f.column ?? '', cell: f.cell ?? '',
    people: findingPeople(f).join('、'), message: f.message, code: f.code,
  }));
  const ws = tableSheet(wb, '问题清单', asOf, columns, rows);
  const links = new Map<string, string>();
  const cellCol = columns.findIndex((c) => c.key === 'cell') + 1;
  findings.forEach((f, i) => {
    const r = ws.getRow(i + 2);
    r.getCell(columns.findIndex((c) => c.key === 'message') + 1).alignment = { wrapText: true, vertical: 'top' };
    const level = r.getCell(2);
    if (f.severity === 'error') {
      level.fill = fill(COLOURS.red);
      level.font = { name: FONT, color: { argb: COLOURS.redText } };
    } else level.fill = fill(COLOURS.yellow);
    const link = cellLink(f, options.folder);
    if (!link) return;
    const cell = r.getCell(cellCol);
    // the file here, the cell in it as the link's location (added to the file's XML: exceljs would
    // take `a.xlsx#'S'!J6` for a link inside this workbook)
    cell.value = { text: f.cell!, hyperlink: link.slice(0, link.indexOf('#')), tooltip: `打开 ${f.file} 的“${f.sheet}”${f.cell}` };
    cell.font = { name: FONT, color: { argb: 'FF0563C1' }, underline: true };
    links.set(cell.address, link.slice(link.indexOf('#') + 1));
  });

  const people = peopleOwing(report, evaluation.roster, config);
  const personRows = people.flatMap((p) => p.owed.map((o) => ({
    name: p.name, about: p.about, items: p.owed.length, kind: o.kind, text: o.text, pace: o.pace ?? null, due: o.due ? new Date(`${o.due}T00:00:00Z`) : null, late: o.late ? '已过截止' : '未到截止',
  })));
  const ps = tableSheet(wb, '按人员', asOf, [
    { header: '人员', key: 'name', width: 10 },
    { header: '处室、身份', key: 'about', width: 20 },
    { header: '共几项', key: 'items', width: 7 },
    { header: '事项', key: 'kind', width: 9 },
    { header: '还要做的', key: 'text', width: 46 },
    { header: '每周节奏', key: 'pace', width: 22 },
    { header: '截止', key: 'due', width: 12, numFmt: 'yyyy-mm-dd' },
    { header: '是否已过截止', key: 'late', width: 12 },
  ], personRows);
  personRows.forEach((r, i) => {
    ps.getRow(i + 2).getCell(5).alignment = { wrapText: true, vertical: 'top' };
    if (r.late === '已过截止') ps.getRow(i + 2).getCell(8).fill = fill(COLOURS.red);
  });
  return { workbook: wb, links };
}

/**
 * The leadership summary workbook (`汇总-YYYY-MM-DD.xlsx`), built with exceljs from the same
 * evaluation as `check --json`: one computation, another view. Deterministic for an as-of date
 * (the document dates are the as-of date, never the clock). Native Excel features only: data
 * bars, fills, frozen headers, autofilter, print setup; no macros, no chart (exceljs cannot
 * draw one, and data bars in the cells read as fast on a phone).
 */
import ExcelJS from 'exceljs';
import type { Config } from '../core/config.js';
import { toDate, type Day } from '../core/dates.js';
import type { Evaluation } from '../core/report.js';
import { dueSoonNearestFirst, LEDGER_STATUSES, overdueWorstFirst } from '../core/rules/ledger.js';
import { HIGHLIGHT_COLOURS, PERSON_BEHIND, PERSON_OK, progressWord } from '../core/writeback.js';
import { windowZh } from '../core/plan.js';
import type { PlanStatusWord } from '../core/rules/plan.js';
import { phaseLine, phaseSpan, planLine } from '../core/words.js';

export const FONT = '微软雅黑';
export const COLOURS = {
  header: 'FF1F4E79',
  headerText: 'FFFFFFFF',
  red: HIGHLIGHT_COLOURS.red.fill,
  redText: HIGHLIGHT_COLOURS.red.font!,
  amber: HIGHLIGHT_COLOURS.amber.fill,
  yellow: HIGHLIGHT_COLOURS.yellow.fill,
  green: 'FFC6EFCE',
  greenText: 'FF006100',
  grey: 'FFEDEDED',
  bar: 'FF5B9BD5',
  title: 'FF1F4E79',
};

export const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const thin: Partial<ExcelJS.Borders> = { top: { style: 'thin', color: { argb: 'FFBFBFBF' } }, bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } }, left: { style: 'thin', color: { argb: 'FFBFBFBF' } }, right: { style: 'thin', color: { argb: 'FFBFBFBF' } } };

const STATUS_FILL: Record<string, string | undefined> = { 已逾期: COLOURS.red, 即将到期: COLOURS.amber, 要素不全: COLOURS.yellow, 已完成: COLOURS.green, 逾期完成: COLOURS.green };

/** Widths that fit Chinese text: a CJK character is about two Latin ones. */
export function textWidth(value: unknown): number {
  const s = value === null || value === undefined ? '' : value instanceof Date ? '2014-08-15' : String(value);
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2.1 : 1.1;
  return w;
}

export interface Column {
  header: string;
  key: string;
  width?: number;
  numFmt?: string;
}

/** Print setup, footer, frozen header, autofilter and widths that every table sheet shares. */
export function tableSheet(wb: ExcelJS.Workbook, name: string, asOf: Day, columns: Column[], rows: Record<string, unknown>[], opts: { headerRow?: number } = {}): ExcelJS.Worksheet {
  const headerRow = opts.headerRow ?? 1;
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}`, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: `&L${name}&C第 &P 页，共 &N 页&R截至 ${asOf}` },
  });
  const header = ws.getRow(headerRow);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, bold: true, color: { argb: COLOURS.headerText } };
    cell.fill = fill(COLOURS.header);
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = thin;
  });
  header.height = 22;
  rows.forEach((row, r) => {
    const xr = ws.getRow(headerRow + 1 + r);
    columns.forEach((c, i) => {
      const cell = xr.getCell(i + 1);
      cell.value = row[c.key] as ExcelJS.CellValue;
      cell.font = { name: FONT };
      cell.border = thin;
      if (c.numFmt) cell.numFmt = c.numFmt;
    });
  });
  columns.forEach((c, i) => {
    const widest = Math.max(textWidth(c.header), ...rows.map((r) => textWidth(r[c.key])));
    ws.getColumn(i + 1).width = c.width ?? Math.min(48, Math.max(8, Math.ceil(widest) + 2));
  });
  if (rows.length) ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow + rows.length, column: columns.length } };
  return ws;
}

function dataBar(ws: ExcelJS.Worksheet, ref: string): void {
  ws.addConditionalFormatting({
    ref,
    rules: [{ type: 'dataBar', priority: 1, cfvo: [{ type: 'num', value: 0 }, { type: 'num', value: 1 }], color: { argb: COLOURS.bar }, gradient: false } as unknown as ExcelJS.ConditionalFormattingRule],
  });
}

/** A day as exceljs wants a date cell: midnight UTC. */
const date = (day: Day | null | undefined): Date | null => (day ? new Date(`${day}T00:00:00Z`) : null);

/** Overview: where the campaign stands, the key figures, the overdue items worst first. */
function overview(wb: ExcelJS.Workbook, ev: Evaluation, config: Config): void {
  const { report } = ev;
  const t = report.tally;
  const asOf = report.asOf;
  const ws = wb.addWorksheet('总览', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: `&L总览&C第 &P 页，共 &N 页&R截至 ${asOf}` },
  });
  ws.columns = [{ width: 22 }, { width: 14 }, { width: 44 }, { width: 14 }, { width: 12 }, { width: 12 }];
  ws.mergeCells('A1:F1');
  const title = ws.getCell('A1');
  title.value = `${report.school} 党的群众路线教育实践活动台账日报`;
  title.font = { name: FONT, size: 16, bold: true, color: { argb: COLOURS.title } };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.mergeCells('A2:F2');
  const phase = report.phase;
  ws.getCell('A2').value = `截至 ${asOf}　当前阶段：${phaseLine(phase, 'zh')}${phaseSpan(phase)}　全程还剩 ${phase.campaignDaysLeft} 天`;
  ws.getCell('A2').font = { name: FONT, size: 11 };
  ws.getCell('A3').value = '活动进度';
  ws.getCell('B3').value = phase.campaignProgress;
  ws.getCell('B3').numFmt = '0%';
  ws.mergeCells('B3:C3');
  dataBar(ws, 'B3:C3');
  for (const a of ['A3', 'B3']) ws.getCell(a).font = { name: FONT, bold: true };

  const p = t.plan;
  const figures: [string, number | string, string, boolean][] = [
    ['方案逐项：未完成', p['未完成'], planLine(report, 'zh'), p['未完成'] > 0],
    ['整改事项：已逾期', t.ledger['已逾期'], `共 ${t.ledger.total} 项`, t.ledger['已逾期'] > 0],
    ['整改事项：即将到期', t.ledger['即将到期'], `${config.ledger.dueSoonDays} 天内到期`, false],
    ['整改事项：要素不全', t.ledger['要素不全'], '六要素未填全', t.ledger['要素不全'] > 0],
    ['整改事项：整改中', t.ledger['整改中'], '', false],
    ['整改事项：已完成', t.ledger['已完成'] + t.ledger['逾期完成'], `其中逾期完成 ${t.ledger['逾期完成']} 项`, false],
    ['家访未达标教师', t.visits.underQuota, `有家访任务 ${t.visits.teachers} 人${t.visits.judged ? '' : '（家访期未结束）'}`, t.visits.judged && t.visits.underQuota > 0],
    ['三进三听缺周次', t.duties.missedWeeks, `班子成员 ${t.duties.leaders} 人，已结束的周`, t.duties.missedWeeks > 0],
    ['每月任务缺次', t.duties.missedMonths, '社区宣讲、结对帮扶等', t.duties.missedMonths > 0],
    ['谈心谈话未谈', t.talks.required - t.talks.done, `应谈 ${t.talks.required} 对，已谈 ${t.talks.done} 对`, t.talks.judged && t.talks.done < t.talks.required],
  ];
  if (t.study) {
    const s = t.study;
    figures.push(
      ['心得体会未交', s.members - s.essaysHanded, `应交 ${s.members} 人，优秀 ${s.excellent} 篇`, false],
      ['组织生活会合格支部', `${s.branchesDone}/${s.branches}`, '一会四评', s.branchesDone < s.branches],
      ['对照检查材料合格', `${s.materialsOk}/${s.materialsRequired}`, '提交、审核、报送', s.materialsOk < s.materialsRequired],
      ['宣传报道', `${s.publicity}/${s.publicityRequired}`, '篇', false],
    );
  }
  let r = 5;
  const head = ws.getRow(r);
  ['关键数字', '数量', '说明'].forEach((h, i) => {
    const c = head.getCell(i + 1);
    c.value = h;
    c.font = { name: FONT, bold: true, color: { argb: COLOURS.headerText } };
    c.fill = fill(COLOURS.header);
    c.border = thin;
  });
  for (const [label, value, note, bad] of figures) {
    const row = ws.getRow(++r);
    row.getCell(1).value = label;
    row.getCell(2).value = value;
    row.getCell(3).value = note;
    for (let i = 1; i <= 3; i++) {
      row.getCell(i).font = { name: FONT, bold: i === 2, color: bad ? { argb: COLOURS.redText } : undefined };
      row.getCell(i).border = thin;
      if (bad) row.getCell(i).fill = fill(COLOURS.red);
    }
    row.getCell(2).alignment = { horizontal: 'center' };
  }

  const overdue = overdueWorstFirst(report.ledger);
  const dueSoon = dueSoonNearestFirst(report.ledger);
  for (const [title, list, days] of [
    ['逾期整改事项（逾期最久的在前）', overdue, (e: (typeof overdue)[number]) => `逾期 ${e.daysLate} 天`],
    ['即将到期整改事项', dueSoon, (e: (typeof overdue)[number]) => (e.daysLeft === 0 ? '今天到期' : `还剩 ${e.daysLeft} 天`)],
  ] as const) {
    r += 2;
    ws.getCell(r, 1).value = `${title}：${list.length} 项`;
    ws.getCell(r, 1).font = { name: FONT, bold: true, size: 12, color: { argb: COLOURS.title } };
    if (!list.length) continue;
    const hr = ws.getRow(++r);
    ['序号', '责任人', '问题', '整改时限', '截止日期', '情况'].forEach((h, i) => {
      const c = hr.getCell(i + 1);
      c.value = h;
      c.font = { name: FONT, bold: true, color: { argb: COLOURS.headerText } };
      c.fill = fill(COLOURS.header);
      c.border = thin;
    });
    for (const e of list) {
      const row = ws.getRow(++r);
      const values = [e.seq ?? '', e.people.join('、'), e.problem ?? '', e.deadlineText ?? '', date(e.deadline), days(e)];
      values.forEach((v, i) => {
        const c = row.getCell(i + 1);
        c.value = v;
        c.font = { name: FONT };
        c.border = thin;
        c.fill = fill(STATUS_FILL[e.status]!);
        c.alignment = { wrapText: i === 2, vertical: 'top' };
      });
      row.getCell(5).numFmt = 'yyyy-mm-dd';
    }
  }
}

const PLAN_FILL: Record<PlanStatusWord, string | undefined> = { 已完成: COLOURS.green, 进行中: COLOURS.amber, 未开始: undefined, 未完成: COLOURS.red, 未检查: COLOURS.grey };

/** 方案进度: the plan item by item, the first thing the 书记 asks. */
function planSheet(wb: ExcelJS.Workbook, ev: Evaluation): void {
  const rows = ev.report.plan.map((p) => ({
    item: p.item, title: p.title, window: windowZh(p), status: p.status,
    evidence: p.evidence.join('\n'), missing: p.missing.join('\n'),
  }));
  const ws = tableSheet(wb, '方案进度', ev.report.asOf, [
    { header: '项', key: 'item', width: 6 }, { header: '方案内容', key: 'title', width: 30 }, { header: '时间', key: 'window', width: 20 },
    { header: '状态', key: 'status', width: 9 }, { header: '佐证', key: 'evidence', width: 46 }, { header: '还缺', key: 'missing', width: 46 },
  ], rows);
  // Wrapped text needs its height said: not every program grows a row to fit when it opens the file.
  const lines = (text: string, width: number) => text.split('\n').reduce((n, seg) => n + Math.max(1, Math.ceil(textWidth(seg) / (width - 1))), 0);
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    for (const c of [5, 6]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
    row.height = 15 * Math.max(lines(r.title, 30), lines(r.evidence, 46), lines(r.missing, 46));
    for (const c of [1, 2, 3]) row.getCell(c).alignment = { vertical: 'top', wrapText: c === 2 };
    const status = row.getCell(4);
    status.alignment = { horizontal: 'center', vertical: 'top' };
    status.font = { name: FONT, bold: true, color: r.status === '未完成' ? { argb: COLOURS.redText } : undefined };
    const colour = PLAN_FILL[r.status];
    if (colour) status.fill = fill(colour);
  });
}

function visitsSheet(wb: ExcelJS.Workbook, ev: Evaluation): void {
  const visits = [...ev.report.visits].sort((a, b) => Number(b.headTeacher) - Number(a.headTeacher) || a.counted / a.quota - b.counted / b.quota);
  const rows = visits.map((v) => ({
    teacher: v.teacher, department: v.department ?? '', branch: v.branch ?? '', role: v.headTeacher ? '班主任' : v.role,
    counted: v.counted, quota: v.quota, rate: Math.min(1, v.counted / v.quota), status: progressWord(v.done, ev.report.tally.visits.judged),
  }));
  const ws = tableSheet(wb, '家访', ev.report.asOf, [
    { header: '教师', key: 'teacher' }, { header: '处室', key: 'department' }, { header: '支部', key: 'branch' }, { header: '身份', key: 'role' },
    { header: '已家访（户）', key: 'counted' }, { header: '任务（户）', key: 'quota' }, { header: '完成率', key: 'rate', numFmt: '0%', width: 18 }, { header: '状态', key: 'status' },
  ], rows);
  if (rows.length) dataBar(ws, `G2:G${rows.length + 1}`);
  rows.forEach((r, i) => {
    if (r.status === PERSON_OK) return;
    const row = ws.getRow(i + 2);
    for (let c = 1; c <= 8; c++) if (c !== 7) row.getCell(c).fill = fill(r.status === PERSON_BEHIND ? COLOURS.red : COLOURS.amber);
  });
}

function dutiesSheet(wb: ExcelJS.Workbook, ev: Evaluation, config: Config): void {
  const { weeks, months } = ev.report.dutyCalendar;
  const asOf = ev.report.asOf;
  const label = (d: Day) => `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`;
  const columns: Column[] = [{ header: '班子成员', key: 'leader', width: 10 }, { header: '任务', key: 'duty', width: 14 }, ...weeks.map((w) => ({ header: label(w.first), key: w.key, width: 5.5 })), { header: '缺', key: 'missed', width: 5 }];
  const rows: Record<string, unknown>[] = [];
  const marks: ('done' | 'missed' | 'exempt' | 'open')[][] = [];
  for (const l of ev.report.duties) {
    for (const duty of config.duties.weekly) {
      const missing = new Set(l.missingWeeks[duty] ?? []);
      const row: Record<string, unknown> = { leader: l.leader, duty, missed: missing.size };
      const m: (typeof marks)[number] = [];
      for (const w of weeks) {
        const state = w.exempt ? 'exempt' : !w.judged ? 'open' : missing.has(w.key) ? 'missed' : 'done';
        row[w.key] = state === 'done' ? '✓' : state === 'missed' ? '✗' : state === 'exempt' ? '假' : '';
        m.push(state);
      }
      rows.push(row);
      marks.push(m);
    }
  }
  const ws = tableSheet(wb, '三进三听', asOf, columns, rows);
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 2 }];
  marks.forEach((m, r) => m.forEach((state, i) => {
    const cell = ws.getRow(r + 2).getCell(i + 3);
    cell.alignment = { horizontal: 'center' };
    if (state === 'done') cell.fill = fill(COLOURS.green);
    if (state === 'missed') {
      cell.fill = fill(COLOURS.red);
      cell.font = { name: FONT, bold: true, color: { argb: COLOURS.redText } };
    }
    if (state === 'exempt') cell.fill = fill(COLOURS.grey);
  }));
  // the monthly duties below the weekly grid
  let r = rows.length + 3;
  ws.getCell(r, 1).value = '每月任务';
  ws.getCell(r, 1).font = { name: FONT, bold: true, size: 12, color: { argb: COLOURS.title } };
  const head = ws.getRow(++r);
  ['班子成员', '任务', ...months.map((m) => `${Number(m.key.slice(5))}月`)].forEach((h, i) => {
    const c = head.getCell(i + 1);
    c.value = h;
    c.font = { name: FONT, bold: true, color: { argb: COLOURS.headerText } };
    c.fill = fill(COLOURS.header);
    c.border = thin;
  });
  for (const l of ev.report.duties) {
    for (const duty of config.duties.monthly) {
      const missing = new Set(l.missingMonths[duty] ?? []);
      const row = ws.getRow(++r);
      row.getCell(1).value = l.leader;
      row.getCell(2).value = duty;
      months.forEach((m, i) => {
        const cell = row.getCell(i + 3);
        const state = m.exempt ? 'exempt' : !m.judged ? 'open' : missing.has(m.key) ? 'missed' : 'done';
        cell.value = state === 'done' ? '✓' : state === 'missed' ? '✗' : state === 'exempt' ? '假' : '';
        cell.alignment = { horizontal: 'center' };
        cell.border = thin;
        if (state === 'done') cell.fill = fill(COLOURS.green);
        if (state === 'missed') cell.fill = fill(COLOURS.red);
        if (state === 'exempt') cell.fill = fill(COLOURS.grey);
      });
    }
  }
  ws.getCell(++r + 1, 1).value = '✓ 已完成　✗ 缺　假 假期免　空白 尚未结束';
}

function talksSheet(wb: ExcelJS.Workbook, ev: Evaluation, config: Config): void {
  const pairs = ev.report.talks;
  const rows = pairs.map((p) => ({ a: p.a, b: p.b, kind: p.kind, done: p.done ? '已谈' : '未谈', date: date(p.date) }));
  rows.sort((x, y) => Number(x.done === '已谈') - Number(y.done === '已谈'));
  const ws = tableSheet(wb, '谈心', ev.report.asOf, [
    { header: '谈话人', key: 'a' }, { header: '谈话对象', key: 'b' }, { header: '类型', key: 'kind' }, { header: '情况', key: 'done' }, { header: '日期', key: 'date', numFmt: 'yyyy-mm-dd', width: 12 },
  ], rows);
  rows.forEach((r, i) => {
    if (r.done === '未谈') for (let c = 1; c <= 5; c++) ws.getRow(i + 2).getCell(c).fill = fill(ev.report.tally.talks.judged ? COLOURS.red : COLOURS.amber);
  });
  // coverage per kind, to the right of the list
  const at = 7;
  ['类型', '应谈', '已谈', '覆盖率'].forEach((h, i) => {
    const c = ws.getRow(1).getCell(at + i);
    c.value = h;
    c.font = { name: FONT, bold: true, color: { argb: COLOURS.headerText } };
    c.fill = fill(COLOURS.header);
  });
  const kinds = config.talks.kinds.filter((k) => pairs.some((p) => p.kind === k));
  kinds.forEach((k, i) => {
    const of = pairs.filter((p) => p.kind === k);
    const done = of.filter((p) => p.done).length;
    const row = ws.getRow(i + 2);
    row.getCell(at).value = k;
    row.getCell(at + 1).value = of.length;
    row.getCell(at + 2).value = done;
    row.getCell(at + 3).value = of.length ? done / of.length : 0;
    row.getCell(at + 3).numFmt = '0%';
  });
  ws.getColumn(at).width = 26;
  ws.getColumn(at + 3).width = 16;
  if (kinds.length) dataBar(ws, `J2:J${kinds.length + 1}`);
}

function ledgerSheet(wb: ExcelJS.Workbook, ev: Evaluation, config: Config): void {
  const order = new Map(LEDGER_STATUSES.map((s, i) => [s, i]));
  const entries = [...ev.report.ledger].sort((a, b) => order.get(a.status)! - order.get(b.status)! || (b.daysLate ?? 0) - (a.daysLate ?? 0) || (a.daysLeft ?? 0) - (b.daysLeft ?? 0));
  const rows = entries.map((e) => ({ seq: e.seq ?? '', problem: e.problem ?? '', category: e.category ?? '', people: e.people.join('、'), deadlineText: e.deadlineText ?? '', deadline: date(e.deadline), status: e.status, note: e.note }));
  const ws = tableSheet(wb, '整改台账', ev.report.asOf, [
    { header: '序号', key: 'seq', width: 6 }, { header: '问题描述', key: 'problem', width: 36 }, { header: '问题类别', key: 'category' }, { header: '责任人', key: 'people' },
    { header: '整改时限', key: 'deadlineText' }, { header: '截止日期', key: 'deadline', numFmt: 'yyyy-mm-dd', width: 12 }, { header: '状态', key: 'status' }, { header: '说明', key: 'note' },
  ], rows);
  rows.forEach((r, i) => {
    const f = STATUS_FILL[r.status];
    if (f) ws.getRow(i + 2).getCell(7).fill = fill(f);
    ws.getRow(i + 2).getCell(2).alignment = { wrapText: true, vertical: 'top' };
  });
  // counts by category and status, to the right
  const at = 10;
  const statuses = [...LEDGER_STATUSES];
  const head = ws.getRow(1);
  ['问题类别', ...statuses, '合计'].forEach((h, i) => {
    const c = head.getCell(at + i);
    c.value = h;
    c.font = { name: FONT, bold: true, color: { argb: COLOURS.headerText } };
    c.fill = fill(COLOURS.header);
    c.alignment = { horizontal: 'center' };
  });
  const categories = [...config.ledger.categories, ...new Set(entries.map((e) => e.category ?? '（未填）').filter((c) => !config.ledger.categories.includes(c)))];
  [...categories, '合计'].forEach((cat, i) => {
    const row = ws.getRow(i + 2);
    row.getCell(at).value = cat;
    const of = cat === '合计' ? entries : entries.filter((e) => (e.category ?? '（未填）') === cat);
    statuses.forEach((s, j) => {
      const n = of.filter((e) => e.status === s).length;
      row.getCell(at + 1 + j).value = n;
      if (n && (s === '已逾期' || s === '即将到期')) row.getCell(at + 1 + j).fill = fill(STATUS_FILL[s]!);
    });
    row.getCell(at + 1 + statuses.length).value = of.length;
    if (cat === '合计') for (let c = at; c <= at + 1 + statuses.length; c++) row.getCell(c).font = { name: FONT, bold: true };
  });
  ws.getColumn(at).width = 12;
}

function branchesSheet(wb: ExcelJS.Workbook, ev: Evaluation, config: Config): void {
  const { report, roster } = ev;
  const branchOf = new Map(roster.list.map((p) => [p.name, p.branch]));
  const meetings = new Map(report.branches.map((b) => [b.branch, b]));
  const names = [...new Set([...config.roster.branches, ...roster.list.filter((p) => p.party && p.branch).map((p) => p.branch!)])];
  const rows = names.map((branch) => {
    const members = roster.list.filter((p) => p.party && p.branch === branch);
    const visits = report.visits.filter((v) => v.branch === branch);
    const counted = visits.reduce((n, v) => n + Math.min(v.counted, v.quota), 0);
    const quota = visits.reduce((n, v) => n + v.quota, 0);
    const items = report.ledger.filter((e) => e.people.some((p) => branchOf.get(p) === branch));
    const m = meetings.get(branch);
    return {
      branch, members: members.length, teachers: visits.length, under: visits.filter((v) => !v.done).length, rate: quota ? counted / quota : null,
      items: items.length, overdue: items.filter((e) => e.status === '已逾期').length,
      meeting: m ? (m.held ? '已开' : '未开') : '未检查', four: m ? (m.fourEvaluations ? '齐全' : m.held ? '不全' : '') : '',
    };
  });
  const ws = tableSheet(wb, '支部', report.asOf, [
    { header: '党支部', key: 'branch' }, { header: '党员', key: 'members' }, { header: '有家访任务', key: 'teachers' }, { header: '家访未达标', key: 'under' },
    { header: '家访完成率', key: 'rate', numFmt: '0%', width: 16 }, { header: '负责的整改事项', key: 'items' }, { header: '其中逾期', key: 'overdue' },
    { header: '组织生活会', key: 'meeting' }, { header: '一会四评', key: 'four' },
  ], rows);
  if (rows.length) dataBar(ws, `E2:E${rows.length + 1}`);
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    if (r.overdue) row.getCell(7).fill = fill(COLOURS.red);
    if (r.under) row.getCell(4).fill = fill(COLOURS.red);
    if (r.meeting === '未开') row.getCell(8).fill = fill(COLOURS.red);
    if (r.four === '不全') row.getCell(9).fill = fill(COLOURS.amber);
  });
}

/** The summary workbook of an evaluation. */
export function buildSummary(ev: Evaluation, config: Config): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const asOfDate = toDate(ev.report.asOf);
  wb.creator = 'taizhang';
  wb.lastModifiedBy = 'taizhang';
  wb.created = asOfDate;
  wb.modified = asOfDate;
  wb.title = `${ev.report.school} 台账日报 ${ev.report.asOf}`;
  overview(wb, ev, config);
  planSheet(wb, ev);
  visitsSheet(wb, ev);
  dutiesSheet(wb, ev, config);
  talksSheet(wb, ev, config);
  ledgerSheet(wb, ev, config);
  branchesSheet(wb, ev, config);
  return wb;
}

export { summaryFileName } from './name.js';

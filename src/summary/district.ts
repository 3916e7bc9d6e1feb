/**
 * The supervision group's roll-up (各校汇总-YYYY-MM-DD.xlsx): one row per school, worst first —
 * the schools that could not be checked, then by overdue items and rule breaches. Printable like
 * the school summary (A4 landscape, header repeated), in Chinese.
 */
import { ledgerItemLabel, phaseShort } from '../core/words.js';
import ExcelJS from 'exceljs';
import type { Report } from '../core/report.js';
import { toDate, type Day } from '../core/dates.js';
import { COLOURS, fill, FONT, tableSheet, textWidth } from './build.js';

export interface SchoolLine {
  school: string;
  exit: 0 | 1 | 2;
  reason?: string;
  report?: Report;
}

/** Worst first: not checked, then most overdue items, then most errors; by name when equal. */
export function worstFirst(schools: readonly SchoolLine[]): SchoolLine[] {
  const key = (s: SchoolLine) => [s.exit === 2 ? 0 : 1, -(s.report?.tally.ledger['已逾期'] ?? 0), -(s.report?.tally.errors ?? 0)];
  return [...schools].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return a.school < b.school ? -1 : a.school > b.school ? 1 : 0;
  });
}

export function buildDistrict(schools: readonly SchoolLine[], asOf: Day): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'taizhang';
  wb.created = wb.modified = toDate(asOf);
  const rows = worstFirst(schools).map((s) => {
    const r = s.report;
    const t = r?.tally;
    const overdue = r ? r.ledger.filter((e) => e.status === '已逾期').map((e) => `${ledgerItemLabel(e)}（逾期${e.daysLate}天）`) : [];
    return {
      school: s.school,
      state: s.exit === 2 ? '无法检查' : s.exit === 1 ? '有问题' : '正常',
      phase: r ? phaseShort(r.phase, 'zh') : '',
      overdue: t?.ledger['已逾期'] ?? null,
      dueSoon: t?.ledger['即将到期'] ?? null,
      incomplete: t?.ledger['要素不全'] ?? null,
      done: t ? t.ledger['已完成'] + t.ledger['逾期完成'] : null,
      total: t?.ledger.total ?? null,
      overdueList: overdue.join('；'),
      visits: t && t.visits.teachers ? (t.visits.teachers - t.visits.underQuota) / t.visits.teachers : null,
      weeks: t?.duties.missedWeeks ?? null,
      months: t?.duties.missedMonths ?? null,
      talks: t ? t.talks.required - t.talks.done : null,
      plan: r ? r.plan.filter((p) => p.status === '未完成').map((p) => p.item).join('、') : '',
      errors: t?.errors ?? null,
      reason: s.reason ?? '',
    };
  });
  const ws = tableSheet(wb, '各校汇总', asOf, [
    { header: '学校', key: 'school', width: 18 }, { header: '状态', key: 'state', width: 9 }, { header: '阶段', key: 'phase', width: 22 },
    { header: '已逾期', key: 'overdue', width: 8 }, { header: '即将到期', key: 'dueSoon', width: 9 }, { header: '要素不全', key: 'incomplete', width: 9 },
    { header: '已完成', key: 'done', width: 8 }, { header: '整改事项', key: 'total', width: 9 }, { header: '逾期事项', key: 'overdueList', width: 40 },
    { header: '家访达标', key: 'visits', width: 10, numFmt: '0%' }, { header: '三进三听缺周', key: 'weeks', width: 12 }, { header: '缺月', key: 'months', width: 6 },
    { header: '谈心未谈（对）', key: 'talks', width: 13 }, { header: '方案未完成（项）', key: 'plan', width: 18 }, { header: '错误', key: 'errors', width: 7 },
    { header: '无法检查的原因', key: 'reason', width: 40 },
  ], rows);
  const lines = (text: string, width: number) => Math.max(1, Math.ceil(textWidth(text) / (width - 1)));
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    for (let c = 1; c <= 16; c++) row.getCell(c).alignment = { wrapText: [9, 14, 16].includes(c), vertical: 'top' };
    // wrapped text needs its height said: not every program grows a row to fit when it opens the file
    row.height = 15 * Math.max(lines(r.overdueList, 40), lines(r.plan, 18), lines(r.reason, 40));
    if (r.state === '无法检查') for (let c = 1; c <= 16; c++) row.getCell(c).fill = fill(COLOURS.grey);
    if ((r.overdue ?? 0) > 0) {
      row.getCell(4).fill = fill(COLOURS.red);
      row.getCell(4).font = { name: FONT, bold: true, color: { argb: COLOURS.redText } };
    }
  });
  return wb;
}

export const districtFileName = (asOf: Day) => `各校汇总-${asOf}.xlsx`;

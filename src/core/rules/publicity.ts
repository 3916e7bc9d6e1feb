/** R-publicity (§四.3): at least `publicity.min` reports dated inside the campaign; judged when the campaign has ended. */
import type { PublicityRow } from '../columns.js';
import type { Config } from '../config.js';
import { isWithin, type Day, windowClosed } from '../dates.js';
import { rowStatus, rowAt, finding, type Finding, type RowStatus } from '../findings.js';

/** The publicity counted, by form. */
export interface PublicityStatus {
  checked: true;
  count: number;
  required: number;
  judged: boolean;
  byForm: Record<string, number>;
}

/** The rule of the publicity: enough pieces, in the forms the plan names. */
export function publicity(rows: readonly PublicityRow[], config: Config, asOf: Day, place: { file: string; sheet: string }): { status: PublicityStatus; findings: Finding[]; rows: RowStatus[] } {
  const { from, to } = config.campaign;
  const judged = windowClosed(to, asOf);
  const findings: Finding[] = [];
  const byForm: Record<string, number> = Object.fromEntries(config.publicity.forms.map((f) => [f, 0]));
  let count = 0;
  const statuses: RowStatus[] = [];
  for (const r of rows) {
    if (!r.date) {
      statuses.push(rowStatus(r, false, r.invalid.includes('date') ? '日期无法识别' : '缺少必填项'));
      continue;
    }
    if (!isWithin(r.date, from, to)) {
      findings.push(finding('PUBLICITY_OUTSIDE_CAMPAIGN', rowAt(place, r, '日期'), { date: r.date, from, to }));
      statuses.push(rowStatus(r, false, '不在活动期内'));
      continue;
    }
    statuses.push(rowStatus(r, true, '计入'));
    count++;
    if (r.form) byForm[r.form] = (byForm[r.form] ?? 0) + 1;
  }
  const required = config.publicity.min;
  if (judged && count < required) findings.push(finding('PUBLICITY_SHORT', place, { count, min: required }));
  return { status: { checked: true, count, required, judged, byForm }, findings, rows: statuses };
}

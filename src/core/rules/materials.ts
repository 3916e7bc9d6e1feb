/**
 * R-material (§三.10 对照检查材料): every leadership member and every Party member who is a
 * middle-level cadre hands in by the due date, reviewed (已审核); a leadership member's material
 * is also sent to the supervision group (报送督导组). Judged once the due date is reached.
 */
import { windowClosed } from '../dates.js';
import type { MaterialRow } from '../columns.js';
import type { Config } from '../config.js';
import type { Day } from '../dates.js';
import { rowStatus, rowAt, finding, type Finding, type RowStatus } from '../findings.js';
import type { Roster } from '../roster.js';

/** The `【自动】校验` words of a material that meets the rule, or that nobody asked for. */
export const MATERIAL_OK = '合格';
export const MATERIAL_NOT_OWED = '无须提交';

/** A member's checking material: handed in, reviewed, sent on. */
export interface MaterialStatus {
  name: string;
  role: '班子成员' | '中层干部';
  submitted: boolean;
  submittedOn?: Day;
  reviewed: boolean;
  sent: boolean;
  ok: boolean;
}

/** The rule of the checking materials (对照检查): who owes one, by the deadline, reviewed and sent on. */
export function materials(rows: readonly MaterialRow[], roster: Roster, config: Config, asOf: Day, places: { materials: { file: string; sheet: string }; roster: { file: string; sheet: string } }): { materials: MaterialStatus[]; findings: Finding[]; rows: RowStatus[] } {
  const due = config.materials.due;
  const judged = windowClosed(due, asOf);
  const findings: Finding[] = [];
  const byName = new Map<string, MaterialRow>();
  for (const r of rows) if (r.name && !byName.has(r.name)) byName.set(r.name, r);
  const required = roster.list.filter((p) => p.onDuty && (p.leader || (p.cadre && p.party)));
  const result = required.map((p): MaterialStatus => {
    const role = p.leader ? '班子成员' : '中层干部';
    const r = byName.get(p.name);
    const submitted = r?.submitted !== undefined && r.submitted <= due;
    const reviewed = r?.review === config.materials.reviewed;
    const sent = r?.sent === true;
    const ok = submitted && reviewed && (!p.leader || sent);
    if (judged) {
      const at = r ? rowAt(places.materials, r) : rowAt(places.roster, p);
      if (!submitted) findings.push(finding('MATERIAL_MISSING', { ...at, column: r ? '提交日期' : '姓名' }, { name: p.name, role, due, late: r?.submitted ?? '' }));
      else {
        if (!reviewed) findings.push(finding('MATERIAL_NOT_REVIEWED', { ...at, column: '审核' }, { name: p.name }));
        if (p.leader && !sent) findings.push(finding('MATERIAL_NOT_SENT', { ...at, column: '报送督导组' }, { name: p.name }));
      }
    }
    return { name: p.name, role, submitted, ...(r?.submitted ? { submittedOn: r.submitted } : {}), reviewed, sent, ok };
  });
  // Per row: whether this material meets the rule, and if not what is wrong with it now.
  const requiredNames = new Map(required.map((p) => [p.name, p]));
  const rowStatuses = rows.map((r): RowStatus => {
    if (!r.name) return rowStatus(r, false, '缺少必填项');
    const first = byName.get(r.name)!;
    if (first !== r) return rowStatus(r, false, `重复（以第${first.row}行为准）`);
    const p = requiredNames.get(r.name);
    if (!p) return rowStatus(r, true, MATERIAL_NOT_OWED);
    const status = result.find((m) => m.name === r.name)!;
    if (status.ok) return rowStatus(r, true, MATERIAL_OK);
    const wrong = [
      !r.submitted ? '未填提交日期' : r.submitted > due ? `逾期提交（应在${due}前）` : '',
      !status.reviewed ? '未审核' : '',
      p.leader && !status.sent ? '未报送督导组' : '',
    ].filter(Boolean);
    return rowStatus(r, false, wrong.join('、'));
  });
  return { materials: result, findings, rows: rowStatuses };
}

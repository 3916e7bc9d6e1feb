/**
 * R-branch (§三.11 一会四评): each branch holds a 专题组织生活会 inside the meetings window with
 * all four evaluations (个人自评, 党员互评, 支部讲评, 领导点评); attendance is reported.
 */
import type { BranchMeetingRow } from '../columns.js';
import type { Config } from '../config.js';
import { isWithin, type Day, windowClosed } from '../dates.js';
import { rowStatus, rowAt, finding, type Finding, type RowStatus } from '../findings.js';

/** A branch's meetings: how many held, whether its duty is met. */
export interface BranchStatus {
  branch: string;
  held: boolean;
  fourEvaluations: boolean;
  date?: Day;
  expected?: number;
  present?: number;
  /** present / expected, 0–1. */
  attendance?: number;
}

const EVALUATIONS = [
  ['selfReview', '个人自评'],
  ['mutualReview', '党员互评'],
  ['branchReview', '支部讲评'],
  ['leaderReview', '领导点评'],
] as const;

/** The rule of the branch meetings (组织生活会): each branch holds its meetings within the window. */
export function branchMeetings(rows: readonly BranchMeetingRow[], config: Config, asOf: Day, place: { file: string; sheet: string }): { branches: BranchStatus[]; findings: Finding[]; rows: RowStatus[] } {
  const { from, to } = config.meetings;
  const judged = windowClosed(to, asOf);
  const findings: Finding[] = [];
  const byBranch = new Map<string, BranchMeetingRow[]>();
  const statuses: RowStatus[] = [];
  for (const r of rows) {
    if (!r.branch || !r.date) {
      statuses.push(rowStatus(r, false, r.invalid.includes('date') ? '日期无法识别' : r.invalid.includes('branch') ? '党支部不在可选范围' : '缺少必填项'));
      continue;
    }
    if (!isWithin(r.date, from, to)) {
      findings.push(finding('BRANCH_OUTSIDE_WINDOW', rowAt(place, r, '日期'), { branch: r.branch, date: r.date, from, to }));
      statuses.push(rowStatus(r, false, '不在规定期间'));
      continue;
    }
    const missing = EVALUATIONS.filter(([key]) => r[key] !== true).map(([, name]) => name);
    statuses.push(rowStatus(r, missing.length === 0, missing.length ? `一会四评缺${missing.join('、')}` : '计入'));
    byBranch.set(r.branch, [...(byBranch.get(r.branch) ?? []), r]);
  }
  const branches: BranchStatus[] = config.roster.branches.map((branch) => {
    const meetings = byBranch.get(branch) ?? [];
    const missingOf = (m: BranchMeetingRow) => EVALUATIONS.filter(([key]) => m[key] !== true).map(([, name]) => name);
    // The meeting that best meets the rule stands for the branch.
    const best = [...meetings].sort((a, b) => missingOf(a).length - missingOf(b).length)[0];
    if (!best) {
      if (judged) findings.push(finding('BRANCH_NOT_HELD', place, { branch, from, to }));
      return { branch, held: false, fourEvaluations: false };
    }
    const missing = missingOf(best);
    if (missing.length > 0) findings.push(finding('BRANCH_EVALUATION_MISSING', rowAt(place, best, missing[0]), { branch, missing: missing.map((m) => `“${m}”`).join('、') }));
    const attendance = best.expected && best.present !== undefined ? best.present / best.expected : undefined;
    return { branch, held: true, fourEvaluations: missing.length === 0, date: best.date, expected: best.expected, present: best.present, attendance };
  });
  return { branches, findings, rows: statuses };
}

import { describe, expect, it } from 'vitest';
import type { BranchMeetingRow } from '../columns.js';
import { config } from '../../../test/helpers/core.js';
import { branchMeetings } from './branches.js';

const c = config({ roster: { branches: ['第一党支部', '第二党支部', '第三党支部'] } });
const place = { file: '学习教育.xlsx', sheet: '组织生活会' };
const meeting = (row: number, branch: string, date: string, extra: Partial<BranchMeetingRow> = {}): BranchMeetingRow => ({
  row, invalid: [], branch, date, selfReview: true, mutualReview: true, branchReview: true, leaderReview: true, expected: 10, present: 9, ...extra,
});

describe('branchMeetings', () => {
  it('wants every configured branch to meet in the window with all four evaluations', () => {
    const r = branchMeetings([
      meeting(3, '第一党支部', '2014-05-10'),
      meeting(4, '第二党支部', '2014-04-30'), // the day before the window
      meeting(5, '第三党支部', '2014-06-01', { leaderReview: undefined }), // one evaluation left blank
    ], c, '2014-08-15', place);
    expect(r.branches).toEqual([
      { branch: '第一党支部', held: true, fourEvaluations: true, date: '2014-05-10', expected: 10, present: 9, attendance: 0.9 },
      { branch: '第二党支部', held: false, fourEvaluations: false },
      { branch: '第三党支部', held: true, fourEvaluations: false, date: '2014-06-01', expected: 10, present: 9, attendance: 0.9 },
    ]);
    expect(r.findings.map((f) => [f.code, f.row, f.message])).toEqual([
      ['BRANCH_OUTSIDE_WINDOW', 4, '第二党支部 组织生活会日期2014-04-30不在规定期间（2014-05-01至2014-06-30），不计入'],
      ['BRANCH_NOT_HELD', undefined, '第二党支部 未召开专题组织生活会（2014-05-01至2014-06-30）'],
      ['BRANCH_EVALUATION_MISSING', 5, '第三党支部 组织生活会“一会四评”缺少“领导点评”'],
    ]);
  });
  it('does not call a branch late while the window is open', () => {
    expect(branchMeetings([], c, '2014-06-01', place).findings).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { finding } from '../core/findings.js';
import type { Report } from '../core/report.js';
import { formatReport } from './format.js';

describe('formatReport', () => {
  it('never truncates silently: it says how many findings it did not print', () => {
    const findings = Array.from({ length: 205 }, (_, i) => finding('VISIT_NO_DIARY', { file: '走访记录.xlsx', sheet: '家访记录', row: i + 3, column: '家访日记' }, { teacher: '李明', student: `学生${i}` }));
    const report = {
      asOf: '2014-08-15', school: '岳阳市第七中学', phase: { name: '整改落实、建章立制', index: 3, from: '2014-07-01', to: '2014-09-30', daysLeft: 46, campaignProgress: 0.83, campaignDaysLeft: 46 },
      findings, notes: [], study: { checked: false, reason: '未找到学习教育.xlsx，学习教育各项未检查' },
      tally: {
        errors: 0, warnings: 205, ledger: { 已逾期: 0, 即将到期: 0, 要素不全: 0, 整改中: 0, 逾期完成: 0, 已完成: 0, total: 0 },
        visits: { teachers: 1, underQuota: 0, judged: true }, plan: { 已完成: 0, 进行中: 0, 未开始: 0, 未完成: 0, 未检查: 18, total: 18 }, duties: { leaders: 0, missedWeeks: 0, missedMonths: 0 }, talks: { required: 0, done: 0, judged: true },
      },
    } as unknown as Report;
    const text = formatReport(report, 'zh', 200);
    expect(text.split('\n').filter((l) => l.includes('未写家访日记'))).toHaveLength(200);
    expect(text).toContain('……另有 5 条未显示（用 --json 查看全部）');
    expect(text).toContain('学习教育：未找到学习教育.xlsx，学习教育各项未检查');
  });
});

/**
 * `check` on the bundled sample, as `npm start` runs it. The expectations were worked out by
 * hand from what scripts/make-sample.ts plants (workbooks/sample/PLANTED.json), not read back
 * from the tool.
 */
import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { copyDir, runCli, runJson, SAMPLE } from './helpers/cli.js';

describe('check on the sample', () => {
  const { code, report } = runJson(['check', SAMPLE]);

  it('exits 1 because the sample breaks rules on purpose', () => {
    expect(code).toBe(1);
  });

  it('is as of the sample config’s date, in the third phase with 46 days left', () => {
    expect(report.asOf).toBe('2014-08-15');
    expect(report.phase).toMatchObject({ name: '整改落实、建章立制', daysLeft: 46 });
  });

  it('finds exactly the planted home-visit shortfalls', () => {
    const under = report.visits.filter((v: any) => v.counted < v.quota).map((v: any) => [v.teacher, v.headTeacher, v.counted, v.quota]);
    expect(under).toEqual([
      ['马建华', true, 18, 20],
      ['黄小军', false, 9, 10],
      ['黄丽娟', true, 19, 20],
    ]);
    expect(report.visits).toHaveLength(48); // 39 grade teachers + 3 grade heads + 周建军, 何晓燕, 王静, 段春梅, 曾宪伟, 谭红
    expect(report.visits.some((v: any) => v.teacher === '姚德明')).toBe(false);
    expect(report.visits.find((v: any) => v.teacher === '谭红')).toMatchObject({ headTeacher: false, quota: 10, counted: 10 });
  });

  it('gives every ledger item the status worked out by hand', () => {
    const bySeq = Object.fromEntries(report.ledger.map((e: any) => [e.seq, e.status]));
    expect(bySeq).toEqual({
      1: '已完成', 2: '已逾期', 3: '已逾期', 4: '已逾期', 5: '即将到期', 6: '即将到期', 7: '整改中', 8: '要素不全',
      9: '整改中', 10: '逾期完成', 11: '已完成', 12: '已完成', 13: '整改中', 14: '整改中', 15: '整改中', 16: '整改中',
      17: '整改中', 18: '整改中',
    });
    expect(report.ledger.find((e: any) => e.seq === '3')).toMatchObject({ row: 5, deadline: '2014-07-31', daysLate: 15, file: '整改台账.xlsx' });
  });

  it('places each planted finding at its row and column', () => {
    const codes = report.findings.map((f: any) => `${f.code} ${f.sheet}!${f.cell}`);
    expect(codes).toEqual(expect.arrayContaining([
      'LEDGER_OVERDUE 整改台账!J4',
      'LEDGER_ELEMENT_MISSING 整改台账!H10',
      'LEDGER_UNKNOWN_PERSON 整改台账!G11',
      'VISIT_UNKNOWN_TEACHER 家访记录!B278',
      'VISIT_OUTSIDE_WINDOW 家访记录!A649',
    ]));
    expect(report.findings.filter((f: any) => f.code === 'VISIT_NO_DIARY')).toHaveLength(2);
    expect(report.findings.filter((f: any) => f.code === 'VISIT_DUPLICATE')).toHaveLength(1);
    // the only unreadable cell is the planted 活动类型 “听评课”
    expect(report.findings.filter((f: any) => f.code.startsWith('CELL_')).map((f: any) => [f.code, f.sheet, f.params.value])).toEqual([['CELL_NOT_IN_LIST', '工作记录', '读书会'], ['CELL_NOT_IN_LIST', '三进三听', '听评课']]);
  });

  it('finds exactly the planted 三进三听 gaps and nothing else', () => {
    const missing = report.duties.flatMap((d: any) => [
      ...Object.entries(d.missingWeeks).flatMap(([duty, weeks]: [string, any]) => weeks.map((w: string) => `${d.leader} ${duty} ${w}`)),
      ...Object.entries(d.missingMonths).flatMap(([duty, months]: [string, any]) => months.map((m: string) => `${d.leader} ${duty} ${m}`)),
    ]);
    expect(missing.sort()).toEqual(['李建国 学生家访 2014-05-05', '李建国 学生家访 2014-05-12', '谭红 社区宣讲 2014-06', '陈志刚 进课堂听课 2014-04-14'].sort());
    expect(report.duties.map((d: any) => d.leader)).toEqual(['吴敏华', '范小平', '谭红', '李建国', '陈志刚']);
    // 16 judged weeks: 3月24日 … 7月7日; 7月14日 onward lie wholly in the summer holiday
    expect(report.dutyCalendar.weeks.filter((w: any) => w.judged && !w.exempt)).toHaveLength(16);
    expect(report.findings.find((f: any) => f.code === 'DUTY_WEEK_MISSING' && f.params.leader === '陈志刚').message).toBe('陈志刚 4月14日–4月20日 未进课堂听课');
  });

  it('requires the 51 talk pairs worked out by hand and finds the 4 planted gaps', () => {
    // 7 with the main leaders + 3 among the other leaders + 8 leader–department head + 33 head–Party member
    expect(report.talks).toHaveLength(51);
    expect(report.talks.filter((t: any) => t.kind === '处室负责人与党员')).toHaveLength(33);
    expect(report.talks.filter((t: any) => !t.done).map((t: any) => `${t.a}-${t.b}`)).toEqual(['谭红-陈志刚', '李建国-陈志刚', '刘春华-马建华', '蒋文斌-唐俊杰']);
  });

  it('ticks the plan item by item as worked out by hand from the planted 工作记录', () => {
    expect(report.plan.map((p: any) => `${p.item}:${p.status}`)).toEqual([
      '1:已完成', '2:已完成', '3:未完成', '4:未完成', '5:进行中', '6:未完成', '7:已完成', '8:已完成', '9:未完成',
      '10:未完成', '11:未完成', '12:未完成', '13:未完成', '14:进行中', '15:进行中', '16:未开始', '四.2:已完成', '四.3:进行中',
    ]);
    const item = (n: string) => report.plan.find((p: any) => p.item === n);
    expect(item('12').missing).toEqual(['工作记录「通报会」第8行（5月6日）早于「民主生活会」（5月8日）']);
    expect(item('4').missing).toEqual(['缺 集中学习“观看影片”（3月21日至6月30日）']);
    expect(item('15').missing).toEqual(['制度建设缺：治理教育乱收费制度、《规章制度汇编》']);
    expect(item('2').evidence).toEqual(['工作记录第4行：2014-03-19 动员大会（全校教职工动员大会,吴敏华解读方案,范小平作动员）']);
  });

  it('finds the planted 学习教育 gaps (五个一, 一会四评, materials, publicity, opinions)', () => {
    expect(report.study).toMatchObject({ checked: true, essaysMissing: ['高桂芳', '李永强', '梁秀英'], members: 46, excellent: 9, studyDays: 12, collective: { 大家谈: true, 专题党课: true, 观看影片: false } });
    expect(report.branches.filter((b: any) => !(b.held && b.fourEvaluations)).map((b: any) => [b.branch, b.held])).toEqual([['第三党支部', true], ['第六党支部', false]]);
    expect(report.materials).toHaveLength(13); // 5 leaders + 8 Party cadres; 罗志强 (群众) needs none
    expect(report.materials.filter((m: any) => !m.ok).map((m: any) => [m.name, m.submitted, m.reviewed, m.sent])).toEqual([
      ['陈志刚', true, true, false], ['杨光明', true, false, false], ['蒋文斌', false, false, false],
    ]);
    expect(report.publicity).toMatchObject({ count: 9, required: 10, judged: false });
    expect(report.opinions).toMatchObject({ count: 20, untraced: 1 });
    const messages = report.findings.map((f: any) => f.message);
    expect(messages).toEqual(expect.arrayContaining(['第六党支部 未召开专题组织生活会（2014-05-01至2014-06-30）', '优秀心得 9 篇，应评选 10 篇', '学习期内未开展“观看影片”']));
  });

  it('reports the study rules as not checked when 学习教育.xlsx is absent', () => {
    const dir = copyDir(SAMPLE);
    rmSync(join(dir, '学习教育.xlsx'));
    const r = runJson(['check', dir]).report;
    expect(r.study).toEqual({ checked: false, reason: '未找到学习教育.xlsx，学习教育各项未检查' });
    expect(r.branches).toEqual([]);
    expect(r.findings.some((f: any) => f.file === '学习教育.xlsx')).toBe(false);
    rmSync(dir, { recursive: true });
  });

  it('prints Chinese findings grouped by workbook and sheet, with a tally', () => {
    const r = runCli(['check', SAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('整改台账.xlsx › 整改台账');
    expect(r.stdout).toContain('第5行 整改时限(J列)');
    expect(r.stdout).toContain('整改事项3号已逾期15天（时限7月下旬，责任人陈志刚、罗志强）');
    expect(r.stdout).toMatch(/整改台账：共 18 项，已逾期 3 项，即将到期 2 项/);
    expect(r.stdout).toMatch(/家访：有家访任务的教师 48 人，未达标 3 人/);
    expect(r.stderr).toBe('');
  });

  it('speaks English with --lang en', () => {
    const r = runCli(['check', SAMPLE, '--lang', 'en']);
    expect(r.stdout).toContain('ledger item 3号 is 15 days overdue');
  });

  it('judges another day with --as-of', () => {
    const early = runJson(['check', SAMPLE, '--as-of', '2014-05-01']).report;
    expect(early.phase).toMatchObject({ name: '学习教育、听取意见', daysLeft: 19 });
    expect(early.findings.some((f: any) => f.code === 'VISIT_UNDER_QUOTA')).toBe(false); // window still open
  });
});

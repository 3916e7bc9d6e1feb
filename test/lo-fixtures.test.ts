/**
 * `check` on workbooks authored by LibreOffice Calc (scripts/lo/make-fixtures.py), not by the
 * library under test. Every expectation below was worked out by hand from the rows the script
 * writes (their comments say why each row counts or not).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { homeVisitSheet } from '../src/core/columns.js';
import { check } from '../src/io/check.js';
import { openWorkbook } from '../src/xlsx/reader.js';
import { FIXTURES, runJson } from './helpers/cli.js';

const BASIC = join(FIXTURES, 'lo', 'basic');

describe('LibreOffice-authored basic fixture', () => {
  const { code, report } = runJson(['check', BASIC]);
  const at = (code: string) => report.findings.filter((f: any) => f.code === code).map((f: any) => `${f.sheet}!${f.cell}`);

  it('exits 1 and reads the title rows, variants and date forms without a read error but the planted one', () => {
    expect(code).toBe(1);
    expect(report.findings.filter((f: any) => f.code.startsWith('CELL_')).map((f: any) => [f.code, f.sheet, f.cell])).toEqual([
      ['CELL_INVALID_DEADLINE', '整改台账', 'J12'],
      ['CELL_NOT_IN_LIST', '三进三听', 'C33'],
      ['CELL_INVALID_DATE', '家访记录', 'B16'],
    ]);
  });

  it('counts home visits as computed by hand', () => {
    expect(report.visits.map((v: any) => [v.teacher, v.headTeacher, v.counted, v.quota])).toEqual([
      ['谭红', false, 2, 2],
      ['李明', true, 3, 4],
      ['王芳', false, 2, 2],
    ]);
    expect(at('VISIT_UNDER_QUOTA')).toEqual(['名册!A5']);
    expect(at('VISIT_NO_DIARY')).toEqual(['家访记录!F5']);
    expect(at('VISIT_OUTSIDE_WINDOW')).toEqual(['家访记录!B9']);
    expect(at('VISIT_DUPLICATE')).toEqual(['家访记录!D10']);
    expect(at('VISIT_UNKNOWN_TEACHER')).toEqual(['家访记录!C14']);
  });

  it('gives each log row its reason', async () => {
    const result = await check(BASIC);
    expect(result.rows.homeVisits.map((r) => [r.row, r.reason])).toEqual([
      [3, '计入'], [4, '计入'], [5, '计入'], [6, '同一学生已计入'], [7, '电话家访不计入'], [8, '计入'],
      [9, '不在家访活动期内'], [10, '重复记录'], [11, '计入'], [12, '计入'], [13, '计入'], [14, '名册中无此人'],
      [15, '无家访任务'], [16, '日期无法识别'],
    ]);
  });

  it('gives every ledger item the status computed by hand', () => {
    expect(report.ledger.map((e: any) => [e.row, e.status, e.deadline])).toEqual([
      [3, '即将到期', '2014-08-15'],
      [4, '整改中', '2014-08-31'],
      [5, '即将到期', '2014-08-21'],
      [6, '整改中', '2014-08-22'],
      [7, '已完成', '2014-07-31'],
      [8, '逾期完成', '2014-07-20'],
      [9, '已逾期', '2014-08-10'],
      [10, '要素不全', '2014-09-30'],
      [11, '整改中', '2014-09-30'],
      [12, '要素不全', null],
    ]);
    expect(at('LEDGER_DUE_SOON')).toEqual(['整改台账!J3', '整改台账!J5']);
    expect(at('LEDGER_DONE_LATE')).toEqual(['整改台账!L8']);
    expect(at('LEDGER_OVERDUE')).toEqual(['整改台账!J9']);
    expect(at('LEDGER_ELEMENT_MISSING')).toEqual(['整改台账!I10']);
    expect(report.findings.find((f: any) => f.code === 'LEDGER_UNKNOWN_PERSON')).toMatchObject({ cell: 'G11', params: { person: '邹四雄' } });
  });

  it('lists the missed duty weeks and months computed by hand (holiday week exempt)', () => {
    expect(report.duties).toEqual([
      { leader: '吴敏华', rosterRow: 3, missingWeeks: { 进课堂听课: ['2014-03-31'], 与教师谈心: [], 学生家访: [], 为双困生办实事: [] }, missingMonths: { 社区宣讲: [], 结对帮扶: ['2014-04'] } },
      { leader: '谭红', rosterRow: 4, missingWeeks: { 进课堂听课: [], 与教师谈心: [], 学生家访: ['2014-03-24'], 为双困生办实事: [] }, missingMonths: { 社区宣讲: [], 结对帮扶: [] } },
    ]);
    expect(report.dutyCalendar.weeks.map((w: any) => [w.key, w.exempt])).toEqual([['2014-03-24', false], ['2014-03-31', false], ['2014-04-07', true], ['2014-04-14', false]]);
    expect(report.findings.filter((f: any) => f.code.startsWith('DUTY_')).map((f: any) => f.message)).toEqual([
      '吴敏华 3月31日–4月6日 未进课堂听课',
      '吴敏华 2014年4月 未开展“结对帮扶”',
      '谭红 3月24日–3月30日 未开展“学生家访”',
      '日期2014-03-23不在三进三听活动期内（2014-03-24至2014-04-20），不计入',
      '“李明”不是名册中的班子成员，这条三进三听记录不计入',
    ]);
    expect(at('CELL_NOT_IN_LIST')).toEqual(['三进三听!C33']);
  });

  it('lists every required talk pair and which were held, computed by hand', () => {
    expect(report.talks).toEqual([
      { a: '吴敏华', b: '谭红', kind: '主要负责人与班子成员', done: true, date: '2014-05-21' },
      { a: '吴敏华', b: '刘春华', kind: '班子成员与分管处室负责人', done: true, date: '2014-06-30' },
      { a: '刘春华', b: '李明', kind: '处室负责人与党员', done: false },
    ]);
    expect(at('TALK_OUTSIDE_WINDOW')).toEqual(['谈心谈话!A3']);
    expect(at('TALK_UNKNOWN_PERSON')).toEqual(['谈心谈话!C4']);
    expect(at('TALK_DEPT_NO_HEAD')).toEqual(['名册!L4']);
    expect(report.findings.filter((f: any) => f.code === 'TALK_MISSING').map((f: any) => f.message)).toEqual(['刘春华与李明未谈心（处室负责人与党员）']);
  });

  it('judges 学习教育.xlsx as computed by hand', () => {
    expect(report.study).toMatchObject({ essaysMissing: ['谭红', '刘春华'], members: 4, excellent: 1, studyDays: 2, collective: { 大家谈: true, 专题党课: true, 观看影片: false } });
    expect(report.branches.map((b: any) => [b.branch, b.held, b.fourEvaluations, b.present, b.expected])).toEqual([['第一党支部', true, false, 4, 4], ['第四党支部', true, true, 2, 3]]);
    expect(report.materials.map((m: any) => [m.name, m.submitted, m.reviewed, m.sent, m.ok])).toEqual([['吴敏华', true, true, true, true], ['谭红', true, true, false, false]]);
    expect(report.publicity).toMatchObject({ count: 1, required: 2, judged: false });
    expect(report.opinions).toMatchObject({ count: 3, traced: 1, untraced: 1 });
    expect(at('STUDY_ESSAY_OUTSIDE_WINDOW')).toEqual(['心得体会!C3']);
    expect(at('BRANCH_OUTSIDE_WINDOW')).toEqual(['组织生活会!A2']);
    expect(at('BRANCH_EVALUATION_MISSING')).toEqual(['组织生活会!F3']);
    expect(at('MATERIAL_NOT_SENT')).toEqual(['对照检查!D3']);
    expect(at('PUBLICITY_OUTSIDE_CAMPAIGN')).toEqual(['宣传报道!A3']);
    expect(at('OPINION_UNTRACED')).toEqual(['征求意见!F3']);
    expect(report.findings.filter((f: any) => f.code === 'STUDY_FORM_MISSING').map((f: any) => f.message)).toEqual(['学习期内未开展“观看影片”']);
  });

  it('keeps an 18-digit id typed in Calc as text', async () => {
    const reader = await openWorkbook(readFileSync(join(BASIC, '党员名册.xlsx')), '党员名册.xlsx');
    const rows: unknown[][] = [];
    await reader.readRows(reader.findSheet('名册')!, (r) => rows.push([...r.cells]));
    await reader.close();
    expect(rows[2]![1]).toBe('430602196501011234');
  });

  it('reads Calc’s real date cells and text dates alike', async () => {
    const reader = await openWorkbook(readFileSync(join(BASIC, '走访记录.xlsx')), '走访记录.xlsx');
    const raw: unknown[] = [];
    await reader.readRows(reader.findSheet(homeVisitSheet.sheet)!, (r) => raw.push(r.cells[1]));
    await reader.close();
    expect(raw.slice(2, 5)).toEqual([41703, '2014/3/6', '2014年3月7日']);
  });
});

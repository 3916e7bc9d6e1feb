import { describe, expect, it } from 'vitest';
import { config as makeConfig } from '../../../test/helpers/core.js';
import type { WorkLogRow } from '../columns.js';
import { workLogSheet } from '../columns.js';
import { planItems, type PlanItem } from '../plan.js';
import { readTable } from '../table.js';
import type { LedgerEntry } from './ledger.js';
import { institutionKey, planProgress, ruleOutcomes, type PlanInputs } from './plan.js';

const c = makeConfig();
const items = planItems(c);
const item = (n: string) => items.find((i) => i.item === n)!;
const log = (...rows: [string, string, string?][]): PlanInputs['workLog'] => ({
  file: '学习教育.xlsx',
  sheet: '工作记录',
  rows: rows.map(([date, event, content], i): WorkLogRow => ({ row: i + 2, invalid: [], date, event, ...(content ? { content } : {}) })),
});
const place = { file: '整改台账.xlsx', sheet: '整改台账' };
const inputs = (extra: Partial<PlanInputs> = {}): PlanInputs => ({
  workLogAbsent: '没有“工作记录”表',
  rulesAbsent: '未找到学习教育.xlsx',
  rules: {},
  ledger: { entries: [], place },
  ...extra,
});
const one = (it: PlanItem, i: PlanInputs, asOf: string) => planProgress([it], i, asOf);

describe('planProgress, a 工作记录 row in a window', () => {
  it('proves the 动员大会 on its day, and names the row as evidence', () => {
    const r = one(item('2'), inputs({ workLog: log(['2014-03-19', '动员大会', '全校动员']) }), '2014-03-20');
    expect(r.items[0]).toMatchObject({ status: '已完成', evidence: ['工作记录第2行：2014-03-19 动员大会（全校动员）'], missing: [] });
    expect(r.rows).toEqual([{ row: 2, counted: true, reason: '证明第2项（组织召开动员大会）' }]);
  });

  it('a day before or after the window proves nothing; once the window has ended that is an error at the 工作记录', () => {
    for (const day of ['2014-03-18', '2014-03-20']) {
      const r = one(item('2'), inputs({ workLog: log([day, '动员大会']) }), '2014-08-15');
      expect(r.items[0]!.status).toBe('未完成');
      expect(r.items[0]!.missing).toEqual([`工作记录「动员大会」第2行日期3月${day.slice(-2).replace(/^0/, '')}日不在3月19日`]);
      expect(r.findings.map((f) => [f.code, f.severity, f.file, f.sheet, f.row])).toEqual([['PLAN_ITEM_UNDONE', 'error', '学习教育.xlsx', '工作记录', 2]]);
      expect(r.rows[0]).toEqual({ row: 2, counted: false, reason: '不在第2项的时间内（3月19日）' });
    }
  });

  it('is 进行中 while the window is open, 未开始 before it', () => {
    expect(one(item('16'), inputs({ workLog: log() }), '2014-09-25').items[0]!.status).toBe('进行中');
    expect(one(item('16'), inputs({ workLog: log() }), '2014-09-20').items[0]!.status).toBe('未开始');
    expect(one(item('16'), inputs({ workLog: log() }), '2014-09-30').items[0]!.status).toBe('进行中'); // the last day is still in
    expect(one(item('16'), inputs({ workLog: log() }), '2014-10-01').items[0]!.status).toBe('未完成');
  });

  it('is 未检查, never an error, when there is no 工作记录 sheet', () => {
    const r = one(item('16'), inputs(), '2014-12-31');
    expect(r.items[0]).toMatchObject({ status: '未检查', missing: ['没有“工作记录”表'] });
    expect(r.findings).toEqual([]);
  });
});

describe('planProgress, one event after another', () => {
  it('the 通报会 after the 民主生活会 proves item 12; dated before it, it does not', () => {
    const ok = one(item('12'), inputs({ workLog: log(['2014-05-08', '民主生活会'], ['2014-05-12', '通报会']) }), '2014-07-01');
    expect(ok.items[0]!.status).toBe('已完成');
    const early = one(item('12'), inputs({ workLog: log(['2014-05-08', '民主生活会'], ['2014-05-06', '通报会']) }), '2014-07-01');
    expect(early.items[0]).toMatchObject({ status: '未完成', missing: ['工作记录「通报会」第3行（5月6日）早于「民主生活会」（5月8日）'] });
    expect(early.rows[1]).toEqual({ row: 3, counted: false, reason: '早于「民主生活会」或没有「民主生活会」' });
    const none = one(item('12'), inputs({ workLog: log(['2014-05-12', '通报会']) }), '2014-07-01');
    expect(none.items[0]!.missing).toEqual(['缺 工作记录「民主生活会」，「通报会」无从判断先后']);
  });

  it('the 民主生活会 must fall in 5月上旬 (1–10 May), and every branch must meet too', () => {
    const rules = ruleOutcomes({
      duties: { leaders: 5, missed: 0, judged: true, place }, visits: { teachers: 1, under: 0, place }, talks: { required: 1, missing: 0, place },
      branches: { total: 7, notOk: [], place },
    });
    expect(one(item('11'), inputs({ rules, workLog: log(['2014-05-10', '民主生活会']) }), '2014-07-01').items[0]!.status).toBe('已完成');
    expect(one(item('11'), inputs({ rules, workLog: log(['2014-05-11', '民主生活会']) }), '2014-07-01').items[0]!.missing).toEqual(['工作记录「民主生活会」第2行日期5月11日不在5月1日至5月10日']);
  });
});

describe('planProgress, the 制度 of item 15', () => {
  const names = item('15').proofs[0]!;
  it('finds each 制度 written with or without 《》 and with 制度 left off, one or several to a row', () => {
    if (names.kind !== 'eventsNaming') throw new Error('item 15 names its 制度');
    const r = one(item('15'), inputs({
      workLog: log(
        ['2014-07-20', '制度建设', '党员干部直接联系群众制度'],
        ['2014-07-25', '制度建设', '修订《财务管理制度》、学校会计制度'],
        ['2014-08-05', '制度建设', '专项经费监管'],
        ['2014-08-12', '制度建设', '规范办学行为制度、畅通群众诉求渠道'],
        ['2014-08-20', '制度建设', '《治理教育乱收费》'],
        ['2014-09-01', '制度建设', '修改充实规章制度汇编'],
      ),
    }), '2014-09-05');
    expect(r.items[0]).toMatchObject({ status: '已完成', missing: [] });
    expect(r.rows.every((x) => x.counted)).toBe(true);
  });

  it('says which 制度 are still missing', () => {
    const r = one(item('15'), inputs({ workLog: log(['2014-07-20', '制度建设', '党员干部直接联系群众制度']) }), '2014-08-15');
    expect(r.items[0]!.status).toBe('进行中');
    expect(r.items[0]!.missing).toEqual(['制度建设缺：畅通群众诉求渠道制度、财务管理制度、学校会计制度、专项经费监管制度、规范办学行为制度、治理教育乱收费制度、《规章制度汇编》']);
  });

  it('a 制度建设 row outside the window, or naming no listed 制度, proves nothing', () => {
    const r = one(item('15'), inputs({ workLog: log(['2014-06-30', '制度建设', '财务管理制度'], ['2014-07-02', '制度建设', '食堂管理办法']) }), '2014-08-15');
    expect(r.rows).toEqual([
      { row: 2, counted: false, reason: '不在第15项的时间内（7月1日至9月30日）' },
      { row: 3, counted: false, reason: '内容中没有方案所列的制度名称' },
    ]);
  });

  it('institutionKey drops 《》, spaces and a trailing 制度', () => {
    expect(institutionKey('《规章制度汇编》')).toBe('规章制度汇编');
    expect(institutionKey('财务管理制度')).toBe('财务管理');
    expect(institutionKey(' 学校 会计 制度 ')).toBe('学校会计');
  });

  it('takes another list of 制度 from the config', () => {
    const other = planItems(makeConfig({ plan: { items: { '15': { names: ['食堂管理制度'], to: '2014-12-31' } } } })).find((i) => i.item === '15')!;
    const r = one(other, inputs({ workLog: log(['2014-11-02', '制度建设', '《食堂管理》']) }), '2014-12-01');
    expect(r.items[0]).toMatchObject({ status: '已完成', to: '2014-12-31' });
  });
});

describe('planProgress, the ledger, the study sheets and the rules', () => {
  const entry = (row: number, status: LedgerEntry['status']) => ({ row, status }) as LedgerEntry;

  it('item 13 wants the 整改方案 and no ledger item 要素不全', () => {
    const r = one(item('13'), inputs({ workLog: log(['2014-07-08', '整改方案']), ledger: { entries: [entry(5, '要素不全'), entry(6, '整改中')], place } }), '2014-07-11');
    expect(r.items[0]).toMatchObject({ status: '未完成', missing: ['整改台账要素不全 1 项（第5行）'] });
    expect(r.findings[0]).toMatchObject({ file: '整改台账.xlsx', sheet: '整改台账' });
  });

  it('item 4 wants a 观看影片 session inside the study window and the 师德教育 record', () => {
    const sessions = { file: '学习教育.xlsx', sheet: '集中学习', rows: [{ row: 2, invalid: [], date: '2014-07-09', form: '观看影片' }] };
    const r = one(item('4'), inputs({ sessions, workLog: log(['2014-04-16', '师德教育']) }), '2014-08-15');
    expect(r.items[0]).toMatchObject({ status: '未完成', missing: ['缺 集中学习“观看影片”（3月21日至6月30日）'] });
  });

  it('a rule proves its item only when met in full; 三进三听 only once its window is judged', () => {
    const rules = ruleOutcomes({ duties: { leaders: 5, missed: 0, judged: false, place }, visits: { teachers: 48, under: 3, place }, talks: { required: 51, missing: 0, place } });
    expect(one(item('5'), inputs({ rules }), '2014-08-15').items[0]).toMatchObject({ status: '进行中', missing: ['三进三听活动期未结束'] });
    expect(one(item('6'), inputs({ rules }), '2014-08-15').items[0]).toMatchObject({ status: '未完成', missing: ['家访未达标 3 人'] });
    expect(one(item('9'), inputs({ rules }), '2014-06-01').items[0]).toMatchObject({ status: '已完成', evidence: ['谈心谈话：应谈 51 对全部谈过'] });
    expect(one(item('3'), inputs({ rules }), '2014-08-15').items[0]).toMatchObject({ status: '未检查', missing: ['未找到学习教育.xlsx'] });
  });
});

describe('the 工作记录 sheet', () => {
  it('a row whose 事项 is not in the list is a finding at its cell', () => {
    const r = readTable(workLogSheet, [{ row: 1, cells: ['日期', '事项', '内容'] }, { row: 2, cells: ['2014-06-26', '读书会', '党员读书分享会'] }], c, { file: '学习教育.xlsx', sheet: '工作记录' });
    expect(r.findings.map((f) => [f.code, f.cell])).toEqual([['CELL_NOT_IN_LIST', 'B2']]);
  });
});

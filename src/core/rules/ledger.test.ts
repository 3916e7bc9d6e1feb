import { describe, expect, it } from 'vitest';
import { config, ledgerRow, person, roster } from '../../../test/helpers/core.js';
import { dueSoonNearestFirst, ledger, ledgerStatus, overdueWorstFirst } from './ledger.js';

const c = config();
const place = { file: '整改台账.xlsx', sheet: '整改台账' };
const staff = roster([person('谭红'), person('邹四雄')]);
const due = (day: string) => ({ deadline: { day, text: day, period: false } });

describe('ledgerStatus', () => {
  const asOf = '2014-08-15';
  it('is 已逾期 the day after the deadline, 即将到期 on the day itself', () => {
    expect(ledgerStatus(ledgerRow(3, due('2014-08-14')), c, asOf)).toMatchObject({ status: '已逾期', daysLate: 1 });
    expect(ledgerStatus(ledgerRow(3, due('2014-08-15')), c, asOf)).toMatchObject({ status: '即将到期', daysLeft: 0, note: '今天到期' });
  });
  it('counts the as-of day as the first of the 7 due-soon days', () => {
    expect(ledgerStatus(ledgerRow(3, due('2014-08-21')), c, asOf)).toMatchObject({ status: '即将到期', daysLeft: 6 }); // 7th day
    expect(ledgerStatus(ledgerRow(3, due('2014-08-22')), c, asOf)).toMatchObject({ status: '整改中', daysLeft: 7 }); // 8th day
  });
  it('is 已完成 when done on the deadline day, 逾期完成 when done later', () => {
    expect(ledgerStatus(ledgerRow(3, { ...due('2014-07-31'), progress: '已完成', doneDate: '2014-07-31' }), c, asOf).status).toBe('已完成');
    expect(ledgerStatus(ledgerRow(3, { ...due('2014-07-31'), progress: '已完成', doneDate: '2014-08-03' }), c, asOf)).toMatchObject({ status: '逾期完成', daysLate: 3 });
  });
  it('is 要素不全 when not done and an element is missing, even when overdue', () => {
    const s = ledgerStatus(ledgerRow(3, { ...due('2014-07-01'), standard: undefined, measures: undefined }), c, asOf);
    expect(s).toMatchObject({ status: '要素不全', missing: ['整改标准', '整改措施'], note: '缺少整改标准、整改措施' });
  });
  it('takes a completion date without 完成情况 as done', () => {
    expect(ledgerStatus(ledgerRow(3, { ...due('2014-07-31'), progress: undefined, doneDate: '2014-07-20' }), c, asOf).status).toBe('已完成');
  });
  it('uses the configured due-soon days', () => {
    const c3 = config({ ledger: { dueSoonDays: 3 } });
    expect(ledgerStatus(ledgerRow(3, due('2014-08-18')), c3, asOf).status).toBe('整改中');
    expect(ledgerStatus(ledgerRow(3, due('2014-08-17')), c3, asOf).status).toBe('即将到期');
  });
});

describe('ledger', () => {
  it('checks every responsible person of a shared cell against the roster', () => {
    const r = ledger([ledgerRow(3, { people: ['谭红', '邹四雄'] }), ledgerRow(4, { people: ['谭红', '张三'] })], staff, c, '2014-08-01', place);
    expect(r.findings).toMatchObject([{ code: 'LEDGER_UNKNOWN_PERSON', row: 4, column: '整改责任人', params: { person: '张三' } }]);
  });
  it('reports missing elements at their cells and the overdue with its people', () => {
    const r = ledger(
      [ledgerRow(3, { task: undefined }), ledgerRow(4, { ...due('2014-07-31'), people: ['谭红', '邹四雄'] })],
      staff, c, '2014-08-15', place,
    );
    expect(r.findings.map((f) => [f.code, f.row, f.column])).toEqual([
      ['LEDGER_ELEMENT_MISSING', 3, '整改任务'],
      ['LEDGER_OVERDUE', 4, '整改时限'],
    ]);
    expect(r.findings[1]!.message).toBe('整改事项2号已逾期15天（时限2014-07-31，责任人谭红、邹四雄）');
    expect(r.entries.map((e) => e.status)).toEqual(['要素不全', '已逾期']);
  });
  it('does not report an unreadable deadline twice', () => {
    const r = ledger([ledgerRow(3, { deadline: undefined, invalid: ['deadline'] })], staff, c, '2014-08-15', place);
    expect(r.entries[0]).toMatchObject({ status: '要素不全', note: '缺少整改时限；整改时限无法识别' });
    expect(r.findings).toEqual([]);
  });
  it('flags a repeated item number', () => {
    const r = ledger([ledgerRow(3, { seq: '5' }), ledgerRow(4, { seq: '5' })], staff, c, '2014-08-01', place);
    expect(r.findings).toMatchObject([{ code: 'LEDGER_DUPLICATE_SEQ', row: 4 }]);
  });
  it('takes the sub-rows of a 序号 merged down over them as tasks of one item, not a repeated number', () => {
    const r = ledger([ledgerRow(3, { seq: '5' }), ledgerRow(4, { seq: '5', merged: ['seq', 'problem'] })], staff, c, '2014-08-01', place);
    expect(r.findings).toEqual([]);
    expect(r.entries.map((e) => e.row)).toEqual([3, 4]);
  });
});

describe('the lists leadership reads', () => {
  const rows = ['2014-08-10', '2014-07-31', '2014-08-20', '2014-08-17', '2014-08-12', '2014-09-30'].map((d, i) => ledgerRow(i + 2, due(d)));
  const { entries } = ledger(rows, staff, c, '2014-08-15', place);
  it('overdue items: the longest overdue first, nothing else', () => {
    expect(overdueWorstFirst(entries).map((e) => [e.row, e.daysLate])).toEqual([[3, 15], [2, 5], [6, 3]]);
  });
  it('items due soon: the nearest deadline first', () => {
    expect(dueSoonNearestFirst(entries).map((e) => [e.row, e.daysLeft])).toEqual([[5, 2], [4, 5]]);
  });
});

import { describe, expect, it } from 'vitest';
import { changesSince, parseSnapshot, snapshotOf } from './changes.js';

describe('parseSnapshot', () => {
  it('reads back what was saved', () => {
    const s = { asOf: '2014-08-15', ledger: [{ key: '3', label: '3号 会议多', status: '已逾期' }], visits: [{ teacher: '马建华', done: false }], plan: [{ item: '6', title: '家访', status: '进行中' }] };
    expect(parseSnapshot(JSON.stringify(s))).toEqual(s);
    expect(parseSnapshot(JSON.stringify({ ...s, plan: undefined }))).toEqual({ ...s, plan: undefined });
  });
  it('takes a file that is not one for none, so nothing is compared and nothing breaks', () => {
    for (const text of ['', '{', 'null', '[]', '{"asOf":"2014-08-01","ledger":[null],"visits":[]}', '{"asOf":"2014-08-01","ledger":[],"visits":[{"teacher":1,"done":true}]}', '{"asOf":"2014-08-01","ledger":[],"visits":[],"plan":{}}']) {
      expect(parseSnapshot(text), text).toBeUndefined();
    }
  });
});

describe('snapshotOf', () => {
  const entry = (sheet: string, row: number, status: string, seq?: string) => ({ sheet, row, status, problem: '会议多', people: [], missing: [], ...(seq ? { seq } : {}) });
  const report = (ledger: unknown[]) => ({ asOf: '2014-08-15', ledger, visits: [], plan: [] }) as unknown as Parameters<typeof snapshotOf>[0];

  it('takes an item’s sub-rows as one item: overdue when any is, closed only when all are', () => {
    const s = snapshotOf(report([entry('整改台账', 3, '已完成', '7'), entry('整改台账', 4, '已逾期', '7'), entry('整改台账', 5, '已完成', '8'), entry('整改台账', 6, '整改中', '8')]));
    expect(s.ledger.map((e) => [e.key, e.status])).toEqual([['7', '已逾期'], ['8', '整改中']]);
  });

  it('tells rows without 序号 apart by sheet when the ledger is kept as several', () => {
    const one = snapshotOf(report([entry('整改台账', 3, '已逾期'), entry('整改台账', 4, '整改中')]));
    expect(one.ledger.map((e) => e.key)).toEqual(['row3', 'row4']); // as saved before: no news on the first run after an update
    const several = snapshotOf(report([entry('整改台账（一）', 3, '已逾期'), entry('整改台账（二）', 3, '整改中')]));
    expect(several.ledger.map((e) => e.key)).toEqual(['整改台账（一）!row3', '整改台账（二）!row3']);
    const news = changesSince(snapshotOf(report([entry('整改台账（一）', 3, '整改中'), entry('整改台账（二）', 3, '整改中')])), several);
    expect(news.becameOverdue).toHaveLength(1);
  });
});

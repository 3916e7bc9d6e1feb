import { describe, expect, it } from 'vitest';
import { config, ledgerRow, roster } from '../../test/helpers/core.js';
import { ledger } from './rules/ledger.js';
import type { HeaderLayout } from './table.js';
import { HIGHLIGHT_MARK, ledgerWrite, logWrite, placeOwnedColumns } from './writeback.js';

function layout(extra: Partial<HeaderLayout> = {}): HeaderLayout {
  return { headerRow: 2, headerTop: 2, index: { people: 6, measures: 8, deadline: 9 }, headers: ['序号', '问题描述'], owned: new Map(), lastColumn: 12, groups: [], ...extra };
}

describe('placeOwnedColumns', () => {
  it('appends new columns right of everything the clerk typed', () => {
    const { columns, stale } = placeOwnedColumns(layout(), [{ header: '【自动】状态', width: 10 }, { header: '【自动】说明', width: 20 }]);
    expect(columns.map((c) => c.column)).toEqual([13, 14]);
    expect(stale).toEqual([]);
  });
  it('finds its columns again where they are, and empties the ones it no longer writes', () => {
    const owned = new Map([['【自动】说明', 15], ['【自动】旧列', 16]]);
    const { columns, stale } = placeOwnedColumns(layout({ owned }), [{ header: '【自动】状态', width: 10 }, { header: '【自动】说明', width: 20 }]);
    expect(columns.map((c) => [c.header, c.column])).toEqual([['【自动】状态', 17], ['【自动】说明', 15]]);
    expect(stale).toEqual([16]);
  });
});

describe('ledgerWrite', () => {
  const c = config();
  const rows = [ledgerRow(3, { deadline: { day: '2014-08-10', text: '8月上旬', period: true } }), ledgerRow(4, { measures: undefined })];
  const entries = ledger(rows, roster([]), c, '2014-08-15', { file: 'a', sheet: 'b' }).entries;

  it('writes status, a real date, the note and the missing elements', () => {
    const w = ledgerWrite(entries, layout(), c, '2014-08-15', false);
    expect(w.rows.get(2)).toEqual(['【自动】状态', '【自动】截止日期', '【自动】说明', '【自动】缺项']);
    expect(w.rows.get(3)).toEqual(['已逾期', { day: '2014-08-10' }, '已逾期5天', null]);
    expect(w.rows.get(4)).toEqual(['要素不全', { day: '2014-08-20' }, '缺少整改措施', '整改措施']);
    expect(w.dataRows).toEqual([3, 4]);
  });
  it('keys the colours on its own columns, as of a fixed day or live with TODAY()', () => {
    const fixed = ledgerWrite(entries, layout(), c, '2014-08-15', false);
    expect(fixed.highlights.map((h) => h.colour)).toEqual(['yellow', 'yellow', 'yellow', 'red', 'amber']);
    expect(fixed.highlights.every((h) => h.formula.includes(HIGHLIGHT_MARK))).toBe(true);
    expect(fixed.highlights[3]!.formula).toBe('AND(N("【自动】")=0,OR($N3="整改中",$N3="即将到期",$N3="已逾期"),ISNUMBER($O3),$O3<DATE(2014,8,15))');
    expect(fixed.highlights[4]!.formula).toContain(`$O3-DATE(2014,8,15)<${c.ledger.dueSoonDays}`);
    expect(ledgerWrite(entries, layout(), c, '2014-08-15', true).highlights[3]!.formula).toContain('$O3<TODAY()');
  });
});

it('logWrite marks every row not counted', () => {
  const w = logWrite('homeVisits', [{ row: 3, reason: '计入' }, { row: 4, reason: '电话家访不计入' }], layout({ lastColumn: 6 }));
  expect(w.columns).toEqual([{ header: '【自动】校验', column: 7, width: 18 }]);
  expect(w.highlights).toEqual([{ colour: 'yellow', columns: [[7, 7]], formula: 'AND(N("【自动】")=0,$H3<>"",LEFT($H3,2)<>"计入")' }]);
});

import { describe, expect, it } from 'vitest';
import type { OwnedValue } from '../core/writeback.js';
import { packWriteRows, unpackWriteRows } from './writePack.js';

describe('packWriteRows and unpackWriteRows', () => {
  it('give back every row in its order with its values: strings, numbers, days, nulls, rows of any width', () => {
    const rows = new Map<number, OwnedValue[]>([
      [1, ['【自动】状态', '【自动】截止日期', '【自动】说明']],
      [9, ['已逾期', { day: '2014-08-10' }, null]],
      [3, ['1', 1, { day: '2014-08-10' }]],
      [4, []],
      [5, [null, null, '', 0, -2.5, { day: '2014-09-30' }, '已逾期']],
      [6, ['1']],
    ]);
    const packed = structuredClone(packWriteRows(rows));
    expect(packed.values).toHaveLength(11); // '1' and 1 apart, one 已逾期, one 2014-08-10
    const back = unpackWriteRows(packed);
    expect([...back]).toEqual([...rows]);
    expect(typeof back.get(3)![0]).toBe('string');
    expect(typeof back.get(3)![1]).toBe('number');
  });
  it('packs an empty write', () => {
    expect(unpackWriteRows(structuredClone(packWriteRows(new Map()))).size).toBe(0);
  });
});

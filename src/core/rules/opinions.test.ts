import { describe, expect, it } from 'vitest';
import type { OpinionRow } from '../columns.js';
import { config, ledgerRow } from '../../../test/helpers/core.js';
import { opinions } from './opinions.js';

const place = { file: '学习教育.xlsx', sheet: '征求意见' };
const op = (row: number, extra: Partial<OpinionRow>): OpinionRow => ({ row, invalid: [], content: '意见', ...extra });

describe('opinions', () => {
  it('traces opinions to existing ledger items and counts by source and category', () => {
    const ledger = [ledgerRow(3, { seq: '1' }), ledgerRow(4, { seq: '2' })];
    const r = opinions([
      op(2, { source: '教师', category: '形式主义', ledgerSeq: '1' }),
      op(3, { source: '家长', category: '师德师风', ledgerSeq: '99' }),
      op(4, { source: '家长' }),
    ], ledger, config(), place);
    expect(r.status).toMatchObject({ count: 3, traced: 1, untraced: 1 });
    expect(r.status.bySource).toMatchObject({ 教师: 1, 家长: 2, 学生: 0 });
    expect(r.status.byCategory).toMatchObject({ 形式主义: 1, 师德师风: 1 });
    expect(r.findings.map((f) => [f.code, f.row, f.message])).toEqual([['OPINION_UNTRACED', 3, '台账序号“99”在整改台账中不存在，意见无法对应到整改事项']]);
  });
});

import { describe, expect, it } from 'vitest';
import type { PublicityRow } from '../columns.js';
import { config } from '../../../test/helpers/core.js';
import { publicity } from './publicity.js';

const place = { file: '学习教育.xlsx', sheet: '宣传报道' };
const item = (row: number, date: string, form = '新闻报道'): PublicityRow => ({ row, invalid: [], date, title: 't', form });

describe('publicity', () => {
  it('counts items inside the campaign only; 1 October is outside', () => {
    const c = config({ publicity: { min: 2 } });
    const r = publicity([item(2, '2014-01-01'), item(3, '2014-09-30', '活动简报'), item(4, '2014-10-01')], c, '2014-10-01', place);
    expect(r.status).toMatchObject({ count: 2, required: 2, judged: true, byForm: { 新闻报道: 1, 活动简报: 1 } });
    expect(r.findings.map((f) => [f.code, f.row])).toEqual([['PUBLICITY_OUTSIDE_CAMPAIGN', 4]]);
  });
  it('says short only once the campaign has ended', () => {
    const c = config();
    expect(publicity([item(2, '2014-05-01')], c, '2014-09-29', place).findings).toEqual([]);
    expect(publicity([item(2, '2014-05-01')], c, '2014-09-30', place).findings.map((f) => f.message)).toEqual(['宣传报道 1 篇，不足 10 篇']);
  });
});

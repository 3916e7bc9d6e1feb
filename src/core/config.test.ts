import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from './config.js';

describe('config', () => {
  it('defaults to the 2014 plan', () => {
    const config = defaultConfig();
    expect(config.homeVisits.quota).toEqual({ headTeacher: 20, teacher: 10 });
    expect(config.roster.branches).toHaveLength(7);
    expect(config.ledger.dueSoonDays).toBe(7);
    expect(config.study.excellent).toBe(10);
    expect(config.publicity.min).toBe(10);
    expect(config.phases.map((p) => p.to)).toEqual(['2014-05-20', '2014-06-30', '2014-09-30']);
    expect(config.asOf).toBeUndefined();
    expect([config.study.excellentMark, config.materials.reviewed]).toEqual(['优秀', '已审核']);
  });

  it('merges a partial override with the defaults', () => {
    const result = parseConfig({ homeVisits: { quota: { teacher: 12 } } });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.config.homeVisits.quota).toEqual({ headTeacher: 20, teacher: 12 });
      expect(result.config.homeVisits.from).toBe('2014-02-17');
    }
  });

  it('names an unknown key, also a nested one', () => {
    const top = parseConfig({ homeVisit: {} });
    expect(top).toEqual({ ok: false, problems: [expect.stringContaining('“homeVisit”')] });
    const nested = parseConfig({ ledger: { dueSoon: 3 } });
    expect(nested).toEqual({ ok: false, problems: [expect.stringContaining('“ledger.dueSoon”')] });
  });

  it('rejects a bad day, a wrong type and a reversed window', () => {
    expect(parseConfig({ asOf: '2014-02-30' })).toEqual({ ok: false, problems: [expect.stringContaining('不是有效日期')] });
    expect(parseConfig({ ledger: { dueSoonDays: '7' } })).toEqual({ ok: false, problems: [expect.stringContaining('应为数字')] });
    expect(parseConfig({ talks: { from: '2014-07-01', to: '2014-06-01' } })).toEqual({ ok: false, problems: [expect.stringContaining('开始日期晚于结束日期')] });
  });

  it('accepts the documented example config', () => {
    const result = parseConfig({
      asOf: '2014-08-15',
      files: { roster: '党员名册.xlsx', visits: '走访记录.xlsx', ledger: '整改台账.xlsx', study: '学习教育.xlsx' },
      homeVisits: { from: '2014-02-17', to: '2014-07-10', quota: { headTeacher: 20, teacher: 10 } },
      duties: { from: '2014-03-24', to: '2014-09-28', holidays: [['2014-07-11', '2014-08-31']] },
      talks: { from: '2014-05-21', to: '2014-06-30' },
      ledger: { dueSoonDays: 7 },
      study: { from: '2014-03-21', to: '2014-06-30', minDays: 10, excellent: 10 },
      meetings: { from: '2014-05-01', to: '2014-06-30' },
      materials: { due: '2014-06-20' },
      publicity: { min: 10 },
      mail: { to: ['a@example.com'], from: 'b@example.com', host: 'smtp.example.com', port: 465, secure: true, user: 'b@example.com' },
    });
    expect(result.ok).toBe(true);
  });

  it('takes the office’s own headers per sheet, and names an unknown sheet or column in Chinese', () => {
    expect(parseConfig({ headers: { 整改台账: { 整改责任人: '责任领导', 整改标准: ['整改目标', '验收标准'] } } }).ok).toBe(true);
    const bad = parseConfig({ headers: { 台账: { 整改责任人: '责任领导' }, 整改台账: { 责任: '责任领导' } } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.problems[0]).toMatch(/^“headers\.台账” 不是已知的工作表（可用：名册、家访记录/);
      expect(bad.problems[1]).toMatch(/^“headers\.整改台账\.责任” 不是该表的标准列名（可用：序号、问题描述/);
    }
  });
});

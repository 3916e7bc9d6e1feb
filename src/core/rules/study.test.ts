import { describe, expect, it } from 'vitest';
import type { EssayRow, StudySessionRow } from '../columns.js';
import { config, person, roster } from '../../../test/helpers/core.js';
import { study } from './study.js';

const c = config({ study: { excellent: 2, minDays: 2 } });
const places = { essays: { file: '学习教育.xlsx', sheet: '心得体会' }, sessions: { file: '学习教育.xlsx', sheet: '集中学习' } };
const staff = roster([
  person('甲', { politicalStatus: '中共党员' }),
  person('乙', { politicalStatus: '预备党员' }),
  person('丙', { politicalStatus: '中共党员' }),
  person('丁', { politicalStatus: '中共党员', onDuty: false }),
  person('戊', { politicalStatus: '群众' }),
]);
let row = 2;
const essay = (name: string, submitted: string, award?: string): EssayRow => ({ row: row++, invalid: [], name, title: 't', submitted, ...(award ? { award } : {}) });
const session = (date: string, form: string): StudySessionRow => ({ row: row++, invalid: [], date, topic: 't', form });
const allForms = [session('2014-04-01', '集体学习'), session('2014-04-02', '专题研讨'), session('2014-04-03', '大家谈'), session('2014-04-04', '专题党课'), session('2014-04-05', '观看影片')];

describe('study', () => {
  it('wants an essay from every Party member on duty inside the window; the day after does not count', () => {
    const r = study([essay('甲', '2014-06-30', '优秀'), essay('甲', '2014-05-01', '优秀'), essay('乙', '2014-07-01')], allForms, staff, c, '2014-08-15', places);
    expect(r.status.essaysMissing).toEqual(['乙', '丙']);
    expect(r.status.members).toBe(3);
    expect(r.findings.map((f) => f.code)).toEqual(['STUDY_ESSAY_OUTSIDE_WINDOW', 'STUDY_ESSAY_MISSING', 'STUDY_ESSAY_MISSING']);
  });
  it('counts two essays by one member once', () => {
    const r = study([essay('甲', '2014-05-01'), essay('甲', '2014-05-02')], allForms, staff, c, '2014-05-10', places);
    expect(r.status.essaysHanded).toBe(1);
  });
  it('says more than the required 优秀 at any time, and a shortfall only after the window', () => {
    const three = [essay('甲', '2014-05-01', '优秀'), essay('乙', '2014-05-01', '优秀'), essay('丙', '2014-05-01', '优秀')];
    expect(study(three, allForms, staff, c, '2014-04-01', places).findings.map((f) => f.message)).toEqual(['优秀心得 3 篇，超过应评选的 2 篇']);
    const one = [essay('甲', '2014-05-01', '优秀'), essay('乙', '2014-05-01'), essay('丙', '2014-05-01')];
    expect(study(one, allForms, staff, c, '2014-06-29', places).findings).toEqual([]);
    expect(study(one, allForms, staff, c, '2014-06-30', places).findings.map((f) => f.message)).toEqual(['优秀心得 1 篇，应评选 2 篇']);
  });
  it('counts distinct concentrated-study days and the once-only forms inside the window', () => {
    const r = study([], [session('2014-04-01', '集体学习'), session('2014-04-01', '专家辅导'), session('2014-03-20', '专题研讨'), session('2014-04-03', '大家谈'), session('2014-04-08', '自学')], staff, c, '2014-08-15', places);
    expect(r.status.studyDays).toBe(1);
    expect(r.status.collective).toEqual({ 大家谈: true, 专题党课: false, 观看影片: false });
    expect(r.findings.filter((f) => f.sheet === '集中学习').map((f) => f.message)).toEqual([
      '集中学习 1 天，不足 2 天（集体学习、专题研讨、专家辅导）', '学习期内未开展“专题党课”', '学习期内未开展“观看影片”',
    ]);
  });
});

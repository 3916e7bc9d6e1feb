import { describe, expect, it } from 'vitest';
import { config, person, roster, rosterPlace, visit } from '../../../test/helpers/core.js';
import { homeVisits } from './homeVisits.js';

const c = config();
const places = { visits: { file: '走访记录.xlsx', sheet: '家访记录' }, roster: rosterPlace };
const staff = roster([
  person('李明', { headTeacher: true, subject: '语文' }),
  person('王芳', { subject: '数学' }),
  person('吴敏华', { leader: true, post: '书记' }), // no subject: no quota
  person('谭红', { leader: true, post: '副校长', subject: '物理' }), // a leader who also teaches
  person('周离', { subject: '英语', onDuty: false }),
]);

function studentsVisits(teacher: string, n: number, startRow = 10) {
  return Array.from({ length: n }, (_, i) => visit(startRow + i, `2014-03-${String(1 + (i % 28)).padStart(2, '0')}`, teacher, `学生${i}`));
}

describe('homeVisits', () => {
  it('gives every teacher with a quota a line, head teachers 20 and others 10', () => {
    const r = homeVisits([], staff, c, '2014-05-01', places);
    expect(r.teachers.map((t) => [t.teacher, t.quota, t.headTeacher])).toEqual([
      ['李明', 20, true],
      ['王芳', 10, false],
      ['谭红', 10, false],
    ]);
    expect(r.judged).toBe(false);
    expect(r.findings).toEqual([]);
  });

  it('counts distinct households and judges under-quota once the window has ended', () => {
    const rows = [...studentsVisits('李明', 19), ...studentsVisits('王芳', 10, 100)];
    const r = homeVisits(rows, staff, c, '2014-07-10', places);
    expect(r.teachers.find((t) => t.teacher === '李明')).toMatchObject({ counted: 19, done: false });
    expect(r.teachers.find((t) => t.teacher === '王芳')).toMatchObject({ counted: 10, done: true });
    const under = r.findings.filter((f) => f.code === 'VISIT_UNDER_QUOTA');
    expect(under.map((f) => f.params.teacher)).toEqual(['李明', '谭红']);
    expect(under[0]).toMatchObject({ file: '党员名册.xlsx', sheet: '名册', column: '姓名', severity: 'error' });
    expect(under[0]!.message).toBe('李明（班主任）家访19户，未达20户，差1户');
  });

  it('does not count a phone visit, a duplicate, the same household twice or a visit outside the window', () => {
    const rows = [
      visit(3, '2014-03-03', '王芳', '甲'),
      visit(4, '2014-03-04', '王芳', '乙', { method: '电话' }),
      visit(5, '2014-03-03', '王芳', '甲'), // duplicate of row 3
      visit(6, '2014-04-01', '王芳', '甲'), // same household, another day
      visit(7, '2014-02-16', '王芳', '丙'), // the day before the window
      visit(8, '2014-07-11', '王芳', '丁'), // the day after
      visit(9, '2014-02-17', '王芳', '戊'), // first day of the window
      visit(10, '2014-07-10', '王芳', '己'), // last day
    ];
    const r = homeVisits(rows, staff, c, '2014-08-15', places);
    expect(r.teachers.find((t) => t.teacher === '王芳')!.counted).toBe(3);
    expect(r.rows.map((s) => [s.row, s.reason])).toEqual([
      [3, '计入'], [4, '电话家访不计入'], [5, '重复记录'], [6, '同一学生已计入'],
      [7, '不在家访活动期内'], [8, '不在家访活动期内'], [9, '计入'], [10, '计入'],
    ]);
    expect(r.findings.filter((f) => f.code === 'VISIT_DUPLICATE')).toMatchObject([{ row: 5, column: '学生', severity: 'warning' }]);
    expect(r.findings.filter((f) => f.code === 'VISIT_OUTSIDE_WINDOW').map((f) => f.row)).toEqual([7, 8]);
  });

  it('flags a stranger and counts a visit without diary with a warning', () => {
    const rows = [visit(3, '2014-03-03', '张无名', '甲'), visit(4, '2014-03-03', '王芳', '乙', { diary: false })];
    const r = homeVisits(rows, staff, c, '2014-05-01', places);
    expect(r.findings.map((f) => [f.code, f.row])).toEqual([
      ['VISIT_UNKNOWN_TEACHER', 3],
      ['VISIT_NO_DIARY', 4],
    ]);
    expect(r.teachers.find((t) => t.teacher === '王芳')!.counted).toBe(1);
  });

  it('exempts a teacher not on duty and counts a leader who teaches', () => {
    const r = homeVisits([visit(3, '2014-03-03', '周离', '甲'), visit(4, '2014-03-03', '谭红', '乙')], staff, c, '2014-05-01', places);
    expect(r.teachers.some((t) => t.teacher === '周离')).toBe(false);
    expect(r.rows[0]).toEqual({ row: 3, sheet: '家访记录', counted: false, reason: '无家访任务' });
    expect(r.teachers.find((t) => t.teacher === '谭红')!.counted).toBe(1);
  });

  it('counts a visit with no method as the counted method, with a warning naming it', () => {
    const r = homeVisits([visit(3, '2014-03-03', '王芳', '甲', { method: undefined })], staff, c, '2014-05-01', places);
    expect(r.teachers.find((t) => t.teacher === '王芳')!.counted).toBe(1);
    expect(r.findings.map((f) => [f.code, f.message])).toEqual([['VISIT_METHOD_MISSING', '未填家访方式，按“上门”计入，请核实']]);
  });

  it('says nothing per row when the sheet has no method or diary column (the sheet said it once)', () => {
    const absent = ['method', 'diary'];
    const rows = [visit(3, '2014-03-03', '王芳', '甲', { method: undefined, diary: undefined, absent }), visit(4, '2014-03-04', '王芳', '乙', { method: undefined, diary: undefined, absent })];
    const r = homeVisits(rows, staff, c, '2014-05-01', places);
    expect(r.teachers.find((t) => t.teacher === '王芳')!.counted).toBe(2);
    expect(r.findings).toEqual([]);
  });

  it('takes quotas and the window from the config', () => {
    const custom = config({ homeVisits: { from: '2014-09-01', to: '2014-12-31', quota: { headTeacher: 2, teacher: 1 } } });
    const r = homeVisits([visit(3, '2014-09-03', '李明', '甲'), visit(4, '2014-03-03', '王芳', '乙')], staff, custom, '2015-01-01', places);
    expect(r.teachers.map((t) => [t.teacher, t.counted, t.quota])).toEqual([['李明', 1, 2], ['王芳', 0, 1], ['谭红', 0, 1]]);
  });
});

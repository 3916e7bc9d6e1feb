import { describe, expect, it } from 'vitest';
import type { DutyRow } from '../columns.js';
import { config, person, roster } from '../../../test/helpers/core.js';
import { duties, dutyMonths, dutyWeeks } from './duties.js';

const place = { file: '走访记录.xlsx', sheet: '三进三听' };
const WEEKLY = ['进课堂听课', '与教师谈心', '学生家访', '为双困生办实事'];
const MONTHLY = ['社区宣讲', '结对帮扶'];
let row = 3;
const rec = (date: string, leader: string, activity: string): DutyRow => ({ row: row++, invalid: [], date, leader, activity });
/** Every duty of a leader for the given weeks (Mondays) and months (any day in them). */
const allDuties = (leader: string, mondays: string[], monthDays: string[]) => [
  ...mondays.flatMap((m) => WEEKLY.map((a) => rec(m, leader, a))),
  ...monthDays.flatMap((d) => MONTHLY.map((a) => rec(d, leader, a))),
];

const staff = roster([
  person('吴敏华', { leader: true, post: '书记' }),
  person('谭红', { leader: true, post: '副校长' }),
  person('范离', { leader: true, post: '副校长', onDuty: false }),
  person('李明', { subject: '语文' }),
]);

describe('duty calendar', () => {
  const c = config({ duties: { from: '2014-03-20', to: '2014-04-30', holidays: [['2014-04-07', '2014-04-16']] } });
  it('owes every week that overlaps a window starting mid-week, and exempts only a week wholly in a holiday', () => {
    expect(dutyWeeks(c, '2014-05-10').map((w) => [w.key, w.exempt])).toEqual([
      ['2014-03-17', false], ['2014-03-24', false], ['2014-03-31', false], ['2014-04-07', true],
      ['2014-04-14', false], ['2014-04-21', false], ['2014-04-28', false],
    ]);
  });
  it('judges a week that ends exactly on the as-of date, not the one in progress', () => {
    const weeks = dutyWeeks(c, '2014-03-30');
    expect(weeks.filter((w) => w.judged).map((w) => w.key)).toEqual(['2014-03-17', '2014-03-24']);
  });
  it('owes every month that overlaps the window, judged once it has ended', () => {
    expect(dutyMonths(c, '2014-04-30').map((m) => [m.key, m.judged])).toEqual([['2014-03', true], ['2014-04', true]]);
    expect(dutyMonths(c, '2014-04-29').map((m) => m.judged)).toEqual([true, false]);
  });
  it('crosses the year boundary', () => {
    const y = config({ duties: { from: '2014-12-22', to: '2015-01-11', holidays: [] } });
    expect(dutyWeeks(y, '2015-02-01').map((w) => w.key)).toEqual(['2014-12-22', '2014-12-29', '2015-01-05']);
    expect(dutyMonths(y, '2015-02-01').map((m) => m.key)).toEqual(['2014-12', '2015-01']);
  });
});

describe('duties', () => {
  const c = config({ duties: { from: '2014-03-24', to: '2014-04-27', holidays: [['2014-04-07', '2014-04-13']] } });
  const weeks = ['2014-03-24', '2014-03-31', '2014-04-14', '2014-04-21'];

  it('lists every leader on duty with empty lists when all is done', () => {
    const r = duties([...allDuties('吴敏华', weeks, ['2014-03-25', '2014-04-02']), ...allDuties('谭红', weeks, ['2014-03-25', '2014-04-02'])], staff, c, '2014-05-01', place);
    expect(r.leaders.map((l) => l.leader)).toEqual(['吴敏华', '谭红']);
    expect(r.leaders[0]!.missingWeeks).toEqual(Object.fromEntries(WEEKLY.map((d) => [d, []])));
    expect(r.leaders[0]!.missingMonths).toEqual({ 社区宣讲: [], 结对帮扶: [] });
    expect(r.findings).toEqual([]);
  });

  it('names the missed week as a clerk says it', () => {
    const records = allDuties('吴敏华', weeks, ['2014-03-25', '2014-04-02']).filter((d) => !(d.activity === '进课堂听课' && d.date === '2014-03-31'));
    const r = duties(records, staff, c, '2014-05-01', place);
    expect(r.leaders[0]!.missingWeeks['进课堂听课']).toEqual(['2014-03-31']);
    const msgs = r.findings.filter((f) => f.params.leader === '吴敏华').map((f) => f.message);
    expect(msgs).toEqual(['吴敏华 3月31日–4月6日 未进课堂听课']);
    const tan = r.findings.filter((f) => f.params.leader === '谭红');
    expect(tan.filter((f) => f.code === 'DUTY_WEEK_MISSING')).toHaveLength(16);
    expect(tan.filter((f) => f.code === 'DUTY_MONTH_MISSING').map((f) => f.message)).toEqual([
      '谭红 2014年3月 未开展“社区宣讲”', '谭红 2014年4月 未开展“社区宣讲”', '谭红 2014年3月 未开展“结对帮扶”', '谭红 2014年4月 未开展“结对帮扶”',
    ]);
  });

  it('does not judge the week in progress nor the month in progress', () => {
    const r = duties([], staff, c, '2014-04-23', place);
    expect(r.leaders[0]!.missingWeeks['学生家访']).toEqual(['2014-03-24', '2014-03-31', '2014-04-14']);
    expect(r.leaders[0]!.missingMonths['社区宣讲']).toEqual(['2014-03']);
  });

  it('counts nobody for a stranger or a non-leader, and nothing outside the window', () => {
    const r = duties([rec('2014-03-25', '张伟', '进课堂听课'), rec('2014-03-25', '李明', '进课堂听课'), rec('2014-03-23', '吴敏华', '进课堂听课')], staff, c, '2014-03-30', place);
    expect(r.findings.filter((f) => !f.code.endsWith('_MISSING')).map((f) => [f.code, f.row])).toEqual([
      ['DUTY_NOT_LEADER', r.rows[0]!.row], ['DUTY_NOT_LEADER', r.rows[1]!.row], ['DUTY_OUTSIDE_WINDOW', r.rows[2]!.row],
    ]);
    expect(r.rows.map((s) => s.reason)).toEqual(['名册中无此人', '不是班子成员', '不在活动期内']);
    expect(r.leaders[0]!.missingWeeks['进课堂听课']).toEqual(['2014-03-24']);
  });

  it('takes the duty lists from the config', () => {
    const custom = config({ duties: { from: '2014-03-24', to: '2014-03-30', holidays: [], weekly: ['进课堂听课'], monthly: [] } });
    const r = duties([], staff, custom, '2014-04-01', place);
    expect(r.leaders[0]).toMatchObject({ missingWeeks: { 进课堂听课: ['2014-03-24'] }, missingMonths: {} });
  });
});

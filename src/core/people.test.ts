import { describe, expect, it } from 'vitest';
import { config, ledgerRow, person, visit } from '../../test/helpers/core.js';
import { owedLine, peopleOwing, weeklyPace, weeksLeft } from './people.js';
import { evaluate, type Inputs } from './report.js';

const sheet = <R>(file: string, name: string, rows: R[]) => ({ file, sheet: name, rows });

function office(asOf: string) {
  const c = config({ school: '七中' });
  const rows = [
    person('马建华', { headTeacher: true, subject: '语文', department: '高一年级组', politicalStatus: '中共党员', branch: '第一党支部' }),
    person('李老师', { subject: '数学', department: '高二年级组' }),
    person('谭红', { leader: true, post: '书记', politicalStatus: '中共党员', branch: '第一党支部', department: '党办' }),
  ];
  const inputs: Inputs = {
    roster: sheet('党员名册.xlsx', '名册', rows),
    homeVisits: sheet('走访记录.xlsx', '家访记录', [visit(3, '2014-03-01', '马建华', '甲'), visit(4, '2014-03-02', '李老师', '乙')]),
    duties: sheet('走访记录.xlsx', '三进三听', []),
    talks: sheet('走访记录.xlsx', '谈心谈话', []),
    ledger: sheet('整改台账.xlsx', '整改台账', [ledgerRow(3, { people: ['谭红', '马建华'], deadline: { day: '2014-05-31', text: '5月底', period: true } })]),
    readFindings: [],
  };
  const e = evaluate(inputs, c, asOf);
  return { c, e };
}

describe('weeklyPace', () => {
  const w = { from: '2014-02-17', to: '2014-07-10' };
  it('is the units left over the whole weeks left, rounded up, while the window is open', () => {
    expect(weeksLeft('2014-06-19', '2014-07-10')).toBe(4); // 22 days, the as-of day counted
    expect(weeklyPace(6, '户', w, '2014-06-19')).toBe('距截止4周，每周2户');
    expect(weeklyPace(7, '户', w, '2014-06-19')).toBe('距截止4周，每周2户');
    expect(weeklyPace(9, '户', w, '2014-06-19')).toBe('距截止4周，每周3户');
    expect(weeklyPace(2, '户', w, '2014-07-08')).toBe('距截止3天，每周2户');
  });
  it('says nothing when the window has not opened, is over, or nothing is left', () => {
    expect(weeklyPace(6, '户', w, '2014-02-16')).toBeUndefined();
    expect(weeklyPace(6, '户', w, '2014-07-11')).toBeUndefined();
    expect(weeklyPace(0, '户', w, '2014-05-01')).toBeUndefined();
  });
});

describe('peopleOwing', () => {
  it('while the windows are open: what each still owes, with the weekly pace', () => {
    const { c, e } = office('2014-06-19');
    const people = peopleOwing(e.report, e.roster, c);
    const ma = people.find((p) => p.name === '马建华')!;
    expect(ma.about).toBe('高一年级组，班主任');
    expect(ma.owed.map((o) => [o.kind, o.text, o.pace, o.late])).toEqual([
      ['家访', '家访还差19户（已计1户，应20户）', '距截止4周，每周5户', false],
      ['整改', '整改事项1号已逾期19天', undefined, true],
    ]);
    expect(owedLine(people.find((p) => p.name === '李老师')!)).toBe('李老师：家访还差9户（已计1户，应10户），距截止4周，每周3户');
    // most past its deadline first: 谭红 (the weeks of 三进三听 gone by without a record, the item),
    // then 马建华 (the item; the visits are not late yet), then 李老师
    expect(people.find((p) => p.name === '谭红')!.owed.map((o) => o.text)).toEqual(['三进三听缺48周次，每月任务缺6次', '整改事项1号已逾期19天']);
    expect(people.map((p) => p.name)).toEqual(['谭红', '马建华', '李老师']);
  });

  it('once the window is over: what is short, and no pace', () => {
    const { c, e } = office('2014-08-15');
    const ma = peopleOwing(e.report, e.roster, c).find((p) => p.name === '马建华')!;
    expect(ma.owed[0]).toMatchObject({ kind: '家访', text: '家访差19户（已计1户，应20户）（7月10日已截止）', late: true });
    expect(ma.owed[0]!.pace).toBeUndefined();
  });

  it('on the window’s last day, late as the check says (VISIT_UNDER_QUOTA that day), 今天截止, no pace', () => {
    const { c, e } = office('2014-07-10');
    expect(e.report.findings.some((f) => f.code === 'VISIT_UNDER_QUOTA' && f.params.teacher === '马建华')).toBe(true);
    const ma = peopleOwing(e.report, e.roster, c).find((p) => p.name === '马建华')!;
    expect(ma.owed[0]).toMatchObject({ kind: '家访', text: '家访差19户（已计1户，应20户）（今天截止）', late: true });
    expect(ma.owed[0]!.pace).toBeUndefined();
    expect(weeklyPace(2, '户', { from: '2014-02-17', to: '2014-07-10' }, '2014-07-10')).toBeUndefined();
  });

  it('before the window opens: what will be owed, and when', () => {
    const { c, e } = office('2014-02-01');
    const li = peopleOwing(e.report, e.roster, c).find((p) => p.name === '李老师')!;
    expect(li.owed[0]!.text).toBe('家访还差9户（已计1户，应10户）（2月17日起，至7月10日）');
  });
});

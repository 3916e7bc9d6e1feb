import { describe, expect, it } from 'vitest';
import { config, ledgerRow, person, visit } from '../../test/helpers/core.js';
import { peopleOwing } from '../core/people.js';
import { evaluate, type Inputs } from '../core/report.js';
import { changesSince, snapshotOf } from './changes.js';
import { groupNotice, mobileOf } from './notice.js';

const sheet = <R>(file: string, name: string, rows: R[]) => ({ file, sheet: name, rows });
const bytes = (s: string) => new TextEncoder().encode(s).length;

/** An office of `teachers` 班主任 without a visit, and `items` overdue ledger items. */
function office(teachers: number, items: number, asOf = '2014-06-10') {
  const c = config({ school: '七中' });
  const names = Array.from({ length: teachers }, (_, i) => `教师${String(i + 1).padStart(3, '0')}`);
  const inputs: Inputs = {
    roster: sheet('党员名册.xlsx', '名册', [person('谭红', { leader: true, post: '书记', politicalStatus: '中共党员', branch: '第一党支部', mobile: '+86 138-0731-0001' }), ...names.map((n) => person(n, { headTeacher: true, subject: '语文' }))]),
    homeVisits: sheet('走访记录.xlsx', '家访记录', [visit(3, '2014-03-01', '教师001', '甲')]),
    duties: sheet('走访记录.xlsx', '三进三听', []),
    talks: sheet('走访记录.xlsx', '谈心谈话', []),
    ledger: sheet('整改台账.xlsx', '整改台账', Array.from({ length: items }, (_, i) => ledgerRow(3 + i, { seq: String(i + 1), people: ['谭红'], deadline: { day: '2014-05-31', text: '5月底', period: true } }))),
    readFindings: [],
  };
  const e = evaluate(inputs, c, asOf);
  return { c, e, input: { report: e.report, people: peopleOwing(e.report, e.roster, c), roster: e.roster, findingsList: `问题清单-${asOf}.xlsx` } };
}

describe('mobileOf', () => {
  it('takes the mobile numbers clerks type, and nothing else', () => {
    expect(mobileOf('138 0731 0001')).toBe('13807310001');
    expect(mobileOf('+86-138-0731-0001')).toBe('13807310001');
    expect(mobileOf('（86）13807310001')).toBe('13807310001');
    expect(mobileOf('138073100011')).toBeUndefined();
    expect(mobileOf('0730-8221234')).toBeUndefined();
    expect(mobileOf('1380731000')).toBeUndefined();
    expect(mobileOf(undefined)).toBeUndefined();
  });
});

describe('groupNotice', () => {
  it('lists at most maxPeople, the rest 「等 N 人」', () => {
    const { c, input } = office(30, 2);
    const n = groupNotice(input, { kind: 'dingtalk', maxPeople: 10 }, c);
    const people = n.text.split('\n').filter((l) => /^- (教师|谭红)/.test(l));
    expect(people).toHaveLength(10);
    expect(n.text).toContain(`- 等 ${input.people.length - 10} 人`);
    expect(n.cut).toEqual({ people: input.people.length - 10, overdue: 0, changes: 0 });
    expect(n.atMobiles).toEqual([]); // no `at`: nobody is @'d
  });

  it('fits 企业微信’s 4,096 bytes by leaving out people first, then overdue items; never half a line', () => {
    const { c, input } = office(200, 60);
    const n = groupNotice(input, { kind: 'wecom', maxPeople: 200 }, c);
    expect(bytes(n.text)).toBeLessThanOrEqual(4096);
    expect(n.cut.people).toBe(input.people.length); // every person left out before any item
    expect(n.cut.overdue).toBeGreaterThan(0);
    expect(n.text).toContain(`- 等 ${input.people.length} 人`);
    expect(n.text).toContain(`- 等 ${n.cut.overdue} 项`);
    for (const line of n.text.split('\n').filter((l) => /^- \d+号 /.test(l))) expect(line).toMatch(/^- \d+号 .*（责任人 谭红，时限 5月底，逾期 10 天）$/);
    expect(n.text.endsWith('完整名单见问题清单：问题清单-2014-06-10.xlsx')).toBe(true);
    // 钉钉 takes 20,000 bytes: the same office fits with more in it
    const d = groupNotice(input, { kind: 'dingtalk', maxPeople: 200 }, c);
    expect(bytes(d.text)).toBeLessThanOrEqual(20_000);
    expect(d.cut.overdue).toBe(0);
  });

  it('@s by the roster’s 手机 on 钉钉, the number in the text as 钉钉 needs', () => {
    const { c, input } = office(3, 1);
    const n = groupNotice(input, { kind: 'dingtalk', maxPeople: 15, at: 'owing' }, c);
    expect(n.atMobiles).toEqual(['13807310001']);
    expect(n.text).toMatch(/^- 谭红：.* @13807310001$/m);
    expect(n.notAt).toEqual(['教师001', '教师002', '教师003']);
  });

  it('says what changed since the last notice', () => {
    const before = office(3, 1, '2014-05-20');
    const now = office(3, 1, '2014-06-10');
    const changes = changesSince(snapshotOf(before.e.report), snapshotOf(now.e.report));
    const n = groupNotice({ ...now.input, changes: { since: '2014-05-20', changes } }, { kind: 'wecom', maxPeople: 15 }, now.c);
    expect(n.text).toContain('**与上次提醒（2014-05-20）相比**\n- 新逾期：1号');
  });
});

import { describe, expect, it } from 'vitest';
import type { TalkRow } from '../columns.js';
import { config, person, roster, rosterPlace } from '../../../test/helpers/core.js';
import { requiredTalkPairs, talks } from './talks.js';

const c = config();
const places = { talks: { file: '走访记录.xlsx', sheet: '谈心谈话' }, roster: rosterPlace };
const staff = roster([
  person('吴敏华', { leader: true, post: '书记', politicalStatus: '中共党员', supervises: ['党办'] }),
  person('范小平', { leader: true, post: '校长', politicalStatus: '中共党员', supervises: ['教务处', '教科室'] }),
  person('谭红', { leader: true, post: '副校长', politicalStatus: '中共党员', supervises: ['政教处'] }),
  // a department head who is also a leadership member
  person('黄卫东', { leader: true, post: '主任', department: '政教处', politicalStatus: '中共党员' }),
  person('邹四雄', { post: '主任', department: '党办', politicalStatus: '中共党员' }),
  person('彭丽', { post: '干事', department: '党办', politicalStatus: '预备党员' }),
  person('周建军', { post: '主任', department: '教务处', politicalStatus: '群众' }),
  person('何晓燕', { post: '干事', department: '教务处', politicalStatus: '中共党员' }),
  person('曾宪伟', { post: '干事', department: '教务处', politicalStatus: '群众' }),
  person('段春梅', { post: '干事', department: '政教处', politicalStatus: '中共党员' }),
]);
let row = 3;
const talk = (date: string, talker: string, talkee: string): TalkRow => ({ row: row++, invalid: [], date, talker, talkee });

describe('requiredTalkPairs', () => {
  const { pairs, findings } = requiredTalkPairs(staff, c);
  it('lists each pair once, under the first of the four kinds', () => {
    expect(pairs.map((p) => `${p.a}-${p.b} ${p.kind}`)).toEqual([
      '吴敏华-范小平 主要负责人与班子成员',
      '吴敏华-谭红 主要负责人与班子成员',
      '吴敏华-黄卫东 主要负责人与班子成员',
      '范小平-谭红 主要负责人与班子成员',
      '范小平-黄卫东 主要负责人与班子成员',
      '谭红-黄卫东 班子成员之间', // also 谭红's department head: listed once, under the first kind
      '吴敏华-邹四雄 班子成员与分管处室负责人',
      '范小平-周建军 班子成员与分管处室负责人',
      '黄卫东-段春梅 处室负责人与党员',
      '邹四雄-彭丽 处室负责人与党员',
      '周建军-何晓燕 处室负责人与党员',
    ]);
  });
  it('says when a supervised department has no head', () => {
    expect(findings.map((f) => [f.leader.name, f.department])).toEqual([['范小平', '教科室']]);
  });
});

describe('talks', () => {
  it('counts a pair in either direction, only inside the window and with both names in the roster', () => {
    const r = talks([
      talk('2014-05-21', '范小平', '吴敏华'), // reversed direction, first day
      talk('2014-06-30', '谭红', '吴敏华'), // last day
      talk('2014-07-01', '彭丽', '邹四雄'), // a day late
      talk('2014-06-01', '周建军', '张伟'), // a stranger
    ], staff, c, '2014-07-01', places);
    expect(r.pairs.filter((p) => p.done).map((p) => `${p.a}-${p.b}`)).toEqual(['吴敏华-范小平', '吴敏华-谭红']);
    expect(r.rows.map((s) => s.reason)).toEqual(['计入', '计入', '不在谈心期内', '名册中无此人']);
    expect(r.findings.filter((f) => f.code === 'TALK_MISSING')).toHaveLength(9);
    expect(r.findings.find((f) => f.code === 'TALK_UNKNOWN_PERSON')).toMatchObject({ column: '谈话对象', message: '谈话对象“张伟”不在名册中，这条谈话不计入' });
    expect(r.findings.find((f) => f.code === 'TALK_MISSING')!.message).toBe('吴敏华与黄卫东未谈心（主要负责人与班子成员）');
  });
  it('does not call a pair missing while the window is open', () => {
    const r = talks([], staff, c, '2014-06-29', places);
    expect(r.judged).toBe(false);
    expect(r.findings.filter((f) => f.code === 'TALK_MISSING')).toEqual([]);
  });
});

/**
 * R-talk (§三.9 四个谈心), in the talks window: the main leaders (书记, 校长) with every
 * leadership member; every pair of leadership members; every leader with the head of each
 * department the leader supervises; every department head with each Party member of the
 * department. A pair counts in either direction, only for a talk inside the window with both
 * names in the roster. A pair required by several kinds is listed once, under the first kind.
 * Missing pairs are violations once the window has ended on or before the as-of date.
 */
import type { TalkRow } from '../columns.js';
import type { Config } from '../config.js';
import { isWithin, type Day, windowClosed } from '../dates.js';
import { rowStatus, rowAt, finding, type Finding } from '../findings.js';
import type { Person, Roster } from '../roster.js';

/** Two people who must talk (one of the four kinds), and whether they have. */
export interface TalkPair {
  a: string;
  b: string;
  kind: string;
  done: boolean;
  /** Day of the first counted talk. */
  date?: Day;
}

export interface TalkResult {
  pairs: TalkPair[];
  findings: Finding[];
  judged: boolean;
  rows: { row: number; counted: boolean; reason: string }[];
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** The pairs the plan requires, in the order of the four kinds (config.talks.kinds[0..3]). */
export function requiredTalkPairs(roster: Roster, config: Config): { pairs: { a: string; b: string; kind: string }[]; findings: { leader: Person; department: string }[] } {
  const [mainKind, leadersKind, deptKind, memberKind] = config.talks.kinds;
  const onDuty = roster.list.filter((p) => p.onDuty);
  const leaders = onDuty.filter((p) => p.leader);
  const mains = leaders.filter((p) => p.post !== undefined && config.talks.mainLeaderPosts.includes(p.post));
  const isHead = (p: Person) => p.post !== undefined && config.talks.departmentHeadPosts.includes(p.post) && p.department !== undefined;
  const heads = onDuty.filter(isHead);
  const pairs: { a: string; b: string; kind: string }[] = [];
  const seen = new Set<string>();
  const add = (a: Person, b: Person, kind: string) => {
    const key = pairKey(a.name, b.name);
    if (a.name === b.name || seen.has(key)) return;
    seen.add(key);
    pairs.push({ a: a.name, b: b.name, kind });
  };
  for (const m of mains) for (const l of leaders) add(m, l, mainKind!);
  for (let i = 0; i < leaders.length; i++) for (let j = i + 1; j < leaders.length; j++) add(leaders[i]!, leaders[j]!, leadersKind!);
  const headless: { leader: Person; department: string }[] = [];
  for (const l of leaders) {
    for (const department of l.supervises) {
      const deptHeads = heads.filter((h) => h.department === department);
      if (deptHeads.length === 0) headless.push({ leader: l, department });
      for (const h of deptHeads) add(l, h, deptKind!);
    }
  }
  for (const h of heads) for (const m of onDuty) if (m.party && m.department === h.department) add(h, m, memberKind!);
  return { pairs, findings: headless };
}

/** The rule of the talks: the four kinds of heart-to-heart talk, each pair within the window. */
export function talks(rows: readonly TalkRow[], roster: Roster, config: Config, asOf: Day, places: { talks: { file: string; sheet: string }; roster: { file: string; sheet: string } }): TalkResult {
  const { from, to } = config.talks;
  const judged = windowClosed(to, asOf);
  const required = requiredTalkPairs(roster, config);
  const findings: Finding[] = required.findings.map(({ leader, department }) =>
    finding('TALK_DEPT_NO_HEAD', rowAt(places.roster, leader, '分管处室'), { leader: leader.name, department, posts: config.talks.departmentHeadPosts.join('、') }),
  );
  const held = new Map<string, Day>();
  const statuses: TalkResult['rows'] = [];
  for (const r of rows) {
    const at = (column: string) => rowAt(places.talks, r, column);
    if (!r.date || !r.talker || !r.talkee) {
      statuses.push(rowStatus(r, false, r.invalid.length ? '有无法识别的内容' : '缺少必填项'));
      continue;
    }
    const strangers = ([['talker', '谈话人'], ['talkee', '谈话对象']] as const).filter(([key]) => !roster.people.has(r[key]!));
    for (const [key, role] of strangers) findings.push(finding('TALK_UNKNOWN_PERSON', at(role), { role: role === '谈话人' ? '人' : '对象', name: r[key]! }));
    if (strangers.length) {
      statuses.push(rowStatus(r, false, '名册中无此人'));
      continue;
    }
    if (!isWithin(r.date, from, to)) {
      findings.push(finding('TALK_OUTSIDE_WINDOW', at('日期'), { date: r.date, from, to }));
      statuses.push(rowStatus(r, false, '不在谈心期内'));
      continue;
    }
    const key = pairKey(r.talker, r.talkee);
    if (!held.has(key) || r.date < held.get(key)!) held.set(key, r.date);
    statuses.push(rowStatus(r, true, '计入'));
  }
  const pairs: TalkPair[] = required.pairs.map((p) => {
    const date = held.get(pairKey(p.a, p.b));
    return { ...p, done: date !== undefined, ...(date ? { date } : {}) };
  });
  if (judged) {
    for (const p of pairs) if (!p.done) findings.push(finding('TALK_MISSING', { ...places.talks }, { a: p.a, b: p.b, kind: p.kind }));
  }
  return { pairs, findings, judged, rows: statuses };
}

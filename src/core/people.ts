/**
 * The report person by person: everyone who still owes something, and exactly what (家访差几户、
 * 谈心未谈、心得未交、对照检查材料、三进三听、整改事项), with the pace still needed per week where the
 * window of a per-person duty is open on the as-of day. A clerk works through this list chasing
 * people; the 问题清单's 按人员 sheet, the page and pane's 按人员 view and the group notices say it from
 * here. (The roster's 【自动】说明, written by writeback.ts, words it on its own, shorter; both judge a
 * window from its last day on, as the rules do: dates.ts windowClosed.) Pure.
 */
import type { Config } from './config.js';
import { daysBetween, formatDayZh, windowClosed, type Day } from './dates.js';
import type { Report } from './report.js';
import type { Roster } from './roster.js';
import { ledgerItemName } from './words.js';

/** The kinds of duty a person may still owe. */
export type OwedKind = '家访' | '谈心' | '心得体会' | '对照检查' | '三进三听' | '整改';

/** One thing a person still owes, in a clerk's words, with the pace still needed while the window is open. */
export interface Owed {
  kind: OwedKind;
  /** What exactly, in a clerk's words (「家访还差6户」「与谭红、邹四雄未谈心」). */
  text: string;
  /** The pace still needed, when the window is open (「距截止3周，每周2户」). */
  pace?: string;
  /** Past its deadline (an error of the plan), or still within it. */
  late: boolean;
  /** The deadline, when the duty has one. */
  due?: Day;
}

/** A person who still owes something, and all of it. */
export interface PersonOwes {
  name: string;
  /** 处室 and role, as the roster has them (「高一年级组，班主任」). */
  about: string;
  owed: Owed[];
}

/** Whole weeks left in a window from the as-of day (the as-of day counted), at least 1 while it is open. */
export function weeksLeft(asOf: Day, to: Day): number {
  return Math.max(1, Math.ceil((daysBetween(asOf, to) + 1) / 7));
}

/**
 * The pace still needed to finish `remaining` units by `to`, when the window is open on `asOf`:
 * 「距截止3周，每周2户」; nothing when it has not started or is over.
 */
export function weeklyPace(remaining: number, unit: string, window: { from: Day; to: Day }, asOf: Day): string | undefined {
  if (remaining <= 0 || asOf < window.from || windowClosed(window.to, asOf)) return undefined;
  const weeks = weeksLeft(asOf, window.to);
  const left = daysBetween(asOf, window.to);
  const when = left < 7 ? `距截止${left + 1}天` : `距截止${weeks}周`;
  return `${when}，每周${Math.ceil(remaining / weeks)}${unit}`;
}

/** The time word of a duty's window: 已截止 (今天截止 on its last day, when it is judged), or not yet open. */
function windowNote(window: { from: Day; to: Day }, asOf: Day): string {
  if (windowClosed(window.to, asOf)) return asOf === window.to ? '（今天截止）' : `（${formatDayZh(window.to)}已截止）`;
  if (asOf < window.from) return `（${formatDayZh(window.from)}起，至${formatDayZh(window.to)}）`;
  return '';
}

const LEDGER_OWED = new Set(['已逾期', '即将到期', '要素不全']);

/** Each person with the people they have not had their talk with yet (a pair counts for both). */
export function talksNotHad(report: Pick<Report, 'talks'>): Map<string, string[]> {
  const open = new Map<string, string[]>();
  for (const p of report.talks) {
    if (p.done) continue;
    open.set(p.a, [...(open.get(p.a) ?? []), p.b]);
    open.set(p.b, [...(open.get(p.b) ?? []), p.a]);
  }
  return open;
}

/** Everyone who still owes something, the people with most to do (and most overdue) first. */
export function peopleOwing(report: Report, roster: Roster, config: Config): PersonOwes[] {
  const asOf = report.asOf;
  const owed = new Map<string, Owed[]>();
  const add = (name: string, o: Owed) => owed.set(name, [...(owed.get(name) ?? []), o]);

  const visits = config.homeVisits;
  for (const v of report.visits) {
    if (v.done) continue;
    const missing = v.quota - v.counted;
    const pace = weeklyPace(missing, '户', visits, asOf);
    const closed = windowClosed(visits.to, asOf);
    add(v.teacher, { kind: '家访', text: `家访${closed ? '差' : '还差'}${missing}户（已计${v.counted}户，应${v.quota}户）${pace ? '' : windowNote(visits, asOf)}`, pace, late: closed, due: visits.to });
  }

  const talks = config.talks;
  for (const [name, others] of talksNotHad(report)) {
    const pace = weeklyPace(others.length, '人', talks, asOf);
    add(name, { kind: '谈心', text: `与${others.join('、')}未谈心（${others.length}人）${pace ? '' : windowNote(talks, asOf)}`, pace, late: windowClosed(talks.to, asOf), due: talks.to });
  }

  if (report.study.checked) {
    const study = config.study;
    for (const name of report.study.essaysMissing) {
      const pace = weeklyPace(1, '篇', study, asOf);
      add(name, { kind: '心得体会', text: `心得体会未交${pace ? '' : windowNote(study, asOf)}`, ...(pace ? { pace: pace.replace(/，每周.*$/, '') } : {}), late: windowClosed(study.to, asOf), due: study.to });
    }
  }

  const due = config.materials.due;
  for (const m of report.materials) {
    if (m.ok) continue;
    const what = !m.submitted ? '未交' : !m.reviewed ? '未审核' : '未报送督导组';
    const closed = windowClosed(due, asOf);
    add(m.name, { kind: '对照检查', text: `对照检查材料${what}（${closed ? (asOf === due ? '今天截止' : `${formatDayZh(due)}已截止`) : `${formatDayZh(due)}前`}）`, late: closed, due });
  }

  for (const d of report.duties) {
    const weeks = Object.values(d.missingWeeks).reduce((n, w) => n + w.length, 0);
    const months = Object.values(d.missingMonths).reduce((n, m) => n + m.length, 0);
    if (!weeks && !months) continue;
    // counted as the roster's 【自动】说明 counts them: a duty missed in a week is one 周次
    const parts = [weeks ? `三进三听缺${weeks}周次` : '', months ? `每月任务缺${months}次` : ''].filter(Boolean);
    add(d.leader, { kind: '三进三听', text: parts.join('，'), late: true });
  }

  for (const e of report.ledger) {
    if (!LEDGER_OWED.has(e.status)) continue;
    const item = `${e.seq ? '整改事项' : '整改台账'}${ledgerItemName(e)}`;
    const text = e.status === '已逾期' ? `${item}已逾期${e.daysLate}天` : e.status === '即将到期' ? (e.daysLeft ? `${item}即将到期（还剩${e.daysLeft}天）` : `${item}今天到期`) : `${item}要素不全（${e.missing.join('、')}）`;
    for (const name of e.people) add(name, { kind: '整改', text, late: e.status !== '即将到期', ...(e.deadline ? { due: e.deadline } : {}) });
  }

  const people = [...owed].map(([name, list]): PersonOwes => {
    const p = roster.people.get(name);
    const roles = p ? [p.leader ? '班子成员' : '', p.headTeacher ? '班主任' : '', p.post && !['教师'].includes(p.post) && !p.leader ? p.post : ''].filter(Boolean) : [];
    const about = p ? [p.department ?? '', ...roles].filter(Boolean).join('，') : '不在名册中';
    return { name, about, owed: list };
  });
  const late = (p: PersonOwes) => p.owed.filter((o) => o.late).length;
  return people.sort((a, b) => late(b) - late(a) || b.owed.length - a.owed.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** One person's line: 「马建华：家访还差6户，距截止3周，每周2户；心得体会未交」. */
export function owedLine(p: PersonOwes): string {
  return `${p.name}：${p.owed.map((o) => (o.pace ? `${o.text}，${o.pace}` : o.text)).join('；')}`;
}

/**
 * R-3in (§三.5 三进三听): every leadership member owes, every week of the duties window, one of
 * each weekly duty (进课堂听课, 与教师谈心, 学生家访, 为双困生办实事) and, every month that
 * overlaps the window, one of each monthly duty (社区宣讲, 结对帮扶). Weeks run Monday to
 * Sunday and are named by their Monday. A week or month is judged only once it has ended on or
 * before the as-of date; one lying wholly inside a holiday range is exempt. A week that overlaps
 * the window only in part is owed like a month is: the duty must fall in the part inside it.
 */
import type { DutyRow } from '../columns.js';
import type { Config } from '../config.js';
import { addDays, formatDayZh, isWithin, lastDayOfMonth, monthKey, weekMonday, type Day } from '../dates.js';
import { rowStatus, rowAt, finding, type Finding } from '../findings.js';
import type { Roster } from '../roster.js';

export interface DutyPeriod {
  /** Monday (`YYYY-MM-DD`) of a week, or `YYYY-MM` of a month. */
  key: string;
  first: Day;
  last: Day;
  /** Ended on or before the as-of date. */
  judged: boolean;
  /** Wholly inside a holiday range. */
  exempt: boolean;
}

/** A leader's 三进三听 and monthly duties: the weeks and months without a record. */
export interface LeaderDuties {
  leader: string;
  rosterRow: number;
  missingWeeks: Record<string, string[]>;
  missingMonths: Record<string, string[]>;
}

export interface DutyResult {
  weeks: DutyPeriod[];
  months: DutyPeriod[];
  leaders: LeaderDuties[];
  findings: Finding[];
  /** Per log row: counted, or why not. */
  rows: { row: number; counted: boolean; reason: string }[];
}

function inHoliday(first: Day, last: Day, holidays: readonly (readonly [Day, Day])[]): boolean {
  return holidays.some(([from, to]) => first >= from && last <= to);
}

export function dutyWeeks(config: Config, asOf: Day): DutyPeriod[] {
  const { from, to, holidays } = config.duties;
  const weeks: DutyPeriod[] = [];
  for (let monday = weekMonday(from); monday <= to; monday = addDays(monday, 7)) {
    const sunday = addDays(monday, 6);
    weeks.push({ key: monday, first: monday, last: sunday, judged: sunday <= asOf, exempt: inHoliday(monday, sunday, holidays) });
  }
  return weeks;
}

export function dutyMonths(config: Config, asOf: Day): DutyPeriod[] {
  const { from, to, holidays } = config.duties;
  const months: DutyPeriod[] = [];
  let year = +from.slice(0, 4);
  let month = +from.slice(5, 7);
  for (;;) {
    const first = `${year}-${String(month).padStart(2, '0')}-01`;
    if (first > to) break;
    const last = lastDayOfMonth(year, month);
    months.push({ key: monthKey(first), first, last, judged: last <= asOf, exempt: inHoliday(first, last, holidays) });
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}

function dutyPhrase(duty: string): string {
  return /^[进与为到]/.test(duty) ? `未${duty}` : `未开展“${duty}”`;
}

/** The rule of the leadership's duties: each week's 三进三听 and each month's tasks, holidays excepted. */
export function duties(rows: readonly DutyRow[], roster: Roster, config: Config, asOf: Day, place: { file: string; sheet: string }): DutyResult {
  const { from, to, weekly, monthly } = config.duties;
  const leaders = roster.list.filter((p) => p.leader && p.onDuty);
  const leaderNames = new Set(leaders.map((l) => l.name));
  const weeks = dutyWeeks(config, asOf);
  const months = dutyMonths(config, asOf);
  const findings: Finding[] = [];
  const statuses: DutyResult['rows'] = [];
  // leader → duty → set of week Mondays / months done
  const done = new Map<string, Map<string, Set<string>>>();
  for (const r of rows) {
    const at = (column: string) => rowAt(place, r, column);
    if (!r.date || !r.leader || !r.activity) {
      statuses.push(rowStatus(r, false, r.invalid.length ? '有无法识别的内容' : '缺少必填项'));
      continue;
    }
    if (!leaderNames.has(r.leader)) {
      findings.push(finding('DUTY_NOT_LEADER', at('校领导'), { name: r.leader }));
      statuses.push(rowStatus(r, false, roster.people.has(r.leader) ? '不是班子成员' : '名册中无此人'));
      continue;
    }
    if (!isWithin(r.date, from, to)) {
      findings.push(finding('DUTY_OUTSIDE_WINDOW', at('日期'), { date: r.date, from, to }));
      statuses.push(rowStatus(r, false, '不在活动期内'));
      continue;
    }
    const key = monthly.includes(r.activity) ? monthKey(r.date) : weekMonday(r.date);
    let byDuty = done.get(r.leader);
    if (!byDuty) done.set(r.leader, (byDuty = new Map()));
    let set = byDuty.get(r.activity);
    if (!set) byDuty.set(r.activity, (set = new Set()));
    statuses.push(rowStatus(r, true, set.has(key) ? '计入（本期已有）' : '计入'));
    set.add(key);
  }
  const result: LeaderDuties[] = [];
  for (const leader of leaders) {
    const missingWeeks: Record<string, string[]> = {};
    const missingMonths: Record<string, string[]> = {};
    const has = (duty: string, key: string) => done.get(leader.name)?.get(duty)?.has(key) ?? false;
    for (const duty of weekly) {
      missingWeeks[duty] = weeks.filter((w) => w.judged && !w.exempt && !has(duty, w.key)).map((w) => w.key);
      for (const week of missingWeeks[duty]!) {
        const range = `${formatDayZh(week)}–${formatDayZh(addDays(week, 6))}`;
        findings.push(finding('DUTY_WEEK_MISSING', { file: place.file, sheet: place.sheet }, { leader: leader.name, duty, week, range, what: dutyPhrase(duty) }));
      }
    }
    for (const duty of monthly) {
      missingMonths[duty] = months.filter((m) => m.judged && !m.exempt && !has(duty, m.key)).map((m) => m.key);
      for (const month of missingMonths[duty]!) {
        const monthZh = `${month.slice(0, 4)}年${+month.slice(5, 7)}月`;
        findings.push(finding('DUTY_MONTH_MISSING', { file: place.file, sheet: place.sheet }, { leader: leader.name, duty, month, monthZh, what: dutyPhrase(duty) }));
      }
    }
    result.push({ leader: leader.name, rosterRow: leader.row, missingWeeks, missingMonths });
  }
  return { weeks, months, leaders: result, findings, rows: statuses };
}

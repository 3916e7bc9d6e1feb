/**
 * R-ledger (§三.13–14): every rectification item has its six elements (六落实), its responsible
 * people are in the roster, and it has a status from the as-of date, first match wins:
 * 已完成, 逾期完成, 要素不全, 已逾期, 即将到期, 整改中.
 */
import type { LedgerRow } from '../columns.js';
import type { Config } from '../config.js';
import { daysBetween, type Day } from '../dates.js';
import { rowAt, finding, type Finding } from '../findings.js';
import type { Roster } from '../roster.js';

/** The statuses a ledger item can have, as the 【自动】状态 column writes them. */
export const LEDGER_STATUSES = ['已逾期', '即将到期', '要素不全', '整改中', '逾期完成', '已完成'] as const;
/** A ledger item's status word. */
export type LedgerStatusWord = (typeof LEDGER_STATUSES)[number];
/** Statuses of an item still to be done, and of one that is closed. */
export const LEDGER_OPEN_STATUSES = ['整改中', '即将到期', '已逾期'] as const satisfies readonly LedgerStatusWord[];
export const LEDGER_CLOSED_STATUSES = ['已完成', '逾期完成'] as const satisfies readonly LedgerStatusWord[];

/** The six elements, by column key and the plan's name. */
export const SIX_ELEMENTS = [
  ['subject', '整改主体'],
  ['task', '整改任务'],
  ['people', '整改责任人'],
  ['standard', '整改标准'],
  ['measures', '整改措施'],
  ['deadline', '整改时限'],
] as const;

export interface LedgerStatus {
  status: LedgerStatusWord;
  deadline?: Day;
  /** Elements that are empty or unreadable. */
  missing: string[];
  /** Days past the deadline (已逾期, 逾期完成). */
  daysLate?: number;
  /** Days to the deadline (即将到期, 整改中). */
  daysLeft?: number;
  /** One line for the clerk: what is missing or how late. */
  note: string;
}

function isDone(row: LedgerRow, config: Config): boolean {
  if (row.progress !== undefined) return row.progress === config.ledger.doneWord;
  return row.doneDate !== undefined; // a completion date alone says it was done
}

/** The status of one item on the as-of date. */
export function ledgerStatus(row: LedgerRow, config: Config, asOf: Day): LedgerStatus {
  const missing = SIX_ELEMENTS.filter(([key]) => {
    const value = row[key];
    return value === undefined || (Array.isArray(value) && value.length === 0) || value === '';
  }).map(([, name]) => name);
  const deadline = row.deadline?.day;
  if (isDone(row, config)) {
    if (deadline && row.doneDate && row.doneDate > deadline) {
      const daysLate = daysBetween(deadline, row.doneDate);
      return { status: '逾期完成', deadline, missing, daysLate, note: `逾期${daysLate}天完成` };
    }
    return { status: '已完成', deadline, missing, note: row.doneDate ? `${row.doneDate}完成` : '已完成（未填完成日期）' };
  }
  if (missing.length > 0) {
    const unreadable = row.invalid.includes('deadline') ? '；整改时限无法识别' : '';
    return { status: '要素不全', deadline, missing, note: `缺少${missing.join('、')}${unreadable}` };
  }
  const left = daysBetween(asOf, deadline!);
  if (left < 0) return { status: '已逾期', deadline, missing, daysLate: -left, note: `已逾期${-left}天` };
  if (left < config.ledger.dueSoonDays) return { status: '即将到期', deadline, missing, daysLeft: left, note: left === 0 ? '今天到期' : `还剩${left}天` };
  return { status: '整改中', deadline, missing, daysLeft: left, note: `还剩${left}天` };
}

/** A ledger item as judged: its number, problem, people, deadline and status. */
export interface LedgerEntry {
  file: string;
  sheet: string;
  row: number;
  seq?: string;
  problem?: string;
  category?: string;
  people: string[];
  deadline: Day | null;
  deadlineText?: string;
  status: LedgerStatusWord;
  note: string;
  missing: string[];
  daysLate?: number;
  daysLeft?: number;
  doneDate?: Day;
}

/** The overdue items, the longest overdue first (the order leadership reads them in). */
export function overdueWorstFirst(entries: readonly LedgerEntry[]): LedgerEntry[] {
  return entries.filter((e) => e.status === '已逾期').sort((a, b) => (b.daysLate ?? 0) - (a.daysLate ?? 0));
}

/** The items due soon, the nearest deadline first. */
export function dueSoonNearestFirst(entries: readonly LedgerEntry[]): LedgerEntry[] {
  return entries.filter((e) => e.status === '即将到期').sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0));
}

export interface LedgerResult {
  entries: LedgerEntry[];
  findings: Finding[];
}

/** The rule of the rectification ledger: the six elements of every item, and its deadline (overdue, due soon, closed). */
export function ledger(rows: readonly LedgerRow[], roster: Roster, config: Config, asOf: Day, place: { file: string; sheet: string }): LedgerResult {
  const entries: LedgerEntry[] = [];
  const findings: Finding[] = [];
  const seqRows = new Map<string, LedgerRow>();
  for (const row of rows) {
    const at = (column: string) => rowAt(place, row, column);
    const item = row.seq ? `${row.seq}号` : `（第${row.row}行）`;
    const people = row.people ?? [];
    const s = ledgerStatus(row, config, asOf);
    const peopleText = people.join('、') || '未填';
    // Sub-rows under a 序号 merged down over them are tasks of one item, not a repeated number.
    if (row.seq && !row.merged?.includes('seq')) {
      const first = seqRows.get(row.seq);
      if (first !== undefined) findings.push(finding('LEDGER_DUPLICATE_SEQ', at('序号'), { seq: row.seq, firstRow: first.row, ...(first.sheet !== row.sheet && first.sheet ? { firstSheet: first.sheet } : {}) }));
      else seqRows.set(row.seq, row);
    }
    for (const [key, name] of SIX_ELEMENTS) {
      if (s.missing.includes(name) && !row.invalid.includes(key)) findings.push(finding('LEDGER_ELEMENT_MISSING', at(name), { item, element: name }));
    }
    for (const person of people) {
      if (!roster.people.has(person)) findings.push(finding('LEDGER_UNKNOWN_PERSON', at('整改责任人'), { person }));
    }
    const deadlineText = row.deadline?.text ?? '';
    if (s.status === '已逾期') findings.push(finding('LEDGER_OVERDUE', at('整改时限'), { item, days: s.daysLate!, deadline: deadlineText, people: peopleText }));
    if (s.status === '即将到期') findings.push(finding('LEDGER_DUE_SOON', at('整改时限'), { item, days: s.daysLeft!, deadline: deadlineText, people: peopleText }));
    if (s.status === '逾期完成') findings.push(finding('LEDGER_DONE_LATE', at('完成日期'), { item, days: s.daysLate!, deadline: deadlineText, done: row.doneDate! }));
    if (s.status === '已完成' && !row.doneDate) findings.push(finding('LEDGER_DONE_NO_DATE', at('完成日期'), { item }));
    entries.push({
      file: place.file,
      sheet: row.sheet ?? place.sheet,
      row: row.row,
      seq: row.seq,
      problem: row.problem,
      category: row.category,
      people,
      deadline: s.deadline ?? null,
      deadlineText: row.deadline?.text,
      status: s.status,
      note: s.note,
      missing: s.missing,
      daysLate: s.daysLate,
      daysLeft: s.daysLeft,
      doneDate: row.doneDate,
    });
  }
  return { entries, findings };
}

/**
 * What changed since the last report someone was sent: the nightly mail and each group robot keep
 * a snapshot of the report they last delivered, and say what moved since. Pure: a report in, a
 * small JSON-able snapshot out, two snapshots in, the changes out.
 */
import type { Report } from '../core/report.js';
import { LEDGER_CLOSED_STATUSES } from '../core/rules/ledger.js';
import { ledgerItemLabel, type Changes } from '../core/words.js';

/** What a delivered report is remembered by (saved as JSON in `.taizhang/`). */
export interface Snapshot {
  asOf: string;
  ledger: { key: string; label: string; status: string }[];
  visits: { teacher: string; done: boolean }[];
  /** Absent in a snapshot saved before the plan was tracked. */
  plan?: { item: string; title: string; status: string }[];
}

/**
 * The ledger one item a key: an item's sub-rows (one 序号 merged down) are one item, overdue when
 * any sub-row is, closed when all are; an item without 序号 is its row (and its sheet, where the
 * ledger is kept as several).
 */
function ledgerItems(report: Report): Snapshot['ledger'] {
  const closedWords: readonly string[] = LEDGER_CLOSED_STATUSES;
  const several = new Set(report.ledger.map((e) => e.sheet)).size > 1;
  const items = new Map<string, Snapshot['ledger'][number]>();
  for (const e of report.ledger) {
    const key = e.seq ?? `${several ? `${e.sheet}!` : ''}row${e.row}`;
    const item = items.get(key);
    if (!item) items.set(key, { key, label: ledgerItemLabel(e), status: e.status });
    else if (e.status === '已逾期' || (closedWords.includes(item.status) && !closedWords.includes(e.status) && item.status !== '已逾期')) item.status = e.status;
  }
  return [...items.values()];
}

export function snapshotOf(report: Report): Snapshot {
  return {
    asOf: report.asOf,
    ledger: ledgerItems(report),
    visits: report.visits.map((v) => ({ teacher: v.teacher, done: v.done })),
    plan: report.plan.map((p) => ({ item: p.item, title: p.title, status: p.status })),
  };
}

/** Items newly overdue or closed, teachers newly at their visit quota, plan items newly 未完成. */
export function changesSince(before: Snapshot, now: Snapshot): Changes {
  const old = new Map(before.ledger.map((e) => [e.key, e.status]));
  const closedWords: readonly string[] = LEDGER_CLOSED_STATUSES;
  const wasDone = new Map(before.visits.map((v) => [v.teacher, v.done]));
  return {
    becameOverdue: now.ledger.filter((e) => e.status === '已逾期' && old.get(e.key) !== '已逾期').map((e) => e.label),
    closed: now.ledger.filter((e) => closedWords.includes(e.status) && old.has(e.key) && !closedWords.includes(old.get(e.key)!)).map((e) => e.label),
    reachedQuota: now.visits.filter((v) => v.done && wasDone.get(v.teacher) === false).map((v) => v.teacher),
    planUndone: (now.plan ?? []).filter((p) => p.status === '未完成' && before.plan?.find((q) => q.item === p.item)?.status !== '未完成').map((p) => `第${p.item}项 ${p.title}`),
  };
}

/** A snapshot read back from disk, or nothing when it is not one (a hand-edited or truncated file): then nothing is compared. */
export function parseSnapshot(text: string): Snapshot | undefined {
  let s: unknown;
  try {
    s = JSON.parse(text);
  } catch {
    return undefined;
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const listOf = (v: unknown, ok: (item: Record<string, unknown>) => boolean) => Array.isArray(v) && v.every((item) => isObject(item) && ok(item));
  if (!isObject(s) || typeof s.asOf !== 'string') return undefined;
  const ledger = listOf(s.ledger, (e) => typeof e.key === 'string' && typeof e.label === 'string' && typeof e.status === 'string');
  const visits = listOf(s.visits, (v) => typeof v.teacher === 'string' && typeof v.done === 'boolean');
  const plan = s.plan === undefined || listOf(s.plan, (p) => typeof p.item === 'string' && typeof p.title === 'string' && typeof p.status === 'string');
  return ledger && visits && plan ? (s as unknown as Snapshot) : undefined;
}

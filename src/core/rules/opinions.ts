/** R-opinion (§三.7): every opinion's 台账序号, when filled, names an existing ledger item; counts by 来源 and 问题类别. */
import type { LedgerRow, OpinionRow } from '../columns.js';
import type { Config } from '../config.js';
import { rowStatus, rowAt, finding, type Finding, type RowStatus } from '../findings.js';

/** The opinions gathered, by source and method, and what is missing. */
export interface OpinionStatus {
  checked: true;
  count: number;
  /** Opinions traced to a ledger item that exists. */
  traced: number;
  untraced: number;
  bySource: Record<string, number>;
  byCategory: Record<string, number>;
}

/** The rule of the opinions gathered: from every source the plan names, by every method. */
export function opinions(rows: readonly OpinionRow[], ledger: readonly LedgerRow[], config: Config, place: { file: string; sheet: string }): { status: OpinionStatus; findings: Finding[]; rows: RowStatus[] } {
  const seqs = new Set(ledger.map((l) => l.seq).filter((s): s is string => !!s));
  const findings: Finding[] = [];
  const bySource: Record<string, number> = Object.fromEntries(config.opinions.sources.map((s) => [s, 0]));
  const byCategory: Record<string, number> = Object.fromEntries(config.ledger.categories.map((c) => [c, 0]));
  let traced = 0;
  let untraced = 0;
  const statuses: RowStatus[] = [];
  for (const r of rows) {
    if (r.source) bySource[r.source] = (bySource[r.source] ?? 0) + 1;
    if (r.category) byCategory[r.category] = (byCategory[r.category] ?? 0) + 1;
    if (!r.ledgerSeq) {
      statuses.push(rowStatus(r, true, '计入（未对应整改事项）'));
      continue;
    }
    if (seqs.has(r.ledgerSeq)) {
      traced++;
      statuses.push(rowStatus(r, true, `计入（对应整改事项${r.ledgerSeq}号）`));
    } else {
      untraced++;
      findings.push(finding('OPINION_UNTRACED', rowAt(place, r, '台账序号'), { seq: r.ledgerSeq }));
      statuses.push(rowStatus(r, false, `整改台账中没有${r.ledgerSeq}号`));
    }
  }
  return { status: { checked: true, count: rows.length, traced, untraced, bySource, byCategory }, findings, rows: statuses };
}

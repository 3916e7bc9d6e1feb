/**
 * The report: one computation from the typed rows, several views (console, `--json`, write-back,
 * the summary workbook). Pure: the as-of date is an argument.
 */
import type { DutyRow, HomeVisitRow, LedgerRow, RosterRow, TalkRow } from './columns.js';
import type { Config } from './config.js';
import type { Day } from './dates.js';
import { hasErrors, type Finding } from './findings.js';
import { buildRoster, type Roster } from './roster.js';
import { homeVisits, type TeacherVisits, type VisitRowStatus } from './rules/homeVisits.js';
import { ledger, LEDGER_STATUSES, type LedgerEntry, type LedgerStatusWord } from './rules/ledger.js';
import { duties as dutyRule, type DutyPeriod, type LeaderDuties } from './rules/duties.js';
import { campaignPhase, type PhaseStatus } from './rules/phase.js';
import { talks as talkRule, type TalkPair } from './rules/talks.js';

export interface SheetRows<R> {
  file: string;
  sheet: string;
  rows: R[];
}

export interface Inputs {
  roster: SheetRows<RosterRow>;
  homeVisits: SheetRows<HomeVisitRow>;
  duties: SheetRows<DutyRow>;
  talks: SheetRows<TalkRow>;
  ledger: SheetRows<LedgerRow>;
  /** Findings from reading the cells. */
  readFindings: Finding[];
}

export interface Tally {
  errors: number;
  warnings: number;
  ledger: Record<LedgerStatusWord, number> & { total: number };
  visits: { teachers: number; underQuota: number; judged: boolean };
  duties: { leaders: number; missedWeeks: number; missedMonths: number };
  talks: { required: number; done: number; judged: boolean };
}

/** Row-level reason a log row counts or not (the `【自动】校验` column of the write-back). */
export interface RowStatus {
  row: number;
  counted: boolean;
  reason: string;
}

export interface Report {
  asOf: Day;
  school: string;
  phase: PhaseStatus;
  findings: Finding[];
  ledger: LedgerEntry[];
  visits: TeacherVisits[];
  duties: LeaderDuties[];
  /** The weeks and months of the duties window, judged or not, exempt or not. */
  dutyCalendar: { weeks: DutyPeriod[]; months: DutyPeriod[] };
  talks: TalkPair[];
  tally: Tally;
}

/** Row-level results that the write-back needs but the JSON report leaves out. */
export interface RowResults {
  homeVisits: VisitRowStatus[];
  duties: RowStatus[];
  talks: RowStatus[];
}

export interface Evaluation {
  report: Report;
  rows: RowResults;
  roster: Roster;
}

const SEVERITY_ORDER = { error: 0, warning: 1 } as const;

/** Findings in the order a clerk works through them: file, sheet, row, then errors first. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.sheet ?? '').localeCompare(b.sheet ?? '') ||
      (a.row ?? 0) - (b.row ?? 0) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
}

export function evaluate(inputs: Inputs, config: Config, asOf: Day): Evaluation {
  const rosterPlace = { file: inputs.roster.file, sheet: inputs.roster.sheet };
  const built = buildRoster(inputs.roster.rows, config, rosterPlace);
  const visits = homeVisits(inputs.homeVisits.rows, built.roster, config, asOf, {
    visits: { file: inputs.homeVisits.file, sheet: inputs.homeVisits.sheet },
    roster: rosterPlace,
  });
  const dutyResult = dutyRule(inputs.duties.rows, built.roster, config, asOf, { file: inputs.duties.file, sheet: inputs.duties.sheet });
  const talkResult = talkRule(inputs.talks.rows, built.roster, config, asOf, { talks: { file: inputs.talks.file, sheet: inputs.talks.sheet }, roster: rosterPlace });
  const items = ledger(inputs.ledger.rows, built.roster, config, asOf, { file: inputs.ledger.file, sheet: inputs.ledger.sheet });
  const findings = sortFindings([...inputs.readFindings, ...built.findings, ...visits.findings, ...dutyResult.findings, ...talkResult.findings, ...items.findings]);
  const byStatus = Object.fromEntries(LEDGER_STATUSES.map((s) => [s, 0])) as Record<LedgerStatusWord, number>;
  for (const e of items.entries) byStatus[e.status]++;
  const tally: Tally = {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    ledger: { ...byStatus, total: items.entries.length },
    visits: { teachers: visits.teachers.length, underQuota: visits.teachers.filter((t) => !t.done).length, judged: visits.judged },
    duties: {
      leaders: dutyResult.leaders.length,
      missedWeeks: dutyResult.leaders.reduce((n, l) => n + Object.values(l.missingWeeks).reduce((m, w) => m + w.length, 0), 0),
      missedMonths: dutyResult.leaders.reduce((n, l) => n + Object.values(l.missingMonths).reduce((m, w) => m + w.length, 0), 0),
    },
    talks: { required: talkResult.pairs.length, done: talkResult.pairs.filter((p) => p.done).length, judged: talkResult.judged },
  };
  return {
    report: {
      asOf,
      school: config.school,
      phase: campaignPhase(config, asOf),
      findings,
      ledger: items.entries,
      visits: visits.teachers,
      duties: dutyResult.leaders,
      dutyCalendar: { weeks: dutyResult.weeks, months: dutyResult.months },
      talks: talkResult.pairs,
      tally,
    },
    rows: { homeVisits: visits.rows, duties: dutyResult.rows, talks: talkResult.rows },
    roster: built.roster,
  };
}

export function exitCodeOf(report: Report): 0 | 1 {
  return hasErrors(report.findings) ? 1 : 0;
}

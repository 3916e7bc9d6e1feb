/**
 * The report: one computation from the typed rows, several views (console, `--json`, write-back,
 * the summary workbook). Pure: the as-of date is an argument.
 */
import type {
  BranchMeetingRow, DutyRow, EssayRow, HomeVisitRow, LedgerRow, MaterialRow, OpinionRow, PublicityRow, RosterRow,
  StudySessionRow, TalkRow, WorkLogRow,
} from './columns.js';
import type { Config } from './config.js';
import type { Day } from './dates.js';
import { hasErrors, type Finding, type Note, type RowStatus } from './findings.js';
import { buildRoster, type Roster } from './roster.js';
import { homeVisits, type HomeVisitTally, type TeacherVisits, type VisitRowStatus } from './rules/homeVisits.js';
import { ledger, LEDGER_STATUSES, type LedgerEntry, type LedgerStatusWord } from './rules/ledger.js';
import { branchMeetings, type BranchStatus } from './rules/branches.js';
import { materials as materialRule, type MaterialStatus } from './rules/materials.js';
import { opinions as opinionRule, type OpinionStatus } from './rules/opinions.js';
import { publicity as publicityRule, type PublicityStatus } from './rules/publicity.js';
import { study as studyRule, type StudyStatus } from './rules/study.js';
import { duties as dutyRule, type DutyPeriod, type LeaderDuties } from './rules/duties.js';
import { campaignPhase, type PhaseStatus } from './rules/phase.js';
import { talks as talkRule, type TalkPair } from './rules/talks.js';
import { planItems } from './plan.js';
import { PLAN_STATUSES, planProgress, ruleOutcomes, type PlanItemStatus, type PlanStatusWord } from './rules/plan.js';

/** The rows of one kind of table: of its sheet, or of its several sheets in workbook order (each row knows its sheet). */
export interface SheetRows<R> {
  file: string;
  /** The (first) sheet: where findings about the table as a whole are placed. */
  sheet: string;
  rows: R[];
}

/** The home-visit log: its rows, or (for a big log read as a stream) a tally already fed with them. */
export interface HomeVisitRows extends SheetRows<HomeVisitRow> {
  /** Fed row by row while reading, with the roster of the same inputs; `rows` is then empty. */
  tally?: HomeVisitTally;
}

/** The typed rows of every sheet, with where they came from: what `evaluate` judges. */
export interface Inputs {
  roster: SheetRows<RosterRow>;
  homeVisits: HomeVisitRows;
  duties: SheetRows<DutyRow>;
  talks: SheetRows<TalkRow>;
  ledger: SheetRows<LedgerRow>;
  /** 学习教育.xlsx, by sheet id as everywhere; absent when the workbook is not there (those rules are then not checked). */
  study?: {
    essays: SheetRows<EssayRow>;
    studySessions: SheetRows<StudySessionRow>;
    branchMeetings: SheetRows<BranchMeetingRow>;
    materials: SheetRows<MaterialRow>;
    publicity: SheetRows<PublicityRow>;
    opinions: SheetRows<OpinionRow>;
    /** The optional 工作记录 sheet (the plan's one-off events and documents). */
    workLog?: SheetRows<WorkLogRow>;
  };
  /** Findings from reading the cells. */
  readFindings: Finding[];
  /** What the reading did that the clerk may want to know (where a table was taken to end). */
  readNotes?: Note[];
}

/** The report's figures: errors, warnings, ledger statuses, visits, plan items. */
export interface Tally {
  errors: number;
  warnings: number;
  ledger: Record<LedgerStatusWord, number> & { total: number };
  visits: { teachers: number; underQuota: number; judged: boolean };
  duties: { leaders: number; missedWeeks: number; missedMonths: number };
  talks: { required: number; done: number; judged: boolean };
  plan: Record<PlanStatusWord, number> & { total: number };
  /** Absent when 学习教育.xlsx is not there. */
  study?: { essaysHanded: number; members: number; excellent: number; studyDays: number; branchesDone: number; branches: number; materialsOk: number; materialsRequired: number; publicity: number; publicityRequired: number; opinionsUntraced: number };
}

export type { RowStatus } from './findings.js';

/** The whole check, as `--json` prints it: findings, notes, per-rule results, the tally, the phase. */
export interface Report {
  asOf: Day;
  school: string;
  phase: PhaseStatus;
  findings: Finding[];
  /** Notes of the reading, e.g. where a table ended above a signature line. */
  notes: Note[];
  ledger: LedgerEntry[];
  visits: TeacherVisits[];
  duties: LeaderDuties[];
  /** The weeks and months of the duties window, judged or not, exempt or not. */
  dutyCalendar: { weeks: DutyPeriod[]; months: DutyPeriod[] };
  talks: TalkPair[];
  study: StudyStatus | NotChecked;
  branches: BranchStatus[];
  materials: MaterialStatus[];
  publicity: PublicityStatus | NotChecked;
  opinions: OpinionStatus | NotChecked;
  /** The plan item by item (§三.1–16, §四.2–3). */
  plan: PlanItemStatus[];
  tally: Tally;
}

/** A rule whose workbook is absent. */
export interface NotChecked {
  checked: false;
  reason: string;
}

/** Row-level results that the write-back needs but the JSON report leaves out. */
export interface RowResults {
  homeVisits: VisitRowStatus[];
  duties: RowStatus[];
  talks: RowStatus[];
  /** 学习教育.xlsx, by sheet id; absent when the workbook is not there. */
  study?: {
    essays: RowStatus[];
    studySessions: RowStatus[];
    branchMeetings: RowStatus[];
    materials: RowStatus[];
    publicity: RowStatus[];
    opinions: RowStatus[];
    /** Present when the 工作记录 sheet was there. */
    workLog?: RowStatus[];
  };
}

/** What `evaluate` gives: the report, the row-level results for the write-back, and the roster. */
export interface Evaluation {
  report: Report;
  rows: RowResults;
  roster: Roster;
}

const SEVERITY_ORDER = { error: 0, warning: 1 } as const;

/** Code-point order: the same on every machine and in every browser, whatever its locale. */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Findings in the order a clerk works through them: file, sheet, row, then errors first. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      byCodePoint(a.file, b.file) ||
      byCodePoint(a.sheet ?? '', b.sheet ?? '') ||
      (a.row ?? 0) - (b.row ?? 0) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
}

/**
 * Judges typed rows against the plan on a day: every rule, the plan item by item, the tally. Pure.
 *
 * @example
 * ```ts
 * const { report } = evaluate(inputs, defaultConfig(), '2014-08-15');
 * ```
 */
export function evaluate(inputs: Inputs, config: Config, asOf: Day): Evaluation {
  const rosterPlace = { file: inputs.roster.file, sheet: inputs.roster.sheet };
  const built = buildRoster(inputs.roster.rows, config, rosterPlace);
  const visits =
    inputs.homeVisits.tally?.result(asOf, rosterPlace) ??
    homeVisits(inputs.homeVisits.rows, built.roster, config, asOf, {
      visits: { file: inputs.homeVisits.file, sheet: inputs.homeVisits.sheet },
      roster: rosterPlace,
    });
  const dutyResult = dutyRule(inputs.duties.rows, built.roster, config, asOf, { file: inputs.duties.file, sheet: inputs.duties.sheet });
  const talkResult = talkRule(inputs.talks.rows, built.roster, config, asOf, { talks: { file: inputs.talks.file, sheet: inputs.talks.sheet }, roster: rosterPlace });
  const items = ledger(inputs.ledger.rows, built.roster, config, asOf, { file: inputs.ledger.file, sheet: inputs.ledger.sheet });
  const studied = evaluateStudy(inputs, built.roster, config, asOf, rosterPlace);
  const ledgerPlace = { file: inputs.ledger.file, sheet: inputs.ledger.sheet };
  const s = inputs.study;
  const place = (r: SheetRows<unknown>) => ({ file: r.file, sheet: r.sheet });
  const plan = planProgress(planItems(config), {
    workLog: s?.workLog,
    workLogAbsent: s ? `没有“工作记录”表（${s.essays.file}）` : `未找到${config.files.study}`,
    rulesAbsent: `未找到${config.files.study}`,
    ledger: { entries: items.entries, place: ledgerPlace },
    sessions: s?.studySessions,
    opinions: s?.opinions,
    rules: ruleOutcomes({
      duties: { leaders: dutyResult.leaders.length, missed: dutyResult.leaders.reduce((n, l) => n + Object.values(l.missingWeeks).flat().length + Object.values(l.missingMonths).flat().length, 0), judged: config.duties.to <= asOf, place: place(inputs.duties) },
      visits: { teachers: visits.teachers.length, under: visits.teachers.filter((t) => !t.done).length, place: place(inputs.homeVisits) },
      talks: { required: talkResult.pairs.length, missing: talkResult.pairs.filter((p) => !p.done).length, place: place(inputs.talks) },
      ...(s && studied.study.checked
        ? {
            study: { ...studied.study, place: place(s.essays) },
            materials: { required: studied.materials.length, notOk: studied.materials.filter((m) => !m.ok).map((m) => m.name), place: place(s.materials) },
            branches: { total: studied.branches.length, notOk: studied.branches.filter((b) => !b.held || !b.fourEvaluations).map((b) => b.branch), place: place(s.branchMeetings) },
            publicity: { count: (studied.publicity as PublicityStatus).count, required: (studied.publicity as PublicityStatus).required, place: place(s.publicity) },
          }
        : {}),
    }),
  }, asOf);
  const findings = sortFindings([...inputs.readFindings, ...built.findings, ...visits.findings, ...dutyResult.findings, ...talkResult.findings, ...items.findings, ...studied.findings, ...plan.findings]);
  const byPlanStatus = Object.fromEntries(PLAN_STATUSES.map((st) => [st, 0])) as Record<PlanStatusWord, number>;
  for (const it of plan.items) byPlanStatus[it.status]++;
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
    plan: { ...byPlanStatus, total: plan.items.length },
    ...(studied.tally ? { study: studied.tally } : {}),
  };
  return {
    report: {
      asOf,
      school: config.school,
      phase: campaignPhase(config, asOf),
      findings,
      notes: inputs.readNotes ?? [],
      ledger: items.entries,
      visits: visits.teachers,
      duties: dutyResult.leaders,
      dutyCalendar: { weeks: dutyResult.weeks, months: dutyResult.months },
      talks: talkResult.pairs,
      study: studied.study,
      branches: studied.branches,
      materials: studied.materials,
      publicity: studied.publicity,
      opinions: studied.opinions,
      plan: plan.items,
      tally,
    },
    // the visit log's statuses are made when the write-back asks for them, not by every check
    rows: { get homeVisits() { return visits.rows; }, duties: dutyResult.rows, talks: talkResult.rows, ...(studied.rows ? { study: { ...studied.rows, ...(s?.workLog ? { workLog: plan.rows } : {}) } } : {}) },
    roster: built.roster,
  };
}

/** The CLI's exit code for a report: 1 when a rule of the plan is broken, else 0. */
export function exitCodeOf(report: Report): 0 | 1 {
  return hasErrors(report.findings) ? 1 : 0;
}

function evaluateStudy(inputs: Inputs, roster: Roster, config: Config, asOf: Day, rosterPlace: { file: string; sheet: string }) {
  const s = inputs.study;
  if (!s) {
    const notChecked: NotChecked = { checked: false, reason: `未找到${config.files.study}，学习教育各项未检查` };
    return { study: notChecked, branches: [], materials: [], publicity: notChecked, opinions: notChecked, findings: [] as Finding[], tally: undefined, rows: undefined };
  }
  const place = (r: SheetRows<unknown>) => ({ file: r.file, sheet: r.sheet });
  const st = studyRule(s.essays.rows, s.studySessions.rows, roster, config, asOf, { essays: place(s.essays), sessions: place(s.studySessions) });
  const br = branchMeetings(s.branchMeetings.rows, config, asOf, place(s.branchMeetings));
  const ma = materialRule(s.materials.rows, roster, config, asOf, { materials: place(s.materials), roster: rosterPlace });
  const pu = publicityRule(s.publicity.rows, config, asOf, place(s.publicity));
  const op = opinionRule(s.opinions.rows, inputs.ledger.rows, config, place(s.opinions));
  return {
    study: st.status,
    branches: br.branches,
    materials: ma.materials,
    publicity: pu.status,
    opinions: op.status,
    findings: [...st.findings, ...br.findings, ...ma.findings, ...pu.findings, ...op.findings],
    rows: { essays: st.essayRows, studySessions: st.sessionRows, branchMeetings: br.rows, materials: ma.rows, publicity: pu.rows, opinions: op.rows },
    tally: {
      essaysHanded: st.status.essaysHanded,
      members: st.status.members,
      excellent: st.status.excellent,
      studyDays: st.status.studyDays,
      branchesDone: br.branches.filter((b) => b.held && b.fourEvaluations).length,
      branches: br.branches.length,
      materialsOk: ma.materials.filter((m) => m.ok).length,
      materialsRequired: ma.materials.length,
      publicity: pu.status.count,
      publicityRequired: pu.status.required,
      opinionsUntraced: op.status.untraced,
    },
  };
}

/**
 * taizhang core: the plan as data, the column tables, the rules and the report, for a program that
 * brings its own rows (an add-in reading cells, another school system). Pure functions, no file
 * system and no clock: it runs in Node and in a browser alike. What is not listed here is internal
 * and may change; the modules themselves are not part of the public face.
 *
 * @example
 * ```ts
 * import { Collector, defaultConfig, rosterSheet } from 'taizhang/core';
 * const collector = new Collector(defaultConfig());
 * const sink = collector.sheet(rosterSheet, { file: '党员名册.xlsx', sheet: '名册' });
 * sink.push({ row: 2, cells: ['姓名', '政治面貌'] });
 * sink.push({ row: 3, cells: ['谭红', '中共党员'] });
 * sink.finish();
 * ```
 */

// the plan as data
export { configSchema, defaultConfig, parseConfig, campaignYear, type Config, type ConfigInput, type ConfigResult, type RobotConfig } from './config.js';
export { planItems, type PlanItem } from './plan.js';

// the workbooks, their sheets and columns, declared once
export {
  SHEETS,
  WORKBOOKS,
  specOf,
  rosterSheet,
  homeVisitSheet,
  dutySheet,
  talkSheet,
  ledgerSheet,
  essaySheet,
  studySessionSheet,
  branchMeetingSheet,
  materialSheet,
  publicitySheet,
  opinionSheet,
  workLogSheet,
  type ColumnSpec,
  type ColumnType,
  type SheetSpec,
  type SheetId,
  type DeclaredSheet,
  type WorkbookId,
  type Deadline,
  type RowMeta,
  type RowOf,
  type RosterRow,
  type HomeVisitRow,
  type DutyRow,
  type TalkRow,
  type LedgerRow,
  type EssayRow,
  type StudySessionRow,
  type BranchMeetingRow,
  type MaterialRow,
  type PublicityRow,
  type OpinionRow,
  type WorkLogRow,
} from './columns.js';

// reading rows as clerks keep them
export { Collector, type SheetSink, type SheetInfo } from './collect.js';
export { readTable, type RawCell, type RawRow, type TableResult, type TableOptions, type HeaderLayout } from './table.js';

// the evaluation and its report
export { evaluate, exitCodeOf, type Inputs, type Evaluation, type Report, type Tally, type NotChecked, type RowResults } from './report.js';
export { buildRoster, type Person, type Roster } from './roster.js';

// the rules, one per duty of the plan
export { homeVisits, type TeacherVisits } from './rules/homeVisits.js';
export { duties, type LeaderDuties } from './rules/duties.js';
export { talks, type TalkPair } from './rules/talks.js';
export { ledger, LEDGER_STATUSES, type LedgerEntry, type LedgerStatusWord } from './rules/ledger.js';
export { materials, type MaterialStatus } from './rules/materials.js';
export { opinions, type OpinionStatus } from './rules/opinions.js';
export { publicity, type PublicityStatus } from './rules/publicity.js';
export { study, type StudyStatus } from './rules/study.js';
export { branchMeetings, type BranchStatus } from './rules/branches.js';
export { campaignPhase, type PhaseStatus } from './rules/phase.js';
export { planProgress, PLAN_STATUSES, type PlanItemStatus, type PlanStatusWord } from './rules/plan.js';

// findings and the problems that stop a run
export { findingMessage, hasErrors, type Finding, type FindingCode, type Note, type NoteCode, type Place, type Severity, type Lang, type Params } from './findings.js';
export { InputError, PROBLEMS, type ProblemCode } from './problems.js';
export { MESSAGES, NOTES, type Words } from './messages.js';

// days, as the plan and the workbooks write them
export { isDay, addDays, excelSerialToDay, formatDayZh, type Day } from './dates.js';

// what refresh writes back
export { buildWriteBack, type SheetWrite, type Highlight, type HighlightColour } from './writeback.js';

// the report in words, person by person
export { peopleOwing, owedLine, type PersonOwes, type Owed, type OwedKind } from './people.js';
export { titleLine, tallyLines, phaseLine } from './words.js';

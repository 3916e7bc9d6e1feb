/**
 * taizhang: the campaign office's workbooks, checked against the plan. The public face:
 * - the commands as functions on a folder (Node): check, refresh, summary, nightly, init, convert;
 * - the same steps on any source of workbook bytes, browser-safe (a page, an add-in):
 *   checkSource, refreshToBytes, summaryBytes;
 * - evaluate, the config schema and the report types.
 * The building blocks (column tables, rules, the table reader, the write plan) are in `taizhang/core`.
 */
export { check, type CheckOptions, type CheckResult } from './io/check.js';
export { refresh, type RefreshOptions, type RefreshResult, type FileRefresh, type FileOutcome } from './io/refresh.js';
export { summary, type SummaryOptions, type SummaryResult } from './io/summary.js';
export { nightly, NIGHTLY_EXIT, type NightlyOptions, type NightlyResult, type NightlyOutcome } from './io/nightly.js';
export { initFolder } from './io/init.js';
export { convert } from './io/convert.js';
export { checkSource } from './run/check.js';
export { refreshToBytes, type RefreshedBytes } from './run/refresh.js';
export { summaryBytes } from './run/summary.js';
export { MemorySource, type WorkbookSource } from './run/source.js';
export { configFromText, runContext, todayInShanghai, CONFIG_NAME, type RunContext } from './run/context.js';
export { evaluate, exitCodeOf, type Evaluation, type Report, type Tally, type NotChecked } from './core/report.js';
export { configSchema, defaultConfig, parseConfig, type Config, type ConfigInput } from './core/config.js';
export type { Finding, FindingCode, Note, Place, Severity } from './core/findings.js';
export { InputError, type ProblemCode } from './core/problems.js';
export type { LedgerEntry, LedgerStatusWord } from './core/rules/ledger.js';
export type { TeacherVisits } from './core/rules/homeVisits.js';
export type { LeaderDuties } from './core/rules/duties.js';
export type { TalkPair } from './core/rules/talks.js';
export type { PhaseStatus } from './core/rules/phase.js';

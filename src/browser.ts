/**
 * taizhang for a browser, a web worker or an add-in's webview: the same steps the CLI takes, on
 * workbooks given as bytes or Blobs (no file system, no Node). `import … from 'taizhang'` resolves
 * here under the `browser` export condition (esbuild, Vite, webpack); `taizhang/browser` names it
 * outright. The Node face (`taizhang`) is this and the commands on a folder.
 *
 * @example
 * ```ts
 * import { MemorySource, checkSource, configFromText, runContext, summaryBytes } from 'taizhang/browser';
 * const source = new MemorySource(new Map([['党员名册.xlsx', rosterBytes], ['走访记录.xlsx', visitBytes]]));
 * const ctx = runContext(configFromText(undefined), '2014-08-15');
 * const result = await checkSource(source, ctx);
 * console.log(result.report.tally.errors);
 * const summary = await summaryBytes(result, result.config);   // an .xlsx, as Uint8Array
 * ```
 */
export { checkSource, type CheckResult } from './run/check.js';
export { refreshToBytes, type RefreshedBytes, type FileOutcome } from './run/refresh.js';
export { summaryBytes, findingsListBytes, findingsListFileName, summaryFileName } from './run/summary.js';
export { MemorySource, type WorkbookSource } from './run/source.js';
export { configFromText, runContext, todayInShanghai, CONFIG_NAME, type RunContext } from './run/context.js';
export { groupNotice, type Notice } from './run/notice.js';
export { evaluate, exitCodeOf, type Evaluation, type Report, type Tally, type NotChecked } from './core/report.js';
export { configSchema, defaultConfig, parseConfig, type Config, type ConfigInput } from './core/config.js';
export { peopleOwing, type PersonOwes } from './core/people.js';
export type { Finding, FindingCode, Note, Place, Severity } from './core/findings.js';
export { InputError, type ProblemCode } from './core/problems.js';
export type { LedgerEntry, LedgerStatusWord } from './core/rules/ledger.js';
export type { TeacherVisits } from './core/rules/homeVisits.js';
export type { LeaderDuties } from './core/rules/duties.js';
export type { TalkPair } from './core/rules/talks.js';
export type { PhaseStatus } from './core/rules/phase.js';

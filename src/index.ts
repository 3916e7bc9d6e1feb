/**
 * taizhang: the campaign office's workbooks, checked against the plan. The pure rule engine is
 * re-exported from `./core`; the functions below read and write files.
 */
export * from './core/index.js';
export { check, resolveConfig, type CheckOptions, type CheckResult } from './io/check.js';
export { loadConfig, todayInShanghai, CONFIG_NAME } from './io/config.js';
export { loadWorkbooks, type Loaded } from './io/load.js';
export { initFolder, starterConfig } from './io/init.js';
export { openWorkbook, XlsxReader } from './xlsx/reader.js';
export { refresh, lockFileOf, type RefreshOptions, type RefreshResult, type FileRefresh, type FileOutcome } from './io/refresh.js';
export { summary, summaryBytes, summaryPath, writeSummary, type SummaryOptions } from './io/summary.js';
export { buildSummary, summaryFileName } from './summary/build.js';
export { nightly, changesSince, NIGHTLY_EXIT, type NightlyOptions, type NightlyResult } from './io/nightly.js';
export { mailContent, sendMail, PASSWORD_ENV } from './io/mail.js';

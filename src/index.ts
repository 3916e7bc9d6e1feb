/**
 * taizhang: the campaign office's workbooks, checked against the plan. The public face in Node:
 * - the commands as functions on a folder: check, refresh, summary, nightly, notify, initFolder, convert;
 * - everything of `taizhang/browser`: the same steps on any source of workbook bytes (checkSource,
 *   refreshToBytes, summaryBytes), evaluate, the config schema and the report types.
 * The building blocks (column tables, rules, the table reader, the write-back) are in `taizhang/core`.
 * Importing this loads neither nodemailer nor exceljs: the commands that need them load them when called.
 *
 * @example
 * ```ts
 * import { check, refresh } from 'taizhang';
 * const { report } = await check('台账', { asOf: '2014-08-15' });
 * console.log(report.ledger.filter((item) => item.status === '已逾期').length);
 * const { files } = await refresh('台账', { dryRun: true });   // what would change, per workbook
 * ```
 */
export * from './browser.js';
export { check, type CheckOptions } from './io/check.js';
export { refresh, type RefreshOptions, type RefreshResult, type FileRefresh } from './io/refresh.js';
export { summary, type SummaryOptions, type SummaryResult } from './io/summary.js';
export { nightly, NIGHTLY_EXIT, type NightlyOptions, type NightlyResult, type NightlyOutcome } from './io/nightly.js';
export { notifyCommand as notify } from './io/notify.js';
export { initFolder } from './io/init.js';
export { convert } from './io/convert.js';

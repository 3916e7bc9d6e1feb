import type { Day } from '../core/dates.js';

/** The summary's file name for an as-of date. */
export const summaryFileName = (asOf: Day) => `汇总-${asOf}.xlsx`;

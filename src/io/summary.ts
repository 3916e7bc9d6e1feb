/** `summary` as a library call: check, then write the leadership summary workbook, atomically. */
import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Config } from '../core/config.js';
import type { Evaluation } from '../core/report.js';
import { findingsListBytes, findingsListFileName, summaryBytes, summaryFileName } from '../run/summary.js';
import { writeFileAtomic } from './atomic.js';
import { check, type CheckOptions, type CheckResult } from './check.js';

export { summaryBytes };

/** Options of `summary`: those of `check`, and where to write the workbook. */
export interface SummaryOptions extends CheckOptions {
  /** Output file; default `汇总-YYYY-MM-DD.xlsx` in the configured folder, else beside the workbooks. */
  output?: string;
}

/** The check, and where the summary workbook was written. */
export interface SummaryResult extends CheckResult {
  path: string;
}

/** Where the summary goes by default. */
export function summaryPath(dir: string, config: Config, asOf: string): string {
  const folder = config.summary.dir ? (isAbsolute(config.summary.dir) ? config.summary.dir : join(dir, config.summary.dir)) : dir;
  return join(folder, summaryFileName(asOf));
}

/** Writes the summary of an evaluation already made (nightly reuses refresh's). */
export async function writeSummary(evaluation: Evaluation, config: Config, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, await summaryBytes(evaluation, config));
}

/** Where nightly puts the 问题清单: beside the summary. */
export function findingsListPath(dir: string, config: Config, asOf: string): string {
  return join(dirname(summaryPath(dir, config, asOf)), findingsListFileName(asOf));
}

/** Writes the 问题清单 workbook at `path`, its links relative from there to the workbooks in `dir`. */
export async function writeFindingsList(evaluation: Evaluation, config: Config, path: string, dir: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const rel = relative(dirname(path), resolve(dir));
  const folder = rel ? `${rel.split(sep).join('/')}/` : '';
  await writeFileAtomic(path, await findingsListBytes(evaluation, config, { folder }));
}

/**
 * Checks the folder, then writes the leadership's summary workbook (`汇总-YYYY-MM-DD.xlsx`) atomically.
 *
 * @example
 * ```ts
 * const { path } = await summary('台账', { asOf: '2014-08-15' });
 * ```
 */
export async function summary(dir: string, options: SummaryOptions = {}): Promise<SummaryResult> {
  const result = await check(dir, options);
  const path = options.output ?? summaryPath(dir, result.config, result.report.asOf);
  await writeSummary(result, result.config, path);
  return { ...result, path };
}

/** `summary` as a library call: check, then write the leadership summary workbook, atomically. */
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { Config } from '../core/config.js';
import type { Evaluation } from '../core/report.js';
import { buildSummary, summaryFileName } from '../summary/build.js';
import { repackDeterministic } from '../xlsx/repack.js';
import { writeFileAtomic } from './atomic.js';
import { check, type CheckOptions, type CheckResult } from './check.js';

export interface SummaryOptions extends CheckOptions {
  /** Output file; default `汇总-YYYY-MM-DD.xlsx` in the configured folder, else beside the workbooks. */
  output?: string;
}

export interface SummaryResult extends CheckResult {
  path: string;
}

/** Where the summary goes by default. */
export function summaryPath(dir: string, config: Config, asOf: string): string {
  const folder = config.summary.dir ? (isAbsolute(config.summary.dir) ? config.summary.dir : join(dir, config.summary.dir)) : dir;
  return join(folder, summaryFileName(asOf));
}

/**
 * exceljs names each data bar's Excel 2010 extension with a random GUID; numbering them in order
 * instead keeps the summary the same bytes for the same evaluation.
 */
function numberGuids(name: string, data: Buffer): Buffer {
  if (!name.startsWith('xl/worksheets/')) return data;
  const seen = new Map<string, string>();
  const xml = data.toString('utf8').replace(/(<x14:id>|\bid=")\{([0-9A-F-]{36})\}/g, (_, lead: string, guid: string) => {
    if (!seen.has(guid)) seen.set(guid, `00000000-0000-4000-8000-${String(seen.size + 1).padStart(12, '0')}`);
    return `${lead}{${seen.get(guid)}}`;
  });
  return Buffer.from(xml, 'utf8');
}

/** The summary workbook's bytes: the same for the same evaluation (zip dates and ids fixed). */
export async function summaryBytes(evaluation: Evaluation, config: Config): Promise<Buffer> {
  const workbook = buildSummary(evaluation, config);
  return repackDeterministic(Buffer.from(await workbook.xlsx.writeBuffer()), numberGuids);
}

/** Writes the summary of an evaluation already made (nightly reuses refresh's). */
export async function writeSummary(evaluation: Evaluation, config: Config, path: string): Promise<void> {
  await mkdir(resolve(path, '..'), { recursive: true });
  await writeFileAtomic(path, await summaryBytes(evaluation, config));
}

export async function summary(dir: string, options: SummaryOptions = {}): Promise<SummaryResult> {
  const result = await check(dir, options);
  const path = options.output ?? summaryPath(dir, result.config, result.report.asOf);
  await writeSummary(result, result.config, path);
  return { ...result, path };
}

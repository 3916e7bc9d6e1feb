/** `check` as a library call: config + workbooks in a folder → the evaluation. Writes nothing. */
import { join } from 'node:path';
import { SHEETS, type SheetSpec } from '../core/columns.js';
import type { Config } from '../core/config.js';
import { columnLetter, type Finding } from '../core/findings.js';
import type { HeaderLayout } from '../core/table.js';
import { isDay } from '../core/dates.js';
import { InputError } from '../core/problems.js';
import { evaluate, type Evaluation } from '../core/report.js';
import { CONFIG_NAME, loadConfig, todayInShanghai } from './config.js';
import { loadWorkbooks, type Loaded } from './load.js';

export interface CheckOptions {
  /** Path of the config file; default `taizhang.config.json` in the folder (optional there). */
  configPath?: string;
  /** `YYYY-MM-DD`; default the config's asOf, else today in Asia/Shanghai. */
  asOf?: string;
}

export interface CheckResult extends Evaluation {
  config: Config;
  loaded: Loaded;
}

export async function resolveConfig(dir: string, options: CheckOptions): Promise<{ config: Config; asOf: string }> {
  if (options.asOf !== undefined && !isDay(options.asOf)) {
    throw new InputError('BAD_OPTION', { reason: `--as-of “${options.asOf}” 不是有效日期，应写成 YYYY-MM-DD` });
  }
  const config = await loadConfig(options.configPath ?? join(dir, CONFIG_NAME), options.configPath !== undefined);
  return { config, asOf: options.asOf ?? config.asOf ?? todayInShanghai() };
}

export async function check(dir: string, options: CheckOptions = {}): Promise<CheckResult> {
  const { config, asOf } = await resolveConfig(dir, options);
  const loaded = await loadWorkbooks(dir, config);
  const evaluation = evaluate(loaded.inputs, config, asOf);
  evaluation.report.findings = withCellAddresses(evaluation.report.findings, loaded);
  return { ...evaluation, config, loaded };
}

/**
 * Rules name a column by its standard header; the clerk's sheet may have it anywhere: add the
 * cell address (to copies: the findings may still belong to a tally that can report again).
 */
function withCellAddresses(findings: Finding[], loaded: Loaded): Finding[] {
  const bySheet = new Map<string, { layout: HeaderLayout; spec: SheetSpec }>();
  for (const spec of SHEETS) {
    const info = loaded.sheets[spec.id];
    if (info) bySheet.set(`${info.file}\u0000${info.sheet}`, { layout: info.layout, spec });
  }
  return findings.map((f) => {
    if (f.cell || !f.row || !f.column) return f;
    const found = bySheet.get(`${f.file}\u0000${f.sheet}`);
    const key = found?.spec.columns.find((c) => c.header === f.column)?.key;
    const index = key === undefined ? undefined : found!.layout.index[key];
    return index !== undefined ? { ...f, cell: `${columnLetter(index)}${f.row}` } : f;
  });
}

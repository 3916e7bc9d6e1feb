/** `check` on any source: the workbooks read and evaluated, findings placed at their cells. Writes nothing. Browser-safe. */
import { SHEETS, type SheetSpec } from '../core/columns.js';
import type { Config } from '../core/config.js';
import { cellRef } from '../core/address.js';
import type { Finding } from '../core/findings.js';
import { evaluate, type Evaluation } from '../core/report.js';
import type { HeaderLayout } from '../core/table.js';
import type { RunContext } from './context.js';
import { loadWorkbooks, type Loaded, type Progress } from './load.js';
import type { WorkbookSource } from './source.js';

/** The evaluation of a check, with the config it was judged by and where each sheet was found. */
export interface CheckResult extends Evaluation {
  config: Config;
  loaded: Loaded;
}

/**
 * Reads and evaluates the workbooks of any source (bytes in a page, a folder in Node), as `check` does.
 *
 * @example
 * ```ts
 * const source = new MemorySource(new Map([['党员名册.xlsx', rosterBytes]]));
 * const result = await checkSource(source, runContext(configFromText(undefined), '2014-08-15'));
 * ```
 */
export async function checkSource(source: WorkbookSource, ctx: Pick<RunContext, 'config' | 'asOf'>, progress?: Progress): Promise<CheckResult> {
  return evaluateLoaded(await loadWorkbooks(source, ctx.config, progress), ctx);
}

/** The evaluation of workbooks already read (by a source, or by a spreadsheet host and a source). */
export function evaluateLoaded(loaded: Loaded, ctx: Pick<RunContext, 'config' | 'asOf'>): CheckResult {
  const evaluation = evaluate(loaded.inputs, ctx.config, ctx.asOf);
  evaluation.report.findings = withCellAddresses(evaluation.report.findings, loaded);
  return { ...evaluation, config: ctx.config, loaded };
}

/**
 * Rules name a column by its standard header; the clerk's sheet may have it anywhere: add the
 * cell address (to copies: the findings may still belong to a tally that can report again).
 */
function withCellAddresses(findings: Finding[], loaded: Loaded): Finding[] {
  const bySheet = new Map<string, { layout: HeaderLayout; spec: SheetSpec }>();
  for (const spec of SHEETS) {
    for (const info of loaded.sheets[spec.id] ?? []) bySheet.set(`${info.file}\u0000${info.sheet}`, { layout: info.layout, spec });
  }
  return findings.map((f) => {
    if (f.cell || !f.row || !f.column) return f;
    const found = bySheet.get(`${f.file}\u0000${f.sheet}`);
    const key = found?.spec.columns.find((c) => c.header === f.column)?.key;
    const index = key === undefined ? undefined : found!.layout.index[key];
    return index !== undefined ? { ...f, cell: cellRef(f.row, index) } : f;
  });
}

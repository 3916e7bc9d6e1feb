/** `check` as a library call on a folder: config + workbooks → the evaluation. Writes nothing. */
import { join } from 'node:path';
import { checkSource, type CheckResult } from '../run/check.js';
import { runContext, type RunContext } from '../run/context.js';
import { CONFIG_NAME, loadConfig } from './config.js';
import { FolderSource } from './source.js';

export type { CheckResult } from '../run/check.js';

/** Options of `check` and the commands built on it: the config file, the as-of day, the clock. */
export interface CheckOptions {
  /** Path of the config file; default `taizhang.config.json` in the folder (optional there). */
  configPath?: string;
  /** `YYYY-MM-DD`; default the config's asOf, else today in Asia/Shanghai. */
  asOf?: string;
  /** The clock (tests pin it): today, backup names, the changed-on-disk guard. */
  now?: () => Date;
  /** A context already resolved (nightly resolves it once for all its steps). */
  context?: RunContext;
}

/** The run's context: the config file read once, the as-of date, the clock. */
export async function resolveContext(dir: string, options: CheckOptions): Promise<RunContext> {
  if (options.context) return options.context;
  const config = await loadConfig(options.configPath ?? join(dir, CONFIG_NAME), options.configPath !== undefined);
  return runContext(config, options.asOf, (options.now ?? (() => new Date()))());
}

/**
 * Reads and checks the workbooks of a folder; writes nothing.
 *
 * @example
 * ```ts
 * const { report } = await check('台账', { asOf: '2014-08-15' });
 * console.log(report.tally.errors, report.ledger.filter((e) => e.status === '已逾期').length);
 * ```
 */
export async function check(dir: string, options: CheckOptions = {}): Promise<CheckResult> {
  const ctx = await resolveContext(dir, options);
  const source = new FolderSource(dir);
  try {
    return await checkSource(source, ctx);
  } finally {
    await source.close();
  }
}

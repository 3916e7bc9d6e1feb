/** `check` as a library call: config + workbooks in a folder → the evaluation. Writes nothing. */
import { join } from 'node:path';
import type { Config } from '../core/config.js';
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
  return { ...evaluate(loaded.inputs, config, asOf), config, loaded };
}

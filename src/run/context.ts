/**
 * What one run is about, resolved once: the config (from the text of `taizhang.config.json`, or the
 * 2014 defaults), the as-of date, and whether that date is today (then the highlights compare
 * with TODAY() in Excel, so they stay right between runs). Browser-safe.
 */
import { parseConfig, type Config } from '../core/config.js';
import { isDay, type Day } from '../core/dates.js';
import { InputError } from '../core/problems.js';

import { CONFIG_NAME } from './files.js';

export { CONFIG_NAME };

/** What one run is about, resolved once: the config, the as-of day, whether it is live, the clock. */
export interface RunContext {
  config: Config;
  asOf: Day;
  /** The as-of date is today in Asia/Shanghai. */
  live: boolean;
  /** The clock of this run: backups, logs and locks are stamped with it. */
  now: Date;
}

/** China Standard Time: UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * Today in the school's calendar (Asia/Shanghai), whatever the machine's time zone. By the fixed
 * offset, not Intl: the first Intl time-zone format loads ICU's zone data, 28 ms of every run.
 */
export function todayInShanghai(now: Date = new Date()): Day {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The config from its JSON text; `name` is what the one-line error calls the file. `school` names
 * the school when the config does not (a district names each school after its folder).
 */
export function configFromText(text: string | undefined, name = CONFIG_NAME, school?: string): Config {
  let json: unknown = {};
  if (text !== undefined) {
    try {
      json = JSON.parse(text.replace(/^\ufeff/, ''));
    } catch (e) {
      const where = /position (\d+)/.exec(String((e as Error).message));
      const line = where ? text.slice(0, +where[1]!).split('\n').length : undefined;
      throw new InputError('CONFIG_UNREADABLE', { file: name, reason: `不是有效的 JSON${line ? `（第${line}行附近）` : ''}，注意逗号、引号须为英文半角` });
    }
  }
  if (school !== undefined && json && typeof json === 'object' && !Array.isArray(json) && !('school' in json)) json = { ...json, school };
  const result = parseConfig(json);
  if (!result.ok) throw new InputError('CONFIG_INVALID', { file: name, problems: result.problems.join('；') });
  return result.config;
}

/** An `--as-of` the user typed, checked: a real day, or none. */
export function asOfOption(value: string | undefined): Day | undefined {
  if (value !== undefined && !isDay(value)) {
    throw new InputError('BAD_OPTION', { reason: `--as-of “${value}” 不是有效日期，应写成 YYYY-MM-DD` });
  }
  return value;
}

/** The run's context: the as-of date is the option, else the config's asOf, else today. */
export function runContext(config: Config, asOfTyped: string | undefined, now: Date = new Date()): RunContext {
  const asOfOptionDay = asOfOption(asOfTyped);
  const today = todayInShanghai(now);
  const asOf = asOfOptionDay ?? config.asOf ?? today;
  return { config, asOf, live: asOf === today, now };
}

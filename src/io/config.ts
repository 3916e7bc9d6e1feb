/** Loading `taizhang.config.json` from disk (the schema itself is in the core). */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseConfig, type Config } from '../core/config.js';
import { InputError } from '../core/problems.js';

export const CONFIG_NAME = 'taizhang.config.json';

/** The config at `path`; when it is the default path and absent, the 2014 defaults. */
export async function loadConfig(path: string, required: boolean): Promise<Config> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return parseOrThrow({}, path);
    throw new InputError('CONFIG_UNREADABLE', { file: basename(path), reason: code === 'ENOENT' ? '文件不存在' : `无法读取（${code}）` });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    const where = /position (\d+)/.exec(String((e as Error).message));
    const line = where ? text.slice(0, +where[1]!).split('\n').length : undefined;
    throw new InputError('CONFIG_UNREADABLE', { file: basename(path), reason: `不是有效的 JSON${line ? `（第${line}行附近）` : ''}，注意逗号、引号须为英文半角` });
  }
  return parseOrThrow(json, path);
}

function parseOrThrow(json: unknown, path: string): Config {
  const result = parseConfig(json);
  if (!result.ok) throw new InputError('CONFIG_INVALID', { file: basename(path), problems: result.problems.join('；') });
  return result.config;
}

/** Today in the school's calendar (Asia/Shanghai), whatever the machine's time zone. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

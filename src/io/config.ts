/** Loading `taizhang.config.json` from disk (the schema is in the core, the parsing in run/context). */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Config } from '../core/config.js';
import { InputError } from '../core/problems.js';
import { CONFIG_NAME, configFromText, todayInShanghai } from '../run/context.js';

export { CONFIG_NAME, todayInShanghai };

/** The config at `path`; when it is the default path and absent, the 2014 defaults. `school` names the school when the config does not. */
export async function loadConfig(path: string, required: boolean, school?: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return configFromText(undefined, basename(path), school);
    throw new InputError('CONFIG_UNREADABLE', { file: basename(path), reason: code === 'ENOENT' ? '文件不存在' : `无法读取（${code}）` });
  }
  return configFromText(text, basename(path), school);
}

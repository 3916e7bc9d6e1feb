/**
 * The generated parts of docs/工作簿格式与检查规则.md: the workbook formats, written from the
 * declaration of the workbooks and their column tables (the one place a column is described), and
 * the list of every code a report or an error can carry, written from the catalogues. So the
 * document cannot drift from what the tool reads and says.
 *
 *     npx tsx scripts/docs.ts        rewrites the generated parts of the document
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKBOOKS, type ColumnSpec } from '../src/core/columns.js';
import { MESSAGES, NOTES } from '../src/core/messages.js';
import { PROBLEMS } from '../src/core/problems.js';
import { defaultConfig } from '../src/core/config.js';

export const DOC = join(fileURLToPath(new URL('..', import.meta.url)), 'docs', '工作簿格式与检查规则.md');
const BEGIN = '<!-- 以下各表由 scripts/docs.ts 根据列定义生成，请勿手改 -->';
const END = '<!-- 生成部分结束 -->';

const TYPE_WORDS: Record<ColumnSpec['type'], string> = {
  text: '文字',
  name: '姓名或名称（空格不计）',
  names: '一人或多人，用“、”“，”“;”分隔',
  list: '多项，用“、”“，”“;”分隔',
  date: '日期',
  deadline: '日期，或“7月下旬”“9月底”这样的时段',
  yesno: '是/否',
  enum: '下列之一',
  count: '整数',
  number: '数字',
};

export function workbookFormats(): string {
  const config = defaultConfig();
  const out: string[] = [BEGIN, ''];
  for (const workbook of WORKBOOKS) {
    out.push(`### ${config.files[workbook.id]}`, '');
    for (const sheet of workbook.sheets) {
    out.push(`#### 工作表“${sheet.sheet}”`, '', '| 列 | 也认作 | 必填 | 内容 | 缺少这一列时 |', '|---|---|---|---|---|');
    for (const c of sheet.columns as readonly ColumnSpec[]) {
      const options = c.options?.(config);
      const content = options ? `${TYPE_WORDS[c.type]}：${options.join('、')}` : TYPE_WORDS[c.type];
      const empty = c.emptyMeans === undefined ? '' : `；空白按“${c.emptyMeans ? '是' : '否'}”`;
      out.push(`| ${c.header} | ${(c.variants ?? []).join('、')} | ${c.required ? '是' : ''} | ${content}${empty} | ${c.absentMeans?.(config) ?? ''} |`);
    }
    out.push('');
    }
  }
  out.push(END);
  return out.join('\n');
}

const CODES_BEGIN = '<!-- 以下代码表由 scripts/docs.ts 根据代码目录生成，请勿手改 -->';
const CODES_END = '<!-- 代码表结束 -->';

/** Every code with what it means: findings (with severity), the reader's notes, the problems that stop a run. */
export function codeCatalogue(): string {
  const out = [CODES_BEGIN, '', '| 代码 | 类别 | 含义 |', '|---|---|---|'];
  for (const [code, e] of Object.entries(MESSAGES)) out.push(`| \`${code}\` | ${e.severity === 'error' ? '错误' : '提醒'} | ${e.short} |`);
  for (const [code, e] of Object.entries(NOTES)) out.push(`| \`${code}\` | 说明 | ${e.short} |`);
  for (const [code, e] of Object.entries(PROBLEMS)) out.push(`| \`${code}\` | 无法运行（退出码 2） | ${e.short} |`);
  out.push('', CODES_END);
  return out.join('\n');
}

function replaceBetween(doc: string, begin: string, end: string, text: string): string {
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${DOC}: the markers ${begin} … ${end} are missing`);
  return doc.slice(0, a) + text + doc.slice(b + end.length);
}

/** The document with its generated parts replaced. */
export function withFormats(doc: string): string {
  return replaceBetween(replaceBetween(doc, BEGIN, END, workbookFormats()), CODES_BEGIN, CODES_END, codeCatalogue());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(DOC, withFormats(readFileSync(DOC, 'utf8')));
  console.log(`written: ${DOC}`);
}

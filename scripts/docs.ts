/**
 * The workbook formats of docs/工作簿格式与检查规则.md, written from the column tables (the one place
 * a column is described), so the document cannot drift from what the tool reads.
 *
 *     npx tsx scripts/docs.ts        rewrites the generated part of the document
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHEETS, type ColumnSpec } from '../src/core/columns.js';
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
  let workbook = '';
  for (const sheet of SHEETS) {
    if (sheet.workbook !== workbook) {
      workbook = sheet.workbook;
      out.push(`### ${config.files[sheet.workbook]}`, '');
    }
    out.push(`#### 工作表“${sheet.sheet}”`, '', '| 列 | 也认作 | 必填 | 内容 | 缺少这一列时 |', '|---|---|---|---|---|');
    for (const c of sheet.columns as readonly ColumnSpec[]) {
      const options = c.options?.(config);
      const content = options ? `${TYPE_WORDS[c.type]}：${options.join('、')}` : TYPE_WORDS[c.type];
      const empty = c.emptyMeans === undefined ? '' : `；空白按“${c.emptyMeans ? '是' : '否'}”`;
      out.push(`| ${c.header} | ${(c.variants ?? []).join('、')} | ${c.required ? '是' : ''} | ${content}${empty} | ${c.absentMeans?.(config) ?? ''} |`);
    }
    out.push('');
  }
  out.push(END);
  return out.join('\n');
}

/** The document with its generated part replaced. */
export function withFormats(doc: string): string {
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${DOC}: the markers of the generated part are missing`);
  return doc.slice(0, a) + workbookFormats() + doc.slice(b + END.length);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(DOC, withFormats(readFileSync(DOC, 'utf8')));
  console.log(`written: ${DOC}`);
}

/** The console view: the report's text (shared with the page), and what a refresh did. */
import { relative } from 'node:path';
import type { Lang } from '../core/findings.js';
import type { FileRefresh } from '../io/refresh.js';
import { OUTCOME_WORDS } from '../run/refresh.js';

export { jsonReport } from '../run/report.js';
export { formatReport } from '../run/text.js';


/** One line for a workbook the refresh had to leave alone, in the asked language. */
export function refreshProblem(f: FileRefresh, lang: Lang): string {
  return lang === 'en' ? `${f.file}: ${OUTCOME_WORDS[f.outcome].en}` : f.message;
}

/** The console lines of a refresh: per workbook, what was written and where the backup is. */
export function formatRefresh(dir: string, files: readonly FileRefresh[], lang: Lang = 'zh'): string {
  if (lang === 'en') {
    return ['Write-back:', ...files.map((f) => {
      const details = f.outcome === 'written' || f.outcome === 'would-write'
        ? ` (${f.sheets.map((s) => `${s.sheet}: ${s.addedColumns.length ? `new columns ${s.addedColumns.join(', ')}, ` : ''}${s.changedCells} cells changed`).join('; ')})`
        : '';
      return `  ${f.file}: ${OUTCOME_WORDS[f.outcome].en}${details}${f.backup ? `; previous version kept as ${relative(dir, f.backup)}` : ''}`;
    })].join('\n');
  }
  const lines = ['回写：'];
  for (const f of files) {
    const details = f.sheets
      .map((s) => {
        const parts = [];
        if (s.addedColumns.length) parts.push(`新增列 ${s.addedColumns.join('、')}`);
        parts.push(`${s.changedCells} 个单元格有变化`);
        return `${s.sheet}：${parts.join('，')}`;
      })
      .join('；');
    const backup = f.backup ? `；原文件已备份到 ${relative(dir, f.backup)}` : '';
    const shown = details && f.outcome !== 'locked' && f.outcome !== 'unchanged';
    lines.push(`  ${f.message}${shown ? `（${details}）` : ''}${backup}`);
  }
  return lines.join('\n');
}

export function jsonRefresh(dir: string, files: readonly FileRefresh[]): unknown {
  return files.map((f) => ({ file: f.file, outcome: f.outcome, sheets: f.sheets, backup: f.backup ? relative(dir, f.backup) : undefined, message: f.message }));
}

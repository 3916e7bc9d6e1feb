/**
 * The report as the console prints it (and a page shows it): findings grouped by workbook and
 * sheet, the notes, then the figures. Every sentence comes from core/words.ts, which this module
 * also hands on: the run layer's one text view of a report. Browser-safe.
 */
import { findingMessage, noteMessage, type Finding, type Lang } from '../core/findings.js';
import type { Report } from '../core/report.js';
import { findingWhere, SEVERITY_WORDS, sheetPlace, tallyLines, titleLine } from '../core/words.js';

export * from '../core/words.js';

const WORDS = {
  zh: {
    none: '未发现问题。',
    notes: '说明：',
    more: (n: number) => `……另有 ${n} 条未显示（用 --json 查看全部）`,
  },
  en: {
    none: 'No findings.',
    notes: 'Notes:',
    more: (n: number) => `... ${n} more not shown (use --json to see all)`,
  },
} as const;

export function formatReport(report: Report, lang: Lang, limit = 200): string {
  const t = WORDS[lang];
  const out: string[] = [titleLine(report, lang), ''];
  const shown = report.findings.slice(0, limit);
  if (report.findings.length === 0) out.push(t.none);
  let group = '';
  for (const f of shown) {
    const g = sheetPlace(f);
    if (g !== group) {
      if (group) out.push('');
      out.push(g);
      group = g;
    }
    out.push(`  ${findingLine(f, lang)}`);
  }
  if (report.findings.length > shown.length) out.push('', t.more(report.findings.length - shown.length));
  if (report.notes.length) {
    out.push('', t.notes);
    for (const n of report.notes) out.push(`  ${noteLine(n, lang)}`);
  }
  out.push('', ...tallyLines(report, lang));
  return out.join('\n');
}

/** One finding as the console prints it: row, column (and its letter), severity, message. */
export function findingLine(f: Finding, lang: Lang): string {
  const where = findingWhere(f, lang);
  return `${where ? `${where.padEnd(lang === 'zh' ? 14 : 18)} ` : ''}[${SEVERITY_WORDS[lang][f.severity]}] ${findingMessage(f, lang)}`;
}

/** One note with its place: 「走访记录.xlsx › 家访记录（一班）：表头在第5行又出现了……」 */
export function noteLine(n: Report['notes'][number], lang: Lang): string {
  return `${sheetPlace(n)}：${noteMessage(n, lang)}`;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A mail's lines as its HTML body (the nightly mail and the district roll-up look alike). */
export function linesAsHtml(lines: readonly string[]): string {
  return `<div style="font-family:'Microsoft YaHei',sans-serif;font-size:14px">${lines.map((l) => (l ? `<p style="margin:2px 0">${escapeHtml(l)}</p>` : '<br>')).join('')}</div>`;
}

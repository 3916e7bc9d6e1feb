/** The `--json` report, the same from the CLI and from a page: findings and notes carry their message in the asked language. */
import { findingMessage, noteMessage, type Lang } from '../core/findings.js';
import type { Report } from '../core/report.js';

export function jsonReport(report: Report, lang: Lang): Record<string, unknown> {
  return {
    ...report,
    findings: report.findings.map((f) => ({ ...f, message: findingMessage(f, lang) })),
    notes: report.notes.map((n) => ({ ...n, message: noteMessage(n, lang) })),
  };
}

/** The text of `check --json`: what the CLI prints and what a page downloads, to the byte. */
export function jsonReportText(report: Report, lang: Lang = 'zh'): string {
  return `${JSON.stringify(jsonReport(report, lang), null, 2)}\n`;
}

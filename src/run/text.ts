/**
 * The report in words: findings grouped by workbook and sheet, then a short tally. The console
 * prints it, and a page shows the same words. Browser-safe.
 */
import { findingMessage, noteMessage, type Finding, type Lang } from '../core/findings.js';
import type { Report } from '../core/report.js';

export const L = {
  zh: {
    title: (r: Report) => `${r.school} 教育实践活动台账检查  截至 ${r.asOf}（${r.phase.name}${r.phase.index >= 1 && r.phase.from ? `，本阶段剩余 ${r.phase.daysLeft} 天` : ''}）`,
    row: (n?: number) => (n ? `第${n}行` : ''),
    error: '错误',
    warning: '提醒',
    none: '未发现问题。',
    notes: '说明：',
    more: (n: number) => `……另有 ${n} 条未显示（用 --json 查看全部）`,
    total: (r: Report) => `合计：错误 ${r.tally.errors} 条，提醒 ${r.tally.warnings} 条`,
    ledger: (r: Report) => {
      const t = r.tally.ledger;
      return `整改台账：共 ${t.total} 项，已逾期 ${t['已逾期']} 项，即将到期 ${t['即将到期']} 项，要素不全 ${t['要素不全']} 项，整改中 ${t['整改中']} 项，已完成 ${t['已完成']} 项，逾期完成 ${t['逾期完成']} 项`;
    },
    duties: (r: Report) => `三进三听：班子成员 ${r.tally.duties.leaders} 人，缺周次 ${r.tally.duties.missedWeeks} 项，缺月次 ${r.tally.duties.missedMonths} 项（只统计已结束的周和月）`,
    talks: (r: Report) => `谈心谈话：应谈 ${r.tally.talks.required} 对，已谈 ${r.tally.talks.done} 对${r.tally.talks.judged ? '' : '（谈心期未结束，暂不判定）'}`,
    study: (r: Report) => {
      const s = r.tally.study;
      if (!s) return r.study.checked ? '' : `学习教育：${r.study.reason}`;
      return `学习教育：心得体会 ${s.essaysHanded}/${s.members} 人，优秀 ${s.excellent} 篇，集中学习 ${s.studyDays} 天；组织生活会 ${s.branchesDone}/${s.branches} 个支部合格；对照检查材料 ${s.materialsOk}/${s.materialsRequired} 人合格；宣传报道 ${s.publicity}/${s.publicityRequired} 篇；未对应台账的意见 ${s.opinionsUntraced} 条`;
    },
    plan: (r: Report) => {
      const t = r.tally.plan;
      return `方案 ${t.total} 项：已完成 ${t['已完成']}，进行中 ${t['进行中']}，未开始 ${t['未开始']}，未完成 ${t['未完成']}${t['未检查'] ? `，未检查 ${t['未检查']}` : ''}`;
    },
    visits: (r: Report) =>
      `家访：有家访任务的教师 ${r.tally.visits.teachers} 人，未达标 ${r.tally.visits.underQuota} 人${r.tally.visits.judged ? '' : '（家访期未结束，暂不判定）'}`,
  },
  en: {
    title: (r: Report) => `${r.school} campaign ledger check as of ${r.asOf} (${r.phase.name}, ${r.phase.daysLeft} days left in the phase)`,
    row: (n?: number) => (n ? `row ${n}` : ''),
    error: 'error',
    warning: 'warning',
    none: 'No findings.',
    notes: 'Notes:',
    more: (n: number) => `... ${n} more not shown (use --json to see all)`,
    total: (r: Report) => `Total: ${r.tally.errors} errors, ${r.tally.warnings} warnings`,
    ledger: (r: Report) => {
      const t = r.tally.ledger;
      return `Ledger: ${t.total} items, ${t['已逾期']} overdue, ${t['即将到期']} due soon, ${t['要素不全']} incomplete, ${t['整改中']} in progress, ${t['已完成']} done, ${t['逾期完成']} done late`;
    },
    duties: (r: Report) => `三进三听: ${r.tally.duties.leaders} leaders, ${r.tally.duties.missedWeeks} week-duties and ${r.tally.duties.missedMonths} month-duties missed`,
    talks: (r: Report) => `Talks: ${r.tally.talks.done} of ${r.tally.talks.required} required pairs held`,
    study: (r: Report) => {
      const s = r.tally.study;
      if (!s) return 'Study workbook not found: study rules not checked';
      return `Study: essays ${s.essaysHanded}/${s.members}, excellent ${s.excellent}, study days ${s.studyDays}; branches ${s.branchesDone}/${s.branches}; materials ${s.materialsOk}/${s.materialsRequired}; publicity ${s.publicity}/${s.publicityRequired}; untraced opinions ${s.opinionsUntraced}`;
    },
    plan: (r: Report) => {
      const t = r.tally.plan;
      return `Plan: ${t.total} items, ${t['已完成']} done, ${t['进行中']} in progress, ${t['未开始']} not started, ${t['未完成']} overdue${t['未检查'] ? `, ${t['未检查']} not checked` : ''}`;
    },
    visits: (r: Report) => `Home visits: ${r.tally.visits.teachers} teachers with a quota, ${r.tally.visits.underQuota} under quota${r.tally.visits.judged ? '' : ' (window still open)'}`,
  },
} as const;

export function formatReport(report: Report, lang: Lang, limit = 200): string {
  const t = L[lang];
  const out: string[] = [t.title(report), ''];
  const shown = report.findings.slice(0, limit);
  if (report.findings.length === 0) out.push(t.none);
  let group = '';
  for (const f of shown) {
    const g = f.sheet ? `${f.file} › ${f.sheet}` : f.file;
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
    for (const n of report.notes) out.push(`  ${n.sheet ? `${n.file} › ${n.sheet}：` : `${n.file}：`}${noteMessage(n, lang)}`);
  }
  out.push('', ...tallyLines(report, lang));
  return out.join('\n');
}

/** One finding as the console prints it: row, column (and its letter), severity, message. */
export function findingLine(f: Finding, lang: Lang): string {
  const t = L[lang];
  const where = [t.row(f.row), f.column ? `${f.column}${f.cell ? `(${f.cell.replace(/\d+$/, '')}列)` : ''}` : ''].filter(Boolean).join(' ');
  const sev = f.severity === 'error' ? t.error : t.warning;
  return `${where ? `${where.padEnd(lang === 'zh' ? 14 : 18)} ` : ''}[${sev}] ${findingMessage(f, lang)}`;
}


/** The tally lines under the findings. */
export function tallyLines(report: Report, lang: Lang): string[] {
  const t = L[lang];
  return [t.total(report), t.plan(report), t.ledger(report), t.visits(report), t.duties(report), t.talks(report), t.study(report)].filter(Boolean);
}

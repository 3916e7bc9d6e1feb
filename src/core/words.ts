/**
 * The report in words: every sentence about a report that a clerk or a leader reads, once. The
 * console, the mail, the summary workbook, the page, the pane, the group notices and the district
 * roll-up take their sentences from here and only choose where to show them. (The findings' own
 * sentences are the catalogue in messages.ts.) It sits in the core so that the summary, which may
 * only use the core, words a report as the others do; `run/text.ts` is its face in the run layer.
 * Pure.
 */
import { cellColumn } from './address.js';
import { formatDayZh } from './dates.js';
import type { Finding, Lang, Note } from './findings.js';
import type { Report } from './report.js';
import type { LedgerEntry } from './rules/ledger.js';
import type { PhaseStatus } from './rules/phase.js';

/** 错误 / 提醒: a finding's severity in words. */
export const SEVERITY_WORDS: Record<Lang, Record<Finding['severity'], string>> = {
  zh: { error: '错误', warning: '提醒' },
  en: { error: 'error', warning: 'warning' },
};

/** Whether the as-of day lies in a phase of the campaign (before and after it there is no "days left"). */
const inPhase = (p: PhaseStatus) => p.index >= 1 && p.from !== undefined;

/** 「整改落实、建章立制，本阶段剩余 46 天」: the phase and, inside the campaign, its days left. */
export function phaseLine(p: PhaseStatus, lang: Lang): string {
  if (!inPhase(p)) return p.name;
  if (p.daysLeft === 0) return lang === 'zh' ? `${p.name}，今天是本阶段最后一天` : `${p.name}, the last day of the phase`;
  return lang === 'zh' ? `${p.name}，本阶段剩余 ${p.daysLeft} 天` : `${p.name}, ${p.daysLeft} days left in the phase`;
}

/** 「整改落实、建章立制（剩46天）」: the phase in a table's cell. */
export function phaseShort(p: PhaseStatus, lang: Lang): string {
  if (!inPhase(p)) return p.name;
  if (p.daysLeft === 0) return lang === 'zh' ? `${p.name}（最后一天）` : `${p.name} (last day)`;
  return lang === 'zh' ? `${p.name}（剩${p.daysLeft}天）` : `${p.name} (${p.daysLeft} days left)`;
}

/** 「（7月1日—9月30日）」: the phase's span, inside the campaign. */
export function phaseSpan(p: PhaseStatus): string {
  return inPhase(p) && p.to ? `（${formatDayZh(p.from!)}—${formatDayZh(p.to)}）` : '';
}

/** The heading of a check: school, as-of date and phase. */
export function titleLine(r: Report, lang: Lang): string {
  return lang === 'zh' ? `${r.school} 教育实践活动台账检查  截至 ${r.asOf}（${phaseLine(r.phase, lang)}）` : `${r.school} campaign ledger check as of ${r.asOf} (${phaseLine(r.phase, lang)})`;
}

/** 「合计：错误 3 条，提醒 5 条」 */
export function totalLine(r: Report, lang: Lang): string {
  return lang === 'zh' ? `合计：错误 ${r.tally.errors} 条，提醒 ${r.tally.warnings} 条` : `Total: ${r.tally.errors} errors, ${r.tally.warnings} warnings`;
}

/** 「方案 18 项：已完成 5，进行中 3，未开始 6，未完成 2，未检查 2」 */
export function planLine(r: Report, lang: Lang): string {
  const t = r.tally.plan;
  return lang === 'zh'
    ? `方案 ${t.total} 项：已完成 ${t['已完成']}，进行中 ${t['进行中']}，未开始 ${t['未开始']}，未完成 ${t['未完成']}${t['未检查'] ? `，未检查 ${t['未检查']}` : ''}`
    : `Plan: ${t.total} items, ${t['已完成']} done, ${t['进行中']} in progress, ${t['未开始']} not started, ${t['未完成']} overdue${t['未检查'] ? `, ${t['未检查']} not checked` : ''}`;
}

/** 「整改台账：共 18 项，已逾期 2 项，……」 */
export function ledgerLine(r: Report, lang: Lang): string {
  const t = r.tally.ledger;
  return lang === 'zh'
    ? `整改台账：共 ${t.total} 项，已逾期 ${t['已逾期']} 项，即将到期 ${t['即将到期']} 项，要素不全 ${t['要素不全']} 项，整改中 ${t['整改中']} 项，已完成 ${t['已完成']} 项，逾期完成 ${t['逾期完成']} 项`
    : `Ledger: ${t.total} items, ${t['已逾期']} overdue, ${t['即将到期']} due soon, ${t['要素不全']} incomplete, ${t['整改中']} in progress, ${t['已完成']} done, ${t['逾期完成']} done late`;
}

/** 「家访：有家访任务的教师 48 人，未达标 3 人」 */
export function visitsLine(r: Report, lang: Lang): string {
  const t = r.tally.visits;
  return lang === 'zh'
    ? `家访：有家访任务的教师 ${t.teachers} 人，未达标 ${t.underQuota} 人${t.judged ? '' : '（家访期未结束，暂不判定）'}`
    : `Home visits: ${t.teachers} teachers with a quota, ${t.underQuota} under quota${t.judged ? '' : ' (window still open)'}`;
}

/** 「三进三听：班子成员 7 人，缺周次 3 项，缺月次 1 项（只统计已结束的周和月）」 */
export function dutiesLine(r: Report, lang: Lang): string {
  const t = r.tally.duties;
  return lang === 'zh'
    ? `三进三听：班子成员 ${t.leaders} 人，缺周次 ${t.missedWeeks} 项，缺月次 ${t.missedMonths} 项（只统计已结束的周和月）`
    : `三进三听: ${t.leaders} leaders, ${t.missedWeeks} week-duties and ${t.missedMonths} month-duties missed`;
}

/** 「谈心谈话：应谈 51 对，已谈 47 对」 */
export function talksLine(r: Report, lang: Lang): string {
  const t = r.tally.talks;
  return lang === 'zh'
    ? `谈心谈话：应谈 ${t.required} 对，已谈 ${t.done} 对${t.judged ? '' : '（谈心期未结束，暂不判定）'}`
    : `Talks: ${t.done} of ${t.required} required pairs held${t.judged ? '' : ' (window still open)'}`;
}

/** The study workbook's figures, or why it was not checked; empty when there is nothing to say. */
export function studyLine(r: Report, lang: Lang): string {
  const s = r.tally.study;
  if (!s) {
    if (r.study.checked) return '';
    return lang === 'zh' ? `学习教育：${r.study.reason}` : 'Study workbook not found: study rules not checked';
  }
  return lang === 'zh'
    ? `学习教育：心得体会 ${s.essaysHanded}/${s.members} 人，优秀 ${s.excellent} 篇，集中学习 ${s.studyDays} 天；组织生活会 ${s.branchesDone}/${s.branches} 个支部合格；对照检查材料 ${s.materialsOk}/${s.materialsRequired} 人合格；宣传报道 ${s.publicity}/${s.publicityRequired} 篇；未对应台账的意见 ${s.opinionsUntraced} 条`
    : `Study: essays ${s.essaysHanded}/${s.members}, excellent ${s.excellent}, study days ${s.studyDays}; branches ${s.branchesDone}/${s.branches}; materials ${s.materialsOk}/${s.materialsRequired}; publicity ${s.publicity}/${s.publicityRequired}; untraced opinions ${s.opinionsUntraced}`;
}

/** Every figure of a report, one line each, in the order a leader reads them. */
export function tallyLines(r: Report, lang: Lang): string[] {
  return [totalLine(r, lang), planLine(r, lang), ledgerLine(r, lang), visitsLine(r, lang), dutiesLine(r, lang), talksLine(r, lang), studyLine(r, lang)].filter(Boolean);
}

/** 「7号」, or 「第12行」 for an item without a number: a ledger item as the clerk finds it. */
export function ledgerItemName(e: Pick<LedgerEntry, 'seq' | 'row'>): string {
  return e.seq ? `${e.seq}号` : `第${e.row}行`;
}

/** 「7号 会议多、文件多」: an item's name and its problem. */
export function ledgerItemLabel(e: Pick<LedgerEntry, 'seq' | 'row' | 'problem'>): string {
  return `${ledgerItemName(e)}${e.problem ? ` ${e.problem}` : ''}`;
}

/** 「7号 会议多（责任人 谭红，时限 8月上旬，逾期 5 天）」: an overdue item for a leader's list. */
export function overdueItemLine(e: LedgerEntry): string {
  return `${e.seq ? `${e.seq}号 ` : ''}${e.problem ?? ''}（责任人 ${e.people.join('、') || '未填'}，时限 ${e.deadlineText ?? ''}，逾期 ${e.daysLate} 天）`;
}

/** A school of a district in one line: its figures, or why it could not be checked. */
export function schoolLine(school: string, report: Report | undefined, reason: string | undefined, lang: Lang): string {
  if (!report) return lang === 'zh' ? `${school}：无法检查（${reason ?? ''}）` : `${school}: not checked (${reason ?? ''})`;
  const t = report.tally;
  return lang === 'zh'
    ? `${school}：已逾期 ${t.ledger['已逾期']} 项，家访未达标 ${t.visits.underQuota} 人，方案未完成 ${t.plan['未完成']} 项，错误 ${t.errors} 条`
    : `${school}: ${t.ledger['已逾期']} overdue, ${t.visits.underQuota} under the visit quota, ${t.plan['未完成']} plan items overdue, ${t.errors} errors`;
}

/** What changed since the last report a leader was sent (the nightly mail, a group notice). */
export interface Changes {
  becameOverdue: string[];
  closed: string[];
  reachedQuota: string[];
  /** Plan items that became 未完成 since the last report (第6项 深入开展家访活动). */
  planUndone: string[];
}

/** The changes, one line each (「新逾期：7号 会议多」); 「无变化」 when there are none. */
export function changesLines(c: Changes): string[] {
  const lines = [
    c.becameOverdue.length ? `新逾期：${c.becameOverdue.join('；')}` : '',
    c.closed.length ? `已办结：${c.closed.join('；')}` : '',
    c.reachedQuota.length ? `家访新达标：${c.reachedQuota.join('、')}` : '',
    c.planUndone.length ? `方案新未完成：${c.planUndone.join('；')}` : '',
  ].filter(Boolean);
  return lines.length ? lines : ['无变化'];
}

/** Where a finding is, as the console and the lists say it: 「第3行 整改时限(J列)」. */
export function findingWhere(f: Pick<Finding, 'row' | 'column' | 'cell'>, lang: Lang): string {
  const row = f.row ? (lang === 'zh' ? `第${f.row}行` : `row ${f.row}`) : '';
  const column = f.column ? `${f.column}${f.cell ? `(${cellColumn(f.cell)}列)` : ''}` : '';
  return [row, column].filter(Boolean).join(' ');
}

/** 「走访记录.xlsx › 家访记录」: the workbook and sheet a finding or a note is about. */
export function sheetPlace(p: Pick<Note, 'file' | 'sheet'>): string {
  return p.sheet ? `${p.file} › ${p.sheet}` : p.file;
}

/**
 * The one sentence for a fault of the tool itself (not of the workbooks): what went wrong, that no
 * file was changed where that holds, and to send the line to the maintainer.
 */
export function internalErrorLine(message: string, lang: Lang, nothingChanged = false): string {
  return lang === 'zh'
    ? `内部错误：${message}（${nothingChanged ? '未修改任何文件；' : ''}请把这一行发给维护人员）`
    : `internal error: ${message} (${nothingChanged ? 'no file was changed; ' : ''}please send this line to the maintainer)`;
}

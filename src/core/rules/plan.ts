/**
 * R-plan (§三.1–16, §四.2–3): the plan item by item. Each item's proofs are checked by kind
 * (a rule met in full, a 工作记录 row in a window, rows naming each 制度, no ledger item in some
 * statuses, a study session, opinions in a window); the item is 已完成 when all hold, 未检查 when
 * what would prove it is absent, else by its window: 未开始, 进行中, or 未完成 (an error finding).
 */
import type { OpinionRow, StudySessionRow, WorkLogRow } from '../columns.js';
import { formatDayZh, isWithin, type Day } from '../dates.js';
import { rowStatus, finding, type Finding, type Place, type RowStatus } from '../findings.js';
import { windowZh, type PlanItem, type Proof, type RuleId, type Window } from '../plan.js';
import { normalizeText } from '../text.js';
import type { LedgerEntry } from './ledger.js';

/** The statuses of a plan item: 已完成, 进行中, 未开始, 未完成, 未检查. */
export const PLAN_STATUSES = ['已完成', '进行中', '未开始', '未完成', '未检查'] as const;
/** The word a 工作记录 row that proves an item starts with (its 【自动】校验). */
export const PLAN_ROW_PROVES = '证明';
/** A plan item's status word. */
export type PlanStatusWord = (typeof PLAN_STATUSES)[number];

/** A plan item as judged: its status and why. */
export interface PlanItemStatus {
  item: string;
  title: string;
  from: Day;
  to: Day;
  status: PlanStatusWord;
  /** The records or rule results that prove it (or prove part of it). */
  evidence: string[];
  /** What is still missing, in words. */
  missing: string[];
}

/** A rule's result as a proof: met in full or not, and in words. */
export interface RuleOutcome {
  done: boolean;
  /** Nothing to judge (no one the rule asks anything of): why, and the item is 未检查, never 已完成. */
  unchecked?: string;
  evidence: string;
  missing: string[];
  place: Place;
}

type Sheet<R> = { file: string; sheet: string; rows: readonly R[] };

export interface PlanInputs {
  /** The 工作记录 sheet; absent when 学习教育.xlsx or the sheet is not there. */
  workLog?: Sheet<WorkLogRow>;
  /** Why there is no 工作记录 to look at, for the 未检查 items. */
  workLogAbsent: string;
  /** Rule outcomes; a rule whose workbook is absent is missing here. */
  rules: Partial<Record<RuleId, RuleOutcome>>;
  rulesAbsent: string;
  ledger: { entries: readonly LedgerEntry[]; place: Place };
  sessions?: Sheet<StudySessionRow>;
  opinions?: Sheet<OpinionRow>;
}

interface ProofResult {
  proved: boolean;
  /** What would prove it is absent: the reason. */
  unchecked?: string;
  evidence: string[];
  missing: string[];
  /** Rows of the 工作记录 this proof used, by row number. */
  used: number[];
  place: Place;
}

/** A 制度's name without its marks: 《》“”, spaces, and a trailing 制度 (the clerks write it either way). */
export function institutionKey(name: string): string {
  return normalizeText(name).replace(/[《》〈〉“”"'「」『』]/g, '').replace(/制度$/, '');
}

const rowText = (r: WorkLogRow) => `工作记录第${r.row}行：${r.date} ${r.event}${r.content ? `（${r.content}）` : ''}`;

function eventProof(p: Extract<Proof, { kind: 'event' }>, item: Window, inputs: PlanInputs): ProofResult {
  const log = inputs.workLog!;
  const place = { file: log.file, sheet: log.sheet };
  const within = p.within ?? item;
  const rows = log.rows.filter((r) => r.event === p.event && r.date);
  let after: Day | undefined;
  if (p.after) {
    const first = log.rows.filter((r) => r.event === p.after && r.date).map((r) => r.date!).sort()[0];
    if (!first) return { proved: false, evidence: [], missing: [`缺 工作记录「${p.after}」，「${p.event}」无从判断先后`], used: [], place };
    after = first;
  }
  const proving = rows.filter((r) => isWithin(r.date!, within.from, within.to) && (!after || r.date! >= after));
  if (proving.length) return { proved: true, evidence: proving.map(rowText), missing: [], used: proving.map((r) => r.row), place };
  const wrong = rows[0];
  const missing = !wrong
    ? [`缺 工作记录「${p.event}」（${windowZh(within)}）`]
    : after && wrong.date! < after
      ? [`工作记录「${p.event}」第${wrong.row}行（${formatDayZh(wrong.date!)}）早于「${p.after}」（${formatDayZh(after)}）`]
      : [`工作记录「${p.event}」第${wrong.row}行日期${formatDayZh(wrong.date!)}不在${windowZh(within)}`];
  return { proved: false, evidence: [], missing, used: [], place: { ...place, ...(wrong ? { row: wrong.row, column: '日期' } : {}) } };
}

function namingProof(p: Extract<Proof, { kind: 'eventsNaming' }>, item: Window, inputs: PlanInputs): ProofResult {
  const log = inputs.workLog!;
  const rows = log.rows.filter((r) => r.event === p.event && r.date && isWithin(r.date, item.from, item.to));
  const found: string[] = [];
  const missing: string[] = [];
  const used = new Set<number>();
  for (const name of p.names) {
    const key = institutionKey(name);
    const row = rows.find((r) => institutionKey(r.content ?? '').includes(key) || normalizeText(r.content ?? '').replace(/[《》〈〉“”"'「」『』]/g, '').includes(key));
    if (row) {
      found.push(`${name}（工作记录第${row.row}行）`);
      used.add(row.row);
    } else missing.push(name);
  }
  return {
    proved: missing.length === 0,
    evidence: found.length ? [`${p.event}：${found.join('、')}`] : [],
    missing: missing.length ? [`${p.event}缺：${missing.join('、')}`] : [],
    used: [...used],
    place: { file: log.file, sheet: log.sheet },
  };
}

function proofResult(p: Proof, item: PlanItem, inputs: PlanInputs): ProofResult {
  const none = (reason: string, place: Place): ProofResult => ({ proved: false, unchecked: reason, evidence: [], missing: [reason], used: [], place });
  switch (p.kind) {
    case 'event':
      return inputs.workLog ? eventProof(p, item, inputs) : none(inputs.workLogAbsent, { file: inputs.ledger.place.file });
    case 'eventsNaming':
      return inputs.workLog ? namingProof(p, item, inputs) : none(inputs.workLogAbsent, { file: inputs.ledger.place.file });
    case 'rule': {
      const r = inputs.rules[p.rule];
      if (!r) return none(inputs.rulesAbsent, inputs.ledger.place);
      if (r.unchecked) return none(r.unchecked, r.place);
      return { proved: r.done, evidence: r.done ? [r.evidence] : [], missing: r.done ? [] : r.missing, used: [], place: r.place };
    }
    case 'ledgerNone': {
      const bad = inputs.ledger.entries.filter((e) => (p.statuses as readonly string[]).includes(e.status));
      return {
        proved: bad.length === 0,
        evidence: bad.length ? [] : [`整改台账无“${p.statuses.join('”“')}”事项`],
        missing: p.statuses
          .map((s) => [s, bad.filter((e) => e.status === s)] as const)
          .filter(([, es]) => es.length)
          .map(([s, es]) => `整改台账${s} ${es.length} 项（第${es.map((e) => e.row).join('、')}行）`),
        used: [],
        place: inputs.ledger.place,
      };
    }
    case 'studySession': {
      const s = inputs.sessions;
      if (!s) return none(inputs.rulesAbsent, inputs.ledger.place);
      const rows = s.rows.filter((r) => r.form === p.form && r.date && isWithin(r.date, item.from, item.to));
      const place = { file: s.file, sheet: s.sheet };
      return rows.length
        ? { proved: true, evidence: rows.map((r) => `集中学习第${r.row}行：${r.date} ${p.form}${r.topic ? `（${r.topic}）` : ''}`), missing: [], used: [], place }
        : { proved: false, evidence: [], missing: [`缺 集中学习“${p.form}”（${windowZh(item)}）`], used: [], place };
    }
    case 'opinions': {
      const o = inputs.opinions;
      if (!o) return none(inputs.rulesAbsent, inputs.ledger.place);
      const n = o.rows.filter((r) => r.date && isWithin(r.date, item.from, item.to)).length;
      const place = { file: o.file, sheet: o.sheet };
      return n
        ? { proved: true, evidence: [`征求意见 ${n} 条（${windowZh(item)}）`], missing: [], used: [], place }
        : { proved: false, evidence: [], missing: [`${windowZh(item)}没有征求意见记录`], used: [], place };
    }
  }
}

/** The plan item by item: each item's status from the facts the rules found. */
export function planProgress(items: readonly PlanItem[], inputs: PlanInputs, asOf: Day): { items: PlanItemStatus[]; findings: Finding[]; rows: RowStatus[] } {
  const findings: Finding[] = [];
  const proves = new Map<number, string[]>();
  const statuses = items.map((item): PlanItemStatus => {
    const results = item.proofs.map((p) => proofResult(p, item, inputs));
    for (const r of results) for (const row of r.used) proves.set(row, [...(proves.get(row) ?? []), item.item]);
    const evidence = results.flatMap((r) => r.evidence);
    const missing = results.flatMap((r) => r.missing);
    const base = { item: item.item, title: item.title, from: item.from, to: item.to, evidence, missing };
    if (results.every((r) => r.proved)) return { ...base, status: '已完成' };
    if (results.some((r) => r.unchecked)) return { ...base, status: '未检查', missing: [...new Set(results.filter((r) => r.unchecked).map((r) => r.unchecked!))] };
    if (asOf < item.from) return { ...base, status: '未开始' };
    if (asOf <= item.to) return { ...base, status: '进行中' };
    const at = results.find((r) => !r.proved)!.place;
    findings.push(finding('PLAN_ITEM_UNDONE', at, { item: item.item, title: item.title, window: windowZh(item), missing: missing.join('；') }));
    return { ...base, status: '未完成' };
  });
  const titles = new Map(items.map((i) => [i.item, i.title]));
  const rows: RowStatus[] = (inputs.workLog?.rows ?? []).map((r) => {
    const proved = proves.get(r.row);
    if (proved) return rowStatus(r, true, `${PLAN_ROW_PROVES}第${proved.join('、')}项（${proved.map((i) => titles.get(i)).join('、')}）`);
    if (!r.date || !r.event) return rowStatus(r, false, r.invalid.includes('date') ? '日期无法识别' : r.invalid.includes('event') ? '事项不在可选范围' : '缺少必填项');
    const owner = items.find((i) => i.proofs.some((p) => (p.kind === 'event' || p.kind === 'eventsNaming') && p.event === r.event));
    if (!owner) return rowStatus(r, false, '方案中没有用到这个事项');
    const naming = owner.proofs.find((p) => p.kind === 'eventsNaming');
    if (naming && isWithin(r.date, owner.from, owner.to)) return rowStatus(r, false, '内容中没有方案所列的制度名称');
    const ev = owner.proofs.find((p): p is Extract<Proof, { kind: 'event' }> => p.kind === 'event' && p.event === r.event);
    const within = ev?.within ?? owner;
    if (ev?.after && isWithin(r.date, within.from, within.to)) return rowStatus(r, false, `早于「${ev.after}」或没有「${ev.after}」`);
    return rowStatus(r, false, `不在第${owner.item}项的时间内（${windowZh(within)}）`);
  });
  return { items: statuses, findings, rows };
}

/** Each rule's result as a proof of its item. */
export interface RuleFacts {
  study?: { members: number; essaysMissing: string[]; excellent: number; excellentRequired: number; studyDays: number; minDays: number; collective: Record<string, boolean>; place: Place };
  duties: { leaders: number; missed: number; judged: boolean; place: Place };
  visits: { teachers: number; under: number; place: Place };
  talks: { required: number; missing: number; place: Place };
  materials?: { required: number; notOk: string[]; place: Place };
  branches?: { total: number; notOk: string[]; place: Place };
  publicity?: { count: number; required: number; place: Place };
}

/** A rule with no one to ask anything of: 未检查, with the reason, not 已完成 on no data. */
const nothingToJudge = (reason: string, place: Place): RuleOutcome => ({ done: false, unchecked: reason, evidence: '', missing: [reason], place });

export function ruleOutcomes(f: RuleFacts): Partial<Record<RuleId, RuleOutcome>> {
  const out: Partial<Record<RuleId, RuleOutcome>> = {
    duties: f.duties.judged && f.duties.missed === 0
      ? { done: true, evidence: '三进三听：活动期内每周、每月任务都已完成', missing: [], place: f.duties.place }
      : { done: false, evidence: '', missing: [f.duties.missed ? `三进三听缺 ${f.duties.missed} 项` : '三进三听活动期未结束'], place: f.duties.place },
    visits: f.visits.under === 0
      ? { done: true, evidence: `家访：${f.visits.teachers} 名教师全部达标`, missing: [], place: f.visits.place }
      : { done: false, evidence: '', missing: [`家访未达标 ${f.visits.under} 人`], place: f.visits.place },
    talks: f.talks.missing === 0
      ? { done: true, evidence: `谈心谈话：应谈 ${f.talks.required} 对全部谈过`, missing: [], place: f.talks.place }
      : { done: false, evidence: '', missing: [`谈心谈话未谈 ${f.talks.missing} 对`], place: f.talks.place },
  };
  if (!f.duties.leaders) out.duties = nothingToJudge('名册中没有班子成员，三进三听无从检查', f.duties.place);
  if (!f.visits.teachers) out.visits = nothingToJudge('名册中没有有家访任务的教师（班主任或任教学科），家访无从检查', f.visits.place);
  if (!f.talks.required) out.talks = nothingToJudge('名册中没有班子成员，应谈心的人无从确定', f.talks.place);
  if (f.study) {
    const s = f.study;
    const missing = [
      s.essaysMissing.length ? `心得体会未交 ${s.essaysMissing.length} 人` : '',
      s.excellent !== s.excellentRequired ? `优秀心得 ${s.excellent} 篇（应 ${s.excellentRequired} 篇）` : '',
      s.studyDays < s.minDays ? `集中学习 ${s.studyDays} 天（应 ${s.minDays} 天）` : '',
      ...Object.entries(s.collective).filter(([, held]) => !held).map(([form]) => `未开展“${form}”`),
    ].filter(Boolean);
    out.study = !s.members ? nothingToJudge('名册中没有在岗党员，五个一无从检查', s.place) : { done: missing.length === 0, evidence: missing.length ? '' : `五个一：心得体会齐全，优秀 ${s.excellent} 篇，集中学习 ${s.studyDays} 天`, missing, place: s.place };
  }
  if (f.materials) {
    const m = f.materials;
    out.materials = !m.required ? nothingToJudge('名册中没有班子成员或中层党员，对照检查材料无从检查', m.place) : { done: m.notOk.length === 0, evidence: `对照检查材料 ${m.required} 人全部合格`, missing: m.notOk.length ? [`对照检查材料不合格：${m.notOk.join('、')}`] : [], place: m.place };
  }
  if (f.branches) {
    const b = f.branches;
    out.branches = { done: b.notOk.length === 0, evidence: `${b.total} 个党支部组织生活会“一会四评”齐全`, missing: b.notOk.length ? [`组织生活会未达要求：${b.notOk.join('、')}`] : [], place: b.place };
  }
  if (f.publicity) {
    const p = f.publicity;
    out.publicity = { done: p.count >= p.required, evidence: `宣传报道 ${p.count} 篇`, missing: p.count >= p.required ? [] : [`宣传报道 ${p.count} 篇（应 ${p.required} 篇）`], place: p.place };
  }
  return out;
}

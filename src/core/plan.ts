/**
 * The plan as a list of dated commitments (§三.1–16, §四.2–3), and what proves each. An item is
 * proved by a few kinds of proof, never by code written for that item, so another campaign's plan
 * is another list of the same shape. The 2014 defaults are built from the config (an item's
 * window follows the window of its rule), then `plan.items` in the config overrides them.
 */
import type { Config } from './config.js';
import { formatDayZh, type Day } from './dates.js';
import type { LedgerStatusWord } from './rules/ledger.js';

/** The rules whose result can prove an item: the rule is met in full, not only free of errors so far. */
export type RuleId = 'study' | 'duties' | 'visits' | 'talks' | 'materials' | 'branches' | 'publicity';

export interface Window {
  from: Day;
  to: Day;
}

export type Proof =
  /** The rule is met in full (every teacher at quota, every pair talked, every week of duty done …). */
  | { kind: 'rule'; rule: RuleId }
  /** A 工作记录 row of this 事项 dated inside `within` (default: the item's window), after the first proving row of `after` when given. */
  | { kind: 'event'; event: string; within?: Window; after?: string; label?: string }
  /** 工作记录 rows of this 事项 inside the item's window whose 内容 names each of these. */
  | { kind: 'eventsNaming'; event: string; names: string[] }
  /** No ledger item in any of these statuses. */
  | { kind: 'ledgerNone'; statuses: LedgerStatusWord[] }
  /** A 集中学习 session of this 形式 inside the item's window. */
  | { kind: 'studySession'; form: string }
  /** At least one opinion (征求意见) dated inside the item's window. */
  | { kind: 'opinions' };

/** An item of the plan: its number, title, window and what proves it done. */
export interface PlanItem {
  /** The plan's number: `1` … `16`, `四.2`, `四.3`. */
  item: string;
  title: string;
  from: Day;
  to: Day;
  /** All must hold. */
  proofs: Proof[];
}

/** The 2014 plan of 岳阳市七中, its windows taken from the config. */
export function defaultPlanItems(config: Config): PlanItem[] {
  const { campaign, study, duties, homeVisits, talks, materials, meetings } = config;
  const phase = (i: number) => config.phases[i] ?? { from: campaign.from, to: campaign.to };
  const year = campaign.from.slice(0, 4);
  const d = (md: string) => `${year}-${md}`;
  const event = (e: string, extra: Partial<Extract<Proof, { kind: 'event' }>> = {}): Proof => ({ kind: 'event', event: e, ...extra });
  return [
    { item: '1', title: '制定活动实施方案', from: campaign.from, to: d('03-19'), proofs: [event('实施方案')] },
    { item: '2', title: '组织召开动员大会', from: d('03-19'), to: d('03-19'), proofs: [event('动员大会')] },
    { item: '3', title: '开展“五个一”专题学习活动', from: study.from, to: study.to, proofs: [{ kind: 'rule', rule: 'study' }] },
    { item: '4', title: '组织相关师德教育活动', from: study.from, to: study.to, proofs: [{ kind: 'studySession', form: '观看影片' }, event('师德教育')] },
    { item: '5', title: '组织开展“三进三听”活动', from: duties.from, to: duties.to, proofs: [{ kind: 'rule', rule: 'duties' }] },
    { item: '6', title: '深入开展家访活动', from: homeVisits.from, to: homeVisits.to, proofs: [{ kind: 'rule', rule: 'visits' }] },
    { item: '7', title: '开展“我为学校发展献计献策”金点子征集活动', from: d('03-21'), to: d('04-10'), proofs: [{ kind: 'opinions' }, event('征求意见报告')] },
    { item: '8', title: '查找突出问题', from: phase(1).from, to: phase(1).to, proofs: [event('查找问题')] },
    { item: '9', title: '切实开展谈话谈心', from: talks.from, to: talks.to, proofs: [{ kind: 'rule', rule: 'talks' }] },
    { item: '10', title: '认真撰写对照检查材料', from: campaign.from, to: materials.due, proofs: [{ kind: 'rule', rule: 'materials' }] },
    {
      item: '11', title: '开好专题民主生活会和组织生活会', from: meetings.from, to: meetings.to,
      proofs: [event('民主生活会', { within: { from: d('05-01'), to: d('05-10') } }), { kind: 'rule', rule: 'branches' }],
    },
    { item: '12', title: '通报评议民主生活会情况', from: meetings.from, to: phase(1).to, proofs: [event('通报会', { after: '民主生活会' })] },
    { item: '13', title: '制定整改方案', from: phase(2).from, to: d('07-10'), proofs: [event('整改方案'), { kind: 'ledgerNone', statuses: ['要素不全'] }] },
    {
      item: '14', title: '开展集中治理', from: phase(2).from, to: phase(2).to,
      proofs: [{ kind: 'ledgerNone', statuses: ['已逾期', '要素不全'] }, event('学校开放日', { within: { from: d('09-01'), to: d('09-30') } })],
    },
    {
      item: '15', title: '健全落实制度', from: phase(2).from, to: phase(2).to,
      proofs: [{ kind: 'eventsNaming', event: '制度建设', names: ['党员干部直接联系群众制度', '畅通群众诉求渠道制度', '财务管理制度', '学校会计制度', '专项经费监管制度', '规范办学行为制度', '治理教育乱收费制度', '《规章制度汇编》'] }],
    },
    { item: '16', title: '召开总结会议', from: d('09-21'), to: d('09-30'), proofs: [event('总结大会')] },
    { item: '四.2', title: '创新活动载体', from: campaign.from, to: campaign.to, proofs: [event('评选活动')] },
    { item: '四.3', title: '加强宣传引导', from: campaign.from, to: campaign.to, proofs: [{ kind: 'rule', rule: 'publicity' }] },
  ];
}

/** The plan of this run: the defaults with the config's `plan.items` overrides (window, title, the 制度 of an item). */
export function planItems(config: Config): PlanItem[] {
  const overrides = config.plan?.items ?? {};
  return defaultPlanItems(config).map((item) => {
    const o = overrides[item.item];
    if (!o) return item;
    return {
      ...item,
      ...(o.title ? { title: o.title } : {}),
      ...(o.from ? { from: o.from } : {}),
      ...(o.to ? { to: o.to } : {}),
      proofs: o.names ? item.proofs.map((p) => (p.kind === 'eventsNaming' ? { ...p, names: o.names! } : p)) : item.proofs,
    };
  });
}

/** A window in words: `3月19日`, `3月21日至4月10日`. */
export function windowZh(w: Window): string {
  return w.from === w.to ? formatDayZh(w.from) : `${formatDayZh(w.from)}至${formatDayZh(w.to)}`;
}

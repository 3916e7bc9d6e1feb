/**
 * The group notice: what a 钉钉 or 企业微信 group robot posts, in Markdown and in few lines, in the
 * order a clerk would write the reminder by hand: the school and the day, the phase and its days
 * left, the overdue items with their 责任人, what changed since the last notice, the people who still
 * owe something (with the weekly pace while a window is open), and where the full list is. Long lists
 * are cut whole lines at a time, 「等 N 人」, so that the notice fits the platform's limit. Pure.
 */
import type { Config, RobotConfig } from '../core/config.js';
import { owedLine, type PersonOwes } from '../core/people.js';
import type { Report } from '../core/report.js';
import type { Roster } from '../core/roster.js';
import { overdueWorstFirst } from '../core/rules/ledger.js';
import { changesLines, overdueItemLine, phaseLine, type Changes } from '../core/words.js';

/** The most a robot takes in one Markdown message, in UTF-8 bytes (企业微信: 4,096; 钉钉: 20,000). */
const ROBOT_LIMIT_BYTES: Record<RobotConfig['kind'], number> = { dingtalk: 20_000, wecom: 4_096 };

/** A group notice: its title, its Markdown, the phone numbers to @, and what was cut to fit. */
export interface Notice {
  /** 钉钉's title: what the chat list and the phone's notification show. */
  title: string;
  /** The Markdown text. */
  text: string;
  /** Phone numbers to @ (钉钉), of the people the notice lists. */
  atMobiles: string[];
  /** People listed who could not be @'d: no 手机 in the roster, or not a mobile number. */
  notAt: string[];
  /** How many people and overdue items were left out to keep the notice short or within the limit. */
  cut: { people: number; overdue: number; changes: number };
}

export interface NoticeInput {
  report: Report;
  people: readonly PersonOwes[];
  roster: Roster;
  /** Since the last notice this robot delivered; nothing for the first. */
  changes?: { since: string; changes: Changes };
  /** The file name of the day's 问题清单 workbook. */
  findingsList: string;
}

const bytes = (s: string) => new TextEncoder().encode(s).length;

/** A mobile number as 钉钉 takes it (11 digits, 1…), from what a clerk typed (「138 0013 8000」「+86-138…」). */
export function mobileOf(typed: string | undefined): string | undefined {
  if (!typed) return undefined;
  const digits = typed.replace(/[\s\-()（）]/g, '').replace(/^(\+?86)/, '');
  return /^1\d{10}$/.test(digits) ? digits : undefined;
}

/** The notice for one robot: its kind sets the limit, its `maxPeople` the list's length, its `at` the @s. */
export function groupNotice(input: NoticeInput, robot: Pick<RobotConfig, 'kind' | 'maxPeople' | 'at'>, config: Pick<Config, 'school'>): Notice {
  const { report, people } = input;
  const overdue = overdueWorstFirst(report.ledger);
  const changes = input.changes ? changesLines(input.changes.changes) : [];
  const at = robot.kind === 'dingtalk' && robot.at === 'owing';

  const render = (nPeople: number, nOverdue: number, nChanges: number) => {
    const atMobiles: string[] = [];
    const notAt: string[] = [];
    const personLine = (p: PersonOwes) => {
      if (!at) return `- ${owedLine(p)}`;
      const mobile = mobileOf(input.roster.people.get(p.name)?.mobile);
      if (!mobile) {
        notAt.push(p.name);
        return `- ${owedLine(p)}`;
      }
      atMobiles.push(mobile);
      // 钉钉 shows the @ only when the number is in the text; it renders as the member's name
      return `- ${owedLine(p)} @${mobile}`;
    };
    const sections: string[] = [`#### ${config.school} 教育实践活动台账提醒`, `截至 ${report.asOf}，${phaseLine(report.phase, 'zh')}`];
    if (overdue.length) {
      const lines = overdue.slice(0, nOverdue).map((e) => `- ${overdueItemLine(e)}`);
      if (nOverdue < overdue.length) lines.push(`- 等 ${overdue.length - nOverdue} 项`);
      sections.push(`**逾期整改 ${overdue.length} 项**\n${lines.join('\n')}`);
    }
    if (input.changes) {
      const lines = changes.slice(0, nChanges).map((l) => `- ${l}`);
      if (nChanges < changes.length) lines.push(`- 等 ${changes.length - nChanges} 条`);
      sections.push(`**与上次提醒（${input.changes.since}）相比**\n${lines.join('\n')}`);
    }
    if (people.length) {
      const lines = people.slice(0, nPeople).map(personLine);
      if (nPeople < people.length) lines.push(`- 等 ${people.length - nPeople} 人`);
      sections.push(`**还有事项未完成的 ${people.length} 人**\n${lines.join('\n')}`);
    } else sections.push('**人人都已完成应做的事项**');
    sections.push(`完整名单见问题清单：${input.findingsList}`);
    return { text: sections.join('\n\n'), atMobiles, notAt };
  };

  const limit = ROBOT_LIMIT_BYTES[robot.kind];
  let nPeople = Math.min(people.length, robot.maxPeople);
  let nOverdue = overdue.length;
  let nChanges = changes.length;
  let out = render(nPeople, nOverdue, nChanges);
  // the people go first, then the overdue items, then the changes: the head always stays
  while (bytes(out.text) > limit && (nPeople > 0 || nOverdue > 0 || nChanges > 0)) {
    if (nPeople > 0) nPeople--;
    else if (nOverdue > 0) nOverdue--;
    else nChanges--;
    out = render(nPeople, nOverdue, nChanges);
  }
  return {
    title: `台账提醒 ${report.asOf}：逾期${overdue.length}项，${people.length}人有事项未完成`,
    ...out,
    cut: { people: people.length - nPeople, overdue: overdue.length - nOverdue, changes: changes.length - nChanges },
  };
}

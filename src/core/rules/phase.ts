/** R-phase: which phase of the campaign the as-of date is in, and how many days it has left. */
import type { Config } from '../config.js';
import { daysBetween, type Day } from '../dates.js';

/** The phase on the as-of day: its name, number, span and days left. */
export interface PhaseStatus {
  name: string;
  /** 1-based phase number; 0 before the campaign, phases+1 after it. */
  index: number;
  from?: Day;
  to?: Day;
  /** Days from the as-of date to the phase's last day (0 on that day). */
  daysLeft: number;
  /** Share of the whole campaign elapsed, 0–1. */
  campaignProgress: number;
  campaignDaysLeft: number;
}

/** The phase of the campaign on a day, and the days left in it. */
export function campaignPhase(config: Config, asOf: Day): PhaseStatus {
  const { from, to } = config.campaign;
  const total = daysBetween(from, to) + 1;
  const elapsed = Math.min(total, Math.max(0, daysBetween(from, asOf) + 1));
  const common = { campaignProgress: elapsed / total, campaignDaysLeft: Math.max(0, daysBetween(asOf, to)) };
  if (asOf < from) return { name: '活动尚未开始', index: 0, daysLeft: daysBetween(asOf, from), ...common };
  const i = config.phases.findIndex((p) => asOf >= p.from && asOf <= p.to);
  if (i >= 0) {
    const p = config.phases[i]!;
    return { name: p.name, index: i + 1, from: p.from, to: p.to, daysLeft: daysBetween(asOf, p.to), ...common };
  }
  if (asOf > to) return { name: '活动已结束', index: config.phases.length + 1, daysLeft: 0, ...common };
  // Between two configured phases (a gap in a custom plan): name the next one.
  const next = config.phases.find((p) => p.from > asOf);
  return next
    ? { name: `${next.name}（未开始）`, index: config.phases.indexOf(next) + 1, from: next.from, to: next.to, daysLeft: daysBetween(asOf, next.to), ...common }
    : { name: '活动已结束', index: config.phases.length + 1, daysLeft: 0, ...common };
}

/**
 * `nightly`: refresh every workbook, build the summary, mail it. Made to run unattended from cron
 * or the Windows Task Scheduler:
 * - a lock file (`.taizhang/nightly.lock`) keeps a second run from overlapping the first; a lock
 *   whose process is gone is taken over;
 * - one log per run in `.taizhang/logs/`, each step with its duration;
 * - what changed since the last mailed run comes from `.taizhang/last-report.json`;
 * - the group robots of the config (钉钉, 企业微信) get a short notice after the mail (notify.ts).
 */
import { appendFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../core/problems.js';
import type { Report } from '../core/report.js';
import { resolveContext, type CheckOptions } from './check.js';
import { mailContent, MailError, sendMail } from './mail.js';
import { changesLines, internalErrorLine } from '../run/text.js';
import { changesSince, parseSnapshot, snapshotOf, type Snapshot } from '../run/changes.js';
import { isSkipped, refresh, STATE_DIR, type RefreshResult } from './refresh.js';
import { findingsListPath, summaryPath, writeFindingsList, writeSummary } from './summary.js';
import { takeRunLock } from './runLock.js';
import { writeFileAtomic } from './atomic.js';
import { fileStamp, logStamp } from './stamp.js';

/** Options of `nightly`: those of `check`, and a dry run. */
export interface NightlyOptions extends CheckOptions {
  /** Refresh without writing, and write the mail as an .eml file instead of sending it. */
  dryRun?: boolean;
}

/** done: all steps ran; partial: it ran but a workbook was skipped, or the mail or a group notice not sent; stopped: bad input; busy: another run holds the lock. */
export type NightlyOutcome = 'done' | 'partial' | 'stopped' | 'busy';

/** Exit codes: 0 done, 2 could not run (as for every command), 3 ran with a failed step. */
export const NIGHTLY_EXIT: Record<NightlyOutcome, number> = { done: 0, stopped: 2, busy: 2, partial: 3 };

/** What a night did: its outcome, its log, the problems, and where the summary, the 问题清单 and the mail are. */
export interface NightlyResult {
  outcome: NightlyOutcome;
  log: string;
  /** One line per problem, for stderr. */
  problems: string[];
  summary?: string;
  /** The 问题清单 workbook beside the summary. */
  findingsList?: string;
  eml?: string;
  /** In a dry run: the group notices, written instead of posted. */
  notices?: string[];
  report?: Report;
}

/**
 * The nightly job: refresh every workbook, write the summary and the 问题清单, mail them, post the group notices. A lock keeps two runs apart, a log tells each step; a failed step is an outcome, never a throw (`NIGHTLY_EXIT` maps it to the exit code).
 *
 * @example
 * ```ts
 * const { outcome, log, problems } = await nightly('台账', { dryRun: true });
 * ```
 */
export async function nightly(dir: string, options: NightlyOptions = {}): Promise<NightlyResult> {
  const now = options.now ?? (() => new Date());
  const state = join(dir, STATE_DIR);
  // the run's context, once for every step; a bad config stops here, before any lock or log
  const context = await resolveContext(dir, { ...options, now });
  const { config } = context;
  await mkdir(join(state, 'logs'), { recursive: true });
  const started = now();
  const log = join(state, 'logs', `nightly-${fileStamp(started)}-${process.pid}.log`);
  const write = (line: string) => appendFileSync(log, `${logStamp(now())} ${line}\n`, 'utf8');
  const problems: string[] = [];
  const lock = await takeRunLock(join(state, 'nightly.lock'), started);
  if ('holder' in lock) {
    write(`另一个 nightly 正在运行（${lock.holder}），本次不运行`);
    return { outcome: 'busy', log, problems: [`另一个 nightly 正在运行（${lock.holder}），本次不运行`] };
  }
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    write(`[${name}] 开始`);
    try {
      const value = await run();
      write(`[${name}] 完成，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒`);
      return value;
    } catch (e) {
      write(`[${name}] 失败，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒：${e instanceof InputError ? e.messageIn('zh') : (e as Error).message}`);
      throw e;
    }
  };
  try {
    write(`nightly 开始：${dir}${options.dryRun ? '（试运行：不写工作簿，邮件存为 .eml）' : ''}`);
    const refreshed: RefreshResult = await step('回写', () => refresh(dir, { context, dryRun: options.dryRun }));
    for (const f of refreshed.files) write(`  ${f.message}`);
    const skipped = refreshed.files.filter(isSkipped).map((f) => f.message);
    problems.push(...skipped);
    const report = refreshed.report;
    const t = report.tally;
    write(`  检查：错误 ${t.errors} 条，提醒 ${t.warnings} 条；逾期 ${t.ledger['已逾期']} 项，即将到期 ${t.ledger['即将到期']} 项`);

    const path = summaryPath(dir, refreshed.config, report.asOf);
    await step('汇总', () => writeSummary(refreshed, refreshed.config, path));
    write(`  汇总：${path}`);
    const list = findingsListPath(dir, refreshed.config, report.asOf);
    await step('问题清单', () => writeFindingsList(refreshed, refreshed.config, list, dir));
    write(`  问题清单：${list}`);

    const lastPath = join(state, 'last-report.json');
    const previous: Snapshot | undefined = await readFile(lastPath, 'utf8').then(parseSnapshot, () => undefined);
    const current = snapshotOf(report);
    const changes = previous ? changesSince(previous, current) : undefined;
    if (changes) {
      write(`  与上次（${previous!.asOf}）相比：新逾期 ${changes.becameOverdue.length} 项，已办结 ${changes.closed.length} 项，家访新达标 ${changes.reachedQuota.length} 人`);
      for (const line of changesLines(changes)) write(`    ${line}`);
    } else write('  没有上次的记录，本次不比较');

    const content = mailContent(report, changes, skipped);
    const eml = options.dryRun ? join(state, 'mail', `日报-${report.asOf}.eml`) : undefined;
    let mailed = false;
    try {
      const sent = await step('邮件', () => sendMail(refreshed.config, content, { attachment: path, ...(config.mail.attachFindings ? { more: [list] } : {}), emlPath: eml, log: (l) => write(`  ${l}`) }));
      write(eml ? `  邮件已存为 ${eml}（未发送）` : `  已发送给 ${config.mail.to.join('、')}（第 ${sent.attempts} 次尝试成功）；主题：${content.subject}`);
      mailed = true;
    } catch (e) {
      if (!(e instanceof MailError)) throw e;
      problems.push(`邮件未发出：${e.message}；汇总仍在 ${path}`);
    }
    if (mailed && !options.dryRun) await writeFileAtomic(lastPath, JSON.stringify(current, null, 1));

    let notices: string[] = [];
    if (config.notify.length) {
      // after the mail, and whatever became of it: a robot that fails is one problem among others
      const { notifyRobots, outcomeLine } = await import('./notify.js');
      const outcomes = await step('通知', () => notifyRobots({ dir, evaluation: refreshed, config, findingsList: list, dryRun: options.dryRun, log: write }));
      notices = outcomes.flatMap((o) => (o.file ? [o.file] : []));
      for (const o of outcomes) {
        write(`  ${outcomeLine(o)}`);
        if (!o.sent && !o.file && !o.skipped) problems.push(`群通知未发出：${outcomeLine(o)}`);
      }
    }
    const outcome: NightlyOutcome = problems.length ? 'partial' : 'done';
    write(`nightly 结束：${outcome === 'done' ? '全部完成' : `有 ${problems.length} 个问题`}，共用时 ${((now().getTime() - started.getTime()) / 1000).toFixed(1)} 秒`);
    return { outcome, log, problems, summary: path, findingsList: list, eml, ...(notices.length ? { notices } : {}), report };
  } catch (e) {
    const reason = e instanceof InputError ? e.messageIn('zh') : internalErrorLine((e as Error).message, 'zh');
    write(`nightly 中止：${reason}`);
    return { outcome: e instanceof InputError ? 'stopped' : 'partial', log, problems: [reason] };
  } finally {
    await lock.release();
  }
}

/**
 * `taizhang district`: every school folder under a folder, checked in parallel on the machine's
 * cores (worker threads), one roll-up workbook and report for the supervision group. The job of
 * one school is `checkSchool`: one folder in, one JSON-able result out, no shared state, so a
 * bureau could as well run it under any job runner (`taizhang check DIR --json` is the same).
 * Nothing is written into the schools' folders.
 */
import { availableParallelism } from 'node:os';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InputError } from '../core/problems.js';
import { exitCodeOf, type Report } from '../core/report.js';
import { jsonReport } from '../run/report.js';
import { internalErrorLine, linesAsHtml, schoolLine } from '../run/text.js';
import { asOfOption, CONFIG_NAME, runContext, todayInShanghai } from '../run/context.js';
import { fromCrossing, toCrossing, type CrossingError } from '../run/crossing.js';
import type { Lang } from '../core/findings.js';
import { loadConfig } from './config.js';
import type { DistrictAnswer, DistrictJob } from './districtWorker.js';
import { check } from './check.js';

export interface SchoolResult {
  school: string;
  /** The school's folder. */
  dir: string;
  exit: 0 | 1 | 2;
  /** Why the school could not be checked (exit 2), in one line of the run's language. */
  reason?: string;
  /** The same, as data: the problem's code (so the line can be said in another language), or the fault. */
  problem?: CrossingError;
  /** The school's report, as `check --json` gives it. */
  report?: Report & Record<string, unknown>;
}

/**
 * One school: its folder checked as `check` would, as a result that crosses a thread or a process.
 * A config without `school` names the school after its folder, in its report and in the roll-up
 * alike (the 2014 default, 岳阳市第七中学, would name every school the same).
 */
export async function checkSchool(dir: string, options: { asOf?: string; lang?: Lang } = {}): Promise<SchoolResult> {
  let school = basename(dir);
  try {
    const config = await loadConfig(join(dir, CONFIG_NAME), false, basename(dir));
    school = config.school;
    const result = await check(dir, { context: runContext(config, options.asOf) });
    return { school, dir, exit: exitCodeOf(result.report), report: jsonReport(result.report, options.lang ?? 'zh') as SchoolResult['report'] };
  } catch (e) {
    const problem = toCrossing(e);
    return { school, dir, exit: 2, problem, reason: reasonOf(problem, options.lang ?? 'zh') };
  }
}

/** Why a school could not be checked, in a language. */
function reasonOf(problem: CrossingError, lang: Lang): string {
  const e = fromCrossing(problem);
  return e instanceof InputError ? e.messageIn(lang) : internalErrorLine(e.message, lang);
}

/** The school folders under `dir` (hidden folders and the tool's own left out). */
export async function schoolFolders(dir: string): Promise<string[]> {
  let entries;
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error();
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    throw new InputError('DIR_MISSING', { dir });
  }
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => join(dir, e.name)).sort();
}

/**
 * Checks every school on `workers` threads; `progress` hears each one done. A school's bad input is
 * its result (exit 2), never the run's; a thread that fails or stops on its own stops the others
 * and the run, so no folder is left half done in silence.
 */
export async function checkSchools(dirs: readonly string[], options: { asOf?: string; lang?: Lang; workers?: number; progress?: (done: number, total: number) => void } = {}): Promise<SchoolResult[]> {
  const count = Math.max(1, Math.min(options.workers ?? availableParallelism(), dirs.length));
  const results: SchoolResult[] = new Array(dirs.length);
  let next = 0;
  let done = 0;
  const script = new URL('./districtWorker.js', import.meta.url);
  const workers: Worker[] = [];
  let failed = false;
  try {
    await Promise.all(Array.from({ length: count }, () => new Promise<void>((resolve, reject) => {
      const worker = new Worker(script);
      workers.push(worker);
      let finished = false;
      const give = () => {
        if (failed) return;
        if (next >= dirs.length) {
          finished = true;
          void worker.terminate().then(() => resolve());
          return;
        }
        const i = next++;
        worker.postMessage({ i, dir: dirs[i]!, asOf: options.asOf, lang: options.lang } satisfies DistrictJob);
      };
      const fail = (e: Error) => {
        failed = true;
        reject(e);
      };
      worker.on('message', (m: DistrictAnswer) => {
        results[m.i] = m.result;
        options.progress?.(++done, dirs.length);
        give();
      });
      worker.on('error', fail);
      worker.on('exit', () => {
        if (!finished && !failed) fail(new Error('检查学校的后台线程意外退出'));
      });
      give();
    })));
  } finally {
    // on a failure the other threads stop too, whatever they were doing
    if (failed) await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

export interface DistrictResult {
  asOf: string;
  schools: SchoolResult[];
  /** The roll-up workbook written in the folder. */
  path: string;
  /** 0 every school clean; 1 any school with violations or not checked. */
  exit: 0 | 1;
}

/** Every school under `dir` checked, and the roll-up workbook written into `dir` (never into a school's folder). */
export async function district(dir: string, options: { asOf?: string; lang?: Lang; workers?: number; progress?: (done: number, total: number) => void } = {}): Promise<DistrictResult> {
  asOfOption(options.asOf);
  const dirs = await schoolFolders(dir);
  const schools = await checkSchools(dirs, options);
  const asOf = options.asOf ?? todayInShanghai();
  const { buildDistrict, districtFileName } = await import('../summary/district.js');
  const { repackDeterministic } = await import('../xlsx/repack.js');
  const { writeFileAtomic } = await import('./atomic.js');
  const path = join(dir, districtFileName(asOf));
  const wb = buildDistrict(schools.map((s) => ({ school: s.school, exit: s.exit, reason: s.reason, report: s.report })), asOf);
  await writeFileAtomic(path, await repackDeterministic(new Uint8Array(await wb.xlsx.writeBuffer())));
  return { asOf, schools, path, exit: schools.every((s) => s.exit === 0) ? 0 : 1 };
}

/** The roll-up mail's subject and lines. */
export function districtMail(r: DistrictResult): { subject: string; text: string; html: string } {
  const checked = r.schools.filter((s) => s.report);
  const withOverdue = checked.filter((s) => (s.report!.tally.ledger['已逾期'] ?? 0) > 0);
  const failed = r.schools.filter((s) => s.exit === 2);
  const subject = `各校教育实践活动台账汇总 ${r.asOf}：${r.schools.length} 所学校，有逾期事项 ${withOverdue.length} 所，无法检查 ${failed.length} 所`;
  const lines = [
    `各校党的群众路线教育实践活动台账汇总（截至 ${r.asOf}）`,
    '',
    ...checked.map((s) => schoolLine(s.school, s.report, undefined, 'zh')),
    ...failed.map((s) => schoolLine(s.school, undefined, s.reason, 'zh')),
    '',
    '详见附件各校汇总表。本邮件由 taizhang 自动发送。',
  ];
  return { subject, text: lines.join('\n'), html: linesAsHtml(lines) };
}

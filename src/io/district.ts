/**
 * `taizhang district`: every school folder under a folder, checked in parallel on the machine's
 * cores (worker threads), one roll-up workbook and report for the supervision group. The job of
 * one school is `checkSchool`: one folder in, one JSON-able result out, no shared state, so a
 * bureau could as well run it under any job runner (`taizhang check DIR --json` is the same).
 * Nothing is written into the schools' folders.
 */
import { availableParallelism } from 'node:os';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InputError } from '../core/problems.js';
import { exitCodeOf, type Report } from '../core/report.js';
import { jsonReport } from '../run/report.js';
import { internalErrorLine, linesAsHtml, schoolLine } from '../run/text.js';
import { asOfOption, CONFIG_NAME } from '../run/context.js';
import { check } from './check.js';

export interface SchoolResult {
  school: string;
  /** The school's folder. */
  dir: string;
  exit: 0 | 1 | 2;
  /** Why the school could not be checked (exit 2), in one line. */
  reason?: string;
  /** The school's report, as `check --json` gives it. */
  report?: Report & Record<string, unknown>;
}

/** The school's name: the config's `school` when its config says so, else the folder's name. */
async function schoolName(dir: string): Promise<string> {
  try {
    const json = JSON.parse((await readFile(join(dir, CONFIG_NAME), 'utf8')).replace(/^\ufeff/, '')) as { school?: unknown };
    if (typeof json.school === 'string' && json.school.trim()) return json.school.trim();
  } catch {
    // no config, or a broken one: the check says so
  }
  return basename(dir);
}

/** One school: its folder checked as `check` would, as a result that crosses a thread or a process. */
export async function checkSchool(dir: string, options: { asOf?: string } = {}): Promise<SchoolResult> {
  const school = await schoolName(dir);
  try {
    const result = await check(dir, { asOf: options.asOf });
    return { school, dir, exit: exitCodeOf(result.report), report: jsonReport(result.report, 'zh') as SchoolResult['report'] };
  } catch (e) {
    if (e instanceof InputError) return { school, dir, exit: 2, reason: e.message };
    return { school, dir, exit: 2, reason: internalErrorLine((e as Error)?.message ?? String(e), 'zh') };
  }
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

/** Checks every school on `workers` threads; `progress` hears each one done. */
export async function checkSchools(dirs: readonly string[], options: { asOf?: string; workers?: number; progress?: (done: number, total: number) => void } = {}): Promise<SchoolResult[]> {
  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), dirs.length));
  const results: SchoolResult[] = new Array(dirs.length);
  let next = 0;
  let done = 0;
  const script = new URL('./districtWorker.js', import.meta.url);
  await Promise.all(Array.from({ length: workers }, () => new Promise<void>((resolve, reject) => {
    const worker = new Worker(script);
    const give = () => {
      if (next >= dirs.length) {
        void worker.terminate().then(() => resolve());
        return;
      }
      const i = next++;
      worker.postMessage({ i, dir: dirs[i], asOf: options.asOf });
    };
    worker.on('message', (m: { i: number; result: SchoolResult }) => {
      results[m.i] = m.result;
      options.progress?.(++done, dirs.length);
      give();
    });
    worker.on('error', reject);
    give();
  })));
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
export async function district(dir: string, options: { asOf?: string; workers?: number; progress?: (done: number, total: number) => void } = {}): Promise<DistrictResult> {
  const { todayInShanghai } = await import('../run/context.js');
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

/**
 * `refresh` as a library call: check, then write the tool's columns and highlights into the
 * clerks' workbooks, keeping the safety promises (docs/工作簿格式与检查规则.md, 四):
 * - a workbook is replaced only by a complete new file: written beside it under a temporary
 *   name, synced to disk, then renamed over it (atomic on one file system);
 * - the previous version is first copied to `.taizhang/backups/` (the newest `backups.keep` kept);
 * - a workbook open in Excel, WPS or LibreOffice (its owner/lock file is there) is skipped;
 * - a workbook that changed on disk after it was read (size, time or content) is not overwritten;
 * - a run that would change nothing leaves the file alone (no new backup, same bytes).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, copyFile, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { Writable } from 'node:stream';
import type { WorkbookId } from '../core/columns.js';
import { findWorkbook } from '../run/files.js';
import { WORKBOOKS } from '../core/columns.js';
import { OUTCOME_WORDS, prepareWorkbook, sheetWrites, type FileOutcome, type Prepared, type SheetChange } from '../run/refresh.js';
import { InputError } from '../core/problems.js';
import { check, resolveContext, type CheckOptions, type CheckResult } from './check.js';
import { removeStaleTemps, syncDir, tempPathOf } from './atomic.js';
import { fileStamp } from './stamp.js';
import { BIG_FILE_BYTES, FolderSource, sheetThreadsPay } from './source.js';
import { dropPrefetch, prefetchForPatch } from './sheetThreads.js';

export type { SheetChange } from '../run/refresh.js';

/** Options of `refresh`: those of `check`, a dry run, and the hooks tests use. */
export interface RefreshOptions extends CheckOptions {
  /** Report what would change, write nothing. */
  dryRun?: boolean;
  /** Called after the new file is complete and before the old one is replaced (a test seam). */
  beforeReplace?: (path: string) => Promise<void>;
  /** Called before a workbook's new file is written beside it (a test seam: a disk that fills up). */
  beforeWrite?: (path: string) => Promise<void>;
}

export type { FileOutcome };

/** What refresh did to one workbook: written (with its backup), unchanged, or skipped and why. */
export interface FileRefresh {
  file: string;
  path: string;
  outcome: FileOutcome;
  sheets: SheetChange[];
  /** Where the previous version was copied. */
  backup?: string;
  /** One line for the clerk. */
  message: string;
}

/** The check, and what refresh did to each workbook. */
export interface RefreshResult extends CheckResult {
  files: FileRefresh[];
}

export const STATE_DIR = '.taizhang';

interface Fingerprint {
  size: number;
  mtimeMs: number;
  sha256: string;
}

async function fingerprint(path: string): Promise<Fingerprint> {
  const st = await stat(path);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { size: st.size, mtimeMs: st.mtimeMs, sha256: hash.digest('hex') };
}

const sameFingerprint = (a: Fingerprint, b: Fingerprint) => a.size === b.size && a.mtimeMs === b.mtimeMs && a.sha256 === b.sha256;

/** The owner file Excel/WPS (`~$…`) or the lock file LibreOffice (`.~lock.…#`) keeps beside an open workbook. */
export async function lockFileOf(dir: string, file: string): Promise<string | undefined> {
  const candidates = [`~$${file}`, `.~lock.${file}#`];
  if (file.length > 2) candidates.push(`~$${file.slice(2)}`); // Office shortens long names this way
  for (const name of candidates) {
    if (await stat(join(dir, name)).then(() => true, () => false)) return name;
  }
  return undefined;
}

async function backUp(dir: string, path: string, keep: number, now: Date): Promise<string> {
  const backups = join(dir, STATE_DIR, 'backups');
  await mkdir(backups, { recursive: true });
  const ext = extname(path);
  const base = basename(path, ext);
  const target = join(backups, `${base}-${fileStamp(now)}${ext}`);
  await copyFile(path, target);
  const mine = (await readdir(backups)).filter((n) => n.startsWith(`${base}-`) && n.endsWith(ext) && /-\d{8}-\d{6}-\d{3}$/.test(basename(n, ext))).sort();
  for (const old of mine.slice(0, Math.max(0, mine.length - keep))) await unlink(join(backups, old)).catch(() => undefined);
  return target;
}

/** Why a file or folder cannot be written, as a clerk can act on it; undefined for errors that are not the system's. */
export function cannotWrite(e: unknown, dir: string, file: string): InputError | undefined {
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  const reason = ({
    ENOSPC: '磁盘空间不足',
    EDQUOT: '磁盘配额已满',
    EACCES: `没有写入文件夹 ${dir} 的权限`,
    EPERM: `没有写入文件夹 ${dir} 的权限`,
    EROFS: `文件夹 ${dir} 是只读的`,
    EBUSY: '文件正被其他程序占用',
    EIO: '磁盘写入出错',
  } as Record<string, string>)[code];
  return reason ? new InputError('CANNOT_WRITE', { file, reason }) : undefined;
}

/** A workbook whose new file is complete beside it, waiting to replace it. */
interface Ready {
  p: Prepared;
  path: string;
  fp: Fingerprint;
  temp: string;
}

/**
 * Writes every prepared workbook's new file beside it first; only when all are complete is any
 * workbook replaced. A failure before that (a damaged part found while patching the last book, a
 * full disk) removes the new files and leaves every workbook as it was: exit 2 means nothing
 * changed. A failure while replacing says which were replaced and where their backups are.
 */
async function writeAll(dir: string, prepared: { path: string; fp: Fingerprint; p: Prepared }[], keep: number, now: Date, options: RefreshOptions): Promise<Map<Prepared, FileRefresh>> {
  const done = new Map<Prepared, FileRefresh>();
  const result = (w: Prepared, path: string, outcome: FileOutcome, message = `${w.file}：${OUTCOME_WORDS[outcome].zh}`, backup?: string): FileRefresh => ({
    file: w.file, path, sheets: w.patch.changes(), outcome, message, ...(backup ? { backup } : {}),
  });
  if (options.dryRun) {
    for (const { p, path } of prepared) {
      const { changedParts } = await p.patch.dryRun();
      done.set(p, result(p, path, changedParts.length ? 'would-write' : 'unchanged'));
    }
    return done;
  }
  // The new files are written side by side: a big sheet's patch runs on its thread from the start,
  // while this thread writes the other workbooks (one after the other, it waited for the roster's).
  const written = await Promise.allSettled(prepared.map(async ({ p, path, fp }): Promise<Ready | undefined> => {
    const temp = tempPathOf(path);
    await removeStaleTemps(dir, p.file); // this process's own temp too
    let handle;
    try {
      await options.beforeWrite?.(path);
      handle = await open(temp, 'wx');
    } catch (e) {
      throw cannotWrite(e, dir, p.file) ?? e;
    }
    const sink = createWriteStream('', { fd: handle, flush: true });
    let changedParts: string[];
    try {
      ({ changedParts } = await p.patch.write(Writable.toWeb(sink) as WritableStream<Uint8Array>));
      if (!sink.closed) await new Promise<void>((resolve, reject) => sink.once('close', () => resolve()).once('error', reject));
    } catch (e) {
      sink.destroy();
      await unlink(temp).catch(() => undefined);
      throw cannotWrite(e, dir, p.file) ?? e;
    }
    await p.patch.close();
    if (!changedParts.length) {
      await unlink(temp);
      done.set(p, result(p, path, 'unchanged'));
      return undefined;
    }
    return { p, path, fp, temp };
  }));
  const ready = written.flatMap((w) => (w.status === 'fulfilled' && w.value ? [w.value] : []));
  const failed = written.find((w) => w.status === 'rejected');
  if (failed) {
    // the first failure in the workbooks' order is said; no workbook is replaced
    for (const r of ready) await unlink(r.temp).catch(() => undefined);
    throw failed.reason;
  }
  // every new file is complete: now replace, one by one, each after its own last checks
  const replaced: FileRefresh[] = [];
  for (let i = 0; i < ready.length; i++) {
    const { p, path, fp, temp } = ready[i]!;
    try {
      await options.beforeReplace?.(path);
      const lockNow = await lockFileOf(dir, p.file);
      if (lockNow) {
        await unlink(temp);
        done.set(p, result(p, path, 'locked', `${p.file}：处理期间被 Excel/WPS 打开（有 ${lockNow}），未覆盖，请关闭后再运行`));
        continue;
      }
      if (!sameFingerprint(fp, await fingerprint(path))) {
        await unlink(temp);
        done.set(p, result(p, path, 'changed-on-disk', `${p.file}：处理期间文件被修改，未覆盖，请再运行一次`));
        continue;
      }
      const backup = await backUp(dir, path, keep, now);
      await chmod(temp, (await stat(path)).mode & 0o7777).catch(() => undefined);
      await rename(temp, path);
      const r = result(p, path, 'written', undefined, backup);
      done.set(p, r);
      replaced.push(r);
    } catch (e) {
      for (const rest of ready.slice(i)) await unlink(rest.temp).catch(() => undefined);
      if (!replaced.length) throw cannotWrite(e, dir, p.file) ?? e;
      const reason = cannotWrite(e, dir, p.file)?.params.reason ?? (e as Error).message;
      throw new InputError('REPLACE_PARTLY', {
        file: p.file, reason,
        replaced: replaced.map((r) => `${r.file}（原文件备份在 ${r.backup}）`).join('、'),
        untouched: ready.slice(i).map((r) => r.p.file).join('、'),
      });
    }
  }
  await syncDir(dir);
  return done;
}

/**
 * Checks the folder and writes the 【自动】 status columns and highlights back into the clerks' workbooks: each backed up first, replaced atomically, skipped when open in Excel/WPS or changed meanwhile.
 *
 * @example
 * ```ts
 * const { files } = await refresh('台账', { dryRun: true });
 * for (const f of files) console.log(f.file, f.outcome);
 * ```
 */
export async function refresh(dir: string, options: RefreshOptions = {}): Promise<RefreshResult> {
  const ctx = await resolveContext(dir, options);
  const { config } = ctx;
  // Fingerprints first, so a change made while the tool reads is also caught.
  const names = await new FolderSource(dir).list();
  const before = new Map<WorkbookId, Fingerprint>();
  for (const { id } of WORKBOOKS) {
    const found = findWorkbook(names, config.files[id]);
    const fp = found && (await fingerprint(join(dir, found)).catch(() => undefined));
    if (fp) before.set(id, fp);
  }
  // the biggest workbook's big sheet inflated on the patch thread while this one checks
  const biggest = [...before.entries()].sort((a, b) => b[1].size - a[1].size)[0];
  const threads = sheetThreadsPay();
  if (threads.patch && biggest && biggest[1].size >= BIG_FILE_BYTES) {
    const file = findWorkbook(names, config.files[biggest[0]])!;
    prefetchForPatch(join(dir, file), file);
  }
  let result: CheckResult;
  try {
    result = await check(dir, { ...options, context: ctx });
  } catch (e) {
    dropPrefetch();
    throw e;
  }
  const writes = sheetWrites(result, ctx.live);
  const source = new FolderSource(dir, threads);
  const prepared: { path: string; fp: Fingerprint; p: Prepared }[] = [];
  const files: (FileRefresh | Prepared)[] = [];
  try {
    // Everything that can refuse a workbook as bad input (its styles part) is read for every
    // workbook before any is written: a bad part in the last one leaves the first ones as they were.
    for (const { id } of WORKBOOKS) {
      const fp = before.get(id);
      const file = result.loaded.files[id];
      if (!fp || !file) continue;
      const path = join(dir, file);
      const lock = await lockFileOf(dir, file);
      if (lock) {
        files.push({ file, path, sheets: [], outcome: 'locked', message: `${file}：正在被 Excel/WPS 打开（有 ${lock}），已跳过，请关闭后再运行` });
        continue;
      }
      const p = await prepareWorkbook(source, result, writes, id);
      if ('patch' in p) {
        prepared.push({ path, fp, p });
        files.push(p);
      } else files.push({ file, path, sheets: [], outcome: p.outcome, message: p.message });
    }
    const written = await writeAll(dir, prepared, config.backups.keep, ctx.now, options);
    return { ...result, files: files.map((f) => ('patch' in f ? written.get(f)! : f)) };
  } finally {
    for (const { p } of prepared) await p.patch.close();
    await source.close();
    dropPrefetch();
  }
}

/** Whether a workbook had to be left alone (open in Excel/WPS, or changed while the tool worked). */
export function isSkipped(file: FileRefresh): boolean {
  return file.outcome === 'locked' || file.outcome === 'changed-on-disk';
}

/** Whether any workbook had to be left alone. */
export function anySkipped(files: readonly FileRefresh[]): boolean {
  return files.some(isSkipped);
}

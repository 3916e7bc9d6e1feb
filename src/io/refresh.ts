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
import { prepareWorkbook, planWrites, WRITTEN_SHEETS, type Prepared, type SheetChange } from '../run/refresh.js';
import { check, resolveContext, type CheckOptions, type CheckResult } from './check.js';
import { isAlive } from './process.js';
import { FolderSource } from './source.js';

export type { SheetChange } from '../run/refresh.js';

export interface RefreshOptions extends CheckOptions {
  /** Report what would change, write nothing. */
  dryRun?: boolean;
  /** Called after the new file is complete and before the old one is replaced (a test seam). */
  beforeReplace?: (path: string) => Promise<void>;
}

export type FileOutcome = 'written' | 'unchanged' | 'would-write' | 'locked' | 'changed-on-disk' | 'legacy';

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

function tempPathOf(path: string): string {
  return join(path, '..', `.${basename(path)}.${process.pid}.taizhang-tmp`);
}

/** Temporary files left by a run that was killed: removed when their process is gone. */
async function removeStaleTemps(dir: string, file: string): Promise<void> {
  const prefix = `.${file}.`;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || !name.endsWith('.taizhang-tmp')) continue;
    const pid = Number(name.slice(prefix.length, -'.taizhang-tmp'.length));
    if (pid === process.pid || !isAlive(pid)) await unlink(join(dir, name)).catch(() => undefined);
  }
}

function stamp(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}-${p(date.getMilliseconds(), 3)}`;
}

async function backUp(dir: string, path: string, keep: number, now: Date): Promise<string> {
  const backups = join(dir, STATE_DIR, 'backups');
  await mkdir(backups, { recursive: true });
  const ext = extname(path);
  const base = basename(path, ext);
  const target = join(backups, `${base}-${stamp(now)}${ext}`);
  await copyFile(path, target);
  const mine = (await readdir(backups)).filter((n) => n.startsWith(`${base}-`) && n.endsWith(ext) && /-\d{8}-\d{6}-\d{3}$/.test(basename(n, ext))).sort();
  for (const old of mine.slice(0, Math.max(0, mine.length - keep))) await unlink(join(backups, old)).catch(() => undefined);
  return target;
}

async function syncDir(dir: string): Promise<void> {
  // Makes the rename itself durable; not possible on every platform (Windows), so best effort.
  const handle = await open(dir, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

const STATUS_WORDS: Record<FileOutcome, string> = {
  written: '已更新',
  unchanged: '无变化，未改动',
  'would-write': '将更新（试运行，未写入）',
  locked: '已跳过',
  'changed-on-disk': '已跳过',
  legacy: '旧版格式，未回写',
};

/** Writes a prepared workbook (or only runs its patch, for a dry run) and replaces the file safely. */
async function writeWorkbook(dir: string, path: string, before: Fingerprint, w: Prepared, keep: number, now: Date, options: RefreshOptions): Promise<FileRefresh> {
  const { file, patch } = w;
  const done = (outcome: FileOutcome, message = `${file}：${STATUS_WORDS[outcome]}`, backup?: string): FileRefresh => ({
    file, path, sheets: patch.changes(), outcome, message, ...(backup ? { backup } : {}),
  });
  if (options.dryRun) {
    const { changedParts } = await patch.dryRun();
    return done(changedParts.length ? 'would-write' : 'unchanged');
  }
  const temp = tempPathOf(path);
  try {
    await removeStaleTemps(dir, file);
    await unlink(temp).catch(() => undefined);
    const handle = await open(temp, 'wx');
    const sink = createWriteStream('', { fd: handle, flush: true });
    const { changedParts } = await patch.write(Writable.toWeb(sink) as WritableStream<Uint8Array>);
    if (!sink.closed) await new Promise<void>((resolve) => sink.once('close', () => resolve()));
    await patch.close();
    if (!changedParts.length) {
      await unlink(temp);
      return done('unchanged');
    }
    await options.beforeReplace?.(path);
    const lockNow = await lockFileOf(dir, file);
    if (lockNow) {
      await unlink(temp);
      return done('locked', `${file}：处理期间被 Excel/WPS 打开（有 ${lockNow}），未覆盖，请关闭后再运行`);
    }
    if (!sameFingerprint(before, await fingerprint(path))) {
      await unlink(temp);
      return done('changed-on-disk', `${file}：处理期间文件被修改，未覆盖，请再运行一次`);
    }
    const backup = await backUp(dir, path, keep, now);
    await chmod(temp, (await stat(path)).mode & 0o7777).catch(() => undefined);
    await rename(temp, path);
    await syncDir(dir);
    return done('written', undefined, backup);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}

export async function refresh(dir: string, options: RefreshOptions = {}): Promise<RefreshResult> {
  const ctx = await resolveContext(dir, options);
  const { config } = ctx;
  // Fingerprints first, so a change made while the tool reads is also caught.
  const names = await new FolderSource(dir).list();
  const before = new Map<WorkbookId, Fingerprint>();
  for (const [id] of WRITTEN_SHEETS) {
    const found = findWorkbook(names, config.files[id]);
    const fp = found && (await fingerprint(join(dir, found)).catch(() => undefined));
    if (fp) before.set(id, fp);
  }
  const result = await check(dir, { ...options, context: ctx });
  const writes = planWrites(result, ctx.live);
  const source = new FolderSource(dir);
  const prepared: { path: string; fp: Fingerprint; p: Prepared }[] = [];
  const files: (FileRefresh | undefined)[] = [];
  try {
    // Everything that can refuse a workbook as bad input (its styles part) is read for every
    // workbook before any is written: a bad part in the last one leaves the first ones as they were.
    for (const [id] of WRITTEN_SHEETS) {
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
        files.push(undefined);
      } else files.push({ file, path, sheets: [], outcome: p.outcome, message: p.message });
    }
    let next = 0;
    for (let i = 0; i < files.length; i++) {
      if (files[i]) continue;
      const { path, fp, p } = prepared[next++]!;
      files[i] = await writeWorkbook(dir, path, fp, p, config.backups.keep, ctx.now, options);
    }
    return { ...result, files: files as FileRefresh[] };
  } finally {
    for (const { p } of prepared) await p.patch.close();
    await source.close();
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

/**
 * `refresh` as a library call: check, then write the tool's columns and highlights into the
 * clerks' workbooks, keeping SPEC §6's promises:
 * - a workbook is replaced only by a complete new file: written beside it under a temporary
 *   name, synced to disk, then renamed over it (atomic on one file system);
 * - the previous version is first copied to `.taizhang/backups/` (the newest `backups.keep` kept);
 * - a workbook open in Excel, WPS or LibreOffice (its owner/lock file is there) is skipped;
 * - a workbook that changed on disk after it was read (size, time or content) is not overwritten;
 * - a run that would change nothing leaves the file alone (no new backup, same bytes).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { WorkbookId } from '../core/columns.js';
import type { HeaderLayout } from '../core/table.js';
import { planWriteBack, type SheetWrite } from '../core/writeback.js';
import { openWorkbook, type XlsxReader } from '../xlsx/reader.js';
import { rewriteZip, transformOnly, type PartTransform } from '../xlsx/rewrite.js';
import { SheetPatcher, type PatchStats, type PatchStyles } from '../xlsx/sheetPatch.js';
import { ensureStyles } from '../xlsx/styles.js';
import { check, resolveConfig, type CheckOptions, type CheckResult } from './check.js';
import { todayInShanghai } from './config.js';
import { findWorkbook } from './legacy.js';

export interface RefreshOptions extends CheckOptions {
  /** Report what would change, write nothing. */
  dryRun?: boolean;
  /** Clock for backup names (tests pin it). */
  now?: () => Date;
  /** Called after the new file is complete and before the old one is replaced (a test seam). */
  beforeReplace?: (path: string) => Promise<void>;
}

export type FileOutcome = 'written' | 'unchanged' | 'would-write' | 'locked' | 'changed-on-disk' | 'legacy';

export interface SheetChange {
  sheet: string;
  changedCells: number;
  addedColumns: string[];
}

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

/** Which sheets of which workbook the write-back touches. */
const WRITTEN_SHEETS: [WorkbookId, string[]][] = [
  ['roster', ['roster']],
  ['visits', ['homeVisits', 'duties', 'talks']],
  ['ledger', ['ledger']],
  ['study', ['essays', 'studySessions', 'branchMeetings', 'materials', 'publicity', 'opinions']],
];

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
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (!alive) await unlink(join(dir, name)).catch(() => undefined);
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

/** The patch transform of one sheet part. */
function sheetTransform(write: SheetWrite, styles: PatchStyles, reader: XlsxReader, strings: string[], stats: PatchStats[]): PartTransform {
  return async function* (input) {
    const out: string[] = [];
    const patcher = new SheetPatcher(write, { styles, date1904: reader.date1904, sharedStrings: strings }, (s) => out.push(s));
    for await (const chunk of input) {
      patcher.push(chunk);
      if (out.length) yield out.splice(0).join('');
    }
    stats.push(patcher.end());
    yield out.join('');
  };
}

const STATUS_WORDS: Record<FileOutcome, string> = {
  written: '已更新',
  unchanged: '无变化，未改动',
  'would-write': '将更新（试运行，未写入）',
  locked: '已跳过',
  'changed-on-disk': '已跳过',
  legacy: '旧版格式，未回写',
};

/** A workbook ready to be written: its reader open, its styles checked, its transforms built. */
interface Prepared {
  file: string;
  path: string;
  before: Fingerprint;
  reader: XlsxReader;
  transforms: Map<string, PartTransform>;
  /** What changed per sheet, known once the transforms have run. */
  changes: () => SheetChange[];
}

/**
 * Everything that can refuse a workbook as bad input (its styles part) is read here, for every
 * workbook before any is written: a bad part in the last workbook must not leave the first ones
 * already replaced (SPEC §6: bad input changes no file).
 */
async function prepareWorkbook(
  dir: string,
  id: WorkbookId,
  sheetIds: string[],
  result: CheckResult,
  writes: Map<string, SheetWrite>,
  before: Fingerprint,
): Promise<Prepared | FileRefresh> {
  const { config, loaded } = result;
  const file = loaded.files[id] ?? config.files[id];
  const path = loaded.paths[id]!;
  if (loaded.legacy[id]) {
    return { file, path, sheets: [], outcome: 'legacy', message: `${file}：旧版 .xls/.et 格式，不回写状态列；运行 taizhang convert 可在旁边生成 .xlsx，以后在 .xlsx 中填写即可回写` };
  }
  const lock = await lockFileOf(dir, file);
  if (lock) return { file, path, sheets: [], outcome: 'locked', message: `${file}：正在被 Excel/WPS 打开（有 ${lock}），已跳过，请关闭后再运行` };

  const reader = await openWorkbook(path, file);
  try {
    const strings = await reader.sharedStringTable();
    const stylesPart = reader.stylesPart && reader.archive.entries.has(reader.stylesPart) ? reader.stylesPart : undefined;
    if (!stylesPart) {
      reader.close();
      return { file, path, sheets: [], outcome: 'unchanged', message: `${file}：工作簿中没有样式表，未写入` };
    }
    const ensured = ensureStyles(await reader.archive.text(stylesPart), { file, part: stylesPart });
    const transforms = new Map<string, PartTransform>();
    transforms.set(stylesPart, async function* (input) {
      for await (const _ of input) {
        // read through, so the change check compares the old text with the new
      }
      yield ensured.xml;
    });
    const stats: { sheet: string; write: SheetWrite; stats: PatchStats[] }[] = [];
    for (const sheetId of sheetIds) {
      const info = loaded.sheets[sheetId];
      const write = writes.get(sheetId);
      if (!info || !write) continue;
      const entry = { sheet: info.sheet, write, stats: [] as PatchStats[] };
      stats.push(entry);
      transforms.set(info.part, sheetTransform(write, ensured.styles, reader, strings, entry.stats));
    }
    const changes = () =>
      stats.map((s) => ({
        sheet: s.sheet,
        changedCells: s.stats.reduce((n, x) => n + x.changedCells, 0),
        addedColumns: s.write.columns.filter((c) => !loaded.sheets[s.write.sheetId]!.layout.owned.has(c.header)).map((c) => c.header),
      }));
    return { file, path, before, reader, transforms, changes };
  } catch (e) {
    reader.close();
    throw e;
  }
}

/** Runs the transforms of a prepared workbook and, unless it is a dry run, replaces the file safely. */
async function writeWorkbook(dir: string, w: Prepared, keep: number, options: RefreshOptions): Promise<FileRefresh> {
  const { file, path, reader, transforms } = w;
  const done = (outcome: FileOutcome, message = `${file}：${STATUS_WORDS[outcome]}`, backup?: string): FileRefresh => ({
    file, path, sheets: w.changes(), outcome, message, ...(backup ? { backup } : {}),
  });
  if (options.dryRun) {
    const { changedParts } = await transformOnly(reader.archive, transforms);
    return done(changedParts.length ? 'would-write' : 'unchanged');
  }
  const temp = tempPathOf(path);
  try {
    await removeStaleTemps(dir, file);
    await unlink(temp).catch(() => undefined);
    const { changedParts } = await rewriteZip(reader.archive, temp, transforms);
    reader.close();
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
    if (!sameFingerprint(w.before, await fingerprint(path))) {
      await unlink(temp);
      return done('changed-on-disk', `${file}：处理期间文件被修改，未覆盖，请再运行一次`);
    }
    const backup = await backUp(dir, path, keep, (options.now ?? (() => new Date()))());
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
  // Fingerprints first, so a change made while the tool reads is also caught.
  const { config } = await resolveConfig(dir, options);
  const before = new Map<WorkbookId, Fingerprint>();
  for (const [id] of WRITTEN_SHEETS) {
    const found = await findWorkbook(dir, config.files[id]);
    const fp = found && (await fingerprint(found.path).catch(() => undefined));
    if (fp) before.set(id, fp);
  }
  const result = await check(dir, options);
  const layouts: Record<string, HeaderLayout> = {};
  for (const [id, info] of Object.entries(result.loaded.sheets)) layouts[id] = info.layout;
  const live = result.report.asOf === todayInShanghai();
  const writes = new Map(planWriteBack(result, layouts, result.config, result.report.asOf, live).map((w) => [w.sheetId, w]));
  const prepared: (Prepared | FileRefresh)[] = [];
  try {
    for (const [id, sheetIds] of WRITTEN_SHEETS) {
      const fp = before.get(id);
      if (fp) prepared.push(await prepareWorkbook(dir, id, sheetIds, result, writes, fp));
    }
    const files: FileRefresh[] = [];
    for (const p of prepared) files.push('reader' in p ? await writeWorkbook(dir, p, result.config.backups.keep, options) : p);
    return { ...result, files };
  } finally {
    for (const p of prepared) if ('reader' in p) p.reader.close();
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

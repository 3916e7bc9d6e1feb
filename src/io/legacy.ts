/**
 * Workbooks kept in the old formats: `.xls` (Excel 97–2003) and `.et` (WPS). They are read through
 * a temporary `.xlsx` that LibreOffice makes (the original is never written), and `convert` puts a
 * `.xlsx` beside each one so the office can go on in it. Without LibreOffice the clerk is told how
 * to save as `.xlsx` in Excel or WPS.
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, extname, join } from 'node:path';
import { baseName, LEGACY_EXTENSIONS } from '../run/files.js';
import { pathToFileURL } from 'node:url';
import { InputError } from '../core/problems.js';
import { sourceSignature } from '../xlsx/zip.js';
import { FileSource } from './source.js';
import { syncDir } from './atomic.js';

const exists = (path: string) => stat(path).then(() => true, () => false);

/** Where LibreOffice is: `TAIZHANG_SOFFICE`, the PATH, or its usual install folders. */
export async function findSoffice(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const candidates: string[] = [];
  if (env.TAIZHANG_SOFFICE) candidates.push(env.TAIZHANG_SOFFICE);
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) for (const n of names) candidates.push(join(dir, n));
  if (process.platform === 'win32') {
    for (const root of [env.ProgramFiles, env['ProgramFiles(x86)'], 'C:\\Program Files', 'C:\\Program Files (x86)']) {
      if (root) candidates.push(join(root, 'LibreOffice', 'program', 'soffice.exe'));
    }
  } else if (process.platform === 'darwin') {
    candidates.push('/Applications/LibreOffice.app/Contents/MacOS/soffice');
  }
  for (const c of candidates) {
    if (await access(c, constants.X_OK).then(() => true, () => false)) return c;
  }
  return undefined;
}

/** What the first bytes say: a zip (an .xlsx under an old name), an OLE2 file, or neither. */
async function kindOf(path: string, file: string): Promise<'zip' | 'ole2' | 'other'> {
  const source = new FileSource(path, file);
  try {
    return await sourceSignature(source, file);
  } finally {
    await source.close();
  }
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, windowsHide: true }, (err, stdout, stderr) => resolve({ ok: !err, output: `${stdout}${stderr}` }));
  });
}

/**
 * Makes `<outDir>/<base>.xlsx` from a legacy workbook with LibreOffice, headless, in a profile of
 * its own (so an office LibreOffice that is open does not take the job). The source is only read.
 */
export async function convertWithOffice(source: string, file: string, outDir: string): Promise<string> {
  const soffice = await findSoffice();
  if (!soffice) throw new InputError('LEGACY_NO_OFFICE', { file });
  const profile = await mkdtemp(join(tmpdir(), 'taizhang-lo-'));
  try {
    const { ok } = await run(soffice, [
      '--headless', '--norestore', '--nologo', '--nodefault', '--nolockcheck',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, source,
    ], 180_000);
    const out = join(outDir, `${basename(source, extname(source))}.xlsx`);
    if (!ok || !(await exists(out))) throw new InputError('LEGACY_CONVERT_FAILED', { file });
    return out;
  } finally {
    await rm(profile, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** A temporary .xlsx made by LibreOffice from a real .xls/.et; `done` removes it. */
export async function readablePath(path: string, file: string): Promise<{ path: string; done: () => Promise<void> }> {
  const tmp = await mkdtemp(join(tmpdir(), 'taizhang-xls-'));
  try {
    return { path: await convertWithOffice(path, file, tmp), done: () => rm(tmp, { recursive: true, force: true }) };
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

export interface ConvertOutcome {
  from: string;
  to?: string;
  message: string;
}

/**
 * `taizhang convert`: a `.xlsx` beside each legacy workbook in `dir` (the configured ones), made
 * in a temporary folder and renamed into place; an existing `.xlsx` is never overwritten.
 */
export async function convertFolder(dir: string, files: readonly string[]): Promise<ConvertOutcome[]> {
  const outcomes: ConvertOutcome[] = [];
  for (const configured of files) {
    for (const ext of LEGACY_EXTENSIONS) {
      const file = `${baseName(configured)}${ext}`;
      if (await exists(join(dir, file))) outcomes.push(await convertOne(dir, { file, path: join(dir, file) }));
    }
  }
  return outcomes;
}

async function convertOne(dir: string, found: { file: string; path: string }): Promise<ConvertOutcome> {
  const target = `${baseName(found.file)}.xlsx`;
  if (await exists(join(dir, target))) return { from: found.file, message: `${found.file}：已有 ${target}，未覆盖` };
  if ((await kindOf(found.path, found.file)) !== 'ole2') {
    return { from: found.file, message: `${found.file}：内容已是 .xlsx，无需转换（把扩展名改为 .xlsx 即可）` };
  }
  const tmp = await mkdtemp(join(dir, '.taizhang-convert-'));
  try {
    const made = await convertWithOffice(found.path, found.file, tmp);
    await rename(made, join(dir, target));
    await syncDir(dir);
    return { from: found.file, to: target, message: `${found.file} → ${target}（原文件保留；以后请在 ${target} 中填写）` };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

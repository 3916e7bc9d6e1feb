/**
 * Writing a whole file so that readers only ever see the old one or the complete new one, and a
 * crash leaves no half file: the bytes go to a temporary name in the same folder, are synced to
 * disk, renamed over the target, and the folder is synced so the rename itself survives a power
 * cut. `refresh` uses the same pieces for its two-phase replace of several workbooks.
 */
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isAlive } from './process.js';

const TEMP_SUFFIX = '.taizhang-tmp';

/** `.名册.xlsx.<pid>.taizhang-tmp`: hidden, beside the target, named by the process that writes it. */
export function tempPathOf(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}${TEMP_SUFFIX}`);
}

/** Temporary files of `file` left by a run that was killed: removed when their process is gone. */
export async function removeStaleTemps(dir: string, file: string): Promise<void> {
  const prefix = `.${file}.`;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    const pid = Number(name.slice(prefix.length, -TEMP_SUFFIX.length));
    if (pid === process.pid || !isAlive(pid)) await unlink(join(dir, name)).catch(() => undefined);
  }
}

/** Makes a rename in `dir` durable; not possible on every platform (Windows), so best effort. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

/** Writes `data` to `path` atomically and durably (temp file, fsync, rename, folder fsync). */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const dir = dirname(path);
  await removeStaleTemps(dir, basename(path));
  const temp = tempPathOf(path);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await syncDir(dir);
}

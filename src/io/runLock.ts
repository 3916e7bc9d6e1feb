/**
 * A lock file that keeps two runs of a job from overlapping (nightly's `.taizhang/nightly.lock`).
 * It says who holds it; a lock whose process is gone is taken over.
 */
import { hostname } from 'node:os';
import { link, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { isAlive } from './process.js';
import { sleep } from './retry.js';

export type RunLock = { release: () => Promise<void> } | { holder: string };

interface Holder {
  pid?: number;
  host?: string;
  started?: string;
}

/** How long a run waits for a lock that is being written or broken before it gives up. */
const PATIENCE_MS = 5_000;

/** A breaker that died while breaking (a matter of milliseconds) must not block every run after it. */
const BREAK_STALE_MS = 60_000;

/** Where a lock can only be created and then written (no hard links), this young and unreadable it is still being written. */
const BEING_WRITTEN_MS = 2_000;

/** What `link` says on file systems without hard links (FAT and exFAT drives, some shares). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP', 'EXDEV', 'EINVAL']);

/**
 * Takes the lock at `path`, or says who holds it.
 *
 * The lock appears whole or not at all: it is written beside its place, then hard-linked into it,
 * and a link fails if the place is taken. (Creating it empty and then writing it let a run started
 * in the same instant read an empty lock, take it for one left by a crash, and run alongside.)
 * A dead run's lock is removed only under a second, short lock (`…break`), and only if it is still
 * the lock judged dead: two runs finding the same dead lock would otherwise remove each other's.
 */
export async function takeRunLock(path: string, started: Date): Promise<RunLock> {
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), started: started.toISOString() });
  const draft = `${path}.${process.pid}.new`;
  await writeFile(draft, mine);
  try {
    for (const giveUpAt = Date.now() + PATIENCE_MS; Date.now() < giveUpAt; ) {
      try {
        await placeWhole(draft, path, mine);
        // a lock that cannot be removed now is taken over by the next run once this process is gone
        return { release: () => rm(path, { force: true }).catch(() => undefined) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => e);
      if (text instanceof Error) {
        // released in between: try again at once; unreadable for now: not in a busy loop
        if (text.code !== 'ENOENT') await sleep(10);
        continue;
      }
      let holder: Holder = {};
      try {
        holder = JSON.parse(text) as Holder;
      } catch {
        const age = await stat(path).then((s) => Date.now() - s.mtimeMs, () => Infinity);
        if (age < BEING_WRITTEN_MS) {
          await sleep(10);
          continue;
        }
      }
      const sameHost = !holder.host || holder.host === hostname();
      if (holder.pid && sameHost && isAlive(holder.pid)) return { holder: `进程 ${holder.pid}，开始于 ${holder.started ?? '未知'}` };
      if (holder.pid && !sameHost) return { holder: `${holder.host} 上的进程 ${holder.pid}` };
      if (!(await breakDeadLock(path, text))) await sleep(10);
    }
    return { holder: '另一个进程' };
  } finally {
    await rm(draft, { force: true });
  }
}

/** Links the written draft into place; where hard links are not to be had, creates it and writes it. */
async function placeWhole(draft: string, path: string, text: string): Promise<void> {
  try {
    await link(draft, path);
  } catch (e) {
    if (!NO_HARD_LINKS.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
    await writeFile(path, text, { flag: 'wx' });
  }
}

/** Removes the lock at `path` if it still reads `dead`. False when another run is breaking it. */
async function breakDeadLock(path: string, dead: string): Promise<boolean> {
  const breaker = `${path}.break`;
  try {
    await writeFile(breaker, String(process.pid), { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const since = await stat(breaker).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (since > BREAK_STALE_MS) await rm(breaker, { force: true });
    return false;
  }
  try {
    const now = await readFile(path, 'utf8').catch(() => undefined);
    if (now === dead) await rm(path, { force: true }).catch(() => undefined); // if it cannot go, the next attempt says so
    return true;
  } finally {
    await rm(breaker, { force: true }).catch(() => undefined);
  }
}


/**
 * A lock file that keeps two runs of a job from overlapping (nightly's `.taizhang/nightly.lock`).
 * It says who holds it; a lock whose process is gone is taken over.
 */
import { hostname } from 'node:os';
import { link, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { isAlive } from './process.js';

export type RunLock = { release: () => Promise<void> } | { holder: string };

interface Holder {
  pid?: number;
  host?: string;
  started?: string;
}

/** A breaker that died while breaking (a matter of milliseconds) must not block every run after it. */
const BREAK_STALE_MS = 60_000;

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
    for (let attempt = 0; attempt < 200; attempt++) {
      try {
        await link(draft, path);
        return { release: () => rm(path, { force: true }) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const text = await readFile(path, 'utf8').catch(() => undefined);
      if (text === undefined) continue; // released in between: try again
      let holder: Holder = {};
      try {
        holder = JSON.parse(text) as Holder;
      } catch {
        // we never leave one half-written, so this one is not a live run's
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
    if (now === dead) await rm(path, { force: true });
    return true;
  } finally {
    await rm(breaker, { force: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

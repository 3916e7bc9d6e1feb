/** The run lock under contention: runs started in the same instant, by separate processes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeRunLock } from '../src/io/runLock.js';
import { ROOT, tempDir } from './helpers/cli.js';

const LOCK_MODULE = join(ROOT, 'src', 'io', 'runLock.ts');
const CONTENDERS = 6;
const ROUNDS = 20;
const PERIOD_MS = 300;

interface Outcome {
  round: number;
  /** When it had the lock, and when it let go (ms); absent when it was told who holds it. */
  held?: [number, number];
  busy?: string;
}

/**
 * One process. Once loaded it says so and waits for the common start; then in each round it waits
 * for the round's instant, tries the lock, and if it got it holds it a while and lets go. When
 * `dead` is given, the first process writes it as the lock before each round: a crashed run's.
 */
function contender(lock: string, first: boolean, dead: string | undefined): { child: ChildProcess; ready: Promise<void>; done: Promise<Outcome[]> } {
  const script = `
    const { takeRunLock } = await import(${JSON.stringify(LOCK_MODULE)});
    const { writeFileSync } = await import('node:fs');
    process.stdout.write('ready\\n');
    const startAt = await new Promise((resolve) => process.stdin.once('data', (d) => resolve(Number(String(d)))));
    process.stdin.pause();
    const outcomes = [];
    for (let round = 0; round < ${ROUNDS}; round++) {
      const at = startAt + round * ${PERIOD_MS};
      if (${first && dead !== undefined}) {
        while (Date.now() < at - ${PERIOD_MS / 3}) {}
        // only where no run holds it: overwriting a live lock would be the test's fault, not the lock's
        try { writeFileSync(${JSON.stringify(lock)}, ${JSON.stringify(dead ?? '')}, { flag: 'wx' }); } catch {}
      }
      while (Date.now() < at) {}
      const got = await takeRunLock(${JSON.stringify(lock)}, new Date());
      if ('release' in got) {
        const from = Date.now();
        await new Promise((r) => setTimeout(r, ${PERIOD_MS / 2}));
        const to = Date.now();
        await got.release();
        outcomes.push({ round, held: [from, to] });
      } else outcomes.push({ round, busy: got.holder });
    }
    process.stdout.write(JSON.stringify(outcomes));
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT });
  let out = '';
  let err = '';
  let signalReady: () => void;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout!.on('data', (d) => {
    out += d;
    if (out.startsWith('ready\n')) signalReady();
  });
  child.stderr!.on('data', (d) => (err += d));
  const done = new Promise<Outcome[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.slice('ready\n'.length))) : reject(new Error(`exit ${code}: ${err}`))));
  });
  return { child, ready, done };
}

/** Every contender's outcomes, all started together once every process is loaded. */
async function race(dir: string, dead?: string): Promise<Outcome[]> {
  const lock = join(dir, 'nightly.lock');
  const all = Array.from({ length: CONTENDERS }, (_, i) => contender(lock, i === 0, dead));
  await Promise.all(all.map((c) => c.ready));
  const startAt = Date.now() + 200;
  for (const c of all) c.child.stdin!.end(String(startAt));
  return (await Promise.all(all.map((c) => c.done))).flat();
}

/** The lock's one promise: no two runs ever hold it at the same time. */
function expectNoOverlap(outcomes: Outcome[]): void {
  const held = outcomes.flatMap((o) => (o.held ? [o.held] : [])).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < held.length; i++) {
    expect(held[i]![0], `held ${held[i - 1]!.join('–')} and ${held[i]!.join('–')} at once`).toBeGreaterThanOrEqual(held[i - 1]![1]);
  }
}

describe('the run lock', () => {
  it('runs started in the same instant never hold it together; the others are told who does', async () => {
    const dir = tempDir();
    const outcomes = await race(dir);
    expectNoOverlap(outcomes);
    expect(outcomes.filter((o) => o.held).length).toBeGreaterThanOrEqual(ROUNDS / 2);
    const busy = outcomes.filter((o) => o.busy);
    expect(busy.length, 'the runs did contend').toBeGreaterThan(ROUNDS);
    for (const o of busy) expect(o.busy).toMatch(/^进程 \d+，开始于 \d{4}-/);
    expect(readdirSync(dir), 'released, and nothing left beside it').toEqual([]);
  }, 60_000);

  it('a lock left by a crashed run is taken over, by one run at a time', async () => {
    const dir = tempDir();
    const dead = JSON.stringify({ pid: 2 ** 22 + 12345, started: '2014-08-14T18:00:00.000Z' });
    const outcomes = await race(dir, dead);
    expectNoOverlap(outcomes);
    expect(outcomes.filter((o) => o.held).length).toBeGreaterThanOrEqual(ROUNDS / 2);
    expect(outcomes.filter((o) => o.busy).length, 'the runs did contend').toBeGreaterThan(ROUNDS);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  it('a lock just created and not yet written is waited for, not taken for a dead one', async () => {
    const lock = join(tempDir(), 'nightly.lock');
    writeFileSync(lock, ''); // where there are no hard links, a lock is created and then written
    setTimeout(() => writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), started: '2014-08-15T18:00:00.000Z' })), 300);
    expect(await takeRunLock(lock, new Date())).toEqual({ holder: `进程 ${process.pid}，开始于 2014-08-15T18:00:00.000Z` });
  });

  it('a lock that cannot be read and is not new is taken over', async () => {
    const lock = join(tempDir(), 'nightly.lock');
    writeFileSync(lock, '{"pid": 12');
    utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const got = await takeRunLock(lock, new Date());
    expect('release' in got).toBe(true);
    if ('release' in got) await got.release();
  });
});

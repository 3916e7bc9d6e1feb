/** The run lock under contention: runs started in the same instant, by separate processes. */
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers/cli.js';

const LOCK_MODULE = join(ROOT, 'src', 'io', 'runLock.ts');
const CONTENDERS = 6;
const ROUNDS = 20;
const PERIOD_MS = 300;

/**
 * One process: in each round it waits for the round's instant, tries the lock, and if it got it
 * holds it a while and lets go. Before each round the lock holds what `before` says, if anything:
 * the first contender writes it, the others wait for it.
 */
function contender(dir: string, startAt: number, index: number, before: string | undefined): Promise<string[]> {
  const lock = join(dir, 'nightly.lock');
  const script = `
    const { takeRunLock } = await import(${JSON.stringify(LOCK_MODULE)});
    const { writeFileSync } = await import('node:fs');
    const lines = [];
    for (let round = 0; round < ${ROUNDS}; round++) {
      const at = ${startAt} + round * ${PERIOD_MS};
      if (${index} === 0 && ${JSON.stringify(before ?? null)} !== null) {
        while (Date.now() < at - ${PERIOD_MS / 3}) {}
        writeFileSync(${JSON.stringify(lock)}, ${JSON.stringify(before ?? '')});
      }
      while (Date.now() < at) {}
      const got = await takeRunLock(${JSON.stringify(lock)}, new Date());
      if ('release' in got) {
        lines.push('got');
        await new Promise((r) => setTimeout(r, ${PERIOD_MS / 2}));
        await got.release();
      } else lines.push('busy ' + got.holder);
    }
    process.stdout.write(JSON.stringify(lines));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`exit ${code}: ${err}`))));
  });
}

/** What each round gave, one list of outcomes per round. */
async function race(dir: string, before?: string): Promise<string[][]> {
  // long enough for every process to have started and loaded the module
  const startAt = Date.now() + 4000;
  const byProcess = await Promise.all(Array.from({ length: CONTENDERS }, (_, i) => contender(dir, startAt, i, before)));
  return Array.from({ length: ROUNDS }, (_, round) => byProcess.map((lines) => lines[round]!));
}

describe('the run lock', () => {
  it('of runs started in the same instant, exactly one gets it, each time', async () => {
    const dir = tempDir();
    for (const [round, outcomes] of (await race(dir)).entries()) {
      expect(outcomes.filter((o) => o === 'got'), `round ${round}: ${outcomes.join(' | ')}`).toHaveLength(1);
      for (const o of outcomes.filter((o) => o !== 'got')) expect(o).toMatch(/^busy 进程 \d+，开始于 \d{4}-/);
    }
    expect(readdirSync(dir), 'released, and nothing left beside it').toEqual([]);
  }, 60_000);

  it('a lock left by a crashed run is taken over by exactly one of the runs that find it', async () => {
    const dir = tempDir();
    const dead = JSON.stringify({ pid: 2 ** 22 + 12345, started: '2014-08-14T18:00:00.000Z' });
    for (const [round, outcomes] of (await race(dir, dead)).entries()) {
      expect(outcomes.filter((o) => o === 'got'), `round ${round}: ${outcomes.join(' | ')}`).toHaveLength(1);
    }
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});

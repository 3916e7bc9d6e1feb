/** The run lock on a file system without hard links (a FAT or exFAT drive): `link` refuses. */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:fs/promises', async (original) => ({
  ...(await original<typeof import('node:fs/promises')>()),
  link: async () => {
    throw Object.assign(new Error('operation not permitted, link'), { code: 'EPERM' });
  },
}));

const { takeRunLock } = await import('./runLock.js');

describe('the run lock without hard links', () => {
  it('is created and written in place, holds off a second run, and goes on release', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-lock-'));
    const lock = join(dir, 'nightly.lock');
    const first = await takeRunLock(lock, new Date('2014-08-15T18:00:00Z'));
    expect('release' in first).toBe(true);
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid, started: '2014-08-15T18:00:00.000Z' });
    expect(await takeRunLock(lock, new Date())).toEqual({ holder: `进程 ${process.pid}，开始于 2014-08-15T18:00:00.000Z` });
    if ('release' in first) await first.release();
    expect(existsSync(lock)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

/**
 * `npm start` as a new user runs it: the whole main job on a copy of the sample, every result where
 * it says, and no tracked file changed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

it('npm start runs refresh and nightly on out/sample, says where each result is, and changes no tracked file', () => {
  const status = () => execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' });
  const before = status();
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], { cwd: ROOT, encoding: 'utf8' });
  expect(run.status).toBe(0);
  expect(status()).toBe(before);
  const said = (label: string) => new RegExp(`${label}\\s*(\\S+?)(（|$)`, 'm').exec(run.stdout)?.[1];
  for (const label of ['领导汇总表：', '问题清单：', '日报邮件（未发送）：', '钉钉群提醒（未发送）：', '运行日志：']) {
    const path = said(label);
    expect(path, label).toBeDefined();
    expect(existsSync(join(ROOT, path!)), label).toBe(true);
  }
  const notice = readFileSync(join(ROOT, said('钉钉群提醒（未发送）：')!), 'utf8');
  expect(notice).toContain('#### 岳阳市第七中学 教育实践活动台账提醒');
  expect(notice).toContain('完整名单见问题清单：问题清单-2014-08-15.xlsx');
}, 120_000);

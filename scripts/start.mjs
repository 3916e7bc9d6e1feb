#!/usr/bin/env node
// `npm start`: the main job on the bundled sample, as a new user first sees it. It never changes
// tracked files: the sample is copied to out/sample (ignored by git) and the job runs on the copy.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(cli)) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) process.exit(build.status ?? 2);
}
const sample = join(root, 'workbooks', 'sample');
const work = join(root, 'out', 'sample');
rmSync(work, { recursive: true, force: true });
cpSync(sample, work, { recursive: true });

const run = spawnSync(process.execPath, [cli, 'refresh', work], { stdio: 'inherit' });
if (run.status !== 0 && run.status !== 1) process.exit(run.status ?? 2);
console.log(`\n（以上是样例中故意设置的问题，检查结果退出码为 1 属正常。）`);
console.log(`样例工作簿的副本已回写（【自动】列和颜色标注），在：${relative(process.cwd(), work) || work}`);
console.log('原样例 workbooks/sample 未改动。');

#!/usr/bin/env node
// `npm start`: the main job on the bundled sample, as a new user first sees it. It never changes
// tracked files: `check` only reads. (Later steps that write run on a copy under out/.)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(cli)) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) process.exit(build.status ?? 2);
}
const sample = join(root, 'workbooks', 'sample');
const run = spawnSync(process.execPath, [cli, 'check', sample], { stdio: 'inherit' });
if (run.status === 1) console.log('\n（以上是样例中故意设置的问题，检查结果退出码为 1 属正常。）');
process.exit(run.status === 1 ? 0 : (run.status ?? 2));

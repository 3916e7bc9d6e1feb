#!/usr/bin/env node
// `npm start`: the main job on the bundled sample, as a new user first sees it. It never changes
// tracked files: the sample is copied to out/sample (ignored by git) and the whole job runs on the
// copy: refresh, then nightly (summary + mail, written as an .eml since no server is configured; the
// group notice of an example robot written as a file).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'bin', 'taizhang.js');
const page = join(root, 'dist', 'web', 'taizhang.html');
if (!existsSync(cli) || !existsSync(page)) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) process.exit(build.status ?? 2);
}
const sample = join(root, 'workbooks', 'sample');
const work = join(root, 'out', 'sample');
rmSync(work, { recursive: true, force: true });
cpSync(sample, work, { recursive: true });
// a 钉钉 robot in the copy's config, to show the group notice (a dry run never looks up its token)
const configPath = join(work, 'taizhang.config.json');
const config = JSON.parse(readFileSync(configPath, 'utf8'));
config.notify = [{ kind: 'dingtalk', name: '示例群', webhook: 'https://oapi.dingtalk.com/robot/send?access_token=${TAIZHANG_DINGTALK_TOKEN}' }];
writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);

// 1. check + write back the status columns and highlights
const run = spawnSync(process.execPath, [cli, 'refresh', work], { stdio: 'inherit' });
if (run.status !== 0 && run.status !== 1) process.exit(run.status ?? 2);
console.log('\n（以上是样例中故意设置的问题，检查结果退出码为 1 属正常。）\n');
// 2. the nightly job: summary workbook and the mail (no mail server configured: saved as .eml)
const night = spawnSync(process.execPath, [cli, 'nightly', work, '--dry-run'], { encoding: 'utf8' });
if (night.status !== 0) {
  process.stderr.write(night.stderr);
  process.exit(night.status ?? 2);
}
const rel = (p) => relative(process.cwd(), p) || p;
const summary = /汇总：(.*)/.exec(night.stdout)?.[1];
const list = /问题清单：(.*)/.exec(night.stdout)?.[1];
const eml = /邮件（未发送）：(.*)/.exec(night.stdout)?.[1];
const log = /日志：(.*)/.exec(night.stdout)?.[1];
const notice = /群提醒（未发送）：(.*)/.exec(night.stdout)?.[1];
console.log('结果（样例的副本，原样例 workbooks/sample 未改动）：');
console.log(`  不用命令行的检查网页：${rel(page)}（双击打开，把 ${rel(work)} 中的工作簿拖进去）`);
console.log(`  回写后的工作簿：${rel(work)}/`);
if (summary) console.log(`  领导汇总表：    ${rel(summary)}`);
if (list) console.log(`  问题清单：      ${rel(list)}（每条问题一行，点单元格列可跳到工作簿的那一格；“按人员”表可分发给各人）`);
if (eml) console.log(`  日报邮件（未发送）：${rel(eml)}`);
if (notice) console.log(`  钉钉群提醒（未发送）：${rel(notice)}（在配置 notify 中写上本校的钉钉、企业微信机器人，每晚发到群里，见 README）`);
if (log) console.log(`  运行日志：      ${rel(log)}`);

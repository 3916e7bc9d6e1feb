#!/usr/bin/env node
/**
 * The `taizhang` command: parses arguments, calls the library, sets the exit code. Exit 0: no
 * rule broken; 1: rules broken; 2: could not run (one line on stderr, nothing changed).
 */
import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import type { Lang } from '../core/findings.js';
import { InputError } from '../core/problems.js';
import { exitCodeOf } from '../core/report.js';
import { check } from '../io/check.js';
import { CONFIG_NAME } from '../run/files.js';
import { anySkipped, isSkipped, refresh } from '../io/refresh.js';
import { jsonReportText } from '../run/report.js';
import { internalErrorLine, schoolLine } from '../run/text.js';
import { formatRefresh, formatReport, jsonReport, jsonRefresh, refreshProblem } from './format.js';

interface CommonOptions {
  asOf?: string;
  config?: string;
  json?: boolean;
  lang: Lang;
}

let lang: Lang = 'zh';

const langOption = () => new Option('--lang <zh|en>', '信息语言').choices(['zh', 'en']).default('zh');

/** The day and the config: every command that judges a folder takes them. */
function dayAndConfig(cmd: Command): Command {
  return cmd
    .option('--as-of <YYYY-MM-DD>', '按哪一天判断（默认：配置中的 asOf，否则北京时间今天）')
    .option('--config <FILE>', `配置文件（默认：目录中的 ${CONFIG_NAME}）`);
}

function common(cmd: Command): Command {
  return dayAndConfig(cmd).option('--json', '在标准输出打印 JSON 报告（且只打印它）').addOption(langOption());
}

// The package's version: written into the bundle when it is built (scripts/build-cli.mjs); run
// from the sources, read from package.json two folders up.
declare const __TAIZHANG_VERSION__: string | undefined;
const version = typeof __TAIZHANG_VERSION__ === 'string' ? __TAIZHANG_VERSION__ : (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

const program = new Command('taizhang')
  .description('岳阳市七中党的群众路线教育实践活动台账：检查、回写、汇总')
  .version(version, '-V, --version', '显示版本号')
  .helpCommand('help [命令]', '显示命令的帮助')
  .helpOption('-h, --help', '显示帮助')
  .exitOverride()
  .configureOutput({ writeErr: () => {}, outputError: () => {} });

common(
  program
    .command('check')
    .description('读取并检查工作簿，不改动工作簿')
    .argument('[DIR]', '工作簿所在文件夹', '.')
    .option('--xlsx <FILE>', '另外写出问题清单工作簿（每条问题一行，可排序、筛选、打印；另有“按人员”表）'),
).action(async (dir: string, opts: CommonOptions & { xlsx?: string }) => {
  lang = opts.lang;
  const result = await check(dir, { configPath: opts.config, asOf: opts.asOf });
  if (opts.xlsx) {
    const { writeFindingsList } = await import('../io/summary.js');
    await writeFindingsList(result, result.config, opts.xlsx, dir);
  }
  if (opts.json) process.stdout.write(jsonReportText(result.report, opts.lang));
  else process.stdout.write(`${formatReport(result.report, opts.lang)}\n${opts.xlsx ? `\n问题清单已写出：${opts.xlsx}\n` : ''}`);
  process.exitCode = exitCodeOf(result.report);
});

common(
  program
    .command('refresh')
    .description('检查后把【自动】状态列和颜色标注写回工作簿（先备份；正在打开的工作簿跳过）')
    .argument('[DIR]', '工作簿所在文件夹', '.')
    .option('--dry-run', '只报告将改动什么，不写任何文件'),
).action(async (dir: string, opts: CommonOptions & { dryRun?: boolean }) => {
  lang = opts.lang;
  const result = await refresh(dir, { configPath: opts.config, asOf: opts.asOf, dryRun: opts.dryRun });
  if (opts.json) process.stdout.write(`${JSON.stringify({ ...jsonReport(result.report, opts.lang), refresh: jsonRefresh(dir, result.files) }, null, 2)}\n`);
  else process.stdout.write(`${formatReport(result.report, opts.lang)}\n\n${formatRefresh(dir, result.files, opts.lang)}\n`);
  for (const f of result.files.filter(isSkipped)) process.stderr.write(`taizhang: ${refreshProblem(f, opts.lang)}\n`);
  process.exitCode = anySkipped(result.files) ? 2 : exitCodeOf(result.report);
});

common(
  program
    .command('summary')
    .description('生成给领导看的汇总工作簿（汇总-YYYY-MM-DD.xlsx），不改动台账')
    .argument('[DIR]', '工作簿所在文件夹', '.')
    .option('-o, --output <FILE>', '汇总文件路径（默认：工作簿文件夹中的 汇总-日期.xlsx）'),
).action(async (dir: string, opts: CommonOptions & { output?: string }) => {
  lang = opts.lang;
  // exceljs (summary, init, nightly) is loaded only by the commands that write with it: check starts faster
  const { summary } = await import('../io/summary.js');
  const result = await summary(dir, { configPath: opts.config, asOf: opts.asOf, output: opts.output });
  if (opts.json) process.stdout.write(`${JSON.stringify({ ...jsonReport(result.report, opts.lang), summary: result.path }, null, 2)}\n`);
  else process.stdout.write(`${formatReport(result.report, opts.lang)}\n\n汇总已生成：${result.path}\n`);
  process.exitCode = exitCodeOf(result.report);
});

dayAndConfig(
  program
    .command('nightly')
    .description('每晚运行：回写全部工作簿、生成汇总和问题清单、发邮件给领导、发钉钉/企业微信群提醒（可放进 cron 或 Windows 任务计划）')
    .argument('[DIR]', '工作簿所在文件夹', '.'),
)
  .option('--dry-run', '不改工作簿，邮件存为 .taizhang/mail/ 中的 .eml 文件、群提醒存为 .taizhang/notify/ 中的 .md 文件，都不发送')
  .addOption(langOption())
  .action(async (dir: string, opts: { asOf?: string; config?: string; dryRun?: boolean; lang: Lang }) => {
    lang = opts.lang;
    const { NIGHTLY_EXIT, nightly } = await import('../io/nightly.js');
    const result = await nightly(dir, { configPath: opts.config, asOf: opts.asOf, dryRun: opts.dryRun });
    // the log and the mail are the school's, in Chinese; these lines are the operator's
    const en = opts.lang === 'en';
    if (result.summary) process.stdout.write(`${en ? 'summary: ' : '汇总：'}${result.summary}\n`);
    if (result.findingsList) process.stdout.write(`${en ? 'findings list: ' : '问题清单：'}${result.findingsList}\n`);
    if (result.eml) process.stdout.write(`${en ? 'mail (not sent): ' : '邮件（未发送）：'}${result.eml}\n`);
    for (const n of result.notices ?? []) process.stdout.write(`${en ? 'group notice (not sent): ' : '群提醒（未发送）：'}${n}\n`);
    process.stdout.write(`${en ? 'log: ' : '日志：'}${result.log}\n`);
    for (const p of result.problems) process.stderr.write(`taizhang: ${p}\n`);
    process.exitCode = NIGHTLY_EXIT[result.outcome];
  });

dayAndConfig(
  program
    .command('notify')
    .description('检查后写出问题清单，并把提醒发到配置中的钉钉、企业微信群机器人（每晚的 nightly 也会发）；不改动工作簿')
    .argument('[DIR]', '工作簿所在文件夹', '.'),
)
  .option('--dry-run', '只在屏幕上显示要发的提醒，不发送，也不写任何文件')
  .action(async (dir: string, opts: { asOf?: string; config?: string; dryRun?: boolean }) => {
    const { notifyCommand } = await import('../io/notify.js');
    const result = await notifyCommand(dir, { configPath: opts.config, asOf: opts.asOf, dryRun: opts.dryRun });
    for (const line of result.lines) process.stdout.write(`${line}\n`);
    for (const p of result.problems) process.stderr.write(`taizhang: ${p}\n`);
    process.exitCode = result.problems.length ? 3 : 0;
  });

program
  .command('convert')
  .description('把旧版 .xls/.et 工作簿转换为 .xlsx，放在原文件旁边（原文件保留；需要 LibreOffice）')
  .argument('[DIR]', '工作簿所在文件夹', '.')
  .option('--config <FILE>', `配置文件（默认：目录中的 ${CONFIG_NAME}）`)
  .addOption(langOption())
  .action(async (dir: string, opts: { config?: string; lang: Lang }) => {
    lang = opts.lang;
    const { convert } = await import('../io/convert.js');
    const outcomes = await convert(dir, { configPath: opts.config });
    if (outcomes.length === 0) process.stdout.write('没有需要转换的旧版工作簿（.xls/.et）\n');
    for (const o of outcomes) process.stdout.write(`${o.message}\n`);
  });

program
  .command('district')
  .description('督导组：DIR 下每个学校一个文件夹，并行检查所有学校，在 DIR 中写出 各校汇总-日期.xlsx；不改动各校文件')
  .argument('<DIR>', '放各校文件夹的文件夹')
  .option('--as-of <YYYY-MM-DD>', '按哪一天判断（默认：各校配置中的 asOf，否则北京时间今天）')
  .option('--json', '在标准输出打印 JSON（每所学校的完整报告），且只打印它')
  .option('--mail', `用 DIR 中 ${CONFIG_NAME} 的邮件设置把汇总表发出去`)
  .addOption(langOption())
  .action(async (dir: string, opts: { asOf?: string; json?: boolean; mail?: boolean; lang: Lang }) => {
    lang = opts.lang;
    const { district, districtMail } = await import('../io/district.js');
    const tty = process.stderr.isTTY && !opts.json;
    const result = await district(dir, {
      asOf: opts.asOf,
      lang,
      progress: tty ? (done, total) => process.stderr.write(`\r检查中 [${'#'.repeat(Math.round((done / total) * 30)).padEnd(30, '.')}] ${done}/${total} 所学校`) : undefined,
    });
    if (tty) process.stderr.write('\n');
    if (opts.json) process.stdout.write(`${JSON.stringify({ asOf: result.asOf, schools: result.schools.map(({ dir: _dir, ...s }) => s) }, null, 2)}\n`);
    else {
      const { worstFirst } = await import('../summary/district.js');
      for (const s of worstFirst(result.schools) as typeof result.schools) {
        process.stdout.write(`${schoolLine(s.school, s.report, s.reason, lang)}\n`);
      }
      process.stdout.write(`\n各校汇总已生成：${result.path}\n`);
    }
    if (opts.mail) {
      const { resolveContext } = await import('../io/check.js');
      const { sendMail } = await import('../io/mail.js');
      const { config } = await resolveContext(dir, {});
      await sendMail(config, districtMail(result), { attachment: result.path, log: () => undefined });
      if (!opts.json) process.stdout.write(`已发送给 ${config.mail.to.join('、')}\n`);
    }
    process.exitCode = result.exit;
  });

program
  .command('addin')
  .description('Excel/WPS 加载项：写出 manifest.xml 和任务窗格文件；不给 --url 时在本机 https://localhost 上提供加载项（按 Ctrl+C 停止）')
  .option('--url <URL>', '学校内网上放任务窗格文件的 https 地址（给了就只写文件，不在本机提供）')
  .option('--port <PORT>', '本机端口', '3000')
  .option('--out <DIR>', 'manifest.xml 和任务窗格文件写到哪里', 'taizhang-addin')
  .option('--cert <FILE>', 'HTTPS 证书（默认用 office-addin-dev-certs 生成并信任的本机证书）')
  .option('--key <FILE>', 'HTTPS 证书的私钥')
  .option('--days <N>', '新生成的本机证书的有效天数（默认 30；过期后再运行本命令会自动重新生成）')
  .action(async (opts: { url?: string; port: string; out: string; cert?: string; key?: string; days?: string }) => {
    const { serveAddin, writeAddin } = await import('../io/addin.js');
    const days = opts.days === undefined ? undefined : Number(opts.days);
    if (days !== undefined && !(Number.isInteger(days) && days > 0)) throw new InputError('BAD_OPTION', { reason: `--days “${opts.days}” 应为正整数` });
    const options = { url: opts.url, port: Number(opts.port), out: opts.out, cert: opts.cert, key: opts.key, days };
    if (opts.url) {
      const { manifest } = writeAddin(options);
      process.stdout.write(`已写出 ${manifest} 和任务窗格文件（${opts.out}）：把 ${opts.out} 中的文件放到 ${opts.url}，再按 README 加载 manifest.xml\n`);
      return;
    }
    const { url, manifest } = await serveAddin(options);
    process.stdout.write(`加载项已在 ${url} 提供；manifest：${manifest}（按 README 旁加载到 Excel）。按 Ctrl+C 停止。\n`);
    await new Promise(() => undefined);
  });

program
  .command('init')
  .description('在文件夹中新建空白工作簿（含表头、下拉列表、日期格式）和配置文件；已有文件不覆盖')
  .argument('[DIR]', '文件夹', '.')
  .addOption(langOption())
  .action(async (dir: string, opts: { lang: Lang }) => {
    lang = opts.lang;
    const { initFolder } = await import('../io/init.js');
    const result = await initFolder(dir);
    for (const f of result.written) process.stdout.write(`已创建 ${f}\n`);
    for (const f of result.skipped) process.stdout.write(`已存在，未覆盖 ${f}\n`);
  });

function fail(message: string): void {
  process.stderr.write(`taizhang: ${message}\n`);
  process.exitCode = 2;
}

function commanderMessage(e: CommanderError): string {
  const m = e.message.replace(/^error: /, '');
  const arg = /'([^']+)'/.exec(m)?.[1] ?? '';
  switch (e.code) {
    case 'commander.unknownOption':
      return `参数错误：未知的选项 ${arg}（用 --help 查看可用选项）`;
    case 'commander.unknownCommand':
      return `参数错误：未知的命令 ${arg}（可用：${program.commands.map((c) => c.name()).join('、')}；用 --help 查看）`;
    case 'commander.optionMissingArgument':
      return `参数错误：选项 ${arg} 需要一个值`;
    case 'commander.invalidArgument':
      return `参数错误：${m.includes('--lang') ? '--lang 只能是 zh 或 en' : m}`;
    case 'commander.excessArguments':
      return '参数错误：多余的参数';
    default:
      return `参数错误：${m}`;
  }
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') process.exitCode = 0;
    else fail(commanderMessage(e));
  } else if (e instanceof InputError) {
    fail(e.messageIn(lang));
  } else {
    if (process.env.TAIZHANG_DEBUG) console.error(e);
    fail(internalErrorLine((e as Error)?.message ?? String(e), lang, true));
  }
}

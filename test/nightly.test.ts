/**
 * `nightly` against real parts: an SMTP server in this process on 127.0.0.1 with a certificate
 * made by openssl (the CLI verifies it through NODE_EXTRA_CA_CERTS, as it would a real one), the
 * message parsed with mailparser, the attachment opened with exceljs.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDir, runCliAsync, runJson, SAMPLE } from './helpers/cli.js';
import { deadPort, makeCert, startServer, type TestCert } from './helpers/smtp.js';

const USER = 'office@yy7z.edu.cn';
const PASS = 'qq-auth-code-9f3k';
let cert: TestCert;
beforeAll(() => {
  cert = makeCert();
});

function office(mail: Record<string, unknown>): string {
  const dir = copyDir(SAMPLE);
  const config = JSON.parse(readFileSync(join(dir, 'taizhang.config.json'), 'utf8'));
  writeFileSync(join(dir, 'taizhang.config.json'), JSON.stringify({ ...config, mail: { to: ['shuji@yy7z.edu.cn', 'xiaozhang@yy7z.edu.cn'], from: USER, user: USER, host: '127.0.0.1', secure: false, retries: 2, retryDelaySeconds: 0.05, ...mail } }));
  return dir;
}

const env = (pass = PASS) => ({ NODE_EXTRA_CA_CERTS: cert.certPath, TAIZHANG_SMTP_PASS: pass });
const logsOf = (dir: string) => readdirSync(join(dir, '.taizhang', 'logs')).map((n) => readFileSync(join(dir, '.taizhang', 'logs', n), 'utf8'));

describe('a night on the sample, over STARTTLS with a login', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let dir: string;
  let run: Awaited<ReturnType<typeof runCliAsync>>;
  beforeAll(async () => {
    server = await startServer({ cert, auth: { user: USER, pass: PASS } });
    dir = office({ port: server.port });
    run = await runCliAsync(['nightly', dir], env());
  }, 60_000);
  afterAll(() => server.close());

  it('delivers one mail to the leadership and exits 0', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(server.messages).toHaveLength(1);
    expect(server.messages[0]!.from).toBe(USER);
    expect(server.messages[0]!.to).toEqual(['shuji@yy7z.edu.cn', 'xiaozhang@yy7z.edu.cn']);
  });

  it('has a Chinese subject with the date and the headline, and the figures in the body', async () => {
    const mail = await simpleParser(server.messages[0]!.raw);
    expect(mail.subject).toBe('教育实践活动台账日报 2014-08-15：逾期3项，即将到期2项，家访未达标3人');
    expect(mail.text).toContain('整改台账：共 18 项，已逾期 3 项，即将到期 2 项');
    expect(mail.text).toContain('逾期整改事项：');
    expect(mail.html).toContain('家访：有家访任务的教师 48 人，未达标 3 人');
  });

  it('attaches the summary under its Chinese name, in both encodings mail clients need, and it opens', async () => {
    const raw = server.messages[0]!.raw.toString('latin1');
    expect(raw).toContain('name="=?UTF-8?Q?=E6=B1=87=E6=80=BB-2014-08-15=2Exlsx?="'); // encoded word, for QQ Mail
    expect(raw).toContain("filename*0*=utf-8''%E6%B1%87%E6%80%BB-2014-08-15.xlsx"); // RFC 2231
    const mail = await simpleParser(server.messages[0]!.raw);
    expect(mail.attachments.map((a) => a.filename)).toEqual(['汇总-2014-08-15.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(mail.attachments[0]!.content as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.name).toBe('总览');
    expect(readFileSync(join(dir, '汇总-2014-08-15.xlsx')).equals(mail.attachments[0]!.content)).toBe(true);
  });

  it('refreshed the workbooks', () => {
    const { report } = runJson(['check', dir]);
    expect(report.tally.errors).toBe(37); // 28 of the rules, 9 of the plan (8 items undone, 1 事项 not in the list)
    expect(readdirSync(join(dir, '.taizhang', 'backups'))).toHaveLength(4); // roster, visit log, ledger and 学习教育.xlsx
  });

  it('tells the story in its log, step by step with durations, and never writes the password', () => {
    const [log] = logsOf(dir);
    for (const line of ['[回写] 完成，用时', '[汇总] 完成，用时', '[邮件] 完成，用时', '整改台账.xlsx：已更新', '已发送给 shuji@yy7z.edu.cn、xiaozhang@yy7z.edu.cn', 'nightly 结束：全部完成']) {
      expect(log).toContain(line);
    }
    expect(log).not.toContain(PASS);
    expect(readFileSync(join(dir, 'taizhang.config.json'), 'utf8')).not.toContain(PASS);
    expect(existsSync(join(dir, '.taizhang', 'nightly.lock'))).toBe(false);
  });
});

describe('failures end cleanly', () => {
  it('a wrong authorisation code: a Chinese reason, exit 3, the summary kept', async () => {
    const server = await startServer({ cert, auth: { user: USER, pass: PASS } });
    const dir = office({ port: server.port });
    const r = await runCliAsync(['nightly', dir], env('wrong-code'));
    await server.close();
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`taizhang: 邮件未发出：邮箱登录失败：127.0.0.1 不接受用户 ${USER} 的密码（QQ、163 邮箱须用“授权码”而不是登录密码，放在环境变量 TAIZHANG_SMTP_PASS 中）；汇总仍在 ${join(dir, '汇总-2014-08-15.xlsx')}\n`);
    expect(existsSync(join(dir, '汇总-2014-08-15.xlsx'))).toBe(true);
    expect(server.messages).toHaveLength(0);
    for (const log of logsOf(dir)) expect(log).not.toContain('wrong-code');
  });

  it('implicit TLS on a 465-style port works too', async () => {
    const server = await startServer({ cert, secure: true, auth: { user: USER, pass: PASS } });
    const dir = office({ port: server.port, secure: true });
    const r = await runCliAsync(['nightly', dir], env());
    await server.close();
    expect(r.code).toBe(0);
    expect(server.messages).toHaveLength(1);
  });

  it('a server that refuses the message (163’s 554 DT:SPM): no retry, exit 3', async () => {
    const server = await startServer({ cert, auth: { user: USER, pass: PASS }, refuse: { code: 554, message: 'DT:SPM 163 smtp9' } });
    const dir = office({ port: server.port });
    const r = await runCliAsync(['nightly', dir], env());
    await server.close();
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('taizhang: 邮件未发出：邮件服务器拒收（554 ');
    expect(r.stderr).toContain('DT:SPM');
    expect(server.attempts).toBe(1);
  });

  it('a server that is down: retried with back-off, then exit 3 with the summary on disk', async () => {
    const dir = office({ port: await deadPort() });
    const r = await runCliAsync(['nightly', dir], env());
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^taizhang: 邮件未发出：连不上邮件服务器 127\.0\.0\.1:\d+（(?:ESOCKET|ECONNECTION)）（共尝试 3 次）；汇总仍在 /);
    const [log] = logsOf(dir);
    expect(log).toContain('第 1 次发送失败');
    expect(log).toContain('0.05 秒后重试');
    expect(log).toContain('第 2 次发送失败');
    expect(log).toContain('0.1 秒后重试');
    expect(existsSync(join(dir, '汇总-2014-08-15.xlsx'))).toBe(true);
  });

  it('two runs started at once: one works, the other leaves; nothing is corrupted', async () => {
    const server = await startServer({ cert, auth: { user: USER, pass: PASS }, delayMs: 1500 });
    const dir = office({ port: server.port });
    const [a, b] = await Promise.all([runCliAsync(['nightly', dir], env()), runCliAsync(['nightly', dir], env())]);
    await server.close();
    expect([a.code, b.code].sort()).toEqual([0, 2]);
    expect([a, b].find((r) => r.code === 2)!.stderr).toMatch(/^taizhang: 另一个 nightly 正在运行（进程 \d+，开始于 .+），本次不运行\n$/);
    expect(server.messages).toHaveLength(1);
    expect(runJson(['check', dir]).report.tally.errors).toBe(37);
  }, 60_000);

  it('a lock left by a crashed run is taken over', async () => {
    const server = await startServer({ cert, auth: { user: USER, pass: PASS } });
    const dir = office({ port: server.port });
    mkdirSync(join(dir, '.taizhang'), { recursive: true });
    writeFileSync(join(dir, '.taizhang', 'nightly.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, started: '2014-08-14T18:00:00.000Z' }));
    const r = await runCliAsync(['nightly', dir], env());
    await server.close();
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, '.taizhang', 'nightly.lock'))).toBe(false);
  });
});

describe('what changed since the last run', () => {
  it('names the items that became overdue and the items closed since the previous mail', async () => {
    const server = await startServer({ cert, auth: { user: USER, pass: PASS } });
    const dir = office({ port: server.port });
    const before = runJson(['check', dir, '--as-of', '2014-06-25']).report;
    const after = runJson(['check', dir, '--as-of', '2014-08-15']).report;
    expect((await runCliAsync(['nightly', dir, '--as-of', '2014-06-25'], env())).code).toBe(0);
    expect((await runCliAsync(['nightly', dir, '--as-of', '2014-08-15'], env())).code).toBe(0);
    await server.close();
    const newlyOverdue = after.ledger.filter((e: any) => e.status === '已逾期' && before.ledger.find((b: any) => b.row === e.row).status !== '已逾期');
    expect(newlyOverdue.length).toBeGreaterThan(0);
    const mail = await simpleParser(server.messages[1]!.raw);
    expect(mail.text).toContain('与上次相比：');
    for (const e of newlyOverdue) expect(mail.text).toContain(`${e.seq}号 ${e.problem}`);
    const planTurned = after.plan.filter((p: any) => p.status === '未完成' && before.plan.find((b: any) => b.item === p.item).status !== '未完成');
    expect(planTurned.map((p: any) => p.item)).toEqual(['3', '4', '6', '9', '11', '12', '13']);
    expect(mail.text).toContain(`方案新未完成：${planTurned.map((p: any) => `第${p.item}项 ${p.title}`).join('；')}`);
    expect(logsOf(dir).join('\n')).toContain('与上次（2014-06-25）相比');
  });

  it('--dry-run writes the message as an .eml and sends nothing, changing no workbook', async () => {
    const dir = office({ port: await deadPort() });
    const ledger = readFileSync(join(dir, '整改台账.xlsx'));
    const r = await runCliAsync(['nightly', dir, '--dry-run'], env());
    expect(r.code).toBe(0);
    const eml = join(dir, '.taizhang', 'mail', '日报-2014-08-15.eml');
    const mail = await simpleParser(readFileSync(eml));
    expect(mail.subject).toContain('教育实践活动台账日报 2014-08-15');
    expect(mail.attachments[0]!.filename).toBe('汇总-2014-08-15.xlsx');
    expect(readFileSync(join(dir, '整改台账.xlsx')).equals(ledger)).toBe(true);
  });
});

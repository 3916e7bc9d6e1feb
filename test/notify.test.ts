/**
 * Group notices against local HTTPS robots (test/helpers/robots.ts): the CLI trusts their test
 * certificate through NODE_EXTRA_CA_CERTS and verifies it for real; the 钉钉 robot checks the 加签
 * signature, the 企业微信 one the 4,096-byte limit, as the platforms do.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDir, runCliAsync, SAMPLE } from './helpers/cli.js';
import { startRobot, type Robot } from './helpers/robots.js';
import { deadPort, makeCert, startServer, type TestCert } from './helpers/smtp.js';

const DT_TOKEN = 'dt0123456789abcdef0123456789abcdef3f9a';
const DT_SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef77aa';
const WECOM_KEY = '693axxx6-7aoc-4bc4-97a0-0ec2sifa5aaa';
let cert: TestCert;
beforeAll(() => {
  cert = makeCert();
});

function office(notify: unknown[], extra: Record<string, unknown> = {}): string {
  const dir = copyDir(SAMPLE);
  const config = JSON.parse(readFileSync(join(dir, 'taizhang.config.json'), 'utf8'));
  writeFileSync(join(dir, 'taizhang.config.json'), JSON.stringify({ ...config, notify, ...extra }));
  return dir;
}

/** Edits the roster of a copy with exceljs: `columns` maps each header of the header row to its column number. */
async function editRoster(dir: string, edit: (ws: ExcelJS.Worksheet, header: number, columns: Map<string, number>) => void): Promise<void> {
  const file = join(dir, '党员名册.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('名册')!;
  let header = 0;
  ws.eachRow((row, n) => {
    if (!header && (row.values as unknown[]).some((v) => typeof v === 'string' && v.endsWith('姓名'))) header = n;
  });
  const columns = new Map<string, number>();
  ws.getRow(header).eachCell((cell, c) => columns.set(String(cell.value), c));
  edit(ws, header, columns);
  await wb.xlsx.writeFile(file);
}

const env = (more: Record<string, string> = {}) => ({ NODE_EXTRA_CA_CERTS: cert.certPath, DT_TOKEN, DT_SECRET, WECOM_KEY, ...more });
const fast = { retryDelaySeconds: 0.01 };

/** Every file the run left in the folder's state, and what it said: none may hold a secret. */
function leaked(dir: string, ...outputs: string[]): string[] {
  const texts = [...outputs];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else texts.push(readFileSync(join(d, e.name), 'utf8'));
    }
  };
  if (existsSync(join(dir, '.taizhang'))) walk(join(dir, '.taizhang'));
  return [DT_TOKEN, DT_SECRET, WECOM_KEY, encodeURIComponent(DT_SECRET)].filter((s) => texts.some((t) => t.includes(s)));
}

describe('notify: one notice to each robot', () => {
  let dingtalk: Robot;
  let wecom: Robot;
  let dir: string;
  let run: Awaited<ReturnType<typeof runCliAsync>>;
  beforeAll(async () => {
    dingtalk = await startRobot({ cert, kind: 'dingtalk', token: DT_TOKEN, secret: DT_SECRET });
    wecom = await startRobot({ cert, kind: 'wecom', token: WECOM_KEY });
    dir = office([
      { kind: 'dingtalk', name: '校党总支群', webhook: dingtalk.webhook('DT_TOKEN'), secretEnv: 'DT_SECRET', ...fast },
      { kind: 'wecom', webhook: wecom.webhook('WECOM_KEY'), ...fast },
    ]);
    run = await runCliAsync(['notify', dir], env());
  }, 60_000);
  afterAll(async () => {
    await dingtalk.close();
    await wecom.close();
  });

  it('posts once to each, signed for 钉钉, and exits 0', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(dingtalk.received.map((r) => r.errcode)).toEqual([0]);
    expect(wecom.received.map((r) => r.errcode)).toEqual([0]);
    expect(dingtalk.received[0]!.query.get('sign')).toBeTruthy();
    expect(run.stdout).toContain('群通知：钉钉「校党总支群」：已发送');
    expect(run.stdout).toContain('群通知：企业微信机器人（…5aaa）：已发送');
  });

  it('says, in this order: school and day, phase, overdue items with 责任人, people owing, where the list is', () => {
    const text: string = dingtalk.posted[0].markdown.text;
    expect(dingtalk.posted[0].markdown.title).toBe('台账提醒 2014-08-15：逾期3项，17人有事项未完成');
    const order = ['岳阳市第七中学', '截至 2014-08-15，整改落实、建章立制，本阶段剩余 46 天', '**逾期整改 3 项**', '3号 个别处室服务不主动,办事拖拉（责任人 陈志刚、罗志强', '**还有事项未完成的 17 人**', '- 陈志刚：', '- 等 2 人', '完整名单见问题清单：问题清单-2014-08-15.xlsx'];
    const at = order.map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).not.toContain('与上次提醒'); // the first notice has nothing to compare with
    expect(wecom.posted[0].markdown.content).toBe(text);
    expect(existsSync(join(dir, '问题清单-2014-08-15.xlsx'))).toBe(true);
  });

  it('the next notice says what changed since this one', async () => {
    const r = await runCliAsync(['notify', dir, '--as-of', '2014-08-25'], env());
    expect(r.code).toBe(0);
    const text: string = wecom.posted[1].markdown.content;
    expect(text).toContain('**与上次提醒（2014-08-15）相比**\n- 新逾期：5号');
  });

  it('never shows a token or a secret: not on the console, in the log or in the state', () => {
    expect(leaked(dir, run.stdout, run.stderr)).toEqual([]);
  });
});

describe('robots that refuse, fail or are slow', () => {
  it('a wrong 加签 secret: 钉钉 answers 310000, no retry, the token masked, exit 3', async () => {
    const robot = await startRobot({ cert, kind: 'dingtalk', token: DT_TOKEN, secret: DT_SECRET });
    const dir = office([{ kind: 'dingtalk', webhook: robot.webhook('DT_TOKEN'), secretEnv: 'DT_SECRET', ...fast }]);
    const r = await runCliAsync(['notify', dir], env({ DT_SECRET: 'SECwrong0123456789' }));
    await robot.close();
    expect(r.code).toBe(3);
    expect(robot.received.map((x) => x.errcode)).toEqual([310000]);
    expect(r.stderr).toBe('taizhang: 群通知未发出：钉钉机器人（…3f9a）：未发送：errcode 310000（签名不对：加签密钥错了，或机器人设了关键词、IP 限制）：sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]\n');
    expect(leaked(dir, r.stdout, r.stderr)).toEqual([]);
    expect(r.stderr).not.toContain('SECwrong0123456789');
  });

  it('a robot behind a failing gateway is tried again, with back-off, and gets the notice once', async () => {
    const robot = await startRobot({ cert, kind: 'wecom', token: WECOM_KEY, failFirst: 2 });
    const dir = office([{ kind: 'wecom', webhook: robot.webhook('WECOM_KEY'), ...fast }]);
    const r = await runCliAsync(['notify', dir], env());
    await robot.close();
    expect(r.code).toBe(0);
    expect(robot.received.map((x) => x.errcode)).toEqual([-502, -502, 0]);
    expect(robot.posted).toHaveLength(1);
    expect(r.stdout).toContain('企业微信机器人（…5aaa）：第 1 次发送失败：HTTP 502：Bad Gateway；0.01 秒后重试');
    expect(r.stdout).toContain('企业微信机器人（…5aaa）：第 2 次发送失败：HTTP 502：Bad Gateway；0.02 秒后重试');
    expect(r.stdout).toContain('已发送（第 3 次尝试成功）');
  });

  it('a slow robot: given up after the timeout, tried again', async () => {
    const robot = await startRobot({ cert, kind: 'wecom', token: WECOM_KEY, slowFirst: { count: 1, ms: 3000 } });
    const dir = office([{ kind: 'wecom', webhook: robot.webhook('WECOM_KEY'), timeoutSeconds: 2, ...fast }]);
    const r = await runCliAsync(['notify', dir], env());
    await robot.close();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('第 1 次发送失败：2 秒内没有应答');
    expect(r.stdout).toContain('已发送（第 2 次尝试成功）');
  });

  it('钉钉 "send too fast" (130101) three times: given up with its errmsg after 3 tries', async () => {
    const robot = await startRobot({ cert, kind: 'dingtalk', token: DT_TOKEN, errcode: { code: 130101, errmsg: 'send too fast, exceed 20 times per minute' } });
    const dir = office([{ kind: 'dingtalk', webhook: robot.webhook('DT_TOKEN'), ...fast }]);
    const r = await runCliAsync(['notify', dir], env());
    await robot.close();
    expect(r.code).toBe(3);
    expect(robot.received).toHaveLength(3);
    expect(r.stderr).toBe('taizhang: 群通知未发出：钉钉机器人（…3f9a）：未发送：errcode 130101（发送太频繁：钉钉每个机器人每分钟最多 20 条）：send too fast, exceed 20 times per minute（共尝试 3 次）\n');
  });

  it('a robot that redirects is not followed: the token never travels to another address', async () => {
    const elsewhere = await startRobot({ cert, kind: 'wecom', token: WECOM_KEY });
    const robot = await startRobot({ cert, kind: 'wecom', token: WECOM_KEY, redirectTo: `https://127.0.0.1:${elsewhere.port}/cgi-bin/webhook/send?key=${WECOM_KEY}` });
    const dir = office([{ kind: 'wecom', webhook: robot.webhook('WECOM_KEY'), ...fast }]);
    const r = await runCliAsync(['notify', dir], env());
    await Promise.all([robot.close(), elsewhere.close()]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('taizhang: 群通知未发出：企业微信机器人（…5aaa）：未发送：Webhook 地址被转到别处（HTTP 302），未跟随；请核对地址\n');
    expect(robot.received).toHaveLength(1);
    expect(elsewhere.received).toHaveLength(0);
  });

  it('an error page that echoes the address: the token masked before the page is cut short, one line', async () => {
    const echo = `<html>\n<body>${'x'.repeat(150)} Not found: /robot/send?access_token=${DT_TOKEN}&amp;x=1\n</body></html>`;
    const robot = await startRobot({ cert, kind: 'dingtalk', token: DT_TOKEN, answer: { status: 404, body: echo } });
    const dir = office([{ kind: 'dingtalk', webhook: robot.webhook('DT_TOKEN'), ...fast }]);
    const r = await runCliAsync(['notify', dir], env());
    await robot.close();
    expect(r.code).toBe(3);
    expect(r.stderr.split('\n')).toHaveLength(2); // one line, and the end of it
    expect(r.stderr).toContain('HTTP 404：<html> <body>xxx');
    expect(robot.received).toHaveLength(1); // a 404 is not retried
    expect(leaked(dir, r.stdout, r.stderr)).toEqual([]);
    for (let cut = 8; cut < DT_TOKEN.length; cut += 4) expect(r.stderr).not.toContain(DT_TOKEN.slice(0, cut + 4).slice(-12));
  });

  it('a very long answer is cut to one short line, and more than 64 KB of it is not even read', async () => {
    for (const [length, said] of [[50_000, /errcode 40035：bad y+…（共尝试 3 次）\n$/], [200_000, /应答不是 JSON（\{"errcode":40035,"errmsg":"bad\\ny+…（共尝试 3 次）\n$/]] as const) {
      const robot = await startRobot({ cert, kind: 'wecom', token: WECOM_KEY, answer: { status: 200, body: JSON.stringify({ errcode: 40035, errmsg: `bad\n${'y'.repeat(length)}` }) } });
      const dir = office([{ kind: 'wecom', webhook: robot.webhook('WECOM_KEY'), ...fast }]);
      const r = await runCliAsync(['notify', dir], env());
      await robot.close();
      expect(r.code).toBe(3);
      expect(r.stderr.length).toBeLessThan(400);
      expect(r.stderr).toMatch(said);
    }
  });

  it('errcode "0" written as a string is the same success: posted once, not again', async () => {
    const robot = await startRobot({ cert, kind: 'wecom', token: WECOM_KEY, answer: { status: 200, body: '{"errcode":"0","errmsg":"ok"}' } });
    const dir = office([{ kind: 'wecom', webhook: robot.webhook('WECOM_KEY'), ...fast }]);
    const r = await runCliAsync(['notify', dir], env());
    await robot.close();
    expect(r.code).toBe(0);
    expect(robot.received).toHaveLength(1);
  });

  it('the same group named twice gets the notice once, and that is not a problem', async () => {
    const robot = await startRobot({ cert, kind: 'wecom', token: WECOM_KEY });
    const dir = office([
      { kind: 'wecom', name: '教师群', webhook: robot.webhook('WECOM_KEY'), ...fast },
      { kind: 'wecom', name: '教师群（又一次）', webhook: robot.webhook('WECOM_KEY_AGAIN'), ...fast },
    ]);
    const r = await runCliAsync(['notify', dir], env({ WECOM_KEY_AGAIN: WECOM_KEY }));
    await robot.close();
    expect(r.code).toBe(0);
    expect(robot.posted).toHaveLength(1);
    expect(r.stdout).toContain('企业微信「教师群（又一次）」：与前面的机器人是同一个群，已由它发出，不再重复');
  });

  it('a certificate this computer does not trust: said with what to do, not retried', async () => {
    const robot = await startRobot({ cert, kind: 'wecom', token: WECOM_KEY });
    const dir = office([{ kind: 'wecom', webhook: robot.webhook('WECOM_KEY'), ...fast }]);
    const r = await runCliAsync(['notify', dir], env({ NODE_EXTRA_CA_CERTS: '' }));
    await robot.close();
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^taizhang: 群通知未发出：企业微信机器人（…5aaa）：未发送：证书无法验证（[A-Z_]+）：学校网络若有上网行为管理替换了证书，请把它的根证书存成文件，用环境变量 NODE_EXTRA_CA_CERTS 指向它\n$/);
    expect(robot.received).toHaveLength(0);
  });

  it('a token not in the environment: said by name, nothing sent', async () => {
    const robot = await startRobot({ cert, kind: 'wecom', token: WECOM_KEY });
    const dir = office([{ kind: 'wecom', webhook: robot.webhook('OUR_WECOM_KEY'), ...fast }]);
    const r = await runCliAsync(['notify', dir], env());
    await robot.close();
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('taizhang: 群通知未发出：企业微信机器人（OUR_WECOM_KEY）：未发送：环境变量 OUR_WECOM_KEY 未设置（机器人 Webhook 中的令牌），未发送\n');
    expect(robot.received).toHaveLength(0);
  });
});

describe('the limits of the platforms', () => {
  it('企业微信 refuses a message over 4,096 bytes (the robot here is as strict as the real one)', async () => {
    const robot = await startRobot({ cert, kind: 'wecom', token: WECOM_KEY });
    const { Agent, request } = await import('node:https');
    const post = (content: string) =>
      new Promise<any>((resolve, reject) => {
        const req = request(`https://127.0.0.1:${robot.port}/cgi-bin/webhook/send?key=${WECOM_KEY}`, { method: 'POST', headers: { 'content-type': 'application/json' }, agent: new Agent({ ca: cert.cert }) }, (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (d) => (body += d)).on('end', () => resolve(JSON.parse(body)));
        });
        req.on('error', reject);
        req.end(JSON.stringify({ msgtype: 'markdown', markdown: { content } }));
      });
    expect((await post('台'.repeat(1366))).errcode).toBe(40058); // 4,098 bytes
    expect((await post('台'.repeat(1365))).errcode).toBe(0); // 4,095 bytes
    await robot.close();
  });

  it('a long list is cut whole lines at a time, 「等 N 人」, to fit 企业微信’s 4,096 bytes', async () => {
    const robot = await startRobot({ cert, kind: 'wecom', token: WECOM_KEY });
    const dir = office([{ kind: 'wecom', webhook: robot.webhook('WECOM_KEY'), maxPeople: 200, ...fast }]);
    // sixty new 班主任 with no visit yet: in June each owes 20, with the pace per week
    await editRoster(dir, (ws, header, columns) => {
      const last = ws.rowCount;
      for (let i = 1; i <= 60; i++) {
        const row = ws.getRow(last + i);
        const set = (h: string, v: string) => (row.getCell(columns.get(h)!).value = v);
        set('教师姓名', `新教师${String(i).padStart(2, '0')}`);
        set('政治面貌', '群众');
        set('处室', '高一年级组');
        set('班主任', '是');
        set('任教学科', '语文');
        set('在岗', '是');
      }
      void header;
    });
    const dry = await runCliAsync(['notify', dir, '--as-of', '2014-06-10', '--dry-run'], env());
    const r = await runCliAsync(['notify', dir, '--as-of', '2014-06-10'], env());
    await robot.close();
    expect(r.code).toBe(0);
    const content: string = robot.posted[0].markdown.content;
    expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(4096);
    const total = Number(/\*\*还有事项未完成的 (\d+) 人\*\*/.exec(content)![1]);
    const listed = content.split('\n').filter((l) => /^- .+：/.test(l) && !/^- \d+号 /.test(l));
    expect(total).toBeGreaterThan(listed.length + 20);
    expect(content).toContain(`- 等 ${total - listed.length} 人`);
    // whole lines only: each new teacher's line is all there, pace and all
    const teachers = listed.filter((l) => l.startsWith('- 新教师'));
    expect(teachers.length).toBeGreaterThan(10);
    for (const line of teachers) expect(line).toMatch(/^- 新教师\d\d：家访还差20户（已计0户，应20户），距截止5周，每周4户$/);
    // the dry run shows exactly what is posted
    expect(dry.stdout).toContain(content);
    expect(robot.received.map((x) => x.errcode)).toEqual([0]);
  });

  it('钉钉 @s the people it lists by the 手机 of the roster, and says who could not be @d', async () => {
    const robot = await startRobot({ cert, kind: 'dingtalk', token: DT_TOKEN });
    const dir = office([{ kind: 'dingtalk', webhook: robot.webhook('DT_TOKEN'), at: 'owing', ...fast }]);
    await editRoster(dir, (ws, header, columns) => {
      const col = Math.max(...columns.values()) + 1;
      ws.getRow(header).getCell(col).value = '手机';
      const mobiles: Record<string, string | number> = { 陈志刚: '138 0731 0001', 蒋文斌: 13807310002, 李建国: '0730-8221234' };
      ws.eachRow((row, n) => {
        const m = mobiles[String(row.getCell(columns.get('教师姓名')!).value)];
        if (n > header && m !== undefined) row.getCell(col).value = m;
      });
    });
    const r = await runCliAsync(['notify', dir], env());
    await robot.close();
    expect(r.code).toBe(0);
    const body = robot.posted[0];
    expect(body.at).toEqual({ atMobiles: ['13807310001', '13807310002'], isAtAll: false });
    expect(body.markdown.text).toContain('整改事项3号已逾期15天 @13807310001');
    expect(body.markdown.text).toContain('对照检查材料未交（6月20日已截止） @13807310002');
    expect(r.stdout).toContain('未 @：谭红、李建国、'); // 谭红 is not in the roster, 李建国's number is a landline
  });
});

describe('nightly: the robots beside the mail', () => {
  it('a robot that is down does not stop the mail or the other robot; the next night sends again', async () => {
    const smtp = await startServer({ cert });
    const wecom = await startRobot({ cert, kind: 'wecom', token: WECOM_KEY });
    const downPort = await deadPort();
    const dir = office(
      [
        { kind: 'dingtalk', name: '校党总支群', webhook: `https://127.0.0.1:${downPort}/robot/send?access_token=\${DT_TOKEN}`, ...fast },
        { kind: 'wecom', webhook: wecom.webhook('WECOM_KEY'), ...fast },
      ],
      { mail: { to: ['shuji@yy7z.edu.cn'], from: 'office@yy7z.edu.cn', host: '127.0.0.1', port: smtp.port, secure: false, retries: 0 } },
    );
    const first = await runCliAsync(['nightly', dir], env());
    expect(first.code).toBe(3);
    expect(first.stderr).toMatch(/^taizhang: 群通知未发出：钉钉「校党总支群」：未发送：连不上（ECONNREFUSED）（共尝试 3 次）\n$/);
    expect(smtp.messages).toHaveLength(1);
    expect(wecom.posted).toHaveLength(1);
    const log = readdirSync(join(dir, '.taizhang', 'logs')).map((n) => readFileSync(join(dir, '.taizhang', 'logs', n), 'utf8')).join('');
    expect(log).toContain('[通知] 完成');
    expect(log).toContain('企业微信机器人（…5aaa）：已发送');

    // the next night the 钉钉 robot is up: it gets its first notice, 企业微信 its second
    const dingtalk = await startRobot({ cert, kind: 'dingtalk', token: DT_TOKEN });
    const config = JSON.parse(readFileSync(join(dir, 'taizhang.config.json'), 'utf8'));
    config.notify[0].webhook = dingtalk.webhook('DT_TOKEN');
    writeFileSync(join(dir, 'taizhang.config.json'), JSON.stringify(config));
    const second = await runCliAsync(['nightly', dir], env());
    await Promise.all([smtp.close(), wecom.close(), dingtalk.close()]);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(dingtalk.posted).toHaveLength(1);
    expect(wecom.posted).toHaveLength(2);
    expect(wecom.posted[1].markdown.content).toContain('**与上次提醒（2014-08-15）相比**\n- 无变化');
    expect(leaked(dir, first.stdout, first.stderr, second.stdout, second.stderr)).toEqual([]);
  }, 60_000);

  it('--dry-run: nothing posted, each notice written beside the .eml', async () => {
    const robot = await startRobot({ cert, kind: 'wecom', token: WECOM_KEY });
    const dir = office([{ kind: 'wecom', webhook: robot.webhook('WECOM_KEY'), ...fast }]);
    const r = await runCliAsync(['nightly', dir, '--dry-run'], env());
    await robot.close();
    expect(r.code).toBe(0);
    expect(robot.received).toHaveLength(0);
    const notes = readdirSync(join(dir, '.taizhang', 'notify')).filter((n) => n.endsWith('.md'));
    expect(notes).toHaveLength(1);
    expect(readFileSync(join(dir, '.taizhang', 'notify', notes[0]!), 'utf8')).toContain('完整名单见问题清单：问题清单-2014-08-15.xlsx');
  });
});

describe('the config says where the tokens are, never what they are', () => {
  const bad = async (robot: Record<string, unknown>) => {
    const dir = office([robot]);
    return runCliAsync(['notify', dir], env());
  };
  it('a token written into the webhook is refused before anything runs', async () => {
    const r = await bad({ kind: 'dingtalk', webhook: `https://oapi.dingtalk.com/robot/send?access_token=${DT_TOKEN}` });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^taizhang: 配置文件 .+：“notify\.0\.webhook” 中的 access_token 不要直接写进配置文件：写成 access_token=\$\{环境变量名\}，把令牌放进该环境变量\n$/);
  });
  it('http:, a missing key, @ on 企业微信: one line each, exit 2', async () => {
    expect((await bad({ kind: 'wecom', webhook: 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${K}' })).stderr).toContain('“notify.0.webhook” 应为 https:// 开头的机器人 Webhook 地址');
    expect((await bad({ kind: 'wecom', webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' })).stderr).toContain('“notify.0.webhook” 中没有 key=…');
    expect((await bad({ kind: 'wecom', webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${K}', at: 'owing' })).stderr).toContain('企业微信群机器人的 markdown 消息不能按手机号 @ 人');
  });
  it('an address with a password, a #, a bad port or a placeholder for the host: one line, exit 2', async () => {
    const url = (s: string) => ({ kind: 'wecom', webhook: s });
    for (const webhook of ['https://user:pw@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${K}', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send#?key=${K}', 'https://qyapi.weixin.qq.com:99999/cgi-bin/webhook/send?key=${K}', 'https://${H}/cgi-bin/webhook/send?key=${K}', 'https://a b/send?key=${K}']) {
      const r = await bad(url(webhook));
      expect(r.code, webhook).toBe(2);
      expect(r.stderr, webhook).toMatch(/^taizhang: 配置文件 .+：“notify\.0\.webhook” (不是完整的 https 地址|中没有 key=)/);
      expect(r.stderr.split('\n'), webhook).toHaveLength(2);
    }
  });
  it('a number that must be whole, a kind that is not one: said in Chinese, with the choices', async () => {
    expect((await bad({ kind: 'wecom', webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${K}', maxPeople: 1.5 })).stderr).toContain('“notify.0.maxPeople” 类型不对，应为整数');
    expect((await bad({ kind: 'DingTalk', webhook: 'https://oapi.dingtalk.com/robot/send?access_token=${K}' })).stderr).toContain('“notify.0.kind” 的值无效，可用："dingtalk"、"wecom"');
  });
  it('notify without robots: exit 2, saying where to write them, before any workbook is read', async () => {
    const r = await runCliAsync(['notify', copyDir(SAMPLE)], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('配置中没有群机器人（notify）');
    const broken = copyDir(SAMPLE);
    rmSync(join(broken, '党员名册.xlsx'));
    const first = await runCliAsync(['notify', broken], env());
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('配置中没有群机器人（notify）');
  });

  it('a notice posted whose memory cannot be saved is still posted: a warning, exit 0, the changes said again next time', async () => {
    const robot = await startRobot({ cert, kind: 'wecom', token: WECOM_KEY });
    const dir = office([{ kind: 'wecom', webhook: robot.webhook('WECOM_KEY'), ...fast }]);
    try {
      expect((await runCliAsync(['notify', dir], env())).code).toBe(0);
      const state = join(dir, '.taizhang', 'notify');
      const memory = readdirSync(state).find((n) => n.endsWith('.json'))!;
      rmSync(join(state, memory));
      mkdirSync(join(state, memory, 'in-the-way'), { recursive: true }); // a folder where the memory goes
      const r = await runCliAsync(['notify', dir], env());
      expect(r.code).toBe(0);
      expect(robot.posted).toHaveLength(2);
      expect(r.stdout).toContain('已发送');
      expect(r.stdout).toContain('已发送，但记不下这次的内容');
      expect(r.stderr).toBe('');
    } finally {
      await robot.close();
    }
  });
});

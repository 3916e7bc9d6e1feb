/**
 * `taizhang district`: three schools, one of them broken (an encrypted ledger) and one with a
 * config of its own; each school's figures in the roll-up equal that school's own check --json,
 * the broken one is listed with its reason, nothing is written into the schools' folders, and
 * the exit codes are as documented.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { makeCert, startServer } from './helpers/smtp.js';
import { FIXTURES, runCli, runCliAsync, runJson, SAMPLE, snapshot, tempDir } from './helpers/cli.js';

function schools(): string {
  const dir = tempDir('district-');
  cpSync(SAMPLE, join(dir, '七中'), { recursive: true });
  cpSync(join(FIXTURES, 'lo', 'basic'), join(dir, '一中'), { recursive: true });
  cpSync(SAMPLE, join(dir, '十中'), { recursive: true });
  writeFileSync(join(dir, '十中', '整改台账.xlsx'), readFileSync(join(FIXTURES, 'encrypted.xlsx')));
  writeFileSync(join(dir, '十中', 'taizhang.config.json'), JSON.stringify({ school: '岳阳市第十中学', asOf: '2014-08-15' }));
  return dir;
}

describe('taizhang district', () => {
  it('checks every school folder and gives each school’s own report; a broken one is listed with its reason', () => {
    const dir = schools();
    const before = snapshot(dir);
    const r = runJson(['district', dir]);
    expect(r.code).toBe(1);
    expect(r.report.schools.map((s: any) => [s.school, s.exit])).toEqual([['一中', 1], ['七中', 1], ['岳阳市第十中学', 2]]);
    for (const name of ['七中', '一中']) {
      const own = runJson(['check', join(dir, name)]).report;
      // a school whose config does not name it is named after its folder, in the roll-up and in its report alike
      expect(r.report.schools.find((s: any) => s.school === name).report).toEqual({ ...own, school: name });
    }
    const broken = r.report.schools.find((s: any) => s.exit === 2);
    expect(broken.reason).toBe(runCli(['check', join(dir, '十中')]).stderr.trim().replace(/^taizhang: /, ''));
    expect(broken.report).toBeUndefined();
    // the reason crosses the thread as a code, so it is said in the run's language
    expect(broken.problem).toEqual({ problem: 'ENCRYPTED', params: { file: '整改台账.xlsx' } });
    const en = runJson(['district', dir, '--lang', 'en']).report.schools.find((s: any) => s.exit === 2);
    expect(en.reason).toBe(runCli(['check', join(dir, '十中'), '--lang', 'en']).stderr.trim().replace(/^taizhang: /, ''));
    // nothing written into the schools' folders; the roll-up beside them
    const after = snapshot(dir);
    for (const k of Object.keys(before)) expect(after[k]).toBe(before[k]);
    const added = Object.keys(after).filter((k) => !(k in before));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^\/各校汇总-\d{4}-\d{2}-\d{2}\.xlsx$/);
  });

  it('writes the roll-up workbook, worst first, with each school’s figures', async () => {
    const dir = schools();
    const r = runCli(['district', dir, '--as-of', '2014-08-15']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      '岳阳市第十中学：无法检查（整改台账.xlsx：工作簿设置了打开密码（已加密），无法读取；请在 Excel 或 WPS 中取消密码后另存为 .xlsx）',
      '七中：已逾期 3 项，家访未达标 3 人，方案未完成 8 项，错误 37 条',
      '一中：已逾期 1 项，家访未达标 1 人，方案未完成 5 项，错误 22 条',
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, '各校汇总-2014-08-15.xlsx'));
    const ws = wb.getWorksheet('各校汇总')!;
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(row(2).slice(0, 2)).toEqual(['岳阳市第十中学', '无法检查']);
    const own = runJson(['check', join(dir, '七中'), '--as-of', '2014-08-15']).report;
    expect(row(3).slice(0, 8)).toEqual(['七中', '有问题', '整改落实、建章立制（剩46天）', own.tally.ledger['已逾期'], own.tally.ledger['即将到期'], own.tally.ledger['要素不全'], own.tally.ledger['已完成'] + own.tally.ledger['逾期完成'], own.tally.ledger.total]);
    expect(row(3)[9]).toBeCloseTo((own.tally.visits.teachers - own.tally.visits.underQuota) / own.tally.visits.teachers);
    expect(row(3)[13]).toBe(own.plan.filter((p: any) => p.status === '未完成').map((p: any) => p.item).join('、'));
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
  });

  it('exit 0 when every school is clean, 2 when the folder itself is unusable', async () => {
    const clean = tempDir('district-clean-');
    mkdirSync(join(clean, '新校'));
    expect(runCli(['init', join(clean, '新校')]).code).toBe(0);
    // an empty roster cannot be checked (名册为空); one staff member, not a Party member, can
    const roster = join(clean, '新校', '党员名册.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(roster);
    book.worksheets[0].getRow(2).values = [, '王老师', '', '群众', '', '教务处', '', '否', '否', '否', '语文', '', '是'];
    await book.xlsx.writeFile(roster);
    writeFileSync(join(clean, '新校', 'taizhang.config.json'), JSON.stringify({ asOf: '2014-01-02' }));
    const ok = runJson(['district', clean]);
    expect(ok.report.schools.map((s: any) => [s.school, s.exit])).toEqual([['新校', 0]]);
    expect(ok.code).toBe(0);
    const missing = runCli(['district', join(clean, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`taizhang: 找不到文件夹 ${join(clean, 'nowhere')}\n`);
    expect(readdirSync(clean).filter((n) => n.startsWith('各校汇总'))).toHaveLength(1);
    // an as-of that is no day (2月30日) is refused before any school is read, and nothing is written
    const badDay = runCli(['district', clean, '--as-of', '2014-02-30']);
    expect(badDay.code).toBe(2);
    expect(badDay.stderr).toBe('taizhang: 参数错误：--as-of “2014-02-30” 不是有效日期，应写成 YYYY-MM-DD\n');
    expect(readdirSync(clean).filter((n) => n.startsWith('各校汇总'))).toHaveLength(1);
  });

  it('--mail sends the roll-up through the mail settings of the folder’s own config, as nightly does', async () => {
    const cert = makeCert();
    const server = await startServer({ cert, auth: { user: 'duban@yyjy.gov.cn', pass: 'pw-1' } });
    try {
      const dir = schools();
      writeFileSync(join(dir, 'taizhang.config.json'), JSON.stringify({ mail: { to: ['zuzhang@yyjy.gov.cn'], from: 'duban@yyjy.gov.cn', user: 'duban@yyjy.gov.cn', host: '127.0.0.1', port: server.port, secure: false, retries: 0 } }));
      const r = await runCliAsync(['district', dir, '--as-of', '2014-08-15', '--mail'], { NODE_EXTRA_CA_CERTS: cert.certPath, TAIZHANG_SMTP_PASS: 'pw-1' });
      expect(r.code).toBe(1);
      expect(server.messages).toHaveLength(1);
      const mail = await simpleParser(server.messages[0]!.raw);
      expect(mail.subject).toBe('各校教育实践活动台账汇总 2014-08-15：3 所学校，有逾期事项 2 所，无法检查 1 所');
      expect(mail.text).toContain('七中：已逾期 3 项');
      expect(mail.attachments[0]!.filename).toBe('各校汇总-2014-08-15.xlsx');
    } finally {
      await server.close();
    }
  });
});

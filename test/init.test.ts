/** `init`: empty workbooks a new office can start from, that a real spreadsheet program opens with their drop-downs. */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/core/config.js';
import { copyDir, runCli, runJson, tempDir } from './helpers/cli.js';
import { convert } from './helpers/office.js';
import { zipParts } from './helpers/zip.js';

const dir = tempDir('taizhang-init-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files = ['党员名册.xlsx', '走访记录.xlsx', '整改台账.xlsx', '学习教育.xlsx', 'taizhang.config.json'];

describe('init', () => {
  const first = runCli(['init', dir]);

  it('writes the four workbooks and a config with the 2014 defaults', () => {
    expect(first.code).toBe(0);
    for (const f of files) expect(existsSync(join(dir, f))).toBe(true);
    const config = JSON.parse(readFileSync(join(dir, 'taizhang.config.json'), 'utf8'));
    expect(config.homeVisits).toEqual({ from: '2014-02-17', to: '2014-07-10', quota: { headTeacher: 20, teacher: 10 } });
    expect(config.duties.holidays).toEqual([['2014-07-11', '2014-08-31']]);
  });

  it('never overwrites an existing file', () => {
    writeFileSync(join(dir, 'taizhang.config.json'), '{"asOf":"2014-08-15"}');
    const again = runCli(['init', dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('已存在，未覆盖');
    expect(readFileSync(join(dir, 'taizhang.config.json'), 'utf8')).toBe('{"asOf":"2014-08-15"}');
  });

  it('gives workbooks that check reads; with the roster still empty it says so in one sentence, not a cascade of findings', () => {
    const r = runCli(['check', dir, '--as-of', '2014-03-01']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('taizhang: 党员名册.xlsx，工作表“名册”：名册为空，请先填写党员名册（每位教职工一行），再检查\n');
  });

  it('once the roster has people, an item with no one to judge is 未检查 with the reason, never 已完成', async () => {
    const work = copyDir(dir);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(work, '党员名册.xlsx'));
    // one teacher who is no Party member: no leaders, no cadres, no Party members, no head teachers
    wb.getWorksheet('名册')!.getRow(2).values = ['王老师', '001', '群众', null, '教务处', '教师', '否', '否', '否', '', null, '是'];
    await wb.xlsx.writeFile(join(work, '党员名册.xlsx'));
    const r = runJson(['check', work, '--as-of', '2014-10-01']);
    const plan = Object.fromEntries(r.report.plan.map((p: any) => [p.item, p]));
    expect(r.report.tally.plan['已完成']).toBe(0);
    expect(plan['5']).toMatchObject({ status: '未检查', missing: ['名册中没有班子成员，三进三听无从检查'] });
    expect(plan['6']).toMatchObject({ status: '未检查', missing: ['名册中没有有家访任务的教师（班主任或任教学科），家访无从检查'] });
    expect(plan['9']).toMatchObject({ status: '未检查', missing: ['名册中没有班子成员，应谈心的人无从确定'] });
    expect(plan['10']).toMatchObject({ status: '未检查', missing: ['名册中没有班子成员或中层党员，对照检查材料无从检查'] });
    expect(plan['3']).toMatchObject({ status: '未检查' });
  });

  it('has a drop-down on every closed-list column, date formats and frozen headers', async () => {
    const parts = await zipParts(join(dir, '整改台账.xlsx'));
    const sheet = parts.get('xl/worksheets/sheet1.xml')!.toString().replaceAll('&quot;', '"');
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    const lists = [...sheet.matchAll(/<dataValidation type="list"[^>]*sqref="([A-Z]+)2:[A-Z]+\d+"[^>]*><formula1>"([^<]*)"<\/formula1>/g)].map((m) => [m[1], m[2]]);
    const c = defaultConfig();
    expect(lists).toEqual([
      ['C', c.ledger.categories.join(',')],
      ['D', c.ledger.sources.join(',')],
      ['K', c.ledger.progress.join(',')],
      ['M', '是,否'],
    ]);
    expect(parts.get('xl/styles.xml')!.toString()).toContain('formatCode="yyyy-mm-dd"');
    expect(sheet).toMatch(/<col min="12" max="12" width="[\d.]+" style="\d+"/); // 完成日期 formatted as a date
  });

  it('opens in LibreOffice with its drop-downs kept', async () => {
    const out = tempDir('taizhang-lo-');
    try {
      convert(join(dir, '党员名册.xlsx'), 'xlsx:Calc MS Excel 2007 XML', out);
      const parts = await zipParts(join(out, '党员名册.xlsx'));
      const sheet = parts.get('xl/worksheets/sheet1.xml')!.toString().replaceAll('&quot;', '"');
      const formulas = [...sheet.matchAll(/<formula1>([^<]*)<\/formula1>/g)].map((m) => m[1]);
      expect(formulas).toEqual(expect.arrayContaining([
        '"中共党员,预备党员,群众,其他"',
        `"${defaultConfig().roster.branches.join(',')}"`,
        '"是,否"',
      ]));
      expect(parts.get('xl/sharedStrings.xml')!.toString()).toContain('政治面貌');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

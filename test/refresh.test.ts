/**
 * `refresh` on workbooks authored by LibreOffice (scripts/lo/make-fixtures.py): what it writes,
 * what it must not lose (every zip part it does not own, byte for byte; every clerk cell of the
 * sheets it writes), and the safety promises of the docs, each tried for real.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { refresh } from '../src/io/refresh.js';
import { CLI, copyDir, FIXTURES, runCli, runJson, snapshot } from './helpers/cli.js';
import { hasOffice } from './helpers/office.js';
import { countColour, renderPages } from './helpers/render.js';
import { makeZip, zipParts } from './helpers/zip.js';

const RICH = join(FIXTURES, 'lo', 'rich');
const WORKBOOKS = ['党员名册.xlsx', '走访记录.xlsx', '整改台账.xlsx'];

/** The part names a refresh of that workbook owns: its written sheets and the styles. */
const OWNED: Record<string, string[]> = {
  '党员名册.xlsx': ['xl/worksheets/sheet1.xml', 'xl/styles.xml'],
  '走访记录.xlsx': ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml', 'xl/styles.xml'],
  '整改台账.xlsx': ['xl/worksheets/sheet1.xml', 'xl/styles.xml'],
};

/** Every `<c>` of a sheet part, as raw text, with its column letters. */
function cells(xml: string): { col: string; raw: string }[] {
  return [...xml.matchAll(/<c r="([A-Z]+)\d+"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)].map((m) => ({ col: m[1]!, raw: m[0] }));
}

/** Values of a sheet's column found by its header, by row, read with exceljs (not our reader). */
async function columnByHeader(path: string, sheet: string, header: string): Promise<Map<number, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(sheet)!;
  let col = 0;
  let headerRow = 0;
  ws.eachRow((row, r) => row.eachCell((cell, c) => {
    if (cell.value === header) [col, headerRow] = [c, r];
  }));
  expect(col, `${sheet} has ${header}`).toBeGreaterThan(0);
  const out = new Map<number, unknown>();
  ws.eachRow((row, r) => {
    if (r > headerRow) out.set(r, row.getCell(col).value);
  });
  return out;
}

const fresh = (src = RICH) => copyDir(src);

describe('refresh on the LibreOffice-authored rich office', () => {
  const dir = fresh();
  const before = Object.fromEntries(WORKBOOKS.map((w) => [w, readFileSync(join(dir, w))]));
  const first = runJson(['refresh', dir]);
  // what the first run left, taken now: the tests below must not depend on each other's runs
  const backupsAfterFirst = readdirSync(join(dir, '.taizhang', 'backups'));

  it('runs, reports the findings and writes every workbook', () => {
    expect(first.code).toBe(1);
    expect(first.report.refresh.map((f: any) => [f.file, f.outcome])).toEqual(WORKBOOKS.map((w) => [w, 'written']));
  });

  it('copies every zip part it does not own byte for byte, chart, pivot table, image and comments included', async () => {
    for (const w of WORKBOOKS) {
      const old = await zipParts(join(dir, '.taizhang', 'backups', readdirSync(join(dir, '.taizhang', 'backups')).find((n) => n.startsWith(w.replace('.xlsx', '-')))!));
      const now = await zipParts(join(dir, w));
      expect([...now.keys()].sort(), w).toEqual([...old.keys()].sort());
      for (const [name, data] of old) {
        if (OWNED[w]!.includes(name)) continue;
        expect(Buffer.compare(Buffer.from(now.get(name)!), Buffer.from(data)), `${w} ${name}`).toBe(0);
      }
    }
    const ledgerParts = [...(await zipParts(join(dir, '整改台账.xlsx'))).keys()];
    for (const p of ['xl/charts/chart1.xml', 'xl/pivotTables/pivotTable1.xml', 'xl/pivotCache/pivotCacheRecords1.xml', 'xl/media/image1.png', 'xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml']) {
      expect(ledgerParts).toContain(p);
    }
  });

  it('keeps every clerk cell and element of the sheets it writes, as the exact text it was', async () => {
    const old = (await zipParts(join(FIXTURES, 'lo', 'rich', '整改台账.xlsx'))).get('xl/worksheets/sheet1.xml')!.toString();
    const now = (await zipParts(join(dir, '整改台账.xlsx'))).get('xl/worksheets/sheet1.xml')!.toString();
    const clerk = (xml: string) => cells(xml).filter((c) => c.col <= 'N' && c.col.length === 1).map((c) => c.raw);
    expect(clerk(old).length).toBeGreaterThan(100); // the comparison below compares something
    expect(clerk(now)).toEqual(clerk(old));
    for (const element of ['mergeCells', 'dataValidations', 'conditionalFormatting sqref="C3:C20"', 'drawing', 'legacyDrawing', 'pageMargins', 'pageSetup']) {
      const raw = new RegExp(`<${element}[^>]*?(?:/>|>[\\s\\S]*?</${element.split(' ')[0]}>)`).exec(old)?.[0];
      expect(raw, element).toBeDefined();
      expect(now, element).toContain(raw);
    }
    expect(now).toContain('<col collapsed="false" customWidth="false" hidden="true" outlineLevel="0" max="4" min="4" style="0" width="10.08"/>');
    expect((await zipParts(join(dir, '整改台账.xlsx'))).get('xl/workbook.xml')!.toString()).toContain('name="台账区域"');
  });

  it('writes the statuses computed by hand, the deadline as a real date and what is missing', async () => {
    const path = join(dir, '整改台账.xlsx');
    const status = await columnByHeader(path, '整改台账', '【自动】状态');
    expect([...status].filter(([, v]) => v)).toEqual([
      [3, '即将到期'], [4, '整改中'], [5, '即将到期'], [6, '整改中'], [7, '已完成'], [8, '逾期完成'], [9, '已逾期'], [10, '要素不全'],
    ]);
    const deadline = await columnByHeader(path, '整改台账', '【自动】截止日期');
    expect(deadline.get(4)).toEqual(new Date(Date.UTC(2014, 7, 31)));
    expect((await columnByHeader(path, '整改台账', '【自动】说明')).get(9)).toBe('已逾期5天');
    expect((await columnByHeader(path, '整改台账', '【自动】缺项')).get(10)).toBe('整改措施');
    const visits = await columnByHeader(join(dir, '走访记录.xlsx'), '家访记录', '【自动】校验');
    expect([visits.get(3), visits.get(6), visits.get(7), visits.get(14)]).toEqual(['计入', '同一学生已计入', '电话家访不计入', '名册中无此人']);
    const progress = await columnByHeader(join(dir, '党员名册.xlsx'), '名册', '【自动】家访');
    expect([3, 4, 5, 6].map((r) => progress.get(r) ?? null)).toEqual([null, '2/2', '3/4', '2/2']);
    const person = await columnByHeader(join(dir, '党员名册.xlsx'), '名册', '【自动】状态');
    expect(person.get(5)).toBe('未达标'); // 李明: 3 of 4 visits after the window closed
  });

  it('keeps the 18-digit ids as text, every digit', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, '党员名册.xlsx'));
    expect(wb.getWorksheet('名册')!.getCell('B3').value).toBe('430602196501011234');
  });

  it('is idempotent: a second run changes no byte and makes no backup', () => {
    const snap = snapshot(dir);
    const second = runJson(['refresh', dir]);
    expect(second.report.refresh.map((f: any) => f.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(snapshot(dir)).toEqual(snap);
  });

  it('keeps the previous version as a backup', () => {
    const backups = backupsAfterFirst;
    expect(backups).toHaveLength(3);
    for (const w of WORKBOOKS) {
      const b = backups.find((n) => n.startsWith(w.replace('.xlsx', '-')))!;
      expect(readFileSync(join(dir, '.taizhang', 'backups', b)).equals(before[w]!)).toBe(true);
    }
  });

  it.skipIf(!hasOffice())('opens in LibreOffice and shows the highlights where they belong; the clerk’s own fill comes back when an item is no longer due', () => {
    const pages = renderPages(join(dir, '整改台账.xlsx'));
    const red = countColour(pages, 'FFC7CE');
    const amber = countColour(pages, 'FFD8A8');
    const yellow = countColour(pages, 'FFF59D');
    const clerkBlue = countColour(pages, 'DDEBF7');
    expect(red).toBeGreaterThan(0); // row 9, overdue
    expect(amber).toBeGreaterThan(red); // rows 3 and 5, due soon
    expect(yellow).toBeGreaterThan(0); // I10, the missing 整改措施
    expect(clerkBlue).toBe(0); // B3 is due soon: the highlight covers the clerk's blue
    // As of 1 July nothing is due yet: no highlight but the yellow, and B3 shows the clerk's blue again.
    const earlier = fresh(dir);
    expect(runCli(['refresh', earlier, '--as-of', '2014-07-01']).code).toBe(1);
    const later = renderPages(join(earlier, '整改台账.xlsx'));
    expect(countColour(later, 'FFC7CE')).toBe(0);
    expect(countColour(later, 'FFD8A8')).toBe(0);
    expect(countColour(later, 'FFF59D')).toBeGreaterThan(0);
    expect(countColour(later, 'DDEBF7')).toBeGreaterThan(0);
  }, 120_000);
});

describe('refresh keeps the known traps', () => {
  it('a shared formula, an extLst validation and a WPS in-cell image survive', async () => {
    const dir = fresh();
    const ledger = join(dir, '整改台账.xlsx');
    const parts = await zipParts(ledger);
    let sheet = parts.get('xl/worksheets/sheet1.xml')!.toString();
    // N3:N10 filled down as one shared formula, the way Excel saves it
    sheet = sheet.replace(/<c r="N(\d+)" s="0" t="str"><f aca="false">[^<]*<\/f><v>[^<]*<\/v><\/c>/g, (_, r: string) =>
      r === '3' ? '<c r="N3" t="str"><f t="shared" ref="N3:N10" si="0">IF(ISNUMBER(J3),"","文字时限")</f><v></v></c>' : `<c r="N${r}" t="str"><f t="shared" si="0"/><v>文字时限</v></c>`,
    );
    expect(sheet).toContain('<f t="shared" si="0"/>');
    // a WPS in-cell picture in B4
    sheet = sheet.replace(/<c r="B4"[^>]*>[\s\S]*?<\/c>/, '<c r="B4" t="str"><f>_xlfn.DISPIMG("ID_0A1B2C",1)</f><v>=DISPIMG("ID_0A1B2C",1)</v></c>');
    const ext =
      '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
      '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1">' +
      '<x14:formula1><xm:f>统计!$A$2:$A$4</xm:f></x14:formula1><xm:sqref>C3:C20</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>';
    sheet = sheet.replace('</worksheet>', `${ext}</worksheet>`);
    parts.set('xl/worksheets/sheet1.xml', sheet);
    parts.set('xl/cellimages.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><etc:cellImages xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"/>');
    writeFileSync(ledger, await makeZip(parts));

    expect(runCli(['refresh', dir]).code).toBe(1);
    const after = await zipParts(ledger);
    const now = after.get('xl/worksheets/sheet1.xml')!.toString();
    expect(now).toContain('<c r="N3" t="str"><f t="shared" ref="N3:N10" si="0">IF(ISNUMBER(J3),"","文字时限")</f><v></v></c>');
    expect(now).toContain('<c r="N4" t="str"><f t="shared" si="0"/><v>文字时限</v></c>');
    expect(now).toContain('<c r="B4" t="str"><f>_xlfn.DISPIMG("ID_0A1B2C",1)</f><v>=DISPIMG("ID_0A1B2C",1)</v></c>');
    expect(now).toContain(ext);
    expect(now.indexOf('<conditionalFormatting')).toBeLessThan(now.indexOf('<dataValidations'));
    expect(after.get('xl/cellimages.xml')!.toString()).toBe(parts.get('xl/cellimages.xml'));
  });

  it('an .xlsm keeps its macro part and its macro-enabled content type', async () => {
    const dir = fresh();
    const parts = await zipParts(join(FIXTURES, 'lo', 'rich-ledger.xlsm'));
    // LibreOffice writes no VBA project of its own; a macro part is carried as opaque bytes, so any bytes prove it.
    const vba = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256));
    parts.set('xl/vbaProject.bin', vba);
    writeFileSync(join(dir, '整改台账.xlsm'), await makeZip(parts));
    writeFileSync(join(dir, 'taizhang.config.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(dir, 'taizhang.config.json'), 'utf8')), files: { ledger: '整改台账.xlsm' } }));
    const r = runJson(['refresh', dir]);
    expect(r.report.refresh.find((f: any) => f.file === '整改台账.xlsm').outcome).toBe('written');
    const after = await zipParts(join(dir, '整改台账.xlsm'));
    expect(Buffer.from(after.get('xl/vbaProject.bin')!).equals(vba)).toBe(true);
    expect(after.get('[Content_Types].xml')!.toString()).toContain('sheet.macroEnabled.main+xml');
  });
});

describe('safety promises', () => {
  it('--dry-run says what would change and writes nothing', () => {
    const dir = fresh();
    const snap = snapshot(dir);
    const r = runCli(['refresh', dir, '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('整改台账.xlsx：将更新（试运行，未写入）（整改台账：新增列 【自动】状态、【自动】截止日期、【自动】说明、【自动】缺项');
    expect(snapshot(dir)).toEqual(snap);
  });

  it('skips a workbook open in Excel or WPS and still refreshes the others', () => {
    const dir = fresh();
    writeFileSync(join(dir, '~$整改台账.xlsx'), 'owner');
    const ledger = readFileSync(join(dir, '整改台账.xlsx'));
    const r = runCli(['refresh', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('taizhang: 整改台账.xlsx：正在被 Excel/WPS 打开（有 ~$整改台账.xlsx），已跳过，请关闭后再运行\n');
    expect(readFileSync(join(dir, '整改台账.xlsx')).equals(ledger)).toBe(true);
    expect(r.stdout).toContain('党员名册.xlsx：已更新');
    expect(r.stdout).toContain('走访记录.xlsx：已更新');
  });

  it('a LibreOffice lock file counts too', () => {
    const dir = fresh();
    writeFileSync(join(dir, '.~lock.党员名册.xlsx#'), 'lock');
    expect(runJson(['refresh', dir]).report.refresh[0].outcome).toBe('locked');
  });

  it('does not overwrite a workbook that changed on disk while it worked', async () => {
    const dir = fresh();
    const ledger = join(dir, '整改台账.xlsx');
    let edited: Buffer | undefined;
    const result = await refresh(dir, {
      beforeReplace: async (path) => {
        if (path !== ledger) return;
        edited = Buffer.concat([readFileSync(path), Buffer.from('clerk saved')]);
        writeFileSync(path, edited);
      },
    });
    expect(result.files.map((f) => f.outcome)).toEqual(['written', 'written', 'changed-on-disk']);
    expect(readFileSync(ledger).equals(edited!)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.includes('taizhang-tmp'))).toEqual([]);
  });

  it('keeps only the configured number of backups', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'taizhang.config.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(dir, 'taizhang.config.json'), 'utf8')), backups: { keep: 2 } }));
    for (const day of ['2014-08-13', '2014-08-14', '2014-08-15', '2014-08-16']) runCli(['refresh', dir, '--as-of', day]);
    const ledgerBackups = readdirSync(join(dir, '.taizhang', 'backups')).filter((n) => n.startsWith('整改台账-'));
    expect(ledgerBackups).toHaveLength(2);
  });

  it('a malformed workbook stops the run before any file is touched', async () => {
    const dir = fresh();
    const bytes = readFileSync(join(dir, '整改台账.xlsx'));
    writeFileSync(join(dir, '整改台账.xlsx'), bytes.subarray(0, bytes.length - 200));
    const snap = snapshot(dir);
    const r = runCli(['refresh', dir]);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(/^taizhang: 整改台账\.xlsx[^\n]*\n$/);
    expect(snapshot(dir)).toEqual(snap);
  });

  it('a broken styles part in the last workbook stops the run before the first is touched', async () => {
    for (const broken of [
      (xml: string) => xml.slice(0, xml.length - 40), // cut off: not well-formed
      (xml: string) => xml.replace(/<cellXfs[\s\S]*?<\/cellXfs>/, ''), // nowhere to add the date style
    ]) {
      const dir = fresh();
      const parts = await zipParts(join(dir, '整改台账.xlsx'));
      const styles = broken(String(parts.get('xl/styles.xml')));
      expect(styles).not.toBe(String(parts.get('xl/styles.xml')));
      parts.set('xl/styles.xml', styles);
      writeFileSync(join(dir, '整改台账.xlsx'), await makeZip(parts));
      const snap = snapshot(dir);
      const r = runCli(['refresh', dir]);
      expect(r).toMatchObject({ code: 2, stdout: '' });
      expect(r.stderr).toBe('taizhang: 整改台账.xlsx：工作簿内部格式错误（xl/styles.xml），请用 Excel 或 WPS 打开后重新保存\n');
      expect(snapshot(dir)).toEqual(snap); // 党员名册 and 走访记录, refreshed first, are not replaced either
    }
  });

  it('killed at random moments, leaves every workbook either as it was or completely refreshed', async () => {
    const done = fresh();
    // the kills are spread over the run's own length on this machine, however busy it is
    const t0 = Date.now();
    runCli(['refresh', done]);
    const took = Date.now() - t0;
    const original = Object.fromEntries(WORKBOOKS.map((w) => [w, readFileSync(join(RICH, w))]));
    const complete = Object.fromEntries(WORKBOOKS.map((w) => [w, readFileSync(join(done, w))]));
    const seen = { old: 0, new: 0 };
    for (let i = 0; i < 30; i++) {
      const dir = fresh();
      const child = spawn(process.execPath, [CLI, 'refresh', dir], { stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r));
      const delay = Math.round(took * (0.15 + ((i * 97) % 30) / 25)); // from 15% to 131% of a whole run
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited;
      for (const w of WORKBOOKS) {
        const now = readFileSync(join(dir, w));
        const isOld = now.equals(original[w]!);
        const isNew = now.equals(complete[w]!);
        expect(isOld || isNew, `${w} after a kill at ${delay} ms`).toBe(true);
        seen[isOld ? 'old' : 'new']++;
      }
      if (i % 10 === 9) {
        // the next run finishes the job and cleans the killed run's temporary file
        expect(runCli(['refresh', dir]).code).toBe(1);
        for (const w of WORKBOOKS) expect(readFileSync(join(dir, w)).equals(complete[w]!)).toBe(true);
        expect(readdirSync(dir).filter((n) => n.includes('taizhang-tmp'))).toEqual([]);
      }
    }
    // the kills landed both before and after replacing files
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.new).toBeGreaterThan(0);
  }, 180_000);
});

/**
 * Every workbook a school really has: the basic office (test/fixtures/lo/basic) laid out and saved
 * other ways. Each variant must give the plain book's report (apart from row numbers where rows
 * were added), and a refresh of it must keep every unowned part byte for byte, be idempotent and
 * leave a file LibreOffice opens. The variants are made by LibreOffice (scripts/lo/make-fixtures.py)
 * or by rewriting a LibreOffice book's XML (test/helpers/variants.ts), never by this library.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { check } from '../src/io/check.js';
import { copyDir, FIXTURES, runCli, snapshot, tempDir } from './helpers/cli.js';
import { convert as officeConvert, hasOffice } from './helpers/office.js';
import { countColour, renderPages } from './helpers/render.js';
import { otherWriter, prefixWorkbook, refreshTwice, renameString, worksheetOf } from './helpers/variants.js';
import { zipParts } from './helpers/zip.js';

const BASIC = join(FIXTURES, 'lo', 'basic');
const VARIANTS = join(FIXTURES, 'lo', 'variants');
const WORKBOOKS = ['党员名册.xlsx', '走访记录.xlsx', '整改台账.xlsx', '学习教育.xlsx'];

/** The report as JSON, with the rows of some sheets moved up by `shift` (rows a variant added above its data). */
function normalised(report: any, shifts: Record<string, number> = {}, rename: Record<string, string> = {}): any {
  const json = JSON.parse(JSON.stringify({ ...report, notes: undefined }));
  const fix = (o: any) => {
    if (!o || typeof o !== 'object') return;
    if (typeof o.file === 'string' && rename[o.file]) o.file = rename[o.file];
    const shift = shifts[o.sheet ?? ''] ?? (o.file === '整改台账.xlsx' && 'status' in o ? shifts['整改台账'] : undefined);
    if (shift && typeof o.row === 'number' && o.row > 2) {
      o.row -= shift;
      if (typeof o.cell === 'string') o.cell = o.cell.replace(/\d+$/, (n: string) => String(Number(n) - shift));
      if (o.params?.firstRow) o.params.firstRow -= shift;
      if (typeof o.message === 'string') o.message = o.message.replace(/第(\d+)行/g, (_: string, n: string) => `第${Number(n) - shift}行`);
    }
    for (const v of Object.values(o)) fix(v);
  };
  fix(json);
  return json;
}

const basicReport = async () => (await check(BASIC)).report;

/** Parts of a workbook that a refresh does not own, compared with the same workbook before it. */
async function unownedPartsKept(before: string, after: string, owned: (name: string) => boolean): Promise<void> {
  const old = await zipParts(before);
  const now = await zipParts(after);
  expect([...now.keys()].sort()).toEqual([...old.keys()].sort());
  for (const [name, data] of old) {
    if (owned(name)) continue;
    expect(Buffer.compare(now.get(name)! as Buffer, data as Buffer), name).toBe(0);
  }
}

const sheetPart = (name: string) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name) || name === 'xl/styles.xml';

describe('a two-level header, a name merged down over its rows, and a signature line under each table', () => {
  const SRC = join(VARIANTS, 'two-level');

  it('gives the plain book’s report, rows moved by the added header row, and says where each table ended', async () => {
    const plain = await basicReport();
    const variant = (await check(SRC)).report;
    expect(normalised(variant, { 家访记录: 1, 整改台账: 1 })).toEqual(normalised(plain));
    expect(variant.notes.map((n) => [n.file, n.sheet, n.row, n.message])).toEqual([
      ['走访记录.xlsx', '家访记录', 19, '表格在第17行结束；第19行起（“填表人”）是表尾，未作为数据读取'],
      ['整改台账.xlsx', '整改台账', 15, '表格在第13行结束；第15行起（“填表人”）是表尾，未作为数据读取'],
    ]);
  });

  it('counts a phone visit under the 家访情况 caption as a phone visit (no silent 上门)', async () => {
    const { report } = await check(SRC);
    expect(report.visits.find((v) => v.teacher === '李明')).toMatchObject({ counted: 3, quota: 4, done: false });
    expect(report.findings.filter((f) => ['VISIT_METHOD_MISSING', 'COLUMN_ABSENT'].includes(f.code) && f.sheet === '家访记录')).toEqual([]);
  });

  it('knows the layout: the caption is a group, the lower row is the header row', async () => {
    const { loaded } = await check(SRC);
    expect(loaded.sheets.ledger![0]!.layout).toMatchObject({ headerTop: 2, headerRow: 3, groups: [{ caption: '六落实', from: 4, to: 9 }], endRow: 15 });
    expect(loaded.sheets.homeVisits![0]!.layout).toMatchObject({ headerTop: 2, headerRow: 3, groups: [{ caption: '家访情况', from: 5, to: 6 }] });
  });

  it('refresh writes the 【自动】 headers in the lower header row, keeps every unowned part, and is idempotent', async () => {
    const { dir, before, first } = refreshTwice(SRC, ['unchanged', 'legacy']);
    expect(first.report.refresh.map((f: any) => [f.file, f.outcome])).toEqual(WORKBOOKS.map((w) => [w, 'written']));
    for (const w of WORKBOOKS) await unownedPartsKept(join(before, w), join(dir, w), sheetPart);
    const ledger = await worksheetOf(join(dir, '整改台账.xlsx'), '整改台账');
    expect(ledger.getCell('N3').value).toBe('【自动】状态');
    expect(ledger.getCell('N2').value).toBe(null);
    expect([4, 5, 6, 10, 11, 13, 15].map((r) => ledger.getCell(`N${r}`).value)).toEqual(['即将到期', '整改中', '即将到期', '已逾期', '要素不全', '要素不全', null]);
    const visits = await worksheetOf(join(dir, '走访记录.xlsx'), '家访记录');
    expect(visits.getCell('H3').value).toBe('【自动】校验');
    expect([4, 5, 8, 19, 20].map((r) => visits.getCell(`H${r}`).value)).toEqual(['计入', '计入', '电话家访不计入', null, null]);
    // the clerk's merges are all still there
    const sheet = (await zipParts(join(dir, '整改台账.xlsx'))).get('xl/worksheets/sheet1.xml')!.toString();
    const old = (await zipParts(join(before, '整改台账.xlsx'))).get('xl/worksheets/sheet1.xml')!.toString();
    expect(/<mergeCells[\s\S]*?<\/mergeCells>/.exec(sheet)![0]).toBe(/<mergeCells[\s\S]*?<\/mergeCells>/.exec(old)![0]);
  });

  it.skipIf(!hasOffice())('opens in LibreOffice and prints with the overdue row red and the missing element yellow', () => {
    const { dir } = refreshTwice(SRC, ['unchanged', 'legacy']);
    const pages = renderPages(join(dir, '整改台账.xlsx'));
    expect(countColour(pages, 'FFC7CE')).toBeGreaterThan(0);
    expect(countColour(pages, 'FFD8A8')).toBeGreaterThan(0);
    expect(countColour(pages, 'FFF59D')).toBeGreaterThan(0);
  });
});

describe('one problem with several tasks: the item merged down over its sub-rows', () => {
  const SRC = join(VARIANTS, 'sub-rows');

  it('reads each sub-row as a task of its item, with the statuses worked out by hand', async () => {
    const { report } = await check(SRC);
    expect(report.ledger.map((e) => [e.row, e.seq, e.status])).toEqual([
      [3, '1', '已完成'], [4, '1', '整改中'], [5, '1', '已逾期'], [6, '2', '即将到期'], [7, '2', '要素不全'], [8, '3', '整改中'],
    ]);
    const ledgerFindings = report.findings.filter((f) => f.sheet === '整改台账');
    expect(ledgerFindings.map((f) => [f.code, f.row])).toEqual([['LEDGER_OVERDUE', 5], ['LEDGER_DUE_SOON', 6], ['LEDGER_ELEMENT_MISSING', 7]]);
    expect(report.notes.map((n) => [n.sheet, n.row])).toEqual([['整改台账', 10]]);
  });

  it('refresh writes a status on every sub-row, keeps every unowned part, and is idempotent', async () => {
    const { dir, before } = refreshTwice(SRC, ['unchanged', 'legacy']);
    await unownedPartsKept(join(before, '整改台账.xlsx'), join(dir, '整改台账.xlsx'), sheetPart);
    const ledger = await worksheetOf(join(dir, '整改台账.xlsx'), '整改台账');
    expect([3, 4, 5, 6, 7, 8, 10].map((r) => ledger.getCell(`M${r}`).value)).toEqual(['已完成', '整改中', '已逾期', '即将到期', '要素不全', '整改中', null]);
  });

  it.skipIf(!hasOffice())('the refreshed ledger opens in LibreOffice with a status on every sub-row', () => {
    const { dir } = refreshTwice(SRC, ['unchanged', 'legacy']);
    const out = tempDir();
    officeConvert(join(dir, '整改台账.xlsx'), 'csv:Text - txt - csv (StarCalc):44,34,76', out);
    const statuses = readFileSync(join(out, '整改台账.csv'), 'utf8').split('\n').map((l) => l.split(',')[12]).filter(Boolean);
    expect(statuses).toEqual(['【自动】状态', '已完成', '整改中', '已逾期', '即将到期', '要素不全', '整改中']);
  });
});

describe('a workbook whose elements are under a namespace prefix (as the .NET Open XML SDK writes)', () => {
  const make = async () => {
    const dir = copyDir(BASIC);
    for (const w of WORKBOOKS) await prefixWorkbook(join(BASIC, w), join(dir, w));
    return dir;
  };

  it('gives the plain book’s report', async () => {
    const dir = await make();
    expect((await zipParts(join(dir, '党员名册.xlsx'))).get('xl/worksheets/sheet1.xml')!.toString()).toContain('<x:worksheet xmlns:x=');
    expect(normalised((await check(dir)).report)).toEqual(normalised(await basicReport()));
  });

  it('refresh writes its cells and styles with the file’s own prefix, keeps the rest, and is idempotent', async () => {
    const src = await make();
    const { dir, before } = refreshTwice(src, ['unchanged', 'legacy']);
    for (const w of WORKBOOKS) await unownedPartsKept(join(before, w), join(dir, w), sheetPart);
    const sheet = (await zipParts(join(dir, '整改台账.xlsx'))).get('xl/worksheets/sheet1.xml')!.toString();
    expect(sheet).toContain('【自动】状态');
    expect(sheet).not.toMatch(/<(c|row|v|is|t|col|cols|conditionalFormatting|cfRule|formula)[\s>]/);
    const styles = (await zipParts(join(dir, '整改台账.xlsx'))).get('xl/styles.xml')!.toString();
    expect(styles).not.toMatch(/<(dxf|fill|patternFill|bgColor|xf|numFmt)[\s>]/);
    expect((await check(dir)).report.ledger.map((e) => e.status)).toEqual((await basicReport()).ledger.map((e) => e.status));
  });

  it.skipIf(!hasOffice())('the refreshed file opens in LibreOffice with the tool’s column', () => {
    const { dir } = refreshTwice(SRC_PREFIXED.dir!, ['unchanged', 'legacy']);
    const out = tempDir();
    officeConvert(join(dir, '整改台账.xlsx'), 'csv:Text - txt - csv (StarCalc):44,34,76', out);
    const csv = readFileSync(join(out, '整改台账.csv'), 'utf8');
    expect(csv).toContain('【自动】状态');
    expect(csv).toContain('已逾期');
  });

  it.skipIf(!hasOpenpyxl())('the refreshed file opens in openpyxl with the tool’s column', () => {
    const { dir } = refreshTwice(SRC_PREFIXED.dir!, ['unchanged', 'legacy']);
    const out = execFileSync('/usr/bin/python3', ['-c', [
      'import openpyxl, sys',
      'ws = openpyxl.load_workbook(sys.argv[1])["整改台账"]',
      'print([c.value for c in ws[2]][13], ws["N9"].value)',
    ].join('\n'), join(dir, '整改台账.xlsx')], { encoding: 'utf8' });
    expect(out.trim()).toBe('【自动】状态 已逾期');
  });
});

const SRC_PREFIXED: { dir?: string } = {};
// Made once, before the LibreOffice and openpyxl tests of the prefixed book run.
await (async () => {
  const dir = copyDir(BASIC);
  for (const w of WORKBOOKS) await prefixWorkbook(join(BASIC, w), join(dir, w));
  SRC_PREFIXED.dir = dir;
})();

function hasOpenpyxl(): boolean {
  return spawnSync('/usr/bin/python3', ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0;
}

describe('a book as an export system writes it: inline strings, rich text, formulas, the 1904 date system, an Excel Table', () => {
  const make = async () => {
    const dir = copyDir(BASIC);
    for (const w of WORKBOOKS) {
      await otherWriter(join(BASIC, w), join(dir, w), w === '整改台账.xlsx' ? { table: { ref: 'A2:M12', sheetPart: 'xl/worksheets/sheet1.xml' } } : {});
    }
    return dir;
  };

  it('gives the plain book’s report', async () => {
    const dir = await make();
    const parts = await zipParts(join(dir, '整改台账.xlsx'));
    expect(parts.has('xl/sharedStrings.xml')).toBe(false);
    expect(parts.get('xl/workbook.xml')!.toString()).toContain('date1904="true"');
    expect(parts.get('xl/worksheets/sheet1.xml')!.toString()).toContain('<f>ROW()-2</f><v>3</v>');
    expect(normalised((await check(dir)).report)).toEqual(normalised(await basicReport()));
  });

  it('refresh keeps the table and every unowned part, writes dates in the book’s own system, and is idempotent', async () => {
    const src = await make();
    const { dir, before } = refreshTwice(src, ['unchanged', 'legacy']);
    for (const w of WORKBOOKS) await unownedPartsKept(join(before, w), join(dir, w), sheetPart);
    expect((await zipParts(join(dir, '整改台账.xlsx'))).has('xl/tables/table1.xml')).toBe(true);
    const ledger = await worksheetOf(join(dir, '整改台账.xlsx'), '整改台账');
    expect(ledger.getCell('N2').value).toBe('【自动】状态');
    // 2014-08-31 is serial 41882 in the 1900 system, 40420 in the book's 1904 system (exceljs ignores
    // date1904 when it reads, so the raw serial is checked here and LibreOffice's reading below)
    expect(/<c r="O4"[^>]*><v>(\d+)<\/v>/.exec((await zipParts(join(dir, '整改台账.xlsx'))).get('xl/worksheets/sheet1.xml')!.toString())?.[1]).toBe('40420');
    expect((await check(dir)).report.ledger.map((e) => e.deadline)).toEqual((await basicReport()).ledger.map((e) => e.deadline));
  });

  it.skipIf(!hasOffice())('the refreshed ledger opens in LibreOffice with its dates right', async () => {
    const { dir } = refreshTwice(await make());
    const out = tempDir();
    officeConvert(join(dir, '整改台账.xlsx'), 'csv:Text - txt - csv (StarCalc):44,34,76', out);
    const csv = readFileSync(join(out, '整改台账.csv'), 'utf8');
    expect(csv).toMatch(/已逾期,2014-08-10,已逾期5天/);
    expect(csv).toContain('问题3');
  });
});

describe('a header the tool has never seen, mapped in the config', () => {
  it('stops with the header it looked for and how to map it; with `headers` it reads the plain book’s report', async () => {
    const dir = copyDir(BASIC);
    await renameString(join(BASIC, '整改台账.xlsx'), join(dir, '整改台账.xlsx'), '整改标准', '验收要求');
    const stopped = runCli(['check', dir]);
    expect(stopped.code).toBe(2);
    expect(stopped.stderr.trim()).toBe('taizhang: 整改台账.xlsx，工作表“整改台账”：第2行表头中缺少必填列 “整改标准”（如表头写法不同，可在配置 headers 中对应，例如 "headers": {"整改台账": {"整改标准": "表中实际的列名"}}）');
    const config = JSON.parse(readFileSync(join(BASIC, 'taizhang.config.json'), 'utf8'));
    const path = join(dir, 'taizhang.config.json');
    (await import('node:fs')).writeFileSync(path, JSON.stringify({ ...config, headers: { 整改台账: { 整改标准: '验收要求' } } }));
    expect(normalised((await check(dir)).report)).toEqual(normalised(await basicReport()));
  });
});

describe.skipIf(!hasOffice())('old formats: .xls and WPS .et, read through LibreOffice', () => {
  const SRC = join(VARIANTS, 'legacy');
  const rename = { '党员名册.xls': '党员名册.xlsx', '走访记录.et': '走访记录.xlsx', '整改台账.xls': '整改台账.xlsx' };

  it('check reads them to the plain book’s report, under their own names', async () => {
    const { report } = await check(SRC);
    expect(report.findings.some((f) => f.file === '走访记录.et')).toBe(true);
    expect(normalised(report, {}, rename)).toEqual(normalised(await basicReport()));
  });

  it('refresh leaves them alone and says so in one line each; the .xlsx beside them is refreshed', () => {
    const dir = copyDir(SRC);
    const snap = snapshot(dir);
    const r = runCli(['refresh', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('整改台账.xls：旧版 .xls/.et 格式，不回写状态列；运行 taizhang convert 可在旁边生成 .xlsx，以后在 .xlsx 中填写即可回写');
    expect(r.stdout).toContain('走访记录.et：旧版 .xls/.et 格式，不回写状态列');
    const after = snapshot(dir);
    for (const w of Object.keys(rename)) expect(after[`/${w}`]).toBe(snap[`/${w}`]);
    expect(after['/学习教育.xlsx']).not.toBe(snap['/学习教育.xlsx']);
  });

  it('convert writes a .xlsx beside each, keeps the originals, and check then reads the .xlsx to the same report', async () => {
    const dir = copyDir(SRC);
    const snap = snapshot(dir);
    const r = runCli(['convert', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('整改台账.xls → 整改台账.xlsx（原文件保留；以后请在 整改台账.xlsx 中填写）');
    expect(r.stdout).toContain('走访记录.et → 走访记录.xlsx');
    for (const [old, made] of Object.entries(rename)) {
      expect(snapshot(dir)[`/${old}`]).toBe(snap[`/${old}`]);
      expect(existsSync(join(dir, made))).toBe(true);
    }
    expect(normalised((await check(dir)).report)).toEqual(normalised(await basicReport()));
    // a second convert overwrites nothing
    expect(runCli(['convert', dir]).stdout).toContain('整改台账.xls：已有 整改台账.xlsx，未覆盖');
  });

  it('without LibreOffice: one line that says how to save as .xlsx in Excel or WPS, exit 2, nothing changed', () => {
    const dir = copyDir(SRC);
    const snap = snapshot(dir);
    const r = runCli(['check', dir], { PATH: '/nonexistent', TAIZHANG_SOFFICE: '' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('党员名册.xls：这是旧版 .xls/.et 格式，需要 LibreOffice 才能读取，本机未找到；请在 Excel 或 WPS 中打开它，点“文件 → 另存为”，类型选“Excel 工作簿（*.xlsx）”');
    expect(snapshot(dir)).toEqual(snap);
  });

  it('a file named .xlsx whose bytes are an old .xls is still bad input', () => {
    const dir = copyDir(BASIC);
    copyFileSync(join(SRC, '整改台账.xls'), join(dir, '整改台账.xlsx'));
    const r = runCli(['check', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('整改台账.xlsx：这是旧版 .xls 格式');
  });
});

describe('学习教育.xlsx refreshed like the others', () => {
  it('gets a 【自动】校验 column on each of its six sheets, with the reasons worked out by hand', async () => {
    const { dir, before } = refreshTwice(BASIC, ['unchanged', 'legacy']);
    await unownedPartsKept(join(before, '学习教育.xlsx'), join(dir, '学习教育.xlsx'), sheetPart);
    const col = async (sheet: string, letter: string) => {
      const ws = await worksheetOf(join(dir, '学习教育.xlsx'), sheet);
      const out: unknown[] = [];
      ws.eachRow((row, r) => out.push([r, row.getCell(letter).value]));
      return out;
    };
    expect(await col('心得体会', 'E')).toEqual([[1, '【自动】校验'], [2, '计入'], [3, '不在学习期内'], [4, '计入'], [5, '计入（此人已交过一篇）']]);
    expect(await col('集中学习', 'F')).toEqual([[1, '【自动】校验'], [2, '计入集中学习天数'], [3, '计入（同一天已计）'], [4, '计入集中学习天数'], [5, '计入（大家谈）'], [6, '计入（专题党课）']]);
    expect(await col('组织生活会', 'I')).toEqual([[1, '【自动】校验'], [2, '不在规定期间'], [3, '一会四评缺领导点评'], [4, '计入']]);
    expect(await col('对照检查', 'E')).toEqual([[1, '【自动】校验'], [2, '合格'], [3, '未报送督导组']]);
    expect(await col('宣传报道', 'E')).toEqual([[1, '【自动】校验'], [2, '计入'], [3, '不在活动期内']]);
    expect(await col('征求意见', 'G')).toEqual([[1, '【自动】校验'], [2, '计入（对应整改事项1号）'], [3, '整改台账中没有99号'], [4, '计入（未对应整改事项）']]);
  });
});

describe('the plan item by item, on the basic office with a 工作记录 sheet added in LibreOffice', () => {
  const SRC = join(VARIANTS, 'plan');

  it('gives every item the status worked out by hand, as of 2014-08-15', async () => {
    const { report } = await check(SRC);
    expect(report.plan.map((p) => [p.item, p.status])).toEqual([
      ['1', '已完成'], ['2', '未完成'], ['3', '未完成'], ['4', '未完成'], ['5', '未完成'], ['6', '未完成'], ['7', '已完成'], ['8', '已完成'],
      ['9', '未完成'], ['10', '未完成'], ['11', '未完成'], ['12', '已完成'], ['13', '未完成'], ['14', '进行中'], ['15', '已完成'], ['16', '未开始'],
      ['四.2', '已完成'], ['四.3', '进行中'],
    ]);
    expect(report.plan.find((p) => p.item === '2')!.missing).toEqual(['工作记录「动员大会」第3行日期3月20日不在3月19日']);
    expect(report.plan.find((p) => p.item === '15')!.evidence[0]).toMatch(/^制度建设：党员干部直接联系群众制度（工作记录第10行）/);
    expect(report.tally.plan).toEqual({ 已完成: 6, 进行中: 2, 未开始: 1, 未完成: 9, 未检查: 0, total: 18 });
    const undone = report.findings.filter((f) => f.code === 'PLAN_ITEM_UNDONE');
    expect(undone).toHaveLength(9);
    expect(undone.find((f) => f.params.item === '2')).toMatchObject({ file: '学习教育.xlsx', sheet: '工作记录', row: 3 });
  });

  it('the plain basic office (no 工作记录) reports the items it proves as 未检查, and no error for them', async () => {
    const { report } = await check(BASIC);
    expect(report.plan.filter((p) => p.status === '未检查').map((p) => p.item)).toEqual(['1', '2', '4', '7', '8', '11', '12', '13', '14', '15', '16', '四.2']);
    expect(report.findings.filter((f) => f.code === 'PLAN_ITEM_UNDONE').map((f) => f.params.item)).toEqual(['10', '3', '5', '6', '9']);
  });

  it('refresh writes on each 工作记录 row which item it proves, or why none', async () => {
    const { dir } = refreshTwice(SRC, ['unchanged', 'legacy']);
    const ws = await worksheetOf(join(dir, '学习教育.xlsx'), '工作记录');
    const col: unknown[] = [];
    ws.eachRow((row, r) => col.push([r, row.getCell('G').value]));
    expect(col).toEqual([
      [1, '【自动】校验'], [2, '证明第1项（制定活动实施方案）'], [3, '不在第2项的时间内（3月19日）'], [4, '证明第4项（组织相关师德教育活动）'],
      [5, '证明第7项（开展“我为学校发展献计献策”金点子征集活动）'], [6, '证明第8项（查找突出问题）'], [7, '证明第11项（开好专题民主生活会和组织生活会）'],
      [8, '证明第12项（通报评议民主生活会情况）'], [9, '证明第13项（制定整改方案）'], [10, '证明第15项（健全落实制度）'], [11, '证明第15项（健全落实制度）'],
      [12, '证明第15项（健全落实制度）'], [13, '证明第四.2项（创新活动载体）'], [14, '不在第14项的时间内（9月1日至9月30日）'],
    ]);
  });

  it('the summary has 方案进度 right after 总览, one row per item, and 总览 counts them', async () => {
    const out = join(tempDir(), 's.xlsx');
    expect(runCli(['summary', SRC, '-o', out]).code).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name).slice(0, 2)).toEqual(['总览', '方案进度']);
    const ws = wb.getWorksheet('方案进度')!;
    expect(ws.getRow(1).values).toEqual([undefined, '项', '方案内容', '时间', '状态', '佐证', '还缺']);
    expect([2, 3, 17].map((r) => [ws.getCell(`A${r}`).value, ws.getCell(`D${r}`).value])).toEqual([['1', '已完成'], ['2', '未完成'], ['16', '未开始']]);
    expect(ws.getCell('C3').value).toBe('3月19日');
    const overview = wb.getWorksheet('总览')!;
    let line = '';
    overview.eachRow((row) => row.eachCell((c) => {
      if (typeof c.value === 'string' && c.value.startsWith('方案 18 项')) line = c.value;
    }));
    expect(line).toBe('方案 18 项：已完成 6，进行中 2，未开始 1，未完成 9');
  });
});

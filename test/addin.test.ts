/**
 * The add-in's pane logic on both hosts, without Excel or WPS, on fakes as strict as the hosts'
 * own documentation (test/helpers/hosts/): Office.js with its batches, load/sync and the refusals
 * its API reference lists; WPS 表格's object model as Kingsoft's toolkit uses it. Each test reads
 * the sample's open workbook through the host and the others from picked files, checks (the same
 * report as the CLI), selects a finding's cell, and writes the 【自动】 columns: the same values and
 * the same highlight rules as refresh writes into the file, on the rows that were checked.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { ExcelHost } from '../src/addin/excel.js';
import { MemoryStore, PaneSession } from '../src/addin/session.js';
import { WpsHost, type WpsApplication } from '../src/addin/wps.js';
import { WPS_MAIN } from '../src/addin/manifest.js';
import { refreshedColumns, workbookData, type Cells } from './helpers/addin.js';
import { CLI, copyDir, ROOT, runCli, runJson, SAMPLE, tempDir } from './helpers/cli.js';
import { FakeExcel } from './helpers/hosts/excel.js';
import { FakeWps, shiftFormula } from './helpers/hosts/wps.js';

const AS_OF = '2014-08-15';
const OTHERS = ['党员名册.xlsx', '走访记录.xlsx', '整改台账.xlsx', '学习教育.xlsx'];
const asWps = (fake: FakeWps) => fake as unknown as WpsApplication;
const require7z = () => createRequire(import.meta.url)('7zip-bin') as { path7za: string };

async function sessionWith(host: ConstructorParameters<typeof PaneSession>[0], open: string, folder = SAMPLE): Promise<PaneSession> {
  const store = new MemoryStore();
  const session = new PaneSession(host, store, readFileSync(join(folder, 'taizhang.config.json'), 'utf8'));
  for (const name of OTHERS.filter((n) => n !== open)) await session.pick(name, new Uint8Array(readFileSync(join(folder, name))), new Date('2014-08-10T09:00:00+08:00'));
  return session;
}

/** What refresh writes into a sample workbook's sheet. */
const refreshedSample = (() => {
  const dir = copyDir(SAMPLE);
  expect(runCli(['refresh', dir, '--as-of', AS_OF]).code).toBe(1);
  return (file: string, sheet: string) => refreshedColumns(join(dir, file), sheet);
})();

const cliReport = runJson(['check', SAMPLE, '--as-of', AS_OF]).report;
const sample = (name: string) => workbookData(join(SAMPLE, name));

/** The cells a write added to a sheet (those that were not the clerk's before). */
const added = (before: Cells, after: Cells): Cells => new Map([...after].filter(([k]) => !before.has(k)));

describe('the Excel host, on a fake as strict as Office.js', () => {
  it('checks the open ledger with the other workbooks picked once, as the CLI does', async () => {
    const fake = new FakeExcel(await sample('整改台账.xlsx')).install();
    const session = await sessionWith(new ExcelHost(), '整改台账.xlsx');
    expect(await session.remembered()).toEqual(['党员名册.xlsx：8月10日读取', '走访记录.xlsx：8月10日读取', '学习教育.xlsx：8月10日读取']);
    const { result, openId, open } = await session.check(AS_OF);
    expect([openId, open.name]).toEqual(['ledger', '整改台账.xlsx']);
    expect(JSON.parse(JSON.stringify(result.report))).toEqual(cliReport);
    expect(fake.state.failures).toEqual([]);
  });

  it('selects the cell of a finding', async () => {
    const fake = new FakeExcel(await sample('整改台账.xlsx')).install();
    const session = await sessionWith(new ExcelHost(), '整改台账.xlsx');
    const { result, open } = await session.check(AS_OF);
    const overdue = result.report.findings.find((f) => f.code === 'LEDGER_OVERDUE')!;
    await session.host.select(open.ref, overdue.sheet!, overdue.cell!);
    expect([fake.state.activated, fake.state.selected]).toEqual(['整改台账', `整改台账!${overdue.cell}`]);
  });

  it('writes the same 【自动】 values and highlight rules as refresh; a second press changes nothing', async () => {
    const fake = new FakeExcel(await sample('整改台账.xlsx')).install();
    const before = new Map(fake.cells('整改台账'));
    const session = await sessionWith(new ExcelHost(), '整改台账.xlsx');
    await session.check(AS_OF);
    expect(await session.writeBack()).toEqual(['整改台账']);
    const { cells, formats } = await refreshedSample('整改台账.xlsx', '整改台账');
    expect(cells.size).toBeGreaterThan(40);
    expect(added(before, fake.cells('整改台账'))).toEqual(cells);
    const written = fake.sheet('整改台账').formats;
    expect(written.map((f) => [f.area, f.formula])).toEqual(formats.flatMap((f) => f.sqref.split(' ').map((area) => [area, `=${f.formula}`])));
    expect(written.map((f) => f.fill)).toEqual(expect.arrayContaining(['#FFC7CE', '#FFD8A8', '#FFF59D']));
    const again = JSON.stringify([[...fake.cells('整改台账')], written]);
    await session.writeBack();
    expect(JSON.stringify([[...fake.cells('整改台账')], fake.sheet('整改台账').formats])).toBe(again);
    expect(fake.state.failures).toEqual([]);
  });

  it('keeps the clerk’s colour scale, duplicate rule and own formula, and reads custom rules only of custom formats', async () => {
    // office-js issue 2180: loading custom/rule/formula of a colour scale fails the whole batch
    const data = await sample('整改台账.xlsx');
    const clerks = [{ type: 'ColorScale', area: 'A3:A20' }, { type: 'PresetCriteria', area: 'B3:B20' }, { type: 'Custom', area: 'K3:K20', formula: '=$K3="已完成"' }];
    const fake = new FakeExcel({ ...data, sheets: data.sheets.map((s) => ({ ...s, formats: clerks })) }).install();
    const session = await sessionWith(new ExcelHost(), '整改台账.xlsx');
    await session.check(AS_OF);
    await session.writeBack();
    await session.writeBack();
    const formats = fake.sheet('整改台账').formats;
    expect(formats.filter((f) => !f.formula.includes('【自动】')).map((f) => [f.type, f.area, f.formula])).toEqual(clerks.map((c) => [c.type, c.area, c.formula ?? '']));
    const { formats: want } = await refreshedSample('整改台账.xlsx', '整改台账');
    expect(formats.filter((f) => f.formula.includes('【自动】'))).toHaveLength(want.flatMap((f) => f.sqref.split(' ')).length);
    expect(fake.state.failures).toEqual([]);
  });

  it('below ExcelApi 1.6 it writes the values only, and says so', async () => {
    const fake = new FakeExcel(await sample('整改台账.xlsx'), '1.5').install();
    const before = new Map(fake.cells('整改台账'));
    const host = new ExcelHost();
    expect(host.capabilities()).toEqual({ highlights: false, merges: false, edits: false });
    const session = await sessionWith(host, '整改台账.xlsx');
    await session.check(AS_OF);
    await session.writeBack();
    expect(added(before, fake.cells('整改台账'))).toEqual((await refreshedSample('整改台账.xlsx', '整改台账')).cells);
    expect(fake.sheet('整改台账').formats).toEqual([]);
    expect(fake.state.failures).toEqual([]);
  });

  it('reads more than 512 merged areas, block by block, with areas that cross a block’s edge whole', async () => {
    // getMergedAreasOrNullObject "will fail to return the result" above 512 merged areas
    const rows: unknown[][] = [['序号', '问题描述']];
    const merges: { r1: number; c1: number; r2: number; c2: number }[] = [];
    for (let k = 0; k < 650; k++) {
      rows.push([k + 1, `问题${k + 1}`], ['', '']);
      merges.push({ r1: 2 + 2 * k, c1: 1, r2: 3 + 2 * k, c2: 1 }, { r1: 2 + 2 * k, c1: 2, r2: 3 + 2 * k, c2: 2 });
    }
    const fake = new FakeExcel({ name: '台账.xlsx', sheets: [{ name: '整改台账', rows, merges }] }).install();
    const book = await new ExcelHost().readWorkbook();
    const key = (m: { r1: number; c1: number; r2: number; c2: number }) => `${m.r1},${m.c1},${m.r2},${m.c2}`;
    expect(book.sheets[0]!.merges.map(key).sort()).toEqual(merges.map((m) => key({ ...m, c1: m.c1 - 1, c2: m.c2 - 1 })).sort());
    expect(book.warnings).toEqual([]);
    expect(fake.state.failures.filter((f) => f !== 'InvalidOperation')).toEqual([]);
  });

  it('reads a long sheet in blocks of rows, so no answer is over the size Excel allows', async () => {
    const data = await sample('走访记录.xlsx');
    const fake = new FakeExcel(data).install();
    const book = await new ExcelHost().readWorkbook();
    // 648 rows of the visit log are about 60 KB: with the limit at 16 KB they come in pieces
    const small = new FakeExcel(data);
    (small as unknown as { payload: number }).payload = 16 * 1024;
    small.install();
    const inPieces = await new ExcelHost().readWorkbook();
    expect(inPieces.sheets).toEqual(book.sheets);
    expect(small.state.failures.length).toBeGreaterThan(0);
    expect(fake.state.failures).toEqual([]);
  });

  it('refuses to write when a row was inserted since the check, and writes on the new rows after a check', async () => {
    const fake = new FakeExcel(await sample('整改台账.xlsx')).install();
    const session = await sessionWith(new ExcelHost(), '整改台账.xlsx');
    await session.check(AS_OF);
    fake.insertRow('整改台账', 5);
    const before = new Map(fake.cells('整改台账'));
    await expect(session.writeBack()).rejects.toThrow('整改台账.xlsx，工作表“整改台账”在检查之后有改动（插入、删除、排序或修改了行），为免把状态写到别的行上，这次没有写回；请先“重新检查”，再写回');
    expect(fake.cells('整改台账')).toEqual(before);
    await session.check(AS_OF);
    await session.writeBack();
    expect(fake.cells('整改台账').size).toBeGreaterThan(before.size);
  });

  it('asks for every workbook it still needs, in one Chinese line', async () => {
    new FakeExcel(await sample('整改台账.xlsx')).install();
    const session = new PaneSession(new ExcelHost(), new MemoryStore());
    await expect(session.check(AS_OF)).rejects.toThrow('还需要 党员名册.xlsx、走访记录.xlsx：请点“选择其他工作簿”选一次，以后会记住');
  });

  it('hears the clerk’s edits where ExcelApi 1.7 is there', async () => {
    const fake = new FakeExcel(await sample('整改台账.xlsx'), '1.7').install();
    const host = new ExcelHost();
    let heard = 0;
    const stop = await host.onEdit('document', () => heard++);
    await fake.type('整改台账', 'K5', '已完成');
    expect(heard).toBe(1);
    stop();
    await new Promise((r) => setTimeout(r, 10));
    await fake.type('整改台账', 'K6', '已完成');
    expect(heard).toBe(1);
  });
});

describe('the WPS 表格 host, on a fake as strict as its object model', () => {
  it('checks, selects and writes the same as refresh, in the visit log too', async () => {
    for (const [open, sheet] of [['整改台账.xlsx', '整改台账'], ['走访记录.xlsx', '家访记录']] as const) {
      const app = new FakeWps(await sample(open));
      const session = await sessionWith(new WpsHost(asWps(app)), open);
      const { result, open: book } = await session.check(AS_OF);
      expect(result.report.tally).toEqual(cliReport.tally);
      const f = result.report.findings.find((x) => x.file === open && x.cell)!;
      await session.host.select(book.ref, f.sheet!, f.cell!);
      expect(app.selected).toBe(`${f.sheet}!${f.cell}`);
      const ws = app.books[0]!.sheet(sheet);
      const sheetBefore = new Map(ws.cells);
      await session.writeBack();
      const want = await refreshedSample(open, sheet);
      expect(added(sheetBefore, ws.cells)).toEqual(want.cells);
      for (const [k, v] of sheetBefore) expect(ws.cells.get(k), `clerk cell ${k}`).toBe(v);
      expect(ws.formats.map((x) => [x.appliesTo, x.stored])).toEqual(want.formats.flatMap((x) => x.sqref.split(' ').map((a) => [a, `=${x.formula}`])));
      const again = JSON.stringify([[...ws.cells], ws.formats]);
      await session.writeBack();
      expect(JSON.stringify([[...ws.cells], ws.formats])).toBe(again);
    }
  });

  it('Cells is a property: calling it, as the old host did, throws', async () => {
    const app = new FakeWps(await sample('整改台账.xlsx'));
    const used = app.books[0]!.sheet('整改台账').UsedRange as unknown as { Cells: unknown };
    expect(() => (used.Cells as (r: number, c: number) => unknown)(1, 1)).toThrow(TypeError);
  });

  it('reads the worksheets only: a chart sheet in the workbook is passed over', async () => {
    const app = new FakeWps({ ...(await sample('整改台账.xlsx')), charts: ['逾期图'] });
    expect(app.books[0]!.Sheets.Count).toBe(2);
    const session = await sessionWith(new WpsHost(asWps(app)), '整改台账.xlsx');
    const { result } = await session.check(AS_OF);
    expect(result.report.tally).toEqual(cliReport.tally);
  });

  it('adds each highlight with its area’s first cell active, whatever the clerk had selected, and puts the selection back', async () => {
    const app = new FakeWps(await sample('整改台账.xlsx'));
    const ws = app.books[0]!.sheet('整改台账');
    ws.selection = { r1: 30, c1: 4, r2: 31, c2: 4 };
    const session = await sessionWith(new WpsHost(asWps(app)), '整改台账.xlsx');
    await session.check(AS_OF);
    await session.writeBack();
    const want = await refreshedSample('整改台账.xlsx', '整改台账');
    expect(ws.formats.map((x) => [x.appliesTo, x.stored])).toEqual(want.formats.flatMap((x) => x.sqref.split(' ').map((a) => [a, `=${x.formula}`])));
    expect(ws.selection).toEqual({ r1: 30, c1: 4, r2: 31, c2: 4 });
    // the fake itself: a formula given while D30 is active is kept relative to the area's first cell
    expect(shiftFormula('=AND(N("【自动】")=0,$T30<TODAY())', 3 - 30, 1 - 4)).toBe('=AND(N("【自动】")=0,$T3<TODAY())');
  });

  it('writes into the workbook it checked when the clerk has switched to another', async () => {
    const ledger = await sample('整改台账.xlsx');
    const roster = await sample('党员名册.xlsx');
    const app = new FakeWps([ledger, roster]);
    const session = await sessionWith(new WpsHost(asWps(app)), '整改台账.xlsx');
    await session.check(AS_OF);
    app.switchTo('党员名册.xlsx');
    const rosterBefore = new Map(app.books[1]!.sheet('名册').cells);
    expect(await session.writeBack()).toEqual(['整改台账']);
    expect(app.books[1]!.sheet('名册').cells).toEqual(rosterBefore);
    expect(added(new Map(), app.books[0]!.sheet('整改台账').cells).size).toBeGreaterThan(ledger.sheets[0]!.rows.flat().filter((v) => v !== '').length);
    // the clerk's tab is in front again
    expect(app.ActiveWorkbook!.Name).toBe('党员名册.xlsx');
  });

  it('finds the merged cells of a 5,000-row log with a few dozen questions, not one per cell', async () => {
    const data = await sample('走访记录.xlsx');
    const log = data.sheets.find((s) => s.name === '家访记录')!;
    const rows = [log.rows[0]!, log.rows[1]!];
    for (let i = 0; i < 5000; i++) rows.push([...log.rows[2 + (i % (log.rows.length - 2))]!.slice(0, 5), '', '']);
    const merges = [{ r1: 1, c1: 1, r2: 1, c2: 7 }, { r1: 100, c1: 2, r2: 104, c2: 2 }];
    const app = new FakeWps({ name: '走访记录.xlsx', sheets: [{ name: '家访记录', rows, merges }] });
    const book = await new WpsHost(asWps(app)).readWorkbook();
    expect(book.sheets[0]!.merges).toEqual([{ r1: 1, c1: 0, r2: 1, c2: 6 }, { r1: 100, c1: 1, r2: 104, c2: 1 }]);
    expect(app.calls.merge).toBeLessThan(200);
  });

  it('reads a two-level header with its merged caption through the host', async () => {
    const src = join(ROOT, 'test', 'fixtures', 'lo', 'variants', 'two-level');
    const app = new FakeWps(await workbookData(join(src, '整改台账.xlsx')));
    const store = new MemoryStore();
    const session = new PaneSession(new WpsHost(asWps(app)), store, readFileSync(join(src, 'taizhang.config.json'), 'utf8'));
    for (const n of ['党员名册.xlsx', '走访记录.xlsx', '学习教育.xlsx']) await session.pick(n, new Uint8Array(readFileSync(join(src, n))));
    const { result } = await session.check();
    expect(result.loaded.sheets.ledger![0]!.layout).toMatchObject({ headerTop: 2, headerRow: 3, groups: [{ caption: '六落实', from: 4, to: 9 }] });
    expect(result.report.tally).toEqual(runJson(['check', src]).report.tally);
  });

  it('refuses to write when a row was inserted since the check', async () => {
    const app = new FakeWps(await sample('整改台账.xlsx'));
    const session = await sessionWith(new WpsHost(asWps(app)), '整改台账.xlsx');
    await session.check(AS_OF);
    const ws = app.books[0]!.sheet('整改台账');
    ws.insertRow(6);
    const before = JSON.stringify([[...ws.cells], ws.formats]);
    await expect(session.writeBack()).rejects.toThrow('在检查之后有改动');
    expect(JSON.stringify([[...ws.cells], ws.formats])).toBe(before);
  });

  it('hears the clerk’s edits of the checked workbook through ApiEvent SheetChange', async () => {
    const app = new FakeWps([await sample('整改台账.xlsx'), await sample('党员名册.xlsx')]);
    const host = new WpsHost(asWps(app));
    const book = await host.readWorkbook();
    let heard = 0;
    const stop = await host.onEdit(book.ref, () => heard++);
    app.type('整改台账.xlsx', '整改台账', 'K5', '已完成');
    app.type('党员名册.xlsx', '名册', 'A3', '某人');
    expect(heard).toBe(1);
    stop();
    app.type('整改台账.xlsx', '整改台账', 'K6', '已完成');
    expect(heard).toBe(1);
  });
});

describe('the WPS ribbon (main.js), run as WPS runs it', () => {
  it('opens the pane through window.Application, toggles it, and opens a new one after the clerk closed it', async () => {
    const app = new FakeWps(await sample('整改台账.xlsx'));
    const window: Record<string, unknown> = { Application: app, location: { href: 'file:///C:/Users/x/AppData/Roaming/kingsoft/wps/jsaddons/taizhang_1.0.0/index.html' } };
    runInNewContext(WPS_MAIN, Object.assign(window, { window }));
    const ribbon = window as unknown as { OnAddinLoad(ui: unknown): boolean; OnAction(control: unknown): boolean; GetImage(control: unknown): string };
    expect(ribbon.OnAddinLoad({})).toBe(true);
    expect(ribbon.OnAction({ Id: 'taizhangOpen' })).toBe(true);
    expect(app.panes).toHaveLength(1);
    expect(app.panes[0]).toMatchObject({ url: 'file:///C:/Users/x/AppData/Roaming/kingsoft/wps/jsaddons/taizhang_1.0.0/taskpane.html', Visible: true, DockPosition: 2 });
    ribbon.OnAction({ Id: 'taizhangOpen' });
    expect(app.panes[0]!.Visible).toBe(false);
    app.panes[0]!.Delete();
    ribbon.OnAction({ Id: 'taizhangOpen' });
    expect(app.panes).toHaveLength(2);
    expect(app.panes[1]!.Visible).toBe(true);
  });
});

describe('the manifest and the packages', () => {
  // The elements the add-in manifest schema (OfficeApp 1.1, TaskPaneApp) requires, in the schema's order.
  const REQUIRED_ORDER = ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'VersionOverrides'];

  it('taizhang addin --url writes a manifest with every required element in the schema’s order, which office-addin-manifest reads', async () => {
    const out = tempDir();
    const r = runCli(['addin', '--url', 'https://example.invalid/taizhang/', '--out', out]);
    expect(r.code).toBe(0);
    const xml = readFileSync(join(out, 'manifest.xml'), 'utf8');
    const top = [...xml.replace(/<VersionOverrides[\s\S]*<\/VersionOverrides>/, '<VersionOverrides/>').matchAll(/\n  <([A-Za-z]+)[\s>/]/g)].map((m) => m[1]);
    expect(top).toEqual(REQUIRED_ORDER);
    expect(xml).toContain('xsi:type="TaskPaneApp"');
    expect(xml).toContain('<SourceLocation DefaultValue="https://example.invalid/taizhang/taskpane.html"/>');
    expect(xml).toContain('<Set Name="ExcelApi" MinVersion="1.1"/>');
    const { OfficeAddinManifest } = await import('office-addin-manifest');
    const info = await OfficeAddinManifest.readManifestFile(join(out, 'manifest.xml'));
    expect(info).toMatchObject({ id: '6f0c2d6e-3b7a-4c1e-9a52-1d4f0b7e2a14', displayName: '台账检查', defaultLocale: 'zh-CN', providerName: 'taizhang', permissions: 'ReadWriteDocument' });
    expect(info.hosts).toEqual(['Workbook']);
    for (const f of ['taskpane.html', 'icon-32.png', 'icon-80.png', 'wps/taizhang.7z']) expect(readFileSync(join(out, f)).length).toBeGreaterThan(50);
    expect(readFileSync(join(out, 'wps', 'jsplugins.xml'), 'utf8')).toContain('url="https://example.invalid/taizhang/wps/taizhang.7z"');
    expect(readFileSync(join(out, 'wps', 'publish.xml'), 'utf8')).toContain('url="https://example.invalid/taizhang/wps/taizhang.7z"');
  });

  it('the WPS 加载项 ships as wpsjs builds it: taizhang.7z holding taizhang_1.0.0/ with index.html → main.js, ribbon.xml and the pane', () => {
    const wps = join(ROOT, 'dist', 'addin-pane', 'wps');
    const out = tempDir();
    const { path7za } = require7z();
    const listing = execFileSync(path7za, ['l', '-slt', join(wps, 'taizhang.7z')], { encoding: 'utf8' });
    const paths = [...listing.matchAll(/^Path = (.+)$/gm)].map((m) => m[1]!).slice(1).sort();
    expect(paths).toEqual(['taizhang_1.0.0', 'taizhang_1.0.0/icon-32.png', 'taizhang_1.0.0/index.html', 'taizhang_1.0.0/main.js', 'taizhang_1.0.0/ribbon.xml', 'taizhang_1.0.0/taskpane.html']);
    execFileSync(path7za, ['x', '-y', `-o${out}`, join(wps, 'taizhang.7z')], { stdio: 'ignore' });
    const file = (name: string) => readFileSync(join(out, 'taizhang_1.0.0', name), 'utf8');
    expect(file('index.html')).toContain('<script type="text/javascript" src="./main.js"></script>');
    expect(file('ribbon.xml')).toContain('label="台账检查" onAction="OnAction"');
    expect(file('main.js')).toContain('window.Application || window.wps');
    expect(file('taskpane.html')).not.toContain('appsforoffice.microsoft.com');
    // the object model is reached as Kingsoft documents it: no Range called as a function
    for (const name of ['main.js', 'taskpane.html']) expect(file(name)).not.toMatch(/\.Cells\(/);
    expect(readFileSync(join(ROOT, 'dist', 'addin-pane', 'taskpane.html'), 'utf8')).not.toMatch(/\.Cells\(/);
    for (const entry of ['jsplugins.xml', 'publish.xml']) expect(readFileSync(join(wps, entry), 'utf8')).toMatch(/<jsplugin name="taizhang" type="et" url="[^"]+\/taizhang\.7z" version="1\.0\.0"/);
  });

  it('refuses an address that is not https, in one line', () => {
    const r = runCli(['addin', '--url', 'http://example.invalid/', '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('taizhang: 参数错误：--url 须以 https:// 开头（Office 只从 HTTPS 加载加载项），实际为 “http://example.invalid/”\n');
  });
});

describe('taizhang addin serves the pane over HTTPS on localhost', () => {
  const children: ReturnType<typeof spawn>[] = [];
  afterAll(() => children.forEach((c) => c.kill()));

  it('with a certificate given, the pane and the manifest are served, and nothing outside its folder', async () => {
    const dir = tempDir();
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, [CLI, 'addin', '--port', String(port), '--out', join(dir, 'addin'), '--cert', join(dir, 'cert.pem'), '--key', join(dir, 'key.pem')]);
    children.push(child);
    await new Promise<void>((ok) => child.stdout!.once('data', () => ok()));
    const get = (path: string) => new Promise<{ status: number; body: string }>((ok, fail) => {
      request({ host: '127.0.0.1', port, path, rejectUnauthorized: false }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => ok({ status: res.statusCode!, body }));
      }).on('error', fail).end();
    });
    const pane = await get('/taskpane.html');
    expect(pane.status).toBe(200);
    expect(pane.body).toContain('<title>台账检查</title>');
    expect(pane.body).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    expect((await get('/manifest.xml')).body).toContain(`<SourceLocation DefaultValue="https://localhost:${port}/taskpane.html"/>`);
    expect((await get('/../../etc/passwd')).status).not.toBe(200);
    // a broken escape is answered, and the server lives on
    expect((await get('/%E0%A4%A')).status).toBe(403);
    expect((await get('/taskpane.html')).status).toBe(200);
    // a folder beside the add-in's whose name starts the same is still outside it
    mkdirSync(join(dir, 'addin-x'));
    writeFileSync(join(dir, 'addin-x', 'secret.txt'), 'not for the pane');
    expect((await get('/..%2faddin-x/secret.txt')).status).toBe(403);
    expect((await get('/..%5caddin-x/secret.txt')).status).not.toBe(200);
    expect(child.exitCode).toBeNull();
  });
});

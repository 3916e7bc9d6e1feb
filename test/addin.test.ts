/**
 * The add-in's pane logic on both hosts, without Excel or WPS: Office.js mocked with Microsoft's
 * office-addin-mock, WPS with a faithful fake of its object model (test/helpers/wps-fake.js).
 * Each test reads the sample's open workbook through the host and the others from picked files,
 * checks (the same report as the CLI), selects a finding's cell, and writes the 【自动】 columns:
 * the same values and the same highlight rules as refresh writes into the file.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExcelHost } from '../src/addin/excel.js';
import { MemoryStore, PaneSession } from '../src/addin/session.js';
import { WpsHost, type WpsApplication } from '../src/addin/wps.js';
import { readZipParts } from '../src/xlsx/repack.js';
import { applyBlock, excelMock, refreshedColumns, workbookData, type Cells } from './helpers/addin.js';
import { CLI, copyDir, ROOT, runCli, runJson, SAMPLE, tempDir } from './helpers/cli.js';
import './helpers/wps-fake.js';

interface FakeSheet {
  cells: Map<string, unknown>;
  formats: { Formula1: string; AppliesTo: string; Interior: { Color: number } }[];
}
type FakeApp = WpsApplication & { log: unknown[][]; selected?: string };
const { FakeWps } = globalThis as unknown as { FakeWps: new (book: unknown) => FakeApp };
const fakeSheet = (app: FakeApp, name: string) => app.ActiveWorkbook.Sheets.Item(name) as unknown as FakeSheet;
const AS_OF = '2014-08-15';
const OTHERS = ['党员名册.xlsx', '走访记录.xlsx', '整改台账.xlsx', '学习教育.xlsx'];

async function sessionWith(host: ConstructorParameters<typeof PaneSession>[0], open: string): Promise<PaneSession> {
  const store = new MemoryStore();
  const session = new PaneSession(host, store, readFileSync(join(SAMPLE, 'taizhang.config.json'), 'utf8'));
  for (const name of OTHERS.filter((n) => n !== open)) await session.pick(name, new Uint8Array(readFileSync(join(SAMPLE, name))), new Date('2014-08-10T09:00:00+08:00'));
  return session;
}

/** What refresh writes into the sample's ledger, once for all the tests. */
const refreshed = (() => {
  const dir = copyDir(SAMPLE);
  expect(runCli(['refresh', dir, '--as-of', AS_OF]).code).toBe(1);
  return refreshedColumns(join(dir, '整改台账.xlsx'), '整改台账');
})();

const cliReport = runJson(['check', SAMPLE, '--as-of', AS_OF]).report;

describe('the Excel host (Office.js, mocked with office-addin-mock)', () => {
  it('checks the open ledger with the other workbooks picked once, as the CLI does', async () => {
    const mock = excelMock(await workbookData(join(SAMPLE, '整改台账.xlsx')));
    mock.install();
    const session = await sessionWith(new ExcelHost(), '整改台账.xlsx');
    expect(await session.remembered()).toEqual(['党员名册.xlsx：8月10日读取', '走访记录.xlsx：8月10日读取', '学习教育.xlsx：8月10日读取']);
    const { result, openId, open } = await session.check(AS_OF);
    expect([openId, open.name]).toEqual(['ledger', '整改台账.xlsx']);
    expect(JSON.parse(JSON.stringify(result.report))).toEqual(JSON.parse(JSON.stringify({ ...cliReport, findings: cliReport.findings.map((f: any) => ({ ...f, message: f.message })) })));
  });

  it('selects the cell of a finding', async () => {
    const mock = excelMock(await workbookData(join(SAMPLE, '整改台账.xlsx')));
    mock.install();
    const session = await sessionWith(new ExcelHost(), '整改台账.xlsx');
    const { result } = await session.check(AS_OF);
    const overdue = result.report.findings.find((f) => f.code === 'LEDGER_OVERDUE')!;
    await session.host.select(overdue.sheet!, overdue.cell!);
    expect([mock.activated, mock.selected]).toEqual(['整改台账', `整改台账!${overdue.cell}`]);
  });

  it('writes the same 【自动】 values and highlight rules as refresh; a second press changes nothing', async () => {
    const mock = excelMock(await workbookData(join(SAMPLE, '整改台账.xlsx')));
    mock.install();
    const session = await sessionWith(new ExcelHost(), '整改台账.xlsx');
    await session.check(AS_OF);
    expect(await session.writeBack()).toEqual(['整改台账']);
    const { cells, formats } = await refreshed;
    expect(cells.size).toBeGreaterThan(40);
    expect(mock.cells.get('整改台账')).toEqual(cells);
    const written = mock.formats.get('整改台账')!;
    expect(written.map((f) => [f.area, f.formula])).toEqual(formats.flatMap((f) => f.sqref.split(' ').map((area) => [area, `=${f.formula}`])));
    expect(written.map((f) => f.fill)).toEqual(expect.arrayContaining(['#FFC7CE', '#FFD8A8', '#FFF59D']));
    const before = structuredClone([mock.cells.get('整改台账'), mock.formats.get('整改台账')]);
    await session.writeBack();
    expect([mock.cells.get('整改台账'), mock.formats.get('整改台账')]).toEqual(before);
  });

  it('below ExcelApi 1.6 it writes the values only, and says so', async () => {
    const mock = excelMock(await workbookData(join(SAMPLE, '整改台账.xlsx')), '1.5');
    mock.install();
    const host = new ExcelHost();
    expect(host.capabilities()).toEqual({ highlights: false, merges: false });
    const session = await sessionWith(host, '整改台账.xlsx');
    await session.check(AS_OF);
    await session.writeBack();
    expect(mock.cells.get('整改台账')).toEqual((await refreshed).cells);
    expect(mock.formats.get('整改台账')).toEqual([]);
  });

  it('asks for the workbooks it still needs, in one Chinese line', async () => {
    const mock = excelMock(await workbookData(join(SAMPLE, '整改台账.xlsx')));
    mock.install();
    const session = new PaneSession(new ExcelHost(), new MemoryStore());
    await expect(session.check(AS_OF)).rejects.toThrow('还需要 党员名册.xlsx：请点“选择其他工作簿”选一次，以后会记住');
  });
});

describe('the WPS 表格 host (a faithful fake of its object model)', () => {
  it('checks, selects and writes the same as refresh, in the visit log too', async () => {
    for (const [open, sheet] of [['整改台账.xlsx', '整改台账'], ['走访记录.xlsx', '家访记录']] as const) {
      const app = new FakeWps(await workbookData(join(SAMPLE, open)));
      const session = await sessionWith(new WpsHost(app), open);
      const { result } = await session.check(AS_OF);
      expect(result.report.tally).toEqual(cliReport.tally);
      const f = result.report.findings.find((x) => x.file === open && x.cell)!;
      await session.host.select(f.sheet!, f.cell!);
      expect(app.selected).toBe(`${f.sheet}!${f.cell}`);
      const sheetBefore = new Map(fakeSheet(app, sheet).cells);
      await session.writeBack();
      const dir = copyDir(SAMPLE);
      runCli(['refresh', dir, '--as-of', AS_OF]);
      const want = await refreshedColumns(join(dir, open), sheet);
      const now = fakeSheet(app, sheet);
      const owned: Cells = new Map([...now.cells].filter(([k]) => !sheetBefore.has(k)));
      expect(owned).toEqual(want.cells);
      for (const [k, v] of sheetBefore) expect(now.cells.get(k), `clerk cell ${k}`).toBe(v);
      expect(now.formats.map((x) => [x.AppliesTo, x.Formula1])).toEqual(want.formats.flatMap((x) => x.sqref.split(' ').map((a) => [a, `=${x.formula}`])));
      const again = JSON.stringify([[...now.cells], now.formats]);
      await session.writeBack();
      expect(JSON.stringify([[...now.cells], now.formats])).toBe(again);
    }
  });

  it('reads a two-level header with its merged caption through the host', async () => {
    const src = join(ROOT, 'test', 'fixtures', 'lo', 'variants', 'two-level');
    const app = new FakeWps(await workbookData(join(src, '整改台账.xlsx')));
    const store = new MemoryStore();
    const session = new PaneSession(new WpsHost(app), store, readFileSync(join(src, 'taizhang.config.json'), 'utf8'));
    for (const n of ['党员名册.xlsx', '走访记录.xlsx', '学习教育.xlsx']) await session.pick(n, new Uint8Array(readFileSync(join(src, n))));
    const { result } = await session.check();
    expect(result.loaded.sheets.ledger!.layout).toMatchObject({ headerTop: 2, headerRow: 3, groups: [{ caption: '六落实', from: 4, to: 9 }] });
    expect(result.report.tally).toEqual(runJson(['check', src]).report.tally);
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
    for (const f of ['taskpane.html', 'icon-32.png', 'icon-80.png', 'wps/taizhang_1.0.0.zip']) expect(readFileSync(join(out, f)).length).toBeGreaterThan(50);
  });

  it('refuses an address that is not https, in one line', () => {
    const r = runCli(['addin', '--url', 'http://example.invalid/', '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('taizhang: 参数错误：--url 须以 https:// 开头（Office 只从 HTTPS 加载加载项），实际为 “http://example.invalid/”\n');
  });

  it('the WPS 加载项 package holds the ribbon with its 台账检查 button, the entry and the pane', async () => {
    const parts = await readZipParts(new Uint8Array(readFileSync(join(ROOT, 'dist', 'addin-pane', 'wps', 'taizhang_1.0.0.zip'))));
    expect([...parts.keys()].sort()).toEqual(['taizhang_1.0.0/icon-32.png', 'taizhang_1.0.0/main.js', 'taizhang_1.0.0/ribbon.xml', 'taizhang_1.0.0/taskpane.html']);
    const ribbon = Buffer.from(parts.get('taizhang_1.0.0/ribbon.xml')!).toString();
    expect(ribbon).toContain('label="台账检查" onAction="ribbon.OnAction"');
    expect(Buffer.from(parts.get('taizhang_1.0.0/main.js')!).toString()).toContain("wps.CreateTaskPane(base + 'taskpane.html')");
    expect(Buffer.from(parts.get('taizhang_1.0.0/taskpane.html')!).toString()).not.toContain('appsforoffice.microsoft.com');
  });
});

describe('taizhang addin serves the pane over HTTPS on localhost', () => {
  const children: ReturnType<typeof spawn>[] = [];
  afterAll(() => children.forEach((c) => c.kill()));

  it('with a certificate given, the pane and the manifest are served', async () => {
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
    expect((await get('/wps/taizhang_1.0.0/')).body).not.toContain('not for the pane');
    expect(child.exitCode).toBeNull();
  });
});

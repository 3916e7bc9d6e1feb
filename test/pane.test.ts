/**
 * The add-in's task pane page in Chromium, end to end through its real buttons, with each host's
 * fake injected before the page's scripts run: WPS 表格's object model (test/helpers/wps-fake.js)
 * and Office.js (test/helpers/office-fake.js; Microsoft's office.js itself is refused, as it is
 * not reachable here). What the pane writes must be what refresh writes into the same sheet.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDayZh } from '../src/core/dates.js';
import { todayInShanghai } from '../src/run/context.js';
import { refreshedColumns, workbookData } from './helpers/addin.js';
import { hasChromium, launch } from './helpers/browser.js';
import { copyDir, ROOT, runCli, runJson, SAMPLE } from './helpers/cli.js';

const PANES = join(ROOT, 'dist', 'addin-pane');
const HELPERS = join(ROOT, 'test', 'helpers');

async function openPane(browser: Browser, kind: 'wps' | 'excel', workbook: string): Promise<{ page: Page; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width: 420, height: 900 }, locale: 'zh-CN' });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.route(/^https?:/, (route) => route.abort());
  const data = JSON.stringify(await workbookData(join(SAMPLE, workbook)));
  if (kind === 'wps') {
    await context.addInitScript({ path: join(HELPERS, 'wps-fake.js') });
    await context.addInitScript({ content: `window.wps = { Application: new FakeWps(${data}) };` });
  } else {
    await context.addInitScript({ path: join(HELPERS, 'office-fake.js') });
    await context.addInitScript({ content: `new FakeExcel(${data}, '1.6');` });
  }
  const page = await context.newPage();
  await page.goto(`file://${join(PANES, kind === 'wps' ? 'wps/taizhang/taskpane.html' : 'taskpane.html')}`);
  return { page, requests };
}

const picks = (open: string) => ['党员名册.xlsx', '走访记录.xlsx', '整改台账.xlsx', '学习教育.xlsx', 'taizhang.config.json'].filter((n) => n !== open).map((n) => join(SAMPLE, n));

describe.skipIf(!hasChromium())('the task pane in Chromium, with a fake host', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const kind of ['wps', 'excel'] as const) {
    it(`${kind}: asks for the other workbooks once, checks, selects a finding's cell and writes what refresh writes`, async () => {
      const { page, requests } = await openPane(browser, kind, '整改台账.xlsx');
      await page.locator('#error', { hasText: '还需要 党员名册.xlsx' }).waitFor({ timeout: 60_000 });
      await page.setInputFiles('#pick', picks('整改台账.xlsx'));
      await page.locator('#findings .finding').first().waitFor({ timeout: 60_000 });
      expect(await page.locator('#error').isHidden()).toBe(true);
      expect(await page.locator('#remembered li').allTextContents()).toHaveLength(4);
      const report = runJson(['check', SAMPLE]).report;
      const mine = report.findings.filter((f: any) => f.file === '整改台账.xlsx');
      expect(await page.locator('#findings .finding').count()).toBe(mine.length);
      expect(await page.locator('#workbook').textContent()).toMatch(/^当前工作簿：整改台账\.xlsx　截至 2014-08-15/);
      const overdue = mine.find((f: any) => f.code === 'LEDGER_OVERDUE');
      await page.locator('#findings .finding', { hasText: overdue.message }).click();
      const selected = await page.evaluate((k) => (k === 'wps' ? (globalThis as any).wps.Application.selected : (globalThis as any).__excelState.selected), kind);
      expect(selected).toBe(`整改台账!${overdue.cell}`);

      await page.click('#write');
      await page.locator('#written', { hasText: '已写回：整改台账' }).waitFor({ timeout: 60_000 });
      const written = new Map<string, unknown>(await page.evaluate((k) => {
        if (k === 'excel') return Object.entries((globalThis as any).__excelState.cells['整改台账']);
        const sheet = (globalThis as any).wps.Application.ActiveWorkbook.Sheets.Item('整改台账');
        return [...sheet.cells].filter(([key]: [string]) => Number(key.split(',')[1]) >= 14);
      }, kind));
      const dir = copyDir(SAMPLE);
      runCli(['refresh', dir]);
      const want = await refreshedColumns(join(dir, '整改台账.xlsx'), '整改台账');
      expect(written).toEqual(want.cells);
      // the Excel pane asks for Microsoft's office.js (refused here), and for nothing else
      expect([...new Set(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('blob:') && !u.startsWith('data:')))]).toEqual(kind === 'excel' ? ['https://appsforoffice.microsoft.com/lib/1/hosted/office.js'] : []);
      if (kind === 'wps') {
        mkdirSync(join(ROOT, 'out', 'screenshots'), { recursive: true });
        await page.screenshot({ path: join(ROOT, 'out', 'screenshots', 'addin.png') });
      }
      await page.context().close();
    }, 120_000);
  }

  it('remembers the picked workbooks between openings of the pane, with their date', async () => {
    const first = await openPane(browser, 'wps', '走访记录.xlsx');
    await first.page.locator('#error').waitFor({ timeout: 60_000 });
    await first.page.setInputFiles('#pick', picks('走访记录.xlsx'));
    await first.page.locator('#findings .finding').first().waitFor({ timeout: 60_000 });
    await first.page.reload();
    await first.page.locator('#findings .finding').first().waitFor({ timeout: 60_000 });
    const today = formatDayZh(todayInShanghai());
    expect((await first.page.locator('#remembered li').allTextContents()).sort()).toEqual(
      ['党员名册.xlsx', '学习教育.xlsx', '整改台账.xlsx', 'taizhang.config.json'].map((n) => `${n}：${today}读取（可重新选择）`).sort(),
    );
    await first.page.context().close();
  }, 120_000);
});

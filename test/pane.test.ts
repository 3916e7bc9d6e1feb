/**
 * The add-in's task pane page in Chromium, end to end through its real buttons, with each host's
 * strict fake (test/helpers/hosts/, bundled for the page) injected before the page's scripts run:
 * WPS 表格's object model as `window.Application`, and Office.js (Microsoft's office.js itself is
 * refused, as it is not reachable here). What the pane writes must be what refresh writes into the
 * same sheet. The same pane is also run with what EdgeHTML 18 lacks taken out of Chromium first,
 * and its scripts are parsed as the oldest engines would: the guard as ES5, the pane as ES2017.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'acorn';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDayZh } from '../src/core/dates.js';
import { todayInShanghai } from '../src/run/context.js';
import { refreshedColumns, workbookData } from './helpers/addin.js';
import { readabilityProblems } from './helpers/a11y.js';
import { hasChromium, launch } from './helpers/browser.js';
import { copyDir, ROOT, runCli, runJson, SAMPLE } from './helpers/cli.js';

const PANES = join(ROOT, 'dist', 'addin-pane');
const PANE_FILE = { wps: join(PANES, 'wps', 'taizhang_1.0.0', 'taskpane.html'), excel: join(PANES, 'taskpane.html') };

/** The fakes of both hosts as one script for the page: FakeWps and FakeExcel on window. */
const fakes = build({
  stdin: { contents: "import { FakeWps } from './wps'; import { FakeExcel } from './excel'; Object.assign(window, { FakeWps, FakeExcel });", resolveDir: join(ROOT, 'test', 'helpers', 'hosts'), loader: 'ts' },
  bundle: true,
  format: 'iife',
  target: 'es2020',
  write: false,
}).then((r) => r.outputFiles[0]!.text);

/**
 * What EdgeHTML 18 (Edge Legacy) lacks and Chromium has, per MDN's browser-compat-data (8.1.9),
 * among what a page's script may touch: taken out before the pane's scripts run. (BigInt64Array
 * stays: Playwright's own evaluation needs it in the page.)
 */
const EDGE18_LACKS = `(() => {
  const drop = (o, names) => { for (const n of names) { try { delete o[n]; } catch {} if (n in o) Object.defineProperty(o, n, { value: undefined, configurable: true, writable: true }); } };
  drop(window, ['TextDecoder', 'TextEncoder', 'TextDecoderStream', 'TextEncoderStream', 'TransformStream', 'WritableStream', 'ReadableStream', 'CompressionStream', 'DecompressionStream', 'BigInt', 'structuredClone', 'queueMicrotask', 'WeakRef', 'FinalizationRegistry', 'AggregateError', 'ResizeObserver', 'HTMLDialogElement']);
  drop(Blob.prototype, ['arrayBuffer', 'stream', 'text']);
  drop(Array.prototype, ['flat', 'flatMap', 'at', 'findLast', 'findLastIndex', 'toSorted', 'toReversed']);
  drop(Object, ['fromEntries', 'hasOwn']);
  drop(String.prototype, ['matchAll', 'replaceAll', 'at', 'trimStart', 'trimEnd']);
  drop(Promise, ['allSettled', 'any']);
  drop(DataView.prototype, ['getBigUint64', 'setBigUint64', 'getBigInt64', 'setBigInt64']);
  drop(Element.prototype, ['replaceChildren']);
  drop(IDBObjectStore.prototype, ['getAll', 'getAllKeys']);
  drop(Intl, ['Segmenter', 'ListFormat', 'DisplayNames']);
  window.__edge18 = true;
})();`;

interface Opened {
  page: Page;
  requests: string[];
  errors: string[];
}

async function openPane(browser: Browser, kind: 'wps' | 'excel', workbook: string, prelude = ''): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 340, height: 760 }, locale: 'zh-CN' });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.route(/^https?:/, (route) => route.abort());
  const data = JSON.stringify(await workbookData(join(SAMPLE, workbook)));
  if (prelude) await context.addInitScript({ content: prelude });
  await context.addInitScript({ content: await fakes });
  await context.addInitScript({
    content: kind === 'wps' ? `window.Application = new FakeWps(${data});` : `window.__excel = new FakeExcel(${data}, '1.13'); Object.assign(window, window.__excel.globals());`,
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`file://${PANE_FILE[kind]}`);
  return { page, requests, errors };
}

const picks = (open: string) => ['党员名册.xlsx', '走访记录.xlsx', '整改台账.xlsx', '学习教育.xlsx', 'taizhang.config.json'].filter((n) => n !== open).map((n) => join(SAMPLE, n));

/** Picks the other workbooks, checks, clicks an overdue item and writes back; the owned cells written. */
async function checkAndWrite(opened: Opened, kind: 'wps' | 'excel'): Promise<Map<string, unknown>> {
  const { page } = opened;
  await page.locator('#error', { hasText: '还需要 党员名册.xlsx' }).waitFor({ timeout: 60_000 });
  await page.setInputFiles('#pick', picks('整改台账.xlsx'));
  await page.locator('#findings .fv-finding').first().waitFor({ timeout: 60_000 });
  expect(await page.locator('#error').isHidden()).toBe(true);
  expect(await page.locator('#remembered li').allTextContents()).toHaveLength(4);
  const report = runJson(['check', SAMPLE]).report;
  const mine = report.findings.filter((f: any) => f.file === '整改台账.xlsx');
  expect(await page.locator('#findings .fv-finding').count()).toBe(mine.length);
  expect(await page.locator('#workbook').textContent()).toMatch(/^当前工作簿：整改台账\.xlsx　截至 2014-08-15/);
  const overdue = mine.find((f: any) => f.code === 'LEDGER_OVERDUE');
  await page.locator('#findings .fv-finding', { hasText: overdue.message }).click();
  const selected = await page.evaluate((k) => (k === 'wps' ? (globalThis as any).Application.selected : (globalThis as any).__excel.state.selected), kind);
  expect(selected).toBe(`整改台账!${overdue.cell}`);
  await page.click('#write');
  await page.locator('#written', { hasText: '已写回：整改台账' }).waitFor({ timeout: 60_000 });
  // the hosts tell their change events of the add-in's own writes too: past the pause after an edit,
  // the pane has not taken its own write for the clerk's and wiped what it said
  await page.waitForTimeout(3_500);
  expect(await page.locator('#written').textContent()).toContain('已写回：整改台账');
  return new Map<string, unknown>(await page.evaluate((k) => {
    const cells: Map<string, unknown> = k === 'excel' ? (globalThis as any).__excel.cells('整改台账') : (globalThis as any).Application.books[0].sheet('整改台账').cells;
    return [...cells].filter(([key]) => Number(key.split(',')[1]) >= 14);
  }, kind));
}

describe.skipIf(!hasChromium())('the task pane in Chromium, with a strict fake host', () => {
  let browser: Browser;
  let want: Map<string, unknown>;
  beforeAll(async () => {
    browser = await launch();
    const dir = copyDir(SAMPLE);
    runCli(['refresh', dir]);
    want = (await refreshedColumns(join(dir, '整改台账.xlsx'), '整改台账')).cells;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const kind of ['wps', 'excel'] as const) {
    it(`${kind}: asks for the other workbooks once, checks, selects a finding's cell and writes what refresh writes`, async () => {
      const opened = await openPane(browser, kind, '整改台账.xlsx');
      expect(await checkAndWrite(opened, kind)).toEqual(want);
      // the Excel pane asks for Microsoft's office.js (refused here), and for nothing else
      expect([...new Set(opened.requests.filter((u) => !u.startsWith('file:') && !u.startsWith('blob:') && !u.startsWith('data:')))]).toEqual(kind === 'excel' ? ['https://appsforoffice.microsoft.com/lib/1/hosted/office.js'] : []);
      if (kind === 'excel') expect(await opened.page.evaluate(() => (globalThis as any).__excel.state.failures)).toEqual([]);
      if (kind === 'wps') {
        mkdirSync(join(ROOT, 'out', 'screenshots'), { recursive: true });
        await opened.page.screenshot({ path: join(ROOT, 'out', 'screenshots', 'addin.png') });
      }
      expect(opened.errors).toEqual([]);
      await opened.page.context().close();
    }, 120_000);
  }

  it('runs where EdgeHTML 18’s gaps are taken out of the browser first (no TextDecoder, streams, BigInt, replaceChildren, getAll …)', async () => {
    const opened = await openPane(browser, 'wps', '整改台账.xlsx', EDGE18_LACKS);
    expect(await opened.page.evaluate(() => [(globalThis as any).__edge18, typeof (globalThis as any).BigInt, typeof TextDecoder])).toEqual([true, 'function', 'function']);
    expect(await checkAndWrite(opened, 'wps')).toEqual(want);
    expect(opened.errors).toEqual([]);
    await opened.page.context().close();
  }, 120_000);

  it('in an engine too old for it, says in Chinese to use the local page instead of staying blank', async () => {
    // IE11 has no Proxy (nor the ES2017 syntax the guard also tries)
    const opened = await openPane(browser, 'excel', '整改台账.xlsx', 'delete window.Proxy;');
    await opened.page.locator('#too-old').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await opened.page.locator('#too-old').textContent()).toContain('请改用检查网页');
    expect(await opened.page.locator('#too-old a').getAttribute('href')).toBe('taizhang.html');
    expect(await opened.page.locator('#app').isVisible()).toBe(false);
    await opened.page.context().close();
  }, 60_000);

  it('reads like a tool in a 340×760 pane: the first finding in view, this workbook’s list said so, plain text for what it cannot go to, AA contrast, the picker from the keyboard, a new date checks again', async () => {
    const opened = await openPane(browser, 'excel', '整改台账.xlsx');
    const { page } = opened;
    await page.locator('#error').waitFor({ timeout: 60_000 });
    await page.setInputFiles('#pick', picks('整改台账.xlsx'));
    await page.locator('#findings .fv-finding').first().waitFor({ timeout: 60_000 });
    const box = await page.locator('#findings .fv-finding').first().boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(760);
    const report = runJson(['check', SAMPLE]).report;
    const mine = report.findings.filter((f: any) => f.file === '整改台账.xlsx');
    expect(await page.locator('.fv-summary').textContent()).toBe(`本工作簿：共 ${mine.length} 条（错误 ${mine.filter((f: any) => f.severity === 'error').length} 条，提醒 ${mine.filter((f: any) => f.severity === 'warning').length} 条）`);
    // a finding of this workbook without a cell (the plan's item 13) is text, not a greyed-out button
    expect(await page.locator('.fv-finding .fv-text').count()).toBe(mine.filter((f: any) => !f.cell).length);
    expect(await page.locator('.fv-finding button:disabled').count()).toBe(0);
    await page.click('.fv-toggle >> text=全部工作簿');
    expect(await page.locator('.fv-summary').textContent()).toBe(`全部工作簿：共 ${report.findings.length} 条（错误 ${report.tally.errors} 条，提醒 ${report.tally.warnings} 条）`);
    // a person's duties span the workbooks: 按人员 is the whole check's, with no 本工作簿 to choose
    await page.click('.fv-toggle >> text=本工作簿');
    await page.click('.fv-toggle >> text=按人员');
    expect(await page.locator('.fv-toggle >> text=本工作簿').isVisible()).toBe(false);
    expect(await page.locator('.fv-summary').textContent()).toMatch(/^当前检查：还有事项未完成的 \d+ 人/);
    await page.click('.fv-toggle >> text=按问题');
    expect(await page.locator('.fv-summary').textContent()).toMatch(/^本工作簿：/);
    expect(await readabilityProblems(page)).toEqual([]);
    // the picker is a real input, reached with Tab
    const ids: string[] = [];
    for (let i = 0; i < 40 && !ids.includes('pick'); i++) {
      await page.keyboard.press('Tab');
      ids.push(String(await page.evaluate('document.activeElement && document.activeElement.id')));
    }
    expect(ids).toContain('pick');
    // a new 检查日期 checks again, by itself
    await page.fill('#asof', '2014-07-25');
    await page.locator('#asof').dispatchEvent('change');
    await page.locator('#workbook', { hasText: '截至 2014-07-25' }).waitFor({ timeout: 60_000 });
    await page.context().close();
  }, 120_000);

  it('remembers the picked workbooks between openings of the pane, with their date', async () => {
    const first = await openPane(browser, 'wps', '走访记录.xlsx');
    await first.page.locator('#error').waitFor({ timeout: 60_000 });
    await first.page.setInputFiles('#pick', picks('走访记录.xlsx'));
    await first.page.locator('#findings .fv-finding').first().waitFor({ timeout: 60_000 });
    await first.page.reload();
    await first.page.locator('#findings .fv-finding').first().waitFor({ timeout: 60_000 });
    const today = formatDayZh(todayInShanghai());
    expect((await first.page.locator('#remembered li').allTextContents()).sort()).toEqual(
      ['党员名册.xlsx', '学习教育.xlsx', '整改台账.xlsx', 'taizhang.config.json'].map((n) => `${n}：${today}读取（可重新选择）`).sort(),
    );
    await first.page.context().close();
  }, 120_000);
});

describe('the pane’s scripts parse in the engines schools have', () => {
  const scripts = (file: string) => [...readFileSync(file, 'utf8').matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  for (const [kind, file] of Object.entries(PANE_FILE)) {
    it(`${kind}: the guard as ES5 (IE11), the polyfills as ES5, the pane as ES2017 (Edge Legacy)`, () => {
      const [guard, polyfill, pane, ...rest] = scripts(file);
      expect(rest).toEqual([]);
      expect(guard).toContain('__taizhangTooOld');
      expect(() => parse(guard!, { ecmaVersion: 5 })).not.toThrow();
      expect(() => parse(polyfill!, { ecmaVersion: 5 })).not.toThrow();
      expect(() => parse(pane!, { ecmaVersion: 2017 })).not.toThrow();
      expect(() => parse(pane!, { ecmaVersion: 2016 })).toThrow(); // it is ES2017 (async functions), not less
      // regular expressions EdgeHTML 18 cannot compile (lookbehind, named groups), even built at run time
      expect(pane).not.toMatch(/\(\?<[=!A-Za-z]/);
    });
  }
});

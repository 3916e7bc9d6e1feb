/**
 * The local page (dist/web/taizhang.html) in Chromium, opened from disk as a clerk opens it: the
 * sample's workbooks dropped through the real file input, the date set, the three buttons pressed.
 * What it gives must be what the CLI gives for the same files, config and date: the JSON report
 * to the byte, the refreshed workbooks to the byte, the summary to the byte. And it must ask
 * nothing of the network.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZipParts } from '../src/xlsx/repack.js';
import { checked, download, hasChromium, launch, openPage, PAGE_URL, type OpenPage } from './helpers/browser.js';
import { copyDir, FIXTURES, ROOT, runCli, runJson, SAMPLE, tempDir } from './helpers/cli.js';

const AS_OF = '2014-08-15';
const sampleFiles = () => readdirSync(SAMPLE).filter((n) => /\.(xlsx|json)$/.test(n) && n !== 'PLANTED.json').map((n) => join(SAMPLE, n));
const WORKBOOKS = ['党员名册.xlsx', '走访记录.xlsx', '整改台账.xlsx', '学习教育.xlsx'];

describe.skipIf(!hasChromium())('the local page, in Chromium, opened from disk', () => {
  let browser: Browser;
  let open: OpenPage;

  beforeAll(async () => {
    browser = await launch();
    open = await openPage(browser);
    await open.page.setInputFiles('#files', sampleFiles());
    await checked(open.page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the school, the phase, the tally and the findings grouped by workbook and sheet, in the console’s words', async () => {
    const { page } = open;
    expect(await page.locator('#error').isHidden()).toBe(true);
    expect(await page.locator('#school').textContent()).toBe('岳阳市第七中学 教育实践活动台账检查');
    expect(await page.locator('#phase').textContent()).toBe('截至 2014-08-15：整改落实、建章立制，本阶段剩余 46 天');
    expect(await page.locator('#asof').inputValue()).toBe(AS_OF);
    const console = runCli(['check', SAMPLE, '--as-of', AS_OF]).stdout;
    const { report } = runJson(['check', SAMPLE, '--as-of', AS_OF]);
    const tally = await page.locator('#tally li').allTextContents();
    expect(tally[0]).toBe(`合计：错误 ${report.tally.errors} 条，提醒 ${report.tally.warnings} 条`);
    expect(tally[1]).toBe('方案 18 项：已完成 5，进行中 4，未开始 1，未完成 8');
    for (const line of tally) expect(console).toContain(line);
    const plan = await page.locator('#plan tr').allTextContents();
    expect(plan).toHaveLength(19);
    expect(plan[12]).toBe('12通报评议民主生活会情况5月1日至6月30日未完成工作记录「通报会」第8行（5月6日）早于「民主生活会」（5月8日）');
    const groups = await page.locator('#findings summary').allTextContents();
    expect(groups[0]).toBe('党员名册.xlsx › 名册错误 4 条，提醒 1 条');
    const lines = await page.locator('#findings .finding').allTextContents();
    expect(lines).toHaveLength(report.findings.length);
    for (const line of lines) expect(console).toContain(line.trim());
    mkdirSync(join(ROOT, 'out', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'out', 'screenshots', 'page.png') });
  });

  it('下载检查报告（JSON） gives exactly what check --json gives', async () => {
    const { name, bytes } = await download(open.page, '#dl-json');
    expect(name).toBe('检查报告-2014-08-15.json');
    const cli = runCli(['check', SAMPLE, '--as-of', AS_OF, '--json']);
    expect(bytes.toString('utf8')).toBe(cli.stdout);
  });

  it('下载回写后的工作簿 gives the workbooks byte for byte as refresh writes them', async () => {
    const { name, bytes } = await download(open.page, '#dl-workbooks');
    expect(name).toBe('回写后的工作簿-2014-08-15.zip');
    const fromPage = await readZipParts(new Uint8Array(bytes));
    expect([...fromPage.keys()].sort()).toEqual([...WORKBOOKS].sort());
    const dir = copyDir(SAMPLE);
    expect(runCli(['refresh', dir, '--as-of', AS_OF]).code).toBe(1);
    for (const w of WORKBOOKS) {
      const cli = readFileSync(join(dir, w));
      expect(Buffer.compare(Buffer.from(fromPage.get(w)!), cli), w).toBe(0);
      expect(cli.equals(readFileSync(join(SAMPLE, w))), `${w} was refreshed`).toBe(false);
    }
    expect(await open.page.locator('#written').textContent()).toContain('整改台账.xlsx：已更新');
  });

  it('下载汇总表 gives the summary workbook the CLI makes', async () => {
    const { name, bytes } = await download(open.page, '#dl-summary');
    expect(name).toBe('汇总-2014-08-15.xlsx');
    const out = join(tempDir(), 'summary.xlsx');
    expect(runCli(['summary', SAMPLE, '--as-of', AS_OF, '-o', out]).code).toBe(1);
    expect(Buffer.compare(bytes, readFileSync(out))).toBe(0);
  });

  it('the 检查日期 field judges another day, as --as-of does', async () => {
    const { page } = open;
    await page.fill('#asof', '2014-07-25');
    await page.locator('#asof').dispatchEvent('change');
    await page.locator('#phase', { hasText: '2014-07-25' }).waitFor({ timeout: 60_000 });
    await checked(page);
    const { bytes } = await download(page, '#dl-json');
    expect(bytes.toString('utf8')).toBe(runCli(['check', SAMPLE, '--as-of', '2014-07-25', '--json']).stdout);
  });

  it('makes no request of any kind beyond the page itself and its own worker', () => {
    const others = open.requests.filter((u) => u !== PAGE_URL && !u.startsWith('blob:'));
    expect(others).toEqual([]);
    expect(open.requests).toContain(PAGE_URL);
    expect(open.errors).toEqual([]);
  });

  it('a bad workbook gets the CLI’s one-line reason on the page', async () => {
    const bad = await openPage(browser);
    const dir = copyDir(SAMPLE);
    writeFileSync(join(dir, '整改台账.xlsx'), readFileSync(join(FIXTURES, 'encrypted.xlsx')));
    await bad.page.setInputFiles('#files', readdirSync(dir).filter((n) => n.endsWith('.xlsx')).map((n) => join(dir, n)));
    await checked(bad.page);
    const cli = runCli(['check', dir]);
    expect(cli.code).toBe(2);
    expect(await bad.page.locator('#error').textContent()).toBe(cli.stderr.trim().replace(/^taizhang: /, ''));
    expect(await bad.page.locator('#result').isHidden()).toBe(true);
    await bad.page.context().close();
  });

  it('an old .xls dropped on the page says how to save it as .xlsx', async () => {
    const bad = await openPage(browser);
    const legacy = join(FIXTURES, 'lo', 'variants', 'legacy');
    await bad.page.setInputFiles('#files', readdirSync(legacy).map((n) => join(legacy, n)));
    await checked(bad.page);
    expect(await bad.page.locator('#error').textContent()).toBe('党员名册.xls：这是旧版 .xls/.et 格式，这里无法直接读取；请在 Excel 或 WPS 中打开它，点“文件 → 另存为”，类型选“Excel 工作簿（*.xlsx）”后再选这个新文件');
    await bad.page.context().close();
  });
});

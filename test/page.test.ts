/**
 * The local page (dist/web/taizhang.html) in Chromium, opened from disk as a clerk opens it: the
 * sample's workbooks added through the real file input (in one go, or in several), the date set,
 * the buttons pressed. What it gives must be what the CLI gives for the same files, config and
 * date: the 问题清单, the JSON report, the refreshed workbooks and the summary, to the byte. It asks
 * nothing of the network, reads well (contrast, size), works from the keyboard, prints the list
 * without the controls, and stays small in the document whatever the number of findings.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, FileChooser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZipParts } from '../src/xlsx/repack.js';
import { readabilityProblems } from './helpers/a11y.js';
import { checked, download, hasChromium, launch, openPage, PAGE_URL, type OpenPage } from './helpers/browser.js';
import { copyDir, FIXTURES, ROOT, runCli, runJson, SAMPLE, tempDir } from './helpers/cli.js';

const AS_OF = '2014-08-15';
const sampleFiles = () => readdirSync(SAMPLE).filter((n) => /\.(xlsx|json)$/.test(n) && n !== 'PLANTED.json').map((n) => join(SAMPLE, n));
const WORKBOOKS = ['党员名册.xlsx', '走访记录.xlsx', '整改台账.xlsx', '学习教育.xlsx'];
const elements = (page: Page) => page.evaluate("document.querySelectorAll('*').length") as Promise<number>;

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

  it('shows the school, the phase, the tally and every finding, grouped where the clerk fixes it', async () => {
    const { page } = open;
    expect(await page.locator('#error').isHidden()).toBe(true);
    expect(await page.locator('#school').textContent()).toBe('岳阳市第七中学 教育实践活动台账检查');
    expect(await page.locator('#phase').textContent()).toBe('截至 2014-08-15：整改落实、建章立制，本阶段剩余 46 天');
    expect(await page.locator('#read').textContent()).toBe('已读取：党员名册.xlsx、走访记录.xlsx、整改台账.xlsx、学习教育.xlsx');
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
    expect(await page.locator('.fv-summary').textContent()).toBe(`当前检查：共 ${report.findings.length} 条（错误 ${report.tally.errors} 条，提醒 ${report.tally.warnings} 条）`);
    // the most errors first: the 整改台账 with its overdue items heads the list
    const groups = await page.locator('.fv-group-head .fv-title').allTextContents();
    expect(groups[0]).toBe('▾ 整改台账.xlsx › 整改台账');
    // a teacher short of visits is listed with the visit log, where the visits are added
    const visitGroup = page.locator('.fv-group', { hasText: '走访记录.xlsx › 家访记录' });
    expect(await visitGroup.count()).toBe(1);
    const messages = await page.locator('.fv-finding .fv-message').allTextContents();
    expect(messages.sort()).toEqual(report.findings.map((f: any) => f.message).sort());
    // inside each group the errors come before the reminders
    const badges = await page.locator('.fv-list > li').evaluateAll((lis: any[]) => lis.map((li) => (li.classList.contains('fv-group') ? '#' : li.querySelector('.fv-badge')?.textContent ?? '')));
    for (const group of badges.join('').split('#')) expect(group).toMatch(/^(错误)*(提醒)*$/);
    mkdirSync(join(ROOT, 'out', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'out', 'screenshots', 'page.png') });
  });

  it('按人员 lists everyone who still owes something, most overdue first', async () => {
    const { page } = open;
    await page.click('.fv-toggle >> text=按人员');
    const people = await page.locator('.fv-person strong').allTextContents();
    expect(people.length).toBeGreaterThan(10);
    const teacher = page.locator('.fv-person', { hasText: '马建华' });
    expect(await teacher.locator('.fv-owed li').allTextContents()).toContain('家访差2户（已计18户，应20户）（7月10日已截止）');
    // the search finds him, and the one who still owes him a talk
    await page.fill('.fv-bar input[type="search"]', '马建华');
    await page.locator('.fv-summary', { hasText: '符合条件的 2 人' }).waitFor();
    expect((await page.locator('.fv-person strong').allTextContents()).sort()).toEqual(['刘春华', '马建华']);
    await page.fill('.fv-bar input[type="search"]', '');
    await page.click('.fv-toggle >> text=按问题');
  });

  it('reads well: every text at WCAG AA contrast and 14 px or more, every control reachable from the keyboard', async () => {
    const { page } = open;
    expect(await readabilityProblems(page)).toEqual([]);
    // the measure itself sees light grey on white, and small print
    await page.evaluate(`document.body.insertAdjacentHTML('beforeend', '<p id="probe"><span style="color:#aaa">浅灰字</span><span style="font-size:12px">小字</span></p>')`);
    expect((await readabilityProblems(page)).map((p) => p.text)).toEqual(['浅灰字', '小字']);
    await page.evaluate(`document.getElementById('probe').remove()`);
    // the file choosers are real inputs, reached with Tab and opened with the keyboard
    const fresh = await openPage(browser);
    await fresh.page.bringToFront();
    const focused: string[] = [];
    for (let i = 0; i < 3; i++) {
      await fresh.page.keyboard.press('Tab');
      focused.push(String(await fresh.page.evaluate('document.activeElement && document.activeElement.id')));
    }
    expect(focused).toEqual(['files', 'folder', 'asof']);
    await fresh.page.keyboard.press('Shift+Tab');
    await fresh.page.keyboard.press('Shift+Tab');
    expect(await fresh.page.evaluate('document.activeElement && document.activeElement.id')).toBe('files');
    // Space opens the chooser; on a starved machine headless Chromium sometimes drops the first press
    // (one run in three beside `npm start`), so it is pressed again as a clerk would, focus checked each time
    let chooser: FileChooser | undefined;
    for (let attempt = 0; attempt < 3 && !chooser; attempt++) {
      expect(await fresh.page.evaluate('document.activeElement && document.activeElement.id')).toBe('files');
      [chooser] = await Promise.all([fresh.page.waitForEvent('filechooser', { timeout: 5_000 }).catch(() => undefined), fresh.page.keyboard.press(' ')]);
    }
    expect(chooser?.isMultiple()).toBe(true);
    await fresh.page.context().close();
  });

  it('prints the list and the figures, not the controls', async () => {
    const { page } = open;
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['#drop', '.buttons', '.fv-bar', '.controls']) expect(await page.locator(hidden).isVisible(), hidden).toBe(false);
    for (const shown of ['#tally', '#plan table', '.fv-list']) expect(await page.locator(shown).isVisible(), shown).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('下载问题清单 gives the cells check --xlsx writes beside the workbooks', async () => {
    const { name, bytes } = await download(open.page, '#dl-list');
    expect(name).toBe('问题清单-2014-08-15.xlsx');
    const dir = copyDir(SAMPLE);
    expect(runCli(['check', dir, '--as-of', AS_OF, '--xlsx', join(dir, name)]).code).toBe(1);
    expect(Buffer.compare(bytes, readFileSync(join(dir, name)))).toBe(0);
    expect(await open.page.locator('#written').textContent()).toContain('放在工作簿所在的文件夹里');
  });

  it('下载检查报告（JSON） gives exactly what check --json gives', async () => {
    const { name, bytes } = await download(open.page, '#dl-json');
    expect(name).toBe('检查报告-2014-08-15.json');
    const cli = runCli(['check', SAMPLE, '--as-of', AS_OF, '--json']);
    expect(bytes.toString('utf8')).toBe(cli.stdout);
  });

  it('下载回写后的工作簿 gives the workbooks byte for byte as refresh writes them, and says how to put them in place', async () => {
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
    const said = await open.page.locator('#written').textContent();
    expect(said).toContain('已下载 回写后的工作簿-2014-08-15.zip');
    expect(said).toContain('原文件没有改动');
    expect(said).toContain('先把原来的工作簿复制一份备份');
    expect(said).not.toContain('已更新');
  });

  it('下载汇总表 gives the summary workbook the CLI makes', async () => {
    const { name, bytes } = await download(open.page, '#dl-summary');
    expect(name).toBe('汇总-2014-08-15.xlsx');
    const out = join(tempDir(), 'summary.xlsx');
    expect(runCli(['summary', SAMPLE, '--as-of', AS_OF, '-o', out]).code).toBe(1);
    expect(Buffer.compare(bytes, readFileSync(out))).toBe(0);
  });

  it('the 检查日期 field judges another day, as --as-of does, and clears what was said of the last download', async () => {
    const { page } = open;
    await page.fill('#asof', '2014-07-25');
    await page.locator('#asof').dispatchEvent('change');
    await page.locator('#phase', { hasText: '2014-07-25' }).waitFor({ timeout: 60_000 });
    await checked(page);
    expect(await page.locator('#written').textContent()).toBe('');
    const { bytes } = await download(page, '#dl-json');
    expect(bytes.toString('utf8')).toBe(runCli(['check', SAMPLE, '--as-of', '2014-07-25', '--json']).stdout);
  });

  it('makes no request of any kind beyond the page itself and its own worker', () => {
    const others = open.requests.filter((u) => u !== PAGE_URL && !u.startsWith('blob:'));
    expect(others).toEqual([]);
    expect(open.requests).toContain(PAGE_URL);
    expect(open.errors).toEqual([]);
  });

  it('keeps what was added before: one workbook, then the rest; names every missing one; 清空 starts over', async () => {
    const p = await openPage(browser);
    await p.page.setInputFiles('#files', [join(SAMPLE, '党员名册.xlsx')]);
    await checked(p.page);
    expect(await p.page.locator('#error').textContent()).toBe('还缺工作簿：走访记录.xlsx、整改台账.xlsx。请把它们也拖进来或选上（可以分几次加入）；如果贵校的文件名不同，请在 taizhang.config.json 的 files 中写明');
    await p.page.setInputFiles('#files', sampleFiles().filter((f) => !f.endsWith('党员名册.xlsx')));
    await checked(p.page);
    expect(await p.page.locator('#error').isHidden()).toBe(true);
    expect(await p.page.locator('#loaded').textContent()).toBe('已加入（5 个）：党员名册.xlsx、taizhang.config.json、学习教育.xlsx、整改台账.xlsx、走访记录.xlsx');
    expect(await p.page.locator('.fv-summary').textContent()).toContain('共 52 条');
    await p.page.click('#clear');
    expect(await p.page.locator('#loaded-box').isHidden()).toBe(true);
    expect(await p.page.locator('#result').isHidden()).toBe(true);
    expect(await p.page.locator('#note').textContent()).toBe('已清空，请重新加入工作簿。');
    await p.page.context().close();
  });

  it('a config alone says what it did; a broken one says why', async () => {
    const p = await openPage(browser);
    await p.page.setInputFiles('#files', [join(SAMPLE, 'taizhang.config.json')]);
    await p.page.locator('#note', { hasText: '已读取配置' }).waitFor({ timeout: 30_000 });
    expect(await p.page.locator('#note').textContent()).toBe('已读取配置 taizhang.config.json（学校：岳阳市第七中学）。再加入工作簿即可检查。');
    const dir = tempDir();
    writeFileSync(join(dir, 'taizhang.config.json'), '{"asOf": "2014-08-15", "homeVisit": {}}');
    await p.page.setInputFiles('#files', [join(dir, 'taizhang.config.json')]);
    await p.page.locator('#error').waitFor({ timeout: 30_000 });
    expect(await p.page.locator('#error').textContent()).toContain('未知的配置项 “homeVisit”');
    await p.page.context().close();
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

  it('every unreadable workbook is named at once, on the page as in the CLI', async () => {
    const bad = await openPage(browser);
    const dir = copyDir(SAMPLE);
    writeFileSync(join(dir, '整改台账.xlsx'), readFileSync(join(FIXTURES, 'encrypted.xlsx')));
    writeFileSync(join(dir, '走访记录.xlsx'), readFileSync(join(SAMPLE, '走访记录.xlsx')).subarray(0, 5000));
    await bad.page.setInputFiles('#files', readdirSync(dir).filter((n) => n.endsWith('.xlsx')).map((n) => join(dir, n)));
    await checked(bad.page);
    const cli = runCli(['check', dir]);
    expect(cli.code).toBe(2);
    const line = cli.stderr.trim().replace(/^taizhang: /, '');
    expect(line).toMatch(/^走访记录\.xlsx：.*；整改台账\.xlsx：.*加密/);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(await bad.page.locator('#error').textContent()).toBe(line);
    await bad.page.context().close();
  });

  it('an old .xls dropped on the page says how to save it as .xlsx', async () => {
    const bad = await openPage(browser);
    const legacy = join(FIXTURES, 'lo', 'variants', 'legacy');
    await bad.page.setInputFiles('#files', readdirSync(legacy).map((n) => join(legacy, n)));
    await checked(bad.page);
    const each = (f: string) => `${f}：这是旧版 .xls/.et 格式，这里无法直接读取；请在 Excel 或 WPS 中打开它，点“文件 → 另存为”，类型选“Excel 工作簿（*.xlsx）”后再选这个新文件`;
    expect(await bad.page.locator('#error').textContent()).toBe(['党员名册.xls', '走访记录.et', '整改台账.xls'].map(each).join('；'));
    await bad.page.context().close();
  });
});

describe.skipIf(!hasChromium())('the local page on a big office (20,000 visits, 3,000 teachers)', () => {
  let browser: Browser;
  let office: string;
  beforeAll(async () => {
    browser = await launch();
    office = tempDir();
    const { generateOffice } = await import('../scripts/bench-office.mjs' as string);
    await generateOffice(office, 20_000);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });
  const files = () => readdirSync(office).filter((n) => /\.(xlsx|json)$/.test(n)).map((n) => join(office, n));

  it('states the total, folds and pages the list, and keeps the document small', async () => {
    const p = await openPage(browser);
    await p.page.setInputFiles('#files', files());
    await checked(p.page);
    const { report } = runJson(['check', office]);
    expect(report.findings.length).toBeGreaterThan(3000);
    expect(await p.page.locator('.fv-summary').textContent()).toBe(`当前检查：共 ${report.findings.length.toLocaleString('en-US')} 条（错误 ${report.tally.errors.toLocaleString('en-US')} 条，提醒 ${report.tally.warnings.toLocaleString('en-US')} 条）`);
    const fold = p.page.locator('.fv-fold-head', { hasText: '家访未达标' });
    expect(await fold.textContent()).toMatch(/^▸ 错误：家访未达标 \d+ 条$/);
    expect(await elements(p.page)).toBeLessThan(5000);
    await fold.click();
    await p.page.locator('.fv-pager', { hasText: '下一页' }).waitFor();
    expect(await p.page.locator('.fv-summary').textContent()).toMatch(/分 \d+ 页，这是第 1 页$/);
    expect(await elements(p.page)).toBeLessThan(5000);
    await p.page.click('.fv-pager >> text=下一页');
    expect(await p.page.locator('.fv-summary').textContent()).toMatch(/这是第 2 页$/);
    expect(await readabilityProblems(p.page)).toEqual([]);
    await p.page.context().close();
  }, 180_000);

  it('a date changed during a long check ends that check: one result, for the new date, and the field keeps it', async () => {
    const p = await openPage(browser);
    await p.page.setInputFiles('#files', files());
    await p.page.locator('#progress:not([hidden])').waitFor({ timeout: 30_000 });
    const progress: number[] = [];
    await p.page.exposeFunction('__sawProgress', (v: number) => progress.push(v));
    await p.page.evaluate("new MutationObserver(() => __sawProgress(document.getElementById('bar').value)).observe(document.getElementById('progress-text'), { childList: true, characterData: true, subtree: true })");
    await p.page.fill('#asof', '2014-06-30');
    await p.page.locator('#asof').dispatchEvent('change');
    await checked(p.page);
    expect(await p.page.locator('#asof').inputValue()).toBe('2014-06-30');
    expect(await p.page.locator('#phase').textContent()).toContain('截至 2014-06-30');
    const { bytes } = await download(p.page, '#dl-json');
    expect(bytes.toString('utf8')).toBe(runCli(['check', office, '--as-of', '2014-06-30', '--json']).stdout);
    // the progress of the check that ran to the end only ever moved forward
    const last = progress.slice(progress.lastIndexOf(0));
    expect(last).toEqual([...last].sort((a, b) => a - b));
    await p.page.context().close();
  }, 180_000);
});

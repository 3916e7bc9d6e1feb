/**
 * The local page in a real browser: Debian's Chromium driven by playwright-core (no browser
 * download), every request the page or its worker makes recorded.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './cli.js';

export const CHROMIUM = process.env.TAIZHANG_CHROMIUM ?? '/usr/bin/chromium';
export const PAGE = join(ROOT, 'dist', 'web', 'taizhang.html');
export const PAGE_URL = `file://${PAGE}`;

/** Whether the browser tests can run here; on CI they must (the install script brings Chromium). */
export function hasChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: scripts/install-test-deps.sh installs it`);
  return false;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // no background connections of the browser's own, so any request seen is the page's
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-features=Translate,OptimizationHints,MediaRouter'],
  });
}

export interface OpenPage {
  page: Page;
  /** Every URL the page and its worker asked for. */
  requests: string[];
  errors: string[];
}

export async function openPage(browser: Browser): Promise<OpenPage> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 }, locale: 'zh-CN' });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  // anything that tries the network is recorded above and refused here
  await context.route(/^(https?|wss?|ftp):/, (route) => route.abort());
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(PAGE_URL);
  return { page, requests, errors };
}

/** Clicks a button that downloads, and returns the file's name and bytes. */
export async function download(page: Page, selector: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click(selector)]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

/** Waits for the check of the dropped files to end, in results or in a one-line reason. */
export async function checked(page: Page): Promise<void> {
  await page.waitForSelector('#result:not([hidden]), #error:not([hidden])', { timeout: 120_000 });
  await page.waitForSelector('#progress[hidden]', { state: 'attached', timeout: 120_000 });
}

/**
 * The task pane inside Excel or WPS 表格: the clerk checks the open workbook without closing it,
 * clicks a finding to go to its cell, and writes the 【自动】 columns through the host.
 */
import './legacy.js';
import { InputError } from '../core/problems.js';
import { findingLine, tallyLines } from '../run/text.js';
import { ExcelHost } from './excel.js';
import type { SpreadsheetHost } from './host.js';
import { PaneSession } from './session.js';
import { IndexedDbStore } from './store.js';
import { WpsHost, type WpsApplication } from './wps.js';
import { el, readFileBytes, setChildren } from '../view/dom.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const CONFIG = 'taizhang.config.json';

async function detectHost(): Promise<SpreadsheetHost> {
  type Maybe = { Workbooks?: unknown; Application?: Maybe } | undefined;
  const w = window as unknown as { __taizhangHost?: SpreadsheetHost; wps?: Maybe; Application?: Maybe; Office?: typeof Office };
  if (w.__taizhangHost) return w.__taizhangHost;
  // current WPS gives the object model as window.Application (Kingsoft's template uses it); older as wps
  const wps = [w.Application, w.wps, w.wps?.Application].find((a) => a && a.Workbooks);
  if (wps) return new WpsHost(wps as unknown as WpsApplication);
  if (w.Office) {
    await Office.onReady();
    return new ExcelHost();
  }
  throw new Error('这个页面要在 Excel 或 WPS 表格的任务窗格中打开');
}

let session: PaneSession;

function busy(text?: string): void {
  $('busy').textContent = text ?? '';
  for (const id of ['recheck', 'write']) $<HTMLButtonElement>(id).disabled = text !== undefined;
}

function fail(e: unknown): void {
  busy();
  $('error').textContent = e instanceof InputError ? e.message : `出错了：${(e as Error)?.message ?? String(e)}`;
  $('error').hidden = false;
}

async function showRemembered(): Promise<void> {
  const lines = await session.remembered();
  setChildren($('remembered'), ...lines.map((l) => el('li', `${l}（可重新选择）`)));
}

async function check(): Promise<void> {
  $('error').hidden = true;
  busy('正在检查…');
  try {
    const t0 = Date.now();
    const { result, open } = await session.check($<HTMLInputElement>('asof').value || undefined);
    $<HTMLInputElement>('asof').value = result.report.asOf;
    $('workbook').textContent = `当前工作簿：${open.name}　截至 ${result.report.asOf}（${((Date.now() - t0) / 1000).toFixed(1)} 秒）`;
    setChildren($('tally'), ...tallyLines(result.report, 'zh').map((t) => el('li', t)));
    const box = $('findings');
    const mine = result.report.findings.filter((f) => f.file === open.name);
    const others = result.report.findings.length - mine.length;
    setChildren(
      box,
      ...(mine.length ? [] : [el('p', '当前工作簿中未发现问题。', 'none')]),
      ...mine.map((f) => {
        const item = el('button', `${f.sheet ? `${f.sheet} ` : ''}${findingLine(f, 'zh')}`, `finding ${f.severity}`);
        item.setAttribute('type', 'button');
        if (f.sheet && f.cell) item.addEventListener('click', () => void session.host.select(open.ref, f.sheet!, f.cell!).catch(fail));
        else item.disabled = true;
        return item;
      }),
      ...(others ? [el('p', `其他工作簿中还有 ${others} 条，请在那些工作簿中查看。`, 'hint')] : []),
    );
    busy();
  } catch (e) {
    fail(e);
  }
}

async function writeBack(): Promise<void> {
  busy('正在写回状态列…');
  try {
    let sheets: string[];
    try {
      sheets = await session.writeBack();
    } catch (e) {
      // the sheet changed since the check: check again, so the next press writes onto today's rows
      if (e instanceof InputError && e.code === 'SHEET_CHANGED') {
        await check();
        fail(e);
        return;
      }
      throw e;
    }
    const note = session.host.capabilities().highlights ? '' : '（此版本不支持条件格式，只写了值，没有颜色；需要 Excel 2016 及以上）';
    $('written').textContent = `已写回：${sheets.join('、')}${note}`;
    busy();
  } catch (e) {
    fail(e);
  }
}

async function main(): Promise<void> {
  try {
    const host = await detectHost();
    const store = new IndexedDbStore();
    const config = (await store.list()).find((w) => w.name === CONFIG);
    session = new PaneSession(host, store, config ? new TextDecoder().decode(config.bytes) : undefined);
    if (!host.capabilities().highlights) $('caps').textContent = '此版本 Excel 只能写回状态列的值，不能标颜色（条件格式需要 ExcelApi 1.6）。';
    await showRemembered();
    $('recheck').addEventListener('click', () => void check());
    $('write').addEventListener('click', () => void writeBack());
    $<HTMLInputElement>('pick').addEventListener('change', async (e) => {
      for (const f of Array.from((e.target as HTMLInputElement).files ?? [])) await session.pick(f.name, await readFileBytes(f));
      if (Array.from((e.target as HTMLInputElement).files ?? []).some((f) => f.name === CONFIG)) location.reload();
      await showRemembered();
      await check();
    });
    (window as unknown as { __taizhangStarted?: boolean }).__taizhangStarted = true;
    await check();
  } catch (e) {
    fail(e);
  }
}

void main();

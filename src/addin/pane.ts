/**
 * The task pane inside Excel or WPS 表格: the clerk checks the open workbook without closing it,
 * works through the findings in the shared findings view (this workbook's first; a click goes to
 * the cell), and writes the 【自动】 columns through the host. A new 检查日期 checks again; where the
 * host tells of edits, so does a pause in the clerk's typing.
 */
import './legacy.js';
import type { Finding } from '../core/findings.js';
import { peopleOwing } from '../core/people.js';
import { InputError } from '../core/problems.js';
import { CONFIG_NAME } from '../run/context.js';
import { internalErrorLine, tallyLines } from '../run/text.js';
import { el, readFileBytes, setChildren } from '../view/dom.js';
import { mountFindings } from '../view/findings.js';
import { fixedInOf } from '../view/model.js';
import { ExcelHost } from './excel.js';
import type { HostWorkbook, SpreadsheetHost } from './host.js';
import { PaneSession } from './session.js';
import { IndexedDbStore } from './store.js';
import { WpsHost, type WpsApplication } from './wps.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
/** Seconds of quiet after the clerk's last edit before the pane checks again. */
const EDIT_PAUSE_MS = 3000;

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
/** The workbook of the last check, for the scope of the list and where a click may go. */
let open: HostWorkbook | undefined;
let checking: Promise<void> | undefined;
let stopListening: (() => void) | undefined;

const inThisWorkbook = (f: Finding, group: { file: string }) => !!open && (f.file === open.name || group.file === open.name);
const findings = mountFindings($('findings'), {
  onSelect: (f) => void session.host.select(open!.ref, f.sheet!, f.cell!).catch(fail),
  canSelect: (f) => !!open && f.file === open.name && !!f.sheet && !!f.cell,
  scopes: [
    { label: '本工作簿', what: '本工作簿', test: inThisWorkbook },
    { label: '全部工作簿', what: '全部工作簿', test: () => true },
  ],
});

function busy(text?: string): void {
  $('busy').textContent = text ?? '';
  for (const id of ['recheck', 'write']) $<HTMLButtonElement>(id).disabled = text !== undefined;
}

function fail(e: unknown): void {
  busy();
  $('error').textContent = e instanceof InputError ? e.message : internalErrorLine((e as Error)?.message ?? String(e), 'zh');
  $('error').hidden = false;
}

async function showRemembered(): Promise<void> {
  const lines = await session.remembered();
  setChildren($('remembered'), ...lines.map((l) => el('li', `${l}（可重新选择）`)));
}

/**
 * Checks the workbook in front; a check asked for while one runs waits for it, then runs. One that
 * follows an edit keeps what the last write-back said (an Excel before 1.14 tells its change event
 * of the add-in's own writes as of the clerk's, and the write-back stays true).
 */
function check(afterEdit = false): Promise<void> {
  const run = async (): Promise<void> => {
    $('error').hidden = true;
    if (!afterEdit) $('written').textContent = '';
    busy('正在检查…');
    try {
      const last = await session.check($<HTMLInputElement>('asof').value || undefined);
      open = last.open;
      const report = last.result.report;
      $<HTMLInputElement>('asof').value = report.asOf;
      $('workbook').textContent = `当前工作簿：${open.name}　截至 ${report.asOf}`;
      setChildren($('tally'), ...tallyLines(report, 'zh').map((t) => el('li', t)));
      // shown once there is something in them: before the first check they were empty boxes and idle buttons
      $('findings').hidden = false;
      $('tally-box').hidden = false;
      findings.show({
        report,
        people: peopleOwing(report, last.result.roster, last.result.config),
        fixedIn: fixedInOf(last.result.loaded.sheets),
      });
      $('caps').textContent = open.warnings.join('；');
      await follow(open.ref);
      busy();
    } catch (e) {
      fail(e);
    }
  };
  checking = (checking ?? Promise.resolve()).then(run, run);
  return checking;
}

/** Follows the clerk's edits of the checked workbook: a pause in the typing checks again. */
async function follow(ref: string): Promise<void> {
  if (!session.host.capabilities().edits || !session.host.onEdit) return;
  stopListening?.();
  let timer: ReturnType<typeof setTimeout> | undefined;
  stopListening = await session.host.onEdit(ref, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void check(true), EDIT_PAUSE_MS);
  });
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
    const config = (await store.list()).find((w) => w.name === CONFIG_NAME);
    session = new PaneSession(host, store, config ? new TextDecoder().decode(config.bytes) : undefined);
    if (!host.capabilities().highlights) $('caps').textContent = '此版本 Excel 只能写回状态列的值，不能标颜色（条件格式需要 ExcelApi 1.6）。';
    await showRemembered();
    $('recheck').addEventListener('click', () => void check());
    $('write').addEventListener('click', () => void writeBack());
    $<HTMLInputElement>('asof').addEventListener('change', () => void check());
    $<HTMLInputElement>('pick').addEventListener('change', async (e) => {
      const input = e.target as HTMLInputElement;
      const files = Array.from(input.files ?? []);
      for (const f of files) await session.pick(f.name, await readFileBytes(f));
      input.value = '';
      if (files.some((f) => f.name === CONFIG_NAME)) location.reload();
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

/**
 * The local page (dist/web/taizhang.html): the clerk adds the workbooks (dropped, or chosen, in
 * one go or several), sees the findings in the shared findings view, and downloads the 问题清单,
 * the report, the refreshed workbooks and the summary. Everything runs in a worker inside this
 * page; nothing is sent anywhere. A new check (another date, more files) ends the one running.
 */
import { el, setChildren } from '../view/dom.js';
import { mountFindings } from '../view/findings.js';
import type { Ask, CheckedView, DroppedFile, Request, Response } from './protocol.js';
import { InputError } from '../core/problems.js';
import { internalErrorLine } from '../core/words.js';
import { fromCrossing } from '../run/crossing.js';
import { CONFIG_NAME } from '../run/files.js';

/** An error of the worker in the clerk's words: the problem's own line, or the one internal-error sentence. */
const wordsOf = (e: Error) => (e instanceof InputError ? e.messageIn('zh') : internalErrorLine(e.message, 'zh'));

declare const WORKER_SOURCE: string;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const WANTED = /\.(xlsx|xlsm|xls|et)$/i;
const workerUrl = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));

/** What the clerk has added so far, by file name (a file added again replaces the earlier one). */
const added = new Map<string, DroppedFile>();
let worker = startWorker();
/** The id of the request whose answer the page waits for; answers to others are old news. */
let current = 0;
let running = false;
let asOfUsed = '';
const findings = mountFindings($('findings'));

function startWorker(): Worker {
  const w = new Worker(workerUrl);
  w.onmessage = (event: MessageEvent<Response>) => onAnswer(event.data);
  // what the worker could not even answer (a fault in its own code, a message it could not read)
  w.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    fail(internalErrorLine(event.message || '后台线程出错', 'zh'));
  };
  w.onmessageerror = () => fail(internalErrorLine('后台线程的回答无法读取', 'zh'));
  return w;
}

function show(id: string, on: boolean): void {
  $(id).hidden = !on;
}

function busy(text: string | undefined, done = 0): void {
  show('progress', text !== undefined);
  if (text !== undefined) {
    $('progress-text').textContent = `${text}（${Math.floor(done * 100)}%）`;
    $<HTMLProgressElement>('bar').value = done;
  }
  for (const id of ['dl-list', 'dl-json', 'dl-workbooks', 'dl-summary']) $<HTMLButtonElement>(id).disabled = text !== undefined;
}

function fail(message: string): void {
  busy(undefined);
  running = false;
  $('error').textContent = message;
  show('error', true);
}

function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function render(v: CheckedView): void {
  $('school').textContent = `${v.school} 教育实践活动台账检查`;
  $('phase').textContent = `截至 ${v.asOf}：${v.phase}`;
  $('read').textContent = `已读取：${v.files.join('、')}`;
  setChildren($('tally'), ...v.tally.map((t) => el('li', t)));
  const table = el('table');
  const head = el('tr');
  for (const h of ['项', '方案内容', '时间', '状态', '佐证或还缺']) head.append(el('th', h));
  table.append(head);
  for (const p of v.plan) {
    const tr = el('tr');
    tr.append(el('td', p.item), el('td', p.title), el('td', p.window), el('td', p.status, `status s-${p.status}`), el('td', p.note));
    table.append(tr);
  }
  setChildren($('plan'), el('h3', '方案进度'), table);
  setChildren($('notes'), ...(v.notes.length ? [el('h3', '说明'), ...v.notes.map((n) => el('p', n, 'note'))] : []));
  findings.show({ report: { findings: v.findings }, people: v.people, fixedIn: v.fixedIn });
  show('result', true);
}

function onAnswer(m: Response): void {
  if (m.id !== current) return; // an answer to a request the page has since replaced
  switch (m.type) {
    case 'progress':
      busy(m.text, m.done);
      break;
    case 'checked':
      busy(undefined);
      running = false;
      asOfUsed = m.asOf;
      $<HTMLInputElement>('asof').value = m.asOf;
      render(m.view);
      break;
    case 'file':
      busy(undefined);
      if (m.message) $('written').textContent = m.message;
      download(m.name, m.bytes, m.mime);
      break;
    case 'configured':
      // the config alone: it is valid; the workbooks are still to come
      $('note').textContent = `已读取配置 ${CONFIG_NAME}（学校：${m.school}）。再加入工作簿即可检查。`;
      break;
    case 'error':
      if (!workbooks().length) {
        added.delete(CONFIG_NAME); // a config that does not parse is not kept
        showAdded();
      }
      fail(wordsOf(fromCrossing(m.error)));
      break;
  }
}

function ask(request: Ask, transfer: Transferable[] = []): void {
  current++;
  worker.postMessage({ ...request, id: current } as Request, transfer);
}

const workbooks = () => [...added.keys()].filter((n) => WANTED.test(n));

/** Checks what has been added; a check still running is ended first (its answer is no longer wanted). */
function run(): void {
  if (running) {
    worker.terminate();
    worker = startWorker();
  }
  show('error', false);
  show('result', false);
  $('written').textContent = '';
  if (!workbooks().length) return;
  running = true;
  busy('正在读取…', 0);
  const files = [...added.values()].map((f) => ({ name: f.name, bytes: f.bytes.slice(0) }));
  ask({ type: 'check', files, asOf: $<HTMLInputElement>('asof').value || undefined }, files.map((f) => f.bytes));
}

function showAdded(): void {
  const names = [...added.keys()];
  show('loaded-box', names.length > 0);
  // once workbooks are in, the drop zone gives its room to the findings (more can still be dropped on it)
  $('drop').classList.toggle('compact', names.length > 0);
  $('loaded').textContent = names.length ? `已加入（${names.length} 个）：${names.join('、')}` : '';
}

async function take(files: Iterable<File>): Promise<void> {
  const list = [...files].filter((f) => (WANTED.test(f.name) || f.name === CONFIG_NAME) && !f.name.startsWith('~$') && !f.name.startsWith('.~lock'));
  $('note').textContent = '';
  if (list.length === 0) {
    fail(`没有找到工作簿：请选择 .xlsx 文件（党员名册、走访记录、整改台账、学习教育），或配置文件 ${CONFIG_NAME}`);
    return;
  }
  for (const f of list) added.set(f.name, { name: f.name, bytes: await f.arrayBuffer() });
  showAdded();
  if (!workbooks().length && added.has(CONFIG_NAME)) {
    // only the config so far: the worker reads it and says what it did
    show('error', false);
    ask({ type: 'config', text: new TextDecoder().decode(added.get(CONFIG_NAME)!.bytes) });
    return;
  }
  if (list.some((f) => f.name === CONFIG_NAME)) $('note').textContent = `已读取配置 ${CONFIG_NAME}，按它检查。`;
  run();
}

const drop = $('drop');
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  if (e.dataTransfer) void take(e.dataTransfer.files);
});
for (const id of ['files', 'folder']) {
  $<HTMLInputElement>(id).addEventListener('change', (e) => {
    const input = e.target as HTMLInputElement;
    void take(Array.from(input.files ?? [])).then(() => (input.value = ''));
  });
}
$('clear').addEventListener('click', () => {
  if (running) {
    worker.terminate();
    worker = startWorker();
    running = false;
  }
  current++;
  added.clear();
  showAdded();
  busy(undefined);
  show('error', false);
  show('result', false);
  $('note').textContent = '已清空，请重新加入工作簿。';
});
$<HTMLInputElement>('asof').addEventListener('change', () => {
  if ($<HTMLInputElement>('asof').value !== asOfUsed || running) run();
});
const downloads: [string, Request['type'], string][] = [
  ['dl-list', 'list', '正在生成问题清单…'],
  ['dl-json', 'json', '正在准备检查报告…'],
  ['dl-workbooks', 'refresh', '正在写入状态列…'],
  ['dl-summary', 'summary', '正在生成汇总表…'],
];
for (const [id, type, text] of downloads) {
  $(id).addEventListener('click', () => {
    busy(text);
    ask({ type } as Ask);
  });
}

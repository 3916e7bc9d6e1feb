/**
 * The local page (dist/web/taizhang.html): the clerk drops the workbooks, sees what the console
 * would say, and downloads the report, the refreshed workbooks and the summary. Everything runs in
 * a worker inside this page; nothing is sent anywhere.
 */
import type { CheckedView, DroppedFile, Request, Response } from './protocol.js';

declare const WORKER_SOURCE: string;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const WANTED = /\.(xlsx|xlsm|xls|et)$/i;
const CONFIG = 'taizhang.config.json';

const worker = new Worker(URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' })));
let dropped: DroppedFile[] = [];
let json = '';
let asOfUsed = '';

function show(id: string, on: boolean): void {
  $(id).hidden = !on;
}

function busy(text: string | undefined, done = 0): void {
  show('progress', text !== undefined);
  if (text !== undefined) {
    $('progress-text').textContent = text;
    $<HTMLProgressElement>('bar').value = done;
  }
  for (const id of ['dl-json', 'dl-workbooks', 'dl-summary']) $<HTMLButtonElement>(id).disabled = text !== undefined;
}

function fail(message: string): void {
  busy(undefined);
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

function el(tag: string, text?: string, cls?: string): HTMLElement {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function render(v: CheckedView): void {
  $('school').textContent = `${v.school} 教育实践活动台账检查`;
  $('phase').textContent = `截至 ${v.asOf}：${v.phase}`;
  $('files').textContent = `已读取：${v.files.join('、')}`;
  const tally = $('tally');
  tally.replaceChildren(...v.tally.map((t) => el('li', t)));
  const plan = $('plan');
  const table = el('table');
  const head = el('tr');
  for (const h of ['项', '方案内容', '时间', '状态', '佐证或还缺']) head.append(el('th', h));
  table.append(head);
  for (const p of v.plan) {
    const tr = el('tr');
    tr.append(el('td', p.item), el('td', p.title), el('td', p.window), el('td', p.status, `status s-${p.status}`), el('td', p.note));
    table.append(tr);
  }
  plan.replaceChildren(el('h3', '方案进度'), table);
  const notes = $('notes');
  notes.replaceChildren(...(v.notes.length ? [el('h3', '说明'), ...v.notes.map((n) => el('p', n, 'note'))] : []));
  const box = $('findings');
  if (v.findings.length === 0) {
    box.replaceChildren(el('p', '未发现问题。', 'none'));
  } else {
    const groups = new Map<string, typeof v.findings>();
    for (const f of v.findings) groups.set(f.group, [...(groups.get(f.group) ?? []), f]);
    box.replaceChildren(
      ...[...groups].map(([group, items]) => {
        const d = el('details') as HTMLDetailsElement;
        d.open = true;
        const errors = items.filter((i) => i.severity === 'error').length;
        const summary = el('summary', group);
        summary.append(el('span', `错误 ${errors} 条，提醒 ${items.length - errors} 条`, 'count'));
        d.append(summary, ...items.map((i) => el('div', i.line, `finding ${i.severity}`)));
        return d;
      }),
    );
  }
  show('result', true);
}

worker.onmessage = (event: MessageEvent<Response>) => {
  const m = event.data;
  switch (m.type) {
    case 'progress':
      busy(m.text, m.done);
      break;
    case 'checked':
      busy(undefined);
      json = m.json;
      asOfUsed = m.asOf;
      $<HTMLInputElement>('asof').value = m.asOf;
      render(m.view);
      break;
    case 'file':
      busy(undefined);
      if (m.message) $('written').textContent = m.message;
      download(m.name, m.bytes, m.mime);
      break;
    case 'error':
      fail(m.message);
      break;
  }
};

function run(): void {
  if (!dropped.some((f) => WANTED.test(f.name))) return;
  show('error', false);
  show('result', false);
  busy('正在读取…', 0);
  const request: Request = { type: 'check', files: dropped.map((f) => ({ name: f.name, bytes: f.bytes.slice(0) })), asOf: $<HTMLInputElement>('asof').value || undefined };
  worker.postMessage(request);
}

async function take(files: Iterable<File>): Promise<void> {
  const list = [...files].filter((f) => (WANTED.test(f.name) || f.name === CONFIG) && !f.name.startsWith('~$') && !f.name.startsWith('.~lock'));
  if (list.length === 0) {
    fail('没有找到工作簿：请选择 .xlsx 文件（党员名册、走访记录、整改台账、学习教育）');
    return;
  }
  dropped = await Promise.all(list.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
  $('chosen').textContent = `已选择：${dropped.map((f) => f.name).join('、')}`;
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
  $<HTMLInputElement>(id).addEventListener('change', (e) => void take((e.target as HTMLInputElement).files ?? []));
}
$<HTMLInputElement>('asof').addEventListener('change', () => {
  if ($<HTMLInputElement>('asof').value !== asOfUsed) run();
});
$('dl-json').addEventListener('click', () => download(`检查报告-${asOfUsed}.json`, json, 'application/json'));
$('dl-workbooks').addEventListener('click', () => {
  busy('正在写入状态列…');
  worker.postMessage({ type: 'refresh' } satisfies Request);
});
$('dl-summary').addEventListener('click', () => {
  busy('正在生成汇总表…');
  worker.postMessage({ type: 'summary' } satisfies Request);
});

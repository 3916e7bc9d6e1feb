/**
 * The page's worker: the same orchestration as the CLI (check, refresh, summary, the 问题清单) on
 * the files the clerk dropped, so the page never freezes on a big log and gives the CLI's results
 * byte for byte. The page ends a worker whose check it no longer wants and starts another.
 */
import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { peopleOwing } from '../core/people.js';
import { windowZh } from '../core/plan.js';
import { InputError } from '../core/problems.js';
import { checkSource, type CheckResult } from '../run/check.js';
import { CONFIG_NAME, configFromText, runContext, type RunContext } from '../run/context.js';
import { WORKBOOKS } from '../core/columns.js';
import { findWorkbook } from '../run/files.js';
import { refreshToBytes } from '../run/refresh.js';
import { jsonReportText } from '../run/report.js';
import { MemorySource } from '../run/source.js';
import { findingsListBytes, findingsListFileName, summaryBytes, summaryFileName } from '../run/summary.js';
import { noteLine, phaseLine, tallyLines } from '../run/text.js';
import { toCrossing } from '../run/crossing.js';
import type { CheckedView, Request, Response } from './protocol.js';
import { fixedInOf } from '../view/model.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let state: { source: MemorySource; ctx: RunContext; result: CheckResult; files: Map<string, Uint8Array>; lang: 'zh' | 'en' } | undefined;

const post = (message: Response, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

/** The bytes as an ArrayBuffer of their own, to hand over to the page without a copy. */
const own = (u8: Uint8Array): ArrayBuffer => (u8.byteOffset === 0 && u8.byteLength === u8.buffer.byteLength ? u8.buffer : u8.slice().buffer) as ArrayBuffer;

function view(result: CheckResult): CheckedView {
  const r = result.report;
  return {
    school: r.school,
    asOf: r.asOf,
    phase: phaseLine(r.phase, 'zh'),
    findings: r.findings,
    people: peopleOwing(r, result.roster, result.config),
    fixedIn: fixedInOf(result.loaded.sheets),
    notes: r.notes.map((n) => noteLine(n, 'zh')),
    tally: tallyLines(r, 'zh'),
    files: Object.values(result.loaded.files).filter((f): f is string => !!f),
    plan: r.plan.map((p) => ({ item: p.item, title: p.title, window: windowZh(p), status: p.status, note: (p.status === '已完成' ? p.evidence : p.missing).join('；') })),
  };
}

async function check(req: Extract<Request, { type: 'check' }>): Promise<void> {
  const files = new Map(req.files.map((f) => [f.name, new Uint8Array(f.bytes)]));
  const configBytes = files.get(CONFIG_NAME);
  files.delete(CONFIG_NAME);
  const config = configFromText(configBytes ? new TextDecoder().decode(configBytes) : undefined);
  const ctx = runContext(config, req.asOf || undefined);
  const source = new MemorySource(files, '所选文件', (missing) => new InputError('FILES_NEEDED', { files: missing.join('、') }));
  // Progress over all the workbooks, by their sizes, in reading order; it only ever moves forward.
  const order = WORKBOOKS.map(({ id }) => findWorkbook([...files.keys()], config.files[id])).filter((f): f is string => !!f);
  const sizes = order.map((f) => files.get(f)!.length);
  const total = Math.max(1, sizes.reduce((a, b) => a + b, 0));
  let said = 0;
  const result = await checkSource(source, ctx, (p) => {
    const i = order.indexOf(p.file);
    const before = sizes.slice(0, Math.max(0, i)).reduce((a, b) => a + b, 0);
    const done = Math.min(1, (before + p.done * (sizes[i] ?? 0)) / total);
    if (done < said) return;
    said = done;
    post({ type: 'progress', id: req.id, text: `正在读取 ${p.file} › ${p.sheet}`, done });
  });
  state = { source, ctx, result, files, lang: req.lang ?? 'zh' };
  post({ type: 'checked', id: req.id, view: view(result), asOf: ctx.asOf });
}

async function refresh(id: number): Promise<void> {
  const s = state!;
  post({ type: 'progress', id, text: '正在写入状态列…', done: 0 });
  const refreshed = await refreshToBytes(s.source, s.result, s.ctx.live);
  // every workbook, as refresh leaves it: the new bytes, or the same file when nothing changes
  const zip = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false, useCompressionStream: false, extendedTimestamp: false, level: 0 });
  for (const r of refreshed) await zip.add(r.file, new Uint8ArrayReader(r.bytes ?? s.files.get(r.file)!), { lastModDate: s.ctx.now });
  const bytes = own(await zip.close());
  const name = `回写后的工作簿-${s.ctx.asOf}.zip`;
  const changed = refreshed.filter((r) => r.bytes).map((r) => r.file);
  const same = refreshed.filter((r) => !r.bytes).map((r) => r.file);
  const what = changed.length ? `其中 ${changed.join('、')} 加写了【自动】列和颜色${same.length ? `，${same.join('、')} 无须改动` : ''}` : '工作簿都无须改动';
  const message = `已下载 ${name}（${what}）。这台电脑上的原文件没有改动：请先把原来的工作簿复制一份备份，再解压这个 .zip，用里面的文件替换原文件。`;
  post({ type: 'file', id, name, bytes, mime: 'application/zip', message }, [bytes]);
}

async function summary(id: number): Promise<void> {
  const s = state!;
  post({ type: 'progress', id, text: '正在生成汇总表…', done: 0 });
  const bytes = own(await summaryBytes(s.result, s.result.config));
  post({ type: 'file', id, name: summaryFileName(s.ctx.asOf), bytes, mime: XLSX_MIME }, [bytes]);
}

async function list(id: number): Promise<void> {
  const s = state!;
  post({ type: 'progress', id, text: '正在生成问题清单…', done: 0 });
  const bytes = own(await findingsListBytes(s.result, s.result.config));
  const name = findingsListFileName(s.ctx.asOf);
  post({ type: 'file', id, name, bytes, mime: XLSX_MIME, message: `已下载 ${name}：放在工作簿所在的文件夹里，点“单元格”一列即可打开对应工作簿的那一格；“按人员”表列出每人还要做的事。` }, [bytes]);
}

function json(id: number): void {
  const s = state!;
  const bytes = own(new TextEncoder().encode(jsonReportText(s.result.report, s.lang)));
  post({ type: 'file', id, name: `检查报告-${s.ctx.asOf}.json`, bytes, mime: 'application/json' }, [bytes]);
}

self.onmessage = async (event: MessageEvent<Request>) => {
  const req = event.data;
  try {
    if (req.type === 'check') await check(req);
    else if (req.type === 'config') post({ type: 'configured', id: req.id, school: configFromText(req.text).school });
    else if (!state) throw new Error('还没有检查过工作簿，请先加入工作簿');
    else if (req.type === 'refresh') await refresh(req.id);
    else if (req.type === 'summary') await summary(req.id);
    else if (req.type === 'list') await list(req.id);
    else json(req.id);
  } catch (e) {
    post({ type: 'error', id: req.id, error: toCrossing(e) });
  }
};

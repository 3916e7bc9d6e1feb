/**
 * The page's worker: the same orchestration as the CLI (check, refresh, summary) on the files the
 * clerk dropped, so the page never freezes on a big log and gives the CLI's results byte for byte.
 */
import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { InputError } from '../core/problems.js';
import { checkSource, type CheckResult } from '../run/check.js';
import { CONFIG_NAME, configFromText, runContext, type RunContext } from '../run/context.js';
import { refreshToBytes } from '../run/refresh.js';
import { jsonReportText } from '../run/report.js';
import { MemorySource } from '../run/source.js';
import { summaryBytes, summaryFileName } from '../run/summary.js';
import { findingLine, tallyLines } from '../run/text.js';
import { noteMessage } from '../core/findings.js';
import { windowZh } from '../core/plan.js';
import type { CheckedView, Request, Response } from './protocol.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let state: { source: MemorySource; ctx: RunContext; result: CheckResult; files: Map<string, Uint8Array> } | undefined;

const post = (message: Response, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

/** The bytes as an ArrayBuffer of their own, to hand over to the page without a copy. */
const own = (u8: Uint8Array): ArrayBuffer => (u8.byteOffset === 0 && u8.byteLength === u8.buffer.byteLength ? u8.buffer : u8.slice().buffer) as ArrayBuffer;

function phaseText(result: CheckResult): string {
  const p = result.report.phase;
  return p.index >= 1 && p.from ? `${p.name}，本阶段剩余 ${p.daysLeft} 天` : p.name;
}

function view(result: CheckResult): CheckedView {
  const r = result.report;
  return {
    school: r.school,
    asOf: r.asOf,
    phase: phaseText(result),
    findings: r.findings.map((f) => ({ group: f.sheet ? `${f.file} › ${f.sheet}` : f.file, line: findingLine(f, 'zh'), severity: f.severity })),
    notes: r.notes.map((n) => `${n.sheet ? `${n.file} › ${n.sheet}：` : `${n.file}：`}${noteMessage(n, 'zh')}`),
    tally: tallyLines(r, 'zh'),
    errors: r.tally.errors,
    warnings: r.tally.warnings,
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
  const source = new MemorySource(files);
  const result = await checkSource(source, ctx, (p) => post({ type: 'progress', text: `正在读取 ${p.file} › ${p.sheet}`, done: p.done }));
  state = { source, ctx, result, files };
  post({ type: 'checked', view: view(result), json: jsonReportText(result.report, req.lang ?? 'zh'), asOf: ctx.asOf });
}

async function refresh(): Promise<void> {
  if (!state) throw new Error('还没有检查过工作簿，请先点“检查”');
  post({ type: 'progress', text: '正在写入状态列…', done: 0 });
  const refreshed = await refreshToBytes(state.source, state.result, state.ctx.live);
  // every workbook, as refresh leaves it: the new bytes, or the same file when nothing changes
  const zip = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false, useCompressionStream: false, extendedTimestamp: false, level: 0 });
  const messages: string[] = [];
  for (const r of refreshed) {
    messages.push(r.message);
    await zip.add(r.file, new Uint8ArrayReader(r.bytes ?? state.files.get(r.file)!), { lastModDate: state.ctx.now });
  }
  const bytes = own(await zip.close());
  post({ type: 'file', name: `回写后的工作簿-${state.ctx.asOf}.zip`, bytes, mime: 'application/zip', message: messages.join('；') }, [bytes]);
}

async function summary(): Promise<void> {
  if (!state) throw new Error('还没有检查过工作簿，请先点“检查”');
  post({ type: 'progress', text: '正在生成汇总表…', done: 0 });
  const bytes = own(await summaryBytes(state.result, state.result.config));
  post({ type: 'file', name: summaryFileName(state.ctx.asOf), bytes, mime: XLSX_MIME }, [bytes]);
}

self.onmessage = async (event: MessageEvent<Request>) => {
  try {
    const req = event.data;
    if (req.type === 'check') await check(req);
    else if (req.type === 'refresh') await refresh();
    else await summary();
  } catch (e) {
    const message = e instanceof InputError ? e.message : `内部错误：${(e as Error)?.message ?? String(e)}（请把这一行发给维护人员）`;
    post({ type: 'error', message });
  }
};

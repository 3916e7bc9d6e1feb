/**
 * The task pane's logic, host-free: read the open workbook through the host, the other workbooks
 * the rules need from files the clerk picked once (remembered with their date), check with the
 * shared core, and write the open workbook's 【自动】 columns through the host — exactly the
 * SheetWrite that refresh would patch into the file.
 */
import { Collector } from '../core/collect.js';
import type { SheetSpec, WorkbookId } from '../core/columns.js';
import { formatDayZh } from '../core/dates.js';
import { InputError } from '../core/problems.js';
import { normalizeText } from '../core/text.js';
import { evaluateLoaded, type CheckResult } from '../run/check.js';
import { configFromText, runContext, todayInShanghai, type RunContext } from '../run/context.js';
import { findWorkbook } from '../run/files.js';
import { readSheet, WORKBOOK_SHEETS, type Loaded } from '../run/load.js';
import { planWrites } from '../run/refresh.js';
import { openWorkbook } from '../xlsx/reader.js';
import type { HostWorkbook, SpreadsheetHost } from './host.js';

export interface PickedWorkbook {
  name: string;
  bytes: Uint8Array;
  /** When the clerk picked it (ISO). */
  readAt: string;
}

/** Where picked workbooks are remembered (IndexedDB in a pane, memory in a test). */
export interface WorkbookStore {
  list(): Promise<PickedWorkbook[]>;
  put(w: PickedWorkbook): Promise<void>;
}

export class MemoryStore implements WorkbookStore {
  private readonly items = new Map<string, PickedWorkbook>();
  async list(): Promise<PickedWorkbook[]> {
    return [...this.items.values()];
  }
  async put(w: PickedWorkbook): Promise<void> {
    this.items.set(w.name, w);
  }
}

/** Which of the office's workbooks the open one is, by its sheets. */
export function identify(open: HostWorkbook): WorkbookId {
  const names = new Set(open.sheets.map((s) => normalizeText(s.name)));
  for (const [id, specs] of WORKBOOK_SHEETS) {
    if (specs.some((s) => !s.optional && names.has(normalizeText(s.sheet)))) return id;
  }
  throw new InputError('NOT_A_LEDGER_WORKBOOK', { file: open.name, expected: WORKBOOK_SHEETS.map(([, s]) => `“${s[0]!.sheet}”`).join('、') });
}

function hostSheet(open: HostWorkbook, spec: SheetSpec, sole: boolean) {
  const found = open.sheets.find((s) => normalizeText(s.name) === normalizeText(spec.sheet));
  if (found || spec.optional) return found;
  if (sole && open.sheets.length === 1) return open.sheets[0];
  throw new InputError('SHEET_MISSING', { file: open.name, sheet: spec.sheet, existing: open.sheets.map((s) => `“${s.name}”`).join('、') || '无' });
}

export interface PaneCheck {
  result: CheckResult;
  ctx: RunContext;
  openId: WorkbookId;
  open: HostWorkbook;
}

export class PaneSession {
  last: PaneCheck | undefined;

  constructor(
    readonly host: SpreadsheetHost,
    readonly store: WorkbookStore,
    private readonly configText?: string,
  ) {}

  /** What was picked, in words: 「名册：8月10日读取，62人」. */
  async remembered(): Promise<string[]> {
    // the day as the school's calendar has it (a pick at 07:00 in Beijing is the day before in UTC)
    return (await this.store.list()).map((w) => `${w.name}：${formatDayZh(todayInShanghai(new Date(w.readAt)))}读取`);
  }

  async pick(name: string, bytes: Uint8Array, now = new Date()): Promise<void> {
    await this.store.put({ name, bytes, readAt: now.toISOString() });
  }

  /** Reads everything and checks it; the open workbook through the host, the others from the picked files. */
  async check(asOf?: string, now = new Date()): Promise<PaneCheck> {
    const config = configFromText(this.configText);
    const ctx = runContext(config, asOf, now);
    const open = await this.host.readWorkbook();
    const openId = identify(open);
    const picked = await this.store.list();
    const collector = new Collector(config);
    const files: Loaded['files'] = {};
    for (const [id, specs] of WORKBOOK_SHEETS) {
      const sole = specs.filter((s) => !s.optional).length === 1;
      if (id === openId) {
        files[id] = open.name;
        for (const spec of specs) {
          const sheet = hostSheet(open, spec, sole);
          if (!sheet) continue;
          const sink = collector.sheet(spec, { file: open.name, sheet: sheet.name, date1904: open.date1904, merges: sheet.merges });
          for (const row of sheet.rows) sink.push(row);
          sink.finish();
        }
        continue;
      }
      const name = findWorkbook(picked.map((p) => p.name), config.files[id]);
      if (!name) {
        if (id === 'study') continue; // 学习教育 may be absent: those rules say 未检查
        throw new InputError('WORKBOOK_NEEDED', { file: config.files[id] });
      }
      files[id] = name;
      const reader = await openWorkbook(picked.find((p) => p.name === name)!.bytes, name);
      try {
        for (const spec of specs) await readSheet(reader, spec, collector, sole);
      } finally {
        await reader.close();
      }
    }
    const loaded: Loaded = { inputs: collector.inputs(), files, legacy: {}, sheets: collector.sheets };
    this.last = { result: evaluateLoaded(loaded, ctx), ctx, openId, open };
    return this.last;
  }

  /** Writes the open workbook's 【自动】 columns and highlights, as refresh would; the sheets written. */
  async writeBack(): Promise<string[]> {
    const last = this.last ?? (await this.check());
    const writes = planWrites(last.result, last.ctx.live);
    const written: string[] = [];
    for (const spec of WORKBOOK_SHEETS.find(([id]) => id === last.openId)![1]) {
      const info = last.result.loaded.sheets[spec.id];
      const write = writes.get(spec.id);
      if (!info || !write) continue;
      await this.host.write(info.sheet, write);
      written.push(info.sheet);
    }
    return written;
  }
}

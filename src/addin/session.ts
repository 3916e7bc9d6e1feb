/**
 * The task pane's logic, host-free: the open workbook read through the host, the other workbooks
 * the rules need from files the clerk picked once (remembered with their date), loaded and
 * checked by the shared orchestration, and the open workbook's 【自动】 columns written through
 * the host: exactly the SheetWrite that refresh would patch into the file, and only onto the rows
 * that were checked.
 */
import { formatDayZh } from '../core/dates.js';
import { InputError } from '../core/problems.js';
import type { SheetId, WorkbookId } from '../core/columns.js';
import type { SheetWrite } from '../core/writeback.js';
import { evaluateLoaded, type CheckResult } from '../run/check.js';
import { CONFIG_NAME, configFromText, runContext, todayInShanghai, type RunContext } from '../run/context.js';
import { WORKBOOKS } from '../core/columns.js';
import { loadWorkbooks, workbookIdOf } from '../run/load.js';
import { sheetWrites, writeKey } from '../run/refresh.js';
import { MemorySource } from '../run/source.js';
import type { HostSheet, HostWorkbook, SpreadsheetHost } from './host.js';

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

export interface PaneCheck {
  result: CheckResult;
  ctx: RunContext;
  openId: WorkbookId;
  open: HostWorkbook;
}

/**
 * Whether a sheet still holds what was checked, its own columns aside: the values of every other
 * cell, row by row, and its merged areas. Inserting, deleting or sorting rows changes it.
 */
export function sameSheet(a: HostSheet, b: HostSheet, ignored: ReadonlySet<number>): boolean {
  const rows = (s: HostSheet) => s.rows.filter((r) => r.cells.some((v, c) => !ignored.has(c) && v !== null && v !== undefined && v !== ''));
  const ra = rows(a);
  const rb = rows(b);
  if (ra.length !== rb.length) return false;
  for (let i = 0; i < ra.length; i++) {
    const x = ra[i]!;
    const y = rb[i]!;
    if (x.row !== y.row) return false;
    const width = Math.max(x.cells.length, y.cells.length);
    for (let c = 0; c < width; c++) {
      if (ignored.has(c)) continue;
      const u = x.cells[c] ?? null;
      const v = y.cells[c] ?? null;
      if ((u === '' ? null : u) !== (v === '' ? null : v)) return false;
    }
  }
  const merges = (s: HostSheet) => s.merges.map((m) => `${m.r1},${m.c1},${m.r2},${m.c2}`).sort().join(' ');
  return merges(a) === merges(b);
}

/** The columns of a sheet the write-back owns: what it writes, empties, or found there. */
function ownedColumns(write: SheetWrite, owned: ReadonlyMap<string, number>): Set<number> {
  return new Set([...write.columns.map((c) => c.column), ...write.stale, ...owned.values()]);
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

  /**
   * Reads everything and checks it: the workbook in front through the host (or, with `ref`, that
   * workbook), the others from the picked files, through the shared load.
   */
  async check(asOf?: string, now = new Date(), ref?: string): Promise<PaneCheck> {
    const config = configFromText(this.configText);
    const ctx = runContext(config, asOf, now);
    const open = await this.host.readWorkbook(ref);
    const openId = workbookIdOf(open.name, open.sheets.map((s) => s.name));
    const picked = (await this.store.list()).filter((p) => p.name !== CONFIG_NAME);
    const source = new MemorySource(new Map(picked.map((p) => [p.name, p.bytes])), '所选文件', (files) => new InputError('WORKBOOK_NEEDED', { file: files.join('、') }));
    const loaded = await loadWorkbooks(source, config, undefined, open);
    this.last = { result: evaluateLoaded(loaded, ctx), ctx, openId, open };
    return this.last;
  }

  /**
   * Writes the checked workbook's 【自动】 columns and highlights, as refresh would, and returns
   * the sheets written. The sheets are read again first: when a row was inserted, deleted, sorted
   * or changed since the check, nothing is written (the statuses would land on other rows).
   */
  async writeBack(): Promise<string[]> {
    const last = this.last ?? (await this.check());
    const writes = sheetWrites(last.result, last.ctx.live);
    const targets: { sheet: string; write: SheetWrite; owned: Set<number> }[] = [];
    for (const spec of WORKBOOKS.find((w) => w.id === last.openId)!.sheets) {
      for (const info of last.result.loaded.sheets[spec.id as SheetId] ?? []) {
        const write = writes.get(writeKey(info.id, info.sheet));
        if (write) targets.push({ sheet: info.sheet, write, owned: ownedColumns(write, info.layout.owned) });
      }
    }
    const now = await this.host.readWorkbook(last.open.ref, targets.map((t) => t.sheet));
    for (const t of targets) {
      const before = last.open.sheets.find((s) => s.name === t.sheet);
      const after = now.sheets.find((s) => s.name === t.sheet);
      if (!before || !after || !sameSheet(before, after, t.owned)) throw new InputError('SHEET_CHANGED', { file: last.open.name, sheet: t.sheet });
    }
    for (const t of targets) await this.host.write(last.open.ref, t.sheet, t.write);
    return targets.map((t) => t.sheet);
  }
}

/**
 * The one way into an evaluation: whoever reads the workbooks (a zip stream in Node, files dropped
 * on a page, a spreadsheet host's cells in an add-in) asks for a sink per sheet, pushes that
 * sheet's raw rows in order, and finishes; at the end the collector hands back the inputs of
 * `evaluate`. Rows of the home-visit log go straight into the tally as they are typed, so a
 * district-sized log never sits in memory: push the roster before the visit log.
 */
import { sheetsOf, type RowOf, type SheetId, type SheetSpec } from './columns.js';
import type { Config } from './config.js';
import type { Day } from './dates.js';
import type { Finding, Note } from './findings.js';
import { evaluate, type Evaluation, type Inputs, type SheetRows } from './report.js';
import { buildRoster } from './roster.js';
import { HomeVisitTally } from './rules/homeVisits.js';
import { TableReader, type HeaderLayout, type MergeRange, type RawRow, type TableOptions } from './table.js';

/** Where a sheet was found and how it is laid out (the write-back needs both). */
export interface SheetInfo {
  /** Which kind of table it is. */
  id: SheetId;
  file: string;
  sheet: string;
  layout: HeaderLayout;
  /** The sheet's part in its workbook zip, when it came from one. */
  part?: string;
}

/** The rows of one sheet going into a `Collector`: push them in order, then finish. */
export interface SheetSink {
  push(row: RawRow): void;
  /**
   * Whether the sheet's merged ranges, when they become known only after its rows (they follow
   * the rows in a file), would change the reading: then read it again into a new sink with them.
   */
  mergesMatter(merges: readonly MergeRange[]): boolean;
  /** Ends the sheet: its header layout (an InputError when the header is missing or incomplete). */
  finish(): HeaderLayout;
  /** Drops what this sink took (a sheet named like a kind whose header is not that kind's). */
  discard(): void;
}

/** One physical sheet read for a kind: its rows (unless tallied as read), findings, notes and layout. */
interface SheetRead {
  info: SheetInfo;
  rows: unknown[];
  findings: Finding[];
  notes: Note[];
}

const STUDY_SHEETS = sheetsOf('study').filter((s) => !s.optional).map((s) => s.id as SheetId);

/**
 * The one way into an evaluation: whoever reads the workbooks (a zip stream in Node, files dropped
 * on a page, a spreadsheet host's cells in an add-in) asks for a sink per sheet, pushes that
 * sheet's raw rows in order, and finishes; at the end the collector hands back the inputs of
 * `evaluate`. A kind kept as several sheets gets a sink per sheet; the same sheet asked for again
 * (read a second time, with its merges) replaces what was read of it. Rows of the home-visit log
 * go straight into the tally as they are typed, so a district-sized log never sits in memory:
 * push the roster before the visit log.
 *
 * @example
 * ```ts
 * const collector = new Collector(defaultConfig());
 * const sink = collector.sheet(rosterSheet, { file: '党员名册.xlsx', sheet: '名册' });
 * sink.push({ row: 2, cells: ['姓名', '政治面貌'] });
 * sink.push({ row: 3, cells: ['谭红', '中共党员'] });
 * sink.finish();
 * ```
 */
export class Collector {
  private readonly reads = new Map<SheetId, SheetRead[]>();
  private tally: HomeVisitTally | undefined;

  constructor(private readonly config: Config) {}

  /** Where each kind's sheets were found, in workbook order. */
  get sheets(): Partial<Record<SheetId, SheetInfo[]>> {
    const out: Partial<Record<SheetId, SheetInfo[]>> = {};
    for (const [id, reads] of this.reads) out[id] = reads.map((r) => r.info);
    return out;
  }

  /** A sink for the rows of one sheet, read against its column table. */
  sheet<S extends SheetSpec>(spec: S, opts: TableOptions & { part?: string }): SheetSink {
    const id = spec.id as SheetId;
    const place = { file: opts.file, sheet: opts.sheet };
    let onRow: ((row: RowOf<S>) => void) | undefined;
    if (id === 'homeVisits') {
      const roster = this.rowsOf('roster');
      if (!roster) throw new Error('the roster must be read before the home-visit log');
      this.tally ??= new HomeVisitTally(buildRoster(roster.rows as never, this.config, { file: roster.file, sheet: roster.sheet }).roster, this.config, place);
      this.tally.beginSheet(place);
      const tally = this.tally;
      onRow = (row) => tally.add(row as never);
    }
    const table = new TableReader(spec, this.config, opts, onRow);
    const store = (read: SheetRead | undefined) => {
      const list = (this.reads.get(id) ?? []).filter((r) => r.info.sheet !== opts.sheet);
      if (read) list.push(read);
      if (list.length) this.reads.set(id, list);
      else this.reads.delete(id);
    };
    return {
      push: (row) => table.push(row),
      mergesMatter: (merges) => table.mergesMatter(merges),
      finish: () => {
        const result = table.finish();
        store({ info: { id, ...place, layout: result.layout, ...(opts.part ? { part: opts.part } : {}) }, rows: result.rows, findings: result.findings, notes: result.notes });
        return result.layout;
      },
      discard: () => {
        store(undefined);
        // the tally took nothing of a sheet whose header was not found (rows are typed only after it)
        if (id === 'homeVisits') this.tally?.beginSheet(place);
      },
    };
  }

  /** Rows of one kind, its sheets in the order read. */
  private rowsOf(id: SheetId): SheetRows<unknown> | undefined {
    const reads = this.reads.get(id);
    if (!reads?.length) return undefined;
    return { file: reads[0]!.info.file, sheet: reads[0]!.info.sheet, rows: reads.flatMap((r) => r.rows) };
  }

  /** A note the loader makes (a sheet named like a kind but not read). */
  readonly loadNotes: Note[] = [];

  /** The inputs of `evaluate`; 学习教育 counts as present when its sheets were read. */
  inputs(): Inputs {
    const get = <R>(id: SheetId): SheetRows<R> => {
      const r = this.rowsOf(id);
      if (!r) throw new Error(`sheet ${id} was not read`);
      return r as SheetRows<R>;
    };
    const hasStudy = STUDY_SHEETS.every((id) => this.reads.has(id));
    const all = [...this.reads.values()].flat();
    return {
      roster: get('roster'),
      homeVisits: { ...get('homeVisits'), ...(this.tally ? { tally: this.tally } : {}) },
      duties: get('duties'),
      talks: get('talks'),
      ledger: get('ledger'),
      ...(hasStudy
        ? {
            study: {
              essays: get('essays'), studySessions: get('studySessions'), branchMeetings: get('branchMeetings'), materials: get('materials'), publicity: get('publicity'), opinions: get('opinions'),
              ...(this.reads.has('workLog') ? { workLog: get('workLog') } : {}),
            },
          }
        : {}),
      readFindings: all.flatMap((r) => r.findings),
      readNotes: [...all.flatMap((r) => r.notes), ...this.loadNotes],
    };
  }

  evaluate(asOf: Day): Evaluation {
    return evaluate(this.inputs(), this.config, asOf);
  }
}

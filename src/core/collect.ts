/**
 * The one way into an evaluation: whoever reads the workbooks (a zip stream in Node, files dropped
 * on a page, a spreadsheet host's cells in an add-in) asks for a sink per sheet, pushes that
 * sheet's raw rows in order, and finishes; at the end the collector hands back the inputs of
 * `evaluate`. Rows of the home-visit log go straight into the tally as they are typed, so a
 * district-sized log never sits in memory: push the roster before the visit log.
 */
import type { RowOf, SheetSpec } from './columns.js';
import type { Config } from './config.js';
import type { Day } from './dates.js';
import type { Finding, Note } from './findings.js';
import { evaluate, type Evaluation, type Inputs, type SheetRows } from './report.js';
import { buildRoster } from './roster.js';
import { HomeVisitTally } from './rules/homeVisits.js';
import { TableReader, type HeaderLayout, type MergeRange, type RawRow, type TableOptions } from './table.js';

/** Where a sheet was found and how it is laid out (the write-back needs both). */
export interface SheetInfo {
  file: string;
  sheet: string;
  layout: HeaderLayout;
  /** The sheet's part in its workbook zip, when it came from one. */
  part?: string;
}

export interface SheetSink {
  push(row: RawRow): void;
  /**
   * Whether the sheet's merged ranges, when they become known only after its rows (they follow
   * the rows in a file), would change the reading: then read it again into a new sink with them.
   */
  mergesMatter(merges: readonly MergeRange[]): boolean;
  /** Ends the sheet: its header layout (an InputError when the header is missing or incomplete). */
  finish(): HeaderLayout;
}

const STUDY_SHEETS = ['essays', 'studySessions', 'branchMeetings', 'materials', 'publicity', 'opinions'] as const;

export class Collector {
  private readonly findings: Finding[] = [];
  private readonly notes: Note[] = [];
  private readonly rows = new Map<string, SheetRows<unknown>>();
  readonly sheets: Record<string, SheetInfo> = {};
  private tally: HomeVisitTally | undefined;

  constructor(private readonly config: Config) {}

  /** A sink for the rows of one sheet, read against its column table. */
  sheet<S extends SheetSpec>(spec: S, opts: TableOptions & { part?: string }): SheetSink {
    const place = { file: opts.file, sheet: opts.sheet };
    let onRow: ((row: RowOf<S>) => void) | undefined;
    if (spec.id === 'homeVisits') {
      const roster = this.rows.get('roster');
      if (!roster) throw new Error('the roster must be read before the home-visit log');
      const tally = (this.tally = new HomeVisitTally(buildRoster(roster.rows as RowOf<typeof spec>[] as never, this.config, { file: roster.file, sheet: roster.sheet }).roster, this.config, place));
      onRow = (row) => tally.add(row as never);
    }
    const table = new TableReader(spec, this.config, opts, onRow);
    return {
      push: (row) => table.push(row),
      mergesMatter: (merges) => table.mergesMatter(merges),
      finish: () => {
        const result = table.finish();
        this.findings.push(...result.findings);
        this.notes.push(...result.notes);
        this.rows.set(spec.id, { ...place, rows: result.rows });
        this.sheets[spec.id] = { ...place, layout: result.layout, ...(opts.part ? { part: opts.part } : {}) };
        return result.layout;
      },
    };
  }

  /** The inputs of `evaluate`; 学习教育 counts as present when its sheets were read. */
  inputs(): Inputs {
    const get = <R>(id: string): SheetRows<R> => {
      const r = this.rows.get(id);
      if (!r) throw new Error(`sheet ${id} was not read`);
      return r as SheetRows<R>;
    };
    const hasStudy = STUDY_SHEETS.every((id) => this.rows.has(id));
    return {
      roster: get('roster'),
      homeVisits: { ...get('homeVisits'), ...(this.tally ? { tally: this.tally } : {}) },
      duties: get('duties'),
      talks: get('talks'),
      ledger: get('ledger'),
      ...(hasStudy
        ? {
            study: {
              essays: get('essays'), sessions: get('studySessions'), meetings: get('branchMeetings'), materials: get('materials'), publicity: get('publicity'), opinions: get('opinions'),
              ...(this.rows.has('workLog') ? { workLog: get('workLog') } : {}),
            },
          }
        : {}),
      readFindings: this.findings,
      readNotes: this.notes,
    };
  }

  evaluate(asOf: Day): Evaluation {
    return evaluate(this.inputs(), this.config, asOf);
  }
}

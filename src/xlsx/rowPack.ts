/**
 * Rows of a sheet packed for the trip to another thread. Sent as they are, a 100,000-row log's
 * rows are 700,000 values cloned one by one, and most of its strings are the same few (a teacher's
 * name, 上门, 是, the class) made again on the other side for every row, each to be hashed again
 * when the rules look it up. Packed, the kinds and values of the cells travel in typed arrays
 * (copied as a block), and each short string travels once per sheet: the other side keeps a table
 * of them and hands the same string to every row that has it. Pure; works in any JavaScript.
 */
import type { RawCell, RawRow } from '../core/table.js';

/** Kinds of a cell. */
const HOLE = 0;
const NULL = 1;
const NUMBER = 2;
const SHARED = 3; // a string of the sheet's table
const OWN = 4; // a long string, sent with its batch only
const TRUE = 5;
const FALSE = 6;

/** Rows looked at before a column's strings are judged mostly new (and sent with their batch from then on). */
const SAMPLE_ROWS = 500;

/** Strings longer than this (free text: 家长意见建议) are sent with their batch and not kept in the table. */
const SHARED_MAX_CHARS = 32;

export interface PackedRows {
  /** Each row's number. */
  rows: Int32Array;
  /** Where each row's cells end in `kinds`/`values` (exclusive). */
  ends: Int32Array;
  kinds: Uint8Array;
  /** A number cell's value; a string cell's index (into the table, or into `own`). */
  values: Float64Array;
  /** Strings new to the sheet's table, in the order they joined it. */
  added: string[];
  /** This batch's long strings. */
  own: string[];
}

/** Packs rows on the reading thread; `take` gives a batch and starts the next. */
export class RowPacker {
  private rowNumbers: number[] = [];
  private ends: number[] = [];
  private kinds: number[] = [];
  private values: number[] = [];
  private added: string[] = [];
  private own: string[] = [];
  private readonly table = new Map<string, number>();
  /** Strings new to the table, by column; a column whose strings are mostly new (学生) stops being tabled. */
  private readonly misses: number[] = [];
  private readonly unshared: boolean[] = [];
  private rowsSeen = 0;

  get count(): number {
    return this.rowNumbers.length;
  }

  add(row: RawRow): void {
    const { cells } = row;
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (v === undefined) this.cell(HOLE, 0);
      else if (v === null) this.cell(NULL, 0);
      else if (typeof v === 'number') this.cell(NUMBER, v);
      else if (typeof v === 'boolean') this.cell(v ? TRUE : FALSE, 0);
      else if (v.length > SHARED_MAX_CHARS || this.unshared[i]) this.cell(OWN, this.own.push(v) - 1);
      else {
        let k = this.table.get(v);
        if (k === undefined) {
          k = this.table.size;
          this.table.set(v, k);
          this.added.push(v);
          this.miss(i);
        }
        this.cell(SHARED, k);
      }
    }
    this.rowNumbers.push(row.row);
    this.ends.push(this.kinds.length);
    if (++this.rowsSeen === SAMPLE_ROWS) for (let i = 0; i < this.misses.length; i++) this.unshared[i] = (this.misses[i] ?? 0) > SAMPLE_ROWS / 2;
  }

  private miss(column: number): void {
    if (this.rowsSeen < SAMPLE_ROWS) this.misses[column] = (this.misses[column] ?? 0) + 1;
  }

  private cell(kind: number, value: number): void {
    this.kinds.push(kind);
    this.values.push(value);
  }

  take(): PackedRows {
    const packed: PackedRows = {
      rows: Int32Array.from(this.rowNumbers),
      ends: Int32Array.from(this.ends),
      kinds: Uint8Array.from(this.kinds),
      values: Float64Array.from(this.values),
      added: this.added,
      own: this.own,
    };
    this.rowNumbers = [];
    this.ends = [];
    this.kinds = [];
    this.values = [];
    this.added = [];
    this.own = [];
    return packed;
  }
}

/** Unpacks batches in the order they were packed, keeping the sheet's table of strings. */
export class RowUnpacker {
  private readonly table: string[] = [];

  unpack(p: PackedRows, onRow: (row: RawRow) => void): void {
    for (const s of p.added) this.table.push(s);
    let at = 0;
    for (let r = 0; r < p.rows.length; r++) {
      const end = p.ends[r]!;
      const cells: RawCell[] = new Array(end - at);
      for (let i = 0; at < end; at++, i++) {
        switch (p.kinds[at]) {
          case NULL:
            cells[i] = null;
            break;
          case NUMBER:
            cells[i] = p.values[at]!;
            break;
          case SHARED:
            cells[i] = this.table[p.values[at]!]!;
            break;
          case OWN:
            cells[i] = p.own[p.values[at]!]!;
            break;
          case TRUE:
            cells[i] = true;
            break;
          case FALSE:
            cells[i] = false;
            break;
          // HOLE: left a hole, as the reader leaves a column without a cell
        }
      }
      onRow({ row: p.rows[r]!, cells });
    }
  }
}

/**
 * The values a sheet write puts in each row (`SheetWrite.rows`), packed for the trip to the patch
 * thread. Cloned as they are, a 100,000-row log's write is 100,000 arrays and as many strings made
 * again on the other side (50 ms there, before the patch can start, on two cores); yet its values
 * are a few statuses said again and again. Packed, each distinct value travels once and the rows
 * travel as typed arrays (copied as a block). Pure; works in any JavaScript.
 */
import type { OwnedValue } from '../core/writeback.js';
import type { SheetPatchJob } from './patch.js';

export interface PackedWriteRows {
  /** Each row's number, in the Map's order. */
  rows: Int32Array;
  /** Where each row's values end in `codes` (exclusive). */
  ends: Int32Array;
  /** Each value as its index in `values`; -1 for null. */
  codes: Int32Array;
  /** The distinct values. */
  values: Exclude<OwnedValue, null>[];
}

/** A key that tells values apart as the patch does: 1 and "1" differ, a day is its date. */
const keyOf = (v: Exclude<OwnedValue, null>) => (typeof v === 'object' ? `d${v.day}` : typeof v === 'number' ? v : `s${v}`);

/** A sheet patch job as it crosses to the patch thread: its write's rows packed. */
export type PackedPatchJob = Omit<SheetPatchJob, 'write'> & { write: Omit<SheetPatchJob['write'], 'rows'>; rows: PackedWriteRows };

export function packPatchJob(job: SheetPatchJob): PackedPatchJob {
  const { rows, ...write } = job.write;
  return { ...job, write, rows: packWriteRows(rows) };
}

export function unpackPatchJob(packed: PackedPatchJob): SheetPatchJob {
  const { rows, ...job } = packed;
  return { ...job, write: { ...job.write, rows: unpackWriteRows(rows) } };
}

export function packWriteRows(rows: ReadonlyMap<number, readonly OwnedValue[]>): PackedWriteRows {
  const numbers = new Int32Array(rows.size);
  const ends = new Int32Array(rows.size);
  let total = 0;
  for (const v of rows.values()) total += v.length;
  const codes = new Int32Array(total);
  const values: Exclude<OwnedValue, null>[] = [];
  const index = new Map<string | number, number>();
  let i = 0;
  let at = 0;
  for (const [r, row] of rows) {
    numbers[i] = r;
    for (const v of row) {
      if (v === null) {
        codes[at++] = -1;
        continue;
      }
      const key = keyOf(v);
      let code = index.get(key);
      if (code === undefined) {
        code = values.length;
        values.push(v);
        index.set(key, code);
      }
      codes[at++] = code;
    }
    ends[i++] = at;
  }
  return { rows: numbers, ends, codes, values };
}

export function unpackWriteRows(packed: PackedWriteRows): Map<number, OwnedValue[]> {
  const out = new Map<number, OwnedValue[]>();
  let from = 0;
  for (let i = 0; i < packed.rows.length; i++) {
    const end = packed.ends[i]!;
    const row: OwnedValue[] = new Array(end - from);
    for (let k = from; k < end; k++) {
      const code = packed.codes[k]!;
      row[k - from] = code < 0 ? null : packed.values[code]!;
    }
    out.set(packed.rows[i]!, row);
    from = end;
  }
  return out;
}

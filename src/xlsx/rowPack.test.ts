import { describe, expect, it } from 'vitest';
import type { RawCell, RawRow } from '../core/table.js';
import { RowPacker, RowUnpacker } from './rowPack.js';

/** Packs rows in batches of `size` and unpacks them as the other thread would (each batch cloned). */
function roundTrip(rows: RawRow[], size: number): RawRow[] {
  const packer = new RowPacker();
  const unpacker = new RowUnpacker();
  const out: RawRow[] = [];
  const send = () => unpacker.unpack(structuredClone(packer.take()), (r) => out.push(r));
  for (const row of rows) {
    packer.add(row);
    if (packer.count >= size) send();
  }
  if (packer.count) send();
  return out;
}

describe('RowPacker and RowUnpacker', () => {
  it('give back every row as it was: numbers, strings short and long, booleans, null and holes', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const names = ['李明', '王芳', '上门', '电话', '是', '', '学生1', 'x'.repeat(40)];
    const rows: RawRow[] = [];
    for (let r = 1; r <= 3000; r++) {
      const cells: RawCell[] = [];
      const width = Math.floor(rnd() * 9);
      for (let c = 0; c < width; c++) {
        const k = rnd();
        if (k < 0.1) continue; // a hole: no cell in that column
        cells[c] = k < 0.2 ? null : k < 0.4 ? Math.floor(rnd() * 50000) - 100 + rnd() : k < 0.45 ? rnd() < 0.5 : k < 0.6 ? `学生${Math.floor(rnd() * 5000)}-${r}` : names[Math.floor(rnd() * names.length)]!;
      }
      rows.push({ row: r * 2, cells });
    }
    for (const size of [1, 7, 2000]) {
      const back = roundTrip(rows, size);
      expect(back).toEqual(rows);
      // holes stay holes, not undefined values
      expect(back.map((r) => Object.keys(r.cells).join())).toEqual(rows.map((r) => Object.keys(r.cells).join()));
    }
  });

  it('sends a repeated short string once per sheet, and a column of mostly new strings with its batch', () => {
    const packer = new RowPacker();
    const rows = Array.from({ length: 1200 }, (_, i) => ({ row: i + 2, cells: ['李明', `学生${i}`] as RawCell[] }));
    for (const r of rows.slice(0, 600)) packer.add(r);
    const first = packer.take();
    for (const r of rows.slice(600)) packer.add(r);
    const second = packer.take();
    expect(first.added.filter((s) => s === '李明')).toHaveLength(1);
    expect(second.added).not.toContain('李明');
    // the students' column was judged after 500 rows: from then on its strings travel with their batch
    expect(second.added).toHaveLength(0);
    expect(second.own).toHaveLength(600);
    const back: RawRow[] = [];
    const unpacker = new RowUnpacker();
    unpacker.unpack(first, (r) => back.push(r));
    unpacker.unpack(second, (r) => back.push(r));
    expect(back).toEqual(rows);
  });
});

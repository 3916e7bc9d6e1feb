import { describe, expect, it } from 'vitest';
import { areaRef, columnIndex, columnInRow, columnLetter, MAX_COLUMNS, MAX_ROWS, parseArea, parseCell, parseRowNumber } from './address.js';

describe('columnLetter and columnIndex', () => {
  it('go both ways, from A to XFD', () => {
    for (const [i, l] of [[0, 'A'], [25, 'Z'], [26, 'AA'], [27, 'AB'], [701, 'ZZ'], [702, 'AAA'], [MAX_COLUMNS - 1, 'XFD']] as const) {
      expect(columnLetter(i)).toBe(l);
      expect(columnIndex(l)).toBe(i);
    }
  });
  it('refuse past XFD and what has no letters', () => {
    expect(columnIndex('XFE1')).toBe(-1);
    expect(columnIndex('ZZZZ1')).toBe(-1);
    expect(columnIndex('12')).toBe(-1);
  });
});

describe('parseCell, parseRowNumber and parseArea', () => {
  it('read the cells of a real sheet, with or without $', () => {
    expect(parseCell('B12')).toEqual({ row: 12, col: 1 });
    expect(parseCell('$B$12')).toEqual({ row: 12, col: 1 });
    expect(parseCell(`XFD${MAX_ROWS}`)).toEqual({ row: MAX_ROWS, col: MAX_COLUMNS - 1 });
  });
  it('refuse row 0, a fraction, a row or column past the sheet', () => {
    for (const bad of ['A0', 'A19.5', `A${MAX_ROWS + 1}`, 'XFE1', 'A01', 'a1', 'A', '1', '']) expect(parseCell(bad), bad).toBeUndefined();
    for (const bad of ['0', 'abc', '19.5', '-1', `${MAX_ROWS + 1}`]) expect(parseRowNumber(bad), bad).toBeUndefined();
  });
  it('read an area with its corners in order, and write it back', () => {
    expect(parseArea('A1:C9')).toEqual({ c1: 0, r1: 1, c2: 2, r2: 9 });
    expect(parseArea('C9:A1')).toBeUndefined();
    expect(areaRef(parseArea('A1:ZZ3')!)).toBe('A1:ZZ3');
    expect(parseArea('A1:ZZZZZZZ1')).toBeUndefined();
    expect(parseArea('A1:B2:C3')).toBeUndefined();
  });
});

describe('columnInRow', () => {
  it('says what parseCell says, without an object: the column, -1 for no cell, -2 for another row', () => {
    const cases = ['A1', 'B12', '$B$12', 'B$12', '$B12', 'XFD1', 'XFE1', 'AAAA1', 'A0', 'A01', 'A1048576', 'A1048577', 'A12345678', 'a1', 'A1.5', 'A1 ', ' A1', '', '$', '$$A1', 'A$$1', 'Z9', '12', 'A'];
    // and a seeded crowd of near-cells
    let seed = 20141129;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = 'ABXZ$0129.';
    for (let k = 0; k < 5000; k++) cases.push(Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join(''));
    for (const ref of cases) {
      const cell = parseCell(ref);
      for (const row of [1, 12, 99]) expect(columnInRow(ref, row), `${ref} in row ${row}`).toBe(cell === undefined ? -1 : cell.row === row ? cell.col : -2);
    }
  });
});

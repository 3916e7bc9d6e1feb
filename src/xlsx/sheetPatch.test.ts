import { describe, expect, it } from 'vitest';
import type { SheetWrite } from '../core/writeback.js';
import { SheetPatcher } from './sheetPatch.js';

const styles = { dateStyle: 7, dxf: { red: 1, amber: 2, yellow: 3 } };

function patch(xml: string, write: SheetWrite, chunk = 17, fastRows = true): { xml: string; changed: number; whole: number } {
  const out: string[] = [];
  const p = new SheetPatcher(write, { styles, date1904: false, sharedStrings: ['旧状态'], fastRows }, (s) => out.push(s));
  for (let i = 0; i < xml.length; i += chunk) p.push(xml.slice(i, i + chunk));
  const stats = p.end();
  return { changed: stats.changedCells, whole: stats.rowsTakenWhole, xml: out.join('') };
}

const write = (extra: Partial<SheetWrite> = {}): SheetWrite => ({
  sheetId: 'ledger',
  headerRow: 1,
  columns: [{ header: '【自动】状态', column: 2, width: 12 }, { header: '【自动】截止日期', column: 3, width: 14 }],
  stale: [],
  rows: new Map<number, any>([[1, ['【自动】状态', '【自动】截止日期']], [2, ['已逾期', { day: '2014-08-10' }]], [4, ['整改中', null]]]),
  dataRows: [2, 4],
  highlights: [{ colour: 'red', columns: [[0, 3]], formula: 'AND(N("【自动】")=0,$C2="已逾期")' }],
  ...extra,
});

const SHEET =
  '<worksheet xmlns="urn:main"><dimension ref="A1:B3"/><cols><col min="1" max="16384" width="9" style="4"/></cols><sheetData>' +
  '<row r="1" spans="1:2"><c r="A1" s="5" t="s"><v>0</v></c><c r="B1" s="6"><v>1</v></c></row>' +
  '<row r="2"><c r="A2" t="inlineStr"><is><t>430602196501011234</t></is></c><c r="C2" t="s"><v>0</v></c><c r="E2"><v>9</v></c></row>' +
  '<row r="3"><c r="A3"><f t="shared" ref="A3:A9" si="0">B3*2</f><v>2</v></c></row>' +
  '</sheetData><conditionalFormatting sqref="A2:A9"><cfRule type="cellIs" priority="4" operator="equal" dxfId="0"><formula>1</formula></cfRule></conditionalFormatting>' +
  '<conditionalFormatting sqref="A2:D3"><cfRule type="expression" dxfId="1" priority="5"><formula>AND(N("【自动】")=0,$C2="旧")</formula></cfRule></conditionalFormatting>' +
  '<pageMargins left="1"/><extLst><ext uri="x"/></extLst></worksheet>';

describe('SheetPatcher', () => {
  const { xml, changed } = patch(SHEET, write());

  it('writes its cells in column order, with the header style of the clerk’s last header', () => {
    expect(xml).toContain('<row r="1" spans="1:4"><c r="A1" s="5" t="s"><v>0</v></c><c r="B1" s="6"><v>1</v></c><c r="C1" s="6" t="inlineStr"><is><t>【自动】状态</t></is></c><c r="D1" s="6" t="inlineStr"><is><t>【自动】截止日期</t></is></c></row>');
    expect(xml).toContain('<row r="2"><c r="A2" t="inlineStr"><is><t>430602196501011234</t></is></c><c r="C2" t="inlineStr"><is><t>已逾期</t></is></c><c r="D2" s="7"><v>41861</v></c><c r="E2"><v>9</v></c></row>');
  });
  it('leaves the clerk’s rows as they were and adds the rows it needs', () => {
    expect(xml).toContain('<row r="3"><c r="A3"><f t="shared" ref="A3:A9" si="0">B3*2</f><v>2</v></c></row><row r="4"><c r="C4" t="inlineStr"><is><t>整改中</t></is></c></row></sheetData>');
  });
  it('widens the dimension and cuts its columns out of the clerk’s column range', () => {
    expect(xml).toContain('<dimension ref="A1:D4"/>');
    expect(xml).toContain('<cols><col min="1" max="2" width="9" style="4"/><col min="3" max="3" width="12" customWidth="1"/><col min="4" max="4" width="14" customWidth="1"/><col min="5" max="16384" width="9" style="4"/></cols>');
  });
  it('replaces its own conditional format and keeps the clerk’s, in schema order', () => {
    expect(xml).toContain('<conditionalFormatting sqref="A2:A9"><cfRule type="cellIs" priority="4"');
    expect(xml).not.toContain('$C2="旧"');
    expect(xml).toContain('</conditionalFormatting><conditionalFormatting sqref="A2:D4"><cfRule type="expression" dxfId="1" priority="5"><formula>AND(N("【自动】")=0,$C2="已逾期")</formula></cfRule></conditionalFormatting><pageMargins left="1"/><extLst><ext uri="x"/></extLst>');
  });
  it('counts the owned cells whose value changed', () => {
    // header ×2, row 2: 旧状态→已逾期 and a new date, row 4: one new cell
    expect(changed).toBe(5);
  });
  it('is a fixed point: patching its own output changes nothing', () => {
    const again = patch(xml, write(), 5);
    expect(again.xml).toBe(xml);
  });
  it('empties stale owned columns', () => {
    const { xml: out } = patch(SHEET, write({ columns: [{ header: '【自动】状态', column: 3, width: 12 }], stale: [2], rows: new Map([[2, ['x']]]) }));
    expect(out).toContain('<row r="2"><c r="A2" t="inlineStr"><is><t>430602196501011234</t></is></c><c r="D2" t="inlineStr"><is><t>x</t></is></c><c r="E2"><v>9</v></c></row>');
  });
});

describe('the whole-row fast path', () => {
  // Rows of every shape the fast path must either handle or hand to the tag-by-tag path.
  const rows = [
    '<row r="1" spans="1:2"><c r="A1" s="5" t="s"><v>0</v></c><c r="B1" s="6"><v>1</v></c></row>',
    '<row r="2" spans="1:2"><c r="A2" t="inlineStr"><is><t>430602196501011234</t></is></c><c r="B2"><v>3</v></c></row>',
    '<row r="3"><c r="A3" t="inlineStr"><is><r><rPr><color rgb="FFFF0000"/></rPr><t>红</t></r></is></c></row>',
    '<row r="4" spans="1:4"><c r="A4"><v>1</v></c><c r="C4" t="inlineStr"><is><t>旧</t></is></c><c r="D4" s="7"><v>41861</v></c></row>',
    '<row r="5"><c r="A5"><v>1</v></c><c r="C5" t="s"><v>0</v></c><c r="E5"><v>9</v></c></row>',
    '<row r="6"/>',
    '<row r="7"><!-- note --><c r="A7"><v>1</v></c></row>',
    '<row><c><v>8</v></c></row>',
    '\n<row r="9" ht="20" customHeight="1"><c r="A9" s="2"/><c r="B9"><f>A9*2</f><v>0</v></c></row>',
    '<row r="10"><c r="A10"><v>1</v></c><c r="C10" t="inlineStr"><is><t>整改中</t></is></c></row>',
    '<row r="12"><c r="C12" t="inlineStr"><is><t>x</t></is></c><c r="D12"><v>1</v></c></row>',
    '<row r="11"><c r="A11"><v>1</v></c></row>',
    '<row r="13" spans="1:9"><c r="A13"><v>1</v></c> <c r="C13"><v>2</v></c></row>',
    '<row r="14" spans="1:1 3:3"><c r="A14"><v>1</v></c><c r="C14"><v>2</v></c></row>',
    // `r` not as Excel writes it: a character reference, single quotes, not the first attribute
    '<row r="1&#53;" spans="1:3"><c r="A15"><v>1</v></c><c r=\'C15\' t="inlineStr"><is><t>旧</t></is></c></row>',
    '<row spans="1:3" r="16"><c s="1" r="A16"><v>1</v></c><c r="&#67;16" t="inlineStr"><is><t>旧</t></is></c></row>',
  ];
  const sheet = (prefix: string) =>
    `<${prefix}worksheet xmlns${prefix ? ':' + prefix.slice(0, -1) : ''}="urn:main"><${prefix}sheetData>` +
    rows.map((r) => r.replace(/<(\/?)(row|c|v|f|is|t|r|rPr|color)\b/g, `<$1${prefix}$2`)).join('') +
    `</${prefix}sheetData></${prefix}worksheet>`;
  const many = new Map<number, any>([[1, ['【自动】状态', '【自动】截止日期']], ...Array.from({ length: 16 }, (_, i) => [i + 2, [`状态${i}`, { day: '2014-08-10' }]] as [number, any])]);
  for (const prefix of ['', 'x:']) {
    for (const w of [write(), write({ rows: many, dataRows: [2, 17] }), write({ rows: new Map([[4, ['x', null]]]) })]) {
      it(`writes the same bytes as the tag-by-tag path (prefix "${prefix}", ${w.rows.size} rows)`, () => {
        const xml = sheet(prefix);
        const slow = patch(xml, w, xml.length, false);
        expect(slow.whole).toBe(0);
        expect(patch(xml, w, xml.length).whole).toBeGreaterThan(3); // the comparison below is not slow against slow
        for (const chunk of [1, 3, 7, 29, 64, xml.length]) {
          const fast = patch(xml, w, chunk);
          expect(fast.xml).toBe(slow.xml);
          expect(fast.changed).toBe(slow.changed);
        }
        expect(patch(slow.xml, w).xml).toBe(slow.xml);
      });
    }
  }
});

import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import type { MergeRange, RawRow } from '../core/table.js';
import { openWorkbook, restStart, restText, type SheetRest } from './reader.js';

async function bookOf(sheet: string): Promise<Uint8Array> {
  const parts: Record<string, string> = {
    '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'xl/workbook.xml': '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="家访记录" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': sheet,
  };
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  for (const [name, text] of Object.entries(parts)) await writer.add(name, new Uint8ArrayReader(new TextEncoder().encode(text)));
  return writer.close();
}

/** A sheet of `n` rows of three cells (text, number, inline string), with a merge after them. */
function rowsXml(n: number, at = (_r: number) => ''): string {
  let xml = '';
  for (let r = 1; r <= n; r++) xml += `${at(r)}<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>教师${r}</t></is></c><c r="B${r}"><v>${r * 7}</v></c><c r="C${r}" t="str"><v>高一（${r % 9}）班</v></c></row>`;
  return xml;
}
const sheetXml = (rows: string, head = '<worksheet><sheetData>', tail = '</sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>') => head + rows + tail;

/** What reading the whole sheet on one thread gives: its rows, its merges, or its error. */
async function plain(sheet: string): Promise<{ rows: RawRow[]; merges?: MergeRange[]; error?: string }> {
  const reader = await openWorkbook(await bookOf(sheet), 'x.xlsx');
  const rows: RawRow[] = [];
  try {
    return { rows, merges: await reader.readRows(reader.sheets[0]!, (r) => rows.push(r)) };
  } catch (e) {
    return { rows, error: (e as Error).message };
  } finally {
    await reader.close();
  }
}

type Options = { share?: number; start?: (s: { row: number; offset: number }) => { row: number; offset: number }; late?: number; giveUpAfter?: number };

/**
 * The rest of the sheet read as another thread reads it (its own reader, the text in pieces, from
 * `restStart` on), here in one thread: what `readRows` with that rest gives, and what it did with it.
 */
async function split(sheet: string, options: Options = {}) {
  const book = await bookOf(sheet);
  const other = await openWorkbook(book, 'x.xlsx');
  const pieces: string[] = [];
  for (let i = 0; i < sheet.length; i += 4096) pieces.push(sheet.slice(i, i + 4096));
  const start = restStart(pieces, options.share ?? 0.5);
  const theirs: RawRow[] = [];
  let merges: MergeRange[] | undefined;
  try {
    if (start) merges = await other.readRowsFrom(other.sheets[0]!, restText(pieces, start), (r) => theirs.push(r));
  } catch {
    merges = undefined;
  }
  await other.close();
  const said = start && (options.start ? options.start(start) : { row: start.row, offset: start.offset });
  let asked = 0;
  const used = { taken: false, abandoned: false, start: said, shares: [] as number[] };
  const rest: SheetRest = {
    get start() {
      return asked++ < (options.late ?? 0) ? undefined : said ?? null;
    },
    async take(onRow) {
      used.taken = true;
      const given = options.giveUpAfter ?? theirs.length;
      theirs.slice(0, given).forEach(onRow);
      return given < theirs.length ? undefined : merges;
    },
    abandon() {
      used.abandoned = true;
    },
  };
  const reader = await openWorkbook(book, 'x.xlsx');
  const rows: RawRow[] = [];
  try {
    return { rows, merges: await reader.readRows(reader.sheets[0]!, (r) => rows.push(r), (done) => used.shares.push(done), rest), used };
  } catch (e) {
    return { rows, error: (e as Error).message, used };
  } finally {
    await reader.close();
  }
}

describe('readRows with another thread reading the rest', () => {
  it('stops at the row the other starts at and takes its rows: the rows and merges of reading it all here', async () => {
    const sheet = sheetXml(rowsXml(300));
    const here = await plain(sheet);
    const { used, ...there } = await split(sheet);
    expect(used.start!.row).toBeGreaterThan(100);
    expect(used.start!.row).toBeLessThan(200);
    expect(used).toMatchObject({ taken: true, abandoned: false });
    expect(used.shares.at(-1), 'the whole sheet said read').toBe(1);
    expect(there).toEqual(here);
    expect(here.rows).toHaveLength(300);
    expect(here.merges).toHaveLength(1);
  });

  it('a row tag inside a comment where the other starts: not taken, read here, nothing lost or doubled', async () => {
    // the comment sits just past the middle, before the row it names
    const sheet = sheetXml(rowsXml(300, (r) => (r === 160 ? '<!-- <row r="160"> --><!--' + 'x'.repeat(200) + '-->' : '')));
    const here = await plain(sheet);
    const { used, ...there } = await split(sheet, { share: sheet.indexOf('<!-- <row') / sheet.length });
    expect(used.start!.row).toBe(160);
    expect(used.start!.offset).toBe(sheet.indexOf('<row r="160">'));
    expect(used).toMatchObject({ taken: false, abandoned: true });
    expect(there).toEqual(here);
    expect(here.rows).toHaveLength(300);
  });

  it('said of another place, or another row: not taken', async () => {
    const sheet = sheetXml(rowsXml(300));
    const here = await plain(sheet);
    for (const start of [(s: { row: number; offset: number }) => ({ ...s, offset: s.offset + 1 }), (s: { row: number; offset: number }) => ({ ...s, row: s.row + 1 })]) {
      const { used, ...there } = await split(sheet, { start });
      expect(used).toMatchObject({ taken: false, abandoned: true });
      expect(there).toEqual(here);
    }
  });

  it('rows that do not stand right in <worksheet><sheetData> (a prefixed root, a row nested deeper): not taken', async () => {
    const prefixed = sheetXml(rowsXml(300), '<x:worksheet xmlns:x="urn:x"><x:sheetData>', '</x:sheetData></x:worksheet>');
    const nested = sheetXml(`${rowsXml(100)}<extra>${rowsXml(300).slice(rowsXml(100).length)}</extra>`);
    for (const sheet of [prefixed, nested]) {
      const here = await plain(sheet);
      expect(here.rows).toHaveLength(300);
      const { used, ...there } = await split(sheet);
      expect(used).toMatchObject({ taken: false, abandoned: true });
      expect(there).toEqual(here);
    }
  });

  it('a row numbered by counting, whose tag holds r="…" inside another attribute: no place to start, not taken', async () => {
    // rows 150 on have no r; the 150th says r="150" only inside foo, which restStart takes for its number
    const rows = rowsXml(300).replace(/<row r="(\d+)">/g, (m, n: string) => (Number(n) === 150 ? `<row foo=' r="150"'>` : Number(n) > 150 ? '<row>' : m)).replace(/ r="[A-C](1[5-9]\d|2\d\d|300)"/g, '');
    const sheet = sheetXml(rows);
    const here = await plain(sheet);
    expect(here.rows.map((r) => r.row)).toEqual(Array.from({ length: 300 }, (_, k) => k + 1));
    const { used, ...there } = await split(sheet, { share: sheet.indexOf("<row foo") / sheet.length });
    expect(used.start).toMatchObject({ row: 150, offset: sheet.indexOf("<row foo") });
    expect(used).toMatchObject({ taken: false, abandoned: true });
    expect(there).toEqual(here);
  });

  it('rows numbered by counting after the start, the other failing partway: read on after the rows it gave, by count', async () => {
    const rows = rowsXml(300).replace(/<row r="(\d+)">/g, (m, n: string) => (Number(n) > 150 ? '<row>' : m)).replace(/ r="[A-C](1[5-9]\d|2\d\d|300)"/g, (m) => (m.includes('150"') ? m : ''));
    const sheet = sheetXml(rows);
    const here = await plain(sheet);
    expect(here.rows).toHaveLength(300);
    const { used, ...there } = await split(sheet, { share: sheet.indexOf('<row r="150"') / sheet.length, giveUpAfter: 60 });
    expect(used).toMatchObject({ taken: true, abandoned: false, start: { row: 150 } });
    expect(there).toEqual(here);
  });

  it('nothing of the cell before the start reaches into the row it starts at (a stray <t> around a cell)', async () => {
    // the last cell of row 149 is inline text; row 150 wraps a cell in <t>, whose own text is no value
    const rows = rowsXml(300).replace(/<row r="150">.*?<\/row>/, '<row r="150"><t><c r="A150" t="inlineStr"><v/>王五</c></t></row>');
    const sheet = sheetXml(rows.replace('</row><row r="150">', '<c r="D149" t="inlineStr"><is><t>x</t></is></c></row><row r="150">'));
    const here = await plain(sheet);
    expect(here.rows.find((r) => r.row === 150)!.cells).toEqual(['']);
    const { used, ...there } = await split(sheet, { share: sheet.indexOf('<row r="150"') / sheet.length });
    expect(used).toMatchObject({ taken: true, start: { row: 150 } });
    expect(there).toEqual(here);
  });

  it('the other says where it starts only after this thread went past it: not taken', async () => {
    const sheet = sheetXml(rowsXml(300));
    const { used, ...there } = await split(sheet, { late: 250 });
    expect(used).toMatchObject({ taken: false, abandoned: true });
    expect(there).toEqual(await plain(sheet));
  });

  it('the other fails partway (its rows given so far kept): this thread reads on after the last one, and says what it alone would', async () => {
    const sheet = sheetXml(rowsXml(300));
    const { used, ...there } = await split(sheet, { giveUpAfter: 40 });
    expect(used).toMatchObject({ taken: true, abandoned: false });
    expect(there).toEqual(await plain(sheet));
  });

  it('bad input after the start: the same error as reading it all here, after the same rows', async () => {
    const rows = rowsXml(300).replace('<row r="250">', '<row r="25">');
    const sheet = sheetXml(rows);
    const here = await plain(sheet);
    expect(here.error).toContain('第25行出现在第249行之后');
    const { used, ...there } = await split(sheet);
    expect(used.taken).toBe(true);
    expect(there).toEqual(here);
  });
});

describe('restStart', () => {
  it('is the first row tag with its number at or after the share, whole within a piece', () => {
    const text = '<worksheet><sheetData><row r="1"/><row spans="1:3"><c/></row><row\n r = \'3\'>' + '<c/></row><row r="4"/></sheetData></worksheet>';
    expect(restStart([text], 0)).toMatchObject({ row: 1, offset: text.indexOf('<row r="1"') });
    // a row without its number is passed over
    expect(restStart([text], text.indexOf('<row spans') / text.length)).toMatchObject({ row: 3, offset: text.indexOf('<row\n') });
    // a tag cut by the end of a piece is passed over too
    const cut = text.indexOf('<row\n') + 4;
    expect(restStart([text.slice(0, cut), text.slice(cut)], text.indexOf('<row spans') / text.length)).toMatchObject({ row: 4, offset: text.indexOf('<row r="4"'), piece: 1 });
    expect(restStart([text], 0.99)).toBeUndefined();
    const pieces = [text.slice(0, 30), text.slice(30)];
    const start = restStart(pieces, 0.5)!;
    expect([...restText(pieces, start)].join('')).toBe(text.slice(start.offset));
  });
});

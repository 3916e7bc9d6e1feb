/**
 * Reads the sheets of an .xlsx as raw rows, streaming: the sheet part is inflated and parsed
 * with a strict SAX parser (`sax.ts`), one row at a time, never as a whole DOM. Only what the rules need
 * is decoded: cell values, shared strings, the date system.
 */
import { InputError } from '../core/problems.js';
import type { MergeRange, RawCell, RawRow } from '../core/table.js';
import { normalizeText } from '../core/text.js';
import { columnInRow, DATE_1904_OFFSET, parseArea, parseRowNumber } from '../core/address.js';
import { isoToExcelSerial } from '../core/dates.js';
import { localName, MAX_TOKEN_CHARS, SaxParser, XmlTokenTooLong, type SaxAttributes, type SaxHandler } from './sax.js';

import { BIG_PART_BYTES, iterate, partDecoder, openZip, type ZipArchive, type ZipLimits, type ZipSource } from './zip.js';

const mb = (chars: number) => `${Math.ceil(chars / (1 << 20))} MB`;

export interface SheetEntry {
  name: string;
  /** Part name in the zip, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
  hidden: boolean;
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function parseXml(xml: string, file: string, part: string, handler: SaxHandler): void {
  try {
    new SaxParser(handler).write(xml).close();
  } catch {
    throw new InputError('BAD_XML', { file, part });
  }
}

/** The relationship id of a `<sheet>`: `r:id`, whatever prefix the writer bound the namespace to. */
function relationshipId(attributes: SaxAttributes): string {
  return attributes.get('r:id') ?? attributes.withSuffix(':id') ?? '';
}

export class XlsxReader {
  private sharedStrings: string[] | undefined;
  private sharedStringsPart: string | undefined;
  /** The styles part (`xl/styles.xml`), which the write-back appends its styles to. */
  stylesPart: string | undefined;

  private constructor(
    private readonly zip: ZipArchive,
    readonly file: string,
    readonly sheets: SheetEntry[],
    readonly date1904: boolean,
  ) {}

  static async open(source: ZipSource, file: string, limits?: ZipLimits): Promise<XlsxReader> {
    const zip = await openZip(source, file, limits);
    try {
      if (!zip.entries.has('xl/workbook.xml')) {
        throw new InputError('NOT_XLSX', { file, what: zip.entries.has('word/document.xml') ? '是 Word 文档' : '压缩包中没有工作簿' });
      }
      const workbookXml = await zip.text('xl/workbook.xml');
      const relsXml = zip.entries.has('xl/_rels/workbook.xml.rels') ? await zip.text('xl/_rels/workbook.xml.rels') : '';
      const targets = new Map<string, { target: string; type: string }>();
      parseXml(relsXml || '<Relationships/>', file, 'xl/_rels/workbook.xml.rels', {
        open(name, a) {
          if (localName(name) === 'Relationship') targets.set(String(a.get('Id')), { target: String(a.get('Target')), type: a.get('Type') ?? '' });
        },
      });
      const sheets: SheetEntry[] = [];
      let date1904 = false;
      parseXml(workbookXml, file, 'xl/workbook.xml', {
        open(tag, a) {
          const name = localName(tag);
          if (name === 'workbookPr') date1904 = ['1', 'true'].includes(a.get('date1904') ?? '');
          if (name === 'sheet') {
            const rel = targets.get(relationshipId(a));
            const state = a.get('state');
            if (rel) sheets.push({ name: String(a.get('name')), part: resolveTarget('xl/workbook.xml', rel.target), hidden: state !== undefined && state !== 'visible' });
          }
        },
      });
      const reader = new XlsxReader(zip, file, sheets, date1904);
      const shared = [...targets.values()].find((r) => r.type.endsWith('/sharedStrings'));
      const styles = [...targets.values()].find((r) => r.type.endsWith('/styles'));
      reader.stylesPart = styles ? resolveTarget('xl/workbook.xml', styles.target) : undefined;
      reader.sharedStringsPart = shared ? resolveTarget('xl/workbook.xml', shared.target) : zip.entries.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : undefined;
      return reader;
    } catch (e) {
      await zip.close();
      throw e;
    }
  }

  close(): Promise<void> {
    return this.zip.close();
  }

  /** The sheet of that name (full-width/space differences ignored), else undefined. */
  findSheet(name: string): SheetEntry | undefined {
    const key = normalizeText(name);
    return this.sheets.find((s) => normalizeText(s.name) === key);
  }

  /** Whether a part is big enough (BIG_PART_BYTES inflated) to be worth another thread where the host has one. */
  isBigPart(part: string): boolean {
    return (this.zip.entries.get(part)?.uncompressedSize ?? 0) >= BIG_PART_BYTES;
  }

  /** The underlying zip, for the write-back in this layer (not part of the public face). */
  get archive(): ZipArchive {
    return this.zip;
  }

  /** The shared strings table (loaded once). */
  sharedStringTable(): Promise<string[]> {
    return this.loadSharedStrings();
  }

  private async loadSharedStrings(): Promise<string[]> {
    if (this.sharedStrings) return this.sharedStrings;
    const strings: string[] = [];
    const part = this.sharedStringsPart;
    if (part && this.zip.entries.has(part)) {
      let current = '';
      let inT = false;
      let phonetic = 0;
      await this.parseStream(part, {
        open(tag) {
          const name = localName(tag);
          if (name === 'si') current = '';
          else if (name === 'rPh') phonetic++;
          else if (name === 't' && phonetic === 0) inT = true;
        },
        text(text) {
          if (inT) current += text;
        },
        close(tag) {
          const name = localName(tag);
          if (name === 't') inT = false;
          else if (name === 'rPh') phonetic--;
          else if (name === 'si') strings.push(current);
        },
      });
    }
    this.sharedStrings = strings;
    return strings;
  }

  /** Runs `parse`, saying what breaks in it as bad input of `part`. */
  private parsing(part: string, parse: () => void): void {
    try {
      parse();
    } catch (e) {
      if (e instanceof InputError || e === STOP_READING) throw e;
      if (e instanceof XmlTokenTooLong) throw new InputError('BAD_XML', { file: this.file, part, detail: `一个标签或一段文字长达 ${mb(e.chars)}，超过上限 ${mb(MAX_TOKEN_CHARS)}` });
      throw new InputError('BAD_XML', { file: this.file, part });
    }
  }

  private async parseStream(part: string, handler: SaxHandler, progress?: (done: number) => void, use?: (parser: SaxParser) => void): Promise<void> {
    let bytes = this.zip.stream(part);
    const total = this.zip.entries.get(part)?.uncompressedSize ?? 0;
    if (progress && total > 0) {
      let seen = 0;
      let said = 0;
      bytes = bytes.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.length;
          if (seen - said >= 1 << 20) {
            said = seen;
            progress(Math.min(1, seen / total));
          }
          controller.enqueue(chunk);
        },
      }));
    }
    const stream = bytes.pipeThrough(partDecoder(this.file, part));
    const parser = new SaxParser(handler);
    use?.(parser);
    const feed = (chunk: string | null) => this.parsing(part, () => (chunk === null ? parser.close() : parser.write(chunk)));
    try {
      for await (const chunk of iterate(stream)) feed(chunk);
      feed(null);
    } catch (e) {
      if (e === STOP_READING) return; // the rest is read elsewhere (the stream is let go)
      if (e instanceof InputError) throw e;
      throw new InputError('TRUNCATED', { file: this.file }); // the inflate or the zip broke
    }
  }

  /**
   * Streams the rows of a sheet in order; `onRow` sees each row once; `progress` hears the share
   * read now and then. Returns the sheet's merged ranges, which come after the rows. With `rest`,
   * another thread reads the rows from its start on: this one stops there when it finds that row
   * where the other said, in the same place of the document, and takes the other's rows after its
   * own; anywhere else it reads on itself (see `SheetRest`).
   */
  async readRows(sheet: SheetEntry, onRow: (row: RawRow) => void, progress?: (done: number) => void, rest?: SheetRest): Promise<MergeRange[]> {
    const strings = await this.loadSharedStrings();
    let parser: SaxParser | undefined;
    let stoppedAt = 0;
    let settled = false;
    const atRow = rest && ((n: number, numbered: boolean, selfClosing: boolean) => {
      const start = rest.start;
      if (settled || !start || n < start.row) return;
      const open = parser!.openElements;
      // the other thread numbers its rows from this row's own r: a row numbered by counting is no place to start
      if (n === start.row && numbered && parser!.tagStart === start.offset && open.length === (selfClosing ? 2 : 3) && open[0] === REST_HEAD[0] && open[1] === REST_HEAD[1]) {
        stoppedAt = n;
        throw STOP_READING;
      }
      // past the start without meeting it (it was inside a comment, or said of another row)
      settled = true;
      rest.abandon();
    });
    const { handler, merges } = sheetRowsHandler(this.file, sheet.part, strings, this.date1904, onRow, atRow);
    try {
      await this.parseStream(sheet.part, handler, progress, (p) => (parser = p));
    } finally {
      if (rest && !stoppedAt && !settled) rest.abandon();
    }
    if (!rest || !stoppedAt) return merges;
    let given = 0;
    const theirs = await rest.take((row) => {
      given++;
      onRow(row);
    });
    if (theirs) {
      progress?.(1);
      return [...merges, ...theirs];
    }
    // the other thread failed (on bad input, most likely): read on here after the rows it gave
    // (counted from where this thread stopped), so that what is said is what this thread alone would say
    let skipped = 0;
    return this.readRows(sheet, (row) => {
      if (row.row >= stoppedAt && skipped++ >= given) onRow(row);
    });
  }

  /**
   * The other side of `readRows`'s `rest`: the rows of a sheet from `text` on, `text` being the
   * part's text from a row's tag to its end (see `restStart`). Parsed as if the tag stood right in
   * `<worksheet><sheetData>`; `readRows` takes these rows only where that is so.
   */
  async readRowsFrom(sheet: SheetEntry, text: Iterable<string>, onRow: (row: RawRow) => void): Promise<MergeRange[]> {
    const strings = await this.loadSharedStrings();
    const { handler, merges } = sheetRowsHandler(this.file, sheet.part, strings, this.date1904, onRow);
    const parser = new SaxParser(handler);
    this.parsing(sheet.part, () => {
      parser.write(`<${REST_HEAD[0]}><${REST_HEAD[1]}>`);
      for (const piece of text) parser.write(piece);
      parser.close();
    });
    return merges;
  }
}

/** Said by `readRows`'s row check to stop reading where another thread goes on. */
const STOP_READING = Symbol('stop reading');

/** The elements a row stands in where another thread starts reading a sheet's rest, as `readRowsFrom` opens them. */
const REST_HEAD = ['worksheet', 'sheetData'] as const;

/**
 * Another thread reading the rows of a sheet from one of its rows on (in Node, the thread that
 * inflated the sheet for the patch), so that this one reads only up to there.
 */
export interface SheetRest {
  /** Where the other thread starts, once it has said: the row's number and where its tag starts in the part's text; null when it will not. */
  readonly start: { row: number; offset: number } | null | undefined;
  /** This thread stopped at `start`: the other's rows, in order, then its merges; undefined when it failed (this thread then reads on itself). */
  take(onRow: (row: RawRow) => void): Promise<MergeRange[] | undefined>;
  /** This thread is past `start` without having met it, or done: the other's work is not wanted. */
  abandon(): void;
}

/**
 * Where another thread can start reading a sheet's rows, from about `share` of its text on: the
 * first row tag there written plainly with its number (`<row r="N" …>`), whole within a piece.
 * `readRows` checks that it really is that row's tag before it stops; a tag that only looks so (in
 * a comment, say) costs the other thread's work, nothing more.
 */
export function restStart(pieces: readonly string[], share: number): { row: number; offset: number; piece: number; at: number } | undefined {
  const total = pieces.reduce((sum, p) => sum + p.length, 0);
  let base = 0;
  let from = Math.floor(total * share);
  for (let k = 0; k < pieces.length; k++) {
    const piece = pieces[k]!;
    if (from >= piece.length) {
      from -= piece.length;
      base += piece.length;
      continue;
    }
    const tag = /<row[\s>/]/g;
    tag.lastIndex = from;
    for (let m = tag.exec(piece); m; m = tag.exec(piece)) {
      const gt = piece.indexOf('>', m.index);
      if (gt < 0) break;
      const r = /\sr\s*=\s*(["'])([0-9]{1,7})\1/.exec(piece.slice(m.index, gt));
      if (r) return { row: Number(r[2]), offset: base + m.index, piece: k, at: m.index };
    }
    from = 0;
    base += piece.length;
  }
  return undefined;
}

/** The text of `pieces` from `start` on. */
export function* restText(pieces: readonly string[], start: { piece: number; at: number }): Iterable<string> {
  yield pieces[start.piece]!.slice(start.at);
  for (let k = start.piece + 1; k < pieces.length; k++) yield pieces[k]!;
}

/**
 * The parser's events of a sheet made into rows: each row, in order, to `onRow`; its merges
 * gathered. `atRow` hears each row's number as it opens (after its checks); it may throw to stop.
 */
function sheetRowsHandler(file: string, part: string, strings: string[], date1904: boolean, onRow: (row: RawRow) => void, atRow?: (n: number, numbered: boolean, selfClosing: boolean) => void): { handler: SaxHandler; merges: MergeRange[] } {
  const merges: MergeRange[] = [];
  let rowNumber = 0;
  let cells: RawCell[] = [];
  let col = -1;
  let type = '';
  let value = '';
  let inlineText = '';
  let inValue = false;
  let inInlineT = false;
  let phonetic = 0;
  let hasValue = false;
  let cellRef = '';
  const bad = (detail: string) => new InputError('BAD_XML', { file, part, detail });
  const handler: SaxHandler = {
    open(tag, a, selfClosing) {
      switch (localName(tag)) {
        case 'row': {
          // rows in order, each once, numbered as a sheet numbers them: anything else is not a sheet Excel wrote
          const r = a.get('r');
          const n = r === undefined ? rowNumber + 1 : parseRowNumber(r);
          if (n === undefined) throw bad(`行号“${r}”无效`);
          if (n <= rowNumber) throw bad(`第${n}行出现在第${rowNumber}行之后（行的顺序有误或重复）`);
          atRow?.(n, r !== undefined, selfClosing);
          rowNumber = n;
          cells = [];
          col = -1;
          // nothing of the last row's cells reaches into this row (a stray <t> here is no inline text);
          // so a row reads the same whoever starts reading at it
          type = '';
          inlineText = '';
          break;
        }
        case 'c': {
          const r = a.get('r');
          let next = col + 1;
          if (r !== undefined) {
            next = columnInRow(r, rowNumber);
            if (next === -1) throw bad(`单元格“${r}”无效`);
            if (next === -2) throw bad(`单元格 ${r} 不在它所在的第${rowNumber}行`);
          }
          if (next <= col) throw bad(`第${rowNumber}行的单元格${r ?? ''}顺序有误或重复`);
          col = next;
          cellRef = r ?? '';
          type = a.get('t') ?? 'n';
          value = '';
          inlineText = '';
          hasValue = false;
          break;
        }
        case 'v':
          inValue = true;
          hasValue = true;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (type === 'inlineStr' && phonetic === 0) {
            inInlineT = true;
            hasValue = true;
          }
          break;
        case 'mergeCell': {
          const ref = a.get('ref');
          const m = ref === undefined ? undefined : parseArea(ref);
          // a merge past the sheet's edge is no merge Excel can make (and would take long to lay out)
          if (!m) throw bad(`合并区域“${ref ?? ''}”无效或超出工作表范围`);
          merges.push(m);
          break;
        }
      }
    },
    text(text) {
      if (inValue) value += text;
      else if (inInlineT) inlineText += text;
    },
    close(tag) {
      switch (localName(tag)) {
        case 'v':
          inValue = false;
          break;
        case 't':
          inInlineT = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c':
          if (hasValue) {
            if (type === 's') {
              // a shared string's number must name one: an empty or stray one would read another cell's text
              const k = /^[0-9]{1,9}$/.test(value.trim()) ? Number(value) : -1;
              if (k < 0 || k >= strings.length) throw bad(`单元格 ${cellRef || `第${rowNumber}行第${col + 1}列`} 的共享字符串编号“${value}”无效`);
            }
            cells[col] = cellValue(type, value, inlineText, strings, date1904);
          }
          break;
        case 'row':
          onRow({ row: rowNumber, cells });
          break;
      }
    },
  };
  return { handler, merges };
}

function cellValue(type: string, value: string, inlineText: string, strings: string[], date1904: boolean): RawCell {
  switch (type) {
    case 's':
      return strings[Number(value)] ?? null;
    case 'inlineStr':
      return inlineText;
    case 'str':
    case 'e':
      return value;
    case 'd': {
      // an ISO 8601 date (Strict Open XML saves every date so): the serial of the book's own system
      const serial = isoToExcelSerial(value);
      return serial === undefined ? value : serial - (date1904 ? DATE_1904_OFFSET : 0);
    }
    case 'b':
      return value === '1' || value === 'true';
    default: {
      if (value === '') return null;
      const n = Number(value);
      return Number.isFinite(n) ? n : value;
    }
  }
}

export async function openWorkbook(source: ZipSource, file: string, limits?: ZipLimits): Promise<XlsxReader> {
  return XlsxReader.open(source, file, limits);
}

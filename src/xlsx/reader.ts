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

  private async parseStream(part: string, handler: SaxHandler, progress?: (done: number) => void): Promise<void> {
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
    const feed = (chunk: string | null) => {
      try {
        if (chunk === null) parser.close();
        else parser.write(chunk);
      } catch (e) {
        if (e instanceof InputError) throw e;
        if (e instanceof XmlTokenTooLong) throw new InputError('BAD_XML', { file: this.file, part, detail: `一个标签或一段文字长达 ${mb(e.chars)}，超过上限 ${mb(MAX_TOKEN_CHARS)}` });
        throw new InputError('BAD_XML', { file: this.file, part });
      }
    };
    try {
      for await (const chunk of iterate(stream)) feed(chunk);
      feed(null);
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError('TRUNCATED', { file: this.file }); // the inflate or the zip broke
    }
  }

  /**
   * Streams the rows of a sheet in order; `onRow` sees each row once; `progress` hears the share
   * read now and then. Returns the sheet's merged ranges, which come after the rows.
   */
  async readRows(sheet: SheetEntry, onRow: (row: RawRow) => void, progress?: (done: number) => void): Promise<MergeRange[]> {
    const merges: MergeRange[] = [];
    const strings = await this.loadSharedStrings();
    const file = this.file;
    const date1904 = this.date1904;
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
    const bad = (detail: string) => new InputError('BAD_XML', { file, part: sheet.part, detail });
    await this.parseStream(sheet.part, {
      open(tag, a) {
        switch (localName(tag)) {
          case 'row': {
            // rows in order, each once, numbered as a sheet numbers them: anything else is not a sheet Excel wrote
            const r = a.get('r');
            const n = r === undefined ? rowNumber + 1 : parseRowNumber(r);
            if (n === undefined) throw bad(`行号“${r}”无效`);
            if (n <= rowNumber) throw bad(`第${n}行出现在第${rowNumber}行之后（行的顺序有误或重复）`);
            rowNumber = n;
            cells = [];
            col = -1;
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
    }, progress);
    return merges;
  }
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

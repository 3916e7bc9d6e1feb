/**
 * Reads the sheets of an .xlsx as raw rows, streaming: the sheet part is inflated and parsed
 * with a strict SAX parser (`sax.ts`), one row at a time, never as a whole DOM. Only what the rules need
 * is decoded: cell values, shared strings, the date system.
 */
import { InputError } from '../core/problems.js';
import type { MergeRange, RawCell, RawRow } from '../core/table.js';
import { normalizeText } from '../core/text.js';
import { localName, SaxParser, type SaxAttributes, type SaxHandler } from './sax.js';
import { BIG_PART_BYTES, iterate, utf8Decoder, openZip, type ZipArchive, type ZipLimits, type ZipSource } from './zip.js';

export const MAX_ROWS = 1_048_576; // Excel's own limit
const MAX_COLUMNS = 16_384;

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

/** Column index (0-based) of a cell reference such as `AB12`. */
export function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Merged areas given as references (`A1:C1`), as ranges; ones that do not parse are left out. */
export function parseMergeRefs(refs: readonly string[]): MergeRange[] {
  return refs.map(parseMergeRef).filter((m): m is MergeRange => m !== undefined);
}

function parseMergeRef(ref: string): MergeRange | undefined {
  const [a, b = a] = ref.split(':');
  const r1 = Number(/\d+$/.exec(a!)?.[0]);
  const r2 = Number(/\d+$/.exec(b!)?.[0]);
  const c1 = columnIndex(a!);
  const c2 = columnIndex(b!);
  if (!(r1 >= 1) || !(r2 >= r1) || c1 < 0 || c2 < c1) return undefined;
  return { c1, r1, c2, r2 };
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
    const stream = bytes.pipeThrough(utf8Decoder());
    const parser = new SaxParser(handler);
    const feed = (chunk: string | null) => {
      try {
        if (chunk === null) parser.close();
        else parser.write(chunk);
      } catch (e) {
        if (e instanceof InputError) throw e;
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
    await this.parseStream(sheet.part, {
      open(tag, a) {
        switch (localName(tag)) {
          case 'row': {
            const r = a.get('r');
            rowNumber = r !== undefined ? Number(r) : rowNumber + 1;
            if (!(rowNumber >= 1) || rowNumber > MAX_ROWS) throw new InputError('TOO_MANY_ROWS', { file, sheet: sheet.name, limit: MAX_ROWS });
            cells = [];
            col = -1;
            break;
          }
          case 'c': {
            const r = a.get('r');
            col = r !== undefined ? columnIndex(r) : col + 1;
            if (col < 0 || col >= MAX_COLUMNS) throw new InputError('BAD_XML', { file, part: sheet.part });
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
            const m = ref === undefined ? undefined : parseMergeRef(ref);
            if (m) merges.push(m);
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
            if (hasValue) cells[col] = cellValue(type, value, inlineText, strings);
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

function cellValue(type: string, value: string, inlineText: string, strings: string[]): RawCell {
  switch (type) {
    case 's':
      return strings[Number(value)] ?? null;
    case 'inlineStr':
      return inlineText;
    case 'str':
    case 'e':
    case 'd':
      return value;
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

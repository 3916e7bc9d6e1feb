/**
 * Rewrites one worksheet part, streaming, so that only the tool's own columns change: every row,
 * cell and element it does not own is copied as the exact text it was. What it touches:
 * - the cells of the owned columns (old ones dropped, new ones merged in column order);
 * - `spans` of the rows it writes to, and the `<dimension>` ref, widened to cover them;
 * - the `<col>` entries of the owned columns (a clerk's range over them is split around them);
 * - its own `<conditionalFormatting>` elements (found by HIGHLIGHT_MARK), replaced; the clerk's stay.
 */
import { dayToExcelSerial } from '../core/dates.js';
import { HIGHLIGHT_MARK, type HighlightColour } from '../core/owned.js';
import type { OwnedValue, SheetWrite } from '../core/writeback.js';
import { areaRef, cellRef, columnIndex, columnsArea, DATE_1904_OFFSET, parseArea } from '../core/address.js';
import { attribute, escapeXml, tagEnd, unescapeXml, withAttribute, XmlScanner, type XmlToken } from './xmlScan.js';
import { PREFIX } from './xmlChars.js';

export interface PatchStyles {
  /** cellXfs index of the tool's date style. */
  dateStyle: number;
  /** dxfs index per highlight colour. */
  dxf: Record<HighlightColour, number>;
}

export interface PatchOptions {
  styles: PatchStyles;
  date1904: boolean;
  /** The workbook's shared strings, to tell whether an owned cell's value really changes. */
  sharedStrings: readonly string[];
  /** Take ordinary rows whole instead of tag by tag (default on; off only to test it against the slow path). */
  fastRows?: boolean;
}

export interface PatchStats {
  /** Owned cells whose value differs from before (added, changed or emptied). */
  changedCells: number;
  /** Rows taken whole by the fast path (the rest went tag by tag). */
  rowsTakenWhole: number;
}

// Elements of a worksheet that come after <conditionalFormatting> in the schema's order.
const AFTER_CONDITIONAL_FORMATS = new Set([
  'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks',
  'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF',
  'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst',
]);

// the few regular expressions that look into raw tags, with the one prefix pattern
const VALUE = new RegExp(`<${PREFIX}v(?:\\s[^>]*)?>([^<]*)<\\/${PREFIX}v>`);
const INLINE_TEXT = new RegExp(`<${PREFIX}t(?:\\s[^>]*)?>([^<]*)<\\/${PREFIX}t>`, 'g');
const COL = new RegExp(`<${PREFIX}col\\b[^>]*?(?:\\/>|>\\s*<\\/${PREFIX}col\\s*>)`, 'g');
const ROOT_PREFIX = /^<([\w.-]+:)?worksheet/;
const MARKUP = /<[!?]/g;

const MARKS = [HIGHLIGHT_MARK, escapeXml(HIGHLIGHT_MARK)];
const isOwnedFormat = (raw: string) => MARKS.some((m) => raw.includes(m));

interface Piece {
  /** Column of a cell; undefined for anything else inside the row. */
  col?: number;
  raw: string;
}

/** Past this many characters a row is not looked for whole by the fast path (it goes tag by tag). */
const FAST_ROW_LIMIT = 1 << 20;

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * The close tag `</row>` (as `close`, e.g. with a prefix) at or after `from`, whitespace allowed
 * before its `>` as XML allows: its start and end; `'incomplete'` when the text ends first.
 */
function closeTagAt(s: string, from: number, close: string): [number, number] | 'incomplete' | undefined {
  const head = close.slice(0, -1); // `</row`
  for (let at = s.indexOf(head, from); at >= 0; at = s.indexOf(head, at + 1)) {
    let j = at + head.length;
    while (j < s.length && isSpace(s.charCodeAt(j))) j++;
    if (j >= s.length) return 'incomplete';
    if (s.charCodeAt(j) === 62) return [at, j + 1];
    if (j > at + head.length) return undefined; // `</row x>`: not for the fast path to judge
  }
  return 'incomplete';
}

/**
 * The value of `r` read in place when a tag (its name ending at `nameEnd`) has it first, in double
 * quotes and without a reference, as Excel writes every row and cell; otherwise undefined, for
 * `attribute` to read. Reading it so saves slicing and searching every tag of a big log twice.
 */
function plainR(s: string, nameEnd: number, tagStop: number): string | undefined {
  if (!s.startsWith(' r="', nameEnd)) return undefined;
  const from = nameEnd + 4;
  const quote = s.indexOf('"', from);
  if (quote < 0 || quote >= tagStop) return undefined;
  const value = s.slice(from, quote);
  return value.includes('&') ? undefined : value;
}

/** An attribute value as written into the tool's own tags: escaped, whatever it was copied from. */
const attr = (value: string | number) => escapeXml(String(value));

function textEscape(text: string): string {
  return escapeXml(text).replace(/&quot;/g, '"');
}

function oldCellValue(raw: string, strings: readonly string[]): string {
  const type = attribute(raw.slice(0, raw.indexOf('>') + 1), 't') ?? 'n';
  if (type === 'inlineStr') {
    let text = '';
    for (const m of raw.matchAll(INLINE_TEXT)) text += unescapeXml(m[1]!);
    return text;
  }
  const v = VALUE.exec(raw)?.[1];
  if (v === undefined) return '';
  return type === 's' ? (strings[Number(v)] ?? '') : unescapeXml(v);
}

/** A row tag whose `spans` (if any) reaches the tool's new cells. */
function widenSpans(open: string, cells: readonly Piece[]): string {
  const spans = cells.length ? attribute(open, 'spans') : undefined;
  if (!spans) return open;
  let top = 0;
  for (const c of cells) top = Math.max(top, c.col! + 1);
  const widened = widerSpans(spans, top);
  return widened === spans ? open : withAttribute(open, 'spans', widened);
}

// The rows of a log mostly share one `spans`: the last answer is kept.
let lastSpans = { spans: '', top: -1, widened: '' };

/** A list of ranges ("1:3 5:7") with the last one stretched to `top`, or the same text. */
function widerSpans(spans: string, top: number): string {
  if (spans === lastSpans.spans && top === lastSpans.top) return lastSpans.widened;
  const ranges = spans.trim().split(/\s+/);
  const [lo, hi] = ranges[ranges.length - 1]!.split(':').map(Number);
  let widened = spans;
  if (Number.isInteger(lo) && Number.isInteger(hi) && top > hi!) {
    ranges[ranges.length - 1] = `${lo}:${top}`;
    widened = ranges.join(' ');
  }
  lastSpans = { spans, top, widened };
  return widened;
}

export class SheetPatcher {
  private readonly scanner: XmlScanner;
  private readonly owned: Set<number>;
  /** Owned columns, 1-based as in `<col min max>`, ascending. */
  private readonly ownedSorted: number[];
  private readonly written: { col: number; width: number }[];
  private readonly insertRows: number[];
  private readonly insertValues: OwnedValue[][];
  private readonly minOwned: number;
  private insertAt = 0;
  private prefix = '';
  private depth = 0;
  private mode: 'top' | 'sheetData' | 'row' | 'cell' | 'cols' | 'cf' = 'top';
  private colsSeen = false;
  private formatsDone = false;
  private maxPriority = 0;
  private collected: string[] = [];
  private rowOpen = '';
  private rowNumber = 0;
  private lastCol = -1;
  private pieces: Piece[] = [];
  readonly stats: PatchStats = { changedCells: 0, rowsTakenWhole: 0 };

  constructor(
    private readonly write: SheetWrite,
    private readonly options: PatchOptions,
    private readonly emit: (text: string) => void,
  ) {
    this.scanner = new XmlScanner((t) => this.token(t));
    this.written = write.columns.map((c) => ({ col: c.column, width: c.width }));
    this.owned = new Set([...write.columns.map((c) => c.column), ...write.stale]);
    this.ownedSorted = [...this.owned].map((c) => c + 1).sort((a, b) => a - b);
    // the rows to write in order, with their values: walked once, not looked up row by row
    const rows = [...write.rows];
    if (rows.some((e, k) => k > 0 && e[0] < rows[k - 1]![0])) rows.sort((a, b) => a[0] - b[0]);
    this.insertRows = rows.map((e) => e[0]);
    this.insertValues = rows.map((e) => e[1]);
    this.minOwned = Math.min(...this.owned);
    if (options.fastRows !== false) this.scanner.fastForward = (s, i, final) => this.wholeRow(s, i, final);
  }

  push(chunk: string): void {
    this.scanner.write(chunk);
  }

  end(): PatchStats {
    this.scanner.end();
    return this.stats;
  }

  private tag(name: string): string {
    return this.prefix + name;
  }

  /** The tags the fast path looks for, made once the sheet's prefix is known. */
  private fastTags?: { rowOpen: string; rowClose: string; cellOpen: string; cellClose: string };
  /** The next `<!` or `<?` at or after `nextMarkupFrom` in `markupIn` (-1: none): found once per buffer, not per row. */
  private markupIn = '';
  private nextMarkupFrom = 0;
  private nextMarkup = -1;

  private markupAfter(s: string, from: number): number {
    if (s !== this.markupIn || from < this.nextMarkupFrom || (this.nextMarkup >= 0 && this.nextMarkup < from)) {
      // one regular-expression pass, not two indexOf: on a sheet's two-byte (Chinese) text it is
      // four times faster, and it runs over every piece of the sheet
      MARKUP.lastIndex = from;
      this.nextMarkup = MARKUP.exec(s)?.index ?? -1;
      this.markupIn = s;
      this.nextMarkupFrom = from;
    }
    return this.nextMarkup;
  }

  private token(t: XmlToken): void {
    switch (this.mode) {
      case 'top':
        return this.top(t);
      case 'sheetData':
        return this.sheetData(t);
      case 'row':
      case 'cell':
        return this.inRow(t);
      case 'cols':
        this.collected.push(t.raw);
        if (t.kind === 'close' && t.name === 'cols') {
          this.emit(this.rebuildCols(this.collected.join('')));
          this.mode = 'top';
          this.depth--;
        }
        return;
      case 'cf':
        this.collected.push(t.raw);
        if (t.kind === 'close' && t.name === 'conditionalFormatting') {
          const raw = this.collected.join('');
          if (!isOwnedFormat(raw)) {
            for (const m of raw.matchAll(/\spriority\s*=\s*["'](\d+)["']/g)) this.maxPriority = Math.max(this.maxPriority, Number(m[1]));
            this.emit(raw);
          }
          this.mode = 'top';
          this.depth--;
        }
        return;
    }
  }

  private top(t: XmlToken): void {
    if (t.kind === 'open' && this.depth === 0 && t.name === 'worksheet') {
      const m = ROOT_PREFIX.exec(t.raw);
      this.prefix = m?.[1] ?? '';
    }
    if (this.depth === 1 && (t.kind === 'open' || t.kind === 'empty')) {
      if (!this.formatsDone && AFTER_CONDITIONAL_FORMATS.has(t.name)) this.emitFormats();
      if (t.name === 'dimension') {
        // `<dimension …></dimension>` is an element like any other: its close comes at this depth
        this.emit(this.dimension(t.raw));
        if (t.kind === 'open') this.depth++;
        return;
      }
      if (t.name === 'cols' && t.kind === 'open') {
        this.colsSeen = true;
        this.mode = 'cols';
        this.collected = [t.raw];
        this.depth++;
        return;
      }
      if (t.name === 'cols') {
        this.colsSeen = true;
        return this.emit(this.rebuildCols(t.raw));
      }
      if (t.name === 'conditionalFormatting' && t.kind === 'open') {
        this.mode = 'cf';
        this.collected = [t.raw];
        this.depth++;
        return;
      }
      if (t.name === 'sheetData') {
        if (!this.colsSeen && this.written.length) this.emit(this.rebuildCols(''));
        if (t.kind === 'empty') {
          this.emit(t.raw.replace(/\s*\/>$/, '>'));
          this.flushInsertedRows(Infinity);
          this.emit(`</${this.tag('sheetData')}>`);
          return;
        }
        this.emit(t.raw);
        this.mode = 'sheetData';
        this.depth++;
        return;
      }
    }
    if (t.kind === 'close' && this.depth === 1 && t.name === 'worksheet' && !this.formatsDone) this.emitFormats();
    this.emit(t.raw);
    if (t.kind === 'open') this.depth++;
    else if (t.kind === 'close') this.depth--;
  }

  private sheetData(t: XmlToken): void {
    if (t.name === 'row' && (t.kind === 'open' || t.kind === 'empty')) {
      const r = attribute(t.raw, 'r');
      this.rowNumber = r !== undefined ? Number(r) : this.rowNumber + 1;
      this.flushInsertedRows(this.rowNumber);
      this.rowOpen = t.raw;
      this.pieces = [];
      this.lastCol = -1;
      if (t.kind === 'empty') this.finishRow(true);
      else this.mode = 'row';
      return;
    }
    if (t.kind === 'close' && t.name === 'sheetData') {
      this.flushInsertedRows(Infinity);
      this.emit(t.raw);
      this.mode = 'top';
      this.depth--;
      return;
    }
    this.emit(t.raw);
  }

  private inRow(t: XmlToken): void {
    if (this.mode === 'cell') {
      this.pieces[this.pieces.length - 1]!.raw += t.raw;
      if (t.kind === 'close' && t.name === 'c') this.mode = 'row';
      return;
    }
    if (t.name === 'c' && (t.kind === 'open' || t.kind === 'empty')) {
      const r = attribute(t.raw, 'r');
      this.lastCol = r !== undefined ? columnIndex(r) : this.lastCol + 1;
      this.pieces.push({ col: this.lastCol, raw: t.raw });
      if (t.kind === 'open') this.mode = 'cell';
      return;
    }
    if (t.kind === 'close' && t.name === 'row') {
      this.finishRow(false, t.raw);
      this.mode = 'sheetData';
      return;
    }
    this.pieces.push({ raw: t.raw });
  }

  /** Rows the tool writes to that the sheet does not have yet, up to (not including) `before`. */
  private flushInsertedRows(before: number): void {
    while (this.insertAt < this.insertRows.length && this.insertRows[this.insertAt]! < before) {
      const values = this.insertValues[this.insertAt]!;
      const r = this.insertRows[this.insertAt++]!;
      const cells = this.newCells(r, values, []);
      if (cells.length) this.emit(`<${this.tag('row')} r="${r}">${cells.map((c) => c.raw).join('')}</${this.tag('row')}>`);
    }
  }

  private finishRow(empty: boolean, close = ''): void {
    const r = this.rowNumber;
    const values = this.insertRows[this.insertAt] === r ? this.insertValues[this.insertAt++] : this.write.rows.get(r);
    const hasOwned = this.pieces.some((p) => p.col !== undefined && this.owned.has(p.col));
    if (!values && !hasOwned) {
      this.emit(this.rowOpen + this.pieces.map((p) => p.raw).join('') + close);
      return;
    }
    const kept = this.pieces.filter((p) => p.col === undefined || !this.owned.has(p.col));
    const old = new Map(this.pieces.filter((p) => p.col !== undefined && this.owned.has(p.col)).map((p) => [p.col!, p.raw]));
    const cells = this.newCells(r, values, kept, old);
    for (const cell of cells) {
      const at = kept.findIndex((p) => p.col !== undefined && p.col > cell.col!);
      if (at < 0) kept.push(cell);
      else kept.splice(at, 0, cell);
    }
    const open = widenSpans(empty ? this.rowOpen.replace(/\s*\/>$/, '>') : this.rowOpen, cells);
    this.emit(open + kept.map((p) => p.raw).join('') + (empty ? `</${this.tag('row')}>` : close));
  }

  /**
   * The fast path for the bulk of a big log: an ordinary data row, whole in the buffer, whose
   * cells at or right of the first owned column are all owned (as the tool wrote them), is
   * patched by cutting its text at that column, without a token per tag. Anything less plain
   * (the header row, a row without `r`, comments, a clerk's cell among the owned ones) declines
   * and goes the tag-by-tag way; a test checks both ways write the same bytes.
   */
  private wholeRow(s: string, i: number, final: boolean): number {
    if (this.mode !== 'sheetData' || s.charCodeAt(i) !== 60) return i;
    const tags = (this.fastTags ??= { rowOpen: `<${this.tag('row')}`, rowClose: `</${this.tag('row')}>`, cellOpen: `<${this.tag('c')}`, cellClose: `</${this.tag('c')}>` });
    const { rowOpen, rowClose, cellOpen, cellClose } = tags;
    if (!s.startsWith(rowOpen, i)) return i;
    if (i + rowOpen.length >= s.length) return final ? i : -1;
    const after = s.charCodeAt(i + rowOpen.length);
    if (after !== 32) return i;
    const openEnd = tagEnd(s, i);
    if (openEnd < 0) return final ? i : -1;
    if (s.charCodeAt(openEnd - 2) === 47) return i; // <row/>
    const found = closeTagAt(s, openEnd, rowClose);
    if (found === 'incomplete') return final || s.length - i > FAST_ROW_LIMIT ? i : -1; // a row this long goes tag by tag
    if (!found) return i;
    const [close, next] = found;
    // this row's own close: no other row opens before it
    const other = s.indexOf(rowOpen, openEnd);
    if (other >= 0 && other < close) return i;
    const markup = this.markupAfter(s, openEnd);
    if (markup >= 0 && markup < close) return i; // a comment or the like inside the row
    const rowTag = s.slice(i, openEnd);
    const rAttr = plainR(s, i + rowOpen.length, openEnd) ?? attribute(rowTag, 'r');
    if (rAttr === undefined) return i;
    const r = Number(rAttr);
    if (!(r > 0) || r === this.write.headerRow || r <= this.rowNumber) return i;

    // Walk the cells back from the end of the row while they are owned ones.
    const old = new Map<number, string>();
    let ownedStart = close;
    let pos = close;
    for (;;) {
      const at = s.lastIndexOf(cellOpen, pos - 1);
      if (at < openEnd) break;
      pos = at;
      const ch = s.charCodeAt(at + cellOpen.length);
      // `<c r=…>`, `<c\nr=…>`, `<c>`, `<c/>`; not `<color …>` inside rich text
      if (!isSpace(ch) && ch !== 62 && ch !== 47) continue;
      const tagStop = tagEnd(s, at);
      if (tagStop < 0 || tagStop > close) return i;
      const ref = plainR(s, at + cellOpen.length, tagStop) ?? attribute(s.slice(at, tagStop), 'r');
      if (ref === undefined) return i;
      const col = columnIndex(ref);
      if (col < this.minOwned) break;
      if (!this.owned.has(col)) return i;
      let end = tagStop;
      if (s.charCodeAt(tagStop - 2) !== 47) {
        const ce = s.indexOf(cellClose, tagStop);
        if (ce < 0 || ce >= close) return i;
        end = ce + cellClose.length;
      }
      if (end !== ownedStart) return i; // something other than owned cells after it
      old.set(col, s.slice(at, end));
      ownedStart = at;
    }

    this.flushInsertedRows(r);
    // rows come in ascending order here: the written ones are the next of insertRows (no Map lookup per row)
    const values = this.insertRows[this.insertAt] === r ? this.insertValues[this.insertAt++] : undefined;
    this.rowNumber = r;
    this.stats.rowsTakenWhole++;
    if (!values && old.size === 0) {
      this.emit(s.slice(i, next));
      return next;
    }
    const cells = this.newCells(r, values, [], old).sort((a, b) => a.col! - b.col!);
    this.emit(widenSpans(rowTag, cells) + s.slice(openEnd, ownedStart) + cells.map((c) => c.raw).join('') + s.slice(close, next));
    return next;
  }

  /** The owned cells of row `r`, counting how many differ from `old`. */
  private newCells(r: number, values: readonly OwnedValue[] | undefined, kept: readonly Piece[], old: Map<number, string> = new Map()): Piece[] {
    const cells: Piece[] = [];
    const headerStyle = r === this.write.headerRow ? this.headerStyle(kept) : undefined;
    const seen = new Set<number>();
    this.write.columns.forEach((c, i) => {
      const value: OwnedValue = values?.[i] ?? null;
      seen.add(c.column);
      const before = old.has(c.column) ? oldCellValue(old.get(c.column)!, this.options.sharedStrings) : '';
      const cell = value === null || value === '' ? undefined : this.cell(c.column, r, value, headerStyle);
      if (cell) cells.push({ col: c.column, raw: cell.raw });
      if ((cell?.text ?? '') !== before) this.stats.changedCells++;
    });
    for (const [col, raw] of old) if (!seen.has(col) && oldCellValue(raw, this.options.sharedStrings) !== '') this.stats.changedCells++;
    return cells;
  }

  /** The style of the clerk's last header cell, so the tool's headers look like theirs. */
  private headerStyle(kept: readonly Piece[]): string | undefined {
    const first = Math.min(...this.written.map((w) => w.col));
    let best: Piece | undefined;
    for (const p of kept) if (p.col !== undefined && p.col < first && (!best || p.col > best.col!)) best = p;
    return best ? attribute(best.raw.slice(0, best.raw.indexOf('>') + 1), 's') : undefined;
  }

  private cell(col: number, r: number, value: Exclude<OwnedValue, null>, style: string | undefined): { raw: string; text: string } {
    const at = cellRef(r, col);
    const s = style !== undefined ? ` s="${attr(style)}"` : '';
    const c = this.tag('c');
    if (typeof value === 'number') return { raw: `<${c} r="${at}"${s}><${this.tag('v')}>${value}</${this.tag('v')}></${c}>`, text: String(value) };
    if (typeof value === 'object') {
      const serial = dayToExcelSerial(value.day) - (this.options.date1904 ? DATE_1904_OFFSET : 0);
      return { raw: `<${c} r="${at}" s="${attr(this.options.styles.dateStyle)}"><${this.tag('v')}>${serial}</${this.tag('v')}></${c}>`, text: String(serial) };
    }
    const t = this.tag('t');
    const space = value !== value.trim() ? ' xml:space="preserve"' : '';
    return { raw: `<${c} r="${at}"${s} t="inlineStr"><${this.tag('is')}><${t}${space}>${textEscape(value)}</${t}></${this.tag('is')}></${c}>`, text: value };
  }

  private dimension(raw: string): string {
    const ref = attribute(raw, 'ref');
    const range = ref ? parseArea(ref) : undefined;
    if (!range || !this.written.length) return raw;
    const lastRow = this.insertRows.length ? this.insertRows[this.insertRows.length - 1]! : range.r2;
    const c2 = Math.max(range.c2, ...this.written.map((w) => w.col));
    const r2 = Math.max(range.r2, lastRow);
    return withAttribute(raw, 'ref', areaRef({ c1: range.c1, r1: range.r1, c2, r2 }));
  }

  /** The clerk's `<col>` ranges with the owned columns cut out, and the tool's widths for them. */
  private rebuildCols(raw: string): string {
    const entries: { min: number; raw: string }[] = [];
    // a <col> is written `<col …/>` or, by some tools, `<col …></col>`: both are the clerk's columns
    for (const m of raw.matchAll(COL)) {
      const whole = m[0];
      const tag = whole.endsWith('/>') && !whole.includes('</') ? whole : `${whole.slice(0, whole.indexOf('>'))}/>`;
      const min = Number(attribute(tag, 'min'));
      const max = Number(attribute(tag, 'max'));
      let from = min;
      for (const o of this.ownedSorted) {
        if (o < from || o > max) continue;
        if (o > from) entries.push({ min: from, raw: withAttribute(withAttribute(tag, 'min', String(from)), 'max', String(o - 1)) });
        from = o + 1;
      }
      if (from === min) entries.push({ min, raw: whole });
      else if (from <= max) entries.push({ min: from, raw: withAttribute(withAttribute(tag, 'min', String(from)), 'max', String(max)) });
    }
    for (const w of this.written) entries.push({ min: w.col + 1, raw: `<${this.tag('col')} min="${w.col + 1}" max="${w.col + 1}" width="${attr(w.width)}" customWidth="1"/>` });
    entries.sort((a, b) => a.min - b.min);
    return `<${this.tag('cols')}>${entries.map((e) => e.raw).join('')}</${this.tag('cols')}>`;
  }

  private emitFormats(): void {
    this.formatsDone = true;
    const rows = this.write.dataRows;
    if (!rows) return;
    let priority = this.maxPriority;
    const cf = this.tag('conditionalFormatting');
    const rule = this.tag('cfRule');
    const formula = this.tag('formula');
    for (const h of this.write.highlights) {
      const sqref = h.columns.map((c) => columnsArea(c, rows)).join(' ');
      this.emit(
        `<${cf} sqref="${attr(sqref)}"><${rule} type="expression" dxfId="${attr(this.options.styles.dxf[h.colour])}" priority="${++priority}">` +
          `<${formula}>${textEscape(h.formula)}</${formula}></${rule}></${cf}>`,
      );
    }
  }
}

/**
 * A fake of WPS 表格's JS object model, as strict as Kingsoft documents it: the et template of its
 * `wpsjs` toolkit (2.2.3: `window.Application`, `Cells.Item(r, c)`, `CreateTaskPane`,
 * `GetTaskPane`, `PluginStorage`, `Enum`, `ApiEvent`) and the typings that template points to
 * (`et-jsapi-declare`: `Cells` a read-only Range, `Range(Cell1, Cell2?)` a method, `Sheets` and
 * `Worksheets`, `Workbook.FullName`, `Date1904`), with Excel's VBA model where those are silent:
 * - `Cells` is a property, a Range: `Cells(r, c)` throws (a Range is not a function); one cell is `Cells.Item(r, c)`;
 * - `Sheets` holds chart sheets, which have no `UsedRange`, `Cells` or `Range`; `Worksheets` does not;
 * - `MergeCells` is true, false or null (some merged);
 * - a relative reference in a conditional format's formula is taken relative to the active cell
 *   (what VBA documents for FormatConditions.Add); the rule keeps it as relative to its area's first
 *   cell; a new rule comes first (top priority), until SetLastPriority;
 * - `Select()` works only on the sheet in front of the workbook in front (VBA: "Select method of
 *   Range class failed"), and `Activate()` of a sheet only in the workbook in front;
 * - several workbooks are open, one in front; the clerk may switch between them;
 * - a task pane, once destroyed, is gone: `GetTaskPane` of its id throws.
 * Every question asked of a cell's merge state is counted, so a test can hold the host to few.
 * Browser-safe and with no imports: bundled into the pane's Chromium test as it is.
 */

export interface FakeSheetData {
  name: string;
  /** Values from A1, row by row ('' or null when empty). */
  rows: unknown[][];
  /** Merged areas, 1-based rows and columns. */
  merges?: { r1: number; c1: number; r2: number; c2: number }[];
}
export interface FakeBookData {
  name: string;
  /** Where the file is (FullName is this folder and the name). */
  folder?: string;
  sheets: FakeSheetData[];
  /** Chart sheets, by name, placed after the worksheets in `Sheets`. */
  charts?: string[];
  date1904?: boolean;
}

interface Area {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

const MAX_ROW = 1048576;
const MAX_COL = 16384;
const XL_EXPRESSION = 2;

function colIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n;
}
function colLetters(n: number): string {
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
function parseArea(address: string): Area {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(address);
  if (!m) throw new Error(`Range 参数无效：${address}`);
  const a = { c1: colIndex(m[1]!), r1: +m[2]!, c2: colIndex(m[3] ?? m[1]!), r2: +(m[4] ?? m[2]!) };
  if (a.r1 < 1 || a.r2 > MAX_ROW || a.c2 > MAX_COL || a.r1 > a.r2 || a.c1 > a.c2) throw new Error(`Range 参数无效：${address}`);
  return a;
}
const inside = (a: Area, r: number, c: number) => r >= a.r1 && r <= a.r2 && c >= a.c1 && c <= a.c2;
const overlaps = (a: Area, b: Area) => a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
const addressOf = (a: Area, abs = true) => {
  const d = abs ? '$' : '';
  const one = (r: number, c: number) => `${d}${colLetters(c)}${d}${r}`;
  return a.r1 === a.r2 && a.c1 === a.c2 ? one(a.r1, a.c1) : `${one(a.r1, a.c1)}:${one(a.r2, a.c2)}`;
};

/**
 * Moves the relative references of an A1 formula by rows and columns (outside string literals),
 * as Excel does when it takes a formula typed for one cell to another.
 */
export function shiftFormula(formula: string, rows: number, cols: number): string {
  return formula.split(/("(?:[^"]|"")*")/).map((part, i) => (i % 2 ? part : part.replace(/(^|[^A-Za-z0-9_.$])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_])/g, (_, lead: string, dc: string, col: string, dr: string, row: string) => {
    const c = dc ? colIndex(col) : colIndex(col) + cols;
    const r = dr ? +row : +row + rows;
    if (c < 1 || r < 1) throw new Error(`公式引用超出工作表：${formula}`);
    return `${lead}${dc}${colLetters(c)}${dr}${r}`;
  }))).join('');
}

export interface FakeFormat {
  Type: number;
  /** The formula as the rule keeps it: relative to the first cell of `appliesTo`. */
  stored: string;
  appliesTo: string;
  Interior: { Color: number };
  Font: { Color: number };
}

export class FakeWpsRange {
  constructor(
    readonly sheet: FakeWpsSheet,
    readonly a: Area,
  ) {}

  private get app(): FakeWps {
    return this.sheet.book.app;
  }

  get Row(): number {
    return this.a.r1;
  }
  get Column(): number {
    return this.a.c1;
  }
  get Rows() {
    return { Count: this.a.r2 - this.a.r1 + 1 };
  }
  get Columns() {
    return { Count: this.a.c2 - this.a.c1 + 1 };
  }
  get Value2(): unknown {
    const out: unknown[][] = [];
    for (let r = this.a.r1; r <= this.a.r2; r++) {
      const line: unknown[] = [];
      for (let c = this.a.c1; c <= this.a.c2; c++) line.push(this.sheet.cells.get(`${r},${c}`) ?? '');
      out.push(line);
    }
    this.app.calls.value++;
    return out.length === 1 && out[0]!.length === 1 ? out[0]![0] : out;
  }
  set Value2(v: unknown) {
    const grid = Array.isArray(v) ? (v as unknown[][]) : [[v]];
    for (let r = this.a.r1; r <= this.a.r2; r++) {
      for (let c = this.a.c1; c <= this.a.c2; c++) {
        const x = grid[r - this.a.r1]?.[c - this.a.c1];
        if (x === '' || x === undefined || x === null) this.sheet.cells.delete(`${r},${c}`);
        else this.sheet.cells.set(`${r},${c}`, x);
      }
    }
    // a change made by code fires SheetChange as a clerk's typing does (as VBA's Worksheet_Change)
    for (const l of this.sheet.book.app.listeners.get('SheetChange') ?? []) l(this.sheet, this);
    this.app.log.push(['write', this.sheet.Name, addressOf(this.a, false)]);
  }
  get NumberFormat(): unknown {
    return this.sheet.numberFormats.get(addressOf(this.a, false)) ?? 'G/通用格式';
  }
  set NumberFormat(f: unknown) {
    this.sheet.numberFormats.set(addressOf(this.a, false), f);
  }
  /** The range's own cells (a Range, not a function: `Cells(r, c)` throws, as in WPS). */
  get Cells(): FakeWpsRange {
    return this;
  }
  Item(row: number, column?: number): FakeWpsRange {
    if (column === undefined) {
      const width = this.a.c2 - this.a.c1 + 1;
      column = ((row - 1) % width) + 1;
      row = Math.floor((row - 1) / width) + 1;
    }
    const r = this.a.r1 + row - 1;
    const c = this.a.c1 + column - 1;
    if (r < 1 || c < 1 || r > MAX_ROW || c > MAX_COL) throw new Error('Item 参数超出工作表');
    return new FakeWpsRange(this.sheet, { r1: r, c1: c, r2: r, c2: c });
  }
  private mergeOf(r: number, c: number): Area | undefined {
    return this.sheet.merges.find((m) => inside(m, r, c));
  }
  get MergeCells(): boolean | null {
    this.app.calls.merge++;
    let some = false;
    let all = true;
    for (const m of this.sheet.merges) if (overlaps(m, this.a)) some = true;
    if (!some) return false;
    // all: every cell lies in some merge (a big range is judged by area sums, not cell by cell)
    let covered = 0;
    for (const m of this.sheet.merges) {
      if (!overlaps(m, this.a)) continue;
      covered += (Math.min(m.r2, this.a.r2) - Math.max(m.r1, this.a.r1) + 1) * (Math.min(m.c2, this.a.c2) - Math.max(m.c1, this.a.c1) + 1);
    }
    all = covered === (this.a.r2 - this.a.r1 + 1) * (this.a.c2 - this.a.c1 + 1);
    return all ? true : null;
  }
  get MergeArea(): FakeWpsRange {
    this.app.calls.merge++;
    return new FakeWpsRange(this.sheet, this.mergeOf(this.a.r1, this.a.c1) ?? { r1: this.a.r1, c1: this.a.c1, r2: this.a.r1, c2: this.a.c1 });
  }
  Address(rowAbsolute = true, columnAbsolute = true): string {
    if (rowAbsolute !== columnAbsolute) throw new Error('fake: mixed Address not modelled');
    return addressOf(this.a, rowAbsolute);
  }
  Select(): boolean {
    const app = this.app;
    if (app.ActiveWorkbook !== this.sheet.book || this.sheet.book.active !== this.sheet) throw new Error('Range 类的 Select 方法无效');
    this.sheet.selection = this.a;
    app.log.push(['select', this.sheet.Name, addressOf(this.a, false)]);
    app.selected = `${this.sheet.Name}!${addressOf(this.a, false)}`;
    return true;
  }
  get FormatConditions() {
    const sheet = this.sheet;
    const app = this.app;
    const mine = () => sheet.formats.filter((f) => overlaps(parseArea(f.appliesTo), this.a));
    return {
      get Count() {
        return mine().length;
      },
      Item: (i: number) => {
        const f = mine()[i - 1];
        if (!f) throw new Error('FormatConditions.Item 索引超出范围');
        const first = parseArea(f.appliesTo);
        const active = app.activeCell();
        return {
          Type: f.Type,
          // read back, a relative formula is again relative to the active cell
          get Formula1() {
            return shiftFormula(f.stored, active.r1 - first.r1, active.c1 - first.c1);
          },
          Interior: f.Interior,
          Font: f.Font,
          Delete: () => {
            sheet.formats.splice(sheet.formats.indexOf(f), 1);
          },
        };
      },
      Add: (type: number, _operator?: number, formula1?: string) => {
        if (type !== XL_EXPRESSION) throw new Error('fake: only xlExpression is modelled');
        if (typeof formula1 !== 'string' || !formula1.startsWith('=')) throw new Error('Formula1 应以 = 开头');
        const active = app.activeCell();
        const f: FakeFormat = {
          Type: type,
          stored: shiftFormula(formula1, this.a.r1 - active.r1, this.a.c1 - active.c1),
          appliesTo: addressOf(this.a, false),
          Interior: { Color: 0 },
          Font: { Color: 0 },
        };
        // as in Excel since 2007, a new rule comes first; SetLastPriority moves it to the end
        sheet.formats.unshift(f);
        return Object.assign(f, {
          SetFirstPriority: () => void sheet.formats.unshift(...sheet.formats.splice(sheet.formats.indexOf(f), 1)),
          SetLastPriority: () => void sheet.formats.push(...sheet.formats.splice(sheet.formats.indexOf(f), 1)),
        });
      },
    };
  }
}

export class FakeWpsSheet {
  readonly Type = -4167; // xlWorksheet
  cells = new Map<string, unknown>();
  formats: FakeFormat[] = [];
  numberFormats = new Map<string, unknown>();
  merges: Area[];
  selection: Area = { r1: 1, c1: 1, r2: 1, c2: 1 };

  constructor(
    readonly book: FakeWpsBook,
    public Name: string,
    rows: unknown[][],
    merges: Area[] = [],
  ) {
    this.merges = merges.map((m) => ({ ...m }));
    rows.forEach((line, r) => line.forEach((v, c) => {
      if (v !== null && v !== undefined && v !== '') this.cells.set(`${r + 1},${c + 1}`, v);
    }));
  }

  /** The workbook the sheet belongs to (SheetChange hands the sheet; its Parent tells which book). */
  get Parent(): FakeWpsBook {
    return this.book;
  }

  get UsedRange(): FakeWpsRange {
    let r1 = Infinity;
    let c1 = Infinity;
    let r2 = 0;
    let c2 = 0;
    for (const k of this.cells.keys()) {
      const [r, c] = k.split(',').map(Number) as [number, number];
      r1 = Math.min(r1, r);
      c1 = Math.min(c1, c);
      r2 = Math.max(r2, r);
      c2 = Math.max(c2, c);
    }
    for (const m of this.merges) {
      r1 = Math.min(r1, m.r1);
      c1 = Math.min(c1, m.c1);
      r2 = Math.max(r2, m.r2);
      c2 = Math.max(c2, m.c2);
    }
    return new FakeWpsRange(this, r2 ? { r1, c1, r2, c2 } : { r1: 1, c1: 1, r2: 1, c2: 1 });
  }
  get Cells(): FakeWpsRange {
    return new FakeWpsRange(this, { r1: 1, c1: 1, r2: MAX_ROW, c2: MAX_COL });
  }
  Range(address: string): FakeWpsRange {
    return new FakeWpsRange(this, parseArea(address.replace(/,.*$/, '')));
  }
  Activate(): boolean {
    if (this.book.app.ActiveWorkbook !== this.book) throw new Error('Worksheet 类的 Activate 方法无效');
    this.book.active = this;
    this.book.app.log.push(['activate', this.Name]);
    return true;
  }
  /** The clerk's hand: a row inserted above `row` (cells, merges and formats move down). */
  insertRow(row: number): void {
    const moved = new Map<string, unknown>();
    for (const [k, v] of this.cells) {
      const [r, c] = k.split(',').map(Number) as [number, number];
      moved.set(`${r >= row ? r + 1 : r},${c}`, v);
    }
    this.cells = moved;
    for (const m of this.merges) {
      if (m.r1 >= row) m.r1++;
      if (m.r2 >= row) m.r2++;
    }
  }
}

/** A chart sheet: in `Sheets`, with a name, and no cells at all. */
export class FakeChartSheet {
  readonly Type = -4109; // xlChart
  constructor(
    readonly book: FakeWpsBook,
    readonly Name: string,
  ) {}
  Activate(): boolean {
    this.book.app.log.push(['activate', this.Name]);
    return true;
  }
}

export class FakeWpsBook {
  readonly worksheets: FakeWpsSheet[];
  readonly charts: FakeChartSheet[];
  active: FakeWpsSheet;
  readonly Name: string;
  readonly FullName: string;
  readonly Date1904: boolean;

  constructor(
    readonly app: FakeWps,
    data: FakeBookData,
  ) {
    this.Name = data.name;
    this.FullName = `${data.folder ?? 'C:\\台账'}\\${data.name}`;
    this.Date1904 = data.date1904 === true;
    this.worksheets = data.sheets.map((s) => new FakeWpsSheet(this, s.name, s.rows, s.merges));
    this.charts = (data.charts ?? []).map((n) => new FakeChartSheet(this, n));
    this.active = this.worksheets[0]!;
  }

  private collection<T extends { Name: string }>(items: () => T[]) {
    return {
      get Count() {
        return items().length;
      },
      Item: (i: number | string) => {
        const found = typeof i === 'number' ? items()[i - 1] : items().find((s) => s.Name === i);
        if (!found) throw new Error(`下标越界：${i}`);
        return found;
      },
    };
  }
  get Sheets() {
    return this.collection<FakeWpsSheet | FakeChartSheet>(() => [...this.worksheets, ...this.charts]);
  }
  get Worksheets() {
    return this.collection(() => this.worksheets);
  }
  get ActiveSheet(): FakeWpsSheet {
    return this.active;
  }
  Activate(): boolean {
    this.app.front = this;
    this.app.log.push(['activate-workbook', this.Name]);
    return true;
  }
  sheet(name: string): FakeWpsSheet {
    return this.worksheets.find((s) => s.Name === name)!;
  }
}

interface FakePane {
  ID: number;
  url: string;
  Visible: boolean;
  DockPosition: number;
  deleted: boolean;
  Delete(): void;
}

/** `window.Application` of WPS 表格 with the given workbooks open, the first in front. */
export class FakeWps {
  readonly log: unknown[][] = [];
  selected: string | undefined;
  /** How often the host asked for values, and for the merge state of a range. */
  readonly calls = { value: 0, merge: 0 };
  readonly books: FakeWpsBook[];
  front: FakeWpsBook | null;
  readonly panes: FakePane[] = [];
  private readonly storage = new Map<string, unknown>();
  readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>();

  constructor(books: FakeBookData | FakeBookData[]) {
    this.books = (Array.isArray(books) ? books : [books]).map((b) => new FakeWpsBook(this, b));
    this.front = this.books[0] ?? null;
  }

  get ActiveWorkbook(): FakeWpsBook | null {
    return this.front;
  }
  get ActiveSheet(): FakeWpsSheet | null {
    return this.front?.active ?? null;
  }
  get Workbooks() {
    const books = this.books;
    return {
      get Count() {
        return books.length;
      },
      Item: (i: number | string) => {
        const found = typeof i === 'number' ? books[i - 1] : books.find((b) => b.Name === i);
        if (!found) throw new Error(`下标越界：${i}`);
        return found;
      },
    };
  }
  /** The active cell: the first cell of the selection on the sheet in front. */
  activeCell(): Area {
    const s = this.front?.active.selection ?? { r1: 1, c1: 1 };
    return { r1: s.r1, c1: s.c1, r2: s.r1, c2: s.c1 };
  }
  get Selection(): FakeWpsRange | null {
    return this.front ? new FakeWpsRange(this.front.active, this.front.active.selection) : null;
  }
  get Enum() {
    return { msoCTPDockPositionLeft: 0, msoCTPDockPositionRight: 2 };
  }
  get PluginStorage() {
    const storage = this.storage;
    return {
      getItem: (key: string) => (storage.has(key) ? storage.get(key) : null),
      setItem: (key: string, value: unknown) => void storage.set(key, value),
    };
  }
  CreateTaskPane(url: string): FakePane {
    const pane: FakePane = {
      ID: 1000 + this.panes.length,
      url,
      Visible: false,
      DockPosition: 0,
      deleted: false,
      Delete() {
        this.deleted = true;
      },
    };
    this.panes.push(pane);
    return pane;
  }
  GetTaskPane(id: number): FakePane {
    const pane = this.panes.find((p) => p.ID === Number(id) && !p.deleted);
    if (!pane) throw new Error(`找不到任务窗格 ${id}`);
    return pane;
  }
  get ApiEvent() {
    const listeners = this.listeners;
    return {
      AddApiEventListener: (event: string, callback: (...args: unknown[]) => void) => void listeners.set(event, [...(listeners.get(event) ?? []), callback]),
      RemoveApiEventListener: (event: string, callback: (...args: unknown[]) => void) => void listeners.set(event, (listeners.get(event) ?? []).filter((c) => c !== callback)),
    };
  }

  /** The clerk clicks another workbook's tab. */
  switchTo(name: string): void {
    this.front = this.books.find((b) => b.Name === name) ?? null;
  }
  /** The clerk types into a cell: the value lands and SheetChange fires, as WPS fires it. */
  type(book: string, sheet: string, address: string, value: unknown): void {
    const ws = this.books.find((b) => b.Name === book)!.sheet(sheet);
    const a = parseArea(address);
    if (value === '' || value === null) ws.cells.delete(`${a.r1},${a.c1}`);
    else ws.cells.set(`${a.r1},${a.c1}`, value);
    for (const l of this.listeners.get('SheetChange') ?? []) l(ws, new FakeWpsRange(ws, a));
  }
}

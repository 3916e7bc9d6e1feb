/// <reference types="office-js" />
/**
 * A fake of Office.js for one open workbook, as strict as Microsoft's API reference says Excel is
 * (the sources are @types/office-js 1.0.612 and the Office Add-ins docs; what each rule rests on
 * is said beside it). Microsoft's office-addin-mock was the fake before: it returns the string
 * "Error, property was not loaded" where Excel throws, and has no batches, so a host could read
 * before sync, load a custom rule of a colour scale, or ask for 600 merged areas, and pass.
 * Here, as in Excel:
 * - everything queues on the request context and happens at `sync()`; an error there fails the
 *   batch from that request on (earlier requests stay done), and the context goes on;
 * - a property is readable only after `load` and `sync` (PropertyNotLoaded), `isNullObject` only
 *   after a `sync`; an object is used only inside the `Excel.run` that made it (InvalidObjectPath);
 * - a method of an API set the host lacks fails (ApiNotFound): ConditionalFormats 1.6,
 *   onChanged 1.7, RangeAreas 1.9, getMergedAreasOrNullObject 1.13, getItemOrNullObject 1.4;
 * - loading `custom` of a conditional format that is not Custom fails the batch ("This operation
 *   is not permitted for the current object": office-js issue 2180); `customOrNullObject` is a
 *   null object there;
 * - `getMergedAreasOrNullObject` fails when the range has more than 512 merged areas (API
 *   reference), and gives the areas cut to the range asked (not documented either way: the
 *   harder case for a host);
 * - an answer or request over 5 MB fails (Excel on the web: ResponsePayloadSizeLimitExceeded /
 *   RequestPayloadSizeLimitExceeded), values of a whole sheet are null (unbounded range);
 * - values written must have the range's dimensions (InvalidArgument);
 * - a custom rule's formula is taken relative to the first cell of its range.
 * Browser-safe and with no imports: bundled into the pane's Chromium test as it is.
 */

export interface FakeSheetData {
  name: string;
  rows: unknown[][];
  merges?: { r1: number; c1: number; r2: number; c2: number }[];
  /** Conditional formats already there (the clerk's): a colour scale, a duplicate-values rule … */
  formats?: { type: string; area: string; formula?: string }[];
}
export interface FakeBookData {
  name: string;
  sheets: FakeSheetData[];
}

interface Area {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

const MAX_ROW = 1048576;
const MAX_COL = 16384;

class OfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

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
  const m = /^(?:.*!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(address.trim());
  if (!m) throw new OfficeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (${address})`);
  const a = { c1: colIndex(m[1]!), r1: +m[2]!, c2: colIndex(m[3] ?? m[1]!), r2: +(m[4] ?? m[2]!) };
  if (a.r1 < 1 || a.r2 > MAX_ROW || a.c2 > MAX_COL || a.r1 > a.r2 || a.c1 > a.c2) throw new OfficeError('InvalidArgument', `The argument is invalid (${address})`);
  return a;
}
const overlaps = (a: Area, b: Area) => a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
const addressOf = (a: Area) => `${colLetters(a.c1)}${a.r1}${a.r1 === a.r2 && a.c1 === a.c2 ? '' : `:${colLetters(a.c2)}${a.r2}`}`;
const cut = (a: Area, b: Area): Area => ({ r1: Math.max(a.r1, b.r1), c1: Math.max(a.c1, b.c1), r2: Math.min(a.r2, b.r2), c2: Math.min(a.c2, b.c2) });
const minor = (v: string) => Number(v.split('.')[1]);

interface SheetState {
  name: string;
  cells: Map<string, unknown>;
  merges: Area[];
  formats: { type: string; area: string; formula: string; fill?: string; font?: string }[];
  numberFormats: Map<string, unknown>;
  handlers: ((args: unknown) => Promise<unknown>)[];
}

/** What the fake's workbook holds and what the add-in did to it, for the tests to look at. */
export interface ExcelState {
  sheets: SheetState[];
  selected?: string;
  activated?: string;
  syncs: number;
  /** Requests that failed, by error code. */
  failures: string[];
}

type Op = () => void;

class Ctx {
  queue: Op[] = [];
  closed = false;
  syncs = 0;
  constructor(
    readonly fake: FakeExcel,
    readonly workbook: unknown,
  ) {}
  enqueue(op: Op): void {
    if (this.closed) throw new OfficeError('InvalidObjectPath', 'The object path is not valid: the request context of this object has ended (Excel.run is over).');
    this.queue.push(op);
  }
  async sync(): Promise<void> {
    if (this.closed) throw new OfficeError('InvalidObjectPath', 'Cannot use the object across different request contexts.');
    const ops = this.queue;
    this.queue = [];
    this.fake.state.syncs++;
    this.syncs++;
    for (const op of ops) {
      try {
        op();
      } catch (e) {
        this.fake.state.failures.push((e as OfficeError).code ?? 'GeneralException');
        throw e;
      }
    }
  }
}

/** A client object (a proxy of one in Excel): its properties exist only once loaded and synced. */
class ClientObject {
  private readonly loaded = new Map<string, unknown>();
  private bornAt: number;
  protected nullObject = false;
  constructor(readonly ctx: Ctx) {
    this.bornAt = ctx.syncs;
  }
  protected need(version: string, what: string): void {
    if (minor(version) > minor(this.ctx.fake.api)) throw new OfficeError('ApiNotFound', `The API you are trying to use could not be found: ${what} needs ExcelApi ${version}.`);
  }
  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) {
      throw new OfficeError('PropertyNotLoaded', `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
    }
    return this.loaded.get(prop) as T;
  }
  protected store(prop: string, value: unknown): void {
    this.loaded.set(prop, value);
  }
  get isNullObject(): boolean {
    if (this.ctx.syncs === this.bornAt) throw new OfficeError('PropertyNotLoaded', "The property 'isNullObject' is not available before context.sync().");
    return this.nullObject;
  }
  /** Paths as Office.js takes them: 'a, b', ['a', 'b'], 'items/a/b'. */
  load(props?: string | string[]): this {
    const paths = (Array.isArray(props) ? props : String(props ?? '').split(',')).map((p) => p.trim()).filter(Boolean);
    this.ctx.enqueue(() => {
      for (const p of paths) this.loadPath(p.split('/'));
    });
    return this;
  }
  /** Loads one path at sync time; subclasses know their properties. */
  protected loadPath(path: string[]): void {
    throw new OfficeError('InvalidArgument', `fake: cannot load ${path.join('/')} on ${this.constructor.name}`);
  }
}

class FakeWorkbook extends ClientObject {
  readonly worksheets: FakeWorksheets;
  constructor(ctx: Ctx) {
    super(ctx);
    this.worksheets = new FakeWorksheets(ctx);
  }
}

class FakeWorksheets extends ClientObject {
  get items(): FakeWorksheet[] {
    return this.read('items');
  }
  protected override loadPath(path: string[]): void {
    const [head, ...rest] = path;
    const names = this.ctx.fake.state.sheets.map((s) => s.name);
    if (head !== 'items' && head !== 'name') return super.loadPath(path);
    const items = names.map((n) => new FakeWorksheet(this.ctx, () => n));
    for (const item of items) item.loadNow(head === 'items' ? rest : path);
    this.store('items', items);
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      if (!this.ctx.fake.state.sheets.some((s) => s.name === name)) throw new OfficeError('ItemNotFound', `The requested resource doesn't exist. (${name})`);
      return name;
    });
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    this.need('1.4', 'getItemOrNullObject');
    const ws = new FakeWorksheet(this.ctx, () => name, true);
    this.ctx.enqueue(() => ws.settleNull());
    return ws;
  }
}

class FakeWorksheet extends ClientObject {
  constructor(
    ctx: Ctx,
    private readonly nameAt: () => string,
    private readonly orNull = false,
  ) {
    super(ctx);
  }
  settleNull(): void {
    this.nullObject = this.orNull && !this.ctx.fake.state.sheets.some((s) => s.name === this.nameAt());
  }
  sheet(): SheetState {
    const name = this.nameAt();
    const s = this.ctx.fake.state.sheets.find((x) => x.name === name);
    if (!s) throw new OfficeError('ItemNotFound', `The requested resource doesn't exist. (${name})`);
    return s;
  }
  loadNow(path: string[]): void {
    this.loadPath(path);
  }
  protected override loadPath(path: string[]): void {
    // 'name', or the item itself ('items' of the collection: its scalar properties)
    if ((path.length === 1 && path[0] === 'name') || path.length === 0) this.store('name', this.nullObject ? undefined : this.sheet().name);
    else super.loadPath(path);
  }
  get name(): string {
    return this.read('name');
  }
  getUsedRange(valuesOnly?: boolean): FakeRange {
    if (valuesOnly !== undefined) this.need('1.2', 'getUsedRange(valuesOnly)');
    return new FakeRange(this.ctx, this, () => {
      const s = this.sheet();
      let r1 = Infinity;
      let c1 = Infinity;
      let r2 = 0;
      let c2 = 0;
      for (const k of s.cells.keys()) {
        const [r, c] = k.split(',').map(Number) as [number, number];
        r1 = Math.min(r1, r);
        c1 = Math.min(c1, c);
        r2 = Math.max(r2, r);
        c2 = Math.max(c2, c);
      }
      // merged cells carry formatting, which the used range covers unless valuesOnly
      for (const m of valuesOnly ? [] : s.merges) {
        r1 = Math.min(r1, m.r1);
        c1 = Math.min(c1, m.c1);
        r2 = Math.max(r2, m.r2);
        c2 = Math.max(c2, m.c2);
      }
      // "If the entire worksheet is blank, this function will return the top left cell"
      return r2 ? { r1, c1, r2, c2 } : { r1: 1, c1: 1, r2: 1, c2: 1 };
    });
  }
  getRange(address?: string): FakeRange {
    if (address === undefined) return new FakeRange(this.ctx, this, () => ({ r1: 1, c1: 1, r2: MAX_ROW, c2: MAX_COL }), true);
    const a = parseArea(address);
    return new FakeRange(this.ctx, this, () => a);
  }
  activate(): void {
    this.ctx.enqueue(() => {
      this.ctx.fake.state.activated = this.sheet().name;
    });
  }
  get onChanged() {
    this.need('1.7', 'onChanged');
    return {
      add: (handler: (args: unknown) => Promise<unknown>) => {
        const result = {
          context: this.ctx,
          remove: () => {
            this.ctx.enqueue(() => {
              const s = this.sheet();
              s.handlers = s.handlers.filter((h) => h !== handler);
            });
          },
        };
        this.ctx.enqueue(() => void this.sheet().handlers.push(handler));
        return result;
      },
    };
  }
}

class FakeRange extends ClientObject {
  constructor(
    ctx: Ctx,
    readonly ws: FakeWorksheet,
    private readonly areaAt: () => Area,
    private readonly unbounded = false,
  ) {
    super(ctx);
  }
  area(): Area {
    return this.areaAt();
  }
  protected override loadPath(path: string[]): void {
    if (path.length !== 1) return super.loadPath(path);
    const a = this.area();
    const s = this.ws.sheet();
    switch (path[0]) {
      case 'values': {
        if (this.unbounded) {
          this.store('values', null); // an unbounded range's values are null
          return;
        }
        const cells = (a.r2 - a.r1 + 1) * (a.c2 - a.c1 + 1);
        if (cells > 5_000_000) throw new OfficeError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
        const values: unknown[][] = [];
        for (let r = a.r1; r <= a.r2; r++) {
          const line: unknown[] = [];
          for (let c = a.c1; c <= a.c2; c++) line.push(s.cells.get(`${r},${c}`) ?? '');
          values.push(line);
        }
        if (JSON.stringify(values).length > this.ctx.fake.payload) throw new OfficeError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".');
        this.store('values', values);
        return;
      }
      case 'address':
        this.store('address', `${s.name}!${addressOf(a)}`);
        return;
      case 'rowIndex':
        this.store('rowIndex', a.r1 - 1);
        return;
      case 'columnIndex':
        this.store('columnIndex', a.c1 - 1);
        return;
      case 'rowCount':
        this.store('rowCount', a.r2 - a.r1 + 1);
        return;
      case 'columnCount':
        this.store('columnCount', a.c2 - a.c1 + 1);
        return;
      default:
        return super.loadPath(path);
    }
  }
  get values(): unknown[][] {
    return this.read('values');
  }
  set values(v: unknown[][]) {
    const size = JSON.stringify(v).length;
    this.ctx.enqueue(() => {
      if (size > this.ctx.fake.payload) throw new OfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
      const a = this.area();
      if (v.length !== a.r2 - a.r1 + 1 || v.some((line) => line.length !== a.c2 - a.c1 + 1)) {
        throw new OfficeError('InvalidArgument', 'The number of rows or columns in the input array doesn\'t match the size or dimensions of the range.');
      }
      const s = this.ws.sheet();
      v.forEach((line, i) => line.forEach((x, j) => {
        const key = `${a.r1 + i},${a.c1 + j}`;
        if (x === '' || x === null) s.cells.delete(key);
        else s.cells.set(key, x);
      }));
      // Excel tells onChanged of the add-in's own writes too, after the batch; from ExcelApi 1.14
      // the event says so (triggerSource), before it does not
      const own = minor(this.ctx.fake.api) >= minor('1.14') ? { triggerSource: 'ThisLocalAddin' } : {};
      setTimeout(() => {
        for (const h of s.handlers) void h({ address: `${colLetters(a.c1)}${a.r1}:${colLetters(a.c2)}${a.r2}`, changeType: 'RangeEdited', source: 'Local', type: 'WorksheetChanged', worksheetId: s.name, ...own });
      }, 0);
    });
  }
  set numberFormat(v: unknown[][]) {
    this.ctx.enqueue(() => {
      const a = this.area();
      if (v.length !== a.r2 - a.r1 + 1) throw new OfficeError('InvalidArgument', 'numberFormat dimensions');
      this.ws.sheet().numberFormats.set(addressOf(a), v[0]![0]);
    });
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get address(): string {
    return this.read('address');
  }
  select(): void {
    this.ctx.enqueue(() => {
      this.ctx.fake.state.selected = `${this.ws.sheet().name}!${addressOf(this.area())}`;
    });
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    this.need('1.13', 'getMergedAreasOrNullObject');
    const areas = new FakeRangeAreas(this.ctx, this);
    this.ctx.enqueue(() => areas.settle());
    return areas;
  }
  get conditionalFormats(): FakeFormats {
    this.need('1.6', 'conditionalFormats');
    return new FakeFormats(this.ctx, this);
  }
}

class FakeRangeAreas extends ClientObject {
  private found: Area[] = [];
  constructor(
    ctx: Ctx,
    private readonly range: FakeRange,
  ) {
    super(ctx);
  }
  settle(): void {
    const a = this.range.area();
    const merges = this.range.ws.sheet().merges.filter((m) => overlaps(m, a));
    // "if the merged areas count in this range is more than 512, then this method will fail to return the result"
    if (merges.length > 512) throw new OfficeError('InvalidOperation', `This operation is not permitted: more than 512 merged areas (${merges.length}).`);
    this.found = merges.map((m) => cut(m, a));
    this.nullObject = this.found.length === 0;
  }
  protected override loadPath(path: string[]): void {
    const s = this.range.ws.sheet();
    if (path.join('/') === 'address') this.store('address', this.found.map((m) => `${s.name}!${addressOf(m)}`).join(', '));
    else if (path.join('/') === 'areas/items/address') {
      this.need('1.9', 'RangeAreas.areas');
      this.store('areas', { items: this.found.map((m) => ({ address: `${s.name}!${addressOf(m)}` })) });
    } else super.loadPath(path);
  }
  get address(): string {
    return this.read('address');
  }
  get areas(): { items: { address: string }[] } {
    return this.read('areas');
  }
}

type FormatState = SheetState['formats'][number];

class FakeFormats extends ClientObject {
  constructor(
    ctx: Ctx,
    private readonly range: FakeRange,
  ) {
    super(ctx);
  }
  private mine(): FormatState[] {
    const a = this.range.area();
    return this.range.ws.sheet().formats.filter((f) => f.area.split(/[ ,]+/).some((x) => overlaps(parseArea(x), a)));
  }
  protected override loadPath(path: string[]): void {
    if (path[0] !== 'items') return super.loadPath(path);
    const items = this.mine().map((f) => new FakeFormat(this.ctx, this.range, f));
    for (const item of items) item.loadNow(path.slice(1));
    this.store('items', items);
  }
  get items(): FakeFormat[] {
    return this.read('items');
  }
  add(type: string): FakeFormat {
    const f: FormatState = { type, area: '', formula: '' };
    this.ctx.enqueue(() => {
      f.area = addressOf(this.range.area());
      this.range.ws.sheet().formats.unshift(f); // "added at the top priority"
    });
    return new FakeFormat(this.ctx, this.range, f);
  }
}

class FakeFormat extends ClientObject {
  constructor(
    ctx: Ctx,
    private readonly range: FakeRange,
    private readonly f: FormatState,
  ) {
    super(ctx);
  }
  loadNow(path: string[]): void {
    if (path.length) this.loadPath(path);
  }
  protected override loadPath(path: string[]): void {
    const [head, ...rest] = path;
    if (head === 'type' && !rest.length) this.store('type', this.f.type);
    else if (head === 'custom') {
      if (this.f.type !== 'Custom') throw new OfficeError('InvalidOperation', 'This operation is not permitted for the current object.');
      this.custom.loadNow(rest);
    } else super.loadPath(path);
  }
  get type(): string {
    return this.read('type');
  }
  get custom(): FakeCustom {
    return (this._custom ??= new FakeCustom(this.ctx, this.f, false));
  }
  get customOrNullObject(): FakeCustom {
    const c = (this._customOrNull ??= new FakeCustom(this.ctx, this.f, true));
    this.ctx.enqueue(() => c.settle());
    return c;
  }
  private _custom?: FakeCustom;
  private _customOrNull?: FakeCustom;
  /** "The priority (or index) within the conditional format collection"; a new one is added at 0. */
  set priority(p: number) {
    this.ctx.enqueue(() => {
      const list = this.range.ws.sheet().formats;
      const i = list.indexOf(this.f);
      if (i < 0) throw new OfficeError('ItemNotFound', "The requested resource doesn't exist.");
      list.splice(i, 1);
      list.splice(Math.min(p, list.length), 0, this.f);
    });
  }
  delete(): void {
    this.ctx.enqueue(() => {
      const list = this.range.ws.sheet().formats;
      const i = list.indexOf(this.f);
      if (i < 0) throw new OfficeError('ItemNotFound', "The requested resource doesn't exist.");
      list.splice(i, 1);
    });
  }
}

class FakeCustom extends ClientObject {
  constructor(
    ctx: Ctx,
    private readonly f: FormatState,
    private readonly orNull: boolean,
  ) {
    super(ctx);
  }
  settle(): void {
    this.nullObject = this.orNull && this.f.type !== 'Custom';
  }
  loadNow(path: string[]): void {
    this.loadPath(path);
  }
  protected override loadPath(path: string[]): void {
    if (path.join('/') !== 'rule/formula') return super.loadPath(path);
    if (this.f.type !== 'Custom') {
      if (this.orNull) return;
      throw new OfficeError('InvalidOperation', 'This operation is not permitted for the current object.');
    }
    this.store('rule', { formula: this.f.formula });
  }
  get rule(): { formula: string } {
    const f = this.f;
    const ctx = this.ctx;
    let loaded: { formula: string } | undefined;
    try {
      loaded = this.read('rule');
    } catch {
      loaded = undefined;
    }
    return {
      get formula() {
        if (!loaded) throw new OfficeError('PropertyNotLoaded', "The property 'formula' is not available. Before reading the property's value, call the load method.");
        return loaded.formula;
      },
      set formula(v: string) {
        ctx.enqueue(() => {
          if (f.type !== 'Custom') throw new OfficeError('InvalidOperation', 'This operation is not permitted for the current object.');
          f.formula = v;
        });
      },
    };
  }
  get format() {
    const f = this.f;
    const ctx = this.ctx;
    return {
      fill: {
        set color(v: string) {
          ctx.enqueue(() => void (f.fill = v));
        },
      },
      font: {
        set color(v: string) {
          ctx.enqueue(() => void (f.font = v));
        },
      },
    };
  }
}

/** Office.js for one open workbook, with ExcelApi up to `api`; `install()` puts Excel and Office on globalThis. */
export class FakeExcel {
  readonly state: ExcelState;
  /** The largest answer or request (Excel on the web: 5 MB). */
  payload = 5 * 1024 * 1024;
  private contexts: Ctx[] = [];

  constructor(
    book: FakeBookData,
    readonly api = '1.13',
    readonly url: string | null = `C:\\台账\\${book.name}`,
  ) {
    this.state = {
      syncs: 0,
      failures: [],
      sheets: book.sheets.map((s) => {
        const cells = new Map<string, unknown>();
        s.rows.forEach((line, r) => line.forEach((v, c) => {
          if (v !== null && v !== undefined && v !== '') cells.set(`${r + 1},${c + 1}`, v);
        }));
        return {
          name: s.name,
          cells,
          merges: (s.merges ?? []).map((m) => ({ ...m })),
          formats: (s.formats ?? []).map((f) => ({ type: f.type, area: f.area, formula: f.formula ?? '' })),
          numberFormats: new Map(),
          handlers: [],
        };
      }),
    };
  }

  sheet(name: string): SheetState {
    return this.state.sheets.find((s) => s.name === name)!;
  }

  /** The owned cells a write left, by `row,col` (1-based), for comparing with refresh. */
  cells(name: string): Map<string, unknown> {
    return this.sheet(name).cells;
  }

  async run<T>(a: unknown, b?: unknown): Promise<T> {
    // Excel.run(callback) or Excel.run(context, callback)
    const reuse = typeof a === 'function' ? undefined : (a as Ctx);
    const callback = (typeof a === 'function' ? a : b) as (ctx: unknown) => Promise<T>;
    const ctx = reuse && this.contexts.includes(reuse) ? reuse : new Ctx(this, undefined);
    if (!reuse) this.contexts.push(ctx);
    ctx.closed = false;
    const context = Object.assign(ctx, { workbook: new FakeWorkbook(ctx) });
    try {
      const out = await callback(context);
      if (ctx.queue.length) await ctx.sync(); // Excel.run syncs what is left at the end
      return out;
    } finally {
      ctx.closed = true;
    }
  }

  /** The clerk types into a cell: the value lands, and each sheet's onChanged handlers hear of it. */
  async type(sheet: string, address: string, value: unknown): Promise<void> {
    const s = this.sheet(sheet);
    const a = parseArea(address);
    if (value === '' || value === null) s.cells.delete(`${a.r1},${a.c1}`);
    else s.cells.set(`${a.r1},${a.c1}`, value);
    for (const h of s.handlers) await h({ address, changeType: 'RangeEdited', source: 'Local', type: 'WorksheetChanged', worksheetId: s.name });
  }

  /** The clerk inserts a row above `row`. */
  insertRow(sheet: string, row: number): void {
    const s = this.sheet(sheet);
    const moved = new Map<string, unknown>();
    for (const [k, v] of s.cells) {
      const [r, c] = k.split(',').map(Number) as [number, number];
      moved.set(`${r >= row ? r + 1 : r},${c}`, v);
    }
    s.cells = moved;
  }

  /** The globals an add-in sees: `Excel` and `Office`. */
  globals(): { Excel: unknown; Office: unknown } {
    const api = this.api;
    return {
      Excel: {
        run: this.run.bind(this),
        ConditionalFormatType: { custom: 'Custom', dataBar: 'DataBar', colorScale: 'ColorScale', iconSet: 'IconSet', topBottom: 'TopBottom', presetCriteria: 'PresetCriteria', containsText: 'ContainsText', cellValue: 'CellValue' },
      },
      Office: {
        onReady: async () => ({ host: 'Excel', platform: 'PC' }),
        context: {
          requirements: { isSetSupported: (name: string, version: string) => name === 'ExcelApi' && minor(version) <= minor(api) },
          document: { url: this.url },
        },
      },
    };
  }

  install(): this {
    Object.assign(globalThis, this.globals());
    return this;
  }
}

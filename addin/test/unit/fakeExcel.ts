// A counting fake of the part of the Excel object model the pane uses. Like Office.js, it queues work
// and only reads or writes at context.sync(): a loaded property read before its sync throws.
import type { CellValue } from '../../src/format';

type Grid = CellValue[][];

export class FakeExcel {
  syncs = 0;
  readonly sheets = new Map<string, { grid: Grid; handlers: ((e: unknown) => Promise<void>)[]; formats: { text: string }[] }>();
  active: string;
  readonly ConditionalFormatType = { containsText: 'ContainsText' };
  readonly ConditionalTextOperator = { beginsWith: 'BeginsWith' };
  selected: { sheet: string; row: number; column: number } | null = null;
  readonly inserted: string[] = [];
  readonly opened: string[] = [];
  readonly WorksheetPositionType = { end: 'End' };
  readonly ChartType = { barStacked: 'BarStacked' };
  readonly ChartSeriesBy = { columns: 'Columns' };
  /** Charts added, per sheet: type, the source range (0-based row, column, rows, columns) and series by. */
  readonly charts: { sheet: string; type: string; source: [number, number, number, number]; seriesBy: string; title: string }[] = [];

  async createWorkbook(base64: string): Promise<void> {
    this.opened.push(base64);
  }

  constructor(sheets: Record<string, Grid>, active = Object.keys(sheets)[0]) {
    for (const [name, grid] of Object.entries(sheets)) this.sheets.set(name, { grid: grid.map((r) => [...r]), handlers: [], formats: [] });
    this.active = active;
  }

  run<T>(a: unknown, b?: (ctx: FakeContext) => Promise<T>): Promise<T> {
    const callback = (b ?? a) as (ctx: FakeContext) => Promise<T>;
    return callback(new FakeContext(this));
  }

  cell(sheet: string, row: number, column: number): CellValue {
    return this.sheets.get(sheet)!.grid[row - 1]?.[column] ?? null;
  }

  /** A person edits cells: the values change and the sheet's onChanged handlers hear of it. */
  async edit(sheet: string, row: number, column: number, block: Grid, address: string): Promise<void> {
    const grid = this.sheets.get(sheet)!.grid;
    block.forEach((cells, r) => cells.forEach((v, c) => set(grid, row - 1 + r, column + c, v)));
    for (const h of this.sheets.get(sheet)!.handlers) await h({ address, changeType: 'RangeEdited', source: 'Local' });
  }
}

function set(grid: Grid, r: number, c: number, v: CellValue) {
  while (grid.length <= r) grid.push([]);
  while (grid[r].length <= c) grid[r].push(null);
  grid[r][c] = v;
}

class FakeContext {
  private readonly pending: (() => void)[] = [];
  readonly workbook: { worksheets: FakeWorksheets; insertWorksheetsFromBase64: (base64: string) => void };

  constructor(readonly excel: FakeExcel) {
    this.workbook = {
      worksheets: new FakeWorksheets(this),
      insertWorksheetsFromBase64: (base64: string) => this.queue(() => excel.inserted.push(base64)),
    };
  }

  queue(work: () => void) {
    this.pending.push(work);
  }

  async sync(): Promise<void> {
    this.excel.syncs++;
    for (const work of this.pending.splice(0)) work();
  }
}

class FakeWorksheets {
  constructor(private readonly ctx: FakeContext) {}

  getItem(name: string) {
    if (!this.ctx.excel.sheets.has(name)) throw new Error(`ItemNotFound: ${name}`);
    return new FakeWorksheet(this.ctx, () => name);
  }

  getItemOrNullObject(name: string) {
    return new FakeWorksheet(this.ctx, () => (this.ctx.excel.sheets.has(name) ? name : null));
  }

  getActiveWorksheet() {
    return new FakeWorksheet(this.ctx, () => this.ctx.excel.active);
  }

  private _items: { name: string }[] | null = null;

  /** As in Office.js, the collection's items are there only after load('items/name') and a sync. */
  load() {
    this.ctx.queue(() => (this._items = [...this.ctx.excel.sheets.keys()].map((name) => ({ name }))));
    return this;
  }

  get items() {
    if (!this._items) throw new Error('PropertyNotLoaded: call load() and context.sync() first');
    return this._items;
  }

  /** Adds a sheet at sync; a name already taken (in any case) fails, as in Excel. */
  add(name: string) {
    this.ctx.queue(() => {
      if ([...this.ctx.excel.sheets.keys()].some((n) => n.toLowerCase() === name.toLowerCase())) throw new Error(`ItemAlreadyExists: ${name}`);
      this.ctx.excel.sheets.set(name, { grid: [], handlers: [], formats: [] });
    });
    return new FakeWorksheet(this.ctx, () => name);
  }
}

class Loadable {
  private loaded = false;
  constructor(protected readonly ctx: FakeContext) {}

  load(): this {
    this.ctx.queue(() => {
      this.fetch();
      this.loaded = true;
    });
    return this;
  }

  protected fetch(): void {}

  protected check() {
    if (!this.loaded) throw new Error('PropertyNotLoaded: call load() and context.sync() first');
  }
}

class FakeWorksheet extends Loadable {
  private _name: string | null = null;
  readonly onChanged = {
    add: (handler: (e: unknown) => Promise<void>) => {
      this.ctx.queue(() => this.data().handlers.push(handler));
      return { context: this.ctx, remove: () => this.ctx.queue(() => this.data().handlers.splice(this.data().handlers.indexOf(handler), 1)) };
    },
  };

  constructor(ctx: FakeContext, private readonly resolve: () => string | null) {
    super(ctx);
  }

  protected fetch() {
    this._name = this.resolve();
  }

  get name() {
    this.check();
    return this._name!;
  }

  get isNullObject() {
    this.check();
    return this._name === null;
  }

  private data() {
    return this.ctx.excel.sheets.get(this.resolve()!)!;
  }

  activate() {
    this.ctx.queue(() => (this.ctx.excel.active = this.resolve()!));
  }

  getRangeByIndexes(row: number, column: number, rows: number, columns: number) {
    return new FakeRange(this.ctx, () => this.data(), () => this.resolve()!, row, column, rows, columns);
  }

  getUsedRangeOrNullObject() {
    return new FakeUsedRange(this.ctx, () => (this.resolve() === null ? { grid: [] } : this.data()));
  }

  readonly charts = {
    add: (type: string, source: FakeRange, seriesBy: string) => {
      const chart = { title: { text: '' }, setPosition: () => undefined };
      this.ctx.queue(() => this.ctx.excel.charts.push({ sheet: this.resolve()!, type, source: source.area, seriesBy, title: chart.title.text }));
      return chart;
    },
  };
}

class FakeRange extends Loadable {
  private _values: Grid | null = null;
  readonly conditionalFormats = {
    clearAll: () => this.ctx.queue(() => (this.data().formats.length = 0)),
    add: () => {
      const format = { textComparison: { format: { fill: { color: '' }, font: { color: '' } }, rule: { text: '' } } };
      this.ctx.queue(() => this.data().formats.push({ text: format.textComparison.rule.text }));
      return format;
    },
  };

  constructor(ctx: FakeContext, private readonly data: () => { grid: Grid; formats: { text: string }[] }, private readonly sheet: () => string,
    private readonly row: number, private readonly column: number, private readonly rows: number, private readonly columns: number) {
    super(ctx);
  }

  protected fetch() {
    const grid = this.data().grid;
    this._values = Array.from({ length: this.rows }, (_, r) =>
      Array.from({ length: this.columns }, (_, c) => grid[this.row + r]?.[this.column + c] ?? ''));
  }

  get values(): Grid {
    this.check();
    return this._values!;
  }

  /** The range as 0-based row, column, rows, columns. */
  get area(): [number, number, number, number] {
    return [this.row, this.column, this.rows, this.columns];
  }

  /** Number formats set on this range, as given (the fake keeps them for tests; Excel applies them). */
  numberFormats: string[][] | null = null;
  readonly format = { font: { bold: false }, autofitColumns: () => undefined };

  /** Like Office.js, a 2-D array written to a range must have the range's own size ("InvalidArgument" otherwise). */
  private fits(block: unknown[][]) {
    if (block.length !== this.rows || block.some((r) => r.length !== this.columns))
      throw new Error(`InvalidArgument: the array is ${block.length}×${block[0]?.length ?? 0}, the range ${this.rows}×${this.columns}`);
  }

  set numberFormat(block: string[][]) {
    this.fits(block);
    this.numberFormats = block;
  }

  set values(block: Grid) {
    if (this.rows * this.columns > 1 || block.length !== 1) this.fits(block);
    this.ctx.queue(() => block.forEach((cells, r) => cells.forEach((v, c) => set(this.data().grid, this.row + r, this.column + c, v))));
  }

  select() {
    this.ctx.queue(() => (this.ctx.excel.selected = { sheet: this.sheet(), row: this.row + 1, column: this.column }));
  }
}

class FakeUsedRange extends Loadable {
  private _values: Grid | null = null;
  private first = { row: 0, column: 0 };

  constructor(ctx: FakeContext, private readonly data: () => { grid: Grid }) {
    super(ctx);
  }

  protected fetch() {
    const grid = this.data().grid;
    const used = grid.flatMap((r, ri) => r.map((v, ci) => (v === null || v === '' ? null : [ri, ci]))).filter((x): x is number[] => x !== null);
    if (used.length === 0) return;
    const top = Math.min(...used.map((u) => u[0])), left = Math.min(...used.map((u) => u[1]));
    const bottom = Math.max(...used.map((u) => u[0])), right = Math.max(...used.map((u) => u[1]));
    this.first = { row: top, column: left };
    this._values = Array.from({ length: bottom - top + 1 }, (_, r) => Array.from({ length: right - left + 1 }, (_, c) => grid[top + r]?.[left + c] ?? ''));
  }

  get isNullObject() {
    this.check();
    return this._values === null;
  }

  get values() {
    this.check();
    return this._values!;
  }

  get rowIndex() {
    this.check();
    return this.first.row;
  }

  get columnIndex() {
    this.check();
    return this.first.column;
  }
}

export class FakeSettings {
  readonly values = new Map<string, unknown>();
  saves = 0;
  get(key: string) { return this.values.get(key) ?? null; }
  set(key: string, value: unknown) { this.values.set(key, value); }
  saveAsync(callback: () => void) { this.saves++; callback(); }
}

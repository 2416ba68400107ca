// A counting fake of the part of the Excel object model the pane uses. Like Office.js, it queues work
// and only reads or writes at context.sync(): a loaded property read before its sync throws. Each behaviour
// that real Excel has and a kinder fake would hide is modelled, with the page or issue it comes from.
import { type CellValue, columnLetter } from '../../src/format';

type Grid = CellValue[][];
type Handler = (e: unknown) => Promise<void> | void;

// Excel on the web limits each request and each response to 5 MB and fails the sync with these codes:
// https://learn.microsoft.com/office/dev/add-ins/excel/performance#payload-size-limit-best-practices
export const PAYLOAD_LIMIT = 5 * 1000 * 1000;

/** A request carries, besides the values, the object path and the call that made each range and the property it sets:
 * a few hundred bytes each in Office.js's request JSON. Values count in UTF-8, as they go over the wire. */
export const ACTION_OVERHEAD = 300;
const requestBytes = (block: unknown) => new TextEncoder().encode(JSON.stringify(block)).length + ACTION_OVERHEAD;

/** What Office.js throws: an OfficeExtension.Error with a code (https://learn.microsoft.com/javascript/api/office/officeextension.error). */
export class FakeOfficeError extends Error {
  constructor(readonly code: string, message: string) {
    super(`${code}: ${message}`);
  }
}

export interface SheetData {
  id: string;
  name: string;
  grid: Grid;
  /** onChanged handlers, in the order added. */
  handlers: Handler[];
  sortHandlers: Handler[];
  formats: { text: string }[];
  /** Number formats per "row:column" (0-based); absent is General. */
  numberFormats: Map<string, string>;
}

interface UndoRecord {
  sheet: SheetData;
  cells: { r: number; c: number; before: CellValue }[];
}

export class FakeExcel {
  syncs = 0;
  /** The largest request or response of any sync so far, in bytes of JSON. */
  largestSync = 0;
  private readonly list: SheetData[] = [];
  private nextId = 1;
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
  /** The sheets inside a workbook file that insertWorksheetsFromBase64 would add, by its base64 text. */
  readonly files = new Map<string, Record<string, Grid>>();
  /** The user's undo stack: people's edits and the add-in's syncs alike. */
  readonly undoStack: UndoRecord[] = [];
  private cellEdit: { ended: Promise<void>; end: () => void } | null = null;
  /** Runs asked for with delayForCellEdit, and without. */
  readonly runOptions: { delayForCellEdit: boolean }[] = [];
  /** Whether each sync lets the event loop run first, as a round trip to Excel does. */
  yieldEachSync = false;
  /** The error code the next sync fails with, once. */
  failNextSync: string | null = null;

  async createWorkbook(base64: string): Promise<void> {
    this.opened.push(base64);
  }

  constructor(sheets: Record<string, Grid>, active = Object.keys(sheets)[0]) {
    for (const [name, grid] of Object.entries(sheets)) this.addSheet(name, grid);
    this.active = active;
  }

  /** The sheets by their current name. */
  get sheets(): Map<string, SheetData> {
    return new Map(this.list.map((s) => [s.name, s]));
  }

  byKey(key: string): SheetData | null {
    // getItem takes a name or an id: https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-getitem-member(1)
    return this.list.find((s) => s.id === key) ?? this.list.find((s) => s.name.toLowerCase() === key.toLowerCase()) ?? null;
  }

  addSheet(name: string, grid: Grid): SheetData {
    let unique = name;
    // Inserted sheets whose name is taken are renamed by Excel ("Toewijzingen (2)"), so callers must use the returned ids.
    for (let n = 2; this.byKey(unique); n++) unique = `${name} (${n})`;
    // A worksheet id is a GUID-like key that stays the same when the sheet is renamed or moved:
    // https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-id-member
    const sheet: SheetData = { id: `{0000000${this.nextId++}-SHEET}`, name: unique, grid: grid.map((r) => [...r]), handlers: [], sortHandlers: [], formats: [], numberFormats: new Map() };
    this.list.push(sheet);
    return sheet;
  }

  run<T>(a: unknown, b?: (ctx: FakeContext) => Promise<T>): Promise<T> {
    const callback = (b ?? a) as (ctx: FakeContext) => Promise<T>;
    if (b && a instanceof FakeContext) return callback(a);
    const delay = !!(b && (a as { delayForCellEdit?: boolean }).delayForCellEdit);
    this.runOptions.push({ delayForCellEdit: delay });
    const ctx = new FakeContext(this, delay);
    return callback(ctx);
  }

  cell(sheet: string, row: number, column: number): CellValue {
    return this.sheets.get(sheet)!.grid[row - 1]?.[column] ?? null;
  }

  // --- what a person does ---

  /** A person edits cells: the values change and the sheet's onChanged handlers hear of it.
   *  A co-author's edit (Remote) arrives the same way but is not on this user's undo stack. */
  async edit(sheet: string, row: number, column: number, block: Grid, address?: string, source: 'Local' | 'Remote' = 'Local'): Promise<void> {
    const data = this.sheets.get(sheet)!;
    const record: UndoRecord = { sheet: data, cells: [] };
    block.forEach((cells, r) => cells.forEach((v, c) => {
      record.cells.push({ r: row - 1 + r, c: column + c, before: data.grid[row - 1 + r]?.[column + c] ?? null });
      set(data.grid, row - 1 + r, column + c, v);
    }));
    if (source === 'Local') this.undoStack.push(record);
    const width = Math.max(...block.map((b) => b.length));
    const where = address ?? addressOf(row - 1, column, block.length, width);
    if (source === 'Local') this.relay(data, record.cells, where);
    await this.changed(data, where, source, 'Unknown');
  }

  /** Ctrl+Z: the last entry of the user's undo stack, whether the user's own edit or the add-in's write.
   *  Add-in writes join the undo stack: https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities */
  async undo(): Promise<void> {
    const last = this.undoStack.pop();
    if (!last) return;
    for (const { r, c, before } of [...last.cells].reverse()) set(last.sheet.grid, r, c, before);
    const rows = last.cells.map((x) => x.r), cols = last.cells.map((x) => x.c);
    const top = Math.min(...rows), left = Math.min(...cols);
    const where = addressOf(top, left, Math.max(...rows) - top + 1, Math.max(...cols) - left + 1);
    this.relay(last.sheet, last.cells, where);
    await this.changed(last.sheet, where, 'Local', 'Unknown');
  }

  /** Renames a sheet: its id, its cells and its handlers stay; the old name no longer finds it. */
  rename(oldName: string, newName: string): void {
    this.sheets.get(oldName)!.name = newName;
    if (this.active === oldName) this.active = newName;
  }

  /** A person sorts rows first..last (1-based) of a sheet. A sort raises onRowSorted, not onChanged:
   *  https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-onrowsorted-member */
  async sort(sheet: string, first: number, last: number, compare: (a: CellValue[], b: CellValue[]) => number, source: 'Local' | 'Remote' = 'Local'): Promise<void> {
    const data = this.sheets.get(sheet)!;
    const block = data.grid.slice(first - 1, last).sort(compare);
    data.grid.splice(first - 1, block.length, ...block);
    const width = Math.max(...data.grid.map((r) => r.length));
    const event = { address: addressOf(first - 1, 0, last - first + 1, width), source, type: 'WorksheetRowSorted', worksheetId: data.id };
    for (const h of [...data.sortHandlers]) await h(event);
  }

  /** The user starts typing in a cell (cell edit mode) until endCellEdit(). While in it, a batch fails unless
   *  Excel.run had delayForCellEdit, then it waits: https://learn.microsoft.com/javascript/api/excel/excel.runoptions
   *  (the error code as reported in https://github.com/OfficeDev/office-js/issues/625). */
  startCellEdit(): void {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    this.cellEdit = { ended, end };
  }

  endCellEdit(): void {
    this.cellEdit?.end();
    this.cellEdit = null;
  }

  get inCellEdit(): Promise<void> | null {
    return this.cellEdit?.ended ?? null;
  }

  /** Change events carry source (Local or Remote) and triggerSource (ThisLocalAddin for this add-in's own writes):
   *  https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs */
  async changed(sheet: SheetData, address: string, source: 'Local' | 'Remote', triggerSource: 'Unknown' | 'ThisLocalAddin'): Promise<void> {
    const event = { address, changeType: 'RangeEdited', source, triggerSource, type: 'WorksheetChanged', worksheetId: sheet.id };
    for (const h of [...sheet.handlers]) await h(event);
  }

  recordUndo(record: UndoRecord): void {
    if (record.cells.length > 0) this.undoStack.push(record);
  }

  private readonly peers: FakeExcel[] = [];

  /** A second user with the same workbook open (co-authoring): the same sheets and ids, their own handlers and undo stack.
   *  What one changes reaches the other as a change whose source is Remote:
   *  https://learn.microsoft.com/javascript/api/excel/excel.eventsource */
  coauthor(): FakeExcel {
    const other = new FakeExcel({}, this.active);
    for (const s of this.list)
      other.list.push({ ...s, grid: s.grid.map((r) => [...r]), handlers: [], sortHandlers: [], formats: [...s.formats], numberFormats: new Map(s.numberFormats) });
    other.peers.push(this);
    this.peers.push(other);
    return other;
  }

  relay(sheet: SheetData, cells: readonly { r: number; c: number }[], address: string): void {
    for (const peer of this.peers) {
      const twin = peer.list.find((s) => s.id === sheet.id);
      if (!twin) continue;
      for (const { r, c } of cells) set(twin.grid, r, c, sheet.grid[r]?.[c] ?? null);
      setTimeout(() => void peer.changed(twin, address, 'Remote', 'Unknown'), 0);
    }
  }
}

function addressOf(row: number, column: number, rows: number, columns: number): string {
  const first = `${columnLetter(column)}${row + 1}`;
  const last = `${columnLetter(column + columns - 1)}${row + rows}`;
  return first === last ? first : `${first}:${last}`;
}

function set(grid: Grid, r: number, c: number, v: CellValue) {
  while (grid.length <= r) grid.push([]);
  while (grid[r].length <= c) grid[r].push(null);
  grid[r][c] = v;
}

interface Work {
  run: () => void;
  requestBytes: number;
}

export class FakeContext {
  private readonly pending: Work[] = [];
  private readonly loads: Loadable[] = [];
  readonly workbook: { worksheets: FakeWorksheets; insertWorksheetsFromBase64: (base64: string) => { value: string[] } };

  constructor(readonly excel: FakeExcel, private readonly delayForCellEdit = false) {
    this.workbook = {
      worksheets: new FakeWorksheets(this),
      // Returns the ids of the inserted sheets: https://learn.microsoft.com/javascript/api/excel/excel.workbook#excel-excel-workbook-insertworksheetsfrombase64-member(1)
      insertWorksheetsFromBase64: (base64: string) => {
        const result = new ClientResult<string[]>();
        this.queue(() => {
          excel.inserted.push(base64);
          result.set(Object.entries(excel.files.get(base64) ?? {}).map(([name, grid]) => excel.addSheet(name, grid).id));
        }, base64.length);
        return result;
      },
    };
  }

  queue(work: () => void, requestBytes = 0) {
    this.pending.push({ run: work, requestBytes });
  }

  loaded(item: Loadable) {
    this.loads.push(item);
  }

  undoRecord: UndoRecord | null = null;

  async sync(): Promise<void> {
    this.excel.syncs++;
    // A real sync is a round trip to Excel: the page gets to draw in between (the browser stub asks for that).
    if (this.excel.yieldEachSync) await new Promise((resolve) => setTimeout(resolve, 0));
    // Any batch can fail with an error code (GeneralException, ItemNotFound, ...); the add-in must handle it:
    // https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
    const fail = this.excel.failNextSync;
    if (fail) {
      this.excel.failNextSync = null;
      this.pending.length = 0;
      this.loads.length = 0;
      throw new FakeOfficeError(fail, 'An internal error has occurred.');
    }
    const editing = this.excel.inCellEdit;
    if (editing) {
      if (!this.delayForCellEdit) {
        this.pending.length = 0;
        throw new FakeOfficeError('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.');
      }
      await editing;
    }
    const work = this.pending.splice(0);
    const loads = this.loads.splice(0);
    const request = work.reduce((n, w) => n + w.requestBytes, 0);
    this.excel.largestSync = Math.max(this.excel.largestSync, request);
    if (request > PAYLOAD_LIMIT)
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    // Each sync that writes is one entry on the user's undo stack (mergeUndoGroup unset).
    const writes: { sheet: SheetData; r: number; c: number; before: CellValue }[] = [];
    this.undoRecord = { sheet: null as unknown as SheetData, cells: writes };
    const echoes: { sheet: SheetData; address: string }[] = [];
    this.echoes = echoes;
    for (const w of work) w.run();
    this.undoRecord = null;
    this.echoes = null;
    const response = loads.reduce((n, l) => n + l.responseBytes(), 0);
    this.excel.largestSync = Math.max(this.excel.largestSync, response);
    if (response > PAYLOAD_LIMIT) {
      for (const l of loads) l.unload();
      throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    }
    if (writes.length > 0) this.excel.recordUndo({ sheet: writes[0].sheet, cells: writes });
    // The add-in's own writes raise onChanged too, marked ThisLocalAddin (ExcelApi 1.14), after the sync.
    for (const e of echoes) {
      this.excel.relay(e.sheet, writes.filter((w) => w.sheet === e.sheet), e.address);
      setTimeout(() => void this.excel.changed(e.sheet, e.address, 'Local', 'ThisLocalAddin'), 0);
    }
  }

  echoes: { sheet: SheetData; address: string }[] | null = null;

  /** A value written by the add-in: recorded for undo, and turned into a formula where Excel would. */
  write(sheet: SheetData, r: number, c: number, v: CellValue) {
    (this.undoRecord!.cells as { sheet: SheetData; r: number; c: number; before: CellValue }[]).push({ sheet, r, c, before: sheet.grid[r]?.[c] ?? null });
    // A text starting with "=", "+" or "-" written through values is taken as a formula unless the cell is text-formatted:
    // https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member
    const formula = typeof v === 'string' && /^[=+-]/.test(v) && sheet.numberFormats.get(`${r}:${c}`) !== '@';
    set(sheet.grid, r, c, formula ? '#NAME?' : v);
  }
}

class ClientResult<T> {
  private done = false;
  private result: T | undefined;
  set(v: T) { this.result = v; this.done = true; }
  get value(): T {
    if (!this.done) throw new FakeOfficeError('PropertyNotLoaded', 'call context.sync() first');
    return this.result!;
  }
}

class FakeWorksheets {
  constructor(private readonly ctx: FakeContext) {}

  /** Fails at sync with ItemNotFound when no sheet has that name or id (an old name after a rename included). */
  getItem(key: string) {
    return new FakeWorksheet(this.ctx, () => this.ctx.excel.byKey(key), true);
  }

  getItemOrNullObject(key: string) {
    return new FakeWorksheet(this.ctx, () => this.ctx.excel.byKey(key), false);
  }

  getActiveWorksheet() {
    return new FakeWorksheet(this.ctx, () => this.ctx.excel.byKey(this.ctx.excel.active), true);
  }

  private _items: { name: string; id: string }[] | null = null;

  /** As in Office.js, the collection's items are there only after load('items/name') and a sync. */
  load() {
    this.ctx.queue(() => (this._items = [...this.ctx.excel.sheets.values()].map((s) => ({ name: s.name, id: s.id }))));
    return this;
  }

  get items() {
    if (!this._items) throw new FakeOfficeError('PropertyNotLoaded', 'call load() and context.sync() first');
    return this._items;
  }

  /** Adds a sheet at sync; a name already taken (in any case) fails, as in Excel. */
  add(name: string) {
    let added: SheetData | null = null;
    this.ctx.queue(() => {
      if (this.ctx.excel.byKey(name)) throw new FakeOfficeError('ItemAlreadyExists', name);
      added = this.ctx.excel.addSheet(name, []);
    });
    return new FakeWorksheet(this.ctx, () => added, true);
  }
}

abstract class Loadable {
  private loaded = false;
  protected props: Set<string> = new Set();
  constructor(protected readonly ctx: FakeContext) {}

  load(props?: string | string[]): this {
    const list = props === undefined ? ['*'] : Array.isArray(props) ? props : props.split(',').map((p) => p.trim());
    for (const p of list) this.props.add(p);
    this.ctx.loaded(this);
    this.ctx.queue(() => {
      this.fetch();
      this.loaded = true;
    });
    return this;
  }

  protected fetch(): void {}

  responseBytes(): number {
    return 0;
  }

  unload() {
    this.loaded = false;
  }

  protected check() {
    if (!this.loaded) throw new FakeOfficeError('PropertyNotLoaded', 'call load() and context.sync() first');
  }
}

/** Handlers belong to the worksheet object they were added to: https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events */
class FakeWorksheet extends Loadable {
  private found: SheetData | null = null;
  private _name: string | null = null;
  private _id: string | null = null;
  private _null = false;
  readonly onChanged = this.events('handlers');
  readonly onRowSorted = this.events('sortHandlers');

  constructor(ctx: FakeContext, private readonly lookup: () => SheetData | null, private readonly required: boolean) {
    super(ctx);
  }

  private events(list: 'handlers' | 'sortHandlers') {
    return {
      add: (handler: Handler) => {
        this.ctx.queue(() => this.data()[list].push(handler));
        return {
          context: this.ctx,
          remove: () => this.ctx.queue(() => {
            const handlers = this.data()[list];
            if (handlers.includes(handler)) handlers.splice(handlers.indexOf(handler), 1);
          }),
        };
      },
    };
  }

  protected fetch() {
    const sheet = this.resolve();
    this._null = sheet === null;
    this._name = sheet?.name ?? null;
    this._id = sheet?.id ?? null;
  }

  /** The sheet this proxy stands for, found once (so it follows a rename), or null. */
  resolve(): SheetData | null {
    this.found ??= this.lookup();
    return this.found;
  }

  data(): SheetData {
    const sheet = this.resolve();
    if (!sheet) throw new FakeOfficeError('ItemNotFound', 'The requested resource doesn\'t exist.');
    return sheet;
  }

  get name() {
    this.check();
    return this._name!;
  }

  get id() {
    this.check();
    return this._id!;
  }

  get isNullObject() {
    this.check();
    return this._null;
  }

  activate() {
    this.ctx.queue(() => (this.ctx.excel.active = this.data().name));
  }

  getRangeByIndexes(row: number, column: number, rows: number, columns: number) {
    return new FakeRange(this.ctx, () => this.data(), row, column, rows, columns);
  }

  getUsedRangeOrNullObject() {
    return new FakeUsedRange(this.ctx, () => (this.required ? this.data() : this.resolve()));
  }

  readonly charts = {
    add: (type: string, source: FakeRange, seriesBy: string) => {
      const chart = { title: { text: '' }, setPosition: () => undefined };
      this.ctx.queue(() => this.ctx.excel.charts.push({ sheet: this.data().name, type, source: source.area, seriesBy, title: chart.title.text }));
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

  constructor(ctx: FakeContext, private readonly data: () => SheetData,
    private readonly row: number, private readonly column: number, private readonly rows: number, private readonly columns: number) {
    super(ctx);
  }

  protected fetch() {
    const grid = this.data().grid;
    this._values = Array.from({ length: this.rows }, (_, r) =>
      Array.from({ length: this.columns }, (_, c) => grid[this.row + r]?.[this.column + c] ?? ''));
  }

  responseBytes() {
    return this._values ? JSON.stringify(this._values).length : 0;
  }

  get values(): Grid {
    this.check();
    return this._values!;
  }

  /** The range as 0-based row, column, rows, columns. */
  get area(): [number, number, number, number] {
    return [this.row, this.column, this.rows, this.columns];
  }

  readonly format = { font: { bold: false }, autofitColumns: () => undefined };

  set values(block: Grid) {
    this.checkShape(block);
    this.ctx.queue(() => {
      const sheet = this.data();
      block.forEach((cells, r) => cells.forEach((v, c) => this.ctx.write(sheet, this.row + r, this.column + c, v)));
      this.ctx.echoes?.push({ sheet, address: addressOf(this.row, this.column, this.rows, this.columns) });
    }, requestBytes(block));
  }

  set numberFormat(block: string[][]) {
    this.checkShape(block);
    this.ctx.queue(() => {
      const sheet = this.data();
      block.forEach((cells, r) => cells.forEach((f, c) => sheet.numberFormats.set(`${this.row + r}:${this.column + c}`, f)));
    }, requestBytes(block));
  }

  private checkShape(block: unknown[][]) {
    // A 2-D array must match the range's dimensions: https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member
    if (block.length !== this.rows || block.some((r) => r.length !== this.columns))
      throw new FakeOfficeError('InvalidArgument', 'The number of rows or columns in the input array doesn\'t match the size or dimensions of the range.');
  }

  select() {
    this.ctx.queue(() => (this.ctx.excel.selected = { sheet: this.data().name, row: this.row + 1, column: this.column }));
  }
}

class FakeUsedRange extends Loadable {
  private _values: Grid | null = null;
  private box: { top: number; left: number; rows: number; columns: number } | null = null;

  constructor(ctx: FakeContext, private readonly data: () => { grid: Grid } | null) {
    super(ctx);
  }

  protected fetch() {
    const grid = this.data()?.grid ?? [];
    let top = -1, bottom = -1, left = Infinity, right = -1;
    grid.forEach((row, r) => row.forEach((v, c) => {
      if (v === null || v === '') return;
      if (top < 0) top = r;
      bottom = r;
      left = Math.min(left, c);
      right = Math.max(right, c);
    }));
    if (top < 0) { this.box = null; this._values = null; return; }
    this.box = { top, left, rows: bottom - top + 1, columns: right - left + 1 };
    this._values = this.props.has('values') || this.props.has('*')
      ? Array.from({ length: this.box.rows }, (_, r) => Array.from({ length: this.box!.columns }, (_, c) => grid[top + r]?.[left + c] ?? ''))
      : null;
  }

  responseBytes() {
    return this._values ? JSON.stringify(this._values).length : 0;
  }

  get isNullObject() {
    this.check();
    return this.box === null;
  }

  get values() {
    this.check();
    if (!this._values) throw new FakeOfficeError('PropertyNotLoaded', 'values was not loaded');
    return this._values;
  }

  get rowIndex() { this.check(); return this.box!.top; }
  get columnIndex() { this.check(); return this.box!.left; }
  get rowCount() { this.check(); return this.box!.rows; }
  get columnCount() { this.check(); return this.box!.columns; }
}

export class FakeSettings {
  readonly values = new Map<string, unknown>();
  saves = 0;
  get(key: string) { return this.values.get(key) ?? null; }
  set(key: string, value: unknown) { this.values.set(key, value); }
  saveAsync(callback: () => void) { this.saves++; callback(); }
}

// The in-memory twin of a worksheet: the bench page's sheet and the unit tests' workbook.
import type { CellValue } from '../format';
import type { CellWrite } from '../rows';
import type { SheetChange, SheetGateway, Snapshot, StatusColumns } from './sheet';

export class MemorySheet implements SheetGateway {
  readonly host = 'bench' as const;
  readonly canInsertSheets = false;
  readonly canOpenWorkbook = false;
  /** All cells, row 1 (headers) at index 0. Rows are replaced, never mutated, so views can compare by identity. */
  private grid: CellValue[][];
  private readonly changeListeners = new Set<(change: SheetChange) => void>();
  private readonly viewListeners = new Set<() => void>();
  private readonly settings = new Map<string, string>();
  private readonly undoStack: { row: number; column: number; block: CellValue[][] }[] = [];
  selected: { row: number; column: number } | null = null;

  constructor(grid: CellValue[][]) {
    this.grid = grid.map((r) => [...r]);
  }

  get rows(): readonly (readonly CellValue[])[] {
    return this.grid;
  }

  get width(): number {
    return this.grid[0]?.length ?? 0;
  }

  cell(row: number, column: number): CellValue {
    return this.grid[row - 1]?.[column] ?? null;
  }

  // --- what a person does ---

  /** Types or pastes a block of values with its top-left corner at (row, column). */
  edit(row: number, column: number, block: CellValue[][], undoable = true): void {
    if (undoable) this.undoStack.push({ row, column, block: block.map((b, r) => b.map((_, c) => this.cell(row + r, column + c))) });
    for (let r = 0; r < block.length; r++) {
      const index = row - 1 + r;
      while (this.grid.length <= index) this.grid.push(new Array(this.width).fill(null));
      const copy = [...this.grid[index]];
      block[r].forEach((v, c) => {
        if (column + c < this.width) copy[column + c] = v === '' ? null : v;
      });
      this.grid[index] = copy;
    }
    this.notifyView();
    const lastColumn = column + Math.max(...block.map((b) => b.length)) - 1;
    this.emit({ kind: 'cells', areas: [{ firstRow: row, lastRow: row + block.length - 1, firstColumn: column, lastColumn }], source: 'local' });
  }

  clear(row: number, column: number): void {
    this.edit(row, column, [[null]]);
  }

  /** Puts back what the last edit replaced. */
  undo(): void {
    const last = this.undoStack.pop();
    if (last) this.edit(last.row, last.column, last.block, false);
  }

  deleteRow(row: number): void {
    this.grid = this.grid.filter((_, i) => i !== row - 1);
    this.notifyView();
    this.emit({ kind: 'structure', source: 'local' });
  }

  subscribe(view: () => void): () => void {
    this.viewListeners.add(view);
    return () => this.viewListeners.delete(view);
  }

  // --- the gateway ---

  async readAll(): Promise<Snapshot> {
    return { headers: [...(this.grid[0] ?? [])], rows: this.grid.slice(1).map((r) => [...r]), seal: this.seal };
  }

  /** The seal lines of the workbook this twin stands for, if it is a sealed one. */
  seal: string | null = null;

  async writeCells(cells: readonly { row: number; column: number; value: string }[]): Promise<void> {
    for (const c of cells) {
      const copy = [...this.grid[c.row - 1]];
      copy[c.column] = c.value;
      this.grid[c.row - 1] = copy;
    }
    this.notifyView();
  }

  async workbookFile(): Promise<Blob | null> {
    return null;
  }

  async readActive(): Promise<Snapshot> {
    return this.readAll();
  }

  /** Sheets the pane added (the bench shows only Toewijzingen; tests look here). */
  readonly added: { name: string; koppen: string[]; rijen: CellValue[][]; chartColumns: number }[] = [];

  async addOverview(koppen: readonly string[], rijen: readonly CellValue[][], chartColumns: number): Promise<string> {
    const name = this.added.length === 0 ? 'Voortgang' : `Voortgang (${this.added.length + 1})`;
    this.added.push({ name, koppen: [...koppen], rijen: rijen.map((r) => [...r]), chartColumns });
    return name;
  }

  async insertSheets(): Promise<void> {
    throw new Error('De proefomgeving kan geen tabbladen toevoegen; download het werkboek.');
  }

  async openWorkbook(): Promise<void> {
    throw new Error('De proefomgeving kan geen werkboek openen; download het werkboek.');
  }

  async readRows(first: number, last: number, width: number): Promise<CellValue[][]> {
    const rows: CellValue[][] = [];
    for (let r = first; r <= last; r++) rows.push(Array.from({ length: width }, (_, c) => this.cell(r, c)));
    return rows;
  }

  async writeResults(writes: readonly CellWrite[], columns: StatusColumns): Promise<void> {
    for (const w of writes) {
      while (this.grid.length < w.row) this.grid.push(new Array(this.width).fill(null));
      const copy = [...this.grid[w.row - 1]];
      copy[columns.status] = w.status === '' ? null : w.status;
      copy[columns.meldingen] = w.meldingen === '' ? null : w.meldingen;
      this.grid[w.row - 1] = copy;
    }
    if (writes.length > 0) this.notifyView();
  }

  async select(row: number, column: number): Promise<void> {
    this.selected = { row, column };
    this.notifyView();
  }

  async onChange(listener: (change: SheetChange) => void): Promise<() => void> {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  getSetting(key: string): string | null {
    return this.settings.get(key) ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    this.settings.set(key, value);
  }

  private emit(change: SheetChange): void {
    for (const l of this.changeListeners) l(change);
  }

  private notifyView(): void {
    for (const v of this.viewListeners) v();
  }
}

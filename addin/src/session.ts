// Live validation: keeps the sheet's rows in memory, re-reads only what changed, lets the API judge
// every non-empty row and writes back only the Status and Meldingen cells that changed.
import { ApiOnbereikbaar, type ApiClient } from './api';
import { type CellValue, type Fase, type Layout, type Melding, type Telling, headerOf, layoutOf, missingHeaders } from './format';
import { cellForApi, type RequestRow, type RowOutcome, requestRow, touchesInput, writesFor } from './rows';
import type { SheetChange, SheetGateway } from './excel/sheet';

export interface Bevinding {
  row: number;
  column: number | undefined;
  header: string;
  melding: Melding;
}

export type Connection = 'onbekend' | 'ok' | 'onbereikbaar' | 'probleem';

export interface SessionState {
  rol: Fase;
  busy: boolean;
  connection: Connection;
  /** A Dutch sentence for the user about the connection or the sheet, or null when all is well. */
  message: string | null;
  telling: Telling | null;
  werkboekMeldingen: Melding[];
  bevindingen: Bevinding[];
  missingHeaders: string[];
  /** Milliseconds of the last round from change to written statuses. */
  lastRoundMs: number | null;
}

const ROL_SETTING = 'migratieaddin.rol';

export class LiveValidation {
  private layout: Layout | null = null;
  private seal: string | null = null;
  private readonly cells = new Map<number, CellValue[]>();
  private readonly shown = new Map<number, RowOutcome>();
  private running: Promise<void> | null = null;
  private again = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private stopListening: (() => void) | null = null;
  private state: SessionState;
  private listener: ((state: SessionState) => void) | null = null;

  constructor(
    private readonly sheet: SheetGateway,
    private readonly api: Pick<ApiClient, 'validate'>,
    private readonly retryMs = 5_000,
  ) {
    const saved = sheet.getSetting(ROL_SETTING);
    this.state = {
      rol: saved === 'gemeente' || saved === 'aanbieder' || saved === 'controle' ? saved : 'gemeente',
      busy: false, connection: 'onbekend', message: null, telling: null, werkboekMeldingen: [], bevindingen: [],
      missingHeaders: [], lastRoundMs: null,
    };
  }

  get current(): SessionState {
    return this.state;
  }

  /** The one view that follows this session (the pane). */
  listen(listener: ((state: SessionState) => void) | null): void {
    this.listener = listener;
  }

  async start(): Promise<void> {
    this.stopListening = await this.sheet.onChange((change) => void this.changed(change));
    this.update({});
    await this.validateAll();
  }

  stop(): void {
    this.stopListening?.();
    if (this.retry) clearTimeout(this.retry);
  }

  async setRol(rol: Fase): Promise<void> {
    this.update({ rol });
    await this.sheet.setSetting(ROL_SETTING, rol);
    await this.round();
  }

  /** Reads the whole sheet again and judges it. */
  async validateAll(): Promise<void> {
    const started = performance.now();
    const snapshot = await this.sheet.readAll();
    this.seal = snapshot.seal ?? null;
    this.layout = layoutOf(snapshot.headers);
    this.cells.clear();
    this.shown.clear();
    snapshot.rows.forEach((cells, i) => {
      this.cells.set(i + 2, cells);
      this.shown.set(i + 2, this.outcomeShown(cells));
    });
    this.update({ missingHeaders: missingHeaders(this.layout) });
    await this.round(started);
  }

  /** Every non-empty row as the API reads it, from the sheet as the session knows it now. */
  requestRows(): RequestRow[] {
    const layout = this.layout;
    if (!layout) return [];
    return [...this.cells.keys()].sort((a, b) => a - b)
      .map((row) => requestRow(row, this.cells.get(row)!, layout))
      .filter((r): r is RequestRow => r !== null);
  }

  /** The row's cells by column key (all columns), for an approval or an export. */
  /** The workbook's seal, which binds an approval mark to this workbook; null when it has none. */
  get verzegeling(): string | null {
    return this.seal;
  }

  valuesOf(row: number): Record<string, CellValue> {
    const cells = this.cells.get(row) ?? [];
    const values: Record<string, CellValue> = {};
    for (const [key, index] of this.layout?.byKey ?? []) values[key] = cellForApi(cells[index]);
    return values;
  }

  /** Where a column of the format stands on the sheet. */
  columnOf(key: string): number | undefined {
    return this.layout?.byKey.get(key);
  }

  async select(b: Bevinding): Promise<void> {
    await this.sheet.select(b.row, b.column ?? 0);
  }

  private outcomeShown(cells: CellValue[]): RowOutcome {
    const text = (i: number | undefined) => (i === undefined || cells[i] === null || cells[i] === undefined ? '' : String(cells[i]));
    return { status: text(this.layout?.status), meldingen: text(this.layout?.meldingen) };
  }

  private async changed(change: SheetChange): Promise<void> {
    const started = performance.now();
    const layout = this.layout;
    if (!layout || change.kind === 'structure') return this.validateAll();
    const areas = change.areas.filter((a) => touchesInput(a, layout));
    if (areas.length === 0) return; // Status or Meldingen only: our own writes, or nothing the rules read
    if (areas.some((a) => a.firstRow === 1 || a.lastRow - a.firstRow > 100_000)) return this.validateAll();
    for (const a of areas) {
      const first = Math.max(2, a.firstRow);
      if (first > a.lastRow) continue;
      const rows = await this.sheet.readRows(first, a.lastRow, layout.width);
      rows.forEach((cells, i) => this.cells.set(first + i, cells));
    }
    await this.round(started);
  }

  /** One judgement at a time; changes that arrive meanwhile are taken along in one more round. */
  private round(started = performance.now()): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        let since = started;
        do {
          this.again = false;
          await this.once(since);
          since = performance.now();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async once(started: number): Promise<void> {
    const layout = this.layout;
    if (!layout) return;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;

    const rijen = this.requestRows();
    const sent = rijen.map((r) => r.rij);
    this.update({ busy: true });
    let report;
    try {
      report = await this.api.validate({ fase: this.state.rol, rijen, verzegeling: this.state.rol === 'controle' ? this.seal : undefined });
    } catch (e) {
      const unreachable = e instanceof ApiOnbereikbaar;
      this.update({
        busy: false,
        connection: unreachable ? 'onbereikbaar' : 'probleem',
        message: unreachable
          ? 'De controleservice is nu niet bereikbaar. Je kunt gewoon doorwerken: er gaat niets verloren. We proberen het over enkele seconden opnieuw.'
          : (e as Error).message,
      });
      if (unreachable) this.retry = setTimeout(() => void this.round(), this.retryMs);
      return;
    }

    const writes = writesFor(report, sent, this.cells.keys(), this.shown);
    if (layout.status !== undefined && layout.meldingen !== undefined && writes.length > 0) {
      await this.sheet.writeResults(writes, { status: layout.status, meldingen: layout.meldingen });
      for (const w of writes) this.shown.set(w.row, { status: w.status, meldingen: w.meldingen });
    }
    const bevindingen: Bevinding[] = [];
    report.rijen.forEach((r, i) => {
      for (const m of r.meldingen)
        bevindingen.push({ row: sent[i], column: m.kolom ? layout.byKey.get(m.kolom) : undefined, header: headerOf(m.kolom, layout.years), melding: m });
    });
    this.update({
      busy: false,
      connection: 'ok',
      message: missingStatusColumns(layout)
        ? 'Dit werkblad heeft geen kolommen Status en Meldingen: de uitslag staat alleen hier in het paneel.'
        : null,
      telling: report.telling,
      werkboekMeldingen: report.meldingen,
      bevindingen,
      lastRoundMs: Math.round(performance.now() - started),
    });
  }

  private update(change: Partial<SessionState>): void {
    this.state = { ...this.state, ...change };
    this.listener?.(this.state);
  }
}

function missingStatusColumns(layout: Layout): boolean {
  return layout.status === undefined || layout.meldingen === undefined;
}

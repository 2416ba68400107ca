// Live validation: keeps the sheet's rows in memory, re-reads only what changed, lets the API judge
// every non-empty row and writes back only the Status and Meldingen cells that should change.
//
// Who writes a row's Status (the rule for co-authoring, README "Samen in één werkboek"):
// - a whole-sheet check (start, "Hele werkblad controleren", another role, a sort) writes every row that differs;
// - a change by this user writes the rows it touched and the rows whose verdict it changed (duplicates);
// - a change by a co-author (source Remote) is read and judged here, but written by the co-author's own pane:
//   two panes never answer each other's writes, so statuses cannot flip back and forth.
// What is sent: a whole-sheet check sends every non-empty row; a change sends the changed rows and the rows that can
// judge them or be judged by them (rows sharing a toewijzingnummer or a BSN, two steps out: the only keys the rules
// that compare rows use, FORMAT.md), so a cell change costs the same on 500 rows as on 50,000. With a seal (controle)
// every change sends all rows: the seal is checked over the whole set.
// Status and Meldingen cells that this user changes by hand, by Ctrl+Z or by pasting are put right after a short
// pause (settleMs), without asking the API again; the pause lets a second quick Ctrl+Z reach the user's own edit.
import { ApiOnbereikbaar, type ApiClient } from './api';
import { type CellValue, type Fase, type Layout, type Melding, type Telling, STATUSES, headerOf, layoutOf, missingHeaders } from './format';
import { cellForApi, type RequestRow, type RowOutcome, requestRow, sameOutcome, touchesInput, verdictsOf, writesFor } from './rows';
import { excelFoutTekst } from './excel/errors';
import { Geannuleerd, type SheetChange, type SheetGateway } from './excel/sheet';

export interface RijMelding {
  row: number;
  column: number | undefined;
  header: string;
  melding: Melding;
}

export type Connection = 'onbekend' | 'ok' | 'onbereikbaar' | 'probleem';

/** How far a long step is: reading the sheet, the API judging it, writing the statuses. */
export interface Voortgang {
  stap: 'lezen' | 'controleren' | 'schrijven';
  klaar: number;
  totaal: number;
}

export interface SessionState {
  rol: Fase;
  busy: boolean;
  connection: Connection;
  /** A Dutch sentence for the user about the connection or the sheet, or null when all is well. */
  message: string | null;
  /** What went wrong in Excel, in Dutch with what to do; null when the last step worked. */
  excelFout: string | null;
  /** Shown while a whole sheet is read, judged or written; null otherwise. */
  progress: Voortgang | null;
  telling: Telling | null;
  werkboekMeldingen: Melding[];
  rijMeldingen: RijMelding[];
  missingHeaders: string[];
  /** Milliseconds of the last round from change to written statuses. */
  lastRoundMs: number | null;
}

const ROL_SETTING = 'migratieaddin.rol';

/** Which rows a round may write: all that differ, those this user touched (and their knock-on effects), or none. */
type Scope = 'all' | 'local' | 'remote';
const WIDER: Record<Scope, number> = { remote: 0, local: 1, all: 2 };

export class LiveValidation {
  private layout: Layout | null = null;
  private seal: string | null = null;
  private readonly cells = new Map<number, CellValue[]>();
  /** What the sheet's Status and Meldingen cells say, as last read or written. */
  private readonly shown = new Map<number, RowOutcome>();
  /** What this pane last concluded per row, and the meldingen behind it. */
  private verdicts = new Map<number, RowOutcome>();
  private meldingen = new Map<number, RijMelding[]>();
  /** The keys that relate rows (toewijzingnummer, BSN) of each row as last judged, so a changed key still finds its old partners. */
  private judgedKeys = new Map<number, string[]>();
  private judgedWhole = false;
  private running: Promise<void> | null = null;
  private pending: { scope: Scope; touched: Set<number> } | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private settle: ReturnType<typeof setTimeout> | null = null;
  private cancelled: AbortController | null = null;
  private stopListening: (() => void) | null = null;
  private state: SessionState;
  private listener: ((state: SessionState) => void) | null = null;

  constructor(
    private readonly sheet: SheetGateway,
    private readonly api: Pick<ApiClient, 'validate'>,
    private readonly retryMs = 5_000,
    private readonly settleMs = 1_000,
  ) {
    const saved = sheet.getSetting(ROL_SETTING);
    this.state = {
      rol: saved === 'gemeente' || saved === 'aanbieder' || saved === 'controle' ? saved : 'gemeente',
      busy: false, connection: 'onbekend', message: null, excelFout: null, progress: null, telling: null,
      werkboekMeldingen: [], rijMeldingen: [], missingHeaders: [], lastRoundMs: null,
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
    try {
      this.stopListening = await this.sheet.onChange((change) => void this.changed(change));
    } catch (e) {
      this.update({ excelFout: excelFoutTekst(e) });
    }
    this.update({});
    await this.validateAll();
  }

  stop(): void {
    this.stopListening?.();
    if (this.retry) clearTimeout(this.retry);
    if (this.settle) clearTimeout(this.settle);
  }

  async setRol(rol: Fase): Promise<void> {
    this.update({ rol });
    await this.guarded(async () => {
      await this.sheet.setSetting(ROL_SETTING, rol);
      await this.round('all');
    });
  }

  /** Stops a whole-sheet read or check between two steps; what the sheet says stays as it was. */
  cancel(): void {
    this.cancelled?.abort();
  }

  /** Reads the whole sheet again and judges it. */
  validateAll(scope: Scope = 'all'): Promise<void> {
    return this.guarded(async () => {
      const started = performance.now();
      const cancelled = new AbortController();
      this.cancelled = cancelled;
      this.update({ busy: true, progress: { stap: 'lezen', klaar: 0, totaal: 0 } });
      const snapshot = await this.sheet.readAll({
        signal: cancelled.signal,
        report: (klaar, totaal) => this.update({ progress: { stap: 'lezen', klaar, totaal } }),
      });
      this.seal = snapshot.seal ?? null;
      this.layout = layoutOf(snapshot.headers);
      this.cells.clear();
      this.shown.clear();
      snapshot.rows.forEach((cells, i) => {
        this.cells.set(i + 2, cells);
        this.shown.set(i + 2, this.outcomeShown(cells));
      });
      // New rows under old numbers: the next round judges everything again (a co-author's sort writes nothing still).
      this.judgedWhole = false;
      this.update({ missingHeaders: missingHeaders(this.layout), progress: null });
      try {
        await this.round(scope, [], started);
      } finally {
        if (this.cancelled === cancelled) this.cancelled = null; // a later Annuleren concerns a later check
      }
    });
  }

  /** Every non-empty row as the API reads it, from the sheet as the session knows it now. */
  requestRows(): RequestRow[] {
    const layout = this.layout;
    if (!layout) return [];
    return [...this.cells.keys()].sort((a, b) => a - b)
      .map((row) => requestRow(row, this.cells.get(row)!, layout))
      .filter((r): r is RequestRow => r !== null);
  }

  /** The workbook's seal, which binds an approval mark to this workbook; null when it has none. */
  get verzegeling(): string | null {
    return this.seal;
  }

  /** The row's cells by column key (all columns), for an approval or an export. */
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

  async select(b: RijMelding): Promise<void> {
    await this.guarded(() => this.sheet.select(b.row, b.column ?? 0));
  }

  /** Runs a step against Excel; an error of Excel is shown in Dutch and the session stays usable. */
  private async guarded(step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (e) {
      if (e instanceof Geannuleerd) {
        this.update({ busy: false, progress: null, message: 'Controle geannuleerd. Er is niets gewijzigd; kies "Hele werkblad controleren" om opnieuw te beginnen.' });
        return;
      }
      this.update({ busy: false, progress: null, excelFout: excelFoutTekst(e) });
    }
  }

  private outcomeShown(cells: readonly CellValue[]): RowOutcome {
    const text = (i: number | undefined) => (i === undefined || cells[i] === null || cells[i] === undefined ? '' : String(cells[i]));
    return { status: text(this.layout?.status), meldingen: text(this.layout?.meldingen) };
  }

  private changed(change: SheetChange): Promise<void> {
    // A put-right that is waiting waits for this change too (a second quick Ctrl+Z, a paste after a hand edit).
    const settling = this.settle !== null;
    if (this.settle) clearTimeout(this.settle);
    this.settle = null;
    return this.guarded(async () => {
      await this.take(change);
      if (settling) this.putRightSoon();
    });
  }

  private async take(change: SheetChange): Promise<void> {
    {
      const started = performance.now();
      const layout = this.layout;
      if (change.kind === 'sheet') return this.validateAll('all');
      const scope: Scope = change.source === 'remote' ? 'remote' : 'local';
      // Rows inserted, deleted or sorted here: everything is read and judged again (a co-author's: read, not written).
      if (!layout || change.kind === 'structure') return this.validateAll(scope === 'local' ? 'all' : 'remote');
      const width = layout.width;
      // A header typed anywhere in row 1 (also right of the columns known so far) changes the layout: read it all again.
      if (change.areas.some((a) => a.firstRow === 1 || a.lastRow - a.firstRow > 100_000)) return this.validateAll(scope === 'local' ? 'all' : 'remote');
      const areas = change.areas.filter((a) => a.firstColumn < width);
      if (areas.length === 0) return;
      const touched: number[] = [];
      for (const a of areas) {
        const first = Math.max(2, a.firstRow);
        if (first > a.lastRow) continue;
        const rows = await this.sheet.readRows(first, a.lastRow, width);
        rows.forEach((cells, i) => {
          this.cells.set(first + i, cells);
          this.shown.set(first + i, this.outcomeShown(cells));
          touched.push(first + i);
        });
      }
      if (areas.some((a) => touchesInput(a, layout))) await this.round(scope, touched, started);
      else if (scope === 'local') this.putRightSoon(); // Status or Meldingen only: Ctrl+Z, a paste, a hand edit, or our own write
    }
  }

  /** After a pause, writes this pane's verdicts over Status and Meldingen cells that no longer show them. */
  private putRightSoon(): void {
    if (this.settle) clearTimeout(this.settle);
    this.settle = setTimeout(() => {
      this.settle = null;
      void this.guarded(async () => {
        if (this.running) await this.running;
        await this.write(writesFor(this.verdicts, this.verdicts.keys(), this.shown));
      });
    }, this.settleMs);
  }

  /** One judgement at a time; changes that arrive meanwhile are taken along in one more round. */
  private round(scope: Scope, touched: Iterable<number> = [], started = performance.now()): Promise<void> {
    const pending = this.pending ?? { scope, touched: new Set<number>() };
    if (WIDER[scope] > WIDER[pending.scope]) pending.scope = scope;
    for (const row of touched) pending.touched.add(row);
    this.pending = pending;
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        let since = started;
        while (this.pending) {
          const next = this.pending;
          this.pending = null;
          await this.once(next.scope, next.touched, since);
          since = performance.now();
        }
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async once(scope: Scope, touched: ReadonlySet<number>, started: number): Promise<void> {
    const layout = this.layout;
    if (!layout) return;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const cancelled = this.cancelled;

    const whole = scope === 'all' || !this.judgedWhole || (this.state.rol === 'controle' && this.seal !== null);
    const rijen = whole ? this.requestRows() : this.relatedRows(touched, layout);
    const sent = rijen.map((r) => r.rij);
    this.update({ busy: true, progress: rijen.length > 5_000 ? { stap: 'controleren', klaar: 0, totaal: rijen.length } : null });
    let report;
    try {
      report = await this.api.validate({ fase: this.state.rol, rijen, verzegeling: this.state.rol === 'controle' ? this.seal : undefined });
    } catch (e) {
      const unreachable = e instanceof ApiOnbereikbaar;
      this.update({
        busy: false,
        progress: null,
        connection: unreachable ? 'onbereikbaar' : 'probleem',
        message: unreachable
          ? 'De controleservice is nu niet bereikbaar. U kunt gewoon doorwerken: er gaat niets verloren. We proberen het over enkele seconden opnieuw.'
          : (e as Error).message,
      });
      if (unreachable) this.retry = setTimeout(() => void this.round(scope === 'remote' ? 'remote' : 'all'), this.retryMs);
      return;
    }
    if (cancelled?.signal.aborted && scope === 'all') throw new Geannuleerd();

    // The verdicts of the rows judged now, over those of the rows judged before (a whole check replaces them all).
    const judged = verdictsOf(report, sent);
    const verdicts = whole ? new Map<number, RowOutcome>() : new Map(this.verdicts);
    if (whole) {
      this.meldingen.clear();
      this.judgedKeys.clear();
    }
    const now = whole ? this.cells.keys() : new Set([...touched, ...sent]);
    for (const row of now) {
      verdicts.set(row, judged.get(row) ?? { status: '', meldingen: '' });
      this.meldingen.delete(row);
      this.judgedKeys.set(row, keysOf(this.cells.get(row), layout));
    }
    report.rijen.forEach((r, i) => {
      if (r.meldingen.length > 0) this.meldingen.set(sent[i], r.meldingen.map((m) => ({
        row: sent[i], column: m.kolom ? layout.byKey.get(m.kolom) : undefined, header: headerOf(m.kolom, layout.years), melding: m,
      })));
    });
    const candidates = scope === 'all'
      ? [...this.cells.keys()]
      : scope === 'local'
        ? [...touched, ...[...now].filter((row) => !sameOutcome(verdicts.get(row), this.verdicts.get(row)))]
        : [];
    this.verdicts = verdicts;
    if (whole) this.judgedWhole = true;
    await this.write(writesFor(verdicts, candidates, this.shown));

    const rijMeldingen = [...this.meldingen.keys()].sort((a, b) => a - b).flatMap((row) => this.meldingen.get(row)!);
    this.update({
      busy: false,
      progress: null,
      connection: 'ok',
      excelFout: null,
      message: missingStatusColumns(layout)
        ? 'Dit werkblad heeft geen kolommen Status en Meldingen: de uitslag staat alleen hier in het paneel.'
        : null,
      telling: whole ? report.telling : countOf(verdicts),
      werkboekMeldingen: whole ? report.meldingen : this.state.werkboekMeldingen,
      rijMeldingen,
      lastRoundMs: Math.round(performance.now() - started),
    });
  }

  /** The changed rows and every row that shares a key with them, or with those: all a rule comparing rows can reach. */
  private relatedRows(touched: ReadonlySet<number>, layout: Layout): RequestRow[] {
    const byKey = new Map<string, number[]>();
    for (const [row, cells] of this.cells)
      for (const key of keysOf(cells, layout)) {
        const rows = byKey.get(key);
        if (rows) rows.push(row); else byKey.set(key, [row]);
      }
    const keysNow = (row: number) => [...keysOf(this.cells.get(row), layout), ...(this.judgedKeys.get(row) ?? [])];
    const chosen = new Set(touched);
    let edge = [...touched];
    for (let step = 0; step < 2; step++) {
      const next: number[] = [];
      for (const row of edge)
        for (const key of keysNow(row))
          for (const other of byKey.get(key) ?? []) if (!chosen.has(other)) { chosen.add(other); next.push(other); }
      edge = next;
    }
    return [...chosen].sort((a, b) => a - b)
      .map((row) => requestRow(row, this.cells.get(row) ?? [], layout))
      .filter((r): r is RequestRow => r !== null);
  }

  private async write(writes: ReturnType<typeof writesFor>): Promise<void> {
    const layout = this.layout;
    if (!layout || layout.status === undefined || layout.meldingen === undefined || writes.length === 0) return;
    const large = writes.length > 5_000;
    await this.sheet.writeResults(writes, { status: layout.status, meldingen: layout.meldingen }, large
      ? { report: (klaar, totaal) => this.update({ progress: { stap: 'schrijven', klaar, totaal } }) }
      : undefined);
    for (const w of writes) this.shown.set(w.row, { status: w.status, meldingen: w.meldingen });
  }

  private update(change: Partial<SessionState>): void {
    this.state = { ...this.state, ...change };
    this.listener?.(this.state);
  }
}

/** A row's relating keys, loosely normalised (case, spaces, leading zeros): matching too much only sends a row more. */
function keysOf(cells: readonly CellValue[] | undefined, layout: Layout): string[] {
  if (!cells) return [];
  const keys: string[] = [];
  for (const [name, prefix] of [['toewijzingnummer', 'n'], ['bsn', 'b']] as const) {
    const index = layout.byKey.get(name);
    const v = index === undefined ? null : cells[index];
    if (v === null || v === undefined) continue;
    const text = String(v).trim().toLowerCase().replace(/\s+/g, '').replace(/^0+(?=.)/, '');
    if (text !== '') keys.push(prefix + text);
  }
  return keys;
}

function countOf(verdicts: ReadonlyMap<number, RowOutcome>): Telling {
  const telling = Object.fromEntries(STATUSES.map((s) => [s, 0])) as unknown as Telling;
  for (const v of verdicts.values()) if (v.status in telling) telling[v.status as keyof Telling]++;
  return telling;
}

function missingStatusColumns(layout: Layout): boolean {
  return layout.status === undefined || layout.meldingen === undefined;
}

// The seam between the pane and a workbook: Excel through Office.js, or the in-memory twin.
import type { CellValue } from '../format';
import type { Area, CellWrite } from '../rows';

export interface Snapshot {
  /** Cells of row 1. */
  headers: CellValue[];
  /** Cells from row 2 down to the last used row. */
  rows: CellValue[][];
  /** The seal lines from the very hidden sheet "Verzegeling", joined by newlines; null when the workbook has none. */
  seal?: string | null;
}

/** Where a change came from: this user (typing, pasting, Ctrl+Z) or a co-author's Excel (Remote). */
export type ChangeSource = 'local' | 'remote';

/** Cells edited; rows inserted, deleted or sorted (read everything again); or the gateway now follows another sheet. */
export type SheetChange =
  | { kind: 'cells'; areas: Area[]; source: ChangeSource }
  | { kind: 'structure'; source: ChangeSource }
  | { kind: 'sheet' };

/** How far a long read or write is, and a way to stop it between two syncs. */
export interface Progress {
  report?: (klaar: number, totaal: number) => void;
  signal?: AbortSignal;
}

export interface StatusColumns {
  status: number;
  meldingen: number;
}

export interface SheetGateway {
  /** The followed sheet (found once: "Toewijzingen", else the active sheet; then by its id), headers and data,
   *  in chunks that keep each sync small; reports rows read and stops between chunks when the signal aborts. */
  readAll(progress?: Progress): Promise<Snapshot>;
  /** Rows first..last (1-based, inclusive), columns 0..width-1. */
  readRows(first: number, last: number, width: number): Promise<CellValue[][]>;
  /** Writes Status and Meldingen (nothing else), in chunks, and keeps the status formatting rules in place. */
  writeResults(writes: readonly CellWrite[], columns: StatusColumns, progress?: Progress): Promise<void>;
  select(row: number, column: number): Promise<void>;
  /** Tells about edits by people (this user or co-authors) on the followed sheet; the gateway's own writes are not
   *  reported. The listener moves with the sheet the gateway follows. */
  onChange(listener: (change: SheetChange) => void): Promise<() => void>;
  getSetting(key: string): string | null;
  setSetting(key: string, value: string): Promise<void>;
  /** The active sheet's headers and rows, whatever its name: the source when a format is made from a sheet. */
  readActive(): Promise<Snapshot>;
  /** How a made workbook can be put in front of the user here. */
  readonly canInsertSheets: boolean;
  readonly canOpenWorkbook: boolean;
  /** Adds the workbook's sheets after the existing ones; existing sheets are never replaced (Excel renames on a clash).
   *  When one of them is a Toewijzingen sheet, the gateway follows that one from now on (a 'sheet' change). */
  insertSheets(base64: string): Promise<void>;
  /** Opens the workbook as a new workbook. */
  openWorkbook(base64: string): Promise<void>;
  /** Writes single cells the add-in owns (Akkoord gemeente, Akkoordcode). */
  writeCells(cells: readonly { row: number; column: number; value: string }[]): Promise<void>;
  /** The workbook as an .xlsx file, for uploads; null where there is no file (the bench). */
  workbookFile(): Promise<Blob | null>;
  /** Adds a new sheet (named "Voortgang", or the next free name) with this table and a native stacked bar chart drawn
   *  from its first chartColumns columns (a label, then one series per column); activates it and returns its name. */
  addOverview(koppen: readonly string[], rijen: readonly CellValue[][], chartColumns: number): Promise<string>;
  /** Where the pane runs, for the status line. */
  readonly host: 'excel' | 'bench';
}

/** A long read stopped because the user cancelled it. */
export class Geannuleerd extends Error {
  constructor() {
    super('Geannuleerd.');
    this.name = 'Geannuleerd';
  }
}

// Pure logic between the sheet and the API: which cells are sent, what is written back, what changed.
import { type Beoordeling, type CellValue, type Layout, MELDINGEN_SCHEIDING, type RijUitslag, SENT_KEYS } from './format';

export interface RequestRow {
  rij: number;
  waarden: Record<string, CellValue>;
}

/** A cell as the API wants it: text trimmed, empty text as null; numbers and booleans as Excel gives them. */
export function cellForApi(value: CellValue | undefined): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    const t = value.trim();
    return t === '' ? null : t;
  }
  return value;
}

/** The row as the API reads it, or null when none of the sent columns holds a value (an empty row). */
export function requestRow(excelRow: number, cells: readonly CellValue[], layout: Layout): RequestRow | null {
  const waarden: Record<string, CellValue> = {};
  let filled = false;
  for (const [key, index] of layout.byKey) {
    if (!SENT_KEYS.has(key)) continue;
    const v = cellForApi(cells[index]);
    if (v === null) continue;
    waarden[key] = v;
    if (key !== 'regelId') filled = true;
  }
  return filled ? { rij: excelRow, waarden } : null;
}

/** What the Status and Meldingen cells of a row should say. An empty row says nothing. */
export interface RowOutcome {
  status: string;
  meldingen: string;
}

export const EMPTY_OUTCOME: RowOutcome = { status: '', meldingen: '' };

export function outcomeOf(uitslag: RijUitslag): RowOutcome {
  return { status: uitslag.status, meldingen: uitslag.meldingen.map((m) => m.tekst).join(MELDINGEN_SCHEIDING) };
}

export interface CellWrite extends RowOutcome {
  row: number;
}

/** What the report says each sent row should show (rows not sent show nothing). */
export function verdictsOf(report: Beoordeling, sentRows: readonly number[]): Map<number, RowOutcome> {
  const verdicts = new Map<number, RowOutcome>();
  report.rijen.forEach((r, i) => verdicts.set(sentRows[i], outcomeOf(r)));
  return verdicts;
}

export function sameOutcome(a: RowOutcome | undefined, b: RowOutcome | undefined): boolean {
  const x = a ?? EMPTY_OUTCOME, y = b ?? EMPTY_OUTCOME;
  return x.status === y.status && x.meldingen === y.meldingen;
}

/**
 * The writes that bring these rows from what the sheet shows to the verdicts, and nothing more:
 * rows whose Status and Meldingen already say the right thing are left alone.
 */
export function writesFor(
  verdicts: ReadonlyMap<number, RowOutcome>,
  rows: Iterable<number>,
  shown: ReadonlyMap<number, RowOutcome>,
): CellWrite[] {
  const writes: CellWrite[] = [];
  for (const row of new Set(rows)) {
    const target = verdicts.get(row) ?? EMPTY_OUTCOME;
    if (!sameOutcome(target, shown.get(row))) writes.push({ row, ...target });
  }
  return writes.sort((a, b) => a.row - b.row);
}

/** Consecutive rows grouped, so a batch writes one range per run instead of one per row. */
export function runsOf<T extends { row: number }>(writes: readonly T[]): T[][] {
  const runs: T[][] = [];
  for (const w of writes) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1].row === w.row - 1) last.push(w);
    else runs.push([w]);
  }
  return runs;
}

/** A1-style range text ("B5:D7", "C3", "A:A", "4:6") to 1-based rows and 0-based columns; null if unreadable. */
export interface Area {
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
}

export function parseAddress(address: string): Area[] | null {
  const areas: Area[] = [];
  for (const part of address.split(',')) {
    const local = part.includes('!') ? part.slice(part.lastIndexOf('!') + 1) : part;
    const [a, b = a] = local.replace(/\$/g, '').split(':');
    const from = parseRef(a);
    const to = parseRef(b);
    if (!from || !to) return null;
    areas.push({
      firstRow: Math.min(from.row ?? 1, to.row ?? 1),
      lastRow: from.row === undefined || to.row === undefined ? 1_048_576 : Math.max(from.row, to.row),
      firstColumn: Math.min(from.column ?? 0, to.column ?? 0),
      lastColumn: from.column === undefined || to.column === undefined ? 16_383 : Math.max(from.column, to.column),
    });
  }
  return areas;
}

function parseRef(ref: string): { row?: number; column?: number } | null {
  const m = /^([A-Za-z]{0,3})(\d{0,7})$/.exec(ref.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let column: number | undefined;
  if (m[1] !== '') {
    column = 0;
    for (const ch of m[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
    column -= 1;
  }
  return { column, row: m[2] === '' ? undefined : Number(m[2]) };
}

/** Whether a change touches any column the rules read (edits of Status or Meldingen alone do not). */
export function touchesInput(area: Area, layout: Layout): boolean {
  for (const [key, index] of layout.byKey)
    if (SENT_KEYS.has(key) && index >= area.firstColumn && index <= area.lastColumn) return true;
  return false;
}

/** Gzip a body when that pays (above a few kilobytes) and the browser can. */
export async function compress(body: string): Promise<{ body: BodyInit; encoding?: string }> {
  if (body.length < 8 * 1024 || typeof CompressionStream === 'undefined') return { body };
  const stream = new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'));
  return { body: await new Response(stream).arrayBuffer(), encoding: 'gzip' };
}

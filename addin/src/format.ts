// The layout and vocabulary of the migration format (FORMAT.md), shared by every part of the pane.
// Keys and headers must match the API's Columns table; a .NET test compares the two.

export type Fase = 'gemeente' | 'aanbieder' | 'controle';
export type Status = 'ok' | 'onvolledig' | 'overleg' | 'fout';
export type Ernst = 'info' | 'onvolledig' | 'overleg' | 'fout';
export type CellValue = string | number | boolean | null;
export type Colour = 'blauw' | 'geel' | 'grijs' | 'verborgen';

export interface Melding {
  code: string;
  ernst: Ernst;
  kolom: string | null;
  tekst: string;
}

export interface RijUitslag {
  rij: number | null;
  status: Status;
  meldingen: Melding[];
}

export interface Telling {
  ok: number;
  onvolledig: number;
  overleg: number;
  fout: number;
}

export interface Beoordeling {
  rijen: RijUitslag[];
  meldingen: Melding[];
  telling: Telling;
}

export interface ColumnInfo {
  key: string;
  /** A template: {oud} and {nieuw} stand for the region's old and new contract years, read off the sheet's header row. */
  header: string;
  colour: Colour;
}

export const COLUMNS: readonly ColumnInfo[] = [
  { key: 'gemeentecode', header: 'Gemeentecode', colour: 'blauw' },
  { key: 'aanbiederAgb', header: 'AGB-code aanbieder', colour: 'blauw' },
  { key: 'aanbiederNaam', header: 'Naam aanbieder', colour: 'blauw' },
  { key: 'bsn', header: 'BSN jeugdige', colour: 'blauw' },
  { key: 'naam', header: 'Naam jeugdige', colour: 'blauw' },
  { key: 'geboortedatum', header: 'Geboortedatum', colour: 'blauw' },
  { key: 'toewijzingnummer', header: 'Toewijzingnummer', colour: 'blauw' },
  { key: 'productcategorie2022', header: 'Productcategorie {oud}', colour: 'blauw' },
  { key: 'productcode2022', header: 'Productcode {oud}', colour: 'blauw' },
  { key: 'ingangsdatum', header: 'Ingangsdatum', colour: 'blauw' },
  { key: 'einddatum', header: 'Einddatum', colour: 'blauw' },
  { key: 'volume', header: 'Volume', colour: 'blauw' },
  { key: 'eenheid', header: 'Eenheid', colour: 'blauw' },
  { key: 'frequentie', header: 'Frequentie', colour: 'blauw' },
  { key: 'productcategorie2023', header: 'Productcategorie {nieuw}', colour: 'geel' },
  { key: 'productcode2023', header: 'Productcode {nieuw}', colour: 'geel' },
  { key: 'volume2023', header: 'Volume {nieuw}', colour: 'geel' },
  { key: 'einddatum2023', header: 'Einddatum {nieuw}', colour: 'geel' },
  { key: 'budget2023', header: 'Budget {nieuw} (euro)', colour: 'geel' },
  { key: 'opmerkingAanbieder', header: 'Opmerking aanbieder', colour: 'geel' },
  { key: 'status', header: 'Status', colour: 'grijs' },
  { key: 'meldingen', header: 'Meldingen', colour: 'grijs' },
  { key: 'regelId', header: 'Regel-ID', colour: 'verborgen' },
  { key: 'akkoordGemeente', header: 'Akkoord gemeente', colour: 'grijs' },
  { key: 'akkoordcode', header: 'Akkoordcode', colour: 'verborgen' },
];

/** The columns people fill and the rules read, plus the hidden Regel-ID the seal check needs. */
export const SENT_KEYS = new Set(COLUMNS.filter((c) => c.colour === 'blauw' || c.colour === 'geel').map((c) => c.key).concat('regelId'));

/** Between the texts of a row's messages in the Meldingen cell (the API's checked workbook joins them the same way). */
export const MELDINGEN_SCHEIDING = ' | ';

export const STATUSES: readonly Status[] = ['fout', 'overleg', 'onvolledig', 'ok'];

/** The Status column's colours in Excel (the API's XlsxWriter.Statuskleuren holds the same); the overview's bars use the text colour. */
export const STATUS_STYLE: Record<Status, { fill: string; font: string }> = {
  fout: { fill: '#FDE7E9', font: '#A4262C' },
  overleg: { fill: '#FFF4CE', font: '#8A5700' },
  onvolledig: { fill: '#EDEBE9', font: '#3B3A39' },
  ok: { fill: '#DFF6DD', font: '#0E700E' },
};

export const STATUS_LABEL: Record<Status | Ernst, string> = {
  fout: 'Fout',
  overleg: 'Overleg',
  onvolledig: 'Onvolledig',
  ok: 'Ok',
  info: 'Info',
};

export const ROL_LABEL: Record<Fase, string> = {
  gemeente: 'Gemeente (blauwe kolommen vullen)',
  aanbieder: 'Aanbieder (gele kolommen vullen)',
  controle: 'Gemeente: teruggestuurd werkboek controleren',
};

/** The region's contract years as the sheet's header row names them; null while no header with a year was seen. */
export interface ContractYears { oud: string | null; nieuw: string | null }

const byKey = new Map<string, ColumnInfo>();
const byHeader: { pattern: RegExp; slots: ('oud' | 'nieuw')[]; column: ColumnInfo }[] = [];
for (const c of COLUMNS) {
  byKey.set(c.key.toLowerCase(), c);
  const slots: ('oud' | 'nieuw')[] = [];
  const source = c.header.trim().toLowerCase().replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\{(oud|nieuw)\}/g, (_m, slot: 'oud' | 'nieuw') => { slots.push(slot); return '(\\d{4})'; });
  byHeader.push({ pattern: new RegExp(`^${source}$`), slots, column: c });
}

function match(header: CellValue, years?: ContractYears): { column: ColumnInfo; years: Partial<Record<'oud' | 'nieuw', string>> } | undefined {
  if (typeof header !== 'string') return undefined;
  const text = header.trim().toLowerCase();
  const keyed = byKey.get(text);
  if (keyed) return { column: keyed, years: {} };
  for (const h of byHeader) {
    const m = h.pattern.exec(text);
    if (!m || h.slots.some((slot, i) => years?.[slot] != null && years[slot] !== m[i + 1])) continue;
    return { column: h.column, years: Object.fromEntries(h.slots.map((slot, i) => [slot, m[i + 1]])) };
  }
  return undefined;
}

/** The contract years a header row names: the earliest year in a header is the old contract, the latest the new. */
function yearsOf(headers: CellValue[]): ContractYears {
  const seen = headers.flatMap((h) => Object.values(match(h)?.years ?? {})).sort();
  if (seen.length === 0) return { oud: null, nieuw: null };
  const [first, last] = [seen[0], seen[seen.length - 1]];
  if (first !== last) return { oud: first, nieuw: last };
  // One year only (a back-office export has just the old columns): the contracts follow each other on 1 January.
  const slot = headers.map((h) => match(h)).find((m) => m && Object.keys(m.years).length > 0)?.years.oud ? 'oud' : 'nieuw';
  const year = Number(first);
  return slot === 'oud' ? { oud: first, nieuw: String(year + 1) } : { oud: String(year - 1), nieuw: first };
}

/** The column a header cell names, by its Dutch header (in any contract years) or its key, ignoring case and surrounding spaces. */
export function columnOfHeader(header: CellValue, years?: ContractYears): ColumnInfo | undefined {
  return match(header, years)?.column;
}

/** A column's header with the contract years filled in; a year not yet known reads as "oud" or "nieuw". */
export function headerText(c: ColumnInfo, years: ContractYears = { oud: null, nieuw: null }): string {
  return c.header.replace(/\{(oud|nieuw)\}/g, (_m, slot: 'oud' | 'nieuw') => years[slot] ?? `(${slot})`);
}

export function headerOf(key: string | null, years?: ContractYears): string {
  const c = COLUMNS.find((x) => x.key === key);
  return c ? headerText(c, years) : '';
}

/** Where each column of the format stands on a sheet (0-based), found by header text. */
export interface Layout {
  byKey: Map<string, number>;
  status: number | undefined;
  meldingen: number | undefined;
  width: number;
  years: ContractYears;
}

export function layoutOf(headers: CellValue[]): Layout {
  const byKey = new Map<string, number>();
  const years = yearsOf(headers);
  headers.forEach((h, i) => {
    const c = columnOfHeader(h, years);
    if (c && !byKey.has(c.key)) byKey.set(c.key, i);
  });
  return { byKey, status: byKey.get('status'), meldingen: byKey.get('meldingen'), width: headers.length, years };
}

/** The headers of the format that the sheet lacks and the rules need. */
export function missingHeaders(layout: Layout): string[] {
  return COLUMNS.filter((c) => (c.colour === 'blauw' || c.colour === 'geel') && !layout.byKey.has(c.key)).map((c) => headerText(c, layout.years));
}

/** Spreadsheet-style column letters: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

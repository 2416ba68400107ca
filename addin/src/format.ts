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
  { key: 'productcategorie2022', header: 'Productcategorie 2022', colour: 'blauw' },
  { key: 'productcode2022', header: 'Productcode 2022', colour: 'blauw' },
  { key: 'ingangsdatum', header: 'Ingangsdatum', colour: 'blauw' },
  { key: 'einddatum', header: 'Einddatum', colour: 'blauw' },
  { key: 'volume', header: 'Volume', colour: 'blauw' },
  { key: 'eenheid', header: 'Eenheid', colour: 'blauw' },
  { key: 'frequentie', header: 'Frequentie', colour: 'blauw' },
  { key: 'productcategorie2023', header: 'Productcategorie 2023', colour: 'geel' },
  { key: 'productcode2023', header: 'Productcode 2023', colour: 'geel' },
  { key: 'volume2023', header: 'Volume 2023', colour: 'geel' },
  { key: 'einddatum2023', header: 'Einddatum 2023', colour: 'geel' },
  { key: 'budget2023', header: 'Budget 2023 (euro)', colour: 'geel' },
  { key: 'opmerkingAanbieder', header: 'Opmerking aanbieder', colour: 'geel' },
  { key: 'status', header: 'Status', colour: 'grijs' },
  { key: 'meldingen', header: 'Meldingen', colour: 'grijs' },
  { key: 'regelId', header: 'Regel-ID', colour: 'verborgen' },
  { key: 'akkoordGemeente', header: 'Akkoord gemeente', colour: 'grijs' },
  { key: 'akkoordcode', header: 'Akkoordcode', colour: 'verborgen' },
];

/** The columns people fill and the rules read, plus the hidden Regel-ID the seal check needs. */
export const SENT_KEYS = new Set(COLUMNS.filter((c) => c.colour === 'blauw' || c.colour === 'geel').map((c) => c.key).concat('regelId'));

export const STATUSES: readonly Status[] = ['fout', 'overleg', 'onvolledig', 'ok'];

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

const byName = new Map<string, ColumnInfo>();
for (const c of COLUMNS) {
  byName.set(c.header.trim().toLowerCase(), c);
  byName.set(c.key.toLowerCase(), c);
}

/** The column a header cell names, by its Dutch header or its key, ignoring case and surrounding spaces. */
export function columnOfHeader(header: CellValue): ColumnInfo | undefined {
  return typeof header === 'string' ? byName.get(header.trim().toLowerCase()) : undefined;
}

export function headerOf(key: string | null): string {
  return COLUMNS.find((c) => c.key === key)?.header ?? '';
}

/** Where each column of the format stands on a sheet (0-based), found by header text. */
export interface Layout {
  byKey: Map<string, number>;
  status: number | undefined;
  meldingen: number | undefined;
  width: number;
}

export function layoutOf(headers: CellValue[]): Layout {
  const byKey = new Map<string, number>();
  headers.forEach((h, i) => {
    const c = columnOfHeader(h);
    if (c && !byKey.has(c.key)) byKey.set(c.key, i);
  });
  return { byKey, status: byKey.get('status'), meldingen: byKey.get('meldingen'), width: headers.length };
}

/** The headers of the format that the sheet lacks and the rules need. */
export function missingHeaders(layout: Layout): string[] {
  return COLUMNS.filter((c) => (c.colour === 'blauw' || c.colour === 'geel') && !layout.byKey.has(c.key)).map((c) => c.header);
}

/** Spreadsheet-style column letters: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

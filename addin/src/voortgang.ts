// The region's overview in the pane: pure logic, no React and no Excel.
import type { VoortgangOverzicht, VoortgangRegel } from './api';

export interface VoortgangSamenvatting {
  teLaat: number;
  verstuurd: number;
  teruggekomen: number;
  omgezet: number;
  /** The lines to show first: late ones, then the rest, at most `max`. */
  eerst: VoortgangRegel[];
  /** The widest bar of the small chart: the most rows of one line. */
  schaal: number;
}

/** Counts for the tiles and the lines for the short list; the API already puts late lines first. */
export function samenvatting(overzicht: VoortgangOverzicht, max = 8): VoortgangSamenvatting {
  const regels = overzicht.regels;
  const rows = (r: VoortgangRegel) => r.telling.ok + r.telling.overleg + r.telling.onvolledig + r.telling.fout;
  return {
    teLaat: overzicht.teLaat,
    verstuurd: regels.reduce((n, r) => n + r.verstuurd, 0),
    teruggekomen: regels.reduce((n, r) => n + r.teruggekomen, 0),
    omgezet: regels.reduce((n, r) => n + r.omgezet, 0),
    eerst: [...regels].sort((a, b) => Number(b.teLaat) - Number(a.teLaat)).slice(0, max),
    schaal: Math.max(1, ...regels.map(rows)),
  };
}

/** "Zwolle – Bètahuis Gezinshuizen", or that the gemeente sent nothing yet. */
export function naamVan(r: VoortgangRegel): string {
  return `${r.gemeenteNaam ?? r.gemeente} – ${r.aanbieder === null ? 'nog niets verstuurd' : r.aanbiederNaam ?? r.aanbieder}`;
}

/** What a line still has to do, in Dutch: the next step and its date, and whether that date has passed. */
export function volgendeVan(r: VoortgangRegel): string {
  if (!r.volgendeStap) return 'Alle stappen die de API ziet zijn gedaan.';
  const datum = r.volgendeStap.uiterlijk ? ` (uiterlijk ${r.volgendeStap.uiterlijk.split('-').reverse().join('-')})` : '';
  return `${r.teLaat ? 'Te laat: ' : 'Volgende stap: '}${r.volgendeStap.wat.toLowerCase()}${datum}`;
}

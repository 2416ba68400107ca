// Pure view logic for the meldingen list: groups per rule, most serious first, and which rows can be approved.
import type { Ernst } from '../format';
import type { RijMelding } from '../session';

export const ERNST_ORDER: Ernst[] = ['fout', 'overleg', 'onvolledig', 'info'];

export interface Groep {
  code: string;
  ernst: Ernst;
  /** The rule's Dutch name (from the API), or its code while the names are not known. */
  naam: string;
  rijMeldingen: RijMelding[];
}

/** One group per rule code and severity: fout first, then overleg, onvolledig and info; within a severity the largest group first. */
export function groupMeldingen(rijMeldingen: readonly RijMelding[], namen: ReadonlyMap<string, string>): Groep[] {
  const groups = new Map<string, Groep>();
  for (const b of rijMeldingen) {
    const key = `${b.melding.ernst}|${b.melding.code}`;
    let g = groups.get(key);
    if (!g) groups.set(key, g = { code: b.melding.code, ernst: b.melding.ernst, naam: namen.get(b.melding.code) ?? b.melding.code, rijMeldingen: [] });
    g.rijMeldingen.push(b);
  }
  return [...groups.values()].sort((a, b) =>
    ERNST_ORDER.indexOf(a.ernst) - ERNST_ORDER.indexOf(b.ernst) || b.rijMeldingen.length - a.rijMeldingen.length || a.naam.localeCompare(b.naam, 'nl'));
}

/** Rows a gemeente can approve: at least one overleg melding, and every melding overleg or info (the API refuses others). */
export function approvableRows(rijMeldingen: readonly RijMelding[]): Set<number> {
  const blocked = new Set<number>();
  const overleg = new Set<number>();
  for (const b of rijMeldingen) {
    if (b.melding.ernst === 'overleg') overleg.add(b.row);
    else if (b.melding.ernst !== 'info') blocked.add(b.row);
  }
  return new Set([...overleg].filter((r) => !blocked.has(r)));
}

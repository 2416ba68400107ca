// Checking several returned workbooks at once: which file stands where, sent in small groups so the list shows progress.
// No rules here: the API judges, this module only keeps the list.
import { ApiOnbereikbaar, type ApiClient, type BatchWerkboek } from './api';
import { STATUSES, STATUS_LABEL, type Telling } from './format';

export type Toestand = 'wacht' | 'bezig' | 'gecontroleerd' | 'geweigerd' | 'niet gecontroleerd';

/** One line of the pane's list: a chosen file, where it stands, and what the API said about it. */
export interface BatchRegel {
  bestand: string;
  toestand: Toestand;
  telling: Telling | null;
  aanbieder: string | null;
  verzegeling: BatchWerkboek['verzegeling'];
  omzetbaar: boolean;
  reden: string | null;
}

export const TOESTAND_LABEL: Record<Toestand, string> = {
  wacht: 'Wacht',
  bezig: 'Bezig…',
  gecontroleerd: 'Gecontroleerd',
  geweigerd: 'Geweigerd',
  'niet gecontroleerd': 'Niet gecontroleerd',
};

/** At most this many files, and about this many bytes, per request: each answer moves the list on, and a group stays far
 *  below the API's limits for a batch (Limieten:Batch). */
export const GROEP_BESTANDEN = 10;
export const GROEP_BYTES = 16 * 1024 * 1024;

export function waiting(files: File[]): BatchRegel[] {
  return files.map((f) => ({ bestand: f.name, toestand: 'wacht', telling: null, aanbieder: null, verzegeling: null, omzetbaar: false, reden: null }));
}

/** The files in groups in their chosen order: a new group when one would pass either bound (a big file goes alone). */
export function groups(files: File[], maxFiles = GROEP_BESTANDEN, maxBytes = GROEP_BYTES): number[][] {
  const result: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  files.forEach((file, i) => {
    if (current.length > 0 && (current.length === maxFiles || bytes + file.size > maxBytes)) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(i);
    bytes += file.size;
  });
  if (current.length > 0) result.push(current);
  return result;
}

/** The list line for the API's answer about one workbook. */
export function lineOf(bestand: string, w: BatchWerkboek): BatchRegel {
  const aanbieder = w.aanbieders.map((a) => (a.naam ? `${a.naam} (${a.agb})` : a.agb)).join(', ') || null;
  return { bestand, toestand: w.uitkomst, telling: w.telling, aanbieder, verzegeling: w.verzegeling, omzetbaar: w.omzetbaar, reden: w.reden };
}

/** "2 ok, 1 fout": the counts that are not zero, in the order of the statuses. */
export function countsText(telling: Telling | null): string {
  if (!telling) return '';
  const parts = STATUSES.filter((s) => telling[s] > 0).map((s) => `${telling[s]} ${STATUS_LABEL[s].toLowerCase()}`);
  return parts.length > 0 ? parts.join(', ') : 'geen rijen';
}

/** Checks the files group by group and reports the whole list after every change. A refused group (say, too large) marks
 *  only its own files; when the API cannot be reached, the files not yet checked say so and nothing more is sent. */
export async function checkAll(api: Pick<ApiClient, 'controleBatch'>, files: File[], onChange: (lines: BatchRegel[]) => void,
  maxFiles = GROEP_BESTANDEN, maxBytes = GROEP_BYTES): Promise<BatchRegel[]> {
  let lines = waiting(files);
  const set = (indexes: number[], line: (i: number) => BatchRegel) => {
    lines = lines.map((l, i) => (indexes.includes(i) ? line(i) : l));
    onChange(lines);
  };
  onChange(lines);
  const all = groups(files, maxFiles, maxBytes);
  for (const [g, group] of all.entries()) {
    set(group, (i) => ({ ...lines[i], toestand: 'bezig' }));
    try {
      const answer = await api.controleBatch(group.map((i) => files[i]));
      set(group, (i) => {
        const w = answer.werkboeken[group.indexOf(i)];
        return w ? lineOf(files[i].name, w) : { ...lines[i], toestand: 'niet gecontroleerd', reden: 'De service gaf geen antwoord over dit werkboek.' };
      });
    } catch (e) {
      const rest = e instanceof ApiOnbereikbaar ? all.slice(g).flat() : group;
      set(rest, (i) => ({ ...lines[i], toestand: e instanceof ApiOnbereikbaar ? 'niet gecontroleerd' : 'geweigerd', reden: (e as Error).message }));
      if (e instanceof ApiOnbereikbaar) break;
    }
  }
  return lines;
}

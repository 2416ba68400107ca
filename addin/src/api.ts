// The one module that talks to the API.
import type { Beoordeling, CellValue, Ernst, Fase, Melding, Telling } from './format';
import { compress, type RequestRow } from './rows';

/** The API could not be reached, did not answer in time or asked to wait: nothing is lost, try again later
 *  (after retryAfterMs, when the API said how long). */
export class ApiOnbereikbaar extends Error {
  constructor(message: string, readonly retryAfterMs: number | null = null) {
    super(message);
  }
}

/** The API answered with a problem: its Dutch detail says what to fix. */
export class ApiProbleem extends Error {}

export interface ValidatieVerzoek {
  fase: Fase;
  rijen: RequestRow[];
  verzegeling?: string | null;
}

export interface Contactpersoon {
  voornaam?: string;
  achternaam?: string;
  email?: string;
  telefoon?: string;
  rol?: string;
}

/** The source of a format: rows from a sheet, or a backoffice CSV export chosen by the user. */
export type FormatBron = { rijen: RequestRow[] } | { bestand: File };

export interface Zending {
  gemeente: string;
  aanbieder: string;
  agb: string;
  email: string;
  rijen: number;
  werkboek: string;
}

export interface NietVerzonden {
  rij: number | null;
  toewijzingnummer: number | null;
  redenen: string[];
}

export interface Verzendoverzicht {
  zendingen: Zending[];
  nietVerzonden: NietVerzonden[];
}

/** A rule as the API names it for people (GET /api/regels). */
export interface Regel {
  code: string;
  naam: string;
  ernst: Ernst;
}

/** The aanbieder a returned workbook is for, named as the region's catalogue has it. */
export interface BatchAanbieder {
  agb: string;
  naam: string | null;
}

/** One workbook of POST /api/controle/batch: its report in short, or why it could not be read. */
export interface BatchWerkboek {
  nummer: number;
  bestand: string;
  uitkomst: 'gecontroleerd' | 'geweigerd';
  verzegeling: 'geldig' | 'ongeldig' | 'geen' | null;
  telling: Telling | null;
  aanbieders: BatchAanbieder[];
  meldingen: Melding[];
  omzetbaar: boolean;
  reden: string | null;
}

export interface Batchcontrole {
  werkboeken: BatchWerkboek[];
  telling: Telling;
}

/** A step of the region's plan (regio.json), with the event that shows it is done. */
export interface Stap { stap: number; wie: string; wat: string; uiterlijk: string | null; meting: string | null }

/** One gemeente and aanbieder against the plan (GET /api/voortgang); aanbieder null: that gemeente sent nothing yet. */
export interface VoortgangRegel {
  gemeente: string; gemeenteNaam: string | null; aanbieder: string | null; aanbiederNaam: string | null;
  verstuurd: number; teruggekomen: number; rijen: number; telling: Telling; akkoorden: number; omgezet: number; nietOmgezet: number;
  stap: Stap | null; volgendeStap: Stap | null; teLaat: boolean;
}

export interface VoortgangOverzicht {
  datum: string;
  regels: VoortgangRegel[];
  teLaat: number;
  /** The same lines as a table (made by the API, so the sheet and the download are alike); its first five columns are the chart's data. */
  tabel: { koppen: string[]; rijen: CellValue[][] };
}

/** Waits this long at most, on a 429 or 503 with Retry-After, before trying once more; longer waits go back to the caller. */
const MAX_WAIT_MS = 10_000;

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date), or null when it says nothing usable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export interface ApiClient {
  validate(request: ValidatieVerzoek): Promise<Beoordeling>;
  format(bron: FormatBron, contactpersonen: Contactpersoon[]): Promise<Blob>;
  verzendoverzicht(bron: FormatBron, contactpersonen: Contactpersoon[]): Promise<Verzendoverzicht>;
  perAanbieder(bron: FormatBron, contactpersonen: Contactpersoon[]): Promise<Blob>;
  akkoord(regelId: string, waarden: Record<string, CellValue>, verzegeling: string | null): Promise<string>;
  omzetlijst(werkboek: Blob): Promise<Blob>;
  /** Several returned workbooks checked in one request: per workbook its short report or its reason, in the order sent. */
  controleBatch(werkboeken: File[]): Promise<Batchcontrole>;
  /** One conversion list for several workbooks; a workbook that cannot be converted is listed on Niet omgezet with its reason. */
  omzetlijstBatch(werkboeken: File[]): Promise<Blob>;
  /** The rules with their Dutch names, for the filter and the groups. */
  regels(): Promise<Regel[]>;
  /** Where every gemeente and aanbieder stands against the plan, as far as this user may see. */
  voortgang(): Promise<VoortgangOverzicht>;
  /** The same overview as a workbook with a native chart. */
  voortgangWerkboek(): Promise<Blob>;
  /** A short-lived single-use address (absolute) from which the system browser can fetch this file once. */
  downloadAdres(bestand: Blob, naam: string): Promise<string>;
}

export function createApiClient(baseUrl = '', timeoutMs = 15_000, fetcher: typeof fetch = (...a) => fetch(...a),
  token: () => Promise<string | null> = async () => null,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms))): ApiClient {
  /** Adds the bearer token (none in local mode) to a request's headers. */
  async function withToken(init: RequestInit): Promise<RequestInit> {
    const bearer = await token();
    if (!bearer) return init;
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${bearer}`);
    return { ...init, headers };
  }

  /** Sends rows as JSON, or the chosen CSV file as an upload, and hands back the answer or a Dutch error. */
  async function send(path: string, bron: FormatBron, contactpersonen: Contactpersoon[]): Promise<Response> {
    let init: RequestInit;
    if ('bestand' in bron) {
      const form = new FormData();
      form.append('bestand', bron.bestand);
      form.append('contactpersonen', JSON.stringify(contactpersonen));
      init = { method: 'POST', body: form };
    } else {
      init = await jsonInit({ rijen: bron.rijen, contactpersonen });
    }
    return call(path, init);
  }

  /** A JSON POST, gzipped when that pays. */
  async function jsonInit(payload: unknown): Promise<RequestInit> {
    const { body, encoding } = await compress(JSON.stringify(payload));
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (encoding) headers['Content-Encoding'] = encoding;
    return { method: 'POST', headers, body };
  }

  /** One request with the pane's error handling: unreachable (nothing lost, try again) or a Dutch problem detail.
   *  Workbooks take longer than a live validation round, hence the longer default. */
  async function call(path: string, init: RequestInit, timeout = timeoutMs * 4): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      const signed = await withToken(init);
      try {
        response = await fetcher(`${baseUrl}${path}`, { ...signed, signal: AbortSignal.timeout(timeout) });
      } catch {
        throw new ApiOnbereikbaar('De service is niet bereikbaar. Probeer het over enkele ogenblikken opnieuw.');
      }
      // Too many requests, or busy: wait as long as the API asks (a short wait here, a longer one by the caller).
      if (response.status === 429 || response.status === 503) {
        const wait = retryAfterMs(response.headers.get('Retry-After'));
        if (wait !== null && wait <= MAX_WAIT_MS && attempt < 2) {
          await sleep(wait);
          continue;
        }
        const seconds = wait === null ? null : Math.ceil(wait / 1000);
        throw new ApiOnbereikbaar(response.status === 429
          ? `De service krijgt nu te veel verzoeken van u. Er gaat niets verloren; het taakvenster probeert het ${seconds ? `over ${seconds} seconden` : 'zo'} opnieuw.`
          : `De service is even te druk. Er gaat niets verloren; probeer het ${seconds ? `over ${seconds} seconden` : 'later'} opnieuw.`, wait);
      }
      if (response.status >= 500 || response.status === 404) throw new ApiOnbereikbaar('De service geeft geen antwoord. Probeer het later opnieuw.');
      if (!response.ok) throw await problemOf(response);
      return response;
    }
  }

  /** Every workbook in its own 'bestand' field, under the name the user chose it by. */
  function formOf(werkboeken: File[]): FormData {
    const form = new FormData();
    for (const werkboek of werkboeken) form.append('bestand', werkboek, werkboek.name);
    return form;
  }

  async function problemOf(response: Response): Promise<ApiProbleem> {
    if (response.status === 401) return new ApiProbleem('U bent niet (meer) aangemeld. Meld u opnieuw aan.');
    const problem = await response.json().catch(() => null);
    if (response.status === 403) return new ApiProbleem(problem?.detail ?? 'Uw rol geeft geen toegang tot deze functie. Vraag de beheerder om de juiste rol.');
    return new ApiProbleem(problem?.detail ?? `De service weigerde het verzoek (${response.status}).`);
  }

  return {
    format: async (bron, contactpersonen) => (await send('/api/format', bron, contactpersonen)).blob(),
    verzendoverzicht: async (bron, contactpersonen) =>
      (await send('/api/format/per-aanbieder?formaat=overzicht', bron, contactpersonen)).json() as Promise<Verzendoverzicht>,
    perAanbieder: async (bron, contactpersonen) => (await send('/api/format/per-aanbieder', bron, contactpersonen)).blob(),
    async akkoord(regelId, waarden, verzegeling) {
      const response = await call('/api/akkoord', await jsonInit({ regelId, waarden, verzegeling }));
      return ((await response.json()) as { akkoordcode: string }).akkoordcode;
    },
    async omzetlijst(werkboek) {
      const form = new FormData();
      form.append('bestand', werkboek, 'werkboek.xlsx');
      return (await call('/api/omzetting', { method: 'POST', body: form })).blob();
    },
    controleBatch: async (werkboeken) =>
      (await call('/api/controle/batch', { method: 'POST', body: formOf(werkboeken) })).json() as Promise<Batchcontrole>,
    voortgang: async () => (await call('/api/voortgang', { method: 'GET' })).json() as Promise<VoortgangOverzicht>,
    voortgangWerkboek: async () => (await call('/api/voortgang?formaat=xlsx', { method: 'GET' })).blob(),
    omzetlijstBatch: async (werkboeken) => (await call('/api/omzetting/batch', { method: 'POST', body: formOf(werkboeken) })).blob(),

    regels: async () => (await call('/api/regels', { method: 'GET' }, timeoutMs)).json() as Promise<Regel[]>,
    async downloadAdres(bestand, naam) {
      const form = new FormData();
      form.append('bestand', bestand, naam);
      const { adres } = (await (await call('/api/downloads', { method: 'POST', body: form })).json()) as { adres: string };
      return new URL(adres, baseUrl || location.origin).href;
    },

    validate: async (request) => (await call('/api/validatie', await jsonInit(request), timeoutMs)).json() as Promise<Beoordeling>,
  };
}

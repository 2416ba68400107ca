// The one module that talks to the API.
import type { Beoordeling, Fase } from './format';
import { compress, type RequestRow } from './rows';

/** The API could not be reached or did not answer in time: nothing is lost, try again later. */
export class ApiOnbereikbaar extends Error {}

/** The API answered with a problem: its Dutch detail says what to fix. */
export class ApiProbleem extends Error {}

export interface ValidatieVerzoek {
  fase: Fase;
  rijen: RequestRow[];
  verzegeling?: string | null;
}

export interface ApiClient {
  validate(request: ValidatieVerzoek): Promise<Beoordeling>;
}

export function createApiClient(baseUrl = '', timeoutMs = 15_000, fetcher: typeof fetch = (...a) => fetch(...a)): ApiClient {
  return {
    async validate(request) {
      const { body, encoding } = await compress(JSON.stringify(request));
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (encoding) headers['Content-Encoding'] = encoding;
      let response: Response;
      try {
        response = await fetcher(`${baseUrl}/api/validatie`, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
      } catch {
        throw new ApiOnbereikbaar('De controleservice is niet bereikbaar.');
      }
      if (response.status >= 500 || response.status === 404) throw new ApiOnbereikbaar('De controleservice geeft geen antwoord.');
      if (!response.ok) {
        const problem = await response.json().catch(() => null);
        throw new ApiProbleem(problem?.detail ?? `De controleservice weigerde het verzoek (${response.status}).`);
      }
      return (await response.json()) as Beoordeling;
    },
  };
}

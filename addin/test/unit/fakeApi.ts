import { ApiOnbereikbaar, type ApiClient, type ValidatieVerzoek } from '../../src/api';
import type { Beoordeling, RijUitslag } from '../../src/format';

/** Judges a row fout when its BSN is the text "fout", else ok; can be switched off to play an unreachable API. */
export class FakeApi implements Pick<ApiClient, 'validate'> {
  readonly requests: ValidatieVerzoek[] = [];
  down = false;

  async validate(request: ValidatieVerzoek): Promise<Beoordeling> {
    this.requests.push(structuredClone(request));
    if (this.down) throw new ApiOnbereikbaar('weg');
    // Like the real rules that compare rows: two rows with one toewijzingnummer are both fout (DUBBELE_TOEWIJZING).
    const nummers = new Map<string, number>();
    for (const r of request.rijen) if (r.waarden.toewijzingnummer != null) nummers.set(String(r.waarden.toewijzingnummer), (nummers.get(String(r.waarden.toewijzingnummer)) ?? 0) + 1);
    const rijen: RijUitslag[] = request.rijen.map((r) =>
      r.waarden.bsn === 'fout'
        ? { rij: r.rij, status: 'fout', meldingen: [{ code: 'BSN_ONGELDIG', ernst: 'fout', kolom: 'bsn', tekst: 'BSN jeugdige klopt niet.' }] }
        : (nummers.get(String(r.waarden.toewijzingnummer)) ?? 0) > 1
          ? { rij: r.rij, status: 'fout', meldingen: [{ code: 'DUBBELE_TOEWIJZING', ernst: 'fout', kolom: 'toewijzingnummer', tekst: 'Toewijzingnummer komt twee keer voor.' }] }
          : { rij: r.rij, status: 'ok', meldingen: [] });
    const fout = rijen.filter((r) => r.status === 'fout').length;
    return { rijen, meldingen: [], telling: { ok: rijen.length - fout, onvolledig: 0, overleg: 0, fout } };
  }

  get last(): ValidatieVerzoek {
    return this.requests[this.requests.length - 1];
  }
}

import { describe, expect, it } from 'vitest';
import { ApiOnbereikbaar, ApiProbleem, createApiClient, type Batchcontrole, type BatchWerkboek } from '../../src/api';
import { checkAll, countsText, groups, lineOf, type BatchRegel } from '../../src/batch';

const file = (name: string, size = 10) => new File([new Uint8Array(size)], name);

const checked = (nummer: number, bestand: string, agb = '98000033', naam: string | null = 'Gamma Wonen Jong'): BatchWerkboek => ({
  nummer, bestand, uitkomst: 'gecontroleerd', verzegeling: 'geldig', telling: { ok: 2, onvolledig: 1, overleg: 0, fout: 0 },
  aanbieders: [{ agb, naam }], meldingen: [], omzetbaar: true, reden: null,
});
const refused = (nummer: number, bestand: string, reden: string): BatchWerkboek => ({
  nummer, bestand, uitkomst: 'geweigerd', verzegeling: null, telling: null, aanbieders: [], meldingen: [], omzetbaar: false, reden,
});

/** Answers each request as the API does (one workbook per file, in order) and keeps what it was sent. */
class FakeBatchApi {
  readonly sent: string[][] = [];
  constructor(private readonly answer: (names: string[], call: number) => Batchcontrole | Error) {}
  async controleBatch(werkboeken: File[]): Promise<Batchcontrole> {
    const names = werkboeken.map((w) => w.name);
    this.sent.push(names);
    const a = this.answer(names, this.sent.length);
    if (a instanceof Error) throw a;
    return a;
  }
}

const answerAll = (names: string[]): Batchcontrole => ({
  werkboeken: names.map((n, i) => (n.startsWith('kapot') ? refused(i + 1, n, 'Dit bestand is geen Excel-werkboek (.xlsx) of het is beschadigd.') : checked(i + 1, n))),
  telling: { ok: 0, onvolledig: 0, overleg: 0, fout: 0 },
});

describe('the batch list', () => {
  it('groups files in the chosen order, by count and by size, a big file alone', () => {
    const files = [file('a', 5), file('b', 5), file('c', 5), file('groot', 100), file('d', 5)];
    expect(groups(files, 2, 50)).toEqual([[0, 1], [2], [3], [4]]);
    expect(groups([], 2, 50)).toEqual([]);
  });

  it('shows every file waiting, then busy, then its own report or its reason', async () => {
    const api = new FakeBatchApi(answerAll);
    const seen: BatchRegel[][] = [];
    const files = [file('Gamma.xlsx'), file('kapot.xlsx'), file('Theta.xlsx')];
    const lines = await checkAll(api, files, (l) => seen.push(l), 2);
    expect(seen[0].map((l) => l.toestand)).toEqual(['wacht', 'wacht', 'wacht']);
    expect(seen[1].map((l) => l.toestand)).toEqual(['bezig', 'bezig', 'wacht']);
    expect(seen[2].map((l) => l.toestand)).toEqual(['gecontroleerd', 'geweigerd', 'wacht']);
    expect(lines.map((l) => [l.bestand, l.toestand])).toEqual([['Gamma.xlsx', 'gecontroleerd'], ['kapot.xlsx', 'geweigerd'], ['Theta.xlsx', 'gecontroleerd']]);
    expect(lines[1].reden).toContain('geen Excel-werkboek');
    expect(lines[0]).toMatchObject({ aanbieder: 'Gamma Wonen Jong (98000033)', omzetbaar: true, reden: null });
    expect(api.sent).toEqual([['Gamma.xlsx', 'kapot.xlsx'], ['Theta.xlsx']]);
  });

  it('marks only its own files when the API refuses a group, and goes on with the next', async () => {
    const api = new FakeBatchApi((names, call) => (call === 1 ? new ApiProbleem('De werkboeken zijn samen groter dan 64 MB.') : answerAll(names)));
    const lines = await checkAll(api, [file('a.xlsx'), file('b.xlsx'), file('c.xlsx')], () => {}, 2);
    expect(lines.map((l) => l.toestand)).toEqual(['geweigerd', 'geweigerd', 'gecontroleerd']);
    expect(lines[0].reden).toBe('De werkboeken zijn samen groter dan 64 MB.');
  });

  it('stops when the API cannot be reached and says which files were not checked', async () => {
    const api = new FakeBatchApi((names, call) => (call === 2 ? new ApiOnbereikbaar('De service is niet bereikbaar.') : answerAll(names)));
    const lines = await checkAll(api, [file('a.xlsx'), file('b.xlsx'), file('c.xlsx'), file('d.xlsx')], () => {}, 1);
    expect(lines.map((l) => l.toestand)).toEqual(['gecontroleerd', 'niet gecontroleerd', 'niet gecontroleerd', 'niet gecontroleerd']);
    expect(lines[3].reden).toBe('De service is niet bereikbaar.');
    expect(api.sent).toHaveLength(2);
  });

  it('names the aanbieder by AGB when the catalogue has no name, and says which counts there are', () => {
    expect(lineOf('x.xlsx', checked(1, 'x.xlsx', '12345678', null)).aanbieder).toBe('12345678');
    expect(lineOf('x.xlsx', refused(1, 'x.xlsx', 'kapot')).aanbieder).toBeNull();
    expect(countsText({ ok: 2, onvolledig: 1, overleg: 0, fout: 3 })).toBe('3 fout, 1 onvolledig, 2 ok');
    expect(countsText({ ok: 0, onvolledig: 0, overleg: 0, fout: 0 })).toBe('geen rijen');
    expect(countsText(null)).toBe('');
  });

  it('sends every workbook in its own bestand field under the chosen name, and the combined list to the batch route', async () => {
    const calls: { url: string; names: string[] }[] = [];
    const fetcher = (async (url: string, init: RequestInit) => {
      calls.push({ url, names: (init.body as FormData).getAll('bestand').map((f) => (f as File).name) });
      return url.includes('controle')
        ? new Response(JSON.stringify(answerAll(['Gamma.xlsx', 'Theta.xlsx'])), { headers: { 'Content-Type': 'application/json' } })
        : new Response(new Blob(['PK']));
    }) as unknown as typeof fetch;
    const api = createApiClient('', 1000, fetcher);
    const answer = await api.controleBatch([file('Gamma.xlsx'), file('Theta.xlsx')]);
    expect(answer.werkboeken.map((w) => w.bestand)).toEqual(['Gamma.xlsx', 'Theta.xlsx']);
    await api.omzetlijstBatch([file('Gamma.xlsx'), file('Theta.xlsx')]);
    expect(calls).toEqual([
      { url: '/api/controle/batch', names: ['Gamma.xlsx', 'Theta.xlsx'] },
      { url: '/api/omzetting/batch', names: ['Gamma.xlsx', 'Theta.xlsx'] },
    ]);
  });
});

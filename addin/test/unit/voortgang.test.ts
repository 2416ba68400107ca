import { describe, expect, it } from 'vitest';
import type { VoortgangOverzicht, VoortgangRegel } from '../../src/api';
import { createOfficeSheet } from '../../src/excel/officeSheet';
import { naamVan, samenvatting, volgendeVan } from '../../src/voortgang';
import { FakeExcel, FakeSettings } from './fakeExcel';

const stap = (wat: string, uiterlijk: string | null, meting: string | null) => ({ stap: 5, wie: 'Aanbieders', wat, uiterlijk, meting });

function regel(over: Partial<VoortgangRegel>): VoortgangRegel {
  return {
    gemeente: '0193', gemeenteNaam: 'Zwolle', aanbieder: '98000022', aanbiederNaam: 'Bètahuis', verstuurd: 1, teruggekomen: 0, rijen: 10,
    telling: { ok: 0, overleg: 0, onvolledig: 0, fout: 0 }, akkoorden: 0, omgezet: 0, nietOmgezet: 0,
    stap: null, volgendeStap: stap('Format controleren en retour sturen', '2022-12-23', 'teruggekomen'), teLaat: false, ...over,
  };
}

const overzicht = (regels: VoortgangRegel[]): VoortgangOverzicht => ({
  datum: '2022-12-28', regels, teLaat: regels.filter((r) => r.teLaat).length,
  tabel: { koppen: ['Gemeente en aanbieder', 'Ok', 'Overleg', 'Onvolledig', 'Fout', 'Gemeentecode'], rijen: regels.map((r) => [naamVan(r), r.telling.ok, r.telling.overleg, r.telling.onvolledig, r.telling.fout, r.gemeente]) },
});

describe('the region overview in the pane', () => {
  it('counts what was sent, returned and converted, and shows late lines first', () => {
    const o = overzicht([
      regel({ teruggekomen: 1, telling: { ok: 8, overleg: 2, onvolledig: 0, fout: 0 }, omgezet: 8 }),
      regel({ gemeente: '0166', gemeenteNaam: 'Kampen', aanbieder: null, aanbiederNaam: null, verstuurd: 0, teLaat: true }),
    ]);
    const s = samenvatting(o);
    expect(s).toMatchObject({ teLaat: 1, verstuurd: 1, teruggekomen: 1, omgezet: 8, schaal: 10 });
    expect(s.eerst.map((r) => r.gemeente)).toEqual(['0166', '0193']);
    expect(naamVan(s.eerst[0])).toBe('Kampen – nog niets verstuurd');
    expect(volgendeVan(s.eerst[0])).toBe('Te laat: format controleren en retour sturen (uiterlijk 23-12-2022)');
  });

  it('writes the table to a new sheet and draws a native stacked bar chart from its first five columns', async () => {
    const excel = new FakeExcel({ Toewijzingen: [['x']], Voortgang: [['van eerder']] });
    const sheet = createOfficeSheet(excel as unknown as typeof Excel, new FakeSettings() as unknown as Office.Settings);
    const o = overzicht([regel({ telling: { ok: 3, overleg: 1, onvolledig: 0, fout: 2 } })]);

    const name = await sheet.addOverview(o.tabel.koppen, o.tabel.rijen, 5);

    expect(name).toBe('Voortgang (2)'); // the user's own sheet of that name is left alone
    expect(excel.cell('Voortgang', 1, 0)).toBe('van eerder');
    expect(excel.cell(name, 1, 0)).toBe('Gemeente en aanbieder');
    expect(excel.cell(name, 2, 1)).toBe(3);
    expect(excel.cell(name, 2, 5)).toBe('0193');
    expect(excel.active).toBe(name);
    expect(excel.charts).toEqual([{ sheet: name, type: 'BarStacked', source: [0, 0, 2, 5], seriesBy: 'Columns', title: 'Rijen per status bij de laatste controle' }]);
  });
});

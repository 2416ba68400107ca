import { describe, expect, it } from 'vitest';
import { COLUMNS, headerText, layoutOf } from '../../src/format';
import { cellForApi, compress, outcomeOf, parseAddress, requestRow, runsOf, touchesInput, verdictsOf, writesFor } from '../../src/rows';

const layout = layoutOf(COLUMNS.map((c) => headerText(c, { oud: '2026', nieuw: '2027' })));
const col = (key: string) => COLUMNS.findIndex((c) => c.key === key);

function row(values: Record<string, unknown>) {
  const cells = COLUMNS.map(() => null as unknown);
  for (const [k, v] of Object.entries(values)) cells[col(k)] = v;
  return cells as (string | number | boolean | null)[];
}

describe('reading cells for the API', () => {
  it('trims text, turns empty text into null and keeps numbers and booleans as Excel gives them', () => {
    expect(cellForApi('  0193 ')).toBe('0193');
    expect(cellForApi('   ')).toBeNull();
    expect(cellForApi(44652)).toBe(44652);
    expect(cellForApi(false)).toBe(false);
    expect(cellForApi('#N/A')).toBe('#N/A');
  });

  it('sends the blue and yellow cells and the Regel-ID, never Status or Meldingen', () => {
    const r = requestRow(7, row({ bsn: 999925702, status: 'fout', meldingen: 'oud', regelId: 'R1', productcode2023: '44A08' }), layout);
    expect(r).toEqual({ rij: 7, waarden: { bsn: 999925702, productcode2023: '44A08', regelId: 'R1' } });
  });

  it('treats a row with only grey cells as empty', () => {
    expect(requestRow(3, row({ status: 'ok', meldingen: 'x', regelId: 'R9' }), layout)).toBeNull();
  });
});

describe('writing back', () => {
  const report = {
    rijen: [
      { rij: 2, status: 'ok' as const, meldingen: [] },
      { rij: 4, status: 'fout' as const, meldingen: [{ code: 'BSN_ONGELDIG', ernst: 'fout' as const, kolom: 'bsn', tekst: 'A.' }, { code: 'OPMERKING', ernst: 'info' as const, kolom: 'opmerkingAanbieder', tekst: 'B.' }] },
    ],
    meldingen: [],
    telling: { ok: 1, onvolledig: 0, overleg: 0, fout: 1 },
  };

  it('joins a row’s messages into one readable Meldingen text', () => {
    expect(outcomeOf(report.rijen[1])).toEqual({ status: 'fout', meldingen: 'A. | B.' });
  });

  it('writes only the rows whose Status or Meldingen change, and clears rows that became empty', () => {
    const shown = new Map([
      [2, { status: 'ok', meldingen: '' }],
      [3, { status: 'fout', meldingen: 'oud' }],
      [4, { status: 'fout', meldingen: 'A.' }],
    ]);
    expect(writesFor(verdictsOf(report, [2, 4]), [2, 3, 4, 5], shown)).toEqual([
      { row: 3, status: '', meldingen: '' },
      { row: 4, status: 'fout', meldingen: 'A. | B.' },
    ]);
  });

  it('groups consecutive rows so a batch writes one range per run', () => {
    expect(runsOf([{ row: 2 }, { row: 3 }, { row: 5 }, { row: 6 }, { row: 7 }, { row: 9 }]).map((r) => r.map((w) => w.row)))
      .toEqual([[2, 3], [5, 6, 7], [9]]);
  });
});

describe('change addresses', () => {
  it('reads single cells, blocks, sheet-qualified, whole-column and multi-area addresses', () => {
    expect(parseAddress('D5')).toEqual([{ firstRow: 5, lastRow: 5, firstColumn: 3, lastColumn: 3 }]);
    expect(parseAddress('Toewijzingen!$B$2:$AA$201')).toEqual([{ firstRow: 2, lastRow: 201, firstColumn: 1, lastColumn: 26 }]);
    expect(parseAddress('C:C')![0]).toMatchObject({ firstColumn: 2, lastColumn: 2, firstRow: 1, lastRow: 1_048_576 });
    expect(parseAddress('4:6')![0]).toMatchObject({ firstRow: 4, lastRow: 6, firstColumn: 0, lastColumn: 16_383 });
    expect(parseAddress('A1,C3:D4')).toHaveLength(2);
    expect(parseAddress('nonsense!!')).toBeNull();
  });

  it('ignores changes to Status and Meldingen alone: those are the add-in’s own writes', () => {
    const status = COLUMNS.findIndex((c) => c.key === 'status');
    expect(touchesInput({ firstRow: 2, lastRow: 9, firstColumn: status, lastColumn: status + 1 }, layout)).toBe(false);
    expect(touchesInput({ firstRow: 2, lastRow: 2, firstColumn: col('bsn'), lastColumn: col('bsn') }, layout)).toBe(true);
  });
});

describe('compressing the request', () => {
  it('leaves small bodies alone and gzips large ones to a fraction of their size', async () => {
    expect(await compress('{"a":1}')).toEqual({ body: '{"a":1}' });
    const large = JSON.stringify({ rijen: Array.from({ length: 500 }, (_, i) => ({ rij: i, waarden: { bsn: '999925702', naam: 'X' } })) });
    const packed = await compress(large);
    expect(packed.encoding).toBe('gzip');
    expect((packed.body as ArrayBuffer).byteLength).toBeLessThan(large.length / 5);
  });
});

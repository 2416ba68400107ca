import { describe, expect, it, vi } from 'vitest';
import { COLUMNS, type CellValue } from '../../src/format';
import { MemorySheet } from '../../src/excel/memorySheet';
import { LiveValidation } from '../../src/session';
import { FakeApi } from './fakeApi';

const col = (key: string) => COLUMNS.findIndex((c) => c.key === key);
const STATUS = col('status');
const MELDINGEN = col('meldingen');

function sheetWith(bsns: CellValue[]): MemorySheet {
  return new MemorySheet([COLUMNS.map((c) => c.header), ...bsns.map((b) => COLUMNS.map((c) => (c.key === 'bsn' ? b : c.key === 'naam' ? 'X' : null)))]);
}

/** Rows of BSN and toewijzingnummer. */
function numbered(rows: [string, number][]): MemorySheet {
  return new MemorySheet([COLUMNS.map((c) => c.header), ...rows.map(([b, n]) => COLUMNS.map((c) => (c.key === 'bsn' ? b : c.key === 'toewijzingnummer' ? n : c.key === 'naam' ? 'X' : null)))]);
}

async function started(sheet: MemorySheet, api = new FakeApi(), retryMs = 5_000) {
  const session = new LiveValidation(sheet, api, retryMs);
  await session.start();
  return { session, api };
}

describe('live validation', () => {
  it('judges the whole sheet on start and writes Status and Meldingen', async () => {
    const sheet = sheetWith(['999925702', 'fout']);
    const { session } = await started(sheet);
    expect(sheet.cell(2, STATUS)).toBe('ok');
    expect(sheet.cell(3, STATUS)).toBe('fout');
    expect(sheet.cell(3, MELDINGEN)).toBe('BSN jeugdige klopt niet.');
    expect(session.current.telling).toEqual({ ok: 1, onvolledig: 0, overleg: 0, fout: 1 });
    expect(session.current.rijMeldingen[0]).toMatchObject({ row: 3, column: col('bsn'), header: 'BSN jeugdige' });
  });

  it('judges again when a cell changes, sending the changed row and not the whole sheet', async () => {
    const sheet = sheetWith(['999925702', '999971669']);
    const { api, session } = await started(sheet);
    expect(api.last.rijen.map((r) => r.rij)).toEqual([2, 3]);
    sheet.edit(3, col('bsn'), [['fout']]);
    await vi.waitFor(() => expect(sheet.cell(3, STATUS)).toBe('fout'));
    expect(api.last.rijen.map((r) => r.rij)).toEqual([3]);
    expect(session.current.telling).toEqual({ ok: 1, onvolledig: 0, overleg: 0, fout: 1 });
    expect(session.current.rijMeldingen.map((b) => b.row)).toEqual([3]);
  });

  it('sends with a changed row every row that shares its toewijzingnummer or BSN, so rules comparing rows judge them together', async () => {
    const sheet = numbered([['999925702', 1], ['999971669', 2], ['999925702', 3], ['999939987', 4]]);
    const { api } = await started(sheet);
    sheet.edit(5, col('toewijzingnummer'), [[2]]); // row 5 now has row 3's number
    await vi.waitFor(() => expect(sheet.cell(3, STATUS)).toBe('fout'));
    expect(sheet.cell(5, STATUS)).toBe('fout');
    expect(sheet.cell(2, STATUS)).toBe('ok');
    // row 5 and its number's partner (3); row 2 shares a BSN with row 4, which shares nothing with 5: not sent
    expect(api.last.rijen.map((r) => r.rij)).toEqual([3, 5]);
  });

  it('frees the former partner when a row stops sharing its toewijzingnummer', async () => {
    const sheet = numbered([['999925702', 1], ['999971669', 1], ['999939987', 3]]);
    await started(sheet);
    expect(sheet.cell(2, STATUS)).toBe('fout');
    sheet.edit(3, col('toewijzingnummer'), [[2]]);
    await vi.waitFor(() => expect(sheet.cell(2, STATUS)).toBe('ok'));
    expect(sheet.cell(3, STATUS)).toBe('ok');
  });

  it('sends every row on each change when the workbook is sealed and checked (the seal covers the whole set)', async () => {
    const sheet = sheetWith(['999925702', '999971669', '999939987']);
    sheet.seal = 'MAV1;abc;1;mac';
    const { api, session } = await started(sheet);
    await session.setRol('controle');
    sheet.edit(3, col('bsn'), [['fout']]);
    await vi.waitFor(() => expect(sheet.cell(3, STATUS)).toBe('fout'));
    expect(api.last.rijen.map((r) => r.rij)).toEqual([2, 3, 4]);
    expect(api.last.verzegeling).toBe('MAV1;abc;1;mac');
  });

  it('reads from the sheet only the rows that changed', async () => {
    const sheet = sheetWith(['1', '2', '3', '4']);
    await started(sheet);
    const readRows = vi.spyOn(sheet, 'readRows');
    const readAll = vi.spyOn(sheet, 'readAll');
    sheet.edit(4, col('bsn'), [['fout'], ['fout']]);
    await vi.waitFor(() => expect(sheet.cell(5, STATUS)).toBe('fout'));
    expect(readAll).not.toHaveBeenCalled();
    expect(readRows).toHaveBeenCalledWith(4, 5, COLUMNS.length);
  });

  it('writes only the Status and Meldingen cells whose content changed', async () => {
    const sheet = sheetWith(['1', '2', '3']);
    await started(sheet);
    const write = vi.spyOn(sheet, 'writeResults');
    sheet.edit(3, col('bsn'), [['fout']]);
    await vi.waitFor(() => expect(write).toHaveBeenCalled());
    expect(write.mock.calls[0][0]).toEqual([{ row: 3, status: 'fout', meldingen: 'BSN jeugdige klopt niet.' }]);
  });

  it('never changes a value a person typed', async () => {
    const sheet = sheetWith([' 999925702 ', 'fout']);
    const before = sheet.rows.map((r) => r.filter((_, i) => i !== STATUS && i !== MELDINGEN));
    await started(sheet);
    expect(sheet.rows.map((r) => r.filter((_, i) => i !== STATUS && i !== MELDINGEN))).toEqual(before);
  });

  it('starts no new round for its own writes or for edits of Status and Meldingen', async () => {
    const sheet = sheetWith(['1']);
    const { api } = await started(sheet);
    const rounds = api.requests.length;
    sheet.edit(2, STATUS, [['iets']]);
    await new Promise((r) => setTimeout(r, 20));
    expect(api.requests.length).toBe(rounds);
  });

  it('clears the status of a row that became empty', async () => {
    const sheet = sheetWith(['fout']);
    await started(sheet);
    sheet.clear(2, col('bsn'));
    sheet.clear(2, col('naam'));
    await vi.waitFor(() => expect(sheet.cell(2, STATUS)).toBeNull());
    expect(sheet.cell(2, MELDINGEN)).toBeNull();
  });

  it('takes changes that arrive during a round along in one more round', async () => {
    const sheet = sheetWith(['1', '2', '3']);
    const { api } = await started(sheet);
    const before = api.requests.length;
    sheet.edit(2, col('bsn'), [['fout']]);
    sheet.edit(3, col('bsn'), [['fout']]);
    sheet.edit(4, col('bsn'), [['fout']]);
    await vi.waitFor(() => expect(sheet.cell(4, STATUS)).toBe('fout'));
    expect(api.requests.length - before).toBeLessThanOrEqual(3);
    expect(api.last.rijen.filter((r) => r.waarden.bsn === 'fout')).toHaveLength(3);
  });

  it('says plainly when the API cannot be reached, loses nothing, and recovers by itself', async () => {
    vi.useFakeTimers();
    try {
      const sheet = sheetWith(['1']);
      const api = new FakeApi();
      const { session } = await started(sheet, api, 1_000);
      api.down = true;
      sheet.edit(2, col('bsn'), [['fout']]);
      await vi.waitFor(() => expect(session.current.connection).toBe('onbereikbaar'));
      expect(session.current.message).toMatch(/niet bereikbaar/);
      expect(sheet.cell(2, col('bsn'))).toBe('fout');
      expect(sheet.cell(2, STATUS)).toBe('ok');
      api.down = false;
      await vi.advanceTimersByTimeAsync(1_000);
      await vi.waitFor(() => expect(sheet.cell(2, STATUS)).toBe('fout'));
      expect(session.current.connection).toBe('ok');
      expect(session.current.message).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('remembers the role in the workbook settings and sends it as the fase', async () => {
    const sheet = sheetWith(['1']);
    const { session, api } = await started(sheet);
    expect(api.last.fase).toBe('gemeente');
    await session.setRol('aanbieder');
    expect(sheet.getSetting('migratieaddin.rol')).toBe('aanbieder');
    expect(api.last.fase).toBe('aanbieder');
    const again = new LiveValidation(sheet, api);
    expect(again.current.rol).toBe('aanbieder');
  });

  it('in the controle role, sends the workbook’s seal with the rows', async () => {
    const sheet = sheetWith(['1']);
    sheet.seal = 'MAV1;abc;0;mac';
    const { session, api } = await started(sheet);
    expect(api.last.verzegeling).toBeUndefined();
    await session.setRol('controle');
    expect(api.last).toMatchObject({ fase: 'controle', verzegeling: 'MAV1;abc;0;mac' });
  });

  it('re-reads everything when rows are inserted or deleted', async () => {
    const sheet = sheetWith(['1', 'fout', '3']);
    await started(sheet);
    const readAll = vi.spyOn(sheet, 'readAll');
    sheet.deleteRow(3);
    await vi.waitFor(() => expect(readAll).toHaveBeenCalled());
    await vi.waitFor(() => expect(sheet.cell(3, STATUS)).toBe('ok'));
  });

  it('judges without writing, and says so, on a sheet without Status and Meldingen columns', async () => {
    const headers = COLUMNS.filter((c) => c.key !== 'status' && c.key !== 'meldingen').map((c) => c.header);
    const sheet = new MemorySheet([headers, headers.map((h) => (h === 'BSN jeugdige' ? 'fout' : null))]);
    const { session } = await started(sheet);
    expect(session.current.telling?.fout).toBe(1);
    expect(session.current.message).toMatch(/geen kolommen Status en Meldingen/);
    expect(sheet.rows[1].filter((v) => v !== null)).toEqual(['fout']);
  });

  it('a cancel with nothing running leaves the next check alone', async () => {
    const sheet = sheetWith(['999925702', 'fout']);
    const { session } = await started(sheet);
    session.cancel();
    await session.setRol('aanbieder');
    expect(session.current.message ?? '').not.toMatch(/geannuleerd/);
    expect(session.current.telling?.fout).toBe(1);
  });
});

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
    expect(session.current.bevindingen[0]).toMatchObject({ row: 3, column: col('bsn'), header: 'BSN jeugdige' });
  });

  it('judges again when a cell changes, sending every non-empty row each time', async () => {
    const sheet = sheetWith(['999925702', '999971669']);
    const { api } = await started(sheet);
    sheet.edit(3, col('bsn'), [['fout']]);
    await vi.waitFor(() => expect(sheet.cell(3, STATUS)).toBe('fout'));
    expect(api.last.rijen.map((r) => r.rij)).toEqual([2, 3]);
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
});

import { describe, expect, it, vi } from 'vitest';
import { COLUMNS, type CellValue } from '../../src/format';
import { changeOf, createOfficeSheet } from '../../src/excel/officeSheet';
import { LiveValidation } from '../../src/session';
import { FakeApi } from './fakeApi';
import { FakeExcel, FakeSettings } from './fakeExcel';

const col = (key: string) => COLUMNS.findIndex((c) => c.key === key);
const HEADERS = COLUMNS.map((c) => c.header);

function rowsOf(n: number, bsn = (i: number): CellValue => `9999${String(i).padStart(5, '0')}`): CellValue[][] {
  return Array.from({ length: n }, (_, i) => COLUMNS.map((c) => (c.key === 'bsn' ? bsn(i) : c.key === 'naam' ? `Naam ${i}` : c.key === 'volume' ? 7 : null)));
}

function workbook(rows: CellValue[][], extra: Record<string, CellValue[][]> = {}) {
  const excel = new FakeExcel({ Overzicht: [['iets']], Toewijzingen: [HEADERS, ...rows], ...extra }, 'Overzicht');
  const settings = new FakeSettings();
  return { excel, settings, sheet: createOfficeSheet(excel as unknown as typeof Excel, settings as unknown as Office.Settings) };
}

describe('the Excel module', () => {
  it('reads the Toewijzingen sheet whole in two syncs, even when another sheet is active', async () => {
    const { excel, sheet } = workbook(rowsOf(3));
    const snapshot = await sheet.readAll();
    expect(snapshot.headers).toEqual(HEADERS);
    expect(snapshot.rows).toHaveLength(3);
    expect(snapshot.rows[1][col('bsn')]).toBe('999900001');
    expect(snapshot.rows[1][col('status')]).toBeNull();
    expect(snapshot.seal).toBeNull();
    expect(excel.syncs).toBe(2);
  });

  it('falls back to the active sheet when there is no Toewijzingen tab', async () => {
    const excel = new FakeExcel({ Blad1: [HEADERS, ...rowsOf(2)] });
    const sheet = createOfficeSheet(excel as unknown as typeof Excel, new FakeSettings() as unknown as Office.Settings);
    expect((await sheet.readAll()).rows).toHaveLength(2);
  });

  it('reads changed rows in one sync', async () => {
    const { excel, sheet } = workbook(rowsOf(10));
    await sheet.readAll();
    const before = excel.syncs;
    const rows = await sheet.readRows(4, 5, HEADERS.length);
    expect(rows.map((r) => r[col('bsn')])).toEqual(['999900002', '999900003']);
    expect(excel.syncs - before).toBe(1);
  });

  it('writes Status and Meldingen in one sync, one range per run of rows, and adds the status formats once', async () => {
    const { excel, sheet } = workbook(rowsOf(10));
    await sheet.readAll();
    const columns = { status: col('status'), meldingen: col('meldingen') };
    const before = excel.syncs;
    await sheet.writeResults([{ row: 2, status: 'ok', meldingen: '' }, { row: 3, status: 'fout', meldingen: 'X.' }, { row: 7, status: 'overleg', meldingen: 'Y.' }], columns);
    expect(excel.syncs - before).toBe(1);
    expect(excel.cell('Toewijzingen', 3, columns.status)).toBe('fout');
    expect(excel.cell('Toewijzingen', 7, columns.meldingen)).toBe('Y.');
    expect(excel.cell('Toewijzingen', 3, col('bsn'))).toBe('999900001');
    expect(excel.sheets.get('Toewijzingen')!.formats.map((f) => f.text)).toEqual(['fout', 'overleg', 'onvolledig', 'ok']);
    await sheet.writeResults([{ row: 4, status: 'ok', meldingen: '' }], columns);
    expect(excel.sheets.get('Toewijzingen')!.formats).toHaveLength(4);
  });

  it('selects a cell on the format sheet', async () => {
    const { excel, sheet } = workbook(rowsOf(3));
    await sheet.readAll();
    await sheet.select(3, col('bsn'));
    expect(excel.selected).toEqual({ sheet: 'Toewijzingen', row: 3, column: col('bsn') });
    expect(excel.active).toBe('Toewijzingen');
  });

  it('keeps the role in the document settings and saves them', async () => {
    const { settings, sheet } = workbook([]);
    await sheet.setSetting('migratieaddin.rol', 'controle');
    expect(sheet.getSetting('migratieaddin.rol')).toBe('controle');
    expect(settings.saves).toBe(1);
  });

  it('reads the active sheet, whatever its name, as the source of a new format', async () => {
    const excel = new FakeExcel({ Toewijzingen: [HEADERS], Export: [['Gemeentecode', 'BSN jeugdige'], ['0193', '999925702']] }, 'Export');
    const sheet = createOfficeSheet(excel as unknown as typeof Excel, new FakeSettings() as unknown as Office.Settings);
    expect(await sheet.readActive()).toEqual({ headers: ['Gemeentecode', 'BSN jeugdige'], rows: [['0193', '999925702']] });
  });

  it('adds a made format as new sheets where ExcelApi 1.13 allows, or opens it as a workbook with 1.8', async () => {
    const excel = new FakeExcel({ Toewijzingen: [HEADERS] });
    const modern = createOfficeSheet(excel as unknown as typeof Excel, new FakeSettings() as unknown as Office.Settings, () => true);
    expect([modern.canInsertSheets, modern.canOpenWorkbook]).toEqual([true, true]);
    await modern.insertSheets('UEsDBA==');
    expect(excel.inserted).toEqual(['UEsDBA==']);
    const older = createOfficeSheet(excel as unknown as typeof Excel, new FakeSettings() as unknown as Office.Settings, (v) => v === '1.8');
    expect([older.canInsertSheets, older.canOpenWorkbook]).toEqual([false, true]);
    await older.openWorkbook('UEsDBA==');
    expect(excel.opened).toEqual(['UEsDBA==']);
    expect(excel.sheets.get('Toewijzingen')!.grid).toEqual([HEADERS]);
  });

  it('reads the seal lines from the hidden Verzegeling sheet, and none where there is no seal', async () => {
    const { sheet } = workbook([], { Verzegeling: [['MAV1;abc;1;mac'], ['abc.1;230000001;x,y']] });
    expect((await sheet.readAll()).seal).toBe('MAV1;abc;1;mac\nabc.1;230000001;x,y');
    expect((await workbook([]).sheet.readAll()).seal).toBeNull();
  });

  it('turns Excel change events into changed areas, and inserted or deleted rows into a full re-read', () => {
    expect(changeOf({ address: 'D5:E6', changeType: 'RangeEdited' })).toEqual({ kind: 'cells', areas: [{ firstRow: 5, lastRow: 6, firstColumn: 3, lastColumn: 4 }], source: 'local' });
    expect(changeOf({ address: '7:7', changeType: 'RowInserted' })).toEqual({ kind: 'structure', source: 'local' });
    expect(changeOf({ address: '7:7', changeType: 'RowDeleted', source: 'Remote' })).toEqual({ kind: 'structure', source: 'remote' });
  });
});

describe('live validation against Excel', () => {
  it('judges a 2,000-row sheet in a handful of syncs and a cell change in at most three', async () => {
    const { excel, sheet } = workbook(rowsOf(2000));
    const api = new FakeApi();
    const session = new LiveValidation(sheet, api);
    await session.start();
    const wholeSheet = excel.syncs;
    expect(wholeSheet).toBeLessThanOrEqual(5); // listen 2 (find the sheet, add), read 2 (with the seal), write 1
    expect(excel.cell('Toewijzingen', 2001, col('status'))).toBe('ok');

    const before = excel.syncs;
    await excel.edit('Toewijzingen', 1000, col('bsn'), [['fout']], 'D1000');
    await vi.waitFor(() => expect(excel.cell('Toewijzingen', 1000, col('status'))).toBe('fout'));
    expect(excel.syncs - before).toBeLessThanOrEqual(3);
    expect(api.last.rijen.map((r) => r.rij)).toEqual([1000]); // the changed row, not the whole sheet
  });

  it('does not start a round for its own writes', async () => {
    const { excel, sheet } = workbook(rowsOf(5));
    const api = new FakeApi();
    await new LiveValidation(sheet, api).start();
    const rounds = api.requests.length;
    await excel.edit('Toewijzingen', 3, col('status'), [['ok']], 'U3');
    for (const h of excel.sheets.get('Toewijzingen')!.handlers) await h({ address: 'D3', changeType: 'RangeEdited', triggerSource: 'ThisLocalAddin' });
    await new Promise((r) => setTimeout(r, 20));
    expect(api.requests.length).toBe(rounds);
  });
});

describe('writing statuses in chunks', () => {
  it('keeps every chunk within the budget, ranges counted, and every row in exactly one chunk, in order', async () => {
    const { chunksOf, RANGE_OVERHEAD } = await import('../../src/excel/officeSheet');
    const writes = [2, 3, 4, 9, 11, 12, 13, 14, 40].map((row) => ({ row, status: 'ok', meldingen: 'x'.repeat(50) }));
    const budget = 2 * RANGE_OVERHEAD + 200;
    const chunks = chunksOf(writes, budget);
    expect(chunks.flat(2).map((w) => w.row)).toEqual(writes.map((w) => w.row));
    for (const chunk of chunks) {
      for (const part of chunk) part.forEach((w, i) => i > 0 && expect(w.row).toBe(part[i - 1].row + 1));
      const bytes = chunk.reduce((n, part) => n + 2 * RANGE_OVERHEAD + part.length * 80, 0);
      expect(chunk.flat().length === 1 || bytes <= budget * 1.2).toBe(true);
    }
    expect(chunks.length).toBeGreaterThan(3);
  });
});

// The pane against the documented behaviour of real Excel, as modelled by the fake (each behaviour cited there).
import { describe, expect, it, vi } from 'vitest';
import { COLUMNS, type CellValue } from '../../src/format';
import { createOfficeSheet } from '../../src/excel/officeSheet';
import { placeFormat } from '../../src/ui/download';
import { LiveValidation, type SessionState } from '../../src/session';
import type { ValidatieVerzoek } from '../../src/api';
import { FakeApi } from './fakeApi';
import { FakeContext, FakeExcel, FakeSettings } from './fakeExcel';

const col = (key: string) => COLUMNS.findIndex((c) => c.key === key);
const HEADERS = COLUMNS.map((c) => c.header);
const BSN = col('bsn');
const STATUS = col('status');
const MELDINGEN = col('meldingen');

/** A row with every blue column filled, as a gemeente's export gives it. */
function row(i: number, bsn: CellValue = `9999${String(i).padStart(5, '0')}`): CellValue[] {
  return COLUMNS.map((c) => (c.key === 'bsn' ? bsn : c.key === 'naam' ? `Naam ${i}` : c.key === 'volume' ? 7 : c.key === 'toewijzingnummer' ? 400_000_000 + i : c.colour === 'blauw' ? `waarde ${i % 97}` : null));
}

const rows = (n: number, bsn?: (i: number) => CellValue) => Array.from({ length: n }, (_, i) => row(i, bsn?.(i)));

function gateway(excel: FakeExcel, settings = new FakeSettings()) {
  return createOfficeSheet(excel as unknown as typeof Excel, settings as unknown as Office.Settings, () => true);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('large sheets: 5 MB per sync in Excel on the web', () => {
  it('validates 50,000 rows with no sync over 4 MB, and tells how far it is while reading', async () => {
    const excel = new FakeExcel({ Toewijzingen: [HEADERS, ...rows(50_000)] });
    const session = new LiveValidation(gateway(excel), new FakeApi());
    const seen: NonNullable<SessionState['progress']>[] = [];
    session.listen((s) => { if (s.progress) seen.push({ ...s.progress }); });
    await session.start();
    expect(session.current.excelFout).toBeNull();
    expect(excel.cell('Toewijzingen', 50_001, STATUS)).toBe('ok');
    expect(excel.largestSync).toBeLessThan(4_000_000);
    expect(seen.some((p) => p.stap === 'lezen' && p.totaal === 50_000 && p.klaar > 0 && p.klaar < p.totaal)).toBe(true);
    expect(session.current.progress).toBeNull();
  }, 30_000);

  it('writes the statuses of 30,000 scattered rows with no sync over 4 MB, counting what each range costs besides its values', async () => {
    const excel = new FakeExcel({ Toewijzingen: [HEADERS, ...rows(60_000)] });
    const sheet = gateway(excel);
    await sheet.readAll();
    const writes = Array.from({ length: 30_000 }, (_, i) => ({ row: 2 + 2 * i, status: 'fout', meldingen: 'BSN jeugdige klopt niet (elfproef).' }));
    await sheet.writeResults(writes, { status: STATUS, meldingen: MELDINGEN });
    expect(excel.cell('Toewijzingen', 2, STATUS)).toBe('fout');
    expect(excel.cell('Toewijzingen', 60_000, STATUS)).toBe('fout');
    expect(excel.cell('Toewijzingen', 60_001, STATUS)).toBeNull();
    expect(excel.largestSync).toBeLessThan(4_000_000);
  }, 30_000);

  it('can be cancelled while reading; nothing is written and the session stays usable', async () => {
    const excel = new FakeExcel({ Toewijzingen: [HEADERS, ...rows(20_000)] });
    const session = new LiveValidation(gateway(excel), new FakeApi());
    session.listen((s) => { if (s.progress?.stap === 'lezen' && s.progress.klaar > 0) session.cancel(); });
    await session.start();
    expect(excel.cell('Toewijzingen', 2, STATUS)).toBeNull();
    expect(session.current.message).toMatch(/geannuleerd/);
    expect(session.current.busy).toBe(false);
    session.listen(null);
    await session.validateAll();
    expect(excel.cell('Toewijzingen', 20_001, STATUS)).toBe('ok');
    expect(session.current.message).toBeNull();
  }, 30_000);
});

describe('errors from Excel', () => {
  it('says in Dutch what to do when Excel refuses a batch, and the next change works again', async () => {
    const excel = new FakeExcel({ Toewijzingen: [HEADERS, ...rows(3)] });
    const session = new LiveValidation(gateway(excel), new FakeApi());
    await session.start();
    excel.failNextSync = 'GeneralException';
    await excel.edit('Toewijzingen', 3, BSN, [['fout']]);
    await vi.waitFor(() => expect(session.current.excelFout).toMatch(/Excel.*(opnieuw|Hele werkblad)/));
    expect(session.current.busy).toBe(false);
    await excel.edit('Toewijzingen', 4, BSN, [['fout']]);
    await vi.waitFor(() => expect(excel.cell('Toewijzingen', 4, STATUS)).toBe('fout'));
    expect(session.current.excelFout).toBeNull();
  });
});

describe('cell edit mode', () => {
  it('a round started by a change waits while the user types in a cell, then writes', async () => {
    const excel = new FakeExcel({ Toewijzingen: [HEADERS, ...rows(3)] });
    const session = new LiveValidation(gateway(excel), new FakeApi());
    await session.start();
    excel.startCellEdit(); // the user commits D3 and at once starts typing in the next cell
    await excel.edit('Toewijzingen', 3, BSN, [['fout']]);
    await sleep(20);
    expect(session.current.excelFout).toBeNull();
    excel.endCellEdit();
    await vi.waitFor(() => expect(excel.cell('Toewijzingen', 3, STATUS)).toBe('fout'));
    expect(excel.runOptions.every((o) => o.delayForCellEdit)).toBe(true);
  });
});

describe('sheets are tracked by id', () => {
  it('follows a renamed sheet: the change handler moves with it and statuses land in it', async () => {
    const excel = new FakeExcel({ Toewijzingen: [HEADERS, ...rows(3)] });
    const session = new LiveValidation(gateway(excel), new FakeApi());
    await session.start();
    excel.rename('Toewijzingen', 'Toewijzingen 2023');
    await excel.edit('Toewijzingen 2023', 3, BSN, [['fout']]);
    await vi.waitFor(() => expect(excel.cell('Toewijzingen 2023', 3, STATUS)).toBe('fout'));
    await session.validateAll();
    expect(session.current.excelFout).toBeNull();
    expect(session.current.telling?.fout).toBe(1);
  });

  it('keeps judging the same sheet when the user switches sheets and checks the whole sheet', async () => {
    const excel = new FakeExcel({ Blad1: [HEADERS, ...rows(3)], Blad2: [HEADERS, ...rows(3, () => 'fout')] }, 'Blad1');
    const session = new LiveValidation(gateway(excel), new FakeApi());
    await session.start();
    excel.active = 'Blad2';
    await session.validateAll();
    expect(excel.sheets.get('Blad2')!.grid.slice(1).map((r) => r[STATUS] ?? null)).toEqual([null, null, null]);
    await excel.edit('Blad1', 3, BSN, [['fout']]);
    await vi.waitFor(() => expect(excel.cell('Blad1', 3, STATUS)).toBe('fout'));
    expect(excel.cell('Blad2', 3, STATUS)).toBeNull();
  });

  it('after "format toevoegen als tabbladen" judges the inserted Toewijzingen, found by the returned ids though Excel renamed it', async () => {
    const excel = new FakeExcel({ Toewijzingen: [HEADERS, ...rows(2)] });
    excel.files.set('UEsDBA==', { Toelichting: [['Uitleg']], Toewijzingen: [HEADERS, ...rows(3, (i) => (i === 1 ? 'fout' : `99990000${i}`))] });
    const sheet = gateway(excel);
    const session = new LiveValidation(sheet, new FakeApi());
    await session.start();
    await sheet.insertSheets('UEsDBA==');
    await vi.waitFor(() => expect(excel.cell('Toewijzingen (2)', 3, STATUS)).toBe('fout'));
    await excel.edit('Toewijzingen (2)', 2, BSN, [['fout']]);
    await vi.waitFor(() => expect(excel.cell('Toewijzingen (2)', 2, STATUS)).toBe('fout'));
    expect(session.current.telling?.fout).toBe(2);
  });

  it('judges again after a sort, which raises onRowSorted and not onChanged', async () => {
    const excel = new FakeExcel({ Toewijzingen: [HEADERS, ...rows(3, (i) => (i === 0 ? 'fout' : `99990000${i}`))] });
    const session = new LiveValidation(gateway(excel), new FakeApi());
    await session.start();
    expect(session.current.rijMeldingen.map((b) => b.row)).toEqual([2]);
    await excel.sort('Toewijzingen', 2, 4, (a, b) => String(a[BSN]).localeCompare(String(b[BSN])));
    expect(excel.cell('Toewijzingen', 4, BSN)).toBe('fout');
    await vi.waitFor(() => expect(session.current.rijMeldingen.map((b) => b.row)).toEqual([4]));
  });
});

describe('a co-author sorts', () => {
  it('the meldingen follow the rows to their new numbers, though this pane writes nothing for it', async () => {
    const excel = new FakeExcel({ Toewijzingen: [HEADERS, ...rows(3, (i) => (i === 0 ? 'fout' : `99990000${i}`))] });
    const session = new LiveValidation(gateway(excel), new FakeApi());
    await session.start();
    expect(session.current.rijMeldingen.map((b) => b.row)).toEqual([2]);
    await excel.sort('Toewijzingen', 2, 4, (a, b) => String(a[BSN]).localeCompare(String(b[BSN])), 'Remote');
    await vi.waitFor(() => expect(session.current.rijMeldingen.map((b) => b.row)).toEqual([4]));
  });
});

describe('text that Excel would take for a formula', () => {
  it('the fake, like Excel, turns "-..." written through values into a formula in a General cell', async () => {
    const excel = new FakeExcel({ Blad1: [['x']] });
    await excel.run(async (ctx: FakeContext) => {
      ctx.workbook.worksheets.getItem('Blad1').getRangeByIndexes(0, 0, 1, 1).values = [['-Ab3']];
      await ctx.sync();
    });
    expect(excel.cell('Blad1', 1, 0)).toBe('#NAME?');
  });

  it('writes an Akkoordcode or Regel-ID that starts with "-", "+" or "=" as the text it is', async () => {
    const excel = new FakeExcel({ Toewijzingen: [HEADERS, ...rows(2)] });
    const sheet = gateway(excel);
    await sheet.readAll();
    await sheet.writeCells([{ row: 2, column: col('akkoordcode'), value: '-Ab3_xYz0123456789abcd' }, { row: 3, column: col('regelId'), value: '+12.3' }]);
    expect(excel.cell('Toewijzingen', 2, col('akkoordcode'))).toBe('-Ab3_xYz0123456789abcd');
    expect(excel.cell('Toewijzingen', 3, col('regelId'))).toBe('+12.3');
  });
});

describe('undo and paste', () => {
  it('when Ctrl+Z takes back the pane’s Status write, the status is put right again', async () => {
    const excel = new FakeExcel({ Toewijzingen: [HEADERS, ...rows(3)] });
    await new LiveValidation(gateway(excel), new FakeApi(), 5_000, 30).start();
    await excel.edit('Toewijzingen', 3, BSN, [['fout']]);
    await vi.waitFor(() => expect(excel.cell('Toewijzingen', 3, STATUS)).toBe('fout'));
    await excel.undo(); // the first Ctrl+Z undoes the pane's write, not the user's edit
    expect(excel.cell('Toewijzingen', 3, BSN)).toBe('fout');
    await vi.waitFor(() => expect(excel.cell('Toewijzingen', 3, STATUS)).toBe('fout'));
  });

  it('two quick Ctrl+Z take back the write and the edit, and the pane does not fight them', async () => {
    const excel = new FakeExcel({ Toewijzingen: [HEADERS, ...rows(3)] });
    await new LiveValidation(gateway(excel), new FakeApi(), 5_000, 30).start();
    await excel.edit('Toewijzingen', 3, BSN, [['fout']]);
    await vi.waitFor(() => expect(excel.cell('Toewijzingen', 3, STATUS)).toBe('fout'));
    await excel.undo();
    await excel.undo();
    expect(excel.cell('Toewijzingen', 3, BSN)).toBe('999900001');
    await sleep(100);
    expect(excel.cell('Toewijzingen', 3, STATUS)).toBe('ok');
  });

  it('a pasted row that carries its own Status and Meldingen gets the right ones written', async () => {
    const excel = new FakeExcel({ Toewijzingen: [HEADERS, ...rows(3, (i) => (i === 1 ? 'fout' : `99990000${i}`))] });
    await new LiveValidation(gateway(excel), new FakeApi()).start();
    expect(excel.cell('Toewijzingen', 3, STATUS)).toBe('fout');
    const pasted = row(1, 'fout');
    pasted[STATUS] = 'ok';
    pasted[MELDINGEN] = null;
    await excel.edit('Toewijzingen', 3, 0, [pasted]);
    await vi.waitFor(() => expect(excel.cell('Toewijzingen', 3, STATUS)).toBe('fout'));
    expect(excel.cell('Toewijzingen', 3, MELDINGEN)).toBe('BSN jeugdige klopt niet.');
  });
});

/** Judges like FakeApi, but an aanbieder sees every ok row as onvolledig: two roles, two verdicts. */
class RoleApi extends FakeApi {
  async validate(request: ValidatieVerzoek) {
    const report = await super.validate(request);
    if (request.fase !== 'aanbieder') return report;
    return { ...report, rijen: report.rijen.map((r) => (r.status === 'ok' ? { ...r, status: 'onvolledig' as const } : r)) };
  }
}

describe('co-authoring', () => {
  it('re-reads a Remote change but leaves its Status to the pane of whoever made it', async () => {
    const excel = new FakeExcel({ Toewijzingen: [HEADERS, ...rows(3)] });
    const session = new LiveValidation(gateway(excel), new FakeApi());
    await session.start();
    await excel.edit('Toewijzingen', 3, BSN, [['fout']], undefined, 'Remote');
    await vi.waitFor(() => expect(session.current.telling?.fout).toBe(1));
    expect(excel.cell('Toewijzingen', 3, STATUS)).toBe('ok');
  });

  it('two panes in different roles never make statuses flip', async () => {
    const a = new FakeExcel({ Toewijzingen: [HEADERS, ...rows(4)] });
    const b = a.coauthor();
    const settingsB = new FakeSettings();
    settingsB.set('migratieaddin.rol', 'aanbieder');
    const api = new RoleApi();
    const paneA = new LiveValidation(gateway(a), api);
    const paneB = new LiveValidation(gateway(b, settingsB), api);
    await paneA.start();
    await paneB.start();
    await sleep(50);
    await a.edit('Toewijzingen', 3, col('naam'), [['Nieuwe naam']]); // user A changes row 3
    await sleep(100);
    const syncs = a.syncs + b.syncs;
    expect(a.cell('Toewijzingen', 3, STATUS)).toBe('ok'); // A's verdict on A's change
    expect(b.cell('Toewijzingen', 3, STATUS)).toBe('ok');
    await sleep(100);
    expect(a.syncs + b.syncs).toBe(syncs); // and nobody keeps writing
    expect(a.cell('Toewijzingen', 3, STATUS)).toBe('ok');
  });
});

describe('the format as new sheets', () => {
  const api = { downloadAdres: async () => 'https://localhost/download/x' };

  it('inserts a small format as sheets of this workbook', async () => {
    const excel = new FakeExcel({ Blad1: [['a']] });
    const said = await placeFormat(new Blob([new Uint8Array(1000)]), 'format.xlsx', gateway(excel), api, null);
    expect(excel.inserted).toHaveLength(1);
    expect(excel.opened).toHaveLength(0);
    expect(said).toMatch(/nieuwe tabbladen/);
  });

  it('opens a format too large for one request (Excel on the web) as a workbook of its own, and says why', async () => {
    const excel = new FakeExcel({ Blad1: [['a']] });
    const said = await placeFormat(new Blob([new Uint8Array(4_500_000)]), 'format.xlsx', gateway(excel), api, null);
    expect(excel.inserted).toHaveLength(0);
    expect(excel.opened).toHaveLength(1);
    expect(said).toMatch(/^Excel kon het format niet als tabbladen .* format\.xlsx is geopend als nieuwe werkmap/);
  });
});

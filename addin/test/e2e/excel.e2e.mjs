// End-to-end in "Excel": the real pane and the real API in headless Chromium, with office.js answered by the stub
// (test/e2e/office/stub.ts) whose Excel is the fake object model with Excel's documented behaviour. What these tests
// add to the bench's: the real Excel module (officeSheet.ts) runs, against 5 MB syncs, renames, undo and files.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { ApiProcess, melding, launchBrowser, openInExcel, setRole } from './harness.mjs';
import { readXlsx, unzip } from './office/xlsxRead.mjs';

const screenshots = new URL('../../../artifacts/screenshots/', import.meta.url).pathname;
const csv = readFileSync(new URL('../../../api/Voorbeelden/lopende-toewijzingen.csv', import.meta.url));
let api;
let browser;
/** The format the API makes of the demo export (unsealed), and the per-aanbieder zip (sealed workbooks). */
let format;
let perAanbieder;

before(async () => {
  api = new ApiProcess(await freePort());
  await api.start();
  browser = await launchBrowser();
  mkdirSync(screenshots, { recursive: true });
  format = readXlsx(await post('/api/format'));
  perAanbieder = unzip(await post('/api/format/per-aanbieder'));
});

after(async () => {
  await browser?.close();
  await api?.stop();
});

async function post(path) {
  const form = new FormData();
  form.append('bestand', new Blob([csv], { type: 'text/csv' }), 'export.csv');
  const response = await fetch(`${api.url}${path}`, { method: 'POST', body: form });
  assert.equal(response.status, 200, `${path} answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

const sheetsOf = (workbook) => Object.fromEntries(workbook.map((s) => [s.name, s.grid]));
const toewijzingen = (workbook) => workbook.find((s) => s.name === 'Toewijzingen').grid;
const columnOf = (grid, header) => {
  const i = grid[0].findIndex((h) => typeof h === 'string' && h.startsWith(header));
  assert.ok(i >= 0, `no column ${header}`);
  return i;
};

/** Runs in the page before its scripts: the workbook the stub's Excel holds. */
function useWorkbook(werkboek) {
  window.__werkboek = werkboek;
}

const fake = (page, fn, arg) => page.evaluate(fn, arg);
const cellOf = (page, sheet, row, column) => fake(page, ([s, r, c]) => window.fakeExcel.cell(s, r, c), [sheet, row, column]);
async function waitForCell(page, sheet, row, column, value, timeout = 15_000) {
  await page.waitForFunction(([s, r, c, v]) => window.fakeExcel.cell(s, r, c) === v, [sheet, row, column, value], { timeout });
}

test('in Excel, 50,000 rows are checked whole with progress shown, and no sync to Excel is over 4 MB', async () => {
  const grid = toewijzingen(format);
  const bsn = columnOf(grid, 'BSN jeugdige');
  const nummer = columnOf(grid, 'Toewijzingnummer');
  const bsns = validBsns(50_000);
  const page = await openInExcel(browser, api, ({ grid, bsn, nummer, bsns }) => {
    const demo = grid.slice(1);
    const rows = bsns.map((b, i) => {
      const row = [...demo[i % demo.length]];
      row[bsn] = b;
      row[nummer] = 400_000_000 + i;
      return row;
    });
    window.__werkboek = { sheets: { Toewijzingen: [grid[0], ...rows] } };
    // Every text the progress line shows, as it shows it.
    window.__progress = [];
    new MutationObserver(() => {
      const line = document.querySelector('[data-testid="voortgang-regel"]')?.textContent;
      if (line && window.__progress.at(-1) !== line) window.__progress.push(line);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  }, { grid, bsn, nummer, bsns }, { waitForCounts: false });
  await page.waitForFunction(() => {
    const counts = [...document.querySelectorAll('[data-testid^="telling-"]')].map((t) => Number(t.textContent.replace(/\D/g, '')) || 0);
    return counts.reduce((a, b) => a + b, 0) === 50_000;
  }, null, { timeout: 90_000 });
  const status = columnOf(grid, 'Status');
  await page.waitForFunction(([c]) => window.fakeExcel.cell('Toewijzingen', 50_001, c) !== null, [status]);
  const progress = await page.evaluate(() => window.__progress);
  assert.ok(progress.some((p) => /^Rijen lezen: [\d.]+ van 50\.000/.test(p) && !p.startsWith('Rijen lezen: 50.000')), progress.join(' / '));
  assert.ok(await fake(page, () => window.fakeExcel.largestSync) < 4_000_000);
  assert.equal(await page.getByTestId('excel-fout').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('in Excel, a renamed sheet is followed: an edit after the rename gets its status, and a sort is judged again', async () => {
  const grid = toewijzingen(format);
  const bsn = columnOf(grid, 'BSN jeugdige');
  const status = columnOf(grid, 'Status');
  const page = await openInExcel(browser, api, useWorkbook, { sheets: { Overzicht: [['mijn eigen blad']], ...sheetsOf(format) }, active: 'Overzicht' });
  assert.equal(await cellOf(page, 'Toewijzingen', 2, status), 'ok');
  await fake(page, () => window.fakeExcel.rename('Toewijzingen', 'Toewijzingen 2023'));
  await fake(page, ([c]) => window.fakeExcel.edit('Toewijzingen 2023', 3, c, [['999999999']]), [bsn]);
  await waitForCell(page, 'Toewijzingen 2023', 3, status, 'fout');
  await page.getByRole('button', { name: 'Hele werkblad controleren' }).click();
  await melding(page, 3, 'BSN_ONGELDIG');
  // Sorting by BSN moves the wrong one down; the melding follows it to its new row.
  const rows = grid.length - 1;
  await fake(page, ([c, n]) => window.fakeExcel.sort('Toewijzingen 2023', 2, n + 1, (a, b) => String(a[c]).localeCompare(String(b[c]))), [bsn, rows]);
  const moved = await fake(page, ([c, n]) => {
    for (let r = 2; r <= n + 1; r++) if (window.fakeExcel.cell('Toewijzingen 2023', r, c) === '999999999') return r;
    return -1;
  }, [bsn, rows]);
  assert.ok(moved > 3);
  await melding(page, moved, 'BSN_ONGELDIG');
  assert.equal(await cellOf(page, 'Overzicht', 1, 0), 'mijn eigen blad');
  assert.equal(await page.getByTestId('excel-fout').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('in Excel, Ctrl+Z on the pane\'s Status write puts the status right again, and an Excel error is said in Dutch', async () => {
  const grid = toewijzingen(format);
  const bsn = columnOf(grid, 'BSN jeugdige');
  const status = columnOf(grid, 'Status');
  const page = await openInExcel(browser, api, useWorkbook, { sheets: sheetsOf(format) });
  await fake(page, ([c]) => window.fakeExcel.edit('Toewijzingen', 4, c, [['123']]), [bsn]);
  await waitForCell(page, 'Toewijzingen', 4, status, 'fout');
  await fake(page, () => window.fakeExcel.undo()); // takes back the pane's write, not the user's edit
  assert.equal(await cellOf(page, 'Toewijzingen', 4, bsn), '123');
  await waitForCell(page, 'Toewijzingen', 4, status, 'fout');
  // Excel refuses one batch: the pane says so in Dutch, and the next edit works again.
  await fake(page, () => { window.fakeExcel.failNextSync = 'AccessDenied'; });
  await fake(page, ([c]) => window.fakeExcel.edit('Toewijzingen', 5, c, [['456']]), [bsn]);
  await page.getByTestId('excel-fout').filter({ hasText: 'beveiligd' }).waitFor();
  await fake(page, ([c]) => window.fakeExcel.edit('Toewijzingen', 6, c, [['789']]), [bsn]);
  await waitForCell(page, 'Toewijzingen', 6, status, 'fout');
  await page.getByTestId('excel-fout').waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('in Excel, an approved overleg row of a sealed workbook reaches the omzetlijst, which opens as a new workbook', async () => {
  const name = [...perAanbieder.keys()].find((n) => n.endsWith('.xlsx') && readXlsx(perAanbieder.get(n)).find((s) => s.name === 'Toewijzingen').grid
    .some((r) => r.includes('44301')));
  const workbook = readXlsx(perAanbieder.get(name));
  const grid = toewijzingen(workbook);
  const code2023 = columnOf(grid, 'Productcode 2023');
  const status = columnOf(grid, 'Status');
  const akkoordcode = columnOf(grid, 'Akkoordcode');
  const row = grid.findIndex((r) => r.includes('44301')) + 1;
  const nummer = grid[row - 1][columnOf(grid, 'Toewijzingnummer')];
  const bsn = grid[row - 1][columnOf(grid, 'BSN jeugdige')];
  const page = await openInExcel(browser, api, useWorkbook, { sheets: sheetsOf(workbook) });
  await setRole(page, /teruggestuurd werkboek controleren/);
  // The aanbieder chose another intensity than the standard: overleg.
  await fake(page, ([r, c]) => window.fakeExcel.edit('Toewijzingen', r, c, [['44A07']]), [row, code2023]);
  await waitForCell(page, 'Toewijzingen', row, status, 'overleg').catch(async (e) => {
    throw new Error(`${e.message}: ${JSON.stringify(await fake(page, ([r]) => window.fakeExcel.sheets.get('Toewijzingen').grid[r - 1], [row]))}`);
  });
  await page.locator(`[data-approve-row="${row}"]`).first().click();
  await page.getByTestId('akkoord-melding').filter({ hasText: `rij ${row}` }).waitFor();
  assert.match(String(await cellOf(page, 'Toewijzingen', row, akkoordcode)), /^AK\d*\.[A-Za-z0-9_.-]{8,}$/);
  await page.getByRole('button', { name: 'Omzetlijst maken' }).click();
  await page.getByTestId('omzet-melding').filter({ hasText: 'nieuwe werkmap' }).waitFor();
  const opened = await fake(page, () => window.fakeExcel.opened);
  assert.equal(opened.length, 1);
  const [omgezet] = readXlsx(Buffer.from(opened[0], 'base64'));
  // The old toewijzing ends and the new one, with the approved product code, starts.
  const has = (r, v) => r.some((x) => String(x).toUpperCase() === String(v).toUpperCase());
  assert.ok(omgezet.grid.some((r) => has(r, nummer) && has(r, 'beeindigen')), `toewijzing ${nummer} is not ended on the omzetlijst`);
  assert.ok(omgezet.grid.some((r) => has(r, bsn) && has(r, '44A07')), 'the approved code is not on the omzetlijst');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('in Excel, the zip per aanbieder goes through a single-use address opened in the browser (Excel for Mac ignores downloads)', async () => {
  const page = await openInExcel(browser, api, useWorkbook, { sheets: sheetsOf(format) });
  await page.getByRole('button', { name: 'Overzicht maken' }).click();
  await page.getByTestId('verzendoverzicht').waitFor();
  await page.getByRole('button', { name: /Zip downloaden/ }).click();
  await page.getByTestId('format-melding').filter({ hasText: 'in uw browser' }).waitFor();
  const [address] = await fake(page, () => window.openedInBrowser);
  assert.match(address, /\/api\/downloads\/[A-Za-z0-9_-]{20,}$/);
  assert.doesNotMatch(address, /\d{9}/); // no BSN or other personal value in the address
  const first = await fetch(address);
  assert.equal(first.status, 200);
  assert.equal(Buffer.from(await first.arrayBuffer()).subarray(0, 2).toString(), 'PK');
  assert.equal((await fetch(address)).status >= 400, true); // used once
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('each role at 320 px, in the light and the dark Office theme: screenshots for review', async () => {
  const themes = { licht: '#ffffff', donker: '#262626' };
  for (const [thema, bodyBackgroundColor] of Object.entries(themes)) {
    for (const [rol, label] of [['gemeente', null], ['aanbieder', /Aanbieder/], ['controle', /teruggestuurd werkboek controleren/]]) {
      const page = await openInExcel(browser, api, useWorkbook, { sheets: sheetsOf(format), theme: { bodyBackgroundColor } }, { viewport: { width: 320, height: 1500 } });
      if (label) await setRole(page, label);
      await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="telling-ok"]')?.textContent ?? ''));
      await page.waitForTimeout(300);
      const background = await page.evaluate(() => getComputedStyle(document.querySelector('main')).backgroundColor);
      assert.equal(thema === 'donker', isDark(background), `${rol} ${thema}: ${background}`);
      // Nothing wider than the pane: no sideways scrolling at 320 px.
      assert.ok(await page.evaluate(() => document.querySelector('main').scrollWidth <= 320));
      await page.screenshot({ path: `${screenshots}taakvenster-${rol}-${thema}.png` });
      assert.deepEqual(page.errors, []);
      await page.close();
    }
  }
});

function isDark(rgb) {
  const [r, g, b] = rgb.match(/\d+/g).map(Number);
  return (r + g + b) / 3 < 100;
}

/** Distinct valid BSNs from the test range (99...), as many as asked. */
function validBsns(count) {
  const out = [];
  for (let k = 0; out.length < count; k++) {
    const first8 = `99${String(k).padStart(6, '0')}`;
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * Number(first8[i]);
    if (sum % 11 < 10) out.push(first8 + (sum % 11));
  }
  return out;
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

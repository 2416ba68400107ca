// End-to-end: the real pane and the real API, driven in headless Chromium through the browser bench.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { ApiProcess, cell, COLUMN, melding, launchBrowser, openBench, paste, setRole, statusOf, testBsn, typeInto, waitForStatus } from './harness.mjs';

const screenshots = new URL('../../../artifacts/screenshots/', import.meta.url).pathname;
let api;
let browser;

before(async () => {
  api = new ApiProcess(await freePort());
  await api.start();
  browser = await launchBrowser();
  mkdirSync(screenshots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await api?.stop();
});

test('the bench shows the demo rows judged, with a status in every row and counts per status', async () => {
  const page = await openBench(browser, api);
  assert.equal(await statusOf(page, 2), 'ok');
  assert.equal(await statusOf(page, 62), 'fout'); // the demo's BSN that fails the elfproef
  const counts = await page.locator('[data-testid^="telling-"]').allTextContents();
  assert.deepEqual(counts.map((t) => t.replace(/\D/g, '')), ['5', '1', '0', '60']);
  assert.equal(await page.getByTestId('aanmelding').textContent(), 'Lokaal (zonder aanmelding)');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('typing a wrong BSN shows fout on that row and the melding in the pane', async () => {
  const page = await openBench(browser, api);
  await typeInto(page, 3, COLUMN.bsn, '999999999');
  await waitForStatus(page, 3, 'fout');
  assert.match(await page.locator(cell(3, COLUMN.meldingen)).textContent(), /elfproef/);
  await melding(page, 3, 'BSN_ONGELDIG');
  assert.equal(await page.locator(cell(3, COLUMN.bsn)).textContent(), '999999999');
  await page.close();
});

test('as aanbieder, choosing a higher intensity than the standard shows overleg', async () => {
  const page = await openBench(browser, api);
  await setRole(page, /Aanbieder/);
  await waitForStatus(page, 31, 'onvolledig');
  await typeInto(page, 31, COLUMN.productcode2023, '44a09'); // 44301 gezinshuis midden: 44A08 is standard
  await waitForStatus(page, 31, 'overleg');
  assert.match(await page.locator(cell(31, COLUMN.meldingen)).textContent(), /andere intensiteit/);
  await typeInto(page, 31, COLUMN.productcode2023, '44A08');
  await waitForStatus(page, 31, 'ok');
  await page.close();
});

test('pasting 200 rows judges every one of them', async () => {
  const page = await openBench(browser, api);
  const rows = Array.from({ length: 200 }, (_, i) =>
    ['0193', '98000022', 'Bètahuis Gezinshuizen', testBsn(i), `Jeugdige ${i}`, '01-05-2012', String(400000000 + i), '44', '44301', '01-03-2022', '31-12-2023', '7', '14', '2'].join('\t'));
  const first = 68;
  await paste(page, first, 0, rows.join('\n'));
  // The sheet draws only the rows near the view: check every pasted row in the workbook, and the last on screen.
  await page.waitForFunction(([row, column]) => window.bench.sheet.cell(row, column) === 'ok', [first + 199, COLUMN.status], { timeout: 15_000 });
  const statuses = await page.evaluate(([from, column]) =>
    Array.from({ length: 200 }, (_, i) => window.bench.sheet.cell(from + i, column)), [first, COLUMN.status]);
  assert.deepEqual(new Set(statuses), new Set(['ok']));
  await page.locator('[data-testid="werkblad"]').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await waitForStatus(page, first + 199, 'ok');
  await page.waitForFunction(() => document.querySelector('[data-testid="telling-ok"]')?.textContent?.startsWith('260'));
  await page.close();
});

test('clearing a required cell shows fout, and undo brings the value and ok back', async () => {
  const page = await openBench(browser, api);
  await page.locator(cell(4, COLUMN.naam)).click();
  await page.keyboard.press('Delete');
  await waitForStatus(page, 4, 'fout');
  assert.match(await page.locator(cell(4, COLUMN.meldingen)).textContent(), /Naam jeugdige is leeg/);
  await page.keyboard.press('Control+z');
  await waitForStatus(page, 4, 'ok');
  assert.equal(await page.locator(cell(4, COLUMN.naam)).textContent(), 'Daan Kok');
  await page.close();
});

test('a click on a melding selects its cell in the sheet', async () => {
  const page = await openBench(browser, api);
  await page.locator('[data-testid="meldingen"] button[data-code="AANBIEDER_NIET_GEGUND"]').click();
  await page.waitForSelector(`${cell(65, COLUMN.aanbiederAgb)}[data-selected="true"]`);
  await page.close();
});

test('the meldingen can be filtered by severity and by rule', async () => {
  const page = await openBench(browser, api);
  const items = page.locator('[data-testid="meldingen"] button[data-row]');
  assert.equal(await items.count(), 6);
  await page.getByRole('combobox', { name: 'Filter op ernst' }).click();
  await page.getByRole('option', { name: 'Overleg' }).click();
  assert.equal(await items.count(), 1);
  assert.equal(await items.first().getAttribute('data-code'), 'LEEFTIJD_18_PLUS');
  await page.getByRole('combobox', { name: 'Filter op ernst' }).click();
  await page.getByRole('option', { name: 'Alle' }).click();
  await page.getByRole('combobox', { name: 'Filter op regel' }).click();
  await page.getByRole('option', { name: 'GGZ-product valt buiten het format' }).click();
  assert.equal(await items.count(), 1);
  assert.equal(await items.first().getAttribute('data-row'), '63');
  await page.close();
});

test('the pane works by keyboard alone', async () => {
  const page = await openBench(browser, api);
  await page.getByRole('button', { name: 'Hele werkblad controleren' }).focus();
  // Past the role's next step (it stands above the meldingen), Tab reaches the filters and the meldingen.
  let focused = false;
  for (let i = 0; i < 15 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.closest('[data-testid="meldingen"] button, [aria-label="Filter op ernst"], [aria-label="Filter op regel"]') != null);
  }
  assert.ok(focused, 'Tab reaches the filters and the meldingen');
  await page.locator('[data-testid="meldingen"] button[data-code="PRODUCT2022_GGZ"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector(`${cell(63, COLUMN.productcode2022)}[data-selected="true"]`);
  await page.close();
});

test('when the API stops the pane says so and loses nothing; when it is back the pane recovers', async () => {
  const page = await openBench(browser, api);
  await api.stop();
  try {
    await typeInto(page, 5, COLUMN.bsn, '123');
    await page.getByTestId('melding').filter({ hasText: 'niet bereikbaar' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator(cell(5, COLUMN.bsn)).textContent(), '123');
    assert.equal(await statusOf(page, 5), 'ok'); // the last judgement stays until a new one arrives
    await page.locator('aside').screenshot({ path: `${screenshots}api-onbereikbaar.png` });
  } finally {
    await api.start();
  }
  await waitForStatus(page, 5, 'fout', 20_000);
  await page.getByTestId('melding').waitFor({ state: 'detached', timeout: 5_000 });
  assert.equal(await page.getByTestId('verbinding').textContent().then((t) => t.startsWith('Gecontroleerd')), true);
  await page.close();
});

test('the pane fits a 340 px task pane; a screenshot is saved for review', async () => {
  const page = await openBench(browser, api);
  const pane = page.locator('aside');
  const box = await pane.boundingBox();
  assert.ok(box.width <= 350, `pane is ${box.width} px wide`);
  const overflow = await page.evaluate(() => { const m = document.querySelector('main'); return m.scrollWidth - m.clientWidth; });
  assert.equal(overflow, 0, 'nothing sticks out sideways');
  await pane.screenshot({ path: `${screenshots}taakvenster.png` });
  await page.screenshot({ path: `${screenshots}proefomgeving.png` });
  await page.close();
});

test('as gemeente, the format is made from this sheet and from a CSV export, and downloads as a workbook', async () => {
  const page = await openBench(browser, api);
  const [fromSheet] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Format downloaden' }).click()]);
  assert.equal(fromSheet.suggestedFilename(), 'format-wonen-verblijf.xlsx');
  const bytes = readFileSync(await fromSheet.path());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  assert.ok(bytes.length > 10_000);
  await page.getByTestId('format-melding').filter({ hasText: 'gedownload' }).waitFor();

  await page.getByRole('radio', { name: 'CSV-bestand' }).check();
  await page.getByTestId('csv-bestand').setInputFiles(new URL('../../../api/Voorbeelden/lopende-toewijzingen.csv', import.meta.url).pathname);
  const [fromCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Format downloaden' }).click()]);
  assert.ok(readFileSync(await fromCsv.path()).length > 10_000);
  assert.deepEqual(page.errors, [], 'no script errors or policy violations while making the format');
  await page.close();
});

test('as gemeente, the overview says what goes to whom and then the zip per aanbieder downloads', async () => {
  const page = await openBench(browser, api);
  await page.getByRole('button', { name: 'Overzicht maken' }).click();
  const overview = page.getByTestId('verzendoverzicht');
  await overview.waitFor();
  assert.match(await overview.textContent(), /Zwartewaterland.*Theta Jeugd en Gezin/s);
  assert.match(await overview.textContent(), /5 rij\(en\) gaan niet mee/);
  const [zip] = await Promise.all([page.waitForEvent('download'), overview.getByRole('button', { name: /Zip downloaden/ }).click()]);
  assert.equal(zip.suggestedFilename(), 'format-per-aanbieder.zip');
  assert.equal(readFileSync(await zip.path()).subarray(0, 2).toString(), 'PK');
  await page.close();
});

test('in the controle role, approval is refused on the unsealed bench sheet and the conversion list downloads', async () => {
  const page = await openBench(browser, api);
  await setRole(page, /teruggestuurd werkboek controleren/);
  await page.getByText('geen verzegeling').waitFor(); // the bench's sheet is the gemeente's own, unsealed
  await typeInto(page, 31, COLUMN.productcode2023, '44A09'); // another intensity: overleg
  await waitForStatus(page, 31, 'overleg');
  await page.locator('[data-approve-row="31"]').first().click();
  // A mark binds to the workbook's seal: the gemeente's own unsealed sheet gets none (README, "Verzegelen").
  await page.getByTestId('akkoord-melding').filter({ hasText: 'verzegelde werkboek' }).waitFor();
  assert.equal(await page.evaluate(() => window.bench.sheet.cell(31, 24)), null);
  const [list] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Omzetlijst maken' }).click()]);
  assert.equal(list.suggestedFilename(), 'omzetlijst.xlsx');
  assert.equal(readFileSync(await list.path()).subarray(0, 2).toString(), 'PK');
  await page.getByTestId('omzet-melding').filter({ hasText: 'gedownload' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('in the controle role, several workbooks are checked at once, a bad one with its own reason, and one combined list downloads', async () => {
  const form = new FormData();
  form.append('bestand', new Blob([readFileSync(new URL('../../../api/Voorbeelden/lopende-toewijzingen.csv', import.meta.url))], { type: 'text/csv' }), 'export.csv');
  const format = Buffer.from(await (await fetch(`${api.url}/api/format`, { method: 'POST', body: form })).arrayBuffer());
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const page = await openBench(browser, api);
  await setRole(page, /teruggestuurd werkboek controleren/);
  await page.getByTestId('batch-bestanden').setInputFiles([
    { name: 'Gemeente eigen.xlsx', mimeType: xlsx, buffer: format },
    { name: 'kapot.xlsx', mimeType: xlsx, buffer: Buffer.from('geen werkboek') },
    { name: 'Nog een.xlsx', mimeType: xlsx, buffer: format },
  ]);
  const lines = page.getByTestId('batch-regel');
  await page.locator('[data-testid="batch-regel"][data-toestand="gecontroleerd"]').nth(1).waitFor();
  assert.equal(await lines.count(), 3);
  assert.deepEqual(await lines.evaluateAll((ls) => ls.map((l) => l.getAttribute('data-toestand'))), ['gecontroleerd', 'geweigerd', 'gecontroleerd']);
  assert.match(await lines.nth(0).textContent(), /Gemeente eigen\.xlsx.*Gecontroleerd.*geen verzegeling/s);
  assert.match(await lines.nth(1).textContent(), /kapot\.xlsx.*Geweigerd.*geen Excel-werkboek/s);
  const [list] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Eén omzetlijst voor alle werkboeken' }).click()]);
  assert.equal(list.suggestedFilename(), 'omzetlijst-samen.xlsx');
  assert.equal(readFileSync(await list.path()).subarray(0, 2).toString(), 'PK');
  await page.getByTestId('batch-melding').filter({ hasText: 'gedownload' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.close();
});

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

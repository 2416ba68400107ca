// End-to-end for a region that is not IJsselland: the API runs with the invented Beekdal catalogue (2026 to 2027),
// the bench's sheet gets that region's header row and rows built from the catalogue's own files, and the pane judges them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ApiProcess, catalogusFolder, cell, COLUMN, melding, launchBrowser, openBench, paste, setRole, typeInto, waitForStatus } from './harness.mjs';

const folder = catalogusFolder('beekdal');
const regio = JSON.parse(readFileSync(join(folder, 'regio.json'), 'utf8'));
const csv = (file) => readFileSync(join(folder, file), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '')
  .slice(1).map((l) => l.split(';'));

/** The pane's own column table (src/format.ts), so the header row is the one the format defines. */
const columns = [...readFileSync(new URL('../../src/format.ts', import.meta.url), 'utf8')
  .matchAll(/\{ key: '([^']+)', header: '([^']+)', colour: '[^']+' \}/g)].map((m) => ({ key: m[1], header: m[2] }));
const headerRow = columns.map((c) => c.header.replace('{oud}', String(regio.jaarOud)).replace('{nieuw}', String(regio.jaarNieuw)));

const datum = (iso, months = 0) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return `${String(d.getUTCDate()).padStart(2, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${d.getUTCFullYear()}`;
};

/** A complete row in Beekdal's terms: an aanbieder gegund the standard omzetting of an old product it delivers. */
function completeRow(bsn, toewijzingnummer) {
  const oud = csv('producten-oud.csv').filter((p) => p[3] !== 'ggz-verblijf' && p[6] === 'nee');
  const standaard = csv('omzettingstabel.csv').filter((o) => o[2] === 'ja');
  const [aanbieder, product, nieuw] = csv('aanbieders.csv').flatMap((a) => oud.flatMap((p) => standaard
    .filter((o) => o[0] === p[1] && a[4].split(' ').includes(o[1])).map((o) => [a, p, o[1]])))[0];
  const gemeente = csv('gemeenten.csv')[0];
  const values = {
    gemeentecode: gemeente[0], aanbiederAgb: aanbieder[0], aanbiederNaam: aanbieder[1], bsn, naam: 'Sanne Hendriks',
    geboortedatum: datum(regio.ingangsdatumNieuw, -15 * 12), toewijzingnummer, productcategorie2022: product[0],
    productcode2022: product[1], ingangsdatum: datum(regio.ingangsdatumNieuw, -10), einddatum: datum(regio.ingangsdatumNieuw, 14),
    volume: '7', eenheid: product[5], frequentie: '2', productcategorie2023: '', productcode2023: nieuw,
  };
  return columns.slice(0, 16).map((c) => values[c.key] ?? '');
}

let api;
let browser;

before(async () => {
  api = new ApiProcess(await freePort(), { Catalogus__Map: folder });
  await api.start();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await api?.stop();
});

async function beekdalSheet() {
  const page = await openBench(browser, api);
  // The bench draws the header row as the sheet's fixed top row: it is set in the sheet as typing it in Excel would.
  await page.evaluate((header) => window.bench.sheet.edit(1, 0, [header]), headerRow);
  const rows = [completeRow('999925702', '260000111'), completeRow('999999999', '260000112')];
  await paste(page, 2, 0, rows.map((r) => r.join('\t')).join('\n'));
  return page;
}

test('with the Beekdal catalogue a valid row of its own codes is ok and a wrong BSN is fout', async () => {
  const page = await beekdalSheet();
  await waitForStatus(page, 2, 'ok');
  assert.equal(await page.locator(cell(2, COLUMN.meldingen)).textContent(), '');
  await waitForStatus(page, 3, 'fout');
  assert.match(await page.locator(cell(3, COLUMN.meldingen)).textContent(), /elfproef/);
  await melding(page, 3, 'BSN_ONGELDIG');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('with the Beekdal catalogue the headers and messages name its own contract years', async () => {
  const page = await beekdalSheet();
  await waitForStatus(page, 2, 'ok');
  const headers = await page.locator('[data-testid="werkblad"] thead th').allTextContents();
  assert.equal(headers[1 + COLUMN.productcode2023], `Productcode ${regio.jaarNieuw}`);
  assert.equal(headers[1 + COLUMN.productcode2022], `Productcode ${regio.jaarOud}`);
  assert.deepEqual(headers.filter((h) => /\b(2022|2023)\b/.test(h)), []);
  await setRole(page, /Aanbieder/);
  await waitForStatus(page, 2, 'ok');
  await typeInto(page, 2, COLUMN.productcode2023, '99Z99');
  await waitForStatus(page, 2, 'fout');
  const tekst = await page.locator(cell(2, COLUMN.meldingen)).textContent();
  assert.match(tekst, new RegExp(`Productcode ${regio.jaarNieuw} staat niet in het tabblad Producten ${regio.jaarNieuw}`));
  assert.doesNotMatch(tekst, /\b(2022|2023)\b/);
  const item = await melding(page, 2, 'PRODUCT2023_ONBEKEND');
  assert.match(await item.textContent(), new RegExp(String(regio.jaarNieuw)));
  assert.doesNotMatch(await item.textContent(), /\b(2022|2023)\b/);
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

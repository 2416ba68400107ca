// What the end-to-end tests share: the API as a real process (so a test can stop and start it) and
// Debian's Chromium driven by playwright-core, with office.js's CDN address stubbed (no network here).
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { officeStub } from './office/build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const apiDir = join(root, 'api');

/** The folder of a catalogue shipped under api/Catalogus (ijsselland, beekdal). */
export const catalogusFolder = (name) => join(apiDir, 'Catalogus', name);

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The most recently built API (Release in CI, often Debug on a developer's machine). */
function apiDll() {
  const built = ['Release', 'Debug']
    .map((config) => join(apiDir, 'bin', config, 'net10.0', 'MigratieAddin.Api.dll'))
    .filter((dll) => existsSync(dll))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (built.length === 0) throw new Error('Build the API first (dotnet build).');
  return built[0];
}

/** The API on a loopback port, started as its own process; stop() ends only that process.
 * `env` adds settings as environment variables, e.g. { Catalogus__Map: folder } for another region's catalogue. */
export class ApiProcess {
  constructor(port, env = {}) {
    this.port = port;
    this.env = env;
    this.url = `http://127.0.0.1:${port}`;
    this.child = null;
  }

  async start() {
    this.child = spawn('dotnet', [apiDll(), '--urls', this.url], {
      cwd: apiDir,
      env: { ...process.env, ASPNETCORE_ENVIRONMENT: 'Development', Logging__LogLevel__Default: 'Warning', ...this.env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let i = 0; i < 150; i++) {
      try {
        if ((await fetch(`${this.url}/health`)).ok) return;
      } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('The API did not start within 15 s.');
  }

  async stop() {
    if (!this.child) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
    this.child = null;
  }
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

let stub = null;

/** office.js's address answered by the stub (test/e2e/office/stub.ts): outside Office unless the page has a workbook. */
async function serveOfficeJs(page) {
  stub ??= officeStub();
  const body = await stub;
  await page.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body }));
}

/** Opens the pane as a plain browser would: office.js reports no Office host, so the bench appears. */
export async function openBench(browser, api, viewport = { width: 1400, height: 860 }, colorScheme = 'light') {
  const page = await browser.newPage({ viewport, acceptDownloads: true, colorScheme });
  await serveOfficeJs(page);
  return loaded(page, api);
}

/**
 * Opens the pane as Excel would: office.js reports Excel and the Excel object model is the fake of test/unit/fakeExcel.ts
 * (5 MB per sync, cell edit mode, ids, undo, events), holding the workbook that `setup` builds in the page
 * (a function run before the page's scripts, given `arg`; it sets window.__werkboek = { sheets, active?, theme? }).
 */
export async function openInExcel(browser, api, setup, arg, { viewport = { width: 340, height: 860 }, waitForCounts = true } = {}) {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  await page.addInitScript(setup, arg);
  await serveOfficeJs(page);
  return loaded(page, api, waitForCounts);
}

async function loaded(page, api, waitForCounts = true) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The API's content security policy must allow everything the pane does: a violation is an error.
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text()); });
  await page.goto(`${api.url}/`);
  if (waitForCounts) await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="telling-ok"]')?.textContent ?? ''), null, { timeout: 60_000 });
  page.errors = errors;
  return page;
}

export const COLUMN = {
  gemeentecode: 0, aanbiederAgb: 1, bsn: 3, naam: 4, toewijzingnummer: 6, productcode2022: 8,
  productcode2023: 15, status: 20, meldingen: 21,
};

export const cell = (row, column) => `[data-cell="${row}:${column}"]`;

export async function typeInto(page, row, column, text) {
  await page.locator(cell(row, column)).scrollIntoViewIfNeeded();
  await page.locator(cell(row, column)).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

export async function statusOf(page, row) {
  return (await page.locator(cell(row, COLUMN.status)).textContent()) ?? '';
}

export async function waitForStatus(page, row, status, timeout = 10_000) {
  await page.waitForFunction(
    ([selector, expected]) => document.querySelector(selector)?.textContent === expected,
    [cell(row, COLUMN.status), status],
    { timeout },
  );
}

export async function paste(page, row, column, tsv) {
  await page.locator(cell(row, column)).scrollIntoViewIfNeeded();
  await page.locator(cell(row, column)).click();
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.querySelector('[data-testid="werkblad"]').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, tsv);
}

export async function setRole(page, label) {
  await page.getByRole('combobox', { name: 'Rol' }).click();
  await page.getByRole('option', { name: label }).click();
}

/** A valid BSN from the test range, distinct per n. */
export function testBsn(n) {
  for (let k = n * 11 / 10 | 0; ; k++) {
    const first8 = `99${String(k).padStart(6, '0')}`;
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * Number(first8[i]);
    if (sum % 11 < 10) return first8 + (sum % 11);
  }
}

/** The melding for a row and rule in the pane's list, opening its rule's group first when the rule has several rows. */
export async function melding(page, row, code) {
  const list = page.locator('[data-testid="meldingen"]');
  const item = list.locator(`button[data-row="${row}"][data-code="${code}"]`);
  const group = list.locator(`button[data-group="${code}"][aria-expanded="false"]`);
  await item.or(group).first().waitFor();
  if (await group.count()) await group.first().click();
  await item.waitFor();
  return item;
}

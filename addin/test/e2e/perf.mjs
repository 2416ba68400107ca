// Benchmark of the pane in the browser (real pane code, real API over loopback), in the bench (the in-memory sheet)
// and in "Excel" (the real Excel module over the fake object model of test/unit/fakeExcel.ts, 5 MB per sync, each
// sync a turn of the event loop). Run: npm run perf [runs]   (after dotnet build -c Release api).
// Prints medians for docs/PERFORMANCE.md.
import { ApiProcess, COLUMN, launchBrowser, openBench, openInExcel } from './harness.mjs';

const runs = Number(process.argv[2] ?? 21);
const api = new ApiProcess(5399);
await api.start();
const browser = await launchBrowser();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.9) - 1];
const results = [];

/** Valid rows like the demo's, with distinct BSNs and numbers. */
function rowsOf(count) {
  const out = [];
  for (let k = 0; out.length < count; k++) {
    const first8 = `99${String(k).padStart(6, '0')}`;
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * Number(first8[i]);
    if (sum % 11 >= 10) continue;
    const i = out.length;
    out.push(['0193', '98000022', 'Bètahuis Gezinshuizen', first8 + (sum % 11), `Jeugdige ${i}`, '01-05-2012', 500000000 + i, '44', '44301', '01-03-2022', '31-12-2023', 7, '14', 2]);
  }
  return out;
}

async function bench(count, wholeRuns, changeRuns) {
  const page = await openBench(browser, api);
  await page.evaluate((rows) => window.bench.sheet.edit(68, 0, rows), rowsOf(count - 66));
  await page.waitForFunction((n) => window.bench.sheet.cell(n + 1, 20) === 'ok', count, { timeout: 120_000 });
  await page.evaluate(() => window.bench.sheet.select(1000, 3)); // bring the measured row into view
  await page.waitForSelector('[data-cell="1000:20"]');
  const whole = [];
  for (let i = 0; i < wholeRuns; i++) {
    whole.push(await page.evaluate(async () => {
      const t0 = performance.now();
      await window.bench.session.validateAll();
      await new Promise((r) => requestAnimationFrame(() => r()));
      return performance.now() - t0;
    }));
  }
  const change = [];
  for (let i = 0; i < changeRuns; i++) {
    const [value, want] = i % 2 === 0 ? ['123', 'fout'] : ['999925702', 'ok'];
    change.push(await page.evaluate(([row, bsnColumn, statusColumn, v, w]) => new Promise((resolve) => {
      const target = document.querySelector(`[data-cell="${row}:${statusColumn}"]`);
      const t0 = performance.now();
      const observer = new MutationObserver(() => {
        if (document.querySelector(`[data-cell="${row}:${statusColumn}"]`)?.textContent === w) { observer.disconnect(); resolve(performance.now() - t0); }
      });
      observer.observe(target.closest('tbody'), { subtree: true, childList: true, characterData: true });
      window.bench.sheet.edit(row, bsnColumn, [[v]]);
    }), [1000, COLUMN.bsn, COLUMN.status, value, want]));
  }
  await page.close();
  return { whole, change };
}

async function excel(count, wholeRuns, changeRuns) {
  const headers = await (async () => {
    const page = await openBench(browser, api);
    const h = await page.evaluate(() => window.bench.sheet.rows[0]);
    await page.close();
    return h;
  })();
  const page = await openInExcel(browser, api, ({ headers, rows }) => {
    window.__werkboek = { sheets: { Toewijzingen: [headers, ...rows.map((r) => [...r, ...new Array(headers.length - r.length).fill(null)])] } };
  }, { headers, rows: rowsOf(count) }, { waitForCounts: false });
  await page.waitForFunction(([n, c]) => window.fakeExcel?.cell('Toewijzingen', n + 1, c) === 'ok', [count, COLUMN.status], { timeout: 120_000 });
  const whole = [];
  for (let i = 0; i < wholeRuns; i++) {
    whole.push(await page.evaluate(async () => {
      const t0 = performance.now();
      await window.pane.session.validateAll();
      return performance.now() - t0;
    }));
  }
  const change = [];
  for (let i = 0; i < changeRuns; i++) {
    const [value, want] = i % 2 === 0 ? ['123', 'fout'] : ['999925702', 'ok'];
    change.push(await page.evaluate(async ([row, bsnColumn, statusColumn, v, w]) => {
      const t0 = performance.now();
      void window.fakeExcel.edit('Toewijzingen', row, bsnColumn, [[v]]);
      // The status as Excel shows it: polled on a message-channel tick (no 4 ms timer clamp).
      const tick = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
      while (window.fakeExcel.cell('Toewijzingen', row, statusColumn) !== w) await tick();
      return performance.now() - t0;
    }, [1000, COLUMN.bsn, COLUMN.status, value, want]));
  }
  const largest = await page.evaluate(() => window.fakeExcel.largestSync);
  await page.close();
  return { whole, change, largest };
}

function row(what, xs, target) {
  results.push(`| ${what} | ${median(xs).toFixed(0)} ms | ${p90(xs).toFixed(0)} ms | ${xs.length} | ${target} |`);
}

try {
  for (const count of [2000, 10_000]) {
    const b = await bench(count, 5, runs);
    row(`bench, ${count.toLocaleString('en')} rows: cell change to status shown`, b.change, count === 2000 ? '< 50 ms' : '< 200 ms');
    const e = await excel(count, 5, runs);
    row(`Excel (fake), ${count.toLocaleString('en')} rows: cell change to status in the sheet`, e.change, count === 2000 ? '< 50 ms' : '< 200 ms');
  }
  const b = await bench(50_000, 5, 0);
  row('bench, 50,000 rows: whole-sheet validation (read, judge, write, draw)', b.whole, '< 5 s');
  const e = await excel(50_000, 5, 0);
  row(`Excel (fake), 50,000 rows: whole-sheet validation (largest sync ${(e.largest / 1e6).toFixed(2)} MB)`, e.whole, '< 5 s, no sync over 4 MB');
  console.log('| what | median | p90 | runs | target |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const r of results) console.log(r);
} finally {
  await browser.close();
  await api.stop();
}

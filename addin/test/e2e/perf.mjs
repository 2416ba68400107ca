// Benchmark of the pane on a 2,000-row sheet in the browser bench (real pane code, real API over loopback).
// Run: npm run perf   (after dotnet build -c Release). Prints medians for docs/PERFORMANCE.md.
import { ApiProcess, COLUMN, launchBrowser, openBench, testBsn } from './harness.mjs';

const ROWS = 2000;
const runs = Number(process.argv[2] ?? 21);
const api = new ApiProcess(5399);
await api.start();
const browser = await launchBrowser();
try {
  const page = await openBench(browser, api);
  // Grow the demo sheet (66 rows) to 2,000 with valid rows, as a paste would.
  await page.evaluate(([count, rows]) => {
    const { sheet } = window.bench;
    sheet.edit(68, 0, rows.slice(0, count));
  }, [ROWS - 66, Array.from({ length: ROWS - 66 }, (_, i) =>
    ['0193', '98000022', 'Bètahuis Gezinshuizen', testBsn(i), `Jeugdige ${i}`, '01-05-2012', 500000000 + i, '44', '44301', '01-03-2022', '31-12-2023', 7, '14', 2])]);
  await page.waitForFunction((n) => window.bench.sheet.cell(n + 1, 20) === 'ok', ROWS, { timeout: 30_000 });
  await page.evaluate(() => window.bench.sheet.select(1000, 3)); // bring the measured row into view
  await page.waitForSelector('[data-cell="1000:20"]');

  const wholeSheet = [];
  for (let i = 0; i < runs; i++) {
    wholeSheet.push(await page.evaluate(async () => {
      const t0 = performance.now();
      await window.bench.session.validateAll();
      await new Promise((r) => requestAnimationFrame(() => r()));
      return performance.now() - t0;
    }));
  }

  const cellChange = [];
  for (let i = 0; i < runs; i++) {
    const value = i % 2 === 0 ? '123' : '999925702';
    const expected = i % 2 === 0 ? 'fout' : 'ok';
    cellChange.push(await page.evaluate(([row, bsnColumn, statusColumn, v, want]) => new Promise((resolve) => {
      const target = document.querySelector(`[data-cell="${row}:${statusColumn}"]`);
      const t0 = performance.now();
      const observer = new MutationObserver(() => {
        const now = document.querySelector(`[data-cell="${row}:${statusColumn}"]`);
        if (now?.textContent === want) { observer.disconnect(); resolve(performance.now() - t0); }
      });
      observer.observe(target.closest('tbody'), { subtree: true, childList: true, characterData: true });
      window.bench.sheet.edit(row, bsnColumn, [[v]]);
    }), [1000, COLUMN.bsn, COLUMN.status, value, expected]));
  }

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.9) - 1];
  console.log(`| what (${ROWS} rows, ${runs} runs) | median | p90 | target |`);
  console.log('| --- | ---: | ---: | --- |');
  console.log(`| cell change to status shown | ${median(cellChange).toFixed(0)} ms | ${p90(cellChange).toFixed(0)} ms | < 150 ms |`);
  console.log(`| whole-sheet validation | ${median(wholeSheet).toFixed(0)} ms | ${p90(wholeSheet).toFixed(0)} ms | < 1 s |`);
} finally {
  await browser.close();
  await api.stop();
}

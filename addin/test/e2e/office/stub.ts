// What the end-to-end tests serve at office.js's CDN address (no network here). Without a workbook it behaves as
// office.js does outside Office: Office.onReady reports no host, and the pane shows the bench. Given a workbook
// (window.__werkboek, set by the test before the page loads) it is Excel: Office.onReady reports Excel and the
// Excel namespace is the unit tests' fake of the object model (test/unit/fakeExcel.ts), with its documented
// behaviour (5 MB per sync, cell edit mode, ids, undo, events), so the real Excel module runs in the browser.
import { FakeExcel, FakeSettings } from '../../unit/fakeExcel';
import { writeXlsx } from './xlsxWrite.mjs';

type Grid = (string | number | boolean | null)[][];
interface Werkboek { sheets: Record<string, Grid>; active?: string; theme?: { bodyBackgroundColor: string }; supported?: string[] }

const w = window as unknown as Record<string, unknown> & { __werkboek?: Werkboek };
const book = w.__werkboek;
const succeeded = 'succeeded';

if (!book) {
  w.Office = { onReady: async () => ({ host: null, platform: null }), HostType: { Excel: 'Excel' } };
} else {
  const excel = new FakeExcel(book.sheets, book.active);
  excel.yieldEachSync = true;
  const opened: string[] = [];
  w.Excel = excel;
  w.fakeExcel = excel;
  w.openedInBrowser = opened;
  w.Office = {
    HostType: { Excel: 'Excel' },
    AsyncResultStatus: { Succeeded: succeeded, Failed: 'failed' },
    FileType: { Compressed: 'compressed' },
    EventType: { OfficeThemeChanged: 'officeThemeChanged', DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    onReady: async () => ({ host: 'Excel', platform: 'OfficeOnline' }),
    context: {
      officeTheme: book.theme ?? { bodyBackgroundColor: '#ffffff' },
      requirements: { isSetSupported: (set: string) => (book.supported ?? ['ExcelApi', 'OpenBrowserWindowApi']).includes(set) },
      ui: { openBrowserWindow: (url: string) => opened.push(url) },
      document: {
        settings: new FakeSettings(),
        addHandlerAsync: (_type: string, _handler: unknown, done?: (r: { status: string }) => void) => done?.({ status: succeeded }),
        // The file as Excel would give it: every sheet as it stands now, the seal sheet very hidden.
        getFileAsync: (_type: string, _options: unknown, done: (r: unknown) => void) => {
          const bytes = writeXlsx([...excel.sheets.values()].map((s) => ({ name: s.name, grid: s.grid, state: s.name === 'Verzegeling' ? 'veryHidden' : undefined })));
          done({
            status: succeeded,
            value: {
              sliceCount: 1,
              getSliceAsync: (_i: number, next: (r: unknown) => void) => next({ status: succeeded, value: { data: Array.from(bytes) } }),
              closeAsync: () => undefined,
            },
          });
        },
      },
    },
  };
}

// How a file the API made reaches the user: as a new workbook, through the system browser, or as a browser download.
import type { ApiClient } from '../api';
import type { SheetGateway } from '../excel/sheet';
import { codeOf } from '../excel/errors';
import type { BrowserWindow } from '../officeBrowser';

export type Route = 'werkmap' | 'browser' | 'download';

/** An .xlsx opens as a new workbook where Excel can (ExcelApi 1.8); anything else inside Excel goes through a short-lived
 *  address in the system browser, since Excel for Mac silently ignores a[download]; the bench (a plain browser) downloads. */
export function routeFor(name: string, sheet: Pick<SheetGateway, 'host' | 'canOpenWorkbook'>, browser: BrowserWindow | null): Route {
  if (name.toLowerCase().endsWith('.xlsx') && sheet.canOpenWorkbook) return 'werkmap';
  if (sheet.host === 'excel' && browser) return 'browser';
  return 'download';
}

/** Puts the file in front of the user and says in Dutch where it went. */
export async function deliver(blob: Blob, name: string, sheet: SheetGateway, api: Pick<ApiClient, 'downloadAdres'>, browser: BrowserWindow | null): Promise<string> {
  switch (routeFor(name, sheet, browser)) {
    case 'werkmap':
      await sheet.openWorkbook(await base64(blob));
      return `${name} is geopend als nieuwe werkmap. Sla die op waar u wilt.`;
    case 'browser':
      browser!.open(await api.downloadAdres(blob, name));
      return `${name} wordt in uw browser gedownload. De link werkt enkele minuten en één keer.`;
    default:
      saveInBrowser(blob, name);
      return `${name} is gedownload.`;
  }
}

/** Codes with which Excel refuses to insert sheets that a workbook of its own does not run into: the file is too large for
 *  one request (Excel on the web, 5 MB with the base64 inside) or this Excel cannot insert sheets after all. */
const CANNOT_INSERT = new Set(['RequestPayloadSizeLimitExceeded', 'UnsupportedFeature', 'NotImplemented', 'ApiNotFound']);

/** The format as new sheets at the end of this workbook where Excel can; when Excel refuses for size or support, the
 *  format reaches the user as a workbook of its own instead, and the message says why. */
export async function placeFormat(blob: Blob, name: string, sheet: SheetGateway, api: Pick<ApiClient, 'downloadAdres'>, browser: BrowserWindow | null): Promise<string> {
  if (!sheet.canInsertSheets) return deliver(blob, name, sheet, api, browser);
  try {
    await sheet.insertSheets(await base64(blob));
    return 'Het format staat als nieuwe tabbladen achteraan in deze werkmap. Uw eigen tabbladen zijn niet veranderd.';
  } catch (e) {
    if (!CANNOT_INSERT.has(codeOf(e) ?? '')) throw e;
    const where = await deliver(blob, name, sheet, api, browser);
    return `Excel kon het format niet als tabbladen aan deze werkmap toevoegen (te groot voor één keer, of hier niet mogelijk). ${where}`;
  }
}

/** Offers a file to save: works in browsers, Excel on the web and the Windows webview (not in Excel for Mac). */
export function saveInBrowser(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function base64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

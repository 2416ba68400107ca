// Starts the pane: inside Excel on the real workbook, elsewhere as the bench beside an in-memory sheet.
import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api';
import { createAuth, loadAuthConfig } from './auth';
import { officeAuthDeps } from './officeAuth';
import { Bench } from './bench/Bench';
import { demoGrid } from './bench/demo';
import { MemorySheet } from './excel/memorySheet';
import { createOfficeSheet, REQUIRED_EXCEL_API } from './excel/officeSheet';
import { LiveValidation } from './session';
import { App } from './ui/App';
import { prefersDark } from './theme';

/** What Office.onReady reports: the Office host, or null where the page runs outside Office (a plain browser; then
 *  office.js, referenced in the page's head as Microsoft requires, reports no host). Where office.js could not load at
 *  all (no network), there is no Office either. No timer: a slowly starting Excel is waited for, never given the bench. */
async function officeHost(): Promise<Office.HostType | null> {
  if (typeof Office === 'undefined') return null;
  const info = await Office.onReady();
  return info.host ?? null;
}

async function main() {
  const root = createRoot(document.getElementById('root')!);
  const host = await officeHost();
  const inOffice = host !== null;
  let dark = prefersDark(inOffice ? Office.context.officeTheme : null, (q) => window.matchMedia?.(q).matches ?? false);
  let shown: React.ReactNode = null;
  const render = (node: React.ReactNode) => {
    shown = node;
    // The page behind the pane in the theme's colour too (no white band below a short pane in a dark theme).
    document.body.style.backgroundColor = (dark ? webDarkTheme : webLightTheme).colorNeutralBackground1;
    root.render(<FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ height: '100%' }}>{node}</FluentProvider>);
  };
  const rethemed = (nowDark: boolean) => { if (nowDark !== dark) { dark = nowDark; render(shown); } };
  // OfficeThemeChanged reaches only some hosts, and Excel on the web gives no officeTheme at all: there the browser's
  // preference is the theme, so its changes are followed in Office too (with an Office theme, that theme decides).
  const media = (q: string) => window.matchMedia?.(q).matches ?? false;
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', () =>
    rethemed(prefersDark(inOffice ? Office.context.officeTheme : null, media)));
  if (inOffice) followOfficeTheme((theme) => rethemed(prefersDark(theme, media)));
  const auth = createAuth(await loadAuthConfig(), officeAuthDeps);
  const api = createApiClient('', 15_000, undefined, () => auth.token());

  if (host !== null && host === Office.HostType.Excel) {
    if (!Office.context.requirements.isSetSupported('ExcelApi', REQUIRED_EXCEL_API)) {
      render(<p style={{ padding: 12 }}>Deze versie van Excel is te oud voor MigratieAddin (ExcelApi {REQUIRED_EXCEL_API} nodig). Gebruik Microsoft 365 of Excel op het web.</p>);
      return;
    }
    const supports = (version: string) => Office.context.requirements.isSetSupported('ExcelApi', version);
    const sheet = createOfficeSheet(Excel, Office.context.document.settings, supports);
    const session = new LiveValidation(sheet, api);
    (window as unknown as { pane: unknown }).pane = { session }; // for the benchmark (npm run perf)
    render(<App session={session} api={api} sheet={sheet} auth={auth} />);
    await session.start();
    return;
  }

  const sheet = new MemorySheet(demoGrid());
  const session = new LiveValidation(sheet, api);
  (window as unknown as { bench: unknown }).bench = { sheet, session };
  render(<Bench sheet={sheet} session={session} api={api} auth={auth} />);
  await session.start();
}

/** Office tells a theme change through the document's OfficeThemeChanged event where the host supports it. */
function followOfficeTheme(changed: (theme: Office.OfficeTheme) => void): void {
  try {
    Office.context.document.addHandlerAsync(Office.EventType.OfficeThemeChanged,
      (e: { officeTheme?: Office.OfficeTheme }) => { if (e.officeTheme) changed(e.officeTheme); }, () => undefined);
  } catch { /* not in this host: the theme at start stays */ }
}

void main();

// Starts the pane: inside Excel on the real workbook, elsewhere as the bench beside an in-memory sheet.
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
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

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** Loads office.js from Microsoft's CDN; resolves with the Office host, or null where there is none. */
function officeHost(timeoutMs: number): Promise<Office.HostType | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    const script = document.createElement('script');
    script.src = OFFICE_JS;
    script.onerror = () => { clearTimeout(timer); resolve(null); };
    script.onload = () => {
      if (typeof Office === 'undefined') { clearTimeout(timer); resolve(null); return; }
      void Office.onReady((info) => { clearTimeout(timer); resolve(info.host ?? null); });
    };
    document.head.appendChild(script);
  });
}

async function main() {
  const root = createRoot(document.getElementById('root')!);
  const render = (node: React.ReactNode) => root.render(<FluentProvider theme={webLightTheme} style={{ height: '100%' }}>{node}</FluentProvider>);
  const host = await officeHost(4000);
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

void main();

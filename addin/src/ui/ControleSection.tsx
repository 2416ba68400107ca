import { Body1Strong, Button, Caption1, makeStyles, MessageBar, MessageBarBody, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ApiClient } from '../api';
import { checkAll, countsText, TOESTAND_LABEL, type BatchRegel } from '../batch';
import type { SheetGateway } from '../excel/sheet';
import { layoutOf } from '../format';
import type { BrowserWindow } from '../officeBrowser';
import { cellForApi, type RequestRow } from '../rows';
import type { LiveValidation } from '../session';
import { deliver } from './download';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: '8px' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  line: {
    display: 'flex', flexDirection: 'column', padding: '4px 6px', borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2, overflowWrap: 'anywhere',
  },
  refused: { color: tokens.colorPaletteRedForeground1 },
});

/** The gemeente's step 7, the next step in the controle role: the conversion list of the checked workbook. */
export function ControleSection({ api, sheet, browser }: { api: ApiClient; sheet: SheetGateway; browser: BrowserWindow | null }) {
  const s = useStyles();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  async function omzetlijst() {
    setBusy(true);
    setMessage(null);
    try {
      // In Excel the workbook itself (with its seal) goes up; the bench has no file, so it sends its rows as an
      // (unsealed) workbook, read fresh from the sheet so the approval marks travel in the Akkoordcode column.
      const werkboek = (await sheet.workbookFile()) ?? (await api.format({ rijen: await allRows(sheet) }, []));
      const where = await deliver(await api.omzetlijst(werkboek), 'omzetlijst.xlsx', sheet, api, browser);
      setMessage({ intent: 'success', text: `${where} Per rij staan erin de beëindiging van de oude toewijzing en de nieuwe toewijzing, en op het tweede tabblad wat niet is omgezet en waarom.` });
    } catch (e) {
      setMessage({ intent: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <section className={s.section} aria-labelledby="omzetten-kop">
        <Subtitle2 as="h2" id="omzetten-kop">Volgende stap: omzetten</Subtitle2>
        <Caption1>Rijen met status ok en overlegrijen met uw akkoord worden omgezet. Geef akkoord bij de meldingen hieronder, na overleg met de aanbieder.</Caption1>
        <Button appearance="primary" icon={<ArrowDownload20Regular />} onClick={() => void omzetlijst()} disabled={busy}>Omzetlijst maken</Button>
        {busy ? <Spinner size="tiny" label="Omzetlijst maken…" /> : null}
        {message ? <MessageBar layout="multiline" intent={message.intent} data-testid="omzet-melding"><MessageBarBody>{message.text}</MessageBarBody></MessageBar> : null}
      </section>
      <MeerdereWerkboeken api={api} sheet={sheet} browser={browser} />
    </>
  );
}

/** Several returned workbooks at once: each file's progress and short report in a list, then one combined conversion list. */
function MeerdereWerkboeken({ api, sheet, browser }: { api: ApiClient; sheet: SheetGateway; browser: BrowserWindow | null }) {
  const s = useStyles();
  const [files, setFiles] = useState<File[]>([]);
  const [lines, setLines] = useState<BatchRegel[]>([]);
  const [busy, setBusy] = useState<'controle' | 'omzetlijst' | null>(null);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  async function check(chosen: File[]) {
    if (chosen.length === 0) return;
    setFiles(chosen);
    setMessage(null);
    setBusy('controle');
    try {
      await checkAll(api, chosen, setLines);
    } finally {
      setBusy(null);
    }
  }

  async function omzetlijst() {
    setBusy('omzetlijst');
    setMessage(null);
    try {
      const where = await deliver(await api.omzetlijstBatch(files), 'omzetlijst-samen.xlsx', sheet, api, browser);
      setMessage({ intent: 'success', text: `${where} Elke regel noemt het werkboek; op het tabblad Niet omgezet staan per werkboek en rij wat niet is omgezet en waarom.` });
    } catch (e) {
      setMessage({ intent: 'error', text: (e as Error).message });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className={s.section} aria-labelledby="batch-kop">
      <Subtitle2 as="h2" id="batch-kop">Meerdere werkboeken controleren</Subtitle2>
      <Caption1>Kies de teruggestuurde werkboeken (.xlsx) van de aanbieders. Elk werkboek wordt apart gecontroleerd; een werkboek dat niet kan worden gelezen, krijgt zijn eigen reden.</Caption1>
      <input type="file" multiple accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-label="Werkboeken kiezen"
        data-testid="batch-bestanden" disabled={busy !== null} onChange={(e) => void check(Array.from(e.currentTarget.files ?? []))} />
      {lines.length > 0 ? (
        <ul className={s.list} aria-label="Werkboeken" aria-live="polite" data-testid="batch-lijst">
          {lines.map((l, i) => (
            <li key={i} className={s.line} data-testid="batch-regel" data-toestand={l.toestand}>
              <Body1Strong>{l.bestand}</Body1Strong>
              <Caption1 className={l.toestand === 'geweigerd' || l.verzegeling === 'ongeldig' ? s.refused : undefined}>
                {[TOESTAND_LABEL[l.toestand], countsText(l.telling), l.aanbieder, sealText(l)].filter(Boolean).join(' · ')}
              </Caption1>
              {l.reden ? <Caption1 data-testid="batch-reden">{l.reden}</Caption1> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {busy === 'controle' ? <Spinner size="tiny" label="Werkboeken controleren…" /> : null}
      <Button icon={<ArrowDownload20Regular />} onClick={() => void omzetlijst()} disabled={busy !== null || !lines.some((l) => l.omzetbaar)}>
        Eén omzetlijst voor alle werkboeken
      </Button>
      {busy === 'omzetlijst' ? <Spinner size="tiny" label="Omzetlijst maken…" /> : null}
      {message ? <MessageBar layout="multiline" intent={message.intent} data-testid="batch-melding"><MessageBarBody>{message.text}</MessageBarBody></MessageBar> : null}
    </section>
  );
}

function sealText(l: BatchRegel): string | null {
  if (l.verzegeling === 'ongeldig') return 'verzegeling klopt niet';
  if (l.verzegeling === 'geen') return 'geen verzegeling';
  return null;
}

/** Every non-empty row of the sheet with all its columns (Akkoord gemeente and Akkoordcode included). */
async function allRows(sheet: SheetGateway): Promise<RequestRow[]> {
  const snapshot = await sheet.readAll();
  const layout = layoutOf(snapshot.headers);
  const rijen: RequestRow[] = [];
  snapshot.rows.forEach((cells, i) => {
    const waarden: RequestRow['waarden'] = {};
    for (const [key, index] of layout.byKey) {
      const v = cellForApi(cells[index]);
      if (v !== null && key !== 'status' && key !== 'meldingen') waarden[key] = v;
    }
    if (Object.keys(waarden).length > 0) rijen.push({ rij: i + 2, waarden });
  });
  return rijen;
}

/** Asks the API for the approval mark over the row's current values and writes it next to "ja" and today's date. */
export async function approve(api: ApiClient, sheet: SheetGateway, session: LiveValidation, row: number): Promise<string> {
  const akkoordColumn = session.columnOf('akkoordGemeente');
  const codeColumn = session.columnOf('akkoordcode');
  if (akkoordColumn === undefined || codeColumn === undefined)
    throw new Error('Dit werkblad heeft geen kolommen Akkoord gemeente en Akkoordcode. Gebruik het werkboek van het format.');
  const waarden = session.valuesOf(row);
  const code = await api.akkoord(String(waarden.regelId ?? ''), waarden, session.verzegeling);
  const today = new Date();
  const date = `${String(today.getDate()).padStart(2, '0')}-${String(today.getMonth() + 1).padStart(2, '0')}-${today.getFullYear()}`;
  await sheet.writeCells([{ row, column: akkoordColumn, value: `ja ${date}` }, { row, column: codeColumn, value: code }]);
  return `Akkoord vastgelegd voor rij ${row}. Wijzigt de rij later, dan vervalt het akkoord.`;
}

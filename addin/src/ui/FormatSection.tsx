import {
  Button, Caption1, Field, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner, Subtitle2, Table, TableBody, TableCell,
  TableCellLayout, TableHeader, TableHeaderCell, TableRow, tokens,
} from '@fluentui/react-components';
import { ArrowDownload20Regular, DocumentTable20Regular, Mail20Regular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import type { ApiClient, FormatBron, Verzendoverzicht } from '../api';
import { layoutOf } from '../format';
import { requestRow } from '../rows';
import type { SheetGateway } from '../excel/sheet';
import type { LiveValidation } from '../session';
import { deliver, placeFormat } from './download';
import { codeOf, excelFoutTekst } from '../excel/errors';
import type { BrowserWindow } from '../officeBrowser';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: '8px', paddingTop: '8px', borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
  // Fixed narrow columns for the numbers, the rest for the aanbieder, so "Rijen" is never cut off at 320 px.
  table: { width: '100%', tableLayout: 'fixed' },
  gemeente: { width: '64px' },
  rijen: { width: '48px', textAlign: 'right', justifyContent: 'flex-end' },
  aanbieder: { overflowWrap: 'anywhere', wordBreak: 'break-word' },
});

type Bron = 'werkblad' | 'bestand';

/** The gemeente's steps 1 to 3: make the format from an export or a sheet, and send one workbook per aanbieder. */
export function FormatSection({ api, sheet, session, browser }: { api: ApiClient; sheet: SheetGateway; session: LiveValidation; browser: BrowserWindow | null }) {
  const s = useStyles();
  const [bron, setBron] = useState<Bron>('werkblad');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [overzicht, setOverzicht] = useState<Verzendoverzicht | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function source(): Promise<FormatBron> {
    if (bron === 'bestand') {
      if (!file) throw new Error('Kies eerst een CSV-bestand met de lopende toewijzingen.');
      return { bestand: file };
    }
    const snapshot = await sheet.readActive();
    const layout = layoutOf(snapshot.headers);
    const rijen = snapshot.rows.map((cells, i) => requestRow(i + 2, cells, layout)).filter((r) => r !== null);
    if (rijen.length === 0) throw new Error('Het actieve werkblad heeft geen rijen onder koppen van het format. Zet de koppen in rij 1, of kies een CSV-bestand.');
    return { rijen };
  }

  async function run(label: string, work: () => Promise<string | void>) {
    setBusy(label);
    setMessage(null);
    try {
      const done = await work();
      if (done) setMessage({ intent: 'success', text: done });
    } catch (e) {
      // An error of Excel carries a code and an English message: say it in Dutch with what to do.
      setMessage({ intent: 'error', text: codeOf(e) ? excelFoutTekst(e) : (e as Error).message });
    } finally {
      setBusy(null);
    }
  }

  const maakFormat = () => run('Format maken…', async () => {
    const blob = await api.format(await source(), []);
    return placeFormat(blob, 'format-wonen-verblijf.xlsx', sheet, api, browser);
  });

  const maakOverzicht = () => run('Controleren…', async () => {
    setOverzicht(null);
    const rijen = session.requestRows();
    if (rijen.length === 0) throw new Error('Dit werkblad heeft nog geen toewijzingen om te versturen.');
    setOverzicht(await api.verzendoverzicht({ rijen }, []));
  });

  const downloadZip = () => run('Zip maken…', async () => {
    const where = await deliver(await api.perAanbieder({ rijen: session.requestRows() }, []), 'format-per-aanbieder.zip', sheet, api, browser);
    return `${where} Erin: per aanbieder een werkboek en een concept-e-mail (.eml), en verzendoverzicht.csv.`;
  });

  return (
    <section className={s.section} aria-label="Format en versturen">
      <Subtitle2 as="h2">Format maken</Subtitle2>
      <Field label="Rijen uit">
        <RadioGroup value={bron} onChange={(_, d) => setBron(d.value as Bron)} layout="horizontal">
          <Radio value="werkblad" label="Dit werkblad" />
          <Radio value="bestand" label="CSV-bestand" />
        </RadioGroup>
      </Field>
      {bron === 'bestand' ? (
        <div>
          <input ref={fileInput} type="file" accept=".csv,text/csv" aria-label="CSV-bestand kiezen" data-testid="csv-bestand"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </div>
      ) : null}
      <Button icon={<DocumentTable20Regular />} onClick={() => void maakFormat()} disabled={busy !== null}>
        {sheet.canInsertSheets ? 'Format toevoegen als tabbladen' : sheet.canOpenWorkbook ? 'Format openen als werkmap' : 'Format downloaden'}
      </Button>

      <Subtitle2 as="h2">Versturen per aanbieder</Subtitle2>
      <Caption1>Eerst een overzicht van wat naar wie gaat; rijen met een fout of van een niet-gegunde aanbieder gaan niet mee.</Caption1>
      <Button icon={<Mail20Regular />} onClick={() => void maakOverzicht()} disabled={busy !== null}>Overzicht maken</Button>
      {overzicht ? (
        <div data-testid="verzendoverzicht">
          <Table size="extra-small" aria-label="Wat naar wie gaat" className={s.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={s.gemeente}>Gemeente</TableHeaderCell>
                <TableHeaderCell>Aanbieder</TableHeaderCell>
                <TableHeaderCell className={s.rijen}>Rijen</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {overzicht.zendingen.map((z) => (
                <TableRow key={`${z.gemeente}-${z.agb}`}>
                  <TableCell className={s.gemeente}>{z.gemeente}</TableCell>
                  <TableCell className={s.aanbieder} title={z.email}>
                    <TableCellLayout description={z.email}>{z.aanbieder}</TableCellLayout>
                  </TableCell>
                  <TableCell className={s.rijen}>{z.rijen}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {overzicht.nietVerzonden.length > 0 ? (
            <Caption1 block>{overzicht.nietVerzonden.length} rij(en) gaan niet mee (zie de meldingen; de redenen staan ook in verzendoverzicht.csv).</Caption1>
          ) : null}
          <Button appearance="primary" icon={<ArrowDownload20Regular />} onClick={() => void downloadZip()} disabled={busy !== null || overzicht.zendingen.length === 0}>
            Zip downloaden ({overzicht.zendingen.length} werkboek{overzicht.zendingen.length === 1 ? '' : 'en'})
          </Button>
        </div>
      ) : null}

      {busy ? <Spinner size="tiny" label={busy} /> : null}
      {message ? (
        <MessageBar layout="multiline" intent={message.intent} data-testid="format-melding"><MessageBarBody>{message.text}</MessageBarBody></MessageBar>
      ) : null}
    </section>
  );
}

import { Button, Caption1, makeStyles, MessageBar, MessageBarBody, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ApiClient } from '../api';
import type { SheetGateway } from '../excel/sheet';
import type { LiveValidation } from '../session';
import { download } from './download';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: '8px', paddingTop: '8px', borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
});

/** The gemeente's step 7: the conversion list of the checked workbook. Approvals are given from the findings list. */
export function ControleSection({ api, sheet, session }: { api: ApiClient; sheet: SheetGateway; session: LiveValidation }) {
  const s = useStyles();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  async function omzetlijst() {
    setBusy(true);
    setMessage(null);
    try {
      // In Excel the workbook itself (with its seal) goes up; the bench has no file, so it sends its rows as a workbook.
      const werkboek = (await sheet.workbookFile())
        ?? (await api.format({ rijen: session.requestRows().map((r) => ({ rij: r.rij, waarden: session.valuesOf(r.rij) })) }, []));
      download(await api.omzetlijst(werkboek), 'omzetlijst.xlsx');
      setMessage({ intent: 'success', text: 'De omzetlijst is gedownload: per rij de beëindiging 2022 en de nieuwe toewijzing 2023, en op het tweede tabblad wat niet is omgezet en waarom.' });
    } catch (e) {
      setMessage({ intent: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={s.section} aria-label="Omzetten">
      <Subtitle2 as="h2">Omzetten</Subtitle2>
      <Caption1>Rijen met status ok en overlegrijen met uw akkoord worden omgezet. Geef akkoord vanuit de bevindingen, na overleg met de aanbieder.</Caption1>
      <Button appearance="primary" icon={<ArrowDownload20Regular />} onClick={() => void omzetlijst()} disabled={busy}>Omzetlijst maken</Button>
      {busy ? <Spinner size="tiny" label="Omzetlijst maken…" /> : null}
      {message ? <MessageBar layout="multiline" intent={message.intent} data-testid="omzet-melding"><MessageBarBody>{message.text}</MessageBarBody></MessageBar> : null}
    </section>
  );
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

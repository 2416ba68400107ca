import { Body1Strong, Button, Caption1, makeStyles, MessageBar, MessageBarBody, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, ArrowSync20Regular, Table20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ApiClient, VoortgangOverzicht } from '../api';
import type { SheetGateway } from '../excel/sheet';
import { STATUS_STYLE } from '../format';
import type { BrowserWindow } from '../officeBrowser';
import { naamVan, samenvatting, volgendeVan } from '../voortgang';
import { deliver } from './download';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: '8px' },
  tiles: { display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: '4px' },
  tile: { display: 'flex', flexDirection: 'column', alignItems: 'center', padding: '6px 2px', borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground2 },
  late: { color: tokens.colorPaletteRedForeground1 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '6px' },
  line: { display: 'flex', flexDirection: 'column', gap: '2px', overflowWrap: 'anywhere' },
  bar: { display: 'flex', height: '8px', borderRadius: '2px', overflow: 'hidden', backgroundColor: tokens.colorNeutralBackground3 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
});

/** The bars' order, as in the API's chart; each status in the colour the Status column gives it. */
const SERIES = (['ok', 'overleg', 'onvolledig', 'fout'] as const).map((key) => ({ key, label: key, colour: STATUS_STYLE[key].font }));

/** For gemeente and Beheer: where the region stands against the plan, late ones first, with a small chart per line. */
export function VoortgangSection({ api, sheet, browser }: { api: ApiClient; sheet: SheetGateway; browser: BrowserWindow | null }) {
  const s = useStyles();
  const [overzicht, setOverzicht] = useState<VoortgangOverzicht | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  async function run(work: () => Promise<string | null>) {
    setBusy(true);
    setMessage(null);
    try {
      const text = await work();
      if (text) setMessage({ intent: 'success', text });
    } catch (e) {
      setMessage({ intent: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  const ophalen = () => run(async () => { setOverzicht(await api.voortgang()); return null; });
  const inWerkblad = () => run(async () => {
    const o = overzicht ?? (await api.voortgang());
    setOverzicht(o);
    const name = await sheet.addOverview(o.tabel.koppen, o.tabel.rijen, 5);
    return `De voortgang staat op het tabblad ${name}, met een grafiek van de rijen per status.`;
  });
  const downloaden = () => run(async () => deliver(await api.voortgangWerkboek(), 'voortgang.xlsx', sheet, api, browser));
  const sum = overzicht ? samenvatting(overzicht) : null;

  return (
    <section className={s.section} aria-labelledby="voortgang-kop">
      <Subtitle2 as="h2" id="voortgang-kop">Voortgang van de regio</Subtitle2>
      <div className={s.actions}>
        <Button icon={<ArrowSync20Regular />} onClick={() => void ophalen()} disabled={busy}>{overzicht ? 'Vernieuwen' : 'Voortgang bekijken'}</Button>
        <Button icon={<Table20Regular />} onClick={() => void inWerkblad()} disabled={busy}>Voortgang in werkblad</Button>
        <Button icon={<ArrowDownload20Regular />} onClick={() => void downloaden()} disabled={busy}>Als werkboek</Button>
      </div>
      {busy ? <Spinner size="tiny" label="Voortgang ophalen…" /> : null}
      {message ? <MessageBar layout="multiline" intent={message.intent} data-testid="voortgang-melding"><MessageBarBody>{message.text}</MessageBarBody></MessageBar> : null}
      {sum ? (
        <>
          <div className={s.tiles} role="status" aria-live="polite" data-testid="voortgang-tellingen">
            <div className={s.tile}><Body1Strong className={sum.teLaat > 0 ? s.late : undefined}>{sum.teLaat}</Body1Strong><Caption1>te laat</Caption1></div>
            <div className={s.tile}><Body1Strong>{sum.verstuurd}</Body1Strong><Caption1>verstuurd</Caption1></div>
            <div className={s.tile}><Body1Strong>{sum.teruggekomen}</Body1Strong><Caption1>terug</Caption1></div>
            <div className={s.tile}><Body1Strong>{sum.omgezet}</Body1Strong><Caption1>rijen omgezet</Caption1></div>
          </div>
          <ul className={s.list} aria-label="Gemeenten en aanbieders, te laat eerst" data-testid="voortgang-lijst">
            {sum.eerst.map((r) => (
              <li key={`${r.gemeente}-${r.aanbieder ?? ''}`} className={s.line} data-late={r.teLaat || undefined}>
                <Caption1><strong>{naamVan(r)}</strong></Caption1>
                <Caption1 className={r.teLaat ? s.late : undefined}>{volgendeVan(r)}</Caption1>
                <div className={s.bar} role="img"
                  aria-label={`Rijen bij de laatste controle: ${SERIES.map((x) => `${r.telling[x.key]} ${x.label}`).join(', ')}`}>
                  {SERIES.map((x) => <span key={x.key} style={{ width: `${(100 * r.telling[x.key]) / sum.schaal}%`, backgroundColor: x.colour }} />)}
                </div>
              </li>
            ))}
          </ul>
          {overzicht && overzicht.regels.length > sum.eerst.length
            ? <Caption1>En nog {overzicht.regels.length - sum.eerst.length} regels: zie "Voortgang in werkblad".</Caption1> : null}
        </>
      ) : null}
    </section>
  );
}

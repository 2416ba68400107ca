import {
  Button, Caption1, Dropdown, Field, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Option, ProgressBar, Spinner, Subtitle2, tokens,
} from '@fluentui/react-components';
import { ArrowSync20Regular } from '@fluentui/react-icons';
import { useEffect, useMemo, useState } from 'react';
import { officeBrowserWindow } from '../officeBrowser';
import { approvableRows } from './groups';
import { type Fase, ROL_LABEL } from '../format';
import type { LiveValidation, SessionState, Voortgang } from '../session';
import { Counts } from './Counts';
import { Meldingen } from './Meldingen';
import { FormatSection } from './FormatSection';
import { approve, ControleSection } from './ControleSection';
import { VoortgangSection } from './VoortgangSection';
import { Aanmelding, useGebruiker } from './Aanmelding';
import type { ApiClient } from '../api';
import { allowedRoles, type Auth } from '../auth';
import type { SheetGateway } from '../excel/sheet';

const useStyles = makeStyles({
  pane: {
    display: 'flex', flexDirection: 'column', gap: '12px', padding: '12px', boxSizing: 'border-box',
    width: '100%', maxWidth: '350px', height: '100%', overflowY: 'auto', overflowX: 'hidden', backgroundColor: tokens.colorNeutralBackground1,
    // WebView2 draws overlay scrollbars that vanish: keep room for a visible one, in the theme's colours.
    scrollbarGutter: 'stable', scrollbarWidth: 'thin', scrollbarColor: `${tokens.colorNeutralStroke1} transparent`,
    '& > *': { flexShrink: 0 },
  },
  row: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '8px' },
});

/** The task pane: role, whole-sheet check, counts per status and the meldingen. Later features add sections here. */
export function App({ session, api, sheet, auth }: { session: LiveValidation; api: ApiClient; sheet: SheetGateway; auth: Auth }) {
  const s = useStyles();
  const state = useSession(session);
  const rollen: Fase[] = allowedRoles(auth);
  const gebruiker = useGebruiker(auth);
  useEffect(() => {
    if (rollen.length > 0 && !rollen.includes(state.rol)) void session.setRol(rollen[0]);
  }, [rollen.join(), state.rol, session]);
  const [namen, setNamen] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => { api.regels().then((r) => setNamen(new Map(r.map((x) => [x.code, x.naam])))).catch(() => undefined); }, [api]);
  const [approvedHere, setApprovedHere] = useState<ReadonlySet<number>>(new Set());
  const approvable = useMemo(() => approvableRows(state.rijMeldingen), [state.rijMeldingen]);
  const approved = (row: number) => approvedHere.has(row) || Boolean(session.valuesOf(row).akkoordcode);
  const browser = useMemo(() => officeBrowserWindow(), []);
  const [approval, setApproval] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const giveApproval = async (row: number) => {
    try {
      setApproval({ intent: 'success', text: await approve(api, sheet, session, row) });
      setApprovedHere((a) => new Set(a).add(row));
    } catch (e) {
      setApproval({ intent: 'error', text: (e as Error).message });
    }
  };

  return (
    <main className={s.pane} aria-label="MigratieAddin">
      <div className={s.row}>
        <Subtitle2 as="h1">Migratie wonen/verblijf</Subtitle2>
        <Caption1 data-testid="verbinding">{connectionText(state)}</Caption1>
      </div>

      <Aanmelding auth={auth} onAangemeld={() => void session.validateAll()} />
      {!auth.lokaal && gebruiker && rollen.length === 0 ? (
        <MessageBar layout="multiline" intent="error"><MessageBarBody>U bent aangemeld, maar heeft geen rol voor MigratieAddin. Vraag de beheerder van de regio om de rol Gemeente of Aanbieder.</MessageBarBody></MessageBar>
      ) : null}

      <Field label="Ik werk als">
        <Dropdown style={{ minWidth: 0 }} value={ROL_LABEL[state.rol]} selectedOptions={[state.rol]} aria-label="Rol"
          onOptionSelect={(_, d) => void session.setRol(d.optionValue as Fase)}>
          {rollen.map((r) => <Option key={r} value={r}>{ROL_LABEL[r]}</Option>)}
        </Dropdown>
      </Field>

      <div className={s.row}>
        <Button appearance="primary" icon={<ArrowSync20Regular />} onClick={() => void session.validateAll()} disabled={state.busy && state.telling === null}>
          Hele werkblad controleren
        </Button>
        {state.busy ? <Spinner size="tiny" label="Bezig" labelPosition="after" /> : null}
      </div>

      {state.progress ? <ProgressLine progress={state.progress} onCancel={() => session.cancel()} /> : null}

      {state.excelFout ? (
        <MessageBar layout="multiline" intent="error" data-testid="excel-fout">
          <MessageBarBody><MessageBarTitle>Excel</MessageBarTitle>{state.excelFout}</MessageBarBody>
        </MessageBar>
      ) : null}

      {state.message ? (
        <MessageBar layout="multiline" intent={state.connection === 'onbereikbaar' ? 'warning' : state.connection === 'probleem' ? 'error' : 'info'} data-testid="melding">
          <MessageBarBody>
            {state.connection === 'onbereikbaar' ? <MessageBarTitle>Geen verbinding</MessageBarTitle> : null}
            {state.message}
          </MessageBarBody>
        </MessageBar>
      ) : null}

      {state.missingHeaders.length > 0 ? (
        <MessageBar layout="multiline" intent="warning">
          <MessageBarBody>Deze kolommen ontbreken op het werkblad: {state.missingHeaders.join(', ')}. Zet de koppen in rij 1.</MessageBarBody>
        </MessageBar>
      ) : null}

      <Counts telling={state.telling} />

      {state.werkboekMeldingen.map((m) => (
        <MessageBar key={m.code} layout="multiline" intent="info"><MessageBarBody>{m.tekst}</MessageBarBody></MessageBar>
      ))}

      {approval ? (
        <MessageBar layout="multiline" intent={approval.intent} data-testid="akkoord-melding"><MessageBarBody>{approval.text}</MessageBarBody></MessageBar>
      ) : null}

      {/* The role's next step stands above the meldingen, however many there are. */}
      {state.rol === 'gemeente' ? <FormatSection api={api} sheet={sheet} session={session} browser={browser} /> : null}
      {state.rol === 'controle' ? <ControleSection api={api} sheet={sheet} browser={browser} /> : null}

      <Meldingen rijMeldingen={state.rijMeldingen} namen={namen} approvable={approvable} approved={approved} onSelect={(b) => void session.select(b)}
        onApprove={state.rol === 'controle' ? (b) => void giveApproval(b.row) : undefined} />

      {state.rol === 'gemeente' || state.rol === 'controle' ? <VoortgangSection api={api} sheet={sheet} browser={browser} /> : null}
    </main>
  );
}

const STAP_LABEL: Record<Voortgang['stap'], string> = { lezen: 'Rijen lezen', controleren: 'Rijen controleren', schrijven: 'Uitslag schrijven' };

/** "Rijen lezen: 20.000 van 50.000" with a bar and a way to stop. */
function ProgressLine({ progress, onCancel }: { progress: Voortgang; onCancel: () => void }) {
  const s = useStyles();
  const n = (x: number) => x.toLocaleString('nl-NL');
  const text = progress.totaal > 0 ? `${STAP_LABEL[progress.stap]}: ${n(progress.klaar)} van ${n(progress.totaal)}` : `${STAP_LABEL[progress.stap]}…`;
  return (
    <div data-testid="voortgang-regel">
      <Field validationMessage={text} validationState="none">
        <ProgressBar value={progress.totaal > 0 ? progress.klaar / progress.totaal : undefined} aria-label={text} />
      </Field>
      {progress.stap !== 'schrijven' ? (
        <div className={s.row}><span /><Button size="small" onClick={onCancel} data-testid="annuleren">Annuleren</Button></div>
      ) : null}
    </div>
  );
}

function connectionText(state: SessionState): string {
  switch (state.connection) {
    case 'ok': return state.lastRoundMs === null ? 'Verbonden' : `Gecontroleerd in ${state.lastRoundMs} ms`;
    case 'onbereikbaar': return 'Geen verbinding';
    case 'probleem': return 'Verzoek geweigerd';
    default: return 'Verbinden…';
  }
}

function useSession(session: LiveValidation): SessionState {
  const [state, setState] = useState(session.current);
  useEffect(() => {
    session.listen(setState);
    setState(session.current);
    return () => session.listen(null);
  }, [session]);
  return state;
}

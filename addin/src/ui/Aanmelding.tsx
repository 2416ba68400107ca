import { Button, Caption1, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Auth, Gebruiker } from '../auth';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '8px' },
  fout: { color: tokens.colorPaletteRedForeground1 },
});

/** Re-renders the caller whenever the sign-in status or the user changes; returns the signed-in user. */
export function useGebruiker(auth: Auth): Gebruiker | null {
  const [, setVersie] = useState(0);
  useEffect(() => auth.volg(() => setVersie((v) => v + 1)), [auth]);
  return auth.gebruiker();
}

/** Who is signed in, or the "Aanmelden" button: the only place an interactive sign-in starts (a user's click). */
export function Aanmelding({ auth, onAangemeld }: { auth: Auth; onAangemeld: () => void }) {
  const s = useStyles();
  const gebruiker = useGebruiker(auth);
  const [fout, setFout] = useState<string | null>(null);
  const status = auth.status();
  if (auth.lokaal) return <Caption1 data-testid="aanmelding">Lokaal (zonder aanmelding)</Caption1>;
  if (gebruiker && status === 'aangemeld') {
    return <Caption1 data-testid="aanmelding">Aangemeld als {gebruiker.naam} · {gebruiker.rollen.join(', ') || 'geen rol'}</Caption1>;
  }
  const aanmelden = async () => {
    setFout(null);
    try {
      await auth.signIn();
      onAangemeld();
    } catch (e) {
      setFout((e as Error).message);
    }
  };
  return (
    <div data-testid="aanmelding">
      <div className={s.row}>
        <Caption1>{status === 'nodig' ? 'U bent nog niet aangemeld.' : 'Nog niet aangemeld'}</Caption1>
        {status === 'bezig'
          ? <Spinner size="tiny" label="Aanmelden…" labelPosition="after" />
          : <Button size="small" appearance="primary" onClick={() => void aanmelden()} data-testid="aanmelden">Aanmelden</Button>}
      </div>
      {fout ? <Caption1 className={s.fout} role="alert">{fout}</Caption1> : null}
    </div>
  );
}

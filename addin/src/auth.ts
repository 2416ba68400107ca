// Sign-in for the pane, as Microsoft documents nested app authentication (NAA) for Office add-ins
// (https://learn.microsoft.com/office/dev/add-ins/develop/enable-nested-app-authentication-in-your-add-in):
// silently first (a login hint from Office.auth.getAuthContext with ssoSilent, or acquireTokenSilent), and
// interactively only when the user clicks "Aanmelden" (a popup through NAA, or MSAL in an Office dialog where NAA is
// not supported). In local mode (the API says sign-in is off) no token at all.
import type { AuthenticationResult, Configuration, IPublicClientApplication } from '@azure/msal-browser';

export interface AuthConfig {
  aanmelding: boolean;
  clientId: string | null;
  authority: string | null;
  scopes: string[];
}

export interface Gebruiker {
  naam: string;
  rollen: string[];
}

/** lokaal: no sign-in; onbekend: not tried yet; nodig: silent sign-in failed, the user must click Aanmelden. */
export type AanmeldStatus = 'lokaal' | 'onbekend' | 'bezig' | 'aangemeld' | 'nodig';

export interface Auth {
  readonly lokaal: boolean;
  /** A bearer token for the API, or null in local mode. Silent only: never opens a popup or a dialog. */
  token(): Promise<string | null>;
  /** Interactive sign-in; call it only from the user's click on "Aanmelden". */
  signIn(): Promise<void>;
  /** Who is signed in and with which app roles (from the ID token); null before sign-in and in local mode. */
  gebruiker(): Gebruiker | null;
  status(): AanmeldStatus;
  /** Calls back on every change of status or user; returns the function that stops it. */
  volg(listener: () => void): () => void;
}

/** What a sign-in in the Office dialog hands back to the pane (see aanmelden.ts). */
export interface DialoogAntwoord {
  token: string;
  /** When the access token expires, in milliseconds since 1970. */
  verloopt: number;
  /** The ID token's claims the pane shows: name and app roles. */
  claims: Record<string, unknown>;
}

/** What the pane needs from MSAL and Office, so the sign-in logic can be tested with fakes at that boundary. */
export interface AuthDeps {
  naaSupported(): boolean;
  /** The signed-in Office user (Office.auth.getAuthContext, NestedAppAuth 1.1), or undefined where Office cannot tell. */
  loginHint(): Promise<string | undefined>;
  /** The pane's origin, where the redirect bridge (BRUGPAGINA) and the popup relay (RELAYPAGINA) are served. */
  origin: string;
  createNestable(config: Configuration): Promise<IPublicClientApplication>;
  /** Opens the sign-in page in an Office dialog (interactive); resolves with what that page signed in. */
  dialogSignIn(config: AuthConfig): Promise<DialoogAntwoord>;
}

export class AanmeldFout extends Error {}

/** Silent sign-in did not work: the user has to click Aanmelden (the pane shows the button). */
export class AanmeldenNodig extends AanmeldFout {
  constructor() { super('U moet zich aanmelden: klik op Aanmelden.'); }
}

/** The page MSAL returns to (popups, hidden iframes and the dialog's redirect): it only runs the redirect bridge. */
export const BRUGPAGINA = '/aanmelden-terug.html';

/** The top-level page a sign-in popup opens first when MSAL runs in the pane itself (Office on the web, where the
 *  pane is a cross-origin iframe whose storage the browser partitions): msal-browser 5's popup relay. */
export const RELAYPAGINA = '/aanmelden-venster.html';

/** After a failed silent attempt, calls fail at once for this long instead of trying again on every cell change. */
export const STIL_OPNIEUW_NA_MS = 60_000;

/** MSAL error codes of a popup that could not open or never answered: then the Office dialog is tried instead. */
const POPUP_KAN_NIET = new Set(['popup_window_error', 'empty_window_error', 'timed_out', 'block_nested_popups']);

export async function loadAuthConfig(fetcher: typeof fetch = (...a) => fetch(...a)): Promise<AuthConfig> {
  try {
    const response = await fetcher('/config.json');
    if (response.ok) return (await response.json()) as AuthConfig;
  } catch { /* the API is away: treat as local until it answers */ }
  return { aanmelding: false, clientId: null, authority: null, scopes: [] };
}

export function createAuth(config: AuthConfig, deps: AuthDeps, now: () => number = Date.now): Auth {
  if (!config.aanmelding) {
    return { lokaal: true, token: async () => null, signIn: async () => undefined, gebruiker: () => null, status: () => 'lokaal', volg: () => () => undefined };
  }
  let pca: Promise<IPublicClientApplication> | null = null;
  let cached: { token: string; expires: number } | null = null;
  let user: Gebruiker | null = null;
  let state: AanmeldStatus = 'onbekend';
  let silentFailedAt: number | null = null;
  let silentInFlight: Promise<string> | null = null;
  const listeners = new Set<() => void>();

  const set = (next: AanmeldStatus) => { state = next; for (const l of [...listeners]) l(); };
  const remember = (token: string, expires: number, claims: Record<string, unknown>, fallbackName?: string) => {
    cached = { token, expires };
    user = gebruikerUit(claims, fallbackName);
    silentFailedAt = null;
    set('aangemeld');
    return token;
  };
  const fromResult = (r: AuthenticationResult) =>
    remember(r.accessToken, r.expiresOn?.getTime() ?? now() + 5 * 60_000,
      { ...(r.account?.idTokenClaims ?? {}), ...(r.idTokenClaims as Record<string, unknown>) }, r.account?.name ?? r.account?.username);

  const app = () => (pca ??= deps.createNestable({
    auth: {
      clientId: config.clientId!, authority: config.authority ?? undefined,
      redirectUri: `${deps.origin}${BRUGPAGINA}`, popupRelayUri: `${deps.origin}${RELAYPAGINA}`,
    },
  }));

  /** acquireTokenSilent for a known account; else, with Office's login hint, ssoSilent (as Excel on the web needs). */
  async function silentNaa(): Promise<AuthenticationResult> {
    const client = await app();
    const hint = await deps.loginHint().catch(() => undefined);
    const account = client.getActiveAccount() ?? (hint ? client.getAccount({ loginHint: hint }) : null) ?? client.getAllAccounts()[0] ?? null;
    const request = { scopes: config.scopes };
    if (account || !hint) {
      try {
        return await client.acquireTokenSilent({ ...request, account: account ?? undefined });
      } catch (e) {
        if (!hint) throw e;
      }
    }
    return client.ssoSilent({ ...request, loginHint: hint });
  }

  async function silent(): Promise<string> {
    if (!deps.naaSupported()) { set('nodig'); throw new AanmeldenNodig(); } // the dialog is interactive: only from a click
    set('bezig');
    try {
      return fromResult(await silentNaa());
    } catch {
      silentFailedAt = now();
      user = null;
      set('nodig');
      throw new AanmeldenNodig();
    }
  }

  return {
    lokaal: false,
    async token() {
      if (cached && cached.expires - now() > 60_000) return cached.token;
      if (silentFailedAt !== null && now() - silentFailedAt < STIL_OPNIEUW_NA_MS) throw new AanmeldenNodig();
      silentInFlight ??= silent().finally(() => { silentInFlight = null; });
      return silentInFlight;
    },
    async signIn() {
      set('bezig');
      try {
        if (deps.naaSupported()) {
          try {
            const client = await app();
            const loginHint = await deps.loginHint().catch(() => undefined);
            const result = await client.acquireTokenPopup({ scopes: config.scopes, loginHint });
            fromResult(result);
            return;
          } catch (e) {
            if (!POPUP_KAN_NIET.has((e as { errorCode?: string }).errorCode ?? '')) throw e;
            // A popup that cannot open or never answers (a popup blocker, a host without popups): the Office dialog instead.
          }
        }
        const antwoord = await deps.dialogSignIn(config);
        remember(antwoord.token, antwoord.verloopt, antwoord.claims);
      } catch (e) {
        set(user ? 'aangemeld' : 'nodig');
        const cancelled = (e as { errorCode?: string }).errorCode === 'user_cancelled';
        throw new AanmeldFout(cancelled
          ? 'Aanmelden is afgebroken. Klik op Aanmelden om het opnieuw te proberen.'
          : 'Aanmelden is niet gelukt. Probeer het opnieuw; lukt het niet, vraag de beheerder of u een rol heeft voor MigratieAddin.');
      }
    },
    gebruiker: () => user,
    status: () => state,
    volg(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Name and app roles from the ID token's claims (the API checks the access token; the pane only shows these). */
export function gebruikerUit(claims: Record<string, unknown>, fallbackName?: string): Gebruiker {
  const naam = claims.name ?? fallbackName ?? claims.preferred_username ?? 'onbekend';
  return { naam: String(naam), rollen: Array.isArray(claims.roles) ? claims.roles.map(String) : [] };
}

/** The fases a signed-in user may use: an Aanbieder (without Gemeente or Beheer) only the aanbieder one. */
export function allowedRoles(auth: Auth): ('gemeente' | 'aanbieder' | 'controle')[] {
  const rollen = auth.gebruiker()?.rollen;
  if (auth.lokaal || !rollen || rollen.includes('Gemeente') || rollen.includes('Beheer')) return ['gemeente', 'aanbieder', 'controle'];
  return rollen.includes('Aanbieder') ? ['aanbieder'] : [];
}

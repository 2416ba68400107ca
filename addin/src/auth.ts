// Sign-in for the pane: nested app authentication where Office offers it, else MSAL in an Office dialog;
// in local mode (the API says sign-in is off) no token at all.
import type { Configuration, IPublicClientApplication } from '@azure/msal-browser';

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

export interface Auth {
  readonly lokaal: boolean;
  /** A bearer token for the API, or null in local mode. Signs in when needed. */
  token(): Promise<string | null>;
  /** Who is signed in and with which app roles; null before sign-in and in local mode. */
  gebruiker(): Gebruiker | null;
}

/** What the pane needs from MSAL and Office, so the sign-in logic can be tested with fakes at that boundary. */
export interface AuthDeps {
  naaSupported(): boolean;
  createNestable(config: Configuration): Promise<IPublicClientApplication>;
  /** Opens the sign-in page in an Office dialog; resolves with an access token. */
  dialogSignIn(config: AuthConfig): Promise<string>;
}

export class AanmeldFout extends Error {}

export async function loadAuthConfig(fetcher: typeof fetch = (...a) => fetch(...a)): Promise<AuthConfig> {
  try {
    const response = await fetcher('/config.json');
    if (response.ok) return (await response.json()) as AuthConfig;
  } catch { /* the API is away: treat as local until it answers */ }
  return { aanmelding: false, clientId: null, authority: null, scopes: [] };
}

export function createAuth(config: AuthConfig, deps: AuthDeps): Auth {
  if (!config.aanmelding) return { lokaal: true, token: async () => null, gebruiker: () => null };
  let pca: Promise<IPublicClientApplication> | null = null;
  let cached: { token: string; expires: number } | null = null;
  let user: Gebruiker | null = null;

  const remember = (token: string, naam?: string) => {
    const claims = decode(token);
    cached = { token, expires: (Number(claims.exp) || 0) * 1000 };
    user = { naam: naam ?? String(claims.name ?? claims.preferred_username ?? 'onbekend'), rollen: Array.isArray(claims.roles) ? claims.roles.map(String) : [] };
    return token;
  };

  async function viaNaa(): Promise<string> {
    pca ??= deps.createNestable({ auth: { clientId: config.clientId!, authority: config.authority ?? undefined } });
    const app = await pca;
    const request = { scopes: config.scopes };
    try {
      const result = await app.acquireTokenSilent({ ...request, account: app.getActiveAccount() ?? undefined });
      return remember(result.accessToken, result.account?.name);
    } catch {
      try {
        const result = await app.acquireTokenPopup(request);
        if (result.account) app.setActiveAccount(result.account);
        return remember(result.accessToken, result.account?.name);
      } catch {
        throw new AanmeldFout('Aanmelden is niet gelukt. Probeer het opnieuw; lukt het niet, vraag de beheerder of u een rol heeft voor MigratieAddin.');
      }
    }
  }

  return {
    lokaal: false,
    async token() {
      if (cached && cached.expires - Date.now() > 60_000) return cached.token;
      if (deps.naaSupported()) return viaNaa();
      try {
        return remember(await deps.dialogSignIn(config));
      } catch {
        throw new AanmeldFout('Aanmelden is niet gelukt of afgebroken. Klik nogmaals om aan te melden.');
      }
    },
    gebruiker: () => user,
  };
}

/** The claims of a JWT, read without checking it (the API checks; the pane only shows name and roles). */
export function decode(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(payload), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The fases a signed-in user may use: an Aanbieder (without Gemeente or Beheer) only the aanbieder one. */
export function allowedRoles(auth: Auth): ('gemeente' | 'aanbieder' | 'controle')[] {
  const rollen = auth.gebruiker()?.rollen;
  if (auth.lokaal || !rollen || rollen.includes('Gemeente') || rollen.includes('Beheer')) return ['gemeente', 'aanbieder', 'controle'];
  return rollen.includes('Aanbieder') ? ['aanbieder'] : [];
}

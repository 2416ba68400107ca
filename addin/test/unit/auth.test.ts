/// <reference types="vite/client" />
import { describe, expect, it, vi } from 'vitest';
import type { AuthenticationResult, IPublicClientApplication } from '@azure/msal-browser';
import { createApiClient } from '../../src/api';
import {
  AanmeldenNodig, AanmeldFout, allowedRoles, BRUGPAGINA, createAuth, RELAYPAGINA, STIL_OPNIEUW_NA_MS, type AuthConfig, type AuthDeps, type DialoogAntwoord,
} from '../../src/auth';
import { COLUMNS } from '../../src/format';
import { MemorySheet } from '../../src/excel/memorySheet';
import { LiveValidation } from '../../src/session';
import { FakeApi } from './fakeApi';
import bridgePage from '../../src/aanmelden-terug.html?raw';
import relayPage from '../../src/aanmelden-venster.html?raw';

const ON: AuthConfig = { aanmelding: true, clientId: 'client', authority: 'https://login.microsoftonline.com/tenant', scopes: ['api://client/Toewijzingen.Gebruiken'] };
const ORIGIN = 'https://migratie.regio.nl';
const inAnHour = () => new Date(Date.now() + 3_600_000);

/** An access token is opaque to the pane: nothing in it can be read, so name and roles must come from the ID token. */
const OPAQUE = 'opaque-access-token';

const account = (claims: Record<string, unknown>) => ({ homeAccountId: 'h', environment: 'e', tenantId: 't', username: 'anna@regio.nl', localAccountId: 'l', name: String(claims.name ?? ''), idTokenClaims: claims });

function result(claims: Record<string, unknown>, accessToken = OPAQUE): AuthenticationResult {
  return { accessToken, expiresOn: inAnHour(), idTokenClaims: claims, account: account(claims) } as unknown as AuthenticationResult;
}

const msalError = (errorCode: string) => Object.assign(new Error(errorCode), { errorCode });

interface Script {
  silent?: () => Promise<AuthenticationResult>;
  sso?: () => Promise<AuthenticationResult>;
  popup?: () => Promise<AuthenticationResult>;
  accounts?: ReturnType<typeof account>[];
}

/** MSAL at its boundary: a nestable client application whose answers the test scripts. */
function fakePca(script: Script = {}) {
  const fail = () => Promise.reject(msalError('interaction_required'));
  const accounts = script.accounts ?? [];
  return {
    acquireTokenSilent: vi.fn(script.silent ?? fail),
    ssoSilent: vi.fn(script.sso ?? fail),
    acquireTokenPopup: vi.fn(script.popup ?? (() => Promise.reject(msalError('popup_should_not_open')))),
    getActiveAccount: vi.fn(() => null),
    getAccount: vi.fn(() => accounts[0] ?? null),
    getAllAccounts: vi.fn(() => accounts),
    setActiveAccount: vi.fn(),
  };
}
type FakePca = ReturnType<typeof fakePca>;

function deps(pca: FakePca, options: { naa?: boolean; hint?: string; dialog?: () => Promise<DialoogAntwoord> } = {}) {
  return {
    naaSupported: () => options.naa ?? true,
    loginHint: vi.fn(async () => options.hint),
    origin: ORIGIN,
    createNestable: vi.fn(async () => pca as unknown as IPublicClientApplication),
    dialogSignIn: vi.fn(options.dialog ?? (() => Promise.reject(new Error('the dialog should not open')))),
  } satisfies AuthDeps;
}

describe('sign-in', () => {
  it('sends no token and says lokaal when the API has sign-in off', async () => {
    const d = deps(fakePca());
    const auth = createAuth({ aanmelding: false, clientId: null, authority: null, scopes: [] }, d);
    expect(auth.lokaal).toBe(true);
    expect(auth.status()).toBe('lokaal');
    expect(await auth.token()).toBeNull();
    await auth.signIn();
    expect(d.createNestable).not.toHaveBeenCalled();
    expect(allowedRoles(auth)).toEqual(['gemeente', 'aanbieder', 'controle']);
  });

  it('gets a token silently for a known account and takes name and roles from the ID token, not the access token', async () => {
    const claims = { name: 'Anna de Vries', roles: ['Gemeente'] };
    const pca = fakePca({ accounts: [account(claims)], silent: async () => result(claims) });
    const d = deps(pca);
    const auth = createAuth(ON, d);
    expect(await auth.token()).toBe(OPAQUE);
    expect(auth.gebruiker()).toEqual({ naam: 'Anna de Vries', rollen: ['Gemeente'] });
    expect(auth.status()).toBe('aangemeld');
    expect(d.createNestable).toHaveBeenCalledWith({ auth: {
      clientId: 'client', authority: ON.authority, redirectUri: `${ORIGIN}${BRUGPAGINA}`, popupRelayUri: `${ORIGIN}${RELAYPAGINA}`,
    } });
    expect(pca.acquireTokenSilent).toHaveBeenCalledWith(expect.objectContaining({ scopes: ON.scopes, account: account(claims) }));
    await auth.token();
    expect(pca.acquireTokenSilent).toHaveBeenCalledTimes(1); // kept until shortly before it expires
  });

  it('uses the login hint from Office with ssoSilent when MSAL knows no account yet, as Excel on the web needs', async () => {
    const pca = fakePca({ sso: async () => result({ name: 'Bert', roles: ['Aanbieder'] }) });
    const d = deps(pca, { hint: 'bert@aanbieder.nl' });
    const auth = createAuth(ON, d);
    expect(await auth.token()).toBe(OPAQUE);
    expect(pca.ssoSilent).toHaveBeenCalledWith({ scopes: ON.scopes, loginHint: 'bert@aanbieder.nl' });
    expect(pca.getAccount).toHaveBeenCalledWith({ loginHint: 'bert@aanbieder.nl' });
    expect(pca.acquireTokenSilent).not.toHaveBeenCalled();
    expect(allowedRoles(auth)).toEqual(['aanbieder']);
  });

  it('falls back to ssoSilent with the hint when the cached account cannot be renewed silently', async () => {
    const claims = { name: 'Cor', roles: ['Beheer'] };
    const pca = fakePca({ accounts: [account(claims)], sso: async () => result(claims) });
    const auth = createAuth(ON, deps(pca, { hint: 'cor@regio.nl' }));
    expect(await auth.token()).toBe(OPAQUE);
    expect(pca.acquireTokenSilent).toHaveBeenCalledTimes(1);
    expect(pca.ssoSilent).toHaveBeenCalledTimes(1);
  });

  it('asks the user to click Aanmelden when silent sign-in fails, and opens nothing itself', async () => {
    const pca = fakePca();
    const d = deps(pca, { hint: 'anna@regio.nl' });
    const auth = createAuth(ON, d);
    const changes = vi.fn();
    auth.volg(changes);
    const failure = auth.token();
    await expect(failure).rejects.toBeInstanceOf(AanmeldenNodig);
    await expect(failure).rejects.toThrow('U moet zich aanmelden: klik op Aanmelden.');
    expect(auth.status()).toBe('nodig');
    expect(auth.gebruiker()).toBeNull();
    expect(changes).toHaveBeenCalled();
    expect(pca.acquireTokenPopup).not.toHaveBeenCalled();
    expect(d.dialogSignIn).not.toHaveBeenCalled();
  });

  it('never signs in interactively at start-up or from a change in the sheet when silent sign-in fails', async () => {
    let clock = 1_000_000;
    const pca = fakePca({ silent: () => Promise.reject(msalError('interaction_required')) });
    const d = deps(pca);
    const auth = createAuth(ON, d, () => clock);
    const fake = new FakeApi();
    // The API client asks for a token on every request, as createApiClient does.
    const api = { validate: async (r: Parameters<FakeApi['validate']>[0]) => { await auth.token(); return fake.validate(r); } };
    const bsn = COLUMNS.findIndex((c) => c.key === 'bsn');
    const sheet = new MemorySheet([COLUMNS.map((c) => c.header), COLUMNS.map((c) => (c.key === 'bsn' ? '999925702' : null))]);
    const session = new LiveValidation(sheet, api);
    await session.start();
    expect(session.current.message).toBe('U moet zich aanmelden: klik op Aanmelden.');
    clock += STIL_OPNIEUW_NA_MS + 1; // so the change really tries silently again
    sheet.edit(2, bsn, [['fout']]);
    await vi.waitFor(() => expect(pca.acquireTokenSilent).toHaveBeenCalledTimes(2));
    await vi.waitFor(() => expect(auth.status()).toBe('nodig'));
    await new Promise((r) => setTimeout(r, 50));
    expect(pca.acquireTokenPopup).not.toHaveBeenCalled();
    expect(d.dialogSignIn).not.toHaveBeenCalled();
    expect(fake.requests).toHaveLength(0);
    session.stop();
  });

  it('does not retry silent sign-in on every change for a minute after it failed, then tries again', async () => {
    let clock = 1_000_000;
    const pca = fakePca();
    const auth = createAuth(ON, deps(pca), () => clock);
    await expect(auth.token()).rejects.toBeInstanceOf(AanmeldenNodig);
    await expect(auth.token()).rejects.toBeInstanceOf(AanmeldenNodig);
    expect(pca.acquireTokenSilent).toHaveBeenCalledTimes(1);
    clock += STIL_OPNIEUW_NA_MS + 1;
    await expect(auth.token()).rejects.toBeInstanceOf(AanmeldenNodig);
    expect(pca.acquireTokenSilent).toHaveBeenCalledTimes(2);
  });

  it('shares one silent attempt between requests that ask for a token at the same time', async () => {
    const claims = { name: 'Anna', roles: ['Gemeente'] };
    const pca = fakePca({ accounts: [account(claims)], silent: async () => result(claims) });
    const auth = createAuth(ON, deps(pca));
    expect(await Promise.all([auth.token(), auth.token(), auth.token()])).toEqual([OPAQUE, OPAQUE, OPAQUE]);
    expect(pca.acquireTokenSilent).toHaveBeenCalledTimes(1);
  });

  it('signs in with a popup only when the user clicks Aanmelden, with Office\'s login hint, then serves that token', async () => {
    const claims = { name: 'Zoë Bèta', roles: ['Aanbieder'] };
    const pca = fakePca({ popup: async () => result(claims, 'from-popup') });
    const auth = createAuth(ON, deps(pca, { hint: 'zoe@aanbieder.nl' }));
    await expect(auth.token()).rejects.toBeInstanceOf(AanmeldenNodig);
    await auth.signIn();
    expect(pca.acquireTokenPopup).toHaveBeenCalledWith({ scopes: ON.scopes, loginHint: 'zoe@aanbieder.nl' });
    expect(auth.status()).toBe('aangemeld');
    expect(auth.gebruiker()).toEqual({ naam: 'Zoë Bèta', rollen: ['Aanbieder'] });
    expect(await auth.token()).toBe('from-popup');
    expect(pca.ssoSilent).toHaveBeenCalledTimes(1); // only the failed silent attempt before the click
  });

  it('where nested app authentication is not supported, opens the Office dialog only on the click', async () => {
    const d = deps(fakePca(), { naa: false, dialog: async () => ({ token: 'from-dialog', verloopt: inAnHour().getTime(), claims: { name: 'C', roles: ['Beheer'] } }) });
    const auth = createAuth(ON, d);
    await expect(auth.token()).rejects.toBeInstanceOf(AanmeldenNodig); // start-up: no dialog
    expect(d.dialogSignIn).not.toHaveBeenCalled();
    expect(d.createNestable).not.toHaveBeenCalled();
    await auth.signIn();
    expect(d.dialogSignIn).toHaveBeenCalledTimes(1);
    expect(await auth.token()).toBe('from-dialog');
    expect(auth.gebruiker()).toEqual({ naam: 'C', rollen: ['Beheer'] });
    expect(allowedRoles(auth)).toEqual(['gemeente', 'aanbieder', 'controle']);
  });

  it('asks again once the dialog\'s token has expired, without opening the dialog by itself', async () => {
    let clock = 0;
    const d = deps(fakePca(), { naa: false, dialog: async () => ({ token: 'kort', verloopt: 120_000, claims: { name: 'C', roles: ['Gemeente'] } }) });
    const auth = createAuth(ON, d, () => clock);
    await auth.signIn();
    expect(await auth.token()).toBe('kort');
    clock = 90_000; // within a minute of expiry
    await expect(auth.token()).rejects.toBeInstanceOf(AanmeldenNodig);
    expect(d.dialogSignIn).toHaveBeenCalledTimes(1);
  });

  it('uses the Office dialog when the popup cannot open', async () => {
    const d = deps(fakePca({ popup: () => Promise.reject(msalError('popup_window_error')) }),
      { dialog: async () => ({ token: 'from-dialog', verloopt: inAnHour().getTime(), claims: { name: 'D', roles: ['Gemeente'] } }) });
    const auth = createAuth(ON, d);
    await auth.signIn();
    expect(await auth.token()).toBe('from-dialog');
  });

  it('says in Dutch that sign-in was cancelled or failed, and offers the button again', async () => {
    const cancelled = createAuth(ON, deps(fakePca({ popup: () => Promise.reject(msalError('user_cancelled')) })));
    await expect(cancelled.signIn()).rejects.toThrow('Aanmelden is afgebroken. Klik op Aanmelden om het opnieuw te proberen.');
    expect(cancelled.status()).toBe('nodig');
    const failed = createAuth(ON, deps(fakePca({ popup: () => Promise.reject(msalError('server_error')) })));
    const e = await failed.signIn().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AanmeldFout);
    expect((e as Error).message).toMatch(/^Aanmelden is niet gelukt/);
  });

  it('offers no role to a user without an app role', async () => {
    const claims = { name: 'D' };
    const auth = createAuth(ON, deps(fakePca({ accounts: [account(claims)], silent: async () => result(claims) })));
    await auth.token();
    expect(allowedRoles(auth)).toEqual([]);
  });

  it('serves the redirect bridge and the popup relay as pages that load only their own bundled script', () => {
    // msal-browser 5: the page that receives Entra ID's answer must never load code from a CDN or elsewhere.
    expect([BRUGPAGINA, RELAYPAGINA]).toEqual(['/aanmelden-terug.html', '/aanmelden-venster.html']);
    for (const [html, script] of [[bridgePage, 'aanmelden-terug.js'], [relayPage, 'aanmelden-venster.js']]) {
      expect([...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1])).toEqual([script]);
      expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/); // no inline script either (the CSP forbids it)
    }
  });

  it('sends the token as a bearer token with every API call', async () => {
    const fetcher = vi.fn(async () => new Response(JSON.stringify({ rijen: [], meldingen: [], telling: { ok: 0, onvolledig: 0, overleg: 0, fout: 0 } }), { status: 200 }));
    const api = createApiClient('', 1000, fetcher as unknown as typeof fetch, async () => 'abc');
    await api.validate({ fase: 'aanbieder', rijen: [] });
    const init = (fetcher.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(new Headers(init.headers).get('Authorization')).toBe('Bearer abc');
  });

  it('explains a 401 and a 403 in Dutch', async () => {
    const api = (status: number) => createApiClient('', 1000, (async () => new Response('{}', { status })) as unknown as typeof fetch);
    await expect(api(401).validate({ fase: 'aanbieder', rijen: [] })).rejects.toThrow(/niet \(meer\) aangemeld/);
    await expect(api(403).validate({ fase: 'gemeente', rijen: [] })).rejects.toThrow(/rol/);
  });
});

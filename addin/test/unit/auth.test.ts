import { describe, expect, it, vi } from 'vitest';
import type { IPublicClientApplication } from '@azure/msal-browser';
import { createApiClient } from '../../src/api';
import { AanmeldFout, allowedRoles, createAuth, decode, type AuthConfig, type AuthDeps } from '../../src/auth';

const ON: AuthConfig = { aanmelding: true, clientId: 'client', authority: 'https://login.microsoftonline.com/tenant', scopes: ['api://client/Toewijzingen.Gebruiken'] };

function jwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(o)))).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'none' })}.${b64(claims)}.sig`;
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

/** MSAL mocked at its boundary: a nestable client application whose calls the test scripts. */
function fakePca(silent: () => Promise<unknown>, popup: () => Promise<unknown> = () => Promise.reject(new Error('no popup'))) {
  return {
    acquireTokenSilent: vi.fn(silent),
    acquireTokenPopup: vi.fn(popup),
    getActiveAccount: vi.fn(() => null),
    setActiveAccount: vi.fn(),
  } as unknown as IPublicClientApplication & { acquireTokenSilent: ReturnType<typeof vi.fn>; acquireTokenPopup: ReturnType<typeof vi.fn> };
}

function deps(pca: IPublicClientApplication, naa = true, dialog: AuthDeps['dialogSignIn'] = () => Promise.reject(new Error('no dialog'))): AuthDeps {
  return { naaSupported: () => naa, createNestable: vi.fn(async () => pca), dialogSignIn: vi.fn(dialog) };
}

describe('sign-in', () => {
  it('sends no token and says lokaal when the API has sign-in off', async () => {
    const auth = createAuth({ aanmelding: false, clientId: null, authority: null, scopes: [] }, deps(fakePca(() => Promise.reject())));
    expect(auth.lokaal).toBe(true);
    expect(await auth.token()).toBeNull();
    expect(allowedRoles(auth)).toEqual(['gemeente', 'aanbieder', 'controle']);
  });

  it('gets a token silently through nested app authentication and knows the user and roles', async () => {
    const token = jwt({ name: 'Anna de Vries', roles: ['Gemeente'], exp: inAnHour() });
    const pca = fakePca(async () => ({ accessToken: token, account: { name: 'Anna de Vries' } }));
    const d = deps(pca);
    const auth = createAuth(ON, d);
    expect(await auth.token()).toBe(token);
    expect(auth.gebruiker()).toEqual({ naam: 'Anna de Vries', rollen: ['Gemeente'] });
    expect(d.createNestable).toHaveBeenCalledWith({ auth: { clientId: 'client', authority: ON.authority } });
    expect(pca.acquireTokenSilent).toHaveBeenCalledWith(expect.objectContaining({ scopes: ON.scopes }));
    await auth.token();
    expect(pca.acquireTokenSilent).toHaveBeenCalledTimes(1); // cached until shortly before it expires
  });

  it('falls back to a popup when the silent request fails, and says so in Dutch when that fails too', async () => {
    const token = jwt({ name: 'B', roles: ['Aanbieder'], exp: inAnHour() });
    const auth = createAuth(ON, deps(fakePca(() => Promise.reject(new Error('interaction required')), async () => ({ accessToken: token, account: { name: 'B' } }))));
    expect(await auth.token()).toBe(token);
    expect(allowedRoles(auth)).toEqual(['aanbieder']);
    const failing = createAuth(ON, deps(fakePca(() => Promise.reject(new Error('x')))));
    await expect(failing.token()).rejects.toBeInstanceOf(AanmeldFout);
  });

  it('signs in through an Office dialog where nested app authentication is not supported', async () => {
    const token = jwt({ name: 'C', roles: ['Beheer'], exp: inAnHour() });
    const d = deps(fakePca(() => Promise.reject()), false, async () => token);
    const auth = createAuth(ON, d);
    expect(await auth.token()).toBe(token);
    expect(d.createNestable).not.toHaveBeenCalled();
    expect(allowedRoles(auth)).toEqual(['gemeente', 'aanbieder', 'controle']);
  });

  it('offers no role to a user without an app role', async () => {
    const auth = createAuth(ON, deps(fakePca(async () => ({ accessToken: jwt({ name: 'D', exp: inAnHour() }), account: { name: 'D' } }))));
    await auth.token();
    expect(allowedRoles(auth)).toEqual([]);
  });

  it('reads the claims of a token with non-ASCII names', () => {
    expect(decode(jwt({ name: 'Zoë Bèta' })).name).toBe('Zoë Bèta');
    expect(decode('not a token')).toEqual({});
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

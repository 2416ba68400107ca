// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { AanmeldStatus, Auth, Gebruiker } from '../../src/auth';
import { Aanmelding } from '../../src/ui/Aanmelding';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** An Auth whose status the test sets, recording every interactive sign-in. */
function fakeAuth(start: AanmeldStatus, signIn: () => Promise<void> = async () => undefined) {
  let status = start;
  let user: Gebruiker | null = null;
  const listeners = new Set<() => void>();
  const auth = {
    lokaal: false,
    token: vi.fn(async () => 'x'),
    signIn: vi.fn(async () => {
      await signIn();
      status = 'aangemeld';
      user = { naam: 'Anna de Vries', rollen: ['Gemeente'] };
      for (const l of listeners) l();
    }),
    gebruiker: () => user,
    status: () => status,
    volg: (l: () => void) => { listeners.add(l); return () => listeners.delete(l); },
  } satisfies Auth;
  return { auth, setStatus: (s: AanmeldStatus) => { status = s; for (const l of listeners) l(); } };
}

let root: Root | null = null;
function show(auth: Auth, onAangemeld = vi.fn()) {
  const host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  act(() => root!.render(createElement(FluentProvider, { theme: webLightTheme }, createElement(Aanmelding, { auth, onAangemeld }))));
  return { host, onAangemeld };
}

afterEach(() => { act(() => root?.unmount()); root = null; document.body.innerHTML = ''; });

describe('the Aanmelden button', () => {
  it('appears when silent sign-in failed, and showing it signs nobody in', () => {
    const { auth, setStatus } = fakeAuth('bezig');
    const { host } = show(auth);
    expect(host.querySelector('[data-testid="aanmelden"]')).toBeNull();
    act(() => setStatus('nodig'));
    expect(host.querySelector('[data-testid="aanmelden"]')?.textContent).toBe('Aanmelden');
    expect(auth.signIn).not.toHaveBeenCalled();
  });

  it('signs in only on the click, then shows who is signed in and lets the pane check again', async () => {
    const { auth } = fakeAuth('nodig');
    const { host, onAangemeld } = show(auth);
    await act(async () => (host.querySelector('[data-testid="aanmelden"]') as HTMLButtonElement).click());
    expect(auth.signIn).toHaveBeenCalledTimes(1);
    expect(onAangemeld).toHaveBeenCalledTimes(1);
    expect(host.querySelector('[data-testid="aanmelding"]')?.textContent).toBe('Aangemeld als Anna de Vries · Gemeente');
  });

  it('shows in Dutch why sign-in did not work and keeps the button', async () => {
    const { auth } = fakeAuth('nodig', () => Promise.reject(new Error('Aanmelden is afgebroken. Klik op Aanmelden om het opnieuw te proberen.')));
    const { host, onAangemeld } = show(auth);
    await act(async () => (host.querySelector('[data-testid="aanmelden"]') as HTMLButtonElement).click());
    expect(host.querySelector('[role="alert"]')?.textContent).toBe('Aanmelden is afgebroken. Klik op Aanmelden om het opnieuw te proberen.');
    expect(host.querySelector('[data-testid="aanmelden"]')).not.toBeNull();
    expect(onAangemeld).not.toHaveBeenCalled();
  });
});

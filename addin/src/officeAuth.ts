// The Office side of sign-in: nested app authentication through MSAL, Office's login hint, or MSAL in an Office dialog.
import { createNestablePublicClientApplication } from '@azure/msal-browser';
import type { AuthConfig, AuthDeps, DialoogAntwoord } from './auth';

const naaSupported = () => typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('NestedAppAuth', '1.1') === true;

/** Office's dialog API reports a dialog the user closed with this code. */
const DIALOG_CLOSED = 12006;

export const officeAuthDeps: AuthDeps = {
  naaSupported,
  origin: location.origin,
  // Office.auth.getAuthContext tells who is signed in to Office (NestedAppAuth 1.1); Microsoft's NAA sample passes it
  // to ssoSilent, which Word, Excel and PowerPoint on the web need.
  async loginHint() {
    if (!naaSupported() || typeof Office.auth?.getAuthContext !== 'function') return undefined;
    try {
      const context = await Office.auth.getAuthContext();
      return context.loginHint || context.userPrincipalName || undefined;
    } catch {
      return undefined;
    }
  },
  createNestable: (config) => createNestablePublicClientApplication(config),
  dialogSignIn: (config: AuthConfig) =>
    new Promise<DialoogAntwoord>((resolve, reject) => {
      const url = `${location.origin}/aanmelden.html?scope=${encodeURIComponent(config.scopes.join(' '))}`;
      Office.context.ui.displayDialogAsync(url, { height: 60, width: 30 }, (opened) => {
        if (opened.status !== Office.AsyncResultStatus.Succeeded) { reject(new Error(opened.error.message)); return; }
        const dialog = opened.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
          dialog.close();
          const message = JSON.parse((arg as { message: string }).message) as Partial<DialoogAntwoord> & { fout?: string };
          if (message.token && message.verloopt && message.claims) resolve({ token: message.token, verloopt: message.verloopt, claims: message.claims });
          else reject(new Error(message.fout ?? 'aanmelden mislukt'));
        });
        dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
          const closed = (arg as { error?: number }).error === DIALOG_CLOSED;
          reject(Object.assign(new Error('aanmelden afgebroken'), { errorCode: closed ? 'user_cancelled' : 'dialog_error' }));
        });
      });
    }),
};

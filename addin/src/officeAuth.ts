// The Office side of sign-in: nested app authentication through MSAL, or MSAL in an Office dialog.
import { createNestablePublicClientApplication } from '@azure/msal-browser';
import type { AuthConfig, AuthDeps } from './auth';

export const officeAuthDeps: AuthDeps = {
  naaSupported: () => typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('NestedAppAuth', '1.1') === true,
  createNestable: (config) => createNestablePublicClientApplication(config),
  dialogSignIn: (config: AuthConfig) =>
    new Promise((resolve, reject) => {
      const url = `${location.origin}/aanmelden.html?scope=${encodeURIComponent(config.scopes.join(' '))}`;
      Office.context.ui.displayDialogAsync(url, { height: 60, width: 30 }, (opened) => {
        if (opened.status !== Office.AsyncResultStatus.Succeeded) { reject(new Error(opened.error.message)); return; }
        const dialog = opened.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
          dialog.close();
          const message = JSON.parse((arg as { message: string }).message) as { token?: string; fout?: string };
          if (message.token) resolve(message.token); else reject(new Error(message.fout ?? 'aanmelden afgebroken'));
        });
        dialog.addEventHandler(Office.EventType.DialogEventReceived, () => reject(new Error('aanmelden afgebroken')));
      });
    }),
};

// msal-browser 5's popup relay (auth.popupRelayUri): where MSAL runs in the pane itself (Office on the web), the pane
// is a cross-origin iframe whose storage the browser partitions, so a popup straight to Entra ID could never hand its
// answer back. This top-level page of the same origin opens Microsoft's sign-in window on the user's click, receives
// the answer from the redirect bridge (aanmelden-terug.html) and passes it to the pane, which redeems it itself.
import { runPopupRelay } from '@azure/msal-browser/popup-relay';

const MICROSOFT = 'https://login.microsoftonline.com';

async function authorityOrigin(): Promise<string> {
  try {
    const config = await (await fetch('/config.json')).json() as { authority?: string | null };
    return config.authority ? new URL(config.authority).origin : MICROSOFT;
  } catch {
    return MICROSOFT;
  }
}

const status = document.getElementById('status')!;
const button = document.getElementById('doorgaan') as HTMLButtonElement;
const origin = authorityOrigin();
// The browser lets a page open a window only from a click, hence the button.
button.addEventListener('click', () => void origin.then((allowed) => {
  try {
    runPopupRelay({ allowedAuthorityOrigins: [allowed] });
    button.disabled = true;
    status.textContent = 'Meld u aan in het venster van Microsoft. Dit venster sluit daarna vanzelf.';
  } catch {
    button.hidden = true;
    status.textContent = 'Dit venster hoort bij het aanmelden vanuit het taakvenster. Sluit het en klik in het taakvenster op Aanmelden.';
  }
}));

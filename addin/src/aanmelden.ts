// The sign-in page opened in an Office dialog where nested app authentication is not available:
// standard MSAL with a redirect, then the token goes back to the pane through messageParent.
import { PublicClientApplication } from '@azure/msal-browser';

async function main() {
  const status = document.getElementById('status')!;
  const config = await (await fetch('/config.json')).json() as { clientId: string; authority: string; scopes: string[] };
  const pca = new PublicClientApplication({ auth: { clientId: config.clientId, authority: config.authority, redirectUri: `${location.origin}/aanmelden.html` } });
  await pca.initialize();
  const reply = (message: object) => Office.onReady(() => Office.context.ui.messageParent(JSON.stringify(message)));
  try {
    const redirect = await pca.handleRedirectPromise();
    const account = redirect?.account ?? pca.getAllAccounts()[0];
    if (!account) {
      status.textContent = 'U wordt doorgestuurd om aan te melden…';
      await pca.loginRedirect({ scopes: config.scopes });
      return;
    }
    const result = await pca.acquireTokenSilent({ scopes: config.scopes, account });
    reply({ token: result.accessToken });
  } catch {
    status.textContent = 'Aanmelden is niet gelukt. Sluit dit venster en probeer het opnieuw.';
    reply({ fout: 'aanmelden mislukt' });
  }
}

void main();

// The sign-in page opened in an Office dialog (only after a click on Aanmelden) where nested app authentication is
// not available: standard MSAL with a redirect, then token, expiry and the ID token's name and roles go back to the
// pane through messageParent. Entra ID answers on the redirect bridge page (msal-browser 5), which stores the answer
// and comes back here, where handleRedirectPromise picks it up.
import { createStandardPublicClientApplication, type AuthenticationResult } from '@azure/msal-browser';
import { BRUGPAGINA, type DialoogAntwoord } from './auth';

async function main() {
  const status = document.getElementById('status')!;
  const reply = (message: object) => Office.onReady(() => Office.context.ui.messageParent(JSON.stringify(message)));
  try {
    const config = await (await fetch('/config.json')).json() as { clientId: string; authority: string; scopes: string[] };
    const pca = await createStandardPublicClientApplication({
      auth: { clientId: config.clientId, authority: config.authority, redirectUri: `${location.origin}${BRUGPAGINA}` },
    });
    const redirect = await pca.handleRedirectPromise();
    const account = redirect?.account ?? pca.getAllAccounts()[0];
    if (!account) {
      status.textContent = 'U wordt doorgestuurd om aan te melden…';
      await pca.acquireTokenRedirect({ scopes: config.scopes });
      return;
    }
    const result = redirect ?? await pca.acquireTokenSilent({ scopes: config.scopes, account });
    reply(antwoord(result));
  } catch {
    status.textContent = 'Aanmelden is niet gelukt. Sluit dit venster en probeer het opnieuw.';
    reply({ fout: 'aanmelden mislukt' });
  }
}

function antwoord(result: AuthenticationResult): DialoogAntwoord {
  const claims = { ...(result.account?.idTokenClaims ?? {}), ...(result.idTokenClaims as Record<string, unknown>) };
  return {
    token: result.accessToken,
    verloopt: result.expiresOn?.getTime() ?? Date.now() + 5 * 60_000,
    // Only what the pane shows; the rest of the ID token stays here.
    claims: { name: claims.name ?? result.account?.name, preferred_username: claims.preferred_username, roles: claims.roles },
  };
}

void main();

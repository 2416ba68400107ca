// The redirect bridge of msal-browser 5 (https://learn.microsoft.com/entra/msal/javascript/browser/redirect-bridge):
// the page Entra ID sends its answer to. For a popup or a hidden iframe it hands the answer to the pane over a
// BroadcastChannel; for the dialog's redirect it stores the answer and goes back to aanmelden.html. It calls no other
// MSAL API, loads nothing from elsewhere and is bundled with the pane (never from a CDN).
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

broadcastResponseToMainFrame().catch(() => {
  const status = document.getElementById('status');
  if (status) status.textContent = 'Aanmelden is niet gelukt. Sluit dit venster en probeer het opnieuw vanuit het taakvenster.';
});

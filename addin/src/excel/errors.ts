// What an error of Excel (an OfficeExtension.Error with a code) means for the user, in Dutch with what to do.
// Codes: https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
// and https://learn.microsoft.com/javascript/api/office/officeextension.errorcodes

const MESSAGES: Record<string, string> = {
  InvalidOperationInCellEditMode: 'Excel is nog bezig met het bewerken van een cel. Druk op Enter of klik een andere cel aan; daarna gaat het vanzelf verder.',
  ItemNotFound: 'Het werkblad dat werd gecontroleerd, bestaat niet meer. Kies "Hele werkblad controleren" om het werkblad Toewijzingen opnieuw te laten zoeken.',
  AccessDenied: 'Excel staat niet toe dat de kolommen Status en Meldingen worden bijgewerkt (het werkblad of werkboek is beveiligd). Hef de beveiliging op en kies "Hele werkblad controleren".',
  RequestPayloadSizeLimitExceeded: 'Excel vond de hoeveelheid gegevens in één keer te groot. Kies "Hele werkblad controleren" om het in kleinere delen opnieuw te doen.',
  ResponsePayloadSizeLimitExceeded: 'Excel vond de hoeveelheid gegevens in één keer te groot. Kies "Hele werkblad controleren" om het in kleinere delen opnieuw te doen.',
  ActivityLimitReached: 'Excel heeft even te veel te doen. Wacht een paar seconden en kies "Hele werkblad controleren".',
  Conflict: 'Iemand anders wijzigde het werkblad op hetzelfde moment. Kies "Hele werkblad controleren" om de stand opnieuw te lezen.',
  InsertDeleteConflict: 'Iemand anders wijzigde het werkblad op hetzelfde moment. Kies "Hele werkblad controleren" om de stand opnieuw te lezen.',
  EditModeCannotAuthor: 'Dit werkboek is alleen-lezen geopend. Kies in Excel "Werkmap bewerken" en daarna "Hele werkblad controleren".',
  ApiNotFound: 'Deze versie van Excel kan dit nog niet. Werk Excel bij of gebruik Excel op het web.',
};

/** The error code Office.js gives (OfficeExtension.Error.code), or null for any other error. */
export function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** The Dutch sentence for an error from Excel; one that says to try again for codes without their own. */
export function excelFoutTekst(error: unknown): string {
  const code = codeOf(error);
  if (code && MESSAGES[code]) return MESSAGES[code];
  return 'Excel kon de opdracht niet uitvoeren. Uw gegevens zijn niet gewijzigd. Probeer het opnieuw of kies "Hele werkblad controleren".';
}

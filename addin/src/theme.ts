// Light or dark, as Office shows itself: Office.context.officeTheme gives the body colours of the current theme
// (https://learn.microsoft.com/office/dev/add-ins/design/use-office-ui-fabric-react#office-theme), so a dark
// theme (Black, Dark Grey) is told by the brightness of its background. Outside Office: the browser's preference.

/** Whether a background colour (#rrggbb or #rgb) is dark: relative luminance below the middle. */
export function isDarkColour(colour: string | undefined | null): boolean {
  const hex = (colour ?? '').trim().replace(/^#/, '');
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) return false;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.18;
}

/** Dark when Office's theme is dark, or (no Office) when the browser prefers dark. */
export function prefersDark(officeTheme: { bodyBackgroundColor?: string } | null | undefined, media?: (query: string) => boolean): boolean {
  if (officeTheme?.bodyBackgroundColor) return isDarkColour(officeTheme.bodyBackgroundColor);
  return media?.('(prefers-color-scheme: dark)') ?? false;
}

import { describe, expect, it } from 'vitest';
import { isDarkColour, prefersDark } from '../../src/theme';

describe('the pane follows the Office theme', () => {
  it('reads the dark themes (Black, Dark Grey) as dark and Colourful and White as light', () => {
    expect(isDarkColour('#262626')).toBe(true); // Black
    expect(isDarkColour('#444444')).toBe(true); // Dark Grey
    expect(isDarkColour('#E6E6E6')).toBe(false); // Colourful
    expect(isDarkColour('#ffffff')).toBe(false); // White
    expect(isDarkColour('#000')).toBe(true);
    expect(isDarkColour('geen kleur')).toBe(false);
  });

  it('takes Office first and the browser preference only outside Office', () => {
    expect(prefersDark({ bodyBackgroundColor: '#262626' }, () => false)).toBe(true);
    expect(prefersDark({ bodyBackgroundColor: '#ffffff' }, () => true)).toBe(false);
    expect(prefersDark(null, (q) => q === '(prefers-color-scheme: dark)')).toBe(true);
    expect(prefersDark(undefined)).toBe(false);
  });

  it('in Excel on the web, where Office gives no theme, follows the browser preference', () => {
    expect(prefersDark(undefined, (q) => q === '(prefers-color-scheme: dark)')).toBe(true);
    expect(prefersDark({}, (q) => q === '(prefers-color-scheme: dark)')).toBe(true);
  });
});

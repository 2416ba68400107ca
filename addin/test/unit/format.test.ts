import { describe, expect, it } from 'vitest';
import { columnLetter, columnOfHeader, COLUMNS, headerText, layoutOf, missingHeaders } from '../../src/format';

describe('the format layout', () => {
  it('finds a column by its Dutch header or key, ignoring case and surrounding spaces', () => {
    expect(columnOfHeader('  bsn JEUGDIGE ')?.key).toBe('bsn');
    expect(columnOfHeader('productcode2023')?.key).toBe('productcode2023');
    expect(columnOfHeader('Budget 2023 (euro)')?.key).toBe('budget2023');
    expect(columnOfHeader('Iets anders')).toBeUndefined();
    expect(columnOfHeader(12)).toBeUndefined();
  });

  it('maps the headers of a sheet to column positions wherever they stand', () => {
    const layout = layoutOf(['Status', null, 'BSN jeugdige', 'Meldingen', 'bsn']);
    expect(layout.byKey.get('bsn')).toBe(2);
    expect(layout.status).toBe(0);
    expect(layout.meldingen).toBe(3);
    expect(layout.width).toBe(5);
  });

  it('names the blue and yellow headers a sheet lacks', () => {
    const all = layoutOf(COLUMNS.map((c) => headerText(c, { oud: '2026', nieuw: '2027' })));
    expect(missingHeaders(all)).toEqual([]);
    const some = layoutOf(COLUMNS.filter((c) => c.key !== 'bsn' && c.key !== 'status').map((c) => headerText(c, { oud: '2026', nieuw: '2027' })));
    expect(missingHeaders(some)).toEqual(['BSN jeugdige']);
  });

  it('writes column letters as Excel does', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('headers in any region\'s contract years', () => {
  it('reads the years off the header row and names missing headers in those years', () => {
    const layout = layoutOf(['Productcode 2026', 'Productcode 2027', 'BSN jeugdige']);
    expect(layout.years).toEqual({ oud: '2026', nieuw: '2027' });
    expect(layout.byKey.get('productcode2022')).toBe(0);
    expect(layout.byKey.get('productcode2023')).toBe(1);
    expect(missingHeaders(layout)).toContain('Volume 2027');
    expect(missingHeaders(layout).join(' ')).not.toMatch(/2022|2023/);
  });

  it('takes the next year as the new contract when a back-office export names only the old one', () => {
    const layout = layoutOf(['BSN jeugdige', 'Productcode 2026']);
    expect(layout.years).toEqual({ oud: '2026', nieuw: '2027' });
    expect(missingHeaders(layout)).toContain('Productcode 2027');
  });

  it('still reads an IJsselland sheet', () => {
    expect(columnOfHeader('Budget 2023 (euro)')?.key).toBe('budget2023');
    expect(columnOfHeader('productcategorie 2022 ')?.key).toBe('productcategorie2022');
  });
});

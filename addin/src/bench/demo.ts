// The bench's workbook: the format's headers and the demo export of running toewijzingen.
import demoCsv from '../../../api/Voorbeelden/lopende-toewijzingen.csv';
import { COLUMNS, type CellValue, columnOfHeader, headerText, layoutOf } from '../format';

export function demoGrid(csv: string = demoCsv): CellValue[][] {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const years = layoutOf(lines[0].split(';')).years;
  const headers = lines[0].split(';').map((h) => columnOfHeader(h, years)?.key);
  const rows = lines.slice(1).map((line) => {
    const fields = line.split(';');
    return COLUMNS.map((c) => {
      const i = headers.indexOf(c.key);
      return i < 0 || fields[i] === '' ? null : fields[i];
    });
  });
  return [COLUMNS.map((c) => headerText(c, years)), ...rows];
}

/** What typing a value into a cell gives, as Excel would store it: plain numbers become numbers. */
export function typedValue(text: string): CellValue {
  const t = text.trim();
  if (t === '') return null;
  return /^-?\d+(\.\d+)?$/.test(t) && !/^0\d/.test(t) ? Number(t) : t;
}

/** A block pasted from a spreadsheet: tab-separated cells, one line per row. */
export function pastedBlock(text: string): CellValue[][] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l.split('\t').map(typedValue));
}

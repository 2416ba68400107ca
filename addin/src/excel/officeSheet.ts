// The one module that touches Excel. Every operation is one Excel.run with as few context.sync() calls
// as it can: reads load whole blocks, writes queue every range and sync once.
import { STATUS_STYLE, type CellValue } from '../format';
import { type CellWrite, parseAddress, runsOf } from '../rows';
import type { SheetChange, SheetGateway, Snapshot, StatusColumns } from './sheet';

export const FORMAT_SHEET = 'Toewijzingen';
export const SEAL_SHEET = 'Verzegeling';
export const OVERVIEW_SHEET = 'Voortgang';

/** ExcelApi 1.7 brings worksheet.onChanged, which live validation needs; 1.6 conditional formats. */
export const REQUIRED_EXCEL_API = '1.7';


type ExcelNamespace = typeof Excel;

export function createOfficeSheet(excel: ExcelNamespace, settings: Office.Settings,
  supports: (version: string) => boolean = () => false): SheetGateway {
  let sheetName: string | null = null;
  let formattedColumn: number | null = null;

  /** The format's sheet by name, else the active sheet; found once (one sync), then remembered.
   * readAll looks again each time, so a workbook that gains a Toewijzingen tab is followed. */
  async function sheetOf(ctx: Excel.RequestContext): Promise<Excel.Worksheet> {
    if (sheetName) return ctx.workbook.worksheets.getItem(sheetName);
    const named = ctx.workbook.worksheets.getItemOrNullObject(FORMAT_SHEET);
    const active = ctx.workbook.worksheets.getActiveWorksheet();
    named.load('name');
    active.load('name');
    await ctx.sync();
    sheetName = named.isNullObject ? active.name : named.name;
    return named.isNullObject ? active : named;
  }

  function cells(values: unknown[][]): CellValue[][] {
    return values.map((row) => row.map((v) => (v === '' || v === undefined ? null : (v as CellValue))));
  }

  return {
    host: 'excel',
    canInsertSheets: supports('1.13'),
    canOpenWorkbook: supports('1.8'),

    async writeCells(cellsToWrite) {
      await excel.run(async (ctx) => {
        const sheet = await sheetOf(ctx);
        for (const c of cellsToWrite) sheet.getRangeByIndexes(c.row - 1, c.column, 1, 1).values = [[c.value]];
        await ctx.sync();
      });
    },

    workbookFile: () => wholeFile(),

    async addOverview(koppen, rijen, chartColumns) {
      return excel.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load('items/name');
        await ctx.sync();
        const taken = new Set(sheets.items.map((w) => w.name.toLowerCase()));
        let name = OVERVIEW_SHEET;
        for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${OVERVIEW_SHEET} (${n})`;
        const sheet = sheets.add(name);
        const all = sheet.getRangeByIndexes(0, 0, rijen.length + 1, koppen.length);
        const formats = koppen.map((_, c) => (rijen.some((r) => typeof r[c] === 'number') ? '0' : '@')); // codes such as 0193 stay text
        all.numberFormat = Array.from({ length: rijen.length + 1 }, () => formats);
        all.values = [[...koppen], ...rijen.map((r) => r.map((v) => v ?? ''))];
        sheet.getRangeByIndexes(0, 0, 1, koppen.length).format.font.bold = true;
        if (rijen.length > 0) {
          // Office.js charts: insertWorksheetsFromBase64 leaves charts behind, so the chart is made here.
          const chart = sheet.charts.add(excel.ChartType.barStacked, sheet.getRangeByIndexes(0, 0, rijen.length + 1, chartColumns), excel.ChartSeriesBy.columns);
          chart.title.text = 'Rijen per status bij de laatste controle';
          chart.setPosition(sheet.getRangeByIndexes(rijen.length + 2, 0, 1, 1), sheet.getRangeByIndexes(rijen.length + 2 + Math.max(15, rijen.length + 4), 6, 1, 1));
        }
        all.format.autofitColumns();
        sheet.activate();
        await ctx.sync();
        return name;
      });
    },

    async readActive(): Promise<Snapshot> {
      return excel.run(async (ctx) => {
        const used = ctx.workbook.worksheets.getActiveWorksheet().getUsedRangeOrNullObject(true);
        used.load(['values', 'rowIndex', 'columnIndex']);
        await ctx.sync();
        return used.isNullObject ? { headers: [], rows: [] } : anchored(cells(used.values), used.rowIndex, used.columnIndex);
      });
    },

    async insertSheets(base64: string) {
      await excel.run(async (ctx) => {
        ctx.workbook.insertWorksheetsFromBase64(base64, { positionType: excel.WorksheetPositionType.end });
        await ctx.sync();
      });
    },

    async openWorkbook(base64: string) {
      await excel.createWorkbook(base64);
    },

    async readAll(): Promise<Snapshot> {
      sheetName = null;
      return excel.run(async (ctx) => {
        const used = (await sheetOf(ctx)).getUsedRangeOrNullObject(true);
        used.load(['values', 'rowIndex', 'columnIndex']);
        // The seal comes along in the same sync: the controle role passes it to the API.
        const sealSheet = ctx.workbook.worksheets.getItemOrNullObject(SEAL_SHEET);
        sealSheet.load('name');
        const sealRange = sealSheet.getUsedRangeOrNullObject(true);
        sealRange.load('values');
        await ctx.sync();
        const seal = sealSheet.isNullObject || sealRange.isNullObject
          ? null
          : sealRange.values.map((r) => String(r[0] ?? '')).filter((l) => l.trim() !== '').join('\n');
        if (used.isNullObject) return { headers: [], rows: [], seal };
        return { ...anchored(cells(used.values), used.rowIndex, used.columnIndex), seal };
      });
    },

    async readRows(first, last, width) {
      return excel.run(async (ctx) => {
        const range = (await sheetOf(ctx)).getRangeByIndexes(first - 1, 0, last - first + 1, Math.max(1, width));
        range.load('values');
        await ctx.sync();
        return cells(range.values);
      });
    },

    async writeResults(writes: readonly CellWrite[], columns: StatusColumns) {
      await excel.run(async (ctx) => {
        const sheet = await sheetOf(ctx);
        for (const run of runsOf(writes)) {
          const first = run[0].row - 1;
          sheet.getRangeByIndexes(first, columns.status, run.length, 1).values = run.map((w) => [w.status]);
          sheet.getRangeByIndexes(first, columns.meldingen, run.length, 1).values = run.map((w) => [w.meldingen]);
        }
        if (formattedColumn !== columns.status) {
          addStatusFormats(excel, sheet.getRangeByIndexes(1, columns.status, 1_048_575, 1));
          formattedColumn = columns.status;
        }
        await ctx.sync();
      });
    },

    async select(row, column) {
      await excel.run(async (ctx) => {
        const sheet = await sheetOf(ctx);
        sheet.activate();
        sheet.getRangeByIndexes(row - 1, column, 1, 1).select();
        await ctx.sync();
      });
    },

    async onChange(listener) {
      const handler = async (event: Excel.WorksheetChangedEventArgs) => {
        // Our own writes (Status and Meldingen) are filtered by column in the session; where Excel says
        // the change came from this add-in (ExcelApi 1.14), it is dropped here already.
        if ((event as { triggerSource?: string }).triggerSource === 'ThisLocalAddin') return;
        listener(changeOf(event));
      };
      const registration = await excel.run(async (ctx) => {
        const sheet = await sheetOf(ctx);
        const result = sheet.onChanged.add(handler);
        await ctx.sync();
        return result;
      });
      return () => void excel.run(registration.context, async (ctx) => {
        registration.remove();
        await ctx.sync();
      });
    },

    getSetting(key) {
      const value = settings.get(key);
      return typeof value === 'string' ? value : null;
    },

    setSetting(key, value) {
      settings.set(key, value);
      return new Promise((resolve) => settings.saveAsync(() => resolve()));
    },
  };
}

/** The open workbook as an .xlsx file, read in slices through the Office document API. */
function wholeFile(): Promise<Blob | null> {
  return new Promise((resolve, reject) => {
    Office.context.document.getFileAsync(Office.FileType.Compressed, { sliceSize: 4 * 1024 * 1024 }, (opened) => {
      if (opened.status !== Office.AsyncResultStatus.Succeeded) { reject(new Error('Excel gaf het werkboek niet vrij. Sla het op en probeer het opnieuw.')); return; }
      const file = opened.value;
      const parts: Uint8Array[] = [];
      const next = (index: number) => file.getSliceAsync(index, (slice) => {
        if (slice.status !== Office.AsyncResultStatus.Succeeded) { file.closeAsync(); reject(new Error('Het werkboek kon niet worden gelezen.')); return; }
        parts.push(new Uint8Array(slice.value.data as number[]));
        if (index + 1 < file.sliceCount) next(index + 1);
        else { file.closeAsync(); resolve(new Blob(parts as BlobPart[], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })); }
      });
      next(0);
    });
  });
}

/** A used range anchored at A1, so row and column numbers are the sheet's own wherever the used range starts. */
function anchored(grid: CellValue[][], top: number, left: number): Snapshot {
  const full: CellValue[][] = [];
  for (let r = 0; r < top; r++) full.push([]);
  for (const row of grid) full.push([...new Array(left).fill(null), ...row]);
  const width = Math.max(0, ...full.map((r) => r.length));
  const rows = full.map((r) => [...r, ...new Array(width - r.length).fill(null)]);
  return { headers: rows[0] ?? [], rows: rows.slice(1) };
}

/** What an onChanged event says in the gateway's terms. Inserted or deleted rows mean: read everything again. */
export function changeOf(event: { address: string; changeType: string }): SheetChange {
  if (event.changeType !== 'RangeEdited') return { kind: 'structure' };
  const areas = parseAddress(event.address);
  return areas ? { kind: 'cells', areas } : { kind: 'structure' };
}

/** Conditional formats driven by the Status column, so the sheet speaks for itself without the add-in. */
function addStatusFormats(excel: ExcelNamespace, statusColumn: Excel.Range): void {
  statusColumn.conditionalFormats.clearAll();
  for (const [status, style] of Object.entries(STATUS_STYLE)) {
    const format = statusColumn.conditionalFormats.add(excel.ConditionalFormatType.containsText);
    format.textComparison.format.fill.color = style.fill;
    format.textComparison.format.font.color = style.font;
    format.textComparison.rule = { operator: excel.ConditionalTextOperator.beginsWith, text: status };
  }
}

// The one module that touches Excel. What real Excel does and the code below respects (each modelled in the unit
// tests' fake, test/unit/fakeExcel.ts, with its source):
// - Excel on the web fails a sync whose request or response is over 5 MB, so large sheets are read and written in
//   chunks that stay under about 3.5 MB (https://learn.microsoft.com/office/dev/add-ins/excel/performance).
// - While the user types in a cell a batch fails unless Excel.run had delayForCellEdit; every run here has it
//   (https://learn.microsoft.com/javascript/api/excel/excel.runoptions).
// - A worksheet keeps its id when renamed; the followed sheet is held by id, its handlers belong to it
//   (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-id-member).
// - insertWorksheetsFromBase64 renames on a clash and returns the new sheets' ids, so the inserted Toewijzingen is
//   found among those ids, never by getItem(name).
// - A text starting with "=", "+" or "-" written through values becomes a formula unless the cell is text ("@").
// - A sort raises onRowSorted (ExcelApi 1.10), not onChanged; change events carry source (Local/Remote) and, from
//   ExcelApi 1.14, triggerSource (ThisLocalAddin for our own writes).
import { STATUS_STYLE, type CellValue } from '../format';
import { type CellWrite, parseAddress, runsOf } from '../rows';
import { codeOf } from './errors';
import { Geannuleerd, type Progress, type SheetChange, type SheetGateway, type Snapshot, type StatusColumns } from './sheet';

export const FORMAT_SHEET = 'Toewijzingen';
export const SEAL_SHEET = 'Verzegeling';
export const OVERVIEW_SHEET = 'Voortgang';

/** ExcelApi 1.7 brings worksheet.onChanged, which live validation needs; 1.6 conditional formats. */
export const REQUIRED_EXCEL_API = '1.7';

/** Bytes of JSON one sync may carry here: under Excel on the web's 5 MB, with room for the request's own framing. */
export const SYNC_BUDGET = 3_500_000;

type ExcelNamespace = typeof Excel;
type Registration = { context: OfficeExtension.ClientRequestContext; remove: () => void };

/** A sheet name Excel may give an inserted Toewijzingen ("Toewijzingen", "Toewijzingen (2)"). */
const FORMAT_NAME = /^\s*toewijzingen(\s*\(\d+\))?\s*$/i;

export function createOfficeSheet(excel: ExcelNamespace, settings: Office.Settings,
  supports: (version: string) => boolean = () => false): SheetGateway {
  let sheetId: string | null = null;
  let formattedColumn: number | null = null;
  let listener: ((change: SheetChange) => void) | null = null;
  let registrations: Registration[] = [];

  /** Every batch waits while the user is typing in a cell instead of failing. */
  const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => excel.run({ delayForCellEdit: true }, batch);

  /** The followed sheet by its id; found (and followed) first when there is none yet. */
  async function followed(context: Excel.RequestContext): Promise<Excel.Worksheet> {
    if (sheetId) return context.workbook.worksheets.getItem(sheetId);
    return find(context);
  }

  /** "Toewijzingen" when the workbook has one, else the active sheet; from now on followed by its id. */
  async function find(context: Excel.RequestContext): Promise<Excel.Worksheet> {
    const named = context.workbook.worksheets.getItemOrNullObject(FORMAT_SHEET);
    const active = context.workbook.worksheets.getActiveWorksheet();
    named.load('id');
    active.load('id');
    await context.sync();
    const id = named.isNullObject ? active.id : named.id;
    follow(context, id);
    return context.workbook.worksheets.getItem(id);
  }

  /** Follows another sheet: the change handlers move to it (queued: the caller's next sync adds them).
   *  Says whether it moved from one sheet to another. */
  function follow(context: Excel.RequestContext, id: string): boolean {
    if (id === sheetId) return false;
    const moved = sheetId !== null;
    sheetId = id;
    formattedColumn = null;
    if (listener) {
      detach();
      attach(context.workbook.worksheets.getItem(id));
    }
    return moved;
  }

  function attach(sheet: Excel.Worksheet): void {
    const id = sheetId;
    const onChanged = async (event: Excel.WorksheetChangedEventArgs) => {
      // Our own writes are dropped where Excel marks them (ExcelApi 1.14); elsewhere the session sees that the cells
      // already say what it wrote. A handler of a sheet no longer followed says nothing.
      if ((event as { triggerSource?: string }).triggerSource === 'ThisLocalAddin' || id !== sheetId) return;
      listener?.(changeOf(event));
    };
    registrations.push(sheet.onChanged.add(onChanged));
    if (supports('1.10')) {
      const onSorted = async (event: Excel.WorksheetRowSortedEventArgs) => {
        if (id === sheetId) listener?.({ kind: 'structure', source: sourceOf(event) });
      };
      registrations.push(sheet.onRowSorted.add(onSorted));
    }
  }

  function detach(): void {
    const old = registrations;
    registrations = [];
    if (old.length === 0) return;
    // Handlers added together share their context: one batch removes them all.
    void excel.run(old[0].context, async (context) => {
      for (const r of old) r.remove();
      await context.sync();
    }).catch(() => undefined); // the sheet may be gone; its handlers went with it
  }

  return {
    host: 'excel',
    canInsertSheets: supports('1.13'),
    canOpenWorkbook: supports('1.8'),

    async writeCells(cellsToWrite) {
      await run(async (context) => {
        const sheet = await followed(context);
        for (const c of cellsToWrite) {
          const cell = sheet.getRangeByIndexes(c.row - 1, c.column, 1, 1);
          cell.numberFormat = [['@']]; // a mark that starts with "-" or "+" stays text, not a formula
          cell.values = [[c.value]];
        }
        await context.sync();
      });
    },

    workbookFile: () => wholeFile(),

    async addOverview(koppen, rijen, chartColumns) {
      return run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name');
        await context.sync();
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
        await context.sync();
        return name;
      });
    },

    async readActive(): Promise<Snapshot> {
      return run(async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        const size = sizeOf(sheet);
        await context.sync();
        const [grid] = await readBlocks(context, [{ sheet, size, widest: Infinity }]);
        return grid ? { headers: grid[0] ?? [], rows: grid.slice(1) } : { headers: [], rows: [] };
      });
    },

    async insertSheets(base64: string) {
      await run(async (context) => {
        const ids = context.workbook.insertWorksheetsFromBase64(base64, { positionType: excel.WorksheetPositionType.end });
        await context.sync();
        const inserted = ids.value.map((id) => context.workbook.worksheets.getItem(id).load('id, name'));
        await context.sync();
        const format = inserted.find((s) => FORMAT_NAME.test(s.name));
        if (format && follow(context, format.id)) {
          await context.sync();
          listener?.({ kind: 'sheet' });
        }
      });
    },

    async openWorkbook(base64: string) {
      await excel.createWorkbook(base64);
    },

    async readAll(progress?: Progress): Promise<Snapshot> {
      return run(async (context) => {
        // One sync learns the followed sheet's size and the seal's (the controle role passes the seal to the API)...
        const sheets = context.workbook.worksheets;
        const known = sheetId ? sheets.getItemOrNullObject(sheetId) : null;
        const named = known ? null : sheets.getItemOrNullObject(FORMAT_SHEET);
        const active = known ? null : sheets.getActiveWorksheet();
        for (const s of [known, named, active]) s?.load('id');
        const sizes = [known, named, active].map((s) => (s ? sizeOf(s) : null));
        const sealSheet = sheets.getItemOrNullObject(SEAL_SHEET);
        const sealSize = sizeOf(sealSheet);
        await context.sync();
        let sheet: Excel.Worksheet;
        let size: Excel.Range;
        if (known && !known.isNullObject) [sheet, size] = [known, sizes[0]!];
        else if (known) { // the followed sheet was deleted: find the format's sheet again
          sheet = await find(context);
          size = sizeOf(sheet);
          await context.sync();
        } else {
          [sheet, size] = named!.isNullObject ? [active!, sizes[2]!] : [named!, sizes[1]!];
          follow(context, sheet.id);
        }
        // ...then the cells come in chunks that keep each sync small.
        const [grid, sealGrid] = await readBlocks(context, [
          { sheet, size, widest: Infinity },
          { sheet: sealSheet, size: sealSize, widest: 1 },
        ], progress);
        const seal = sealGrid === null
          ? null
          : sealGrid.map((r) => String(r[0] ?? '')).filter((l) => l.trim() !== '').join('\n');
        if (grid === null) return { headers: [], rows: [], seal };
        return { headers: grid[0] ?? [], rows: grid.slice(1), seal };
      });
    },

    async readRows(first, last, width) {
      return run(async (context) => {
        const [grid] = await readBlocks(context, [{ sheet: await followed(context), top: first - 1, height: last - first + 1, width: Math.max(1, width) }]);
        return grid ?? [];
      });
    },

    async writeResults(writes: readonly CellWrite[], columns: StatusColumns, progress?: Progress) {
      await run(async (context) => {
        const sheet = await followed(context);
        let done = 0;
        // Chunks of parts (consecutive rows, two ranges each) that fit a sync; a chunk Excel still refuses as too large
        // is halved and sent again: the refused request was not carried out, so nothing is written twice.
        const queue = chunksOf(writes, SYNC_BUDGET);
        while (queue.length > 0) {
          const chunk = queue.shift()!;
          for (const part of chunk) {
            const first = part[0].row - 1;
            sheet.getRangeByIndexes(first, columns.status, part.length, 1).values = part.map((w) => [w.status]);
            sheet.getRangeByIndexes(first, columns.meldingen, part.length, 1).values = part.map((w) => [w.meldingen]);
          }
          const formats = queue.length === 0 && formattedColumn !== columns.status;
          if (formats) addStatusFormats(excel, sheet.getRangeByIndexes(1, columns.status, 1_048_575, 1)); // with the last chunk
          try {
            // One sync per chunk is the point: each stays under Excel on the web's 5 MB.
            // eslint-disable-next-line office-addins/no-context-sync-in-loop
            await context.sync();
          } catch (e) {
            const halves = codeOf(e) === 'RequestPayloadSizeLimitExceeded' ? halve(chunk) : null;
            if (!halves) throw e;
            queue.unshift(...halves);
            continue;
          }
          if (formats) formattedColumn = columns.status;
          done += chunk.reduce((n, part) => n + part.length, 0);
          progress?.report?.(done, writes.length);
        }
        if (formattedColumn !== columns.status) { // nothing to write, but the formats are due
          addStatusFormats(excel, sheet.getRangeByIndexes(1, columns.status, 1_048_575, 1));
          await context.sync();
          formattedColumn = columns.status;
        }
        progress?.report?.(writes.length, writes.length);
      });
    },

    async select(row, column) {
      await run(async (context) => {
        const sheet = await followed(context);
        sheet.activate();
        sheet.getRangeByIndexes(row - 1, column, 1, 1).select();
        await context.sync();
      });
    },

    async onChange(next) {
      listener = next;
      await run(async (context) => {
        const sheet = await followed(context);
        if (registrations.length === 0) attach(sheet); // (find() attached already when it had to look)
        await context.sync();
      });
      return () => {
        listener = null;
        detach();
      };
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

/** The used range's position and size (no values), loaded at the caller's next sync. */
function sizeOf(sheet: Excel.Worksheet): Excel.Range {
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
  return used;
}

/** Rows top..top+height-1 of a sheet, columns 0..width-1; or, given the used range's size, the cells from A1 to its
 *  bottom right (so row and column numbers are the sheet's own), at most `widest` columns. */
type Block = { sheet: Excel.Worksheet; top: number; height: number; width: number } | { sheet: Excel.Worksheet; size: Excel.Range; widest: number };

/**
 * Reads blocks of cells in chunks of rows, several blocks' chunks in one sync where they fit, keeping each response
 * under the budget: a first chunk's size is a guess from the width, the next from what the rows so far weighed; a sync
 * Excel still finds too large is tried again with half as many rows. A block from an empty or absent sheet is null.
 * Progress counts the first block's data rows (row 1 holds the headers) and stops between chunks when cancelled.
 */
async function readBlocks(context: Excel.RequestContext, blocks: Block[], progress?: Progress): Promise<(CellValue[][] | null)[]> {
  const plans = blocks.map((b) => {
    if ('top' in b) return { sheet: b.sheet, top: b.top, height: b.height, width: b.width };
    if (b.size.isNullObject) return null;
    return { sheet: b.sheet, top: 0, height: b.size.rowIndex + b.size.rowCount, width: Math.min(b.widest, b.size.columnIndex + b.size.columnCount) };
  });
  const grids = plans.map((p) => (p ? [] as CellValue[][] : null));
  const weight = plans.map((p) => (p ? p.width * 24 : 0)); // bytes a row, guessed until rows come in
  let shrink = 1;
  const headerRows = plans[0]?.top === 0 ? 1 : 0;
  const report = () => {
    const first = plans[0];
    if (first) progress?.report?.(Math.max(0, grids[0]!.length - headerRows), Math.max(0, first.height - headerRows));
  };
  for (;;) {
    if (progress?.signal?.aborted) throw new Geannuleerd();
    let budget = SYNC_BUDGET / shrink;
    const asked: { index: number; range: Excel.Range; rows: number }[] = [];
    plans.forEach((p, index) => {
      if (!p || budget <= 0) return;
      const done = grids[index]!.length;
      const rows = Math.min(p.height - done, Math.max(1, Math.floor(budget / weight[index])));
      if (rows <= 0) return;
      const range = p.sheet.getRangeByIndexes(p.top + done, 0, rows, p.width);
      range.load('values');
      asked.push({ index, range, rows });
      budget -= rows * weight[index];
    });
    if (asked.length === 0) break;
    try {
      // One sync per chunk is the point: each stays under Excel on the web's 5 MB.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      if (codeOf(e) === 'ResponsePayloadSizeLimitExceeded' && asked.some((a) => a.rows > 1)) { shrink *= 2; continue; }
      throw e;
    }
    shrink = 1;
    for (const { index, range } of asked) {
      const grid = grids[index]!;
      let bytes = 0;
      for (const row of range.values) {
        grid.push(row.map((v) => (v === '' || v === undefined ? null : (v as CellValue))));
        bytes += rowBytes(row);
      }
      weight[index] = Math.max(weight[index] * 0.5, bytes / range.values.length, 1);
    }
    report();
  }
  return grids;
}

/** The JSON size of a row of values, as near as matters (text in UTF-8 may take up to three bytes a character). */
function rowBytes(row: readonly unknown[]): number {
  let n = 2;
  for (const v of row) n += (typeof v === 'string' ? v.length * 1.2 + 3 : 12);
  return n;
}

function writeBytes(w: CellWrite): number {
  return rowBytes([w.status]) + rowBytes([w.meldingen]);
}

/** What a range costs in a request besides its values: the object path, the getRangeByIndexes call and the property set
 * (measured from Office.js's request JSON at a few hundred bytes). Scattered rows make many ranges. */
export const RANGE_OVERHEAD = 400;

type Chunk = CellWrite[][];

/** Writes in chunks of parts (runs of consecutive rows) of at most about budget request bytes each; a part longer than a
 * chunk is cut, so every chunk holds at least one row. */
export function chunksOf(writes: readonly CellWrite[], budget: number): Chunk[] {
  const chunks: Chunk[] = [];
  let chunk: Chunk = [];
  let bytes = 0;
  for (const run of runsOf(writes)) {
    let part: CellWrite[] = [];
    for (const w of run) {
      const cost = writeBytes(w) + (part.length === 0 ? 2 * RANGE_OVERHEAD : 0);
      if (bytes + cost > budget && bytes > 0) {
        // This row starts the next chunk, and a new part (two new ranges) in it.
        if (part.length > 0) chunk.push(part);
        chunks.push(chunk);
        [chunk, part, bytes] = [[], [], writeBytes(w) + 2 * RANGE_OVERHEAD];
      } else {
        bytes += cost;
      }
      part.push(w);
    }
    if (part.length > 0) chunk.push(part);
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** A refused chunk in two, or null when it is a single row (which no halving makes smaller). */
function halve(chunk: Chunk): Chunk[] | null {
  const rows = chunk.flat();
  if (rows.length <= 1) return null;
  const middle = Math.ceil(rows.length / 2);
  return [runsOf(rows.slice(0, middle)), runsOf(rows.slice(middle))];
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

function sourceOf(event: { source?: string }): 'local' | 'remote' {
  return event.source === 'Remote' ? 'remote' : 'local';
}

/** What an onChanged event says in the gateway's terms. Inserted or deleted rows mean: read everything again. */
export function changeOf(event: { address: string; changeType: string; source?: string }): SheetChange {
  const source = sourceOf(event);
  if (event.changeType !== 'RangeEdited') return { kind: 'structure', source };
  const areas = parseAddress(event.address);
  return areas ? { kind: 'cells', areas, source } : { kind: 'structure', source };
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

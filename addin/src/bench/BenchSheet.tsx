import { makeStyles, tokens } from '@fluentui/react-components';
import { type ClipboardEvent, type KeyboardEvent, memo, useEffect, useReducer, useRef, useState } from 'react';
import { COLUMNS, type CellValue, columnLetter, headerText } from '../format';
import type { MemorySheet } from '../excel/memorySheet';
import { pastedBlock, typedValue } from './demo';

const EMPTY_ROWS = new Map<number, readonly CellValue[]>();

function emptyRow(width: number): readonly CellValue[] {
  if (!EMPTY_ROWS.has(width)) EMPTY_ROWS.set(width, new Array(width).fill(null));
  return EMPTY_ROWS.get(width)!;
}

const WIDE: Record<string, number> = { aanbiederNaam: 170, naam: 150, opmerkingAanbieder: 180, meldingen: 420 };

function columnWidth(c: number): number {
  return WIDE[COLUMNS[c]?.key ?? ''] ?? 120;
}

function tableWidth(width: number): number {
  let total = 44;
  for (let c = 0; c < width; c++) total += columnWidth(c);
  return total;
}

const SPARE_ROWS = 20;
const ROW_HEIGHT = 24;
// Rows drawn beyond the visible ones, above and below: enough for a whole screen of scrolling.
const OVERSCAN = 40;
const HEADER_FILL: Record<string, string> = { blauw: '#DDEBF7', geel: '#FFF2CC', grijs: '#EDEDED', verborgen: '#F5F5F5' };

const useStyles = makeStyles({
  scroller: { overflow: 'auto', height: '100%', outline: 'none', ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  // A fixed layout keeps an edit to one cell from laying out the whole (large) table again.
  table: { borderCollapse: 'collapse', fontSize: '12px', fontFamily: tokens.fontFamilyBase, whiteSpace: 'nowrap', tableLayout: 'fixed' },
  th: { position: 'sticky', top: 0, zIndex: 1, border: '1px solid #C8C6C4', padding: '2px 6px', fontWeight: 600, textAlign: 'left' },
  rowHeader: { backgroundColor: '#F3F2F1', color: '#605E5C', border: '1px solid #C8C6C4', padding: '0 6px', height: `${ROW_HEIGHT}px`, boxSizing: 'border-box', textAlign: 'right', fontWeight: 400 },
  td: { border: '1px solid #E1DFDD', padding: '0 6px', height: `${ROW_HEIGHT}px`, boxSizing: 'border-box', overflow: 'hidden', textOverflow: 'ellipsis', cursor: 'cell' },
  selected: { outline: '2px solid #217346', outlineOffset: '-2px' },
  input: { width: '100%', minWidth: '80px', border: 'none', font: 'inherit', padding: 0, outline: 'none' },
});

/** A small editable sheet over the in-memory workbook: type, paste (Ctrl+V), clear (Delete), undo (Ctrl+Z). */
export function BenchSheet({ sheet }: { sheet: MemorySheet }) {
  const s = useStyles();
  const [, redraw] = useReducer((x: number) => x + 1, 0);
  const [sel, setSel] = useState({ row: 2, column: 0 });
  const [editing, setEditing] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const lastSelected = useRef(sheet.selected);
  const [view, setView] = useState({ top: 0, height: 800 });

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight });
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const resize = new ResizeObserver(measure);
    resize.observe(el);
    return () => { el.removeEventListener('scroll', measure); resize.disconnect(); };
  }, []);

  useEffect(() => sheet.subscribe(() => {
    if (sheet.selected && sheet.selected !== lastSelected.current) {
      lastSelected.current = sheet.selected;
      setSel(sheet.selected);
      setEditing(null);
      scroller.current?.focus();
      const el = scroller.current;
      if (el) el.scrollTop = Math.max(0, (sheet.selected.row - 2) * ROW_HEIGHT - el.clientHeight / 2);
      // The chosen cell itself (not whichever was selected before React draws the new selection) into view.
      const { row, column } = sheet.selected;
      requestAnimationFrame(() => scroller.current?.querySelector(`[data-cell="${row}:${column}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
    }
    redraw();
  }), [sheet]);

  const move = (dr: number, dc: number) =>
    setSel((p) => {
      const next = { row: Math.max(2, p.row + dr), column: Math.min(sheet.width - 1, Math.max(0, p.column + dc)) };
      const el = scroller.current;
      if (el) {
        const y = (next.row - 2) * ROW_HEIGHT;
        if (y < el.scrollTop) el.scrollTop = y;
        else if (y + 2 * ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = y + 2 * ROW_HEIGHT - el.clientHeight;
      }
      return next;
    });

  const commit = (text: string, dr: number, dc: number) => {
    setEditing(null);
    if (text !== display(sheet.cell(sel.row, sel.column))) sheet.edit(sel.row, sel.column, [[typedValue(text)]]);
    move(dr, dc);
    scroller.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (editing !== null) return;
    const keys: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Enter: [1, 0], Tab: [0, e.shiftKey ? -1 : 1] };
    if (keys[e.key]) { e.preventDefault(); move(...keys[e.key]); }
    else if (e.key === 'Delete' || e.key === 'Backspace') { e.preventDefault(); sheet.clear(sel.row, sel.column); }
    else if (e.key === 'F2') { e.preventDefault(); setEditing(display(sheet.cell(sel.row, sel.column))); }
    else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') { e.preventDefault(); sheet.undo(); }
    else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); setEditing(e.key); }
  };

  const onPaste = (e: ClipboardEvent) => {
    if (editing !== null) return;
    e.preventDefault();
    sheet.edit(sel.row, sel.column, pastedBlock(e.clipboardData.getData('text/plain')));
  };

  const rows = sheet.rows;
  // Like a spreadsheet, there is always room below the data to type or paste into.
  const total = rows.length - 1 + SPARE_ROWS;
  const cellsOf = (index: number) => (index < rows.length - 1 ? rows[index + 1] : emptyRow(sheet.width));
  // Only the rows near the visible part are drawn, so a 2,000-row sheet redraws as fast as a small one.
  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN);
  const drawn = Array.from({ length: Math.max(0, last - first) }, (_, k) => first + k);
  return (
    <div ref={scroller} className={s.scroller} tabIndex={0} role="grid" aria-label="Werkblad Toewijzingen (proefomgeving)"
      aria-rowcount={total + 1} onKeyDown={onKeyDown} onPaste={onPaste} data-testid="werkblad">
      <table className={s.table} style={{ width: tableWidth(sheet.width) }}>
        <colgroup>
          <col style={{ width: 44 }} />
          {Array.from({ length: sheet.width }, (_, c) => <col key={c} style={{ width: columnWidth(c) }} />)}
        </colgroup>
        <thead>
          <tr>
            <th className={s.th} style={{ backgroundColor: '#F3F2F1' }} aria-label="Rijnummer" />
            {(rows[0] ?? []).map((h, c) => (
              <th key={c} className={s.th} style={{ backgroundColor: HEADER_FILL[COLUMNS[c]?.colour ?? 'grijs'] }} title={columnLetter(c)}>{display(h)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {first > 0 ? <tr aria-hidden style={{ height: first * ROW_HEIGHT }} /> : null}
          {drawn.map((i) => (
            <SheetRow key={i + 2} row={i + 2} cells={cellsOf(i)} classes={s} selectedColumn={sel.row === i + 2 ? sel.column : -1}
              editing={sel.row === i + 2 ? editing : null}
              onPick={(column) => { setEditing(null); setSel({ row: i + 2, column }); }}
              onEdit={(column) => { setSel({ row: i + 2, column }); setEditing(display(cellsOf(i)[column])); }}
              onCommit={commit} onCancel={() => { setEditing(null); scroller.current?.focus(); }} />
          ))}
          {last < total ? <tr aria-hidden style={{ height: (total - last) * ROW_HEIGHT }} /> : null}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps {
  row: number;
  cells: readonly CellValue[];
  classes: ReturnType<typeof useStyles>;
  selectedColumn: number;
  editing: string | null;
  onPick: (column: number) => void;
  onEdit: (column: number) => void;
  onCommit: (text: string, dr: number, dc: number) => void;
  onCancel: () => void;
}

// Rows are immutable in the memory sheet, so a row redraws only when its cells, selection or editor change.
const SheetRow = memo(function SheetRow({ row, cells, classes: s, selectedColumn, editing, onPick, onEdit, onCommit, onCancel }: RowProps) {
  return (
    <tr style={{ height: ROW_HEIGHT }}>
      <th className={s.rowHeader} scope="row">{row}</th>
      {cells.map((v, c) => {
        const selected = c === selectedColumn;
        return (
          <td key={c} role="gridcell" data-cell={`${row}:${c}`} data-selected={selected} className={selected ? `${s.td} ${s.selected}` : s.td}
            aria-label={`${COLUMNS[c] ? headerText(COLUMNS[c]) : columnLetter(c)} rij ${row}`} aria-selected={selected}
            onMouseDown={() => onPick(c)} onDoubleClick={() => onEdit(c)}>
            {selected && editing !== null ? (
              <input className={s.input} autoFocus defaultValue={editing} aria-label={`Waarde ${COLUMNS[c] ? headerText(COLUMNS[c]) : ''} rij ${row}`}
                onKeyDown={(e) => {
                  const input = e.currentTarget;
                  const finish = (act: () => void) => { e.preventDefault(); input.dataset.done = '1'; act(); };
                  if (e.key === 'Enter') finish(() => onCommit(input.value, 1, 0));
                  else if (e.key === 'Tab') finish(() => onCommit(input.value, 0, e.shiftKey ? -1 : 1));
                  else if (e.key === 'Escape') finish(onCancel);
                }}
                onBlur={(e) => { if (!e.currentTarget.dataset.done) onCommit(e.currentTarget.value, 0, 0); }} />
            ) : display(v)}
          </td>
        );
      })}
    </tr>
  );
}, (a, b) => a.cells === b.cells && a.selectedColumn === b.selectedColumn && a.editing === b.editing && a.row === b.row);

function display(v: CellValue): string {
  return v === null || v === undefined ? '' : String(v);
}

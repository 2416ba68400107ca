import { makeStyles, tokens } from '@fluentui/react-components';
import { type ClipboardEvent, type KeyboardEvent, memo, useEffect, useReducer, useRef, useState } from 'react';
import { COLUMNS, type CellValue, columnLetter } from '../format';
import type { MemorySheet } from '../excel/memorySheet';
import { pastedBlock, typedValue } from './demo';

const SPARE_ROWS = 20;
const EMPTY_ROWS = new Map<number, readonly CellValue[]>();

function emptyRow(width: number): readonly CellValue[] {
  if (!EMPTY_ROWS.has(width)) EMPTY_ROWS.set(width, new Array(width).fill(null));
  return EMPTY_ROWS.get(width)!;
}

const HEADER_FILL: Record<string, string> = { blauw: '#DDEBF7', geel: '#FFF2CC', grijs: '#EDEDED', verborgen: '#F5F5F5' };

const useStyles = makeStyles({
  scroller: { overflow: 'auto', height: '100%', outline: 'none', ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  table: { borderCollapse: 'collapse', fontSize: '12px', fontFamily: tokens.fontFamilyBase, whiteSpace: 'nowrap' },
  th: { position: 'sticky', top: 0, zIndex: 1, border: '1px solid #C8C6C4', padding: '2px 6px', fontWeight: 600, textAlign: 'left' },
  rowHeader: { backgroundColor: '#F3F2F1', color: '#605E5C', border: '1px solid #C8C6C4', padding: '2px 6px', textAlign: 'right' },
  td: { border: '1px solid #E1DFDD', padding: '2px 6px', height: '20px', maxWidth: '260px', overflow: 'hidden', textOverflow: 'ellipsis', cursor: 'cell' },
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

  useEffect(() => sheet.subscribe(() => {
    if (sheet.selected && sheet.selected !== lastSelected.current) {
      lastSelected.current = sheet.selected;
      setSel(sheet.selected);
      setEditing(null);
      scroller.current?.focus();
      requestAnimationFrame(() => scroller.current?.querySelector('[data-selected="true"]')?.scrollIntoView({ block: 'center', inline: 'nearest' }));
    }
    redraw();
  }), [sheet]);

  const move = (dr: number, dc: number) =>
    setSel((p) => ({ row: Math.max(2, p.row + dr), column: Math.min(sheet.width - 1, Math.max(0, p.column + dc)) }));

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
  const shown = [...rows.slice(1), ...Array.from({ length: SPARE_ROWS }, () => emptyRow(sheet.width))];
  return (
    <div ref={scroller} className={s.scroller} tabIndex={0} role="grid" aria-label="Werkblad Toewijzingen (proefomgeving)"
      aria-rowcount={shown.length + 1} onKeyDown={onKeyDown} onPaste={onPaste} data-testid="werkblad">
      <table className={s.table}>
        <thead>
          <tr>
            <th className={s.th} style={{ backgroundColor: '#F3F2F1' }} aria-label="Rijnummer" />
            {(rows[0] ?? []).map((h, c) => (
              <th key={c} className={s.th} style={{ backgroundColor: HEADER_FILL[COLUMNS[c]?.colour ?? 'grijs'] }} title={columnLetter(c)}>{display(h)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((cells, i) => (
            <SheetRow key={i + 2} row={i + 2} cells={cells} classes={s} selectedColumn={sel.row === i + 2 ? sel.column : -1}
              editing={sel.row === i + 2 ? editing : null}
              onPick={(column) => { setEditing(null); setSel({ row: i + 2, column }); }}
              onEdit={(column) => { setSel({ row: i + 2, column }); setEditing(display(cells[column])); }}
              onCommit={commit} onCancel={() => { setEditing(null); scroller.current?.focus(); }} />
          ))}
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
    <tr>
      <th className={s.rowHeader} scope="row">{row}</th>
      {cells.map((v, c) => {
        const selected = c === selectedColumn;
        return (
          <td key={c} role="gridcell" data-cell={`${row}:${c}`} data-selected={selected} className={selected ? `${s.td} ${s.selected}` : s.td}
            aria-label={`${COLUMNS[c]?.header ?? columnLetter(c)} rij ${row}`} aria-selected={selected}
            onMouseDown={() => onPick(c)} onDoubleClick={() => onEdit(c)}>
            {selected && editing !== null ? (
              <input className={s.input} autoFocus defaultValue={editing} aria-label={`Waarde ${COLUMNS[c]?.header ?? ''} rij ${row}`}
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

import { Button, Caption1, Dropdown, Field, makeStyles, Option, Text, tokens } from '@fluentui/react-components';
import { Checkmark16Regular } from '@fluentui/react-icons';
import { memo, useMemo, useState } from 'react';
import { columnLetter, type Ernst, STATUS_LABEL } from '../format';
import type { Bevinding } from '../session';
import { StatusIcon } from './StatusIcon';

const SHOWN = 300;

const useStyles = makeStyles({
  filters: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: '6px' },
  dropdown: { minWidth: 0, width: '100%' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: {
    width: '100%', textAlign: 'left', border: 'none', background: 'none', cursor: 'pointer', padding: '6px 4px',
    borderRadius: tokens.borderRadiusMedium, color: tokens.colorNeutralForeground1, font: 'inherit',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  where: { display: 'flex', gap: '6px', alignItems: 'center', color: tokens.colorNeutralForeground2 },
});

const ERNST_ORDER: Ernst[] = ['fout', 'overleg', 'onvolledig', 'info'];

export function Findings({ bevindingen, onSelect, onApprove }: {
  bevindingen: Bevinding[]; onSelect: (b: Bevinding) => void; onApprove?: (b: Bevinding) => void;
}) {
  const s = useStyles();
  const [ernst, setErnst] = useState<Ernst | 'alle'>('alle');
  const [code, setCode] = useState<string>('alle');
  const codes = useMemo(() => [...new Set(bevindingen.map((b) => b.melding.code))].sort(), [bevindingen]);
  const visible = useMemo(
    () => bevindingen.filter((b) => (ernst === 'alle' || b.melding.ernst === ernst) && (code === 'alle' || b.melding.code === code)),
    [bevindingen, ernst, code],
  );

  return (
    <section aria-label="Bevindingen">
      <div className={s.filters}>
        <Field label="Ernst">
          <Dropdown className={s.dropdown} value={ernst === 'alle' ? 'Alle' : STATUS_LABEL[ernst]} selectedOptions={[ernst]}
            onOptionSelect={(_, d) => setErnst(d.optionValue as Ernst | 'alle')} aria-label="Filter op ernst">
            <Option value="alle">Alle</Option>
            {ERNST_ORDER.map((e) => <Option key={e} value={e}>{STATUS_LABEL[e]}</Option>)}
          </Dropdown>
        </Field>
        <Field label="Regel">
          <Dropdown className={s.dropdown} value={code === 'alle' ? 'Alle regels' : code} selectedOptions={[code]}
            onOptionSelect={(_, d) => setCode(d.optionValue ?? 'alle')} aria-label="Filter op regel">
            <Option value="alle">Alle regels</Option>
            {codes.map((c) => <Option key={c} value={c}>{c}</Option>)}
          </Dropdown>
        </Field>
      </div>
      <Caption1 role="status">
        {visible.length === 0 ? 'Geen bevindingen.' : `${visible.length} bevinding${visible.length === 1 ? '' : 'en'}${visible.length > SHOWN ? `, de eerste ${SHOWN} getoond` : ''}.`}
      </Caption1>
      <ul className={s.list} data-testid="bevindingen">
        {visible.slice(0, SHOWN).map((b, i) => <FindingItem key={`${b.row}-${b.melding.code}-${b.melding.kolom}-${i}`} b={b} onSelect={onSelect}
          onApprove={onApprove && b.melding.ernst === 'overleg' ? onApprove : undefined} className={s.item} whereClass={s.where} />)}
      </ul>
    </section>
  );
}

const FindingItem = memo(function FindingItem({ b, onSelect, onApprove, className, whereClass }: {
  b: Bevinding; onSelect: (b: Bevinding) => void; onApprove?: (b: Bevinding) => void; className: string; whereClass: string;
}) {
  const cell = b.column === undefined ? `rij ${b.row}` : `${columnLetter(b.column)}${b.row}`;
  return (
    <li>
      <button type="button" className={className} onClick={() => onSelect(b)} data-row={b.row} data-code={b.melding.code}
        title={`Ga naar cel ${cell}`}>
        <span className={whereClass}>
          <StatusIcon status={b.melding.ernst} withLabel />
          <Caption1>Rij {b.row}{b.header ? ` · ${b.header}` : ''}</Caption1>
        </span>
        <Text block size={200}>{b.melding.tekst}</Text>
      </button>
      {onApprove ? (
        <Button size="small" appearance="subtle" icon={<Checkmark16Regular />} onClick={() => onApprove(b)} data-approve-row={b.row}>
          Akkoord geven (rij {b.row})
        </Button>
      ) : null}
    </li>
  );
});

import { Badge, Button, Caption1, Dropdown, Field, makeStyles, Option, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { Checkmark16Regular, ChevronDown16Regular, ChevronRight16Regular } from '@fluentui/react-icons';
import { memo, useMemo, useState } from 'react';
import { columnLetter, type Ernst, STATUS_LABEL } from '../format';
import type { RijMelding } from '../session';
import { ERNST_ORDER, type Groep, groupMeldingen } from './groups';
import { StatusIcon } from './StatusIcon';

/** Rows shown per opened group; the rest are counted. */
const SHOWN = 200;

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: '6px' },
  filters: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: '6px' },
  dropdown: { minWidth: 0, width: '100%' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  rows: { listStyle: 'none', margin: 0, padding: '0 0 4px 20px', display: 'flex', flexDirection: 'column', gap: '2px' },
  group: { width: '100%', justifyContent: 'flex-start', textAlign: 'left', fontWeight: tokens.fontWeightSemibold, minWidth: 0 },
  groupText: { display: 'flex', gap: '6px', alignItems: 'center', minWidth: 0 },
  item: {
    width: '100%', textAlign: 'left', border: 'none', background: 'none', cursor: 'pointer', padding: '6px 4px',
    borderRadius: tokens.borderRadiusMedium, color: tokens.colorNeutralForeground1, font: 'inherit',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  where: { display: 'flex', gap: '6px', alignItems: 'center', flexWrap: 'wrap', color: tokens.colorNeutralForeground2 },
});

export interface MeldingenProps {
  rijMeldingen: RijMelding[];
  /** Dutch rule names by code (from the API); a code shows until they are known. */
  namen: ReadonlyMap<string, string>;
  onSelect: (b: RijMelding) => void;
  /** Offered (controle role) only on rows in `approvable`. */
  onApprove?: (b: RijMelding) => void;
  approvable: ReadonlySet<number>;
  approved: (row: number) => boolean;
}

/** The meldingen grouped by rule, most serious first: one line per group ("50 × Productcode 2023 nog niet ingevuld") that opens to its rows. */
export function Meldingen({ rijMeldingen, namen, onSelect, onApprove, approvable, approved }: MeldingenProps) {
  const s = useStyles();
  const [ernst, setErnst] = useState<Ernst | 'alle'>('alle');
  const [code, setCode] = useState<string>('alle');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const all = useMemo(() => groupMeldingen(rijMeldingen, namen), [rijMeldingen, namen]);
  const codes = useMemo(() => [...new Map(all.map((g) => [g.code, g.naam])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'nl')), [all]);
  const groups = all.filter((g) => (ernst === 'alle' || g.ernst === ernst) && (code === 'alle' || g.code === code));
  const count = groups.reduce((n, g) => n + g.rijMeldingen.length, 0);
  const toggle = (key: string) => setOpen((o) => { const n = new Set(o); if (!n.delete(key)) n.add(key); return n; });

  return (
    <section className={s.section} aria-labelledby="meldingen-kop">
      <Subtitle2 as="h2" id="meldingen-kop">Meldingen</Subtitle2>
      <div className={s.filters}>
        <Field label="Ernst">
          <Dropdown className={s.dropdown} value={ernst === 'alle' ? 'Alle' : STATUS_LABEL[ernst]} selectedOptions={[ernst]}
            onOptionSelect={(_, d) => setErnst(d.optionValue as Ernst | 'alle')} aria-label="Filter op ernst">
            <Option value="alle">Alle</Option>
            {ERNST_ORDER.map((e) => <Option key={e} value={e}>{STATUS_LABEL[e]}</Option>)}
          </Dropdown>
        </Field>
        <Field label="Regel">
          <Dropdown className={s.dropdown} value={code === 'alle' ? 'Alle regels' : namen.get(code) ?? code} selectedOptions={[code]}
            onOptionSelect={(_, d) => setCode(d.optionValue ?? 'alle')} aria-label="Filter op regel">
            <Option value="alle">Alle regels</Option>
            {codes.map(([c, naam]) => <Option key={c} value={c}>{naam}</Option>)}
          </Dropdown>
        </Field>
      </div>
      <Caption1>
        {count === 0 ? 'Geen meldingen.' : `${count} melding${count === 1 ? '' : 'en'} bij ${groups.length} regel${groups.length === 1 ? '' : 's'}.`}
      </Caption1>
      <ul className={s.list} data-testid="meldingen" aria-label="Meldingen per regel">
        {groups.map((g) => {
          const key = `${g.ernst}|${g.code}`;
          const props = { onSelect, onApprove, approvable, approved, className: s.item, whereClass: s.where };
          // A rule met once needs no fold: its one row stands in the list itself.
          if (g.rijMeldingen.length === 1) return <li key={key}><MeldingItem b={g.rijMeldingen[0]} naam={g.naam} {...props} /></li>;
          const isOpen = open.has(key);
          return (
            <li key={key}>
              <Button appearance="subtle" className={s.group} aria-expanded={isOpen} data-group={g.code} onClick={() => toggle(key)}
                icon={isOpen ? <ChevronDown16Regular /> : <ChevronRight16Regular />}>
                <span className={s.groupText}><StatusIcon status={g.ernst} /><span>{g.rijMeldingen.length} × {g.naam}</span></span>
              </Button>
              {isOpen ? <GroupRows g={g} rowsClass={s.rows} {...props} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

type ItemProps = Pick<MeldingenProps, 'onSelect' | 'onApprove' | 'approvable' | 'approved'> & { className: string; whereClass: string };

function GroupRows({ g, rowsClass, ...props }: ItemProps & { g: Groep; rowsClass: string }) {
  const rest = g.rijMeldingen.length - SHOWN;
  return (
    <ul className={rowsClass} aria-label={g.naam}>
      {g.rijMeldingen.slice(0, SHOWN).map((b, i) => <li key={`${b.row}-${b.melding.kolom}-${i}`}><MeldingItem b={b} {...props} /></li>)}
      {rest > 0 ? <li><Caption1>En nog {rest} rijen. Filter op ernst of verbeter eerst deze rijen.</Caption1></li> : null}
    </ul>
  );
}

const MeldingItem = memo(function MeldingItem({ b, naam, onSelect, onApprove, approvable, approved, className, whereClass }: ItemProps & { b: RijMelding; naam?: string }) {
  const cell = b.column === undefined ? `rij ${b.row}` : `${columnLetter(b.column)}${b.row}`;
  const isApproved = b.melding.ernst === 'overleg' && approved(b.row);
  return (
    <>
      <button type="button" className={className} onClick={() => onSelect(b)} data-row={b.row} data-code={b.melding.code}
        data-approved={isApproved || undefined} title={`Ga naar cel ${cell}`}>
        <span className={whereClass}>
          <StatusIcon status={b.melding.ernst} withLabel={naam === undefined} />
          <Caption1>{naam ? `${naam} · ` : ''}Rij {b.row}{b.header ? ` · ${b.header}` : ''}</Caption1>
          {isApproved ? <Badge appearance="tint" color="success" size="small" icon={<Checkmark16Regular />}>Akkoord gegeven</Badge> : null}
        </span>
        <Text block size={200}>{b.melding.tekst}</Text>
      </button>
      {onApprove && b.melding.ernst === 'overleg' && approvable.has(b.row) && !isApproved ? (
        <Button size="small" appearance="subtle" icon={<Checkmark16Regular />} onClick={() => onApprove(b)} data-approve-row={b.row}>
          Akkoord geven (rij {b.row})
        </Button>
      ) : null}
    </>
  );
});

import { Caption2, makeStyles, tokens } from '@fluentui/react-components';
import { STATUSES, STATUS_LABEL, type Telling } from '../format';
import { StatusIcon } from './StatusIcon';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: '4px' },
  tile: {
    display: 'flex', flexDirection: 'column', alignItems: 'center', padding: '6px 2px', minWidth: 0,
    borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1,
  },
  // Icon above the word, so "Onvolledig" fits a quarter of a 320 px pane.
  label: { maxWidth: '100%', overflowWrap: 'anywhere', textAlign: 'center' },
  number: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
});

/** The counts per status, as a status region: a screen reader announces a new count without the user looking for it. */
export function Counts({ telling }: { telling: Telling | null }) {
  const s = useStyles();
  const summary = telling
    ? STATUSES.map((status) => `${STATUS_LABEL[status]}: ${telling[status]} ${telling[status] === 1 ? 'rij' : 'rijen'}`).join(', ')
    : 'Nog niet gecontroleerd';
  return (
    <div className={s.grid} role="status" aria-live="polite" aria-atomic="true" data-testid="tellingen">
      <span className="visually-hidden">{summary}</span>
      {STATUSES.map((status) => (
        <div key={status} className={s.tile} data-testid={`telling-${status}`} aria-hidden="true">
          <span className={s.number}>{telling ? telling[status] : '–'}</span>
          <Caption2 className={s.label}><StatusIcon status={status} withLabel stacked /></Caption2>
        </div>
      ))}
    </div>
  );
}

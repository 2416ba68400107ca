import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { STATUSES, STATUS_LABEL, type Telling } from '../format';
import { StatusIcon } from './StatusIcon';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: '4px' },
  tile: {
    display: 'flex', flexDirection: 'column', alignItems: 'center', padding: '6px 2px',
    borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground2,
  },
  number: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
});

export function Counts({ telling }: { telling: Telling | null }) {
  const s = useStyles();
  return (
    <div className={s.grid} role="group" aria-label="Aantal rijen per status">
      {STATUSES.map((status) => (
        <div key={status} className={s.tile} data-testid={`telling-${status}`} aria-label={`${STATUS_LABEL[status]}: ${telling?.[status] ?? 0} rijen`}>
          <span className={s.number}>{telling ? telling[status] : '–'}</span>
          <Caption1><StatusIcon status={status} withLabel /></Caption1>
        </div>
      ))}
    </div>
  );
}

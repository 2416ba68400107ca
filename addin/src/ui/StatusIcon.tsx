import { tokens } from '@fluentui/react-components';
import {
  CheckmarkCircle20Filled, ChatWarning20Filled, CircleHalfFill20Regular, DismissCircle20Filled, Info20Filled,
} from '@fluentui/react-icons';
import type { Ernst, Status } from '../format';
import { STATUS_LABEL } from '../format';

const ICONS = {
  fout: { Icon: DismissCircle20Filled, colour: tokens.colorPaletteRedForeground1 },
  overleg: { Icon: ChatWarning20Filled, colour: tokens.colorPaletteMarigoldForeground1 },
  onvolledig: { Icon: CircleHalfFill20Regular, colour: tokens.colorNeutralForeground3 },
  ok: { Icon: CheckmarkCircle20Filled, colour: tokens.colorPaletteGreenForeground1 },
  info: { Icon: Info20Filled, colour: tokens.colorPaletteBlueForeground2 },
};

/** Status as icon and word together: never colour alone. */
export function StatusIcon({ status, withLabel = false, stacked = false }: { status: Status | Ernst; withLabel?: boolean; stacked?: boolean }) {
  const { Icon, colour } = ICONS[status];
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: stacked ? 0 : 4, flexDirection: stacked ? 'column' : 'row' }}>
      <Icon aria-hidden style={{ color: colour, flexShrink: 0 }} />
      {withLabel ? <span>{STATUS_LABEL[status]}</span> : <span className="visually-hidden">{STATUS_LABEL[status]}</span>}
    </span>
  );
}

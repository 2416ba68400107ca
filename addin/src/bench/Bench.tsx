import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { MemorySheet } from '../excel/memorySheet';
import type { LiveValidation } from '../session';
import type { ApiClient } from '../api';
import type { Auth } from '../auth';
import { App } from '../ui/App';
import { BenchSheet } from './BenchSheet';

const useStyles = makeStyles({
  page: { display: 'grid', gridTemplateColumns: '1fr 340px', gridTemplateRows: 'auto minmax(0, 1fr)', height: '100vh', backgroundColor: tokens.colorNeutralBackground3 },
  banner: { gridColumn: '1 / 3', padding: '6px 12px', backgroundColor: '#217346', color: 'white' },
  sheet: { overflow: 'hidden', backgroundColor: 'white' },
  pane: { borderLeft: `1px solid ${tokens.colorNeutralStroke1}`, overflow: 'hidden' },
});

/** The page shown outside Excel: an editable sheet with the demo rows beside the real task pane. */
export function Bench({ sheet, session, api, auth }: { sheet: MemorySheet; session: LiveValidation; api: ApiClient; auth: Auth }) {
  const s = useStyles();
  return (
    <div className={s.page}>
      <div className={s.banner}>
        <Caption1>Proefomgeving zonder Excel: het werkblad hieronder staat alleen in deze browser (voorbeeldgegevens). Typen, plakken (Ctrl+V), wissen (Delete) en ongedaan maken (Ctrl+Z) werken zoals in Excel.</Caption1>
      </div>
      <section className={s.sheet} aria-label="Werkblad"><BenchSheet sheet={sheet} /></section>
      <aside className={s.pane} aria-label="Taakvenster"><App session={session} api={api} sheet={sheet} auth={auth} /></aside>
    </div>
  );
}

import { Link, Redirect } from 'wouter';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { BASE, MODULE_CITIZEN, type TicketView } from '../api';
import { stateLabel } from '../common';

/** My tickets and bookings from yesterday on, newest first. */
export function Mine() {
  const { t } = useLang();
  const f = useFormat();
  const { me } = useSession();
  const list = useApi<TicketView[]>(me ? `${BASE}/tickets/mine` : null);
  if (!me) return <Redirect to={`~/masuk?next=${encodeURIComponent(`${MODULE_CITIZEN}/saya`)}`} replace />;
  return (
    <div className="antrian narrow" data-testid="antrian-mine">
      <Link href="/" className="antrian-back">
        ← {t('antrian.backToUnits')}
      </Link>
      <h1>{t('antrian.mine.title')}</h1>
      {list.loading && !list.data ? <Spinner label={t('antrian.loading')} /> : null}
      {list.error ? <Alert>{list.error}</Alert> : null}
      {list.data?.length === 0 ? <p className="muted">{t('antrian.mine.empty')}</p> : null}
      <ul className="antrian-list">
        {list.data?.map((x) => (
          <li key={x.id} className="antrian-card" data-testid="antrian-mine-row">
            <Link href={`/t/${x.token}`} className="antrian-card-link">
              <span className="antrian-mine-number">{x.number ?? x.bookingCode}</span> {x.service.name}
            </Link>
            <span className="antrian-small">
              {x.unit.name} · {f.day(x.day)}
              {x.slotStart ? ` ${f.time(x.slotStart).slice(0, 5)}` : ''}
            </span>
            <span className={`antrian-pill antrian-pill-${x.status}`}>{stateLabel(x.status)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

import { Link } from 'wouter';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Badge, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { BASE, type UnitView } from '../api';
import { HoursTable } from '../common';

/** Every service unit: open now or closed, people waiting, address. */
export function Units({ title }: { title: string }) {
  const { t } = useLang();
  const { me } = useSession();
  const units = useApi<UnitView[]>(`${BASE}/units`);
  return (
    <div className="antrian narrow" data-testid="antrian-home">
      <h1>{title}</h1>
      <p className="muted">{t('antrian.intro')}</p>
      {me ? (
        <Link href="/saya" className="antrian-menu-item" data-testid="antrian-link-mine">
          {t('antrian.mine.title')}
        </Link>
      ) : null}
      <h2>{t('antrian.units')}</h2>
      {units.loading && !units.data ? <Spinner label={t('antrian.loading')} /> : null}
      {units.error ? <Alert>{units.error}</Alert> : null}
      {units.data?.length === 0 ? <p className="muted">{t('antrian.noUnits')}</p> : null}
      <ul className="antrian-list">
        {units.data?.map((u) => (
          <li key={u.code} className="antrian-card" data-testid="antrian-unit" data-code={u.code}>
            <Link href={`/unit/${u.code}`} className="antrian-card-link">
              {u.name}
            </Link>
            <UnitStatus unit={u} />
            {u.address ? <span className="muted antrian-small">{u.address}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function UnitStatus({ unit }: { unit: UnitView }) {
  const { t } = useLang();
  return (
    <span className="antrian-status-line">
      <Badge tone={unit.openNow ? 'ok' : 'off'}>
        {unit.openNow ? t('antrian.openNow') : t('antrian.closedNow')}
      </Badge>
      <span>{t('antrian.waitingCount', { count: unit.waiting })}</span>
    </span>
  );
}

/** One unit: its services (each with its standard) and opening hours. */
export function UnitDetail({ code }: { code: string }) {
  const { t } = useLang();
  const f = useFormat();
  const unit = useApi<UnitView>(`${BASE}/units/${encodeURIComponent(code)}`);
  if (unit.loading && !unit.data) return <Spinner label={t('antrian.loading')} />;
  if (!unit.data) return <Alert>{unit.error}</Alert>;
  const u = unit.data;
  return (
    <div className="antrian narrow" data-testid="antrian-unit-detail">
      <Link href="/" className="antrian-back">
        ← {t('antrian.backToUnits')}
      </Link>
      <h1>{u.name}</h1>
      <UnitStatus unit={u} />
      {u.address ? <p className="muted">{u.address}</p> : null}
      <h2>{t('antrian.services')}</h2>
      <ul className="antrian-list">
        {u.services
          .filter((s) => s.active)
          .map((s) => (
            <li key={s.code} className="antrian-card" data-testid="antrian-service" data-code={s.code}>
              <Link href={`/unit/${u.code}/${s.code}`} className="antrian-card-link">
                <span className="antrian-prefix" aria-hidden="true">
                  {s.prefix}
                </span>{' '}
                {s.name}
              </Link>
              <span className="muted antrian-small">
                {t('antrian.std.minutesShort', { time: f.minutes(s.standard.minutes) })} · {s.standard.cost}
              </span>
            </li>
          ))}
      </ul>
      <details className="details">
        <summary>{t('antrian.hours')}</summary>
        <HoursTable hours={u.hours} />
        {u.openOnHolidays ? <p className="antrian-small">{t('antrian.openOnHolidays')}</p> : null}
      </details>
    </div>
  );
}

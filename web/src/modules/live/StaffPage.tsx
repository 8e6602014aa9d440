import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { PlatformUsageView, RegionUsageView } from '../../../../shared/usage';
import { api, apiUrl } from '../../core/api';
import { useLang } from '../../core/i18n';
import { useModuleName } from '../../core/moduleName';
import { useSession } from '../../core/session';
import { Alert, Badge, buttonClass, Card, PageHeader, Spinner } from '../../core/ui';
import { DataTable } from '../../core/ui/admin';
import type { ModulePageProps } from '../registry';
import './strings';
import './live.css';

const PERIODS = [7, 30, 90] as const;

/** A row of small bars: one per day (opens + actions), scaled to the row's busiest day. */
function Spark({ daily }: { daily: RegionUsageView['modules'][number]['daily'] }) {
  const max = Math.max(1, ...daily.map((d) => d.opens + d.actions));
  return (
    <svg
      viewBox={`0 0 ${daily.length} 20`}
      className="usage-spark"
      aria-hidden="true"
      preserveAspectRatio="none"
    >
      {daily.map((d, i) => {
        const h = (20 * (d.opens + d.actions)) / max;
        return <rect key={d.day} x={i + 0.1} y={20 - h} width={0.8} height={h} />;
      })}
    </svg>
  );
}

/** `/staf/m/live`: usage per module of this region; platform admins also see every region. */
export default function StaffPage(_: ModulePageProps) {
  const { t, locale } = useLang();
  const { can } = useSession();
  const name = useModuleName();
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  const [view, setView] = useState<RegionUsageView | null>(null);
  const [platform, setPlatform] = useState<PlatformUsageView | null>(null);
  const [failed, setFailed] = useState(false);
  const isPlatform = can('core:platform.manage');

  useEffect(() => {
    setFailed(false);
    api<RegionUsageView>(`/m/live/usage?days=${days}`)
      .then(setView)
      .catch(() => setFailed(true));
    if (isPlatform)
      api<PlatformUsageView>(`/m/live/platform/usage?days=${days}`)
        .then(setPlatform)
        .catch(() => setFailed(true));
  }, [days, isPlatform]);

  const n = (x: number) => x.toLocaleString(locale);
  return (
    <div className="stack" data-testid="live-usage">
      <PageHeader
        title={t('live-usage.title')}
        subtitle={t('live-usage.subtitle')}
        actions={
          <a className={buttonClass('secondary')} href={apiUrl(`/m/live/usage.csv?days=${days}`)} download>
            {t('live-usage.csv')}
          </a>
        }
      />
      <fieldset className="usage-periods">
        <legend>{t('live-usage.period')}</legend>
        {PERIODS.map((p) => (
          <button
            key={p}
            type="button"
            className={buttonClass(days === p ? 'primary' : 'secondary')}
            aria-pressed={days === p}
            onClick={() => setDays(p)}
            data-testid={`usage-days-${p}`}
          >
            {t('live-usage.days', { n: p })}
          </button>
        ))}
      </fieldset>
      {failed ? <Alert>{t('live-usage.loadFailed')}</Alert> : null}
      {!view ? (
        <Spinner label={t('common.loading')} />
      ) : (
        <Card>
          <p className="muted" data-testid="usage-threshold">
            {t('live-usage.threshold', { n: view.threshold })}{' '}
            {can('core:modules.manage') ? (
              <Link href="/staf/layanan">{t('live-usage.changeThreshold')}</Link>
            ) : null}
          </p>
          <DataTable
            rows={view.modules}
            rowKey={(m) => m.module}
            rowTestId="usage-row"
            rowProps={(m) => ({ 'data-module': m.module, 'data-under-used': String(m.underUsed) })}
            caption={t('live-usage.title')}
            columns={[
              { header: t('live-usage.module'), cell: (m) => <strong>{name(m.module)}</strong> },
              {
                header: t('live-usage.status'),
                cell: (m) =>
                  !m.enabled ? (
                    <Badge tone="off">{t('live-usage.off')}</Badge>
                  ) : m.underUsed ? (
                    <Badge tone="warn">{t('live-usage.underUsed')}</Badge>
                  ) : (
                    <Badge tone="ok">{t('live-usage.inUse')}</Badge>
                  ),
              },
              { header: t('live-usage.opens'), cell: (m) => n(m.opens), className: 'num' },
              { header: t('live-usage.actions'), cell: (m) => n(m.actions), className: 'num' },
              { header: t('live-usage.trend'), cell: (m) => <Spark daily={m.daily} /> },
            ]}
          />
        </Card>
      )}
      {isPlatform && platform ? (
        <Card>
          <div className="page-header">
            <div>
              <h2>{t('live-usage.platformTitle')}</h2>
              <p className="muted">{t('live-usage.platformSubtitle')}</p>
            </div>
            <a
              className={buttonClass('secondary')}
              href={apiUrl(`/m/live/platform/usage.csv?days=${days}`)}
              download
            >
              {t('live-usage.csv')}
            </a>
          </div>
          <DataTable
            rows={platform.regions}
            rowKey={(r) => r.id}
            rowTestId="usage-region"
            caption={t('live-usage.platformTitle')}
            columns={[
              { header: t('live-usage.region'), cell: (r) => <strong>{r.name}</strong> },
              {
                header: t('live-usage.adopted'),
                cell: (r) =>
                  r.modules
                    .filter((m) => m.enabled)
                    .map((m) => `${name(m.module)} (${n(m.opens + m.actions)})`)
                    .join(' · ') || '–',
              },
              {
                header: t('live-usage.total'),
                cell: (r) => `${n(r.opens)} / ${n(r.actions)}`,
                className: 'num',
              },
            ]}
          />
        </Card>
      ) : null}
    </div>
  );
}

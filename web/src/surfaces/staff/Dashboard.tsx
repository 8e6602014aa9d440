import { Link } from 'wouter';
import { roleLabels } from '../../../../shared/roles';
import { useLang } from '../../core/i18n';
import { useRegion } from '../../core/region';
import { useSession } from '../../core/session';
import { Alert, Card, Icon, PageHeader } from '../../core/ui';
import { useStaffNav } from './StaffApp';

export function Dashboard() {
  const { t, pick } = useLang();
  const region = useRegion();
  const { me } = useSession();
  const nav = useStaffNav().filter((i) => i.key !== 'dashboard');
  if (!me) return null;
  return (
    <div data-testid="staff-dashboard">
      <PageHeader
        title={t('staff.nav.dashboard')}
        subtitle={t('staff.dashboard.welcome', { name: me.user.name })}
      />
      {!me.user.totpEnabled ? (
        <Alert kind="warning" data-testid="totp-recommend">
          {t('staff.dashboard.totpRecommend')} <Link href="/staf/keamanan">{t('staff.nav.security')}</Link>
        </Alert>
      ) : null}
      <div className="card-grid">
        <Card title={t('staff.dashboard.region')}>
          <dl className="details">
            <div>
              <dt>{t('staff.region.name')}</dt>
              <dd>{region.name}</dd>
            </div>
            <div>
              <dt>{t('staff.dashboard.code')}</dt>
              <dd className="mono">{region.code}</dd>
            </div>
            <div>
              <dt>{t('staff.region.timeZone')}</dt>
              <dd>{region.timeZone}</dd>
            </div>
          </dl>
        </Card>
        <Card title={t('staff.dashboard.activeServices', { count: region.modules.length })}>
          <ul className="chip-list">
            {region.modules.map((m) => (
              <li key={m.id} className="chip">
                {pick(m.name)}
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t('staff.dashboard.yourRoles')}>
          <ul className="chip-list">
            {me.user.roles.map((r) => (
              <li key={`${r.role}-${r.opdId ?? ''}`} className="chip">
                {pick(roleLabels[r.role])}
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <h2 className="section-title">{t('staff.dashboard.shortcuts')}</h2>
      <ul className="shortcut-grid">
        {nav.map((item) => (
          <li key={item.key}>
            <Link href={item.href} className="shortcut">
              <Icon name={item.icon} />
              <span>
                <strong>{item.label}</strong>
                {item.description ? <span className="muted">{item.description}</span> : null}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

import './strings';
import './harga-pangan.css';
import { Link, Route, Switch, useLocation } from 'wouter';
import { useLang } from '../../core/i18n';
import { NestUnder } from '../../core/NestUnder';
import { useSession } from '../../core/session';
import { Alert, buttonClass, PageHeader } from '../../core/ui';
import type { ModulePageProps } from '../registry';
import { Alerts } from './staff/Alerts';
import { Entry } from './staff/Entry';
import { Import } from './staff/Import';
import { Manage } from './staff/Manage';
import { Verify } from './staff/Verify';

const MODULE_PATH = '/staf/m/harga-pangan';

/** Harga Pangan in the staff console: each tab shows only to those holding its permission. */
export default function StaffPage({ title }: ModulePageProps) {
  const { t } = useLang();
  const { can } = useSession();
  const [location] = useLocation();
  const tabs = [
    { path: '/', label: t('hargaPangan.staff.tabEntry'), allowed: can('harga-pangan:enter'), id: 'entry' },
    {
      path: '/verifikasi',
      label: t('hargaPangan.staff.tabVerify'),
      allowed: can('harga-pangan:verify'),
      id: 'verify',
    },
    {
      path: '/impor',
      label: t('hargaPangan.staff.tabImport'),
      allowed: can('harga-pangan:verify'),
      id: 'import',
    },
    {
      path: '/peringatan',
      label: t('hargaPangan.staff.tabAlerts'),
      allowed: can('harga-pangan:alerts'),
      id: 'alerts',
    },
  ].filter((x) => x.allowed);
  const routes = (
    <div className="hp" data-testid="hp-staff">
      <PageHeader title={title} subtitle={t('hargaPangan.staff.subtitle')} />
      <nav className="hp-tabs" aria-label={title}>
        {tabs.map((x) => (
          <Link
            key={x.id}
            href={x.path}
            className={buttonClass(location === x.path ? 'primary' : 'secondary')}
            aria-current={location === x.path ? 'page' : undefined}
            data-testid={`hp-tab-${x.id}`}
          >
            {x.label}
          </Link>
        ))}
      </nav>
      <Switch>
        <Route path="/">{can('harga-pangan:enter') ? <Entry /> : <Alerts />}</Route>
        <Route path="/verifikasi">{can('harga-pangan:verify') ? <Verify /> : null}</Route>
        <Route path="/impor">{can('harga-pangan:verify') ? <Import /> : null}</Route>
        <Route path="/peringatan">{can('harga-pangan:alerts') ? <Alerts /> : null}</Route>
        <Route path="/kelola">{can('harga-pangan:manage') ? <Manage /> : null}</Route>
        <Route>
          <Alert>{t('notFound.title')}</Alert>
        </Route>
      </Switch>
    </div>
  );
  return <NestUnder path={MODULE_PATH}>{routes}</NestUnder>;
}

import './strings';
import './antrian.css';
import { Link, Route, Switch, useLocation } from 'wouter';
import { useLang } from '../../core/i18n';
import { NestUnder } from '../../core/NestUnder';
import { useSession } from '../../core/session';
import { Alert, buttonClass } from '../../core/ui';
import type { ModulePageProps } from '../registry';
import { MODULE_STAFF } from './api';
import { Desk } from './staff/Desk';
import { Reports } from './staff/Reports';
import { Settings } from './staff/Settings';

/** Antrian in the staff console: the counter desk, the set-up (antrian:manage), the reports (antrian:report). */
export default function StaffPage({ title }: ModulePageProps) {
  const { t } = useLang();
  const { can } = useSession();
  const [location] = useLocation();
  const manage = can('antrian:manage');
  const report = can('antrian:report');
  const tabs = [
    { path: '/', label: t('antrian.tab.desk'), id: 'desk', allowed: true },
    { path: '/pengaturan', label: t('antrian.tab.settings'), id: 'settings', allowed: manage },
    { path: '/laporan', label: t('antrian.tab.reports'), id: 'reports', allowed: report },
  ].filter((x) => x.allowed);
  const inTab = (p: string) => (p === '/' ? location === '/' || location === '' : location.startsWith(p));
  const routes = (
    <div className="antrian antrian-staff" data-testid="antrian-staff">
      <div className="antrian-staff-head">
        <h1>{title}</h1>
        {tabs.length > 1 ? (
          <nav className="antrian-tabs" aria-label={title}>
            {tabs.map((x) => (
              <Link
                key={x.id}
                href={x.path}
                className={buttonClass(inTab(x.path) ? 'primary' : 'secondary')}
                aria-current={inTab(x.path) ? 'page' : undefined}
                data-testid={`antrian-tab-${x.id}`}
              >
                {x.label}
              </Link>
            ))}
          </nav>
        ) : null}
      </div>
      <Switch>
        <Route path="/" component={Desk} />
        <Route path="/pengaturan">{manage ? <Settings /> : <Alert>{t('antrian.noPermission')}</Alert>}</Route>
        <Route path="/laporan">{report ? <Reports /> : <Alert>{t('antrian.noPermission')}</Alert>}</Route>
        <Route>
          <Alert>{t('antrian.notFound')}</Alert>
        </Route>
      </Switch>
    </div>
  );
  return <NestUnder path={MODULE_STAFF}>{routes}</NestUnder>;
}

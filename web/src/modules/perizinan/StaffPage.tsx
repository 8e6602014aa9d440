import './strings';
import './perizinan.css';
import { Link, Route, Switch, useLocation, useSearch } from 'wouter';
import { reviewSteps } from '../../../../shared/modules/perizinan';
import { useLang } from '../../core/i18n';
import { NestUnder } from '../../core/NestUnder';
import { useSession } from '../../core/session';
import { Alert, buttonClass, PageHeader, Spinner } from '../../core/ui';
import type { ModulePageProps } from '../registry';
import type { ReviewStep } from './api';
import { Admin } from './staff/Admin';
import { Detail } from './staff/Detail';
import { Inbox, useMySteps } from './staff/Inbox';

const MODULE_PATH = '/staf/m/perizinan';

/** Perizinan in the staff console: the inbox of each step one is assigned to, and the catalogue. */
export default function StaffPage({ title }: ModulePageProps) {
  const { t } = useLang();
  const { can } = useSession();
  const [location] = useLocation();
  const search = useSearch();
  const steps = useMySteps();
  const manage = can('perizinan:manage');
  const stepParam = new URLSearchParams(search).get('step');
  const step = reviewSteps.includes(stepParam as ReviewStep) ? (stepParam as ReviewStep) : null;
  const tabs = [
    { path: '/', label: t('izin.staff.tabInbox'), id: 'inbox', allowed: true },
    { path: '/katalog', label: t('izin.staff.tabCatalogue'), id: 'catalogue', allowed: manage },
  ].filter((x) => x.allowed);
  const inTab = (p: string) => (p === '/' ? !location.startsWith('/katalog') : location.startsWith(p));
  const routes = (
    <div className="izin izin-staff" data-testid="izin-staff">
      <PageHeader title={title} subtitle={t('izin.staff.subtitle')} />
      {tabs.length > 1 ? (
        <nav className="izin-tabs" aria-label={title}>
          {tabs.map((x) => (
            <Link
              key={x.id}
              href={x.path}
              className={buttonClass(inTab(x.path) ? 'primary' : 'secondary')}
              aria-current={inTab(x.path) ? 'page' : undefined}
              data-testid={`izin-tab-${x.id}`}
            >
              {x.label}
            </Link>
          ))}
        </nav>
      ) : null}
      {steps === null ? <Spinner label={t('izin.loading')} /> : null}
      <Switch>
        <Route path="/">{steps ? <Inbox steps={steps} step={step} /> : null}</Route>
        <Route path="/permohonan/:id">
          {(p) => (steps ? <Detail key={p.id} id={p.id} steps={steps} /> : null)}
        </Route>
        <Route path="/katalog">{manage ? <Admin /> : null}</Route>
        <Route>
          <Alert>{t('notFound.title')}</Alert>
        </Route>
      </Switch>
    </div>
  );
  return <NestUnder path={MODULE_PATH}>{routes}</NestUnder>;
}

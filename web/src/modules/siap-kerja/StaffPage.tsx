import './strings';
import './siap-kerja.css';
import { Link, Route, Switch, useLocation } from 'wouter';
import { useLang } from '../../core/i18n';
import { NestUnder } from '../../core/NestUnder';
import { useSession } from '../../core/session';
import { Alert, buttonClass, PageHeader } from '../../core/ui';
import type { ModulePageProps } from '../registry';
import { Fairs } from './staff/Fairs';
import { Ak1Queue, EmployerQueue, VacancyQueue } from './staff/Queues';
import { Stats } from './staff/Stats';

const MODULE_PATH = '/staf/m/siap-kerja';

/** Siap Kerja in the staff console: Disnaker's queues, job fairs and the labour-market picture. */
export default function StaffPage({ title }: ModulePageProps) {
  const { t } = useLang();
  const { can } = useSession();
  const [location] = useLocation();
  const verify = can('siap-kerja:verify');
  const stats = can('siap-kerja:stats');
  const tabs = [
    { path: '/', label: t('siapKerja.staff.tabAk1'), allowed: verify, id: 'ak1' },
    { path: '/perusahaan', label: t('siapKerja.staff.tabEmployers'), allowed: verify, id: 'employers' },
    { path: '/lowongan', label: t('siapKerja.staff.tabVacancies'), allowed: verify, id: 'vacancies' },
    { path: '/bursa', label: t('siapKerja.staff.tabFairs'), allowed: verify, id: 'fairs' },
    { path: '/statistik', label: t('siapKerja.staff.tabStats'), allowed: stats, id: 'stats' },
  ].filter((x) => x.allowed);
  const routes = (
    <div className="sk sk-staff" data-testid="sk-staff">
      <PageHeader title={title} subtitle={t('siapKerja.staff.subtitle')} />
      <nav className="sk-staff-tabs" aria-label={title}>
        {tabs.map((x) => (
          <Link
            key={x.id}
            href={x.path}
            className={buttonClass(location === x.path ? 'primary' : 'secondary')}
            aria-current={location === x.path ? 'page' : undefined}
            data-testid={`sk-tab-${x.id}`}
          >
            {x.label}
          </Link>
        ))}
      </nav>
      <Switch>
        <Route path="/">{verify ? <Ak1Queue /> : stats ? <Stats /> : null}</Route>
        <Route path="/perusahaan">{verify ? <EmployerQueue /> : null}</Route>
        <Route path="/lowongan">{verify ? <VacancyQueue /> : null}</Route>
        <Route path="/bursa">{verify ? <Fairs /> : null}</Route>
        <Route path="/statistik">{stats ? <Stats /> : null}</Route>
        <Route>
          <Alert>{t('notFound.title')}</Alert>
        </Route>
      </Switch>
    </div>
  );
  return <NestUnder path={MODULE_PATH}>{routes}</NestUnder>;
}

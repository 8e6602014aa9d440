import { lazy, Suspense } from 'react';
import { Link, Route, Switch } from 'wouter';
import { useLang } from '../../core/i18n';
import { useSession } from '../../core/session';
import { Alert, Spinner } from '../../core/ui';
import type { ModulePageProps } from '../registry';
import './darurat.css';
import './strings';
import { NestUnder } from '../../core/NestUnder';

const Board = lazy(() => import('./staff/Board'));
const Responder = lazy(() => import('./staff/Responder'));
const Kpi = lazy(() => import('./staff/Kpi'));

const MODULE_PATH = '/staf/m/darurat';

/**
 * 112 in the staff console, nested under `/staf/m/darurat`: `/` the dispatcher board (call-takers,
 * dispatchers; the police liaison sees police incidents read-only), `/kru` a unit crew's phone
 * view, `/kpi` response-time KPIs and exports.
 */
export default function StaffPage({ title }: ModulePageProps) {
  const { t } = useLang();
  const { can } = useSession();
  const board = can('darurat:intake') || can('darurat:dispatch') || can('darurat:police');
  const tabs = [
    board ? { href: '/', label: t('darurat.staff.tabBoard') } : null,
    can('darurat:respond') ? { href: '/kru', label: t('darurat.staff.tabCrew') } : null,
    can('darurat:kpi') ? { href: '/kpi', label: t('darurat.staff.tabKpi') } : null,
  ].filter((x) => x !== null);
  const routes = (
    <div className="dr-staff" data-testid="darurat-staff">
      {tabs.length > 1 ? (
        <nav className="dr-tabs" aria-label={title}>
          {tabs.map((tab) => (
            <Link key={tab.href} href={tab.href} className={(active) => (active ? 'active' : '')}>
              {tab.label}
            </Link>
          ))}
        </nav>
      ) : null}
      <Suspense fallback={<Spinner label={t('common.loading')} />}>
        <Switch>
          <Route path="/">
            {board ? (
              <Board title={title} />
            ) : can('darurat:respond') ? (
              <Responder />
            ) : (
              <Alert>{t('staff.forbidden')}</Alert>
            )}
          </Route>
          <Route path="/kru" component={Responder} />
          <Route path="/kpi" component={Kpi} />
          <Route>
            <Alert>{t('notFound.title')}</Alert>
          </Route>
        </Switch>
      </Suspense>
    </div>
  );
  return <NestUnder path={MODULE_PATH}>{routes}</NestUnder>;
}

import './strings';
import './eoffice.css';
import { lazy, Suspense } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { useLang } from '../../core/i18n';
import { NestUnder } from '../../core/NestUnder';
import { useSession } from '../../core/session';
import { Alert, buttonClass, PageHeader, Spinner } from '../../core/ui';
import type { ModulePageProps } from '../registry';
import { MODULE_PATH } from './api';
import { useMyPositions } from './common';
import { Detail } from './staff/Detail';
import { Inbox } from './staff/Inbox';

const Compose = lazy(() => import('./staff/Compose'));
const Incoming = lazy(() => import('./staff/Incoming'));
const Archive = lazy(() => import('./staff/Archive'));
const Positions = lazy(() => import('./staff/Positions'));

/**
 * eOffice in the staff console: the inbox of each position one holds, writing a letter (konsep →
 * paraf → tanda tangan), a letter with its review chain and dispositions, registering incoming
 * letters, the archive, and (admins) the positions and their holders.
 */
export default function StaffPage({ title }: ModulePageProps) {
  const { t } = useLang();
  const { can } = useSession();
  const [location] = useLocation();
  const mine = useMyPositions();
  const positions = mine.data;
  // The secretariat of an OPD registers its incoming letters; so may an OPD or region admin.
  const registers =
    (positions ?? []).some((p) => p.registersIncoming) || (can('eoffice:register') && can('eoffice:manage'));
  const archive = can('eoffice:archive');
  const manage = can('eoffice:manage');
  const tabs = [
    { path: '/', label: t('eoffice.tab.inbox'), id: 'inbox', allowed: true },
    { path: '/tulis', label: t('eoffice.tab.compose'), id: 'compose', allowed: (positions ?? []).length > 0 },
    { path: '/surat-masuk', label: t('eoffice.tab.incoming'), id: 'incoming', allowed: registers },
    { path: '/arsip', label: t('eoffice.tab.archive'), id: 'archive', allowed: archive },
    { path: '/jabatan', label: t('eoffice.tab.positions'), id: 'positions', allowed: manage },
  ].filter((x) => x.allowed);
  const inTab = (p: string) =>
    p === '/'
      ? location === '/' || location === '' || location.startsWith('/naskah')
      : location.startsWith(p);
  const wait = <Spinner label={t('eoffice.loading')} />;
  const routes = (
    <div className="eo" data-testid="eo-staff">
      <PageHeader title={title} subtitle={t('eoffice.subtitle')} />
      {tabs.length > 1 ? (
        <nav className="eo-tabs" aria-label={title}>
          {tabs.map((x) => (
            <Link
              key={x.id}
              href={x.path}
              className={buttonClass(inTab(x.path) ? 'primary' : 'secondary')}
              aria-current={inTab(x.path) ? 'page' : undefined}
              data-testid={`eo-tab-${x.id}`}
            >
              {x.label}
            </Link>
          ))}
        </nav>
      ) : null}
      {mine.error ? <Alert>{mine.error}</Alert> : null}
      {!positions && !mine.error ? wait : null}
      {positions ? (
        <Suspense fallback={wait}>
          <Switch>
            <Route path="/">
              <Inbox mine={positions} />
            </Route>
            <Route path="/naskah/:id">
              {(p) => <Detail key={p.id} id={p.id} mine={positions} onChanged={mine.reload} />}
            </Route>
            <Route path="/tulis">
              <Compose mine={positions} />
            </Route>
            <Route path="/surat-masuk">{registers ? <Incoming mine={positions} /> : null}</Route>
            <Route path="/arsip">{archive ? <Archive /> : null}</Route>
            <Route path="/jabatan">{manage ? <Positions /> : null}</Route>
            <Route>
              <Alert>{t('notFound.title')}</Alert>
            </Route>
          </Switch>
        </Suspense>
      ) : null}
    </div>
  );
  return <NestUnder path={MODULE_PATH}>{routes}</NestUnder>;
}

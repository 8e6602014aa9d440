import './strings';
import './info-kota.css';
import { lazy, Suspense } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { useApi } from '../../core/hooks';
import { useLang } from '../../core/i18n';
import { NestUnder } from '../../core/NestUnder';
import { Alert, buttonClass, PageHeader, Spinner } from '../../core/ui';
import type { ModulePageProps } from '../registry';
import { BASE, type DeskMeView } from './api';
import { Queue } from './staff/Queue';

// The editor (Tiptap, ProseMirror) is the heavy part: its own chunk, loaded when an article opens.
const ArticleEditor = lazy(() => import('./staff/ArticleEditor'));
const AnnouncementsDesk = lazy(() => import('./staff/AnnouncementsDesk'));
const AgendaDesk = lazy(() => import('./staff/AgendaDesk'));

const MODULE_PATH = '/staf/m/info-kota';

/** Info Kota's editorial desk in the staff console: queue, editor, announcements and agenda. */
export default function StaffPage({ title }: ModulePageProps) {
  const { t } = useLang();
  const [location] = useLocation();
  const me = useApi<DeskMeView>(`${BASE}/desk/me`);
  const tabs = [
    { path: '/', label: t('infoKota.staff.tabQueue'), id: 'queue' },
    { path: '/tulis', label: t('infoKota.staff.tabNew'), id: 'new' },
    { path: '/pengumuman', label: t('infoKota.staff.tabAnnouncements'), id: 'announcements' },
    { path: '/agenda', label: t('infoKota.staff.tabAgenda'), id: 'agenda' },
  ];
  const desk = me.data;
  const routes = (
    <div className="ik-desk" data-testid="ik-staff">
      <PageHeader title={title} subtitle={t('infoKota.staff.subtitle')} />
      <nav className="ik-desk-tabs" aria-label={title}>
        {tabs.map((x) => {
          const current = x.path === '/' ? location === '/' : location.startsWith(x.path);
          return (
            <Link
              key={x.id}
              href={x.path}
              className={buttonClass(current ? 'primary' : 'secondary')}
              aria-current={current ? 'page' : undefined}
              data-testid={`ik-desk-tab-${x.id}`}
            >
              {x.label}
            </Link>
          );
        })}
      </nav>
      {me.error ? <Alert>{me.error}</Alert> : null}
      {!desk ? (
        me.error ? null : (
          <Spinner label={t('common.loading')} />
        )
      ) : (
        <>
          <p className="muted" data-testid="ik-desk-role">
            {desk.editor ? t('infoKota.staff.roleEditor') : t('infoKota.staff.roleWriter')}
          </p>
          <Suspense fallback={<Spinner label={t('infoKota.editor.loading')} />}>
            <Switch>
              <Route path="/">
                <Queue desk={desk} />
              </Route>
              <Route path="/tulis">
                <ArticleEditor desk={desk} id={null} />
              </Route>
              <Route path="/berita/:id">{(p) => <ArticleEditor key={p.id} desk={desk} id={p.id} />}</Route>
              <Route path="/pengumuman">
                <AnnouncementsDesk desk={desk} />
              </Route>
              <Route path="/agenda">
                <AgendaDesk desk={desk} />
              </Route>
              <Route>
                <Alert>{t('notFound.title')}</Alert>
              </Route>
            </Switch>
          </Suspense>
        </>
      )}
    </div>
  );
  return <NestUnder path={MODULE_PATH}>{routes}</NestUnder>;
}

import './strings';
import './info-kota.css';
import { lazy, Suspense } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { useLang } from '../../core/i18n';
import { NestUnder } from '../../core/NestUnder';
import { Spinner } from '../../core/ui';
import type { ModulePageProps } from '../registry';
import { MODULE_PATH } from './api';
import { Feed } from './citizen/Feed';

const Article = lazy(() => import('./citizen/Article'));
const Announcements = lazy(() => import('./citizen/Announcements'));
const Agenda = lazy(() => import('./citizen/Agenda'));

function Tabs() {
  const { t } = useLang();
  const [location] = useLocation();
  const tabs = [
    { href: '/', label: t('infoKota.tabs.news'), id: 'news' },
    { href: '/pengumuman', label: t('infoKota.tabs.announcements'), id: 'announcements' },
    { href: '/agenda', label: t('infoKota.tabs.agenda'), id: 'agenda' },
  ];
  return (
    <nav className="ik-tabs" aria-label={t('infoKota.tabs.news')}>
      {tabs.map((x) => {
        const current = x.href === '/' ? location === '/' : location.startsWith(x.href);
        return (
          <Link
            key={x.id}
            href={x.href}
            className="ik-tab"
            aria-current={current ? 'page' : undefined}
            data-testid={`ik-tab-${x.id}`}
          >
            {x.label}
          </Link>
        );
      })}
    </nav>
  );
}

/** `/layanan/info-kota/...`: news feed, article pages, announcements in force and the city agenda. */
export default function CitizenPage({ title }: ModulePageProps) {
  const { t } = useLang();
  const routes = (
    <div className="ik" data-testid="ik-citizen">
      <Switch>
        <Route path="/berita/:slug">
          {(p) => (
            <Suspense fallback={<Spinner label={t('common.loading')} />}>
              <Article slug={p.slug} />
            </Suspense>
          )}
        </Route>
        <Route>
          <h1>{title}</h1>
          <Tabs />
          <Suspense fallback={<Spinner label={t('common.loading')} />}>
            <Switch>
              <Route path="/" component={Feed} />
              <Route path="/pengumuman" component={Announcements} />
              <Route path="/agenda" component={Agenda} />
              <Route>
                <p>{t('notFound.title')}</p>
              </Route>
            </Switch>
          </Suspense>
        </Route>
      </Switch>
    </div>
  );
  return <NestUnder path={MODULE_PATH}>{routes}</NestUnder>;
}

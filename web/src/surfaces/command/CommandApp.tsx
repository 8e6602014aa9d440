import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { LiveEventView } from '../../../../shared/live';
import { api, apiUrl } from '../../core/api';
import { LangSwitch } from '../../core/auth/LangSwitch';
import { LoginForm } from '../../core/auth/LoginForm';
import { formatDate, formatTime } from '../../core/format';
import { useNow } from '../../core/hooks';
import { useLang } from '../../core/i18n';
import { useModuleName } from '../../core/moduleName';
import { useRegion, useRegionTimeZone } from '../../core/region';
import { useSession } from '../../core/session';
import { Button, Card, cx, Icon, Spinner } from '../../core/ui';
import { BrandMark, OfflineBanner } from '../citizen/CitizenShell';
import { type StreamStatus, useLiveStream } from './useLiveStream';
import { useWallMap } from './useWallMap';
import { type CommandWidget, mapMarkerNouns, widgetsFor } from './widgets';
import './command.css';

const WallMap = lazy(() => import('./WallMap'));

const MAX_EVENTS = 100;
type FeedItem = LiveEventView & { fresh?: boolean };

/** Feed colour by what happened: new, assigned, late, done, emergency (border + icon, not colour alone). */
function feedKind(ev: LiveEventView): string {
  if (ev.module === 'emergency' || ev.type.includes('.sos')) return 'sos';
  const verb = ev.type.split('.').at(-1) ?? '';
  if (verb === 'created') return 'new';
  if (['disposed', 'rerouted', 'verified', 'started'].includes(verb)) return 'assign';
  if (['overdue', 'escalated'].includes(verb)) return 'late';
  if (['resolved', 'rated'].includes(verb)) return 'done';
  return 'other';
}

/** The map's markers counted per module, each with what it is (never one number of mixed things). */
function MapCount({ items }: { items: readonly { module: string }[] }) {
  const { lang, locale } = useLang();
  const moduleName = useModuleName();
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.module, (counts.get(i.module) ?? 0) + 1);
  const parts = [...counts].map(([module, n]) => {
    const noun = mapMarkerNouns[module];
    const what = !noun ? moduleName(module) : lang === 'en' ? (n === 1 ? noun.enOne : noun.en) : noun.id;
    return { module, text: `${n.toLocaleString(locale)} ${what}` };
  });
  return (
    <span className="wall-map-count" data-testid="wall-map-count" data-total={items.length}>
      {parts.map((p, i) => (
        <span key={p.module} data-testid={`wall-map-count-${p.module}`}>
          {i > 0 ? ' · ' : ''}
          {p.text}
        </span>
      ))}
    </span>
  );
}

const legend: { tone: string; label: { id: string; en: string } }[] = [
  { tone: 'danger', label: { id: 'Darurat / dieskalasi', en: 'Emergency / escalated' } },
  { tone: 'warn', label: { id: 'Menunggu / lewat SLA', en: 'Waiting / past SLA' } },
  { tone: 'info', label: { id: 'Ditangani', en: 'In progress' } },
];

function Clock() {
  const { locale } = useLang();
  const region = useRegion();
  const tz = useRegionTimeZone();
  const now = useNow(1000);
  return (
    <div className="wall-clock" data-testid="live-clock">
      <span className="clock-time">
        <time dateTime={now.toISOString()}>{formatTime(now, locale, tz)}</time>{' '}
        <span className="clock-zone">{region.timeZone}</span>
      </span>
      <span className="clock-date">{formatDate(now, locale, tz)}</span>
    </div>
  );
}

function StatusPill({ status }: { status: StreamStatus }) {
  const { t } = useLang();
  const label =
    status === 'open'
      ? t('live.connected')
      : status === 'connecting'
        ? t('live.connecting')
        : t('live.reconnecting');
  return (
    <output
      className={cx('live-status', `live-status-${status}`)}
      data-testid="live-status"
      data-state={status}
    >
      <span className="live-dot" aria-hidden="true" />
      {label}
    </output>
  );
}

function SignOutButton() {
  const { t } = useLang();
  const { logout } = useSession();
  return (
    <button
      type="button"
      className="header-btn"
      onClick={() => void logout().catch(() => {})}
      data-testid="signout"
    >
      <Icon name="logout" size={20} />
      <span className="collapse-sm">{t('auth.signOut')}</span>
    </button>
  );
}

function Wall() {
  const { t, pick, locale } = useLang();
  const region = useRegion();
  const tz = useRegionTimeZone();
  const { can } = useSession();
  const moduleName = useModuleName();
  const [events, setEvents] = useState<FeedItem[]>([]);

  const add = useCallback((incoming: FeedItem[], prepend: boolean) => {
    setEvents((list) => {
      const seen = new Set(list.map((e) => e.id));
      const fresh = incoming.filter((e) => !seen.has(e.id));
      if (fresh.length === 0) return list;
      return (prepend ? [...fresh, ...list] : [...list, ...fresh]).slice(0, MAX_EVENTS);
    });
  }, []);

  // Backfill the recent past from the audit log when allowed; the stream brings what is new.
  const canAudit = can('core:audit.read');
  useEffect(() => {
    if (!canAudit) return;
    api<{ items: LiveEventView[] }>('/admin/audit?limit=20')
      .then((page) => add(page.items, false))
      .catch(() => {});
  }, [canAudit, add]);

  // The map hook needs the stream's generation and the stream needs the map's apply: a ref joins them.
  const applyToMap = useRef<(ev: LiveEventView) => void>(() => {});
  const { status, generation } = useLiveStream(
    apiUrl('/live/stream'),
    useCallback(
      (ev: LiveEventView) => {
        add([{ ...ev, fresh: true }], true);
        applyToMap.current(ev);
      },
      [add],
    ),
  );
  const wallMap = useWallMap(generation);
  applyToMap.current = wallMap.apply;

  const enabled = useMemo(() => new Set(region.modules.map((m) => m.id)), [region.modules]);
  const widgets = widgetsFor(enabled);
  const headline = widgets.filter((w) => w.placement === 'headline');
  const grid = widgets.filter((w) => (w.placement ?? 'grid') === 'grid');
  const side = widgets.filter((w) => w.placement === 'side');
  const strip = widgets.filter((w) => w.placement === 'strip');
  const render = (w: CommandWidget) => {
    const W = w.component;
    return (
      <Suspense fallback={<Spinner label={t('common.loading')} />}>
        <W region={region} events={events} generation={generation} />
      </Suspense>
    );
  };

  return (
    <div className="wall">
      <a href="#live-feed-title" className="skip-link">
        {t('live.skipToFeed')}
      </a>
      <header className="wall-header">
        <div className="wall-brand">
          <BrandMark logoUrl={region.branding.logoUrl} />
          <div>
            <p className="wall-title" data-testid="region-display-name">
              {region.branding.displayName}
            </p>
            <p className="wall-sub">
              {t('nav.liveRoom')} · {region.name}
            </p>
          </div>
        </div>
        <Clock />
        <nav className="wall-tools" aria-label={t('live.tools')}>
          <StatusPill status={status} />
          <LangSwitch compact className="header-btn" />
          {can('core:staff.access') ? (
            <Link href="/staf" className="header-btn" data-testid="live-to-staff">
              <Icon name="settings" size={20} />
              <span className="collapse-sm">{t('nav.staffConsole')}</span>
            </Link>
          ) : null}
          <SignOutButton />
        </nav>
      </header>
      <OfflineBanner />
      <main id="main" className="wall-main">
        <h1 className="sr-only">
          {t('nav.liveRoom')} — {region.branding.displayName}
        </h1>
        <section className="wall-headline" aria-labelledby="widgets-title">
          <h2 id="widgets-title" className="sr-only">
            {t('live.overview')}
          </h2>
          {headline.length > 0 ? (
            headline.map((w) => (
              <section key={w.id} aria-label={pick(w.title)} data-testid={`live-widget-${w.id}`}>
                {render(w)}
              </section>
            ))
          ) : (
            <div className="kpi-row">
              <div className="kpi">
                <span className="kpi-value" data-testid="live-kpi-events">
                  {events.length}
                </span>
                <span className="kpi-label">{t('live.kpiEvents')}</span>
              </div>
              <div className="kpi">
                <span className="kpi-value">{region.modules.length}</span>
                <span className="kpi-label">{t('live.kpiModules')}</span>
              </div>
            </div>
          )}
        </section>
        {strip.length > 0 && (
          <div className="wall-strip">
            {strip.map((w) => (
              <section
                key={w.id}
                className="widget widget-strip"
                aria-label={pick(w.title)}
                data-testid={`live-widget-${w.id}`}
              >
                <h3 className="widget-title">{pick(w.title)}</h3>
                {render(w)}
              </section>
            ))}
          </div>
        )}
        <section className="wall-map" aria-labelledby="live-map-title">
          <h2 id="live-map-title" className="wall-section-title">
            <Icon name="map" size={24} /> {pick({ id: 'Peta langsung', en: 'Live map' })}
            <MapCount items={wallMap.state.items} />
          </h2>
          <Suspense fallback={<Spinner label={t('common.loading')} />}>
            <WallMap
              state={wallMap.state}
              label={pick({
                id: 'Peta laporan dan kejadian terbuka',
                en: 'Map of open reports and incidents',
              })}
            />
          </Suspense>
          <ul className="wall-legend">
            {legend.map((l) => (
              <li key={l.tone}>
                <i className={`wall-marker tone-${l.tone}`} aria-hidden="true" />
                {pick(l.label)}
              </li>
            ))}
            {Object.entries(mapMarkerNouns)
              .filter(([module, n]) => n.place && wallMap.state.items.some((i) => i.module === module))
              .map(([module, n]) => (
                <li key={module}>
                  <i className="wall-marker tone-warn place" aria-hidden="true" />
                  <span className="capitalize">{pick({ id: n.id, en: n.en })}</span>
                </li>
              ))}
          </ul>
        </section>
        <div className="wall-side">
          {side.map((w) => (
            <section
              key={w.id}
              className="widget widget-side"
              aria-label={pick(w.title)}
              // The panel scrolls inside itself on a wall that fits one screen: reachable by keyboard.
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1)
              tabIndex={0}
              data-testid={`live-widget-${w.id}`}
            >
              <h3 className="widget-title">{pick(w.title)}</h3>
              {render(w)}
            </section>
          ))}
          <section className="wall-feed" aria-labelledby="live-feed-title">
            <h2 id="live-feed-title" className="wall-section-title" tabIndex={-1}>
              <Icon name="pulse" size={24} /> {t('live.feed')}
            </h2>
            {events.length === 0 ? (
              <p className="feed-empty" data-testid="live-feed-empty">
                {t('live.waiting')}
              </p>
            ) : null}
            <ol className="feed" data-testid="live-feed" aria-live="polite" aria-relevant="additions">
              {events.map((ev) => (
                <li
                  key={ev.id}
                  className={cx('feed-item', `kind-${feedKind(ev)}`, ev.fresh && 'fresh')}
                  data-testid="live-event"
                  data-event-id={ev.id}
                  data-type={ev.type}
                >
                  <time className="feed-time" dateTime={ev.at}>
                    {formatTime(ev.at, locale, tz)}
                  </time>
                  <div className="feed-body">
                    <p className="feed-summary" data-testid="live-event-summary">
                      {pick(ev.summary)}
                    </p>
                    <p className="feed-meta">
                      <span className="feed-module">{moduleName(ev.module)}</span>
                      {ev.actor ? <span>{ev.actor.name}</span> : null}
                    </p>
                  </div>
                </li>
              ))}
            </ol>
          </section>
        </div>
        <section className="wall-widgets" aria-label={t('live.overview')}>
          <div className="widget-grid" data-testid="live-widgets">
            {grid.map((w) => (
              <section
                key={w.id}
                className={cx('widget', w.span && `span-${w.span}`)}
                aria-label={pick(w.title)}
                // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1)
                tabIndex={0}
                data-testid={`live-widget-${w.id}`}
              >
                <h3 className="widget-title">{pick(w.title)}</h3>
                {render(w)}
              </section>
            ))}
            {widgets.length === 0 ? (
              <div className="widget widget-empty" data-testid="live-widgets-empty">
                <Icon name="chart" size={40} />
                <p>{t('live.noWidgets')}</p>
              </div>
            ) : null}
          </div>
        </section>
      </main>
    </div>
  );
}

function WallSignIn() {
  const { t } = useLang();
  const region = useRegion();
  const { me } = useSession();
  const [, navigate] = useLocation();
  return (
    <div className="wall wall-auth">
      <header className="wall-header">
        <div className="wall-brand">
          <BrandMark logoUrl={region.branding.logoUrl} />
          <div>
            <p className="wall-title" data-testid="region-display-name">
              {region.branding.displayName}
            </p>
            <p className="wall-sub">{t('nav.liveRoom')}</p>
          </div>
        </div>
        <Clock />
        <nav className="wall-tools" aria-label={t('live.tools')}>
          <LangSwitch compact className="header-btn" />
        </nav>
      </header>
      <main id="main" className="wall-auth-main">
        <Card className="auth-card">
          <h1>{t('live.signInTitle')}</h1>
          {me ? (
            <div className="stack" data-testid="live-no-access">
              <p>{t('live.noAccess', { name: me.user.name })}</p>
              <div className="row wrap">
                <SignOutButton />
                <Button variant="secondary" onClick={() => navigate('/')}>
                  {t('common.backHome')}
                </Button>
              </div>
            </div>
          ) : (
            <>
              <p className="muted">{t('live.signInSubtitle')}</p>
              <LoginForm idPrefix="live-login" />
            </>
          )}
        </Card>
      </main>
    </div>
  );
}

export default function CommandApp() {
  const { t } = useLang();
  const { me, loading, can } = useSession();

  useEffect(() => {
    document.body.classList.add('theme-dark');
    return () => document.body.classList.remove('theme-dark');
  }, []);

  if (loading) return <Spinner label={t('common.loading')} />;
  if (!me || !can('core:live.watch')) return <WallSignIn />;
  return <Wall />;
}

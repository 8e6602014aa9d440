import './strings';
import { use, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../../core/api';
import { useLang } from '../../core/i18n';
import { BASE, type HomeView, MODULE_PATH } from './api';
import { ArticleItem } from './citizen/Feed';

// One request for both strips of the home screen (urgent on top, news below), kept for 30 s.
let cached: { at: number; promise: Promise<HomeView> } | null = null;
// The last answer: a return to the home paints at once with it while a fresh one loads.
let last: HomeView | null = null;
function loadHome(): Promise<HomeView> {
  if (!cached || Date.now() - cached.at > 30_000) {
    const promise = api<HomeView>(`${BASE}/public/home`);
    cached = { at: Date.now(), promise };
    promise.then(
      (h) => {
        last = h;
      },
      () => {
        cached = null;
      },
    );
  }
  return cached.promise;
}

function useHome(): HomeView | null {
  const [home, setHome] = useState<HomeView | null>(last);
  useEffect(() => {
    let live = true;
    loadHome()
      .then((h) => live && setHome(h))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return home;
}

/**
 * The first load of the page waits for the urgent strip's data, at most this long: the home's
 * services paint once, with the strip above them, instead of being pushed down when it arrives
 * (layout shift). A slower answer shows the strip when it comes.
 */
const FIRST_PAINT_WAIT_MS = 1200;
let firstPaint: Promise<HomeView | null> | null = null;
function homeForFirstPaint(): Promise<HomeView | null> {
  firstPaint ??= Promise.race([
    loadHome().catch(() => null),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), FIRST_PAINT_WAIT_MS)),
  ]);
  return firstPaint;
}

/** On top of the citizen home: urgent announcements in force (a flood warning), never hidden below the fold. */
export function HomeUrgent() {
  const { t } = useLang();
  const fresh = useHome();
  // Suspends (the home's `top` boundary) until the data or the wait is over; never again after.
  const home = fresh ?? last ?? use(homeForFirstPaint());
  if (!home || home.urgent.length === 0) return null;
  return (
    <section className="ik-home-urgent" aria-label={t('infoKota.home.urgent')} data-testid="ik-home-urgent">
      {home.urgent.slice(0, 2).map((a) => (
        <div key={a.id} className="ik-urgent-box" role="alert">
          <p className="ik-urgent-kicker">
            {t('infoKota.home.urgent')}
            {a.areaName ? ` · ${a.areaName}` : ''}
          </p>
          <p className="ik-urgent-title">{a.title}</p>
          <p className="ik-urgent-body">{a.body}</p>
          <Link href={`${MODULE_PATH}/pengumuman#p-${a.id}`} className="ik-urgent-more">
            {t('infoKota.home.more')}
          </Link>
        </div>
      ))}
    </section>
  );
}

/** Below the services: the three newest articles. */
export function HomeLatest() {
  const { t } = useLang();
  const home = useHome();
  if (!home || home.latest.length === 0) return null;
  return (
    <section className="ik-home-latest" aria-labelledby="ik-home-latest" data-testid="ik-home-latest">
      <div className="ik-home-head">
        <h2 id="ik-home-latest">{t('infoKota.home.latest')}</h2>
        <Link href={MODULE_PATH}>{t('infoKota.home.all')}</Link>
      </div>
      <ul className="ik-list">
        {home.latest.map((a) => (
          <ArticleItem key={a.slug} a={a} headingLevel={3} base={MODULE_PATH} />
        ))}
      </ul>
    </section>
  );
}

import { type ComponentType, type LazyExoticComponent, Suspense } from 'react';
import { Link } from 'wouter';
import { useLang } from '../../core/i18n';
import { useRegion } from '../../core/region';
import { useSession } from '../../core/session';
import { buttonClass, Icon } from '../../core/ui';
import { moduleRegistry } from '../../modules/registry';

export function Home() {
  const { t, pick } = useLang();
  const region = useRegion();
  const { me } = useSession();
  const services = region.modules.filter((m) => m.citizen);
  // Strips modules put on the home (registry `home`), each a lazy chunk.
  const strips = (slot: 'top' | 'bottom') =>
    region.modules
      .map((m) => [m.id, moduleRegistry[m.id]?.home?.[slot]] as const)
      .filter((x): x is readonly [string, LazyExoticComponent<ComponentType>] => !!x[1]);

  return (
    <div className="home">
      <section className="hero" aria-labelledby="hero-title">
        <p className="hero-kicker">{region.branding.displayName}</p>
        <h1 id="hero-title">{t('home.title')}</h1>
        <p className="hero-sub">{t('home.subtitle', { region: region.name })}</p>
        {me ? (
          <p className="hero-greeting" data-testid="home-greeting">
            {t('home.greeting', { name: me.user.name })}
          </p>
        ) : (
          <div className="hero-actions">
            <Link href="/daftar" className={buttonClass('accent')} data-testid="home-signup">
              {t('nav.signUp')}
            </Link>
            <Link href="/masuk" className={buttonClass('on-brand')} data-testid="home-signin">
              {t('nav.signIn')}
            </Link>
          </div>
        )}
      </section>

      {me && !me.user.verified ? (
        <div className="notice" data-testid="home-unverified">
          <span>{t('home.unverified')}</span>
          <Link href="/verifikasi">{t('home.verifyNow')}</Link>
        </div>
      ) : null}

      {/* 112 never waits: it paints with the hero, above anything that loads. */}
      <a className="emergency-call" href="tel:112" data-testid="call-112">
        <Icon name="siren" size={30} />
        <span>
          <strong>{t('home.emergency')}</strong>
          <span className="emergency-sub">{t('home.emergencySub')}</span>
        </span>
      </a>

      {/* What is under it paints at once, when the strips' chunks are in and the top strips have
          their data (they may suspend for it): a strip arriving later would push the services down,
          and services arriving after a bottom strip would push it (layout shift). */}
      <Suspense fallback={null}>
        {strips('top').map(([id, Strip]) => (
          <Strip key={id} />
        ))}

        <section aria-labelledby="services-title" className="services">
          <h2 id="services-title">{t('home.services')}</h2>
          {services.length === 0 ? (
            <p className="muted" data-testid="home-no-services">
              {t('home.noServices')}
            </p>
          ) : null}
          <ul className="service-grid" data-testid="home-services">
            {services.map((m) => {
              const entry = moduleRegistry[m.id];
              return (
                <li key={m.id}>
                  <Link
                    href={`/layanan/${m.id}`}
                    className="service-tile"
                    data-testid={`service-tile-${m.id}`}
                  >
                    <span className="service-icon">
                      <Icon name={entry?.icon ?? m.icon} size={28} />
                    </span>
                    <span className="service-name">{pick(m.name)}</span>
                    {entry?.citizen ? null : <span className="service-soon">{t('home.soon')}</span>}
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>

        {strips('bottom').map(([id, Strip]) => (
          <Strip key={id} />
        ))}
      </Suspense>
    </div>
  );
}

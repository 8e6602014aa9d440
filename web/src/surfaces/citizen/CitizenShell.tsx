import { type ReactNode, useEffect } from 'react';
import { Link } from 'wouter';
import { LangSwitch } from '../../core/auth/LangSwitch';
import { useOnline } from '../../core/hooks';
import { useLang } from '../../core/i18n';
import { useRegion } from '../../core/region';
import { useSession } from '../../core/session';
import { Icon } from '../../core/ui';
import { NotificationBell } from './NotificationBell';

/** Shown when the phone is offline, or the session is one restored offline (server not reached). */
export function OfflineBanner() {
  const { t } = useLang();
  const online = useOnline();
  const { offline } = useSession();
  if (online && !offline) return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <Icon name="wifiOff" size={18} />
      <span>{t('offline.banner')}</span>
    </div>
  );
}

export function BrandMark({ logoUrl }: { logoUrl: string | null }) {
  if (logoUrl) return <img className="brand-logo" src={logoUrl} alt="" width={32} height={32} />;
  return (
    <span className="brand-mark">
      <Icon name="grid" size={18} />
    </span>
  );
}

/**
 * LAKSA reports saved on the phone are sent at app start (and when the session comes back), not
 * only once a LAKSA page is opened. The queue is a separate chunk, loaded only when needed.
 */
function useLaksaQueueAtStart(enabled: boolean) {
  const { me, offline } = useSession();
  const userId = me?.user.id ?? null;
  const csrfToken = me && !offline ? me.csrfToken : null;
  useEffect(() => {
    if (!enabled || !userId || !csrfToken) return;
    import('../../modules/laksa/offline-queue')
      .then((q) => q.startQueue({ userId, csrfToken }))
      .catch(() => {
        /* chunk not loadable (offline without the service worker): the LAKSA page retries */
      });
  }, [enabled, userId, csrfToken]);
}

export function CitizenShell({ children }: { children: ReactNode }) {
  const { t } = useLang();
  const region = useRegion();
  const { me } = useSession();
  useLaksaQueueAtStart(region.modules.some((m) => m.id === 'laksa'));
  const { displayName, logoUrl } = region.branding;
  const { contact } = region;
  return (
    <div className="citizen">
      <a href="#main" className="skip-link">
        {t('common.skipToContent')}
      </a>
      <header className="app-header" data-testid="app-header">
        <div className="app-header-inner">
          <Link href="/" className="brand" data-testid="brand-home">
            <BrandMark logoUrl={logoUrl} />
            <span className="brand-name" data-testid="region-display-name">
              {displayName}
            </span>
          </Link>
          <nav aria-label={t('nav.main')} className="header-nav">
            <LangSwitch compact className="header-btn" />
            <NotificationBell />
            <Link href={me ? '/profil' : '/masuk'} className="header-btn" data-testid="nav-account">
              <Icon name="user" size={18} />
              <span className="collapse-xs">{me ? t('nav.profile') : t('nav.signIn')}</span>
            </Link>
          </nav>
        </div>
      </header>
      <OfflineBanner />
      <main id="main" className="app-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="app-footer">
        <p className="footer-region">{region.name}</p>
        {contact.phone || contact.email || contact.address ? (
          <address>
            {contact.address ? <span>{contact.address}</span> : null}
            {contact.phone ? (
              <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
            ) : null}
            {contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : null}
          </address>
        ) : null}
        <p className="footer-powered">{t('footer.poweredBy')}</p>
      </footer>
    </div>
  );
}

import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../../core/api';
import { t } from '../../core/i18n';
import { useSession } from '../../core/session';
import { Icon } from '../../core/ui';

const UNREAD_EVENT = 'simpul:unread';

/** Tells the bell the new unread count (after reading in the inbox) without another request. */
export function announceUnread(count: number) {
  window.dispatchEvent(new CustomEvent(UNREAD_EVENT, { detail: count }));
}

/**
 * The header bell: opens /notifikasi; for a signed-in person it shows the unread count, read once
 * when the app opens, again when it comes back to the foreground, and when a push arrives.
 */
export function NotificationBell() {
  const { me, offline } = useSession();
  const [unread, setUnread] = useState(0);
  const userId = me && !offline ? me.user.id : null;

  useEffect(() => {
    if (!userId) {
      setUnread(0);
      return;
    }
    const refresh = () =>
      api<{ unread: number }>('/notifications/unread')
        .then((v) => setUnread(v.unread))
        .catch(() => undefined);
    const onVisible = () => document.visibilityState === 'visible' && void refresh();
    const onAnnounce = (e: Event) => setUnread(Number((e as CustomEvent<number>).detail) || 0);
    const onPush = (e: MessageEvent) => e.data?.type === 'simpul:push' && void refresh();
    void refresh();
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener(UNREAD_EVENT, onAnnounce);
    navigator.serviceWorker?.addEventListener('message', onPush);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener(UNREAD_EVENT, onAnnounce);
      navigator.serviceWorker?.removeEventListener('message', onPush);
    };
  }, [userId]);

  const label = unread > 0 ? t('nav.notificationsUnread', { count: unread }) : t('nav.notifications');
  return (
    <Link
      href="/notifikasi"
      className="header-btn notif-bell"
      aria-label={label}
      data-testid="nav-notifications"
    >
      <Icon name="bell" size={18} />
      {unread > 0 ? (
        <span className="notif-count" aria-hidden="true" data-testid="notif-count">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}

import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api, errorMessage } from '../../../core/api';
import { formatDateTime } from '../../../core/format';
import { useApi, useOnline } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useRegion, useRegionTimeZone } from '../../../core/region';
import { Alert, Badge, Button, buttonClass, Spinner, useToast } from '../../../core/ui';
import { typeLabel } from '../labels';
import { type Draft, removeDraft, requeueDraft, subscribe } from '../offline-queue';
import { type Category, type MyListItem, type Notification, paths } from './api';
import { BackToLaksa, RequireSignIn } from './common';
import { useDrafts, useVisiblePolling } from './hooks';
import { StatusBadge } from './StatusBadge';

const asList = <T,>(v: T[] | { items: T[] } | null): T[] | null =>
  v === null ? null : Array.isArray(v) ? v : (v.items ?? []);

function Drafts() {
  const { t, lang, locale } = useLang();
  const tz = useRegionTimeZone();
  const online = useOnline();
  const toast = useToast();
  const { drafts, sending, sendNow } = useDrafts();
  const categories = useApi<Category[]>(paths.categories);
  if (drafts.length === 0) return null;
  const categoryName = (d: Draft) => {
    const c = categories.data?.find((x) => x.id === d.fields.categoryId);
    return c ? (lang === 'en' ? c.nameEn : c.name) : '';
  };

  async function send() {
    const results = await sendNow();
    const sent = results.filter((r) => r.kind === 'sent').length;
    if (sent === 0 && results.some((r) => r.kind === 'queued'))
      toast(t('laksaCitizen.queue.stillWaiting'), 'info');
  }

  return (
    <section className="card" aria-labelledby="laksa-drafts-title" data-testid="laksa-drafts">
      <div className="card-head">
        <h2 id="laksa-drafts-title" className="card-title">
          {t('laksaCitizen.queue.title')}
        </h2>
      </div>
      <p className="muted small">{t('laksaCitizen.queue.explain')}</p>
      <ul className="laksa-list">
        {drafts.map((d) => (
          <li key={d.id} className="laksa-item" data-testid="laksa-draft" data-state={d.state}>
            <div className="laksa-item-head">
              <strong>{categoryName(d) || typeLabel(d.fields.type, lang)}</strong>
              <Badge tone={d.state === 'failed' ? 'off' : 'warn'}>
                {d.state === 'failed' ? t('laksaCitizen.queue.failed') : t('laksaCitizen.queue.waiting')}
              </Badge>
            </div>
            <p className="laksa-excerpt">{d.fields.description}</p>
            <p className="muted small">
              {t('laksaCitizen.queue.savedAt', { time: formatDateTime(d.createdAt, locale, tz) })}
              {d.photos.length > 0 ? ` · ${t('laksaCitizen.queue.photos', { count: d.photos.length })}` : ''}
            </p>
            {d.error ? (
              <p
                className={d.state === 'failed' ? 'field-error' : 'muted small'}
                data-testid="laksa-draft-error"
              >
                {d.error[lang]}
              </p>
            ) : null}
            <div className="row">
              {d.state === 'failed' ? (
                <Button
                  small
                  variant="secondary"
                  onClick={() => void requeueDraft(d.id)}
                  data-testid="laksa-draft-retry"
                >
                  {t('common.retry')}
                </Button>
              ) : null}
              <Button
                small
                variant="ghost"
                onClick={() => {
                  if (window.confirm(t('laksaCitizen.queue.deleteConfirm'))) void removeDraft(d.id);
                }}
                data-testid="laksa-draft-delete"
              >
                {t('laksaCitizen.queue.delete')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {drafts.some((d) => d.state === 'queued') ? (
        <Button
          block
          busy={sending}
          disabled={!online}
          onClick={() => void send()}
          data-testid="laksa-send-now"
        >
          {online ? t('laksaCitizen.queue.sendNow') : t('laksaCitizen.queue.offline')}
        </Button>
      ) : null}
    </section>
  );
}

function Notifications() {
  const { t, pick, locale } = useLang();
  const tz = useRegionTimeZone();
  const toast = useToast();
  const { data, reload } = useApi<Notification[] | { items: Notification[] }>(paths.notifications);
  const [busy, setBusy] = useState(false);
  useVisiblePolling(reload, 30_000);
  const list = asList(data) ?? [];
  const unread = list.filter((n) => !n.readAt);
  if (list.length === 0) return null;
  // Unread first; the older ones fold away so the reports stay in view on a phone.
  const ordered = [...unread, ...list.filter((n) => n.readAt)].slice(0, 30);
  const first = ordered.slice(0, 3);
  const rest = ordered.slice(3);
  const item = (n: Notification) => (
    <li
      key={n.id}
      className={n.readAt ? 'laksa-notif' : 'laksa-notif laksa-notif-unread'}
      data-testid="laksa-notification"
    >
      <Link href={`/tiket/${encodeURIComponent(n.ticket)}`}>{pick(n.title)}</Link>
      {n.body ? <p className="laksa-excerpt">{n.body}</p> : null}
      <p className="muted small">
        {formatDateTime(n.createdAt, locale, tz)}
        {n.readAt ? '' : ` · ${t('laksaCitizen.notifications.new')}`}
      </p>
    </li>
  );

  async function markAll() {
    setBusy(true);
    try {
      // No ids: the API marks every notification of this citizen read.
      await api(paths.notificationsRead, { method: 'POST', body: {} });
      reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="laksa-notif-title" data-testid="laksa-notifications">
      <div className="card-head">
        <h2 id="laksa-notif-title" className="card-title">
          {t('laksaCitizen.notifications.title')}{' '}
          {unread.length > 0 ? (
            <Badge tone="warn">{t('laksaCitizen.my.unread', { count: unread.length })}</Badge>
          ) : null}
        </h2>
        {unread.length > 0 ? (
          <Button
            small
            variant="secondary"
            busy={busy}
            onClick={() => void markAll()}
            data-testid="laksa-mark-read"
          >
            {t('laksaCitizen.notifications.markAll')}
          </Button>
        ) : null}
      </div>
      <ul className="laksa-list">{first.map(item)}</ul>
      {rest.length > 0 ? (
        <details className="laksa-more">
          <summary data-testid="laksa-notifications-more">
            {t('laksaCitizen.notifications.older', { count: rest.length })}
          </summary>
          <ul className="laksa-list">{rest.map(item)}</ul>
        </details>
      ) : null}
    </section>
  );
}

function MyReportsInner() {
  const { t, lang, locale } = useLang();
  const tz = useRegionTimeZone();
  const region = useRegion();
  const { data, error, loading, reload } = useApi<MyListItem[] | { items: MyListItem[] }>(paths.myReports);
  useVisiblePolling(reload, 30_000);
  // A queued draft that just went out appears in the list at once.
  useEffect(
    () =>
      subscribe((e) => {
        if (e.type === 'outcome' && e.outcome.kind === 'sent') reload();
      }),
    [reload],
  );
  const list = asList(data);

  return (
    <div className="laksa narrow" data-testid="laksa-my-reports">
      <BackToLaksa />
      <div className="laksa-head">
        <h1 className="laksa-title">{t('laksaCitizen.home.myReports')}</h1>
        <Button
          small
          variant="secondary"
          onClick={reload}
          busy={loading && !!data}
          data-testid="laksa-refresh"
        >
          {t('common.refresh')}
        </Button>
      </div>
      <Drafts />
      <Notifications />
      {loading && !data ? <Spinner label={t('common.loading')} /> : null}
      {error && !data ? (
        <Alert>
          {error}{' '}
          <Button small variant="secondary" onClick={reload}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : null}
      {list && list.length === 0 ? (
        <div className="center-block" data-testid="laksa-my-empty">
          <p>{t('laksaCitizen.my.empty')}</p>
          <Link href="/lapor" className={buttonClass('primary')}>
            {t('laksaCitizen.home.newReport')}
          </Link>
        </div>
      ) : null}
      {list && list.length > 0 ? (
        <ul className="laksa-list" aria-label={t('laksaCitizen.home.myReports')}>
          {list.map((r) => (
            <li key={r.ticket}>
              <Link
                href={`/tiket/${encodeURIComponent(r.ticket)}`}
                className="laksa-item laksa-item-link"
                data-testid="laksa-my-item"
                data-ticket={r.ticket}
              >
                <span className="laksa-item-head">
                  <span className="mono laksa-item-ticket">{r.ticket}</span>
                  <StatusBadge status={r.status} />
                </span>
                <span className="laksa-item-title">
                  {r.categoryName} · {typeLabel(r.type, lang)}
                </span>
                <span className="laksa-excerpt">{r.description}</span>
                <span className="muted small">
                  {formatDateTime(r.updatedAt, locale, tz)} {region.timeZone}
                  {r.own ? '' : ` · ${t('laksaCitizen.my.supporting')}`}
                </span>
                {r.unread > 0 ? (
                  <span className="laksa-unread" data-testid="laksa-unread">
                    {t('laksaCitizen.my.unread', { count: r.unread })}
                  </span>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export default function MyReports() {
  return (
    <RequireSignIn>
      <MyReportsInner />
    </RequireSignIn>
  );
}

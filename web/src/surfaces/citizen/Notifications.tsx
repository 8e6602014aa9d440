import './notifications-strings';
import { useCallback, useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import type { z } from 'zod';
import type {
  InboxItemView,
  InboxView,
  NotificationConfigView,
  PreferenceView,
} from '../../../../shared/notifications';
import type { areaView } from '../../../../shared/region';

type AreaView = z.infer<typeof areaView>;

import { api, errorMessage } from '../../core/api';
import { useLang } from '../../core/i18n';
import {
  loadNotificationConfig,
  lookupDevice,
  pushPermission,
  subscribeDevice,
  unsubscribeDevice,
} from '../../core/push';
import { useSession } from '../../core/session';
import { Alert, Button, Card, Check, PageHeader, SelectField, Spinner, useToast } from '../../core/ui';
import { useFormat } from '../../core/useFormat';
import { announceUnread } from './NotificationBell';

/**
 * /notifikasi: the signed-in person's inbox, and what this device (Web Push) and this account
 * (e-mail) receive. Anyone may turn on public topics (news, announcements of their kecamatan) on
 * their phone without an account; personal topics (my reports) need one.
 */
export default function Notifications() {
  const { t } = useLang();
  const { me } = useSession();
  return (
    <div className="stack" data-testid="notifications-page">
      <PageHeader title={t('notif.title')} subtitle={t('notif.subtitle')} />
      {me ? <Inbox /> : null}
      <DeviceSettings signedIn={Boolean(me)} />
    </div>
  );
}

function Inbox() {
  const { t, lang } = useLang();
  const f = useFormat();
  const [, navigate] = useLocation();
  const [inbox, setInbox] = useState<InboxView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api<InboxView>('/notifications')
      .then((v) => {
        setInbox(v);
        announceUnread(v.unread);
      })
      .catch((err) => setError(errorMessage(err)));
  }, []);
  useEffect(load, [load]);

  async function open(item: InboxItemView) {
    if (!item.read) {
      const { unread } = await api<{ unread: number }>('/notifications/read', {
        method: 'POST',
        body: { ids: [item.id] },
      });
      announceUnread(unread);
      setInbox((cur) =>
        cur ? { unread, items: cur.items.map((x) => (x.id === item.id ? { ...x, read: true } : x)) } : cur,
      );
    }
    if (item.url) navigate(item.url);
  }
  async function readAll() {
    announceUnread(
      (await api<{ unread: number }>('/notifications/read', { method: 'POST', body: { all: true } })).unread,
    );
    load();
  }

  return (
    <Card
      title={t('notif.inbox')}
      actions={
        inbox && inbox.unread > 0 ? (
          <Button variant="secondary" onClick={readAll} data-testid="notif-read-all">
            {t('notif.markAll')}
          </Button>
        ) : null
      }
    >
      {error ? <Alert>{error}</Alert> : null}
      {!inbox && !error ? <Spinner label={t('common.loading')} /> : null}
      {inbox && inbox.items.length === 0 ? <p className="muted">{t('notif.empty')}</p> : null}
      {inbox && inbox.items.length > 0 ? (
        <ul className="notif-list" data-testid="notif-list">
          {inbox.items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className={item.read ? 'notif-item' : 'notif-item unread'}
                onClick={() => void open(item)}
              >
                {item.read ? null : (
                  <>
                    <span className="notif-dot" />
                    <span className="sr-only">{t('notif.unread')}</span>
                  </>
                )}
                <span className="notif-text">
                  <strong>{item.title[lang]}</strong>
                  {item.body ? <span>{item.body[lang]}</span> : null}
                  <time dateTime={new Date(item.at).toISOString()}>{f.dateTime(item.at)}</time>
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

function DeviceSettings({ signedIn }: { signedIn: boolean }) {
  const { t, lang } = useLang();
  const toast = useToast();
  const [config, setConfig] = useState<NotificationConfigView | null>(null);
  const [areas, setAreas] = useState<AreaView[]>([]);
  const [topics, setTopics] = useState<string[]>([]);
  const [email, setEmail] = useState<string[]>([]);
  const [areaCode, setAreaCode] = useState<string>('');
  const [subscribed, setSubscribed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const permission = pushPermission();

  useEffect(() => {
    void (async () => {
      const [cfg, device, list, prefs] = await Promise.all([
        loadNotificationConfig(),
        lookupDevice(),
        api<AreaView[]>('/region/areas').catch(() => [] as AreaView[]),
        signedIn ? api<PreferenceView[]>('/notifications/preferences').catch(() => []) : Promise.resolve([]),
      ]);
      setConfig(cfg);
      setAreas(list.filter((a) => a.level === 'kecamatan'));
      setSubscribed(Boolean(device));
      setTopics(device ? device.topics : cfg.topics.filter((x) => x.defaultOn).map((x) => x.id));
      setAreaCode(device?.areaCode ?? prefs.find((p) => p.areaCode)?.areaCode ?? '');
      setEmail(prefs.filter((p) => p.email).map((p) => p.topic));
    })().catch((err) => setError(errorMessage(err)));
  }, [signedIn]);

  if (!config) return error ? <Alert>{error}</Alert> : <Spinner label={t('common.loading')} />;
  const usable = config.topics.filter((x) => signedIn || !x.personal);
  const chosen = topics.filter((id) => usable.some((x) => x.id === id));
  const byArea = config.topics.some((x) => x.byArea && chosen.includes(x.id));

  async function save() {
    if (!config) return;
    setBusy(true);
    setError(null);
    try {
      if (permission !== 'unsupported' && permission !== 'denied')
        await subscribeDevice(config, chosen, areaCode || null);
      if (signedIn)
        await api('/notifications/preferences', {
          method: 'PUT',
          body: {
            topics: config.topics.map((x) => ({
              topic: x.id,
              follow: chosen.includes(x.id),
              email: x.personal && email.includes(x.id),
              areaCode: x.byArea ? areaCode || null : null,
            })),
          },
        });
      toast(subscribed ? t('notif.saved') : t('notif.enabled'));
      setSubscribed(permission !== 'unsupported' && permission !== 'denied');
    } catch (err) {
      setError(
        err instanceof Error && err.message === 'permission denied' ? t('notif.denied') : errorMessage(err),
      );
    } finally {
      setBusy(false);
    }
  }
  async function turnOff() {
    setBusy(true);
    await unsubscribeDevice();
    setSubscribed(false);
    setBusy(false);
    toast(t('notif.disabled'));
  }

  return (
    <Card title={t('notif.device')} data-testid="notif-device">
      <p className="muted">{t('notif.deviceHint')}</p>
      {permission === 'unsupported' ? <Alert kind="info">{t('notif.unsupported')}</Alert> : null}
      {permission === 'denied' ? <Alert>{t('notif.denied')}</Alert> : null}
      {error ? <Alert data-testid="notif-error">{error}</Alert> : null}
      <fieldset className="notif-topics">
        {config.topics.map((x) => (
          <div key={x.id}>
            <Check
              switch
              label={x.label[lang]}
              hint={x.personal && !signedIn ? t('notif.signInForPersonal') : undefined}
              checked={chosen.includes(x.id)}
              disabled={x.personal && !signedIn}
              onChange={(e) =>
                setTopics((cur) => (e.target.checked ? [...cur, x.id] : cur.filter((id) => id !== x.id)))
              }
              data-testid={`notif-topic-${x.id}`}
            />
            {signedIn && x.personal && chosen.includes(x.id) ? (
              <Check
                label={t('notif.email')}
                hint={t('notif.emailHint')}
                checked={email.includes(x.id)}
                onChange={(e) =>
                  setEmail((cur) => (e.target.checked ? [...cur, x.id] : cur.filter((id) => id !== x.id)))
                }
              />
            ) : null}
          </div>
        ))}
      </fieldset>
      {byArea ? (
        <SelectField
          id="notif-area"
          label={t('notif.area')}
          value={areaCode}
          onChange={(e) => setAreaCode(e.target.value)}
          options={areas.map((a) => ({ value: a.code, label: a.name }))}
          data-testid="notif-area"
        >
          <option value="">{t('notif.areaAll')}</option>
        </SelectField>
      ) : null}
      <div className="actions">
        <Button onClick={save} disabled={busy} data-testid="notif-save">
          {subscribed ? t('notif.save') : t('notif.enable')}
        </Button>
        {subscribed ? (
          <Button variant="secondary" onClick={turnOff} disabled={busy} data-testid="notif-off">
            {t('notif.disable')}
          </Button>
        ) : null}
      </div>
    </Card>
  );
}

import type { DeviceView, NotificationConfigView } from '../../../shared/notifications';
import { api } from './api';
import { basePath } from './base';
import { currentLang } from './i18n';

/** Whether this browser can receive Web Push at all (iOS only once the app is installed). */
export function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

export function pushPermission(): NotificationPermission | 'unsupported' {
  return pushSupported() ? Notification.permission : 'unsupported';
}

async function registration(): Promise<ServiceWorkerRegistration | null> {
  if (!pushSupported()) return null;
  return (await navigator.serviceWorker.getRegistration()) ?? null;
}

export async function currentSubscription(): Promise<PushSubscription | null> {
  const reg = await registration();
  return reg ? reg.pushManager.getSubscription() : null;
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

export const loadNotificationConfig = () => api<NotificationConfigView>('/notifications/config');

/**
 * Asks for permission (the browser's own prompt, so call it from a tap), subscribes this device
 * with the region's VAPID key and tells the server which topics (and kecamatan) it follows.
 */
export async function subscribeDevice(
  config: NotificationConfigView,
  topics: string[],
  areaCode: string | null,
): Promise<DeviceView> {
  const reg = await registration();
  if (!reg) throw new Error('no service worker');
  if ((await Notification.requestPermission()) !== 'granted') throw new Error('permission denied');
  const sub =
    (await reg.pushManager.getSubscription()) ??
    (await reg.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(config.vapidPublicKey),
    }));
  return api<DeviceView>('/notifications/devices', {
    method: 'POST',
    body: { subscription: sub.toJSON(), topics, areaCode, lang: currentLang(), basePath },
  });
}

/** What the server holds for this device, or null when it is not subscribed. */
export async function lookupDevice(): Promise<DeviceView | null> {
  const sub = await currentSubscription();
  const json = sub?.toJSON();
  if (!json?.endpoint || !json.keys?.auth) return null;
  try {
    return await api<DeviceView>('/notifications/devices/lookup', {
      method: 'POST',
      body: { endpoint: json.endpoint, auth: json.keys.auth },
    });
  } catch {
    return null;
  }
}

export async function unsubscribeDevice(): Promise<void> {
  const sub = await currentSubscription();
  const json = sub?.toJSON();
  if (json?.endpoint && json.keys?.auth)
    await api('/notifications/devices/remove', {
      method: 'POST',
      body: { endpoint: json.endpoint, auth: json.keys.auth },
    }).catch(() => undefined);
  await sub?.unsubscribe();
}

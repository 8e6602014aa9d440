import type { z } from 'zod';
import type {
  categoryView,
  MyReportView,
  myListItem,
  nearbyItem,
  notificationView,
  PublicReportView,
  publicConfig,
  publicListItem,
  publicStats,
  ReportInput,
} from '../../../../../shared/modules/laksa';
import type { areaView } from '../../../../../shared/region';
import { ApiError, type ApiErrorBody, apiUrl } from '../../../core/api';
import { currentLang } from '../../../core/i18n';

/** LAKSA's API paths (relative to `/api`) and the types the citizen pages read. */
export const base = '/m/laksa';
export const paths = {
  categories: `${base}/categories`,
  config: `${base}/public/config`,
  publicReports: `${base}/public/reports`,
  publicReport: (ticket: string) => `${base}/public/reports/${encodeURIComponent(ticket)}`,
  stats: `${base}/public/stats`,
  reports: `${base}/reports`,
  nearby: `${base}/reports/nearby`,
  support: (ticket: string) => `${base}/reports/${encodeURIComponent(ticket)}/support`,
  rating: (ticket: string) => `${base}/reports/${encodeURIComponent(ticket)}/rating`,
  reopen: (ticket: string) => `${base}/reports/${encodeURIComponent(ticket)}/reopen`,
  myReports: `${base}/my/reports`,
  myReport: (ticket: string) => `${base}/my/reports/${encodeURIComponent(ticket)}`,
  notifications: `${base}/my/notifications`,
  notificationsRead: `${base}/my/notifications/read`,
  areas: '/region/areas',
  photos: '/files/photos?purpose=laksa',
};

export type Category = z.infer<typeof categoryView>;
export type MyListItem = z.infer<typeof myListItem>;
export type NearbyItem = z.infer<typeof nearbyItem>;
export type Notification = z.infer<typeof notificationView>;
export type PublicConfig = z.infer<typeof publicConfig>;
export type PublicListItem = z.infer<typeof publicListItem>;
export type PublicStats = z.infer<typeof publicStats>;
export type PublicPage = { items: PublicListItem[]; total: number; page: number; pageSize: number };
export type Area = z.infer<typeof areaView>;
export type ReportBody = Required<Omit<ReportInput, 'photoIds'>> & { photoIds: string[] };
export type { MyReportView, PublicReportView };
export type Bounds = PublicConfig['bounds'];

const networkMessages = {
  id: 'Tidak dapat terhubung ke server. Periksa koneksi internet Anda.',
  en: 'Cannot reach the server. Check your internet connection.',
};

/** True when the request never reached the server (offline, DNS, connection reset…). */
export function isNetworkError(err: unknown): boolean {
  return err instanceof ApiError && err.status === 0;
}

/**
 * A fetch for the two calls the core JSON client cannot make: multipart photo uploads and the
 * report POST with its `Idempotency-Key`. Errors become the same `ApiError` as `api()`.
 */
export async function rawRequest(
  path: string,
  init: { method: 'POST'; body: BodyInit; headers?: Record<string, string>; csrfToken: string | null },
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLang(),
    ...init.headers,
  };
  if (init.csrfToken) headers['x-csrf-token'] = init.csrfToken;
  let res: Response;
  try {
    res = await fetch(apiUrl(path), {
      method: init.method,
      headers,
      credentials: 'include',
      body: init.body,
    });
  } catch {
    throw new ApiError(0, {
      code: 'NETWORK',
      message: networkMessages[currentLang()],
      messages: networkMessages,
    });
  }
  let json: unknown = null;
  try {
    const text = await res.text();
    json = text ? JSON.parse(text) : null;
  } catch {
    // A dropped connection while reading the body is a network failure too.
    if (res.ok)
      throw new ApiError(0, {
        code: 'NETWORK',
        message: networkMessages[currentLang()],
        messages: networkMessages,
      });
  }
  if (!res.ok) {
    const envelope = (json as { error?: ApiErrorBody } | null)?.error;
    throw new ApiError(
      res.status,
      envelope && typeof envelope.code === 'string'
        ? envelope
        : { code: `HTTP_${res.status}`, message: `${res.status} ${res.statusText}` },
    );
  }
  return { status: res.status, json };
}

/** Uploads report photos in one multipart request (field "photo"); returns their ids in order. */
export async function uploadPhotos(
  photos: { blob: Blob; name: string }[],
  csrfToken: string | null,
): Promise<string[]> {
  const form = new FormData();
  for (const p of photos) form.append('photo', p.blob, p.name);
  const { json } = await rawRequest(paths.photos, { method: 'POST', body: form, csrfToken });
  return (json as { id: string }[]).map((f) => f.id);
}

/** Files a report; the same key on every retry makes the API answer the first result (200). */
export async function postReport(
  body: ReportBody,
  idempotencyKey: string,
  csrfToken: string | null,
): Promise<{ id: string; ticket: string; replay: boolean }> {
  const { status, json } = await rawRequest(paths.reports, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': idempotencyKey,
      'X-Device-Id': deviceId(),
    },
    csrfToken,
  });
  const r = json as { id: string; ticket: string };
  return { id: r.id, ticket: r.ticket, replay: status === 200 };
}

/** A v4 UUID, also on plain-http deployments where crypto.randomUUID is missing. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A random id for this phone (the API's flood limit counts per device, not per shared IP). */
function deviceId(): string {
  const k = 'simpul.laksa.device';
  try {
    const known = localStorage.getItem(k);
    if (known) return known;
    const fresh = newKey();
    localStorage.setItem(k, fresh);
    return fresh;
  } catch {
    return 'unknown-device';
  }
}

/** Normalises what a citizen types into the tracking box (spaces, lower case). */
export function normaliseTicket(raw: string): string {
  return raw.trim().toUpperCase().replace(/\s+/g, '');
}

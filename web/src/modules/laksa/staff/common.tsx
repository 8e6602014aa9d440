import { type ReactNode, useEffect, useId, useRef } from 'react';
import { Link } from 'wouter';
import type { z } from 'zod';
import type {
  categoryView,
  mapPoint,
  ReportAction,
  ReportStatus,
  ReportType,
  reportListItem,
  staffReportView,
  templateView,
} from '../../../../../shared/modules/laksa';
import {
  type ActionNeed,
  reportTypeLabels,
  statusLabels,
  transitions,
} from '../../../../../shared/modules/laksa';
import type { areaView, opdView } from '../../../../../shared/region';
import { ApiError, type ApiErrorBody, apiUrl } from '../../../core/api';
import { currentLang, useLang } from '../../../core/i18n';
import { cx } from '../../../core/ui';

export type Category = z.infer<typeof categoryView>;
export type ListItem = z.infer<typeof reportListItem>;
export type MapPoint = z.infer<typeof mapPoint>;
export type StaffReport = z.infer<typeof staffReportView>;
export type Template = z.infer<typeof templateView>;
export type Area = z.infer<typeof areaView>;
export type OpdRef = z.infer<typeof opdView>;

/** API prefix of the module (the region base path is added by `api()` / `apiUrl()`). */
export const LAKSA = '/m/laksa';

/** What each action asks for besides the click: the shared state machine's needs, plus optional after-photos on resolve. */
export const actionNeeds = Object.fromEntries(
  Object.entries(transitions).map(([a, t]) => [a, a === 'resolve' ? [...t.needs, 'photos'] : t.needs]),
) as Record<ReportAction, readonly (ActionNeed | 'photos')[]>;
/** Needs that must be filled (photos are optional). */
export const requiredNeeds = (a: ReportAction) => actionNeeds[a].filter((n) => n !== 'photos');

export function StatusBadge({ status }: { status: ReportStatus }) {
  const { pick } = useLang();
  return (
    <span
      className={cx('lk-status', `lk-status-${status}`)}
      data-testid="laksa-staff-status"
      data-status={status}
    >
      {pick(statusLabels[status])}
    </span>
  );
}

export function TypeLabel({ type }: { type: ReportType }) {
  const { pick } = useLang();
  return <>{pick(reportTypeLabels[type])}</>;
}

export function OverdueBadge() {
  const { t } = useLang();
  return (
    <span className="lk-flag lk-flag-overdue" data-testid="laksa-staff-overdue">
      {t('laksaStaff.overdue')}
    </span>
  );
}

/** "3 hari lalu", "5 jam lalu": how long ago, in the UI language (`justNow` under a minute). */
export function age(iso: string, locale: string, justNow: string, now = Date.now()): string {
  const ms = now - new Date(iso).getTime();
  const fmt = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return justNow;
  if (minutes < 60) return fmt.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return fmt.format(-hours, 'hour');
  return fmt.format(-Math.round(hours / 24), 'day');
}

/**
 * A modal dialog on the native <dialog> element: focus moves in and is trapped, Escape closes,
 * focus returns to the opener when it closes.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  testId,
  wide = false,
}: {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  children?: ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = `dlg${useId().replace(/:/g, '')}`;
  const { t } = useLang();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={cx('lk-dialog', wide && 'lk-dialog-wide')}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid={testId}
    >
      {open ? (
        <>
          <div className="lk-dialog-head">
            <h2 id={titleId}>{title}</h2>
            <button
              type="button"
              className="lk-dialog-close"
              onClick={onClose}
              aria-label={t('common.close')}
            >
              ×
            </button>
          </div>
          {children}
        </>
      ) : null}
    </dialog>
  );
}

/** Tick one or more OPD. */
export function OpdChecklist({
  opds,
  value,
  onChange,
  legend,
  error,
  testId,
}: {
  opds: OpdRef[];
  value: string[];
  onChange: (ids: string[]) => void;
  legend: string;
  error?: string | null;
  testId: string;
}) {
  const base = useId().replace(/:/g, '');
  return (
    <fieldset className={cx('fieldset lk-opd-list', error && 'field-invalid')} data-testid={testId}>
      <legend>{legend}</legend>
      <div className="lk-opd-grid">
        {opds
          .filter((o) => o.active)
          .map((o) => {
            const id = `${base}-${o.id}`;
            return (
              <div className="check" key={o.id}>
                <input
                  type="checkbox"
                  id={id}
                  value={o.id}
                  checked={value.includes(o.id)}
                  onChange={(e) =>
                    onChange(e.target.checked ? [...value, o.id] : value.filter((x) => x !== o.id))
                  }
                  data-testid={`${testId}-${o.code}`}
                />
                <label htmlFor={id} title={o.name}>
                  {o.shortName}
                </label>
              </div>
            );
          })}
      </div>
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}

/** Uploads photos (multipart field "photo") for LAKSA; returns their file ids. */
export async function uploadPhotos(files: File[], csrfToken: string | undefined): Promise<string[]> {
  const form = new FormData();
  for (const f of files) form.append('photo', f, f.name);
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLang() };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(apiUrl('/files/photos?purpose=laksa'), {
      method: 'POST',
      body: form,
      headers,
      credentials: 'include',
    });
  } catch {
    const messages = {
      id: 'Tidak dapat terhubung ke server. Periksa koneksi internet Anda.',
      en: 'Cannot reach the server. Check your internet connection.',
    };
    throw new ApiError(0, { code: 'NETWORK', message: messages[currentLang()], messages });
  }
  const json = (await res.json().catch(() => null)) as { id: string }[] | { error?: ApiErrorBody } | null;
  if (!res.ok) {
    const env = (json as { error?: ApiErrorBody } | null)?.error;
    throw new ApiError(res.status, env ?? { code: `HTTP_${res.status}`, message: res.statusText });
  }
  return (json as { id: string }[]).map((p) => p.id);
}

/** A row of links that behaves as tabs (each tab is its own URL, so back/forward and sharing work). */
export function TabNav({
  label,
  items,
}: {
  label: string;
  items: { key: string; href: string; label: ReactNode; active: boolean; testId: string }[];
}) {
  return (
    <nav className="lk-tabs" aria-label={label}>
      <ul>
        {items.map((i) => (
          <li key={i.key}>
            <Link
              href={i.href}
              className={cx('lk-tab', i.active && 'active')}
              aria-current={i.active ? 'page' : undefined}
              data-testid={i.testId}
            >
              {i.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

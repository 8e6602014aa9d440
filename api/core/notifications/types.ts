import type { Label } from '../modules/types';

/**
 * A kind of notification a module sends, declared in its manifest (`notifications.topics`).
 * People choose topics per device (push) and per account (e-mail) in "Notifikasi".
 */
export type NotificationTopic = {
  /** `<module>.<name>`, e.g. `laksa.my-reports`, `info-kota.news`. */
  id: string;
  label: Label;
  /**
   * `true`: about one person's own records (my report, my incident, my application); sent only
   * to that person's signed-in devices. `false`: public (news, announcements); any device may follow it.
   */
  personal: boolean;
  /** Offered switched on when someone first allows notifications. */
  defaultOn: boolean;
  /** Public topics only: followers choose a kecamatan, and area-targeted broadcasts reach only it. */
  byArea?: boolean;
  /** Offered only to people holding this permission (e.g. staff topics such as overdue reports). */
  permission?: string;
};

export type NotificationInput = {
  topic: string;
  title: Label;
  body?: Label | null;
  /** App path opened on tap, e.g. `/layanan/laksa/laporan/LKS-…` (same origin only). */
  url?: string | null;
  /**
   * `{ users }`: these people (inbox + their devices + e-mail if they chose it).
   * `{ broadcast }`: everyone following a public topic, optionally only in one area (a kecamatan or
   * kelurahan code of the region; devices following that area or an area inside it).
   */
  to: { users: readonly string[] } | { broadcast: true; areaCode?: string | null };
  /** `high` for what cannot wait (an emergency unit on its way, a flood warning). */
  urgency?: 'normal' | 'high';
  /** How long a push service may hold it for an offline device (default 1 day). */
  ttlSeconds?: number;
};

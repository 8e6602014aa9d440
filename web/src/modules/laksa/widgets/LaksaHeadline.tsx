import type { LaksaWallView } from '../../../../../shared/modules/laksa-live';
import { useLang } from '../../../core/i18n';
import { cx } from '../../../core/ui';
import type { WidgetProps } from '../../../surfaces/command/widgets';
import { useLaksaWall } from './useLaksaWall';

type Headline = LaksaWallView['headline'];
const figures: { key: keyof Headline; label: { id: string; en: string }; alert?: boolean }[] = [
  { key: 'createdToday', label: { id: 'Laporan hari ini', en: 'Reports today' } },
  { key: 'open', label: { id: 'Terbuka', en: 'Open' } },
  { key: 'overdue', label: { id: 'Melewati SLA', en: 'Past SLA' }, alert: true },
  { key: 'awaitingVerification', label: { id: 'Menunggu verifikasi', en: 'Awaiting verification' } },
  { key: 'resolvedWeek', label: { id: 'Selesai 7 hari', en: 'Resolved, 7 days' } },
  { key: 'satisfaction', label: { id: 'Kepuasan (30 hari)', en: 'Satisfaction (30 days)' } },
];

/** LAKSA's headline counters across the top of the wall. */
export default function LaksaHeadline({ events, generation }: WidgetProps) {
  const { pick, locale } = useLang();
  const { data, failed } = useLaksaWall(events, generation);
  const value = (k: keyof Headline) => {
    const v = data?.headline[k];
    if (v === undefined) return '–';
    if (v === null) return '–';
    return k === 'satisfaction'
      ? `${v.toLocaleString(locale, { maximumFractionDigits: 1 })}★`
      : v.toLocaleString(locale);
  };
  return (
    <div className="kpi-row kpi-row-6" data-testid="laksa-headline">
      {figures.map((f) => (
        <div
          key={f.key}
          className={cx('kpi', f.alert && (data?.headline[f.key] ?? 0) > 0 && 'kpi-alert')}
          data-testid={`laksa-live-${f.key}`}
        >
          <span className="kpi-value">{value(f.key)}</span>
          <span className="kpi-label">{pick(f.label)}</span>
        </div>
      ))}
      {failed ? (
        <p role="status" className="wall-note">
          {pick({ id: 'Angka belum dapat dimuat.', en: 'Figures could not be loaded.' })}
        </p>
      ) : null}
    </div>
  );
}

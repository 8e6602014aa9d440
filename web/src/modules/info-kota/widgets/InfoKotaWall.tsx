import '../strings';
import '../info-kota.css';
import { useEffect, useState } from 'react';
import { api } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import type { WidgetProps } from '../../../surfaces/command/widgets';
import { BASE, type WallView } from '../api';

/**
 * Info Kota on the LIVE Room wall, compact for the side column: how many articles went out today
 * and how many urgent announcements are in force, then the first urgent one and the latest article.
 * Reloaded after a reconnect and (debounced) when an `info-kota.*` event arrives.
 */
export default function InfoKotaWall({ events, generation }: WidgetProps) {
  const { t } = useLang();
  const [view, setView] = useState<WallView | null>(null);
  const newest = events.find((e) => e.module === 'info-kota')?.id ?? '';

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` and `newest` are reload triggers
  useEffect(() => {
    const id = window.setTimeout(
      () =>
        api<WallView>(`${BASE}/live`, { fresh: true })
          .then(setView)
          .catch(() => undefined),
      newest ? 1000 : 0,
    );
    return () => window.clearTimeout(id);
  }, [newest, generation]);

  const urgent = view?.urgent[0];
  const latest = view?.publishedToday[0];
  return (
    <div data-testid="ik-wall">
      <p className="ik-wall-line" data-testid="ik-wall-urgent">
        {urgent ? (
          <strong className="ik-wall-urgent">
            {t('infoKota.wall.urgentCount', { count: view?.urgent.length ?? 0 })}: {urgent.title}
            {urgent.areaName ? ` · ${urgent.areaName}` : ''}
          </strong>
        ) : view ? (
          t('infoKota.wall.noUrgent')
        ) : null}
      </p>
      <p className="ik-wall-line" data-testid="ik-wall-today">
        {view ? t('infoKota.wall.todayCount', { count: view.publishedToday.length }) : null}
        {latest ? `: ${latest.title}` : ''}
      </p>
    </div>
  );
}

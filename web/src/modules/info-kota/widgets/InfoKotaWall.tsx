import '../strings';
import { useEffect, useState } from 'react';
import { api } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import { useFormat } from '../../../core/useFormat';
import type { WidgetProps } from '../../../surfaces/command/widgets';
import { BASE, type WallView } from '../api';

/**
 * Info Kota on the LIVE Room wall: what was published today and the urgent announcements in force,
 * reloaded after a reconnect and (debounced) when an `info-kota.*` event arrives.
 */
export default function InfoKotaWall({ events, generation }: WidgetProps) {
  const { t } = useLang();
  const format = useFormat();
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

  return (
    <div data-testid="ik-wall">
      <h3>{t('infoKota.wall.urgent')}</h3>
      {view && view.urgent.length === 0 ? <p>{t('infoKota.wall.noUrgent')}</p> : null}
      <ul>
        {(view?.urgent ?? []).slice(0, 2).map((a) => (
          <li key={a.id}>
            <strong>{a.title}</strong>
            {a.areaName ? ` · ${a.areaName}` : ''}
          </li>
        ))}
      </ul>
      <h3>{t('infoKota.wall.today')}</h3>
      {view && view.publishedToday.length === 0 ? <p>{t('infoKota.wall.noneToday')}</p> : null}
      <ul>
        {(view?.publishedToday ?? []).slice(0, 3).map((a) => (
          <li key={a.slug}>
            {format.time(a.publishedAt)} · {a.title}
          </li>
        ))}
      </ul>
    </div>
  );
}

import '../strings';
import { useEffect, useState } from 'react';
import { api } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import { useFormat } from '../../../core/useFormat';
import type { WidgetProps } from '../../../surfaces/command/widgets';
import { BASE, type TodayView } from '../api';
import { changeOf, rupiah } from '../format';

/**
 * Harga Pangan on the LIVE Room wall: commodities above HET and the largest daily rises, reloaded
 * when a `harga-pangan.*` event arrives (and after a reconnect), plus the latest alerts from the feed.
 */
export default function PanganWall({ events }: WidgetProps) {
  const { t, pick, locale, lang } = useLang();
  const format = useFormat();
  const name = (i: { name: string; nameEn: string }) => (lang === 'en' ? i.nameEn : i.name);
  const [today, setToday] = useState<TodayView | null>(null);
  const mine = events.filter((e) => e.module === 'harga-pangan');
  const newest = mine[0]?.id ?? '';

  useEffect(() => {
    const id = window.setTimeout(
      () =>
        api<TodayView>(`${BASE}/public/today`, { fresh: true })
          .then(setToday)
          .catch(() => undefined),
      newest ? 1000 : 0,
    );
    return () => window.clearTimeout(id);
  }, [newest]);

  const above = today?.items.filter((i) => i.aboveHet) ?? [];
  const rises = [...(today?.items ?? [])]
    .filter((i) => (i.changeDay ?? 0) > 0)
    .sort((a, b) => (b.changeDay ?? 0) - (a.changeDay ?? 0))
    .slice(0, 3);
  return (
    <div data-testid="hp-wall">
      <h3>{t('hargaPangan.wall.aboveHet')}</h3>
      {above.length === 0 ? <p>{t('hargaPangan.wall.none')}</p> : null}
      <ul>
        {above.map((i) => (
          <li key={i.commodityId}>
            {name(i)}: {rupiah(i.average, locale)} (HET {rupiah(i.het, locale)})
          </li>
        ))}
      </ul>
      <h3>{t('hargaPangan.wall.rises')}</h3>
      <ul>
        {rises.map((i) => (
          <li key={i.commodityId}>
            {name(i)} {changeOf(i.changeDay, format).arrow} {changeOf(i.changeDay, format).text}
          </li>
        ))}
      </ul>
      <h3>{t('hargaPangan.wall.events')}</h3>
      <ul>
        {mine
          .filter((e) => e.type === 'harga-pangan.alert.raised')
          .slice(0, 5)
          .map((e) => (
            <li key={e.id} data-testid="hp-wall-event">
              {pick(e.summary)}
            </li>
          ))}
      </ul>
    </div>
  );
}

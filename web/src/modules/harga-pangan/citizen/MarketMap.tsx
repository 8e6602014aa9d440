import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useLang } from '../../../core/i18n';
import { createRegionMap } from '../../../core/map/region-map';
import { textElement } from '../../../core/map-text';
import { useRegion } from '../../../core/region';
import type { PublicMarket } from '../api';

/** Markets on a Leaflet map (lazy chunk), made by the core factory: the region's basemap and areas. */

export default function MarketMap({ markets }: { markets: PublicMarket[] }) {
  const { t } = useLang();
  const region = useRegion();
  const el = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is drawn once per market list
  useEffect(() => {
    if (!el.current || markets.length === 0) return;
    const map = createRegionMap(el.current, {
      view: region.map,
      leaflet: { zoomControl: true, preferCanvas: true },
    }).map;
    // Opens on the region, then closes in on the markets (they lie inside it).
    const bounds = L.latLngBounds(markets.map((m) => [m.lat, m.lng] as [number, number]));
    map.fitBounds(bounds.pad(0.2), { animate: false, maxZoom: 15 });
    for (const m of markets)
      L.circleMarker([m.lat, m.lng], {
        radius: 10,
        weight: 2,
        color: '#ffffff',
        fillColor: m.aboveHet > 0 ? '#c2410c' : '#1e7b34',
        fillOpacity: 0.95,
      })
        .bindTooltip(
          textElement(
            `${m.name}${m.aboveHet > 0 ? ` · ${t('hargaPangan.aboveHetCount', { count: m.aboveHet })}` : ''}`,
          ),
        )
        .addTo(map);
    return () => {
      map.remove();
    };
  }, [markets]);

  return <div ref={el} className="hp-map" data-testid="hp-map" />;
}

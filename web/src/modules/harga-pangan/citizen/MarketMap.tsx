import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import { useLang } from '../../../core/i18n';
import { textElement } from '../../../core/map-text';
import type { PublicMarket } from '../api';

/**
 * Markets on a Leaflet map (lazy chunk). Tiles: `VITE_MAP_TILE_URL` (default OpenStreetMap,
 * `none` = no tiles); browsers driven by automation (`navigator.webdriver`) never load remote tiles.
 */
const tileUrl: string = import.meta.env.VITE_MAP_TILE_URL ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

export default function MarketMap({ markets }: { markets: PublicMarket[] }) {
  const { t } = useLang();
  const el = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is drawn once per market list
  useEffect(() => {
    if (!el.current || markets.length === 0) return;
    const map = L.map(el.current, { zoomControl: true, attributionControl: false, preferCanvas: true });
    if (tileUrl && tileUrl !== 'none' && !navigator.webdriver) {
      L.control.attribution({ prefix: false }).addTo(map);
      L.tileLayer(tileUrl, { maxZoom: 19, attribution: '&copy; OpenStreetMap' }).addTo(map);
    }
    const bounds = L.latLngBounds(markets.map((m) => [m.lat, m.lng] as [number, number]));
    map.fitBounds(bounds.pad(0.2));
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

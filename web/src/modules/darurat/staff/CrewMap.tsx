/**
 * The crew's map (a lazy chunk, as BoardMap): the incident and the crew's own position (the phone's
 * GPS when allowed, else the unit's last reported position). Tiles follow BoardMap's rules — none
 * under automation (`navigator.webdriver`), with `VITE_MAP_TILE_URL=none` or `VITE_MAP_TILES=off`,
 * or `localStorage['simpul.mapTiles'] === 'off'` — so it can switch to the core map factory with it.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import { useLang } from '../../../core/i18n';
import { textElement } from '../../../core/map-text';

const env = import.meta.env as Record<string, string | undefined>;
const tileUrl = env.VITE_MAP_TILE_URL || 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

function tilesEnabled(): boolean {
  if (navigator.webdriver || env.VITE_MAP_TILES === 'off' || tileUrl === 'none') return false;
  try {
    return localStorage.getItem('simpul.mapTiles') !== 'off';
  } catch {
    return true;
  }
}

const dot = (cls: string, label: string) =>
  L.divIcon({
    className: `dr-pin ${cls}`,
    html: textElement(label),
    iconSize: [26, 26],
    iconAnchor: [13, 13],
  });

type Point = { lat: number; lng: number };

export default function CrewMap({
  incident,
  me,
  meLabel,
  ownGps,
}: {
  incident: (Point & { label: string }) | null;
  me: Point | null;
  meLabel: string;
  /** `me` is the phone's live GPS (not the unit's last reported position). */
  ownGps: boolean;
}) {
  const { t } = useLang();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: created once per mount
  useEffect(() => {
    if (!el.current) return;
    const m = L.map(el.current, { maxZoom: 19, minZoom: 4, attributionControl: tilesEnabled() });
    el.current.setAttribute('role', 'region');
    el.current.setAttribute('aria-label', t('darurat.crew.map'));
    if (tilesEnabled()) L.tileLayer(tileUrl, { maxZoom: 19, attribution: '&copy; OpenStreetMap' }).addTo(m);
    else el.current.classList.add('dr-map-plain');
    m.setView([-6.19, 106.64], 13);
    layer.current = L.layerGroup().addTo(m);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const g = layer.current;
    const m = map.current;
    if (!g || !m) return;
    g.clearLayers();
    const points: [number, number][] = [];
    if (incident) {
      L.marker([incident.lat, incident.lng], {
        icon: dot('dr-pin-incident', '!'),
        title: incident.label,
        keyboard: false,
      }).addTo(g);
      points.push([incident.lat, incident.lng]);
    }
    if (me) {
      L.marker([me.lat, me.lng], {
        icon: dot(ownGps ? 'dr-pin-me' : 'dr-pin-unit dr-u-tersedia', meLabel.slice(0, 3)),
        title: meLabel,
        keyboard: false,
      }).addTo(g);
      points.push([me.lat, me.lng]);
    }
    if (points.length > 1) m.fitBounds(L.latLngBounds(points).pad(0.25), { maxZoom: 16, animate: false });
    else if (points.length === 1) m.setView(points[0]!, 15, { animate: false });
  }, [incident, me, meLabel, ownGps]);

  return <div ref={el} className="dr-map dr-crew-map" data-testid="crew-map" />;
}

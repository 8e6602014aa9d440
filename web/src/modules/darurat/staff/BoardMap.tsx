/**
 * The board's map (a lazy chunk: Leaflet loads only when the board shows), made by the core
 * factory (web/src/core/map): it opens on the region and draws the region's basemap and areas.
 */
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { IncidentListItem, UnitView } from '../../../../../shared/modules/darurat';
import { useLang } from '../../../core/i18n';
import { createRegionMap } from '../../../core/map/region-map';
import { textElement } from '../../../core/map-text';
import { useRegion } from '../../../core/region';

const dot = (cls: string, label: string) =>
  L.divIcon({
    className: `dr-pin ${cls}`,
    html: textElement(label),
    iconSize: [26, 26],
    iconAnchor: [13, 13],
  });

export default function BoardMap({
  incidents,
  units,
  onPick,
  onOpen,
}: {
  incidents: IncidentListItem[];
  units: UnitView[];
  onPick?: (p: { lat: number; lng: number }) => void;
  onOpen: (id: string) => void;
}) {
  const { t, pick } = useLang();
  const region = useRegion();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const cb = useRef({ onPick, onOpen });
  cb.current = { onPick, onOpen };

  // biome-ignore lint/correctness/useExhaustiveDependencies: created once per mount
  useEffect(() => {
    if (!el.current) return;
    const m = createRegionMap(el.current, {
      view: region.map,
      label: t('darurat.staff.map'),
      leaflet: { zoomControl: true },
    }).map;
    m.on('click', (e: L.LeafletMouseEvent) => cb.current.onPick?.({ lat: e.latlng.lat, lng: e.latlng.lng }));
    layer.current = L.layerGroup().addTo(m);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const g = layer.current;
    if (!g) return;
    g.clearLayers();
    // An incident whose location is unavailable has no marker (the list says so); it gets one live.
    const placed = incidents.flatMap((i) =>
      i.lat !== null && i.lng !== null ? [{ ...i, lat: i.lat, lng: i.lng }] : [],
    );
    for (const i of placed)
      L.marker([i.lat, i.lng], {
        icon: dot(`dr-pin-incident dr-pin-${i.priority}`, i.priority),
        title: `${i.number} ${pick({ id: i.type.name, en: i.type.nameEn })}`,
        keyboard: true,
      })
        .on('click', () => cb.current.onOpen(i.id))
        .addTo(g);
    for (const u of units)
      L.marker([u.lat, u.lng], {
        icon: dot(`dr-pin-unit dr-u-${u.status}`, u.callSign.slice(0, 3)),
        title: `${u.callSign} (${u.status})`,
        keyboard: false,
      }).addTo(g);
    if (placed.length > 0 && map.current) {
      const bounds = L.latLngBounds(placed.map((i) => [i.lat, i.lng] as [number, number]));
      map.current.fitBounds(bounds.pad(0.3), { maxZoom: 14, animate: false });
    }
  }, [incidents, units, pick]);

  return <div ref={el} className="dr-map" data-testid="board-map" />;
}

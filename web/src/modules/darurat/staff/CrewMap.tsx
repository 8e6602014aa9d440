/**
 * The crew's map (a lazy chunk, as BoardMap), made by the core factory (web/src/core/map): the
 * region's basemap and areas, the incident and the crew's own position (the phone's GPS when
 * allowed, else the unit's last reported position).
 */
import L from 'leaflet';
import { useEffect, useRef } from 'react';
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
  const region = useRegion();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: created once per mount
  useEffect(() => {
    if (!el.current) return;
    const m = createRegionMap(el.current, {
      view: region.map,
      label: t('darurat.crew.map'),
      leaflet: { zoomControl: true },
    }).map;
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

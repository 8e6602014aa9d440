/**
 * Leaflet maps of the staff console (a lazy chunk: Leaflet is only loaded when a map is shown),
 * made by the core factory (web/src/core/map): they open on the region and draw its basemap and
 * areas. Which basemap is the region's setting (staff console → Pengaturan daerah), not the build's.
 */
import L from 'leaflet';
import 'leaflet.markercluster';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import { useEffect, useRef } from 'react';
import { statusLabels } from '../../../../../shared/modules/laksa';
import { useLang } from '../../../core/i18n';
import { createRegionMap, reducedMotion } from '../../../core/map/region-map';
import { textElement } from '../../../core/map-text';
import { useRegion } from '../../../core/region';
import type { MapPoint } from './common';

function baseMap(el: HTMLElement, label: string, view: ReturnType<typeof useRegion>['map']): L.Map {
  const map = createRegionMap(el, { view, label, leaflet: { zoomControl: true } }).map;
  return map;
}

const pin = (status: string) =>
  L.divIcon({
    className: `lk-pin lk-pin-${status}`,
    html: '<span class="lk-pin-dot"></span>',
    iconSize: [22, 22],
    iconAnchor: [11, 11],
  });

/** All reports of the current filters, clustered; a click (or Enter) on a pin opens the report. */
export function InboxMap({ points, onOpen }: { points: MapPoint[]; onOpen: (id: string) => void }) {
  const { t, pick } = useLang();
  const region = useRegion();
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const groupRef = useRef<L.MarkerClusterGroup | null>(null);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is created once per mount
  useEffect(() => {
    if (!el.current) return;
    const map = baseMap(el.current, t('laksaStaff.map.label'), region.map);
    const group = L.markerClusterGroup({
      showCoverageOnHover: false,
      animate: !reducedMotion(),
      maxClusterRadius: 50,
      iconCreateFunction: (cluster) => {
        const n = cluster.getChildCount();
        // The cluster marker is a role=button: its text is its accessible name.
        const html = textElement(String(n));
        const name = html.appendChild(textElement(` ${t('laksaStaff.map.reports')}`));
        name.className = 'sr-only';
        return L.divIcon({ className: 'lk-cluster', html, iconSize: [40, 40] });
      },
    });
    map.addLayer(group);
    mapRef.current = map;
    groupRef.current = group;
    return () => {
      map.off();
      map.remove();
      mapRef.current = null;
      groupRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    const group = groupRef.current;
    if (!map || !group) return;
    group.clearLayers();
    const markers = points.map((p) => {
      const m = L.marker([p.lat, p.lng], {
        icon: pin(p.status),
        title: `${p.ticket} · ${p.categoryName} · ${pick(statusLabels[p.status])}`,
        alt: p.ticket,
      });
      m.on('click', () => openRef.current(p.id));
      return m;
    });
    group.addLayers(markers);
    if (markers.length > 0)
      map.fitBounds(group.getBounds(), { padding: [30, 30], maxZoom: 16, animate: false });
  }, [points, pick]);

  return <div ref={el} className="lk-map lk-map-large" data-testid="laksa-staff-map" />;
}

/** One report's location. */
export function PinMap({ lat, lng, label }: { lat: number; lng: number; label: string }) {
  const { t } = useLang();
  const region = useRegion();
  const el = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the region's map is read when the map is made
  useEffect(() => {
    if (!el.current) return;
    const map = baseMap(el.current, t('laksaStaff.map.pinLabel', { label }), region.map);
    map.setView([lat, lng], 16);
    L.marker([lat, lng], { icon: pin('here'), title: label, keyboard: false }).addTo(map);
    return () => {
      map.remove();
    };
  }, [lat, lng, label, t]);
  return <div ref={el} className="lk-map lk-map-small" data-testid="laksa-staff-pin-map" />;
}

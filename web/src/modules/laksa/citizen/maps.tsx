import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { ReportStatus } from '../../../../../shared/modules/laksa';
import { useLang } from '../../../core/i18n';
import { createRegionMap, type RegionMap } from '../../../core/map/region-map';
import { textElement } from '../../../core/map-text';
import { useRegion } from '../../../core/region';
import type { Bounds, PublicListItem } from './api';

/**
 * Leaflet maps of the LAKSA citizen pages, loaded lazily by the pages that show a map. Every map is
 * made by the core factory (web/src/core/map): it opens on the region and draws the region's
 * basemap and areas.
 */
const pinIcon = L.divIcon({
  className: 'laksa-pin',
  html: '<span class="laksa-pin-head"></span>',
  iconSize: [32, 42],
  iconAnchor: [16, 42],
});

export interface LocationPickerProps {
  bounds: Bounds;
  value: { lat: number; lng: number } | null;
  onChange: (lat: number, lng: number) => void;
  label: string;
  /** Bumped by the parent to ask for a pin at the map's centre (keyboard users). */
  placeAtCentre: number;
}

/** Tap the map to place the pin; drag it or tap again to move it. */
export function LocationPicker({ bounds, value, onChange, label, placeAtCentre }: LocationPickerProps) {
  const { t } = useLang();
  const region = useRegion();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const regionMap = useRef<RegionMap | null>(null);
  const marker = useRef<L.Marker | null>(null);
  const change = useRef(onChange);
  change.current = onChange;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is made once; later props are applied below
  useEffect(() => {
    if (!el.current) return;
    const rm = createRegionMap(el.current, {
      view: region.map,
      bounds,
      zoom: { in: t('laksaCitizen.map.zoomIn'), out: t('laksaCitizen.map.zoomOut') },
      leaflet: { tapTolerance: 20 },
    });
    const m = rm.map;
    m.on('click', (e: L.LeafletMouseEvent) => change.current(e.latlng.lat, e.latlng.lng));
    map.current = m;
    regionMap.current = rm;
    return () => {
      m.remove();
      map.current = null;
      regionMap.current = null;
      marker.current = null;
    };
  }, []);

  // The region's or LAKSA's bounds may arrive after the map was made: open on them all the same.
  useEffect(() => {
    regionMap.current?.update(region.map, bounds);
  }, [region.map, bounds]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (!value) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    const at = L.latLng(value.lat, value.lng);
    if (!marker.current) {
      marker.current = L.marker(at, { icon: pinIcon, draggable: true, keyboard: false, autoPan: true })
        .on('dragend', (e) => {
          const p = (e.target as L.Marker).getLatLng();
          change.current(p.lat, p.lng);
        })
        .addTo(m);
      if (m.getZoom() < 15) m.setView(at, 16);
    } else {
      marker.current.setLatLng(at);
    }
    if (!m.getBounds().contains(at)) m.panTo(at);
  }, [value]);

  useEffect(() => {
    if (placeAtCentre === 0 || !map.current) return;
    const c = map.current.getCenter();
    change.current(c.lat, c.lng);
  }, [placeAtCentre]);

  return (
    <section aria-label={label} className="laksa-map-wrap">
      <div ref={el} className="laksa-map" data-testid="laksa-location-map" />
    </section>
  );
}

const statusColour = (s: ReportStatus) =>
  s === 'selesai'
    ? '#1e7b34'
    : s === 'ditolak' || s === 'dialihkan'
      ? '#6b7785'
      : s === 'diproses'
        ? '#0b5fa5'
        : '#b45309';

export interface ReportsMapProps {
  bounds: Bounds;
  items: PublicListItem[];
  label: string;
  /** `west,south,east,north` of what is on screen, after each move. */
  onMove: (bbox: string) => void;
  onSelect: (ticket: string) => void;
}

/** Public reports as dots (canvas: cheap with hundreds of them); tap one to open it. */
export function ReportsMap({ bounds, items, label, onMove, onSelect }: ReportsMapProps) {
  const { t } = useLang();
  const region = useRegion();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const regionMap = useRef<RegionMap | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const handlers = useRef({ onMove, onSelect });
  handlers.current = { onMove, onSelect };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is made once
  useEffect(() => {
    if (!el.current) return;
    const rm = createRegionMap(el.current, {
      view: region.map,
      bounds,
      zoom: { in: t('laksaCitizen.map.zoomIn'), out: t('laksaCitizen.map.zoomOut') },
      leaflet: { preferCanvas: true },
    });
    const m = rm.map;
    regionMap.current = rm;
    layer.current = L.layerGroup().addTo(m);
    const report = () => {
      const b = m.getBounds();
      const f = (n: number) => n.toFixed(5);
      handlers.current.onMove(`${f(b.getWest())},${f(b.getSouth())},${f(b.getEast())},${f(b.getNorth())}`);
    };
    m.on('moveend', report);
    map.current = m;
    report();
    return () => {
      m.remove();
      map.current = null;
      regionMap.current = null;
    };
  }, []);

  useEffect(() => {
    regionMap.current?.update(region.map, bounds);
  }, [region.map, bounds]);

  useEffect(() => {
    const g = layer.current;
    if (!g) return;
    g.clearLayers();
    for (const item of items) {
      L.circleMarker([item.lat, item.lng], {
        radius: 9,
        weight: 2,
        color: '#ffffff',
        fillColor: statusColour(item.status),
        fillOpacity: 0.9,
      })
        .bindTooltip(textElement(`${item.ticket} · ${item.categoryName}`))
        .on('click', () => handlers.current.onSelect(item.ticket))
        .addTo(g);
    }
  }, [items]);

  return (
    <section aria-label={label} className="laksa-map-wrap">
      <div ref={el} className="laksa-map laksa-map-tall" data-testid="laksa-map" />
    </section>
  );
}

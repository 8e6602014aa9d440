import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import { useEffect, useRef } from 'react';
import type { WallMapItem } from '../../../../shared/live';
import { useLang } from '../../core/i18n';
import { textElement } from '../../core/map-text';
import type { MapState } from './useWallMap';
import { mapMarkerNouns } from './widgets';

/**
 * The wall's Leaflet map: every open item of every module, clustered, coloured by tone; items
 * that arrived live pulse. Tiles: `VITE_MAP_TILE_URL` (default OpenStreetMap, darkened by CSS;
 * `none` = no tiles); automated browsers (e2e) never load remote tiles.
 */
const tileUrl: string = import.meta.env.VITE_MAP_TILE_URL ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const tileAttribution: string =
  import.meta.env.VITE_MAP_TILE_ATTRIBUTION ??
  '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';
const tilesOn = () => !!tileUrl && tileUrl !== 'none' && !navigator.webdriver;
const INDONESIA: L.LatLngTuple = [-2.5, 118];

const icon = (item: WallMapItem, fresh: boolean) =>
  L.divIcon({
    className: `wall-marker tone-${item.tone}${mapMarkerNouns[item.module]?.place ? ' place' : ''}${fresh ? ' fresh' : ''}`,
    html: '<span></span>',
    iconSize: [22, 22],
    iconAnchor: [11, 11],
  });

/**
 * Shows every item whenever their number changes (a wall nobody touches follows what is open),
 * until someone drags or zooms the map by hand.
 */
function fitItems(m: L.Map, items: readonly WallMapItem[], fitted: { current: number }, userMoved: boolean) {
  if (userMoved || items.length === 0 || items.length === fitted.current) return;
  fitted.current = items.length;
  m.invalidateSize();
  m.fitBounds(L.latLngBounds(items.map((i) => [i.lat, i.lng] as L.LatLngTuple)).pad(0.15), { maxZoom: 15 });
}

export default function WallMap({ state, label }: { state: MapState; label: string }) {
  const { pick } = useLang();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.MarkerClusterGroup | null>(null);
  const markers = useRef(new Map<string, { marker: L.Marker; sig: string }>());
  const fitted = useRef(0);
  const userMoved = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is made once; items are applied below
  useEffect(() => {
    if (!el.current) return;
    // maxZoom on the map itself: without a tile layer markercluster would have none to read.
    const m = L.map(el.current, {
      zoomControl: true,
      attributionControl: tilesOn(),
      maxZoom: 19,
      minZoom: 4,
      zoomAnimation: !navigator.webdriver,
      markerZoomAnimation: !navigator.webdriver,
    }).setView(INDONESIA, 5);
    el.current.setAttribute('role', 'region');
    el.current.setAttribute('aria-label', label);
    if (tilesOn())
      L.tileLayer(tileUrl, { maxZoom: 19, className: 'wall-tiles', attribution: tileAttribution }).addTo(m);
    else el.current.classList.add('wall-map-plain');
    // Clusters only where markers would overlap (a small radius: new items should be seen pulsing).
    const group = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 30 });
    group.addTo(m);
    map.current = m;
    layer.current = group;
    const current = markers.current;
    // The wall's grid can size the map after Leaflet measured it (fonts, lazy CSS, window resize).
    const resized = new ResizeObserver(() => m.invalidateSize());
    resized.observe(el.current);
    const byHand = () => {
      userMoved.current = true;
    };
    m.on('dragstart', byHand);
    el.current.addEventListener('wheel', byHand, { passive: true });
    el.current.addEventListener('dblclick', byHand);
    m.zoomControl?.getContainer()?.addEventListener('click', byHand);
    return () => {
      resized.disconnect();
      m.remove();
      current.clear();
      map.current = null;
      layer.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    const group = layer.current;
    if (!m || !group) return;
    const seen = new Set<string>();
    for (const item of state.items) {
      seen.add(item.key);
      const fresh = state.fresh.has(item.key);
      const sig = `${item.lat},${item.lng},${item.tone},${item.state},${fresh}`;
      const known = markers.current.get(item.key);
      if (known?.sig === sig) continue;
      if (known) group.removeLayer(known.marker);
      const marker = L.marker([item.lat, item.lng], {
        icon: icon(item, fresh),
        title: pick(item.label),
        keyboard: false,
      }).bindTooltip(textElement(pick(item.label)));
      marker.on('add', () => {
        const node = marker.getElement();
        node?.setAttribute('data-testid', 'wall-marker');
        node?.setAttribute('data-key', item.key);
      });
      group.addLayer(marker);
      markers.current.set(item.key, { marker, sig });
    }
    for (const [key, { marker }] of markers.current)
      if (!seen.has(key)) {
        group.removeLayer(marker);
        markers.current.delete(key);
      }
    fitItems(m, state.items, fitted, userMoved.current);
  }, [state, pick]);

  return <div ref={el} className="wall-map-canvas" data-testid="wall-map" data-count={state.items.length} />;
}

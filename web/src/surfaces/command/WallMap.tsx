import L from 'leaflet';
import 'leaflet.markercluster';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import { useEffect, useRef } from 'react';
import type { WallMapItem } from '../../../../shared/live';
import { useLang } from '../../core/i18n';
import { createRegionMap } from '../../core/map/region-map';
import { textElement } from '../../core/map-text';
import { useRegion } from '../../core/region';
import type { MapState } from './useWallMap';
import { mapMarkerNouns } from './widgets';

/**
 * The wall's Leaflet map: every open item of every module, clustered, coloured by tone; items
 * that arrived live pulse. Made by the core factory (web/src/core/map): it opens on the region and
 * draws the region's basemap (darkened by CSS) and areas.
 */
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
  const region = useRegion();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.MarkerClusterGroup | null>(null);
  const markers = useRef(new Map<string, { marker: L.Marker; sig: string }>());
  const fitted = useRef(0);
  const userMoved = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is made once; items are applied below
  useEffect(() => {
    if (!el.current) return;
    const m = createRegionMap(el.current, {
      view: region.map,
      label,
      tileClassName: 'wall-tiles',
      leaflet: { zoomControl: true },
    }).map;
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

/**
 * The one way Simpul makes a Leaflet map (a lazy chunk: import it only from lazily loaded map
 * components). Every map opens on the region (its bounds from `GET /api/region`, `map`), draws the
 * region's basemap — tiles from a URL template, the deployment's self-hosted PMTiles file (vector
 * tiles drawn by protomaps-leaflet, raster tiles by the pmtiles Leaflet layer; both in their own
 * lazy chunk), or none — and on top the region's kecamatan/kelurahan outlines and kecamatan names
 * where the region has that data. With no basemap reachable the map still shows the region.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { AreaGeoView, BasemapView, Bounds, RegionMapView } from '../../../../shared/map';
import { api } from '../api';
import { textElement } from '../map-text';
import './region-map.css';

export const INDONESIA: Bounds = { south: -11.2, west: 94.7, north: 6.3, east: 141.1 };

export const toLatLngBounds = (b: Bounds) => L.latLngBounds([b.south, b.west], [b.north, b.east]);

export const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

export interface RegionMapOptions {
  /** The region's map (`useRegion().map`); null/undefined → Indonesia, no basemap. */
  view: RegionMapView | null | undefined;
  /** Accessible name of the map. */
  label?: string;
  /** Fit to these bounds instead of the region's (e.g. a module's own geofence). */
  bounds?: Bounds | null;
  /** Zoom buttons with these titles (Indonesian or English); false = none. */
  zoom?: { in: string; out: string } | false;
  /** Outlines and kecamatan names (default true). */
  areas?: boolean;
  /** Extra class of the basemap's tiles (the wall darkens them). */
  tileClassName?: string;
  /** Leaflet options (the map's own maxZoom defaults to 19: markercluster needs one). */
  leaflet?: L.MapOptions;
}

export interface RegionMap {
  map: L.Map;
  /** Fit the map to the region (or the bounds given) again. */
  fitRegion(): void;
  /**
   * A newer region view or bounds (they may arrive after the map was made): fits to them unless
   * someone has moved the map by hand, and swaps the basemap if it changed.
   */
  update(view: RegionMapView | null | undefined, bounds?: Bounds | null): void;
  /** Whether someone dragged or zoomed the map by hand. */
  movedByHand(): boolean;
}

/** Leaflet renders attribution as HTML: a region admin's text goes in escaped. */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const basemapKey = (b: BasemapView | undefined) => JSON.stringify(b ?? { kind: 'none' });

async function basemapLayer(b: BasemapView, tileClassName?: string): Promise<L.Layer | null> {
  const attribution = 'attribution' in b && b.attribution ? escapeHtml(b.attribution) : undefined;
  if (b.kind === 'tiles') return L.tileLayer(b.url, { maxZoom: 19, attribution, className: tileClassName });
  if (b.kind !== 'pmtiles') return null;
  const { PMTiles, TileType, leafletRasterLayer } = await import('pmtiles');
  const archive = new PMTiles(b.url);
  const header = await archive.getHeader();
  if (header.tileType === TileType.Mvt) {
    const { leafletLayer } = await import('protomaps-leaflet');
    return leafletLayer({
      url: archive,
      flavor: 'light',
      lang: 'id',
      attribution,
      maxDataZoom: header.maxZoom,
      className: tileClassName,
    } as Parameters<typeof leafletLayer>[0]) as unknown as L.Layer;
  }
  return leafletRasterLayer(archive, {
    attribution,
    maxNativeZoom: header.maxZoom,
    maxZoom: 19,
    className: tileClassName,
  }) as L.Layer;
}

let areasPromise: Promise<AreaGeoView[]> | null = null;
/** The region's area geometry, fetched once per page load. */
function loadAreas(): Promise<AreaGeoView[]> {
  areasPromise ??= api<AreaGeoView[]>('/region/areas/geo').catch(() => {
    areasPromise = null;
    return [];
  });
  return areasPromise;
}

function drawAreas(map: L.Map, areas: AreaGeoView[]) {
  const outlines = areas.filter((a) => a.boundary);
  if (outlines.length > 0)
    L.geoJSON(
      {
        type: 'FeatureCollection',
        features: outlines.map((a) => ({
          type: 'Feature',
          properties: { level: a.level },
          geometry: a.boundary as GeoJSON.Geometry,
        })),
      } as GeoJSON.FeatureCollection,
      {
        pane: 'simpulAreas',
        interactive: false,
        style: (f) =>
          f?.properties.level === 'kecamatan'
            ? { color: '#0b5fa5', weight: 2, opacity: 0.8, fill: false }
            : { color: '#0b5fa5', weight: 1, opacity: 0.45, dashArray: '3 4', fill: false },
      },
    ).addTo(map);
  const labels: L.Marker[] = [];
  for (const a of areas) {
    if (a.level !== 'kecamatan' || a.lat === null || a.lng === null) continue;
    labels.push(
      L.marker([a.lat, a.lng], {
        pane: 'simpulAreaLabels',
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: 'map-area-label', html: textElement(a.name), iconSize: [0, 0] }),
      }).addTo(map),
    );
  }
  // Names that would overlap an earlier one are hidden at this zoom (they show when zoomed in).
  const declutter = () => {
    const shown: DOMRect[] = [];
    for (const m of labels) {
      const text = m.getElement()?.firstElementChild as HTMLElement | null | undefined;
      if (!text) continue;
      text.style.visibility = '';
      const r = text.getBoundingClientRect();
      const hit = shown.some(
        (o) => r.left < o.right + 4 && r.right + 4 > o.left && r.top < o.bottom && r.bottom > o.top,
      );
      if (hit) text.style.visibility = 'hidden';
      else shown.push(r);
    }
  };
  map.on('zoomend', declutter);
  declutter();
}

/** Makes the map, fitted to the region at once (no frame of Indonesia first). */
export function createRegionMap(el: HTMLElement, options: RegionMapOptions): RegionMap {
  const still = reducedMotion();
  const map = L.map(el, {
    zoomControl: false,
    attributionControl: false,
    maxZoom: 19,
    minZoom: 4,
    zoomAnimation: !still,
    fadeAnimation: !still,
    markerZoomAnimation: !still,
    ...options.leaflet,
  });
  if (options.label) {
    el.setAttribute('role', 'region');
    el.setAttribute('aria-label', options.label);
  }
  if (options.zoom)
    L.control.zoom({ zoomInTitle: options.zoom.in, zoomOutTitle: options.zoom.out }).addTo(map);
  map.createPane('simpulAreas').style.zIndex = '350';
  const labels = map.createPane('simpulAreaLabels');
  labels.style.zIndex = '450';
  labels.style.pointerEvents = 'none';
  // Async work (basemap header, area geometry) may finish after the page removed the map; remove()
  // empties the panes (pages may call map.off() first, so no 'unload' listener can be relied on).
  const alive = () => map.getPane('simpulAreaLabels') !== undefined;

  let view = options.view ?? null;
  let bounds = options.bounds ?? null;
  const target = () => bounds ?? view?.bounds ?? INDONESIA;
  const fitRegion = () => map.fitBounds(toLatLngBounds(target()), { animate: false });
  // What is on screen, for people's tools and the browser tests: `south,west,north,east`.
  const showView = () => {
    const b = map.getBounds();
    el.dataset.view = [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]
      .map((n) => n.toFixed(5))
      .join(',');
  };
  map.on('moveend', showView);
  fitRegion();
  showView();
  // Only a person's moves count (drag, wheel, double-click, zoom buttons), never the page's own.
  let userMoved = false;
  const byHand = () => {
    userMoved = true;
  };
  map.on('dragstart', byHand);
  el.addEventListener('wheel', byHand, { passive: true });
  el.addEventListener('dblclick', byHand);
  map.zoomControl?.getContainer()?.addEventListener('click', byHand);
  el.querySelector('.leaflet-control-zoom')?.addEventListener('click', byHand);

  let layer: L.Layer | null = null;
  let attribution: L.Control.Attribution | null = null;
  let currentKey = '';
  let generation = 0;
  const applyBasemap = () => {
    const key = basemapKey(view?.basemap);
    if (key === currentKey) return;
    currentKey = key;
    const mine = ++generation;
    if (layer) map.removeLayer(layer);
    layer = null;
    attribution?.remove();
    attribution = null;
    // The plain land colour stays under any basemap: where tiles are missing (an unreachable tile
    // server, the edge of a local extract) the map shows the region's names on it, not Leaflet's grey.
    el.classList.add('map-plain');
    const b = view?.basemap;
    el.dataset.basemap = b?.kind ?? 'none';
    delete el.dataset.basemapReady;
    if (!b || b.kind === 'none') return;
    basemapLayer(b, options.tileClassName)
      .then((l) => {
        if (!l || mine !== generation || !alive()) return;
        attribution = L.control.attribution({ prefix: false }).addTo(map);
        layer = l.addTo(map);
        el.dataset.basemapReady = 'true';
      })
      .catch(() => {
        // An unreachable basemap leaves the plain background with the region's areas on it.
      });
  };
  applyBasemap();

  if (options.areas !== false)
    void loadAreas().then((areas) => {
      if (alive()) drawAreas(map, areas);
    });

  return {
    map,
    fitRegion,
    movedByHand: () => userMoved,
    update(next, nextBounds) {
      const before = JSON.stringify(target());
      view = next ?? view;
      if (nextBounds !== undefined) bounds = nextBounds;
      if (JSON.stringify(target()) !== before && !userMoved) fitRegion();
      applyBasemap();
    },
  };
}

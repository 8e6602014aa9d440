import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { createRegionMap } from '../../../core/map/region-map';
import { textElement } from '../../../core/map-text';
import { useRegion } from '../../../core/region';
import { Alert, Icon, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { BASE, type LayerView, serverUrl } from '../api';

const LIMIT = 2000;
const TIMES = [
  { id: 'all', days: null, label: 'dataPeta.timeAll' },
  { id: '7', days: 7, label: 'dataPeta.time7' },
  { id: '30', days: 30, label: 'dataPeta.time30' },
  { id: '365', days: 365, label: 'dataPeta.time365' },
] as const;

type Fc = { features: GeoJSON.Feature[]; numberMatched?: number; numberReturned: number };

/**
 * The WebGIS page: every layer of the region's OGC API on the platform's map (core factory:
 * the region's basemap setting, none in tests), with toggles, a legend, popups and a time filter.
 * It reads the same /ogc items any GIS client reads, for the area on screen.
 */
export default function WebGis() {
  const { t, pick } = useLang();
  const f = useFormat();
  const region = useRegion();
  const search = useSearch();
  const only = new URLSearchParams(search).get('layer');
  const { data: layers, error } = useApi<LayerView[]>(`${BASE}/layers`);
  const [on, setOn] = useState<Record<string, boolean>>({});
  const [time, setTime] = useState<(typeof TIMES)[number]['id']>('all');
  const [counts, setCounts] = useState<Record<string, { shown: number; matched?: number }>>({});
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const groups = useRef(new Map<string, L.LayerGroup>());
  const [moved, setMoved] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the layer list arrives once
  useEffect(() => {
    if (!layers) return;
    setOn(Object.fromEntries(layers.map((l) => [l.id, only ? l.id === only : true])));
  }, [layers]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is made once
  useEffect(() => {
    if (!el.current) return;
    const made = createRegionMap(el.current, {
      view: region.map,
      label: t('dataPeta.mapTitle', { region: region.name }),
      leaflet: { zoomControl: true, preferCanvas: true },
    });
    mapRef.current = made.map;
    let timer: ReturnType<typeof setTimeout> | undefined;
    made.map.on('moveend', () => {
      clearTimeout(timer);
      timer = setTimeout(() => setMoved((n) => n + 1), 250);
    });
    return () => {
      clearTimeout(timer);
      made.map.remove();
      mapRef.current = null;
      groups.current.clear();
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when layers, time or the view change
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !layers) return;
    const ctrl = new AbortController();
    const b = map.getBounds();
    const bbox = [
      Math.max(-180, b.getWest()),
      Math.max(-90, b.getSouth()),
      Math.min(180, b.getEast()),
      Math.min(90, b.getNorth()),
    ];
    const days = TIMES.find((x) => x.id === time)?.days;
    for (const layer of layers) {
      let group = groups.current.get(layer.id);
      if (!on[layer.id]) {
        group?.remove();
        continue;
      }
      if (!group) {
        group = L.layerGroup();
        groups.current.set(layer.id, group);
      }
      group.addTo(map);
      const q = new URLSearchParams({ limit: String(LIMIT), f: 'json' });
      // A wide view (the whole country) asks without a bbox; the server bounds the area it accepts.
      if ((bbox[2]! - bbox[0]!) * (bbox[3]! - bbox[1]!) < 20)
        q.set('bbox', bbox.map((n) => n.toFixed(5)).join(','));
      if (days)
        q.set(
          'datetime',
          `${new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z')}/..`,
        );
      fetch(serverUrl(`/ogc/collections/${layer.id}/items?${q}`), {
        signal: ctrl.signal,
        headers: { accept: 'application/geo+json' },
      })
        .then((r) => (r.ok ? (r.json() as Promise<Fc>) : Promise.reject(new Error(String(r.status)))))
        .then((fc) => {
          group!.clearLayers();
          L.geoJSON(fc as unknown as GeoJSON.FeatureCollection, {
            pointToLayer: (_feature, latlng) =>
              L.circleMarker(latlng, {
                radius: 7,
                weight: 2,
                color: '#ffffff',
                fillColor: layer.color,
                fillOpacity: 0.9,
              }),
            // Lines and areas only: GeoJSON's style would also repaint the point markers.
            style: (feat) =>
              feat?.geometry.type.endsWith('Point')
                ? {}
                : { color: layer.color, weight: 2, fillOpacity: 0.25 },
            onEachFeature: (feature, lyr) => {
              // Title, then "label: value" lines, as text (never markup: a name could hold HTML).
              const lines = [layer.title];
              for (const field of layer.fields) {
                const v = (feature.properties as Record<string, unknown> | null)?.[field.name];
                if (v === null || v === undefined || v === '') continue;
                const shown =
                  typeof v === 'number'
                    ? f.number(v, 2)
                    : field.type === 'timestamp'
                      ? f.dateTime(new Date(String(v)))
                      : String(v);
                lines.push(`${pick(field.label)}: ${shown}`);
              }
              lyr.bindPopup(textElement(lines.join('\n'), 'div'));
              const name = layer.fields[0]
                ? (feature.properties as Record<string, unknown> | null)?.[layer.fields[0].name]
                : null;
              if (name) lyr.bindTooltip(textElement(String(name)));
            },
          }).addTo(group!);
          setCounts((c) => ({ ...c, [layer.id]: { shown: fc.numberReturned, matched: fc.numberMatched } }));
        })
        .catch(() => {
          /* aborted or refused: the previous markers stay */
        });
    }
    return () => ctrl.abort();
  }, [layers, on, time, moved]);

  return (
    <div className="dp dp-webgis" data-testid="dp-webgis">
      <p>
        <Link href="/" className="dp-link">
          <Icon name="back" size={16} /> {t('dataPeta.back')}
        </Link>
      </p>
      <h1>{t('dataPeta.mapTitle', { region: region.name })}</h1>
      <p className="muted">{t('dataPeta.mapIntro')}</p>
      {error ? <Alert>{error}</Alert> : null}
      <div className="dp-webgis-body">
        <div ref={el} className="dp-map" data-testid="dp-map" />
        <aside className="dp-layers card">
          <h2>{t('dataPeta.layers')}</h2>
          {!layers ? <Spinner label={t('dataPeta.loading')} /> : null}
          <ul data-testid="dp-legend" aria-label={t('dataPeta.legend')}>
            {layers?.map((l) => (
              <li key={l.id}>
                <label className="dp-layer-toggle">
                  <input
                    type="checkbox"
                    checked={!!on[l.id]}
                    onChange={(e) => setOn((o) => ({ ...o, [l.id]: e.target.checked }))}
                    data-testid={`dp-layer-${l.id}`}
                  />
                  <span className="dp-swatch" style={{ background: l.color }} aria-hidden="true" />
                  <span>
                    {l.title}
                    <span className="muted dp-layer-meta">
                      {' '}
                      · {l.kind === 'place' ? t('dataPeta.kindPlace') : t('dataPeta.kindEvent')}
                      {on[l.id] && counts[l.id]
                        ? ` · ${t('dataPeta.featureCount', { count: counts[l.id]!.shown })}`
                        : ''}
                    </span>
                  </span>
                </label>
                {on[l.id] && counts[l.id] && counts[l.id]!.shown >= LIMIT ? (
                  <p className="muted dp-layer-meta">{t('dataPeta.truncated', { count: LIMIT })}</p>
                ) : null}
              </li>
            ))}
          </ul>
          <label className="dp-time">
            <span>{t('dataPeta.timeFilter')}</span>
            <select
              value={time}
              onChange={(e) => setTime(e.target.value as typeof time)}
              data-testid="dp-time"
            >
              {TIMES.map((x) => (
                <option key={x.id} value={x.id}>
                  {t(x.label)}
                </option>
              ))}
            </select>
          </label>
        </aside>
      </div>
    </div>
  );
}

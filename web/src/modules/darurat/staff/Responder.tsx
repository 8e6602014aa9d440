import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { IncidentView, UnitView } from '../../../../../shared/modules/darurat';
import {
  incidentStatusLabels,
  unitKindLabels,
  unitStatusLabels,
} from '../../../../../shared/modules/darurat';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Card, Icon, Spinner } from '../../../core/ui';
import { clock, useDaruratStream } from '../live';
import { UnitActions } from './UnitActions';

const CrewMap = lazy(() => import('./CrewMap'));

type Point = { lat: number; lng: number };

/** The phone's position while the crew view is open (null: not allowed, not yet, no GPS). */
function useOwnPosition(): Point | null {
  const [pos, setPos] = useState<Point | null>(null);
  useEffect(() => {
    if (!('geolocation' in navigator)) return;
    const id = navigator.geolocation.watchPosition(
      (p) => setPos({ lat: p.coords.latitude, lng: p.coords.longitude }),
      () => {},
      { enableHighAccuracy: true, maximumAge: 15_000, timeout: 30_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, []);
  return pos;
}

/** Hand-off to the phone's maps app: `geo:` (Android picks the app), and web directions as fallback. */
export function navigationLinks(to: Point, from: Point | null) {
  const dest = `${to.lat},${to.lng}`;
  return {
    geo: `geo:${dest}?q=${dest}`,
    google: `https://www.google.com/maps/dir/?api=1&destination=${dest}${from ? `&origin=${from.lat},${from.lng}` : ''}&travelmode=driving`,
    osm: from
      ? `https://www.openstreetmap.org/directions?engine=fossgis_osrm_car&route=${from.lat}%2C${from.lng}%3B${to.lat}%2C${to.lng}`
      : `https://www.openstreetmap.org/?mlat=${to.lat}&mlon=${to.lng}#map=17/${to.lat}/${to.lng}`,
  };
}

/**
 * A unit crew's phone view ("Unit saya"), live on the 112 stream: the incident their unit is on —
 * place and landmark, kecamatan, the caller's number to tap, notes from the caller and the call
 * centre — a map with the incident and the crew's own position, navigation hand-off to the
 * phone's maps app, and thumb-sized buttons for the next status.
 */
export default function Responder() {
  const { t, pick, locale } = useLang();
  const { data, error, reload } = useApi<{ units: UnitView[]; incidents: IncidentView[] }>(
    '/m/darurat/responder',
  );
  const live = useDaruratStream(
    '',
    useCallback(() => reload(), [reload]),
  );
  const own = useOwnPosition();
  if (error && !data) return <Alert>{error}</Alert>;
  if (!data) return <Spinner label={t('common.loading')} />;
  if (data.units.length === 0) return <Alert kind="info">{t('darurat.crew.noUnit')}</Alert>;
  return (
    <div className="dr-crew" data-testid="darurat-crew">
      <div className="dr-crew-head">
        <h1>{t('darurat.staff.tabCrew')}</h1>
        <span role="status" className="small muted" data-testid="crew-live">
          {live ? t('darurat.staff.live') : t('darurat.staff.connecting')}
        </span>
      </div>
      {data.units.map((u) => (
        <CrewUnit
          key={u.id}
          unit={u}
          incident={data.incidents.find((x) => x.id === u.incidentId) ?? null}
          own={own}
          onDone={reload}
          pick={pick}
          t={t}
          locale={locale}
        />
      ))}
    </div>
  );
}

function CrewUnit({
  unit: u,
  incident: i,
  own,
  onDone,
  pick,
  t,
  locale,
}: {
  unit: UnitView;
  incident: IncidentView | null;
  own: Point | null;
  onDone: () => void;
  pick: ReturnType<typeof useLang>['pick'];
  t: ReturnType<typeof useLang>['t'];
  locale: string;
}) {
  const meLat = own?.lat ?? u.lat;
  const meLng = own?.lng ?? u.lng;
  const atLat = i?.lat ?? null;
  const atLng = i?.lng ?? null;
  const label = i ? pick({ id: i.type.name, en: i.type.nameEn }) : '';
  const at = useMemo(
    () => (atLat !== null && atLng !== null ? { lat: atLat, lng: atLng } : null),
    [atLat, atLng],
  );
  const mapIncident = useMemo(() => (at ? { ...at, label } : null), [at, label]);
  const mapMe = useMemo(() => ({ lat: meLat, lng: meLng }), [meLat, meLng]);
  const caller = i?.calls.find((c) => c.callerPhone) ?? null;
  const nav = at ? navigationLinks(at, own) : null;
  const place = i ? [i.address, i.kelurahan, i.kecamatan ? `Kec. ${i.kecamatan}` : null].filter(Boolean) : [];
  return (
    <Card title={`${u.callSign} · ${pick(unitKindLabels[u.kind])}`} data-testid="crew-unit">
      <p className={`dr-unit-status dr-u-${u.status}`} data-testid="crew-unit-status">
        {pick(unitStatusLabels[u.status])}
      </p>
      {i ? (
        <div className="dr-crew-incident" data-testid="crew-incident">
          <h2>
            {label} · {i.priority}
          </h2>
          <p className="small muted">
            {i.number} · {pick(incidentStatusLabels[i.status])}
          </p>
          <div className="dr-crew-place" data-testid="crew-place">
            {place.length > 0 ? <strong>{place.join(', ')}</strong> : null}
            {at ? null : (
              <p className="dr-noloc" data-testid="crew-no-location">
                <strong>{t('darurat.staff.noLocation')}</strong> {t('darurat.staff.noLocationCall')}
              </p>
            )}
          </div>
          <div className="dr-crew-links">
            {caller?.callerPhone ? (
              <a
                className="btn btn-secondary"
                href={`tel:${caller.callerPhone}`}
                data-testid="crew-call-caller"
              >
                <Icon name="phone" size={20} />
                <span>
                  {t('darurat.crew.callCaller')}
                  <span className="dr-crew-phone mono">{caller.callerPhone}</span>
                </span>
              </a>
            ) : null}
            {nav ? (
              <a className="btn btn-secondary" href={nav.geo} data-testid="crew-navigate">
                <Icon name="map" size={20} />
                <span>{t('darurat.crew.navigate')}</span>
              </a>
            ) : null}
          </div>
        </div>
      ) : (
        <p className="muted">{t('darurat.crew.idle')}</p>
      )}
      <UnitActions unit={u} big onDone={onDone} />
      {i ? (
        <>
          <Suspense fallback={null}>
            <CrewMap incident={mapIncident} me={mapMe} meLabel={u.callSign} ownGps={!!own} />
          </Suspense>
          <p className="small muted">{own ? t('darurat.crew.mapOwn') : t('darurat.crew.mapUnit')}</p>
          {nav ? (
            <p className="small">
              {t('darurat.crew.directions')}{' '}
              <a href={nav.google} target="_blank" rel="noreferrer" data-testid="crew-directions-google">
                Google Maps
              </a>{' '}
              ·{' '}
              <a href={nav.osm} target="_blank" rel="noreferrer" data-testid="crew-directions-osm">
                OpenStreetMap
              </a>
            </p>
          ) : null}
          <dl className="dr-facts">
            {caller?.callerName ? (
              <>
                <dt>{t('darurat.staff.callers')}</dt>
                <dd>{caller.callerName}</dd>
              </>
            ) : null}
            {i.description ? (
              <>
                <dt>{t('darurat.form.description')}</dt>
                <dd>{i.description}</dd>
              </>
            ) : null}
            {i.victims !== null ? (
              <>
                <dt>{t('darurat.form.victims')}</dt>
                <dd>{i.victims}</dd>
              </>
            ) : null}
          </dl>
          <section aria-labelledby={`dr-crew-notes-${u.id}`}>
            <h3 id={`dr-crew-notes-${u.id}`}>{t('darurat.crew.notes')}</h3>
            {i.notes.length === 0 ? <p className="muted small">{t('darurat.crew.noNotes')}</p> : null}
            <ul className="dr-notes" data-testid="crew-notes">
              {i.notes.map((n) => (
                <li key={n.at}>
                  <span className="mono small">{clock(n.at, locale)}</span>{' '}
                  <span className="small muted">
                    {n.author === 'warga' ? t('darurat.crew.fromCaller') : t('darurat.crew.fromStaff')}
                  </span>{' '}
                  {n.text}
                  {n.photoUrl ? (
                    <img src={n.photoUrl} alt={t('darurat.citizen.photoAlt')} loading="lazy" />
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
    </Card>
  );
}

import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import type { IncidentListItem, UnitView } from '../../../../../shared/modules/darurat';
import {
  incidentStatusLabels,
  unitKindLabels,
  unitStatusLabels,
} from '../../../../../shared/modules/darurat';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Card } from '../../../core/ui';
import { clock, useDaruratStream } from '../live';
import { CallForm } from './CallForm';
import { IncidentPanel } from './IncidentPanel';
import { UnitActions } from './UnitActions';

const BoardMap = lazy(() => import('./BoardMap'));

/**
 * The dispatcher board: the call-taker form, open incidents and units, all live (every 112 event
 * reloads the lists, in one request each however many events arrive together), and a map.
 */
export default function Board({ title }: { title: string }) {
  const { t, pick, locale } = useLang();
  const { can } = useSession();
  const takesCalls = can('darurat:intake');
  const incidents = useApi<IncidentListItem[]>('/m/darurat/incidents');
  const units = useApi<UnitView[]>('/m/darurat/units');
  const [selected, setSelected] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [pin, setPin] = useState<{ lat: number; lng: number } | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const reloadIncidents = incidents.reload;
  const reloadUnits = units.reload;
  const live = useDaruratStream(
    '',
    useCallback(() => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        reloadIncidents();
        reloadUnits();
        setTick((n) => n + 1);
      }, 150);
    }, [reloadIncidents, reloadUnits]),
  );

  const dispatcher = can('darurat:dispatch');
  return (
    <div data-testid="darurat-board" className="dr-board-page">
      <div className="dr-board-head">
        <h1>{title}</h1>
        <span role="status" data-testid="board-live" className="small muted">
          {live ? t('darurat.staff.live') : t('darurat.staff.connecting')}
        </span>
      </div>
      <div className={takesCalls ? 'dr-board' : 'dr-board dr-board-noform'}>
        {takesCalls ? (
          <Card title={t('darurat.form.title')} className="dr-panel dr-area-form">
            <CallForm
              pin={pin}
              onCreated={(id) => {
                if (id) setSelected(id);
                reloadIncidents();
              }}
            />
          </Card>
        ) : null}
        <Card
          title={t('darurat.staff.incidents')}
          className="dr-panel dr-area-list"
          data-testid="board-incidents-panel"
        >
          {incidents.error ? <Alert>{incidents.error}</Alert> : null}
          {incidents.data && incidents.data.length === 0 ? (
            <p className="muted">{t('darurat.staff.none')}</p>
          ) : null}
          <ul className="dr-incidents" data-testid="board-incidents">
            {(incidents.data ?? []).map((i) => (
              <li key={i.id}>
                <button
                  type="button"
                  className={`dr-incident dr-${i.priority} ${selected === i.id ? 'selected' : ''}`}
                  onClick={() => setSelected(i.id)}
                  aria-pressed={selected === i.id}
                  data-testid="board-incident"
                  data-number={i.number}
                  data-location={i.locationKnown ? 'known' : 'unavailable'}
                >
                  <span className={`dr-prio dr-prio-${i.priority}`}>{i.priority}</span>
                  <span className="dr-incident-main">
                    <strong>{pick({ id: i.type.name, en: i.type.nameEn })}</strong>
                    <span className="small muted">
                      {i.number}
                      {i.source === 'panik' ? ` · ${t('darurat.staff.panic')}` : ''}
                    </span>
                    {i.locationKnown ? (
                      <span className="small muted">
                        {i.kecamatan ?? i.address ?? `${i.lat?.toFixed(4)}, ${i.lng?.toFixed(4)}`}
                      </span>
                    ) : (
                      <span className="dr-noloc-tag small" data-testid="board-incident-noloc">
                        {t('darurat.staff.noLocation')}
                      </span>
                    )}
                  </span>
                  <span className="dr-incident-state small">
                    {pick(incidentStatusLabels[i.status])}
                    <br />
                    <span className="mono">{clock(i.times.callReceivedAt, locale)}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </Card>
        <Card
          title={t('darurat.staff.units')}
          className="dr-panel dr-area-units"
          data-testid="board-units-panel"
        >
          <table className="table dr-units" data-testid="board-units">
            <thead>
              <tr>
                <th scope="col">{t('darurat.staff.unit')}</th>
                <th scope="col">{t('darurat.staff.status')}</th>
                {dispatcher ? <th scope="col">{t('darurat.staff.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {(units.data ?? []).map((u) => (
                <tr key={u.id} data-testid="board-unit" data-callsign={u.callSign}>
                  <td>
                    <span className="mono">{u.callSign}</span>
                    <br />
                    <span className="small muted">{pick(unitKindLabels[u.kind])}</span>
                  </td>
                  <td>
                    <span className={`dr-unit-status dr-u-${u.status}`}>
                      {pick(unitStatusLabels[u.status])}
                    </span>
                    <br />
                    <span className="small muted">
                      {t('darurat.staff.since')} <span className="mono">{clock(u.statusAt, locale)}</span>
                    </span>
                  </td>
                  {dispatcher ? (
                    <td>
                      <UnitActions unit={u} small onDone={reloadUnits} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card
          title={t('darurat.staff.map')}
          className="dr-panel dr-area-map"
          data-testid="board-map-panel"
          actions={takesCalls ? <span className="small muted">{t('darurat.staff.mapHint')}</span> : null}
        >
          <Suspense fallback={null}>
            <BoardMap
              incidents={incidents.data ?? []}
              units={units.data ?? []}
              onPick={takesCalls ? setPin : undefined}
              onOpen={setSelected}
            />
          </Suspense>
        </Card>
        <div className="dr-panel-bare dr-area-detail" data-testid="board-detail">
          {selected ? (
            <IncidentPanel
              key={selected}
              id={selected}
              tick={tick}
              openIncidents={incidents.data ?? []}
              onChanged={() => {
                reloadIncidents();
                reloadUnits();
              }}
            />
          ) : (
            <Card>
              <p className="muted">{t('darurat.staff.pick')}</p>
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}

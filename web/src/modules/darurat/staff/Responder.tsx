import { useCallback } from 'react';
import type { IncidentView, UnitView } from '../../../../../shared/modules/darurat';
import {
  incidentStatusLabels,
  unitKindLabels,
  unitStatusLabels,
} from '../../../../../shared/modules/darurat';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Card, Spinner } from '../../../core/ui';
import { useDaruratStream } from '../live';
import { UnitActions } from './UnitActions';

/** A unit crew's phone view: my unit, its incident, and big buttons for the next status. */
export default function Responder() {
  const { t, pick } = useLang();
  const { data, error, reload } = useApi<{ units: UnitView[]; incidents: IncidentView[] }>(
    '/m/darurat/responder',
  );
  useDaruratStream(
    '',
    useCallback(() => reload(), [reload]),
  );
  if (error && !data) return <Alert>{error}</Alert>;
  if (!data) return <Spinner label={t('common.loading')} />;
  if (data.units.length === 0) return <Alert kind="info">{t('darurat.crew.noUnit')}</Alert>;
  return (
    <div className="dr-crew" data-testid="darurat-crew">
      {data.units.map((u) => {
        const i = data.incidents.find((x) => x.id === u.incidentId);
        return (
          <Card key={u.id} title={`${u.callSign} · ${pick(unitKindLabels[u.kind])}`} data-testid="crew-unit">
            <p className={`dr-unit-status dr-u-${u.status}`} data-testid="crew-unit-status">
              {pick(unitStatusLabels[u.status])}
            </p>
            {i ? (
              <div className="dr-crew-incident" data-testid="crew-incident">
                <h2>
                  {pick({ id: i.type.name, en: i.type.nameEn })} · {i.priority}
                </h2>
                <p>{pick(incidentStatusLabels[i.status])}</p>
                <p>{[i.address, i.kelurahan, i.kecamatan].filter(Boolean).join(', ')}</p>
                {i.description ? <p>{i.description}</p> : null}
                <a className="btn btn-secondary" href={`geo:${i.lat},${i.lng}?q=${i.lat},${i.lng}`}>
                  {t('darurat.crew.navigate')}
                </a>
              </div>
            ) : (
              <p className="muted">{t('darurat.crew.idle')}</p>
            )}
            <UnitActions unit={u} onDone={reload} />
          </Card>
        );
      })}
    </div>
  );
}

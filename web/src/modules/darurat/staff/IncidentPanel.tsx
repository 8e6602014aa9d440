import { useEffect, useState } from 'react';
import type { IncidentListItem, IncidentView, UnitView } from '../../../../../shared/modules/darurat';
import {
  classificationLabels,
  closedIncidentStatuses,
  dispositionLabels,
  dispositions,
  incidentStatusLabels,
  incidentTransitions,
  unitKindLabels,
  unitStatusLabels,
} from '../../../../../shared/modules/darurat';
import { api, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Button, Card, SelectField } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { clock, span } from '../live';

/** One incident for the dispatcher: times, callers, units, nearest available units, close, merge. */
export function IncidentPanel({
  id,
  tick,
  openIncidents,
  onChanged,
}: {
  id: string;
  tick: number;
  openIncidents: IncidentListItem[];
  onChanged: () => void;
}) {
  const { t, pick, locale } = useLang();
  const format = useFormat();
  const { can } = useSession();
  const dispatcher = can('darurat:dispatch');
  const detail = useApi<IncidentView>(`/m/darurat/incidents/${id}`);
  const suggestions = useApi<UnitView[]>(dispatcher ? `/m/darurat/incidents/${id}/suggestions` : null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [disposition, setDisposition] = useState<string>('ditangani_di_lokasi');
  const { reload } = detail;
  const reloadSuggestions = suggestions.reload;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` = something changed on the stream
  useEffect(() => {
    reload();
    if (dispatcher) reloadSuggestions();
  }, [tick]);

  async function act(key: string, path: string, body: object) {
    setBusy(key);
    setError(null);
    try {
      detail.setData(await api<IncidentView>(`/m/darurat/incidents/${id}${path}`, { method: 'POST', body }));
      reloadSuggestions();
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  const i = detail.data;
  if (detail.error && !i && (detail.errorStatus === 404 || detail.errorStatus === 400))
    return <Alert data-testid="panel-not-found">{t('darurat.notFound.title')}</Alert>;
  if (detail.error && !i) return <Alert>{detail.error}</Alert>;
  if (!i) return null;
  const open = !closedIncidentStatuses.includes(i.status);
  const canClose = (a: 'complete' | 'cancel') => incidentTransitions[a].from.includes(i.status);
  const others = openIncidents.filter((o) => o.id !== i.id && o.status === 'baru');
  const callerPhone = i.calls.find((c) => c.callerPhone)?.callerPhone ?? null;
  return (
    <Card
      title={`${pick({ id: i.type.name, en: i.type.nameEn })} · ${i.priority}`}
      data-testid="incident-panel"
      actions={<span className="mono small">{i.number}</span>}
    >
      <p className={`dr-status dr-status-${i.status}`} data-testid="panel-status">
        {pick(incidentStatusLabels[i.status])}
        {i.type.police ? <span className="dr-police"> · {t('darurat.staff.police')}</span> : null}
      </p>
      {!i.locationKnown && open ? (
        <div className="dr-noloc" role="alert" data-testid="panel-no-location">
          <strong>{t('darurat.staff.noLocation')}</strong> {t('darurat.staff.noLocationCall')}{' '}
          {callerPhone ? (
            <a href={`tel:${callerPhone}`} className="mono" data-testid="panel-call-caller">
              {callerPhone}
            </a>
          ) : null}
        </div>
      ) : null}
      <dl className="dr-facts">
        <dt>{t('darurat.staff.place')}</dt>
        <dd>
          {[i.address, i.kelurahan, i.kecamatan].filter(Boolean).join(', ') ||
            (i.locationKnown ? '–' : t('darurat.staff.noLocation'))}{' '}
          {i.lat !== null && i.lng !== null ? (
            <span className="mono small">
              ({i.lat.toFixed(5)}, {i.lng.toFixed(5)})
            </span>
          ) : null}
        </dd>
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
        <dt>{t('darurat.staff.callers')}</dt>
        <dd>
          <ul className="dr-callers" data-testid="panel-callers">
            {i.calls.map((c) => (
              <li key={c.id}>
                <span className="dr-caller-who">
                  {c.callerName ? <strong>{c.callerName}</strong> : null}
                  {c.callerPhone ? (
                    <a href={`tel:${c.callerPhone}`} className="mono">
                      {c.callerPhone}
                    </a>
                  ) : null}
                  <span className="small muted">
                    {c.source === 'panik'
                      ? t('darurat.staff.panic')
                      : pick(classificationLabels[c.classification])}
                  </span>
                </span>
                <time className="dr-caller-when mono small" dateTime={c.receivedAt}>
                  {clock(c.receivedAt, locale)}
                </time>
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('darurat.staff.times')}</dt>
        <dd className="small">
          {t('darurat.step.received')} {clock(i.times.callReceivedAt, locale)} · {t('darurat.kpi.create')}{' '}
          {span(i.times.callReceivedAt, i.times.createdAt, format)} · {t('darurat.kpi.dispatch')}{' '}
          {span(i.times.callReceivedAt, i.times.dispatchedAt, format)} · {t('darurat.kpi.response')}{' '}
          {span(i.times.callReceivedAt, i.times.onSceneAt, format)}
        </dd>
      </dl>
      {i.units.length > 0 ? (
        <ul className="dr-assigned" data-testid="panel-units">
          {i.units.map((u) => (
            <li key={`${u.unitId}-${u.assignedAt}`}>
              <strong className="mono">{u.callSign}</strong> {u.agencyName} · {t('darurat.step.dispatched')}{' '}
              {clock(u.assignedAt, locale)} · {t('darurat.step.enRoute')} {clock(u.enRouteAt, locale)} ·{' '}
              {t('darurat.step.onScene')} {clock(u.onSceneAt, locale)}
              {u.releasedAt ? ` · ${t('darurat.staff.released')}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {i.notes.length > 0 ? (
        <ul className="dr-notes">
          {i.notes.map((n) => (
            <li key={n.at}>
              <span className="mono small">{clock(n.at, locale)}</span> {n.text}
              {n.photoUrl ? (
                <img src={n.photoUrl} alt={t('darurat.citizen.photoAlt')} loading="lazy" />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <Alert data-testid="panel-error">{error}</Alert> : null}
      {dispatcher && open ? (
        <>
          <h3>{t('darurat.staff.suggest')}</h3>
          {suggestions.data && suggestions.data.length === 0 ? (
            <p className="muted">{t('darurat.staff.noUnits')}</p>
          ) : null}
          <ul className="dr-suggestions" data-testid="panel-suggestions">
            {(suggestions.data ?? []).map((u) => (
              <li key={u.id}>
                <span>
                  <strong className="mono">{u.callSign}</strong> {pick(unitKindLabels[u.kind])} ·{' '}
                  {u.distanceM === undefined ? '' : `${format.distance(u.distanceM)} · `}
                  {pick(unitStatusLabels[u.status])}
                </span>
                <Button
                  small
                  busy={busy === u.id}
                  onClick={() => act(u.id, '/dispatch', { unitIds: [u.id] })}
                  data-testid={`dispatch-${u.callSign}`}
                >
                  {t('darurat.staff.dispatch')}
                </Button>
              </li>
            ))}
          </ul>
          <div className="dr-close">
            <SelectField
              id="dr-disposition"
              label={t('darurat.staff.disposition')}
              value={disposition}
              onChange={(e) => setDisposition(e.target.value)}
              options={dispositions.map((d) => ({ value: d, label: pick(dispositionLabels[d]) }))}
            />
            <Button
              disabled={!canClose('complete')}
              busy={busy === 'complete'}
              onClick={() => act('complete', '/close', { action: 'complete', disposition })}
              data-testid="panel-complete"
            >
              {t('darurat.staff.complete')}
            </Button>
            <Button
              variant="secondary"
              disabled={!canClose('cancel')}
              busy={busy === 'cancel'}
              onClick={() => act('cancel', '/close', { action: 'cancel', disposition })}
              data-testid="panel-cancel"
            >
              {t('darurat.staff.cancel')}
            </Button>
          </div>
          {others.length > 0 ? (
            <details className="dr-merge">
              <summary>{t('darurat.staff.merge')}</summary>
              <ul>
                {others.map((o) => (
                  <li key={o.id}>
                    {o.number} · {pick({ id: o.type.name, en: o.type.nameEn })} · {o.kecamatan ?? ''}{' '}
                    <Button
                      small
                      variant="secondary"
                      busy={busy === `m${o.id}`}
                      onClick={() => act(`m${o.id}`, '/merge', { duplicateIds: [o.id] })}
                    >
                      {t('darurat.staff.mergeThis')}
                    </Button>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}

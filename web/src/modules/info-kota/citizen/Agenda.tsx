import '../strings';
import { useState } from 'react';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { type AgendaView, BASE } from '../api';

/** The city agenda: upcoming events (or the last 90 days), with a map link when there is a point. */
export default function Agenda() {
  const { t } = useLang();
  const format = useFormat();
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const { data, error, loading } = useApi<AgendaView[]>(`${BASE}/public/agenda?when=${when}`);
  return (
    <section aria-labelledby="ik-agenda-title">
      <h2 id="ik-agenda-title" className="sr-only">
        {t('infoKota.agenda.title')}
      </h2>
      <fieldset className="ik-chips ik-group">
        <legend className="sr-only">{t('infoKota.agenda.title')}</legend>
        {(['upcoming', 'past'] as const).map((w) => (
          <button
            key={w}
            type="button"
            className="ik-chip"
            aria-pressed={when === w}
            onClick={() => setWhen(w)}
          >
            {t(`infoKota.agenda.${w}`)}
          </button>
        ))}
      </fieldset>
      {loading && !data ? <Spinner label={t('common.loading')} /> : null}
      {error ? <Alert>{error}</Alert> : null}
      {data && data.length === 0 ? <p className="muted">{t('infoKota.agenda.empty')}</p> : null}
      <ul className="ik-list" data-testid="ik-agenda">
        {(data ?? []).map((e) => (
          <li key={e.id} className="ik-event" data-testid="ik-event">
            <p className="ik-event-when">
              <time dateTime={e.startsAt}>{format.dateTime(e.startsAt)}</time>
              {e.endsAt
                ? ` – ${format.date(e.endsAt) === format.date(e.startsAt) ? format.time(e.endsAt) : format.dateTime(e.endsAt)}`
                : ''}
            </p>
            <h3 className="ik-event-title">{e.title}</h3>
            <p className="ik-event-place">
              {e.place}
              {e.lat !== null && e.lng !== null ? (
                <>
                  {' · '}
                  <a
                    href={`https://www.openstreetmap.org/?mlat=${e.lat}&mlon=${e.lng}#map=17/${e.lat}/${e.lng}`}
                    target="_blank"
                    rel="noopener noreferrer"
                  >
                    {t('infoKota.agenda.map')}
                  </a>
                </>
              ) : null}
            </p>
            {e.description ? <p className="muted">{e.description}</p> : null}
            {e.opdName ? <p className="ik-card-meta">{e.opdName}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

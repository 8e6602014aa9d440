import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import {
  type CitizenIncidentView,
  closedIncidentStatuses,
  incidentStatusLabels,
  unitKindLabels,
} from '../../../../../shared/modules/darurat';
import { api, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { checkPhoto } from '../../../core/photo-check';
import { useSession } from '../../../core/session';
import { Alert, Button, Icon, Spinner, TextAreaField } from '../../../core/ui';
import { clock, useDaruratStream } from '../live';
import { uploadPhoto } from '../upload';
import { locate, locationProblem } from './PanicHome';

const steps = [
  ['callReceivedAt', 'received'],
  ['dispatchedAt', 'dispatched'],
  ['enRouteAt', 'enRoute'],
  ['onSceneAt', 'onScene'],
  ['closedAt', 'closed'],
] as const;

/** The citizen's incident, live: every change on the server reloads it (own incident only). */
export function IncidentStatus({ id }: { id: string }) {
  const { t, pick, locale } = useLang();
  const { me } = useSession();
  const path = `/m/darurat/my/incidents/${id}`;
  const { data, setData, error, errorStatus, reload } = useApi<CitizenIncidentView>(path);
  const closed = data ? closedIncidentStatuses.includes(data.status) : false;
  const live = useDaruratStream(
    closed ? null : `?incident=${id}`,
    useCallback(() => reload(), [reload]),
  );
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [noteError, setNoteError] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState<'denied' | 'failed' | null>(
    () => sessionStorage.getItem('simpul.darurat.locationProblem') as 'denied' | 'failed' | null,
  );
  const tried = useRef(false);
  const needsLocation = !!data && !data.locationKnown && !closed;

  /** Find the phone's position and add it to the incident (the panic went out without one). */
  const sendLocation = useCallback(async () => {
    setLocating(true);
    setNoteError(null);
    try {
      const pos = await locate(15_000).catch((err: unknown) => {
        setProblem(locationProblem(err));
        return null;
      });
      if (!pos) return;
      setData(
        await api<CitizenIncidentView>(`${path}/location`, {
          method: 'POST',
          body: {
            lat: pos.coords.latitude,
            lng: pos.coords.longitude,
            accuracy: Math.round(pos.coords.accuracy),
          },
        }),
      );
      sessionStorage.removeItem('simpul.darurat.locationProblem');
      setProblem(null);
    } catch (err) {
      setNoteError(errorMessage(err));
    } finally {
      setLocating(false);
    }
  }, [path, setData]);

  // Once, by itself: unless the permission is known to be denied (asking again would not prompt).
  useEffect(() => {
    if (!needsLocation || tried.current) return;
    tried.current = true;
    const perms = navigator.permissions?.query({ name: 'geolocation' });
    if (!perms) return void sendLocation();
    perms.then(
      (st) => (st.state === 'denied' ? setProblem('denied') : sendLocation()),
      () => sendLocation(),
    );
  }, [needsLocation, sendLocation]);

  async function send(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setNoteError(null);
    try {
      const photoId = photo ? await uploadPhoto(photo, me?.csrfToken) : undefined;
      setData(
        await api<CitizenIncidentView>(`${path}/notes`, {
          method: 'POST',
          body: { text: note.trim() || undefined, photoId },
        }),
      );
      setNote('');
      setPhoto(null);
    } catch (err) {
      setNoteError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (error && !data && (errorStatus === 404 || errorStatus === 400))
    return (
      <div className="dr-citizen narrow" data-testid="darurat-not-found">
        <Link href="/" className="back-link">
          <Icon name="back" size={18} />
          {t('darurat.citizen.back')}
        </Link>
        <h1>{t('darurat.notFound.title')}</h1>
        <p>{t('darurat.notFound.citizen')}</p>
      </div>
    );
  if (error && !data) return <Alert>{error}</Alert>;
  if (!data) return <Spinner label={t('common.loading')} />;
  return (
    <div className="dr-citizen narrow" data-testid="darurat-incident">
      <Link href="/" className="back-link">
        <Icon name="back" size={18} />
        {t('darurat.citizen.back')}
      </Link>
      <h1>
        {pick({ id: data.type.name, en: data.type.nameEn })}
        <span className="dr-number muted mono">{data.number}</span>
      </h1>
      <p className={`dr-status dr-status-${data.status}`} data-testid="incident-status" aria-live="polite">
        {pick(incidentStatusLabels[data.status])}
      </p>
      {needsLocation ? (
        <div className="dr-noloc" data-testid="incident-no-location" role="alert">
          <p>
            <strong>{t('darurat.citizen.sentNoLocation')}</strong>{' '}
            {problem === 'denied'
              ? t('darurat.citizen.gpsDenied')
              : problem === 'failed'
                ? t('darurat.citizen.gpsFailed')
                : t('darurat.citizen.willCall')}
          </p>
          <div className="dr-noloc-actions">
            <a className="dr-call dr-call-inline" href="tel:112" data-testid="incident-call-112">
              <Icon name="phone" size={20} />
              <span>{t('darurat.citizen.call112')}</span>
            </a>
            <Button
              variant="secondary"
              busy={locating}
              onClick={() => sendLocation()}
              data-testid="incident-send-location"
            >
              {t('darurat.citizen.sendLocation')}
            </Button>
          </div>
        </div>
      ) : null}
      <p className="muted small" role="status">
        {closed
          ? t('darurat.citizen.closed')
          : live
            ? t('darurat.citizen.live')
            : t('darurat.citizen.connecting')}
      </p>
      <ol className="dr-steps">
        {steps.map(([key, label]) => (
          <li key={key} className={data.times[key] ? 'done' : ''}>
            <span>{t(`darurat.step.${label}`)}</span>
            <span className="mono">{clock(data.times[key], locale)}</span>
          </li>
        ))}
      </ol>
      {data.units.length > 0 ? (
        <section aria-labelledby="dr-units">
          <h2 id="dr-units">{t('darurat.citizen.units')}</h2>
          <ul className="dr-unit-list" data-testid="incident-units">
            {data.units.map((u) => (
              <li key={`${u.callSign}-${u.assignedAt}`}>
                <strong>{u.callSign}</strong> · {pick(unitKindLabels[u.kind])}
                {u.onSceneAt
                  ? ` · ${t('darurat.step.onScene')}`
                  : u.enRouteAt
                    ? ` · ${t('darurat.step.enRoute')}`
                    : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.notes.length > 0 ? (
        <ul className="dr-notes">
          {data.notes.map((n) => (
            <li key={n.at}>
              <span className="mono small">{clock(n.at, locale)}</span> {n.text}
              {n.photoUrl ? (
                <img src={n.photoUrl} alt={t('darurat.citizen.photoAlt')} loading="lazy" />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {!closed ? (
        <form onSubmit={send} className="dr-note-form" data-testid="incident-note-form">
          <TextAreaField
            id="dr-note"
            label={t('darurat.citizen.note')}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={1000}
          />
          <label className="field" htmlFor="dr-photo">
            <span className="field-label">{t('darurat.citizen.photo')}</span>
            <input
              id="dr-photo"
              type="file"
              accept="image/*"
              capture="environment"
              aria-describedby={photoError ? 'dr-photo-error' : undefined}
              onChange={async (e) => {
                // Checked by its bytes on selection (core/photo-check.ts): a refusal says why, here.
                const file = e.target.files?.[0] ?? null;
                const check = file ? await checkPhoto(file) : null;
                setPhotoError(check && !check.ok ? check.message : null);
                setPhoto(check?.ok ? file : null);
              }}
            />
          </label>
          {photoError ? (
            <p className="field-error" role="alert" id="dr-photo-error">
              {photoError}
            </p>
          ) : null}
          {noteError ? <Alert>{noteError}</Alert> : null}
          <Button
            type="submit"
            busy={busy}
            disabled={!note.trim() && !photo}
            data-testid="incident-note-send"
          >
            {t('darurat.citizen.sendNote')}
          </Button>
        </form>
      ) : null}
    </div>
  );
}

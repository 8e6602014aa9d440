import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { CitizenIncidentView, TypeView } from '../../../../../shared/modules/darurat';
import { incidentStatusLabels } from '../../../../../shared/modules/darurat';
import { api, errorMessage } from '../../../core/api';
import { appPath } from '../../../core/base';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Icon, Spinner } from '../../../core/ui';

/** Where the phone is, or why not (permission denied, no GPS, too slow). */
export function locate(timeout = 10_000): Promise<GeolocationPosition> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject(new Error('unsupported'));
    navigator.geolocation.getCurrentPosition(resolve, reject, {
      enableHighAccuracy: true,
      timeout,
      maximumAge: 30_000,
    });
  });
}

/** Why there is no position: permission denied, or no fix (no GPS, too slow, unsupported). */
export const locationProblem = (err: unknown): 'denied' | 'failed' =>
  typeof err === 'object' && err !== null && 'code' in err && (err as { code: number }).code === 1
    ? 'denied'
    : 'failed';

/**
 * The panic button: one tap on the kind of emergency sends it with the phone's GPS position and
 * the signed-in citizen's identity and phone, then opens the incident's live status. Without a
 * position (permission denied, no fix) it goes out ANYWAY, marked "lokasi tidak tersedia": the
 * status page keeps trying to add it. Feedback shows right under the "Telepon 112" button, where
 * the eye already is; calling 112 stays one tap away (no data connection, no GPS, not signed in).
 */
export function PanicHome({ title }: { title: string }) {
  const { t, pick } = useLang();
  const { me } = useSession();
  const [, navigate] = useLocation();
  const types = useApi<TypeView[]>('/m/darurat/types');
  const mine = useApi<CitizenIncidentView[]>(me ? '/m/darurat/my/incidents' : null);
  const [sending, setSending] = useState<string | null>(null);
  const [phase, setPhase] = useState<'locating' | 'sending' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const feedback = useRef<HTMLDivElement>(null);

  // Whatever the finger tapped, the feedback is brought into view (under the "Telepon 112" button).
  useEffect(() => {
    if (phase || error) feedback.current?.scrollIntoView?.({ block: 'nearest' });
  }, [phase, error]);

  async function press(code: string) {
    setSending(code);
    setError(null);
    setPhase('locating');
    try {
      const pos = await locate().catch((err: unknown) => {
        // No position: the panic goes out without one ("lokasi tidak tersedia"), never not at all.
        sessionStorage.setItem('simpul.darurat.locationProblem', locationProblem(err));
        return null;
      });
      setPhase('sending');
      const incident = await api<CitizenIncidentView>('/m/darurat/panic', {
        method: 'POST',
        body: pos
          ? {
              typeCode: code,
              lat: pos.coords.latitude,
              lng: pos.coords.longitude,
              accuracy: Math.round(pos.coords.accuracy),
            }
          : { typeCode: code },
      });
      navigate(`/kejadian/${incident.id}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSending(null);
      setPhase(null);
    }
  }

  return (
    <div className="dr-citizen narrow" data-testid="darurat-home">
      <h1>{title}</h1>
      <a className="dr-call" href="tel:112" data-testid="darurat-call-112">
        <Icon name="phone" size={22} />
        <span>{t('darurat.citizen.call112')}</span>
      </a>
      <div ref={feedback} className="dr-feedback" aria-live="assertive" data-testid="darurat-feedback">
        {error ? (
          <Alert data-testid="darurat-error">
            {error} {t('darurat.citizen.callInstead')}
          </Alert>
        ) : phase ? (
          <Spinner
            label={phase === 'locating' ? t('darurat.citizen.locating') : t('darurat.citizen.sending')}
          />
        ) : null}
      </div>
      {!me ? (
        <Alert kind="info">
          {t('darurat.citizen.signInFirst')}{' '}
          <a href={appPath('/masuk?next=/layanan/darurat')}>{t('darurat.citizen.signIn')}</a>
        </Alert>
      ) : (
        <>
          <p className="muted">{t('darurat.citizen.intro')}</p>
          {types.loading && !types.data ? <Spinner label={t('common.loading')} /> : null}
          <ul className="dr-panic-grid">
            {(types.data ?? []).map((ty) => (
              <li key={ty.code}>
                <button
                  type="button"
                  className="dr-panic"
                  data-testid={`panic-${ty.code}`}
                  disabled={sending !== null}
                  aria-busy={sending === ty.code || undefined}
                  onClick={() => press(ty.code)}
                >
                  <Icon name="siren" size={28} />
                  <span>{pick({ id: ty.name, en: ty.nameEn })}</span>
                </button>
              </li>
            ))}
          </ul>
          {mine.data && mine.data.length > 0 ? (
            <section aria-labelledby="dr-mine">
              <h2 id="dr-mine">{t('darurat.citizen.mine')}</h2>
              <ul className="dr-mine">
                {mine.data.map((i) => (
                  <li key={i.id}>
                    <Link href={`/kejadian/${i.id}`}>
                      {i.number} · {pick({ id: i.type.name, en: i.type.nameEn })} ·{' '}
                      {pick(incidentStatusLabels[i.status])}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}

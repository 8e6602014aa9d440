import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { skmElements } from '../../../../../shared/modules/antrian';
import { api, errorMessage } from '../../../core/api';
import { useApi, useDebounced } from '../../../core/hooks';
import { t as tr, useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Button, Spinner, TextAreaField } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { BASE, type TicketView } from '../api';
import { stateLabel } from '../common';
import { useUnitStream } from '../live';
import { Qr } from '../Qr';

type Element = (typeof skmElements)[number];

function elementLabel(e: Element): string {
  return {
    persyaratan: tr('antrian.skm.persyaratan'),
    prosedur: tr('antrian.skm.prosedur'),
    waktu: tr('antrian.skm.waktu'),
    biaya: tr('antrian.skm.biaya'),
    produk: tr('antrian.skm.produk'),
    kompetensi: tr('antrian.skm.kompetensi'),
    perilaku: tr('antrian.skm.perilaku'),
    pengaduan: tr('antrian.skm.pengaduan'),
    sarana: tr('antrian.skm.sarana'),
  }[e];
}

const FACE_FILL = ['#f8a5a0', '#fbd38d', '#c6e98b', '#7fd99a'];
const FACE_MOUTH = ['M7.5 17.5q4.5-4.5 9 0', 'M8 16.5q4-2 8 0', 'M8 15q4 2.5 8 0', 'M7 13.5q5 6 10 0'];

/** A face from sad (1) to happy (4), drawn (emoji faces are missing on some phones). */
function Face({ score, size = 36 }: { score: number; size?: number }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="10.5" fill={FACE_FILL[score - 1]} stroke="#15202b" strokeWidth="1.2" />
      <circle cx="8.6" cy="9.6" r="1.3" fill="#15202b" />
      <circle cx="15.4" cy="9.6" r="1.3" fill="#15202b" />
      <path d={FACE_MOUTH[score - 1]} fill="none" stroke="#15202b" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}
const SCORES = [1, 2, 3, 4] as const;
function scoreLabel(n: number): string {
  return [tr('antrian.rate.1'), tr('antrian.rate.2'), tr('antrian.rate.3'), tr('antrian.rate.4')][n - 1]!;
}

/**
 * `/layanan/antrian/t/<token>`: one ticket, followed live without signing in (the token in the
 * printed QR is the proof): the number, where it stands, cancel, and the rating after service.
 */
export function TicketPage({ token }: { token: string }) {
  const { t } = useLang();
  const f = useFormat();
  const { me } = useSession();
  const ticket = useApi<TicketView>(`${BASE}/t/${encodeURIComponent(token)}`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reload = useDebounced(ticket.reload, 800);
  const tk = ticket.data;
  const live = tk && ['booked', 'waiting', 'called', 'serving'].includes(tk.status);
  const stream = useUnitStream(live ? tk.unit.code : null, reload, reload);
  // The stream is what updates the page; a slow poll is the safety net on a flaky phone network.
  useEffect(() => {
    if (!live) return;
    const timer = window.setInterval(reload, 20_000);
    return () => window.clearInterval(timer);
  }, [live, reload]);

  // A phone buzzes when its number is called.
  const lastStatus = useRef<string | null>(null);
  useEffect(() => {
    if (!tk) return;
    if (tk.status === 'called' && lastStatus.current && lastStatus.current !== 'called')
      navigator.vibrate?.([300, 150, 300, 150, 600]);
    lastStatus.current = tk.status;
  }, [tk]);

  if (ticket.loading && !tk) return <Spinner label={t('antrian.loading')} />;
  if (!tk)
    return (
      <div className="antrian narrow">
        <Alert>{ticket.errorStatus === 404 ? t('antrian.ticketNotFound') : ticket.error}</Alert>
      </div>
    );

  const cancel = async () => {
    if (!window.confirm(t('antrian.cancelConfirm', { number: tk.number ?? tk.bookingCode ?? '' }))) return;
    setBusy(true);
    setError(null);
    try {
      ticket.setData(
        await api<TicketView>(`${BASE}/t/${encodeURIComponent(token)}/cancel`, { method: 'POST' }),
      );
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const called = tk.status === 'called';
  return (
    <div className="antrian narrow" data-testid="antrian-ticket">
      {me ? (
        <Link href="/saya" className="antrian-back">
          ← {t('antrian.mine.title')}
        </Link>
      ) : null}
      <p className="antrian-ticket-unit">
        {tk.unit.name} · {tk.service.name}
      </p>
      {tk.status === 'booked' ? (
        <section className="antrian-booking" aria-labelledby="booking-title">
          <h1 id="booking-title" className="antrian-ticket-label">
            {t('antrian.bookingCode')}
          </h1>
          <p className="antrian-booking-code" data-testid="antrian-booking-code">
            {tk.bookingCode}
          </p>
          {tk.bookingCode ? <Qr text={tk.bookingCode} size={180} label={t('antrian.qrBooking')} /> : null}
          <p>
            {t('antrian.bookedFor', {
              day: f.day(tk.day),
              time: tk.slotStart ? f.time(tk.slotStart).slice(0, 5) : '',
            })}
          </p>
          <p className="muted antrian-small">{t('antrian.bookingHowTo')}</p>
        </section>
      ) : (
        <>
          <h1 className="antrian-ticket-label">{t('antrian.yourNumber')}</h1>
          <p
            className={`antrian-ticket-number${called ? ' antrian-called' : ''}`}
            data-testid="antrian-ticket-number"
          >
            {tk.number}
          </p>
        </>
      )}
      <div
        className={`antrian-ticket-status antrian-ticket-${tk.status}`}
        data-testid="antrian-ticket-status"
        data-status={tk.status}
        role="status"
        aria-live="assertive"
        aria-atomic="true"
      >
        {called ? (
          <>
            <strong className="antrian-called-word">{t('antrian.calledNow')}</strong>
            <span>{t('antrian.goTo', { counter: tk.counter ?? '' })}</span>
          </>
        ) : tk.status === 'serving' ? (
          <span>{t('antrian.servingAt', { counter: tk.counter ?? '' })}</span>
        ) : (
          <span>{stateLabel(tk.status)}</span>
        )}
      </div>
      {tk.status === 'waiting' ? (
        <dl className="antrian-figures">
          <div>
            <dt>{t('antrian.ahead')}</dt>
            <dd data-testid="antrian-ahead">{tk.ahead === null ? '–' : f.number(tk.ahead, 0)}</dd>
          </div>
          <div>
            <dt>{t('antrian.nowServing')}</dt>
            <dd>{tk.nowServing ?? '–'}</dd>
          </div>
          <div>
            <dt>{t('antrian.estimateLabel')}</dt>
            <dd>
              {tk.estimatedWaitMinutes === null ? '–' : f.duration(Math.max(1, tk.estimatedWaitMinutes) * 60)}
            </dd>
          </div>
        </dl>
      ) : null}
      {live ? (
        <p className="muted antrian-small" aria-live="off">
          {stream === 'open' ? t('antrian.liveOn') : t('antrian.liveReconnecting')}
        </p>
      ) : null}
      {tk.status === 'waiting' || tk.status === 'booked' ? (
        <Button variant="secondary" block busy={busy} onClick={cancel} data-testid="antrian-cancel">
          {tk.status === 'booked' ? t('antrian.cancelBooking') : t('antrian.cancelTicket')}
        </Button>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      {tk.status === 'done' ? (
        tk.rated ? (
          <p className="antrian-thanks" data-testid="antrian-rated">
            {t('antrian.rate.thanks')}
          </p>
        ) : (
          <Rating token={token} onDone={() => ticket.setData({ ...tk, rated: true })} />
        )
      ) : null}
    </div>
  );
}

function Rating({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useLang();
  const [full, setFull] = useState(false);
  const [score, setScore] = useState<number | null>(null);
  const [elements, setElements] = useState<Partial<Record<Element, number>>>({});
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (s: number) => {
    setBusy(true);
    setError(null);
    try {
      await api(`${BASE}/t/${encodeURIComponent(token)}/rating`, {
        method: 'POST',
        body: {
          score: s,
          ...(full && Object.keys(elements).length ? { elements } : {}),
          ...(full && comment.trim() ? { comment: comment.trim() } : {}),
        },
      });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <section className="antrian-rating" aria-labelledby="rating-title">
      <h2 id="rating-title">{t('antrian.rate.title')}</h2>
      <fieldset className="antrian-faces" aria-labelledby="rating-title">
        {SCORES.map((n, i) => (
          <button
            key={n}
            type="button"
            className="antrian-face"
            aria-label={scoreLabel(i + 1)}
            aria-pressed={full ? score === i + 1 : undefined}
            disabled={busy}
            onClick={() => (full ? setScore(i + 1) : void send(i + 1))}
            data-testid={`antrian-rate-${i + 1}`}
          >
            <Face score={n} />
            <span className="antrian-face-label">{scoreLabel(i + 1)}</span>
          </button>
        ))}
      </fieldset>
      <Button
        variant="ghost"
        aria-expanded={full}
        onClick={() => setFull(!full)}
        data-testid="antrian-survey-toggle"
      >
        {full ? t('antrian.rate.lessSurvey') : t('antrian.rate.fullSurvey')}
      </Button>
      {full ? (
        <div className="antrian-survey">
          {skmElements.map((e) => (
            <fieldset key={e} className="antrian-survey-row">
              <legend>{elementLabel(e)}</legend>
              <div className="antrian-survey-choices">
                {[1, 2, 3, 4].map((n) => (
                  <button
                    key={n}
                    type="button"
                    className="antrian-survey-choice"
                    aria-pressed={elements[e] === n}
                    aria-label={`${elementLabel(e)}: ${scoreLabel(n)}`}
                    onClick={() => setElements((x) => ({ ...x, [e]: n }))}
                  >
                    <Face score={n} size={28} />
                  </button>
                ))}
              </div>
            </fieldset>
          ))}
          <TextAreaField
            label={t('antrian.rate.comment')}
            value={comment}
            maxLength={500}
            onChange={(e) => setComment(e.target.value)}
          />
          <Button
            block
            busy={busy}
            disabled={score === null}
            onClick={() => score && send(score)}
            data-testid="antrian-rate-send"
          >
            {score === null ? t('antrian.rate.chooseOverall') : t('antrian.rate.send')}
          </Button>
        </div>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
    </section>
  );
}

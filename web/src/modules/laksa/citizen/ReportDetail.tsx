import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { ratingInput, type StepView } from '../../../../../shared/modules/laksa';
import { ApiError, api, errorMessage } from '../../../core/api';
import { formatDateTime } from '../../../core/format';
import { useLang } from '../../../core/i18n';
import { useRegion, useRegionTimeZone } from '../../../core/region';
import { useSession } from '../../../core/session';
import { Alert, Button, buttonClass, Card, Spinner, TextAreaField, useToast } from '../../../core/ui';
import { type FieldErrors, validate } from '../../../core/validation';
import { isClosed, statusLabel, typeLabel } from '../labels';
import { type MyReportView, type Notification, type PublicReportView, paths } from './api';
import { BackToLaksa, outside } from './common';
import { useVisiblePolling } from './hooks';
import { StatusBadge } from './StatusBadge';

type Loaded = { mine: true; view: MyReportView } | { mine: false; view: PublicReportView };

function useReport(ticket: string) {
  const { me, loading: sessionLoading } = useSession();
  const [state, setState] = useState<Loaded | 'not-found' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const signedIn = !!me;

  const load = useCallback(async () => {
    if (sessionLoading) return;
    try {
      if (signedIn) {
        try {
          const view = await api<MyReportView>(paths.myReport(ticket), { fresh: true });
          setState({ mine: true, view });
          setError(null);
          return;
        } catch (err) {
          // Not the reporter (or a supporter): the public tracking view.
          if (!(err instanceof ApiError) || ![403, 404].includes(err.status)) throw err;
        }
      }
      const view = await api<PublicReportView>(paths.publicReport(ticket), { fresh: true });
      setState({ mine: false, view });
      setError(null);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setState('not-found');
      else setError(errorMessage(err));
    }
  }, [ticket, signedIn, sessionLoading]);

  useEffect(() => {
    setState(null);
    void load();
  }, [load]);
  useVisiblePolling(() => void load(), 30_000);
  return { state, error, reload: load };
}

/** Marks this ticket's notifications read once the reporter has seen the page. */
function useMarkRead(ticket: string, mine: boolean) {
  useEffect(() => {
    if (!mine) return;
    let cancelled = false;
    void (async () => {
      try {
        const res = await api<Notification[] | { items: Notification[] }>(paths.notifications, {
          fresh: true,
        });
        const list = Array.isArray(res) ? res : (res.items ?? []);
        const ids = list.filter((n) => n.ticket === ticket && !n.readAt).map((n) => n.id);
        if (!cancelled && ids.length > 0)
          await api(paths.notificationsRead, { method: 'POST', body: { ids } });
      } catch {
        /* best effort */
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [ticket, mine]);
}

function StepItem({ step }: { step: StepView }) {
  const { t, lang, locale } = useLang();
  const tz = useRegionTimeZone();
  const region = useRegion();
  let title: string;
  switch (step.kind) {
    case 'status':
      title = step.toStatus ? statusLabel(step.toStatus, lang) : t('laksaCitizen.timeline.update');
      break;
    case 'reply':
      title = t('laksaCitizen.timeline.reply', { actor: step.actor ?? t('laksaCitizen.timeline.officer') });
      break;
    case 'rating':
      title = t('laksaCitizen.timeline.rating');
      break;
    case 'support':
      title = t('laksaCitizen.timeline.support');
      break;
    case 'duplicate':
      title = t('laksaCitizen.timeline.duplicate');
      break;
    default:
      title = t('laksaCitizen.timeline.update');
  }
  return (
    <li
      className={`laksa-step laksa-step-${step.kind}`}
      data-testid="laksa-timeline-step"
      data-kind={step.kind}
    >
      <p className="laksa-step-title">{title}</p>
      <p className="muted small">
        <time dateTime={step.createdAt}>
          {formatDateTime(step.createdAt, locale, tz)} {region.timeZone}
        </time>
        {step.actor && step.kind !== 'reply' ? ` · ${step.actor}` : ''}
      </p>
      {step.note ? <p className="laksa-step-note">{step.note}</p> : null}
      {step.photos.length > 0 ? (
        <ul className="laksa-photos">
          {step.photos.map((p, i) => (
            <li key={p.fileId}>
              <a href={p.url} target="_blank" rel="noreferrer">
                <img src={p.url} alt={t('laksaCitizen.detail.photoAlt', { n: i + 1 })} loading="lazy" />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function RatingForm({ ticket, onDone }: { ticket: string; onDone: () => void }) {
  const { t, lang } = useLang();
  const toast = useToast();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const v = validate(ratingInput, { rating: rating || undefined, comment: comment.trim() || null }, lang);
    setErrors(v.ok ? {} : v.errors);
    if (!v.ok) return;
    setBusy(true);
    try {
      await api(paths.rating(ticket), { method: 'POST', body: v.data });
      toast(t('laksaCitizen.rating.thanks'));
      onDone();
    } catch (err) {
      toast(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('laksaCitizen.rating.title')} data-testid="laksa-rating-form">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="laksa-stars" aria-describedby={errors.rating ? 'laksa-rating-error' : undefined}>
          <legend>{t('laksaCitizen.rating.legend')}</legend>
          <div className="laksa-stars-row">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className={n <= rating ? 'laksa-star laksa-star-on' : 'laksa-star'}>
                <input
                  type="radio"
                  name="laksa-rating"
                  value={n}
                  checked={rating === n}
                  onChange={() => setRating(n)}
                  data-testid={`laksa-rating-star-${n}`}
                />
                <span aria-hidden="true">★</span>
                <span className="sr-only">{t('laksaCitizen.rating.stars', { count: n })}</span>
              </label>
            ))}
          </div>
          {errors.rating ? (
            <p className="field-error" id="laksa-rating-error">
              {t('laksaCitizen.rating.pick')}
            </p>
          ) : null}
        </fieldset>
        <TextAreaField
          id="laksa-rating-comment"
          label={t('laksaCitizen.rating.comment')}
          value={comment}
          maxLength={1000}
          rows={3}
          onChange={(e) => setComment(e.target.value)}
          error={errors.comment}
          data-testid="laksa-rating-comment"
        />
        <Button type="submit" busy={busy} data-testid="laksa-rating-submit">
          {t('laksaCitizen.rating.submit')}
        </Button>
      </form>
    </Card>
  );
}

function ReopenForm({ ticket, until, onDone }: { ticket: string; until: string | null; onDone: () => void }) {
  const { t, locale } = useLang();
  const tz = useRegionTimeZone();
  const toast = useToast();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (note.trim().length < 3) {
      setError(t('laksaCitizen.reopen.tooShort'));
      return;
    }
    setBusy(true);
    try {
      await api(paths.reopen(ticket), { method: 'POST', body: { note: note.trim() } });
      toast(t('laksaCitizen.reopen.done'));
      setNote('');
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('laksaCitizen.reopen.title')} data-testid="laksa-reopen-form">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <TextAreaField
          id="laksa-reopen-note"
          label={t('laksaCitizen.reopen.note')}
          hint={
            until ? t('laksaCitizen.reopen.until', { time: formatDateTime(until, locale, tz) }) : undefined
          }
          value={note}
          maxLength={4000}
          rows={3}
          onChange={(e) => {
            setNote(e.target.value);
            setError(null);
          }}
          error={error}
          data-testid="laksa-reopen-note"
        />
        <Button type="submit" variant="secondary" busy={busy} data-testid="laksa-reopen-submit">
          {t('laksaCitizen.reopen.submit')}
        </Button>
      </form>
    </Card>
  );
}

export default function ReportDetail({ ticket }: { ticket: string }) {
  const { t, lang, locale } = useLang();
  const tz = useRegionTimeZone();
  const region = useRegion();
  const toast = useToast();
  const { me } = useSession();
  const { state, error, reload } = useReport(ticket);
  const [supporting, setSupporting] = useState(false);
  const mine = state !== null && state !== 'not-found' && state.mine;
  useMarkRead(ticket, mine);

  if (state === 'not-found') {
    return (
      <div className="laksa narrow" data-testid="laksa-not-found">
        <BackToLaksa />
        <h1 className="laksa-title">{t('laksaCitizen.detail.notFoundTitle')}</h1>
        <p>{t('laksaCitizen.detail.notFound', { ticket })}</p>
      </div>
    );
  }
  if (!state) {
    return (
      <div className="laksa narrow">
        <BackToLaksa />
        {error ? (
          <Alert>
            {error}{' '}
            <Button small variant="secondary" onClick={() => void reload()}>
              {t('common.retry')}
            </Button>
          </Alert>
        ) : (
          <Spinner label={t('common.loading')} />
        )}
      </div>
    );
  }

  const r = state.view;
  const my = state.mine ? state.view : null;
  const canSupport =
    !my && !isClosed(r.status) && r.status !== 'menunggu_verifikasi' && r.status !== 'ditunda';

  async function support() {
    setSupporting(true);
    try {
      await api(paths.support(r.ticket), { method: 'POST' });
      toast(t('laksaCitizen.similar.supported'));
      await reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
    } finally {
      setSupporting(false);
    }
  }

  const area = [r.kelurahan?.name, r.kecamatan?.name].filter(Boolean).join(', ');
  return (
    <div className="laksa narrow" data-testid="laksa-detail" data-ticket={r.ticket}>
      <BackToLaksa />
      <div className="laksa-detail-head">
        <p className="laksa-ticket-label">{typeLabel(r.type, lang)}</p>
        <h1 className="laksa-ticket" data-testid="laksa-detail-ticket">
          {r.ticket}
        </h1>
        <div className="row" data-testid="laksa-detail-status" data-status={r.status}>
          <StatusBadge status={r.status} />
          {my?.confidential ? <span className="chip">{t('laksaCitizen.form.confidential')}</span> : null}
          {my?.anonymous ? <span className="chip">{t('laksaCitizen.form.anonymous')}</span> : null}
        </div>
      </div>
      {error ? <Alert kind="warning">{error}</Alert> : null}
      {r.duplicateOf ? (
        <Alert kind="info">
          {t('laksaCitizen.detail.duplicateOf')}{' '}
          <Link href={`/tiket/${encodeURIComponent(r.duplicateOf)}`}>{r.duplicateOf}</Link>
        </Alert>
      ) : null}

      <Card>
        <dl className="details">
          <div>
            <dt>{t('laksaCitizen.form.category')}</dt>
            <dd>{lang === 'en' ? r.category.nameEn : r.category.name}</dd>
          </div>
          <div>
            <dt>{t('laksaCitizen.detail.opd')}</dt>
            <dd data-testid="laksa-detail-opd">
              {r.opds.length > 0 ? r.opds.map((o) => o.name).join(', ') : t('laksaCitizen.detail.noOpd')}
            </dd>
          </div>
          {area ? (
            <div>
              <dt>{t('laksaCitizen.detail.area')}</dt>
              <dd>{area}</dd>
            </div>
          ) : null}
          {r.address ? (
            <div>
              <dt>{t('laksaCitizen.detail.address')}</dt>
              <dd>{r.address}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('laksaCitizen.detail.filed')}</dt>
            <dd>
              {formatDateTime(r.createdAt, locale, tz)} {region.timeZone}
            </dd>
          </div>
          <div>
            <dt>{t('laksaCitizen.detail.supportCount')}</dt>
            <dd data-testid="laksa-support-count">{r.supportCount}</dd>
          </div>
          {r.rating ? (
            <div>
              <dt>{t('laksaCitizen.detail.rating')}</dt>
              <dd>
                <span aria-hidden="true">{'★'.repeat(r.rating)}</span>
                <span className="sr-only">{t('laksaCitizen.rating.stars', { count: r.rating })}</span>
              </dd>
            </div>
          ) : null}
        </dl>
        {r.description ? (
          <p className="laksa-description-text" data-testid="laksa-detail-description">
            {r.description}
          </p>
        ) : (
          <p className="muted small">{t('laksaCitizen.detail.hiddenUntilVerified')}</p>
        )}
        {r.photos.length > 0 ? (
          <ul className="laksa-photos">
            {r.photos.map((p, i) => (
              <li key={p.fileId}>
                <a href={p.url} target="_blank" rel="noreferrer">
                  <img src={p.url} alt={t('laksaCitizen.detail.photoAlt', { n: i + 1 })} loading="lazy" />
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </Card>

      {canSupport ? (
        me ? (
          <Button
            variant="secondary"
            block
            busy={supporting}
            onClick={() => void support()}
            data-testid="laksa-support"
          >
            {t('laksaCitizen.similar.support')}
          </Button>
        ) : (
          <Link
            href={outside('/masuk')}
            className={buttonClass('secondary', true)}
            data-testid="laksa-support-signin"
          >
            {t('laksaCitizen.detail.signInToSupport')}
          </Link>
        )
      ) : null}
      {my?.supporting ? <p className="laksa-supported">{t('laksaCitizen.detail.youSupport')}</p> : null}

      {my?.canRate ? <RatingForm ticket={r.ticket} onDone={() => void reload()} /> : null}
      {my?.canReopen ? (
        <ReopenForm ticket={r.ticket} until={my.reopenUntil} onDone={() => void reload()} />
      ) : null}
      {my?.ratingComment ? (
        <Card title={t('laksaCitizen.detail.yourRating')}>
          <p>{my.ratingComment}</p>
        </Card>
      ) : null}

      <section className="card" aria-labelledby="laksa-timeline-title">
        <h2 id="laksa-timeline-title" className="card-title">
          {t('laksaCitizen.detail.timeline')}
        </h2>
        <ol className="laksa-timeline" data-testid="laksa-timeline">
          {r.timeline.map((s) => (
            <StepItem key={s.id} step={s} />
          ))}
        </ol>
      </section>
    </div>
  );
}

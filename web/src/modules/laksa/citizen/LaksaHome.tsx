import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Button, buttonClass, Field, Icon } from '../../../core/ui';
import { normaliseTicket } from './api';
import { useDrafts } from './hooks';

/** LAKSA home: file, follow, browse, track. */
export function LaksaHome({ title }: { title: string }) {
  const { t } = useLang();
  const { me } = useSession();
  const [, navigate] = useLocation();
  const { drafts } = useDrafts();
  const [ticket, setTicket] = useState('');
  const [error, setError] = useState<string | null>(null);
  const waiting = drafts.filter((d) => d.state === 'queued').length;
  const failed = drafts.filter((d) => d.state === 'failed').length;

  function track(e: FormEvent) {
    e.preventDefault();
    const value = normaliseTicket(ticket);
    if (value.length < 5) {
      setError(t('laksaCitizen.home.ticketInvalid'));
      return;
    }
    navigate(`/tiket/${encodeURIComponent(value)}`);
  }

  return (
    <div className="laksa narrow" data-testid="laksa-home">
      <div>
        <h1 className="laksa-title">{title}</h1>
        <p className="muted laksa-intro">{t('laksaCitizen.home.intro')}</p>
      </div>

      {me && (waiting > 0 || failed > 0) ? (
        <Link href="/saya" className="laksa-queue-notice" data-testid="laksa-queue-notice">
          <Icon name="clock" size={20} />
          <span>
            {waiting > 0 ? t('laksaCitizen.home.waiting', { count: waiting }) : null}
            {waiting > 0 && failed > 0 ? ' · ' : null}
            {failed > 0 ? t('laksaCitizen.home.failed', { count: failed }) : null}
          </span>
        </Link>
      ) : null}

      <nav className="laksa-actions" aria-label={t('laksaCitizen.home.menu')}>
        <Link href="/lapor" className={buttonClass('primary', true)} data-testid="laksa-new-report">
          <Icon name="megaphone" size={22} />
          {t('laksaCitizen.home.newReport')}
        </Link>
        <Link href="/saya" className={buttonClass('secondary', true)} data-testid="laksa-my-reports-link">
          <Icon name="list" size={22} />
          {t('laksaCitizen.home.myReports')}
        </Link>
        <Link href="/peta" className={buttonClass('secondary', true)} data-testid="laksa-map-link">
          <Icon name="map" size={22} />
          {t('laksaCitizen.home.map')}
        </Link>
      </nav>

      <section className="card" aria-labelledby="laksa-track-title">
        <h2 id="laksa-track-title" className="card-title">
          {t('laksaCitizen.home.trackTitle')}
        </h2>
        <form className="laksa-track" onSubmit={track} noValidate data-testid="laksa-track-form">
          <Field
            id="laksa-track-input"
            label={t('laksaCitizen.home.ticketLabel')}
            hint={t('laksaCitizen.home.ticketHint')}
            value={ticket}
            onChange={(e) => {
              setTicket(e.target.value);
              setError(null);
            }}
            error={error}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            data-testid="laksa-track-input"
          />
          <Button type="submit" data-testid="laksa-track-submit">
            {t('laksaCitizen.home.track')}
          </Button>
        </form>
      </section>
    </div>
  );
}

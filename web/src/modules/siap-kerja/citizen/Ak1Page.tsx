import { useState } from 'react';
import { Link } from 'wouter';
import { api, apiUrl, errorMessage } from '../../../core/api';
import { basePath } from '../../../core/base';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Button, Field, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { type Ak1View, BASE, type SeekerView } from '../api';
import { ak1Labels } from '../labels';
import { BackLink } from './common';

/** AK/1 (kartu kuning): request, status, the printable card, lapor diri every 6 months. */
export function Ak1Page() {
  const { t, pick, lang } = useLang();
  const f = useFormat();
  const { me } = useSession();
  const profile = useApi<SeekerView>(me ? `${BASE}/me/profile` : null);
  const card = useApi<Ak1View | null>(me ? `${BASE}/me/ak1` : null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const [employerName, setEmployerName] = useState('');
  const [startedOn, setStartedOn] = useState('');
  if (!me)
    return (
      <div className="sk narrow">
        <Alert kind="info">{t('siapKerja.signInFirst')}</Alert>
      </div>
    );
  if (card.loading && card.data === null && !card.error) return <Spinner label={t('siapKerja.loading')} />;
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      card.reload();
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const a = card.data;
  const canRequest = !a || ['ditolak', 'dicabut', 'kedaluwarsa'].includes(a.status);
  return (
    <div className="sk narrow" data-testid="sk-ak1">
      <BackLink href="/" label={t('siapKerja.backToList')} />
      <h1>{t('siapKerja.ak1.title')}</h1>
      <p className="muted">{t('siapKerja.ak1.intro')}</p>
      {profile.errorStatus === 404 ? (
        <Alert kind="info">
          {t('siapKerja.noProfileHint')} <Link href="/profil">{t('siapKerja.fillProfile')}</Link>
        </Alert>
      ) : null}
      {a ? (
        <section
          className={`sk-ak1-card sk-ak1-${a.status}`}
          data-testid="sk-ak1-card"
          data-status={a.status}
        >
          <p className="sk-ak1-status">{pick(ak1Labels[a.status])}</p>
          {a.number ? <p className="sk-ak1-number">{a.number}</p> : null}
          <p>
            {a.holderName} · NIK {a.nikMasked}
          </p>
          {a.validUntil ? (
            <p>{t('siapKerja.ak1.valid', { from: f.day(a.validFrom!), until: f.day(a.validUntil) })}</p>
          ) : (
            <p className="muted">{t('siapKerja.ak1.requestedAt', { date: f.dateTime(a.requestedAt) })}</p>
          )}
          {a.note ? <Alert kind={a.status === 'perlu_datang' ? 'warning' : 'info'}>{a.note}</Alert> : null}
          {a.status === 'terbit' ? (
            <p className="sk-actions">
              <a
                className="btn btn-primary"
                href={apiUrl(`${BASE}/me/ak1/card.pdf?lang=${lang}`)}
                target="_blank"
                rel="noreferrer"
                data-testid="sk-ak1-pdf"
              >
                {t('siapKerja.ak1.download')}
              </a>
              {a.checkUrl ? (
                <a className="btn btn-secondary" href={`${basePath}${a.checkUrl}`}>
                  {t('siapKerja.ak1.checkPage')}
                </a>
              ) : null}
            </p>
          ) : null}
        </section>
      ) : (
        <p>{t('siapKerja.ak1.none')}</p>
      )}
      {a?.status === 'terbit' ? (
        <section className="sk-lapor" data-testid="sk-lapor">
          <h2>{t('siapKerja.ak1.laporTitle')}</h2>
          {a.nextReportDue ? (
            <p>{t('siapKerja.ak1.nextDue', { date: f.day(a.nextReportDue) })}</p>
          ) : (
            <p>{t('siapKerja.ak1.employedDone')}</p>
          )}
          {a.lastReportAt ? (
            <p className="muted">{t('siapKerja.ak1.lastReport', { date: f.dateTime(a.lastReportAt) })}</p>
          ) : null}
          {a.nextReportDue ? (
            <>
              <Button
                variant="secondary"
                busy={busy}
                onClick={() =>
                  void run(() =>
                    api(`${BASE}/me/ak1/lapor`, { method: 'POST', body: { status: 'masih_mencari' } }),
                  )
                }
              >
                {t('siapKerja.ak1.stillLooking')}
              </Button>{' '}
              <Button variant="ghost" onClick={() => setWorking((w) => !w)}>
                {t('siapKerja.ak1.foundWork')}
              </Button>
              {working ? (
                <form
                  className="sk-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void run(() =>
                      api(`${BASE}/me/ak1/lapor`, {
                        method: 'POST',
                        body: { status: 'sudah_bekerja', employerName, startedOn },
                      }),
                    );
                  }}
                >
                  <Field
                    label={t('siapKerja.field.company')}
                    value={employerName}
                    onChange={(e) => setEmployerName(e.target.value)}
                    required
                  />
                  <Field
                    type="date"
                    label={t('siapKerja.field.startedOn')}
                    value={startedOn}
                    onChange={(e) => setStartedOn(e.target.value)}
                    required
                  />
                  <Button type="submit" busy={busy}>
                    {t('siapKerja.ak1.reportEmployed')}
                  </Button>
                </form>
              ) : null}
            </>
          ) : null}
        </section>
      ) : null}
      {canRequest && profile.data ? (
        <Button
          block
          busy={busy}
          onClick={() => void run(() => api(`${BASE}/me/ak1`, { method: 'POST' }))}
          data-testid="sk-ak1-request"
        >
          {t('siapKerja.ak1.request')}
        </Button>
      ) : null}
      {problem ? <Alert>{problem}</Alert> : null}
    </div>
  );
}

import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { ApiError, api, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Button, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { BASE, type MyApplicationView, type PublicVacancy, type VacancyPage } from '../api';
import { applicationLabels, educationLabels, jobTypeLabels } from '../labels';
import { BackLink, MatchLine, Wage } from './common';

/** Puts the vacancy's schema.org JobPosting in the page head while it is shown (search engines). */
function useJsonLd(data: Record<string, unknown> | undefined) {
  useEffect(() => {
    if (!data) return;
    const script = document.createElement('script');
    script.type = 'application/ld+json';
    script.dataset.testid = 'sk-jsonld';
    script.textContent = JSON.stringify(data).replace(/</g, '\\u003c');
    document.head.appendChild(script);
    return () => script.remove();
  }, [data]);
}

export function VacancyDetail({ id }: { id: string }) {
  const { t, pick } = useLang();
  const f = useFormat();
  const { me } = useSession();
  const { data, error, loading } = useApi<PublicVacancy>(`${BASE}/vacancies/${id}`);
  const mine = useApi<MyApplicationView[]>(me ? `${BASE}/me/applications` : null);
  // The seeker's score for this vacancy comes with the ranked list (same query, one page).
  const match = useApi<VacancyPage>(me ? `${BASE}/vacancies?sort=cocok&limit=100` : null);
  const scored = match.data?.items.find((v) => v.id === id);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useJsonLd(data?.jsonLd);
  if (loading && !data) return <Spinner label={t('siapKerja.loading')} />;
  if (error || !data)
    return (
      <div className="sk narrow">
        <BackLink href="/" label={t('siapKerja.backToList')} />
        <Alert>{error ?? t('siapKerja.notFound')}</Alert>
      </div>
    );
  const v = data.vacancy;
  const applied = mine.data?.find((a) => a.vacancyId === id && a.status !== 'ditarik');
  const open = v.status === 'terbuka';
  const apply = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await api(`${BASE}/vacancies/${id}/apply`, { method: 'POST', body: { message: message || null } });
      mine.reload();
    } catch (err) {
      setProblem(
        err instanceof ApiError && err.code === 'NOT_FOUND' ? t('siapKerja.needProfile') : errorMessage(err),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <article className="sk narrow" data-testid="sk-vacancy-detail">
      <BackLink href="/" label={t('siapKerja.backToList')} />
      <h1>{v.title}</h1>
      <p className="sk-employer">{v.employerName}</p>
      {!open ? <Alert kind="warning">{t('siapKerja.closedNotice')}</Alert> : null}
      {scored ? <MatchLine score={scored.score} explanation={scored.explanation} /> : null}
      <dl className="sk-facts">
        <dt>{t('siapKerja.field.position')}</dt>
        <dd>{v.position}</dd>
        <dt>{t('siapKerja.field.location')}</dt>
        <dd>
          {v.location}
          {v.kecamatanName ? `, ${v.kecamatanName}` : ''}
        </dd>
        <dt>{t('siapKerja.field.wage')}</dt>
        <dd>
          <Wage min={v.wageMin} max={v.wageMax} />
        </dd>
        <dt>{t('siapKerja.field.type')}</dt>
        <dd>{pick(jobTypeLabels[v.type])}</dd>
        <dt>{t('siapKerja.field.education')}</dt>
        <dd>
          {pick(educationLabels[v.education])}
          {v.majors ? ` — ${v.majors}` : ''}
        </dd>
        <dt>{t('siapKerja.field.experience')}</dt>
        <dd>
          {v.experienceYears
            ? t('siapKerja.years', { count: v.experienceYears })
            : t('siapKerja.noExperienceNeeded')}
        </dd>
        {v.skills.length ? (
          <>
            <dt>{t('siapKerja.field.skills')}</dt>
            <dd>{v.skills.join(', ')}</dd>
          </>
        ) : null}
        {v.ageMin || v.ageMax ? (
          <>
            <dt>{t('siapKerja.field.age')}</dt>
            <dd>
              {v.ageMin ?? '–'} – {v.ageMax ?? '–'}
            </dd>
          </>
        ) : null}
        <dt>{t('siapKerja.field.count')}</dt>
        <dd>{f.number(v.count, 0)}</dd>
        {v.hours ? (
          <>
            <dt>{t('siapKerja.field.hours')}</dt>
            <dd>{v.hours}</dd>
          </>
        ) : null}
        {v.benefits ? (
          <>
            <dt>{t('siapKerja.field.benefits')}</dt>
            <dd>{v.benefits}</dd>
          </>
        ) : null}
        <dt>{t('siapKerja.field.validUntil')}</dt>
        <dd>{f.day(v.validUntil)}</dd>
      </dl>
      {v.disabilityFriendly ? <p className="sk-chip">{t('siapKerja.disabilityFriendly')}</p> : null}
      <p className="sk-description">{v.description}</p>
      {!me ? (
        <p>
          <Link href="~/masuk">{t('siapKerja.signInToApply')}</Link>
        </p>
      ) : applied ? (
        <Alert kind="success" data-testid="sk-applied">
          {t('siapKerja.appliedStatus', { status: pick(applicationLabels[applied.status]) })}{' '}
          <Link href="/lamaran">{t('siapKerja.menu.applications')}</Link>
        </Alert>
      ) : open ? (
        <div className="sk-apply">
          <label>
            {t('siapKerja.applyMessage')}
            <textarea
              value={message}
              maxLength={1000}
              rows={2}
              onChange={(e) => setMessage(e.target.value)}
            />
          </label>
          <Button block busy={busy} onClick={() => void apply()} data-testid="sk-apply">
            {t('siapKerja.apply')}
          </Button>
          <p className="muted sk-small">{t('siapKerja.applyShares')}</p>
        </div>
      ) : null}
      {problem ? (
        <Alert>
          {problem}{' '}
          {problem === t('siapKerja.needProfile') ? (
            <Link href="/profil">{t('siapKerja.fillProfile')}</Link>
          ) : null}
        </Alert>
      ) : null}
    </article>
  );
}

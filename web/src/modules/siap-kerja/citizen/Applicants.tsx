import { useState } from 'react';
import { employerMoves } from '../../../../../shared/modules/siap-kerja';
import { api, apiUrl, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Button, Spinner, useToast } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { type ApplicantView, BASE, type PublicVacancy } from '../api';
import { applicationLabels, educationLabels } from '../labels';
import { BackLink, MatchLine } from './common';

function Applicant({ a, onMoved }: { a: ApplicantView; onMoved: () => void }) {
  const { t, pick } = useLang();
  const f = useFormat();
  const toast = useToast();
  const [interview, setInterview] = useState('');
  const [message, setMessage] = useState(a.messageToApplicant ?? '');
  const [note, setNote] = useState(a.employerNote ?? '');
  const [busy, setBusy] = useState(false);
  const move = async (status: string) => {
    setBusy(true);
    try {
      await api(`${BASE}/applications/${a.id}`, {
        method: 'PATCH',
        body: {
          status,
          ...(interview ? { interviewAt: new Date(interview).toISOString() } : {}),
          messageToApplicant: message || null,
          employerNote: note || null,
        },
      });
      onMoved();
    } catch (err) {
      toast(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="sk-card" data-testid="sk-applicant" data-status={a.status}>
      <p className="sk-card-title">
        {a.name}{' '}
        <span className="muted">
          {a.age !== null ? t('siapKerja.age', { count: a.age }) : ''} ·{' '}
          {a.sex === 'L' ? t('siapKerja.male') : t('siapKerja.female')}
        </span>
      </p>
      <MatchLine score={a.score} explanation={a.explanation} />
      <p>
        {pick(educationLabels[a.education])}
        {a.major ? ` — ${a.major}` : ''} · {t('siapKerja.years', { count: a.experienceYears })}
        {a.kecamatanName ? ` · ${a.kecamatanName}` : ''}
      </p>
      {a.skills.length ? <p className="muted">{a.skills.join(', ')}</p> : null}
      {a.phone ? (
        <p>
          <a href={`tel:${a.phone}`}>{a.phone}</a>
        </p>
      ) : null}
      {a.cvFileIds.map((id, i) => (
        <a key={id} href={apiUrl(`/files/${id}`)} target="_blank" rel="noreferrer" className="sk-cv">
          CV {i + 1}
        </a>
      ))}
      {a.message ? <blockquote>{a.message}</blockquote> : null}
      <p className={`sk-status sk-status-${a.status}`}>{pick(applicationLabels[a.status])}</p>
      {a.interviewAt ? <p>{t('siapKerja.interviewAt', { date: f.dateTime(a.interviewAt) })}</p> : null}
      {employerMoves[a.status].length ? (
        <div className="sk-move">
          <label>
            {t('siapKerja.interviewDate')}
            <input
              type="datetime-local"
              value={interview}
              onChange={(e) => setInterview(e.target.value)}
              data-testid="sk-interview-at"
            />
          </label>
          <label>
            {t('siapKerja.messageToApplicant')}
            <input value={message} maxLength={1000} onChange={(e) => setMessage(e.target.value)} />
          </label>
          <label>
            {t('siapKerja.internalNote')}
            <input value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="sk-row-actions">
            {employerMoves[a.status].map((s) => (
              <Button
                key={s}
                small
                variant={s === 'ditolak' ? 'danger' : 'secondary'}
                busy={busy}
                onClick={() => void move(s)}
                data-testid={`sk-move-${s}`}
              >
                {pick(applicationLabels[s])}
              </Button>
            ))}
          </div>
        </div>
      ) : null}
    </li>
  );
}

/** A vacancy's applicants, ranked by match score (the shortlist), moved along the pipeline. */
export function Applicants({ id }: { id: string }) {
  const { t } = useLang();
  const vacancy = useApi<PublicVacancy>(`${BASE}/vacancies/${id}`);
  const list = useApi<ApplicantView[]>(`${BASE}/vacancies/${id}/applicants`);
  return (
    <div className="sk wide" data-testid="sk-applicants">
      <BackLink href="/perusahaan" label={t('siapKerja.menu.employer')} />
      <h1>{vacancy.data?.vacancy.title ?? t('siapKerja.applicants')}</h1>
      <p className="muted">{t('siapKerja.applicantsIntro')}</p>
      {list.loading && !list.data ? <Spinner label={t('siapKerja.loading')} /> : null}
      {list.error ? <Alert>{list.error}</Alert> : null}
      {list.data?.length === 0 ? <p>{t('siapKerja.noApplicants')}</p> : null}
      <ul className="sk-list">
        {list.data?.map((a) => (
          <Applicant key={`${a.id}-${a.status}`} a={a} onMoved={list.reload} />
        ))}
      </ul>
    </div>
  );
}

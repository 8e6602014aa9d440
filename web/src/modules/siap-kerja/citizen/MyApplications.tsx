import { Link } from 'wouter';
import { api, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Spinner, useToast } from '../../../core/ui';
import { ConfirmButton } from '../../../core/ui/DataTable';
import { useFormat } from '../../../core/useFormat';
import { BASE, type MyApplicationView } from '../api';
import { applicationLabels } from '../labels';
import { BackLink } from './common';

const steps = ['dilamar', 'disaring', 'wawancara', 'ditawari', 'diterima'] as const;

/** Each application's place in the pipeline, the interview date and the employer's message; withdraw. */
export function MyApplications() {
  const { t, pick } = useLang();
  const f = useFormat();
  const toast = useToast();
  const { me } = useSession();
  const list = useApi<MyApplicationView[]>(me ? `${BASE}/me/applications` : null);
  if (!me)
    return (
      <div className="sk narrow">
        <Alert kind="info">{t('siapKerja.signInFirst')}</Alert>
      </div>
    );
  return (
    <div className="sk narrow" data-testid="sk-applications">
      <BackLink href="/" label={t('siapKerja.backToList')} />
      <h1>{t('siapKerja.menu.applications')}</h1>
      {list.loading && !list.data ? <Spinner label={t('siapKerja.loading')} /> : null}
      {list.data?.length === 0 ? <p>{t('siapKerja.noApplications')}</p> : null}
      <ul className="sk-list">
        {list.data?.map((a) => {
          const at = steps.indexOf(a.status as (typeof steps)[number]);
          return (
            <li key={a.id} className="sk-card" data-testid="sk-application" data-status={a.status}>
              <Link href={`/lowongan/${a.vacancyId}`} className="sk-card-link">
                <span className="sk-card-title">{a.vacancyTitle}</span>
                <span className="sk-card-employer">{a.employerName}</span>
              </Link>
              <p className={`sk-status sk-status-${a.status}`} data-testid="sk-application-status">
                {pick(applicationLabels[a.status])}
              </p>
              {at >= 0 ? (
                <ol className="sk-steps" aria-label={t('siapKerja.pipeline')}>
                  {steps.map((s, i) => (
                    <li
                      key={s}
                      className={i <= at ? 'done' : undefined}
                      aria-current={i === at ? 'step' : undefined}
                    >
                      {pick(applicationLabels[s])}
                    </li>
                  ))}
                </ol>
              ) : null}
              {a.interviewAt ? (
                <p>{t('siapKerja.interviewAt', { date: f.dateTime(a.interviewAt) })}</p>
              ) : null}
              {a.messageToApplicant ? <Alert kind="info">{a.messageToApplicant}</Alert> : null}
              <p className="muted sk-small">{t('siapKerja.appliedOn', { date: f.dateTime(a.createdAt) })}</p>
              {['dilamar', 'disaring', 'wawancara', 'ditawari'].includes(a.status) ? (
                <ConfirmButton
                  variant="ghost"
                  confirm={t('siapKerja.withdrawConfirm')}
                  onConfirm={async () => {
                    try {
                      await api(`${BASE}/me/applications/${a.id}/withdraw`, { method: 'POST' });
                      list.reload();
                    } catch (err) {
                      toast(errorMessage(err), 'error');
                    }
                  }}
                >
                  {t('siapKerja.withdraw')}
                </ConfirmButton>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

import { Link } from 'wouter';
import { reviewSteps } from '../../../../../shared/modules/perizinan';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { BASE, type InboxRow, type ReviewStep } from '../api';
import { StateBadge } from '../common';
import { stepLabels } from '../labels';

/** My steps (from /staff/me), in workflow order. */
export function useMySteps(): ReviewStep[] | null {
  const me = useApi<{ step: ReviewStep; opdId: string }[]>(`${BASE}/staff/me`);
  if (!me.data) return null;
  const mine = new Set(me.data.map((m) => m.step));
  return reviewSteps.filter((s) => mine.has(s));
}

/** The inbox of one step: oldest first, overdue flagged, paused shown. */
export function Inbox({ steps, step }: { steps: ReviewStep[]; step: ReviewStep | null }) {
  const { t, pick } = useLang();
  const f = useFormat();
  const current = step ?? steps[0] ?? null;
  const rows = useApi<InboxRow[]>(current ? `${BASE}/staff/inbox?step=${current}` : null);
  if (steps.length === 0) return <Alert kind="info">{t('izin.staff.noSteps')}</Alert>;
  return (
    <section data-testid="izin-inbox" data-step={current ?? ''}>
      <nav className="izin-tabs" aria-label={t('izin.staff.steps')}>
        {steps.map((s) => (
          <Link
            key={s}
            href={`/?step=${s}`}
            className={`btn ${s === current ? 'btn-primary' : 'btn-secondary'}`}
            aria-current={s === current ? 'page' : undefined}
            data-testid={`izin-step-${s}`}
          >
            {pick(stepLabels[s])}
          </Link>
        ))}
      </nav>
      {rows.loading && !rows.data ? <Spinner label={t('izin.loading')} /> : null}
      {rows.error ? <Alert>{rows.error}</Alert> : null}
      {rows.data?.length === 0 ? <p data-testid="izin-inbox-empty">{t('izin.staff.empty')}</p> : null}
      {rows.data && rows.data.length > 0 ? (
        <table className="izin-table">
          <thead>
            <tr>
              <th scope="col">{t('izin.staff.number')}</th>
              <th scope="col">{t('izin.staff.type')}</th>
              <th scope="col">{t('izin.staff.applicant')}</th>
              <th scope="col">{t('izin.staff.status')}</th>
              <th scope="col">{t('izin.staff.submitted')}</th>
              <th scope="col">{t('izin.staff.due')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.data.map((r) => (
              <tr
                key={r.id}
                data-testid="izin-inbox-row"
                className={r.overdue ? 'izin-row-overdue' : undefined}
              >
                <td>
                  <Link href={`/permohonan/${r.id}`} data-testid="izin-inbox-open">
                    {r.number ?? '—'}
                  </Link>
                </td>
                <td>{pick(r.typeName)}</td>
                <td>{r.applicantName}</td>
                <td>
                  <StateBadge state={r.state} />
                </td>
                <td>{r.submittedAt ? f.dateTime(r.submittedAt) : '—'}</td>
                <td>
                  {r.dueAt ? f.date(r.dueAt) : '—'}
                  {r.overdue ? <span className="izin-flag izin-flag-bad"> {t('izin.overdue')}</span> : null}
                  {r.paused ? <span className="izin-flag"> {t('izin.paused')}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

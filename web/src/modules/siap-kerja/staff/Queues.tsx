import { useState } from 'react';
import { api, apiUrl, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Button, Spinner, useToast } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { type Ak1QueueView, BASE, type EmployerView, type VacancyView } from '../api';
import { Wage } from '../citizen/common';
import { ak1Labels, educationLabels, jobTypeLabels } from '../labels';

function useAct(reload: () => void) {
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const act = async (key: string, path: string, body: unknown, done?: string) => {
    setBusy(key);
    try {
      await api(path, { method: 'POST', body });
      if (done) toast(done);
      reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
    } finally {
      setBusy(null);
    }
  };
  return { busy, act };
}

/** Refuses after asking why (the reason goes to the applicant); nothing happens when the prompt is cancelled. */
function RefuseButton({ onRefuse }: { onRefuse: (note: string) => Promise<void> }) {
  const { t } = useLang();
  return (
    <Button
      small
      variant="danger"
      onClick={() => {
        const note = window.prompt(t('siapKerja.staff.refusePrompt'));
        if (note) void onRefuse(note);
      }}
    >
      {t('siapKerja.staff.refuse')}
    </Button>
  );
}

/** AK/1 requests: issue, ask for a visit (with the reason), refuse; issued cards: print, revoke. */
export function Ak1Queue() {
  const { t, pick } = useLang();
  const f = useFormat();
  const [status, setStatus] = useState<'' | 'terbit'>('');
  const q = useApi<Ak1QueueView[]>(`${BASE}/staff/ak1${status ? `?status=${status}` : ''}`);
  const { busy, act } = useAct(q.reload);
  return (
    <section data-testid="sk-staff-ak1">
      <div className="sk-tabs">
        <button
          type="button"
          className={`sk-tab${status === '' ? ' active' : ''}`}
          onClick={() => setStatus('')}
        >
          {t('siapKerja.staff.toDecide')}
        </button>
        <button
          type="button"
          className={`sk-tab${status === 'terbit' ? ' active' : ''}`}
          onClick={() => setStatus('terbit')}
        >
          {t('siapKerja.staff.issued')}
        </button>
      </div>
      {q.loading && !q.data ? <Spinner label={t('siapKerja.loading')} /> : null}
      {q.data?.length === 0 ? <p>{t('siapKerja.staff.empty')}</p> : null}
      <table className="sk-table">
        <thead>
          <tr>
            <th>{t('siapKerja.field.name')}</th>
            <th>NIK</th>
            <th>{t('siapKerja.field.education')}</th>
            <th>{t('siapKerja.status')}</th>
            <th>{t('siapKerja.staff.requested')}</th>
            <th>
              <span className="sr-only">{t('siapKerja.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {q.data?.map((a) => (
            <tr key={a.id} data-testid="sk-ak1-row" data-status={a.status}>
              <td>
                {a.holderName}
                {!a.hasPhoto ? <div className="muted sk-small">{t('siapKerja.staff.noPhoto')}</div> : null}
              </td>
              <td>{a.nikMasked}</td>
              <td>{pick(educationLabels[a.education])}</td>
              <td>
                {pick(ak1Labels[a.status])}
                {a.number ? <div className="sk-small">{a.number}</div> : null}
                {a.note ? <div className="muted sk-small">{a.note}</div> : null}
              </td>
              <td>{f.dateTime(a.requestedAt)}</td>
              <td className="sk-row-actions">
                {a.status === 'diajukan' || a.status === 'perlu_datang' ? (
                  <>
                    <Button
                      small
                      busy={busy === a.id}
                      onClick={() =>
                        void act(
                          a.id,
                          `${BASE}/staff/ak1/${a.id}/decision`,
                          { decision: 'terbit' },
                          t('siapKerja.staff.issuedToast'),
                        )
                      }
                      data-testid="sk-ak1-approve"
                    >
                      {t('siapKerja.staff.approve')}
                    </Button>
                    {a.status === 'diajukan' ? (
                      <Button
                        small
                        variant="secondary"
                        onClick={() => {
                          const note = window.prompt(
                            t('siapKerja.staff.visitPrompt'),
                            t('siapKerja.staff.visitDefault'),
                          );
                          if (note)
                            void act(a.id, `${BASE}/staff/ak1/${a.id}/decision`, {
                              decision: 'perlu_datang',
                              note,
                            });
                        }}
                      >
                        {t('siapKerja.staff.needVisit')}
                      </Button>
                    ) : null}
                    <RefuseButton
                      onRefuse={(note) =>
                        act(a.id, `${BASE}/staff/ak1/${a.id}/decision`, { decision: 'ditolak', note })
                      }
                    />
                  </>
                ) : null}
                {a.status === 'terbit' ? (
                  <>
                    <a
                      className="btn btn-secondary btn-small"
                      href={apiUrl(`${BASE}/staff/ak1/${a.id}/card.pdf`)}
                      target="_blank"
                      rel="noreferrer"
                    >
                      {t('siapKerja.staff.print')}
                    </a>
                    <Button
                      small
                      variant="danger"
                      onClick={() => {
                        const reason = window.prompt(t('siapKerja.staff.revokePrompt'));
                        if (reason) void act(a.id, `${BASE}/staff/ak1/${a.id}/revoke`, { reason });
                      }}
                    >
                      {t('siapKerja.staff.revoke')}
                    </Button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function EmployerQueue() {
  const { t } = useLang();
  const f = useFormat();
  const q = useApi<EmployerView[]>(`${BASE}/staff/employers`);
  const { busy, act } = useAct(q.reload);
  return (
    <section data-testid="sk-staff-employers">
      {q.data?.length === 0 ? <p>{t('siapKerja.staff.empty')}</p> : null}
      <ul className="sk-list">
        {q.data?.map((e) => (
          <li key={e.id} className="sk-card" data-testid="sk-employer-row">
            <p className="sk-card-title">{e.name}</p>
            <p>
              NIB {e.nib} · KBLI {e.kbli} · {e.sector}
            </p>
            <p className="muted">
              {e.address} · {e.contactName} ({e.contactPhone}) · {f.dateTime(e.createdAt)}
            </p>
            <div className="sk-row-actions">
              <Button
                small
                busy={busy === e.id}
                onClick={() =>
                  void act(e.id, `${BASE}/staff/employers/${e.id}/decision`, { decision: 'terverifikasi' })
                }
                data-testid="sk-employer-verify"
              >
                {t('siapKerja.staff.verify')}
              </Button>
              <RefuseButton
                onRefuse={(note) =>
                  act(e.id, `${BASE}/staff/employers/${e.id}/decision`, { decision: 'ditolak', note })
                }
              />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function VacancyQueue() {
  const { t, pick } = useLang();
  const f = useFormat();
  const q = useApi<VacancyView[]>(`${BASE}/staff/vacancies`);
  const { busy, act } = useAct(q.reload);
  return (
    <section data-testid="sk-staff-vacancies">
      {q.data?.length === 0 ? <p>{t('siapKerja.staff.empty')}</p> : null}
      <ul className="sk-list">
        {q.data?.map((v) => (
          <li key={v.id} className="sk-card" data-testid="sk-vacancy-row">
            <p className="sk-card-title">
              {v.title} <span className="muted">— {v.employerName}</span>
            </p>
            <p>
              {v.position} · {f.number(v.count, 0)} {t('siapKerja.staff.people')} ·{' '}
              {pick(educationLabels[v.education])} · {pick(jobTypeLabels[v.type])} ·{' '}
              <Wage min={v.wageMin} max={v.wageMax} />
            </p>
            <p className="muted">
              {v.kecamatanName ?? v.location} · {f.day(v.validFrom)} – {f.day(v.validUntil)}
            </p>
            <details>
              <summary>{t('siapKerja.field.description')}</summary>
              <p>{v.description}</p>
            </details>
            <div className="sk-row-actions">
              <Button
                small
                busy={busy === v.id}
                onClick={() =>
                  void act(v.id, `${BASE}/staff/vacancies/${v.id}/decision`, { decision: 'terbuka' })
                }
                data-testid="sk-vacancy-publish"
              >
                {t('siapKerja.staff.publish')}
              </Button>
              <RefuseButton
                onRefuse={(note) =>
                  act(v.id, `${BASE}/staff/vacancies/${v.id}/decision`, { decision: 'ditolak', note })
                }
              />
            </div>
          </li>
        ))}
      </ul>
      {q.error ? <Alert>{q.error}</Alert> : null}
    </section>
  );
}

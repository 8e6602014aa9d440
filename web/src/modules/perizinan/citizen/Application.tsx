import { useState } from 'react';
import { Link } from 'wouter';
import { api, apiUrl, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Button, buttonClass, Spinner } from '../../../core/ui';
import { ConfirmButton } from '../../../core/ui/DataTable';
import { useFormat } from '../../../core/useFormat';
import { type ApplicationView, BASE, type LockerItem, type TypeView } from '../api';
import { History, StateBadge } from '../common';
import { rupiah } from '../labels';
import { DraftForm } from './DraftForm';
import { Slot } from './Slot';

/** One of my applications: the draft form, or where it stands (steps, SLA, revision, fee, permit). */
export function Application({ id }: { id: string }) {
  const { t, pick } = useLang();
  const f = useFormat();
  const { me } = useSession();
  const res = useApi<ApplicationView>(me ? `${BASE}/applications/${id}` : null);
  const app = res.data;
  const type = useApi<TypeView>(app ? `${BASE}/types/${app.type.code}` : null);
  const locker = useApi<LockerItem[]>(me ? `${BASE}/locker` : null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!me) return <Alert kind="info">{t('izin.signInFirst')}</Alert>;
  if (res.loading && !app) return <Spinner label={t('izin.loading')} />;
  if (!app) return <Alert>{res.error}</Alert>;
  const def = type.data?.definition;
  const set = (v: ApplicationView) => res.setData(v);
  const act = async (path: 'resubmit' | 'withdraw') => {
    setBusy(true);
    setError(null);
    try {
      set(await api<ApplicationView>(`${BASE}/applications/${app.id}/${path}`, { method: 'POST', body: {} }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  // Flagged this round: still to fix, or replaced already (pending again, the reviewer's note kept).
  const toFix = app.items.filter((i) => i.status === 'fix' || (i.status === 'pending' && i.note));
  const remaining = toFix.filter((i) => i.status === 'fix').length;
  const returnNote = [...app.history].reverse().find((h) => h.toState === 'returned')?.note;
  return (
    <div className="izin narrow" data-testid="izin-application" data-state={app.state}>
      <Link href="/permohonan" className="izin-back">
        ← {t('izin.menu.mine')}
      </Link>
      <h1>{pick(app.type.name)}</h1>
      <p className="izin-head-line">
        <StateBadge state={app.state} />
        {app.number ? (
          <span className="izin-number" data-testid="izin-number">
            {app.number}
          </span>
        ) : null}
      </p>

      {app.state === 'draft' ? (
        def ? (
          <DraftForm app={app} def={def} locker={locker.data ?? []} onLocker={locker.reload} onChange={set} />
        ) : (
          <Spinner label={t('izin.loading')} />
        )
      ) : (
        <>
          {app.submittedAt ? (
            <div className="izin-box">
              <p>{t('izin.submittedAt', { date: f.dateTime(app.submittedAt) })}</p>
              <a
                href={apiUrl(`${BASE}/applications/${app.id}/receipt.pdf`)}
                className={buttonClass('secondary', true)}
                data-testid="izin-receipt"
                download
              >
                {t('izin.receipt')}
              </a>
            </div>
          ) : null}

          {app.dueAt ? (
            <p data-testid="izin-due" className={app.overdue ? 'izin-overdue' : undefined}>
              {t('izin.dueAt', { date: f.date(app.dueAt) })}
              {app.paused ? ` — ${t('izin.paused')}` : ''}
              {app.overdue ? ` — ${t('izin.overdue')}` : ''}
            </p>
          ) : app.paused ? (
            <p>{t('izin.paused')}</p>
          ) : null}

          {app.state === 'returned' && def ? (
            <section className="izin-fix" data-testid="izin-fix-panel" aria-labelledby="izin-fix-title">
              <h2 id="izin-fix-title">{t('izin.fix.title')}</h2>
              <p>{t('izin.fix.intro', { count: toFix.length })}</p>
              <p className="izin-small" data-testid="izin-fix-remaining" data-count={remaining}>
                {remaining ? t('izin.fix.remaining', { count: remaining }) : t('izin.fix.allReplaced')}
              </p>
              {returnNote ? <Alert kind="warning">{returnNote}</Alert> : null}
              {toFix.map((item) => {
                const req = def.requirements.find((r) => r.key === item.key);
                return req ? (
                  <Slot
                    key={item.key}
                    applicationId={app.id}
                    req={req}
                    item={item}
                    locker={locker.data ?? []}
                    onLocker={locker.reload}
                    onChange={set}
                    locked={item.status !== 'fix'}
                  />
                ) : null;
              })}
              <Button
                onClick={() => act('resubmit')}
                busy={busy}
                disabled={remaining > 0}
                block
                data-testid="izin-resubmit"
              >
                {t('izin.fix.resubmit')}
              </Button>
            </section>
          ) : null}

          {app.fee ? (
            <section className="izin-box" data-testid="izin-fee-box">
              <h2>{t('izin.fee.title')}</h2>
              {app.fee.billingCode || app.fee.amount > 0 ? (
                <p className="izin-amount" data-testid="izin-fee-amount">
                  {rupiah(f, app.fee.amount)}
                </p>
              ) : (
                <p className="muted">{t('izin.fee.later')}</p>
              )}
              {app.fee.billingCode ? (
                <p>
                  {t('izin.fee.billing')}: <strong data-testid="izin-billing">{app.fee.billingCode}</strong>
                </p>
              ) : null}
              {app.fee.paidAt ? (
                <p>{t('izin.fee.paid', { date: f.dateTime(app.fee.paidAt) })}</p>
              ) : app.state === 'payment' ? (
                <p className="muted">{t('izin.fee.howTo')}</p>
              ) : null}
            </section>
          ) : null}

          {app.survey?.date ? <p>{t('izin.surveyOn', { date: f.day(app.survey.date) })}</p> : null}
          {app.rejectReason ? <Alert>{t('izin.rejected', { reason: app.rejectReason })}</Alert> : null}

          {app.permit ? (
            <section className="izin-box izin-permit" data-testid="izin-permit">
              <h2>{t('izin.permit.title')}</h2>
              <p>
                {t('izin.permit.number')}: <strong>{app.permit.number}</strong>
              </p>
              <p>
                {t('izin.permit.validity')}: {f.day(app.permit.validFrom)}
                {app.permit.validUntil ? ` – ${f.day(app.permit.validUntil)}` : ''}
              </p>
              <a
                href={apiUrl(`${BASE}/applications/${app.id}/permit.pdf`)}
                className={buttonClass('primary', true)}
                data-testid="izin-permit-pdf"
                download
              >
                {t('izin.permit.download')}
              </a>
              <p>
                <Link href={`~/cek/${app.permit.code}`} data-testid="izin-check-link">
                  {t('izin.permit.check')}
                </Link>
              </p>
            </section>
          ) : null}

          <History history={app.history} />

          {['submitted', 'returned'].includes(app.state) ? (
            <ConfirmButton
              variant="ghost"
              confirm={t('izin.withdrawConfirm')}
              onConfirm={() => act('withdraw')}
            >
              {t('izin.withdraw')}
            </ConfirmButton>
          ) : null}
        </>
      )}
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}

/** "Permohonan saya": every application, newest first. */
export function MyApplications() {
  const { t, pick } = useLang();
  const f = useFormat();
  const { me } = useSession();
  const list = useApi<ApplicationView[]>(me ? `${BASE}/applications` : null);
  if (!me) return <Alert kind="info">{t('izin.signInFirst')}</Alert>;
  return (
    <div className="izin narrow" data-testid="izin-mine">
      <Link href="/" className="izin-back">
        ← {t('izin.backToCatalogue')}
      </Link>
      <h1>{t('izin.menu.mine')}</h1>
      {list.loading && !list.data ? <Spinner label={t('izin.loading')} /> : null}
      {list.data?.length === 0 ? <p>{t('izin.noApplications')}</p> : null}
      <ul className="izin-list">
        {list.data?.map((a) => (
          <li key={a.id} className="izin-card" data-testid="izin-mine-row" data-state={a.state}>
            <Link href={`/permohonan/${a.id}`} className="izin-card-link">
              <span className="izin-card-title">{pick(a.type.name)}</span>
            </Link>
            <span className="izin-head-line">
              <StateBadge state={a.state} />
              {a.number ? <span className="izin-small">{a.number}</span> : null}
            </span>
            <span className="muted izin-small">
              {a.dueAt ? t('izin.dueAt', { date: f.date(a.dueAt) }) : f.dateTime(a.createdAt)}
              {a.paused ? ` · ${t('izin.paused')}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

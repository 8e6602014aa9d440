import { useState } from 'react';
import { Link } from 'wouter';
import { api, apiUrl, errorMessage } from '../../../core/api';
import { basePath } from '../../../core/base';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Button, buttonClass, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { type ApplicationView, BASE, fileUrl, type ReviewStep, type TypeView } from '../api';
import { History, StateBadge } from '../common';
import { rupiah, stepLabels } from '../labels';

type Post = (path: string, body: unknown) => Promise<void>;

/** One application for a reviewer: applicant, form, documents, history, and the step's decision. */
export function Detail({ id, steps }: { id: string; steps: ReviewStep[] }) {
  const { t, pick } = useLang();
  const f = useFormat();
  const res = useApi<ApplicationView>(`${BASE}/staff/applications/${id}`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const app = res.data;
  const type = useApi<TypeView>(app ? `${BASE}/types/${app.type.code}` : null);
  const fieldLabel = (k: string) => {
    const fd = type.data?.definition.fields.find((x) => x.key === k);
    return fd ? pick(fd.label) : k.replace(/_/g, ' ');
  };
  if (res.loading && !app) return <Spinner label={t('izin.loading')} />;
  if (!app) return <Alert>{res.error}</Alert>;
  const post: Post = async (path, body) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      res.setData(
        await api<ApplicationView>(`${BASE}/staff/applications/${app.id}/${path}`, { method: 'POST', body }),
      );
      setDone(t('izin.staff.saved'));
    } catch (err) {
      setError(errorMessage(err));
      // Someone else may have acted meanwhile (a second cashier, another tab): show where it stands.
      res.reload();
    } finally {
      setBusy(false);
    }
  };
  const acting = app.step && steps.includes(app.step) ? app.step : null;
  const signer = steps.includes('signer');
  return (
    <div className="izin izin-staff-detail" data-testid="izin-staff-detail" data-state={app.state}>
      <Link href={app.step ? `/?step=${app.step}` : '/'} className="izin-back">
        ← {t('izin.staff.backToInbox')}
      </Link>
      <h2>
        {pick(app.type.name)} {app.number ? <span className="izin-number">{app.number}</span> : null}
      </h2>
      <p className="izin-head-line">
        <StateBadge state={app.state} />
        {app.step ? <span className="izin-small">{pick(stepLabels[app.step])}</span> : null}
        {app.dueAt ? (
          <span className={app.overdue ? 'izin-flag izin-flag-bad' : 'izin-small'}>
            {t('izin.dueAt', { date: f.date(app.dueAt) })}
            {app.overdue ? ` — ${t('izin.overdue')}` : ''}
          </span>
        ) : null}
        {app.paused ? <span className="izin-flag">{t('izin.paused')}</span> : null}
      </p>
      <div className="izin-cols">
        <div>
          <section className="izin-box">
            <h3>{t('izin.form.applicant')}</h3>
            {app.applicant ? (
              <dl className="izin-facts">
                <dt>{t('izin.form.name')}</dt>
                <dd>{app.applicant.name}</dd>
                <dt>{t('izin.form.nik')}</dt>
                <dd>{app.applicant.nik}</dd>
                {app.applicant.companyName ? (
                  <>
                    <dt>{t('izin.form.companyName')}</dt>
                    <dd>{app.applicant.companyName}</dd>
                    <dt>{t('izin.form.nib')}</dt>
                    <dd>{app.applicant.nib}</dd>
                  </>
                ) : null}
              </dl>
            ) : null}
            <h3>{t('izin.form.details')}</h3>
            {/* The labels come with the type: no flash of raw field keys while it loads. */}
            {!type.data && !type.error ? (
              <Spinner label={t('izin.loading')} />
            ) : (
              <dl className="izin-facts">
                {Object.entries(app.form).map(([k, v]) => (
                  <FormFact key={k} label={fieldLabel(k)} v={v} />
                ))}
              </dl>
            )}
            {app.fee ? (
              <p>
                {t('izin.fee.title')}:{' '}
                {app.fee.billingCode || app.fee.amount > 0 ? (
                  <strong data-testid="izin-staff-fee">{rupiah(f, app.fee.amount)}</strong>
                ) : (
                  <span className="muted">{t('izin.staff.feeLater')}</span>
                )}
                {app.fee.billingCode ? ` · ${t('izin.fee.billing')} ${app.fee.billingCode}` : ''}
                {app.fee.receiptNumber ? ` · ${t('izin.staff.receiptNo')} ${app.fee.receiptNumber}` : ''}
              </p>
            ) : null}
            {app.survey?.date ? <p>{t('izin.surveyOn', { date: f.day(app.survey.date) })}</p> : null}
            {app.permit ? (
              <p>
                {t('izin.permit.number')}: <strong>{app.permit.number}</strong> ·{' '}
                <a
                  href={apiUrl(`${BASE}/staff/applications/${app.id}/permit.pdf`)}
                  target="_blank"
                  rel="noreferrer"
                >
                  {t('izin.permit.open')}
                </a>
              </p>
            ) : null}
          </section>
          <History history={app.history} />
        </div>
        <div>
          {acting === 'front_office' && app.state === 'submitted' ? (
            <FrontOffice app={app} post={post} busy={busy} />
          ) : (
            <Documents app={app} />
          )}
          {acting === 'technical' && app.state === 'technical' ? (
            <Technical
              app={app}
              post={post}
              busy={busy}
              fieldSurvey={
                app.survey !== null && type.data?.definition.technicalReview?.fieldSurvey !== false
              }
            />
          ) : null}
          {acting === 'cashier' && app.state === 'payment' ? <Cashier post={post} busy={busy} /> : null}
          {acting === 'verifier' && app.state === 'approval' ? (
            <Simple post={post} busy={busy} path="approve" label={t('izin.staff.approve')} />
          ) : null}
          {acting === 'signer' && app.state === 'signing' ? (
            <Simple post={post} busy={busy} path="sign" label={t('izin.staff.sign')} />
          ) : null}
          {acting && acting !== 'cashier' ? <Reject post={post} busy={busy} /> : null}
          {signer && (app.state === 'issued' || app.state === 'suspended') ? (
            <PermitActions app={app} post={post} busy={busy} />
          ) : null}
          {done ? (
            <Alert kind="success" data-testid="izin-staff-done">
              {done}
            </Alert>
          ) : null}
          {error ? <Alert data-testid="izin-staff-error">{error}</Alert> : null}
        </div>
      </div>
    </div>
  );
}

function FormFact({ label, v }: { label: string; v: ApplicationView['form'][string] }) {
  const f = useFormat();
  const text =
    v === null
      ? '—'
      : typeof v === 'object'
        ? `${v.lat}, ${v.lng}`
        : typeof v === 'number'
          ? f.number(v, 2)
          : /^\d{4}-\d{2}-\d{2}$/.test(v)
            ? f.day(v)
            : v;
  return (
    <>
      <dt>{label}</dt>
      <dd>{text}</dd>
    </>
  );
}

function Documents({ app }: { app: ApplicationView }) {
  const { t, pick } = useLang();
  return (
    <section className="izin-box">
      <h3>{t('izin.form.documents')}</h3>
      <ul className="izin-docs">
        {app.items.map((i) => (
          <li key={i.key} data-status={i.status}>
            <span>{pick(i.label)}</span>{' '}
            {i.fileId ? (
              <a href={fileUrl(i.fileId)} target="_blank" rel="noreferrer">
                {t('izin.staff.openFile')}
              </a>
            ) : (
              <span className="muted">{t('izin.slot.none')}</span>
            )}{' '}
            <span className={`izin-item izin-item-${i.status}`}>{t(`izin.item.${i.status}`)}</span>
            {i.note ? <span className="izin-history-note">{i.note}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Front office: each attached document ok or to fix (with a note). */
function FrontOffice({ app, post, busy }: { app: ApplicationView; post: Post; busy: boolean }) {
  const { t, pick } = useLang();
  const attached = app.items.filter((i) => i.fileId);
  const [marks, setMarks] = useState<Record<string, { status: 'ok' | 'fix'; note: string }>>(() =>
    Object.fromEntries(attached.map((i) => [i.key, { status: 'ok' as const, note: '' }])),
  );
  const [note, setNote] = useState('');
  const anyFix = Object.values(marks).some((m) => m.status === 'fix');
  return (
    <section className="izin-box" data-testid="izin-check">
      <h3>{t('izin.staff.checkTitle')}</h3>
      {app.items
        .filter((i) => !i.fileId)
        .map((i) => (
          <p key={i.key} className="muted izin-small">
            {pick(i.label)}: {t('izin.slot.none')}
          </p>
        ))}
      {attached.map((i) => {
        const m = marks[i.key]!;
        const set = (p: Partial<typeof m>) => setMarks((old) => ({ ...old, [i.key]: { ...m, ...p } }));
        return (
          <fieldset key={i.key} className="izin-check-item" data-testid="izin-check-item" data-key={i.key}>
            <legend>{pick(i.label)}</legend>
            <a href={fileUrl(i.fileId!)} target="_blank" rel="noreferrer" data-testid="izin-open-file">
              {t('izin.staff.openFile')} ({i.fileName})
            </a>
            <div className="izin-radios">
              {(['ok', 'fix'] as const).map((s) => (
                <label key={s} className="izin-radio">
                  <input
                    type="radio"
                    name={`check-${i.key}`}
                    checked={m.status === s}
                    onChange={() => set({ status: s })}
                    data-testid={`izin-check-${s}`}
                  />
                  {t(`izin.item.${s}`)}
                </label>
              ))}
            </div>
            {m.status === 'fix' ? (
              <div className="field">
                <label htmlFor={`note-${i.key}`}>{t('izin.staff.itemNote')}</label>
                <input
                  id={`note-${i.key}`}
                  value={m.note}
                  onChange={(e) => set({ note: e.target.value })}
                  data-testid="izin-check-note"
                />
              </div>
            ) : null}
          </fieldset>
        );
      })}
      <div className="field">
        <label htmlFor="izin-check-general">{t('izin.staff.generalNote')}</label>
        <textarea id="izin-check-general" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <Button
        busy={busy}
        onClick={() =>
          post('check', {
            items: attached.map((i) => ({
              key: i.key,
              status: marks[i.key]!.status,
              note: marks[i.key]!.status === 'fix' ? marks[i.key]!.note || null : null,
            })),
            note: note || null,
          })
        }
        data-testid="izin-check-submit"
      >
        {anyFix ? t('izin.staff.returnItems') : t('izin.staff.acceptAll')}
      </Button>
    </section>
  );
}

/** Technical team: recommend (with the survey date), return items, or reject. */
function Technical({
  app,
  post,
  busy,
  fieldSurvey,
}: {
  app: ApplicationView;
  post: Post;
  busy: boolean;
  fieldSurvey: boolean;
}) {
  const { t, pick } = useLang();
  const [decision, setDecision] = useState<'recommend' | 'return' | 'reject'>('recommend');
  const [note, setNote] = useState('');
  const [survey, setSurvey] = useState('');
  const [fix, setFix] = useState<Record<string, string>>({});
  // What the API would refuse, said before the click (the note, the survey date, the items to fix).
  const missing =
    note.trim().length < 3
      ? t('izin.staff.techNoteNeeded')
      : decision === 'recommend' && fieldSurvey && !survey
        ? t('izin.staff.surveyNeeded')
        : decision === 'return' && !Object.values(fix).some((n) => n.trim().length >= 3)
          ? t('izin.staff.fixNeeded')
          : null;
  return (
    <section className="izin-box" data-testid="izin-technical">
      <h3>{t('izin.staff.technicalTitle')}</h3>
      <div className="field">
        <label htmlFor="izin-tech-decision">{t('izin.staff.decision')}</label>
        <select
          id="izin-tech-decision"
          value={decision}
          onChange={(e) => setDecision(e.target.value as typeof decision)}
          data-testid="izin-tech-decision"
        >
          {(['recommend', 'return', 'reject'] as const).map((d) => (
            <option key={d} value={d}>
              {t(`izin.staff.decision_${d}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="izin-tech-survey">{t('izin.staff.surveyDate')}</label>
        <input
          id="izin-tech-survey"
          type="date"
          value={survey}
          onChange={(e) => setSurvey(e.target.value)}
          data-testid="izin-tech-survey"
        />
      </div>
      {decision === 'return'
        ? app.items
            .filter((i) => i.fileId)
            .map((i) => (
              <div className="field" key={i.key}>
                <label htmlFor={`tech-fix-${i.key}`}>
                  {pick(i.label)} — {t('izin.staff.itemNote')}
                </label>
                <input
                  id={`tech-fix-${i.key}`}
                  value={fix[i.key] ?? ''}
                  onChange={(e) => setFix((o) => ({ ...o, [i.key]: e.target.value }))}
                />
              </div>
            ))
        : null}
      <div className="field">
        <label htmlFor="izin-tech-note">{t('izin.staff.note')}</label>
        <textarea
          id="izin-tech-note"
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="izin-tech-note"
        />
      </div>
      {missing ? <p className="muted izin-small">{missing}</p> : null}
      <Button
        busy={busy}
        disabled={Boolean(missing)}
        variant={decision === 'reject' ? 'danger' : 'primary'}
        onClick={() =>
          post('review', {
            decision,
            note: note.trim(),
            surveyDate: survey || null,
            fix:
              decision === 'return'
                ? Object.entries(fix)
                    .filter(([, n]) => n.trim().length >= 3)
                    .map(([key, n]) => ({ key, note: n.trim() }))
                : [],
          })
        }
        data-testid="izin-tech-submit"
      >
        {t('izin.staff.send')}
      </Button>
    </section>
  );
}

function Cashier({ post, busy }: { post: Post; busy: boolean }) {
  const { t } = useLang();
  const [receipt, setReceipt] = useState('');
  return (
    <section className="izin-box" data-testid="izin-cashier">
      <h3>{t('izin.staff.cashierTitle')}</h3>
      <div className="field">
        <label htmlFor="izin-receipt-no">{t('izin.staff.receiptNo')}</label>
        <input
          id="izin-receipt-no"
          value={receipt}
          onChange={(e) => setReceipt(e.target.value)}
          data-testid="izin-receipt-no"
        />
      </div>
      {receipt.trim().length >= 3 ? null : (
        <p className="muted izin-small">{t('izin.staff.receiptNeeded')}</p>
      )}
      <Button
        busy={busy}
        disabled={receipt.trim().length < 3}
        onClick={() => post('pay', { receiptNumber: receipt.trim() })}
        data-testid="izin-pay"
      >
        {t('izin.staff.markPaid')}
      </Button>
    </section>
  );
}

function Simple({ post, busy, path, label }: { post: Post; busy: boolean; path: string; label: string }) {
  const { t } = useLang();
  const [note, setNote] = useState('');
  return (
    <section className="izin-box" data-testid={`izin-${path}-box`}>
      {path === 'approve' ? (
        <div className="field">
          <label htmlFor={`izin-${path}-note`}>{t('izin.staff.note')}</label>
          <textarea
            id={`izin-${path}-note`}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
      ) : (
        <p className="muted">{t('izin.staff.signHint')}</p>
      )}
      <Button busy={busy} onClick={() => post(path, { note: note || null })} data-testid={`izin-${path}`}>
        {label}
      </Button>
    </section>
  );
}

function Reject({ post, busy }: { post: Post; busy: boolean }) {
  const { t } = useLang();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open)
    return (
      <Button variant="ghost" onClick={() => setOpen(true)} data-testid="izin-reject-open">
        {t('izin.staff.reject')}
      </Button>
    );
  return (
    <section className="izin-box">
      <div className="field">
        <label htmlFor="izin-reject-reason">{t('izin.staff.rejectReason')}</label>
        <textarea
          id="izin-reject-reason"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      {reason.trim().length >= 5 ? null : <p className="muted izin-small">{t('izin.staff.reasonNeeded')}</p>}
      <Button
        variant="danger"
        busy={busy}
        disabled={reason.trim().length < 5}
        onClick={() => post('reject', { reason: reason.trim() })}
        data-testid="izin-reject"
      >
        {t('izin.staff.reject')}
      </Button>
    </section>
  );
}

/** Signer: suspend, reinstate or revoke an issued permit, with a reason. */
function PermitActions({ app, post, busy }: { app: ApplicationView; post: Post; busy: boolean }) {
  const { t } = useLang();
  const [reason, setReason] = useState('');
  const actions =
    app.state === 'issued' ? (['suspend', 'revoke'] as const) : (['reinstate', 'revoke'] as const);
  return (
    <section className="izin-box" data-testid="izin-permit-actions">
      <h3>{t('izin.staff.permitTitle')}</h3>
      <div className="field">
        <label htmlFor="izin-permit-reason">{t('izin.staff.reason')}</label>
        <textarea
          id="izin-permit-reason"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="izin-permit-reason"
        />
      </div>
      {reason.trim().length >= 5 ? null : <p className="muted izin-small">{t('izin.staff.reasonNeeded')}</p>}
      <div className="izin-actions">
        {actions.map((a) => (
          <Button
            key={a}
            variant={a === 'revoke' ? 'danger' : 'secondary'}
            busy={busy}
            disabled={reason.trim().length < 5}
            onClick={() => {
              if (a === 'revoke' && !window.confirm(t('izin.staff.revokeConfirm'))) return;
              void post(a, { reason: reason.trim() });
            }}
            data-testid={`izin-${a}`}
          >
            {t(`izin.staff.${a}`)}
          </Button>
        ))}
      </div>
      <a
        className={buttonClass('ghost')}
        href={`${basePath}/cek/${app.permit?.code ?? ''}`}
        target="_blank"
        rel="noreferrer"
      >
        {t('izin.permit.check')}
      </a>
    </section>
  );
}

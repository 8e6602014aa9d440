import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import {
  type webhookDeliveryView,
  webhookInput,
  type webhookView,
} from '../../../../../../shared/modules/laksa';
import { ApiError, api, errorMessage } from '../../../../core/api';
import { formatDateTime } from '../../../../core/format';
import { useApi } from '../../../../core/hooks';
import { useLang } from '../../../../core/i18n';
import { useRegionTimeZone } from '../../../../core/region';
import { Alert, Badge, Button, Card, Check, Field, Spinner, useToast } from '../../../../core/ui';
import { type FieldErrors, serverFieldErrors, validate } from '../../../../core/validation';
import { LAKSA } from '../common';

type Webhook = z.infer<typeof webhookView>;
type Delivery = z.infer<typeof webhookDeliveryView>;
const path = `${LAKSA}/admin/webhooks`;

/** Event types a webhook can subscribe to (api/modules/laksa/README.md). */
const eventTypes = [
  'created',
  'verified',
  'disposed',
  'started',
  'returned',
  'rerouted',
  'resolved',
  'rejected',
  'redirected',
  'deferred',
  'resumed',
  'reopened',
  'rated',
  'replied',
  'noted',
  'supported',
  'duplicated',
  'moderated',
  'overdue',
  'escalated',
].map((e) => `laksa.report.${e}`);

const blank = { url: '', description: '', eventTypes: [] as string[], active: true };

export function Webhooks() {
  const { t, lang } = useLang();
  const toast = useToast();
  const { data, error, loading, reload } = useApi<Webhook[]>(path);
  const [editing, setEditing] = useState<Webhook | null>(null);
  const [draft, setDraft] = useState(blank);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function edit(w: Webhook) {
    setEditing(w);
    setDraft({ url: w.url, description: w.description ?? '', eventTypes: w.eventTypes, active: w.active });
    setErrors({});
    setFormError(null);
    document.getElementById('lk-wh-url')?.focus();
  }
  function reset() {
    setEditing(null);
    setDraft(blank);
    setErrors({});
    setFormError(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const v = validate(webhookInput, { ...draft, description: draft.description.trim() || null }, lang);
    setErrors(v.errors);
    if (!v.ok) return;
    setBusy(true);
    try {
      if (editing) {
        await api(`${path}/${editing.id}`, { method: 'PATCH', body: v.data });
        toast(t('common.saved'));
      } else {
        const created = await api<Webhook>(path, { method: 'POST', body: v.data });
        setSecret({ url: created.url, secret: created.secret });
        toast(t('laksaStaff.admin.webhooks.added'));
      }
      reset();
      reload();
    } catch (err) {
      setFormError(errorMessage(err));
      if (err instanceof ApiError) setErrors(serverFieldErrors(err.details, lang));
    } finally {
      setBusy(false);
    }
  }

  async function setActive(w: Webhook, active: boolean) {
    try {
      await api(`${path}/${w.id}`, { method: 'PATCH', body: { active } });
      toast(t('common.saved'));
      reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  }

  async function remove(w: Webhook) {
    if (!window.confirm(t('laksaStaff.admin.webhooks.confirmDelete', { url: w.url }))) return;
    try {
      await api(`${path}/${w.id}`, { method: 'DELETE' });
      toast(t('laksaStaff.admin.deleted'));
      if (editing?.id === w.id) reset();
      reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  }

  return (
    <div className="split" data-testid="laksa-staff-admin-webhooks">
      <Card title={t('laksaStaff.admin.tab.webhooks')}>
        <p className="muted small">{t('laksaStaff.admin.webhooks.hint')}</p>
        {secret ? (
          <Alert kind="success" data-testid="laksa-staff-webhook-secret">
            <p>{t('laksaStaff.admin.webhooks.secretOnce', { url: secret.url })}</p>
            <div className="secret-box">
              <span className="secret-label">{t('laksaStaff.admin.webhooks.secret')}</span>
              <code className="break">{secret.secret}</code>
            </div>
            <Button small variant="ghost" onClick={() => setSecret(null)}>
              {t('laksaStaff.admin.savedIt')}
            </Button>
          </Alert>
        ) : null}
        {loading && !data ? <Spinner label={t('common.loading')} /> : null}
        {error ? <Alert>{error}</Alert> : null}
        {data && data.length === 0 ? <p className="muted">{t('laksaStaff.admin.empty')}</p> : null}
        <ul className="lk-card-list" data-testid="laksa-staff-webhook-list">
          {(data ?? []).map((w) => (
            <li key={w.id} data-testid="laksa-staff-webhook-row" className="lk-card-list-block">
              <div className="lk-card-list-row">
                <div>
                  <strong className="break">{w.url}</strong>{' '}
                  <Badge tone={w.active ? 'ok' : 'off'}>
                    {w.active ? t('common.active') : t('common.inactive')}
                  </Badge>
                  {w.description ? <p className="muted small">{w.description}</p> : null}
                  <p className="small muted">
                    {t('laksaStaff.admin.webhooks.eventsCount', { count: w.eventTypes.length })} ·{' '}
                    <span className="mono">{w.secret}</span>
                  </p>
                </div>
                <div className="actions">
                  <Button
                    small
                    variant="secondary"
                    onClick={() => edit(w)}
                    data-testid="laksa-staff-webhook-edit"
                  >
                    {t('common.edit')}
                  </Button>
                  <Button
                    small
                    variant="ghost"
                    onClick={() => void setActive(w, !w.active)}
                    data-testid="laksa-staff-webhook-toggle"
                  >
                    {w.active ? t('laksaStaff.admin.deactivate') : t('laksaStaff.admin.activate')}
                  </Button>
                  <Button
                    small
                    variant="ghost"
                    aria-expanded={open === w.id}
                    onClick={() => setOpen(open === w.id ? null : w.id)}
                    data-testid="laksa-staff-webhook-deliveries-open"
                  >
                    {t('laksaStaff.admin.webhooks.deliveries')}
                  </Button>
                  <Button
                    small
                    variant="danger"
                    onClick={() => void remove(w)}
                    data-testid="laksa-staff-webhook-delete"
                  >
                    {t('common.delete')}
                  </Button>
                </div>
              </div>
              {open === w.id ? <Deliveries webhookId={w.id} /> : null}
            </li>
          ))}
        </ul>
      </Card>
      <Card
        title={
          editing
            ? t('laksaStaff.admin.editTitle', { name: editing.url })
            : t('laksaStaff.admin.webhooks.addTitle')
        }
      >
        <form className="form" onSubmit={submit} noValidate data-testid="laksa-staff-webhook-form">
          {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
          <Field
            id="lk-wh-url"
            type="url"
            label={t('laksaStaff.admin.webhooks.url')}
            placeholder="https://"
            value={draft.url}
            onChange={(e) => setDraft((d) => ({ ...d, url: e.target.value }))}
            error={errors.url}
            data-testid="laksa-staff-webhook-url"
          />
          <Field
            id="lk-wh-desc"
            label={t('laksaStaff.admin.webhooks.description')}
            value={draft.description}
            onChange={(e) => setDraft((d) => ({ ...d, description: e.target.value }))}
            error={errors.description}
            data-testid="laksa-staff-webhook-description"
          />
          <fieldset className="fieldset" data-testid="laksa-staff-webhook-events">
            <legend>{t('laksaStaff.admin.webhooks.events')}</legend>
            <div className="lk-opd-grid">
              {eventTypes.map((ev) => (
                <div className="check" key={ev}>
                  <input
                    type="checkbox"
                    id={`lk-wh-${ev}`}
                    checked={draft.eventTypes.includes(ev)}
                    onChange={(e) =>
                      setDraft((d) => ({
                        ...d,
                        eventTypes: e.target.checked
                          ? [...d.eventTypes, ev]
                          : d.eventTypes.filter((x) => x !== ev),
                      }))
                    }
                  />
                  <label htmlFor={`lk-wh-${ev}`} className="mono small">
                    {ev.replace('laksa.report.', '')}
                  </label>
                </div>
              ))}
            </div>
            {errors.eventTypes ? <p className="field-error">{errors.eventTypes}</p> : null}
          </fieldset>
          <Check
            label={t('common.active')}
            checked={draft.active}
            onChange={(e) => setDraft((d) => ({ ...d, active: e.target.checked }))}
            data-testid="laksa-staff-webhook-active"
          />
          <div className="row">
            <Button type="submit" busy={busy} data-testid="laksa-staff-webhook-save">
              {editing ? t('common.save') : t('common.add')}
            </Button>
            {editing ? (
              <Button variant="ghost" onClick={reset}>
                {t('common.cancel')}
              </Button>
            ) : null}
          </div>
        </form>
      </Card>
    </div>
  );
}

function Deliveries({ webhookId }: { webhookId: string }) {
  const { t, locale } = useLang();
  const tz = useRegionTimeZone();
  const toast = useToast();
  const { data, error, loading, reload } = useApi<Delivery[]>(`${path}/${webhookId}/deliveries`);

  async function retry(d: Delivery) {
    try {
      await api(`${path}/deliveries/${d.id}/retry`, { method: 'POST' });
      toast(t('laksaStaff.admin.webhooks.retried'));
      reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  }

  const tone = { pending: 'neutral', delivered: 'ok', failed: 'warn' } as const;
  return (
    <div className="lk-deliveries" data-testid="laksa-staff-webhook-deliveries">
      {loading && !data ? <Spinner label={t('common.loading')} /> : null}
      {error ? <Alert>{error}</Alert> : null}
      {data && data.length === 0 ? (
        <p className="muted small">{t('laksaStaff.admin.webhooks.noDeliveries')}</p>
      ) : null}
      {data?.length ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('laksaStaff.admin.webhooks.event')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('laksaStaff.admin.webhooks.attempts')}</th>
                <th scope="col">{t('laksaStaff.field.createdAt')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.id} data-testid="laksa-staff-webhook-delivery">
                  <td className="mono">{d.eventType}</td>
                  <td>
                    <Badge tone={tone[d.status]}>{t(`laksaStaff.admin.webhooks.status.${d.status}`)}</Badge>
                    {d.lastStatusCode ? <span className="mono small"> HTTP {d.lastStatusCode}</span> : null}
                    {d.lastError ? <p className="small muted break">{d.lastError}</p> : null}
                  </td>
                  <td>{d.attempts}</td>
                  <td className="lk-nowrap">{formatDateTime(d.createdAt, locale, tz)}</td>
                  <td className="actions">
                    {d.status === 'failed' ? (
                      <Button
                        small
                        variant="secondary"
                        onClick={() => void retry(d)}
                        data-testid="laksa-staff-webhook-retry"
                      >
                        {t('laksaStaff.admin.webhooks.retry')}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

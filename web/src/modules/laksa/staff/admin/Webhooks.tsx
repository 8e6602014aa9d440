import { useState } from 'react';
import type { z } from 'zod';
import {
  type webhookDeliveryView,
  webhookInput,
  type webhookView,
} from '../../../../../../shared/modules/laksa';
import { api } from '../../../../core/api';
import { formatDateTime } from '../../../../core/format';
import { useApi } from '../../../../core/hooks';
import { useLang } from '../../../../core/i18n';
import { useRegionTimeZone } from '../../../../core/region';
import { Badge, Card, Check, Field } from '../../../../core/ui';
import {
  ActiveBadge,
  ConfirmButton,
  DataTable,
  Form,
  FormActions,
  LoadState,
  RowButton,
  SecretNotice,
  toggled,
  useEditableList,
  useRowAction,
} from '../../../../core/ui/admin';
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
  const { t } = useLang();
  const list = useEditableList<Webhook, typeof blank>({
    path,
    blank,
    focusId: 'lk-wh-url',
    toDraft: (w) => ({
      url: w.url,
      description: w.description ?? '',
      eventTypes: w.eventTypes,
      active: w.active,
    }),
  });
  const { draft, editing, field } = list;
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const submit = () =>
    list.save<Webhook>(
      webhookInput,
      { ...draft, description: draft.description.trim() || null },
      {
        added: t('laksaStaff.admin.webhooks.added'),
        onSaved: (w, wasEditing) => {
          if (!wasEditing) setSecret({ url: w.url, secret: w.secret });
        },
      },
    );

  return (
    <div className="split" data-testid="laksa-staff-admin-webhooks">
      <Card title={t('laksaStaff.admin.tab.webhooks')}>
        <p className="muted small">{t('laksaStaff.admin.webhooks.hint')}</p>
        {secret ? (
          <SecretNotice
            testId="laksa-staff-webhook-secret"
            message={t('laksaStaff.admin.webhooks.secretOnce', { url: secret.url })}
            label={t('laksaStaff.admin.webhooks.secret')}
            value={secret.secret}
            dismissLabel={t('laksaStaff.admin.savedIt')}
            onDismiss={() => setSecret(null)}
          />
        ) : null}
        <LoadState state={list} empty={t('laksaStaff.admin.empty')} />
        <ul className="lk-card-list" data-testid="laksa-staff-webhook-list">
          {(list.data ?? []).map((w) => (
            <li key={w.id} data-testid="laksa-staff-webhook-row" className="lk-card-list-block">
              <div className="lk-card-list-row">
                <div>
                  <strong className="break">{w.url}</strong> <ActiveBadge active={w.active} />
                  {w.description ? <p className="muted small">{w.description}</p> : null}
                  <p className="small muted">
                    {t('laksaStaff.admin.webhooks.eventsCount', { count: w.eventTypes.length })} ·{' '}
                    <span className="mono">{w.secret}</span>
                  </p>
                </div>
                <div className="actions">
                  <RowButton onClick={() => list.edit(w)} data-testid="laksa-staff-webhook-edit">
                    {t('common.edit')}
                  </RowButton>
                  <RowButton
                    variant="ghost"
                    onClick={() => void list.patch(w, { active: !w.active }, t('common.saved'))}
                    data-testid="laksa-staff-webhook-toggle"
                  >
                    {w.active ? t('laksaStaff.admin.deactivate') : t('laksaStaff.admin.activate')}
                  </RowButton>
                  <RowButton
                    variant="ghost"
                    aria-expanded={open === w.id}
                    onClick={() => setOpen(open === w.id ? null : w.id)}
                    data-testid="laksa-staff-webhook-deliveries-open"
                  >
                    {t('laksaStaff.admin.webhooks.deliveries')}
                  </RowButton>
                  <ConfirmButton
                    confirm={t('laksaStaff.admin.webhooks.confirmDelete', { url: w.url })}
                    onConfirm={() => list.remove(w, t('laksaStaff.admin.deleted'))}
                    data-testid="laksa-staff-webhook-delete"
                  >
                    {t('common.delete')}
                  </ConfirmButton>
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
        <Form onSubmit={submit} error={list.formError} data-testid="laksa-staff-webhook-form">
          <Field
            id="lk-wh-url"
            type="url"
            label={t('laksaStaff.admin.webhooks.url')}
            placeholder="https://"
            {...field('url')}
            data-testid="laksa-staff-webhook-url"
          />
          <Field
            id="lk-wh-desc"
            label={t('laksaStaff.admin.webhooks.description')}
            {...field('description')}
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
                      list.setDraft((d) => ({
                        ...d,
                        eventTypes: toggled(d.eventTypes, ev, e.target.checked),
                      }))
                    }
                  />
                  <label htmlFor={`lk-wh-${ev}`} className="mono small">
                    {ev.replace('laksa.report.', '')}
                  </label>
                </div>
              ))}
            </div>
            {list.errors.eventTypes ? <p className="field-error">{list.errors.eventTypes}</p> : null}
          </fieldset>
          <Check
            label={t('common.active')}
            {...list.flag('active')}
            data-testid="laksa-staff-webhook-active"
          />
          <FormActions {...list.formActions} testId="laksa-staff-webhook-save" />
        </Form>
      </Card>
    </div>
  );
}

function Deliveries({ webhookId }: { webhookId: string }) {
  const { t, locale } = useLang();
  const tz = useRegionTimeZone();
  const deliveries = useApi<Delivery[]>(`${path}/${webhookId}/deliveries`);
  const run = useRowAction(deliveries.reload);
  const { data } = deliveries;

  const tone = { pending: 'neutral', delivered: 'ok', failed: 'warn' } as const;
  return (
    <div className="lk-deliveries" data-testid="laksa-staff-webhook-deliveries">
      <LoadState state={deliveries} />
      {data && data.length === 0 ? (
        <p className="muted small">{t('laksaStaff.admin.webhooks.noDeliveries')}</p>
      ) : null}
      {data?.length ? (
        <DataTable
          rowTestId="laksa-staff-webhook-delivery"
          rows={data}
          rowKey={(d) => d.id}
          columns={[
            { header: t('laksaStaff.admin.webhooks.event'), cell: (d) => d.eventType, className: 'mono' },
            {
              header: t('common.status'),
              cell: (d) => (
                <>
                  <Badge tone={tone[d.status]}>{t(`laksaStaff.admin.webhooks.status.${d.status}`)}</Badge>
                  {d.lastStatusCode ? <span className="mono small"> HTTP {d.lastStatusCode}</span> : null}
                  {d.lastError ? <p className="small muted break">{d.lastError}</p> : null}
                </>
              ),
            },
            { header: t('laksaStaff.admin.webhooks.attempts'), cell: (d) => d.attempts },
            {
              header: t('laksaStaff.field.createdAt'),
              cell: (d) => formatDateTime(d.createdAt, locale, tz),
              className: 'lk-nowrap',
            },
          ]}
          actions={(d) =>
            d.status === 'failed' ? (
              <RowButton
                onClick={() =>
                  void run(
                    () => api(`${path}/deliveries/${d.id}/retry`, { method: 'POST' }),
                    t('laksaStaff.admin.webhooks.retried'),
                  )
                }
                data-testid="laksa-staff-webhook-retry"
              >
                {t('laksaStaff.admin.webhooks.retry')}
              </RowButton>
            ) : null
          }
        />
      ) : null}
    </div>
  );
}

import { useState } from 'react';
import type { z } from 'zod';
import { apiKeyInput, type apiKeyView } from '../../../../../../shared/modules/laksa';
import { formatDateTime } from '../../../../core/format';
import { useLang } from '../../../../core/i18n';
import { useRegionTimeZone } from '../../../../core/region';
import { Badge, Button, Card, Field } from '../../../../core/ui';
import {
  ConfirmButton,
  DataTable,
  Form,
  LoadState,
  SecretNotice,
  useEditableList,
} from '../../../../core/ui/admin';
import { LAKSA } from '../common';

type ApiKey = z.infer<typeof apiKeyView>;
const path = `${LAKSA}/admin/api-keys`;

/** Open311 GeoReport v2 API keys: the key is shown once, when created. */
export function ApiKeys() {
  const { t, locale } = useLang();
  const tz = useRegionTimeZone();
  const list = useEditableList<ApiKey, { name: string }>({ path, blank: { name: '' } });
  const [created, setCreated] = useState<ApiKey | null>(null);

  return (
    <div className="split" data-testid="laksa-staff-admin-api-keys">
      <Card title={t('laksaStaff.admin.tab.apiKeys')}>
        <p className="muted small">{t('laksaStaff.admin.apiKeys.hint')}</p>
        {created?.key ? (
          <SecretNotice
            testId="laksa-staff-api-key-created"
            message={t('laksaStaff.admin.apiKeys.keyOnce', { name: created.name })}
            label={t('laksaStaff.admin.apiKeys.key')}
            value={created.key}
            valueTestId="laksa-staff-api-key-value"
            dismissLabel={t('laksaStaff.admin.savedIt')}
            onDismiss={() => setCreated(null)}
          />
        ) : null}
        <LoadState state={list} empty={t('laksaStaff.admin.empty')} />
        <DataTable
          testId="laksa-staff-api-key-table"
          rowTestId="laksa-staff-api-key-row"
          rows={list.data ?? []}
          rowKey={(k) => k.id}
          columns={[
            {
              header: t('laksaStaff.admin.apiKeys.name'),
              cell: (k) => (
                <>
                  {k.name}
                  <br />
                  <span className="muted small">{formatDateTime(k.createdAt, locale, tz)}</span>
                </>
              ),
            },
            { header: t('laksaStaff.admin.apiKeys.prefix'), cell: (k) => `${k.prefix}…`, className: 'mono' },
            {
              header: t('laksaStaff.admin.apiKeys.lastUsed'),
              cell: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt, locale, tz) : '—'),
            },
          ]}
          actions={(k) =>
            k.revokedAt ? (
              <Badge tone="off">{t('laksaStaff.admin.apiKeys.revokedBadge')}</Badge>
            ) : (
              <ConfirmButton
                subject={k.name}
                confirm={t('laksaStaff.admin.apiKeys.confirmRevoke', { name: k.name })}
                onConfirm={() => list.remove(k, t('laksaStaff.admin.apiKeys.revoked'))}
                data-testid="laksa-staff-api-key-revoke"
              >
                {t('laksaStaff.admin.apiKeys.revoke')}
              </ConfirmButton>
            )
          }
        />
      </Card>
      <Card title={t('laksaStaff.admin.apiKeys.addTitle')}>
        <Form
          onSubmit={() =>
            list.save<ApiKey>(apiKeyInput, list.draft, {
              added: t('laksaStaff.admin.apiKeys.added'),
              onSaved: (k) => setCreated(k),
            })
          }
          error={list.formError}
          data-testid="laksa-staff-api-key-form"
        >
          <Field
            id="lk-key-name"
            label={t('laksaStaff.admin.apiKeys.name')}
            hint={t('laksaStaff.admin.apiKeys.nameHint')}
            {...list.field('name')}
            data-testid="laksa-staff-api-key-name"
          />
          <Button type="submit" busy={list.busy} data-testid="laksa-staff-api-key-save">
            {t('laksaStaff.admin.apiKeys.create')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

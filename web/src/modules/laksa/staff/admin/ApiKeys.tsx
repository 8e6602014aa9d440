import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { apiKeyInput, type apiKeyView } from '../../../../../../shared/modules/laksa';
import { ApiError, api, errorMessage } from '../../../../core/api';
import { formatDateTime } from '../../../../core/format';
import { useApi } from '../../../../core/hooks';
import { useLang } from '../../../../core/i18n';
import { useRegionTimeZone } from '../../../../core/region';
import { Alert, Badge, Button, Card, Field, Spinner, useToast } from '../../../../core/ui';
import { type FieldErrors, serverFieldErrors, validate } from '../../../../core/validation';
import { LAKSA } from '../common';

type ApiKey = z.infer<typeof apiKeyView>;
const path = `${LAKSA}/admin/api-keys`;

/** Open311 GeoReport v2 API keys: the key is shown once, when created. */
export function ApiKeys() {
  const { t, lang, locale } = useLang();
  const tz = useRegionTimeZone();
  const toast = useToast();
  const { data, error, loading, reload } = useApi<ApiKey[]>(path);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<ApiKey | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const v = validate(apiKeyInput, { name }, lang);
    setErrors(v.errors);
    if (!v.ok) return;
    setBusy(true);
    try {
      const k = await api<ApiKey>(path, { method: 'POST', body: v.data });
      setCreated(k);
      setName('');
      toast(t('laksaStaff.admin.apiKeys.added'));
      reload();
    } catch (err) {
      setFormError(errorMessage(err));
      if (err instanceof ApiError) setErrors(serverFieldErrors(err.details, lang));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(k: ApiKey) {
    if (!window.confirm(t('laksaStaff.admin.apiKeys.confirmRevoke', { name: k.name }))) return;
    try {
      await api(`${path}/${k.id}`, { method: 'DELETE' });
      toast(t('laksaStaff.admin.apiKeys.revoked'));
      reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  }

  return (
    <div className="split" data-testid="laksa-staff-admin-api-keys">
      <Card title={t('laksaStaff.admin.tab.apiKeys')}>
        <p className="muted small">{t('laksaStaff.admin.apiKeys.hint')}</p>
        {created?.key ? (
          <Alert kind="success" data-testid="laksa-staff-api-key-created">
            <p>{t('laksaStaff.admin.apiKeys.keyOnce', { name: created.name })}</p>
            <div className="secret-box">
              <span className="secret-label">{t('laksaStaff.admin.apiKeys.key')}</span>
              <code className="break" data-testid="laksa-staff-api-key-value">
                {created.key}
              </code>
            </div>
            <Button small variant="ghost" onClick={() => setCreated(null)}>
              {t('laksaStaff.admin.savedIt')}
            </Button>
          </Alert>
        ) : null}
        {loading && !data ? <Spinner label={t('common.loading')} /> : null}
        {error ? <Alert>{error}</Alert> : null}
        {data && data.length === 0 ? <p className="muted">{t('laksaStaff.admin.empty')}</p> : null}
        <div className="table-wrap">
          <table className="table" data-testid="laksa-staff-api-key-table">
            <thead>
              <tr>
                <th scope="col">{t('laksaStaff.admin.apiKeys.name')}</th>
                <th scope="col">{t('laksaStaff.admin.apiKeys.prefix')}</th>
                <th scope="col">{t('laksaStaff.admin.apiKeys.lastUsed')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(data ?? []).map((k) => (
                <tr key={k.id} data-testid="laksa-staff-api-key-row">
                  <td>
                    {k.name}
                    <br />
                    <span className="muted small">{formatDateTime(k.createdAt, locale, tz)}</span>
                  </td>
                  <td className="mono">{k.prefix}…</td>
                  <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt, locale, tz) : '—'}</td>
                  <td className="actions">
                    {k.revokedAt ? (
                      <Badge tone="off">{t('laksaStaff.admin.apiKeys.revokedBadge')}</Badge>
                    ) : (
                      <Button
                        small
                        variant="danger"
                        onClick={() => void revoke(k)}
                        data-testid="laksa-staff-api-key-revoke"
                      >
                        {t('laksaStaff.admin.apiKeys.revoke')}
                        <span className="sr-only"> {k.name}</span>
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title={t('laksaStaff.admin.apiKeys.addTitle')}>
        <form className="form" onSubmit={submit} noValidate data-testid="laksa-staff-api-key-form">
          {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
          <Field
            id="lk-key-name"
            label={t('laksaStaff.admin.apiKeys.name')}
            hint={t('laksaStaff.admin.apiKeys.nameHint')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errors.name}
            data-testid="laksa-staff-api-key-name"
          />
          <Button type="submit" busy={busy} data-testid="laksa-staff-api-key-save">
            {t('laksaStaff.admin.apiKeys.create')}
          </Button>
        </form>
      </Card>
    </div>
  );
}

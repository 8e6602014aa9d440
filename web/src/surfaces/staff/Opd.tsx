import { type FormEvent, useState } from 'react';
import { opdInput } from '../../../../shared/region';
import { ApiError, api, errorMessage } from '../../core/api';
import { useApi } from '../../core/hooks';
import { useLang } from '../../core/i18n';
import { Alert, Badge, Button, Card, Check, Field, PageHeader, Spinner, useToast } from '../../core/ui';
import { type FieldErrors, serverFieldErrors, validate } from '../../core/validation';

export interface OpdItem {
  id: string;
  code: string;
  name: string;
  shortName: string;
  active: boolean;
}

const blank = { code: '', name: '', shortName: '', active: true };

export function Opd() {
  const { t, lang } = useLang();
  const toast = useToast();
  const { data, error, loading, reload } = useApi<OpdItem[]>('/admin/opd');
  const [editing, setEditing] = useState<OpdItem | null>(null);
  const [form, setForm] = useState(blank);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (k: 'code' | 'name' | 'shortName') => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  function startEdit(o: OpdItem) {
    setEditing(o);
    setForm({ code: o.code, name: o.name, shortName: o.shortName, active: o.active });
    setErrors({});
    setFormError(null);
    document.getElementById('opd-code')?.focus();
  }
  function reset() {
    setEditing(null);
    setForm(blank);
    setErrors({});
    setFormError(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const v = validate(opdInput, form, lang);
    setErrors(v.errors);
    if (!v.ok) return;
    setBusy(true);
    try {
      if (editing) await api(`/admin/opd/${editing.id}`, { method: 'PATCH', body: v.data });
      else await api('/admin/opd', { method: 'POST', body: v.data });
      toast(editing ? t('common.saved') : t('staff.opd.added'));
      reset();
      reload();
    } catch (err) {
      setFormError(errorMessage(err));
      if (err instanceof ApiError) setErrors(serverFieldErrors(err.details, lang));
    } finally {
      setBusy(false);
    }
  }

  async function setActive(o: OpdItem, active: boolean) {
    try {
      await api(`/admin/opd/${o.id}`, { method: 'PATCH', body: { active } });
      toast(
        active
          ? t('staff.opd.activated', { name: o.shortName })
          : t('staff.opd.deactivated', { name: o.shortName }),
      );
      reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  }

  return (
    <div>
      <PageHeader title={t('staff.nav.opd')} subtitle={t('staff.opd.subtitle')} />
      <div className="split">
        <Card title={t('staff.opd.list')}>
          {loading && !data ? <Spinner label={t('common.loading')} /> : null}
          {error ? <Alert>{error}</Alert> : null}
          {data && data.length === 0 ? <p className="muted">{t('staff.opd.empty')}</p> : null}
          <div className="table-wrap">
            <table className="table" data-testid="opd-table">
              <thead>
                <tr>
                  <th scope="col">{t('staff.opd.code')}</th>
                  <th scope="col">{t('staff.opd.name')}</th>
                  <th scope="col">{t('common.status')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {(data ?? []).map((o) => (
                  <tr key={o.id} data-testid="opd-row">
                    <td className="mono">{o.code}</td>
                    <td>
                      <strong>{o.shortName}</strong>
                      <br />
                      <span className="muted">{o.name}</span>
                    </td>
                    <td>
                      <Badge tone={o.active ? 'ok' : 'off'}>
                        {o.active ? t('common.active') : t('common.inactive')}
                      </Badge>
                    </td>
                    <td className="actions">
                      <Button small variant="secondary" onClick={() => startEdit(o)} data-testid="opd-edit">
                        {t('common.edit')}
                        <span className="sr-only"> {o.shortName}</span>
                      </Button>
                      <Button
                        small
                        variant="ghost"
                        onClick={() => void setActive(o, !o.active)}
                        data-testid="opd-toggle"
                      >
                        {o.active ? t('staff.opd.deactivate') : t('staff.opd.activate')}
                        <span className="sr-only"> {o.shortName}</span>
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
        <Card
          title={editing ? t('staff.opd.editTitle', { name: editing.shortName }) : t('staff.opd.addTitle')}
        >
          <form className="form" onSubmit={submit} noValidate data-testid="opd-form">
            {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
            <Field
              id="opd-code"
              label={t('staff.opd.code')}
              hint={t('staff.opd.codeHint')}
              value={form.code}
              onChange={set('code')}
              error={errors.code}
              data-testid="opd-code"
            />
            <Field
              id="opd-name"
              label={t('staff.opd.name')}
              value={form.name}
              onChange={set('name')}
              error={errors.name}
              data-testid="opd-name"
            />
            <Field
              id="opd-short"
              label={t('staff.opd.shortName')}
              value={form.shortName}
              onChange={set('shortName')}
              error={errors.shortName}
              data-testid="opd-short-name"
            />
            <Check
              label={t('common.active')}
              checked={form.active}
              onChange={(e) => setForm((f) => ({ ...f, active: e.target.checked }))}
              data-testid="opd-active"
            />
            <div className="row">
              <Button type="submit" busy={busy} data-testid="opd-save">
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
    </div>
  );
}

import { type FormEvent, useState } from 'react';
import { templateInput } from '../../../../../../shared/modules/laksa';
import { ApiError, api, errorMessage } from '../../../../core/api';
import { useApi } from '../../../../core/hooks';
import { useLang } from '../../../../core/i18n';
import { Alert, Button, Card, Field, Spinner, TextAreaField, useToast } from '../../../../core/ui';
import { type FieldErrors, serverFieldErrors, validate } from '../../../../core/validation';
import { LAKSA, type Template } from '../common';

const path = `${LAKSA}/admin/templates`;

export function Templates() {
  const { t, lang } = useLang();
  const toast = useToast();
  const { data, error, loading, reload } = useApi<Template[]>(path);
  const [editing, setEditing] = useState<Template | null>(null);
  const [draft, setDraft] = useState({ title: '', body: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function edit(tpl: Template) {
    setEditing(tpl);
    setDraft({ title: tpl.title, body: tpl.body });
    setErrors({});
    setFormError(null);
    document.getElementById('lk-tpl-title')?.focus();
  }
  function reset() {
    setEditing(null);
    setDraft({ title: '', body: '' });
    setErrors({});
    setFormError(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const v = validate(templateInput, draft, lang);
    setErrors(v.errors);
    if (!v.ok) return;
    setBusy(true);
    try {
      if (editing) await api(`${path}/${editing.id}`, { method: 'PATCH', body: v.data });
      else await api(path, { method: 'POST', body: v.data });
      toast(editing ? t('common.saved') : t('laksaStaff.admin.templates.added'));
      reset();
      reload();
    } catch (err) {
      setFormError(errorMessage(err));
      if (err instanceof ApiError) setErrors(serverFieldErrors(err.details, lang));
    } finally {
      setBusy(false);
    }
  }

  async function remove(tpl: Template) {
    if (!window.confirm(t('laksaStaff.admin.templates.confirmDelete', { title: tpl.title }))) return;
    try {
      await api(`${path}/${tpl.id}`, { method: 'DELETE' });
      toast(t('laksaStaff.admin.deleted'));
      if (editing?.id === tpl.id) reset();
      reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  }

  return (
    <div className="split" data-testid="laksa-staff-admin-templates">
      <Card title={t('laksaStaff.admin.tab.templates')}>
        {loading && !data ? <Spinner label={t('common.loading')} /> : null}
        {error ? <Alert>{error}</Alert> : null}
        {data && data.length === 0 ? <p className="muted">{t('laksaStaff.admin.empty')}</p> : null}
        <ul className="lk-card-list" data-testid="laksa-staff-template-list">
          {(data ?? []).map((tpl) => (
            <li key={tpl.id} data-testid="laksa-staff-template-row">
              <div>
                <strong>{tpl.title}</strong>
                <p className="muted small lk-pre">{tpl.body}</p>
              </div>
              <div className="actions">
                <Button
                  small
                  variant="secondary"
                  onClick={() => edit(tpl)}
                  data-testid="laksa-staff-template-edit"
                >
                  {t('common.edit')}
                  <span className="sr-only"> {tpl.title}</span>
                </Button>
                <Button
                  small
                  variant="danger"
                  onClick={() => void remove(tpl)}
                  data-testid="laksa-staff-template-delete"
                >
                  {t('common.delete')}
                  <span className="sr-only"> {tpl.title}</span>
                </Button>
              </div>
            </li>
          ))}
        </ul>
      </Card>
      <Card
        title={
          editing
            ? t('laksaStaff.admin.editTitle', { name: editing.title })
            : t('laksaStaff.admin.templates.addTitle')
        }
      >
        <form className="form" onSubmit={submit} noValidate data-testid="laksa-staff-template-form">
          {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
          <Field
            id="lk-tpl-title"
            label={t('laksaStaff.admin.templates.titleLabel')}
            value={draft.title}
            onChange={(e) => setDraft((d) => ({ ...d, title: e.target.value }))}
            error={errors.title}
            data-testid="laksa-staff-template-title"
          />
          <TextAreaField
            id="lk-tpl-body"
            label={t('laksaStaff.admin.templates.body')}
            value={draft.body}
            onChange={(e) => setDraft((d) => ({ ...d, body: e.target.value }))}
            error={errors.body}
            rows={6}
            data-testid="laksa-staff-template-body"
          />
          <div className="row">
            <Button type="submit" busy={busy} data-testid="laksa-staff-template-save">
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

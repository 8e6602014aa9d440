import { type FormEvent, useState } from 'react';
import { categoryInput, categoryUpdateInput } from '../../../../../../shared/modules/laksa';
import { ApiError, api, errorMessage } from '../../../../core/api';
import { useApi } from '../../../../core/hooks';
import { useLang } from '../../../../core/i18n';
import {
  Alert,
  Badge,
  Button,
  Card,
  Check,
  Field,
  Spinner,
  TextAreaField,
  useToast,
} from '../../../../core/ui';
import { type FieldErrors, serverFieldErrors, validate } from '../../../../core/validation';
import { type Category, LAKSA } from '../common';
import { invalidateRefs } from '../refs';

const path = `${LAKSA}/admin/categories`;
const blank = {
  code: '',
  name: '',
  nameEn: '',
  description: '',
  kamtibmas: false,
  resolveDays: '14',
  active: true,
  sort: '100',
};
type Draft = typeof blank;

const num = (s: string) => (s.trim() === '' || Number.isNaN(Number(s)) ? s : Number(s));

export function Categories() {
  const { t, lang } = useLang();
  const toast = useToast();
  const { data, error, loading, reload } = useApi<Category[]>(path);
  const [editing, setEditing] = useState<Category | null>(null);
  const [draft, setDraft] = useState<Draft>(blank);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set =
    (k: 'code' | 'name' | 'nameEn' | 'description' | 'resolveDays' | 'sort') =>
    (e: { target: { value: string } }) =>
      setDraft((d) => ({ ...d, [k]: e.target.value }));

  function edit(c: Category) {
    setEditing(c);
    setDraft({
      code: c.code,
      name: c.name,
      nameEn: c.nameEn,
      description: c.description ?? '',
      kamtibmas: c.kamtibmas,
      resolveDays: String(c.resolveDays),
      active: c.active,
      sort: String(c.sort),
    });
    setErrors({});
    setFormError(null);
    document.getElementById('lk-cat-code')?.focus();
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
    const value = {
      ...draft,
      description: draft.description.trim() || null,
      resolveDays: num(draft.resolveDays),
      sort: num(draft.sort),
    };
    const v = validate(editing ? categoryUpdateInput : categoryInput, value, lang);
    setErrors(v.errors);
    if (!v.ok) return;
    setBusy(true);
    try {
      if (editing) await api(`${path}/${editing.id}`, { method: 'PATCH', body: v.data });
      else await api(path, { method: 'POST', body: v.data });
      toast(editing ? t('common.saved') : t('laksaStaff.admin.categories.added'));
      invalidateRefs();
      reset();
      reload();
    } catch (err) {
      setFormError(errorMessage(err));
      if (err instanceof ApiError) setErrors(serverFieldErrors(err.details, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="split" data-testid="laksa-staff-admin-categories">
      <Card title={t('laksaStaff.admin.tab.categories')}>
        {loading && !data ? <Spinner label={t('common.loading')} /> : null}
        {error ? <Alert>{error}</Alert> : null}
        <div className="table-wrap">
          <table className="table" data-testid="laksa-staff-category-table">
            <thead>
              <tr>
                <th scope="col">{t('laksaStaff.admin.categories.name')}</th>
                <th scope="col">{t('laksaStaff.admin.categories.resolveDays')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(data ?? []).map((c) => (
                <tr key={c.id} data-testid="laksa-staff-category-row">
                  <td>
                    <strong>{lang === 'en' ? c.nameEn : c.name}</strong>
                    <br />
                    <span className="muted mono">{c.code}</span>
                    {c.kamtibmas ? (
                      <>
                        {' '}
                        <span className="chip">{t('laksaStaff.admin.categories.kamtibmas')}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{t('laksaStaff.admin.workingDays', { count: c.resolveDays })}</td>
                  <td>
                    <Badge tone={c.active ? 'ok' : 'off'}>
                      {c.active ? t('common.active') : t('common.inactive')}
                    </Badge>
                  </td>
                  <td className="actions">
                    <Button
                      small
                      variant="secondary"
                      onClick={() => edit(c)}
                      data-testid="laksa-staff-category-edit"
                    >
                      {t('common.edit')}
                      <span className="sr-only"> {c.name}</span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card
        title={
          editing
            ? t('laksaStaff.admin.editTitle', { name: editing.name })
            : t('laksaStaff.admin.categories.addTitle')
        }
      >
        <form className="form" onSubmit={submit} noValidate data-testid="laksa-staff-category-form">
          {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
          <Field
            id="lk-cat-code"
            label={t('laksaStaff.admin.categories.code')}
            hint={t('laksaStaff.admin.categories.codeHint')}
            value={draft.code}
            onChange={set('code')}
            error={errors.code}
            data-testid="laksa-staff-category-code"
          />
          <Field
            id="lk-cat-name"
            label={t('laksaStaff.admin.categories.nameId')}
            value={draft.name}
            onChange={set('name')}
            error={errors.name}
            data-testid="laksa-staff-category-name"
          />
          <Field
            id="lk-cat-name-en"
            label={t('laksaStaff.admin.categories.nameEn')}
            value={draft.nameEn}
            onChange={set('nameEn')}
            error={errors.nameEn}
            data-testid="laksa-staff-category-name-en"
          />
          <TextAreaField
            id="lk-cat-desc"
            label={t('laksaStaff.admin.categories.description')}
            value={draft.description}
            onChange={set('description')}
            error={errors.description}
            rows={2}
            data-testid="laksa-staff-category-description"
          />
          <Field
            id="lk-cat-days"
            label={t('laksaStaff.admin.categories.resolveDays')}
            hint={t('laksaStaff.admin.categories.resolveDaysHint')}
            inputMode="numeric"
            value={draft.resolveDays}
            onChange={set('resolveDays')}
            error={errors.resolveDays}
            data-testid="laksa-staff-category-resolve-days"
          />
          <Field
            id="lk-cat-sort"
            label={t('laksaStaff.admin.sort')}
            inputMode="numeric"
            value={draft.sort}
            onChange={set('sort')}
            error={errors.sort}
            data-testid="laksa-staff-category-sort"
          />
          <Check
            label={t('laksaStaff.admin.categories.kamtibmas')}
            hint={t('laksaStaff.admin.categories.kamtibmasHint')}
            checked={draft.kamtibmas}
            onChange={(e) => setDraft((d) => ({ ...d, kamtibmas: e.target.checked }))}
            data-testid="laksa-staff-category-kamtibmas"
          />
          <Check
            label={t('common.active')}
            checked={draft.active}
            onChange={(e) => setDraft((d) => ({ ...d, active: e.target.checked }))}
            data-testid="laksa-staff-category-active"
          />
          <div className="row">
            <Button type="submit" busy={busy} data-testid="laksa-staff-category-save">
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

import { type FormEvent, useState } from 'react';
import { numberInput } from '../../../../shared/modules/nomor-penting';
import { ApiError, api, errorMessage } from '../../core/api';
import { useApi } from '../../core/hooks';
import { useLang } from '../../core/i18n';
import {
  Alert,
  Button,
  Card,
  Field,
  PageHeader,
  SelectField,
  Spinner,
  TextAreaField,
  useToast,
} from '../../core/ui';
import { type FieldErrors, serverFieldErrors, validate } from '../../core/validation';
import type { ModulePageProps } from '../registry';
import { type Category, categories, type ImportantNumber, numbersPath, sortNumbers } from './types';

interface Draft {
  name: string;
  number: string;
  category: Category;
  description: string;
  sort: string;
}
const blank: Draft = { name: '', number: '', category: 'darurat', description: '', sort: '100' };

export default function StaffPage({ title }: ModulePageProps) {
  const { t, lang } = useLang();
  const toast = useToast();
  const { data, error, loading, reload } = useApi<ImportantNumber[]>(numbersPath);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(blank);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (k: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));

  function edit(n: ImportantNumber) {
    setEditing(n.id);
    setDraft({
      name: n.name,
      number: n.number,
      category: n.category,
      description: n.description ?? '',
      sort: String(n.sort),
    });
    setErrors({});
    setFormError(null);
    document.getElementById('np-name')?.focus();
  }

  function reset() {
    setEditing(null);
    setDraft(blank);
    setErrors({});
    setFormError(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    // Same zod contract as the API (shared/modules/nomor-penting.ts).
    const sort = draft.sort.trim() === '' ? undefined : Number(draft.sort);
    const v = validate(
      numberInput,
      {
        name: draft.name,
        number: draft.number,
        category: draft.category,
        description: draft.description.trim() || null,
        sort: Number.isNaN(sort) ? draft.sort : sort,
      },
      lang,
    );
    setErrors(v.errors);
    if (!v.ok) return;
    const body = v.data;
    setBusy(true);
    setFormError(null);
    try {
      if (editing) await api(`${numbersPath}/${editing}`, { method: 'PATCH', body });
      else await api(numbersPath, { method: 'POST', body });
      toast(editing ? t('common.saved') : t('nomorPenting.added'));
      reset();
      reload();
    } catch (err) {
      setFormError(errorMessage(err));
      if (err instanceof ApiError) setErrors(serverFieldErrors(err.details, lang));
    } finally {
      setBusy(false);
    }
  }

  async function remove(n: ImportantNumber) {
    if (!window.confirm(t('nomorPenting.confirmDelete', { name: n.name }))) return;
    try {
      await api(`${numbersPath}/${n.id}`, { method: 'DELETE' });
      toast(t('nomorPenting.deleted'));
      if (editing === n.id) reset();
      reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  }

  return (
    <div data-testid="np-staff">
      <PageHeader title={title} subtitle={t('nomorPenting.staffSubtitle')} />
      <div className="split">
        <Card title={t('nomorPenting.listTitle')}>
          {loading && !data ? <Spinner label={t('common.loading')} /> : null}
          {error ? <Alert>{error}</Alert> : null}
          {data && data.length === 0 ? <p className="muted">{t('nomorPenting.empty')}</p> : null}
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('nomorPenting.name')}</th>
                  <th scope="col">{t('nomorPenting.number')}</th>
                  <th scope="col">{t('nomorPenting.categoryLabel')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sortNumbers(data ?? []).map((n) => (
                  <tr key={n.id} data-testid="np-row">
                    <td>{n.name}</td>
                    <td className="mono">{n.number}</td>
                    <td>{t(`nomorPenting.category.${n.category}`)}</td>
                    <td className="actions">
                      <Button small variant="secondary" onClick={() => edit(n)} data-testid="np-edit">
                        {t('common.edit')}
                        <span className="sr-only"> {n.name}</span>
                      </Button>
                      <Button small variant="danger" onClick={() => void remove(n)} data-testid="np-delete">
                        {t('common.delete')}
                        <span className="sr-only"> {n.name}</span>
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
        <Card title={editing ? t('nomorPenting.editTitle') : t('nomorPenting.addTitle')}>
          <form className="form" onSubmit={submit} noValidate data-testid="np-form">
            {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
            <Field
              id="np-name"
              label={t('nomorPenting.name')}
              value={draft.name}
              onChange={set('name')}
              error={errors.name}
              data-testid="np-name"
            />
            <Field
              id="np-number"
              label={t('nomorPenting.number')}
              type="tel"
              value={draft.number}
              onChange={set('number')}
              error={errors.number}
              data-testid="np-number"
            />
            <SelectField
              id="np-category"
              label={t('nomorPenting.categoryLabel')}
              value={draft.category}
              onChange={set('category')}
              error={errors.category}
              data-testid="np-category"
            >
              {categories.map((c) => (
                <option key={c} value={c}>
                  {t(`nomorPenting.category.${c}`)}
                </option>
              ))}
            </SelectField>
            <TextAreaField
              id="np-description"
              label={t('nomorPenting.description')}
              value={draft.description}
              onChange={set('description')}
              error={errors.description}
              rows={2}
              data-testid="np-description"
            />
            <Field
              id="np-sort"
              label={t('nomorPenting.sort')}
              hint={t('nomorPenting.sortHint')}
              inputMode="numeric"
              value={draft.sort}
              onChange={set('sort')}
              error={errors.sort}
              data-testid="np-sort"
            />
            <div className="row">
              <Button type="submit" busy={busy} data-testid="np-save">
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

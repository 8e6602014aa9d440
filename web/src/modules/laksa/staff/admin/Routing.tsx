import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { routingRuleInput, type routingRuleView } from '../../../../../../shared/modules/laksa';
import { ApiError, api, errorMessage } from '../../../../core/api';
import { useApi } from '../../../../core/hooks';
import { useLang } from '../../../../core/i18n';
import { Alert, Button, Card, SelectField, Spinner, useToast } from '../../../../core/ui';
import { type FieldErrors, serverFieldErrors, validate } from '../../../../core/validation';
import { type Category, LAKSA } from '../common';
import { useRefs } from '../refs';

type Rule = z.infer<typeof routingRuleView>;
const path = `${LAKSA}/admin/routing`;

export function Routing() {
  const { t, lang } = useLang();
  const toast = useToast();
  const refs = useRefs();
  const { data, error, loading, reload } = useApi<Rule[]>(path);
  const categories = useApi<Category[]>(`${LAKSA}/admin/categories`);
  const [draft, setDraft] = useState({ categoryId: '', kecamatan: '', opdId: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));
  const areaName = (code: string | null) =>
    code
      ? (refs.areas.find((a) => a.code === code)?.name ?? code)
      : t('laksaStaff.admin.routing.wholeRegion');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const v = validate(routingRuleInput, { ...draft, kecamatan: draft.kecamatan || null }, lang);
    setErrors(v.errors);
    if (!v.ok) return;
    setBusy(true);
    try {
      await api(path, { method: 'POST', body: v.data });
      toast(t('laksaStaff.admin.routing.added'));
      setDraft({ categoryId: '', kecamatan: '', opdId: '' });
      reload();
    } catch (err) {
      setFormError(errorMessage(err));
      if (err instanceof ApiError) setErrors(serverFieldErrors(err.details, lang));
    } finally {
      setBusy(false);
    }
  }

  async function remove(r: Rule) {
    if (
      !window.confirm(
        t('laksaStaff.admin.routing.confirmDelete', { category: r.categoryName, opd: r.opdName }),
      )
    )
      return;
    try {
      await api(`${path}/${r.id}`, { method: 'DELETE' });
      toast(t('laksaStaff.admin.deleted'));
      reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  }

  const sorted = [...(data ?? [])].sort(
    (a, b) =>
      a.categoryName.localeCompare(b.categoryName) || (a.kecamatan ?? '').localeCompare(b.kecamatan ?? ''),
  );

  return (
    <div className="split" data-testid="laksa-staff-admin-routing">
      <Card title={t('laksaStaff.admin.tab.routing')}>
        <p className="muted small">{t('laksaStaff.admin.routing.hint')}</p>
        {loading && !data ? <Spinner label={t('common.loading')} /> : null}
        {error ? <Alert>{error}</Alert> : null}
        {data && data.length === 0 ? <p className="muted">{t('laksaStaff.admin.empty')}</p> : null}
        <div className="table-wrap">
          <table className="table" data-testid="laksa-staff-routing-table">
            <thead>
              <tr>
                <th scope="col">{t('laksaStaff.field.category')}</th>
                <th scope="col">{t('laksaStaff.field.kecamatan')}</th>
                <th scope="col">{t('laksaStaff.field.opd')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((r) => (
                <tr key={r.id} data-testid="laksa-staff-routing-row">
                  <td>{r.categoryName}</td>
                  <td>{areaName(r.kecamatan)}</td>
                  <td>{r.opdName}</td>
                  <td className="actions">
                    <Button
                      small
                      variant="danger"
                      onClick={() => void remove(r)}
                      data-testid="laksa-staff-routing-delete"
                    >
                      {t('common.delete')}
                      <span className="sr-only">
                        {' '}
                        {r.categoryName} {r.opdName}
                      </span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title={t('laksaStaff.admin.routing.addTitle')}>
        <form className="form" onSubmit={submit} noValidate data-testid="laksa-staff-routing-form">
          {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
          <SelectField
            id="lk-rule-cat"
            label={t('laksaStaff.field.category')}
            value={draft.categoryId}
            onChange={set('categoryId')}
            error={errors.categoryId}
            data-testid="laksa-staff-routing-category"
          >
            <option value="">{t('laksaStaff.admin.choose')}</option>
            {(categories.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {lang === 'en' ? c.nameEn : c.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="lk-rule-kec"
            label={t('laksaStaff.field.kecamatan')}
            value={draft.kecamatan}
            onChange={set('kecamatan')}
            error={errors.kecamatan}
            data-testid="laksa-staff-routing-kecamatan"
          >
            <option value="">{t('laksaStaff.admin.routing.wholeRegion')}</option>
            {refs.areas.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="lk-rule-opd"
            label={t('laksaStaff.field.opd')}
            value={draft.opdId}
            onChange={set('opdId')}
            error={errors.opdId}
            data-testid="laksa-staff-routing-opd"
          >
            <option value="">{t('laksaStaff.admin.choose')}</option>
            {refs.opds
              .filter((o) => o.active)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.shortName} — {o.name}
                </option>
              ))}
          </SelectField>
          <Button type="submit" busy={busy} data-testid="laksa-staff-routing-save">
            {t('common.add')}
          </Button>
        </form>
      </Card>
    </div>
  );
}

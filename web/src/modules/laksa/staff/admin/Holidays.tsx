import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { holidayInput, type holidayView } from '../../../../../../shared/modules/laksa';
import { ApiError, api, errorMessage } from '../../../../core/api';
import { useApi } from '../../../../core/hooks';
import { useLang } from '../../../../core/i18n';
import { Alert, Badge, Button, Card, Field, SelectField, Spinner, useToast } from '../../../../core/ui';
import { type FieldErrors, serverFieldErrors, validate } from '../../../../core/validation';
import { LAKSA } from '../common';

type Holiday = z.infer<typeof holidayView>;
const path = `${LAKSA}/admin/holidays`;

export function Holidays() {
  const { t, lang, locale } = useLang();
  const toast = useToast();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const { data, error, loading, reload } = useApi<Holiday[]>(`${path}?year=${year}`);
  const [draft, setDraft] = useState({ date: '', name: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fmt = (d: string) =>
    new Intl.DateTimeFormat(locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${d}T00:00:00Z`));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const v = validate(holidayInput, draft, lang);
    setErrors(v.errors);
    if (!v.ok) return;
    setBusy(true);
    try {
      await api(path, { method: 'POST', body: v.data });
      toast(t('laksaStaff.admin.holidays.added'));
      const y = Number(draft.date.slice(0, 4));
      setDraft({ date: '', name: '' });
      if (y !== year) setYear(y);
      else reload();
    } catch (err) {
      setFormError(errorMessage(err));
      if (err instanceof ApiError) setErrors(serverFieldErrors(err.details, lang));
    } finally {
      setBusy(false);
    }
  }

  async function remove(h: Holiday) {
    if (!window.confirm(t('laksaStaff.admin.holidays.confirmDelete', { name: h.name }))) return;
    try {
      await api(`${path}/${h.date}`, { method: 'DELETE' });
      toast(t('laksaStaff.admin.deleted'));
      reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  }

  const kindTone = { national: 'neutral', cuti_bersama: 'warn', region: 'ok' } as const;

  return (
    <div className="split" data-testid="laksa-staff-admin-holidays">
      <Card
        title={t('laksaStaff.admin.tab.holidays')}
        actions={
          <SelectField
            id="lk-hol-year"
            label={t('laksaStaff.admin.holidays.year')}
            value={String(year)}
            onChange={(e) => setYear(Number(e.target.value))}
            data-testid="laksa-staff-holiday-year"
            fieldClassName="lk-inline-field"
          >
            {[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </SelectField>
        }
      >
        <p className="muted small">{t('laksaStaff.admin.holidays.hint')}</p>
        {loading && !data ? <Spinner label={t('common.loading')} /> : null}
        {error ? <Alert>{error}</Alert> : null}
        <div className="table-wrap">
          <table className="table" data-testid="laksa-staff-holiday-table">
            <thead>
              <tr>
                <th scope="col">{t('laksaStaff.admin.holidays.date')}</th>
                <th scope="col">{t('laksaStaff.admin.holidays.name')}</th>
                <th scope="col">{t('laksaStaff.admin.holidays.kind')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(data ?? []).map((h) => (
                <tr
                  key={`${h.date}-${h.kind}-${h.name}`}
                  data-testid="laksa-staff-holiday-row"
                  data-kind={h.kind}
                >
                  <td className="lk-nowrap">
                    <time dateTime={h.date}>{fmt(h.date)}</time>
                  </td>
                  <td>{h.name}</td>
                  <td>
                    <Badge tone={kindTone[h.kind]}>{t(`laksaStaff.admin.holidays.kinds.${h.kind}`)}</Badge>
                  </td>
                  <td className="actions">
                    {h.kind === 'region' ? (
                      <Button
                        small
                        variant="danger"
                        onClick={() => void remove(h)}
                        data-testid="laksa-staff-holiday-delete"
                      >
                        {t('common.delete')}
                        <span className="sr-only"> {h.name}</span>
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title={t('laksaStaff.admin.holidays.addTitle')}>
        <form className="form" onSubmit={submit} noValidate data-testid="laksa-staff-holiday-form">
          {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
          <Field
            id="lk-hol-date"
            type="date"
            label={t('laksaStaff.admin.holidays.date')}
            value={draft.date}
            onChange={(e) => setDraft((d) => ({ ...d, date: e.target.value }))}
            error={errors.date}
            data-testid="laksa-staff-holiday-date"
          />
          <Field
            id="lk-hol-name"
            label={t('laksaStaff.admin.holidays.name')}
            hint={t('laksaStaff.admin.holidays.nameHint')}
            value={draft.name}
            onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
            error={errors.name}
            data-testid="laksa-staff-holiday-name"
          />
          <Button type="submit" busy={busy} data-testid="laksa-staff-holiday-save">
            {t('common.add')}
          </Button>
        </form>
      </Card>
    </div>
  );
}

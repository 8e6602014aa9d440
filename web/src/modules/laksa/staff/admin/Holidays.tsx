import { useState } from 'react';
import type { z } from 'zod';
import { holidayInput, type holidayView } from '../../../../../../shared/modules/laksa';
import { dateFormatter } from '../../../../core/format';
import { useLang } from '../../../../core/i18n';
import { Badge, Button, Card, Field, SelectField } from '../../../../core/ui';
import { ConfirmButton, DataTable, Form, LoadState, useEditableList } from '../../../../core/ui/admin';
import { LAKSA } from '../common';

type Holiday = z.infer<typeof holidayView>;
const path = `${LAKSA}/admin/holidays`;
const kindTone = { national: 'neutral', cuti_bersama: 'warn', region: 'ok' } as const;

export function Holidays() {
  const { t, locale } = useLang();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const list = useEditableList<Holiday, { date: string; name: string }>({
    path,
    listPath: `${path}?year=${year}`,
    blank: { date: '', name: '' },
    itemPath: (h) => `${path}/${h.date}`,
  });

  const fmt = (d: string) =>
    dateFormatter(locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${d}T00:00:00Z`));

  // A holiday added in another year switches the list to that year.
  const submit = () => {
    const y = Number(list.draft.date.slice(0, 4));
    return list.save(holidayInput, list.draft, {
      added: t('laksaStaff.admin.holidays.added'),
      onSaved: () => setYear(y),
    });
  };

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
            options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({
              value: y,
              label: y,
            }))}
          />
        }
      >
        <p className="muted small">{t('laksaStaff.admin.holidays.hint')}</p>
        <LoadState state={list} />
        <DataTable
          testId="laksa-staff-holiday-table"
          rowTestId="laksa-staff-holiday-row"
          rows={list.data ?? []}
          rowKey={(h) => `${h.date}-${h.kind}-${h.name}`}
          rowProps={(h) => ({ 'data-kind': h.kind })}
          columns={[
            {
              header: t('laksaStaff.admin.holidays.date'),
              cell: (h) => <time dateTime={h.date}>{fmt(h.date)}</time>,
              className: 'lk-nowrap',
            },
            { header: t('laksaStaff.admin.holidays.name'), cell: (h) => h.name },
            {
              header: t('laksaStaff.admin.holidays.kind'),
              cell: (h) => (
                <Badge tone={kindTone[h.kind]}>{t(`laksaStaff.admin.holidays.kinds.${h.kind}`)}</Badge>
              ),
            },
          ]}
          actions={(h) =>
            h.kind === 'region' ? (
              <ConfirmButton
                subject={h.name}
                confirm={t('laksaStaff.admin.holidays.confirmDelete', { name: h.name })}
                onConfirm={() => list.remove(h, t('laksaStaff.admin.deleted'))}
                data-testid="laksa-staff-holiday-delete"
              >
                {t('common.delete')}
              </ConfirmButton>
            ) : null
          }
        />
      </Card>
      <Card title={t('laksaStaff.admin.holidays.addTitle')}>
        <Form onSubmit={submit} error={list.formError} data-testid="laksa-staff-holiday-form">
          <Field
            id="lk-hol-date"
            type="date"
            label={t('laksaStaff.admin.holidays.date')}
            {...list.field('date')}
            data-testid="laksa-staff-holiday-date"
          />
          <Field
            id="lk-hol-name"
            label={t('laksaStaff.admin.holidays.name')}
            hint={t('laksaStaff.admin.holidays.nameHint')}
            {...list.field('name')}
            data-testid="laksa-staff-holiday-name"
          />
          <Button type="submit" busy={list.busy} data-testid="laksa-staff-holiday-save">
            {t('common.add')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

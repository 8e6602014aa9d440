import type { z } from 'zod';
import { routingRuleInput, type routingRuleView } from '../../../../../../shared/modules/laksa';
import { useApi } from '../../../../core/hooks';
import { useLang } from '../../../../core/i18n';
import { Button, Card, SelectField } from '../../../../core/ui';
import { ConfirmButton, DataTable, Form, LoadState, useEditableList } from '../../../../core/ui/admin';
import { type Category, LAKSA } from '../common';
import { useRefs } from '../refs';

type Rule = z.infer<typeof routingRuleView>;
const path = `${LAKSA}/admin/routing`;

export function Routing() {
  const { t, lang } = useLang();
  const refs = useRefs();
  const list = useEditableList<Rule, { categoryId: string; kecamatan: string; opdId: string }>({
    path,
    blank: { categoryId: '', kecamatan: '', opdId: '' },
  });
  const categories = useApi<Category[]>(`${LAKSA}/admin/categories`);
  const { draft, field } = list;
  const areaName = (code: string | null) =>
    code
      ? (refs.areas.find((a) => a.code === code)?.name ?? code)
      : t('laksaStaff.admin.routing.wholeRegion');

  const sorted = [...(list.data ?? [])].sort(
    (a, b) =>
      a.categoryName.localeCompare(b.categoryName) || (a.kecamatan ?? '').localeCompare(b.kecamatan ?? ''),
  );

  return (
    <div className="split" data-testid="laksa-staff-admin-routing">
      <Card title={t('laksaStaff.admin.tab.routing')}>
        <p className="muted small">{t('laksaStaff.admin.routing.hint')}</p>
        <LoadState state={list} empty={t('laksaStaff.admin.empty')} />
        <DataTable
          testId="laksa-staff-routing-table"
          rowTestId="laksa-staff-routing-row"
          rows={sorted}
          rowKey={(r) => r.id}
          columns={[
            { header: t('laksaStaff.field.category'), cell: (r) => r.categoryName },
            { header: t('laksaStaff.field.kecamatan'), cell: (r) => areaName(r.kecamatan) },
            { header: t('laksaStaff.field.opd'), cell: (r) => r.opdName },
          ]}
          actions={(r) => (
            <ConfirmButton
              subject={`${r.categoryName} ${r.opdName}`}
              confirm={t('laksaStaff.admin.routing.confirmDelete', {
                category: r.categoryName,
                opd: r.opdName,
              })}
              onConfirm={() => list.remove(r, t('laksaStaff.admin.deleted'))}
              data-testid="laksa-staff-routing-delete"
            >
              {t('common.delete')}
            </ConfirmButton>
          )}
        />
      </Card>
      <Card title={t('laksaStaff.admin.routing.addTitle')}>
        <Form
          onSubmit={() =>
            list.save(
              routingRuleInput,
              { ...draft, kecamatan: draft.kecamatan || null },
              { added: t('laksaStaff.admin.routing.added') },
            )
          }
          error={list.formError}
          data-testid="laksa-staff-routing-form"
        >
          <SelectField
            id="lk-rule-cat"
            label={t('laksaStaff.field.category')}
            {...field('categoryId')}
            data-testid="laksa-staff-routing-category"
            options={(categories.data ?? []).map((c) => ({
              value: c.id,
              label: lang === 'en' ? c.nameEn : c.name,
            }))}
          >
            <option value="">{t('laksaStaff.admin.choose')}</option>
          </SelectField>
          <SelectField
            id="lk-rule-kec"
            label={t('laksaStaff.field.kecamatan')}
            {...field('kecamatan')}
            data-testid="laksa-staff-routing-kecamatan"
            options={refs.areas.map((a) => ({ value: a.code, label: a.name }))}
          >
            <option value="">{t('laksaStaff.admin.routing.wholeRegion')}</option>
          </SelectField>
          <SelectField
            id="lk-rule-opd"
            label={t('laksaStaff.field.opd')}
            {...field('opdId')}
            data-testid="laksa-staff-routing-opd"
            options={refs.opds
              .filter((o) => o.active)
              .map((o) => ({ value: o.id, label: `${o.shortName} — ${o.name}` }))}
          >
            <option value="">{t('laksaStaff.admin.choose')}</option>
          </SelectField>
          <Button type="submit" busy={list.busy} data-testid="laksa-staff-routing-save">
            {t('common.add')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

import { categoryInput, categoryUpdateInput } from '../../../../../../shared/modules/laksa';
import { useLang } from '../../../../core/i18n';
import { Card, Check, Field, TextAreaField } from '../../../../core/ui';
import {
  ActiveBadge,
  DataTable,
  Form,
  FormActions,
  LoadState,
  RowButton,
  useEditableList,
} from '../../../../core/ui/admin';
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

const num = (s: string) => (s.trim() === '' || Number.isNaN(Number(s)) ? s : Number(s));

export function Categories() {
  const { t, lang } = useLang();
  const list = useEditableList<Category, typeof blank>({
    path,
    blank,
    focusId: 'lk-cat-code',
    toDraft: (c) => ({
      code: c.code,
      name: c.name,
      nameEn: c.nameEn,
      description: c.description ?? '',
      kamtibmas: c.kamtibmas,
      resolveDays: String(c.resolveDays),
      active: c.active,
      sort: String(c.sort),
    }),
  });
  const { draft, editing, field } = list;

  const submit = () =>
    list.save(
      editing ? categoryUpdateInput : categoryInput,
      {
        ...draft,
        description: draft.description.trim() || null,
        resolveDays: num(draft.resolveDays),
        sort: num(draft.sort),
      },
      { added: t('laksaStaff.admin.categories.added'), onSaved: invalidateRefs },
    );

  return (
    <div className="split" data-testid="laksa-staff-admin-categories">
      <Card title={t('laksaStaff.admin.tab.categories')}>
        <LoadState state={list} />
        <DataTable
          testId="laksa-staff-category-table"
          rowTestId="laksa-staff-category-row"
          rows={list.data ?? []}
          rowKey={(c) => c.id}
          columns={[
            {
              header: t('laksaStaff.admin.categories.name'),
              cell: (c) => (
                <>
                  <strong>{lang === 'en' ? c.nameEn : c.name}</strong>
                  <br />
                  <span className="muted mono">{c.code}</span>
                  {c.kamtibmas ? (
                    <>
                      {' '}
                      <span className="chip">{t('laksaStaff.admin.categories.kamtibmas')}</span>
                    </>
                  ) : null}
                </>
              ),
            },
            {
              header: t('laksaStaff.admin.categories.resolveDays'),
              cell: (c) => t('laksaStaff.admin.workingDays', { count: c.resolveDays }),
            },
            {
              header: t('common.status'),
              cell: (c) => <ActiveBadge active={c.active} />,
            },
          ]}
          actions={(c) => (
            <RowButton subject={c.name} onClick={() => list.edit(c)} data-testid="laksa-staff-category-edit">
              {t('common.edit')}
            </RowButton>
          )}
        />
      </Card>
      <Card
        title={
          editing
            ? t('laksaStaff.admin.editTitle', { name: editing.name })
            : t('laksaStaff.admin.categories.addTitle')
        }
      >
        <Form onSubmit={submit} error={list.formError} data-testid="laksa-staff-category-form">
          <Field
            id="lk-cat-code"
            label={t('laksaStaff.admin.categories.code')}
            hint={t('laksaStaff.admin.categories.codeHint')}
            {...field('code')}
            data-testid="laksa-staff-category-code"
          />
          <Field
            id="lk-cat-name"
            label={t('laksaStaff.admin.categories.nameId')}
            {...field('name')}
            data-testid="laksa-staff-category-name"
          />
          <Field
            id="lk-cat-name-en"
            label={t('laksaStaff.admin.categories.nameEn')}
            {...field('nameEn')}
            data-testid="laksa-staff-category-name-en"
          />
          <TextAreaField
            id="lk-cat-desc"
            label={t('laksaStaff.admin.categories.description')}
            {...field('description')}
            rows={2}
            data-testid="laksa-staff-category-description"
          />
          <Field
            id="lk-cat-days"
            label={t('laksaStaff.admin.categories.resolveDays')}
            hint={t('laksaStaff.admin.categories.resolveDaysHint')}
            inputMode="numeric"
            {...field('resolveDays')}
            data-testid="laksa-staff-category-resolve-days"
          />
          <Field
            id="lk-cat-sort"
            label={t('laksaStaff.admin.sort')}
            inputMode="numeric"
            {...field('sort')}
            data-testid="laksa-staff-category-sort"
          />
          <Check
            label={t('laksaStaff.admin.categories.kamtibmas')}
            hint={t('laksaStaff.admin.categories.kamtibmasHint')}
            {...list.flag('kamtibmas')}
            data-testid="laksa-staff-category-kamtibmas"
          />
          <Check
            label={t('common.active')}
            {...list.flag('active')}
            data-testid="laksa-staff-category-active"
          />
          <FormActions {...list.formActions} testId="laksa-staff-category-save" />
        </Form>
      </Card>
    </div>
  );
}

import { numberInput } from '../../../../shared/modules/nomor-penting';
import { useLang } from '../../core/i18n';
import { Card, Field, PageHeader, SelectField, TextAreaField } from '../../core/ui';
import {
  ConfirmButton,
  DataTable,
  Form,
  FormActions,
  LoadState,
  RowButton,
  useEditableList,
} from '../../core/ui/admin';
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
  const { t } = useLang();
  const list = useEditableList<ImportantNumber, Draft>({
    path: numbersPath,
    blank,
    focusId: 'np-name',
    toDraft: (n) => ({
      name: n.name,
      number: n.number,
      category: n.category,
      description: n.description ?? '',
      sort: String(n.sort),
    }),
  });
  const { draft, editing, field } = list;

  function submit() {
    // Same zod contract as the API (shared/modules/nomor-penting.ts).
    const sort = draft.sort.trim() === '' ? undefined : Number(draft.sort);
    return list.save(
      numberInput,
      {
        name: draft.name,
        number: draft.number,
        category: draft.category,
        description: draft.description.trim() || null,
        sort: Number.isNaN(sort) ? draft.sort : sort,
      },
      { added: t('nomorPenting.added') },
    );
  }

  return (
    <div data-testid="np-staff">
      <PageHeader title={title} subtitle={t('nomorPenting.staffSubtitle')} />
      <div className="split">
        <Card title={t('nomorPenting.listTitle')}>
          <LoadState state={list} empty={t('nomorPenting.empty')} />
          <DataTable
            rowTestId="np-row"
            rows={sortNumbers(list.data ?? [])}
            rowKey={(n) => n.id}
            columns={[
              { header: t('nomorPenting.name'), cell: (n) => n.name },
              { header: t('nomorPenting.number'), cell: (n) => n.number, className: 'mono' },
              {
                header: t('nomorPenting.categoryLabel'),
                cell: (n) => t(`nomorPenting.category.${n.category}`),
              },
            ]}
            actions={(n) => (
              <>
                <RowButton subject={n.name} onClick={() => list.edit(n)} data-testid="np-edit">
                  {t('common.edit')}
                </RowButton>
                <ConfirmButton
                  subject={n.name}
                  confirm={t('nomorPenting.confirmDelete', { name: n.name })}
                  onConfirm={() => list.remove(n, t('nomorPenting.deleted'))}
                  data-testid="np-delete"
                >
                  {t('common.delete')}
                </ConfirmButton>
              </>
            )}
          />
        </Card>
        <Card title={editing ? t('nomorPenting.editTitle') : t('nomorPenting.addTitle')}>
          <Form onSubmit={submit} error={list.formError} data-testid="np-form">
            <Field id="np-name" label={t('nomorPenting.name')} {...field('name')} data-testid="np-name" />
            <Field
              id="np-number"
              label={t('nomorPenting.number')}
              type="tel"
              {...field('number')}
              data-testid="np-number"
            />
            <SelectField
              id="np-category"
              label={t('nomorPenting.categoryLabel')}
              {...field('category')}
              data-testid="np-category"
              options={categories.map((c) => ({ value: c, label: t(`nomorPenting.category.${c}`) }))}
            />
            <TextAreaField
              id="np-description"
              label={t('nomorPenting.description')}
              {...field('description')}
              rows={2}
              data-testid="np-description"
            />
            <Field
              id="np-sort"
              label={t('nomorPenting.sort')}
              hint={t('nomorPenting.sortHint')}
              inputMode="numeric"
              {...field('sort')}
              data-testid="np-sort"
            />
            <FormActions {...list.formActions} testId="np-save" />
          </Form>
        </Card>
      </div>
    </div>
  );
}

import { templateInput } from '../../../../../../shared/modules/laksa';
import { useLang } from '../../../../core/i18n';
import { Card, Field, TextAreaField } from '../../../../core/ui';
import {
  ConfirmButton,
  Form,
  FormActions,
  LoadState,
  RowButton,
  useEditableList,
} from '../../../../core/ui/admin';
import { LAKSA, type Template } from '../common';

const path = `${LAKSA}/admin/templates`;

export function Templates() {
  const { t } = useLang();
  const list = useEditableList<Template, { title: string; body: string }>({
    path,
    blank: { title: '', body: '' },
    focusId: 'lk-tpl-title',
    toDraft: (tpl) => ({ title: tpl.title, body: tpl.body }),
  });
  const { editing, field } = list;

  return (
    <div className="split" data-testid="laksa-staff-admin-templates">
      <Card title={t('laksaStaff.admin.tab.templates')}>
        <LoadState state={list} empty={t('laksaStaff.admin.empty')} />
        <ul className="lk-card-list" data-testid="laksa-staff-template-list">
          {(list.data ?? []).map((tpl) => (
            <li key={tpl.id} data-testid="laksa-staff-template-row">
              <div>
                <strong>{tpl.title}</strong>
                <p className="muted small lk-pre">{tpl.body}</p>
              </div>
              <div className="actions">
                <RowButton
                  subject={tpl.title}
                  onClick={() => list.edit(tpl)}
                  data-testid="laksa-staff-template-edit"
                >
                  {t('common.edit')}
                </RowButton>
                <ConfirmButton
                  subject={tpl.title}
                  confirm={t('laksaStaff.admin.templates.confirmDelete', { title: tpl.title })}
                  onConfirm={() => list.remove(tpl, t('laksaStaff.admin.deleted'))}
                  data-testid="laksa-staff-template-delete"
                >
                  {t('common.delete')}
                </ConfirmButton>
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
        <Form
          onSubmit={() =>
            list.save(templateInput, list.draft, { added: t('laksaStaff.admin.templates.added') })
          }
          error={list.formError}
          data-testid="laksa-staff-template-form"
        >
          <Field
            id="lk-tpl-title"
            label={t('laksaStaff.admin.templates.titleLabel')}
            {...field('title')}
            data-testid="laksa-staff-template-title"
          />
          <TextAreaField
            id="lk-tpl-body"
            label={t('laksaStaff.admin.templates.body')}
            {...field('body')}
            rows={6}
            data-testid="laksa-staff-template-body"
          />
          <FormActions {...list.formActions} testId="laksa-staff-template-save" />
        </Form>
      </Card>
    </div>
  );
}

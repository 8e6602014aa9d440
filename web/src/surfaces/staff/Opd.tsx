import { opdInput } from '../../../../shared/region';
import { useLang } from '../../core/i18n';
import { Card, Check, Field, PageHeader } from '../../core/ui';
import {
  ActiveBadge,
  DataTable,
  Form,
  FormActions,
  LoadState,
  RowButton,
  useEditableList,
} from '../../core/ui/admin';

export interface OpdItem {
  id: string;
  code: string;
  name: string;
  shortName: string;
  active: boolean;
}

const blank = { code: '', name: '', shortName: '', active: true };

export function Opd() {
  const { t } = useLang();
  const list = useEditableList<OpdItem, typeof blank>({
    path: '/admin/opd',
    blank,
    focusId: 'opd-code',
    toDraft: (o) => ({ code: o.code, name: o.name, shortName: o.shortName, active: o.active }),
  });
  const { editing, field } = list;

  return (
    <div>
      <PageHeader title={t('staff.nav.opd')} subtitle={t('staff.opd.subtitle')} />
      <div className="split">
        <Card title={t('staff.opd.list')}>
          <LoadState state={list} empty={t('staff.opd.empty')} />
          <DataTable
            testId="opd-table"
            rowTestId="opd-row"
            rows={list.data ?? []}
            rowKey={(o) => o.id}
            columns={[
              { header: t('staff.opd.code'), cell: (o) => o.code, className: 'mono' },
              {
                header: t('staff.opd.name'),
                cell: (o) => (
                  <>
                    <strong>{o.shortName}</strong>
                    <br />
                    <span className="muted">{o.name}</span>
                  </>
                ),
              },
              {
                header: t('common.status'),
                cell: (o) => <ActiveBadge active={o.active} />,
              },
            ]}
            actions={(o) => (
              <>
                <RowButton subject={o.shortName} onClick={() => list.edit(o)} data-testid="opd-edit">
                  {t('common.edit')}
                </RowButton>
                <RowButton
                  variant="ghost"
                  subject={o.shortName}
                  onClick={() => {
                    if (o.active && !window.confirm(t('staff.opd.confirmDeactivate', { name: o.shortName })))
                      return;
                    void list.patch(
                      o,
                      { active: !o.active },
                      o.active
                        ? t('staff.opd.deactivated', { name: o.shortName })
                        : t('staff.opd.activated', { name: o.shortName }),
                    );
                  }}
                  data-testid="opd-toggle"
                >
                  {o.active ? t('staff.opd.deactivate') : t('staff.opd.activate')}
                </RowButton>
              </>
            )}
          />
        </Card>
        <Card
          title={editing ? t('staff.opd.editTitle', { name: editing.shortName }) : t('staff.opd.addTitle')}
        >
          <Form
            onSubmit={() => list.save(opdInput, list.draft, { added: t('staff.opd.added') })}
            error={list.formError}
            data-testid="opd-form"
          >
            <Field
              id="opd-code"
              label={t('staff.opd.code')}
              hint={t('staff.opd.codeHint')}
              {...field('code')}
              data-testid="opd-code"
            />
            <Field id="opd-name" label={t('staff.opd.name')} {...field('name')} data-testid="opd-name" />
            <Field
              id="opd-short"
              label={t('staff.opd.shortName')}
              {...field('shortName')}
              data-testid="opd-short-name"
            />
            <Check label={t('common.active')} {...list.flag('active')} data-testid="opd-active" />
            <FormActions {...list.formActions} testId="opd-save" />
          </Form>
        </Card>
      </div>
    </div>
  );
}

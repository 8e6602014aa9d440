import { useEffect, useState } from 'react';
import { type LaksaSettings, laksaSettings } from '../../../../../../shared/modules/laksa';
import { api } from '../../../../core/api';
import { useApi } from '../../../../core/hooks';
import { useLang } from '../../../../core/i18n';
import { useSession } from '../../../../core/session';
import { Alert, Card, Check, Field, Spinner, useToast } from '../../../../core/ui';
import { Form, FormActions, useSubmit } from '../../../../core/ui/admin';

interface ModuleAdmin {
  id: string;
  enabled: boolean;
  settings: Record<string, unknown>;
}

const numberKeys = [
  'verifyDays',
  'followUpDays',
  'reopenWindowDays',
  'escalateLeadershipAfterDays',
  'reportsPerHour',
] as const;
const boundKeys = ['south', 'west', 'north', 'east'] as const;
type NumberKey = (typeof numberKeys)[number];
type BoundKey = (typeof boundKeys)[number];
type Draft = Record<NumberKey | BoundKey, string> & { autoDispose: boolean; allowOutsideBounds: boolean };

function toDraft(s: LaksaSettings): Draft {
  const d = {
    autoDispose: s.autoDispose,
    allowOutsideBounds: s.allowOutsideBounds,
  } as Draft;
  for (const k of numberKeys) d[k] = String(s[k]);
  for (const k of boundKeys) d[k] = s.bounds ? String(s.bounds[k]) : '';
  return d;
}
const num = (s: string) => (s.trim() === '' || Number.isNaN(Number(s)) ? s : Number(s));

/** The module's region settings, through the core module switches (PUT /api/admin/modules/laksa). */
export function Settings() {
  const { t } = useLang();
  const toast = useToast();
  const { can } = useSession();
  const allowed = can('core:modules.manage');
  const { data, error, loading, setData } = useApi<ModuleAdmin[]>(allowed ? '/admin/modules' : null);
  const mod = data?.find((m) => m.id === 'laksa');
  const [draft, setDraft] = useState<Draft | null>(null);
  const form = useSubmit();
  const { errors } = form;

  useEffect(() => {
    if (mod) setDraft(toDraft(laksaSettings.parse(mod.settings)));
  }, [mod]);

  if (!allowed)
    return (
      <Alert kind="info" data-testid="laksa-staff-settings-forbidden">
        {t('laksaStaff.admin.settings.needsModules')}
      </Alert>
    );
  if (loading && !data) return <Spinner label={t('common.loading')} />;
  if (error) return <Alert>{error}</Alert>;
  if (!mod || !draft) return null;

  const setNum = (k: NumberKey | BoundKey) => (e: { target: { value: string } }) =>
    setDraft((d) => (d ? { ...d, [k]: e.target.value } : d));

  function submit() {
    if (!draft || !mod) return;
    const anyBound = boundKeys.some((k) => draft[k].trim() !== '');
    const allBounds = boundKeys.every((k) => draft[k].trim() !== '');
    const value = {
      verifyDays: num(draft.verifyDays),
      followUpDays: num(draft.followUpDays),
      reopenWindowDays: num(draft.reopenWindowDays),
      escalateLeadershipAfterDays: num(draft.escalateLeadershipAfterDays),
      reportsPerHour: num(draft.reportsPerHour),
      autoDispose: draft.autoDispose,
      allowOutsideBounds: draft.allowOutsideBounds,
      bounds: anyBound
        ? { south: num(draft.south), west: num(draft.west), north: num(draft.north), east: num(draft.east) }
        : null,
    };
    const check = (errs: Record<string, string>) => {
      if (anyBound && !allBounds) errs.bounds = t('laksaStaff.admin.settings.boundsAll');
      else if (
        anyBound &&
        (Number(draft.south) >= Number(draft.north) || Number(draft.west) >= Number(draft.east))
      )
        errs.bounds = t('laksaStaff.admin.settings.boundsOrder');
      return errs;
    };
    return form.submit(
      laksaSettings,
      value,
      async (settings) => {
        const updated = await api<ModuleAdmin>('/admin/modules/laksa', {
          method: 'PUT',
          body: { enabled: mod.enabled, settings },
        });
        setData((list) => (list ?? []).map((m) => (m.id === 'laksa' ? { ...m, ...updated } : m)));
        toast(t('common.saved'));
      },
      { check },
    );
  }

  return (
    <Card title={t('laksaStaff.admin.tab.settings')} data-testid="laksa-staff-admin-settings">
      <Form
        className="lk-settings"
        onSubmit={submit}
        error={form.formError}
        data-testid="laksa-staff-settings-form"
      >
        <fieldset className="fieldset">
          <legend>{t('laksaStaff.admin.settings.sla')}</legend>
          <div className="lk-form-grid">
            {numberKeys.map((k) => (
              <Field
                key={k}
                id={`lk-set-${k}`}
                label={t(`laksaStaff.admin.settings.${k}`)}
                hint={t(`laksaStaff.admin.settings.${k}Hint`)}
                inputMode="numeric"
                value={draft[k]}
                onChange={setNum(k)}
                error={errors[k]}
                data-testid={`laksa-staff-settings-${k}`}
              />
            ))}
          </div>
          <Check
            label={t('laksaStaff.admin.settings.autoDispose')}
            hint={t('laksaStaff.admin.settings.autoDisposeHint')}
            checked={draft.autoDispose}
            onChange={(e) => setDraft((d) => (d ? { ...d, autoDispose: e.target.checked } : d))}
            data-testid="laksa-staff-settings-autoDispose"
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('laksaStaff.admin.settings.bounds')}</legend>
          <p className="field-hint">{t('laksaStaff.admin.settings.boundsHint')}</p>
          <div className="lk-form-grid">
            {boundKeys.map((k) => (
              <Field
                key={k}
                id={`lk-set-${k}`}
                label={t(`laksaStaff.admin.settings.${k}`)}
                inputMode="decimal"
                value={draft[k]}
                onChange={setNum(k)}
                data-testid={`laksa-staff-settings-${k}`}
              />
            ))}
          </div>
          {errors.bounds ? <p className="field-error">{errors.bounds}</p> : null}
          <Check
            label={t('laksaStaff.admin.settings.allowOutsideBounds')}
            hint={t('laksaStaff.admin.settings.allowOutsideBoundsHint')}
            checked={draft.allowOutsideBounds}
            onChange={(e) => setDraft((d) => (d ? { ...d, allowOutsideBounds: e.target.checked } : d))}
            data-testid="laksa-staff-settings-allowOutsideBounds"
          />
        </fieldset>
        <FormActions label={t('common.save')} busy={form.busy} testId="laksa-staff-settings-save" />
      </Form>
    </Card>
  );
}

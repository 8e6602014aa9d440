import { useState } from 'react';
import { messageInput } from '../../../../../shared/modules/laksa';
import { api } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Check, SelectField, TextAreaField, useToast } from '../../../core/ui';
import { Form, FormActions, useSubmit } from '../../../core/ui/admin';
import { LAKSA, type StaffReport, type Template, uploadPhotos } from './common';
import { PhotoPicker } from './dialogs';

/** A reply to the reporter, or an internal note; a template can fill the text; optional photos. */
export function ReplyBox({ reportId, onDone }: { reportId: string; onDone: (v: StaffReport) => void }) {
  const { t } = useLang();
  const toast = useToast();
  const { me } = useSession();
  const templates = useApi<Template[]>(`${LAKSA}/templates`);
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [stage, setStage] = useState<'before' | 'after'>('before');
  const [pickerKey, setPickerKey] = useState(0);
  const form = useSubmit();

  function applyTemplate(id: string) {
    const tpl = templates.data?.find((x) => x.id === id);
    if (!tpl) return;
    setBody((b) => (b.trim() ? `${b.trimEnd()}\n\n${tpl.body}` : tpl.body));
    document.getElementById('lk-reply-body')?.focus();
  }

  const submit = () =>
    form.submit(
      messageInput,
      { body, internal, photoIds: [], stage: files.length ? stage : undefined },
      async (data) => {
        const photoIds = files.length ? await uploadPhotos(files, me?.csrfToken) : [];
        const view = await api<StaffReport>(`${LAKSA}/reports/${reportId}/messages`, {
          method: 'POST',
          body: { ...(data as object), photoIds },
        });
        toast(internal ? t('laksaStaff.reply.noted') : t('laksaStaff.reply.sent'));
        setBody('');
        setFiles([]);
        setPickerKey((k) => k + 1);
        onDone(view);
      },
    );

  return (
    <Form onSubmit={submit} error={form.formError} data-testid="laksa-staff-reply-form">
      {templates.data?.length ? (
        <SelectField
          id="lk-reply-template"
          label={t('laksaStaff.reply.template')}
          value=""
          onChange={(e) => applyTemplate(e.target.value)}
          data-testid="laksa-staff-reply-template"
          options={templates.data.map((tpl) => ({ value: tpl.id, label: tpl.title }))}
        >
          <option value="">{t('laksaStaff.reply.templatePick')}</option>
        </SelectField>
      ) : null}
      <TextAreaField
        id="lk-reply-body"
        label={internal ? t('laksaStaff.reply.noteLabel') : t('laksaStaff.reply.bodyLabel')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={form.errors.body}
        rows={4}
        className={internal ? 'lk-internal-input' : undefined}
        data-testid="laksa-staff-reply-body"
      />
      <Check
        switch
        label={t('laksaStaff.reply.internal')}
        hint={t('laksaStaff.reply.internalHint')}
        checked={internal}
        onChange={(e) => setInternal(e.target.checked)}
        data-testid="laksa-staff-reply-internal"
      />
      <PhotoPicker
        key={pickerKey}
        files={files}
        onChange={setFiles}
        label={t('laksaStaff.reply.photos')}
        testId="laksa-staff-reply-photos"
      />
      {files.length ? (
        <SelectField
          id="lk-reply-stage"
          label={t('laksaStaff.reply.stage')}
          value={stage}
          onChange={(e) => setStage(e.target.value as 'before' | 'after')}
          data-testid="laksa-staff-reply-stage"
        >
          <option value="before">{t('laksaStaff.photoStage.before')}</option>
          <option value="after">{t('laksaStaff.photoStage.after')}</option>
        </SelectField>
      ) : null}
      <FormActions
        label={internal ? t('laksaStaff.reply.submitNote') : t('laksaStaff.reply.submit')}
        busy={form.busy}
        testId="laksa-staff-reply-submit"
      />
    </Form>
  );
}

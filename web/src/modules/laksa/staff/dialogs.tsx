import { useEffect, useId, useState } from 'react';
import {
  actionInput,
  duplicateInput,
  moderationInput,
  type ReportAction,
} from '../../../../../shared/modules/laksa';
import { api } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import { sortPhotos } from '../../../core/photo-check';
import { useSession } from '../../../core/session';
import { Alert, Field, TextAreaField, useToast } from '../../../core/ui';
import { Form, FormActions, toggled, useSubmit } from '../../../core/ui/admin';
import { actionNeeds, Dialog, LAKSA, OpdChecklist, type StaffReport, uploadPhotos } from './common';
import { useRefs } from './refs';

const MAX_PHOTOS = 5;

/** File input for up to five photos, with a list of the chosen names. */
export function PhotoPicker({
  files,
  onChange,
  label,
  testId,
  error,
}: {
  files: File[];
  onChange: (f: File[]) => void;
  label: string;
  testId: string;
  error?: string | null;
}) {
  const { t } = useLang();
  const id = `ph${useId().replace(/:/g, '')}`;
  const [refused, setRefused] = useState<string[]>([]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="field-hint" id={`${id}-hint`}>
        {t('laksaStaff.photos.hint', { max: MAX_PHOTOS })}
      </p>
      <input
        id={id}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/heic"
        multiple
        aria-describedby={`${id}-hint`}
        onChange={async (e) => {
          // Checked by their bytes on selection (core/photo-check.ts): what is refused says why.
          const sorted = await sortPhotos([...(e.target.files ?? [])]);
          setRefused(sorted.refused);
          onChange(sorted.accepted.slice(0, MAX_PHOTOS));
        }}
        data-testid={testId}
      />
      {files.length ? (
        <p className="small muted">
          {t('laksaStaff.photos.chosen', { names: files.map((f) => f.name).join(', ') })}
        </p>
      ) : null}
      {refused.length ? (
        <p className="field-error" role="alert">
          {refused.join(' ')}
        </p>
      ) : null}
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}

/** The dialog for one action: asks for what that action needs, then POSTs it. */
export function ActionDialog({
  report,
  action,
  onClose,
  onDone,
}: {
  report: StaffReport;
  action: ReportAction | null;
  onClose: () => void;
  onDone: (v: StaffReport) => void;
}) {
  const { t } = useLang();
  const toast = useToast();
  const { me } = useSession();
  const refs = useRefs();
  const [note, setNote] = useState('');
  const [opdIds, setOpdIds] = useState<string[]>([]);
  const [target, setTarget] = useState('');
  const [reference, setReference] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const form = useSubmit();
  const { errors, clear } = form;

  // Fresh fields each time a dialog opens.
  useEffect(() => {
    if (!action) return;
    setNote('');
    setOpdIds(action === 'dispose' ? report.opds.map((o) => o.id) : []);
    setTarget('');
    setReference('');
    setFiles([]);
    clear();
  }, [action, report.opds, clear]);

  if (!action) return <Dialog open={false} title="" onClose={onClose} testId="laksa-staff-action-dialog" />;
  const needs = actionNeeds[action];
  const needsNote = needs.includes('note');

  function submit() {
    if (!action) return;
    const body = {
      action,
      note: note.trim() || undefined,
      opdIds: needs.includes('opdIds') ? opdIds : undefined,
      redirectTarget: needs.includes('redirect') ? target.trim() || undefined : undefined,
      redirectReference: needs.includes('redirect') ? reference.trim() || undefined : undefined,
    };
    // What this action needs on top of the shared schema.
    const check = (errs: Record<string, string>) => {
      const required = t('laksaStaff.action.required');
      if (needsNote && !body.note) errs.note ??= required;
      if (needs.includes('opdIds') && opdIds.length === 0) errs.opdIds ??= t('laksaStaff.action.chooseOpd');
      if (needs.includes('redirect')) {
        if (!body.redirectTarget) errs.redirectTarget ??= required;
        if (!body.redirectReference) errs.redirectReference ??= required;
      }
      return errs;
    };
    return form.submit(
      actionInput,
      body,
      async (data) => {
        const photoIds = files.length ? await uploadPhotos(files, me?.csrfToken) : undefined;
        const view = await api<StaffReport>(`${LAKSA}/reports/${report.id}/actions`, {
          method: 'POST',
          body: { ...(data as object), ...(photoIds ? { photoIds } : {}) },
        });
        toast(t(`laksaStaff.actionDone.${action}`));
        onDone(view);
      },
      { check },
    );
  }

  return (
    <Dialog
      open
      title={`${t(`laksaStaff.action.${action}`)} · ${report.ticket}`}
      onClose={onClose}
      testId="laksa-staff-action-dialog"
      wide={needs.includes('opdIds')}
    >
      <Form
        onSubmit={submit}
        error={form.formError}
        intro={<p className="muted small">{t(`laksaStaff.actionHint.${action}`)}</p>}
        data-testid="laksa-staff-action-form"
        data-action={action}
      >
        {needs.includes('opdIds') ? (
          refs.opdsAvailable ? (
            <OpdChecklist
              opds={refs.opds}
              value={opdIds}
              onChange={setOpdIds}
              legend={t('laksaStaff.action.opdIds')}
              error={errors.opdIds}
              testId="laksa-staff-action-opd"
            />
          ) : (
            <Alert kind="warning">{t('laksaStaff.noOpdList')}</Alert>
          )
        ) : null}
        {needs.includes('redirect') ? (
          <>
            <Field
              id="lk-redirect-target"
              label={t('laksaStaff.action.redirectTarget')}
              hint={t('laksaStaff.action.redirectTargetHint')}
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              error={errors.redirectTarget}
              data-testid="laksa-staff-action-redirect-target"
            />
            <Field
              id="lk-redirect-ref"
              label={t('laksaStaff.action.redirectReference')}
              value={reference}
              onChange={(e) => setReference(e.target.value)}
              error={errors.redirectReference}
              data-testid="laksa-staff-action-redirect-reference"
            />
          </>
        ) : null}
        <TextAreaField
          id="lk-action-note"
          label={
            needsNote
              ? t(action === 'resolve' ? 'laksaStaff.action.resolution' : 'laksaStaff.action.reason')
              : t('laksaStaff.action.noteOptional')
          }
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={errors.note}
          rows={4}
          required={needsNote}
          data-testid="laksa-staff-action-note"
        />
        {needs.includes('photos') ? (
          <PhotoPicker
            files={files}
            onChange={setFiles}
            label={t('laksaStaff.action.afterPhotos')}
            error={errors.photoIds}
            testId="laksa-staff-action-photos"
          />
        ) : null}
        <FormActions
          label={t(`laksaStaff.action.${action}`)}
          busy={form.busy}
          variant={action === 'reject' ? 'danger' : 'primary'}
          testId="laksa-staff-action-submit"
          onCancel={onClose}
        />
      </Form>
    </Dialog>
  );
}

/** A dialog on one report; `onDone` gets the report as the API answered after the change. */
interface ReportDialogProps {
  report: StaffReport;
  open: boolean;
  onClose: () => void;
  onDone: (v: StaffReport) => void;
}

export function DuplicateDialog({ report, open, onClose, onDone }: ReportDialogProps) {
  const { t } = useLang();
  const toast = useToast();
  const [ofTicket, setOfTicket] = useState('');
  const form = useSubmit();

  const submit = () =>
    form.submit(
      duplicateInput,
      { ofTicket: ofTicket.trim().toUpperCase() },
      async (body) => {
        const view = await api<StaffReport>(`${LAKSA}/reports/${report.id}/duplicate`, {
          method: 'POST',
          body,
        });
        toast(t('laksaStaff.duplicate.done'));
        setOfTicket('');
        onDone(view);
      },
      { serverFieldErrors: false },
    );

  return (
    <Dialog
      open={open}
      title={`${t('laksaStaff.duplicate.open')} · ${report.ticket}`}
      onClose={onClose}
      testId="laksa-staff-duplicate-dialog"
    >
      <Form
        onSubmit={submit}
        error={form.formError}
        intro={<p className="muted small">{t('laksaStaff.duplicate.hint')}</p>}
      >
        <Field
          id="lk-dup-ticket"
          label={t('laksaStaff.duplicate.ofTicket')}
          placeholder="LKS-2026-01-000123"
          className="mono"
          value={ofTicket}
          onChange={(e) => setOfTicket(e.target.value)}
          error={form.errors.ofTicket}
          data-testid="laksa-staff-duplicate-ticket"
        />
        <FormActions
          label={t('laksaStaff.duplicate.submit')}
          busy={form.busy}
          testId="laksa-staff-duplicate-submit"
          onCancel={onClose}
        />
      </Form>
    </Dialog>
  );
}

export function ModerationDialog({ report, open, onClose, onDone }: ReportDialogProps) {
  const { t } = useLang();
  const toast = useToast();
  const [hide, setHide] = useState<string[]>([]);
  const [editDescription, setEditDescription] = useState(false);
  const [description, setDescription] = useState('');
  const [reason, setReason] = useState('');
  const form = useSubmit();
  const { errors, clear } = form;

  useEffect(() => {
    if (!open) return;
    setHide([]);
    setEditDescription(false);
    setDescription(report.description ?? '');
    setReason('');
    clear();
  }, [open, report.description, clear]);

  const submit = () =>
    form.submit(
      moderationInput,
      { hidePhotoIds: hide, description: editDescription ? description : undefined, reason },
      async (body) => {
        const view = await api<StaffReport>(`${LAKSA}/reports/${report.id}/moderation`, {
          method: 'POST',
          body,
        });
        toast(t('laksaStaff.moderation.done'));
        onDone(view);
      },
      { serverFieldErrors: false },
    );

  return (
    <Dialog
      open={open}
      title={`${t('laksaStaff.moderation.open')} · ${report.ticket}`}
      onClose={onClose}
      testId="laksa-staff-moderation-dialog"
      wide
    >
      <Form
        onSubmit={submit}
        error={form.formError}
        intro={<p className="muted small">{t('laksaStaff.moderation.hint')}</p>}
      >
        {report.photos.length ? (
          <fieldset className="fieldset">
            <legend>{t('laksaStaff.moderation.hidePhotos')}</legend>
            <ul className="lk-photos lk-photo-pick">
              {report.photos.map((p, i) => (
                <li key={p.fileId}>
                  <input
                    type="checkbox"
                    id={`lk-hide-${p.fileId}`}
                    checked={hide.includes(p.fileId)}
                    onChange={(e) => setHide((h) => toggled(h, p.fileId, e.target.checked))}
                    data-testid="laksa-staff-moderation-photo"
                  />
                  <label htmlFor={`lk-hide-${p.fileId}`}>
                    <img src={p.url} alt={t('laksaStaff.moderation.hidePhoto', { n: i + 1 })} />
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : null}
        <div className="check">
          <input
            type="checkbox"
            id="lk-mod-edit"
            checked={editDescription}
            onChange={(e) => setEditDescription(e.target.checked)}
            data-testid="laksa-staff-moderation-edit"
          />
          <label htmlFor="lk-mod-edit">{t('laksaStaff.moderation.editDescription')}</label>
        </div>
        {editDescription ? (
          <TextAreaField
            id="lk-mod-desc"
            label={t('laksaStaff.moderation.description')}
            hint={t('laksaStaff.moderation.descriptionHint')}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            error={errors.description}
            rows={6}
            data-testid="laksa-staff-moderation-description"
          />
        ) : null}
        <TextAreaField
          id="lk-mod-reason"
          label={t('laksaStaff.moderation.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={errors.reason}
          rows={2}
          required
          data-testid="laksa-staff-moderation-reason"
        />
        <FormActions
          label={t('laksaStaff.moderation.submit')}
          busy={form.busy}
          testId="laksa-staff-moderation-submit"
          onCancel={onClose}
        />
      </Form>
    </Dialog>
  );
}

import { type FormEvent, useEffect, useId, useState } from 'react';
import {
  actionInput,
  duplicateInput,
  moderationInput,
  type ReportAction,
} from '../../../../../shared/modules/laksa';
import { ApiError, api, errorMessage } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Button, Field, TextAreaField, useToast } from '../../../core/ui';
import { type FieldErrors, serverFieldErrors, validate } from '../../../core/validation';
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
        onChange={(e) => onChange([...(e.target.files ?? [])].slice(0, MAX_PHOTOS))}
        data-testid={testId}
      />
      {files.length ? (
        <p className="small muted">
          {t('laksaStaff.photos.chosen', { names: files.map((f) => f.name).join(', ') })}
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
  const { t, lang } = useLang();
  const toast = useToast();
  const { me } = useSession();
  const refs = useRefs();
  const [note, setNote] = useState('');
  const [opdIds, setOpdIds] = useState<string[]>([]);
  const [target, setTarget] = useState('');
  const [reference, setReference] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Fresh fields each time a dialog opens.
  useEffect(() => {
    if (!action) return;
    setNote('');
    setOpdIds(action === 'dispose' ? report.opds.map((o) => o.id) : []);
    setTarget('');
    setReference('');
    setFiles([]);
    setErrors({});
    setFormError(null);
  }, [action, report.opds]);

  if (!action) return <Dialog open={false} title="" onClose={onClose} testId="laksa-staff-action-dialog" />;
  const needs = actionNeeds[action];
  const needsNote = needs.includes('note');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!action) return;
    setFormError(null);
    const body = {
      action,
      note: note.trim() || undefined,
      opdIds: needs.includes('opdIds') ? opdIds : undefined,
      redirectTarget: needs.includes('redirect') ? target.trim() || undefined : undefined,
      redirectReference: needs.includes('redirect') ? reference.trim() || undefined : undefined,
    };
    const v = validate(actionInput, body, lang);
    const errs: FieldErrors = { ...v.errors };
    const required = t('laksaStaff.action.required');
    if (needsNote && !body.note) errs.note ??= required;
    if (needs.includes('opdIds') && opdIds.length === 0) errs.opdIds ??= t('laksaStaff.action.chooseOpd');
    if (needs.includes('redirect')) {
      if (!body.redirectTarget) errs.redirectTarget ??= required;
      if (!body.redirectReference) errs.redirectReference ??= required;
    }
    setErrors(errs);
    if (!v.ok || Object.keys(errs).length) return;
    setBusy(true);
    try {
      const photoIds = files.length ? await uploadPhotos(files, me?.csrfToken) : undefined;
      const view = await api<StaffReport>(`${LAKSA}/reports/${report.id}/actions`, {
        method: 'POST',
        body: { ...(v.data as object), ...(photoIds ? { photoIds } : {}) },
      });
      toast(t('laksaStaff.action.done', { action: t(`laksaStaff.action.${action}`) }));
      onDone(view);
    } catch (err) {
      setFormError(errorMessage(err));
      if (err instanceof ApiError) setErrors(serverFieldErrors(err.details, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open
      title={`${t(`laksaStaff.action.${action}`)} · ${report.ticket}`}
      onClose={onClose}
      testId="laksa-staff-action-dialog"
      wide={needs.includes('opdIds')}
    >
      <form
        className="form"
        onSubmit={submit}
        noValidate
        data-testid="laksa-staff-action-form"
        data-action={action}
      >
        <p className="muted small">{t(`laksaStaff.actionHint.${action}`)}</p>
        {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
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
        <div className="row">
          <Button
            type="submit"
            busy={busy}
            variant={action === 'reject' ? 'danger' : 'primary'}
            data-testid="laksa-staff-action-submit"
          >
            {t(`laksaStaff.action.${action}`)}
          </Button>
          <Button variant="ghost" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function DuplicateDialog({
  report,
  open,
  onClose,
  onDone,
}: {
  report: StaffReport;
  open: boolean;
  onClose: () => void;
  onDone: (v: StaffReport) => void;
}) {
  const { t, lang } = useLang();
  const toast = useToast();
  const [ofTicket, setOfTicket] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const v = validate(duplicateInput, { ofTicket: ofTicket.trim().toUpperCase() }, lang);
    setErrors(v.errors);
    if (!v.ok) return;
    setBusy(true);
    try {
      const view = await api<StaffReport>(`${LAKSA}/reports/${report.id}/duplicate`, {
        method: 'POST',
        body: v.data,
      });
      toast(t('laksaStaff.duplicate.done'));
      setOfTicket('');
      onDone(view);
    } catch (err) {
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      title={`${t('laksaStaff.duplicate.open')} · ${report.ticket}`}
      onClose={onClose}
      testId="laksa-staff-duplicate-dialog"
    >
      <form className="form" onSubmit={submit} noValidate>
        <p className="muted small">{t('laksaStaff.duplicate.hint')}</p>
        {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
        <Field
          id="lk-dup-ticket"
          label={t('laksaStaff.duplicate.ofTicket')}
          placeholder="LKS-2026-01-000123"
          className="mono"
          value={ofTicket}
          onChange={(e) => setOfTicket(e.target.value)}
          error={errors.ofTicket}
          data-testid="laksa-staff-duplicate-ticket"
        />
        <div className="row">
          <Button type="submit" busy={busy} data-testid="laksa-staff-duplicate-submit">
            {t('laksaStaff.duplicate.submit')}
          </Button>
          <Button variant="ghost" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function ModerationDialog({
  report,
  open,
  onClose,
  onDone,
}: {
  report: StaffReport;
  open: boolean;
  onClose: () => void;
  onDone: (v: StaffReport) => void;
}) {
  const { t, lang } = useLang();
  const toast = useToast();
  const [hide, setHide] = useState<string[]>([]);
  const [editDescription, setEditDescription] = useState(false);
  const [description, setDescription] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setHide([]);
    setEditDescription(false);
    setDescription(report.description ?? '');
    setReason('');
    setErrors({});
    setFormError(null);
  }, [open, report.description]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const v = validate(
      moderationInput,
      { hidePhotoIds: hide, description: editDescription ? description : undefined, reason },
      lang,
    );
    setErrors(v.errors);
    if (!v.ok) return;
    setBusy(true);
    try {
      const view = await api<StaffReport>(`${LAKSA}/reports/${report.id}/moderation`, {
        method: 'POST',
        body: v.data,
      });
      toast(t('laksaStaff.moderation.done'));
      onDone(view);
    } catch (err) {
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      title={`${t('laksaStaff.moderation.open')} · ${report.ticket}`}
      onClose={onClose}
      testId="laksa-staff-moderation-dialog"
      wide
    >
      <form className="form" onSubmit={submit} noValidate>
        <p className="muted small">{t('laksaStaff.moderation.hint')}</p>
        {formError ? <Alert data-testid="form-error">{formError}</Alert> : null}
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
                    onChange={(e) =>
                      setHide((h) => (e.target.checked ? [...h, p.fileId] : h.filter((x) => x !== p.fileId)))
                    }
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
        <div className="row">
          <Button type="submit" busy={busy} data-testid="laksa-staff-moderation-submit">
            {t('laksaStaff.moderation.submit')}
          </Button>
          <Button variant="ghost" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

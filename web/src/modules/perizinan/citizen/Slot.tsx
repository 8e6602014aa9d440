import { useId, useState } from 'react';
import type { Requirement } from '../../../../../shared/modules/perizinan';
import { formatMime } from '../../../../../shared/modules/perizinan';
import { api, errorMessage } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import { Alert } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { type ApplicationView, BASE, fileUrl, type LockerItem } from '../api';

type Item = ApplicationView['items'][number];

/** Why a chosen file cannot be used for this requirement (format or size), or null. */
export function refusal(
  file: File,
  req: Pick<Requirement, 'formats' | 'maxKb'>,
  t: (k: string, p?: Record<string, unknown>) => string,
  kb: (n: number) => string,
): string | null {
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  const allowed = req.formats.some(
    (f) => file.type === formatMime[f] || ext === f || (f === 'jpg' && ext === 'jpeg'),
  );
  if (!allowed)
    return t('izin.slot.badFormat', {
      name: file.name,
      formats: req.formats.map((f) => f.toUpperCase()).join(', '),
    });
  if (file.size > req.maxKb * 1024)
    return t('izin.slot.tooBig', {
      name: file.name,
      size: kb(Math.ceil(file.size / 1024)),
      max: kb(req.maxKb),
    });
  return null;
}

/** Uploads a file and keeps it in the locker: the upload, then the locker entry. */
export async function uploadToLocker(
  file: File,
  docType: Requirement['docType'],
  documentDate: string | null,
): Promise<LockerItem> {
  const form = new FormData();
  form.append('file', file);
  const stored = await api<{ id: string }>('/files/documents?purpose=izin-dokumen', {
    method: 'POST',
    body: form,
  });
  return api<LockerItem>(`${BASE}/locker`, {
    method: 'POST',
    body: { fileId: stored.id, docType, label: file.name.slice(0, 120), documentDate },
  });
}

/**
 * One requirement of an application: the document attached, a choice from the locker (same kind),
 * or a new file — refused on selection when its format or size is wrong; dated when the rule asks.
 */
export function Slot({
  applicationId,
  req,
  item,
  locker,
  onLocker,
  onChange,
  locked = false,
}: {
  applicationId: string;
  req: Requirement;
  item: Item;
  locker: LockerItem[];
  onLocker: () => void;
  onChange: (v: ApplicationView) => void;
  /** Replaced already during a revision: shown, no longer changeable. */
  locked?: boolean;
}) {
  const { t, pick } = useLang();
  const f = useFormat();
  const uid = useId().replace(/:/g, '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [docDate, setDocDate] = useState('');
  const kb = (n: number) => `${f.number(n, 0)} KB`;
  const same = locker.filter((l) => l.docType === req.docType);
  const attach = async (lockerItemId: string) => {
    const v = await api<ApplicationView>(
      `${BASE}/applications/${applicationId}/items/${encodeURIComponent(req.key)}`,
      { method: 'PUT', body: { lockerItemId } },
    );
    onChange(v);
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const onFile = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    const why = refusal(file, req, t, kb);
    if (why) {
      setError(why);
      input.value = '';
      return;
    }
    if (req.maxAgeDays && !docDate) {
      setError(t('izin.slot.needDate'));
      input.value = '';
      return;
    }
    void run(async () => {
      const l = await uploadToLocker(file, req.docType, req.maxAgeDays ? docDate : null);
      onLocker();
      await attach(l.id);
      input.value = '';
    });
  };
  return (
    <fieldset
      className={`izin-slot izin-slot-${item.status}`}
      data-testid="izin-slot"
      data-key={req.key}
      data-status={item.status}
      data-attached={item.fileId ? 'yes' : 'no'}
    >
      <legend>
        {pick(req.label)} {req.mandatory ? <span aria-hidden="true">*</span> : `(${t('izin.optional')})`}
      </legend>
      <p className="muted izin-small">
        {t('izin.slot.rule', {
          formats: req.formats.map((x) => x.toUpperCase()).join('/'),
          max: kb(req.maxKb),
        })}
        {req.maxAgeDays ? ` · ${t('izin.maxAge', { days: req.maxAgeDays })}` : ''}
      </p>
      {req.note ? <p className="izin-small">{pick(req.note)}</p> : null}
      {item.fileId ? (
        <p className="izin-attached" data-testid="izin-slot-file">
          ✓{' '}
          <a href={fileUrl(item.fileId)} target="_blank" rel="noreferrer">
            {item.fileName ?? t('izin.slot.file')}
          </a>
        </p>
      ) : (
        <p className="izin-small">{t('izin.slot.none')}</p>
      )}
      {item.note && (item.status === 'fix' || locked) ? (
        <Alert kind="warning" data-testid="izin-slot-note">
          {t('izin.slot.reviewerNote')}: {item.note}
        </Alert>
      ) : null}
      {locked ? (
        <p className="izin-small" data-testid="izin-slot-replaced">
          ✓ {t('izin.slot.replaced')}
        </p>
      ) : null}
      {same.length > 0 && !locked ? (
        <div className="field">
          <label htmlFor={`${uid}-locker`}>{t('izin.slot.fromLocker')}</label>
          <select
            id={`${uid}-locker`}
            value=""
            disabled={busy}
            data-testid="izin-slot-locker"
            onChange={(e) => {
              const id = e.target.value;
              if (id) void run(() => attach(id));
            }}
          >
            <option value="">{t('izin.slot.choose')}</option>
            {same.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label} ({f.date(l.createdAt)})
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {req.maxAgeDays && !locked ? (
        <div className="field">
          <label htmlFor={`${uid}-date`}>{t('izin.slot.documentDate')}</label>
          <input
            id={`${uid}-date`}
            type="date"
            value={docDate}
            onChange={(e) => setDocDate(e.target.value)}
            data-testid="izin-slot-date"
          />
        </div>
      ) : null}
      <div className="field" hidden={locked}>
        <label htmlFor={`${uid}-file`}>{item.fileId ? t('izin.slot.replace') : t('izin.slot.upload')}</label>
        <input
          id={`${uid}-file`}
          type="file"
          accept={req.formats.map((x) => `${formatMime[x]},.${x}`).join(',')}
          disabled={busy}
          data-testid="izin-slot-upload"
          onChange={(e) => onFile(e.currentTarget)}
        />
      </div>
      {busy ? <p className="izin-small">{t('izin.slot.uploading')}</p> : null}
      {error ? <Alert data-testid="izin-slot-error">{error}</Alert> : null}
    </fieldset>
  );
}

import { useState } from 'react';
import { Link } from 'wouter';
import { lockerDocTypes } from '../../../../../shared/modules/perizinan';
import { api, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Spinner } from '../../../core/ui';
import { ConfirmButton } from '../../../core/ui/DataTable';
import { useFormat } from '../../../core/useFormat';
import { BASE, fileUrl, type LockerItem } from '../api';
import { lockerDocLabels } from '../labels';
import { refusal, uploadToLocker } from './Slot';

/** "Brankas dokumen": documents kept once and reused by every application. */
export function Locker() {
  const { t, pick } = useLang();
  const f = useFormat();
  const { me } = useSession();
  const list = useApi<LockerItem[]>(me ? `${BASE}/locker` : null);
  const [docType, setDocType] = useState<LockerItem['docType']>('ktp');
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A refused delete is said beside that document (on a phone the form is screens away).
  const [itemError, setItemError] = useState<{ id: string; message: string } | null>(null);
  if (!me) return <Alert kind="info">{t('izin.signInFirst')}</Alert>;
  const kb = (n: number) => `${f.number(n, 0)} KB`;
  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    const why = refusal(file, { formats: ['pdf', 'jpg', 'png'], maxKb: 10_240 }, t, kb);
    if (why) {
      setError(why);
      input.value = '';
      return;
    }
    setBusy(true);
    try {
      await uploadToLocker(file, docType, date || null);
      list.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
      input.value = '';
    }
  };
  return (
    <div className="izin narrow" data-testid="izin-locker">
      <Link href="/" className="izin-back">
        ← {t('izin.backToCatalogue')}
      </Link>
      <h1>{t('izin.menu.locker')}</h1>
      <p className="muted">{t('izin.locker.intro')}</p>
      <fieldset className="izin-box">
        <legend>{t('izin.locker.add')}</legend>
        <div className="field">
          <label htmlFor="izin-locker-type">{t('izin.locker.type')}</label>
          <select
            id="izin-locker-type"
            value={docType}
            onChange={(e) => setDocType(e.target.value as LockerItem['docType'])}
          >
            {lockerDocTypes.map((d) => (
              <option key={d} value={d}>
                {pick(lockerDocLabels[d])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="izin-locker-date">{t('izin.slot.documentDate')}</label>
          <input id="izin-locker-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="izin-locker-file">{t('izin.slot.upload')}</label>
          <input
            id="izin-locker-file"
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            disabled={busy}
            onChange={(e) => void onFile(e.currentTarget)}
            data-testid="izin-locker-upload"
          />
        </div>
        {error ? <Alert>{error}</Alert> : null}
      </fieldset>
      {list.loading && !list.data ? <Spinner label={t('izin.loading')} /> : null}
      {list.data?.length === 0 ? <p>{t('izin.locker.empty')}</p> : null}
      <ul className="izin-list">
        {list.data?.map((l) => (
          <li key={l.id} className="izin-card" data-testid="izin-locker-item" data-label={l.label}>
            <a href={fileUrl(l.fileId)} target="_blank" rel="noreferrer" className="izin-card-title">
              {l.label}
            </a>
            <span className="izin-small">
              {pick(lockerDocLabels[l.docType])} · {kb(Math.ceil(l.bytes / 1024))} ·{' '}
              {t('izin.locker.uploaded', { date: f.dateTime(l.createdAt) })}
              {l.documentDate ? ` · ${t('izin.locker.dated', { date: f.day(l.documentDate) })}` : ''}
            </span>
            <ConfirmButton
              variant="ghost"
              confirm={t('izin.locker.deleteConfirm')}
              onConfirm={async () => {
                setItemError(null);
                try {
                  await api(`${BASE}/locker/${l.id}`, { method: 'DELETE' });
                  list.reload();
                } catch (err) {
                  setItemError({ id: l.id, message: errorMessage(err) });
                }
              }}
              data-testid="izin-locker-delete"
              subject={l.label}
            >
              {t('izin.locker.delete')}
            </ConfirmButton>
            {itemError?.id === l.id ? (
              <Alert data-testid="izin-locker-item-error">{itemError.message}</Alert>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

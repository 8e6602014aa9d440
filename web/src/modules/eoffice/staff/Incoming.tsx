import '../strings';
import { useEffect, useId, useState } from 'react';
import { Link } from 'wouter';
import { api, errorMessage } from '../../../core/api';
import { todayIn } from '../../../core/format';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useRegionTimeZone } from '../../../core/region';
import { Alert, Button, Spinner } from '../../../core/ui';
import { BASE, type Classification, type LetterView, type MyPosition } from '../api';
import { PositionSelect, usePositions } from '../common';
import { confidentialityLabels, urgencyLabels } from '../labels';

type Urgency = keyof typeof urgencyLabels;
type Conf = keyof typeof confidentialityLabels;

/** The secretariat registers a letter received on paper or by e-mail: it gets an agenda number and goes to the head. */
export default function Incoming({ mine }: { mine: MyPosition[] }) {
  const { t, pick } = useLang();
  const uid = useId().replace(/:/g, '');
  const tz = useRegionTimeZone();
  const desk = mine.find((m) => m.registersIncoming) ?? null;
  const positions = usePositions(desk?.opdCode ?? null);
  const classes = useApi<Classification[]>(`${BASE}/classifications`);
  const today = todayIn(tz);
  const blank = {
    toPositionId: '',
    senderName: '',
    senderNumber: '',
    senderDate: today,
    receivedOn: today,
    subject: '',
    summary: '',
    classificationCode: '',
    urgency: 'biasa' as Urgency,
    confidentiality: 'biasa' as Conf,
  };
  const [v, setV] = useState(blank);
  const [scan, setScan] = useState<{ id: string; name: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<LetterView | null>(null);
  const set = (p: Partial<typeof v>) => setV((o) => ({ ...o, ...p }));
  const all = positions.data ?? [];

  useEffect(() => {
    if (v.toPositionId || all.length === 0) return;
    const head = all.find((p) => p.level === 'kepala' && p.active && (!desk || p.opdCode === desk.opdCode));
    if (head) setV((o) => ({ ...o, toPositionId: head.id }));
  }, [all, desk, v.toPositionId]);

  async function upload(file: File | undefined) {
    if (!file) return;
    setUploading(true);
    setError(null);
    try {
      const form = new FormData();
      form.append('file', file);
      const stored = await api<{ id: string }>('/files/documents?purpose=eoffice-scan', {
        method: 'POST',
        body: form,
      });
      setScan({ id: stored.id, name: file.name });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setUploading(false);
    }
  }

  async function submit() {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const letter = await api<LetterView>(`${BASE}/incoming`, {
        method: 'POST',
        body: { ...v, scanFileId: scan?.id ?? null },
      });
      setDone(letter);
      setV({ ...blank, toPositionId: v.toPositionId });
      setScan(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const ready =
    v.toPositionId &&
    v.senderName.trim() &&
    v.senderNumber.trim() &&
    v.subject.trim() &&
    /^\d{3}(\.\d{1,3}){0,3}$/.test(v.classificationCode);
  const text = (key: keyof typeof v, label: string, props: Record<string, unknown> = {}) => (
    <div className="field">
      <label htmlFor={`${uid}-${key}`}>{label}</label>
      <input
        id={`${uid}-${key}`}
        value={v[key] as string}
        onChange={(e) => set({ [key]: e.target.value })}
        data-testid={`eo-in-${key}`}
        {...props}
      />
    </div>
  );
  return (
    <form
      className="eo-incoming"
      data-testid="eo-incoming"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{t('eoffice.incoming.title')}</h2>
      <p className="muted">
        {desk ? t('eoffice.incoming.desk', { opd: desk.opdName }) : t('eoffice.incoming.intro')}
      </p>
      {done ? (
        <Alert kind="success" data-testid="eo-in-done">
          {t('eoffice.incoming.done', {
            agenda: done.recipients.find((r) => r.agendaNumber)?.agendaNumber ?? done.number ?? '',
          })}{' '}
          <Link href={`/naskah/${done.id}`}>{t('eoffice.incoming.open')}</Link>
        </Alert>
      ) : null}
      {positions.loading && !positions.data ? <Spinner label={t('eoffice.loading')} /> : null}
      <div className="eo-grid">
        <div className="field">
          <label htmlFor={`${uid}-to`}>{t('eoffice.incoming.to')}</label>
          <PositionSelect
            id={`${uid}-to`}
            positions={all}
            value={v.toPositionId}
            onChange={(id) => set({ toPositionId: id })}
            placeholder={t('eoffice.compose.chooseSigner')}
            testId="eo-in-to"
          />
        </div>
        {text('senderName', t('eoffice.incoming.senderName'), { maxLength: 200 })}
        {text('senderNumber', t('eoffice.incoming.senderNumber'), { maxLength: 120 })}
        {text('senderDate', t('eoffice.incoming.senderDate'), { type: 'date', max: today })}
        {text('receivedOn', t('eoffice.incoming.receivedOn'), { type: 'date', max: today })}
        <div className="field eo-wide">
          <label htmlFor={`${uid}-subject`}>{t('eoffice.compose.subject')}</label>
          <input
            id={`${uid}-subject`}
            value={v.subject}
            maxLength={300}
            onChange={(e) => set({ subject: e.target.value })}
            data-testid="eo-in-subject"
          />
        </div>
        <div className="field eo-wide">
          <label htmlFor={`${uid}-summary`}>{t('eoffice.incoming.summary')}</label>
          <textarea
            id={`${uid}-summary`}
            rows={3}
            value={v.summary}
            maxLength={5000}
            onChange={(e) => set({ summary: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${uid}-class`}>{t('eoffice.compose.classification')}</label>
          <input
            id={`${uid}-class`}
            list={`${uid}-classes`}
            value={v.classificationCode}
            placeholder="000.1.2"
            onChange={(e) => set({ classificationCode: e.target.value.split(' ')[0] ?? '' })}
            data-testid="eo-in-class"
          />
          <datalist id={`${uid}-classes`}>
            {(classes.data ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-urg`}>{t('eoffice.urgency')}</label>
          <select
            id={`${uid}-urg`}
            value={v.urgency}
            onChange={(e) => set({ urgency: e.target.value as Urgency })}
          >
            {(Object.keys(urgencyLabels) as Urgency[]).map((u) => (
              <option key={u} value={u}>
                {pick(urgencyLabels[u])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-conf`}>{t('eoffice.confidentiality')}</label>
          <select
            id={`${uid}-conf`}
            value={v.confidentiality}
            onChange={(e) => set({ confidentiality: e.target.value as Conf })}
          >
            {(Object.keys(confidentialityLabels) as Conf[]).map((c) => (
              <option key={c} value={c}>
                {pick(confidentialityLabels[c])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-scan`}>{t('eoffice.incoming.scan')}</label>
          <input
            id={`${uid}-scan`}
            type="file"
            accept="application/pdf,.pdf"
            onChange={(e) => void upload(e.target.files?.[0])}
            data-testid="eo-in-scan"
          />
          {uploading ? <Spinner label={t('eoffice.compose.uploading')} /> : null}
          {scan ? <p className="eo-small">{scan.name}</p> : null}
        </div>
      </div>
      {error ? <Alert>{error}</Alert> : null}
      <Button type="submit" busy={busy} disabled={!ready || uploading} data-testid="eo-in-submit">
        {t('eoffice.incoming.submit')}
      </Button>
    </form>
  );
}

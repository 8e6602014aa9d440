import './document-check.css';
import { useState } from 'react';
import { api, errorMessage } from '../../core/api';
import { useApi } from '../../core/hooks';
import { useLang } from '../../core/i18n';
import { Alert, Spinner } from '../../core/ui';
import { useFormat } from '../../core/useFormat';

type Check = {
  state: 'valid' | 'expired' | 'suspended' | 'revoked';
  kind: string;
  kindLabel: { id: string; en: string };
  number: string;
  holderName: string;
  validFrom: string;
  validUntil: string | null;
  revokedAt: string | null;
  region: { name: string; code: string };
  /** The issued PDF is on record: a PDF in hand can be compared with it. */
  fileCheck?: boolean;
};

const verdictKey = {
  valid: 'documentCheck.valid',
  expired: 'documentCheck.expired',
  suspended: 'documentCheck.suspended',
  revoked: 'documentCheck.revoked',
} as const;

/**
 * `/cek/<code>`: the public check of a document the region issued (the QR on an AK/1 card, a
 * permit). Says valid / expired / revoked with the holder's name, the number, the kind and the
 * validity — nothing else. No sign-in; built for a phone held up to a printed card.
 */
export default function DocumentCheck({ code }: { code: string }) {
  const { t, pick } = useLang();
  const f = useFormat();
  const { data, errorStatus, error, loading } = useApi<Check>(`/documents/check/${encodeURIComponent(code)}`);
  if (loading && !data) return <Spinner label={t('common.loading')} />;
  if (!data)
    return (
      <div className="narrow doc-check" data-testid="doc-check">
        <h1>{t('documentCheck.title')}</h1>
        <Alert>{errorStatus === 404 || errorStatus === 400 ? t('documentCheck.notFound') : error}</Alert>
      </div>
    );
  const tone =
    data.state === 'valid'
      ? 'success'
      : data.state === 'expired' || data.state === 'suspended'
        ? 'warning'
        : 'error';
  return (
    <div className="narrow doc-check" data-testid="doc-check" data-state={data.state}>
      <h1>{t('documentCheck.title')}</h1>
      <div className={`doc-check-verdict doc-check-${data.state}`} role="status">
        <Alert kind={tone} data-testid="doc-check-state">
          <strong>{t(verdictKey[data.state] ?? 'documentCheck.revoked')}</strong>
        </Alert>
      </div>
      <dl className="doc-check-facts">
        <dt>{t('documentCheck.kind')}</dt>
        <dd>{pick(data.kindLabel)}</dd>
        <dt>{t('documentCheck.number')}</dt>
        <dd data-testid="doc-check-number">{data.number}</dd>
        <dt>{t('documentCheck.holder')}</dt>
        <dd data-testid="doc-check-holder">{data.holderName}</dd>
        <dt>{t('documentCheck.validity')}</dt>
        <dd>
          {f.day(data.validFrom)}
          {data.validUntil ? ` – ${f.day(data.validUntil)}` : ''}
        </dd>
        {data.revokedAt ? (
          <>
            <dt>{t('documentCheck.revokedAt')}</dt>
            <dd>{f.dateTime(data.revokedAt)}</dd>
          </>
        ) : null}
        <dt>{t('documentCheck.issuer')}</dt>
        <dd>{data.region.name}</dd>
      </dl>
      {data.fileCheck ? <FileCompare code={code} /> : null}
      <p className="muted">{t('documentCheck.privacy')}</p>
    </div>
  );
}

/** "Cocokkan berkas PDF": the chosen file's bytes are hashed by the server and compared, not kept. */
function FileCompare({ code }: { code: string }) {
  const { t } = useLang();
  const [state, setState] = useState<'idle' | 'busy' | 'same' | 'different'>('idle');
  const [error, setError] = useState<string | null>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setState('busy');
    setError(null);
    try {
      const r = await api<{ matches: boolean }>(`/documents/check/${encodeURIComponent(code)}/file`, {
        method: 'POST',
        body: file,
        rawType: 'application/pdf',
      });
      setState(r.matches ? 'same' : 'different');
    } catch (err) {
      setState('idle');
      setError(errorMessage(err));
    }
  };
  return (
    <section className="doc-check-file" aria-labelledby="doc-check-file-title">
      <h2 id="doc-check-file-title">{t('documentCheck.fileTitle')}</h2>
      <label htmlFor="doc-check-file-input" className="muted">
        {t('documentCheck.fileHint')}
      </label>
      <input
        id="doc-check-file-input"
        type="file"
        accept="application/pdf,.pdf"
        data-testid="doc-check-file"
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      <div role="status" data-testid="doc-check-file-result" data-result={state}>
        {state === 'busy' ? <p>{t('documentCheck.fileChecking')}</p> : null}
        {state === 'same' ? <Alert kind="success">{t('documentCheck.fileMatches')}</Alert> : null}
        {state === 'different' ? <Alert kind="error">{t('documentCheck.fileDiffers')}</Alert> : null}
      </div>
      {error ? <Alert>{error}</Alert> : null}
    </section>
  );
}

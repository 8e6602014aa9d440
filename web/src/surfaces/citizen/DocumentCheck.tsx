import './document-check.css';
import { useApi } from '../../core/hooks';
import { useLang } from '../../core/i18n';
import { Alert, Spinner } from '../../core/ui';
import { useFormat } from '../../core/useFormat';

type Check = {
  state: 'valid' | 'expired' | 'revoked';
  kind: string;
  kindLabel: { id: string; en: string };
  number: string;
  holderName: string;
  validFrom: string;
  validUntil: string | null;
  revokedAt: string | null;
  region: { name: string; code: string };
};

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
  const tone = data.state === 'valid' ? 'success' : data.state === 'expired' ? 'warning' : 'error';
  return (
    <div className="narrow doc-check" data-testid="doc-check" data-state={data.state}>
      <h1>{t('documentCheck.title')}</h1>
      <div className={`doc-check-verdict doc-check-${data.state}`} role="status">
        <Alert kind={tone} data-testid="doc-check-state">
          <strong>
            {data.state === 'valid'
              ? t('documentCheck.valid')
              : data.state === 'expired'
                ? t('documentCheck.expired')
                : t('documentCheck.revoked')}
          </strong>
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
      <p className="muted">{t('documentCheck.privacy')}</p>
    </div>
  );
}

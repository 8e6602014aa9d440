import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { DomainStatusView } from '../../../../shared/region';
import { ApiError, api, errorMessage } from '../../core/api';
import { useLang } from '../../core/i18n';
import { type Region, useRegionState } from '../../core/region';
import { Alert, Badge, Button, Card, Spinner, TextAreaField, useToast } from '../../core/ui';

/**
 * The region's own host names. A name typed here stays "menunggu bukti" (it serves nothing) until
 * Simpul finds its proof on that name (the admin points its DNS here, then checks), or a platform
 * admin approves it: an admin cannot take over a name by typing it.
 */
export function RegionDomains() {
  const { t } = useLang();
  const toast = useToast();
  const { setRegion } = useRegionState();
  const [list, setList] = useState<DomainStatusView[] | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    const items = await api<DomainStatusView[]>('/admin/region/domains');
    setList(items);
    setText(items.map((d) => d.domain).join('\n'));
  }, []);
  useEffect(() => {
    load().catch((e) => setError(errorMessage(e)));
  }, [load]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy('save');
    try {
      const domains = text
        .split(/[\s,]+/)
        .map((d) => d.trim())
        .filter(Boolean);
      setRegion(await api<Region>('/admin/region', { method: 'PATCH', body: { domains } }));
      await load();
      toast(t('staff.domains.saved'));
    } catch (err) {
      setError(err instanceof ApiError ? err.localized() : errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  async function verify(domain: string) {
    setError(null);
    setBusy(domain);
    try {
      setList(
        await api<DomainStatusView[]>('/admin/region/domains/verify', { method: 'POST', body: { domain } }),
      );
      toast(t('staff.domains.verified', { domain }));
    } catch (err) {
      setError(err instanceof ApiError ? err.localized() : errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  // The text area is filled from the list: shown only once it has loaded, so nothing typed is lost.
  if (list === null && !error)
    return (
      <Card title={t('staff.region.domains')}>
        <Spinner label={t('common.loading')} />
      </Card>
    );
  return (
    <Card title={t('staff.region.domains')}>
      <form onSubmit={save} noValidate className="stack" data-testid="region-domains-form">
        {error && <Alert data-testid="region-domains-error">{error}</Alert>}
        {list && list.length > 0 && (
          <ul className="domain-list" data-testid="region-domain-list">
            {list.map((d) => (
              <li key={d.domain} data-testid="region-domain" data-status={d.status}>
                <span className="mono">{d.domain}</span>{' '}
                <Badge tone={d.status === 'aktif' ? 'ok' : 'warn'}>
                  {d.status === 'aktif' ? t('staff.domains.active') : t('staff.domains.pending')}
                </Badge>
                {d.proofUrl && (
                  <div className="domain-proof">
                    <p className="hint">{t('staff.domains.proofHint')}</p>
                    <code className="mono">{d.proofUrl}</code>{' '}
                    <Button
                      variant="ghost"
                      busy={busy === d.domain}
                      onClick={() => verify(d.domain)}
                      data-testid="region-domain-verify"
                    >
                      {t('staff.domains.check')}
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        <TextAreaField
          id="region-domains"
          label={t('staff.region.domainsLabel')}
          hint={t('staff.region.domainsHint')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={3}
          placeholder="live.tangerangkota.go.id"
          data-testid="region-domains"
        />
        <div className="row">
          <Button type="submit" variant="secondary" busy={busy === 'save'} data-testid="region-domains-save">
            {t('staff.domains.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

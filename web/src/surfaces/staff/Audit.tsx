import { useCallback, useEffect, useState } from 'react';
import type { LiveEventView } from '../../../../shared/live';
import { api, errorMessage } from '../../core/api';
import { formatDateTime } from '../../core/format';
import { useLang } from '../../core/i18n';
import { useModuleName } from '../../core/moduleName';
import { useRegionTimeZone } from '../../core/region';
import { Alert, Button, Card, PageHeader, Spinner } from '../../core/ui';

interface AuditPage {
  items: LiveEventView[];
  nextBefore: number | null;
}

export function Audit() {
  const { t, pick, locale } = useLang();
  const tz = useRegionTimeZone();
  const moduleName = useModuleName();
  const [items, setItems] = useState<LiveEventView[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const load = useCallback(async (before?: number) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api<AuditPage>(`/admin/audit?limit=50${before ? `&before=${before}` : ''}`);
      setItems((list) => (before ? [...list, ...page.items] : page.items));
      setNext(page.nextBefore);
      setDone(page.nextBefore === null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div>
      <PageHeader
        title={t('staff.nav.audit')}
        subtitle={t('staff.audit.subtitle')}
        actions={
          <Button variant="secondary" small onClick={() => void load()} data-testid="audit-refresh">
            {t('common.refresh')}
          </Button>
        }
      />
      <Card>
        {error ? <Alert>{error}</Alert> : null}
        {!loading && items.length === 0 && !error ? <p className="muted">{t('staff.audit.empty')}</p> : null}
        <ol className="event-list" data-testid="audit-list">
          {items.map((ev) => (
            <li key={ev.id} className="event-row" data-testid="audit-item">
              <time dateTime={ev.at} className="event-time">
                {formatDateTime(ev.at, locale, tz)}
              </time>
              <div className="event-body">
                <p className="event-summary">{pick(ev.summary)}</p>
                <p className="event-meta">
                  <span className="chip">{moduleName(ev.module)}</span>
                  <span className="mono">{ev.type}</span>
                  {ev.actor ? <span>· {ev.actor.name}</span> : null}
                </p>
              </div>
            </li>
          ))}
        </ol>
        {loading ? <Spinner label={t('common.loading')} /> : null}
        {!loading && next !== null ? (
          <Button variant="secondary" onClick={() => void load(next)} data-testid="audit-more">
            {t('staff.audit.more')}
          </Button>
        ) : null}
        {done && items.length > 0 ? <p className="muted small">{t('staff.audit.end')}</p> : null}
      </Card>
    </div>
  );
}

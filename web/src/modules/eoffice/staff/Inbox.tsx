import { useEffect, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, errorMessage } from '../../../core/api';
import { useLang } from '../../../core/i18n';
import { Alert, Button, Spinner } from '../../../core/ui';
import { useFormat } from '../../../core/useFormat';
import { BASE, type Box, boxes, type InboxItem, type MyPosition, query } from '../api';
import { ConfidentialityBadge, KindTag, UrgencyBadge } from '../common';
import { inboxKindLabels, letterTypeLabels } from '../labels';

const PAGE = 30;

/** The inbox of one position: what to act on (oldest deadline first), sent, drafts, done. */
export function Inbox({ mine }: { mine: MyPosition[] }) {
  const { t, pick } = useLang();
  const f = useFormat();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(useSearch());
  const box = (boxes as string[]).includes(params.get('box') ?? '') ? (params.get('box') as Box) : 'todo';
  const pos = mine.find((p) => p.id === params.get('pos')) ?? mine[0] ?? null;
  const [items, setItems] = useState<InboxItem[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const posId = pos?.id ?? null;

  useEffect(() => {
    if (!posId) return;
    const ctrl = new AbortController();
    setItems(null);
    setError(null);
    api<{ items: InboxItem[] }>(`${BASE}/inbox${query({ box, positionId: posId, limit: PAGE })}`, {
      signal: ctrl.signal,
      fresh: true,
    })
      .then((r) => {
        setItems(r.items);
        setMore(r.items.length === PAGE);
      })
      .catch((err) => {
        if (!ctrl.signal.aborted) setError(errorMessage(err));
      });
    return () => ctrl.abort();
  }, [box, posId]);

  async function loadMore() {
    const last = items?.[items.length - 1];
    if (!last || !posId) return;
    setBusy(true);
    try {
      const r = await api<{ items: InboxItem[] }>(
        `${BASE}/inbox${query({ box, positionId: posId, limit: PAGE, before: last.at })}`,
      );
      setItems((old) => [...(old ?? []), ...r.items]);
      setMore(r.items.length === PAGE);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (mine.length === 0) return <Alert kind="info">{t('eoffice.inbox.noPositions')}</Alert>;
  const href = (b: Box, p: string | null) => `/${query({ box: b === 'todo' ? null : b, pos: p })}`;
  return (
    <section data-testid="eo-inbox" data-box={box} data-position={posId ?? ''}>
      {mine.length > 1 ? (
        <div className="field eo-position-switch">
          <label htmlFor="eo-pos">{t('eoffice.inbox.actingAs')}</label>
          <select
            id="eo-pos"
            value={posId ?? ''}
            onChange={(e) => navigate(href(box, e.target.value))}
            data-testid="eo-position-switch"
          >
            {mine.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
                {p.kind !== 'definitif' ? ` (${p.kind === 'plt' ? 'Plt' : 'Plh'})` : ''} · {p.opdName}
                {p.open ? ` — ${t('eoffice.inbox.openCount', { count: p.open })}` : ''}
              </option>
            ))}
          </select>
        </div>
      ) : pos ? (
        <p className="eo-acting">
          {t('eoffice.inbox.actingAs')}: <strong>{pos.title}</strong> <KindTag kind={pos.kind} /> ·{' '}
          {pos.opdName}
        </p>
      ) : null}
      <nav className="eo-tabs eo-boxes" aria-label={t('eoffice.inbox.boxes')}>
        {boxes.map((b) => (
          <Link
            key={b}
            href={href(b, mine.length > 1 ? posId : null)}
            className={`btn btn-small ${b === box ? 'btn-primary' : 'btn-secondary'}`}
            aria-current={b === box ? 'page' : undefined}
            data-testid={`eo-box-${b}`}
          >
            {t(`eoffice.box.${b}`)}
            {b === 'todo' && pos?.open ? <span className="eo-count">{f.number(pos.open, 0)}</span> : null}
          </Link>
        ))}
      </nav>
      {error ? <Alert>{error}</Alert> : null}
      {!items && !error ? <Spinner label={t('eoffice.loading')} /> : null}
      {items?.length === 0 ? (
        <p className="eo-empty" data-testid="eo-inbox-empty">
          {t(`eoffice.inbox.empty.${box}`)}
        </p>
      ) : null}
      {items && items.length > 0 ? (
        <ul className="eo-list">
          {items.map((i) => (
            <li
              key={`${i.kind}-${i.letterId}-${i.dispositionId ?? ''}`}
              className={`eo-item${i.overdue ? ' eo-item-overdue' : ''}${i.unread ? ' eo-item-unread' : ''}`}
              data-testid="eo-inbox-item"
              data-kind={i.kind}
              data-letter={i.letterId}
            >
              <Link
                href={`/naskah/${i.letterId}${i.dispositionId ? `?d=${i.dispositionId}` : ''}`}
                className="eo-item-link"
              >
                <span className="eo-item-subject">
                  {i.unread ? <span className="sr-only">{t('eoffice.inbox.unread')}: </span> : null}
                  {i.subject}
                </span>
              </Link>
              <span className="eo-item-meta">
                <span className="eo-badge eo-badge-kind">{pick(inboxKindLabels[i.kind])}</span>
                <span>{pick(letterTypeLabels[i.type])}</span>
                {i.number ? <span className="eo-number">{i.number}</span> : null}
                <UrgencyBadge urgency={i.urgency} />
                <ConfidentialityBadge value={i.confidentiality} />
              </span>
              <span className="eo-item-meta muted">
                <span>{i.from}</span>
                <span>{f.dateTime(i.at)}</span>
              </span>
              {i.dueOn ? (
                <span className={i.overdue ? 'eo-due eo-due-over' : 'eo-due'} data-testid="eo-due">
                  {t('eoffice.dueOn', { date: f.day(i.dueOn) })}
                  {i.overdue ? ` — ${t('eoffice.overdue')}` : ''}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {more ? (
        <Button variant="secondary" busy={busy} onClick={loadMore}>
          {t('eoffice.inbox.more')}
        </Button>
      ) : null}
    </section>
  );
}

import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { OUTLIER_FACTOR, WARN_CHANGE } from '../../../../../shared/modules/harga-pangan';
import { ApiError } from '../../../core/api';
import { useApi, useOnline } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { useSession } from '../../../core/session';
import { Alert, Button, Check, SelectField, Spinner } from '../../../core/ui';
import { BASE, type MarketView, type SheetView } from '../api';
import { dayLabel, rupiah } from '../format';
import {
  discardEntryDraft,
  type EntryDraft,
  flushEntries,
  listEntryDrafts,
  submitEntry,
} from './entry-queue';

type Row = SheetView['rows'][number];

/** Share of change from the previous price, or null. */
const changeShare = (price: number, prev: number | null) => (prev ? (price - prev) / prev : null);
const isOutlier = (price: number, prev: number | null) =>
  prev !== null && (price > prev * OUTLIER_FACTOR || price * OUTLIER_FACTOR < prev);

/**
 * One screen per market for the enumerator's phone: every commodity with the previous verified
 * price; a change of more than 20 % is highlighted and one beyond ×5 / ÷5 needs a tick before
 * saving. Saved through the offline queue: without a signal the prices wait on the phone.
 */
export function Entry() {
  const { t, lang, locale } = useLang();
  const { me } = useSession();
  const online = useOnline();
  const markets = useApi<MarketView[]>(`${BASE}/entry/markets`);
  const [marketId, setMarketId] = useState('');
  const sheet = useApi<SheetView>(marketId ? `${BASE}/entry/sheet?marketId=${marketId}` : null);
  const [prices, setPrices] = useState<Record<string, string>>({});
  const [confirmed, setConfirmed] = useState<Record<string, boolean>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'info' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [drafts, setDrafts] = useState<EntryDraft[]>([]);
  const userId = me?.user.id ?? '';
  const csrf = me?.csrfToken || null;

  const refreshDrafts = useCallback(async () => setDrafts(await listEntryDrafts(userId)), [userId]);

  useEffect(() => {
    if (!marketId && markets.data?.[0]) setMarketId(markets.data[0].id);
  }, [markets.data, marketId]);

  // Send what waited for a signal whenever the phone is (back) online.
  useEffect(() => {
    if (!userId) return;
    void (async () => {
      if (online) {
        const sent = await flushEntries(userId, csrf);
        if (sent > 0) sheet.reload();
      }
      await refreshDrafts();
    })();
  }, [online, userId, csrf, refreshDrafts, sheet.reload]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!sheet.data) return;
    const items = sheet.data.rows.flatMap((r) => {
      const value = prices[r.commodity.id]?.trim();
      if (!value) return [];
      return [
        {
          commodityId: r.commodity.id,
          price: Number(value),
          unit: r.commodity.unit,
          priceType: 'eceran' as const,
          confirmOutlier: !!confirmed[r.commodity.id],
        },
      ];
    });
    if (items.length === 0) {
      setMessage({ kind: 'error', text: t('hargaPangan.staff.nothingToSave') });
      return;
    }
    setBusy(true);
    const body = { marketId, date: sheet.data.date, recordedAt: new Date().toISOString(), items };
    const result = await submitEntry(userId, body, csrf);
    setBusy(false);
    await refreshDrafts();
    if (result.kind === 'sent') {
      setMessage({ kind: 'ok', text: t('hargaPangan.staff.saved', { count: result.saved }) });
      setPrices({});
      sheet.reload();
    } else if (result.kind === 'queued') setMessage({ kind: 'info', text: t('hargaPangan.staff.queued') });
    else
      setMessage({
        kind: 'error',
        text: result.error instanceof ApiError ? result.error.localized() : String(result.error),
      });
  }

  if (markets.loading && !markets.data) return <Spinner label={t('hargaPangan.loading')} />;
  if (markets.data && markets.data.length === 0) return <Alert>{t('hargaPangan.staff.noMarkets')}</Alert>;

  return (
    <form onSubmit={save} noValidate data-testid="hp-entry">
      <SelectField
        id="hp-market"
        label={t('hargaPangan.staff.market')}
        value={marketId}
        onChange={(e) => {
          setMarketId(e.target.value);
          setPrices({});
          setConfirmed({});
        }}
        options={(markets.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
        data-testid="hp-entry-market"
      />
      {drafts.some((d) => d.state === 'queued') ? (
        <p role="status" data-testid="hp-queue">
          {t('hargaPangan.staff.queueCount', { count: drafts.filter((d) => d.state === 'queued').length })}
        </p>
      ) : null}
      {drafts
        .filter((d) => d.state === 'failed')
        .map((d) => (
          <Alert key={d.id}>
            {t('hargaPangan.staff.failedDraft', { message: d.error?.[lang] ?? '' })}{' '}
            <Button
              small
              variant="secondary"
              onClick={() => void discardEntryDraft(d.id).then(refreshDrafts)}
            >
              {t('hargaPangan.staff.discard')}
            </Button>
          </Alert>
        ))}
      {sheet.data ? (
        <>
          <p className="muted">
            {t('hargaPangan.staff.date')}: {dayLabel(sheet.data.date, locale)}
          </p>
          <ul className="hp-sheet">
            {sheet.data.rows.map((r: Row) => {
              const id = r.commodity.id;
              const value = Number(prices[id] ?? '');
              const typed = !!prices[id]?.trim() && value > 0;
              const share = typed ? changeShare(value, r.previousPrice) : null;
              const far = typed && isOutlier(value, r.previousPrice);
              const warn = share !== null && Math.abs(share) > WARN_CHANGE;
              const name = lang === 'en' ? r.commodity.nameEn : r.commodity.name;
              return (
                <li
                  key={id}
                  className={far ? 'hp-bad' : warn ? 'hp-warn' : undefined}
                  data-testid="hp-entry-row"
                  data-code={r.commodity.code}
                >
                  <label htmlFor={`hp-p-${id}`}>
                    {t('hargaPangan.staff.priceLabel', { name, unit: r.commodity.unit })}
                  </label>
                  <input
                    id={`hp-p-${id}`}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    step={1}
                    placeholder={
                      r.price !== null
                        ? String(r.price)
                        : r.previousPrice !== null
                          ? String(r.previousPrice)
                          : ''
                    }
                    value={prices[id] ?? ''}
                    onChange={(e) => setPrices((p) => ({ ...p, [id]: e.target.value }))}
                    data-testid="hp-entry-price"
                  />
                  <div className="hp-sheet-meta">
                    <span className="muted">
                      {r.previousPrice !== null
                        ? t('hargaPangan.staff.previous', { price: rupiah(r.previousPrice, locale) })
                        : t('hargaPangan.staff.noPrevious')}
                    </span>
                    {r.status ? (
                      <span data-testid="hp-entry-status">
                        {rupiah(r.price, locale)} · {t(`hargaPangan.staff.status_${r.status}`)}
                      </span>
                    ) : null}
                  </div>
                  {warn && !far ? (
                    <p className="hp-warn-text" role="status" data-testid="hp-entry-warn">
                      {t('hargaPangan.staff.changeWarn', { pct: Math.round((share ?? 0) * 100) })}
                    </p>
                  ) : null}
                  {far ? (
                    <>
                      <p role="alert">{t('hargaPangan.staff.outlier')}</p>
                      <Check
                        label={t('hargaPangan.staff.confirmOutlier')}
                        checked={!!confirmed[id]}
                        onChange={(e) => setConfirmed((c) => ({ ...c, [id]: e.target.checked }))}
                        data-testid="hp-entry-confirm"
                      />
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : marketId ? (
        <Spinner label={t('hargaPangan.loading')} />
      ) : null}
      {message ? (
        <p
          role="status"
          className={message.kind === 'error' ? 'error-text' : undefined}
          data-testid="hp-entry-message"
        >
          {message.text}
        </p>
      ) : null}
      <Button type="submit" block busy={busy} data-testid="hp-entry-save">
        {t('hargaPangan.staff.save')}
      </Button>
    </form>
  );
}

import { useState } from 'react';
import { api, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Button, Spinner, useToast } from '../../../core/ui';
import { BASE, type PriceRowView } from '../api';
import { dayLabel, rupiah } from '../format';

const keyOf = (r: PriceRowView) => `${r.marketId}|${r.commodityId}|${r.date}|${r.priceType}`;

/** The supervisor's queue: verify what was entered, or type a correction first. */
export function Verify() {
  const { t, locale } = useLang();
  const toast = useToast();
  const pending = useApi<PriceRowView[]>(`${BASE}/verification`);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [corrections, setCorrections] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rows = pending.data ?? [];

  async function verify() {
    setBusy(true);
    setError(null);
    try {
      const items = rows
        .filter((r) => selected.has(keyOf(r)))
        .map((r) => {
          const fix = corrections[keyOf(r)]?.trim();
          return {
            marketId: r.marketId,
            commodityId: r.commodityId,
            date: r.date,
            priceType: r.priceType,
            ...(fix ? { correctedPrice: Number(fix) } : {}),
          };
        });
      const res = await api<{ verified: number }>(`${BASE}/verification`, {
        method: 'POST',
        body: { items },
      });
      toast(t('hargaPangan.staff.verified', { count: res.verified }));
      setSelected(new Set());
      setCorrections({});
      pending.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (pending.loading && !pending.data) return <Spinner label={t('hargaPangan.loading')} />;
  if (rows.length === 0) return <p data-testid="hp-verify-empty">{t('hargaPangan.staff.pendingEmpty')}</p>;
  const all = rows.every((r) => selected.has(keyOf(r)));
  return (
    <div data-testid="hp-verify">
      {error ? <Alert>{error}</Alert> : null}
      <div style={{ overflowX: 'auto' }}>
        <table className="hp-table">
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label={t('hargaPangan.staff.selectAll')}
                  checked={all}
                  onChange={() => setSelected(all ? new Set() : new Set(rows.map(keyOf)))}
                  data-testid="hp-verify-all"
                />
              </th>
              <th>{t('hargaPangan.staff.market')}</th>
              <th>{t('hargaPangan.staff.commodity')}</th>
              <th>{t('hargaPangan.staff.price')}</th>
              <th>{t('hargaPangan.staff.correction')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const k = keyOf(r);
              return (
                <tr
                  key={k}
                  data-testid="hp-verify-row"
                  data-market={r.marketName}
                  data-commodity={r.commodityName}
                >
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${r.marketName} ${r.commodityName}`}
                      checked={selected.has(k)}
                      onChange={() =>
                        setSelected((s) => {
                          const n = new Set(s);
                          if (n.has(k)) n.delete(k);
                          else n.add(k);
                          return n;
                        })
                      }
                    />
                  </td>
                  <td>
                    {r.marketName}
                    <div className="muted">{dayLabel(r.date, locale)}</div>
                  </td>
                  <td>{r.commodityName}</td>
                  <td>
                    <strong>{rupiah(r.price, locale)}</strong>
                    <div className="muted">
                      {t('hargaPangan.staff.previous', { price: rupiah(r.previousPrice, locale) })}
                    </div>
                  </td>
                  <td>
                    <input
                      type="number"
                      inputMode="numeric"
                      min={1}
                      aria-label={`${t('hargaPangan.staff.correction')} ${r.marketName} ${r.commodityName}`}
                      value={corrections[k] ?? ''}
                      onChange={(e) => setCorrections((c) => ({ ...c, [k]: e.target.value }))}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Button onClick={verify} busy={busy} disabled={selected.size === 0} data-testid="hp-verify-submit">
        {t('hargaPangan.staff.verifySelected', { count: selected.size })}
      </Button>
    </div>
  );
}

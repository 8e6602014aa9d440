import { type FormEvent, useState } from 'react';
import { marketTypes, referenceKinds } from '../../../../../shared/modules/harga-pangan';
import { api, errorMessage } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Alert, Button, Card, Field, SelectField, useToast } from '../../../core/ui';
import { BASE, type CommodityView, type MarketView } from '../api';
import { rupiah } from '../format';

type Reference = {
  id: string;
  commodityId: string;
  kind: 'HET' | 'HAP';
  price: number;
  validFrom: string;
  validTo: string | null;
};

/** Region master data (harga-pangan:manage): alert thresholds, HET/HAP with validity, markets. */
export function Manage() {
  const { t, lang, locale } = useLang();
  const toast = useToast();
  const commodities = useApi<CommodityView[]>(`${BASE}/admin/commodities`);
  const references = useApi<Reference[]>(`${BASE}/admin/references`);
  const markets = useApi<MarketView[]>(`${BASE}/admin/markets`);
  const [thresholds, setThresholds] = useState<Record<string, string>>({});
  const [ref, setRef] = useState({ commodityId: '', kind: 'HET', price: '', validFrom: '' });
  const [market, setMarket] = useState({ name: '', type: 'tradisional', lat: '', lng: '' });
  const [error, setError] = useState<string | null>(null);

  async function run(work: () => Promise<unknown>, done: () => void) {
    setError(null);
    try {
      await work();
      toast(t('hargaPangan.manage.saved'));
      done();
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  const saveThreshold = (c: CommodityView) =>
    run(
      () =>
        api(`${BASE}/admin/commodities/${c.id}`, {
          method: 'PATCH',
          body: { alertRisePct: Number(thresholds[c.id]) },
        }),
      commodities.reload,
    );
  const addReference = (e: FormEvent) => {
    e.preventDefault();
    void run(
      () =>
        api(`${BASE}/admin/references`, {
          method: 'POST',
          body: {
            commodityId: ref.commodityId,
            kind: ref.kind,
            price: Number(ref.price),
            validFrom: ref.validFrom,
          },
        }),
      references.reload,
    );
  };
  const addMarket = (e: FormEvent) => {
    e.preventDefault();
    void run(
      () =>
        api(`${BASE}/admin/markets`, {
          method: 'POST',
          body: { name: market.name, type: market.type, lat: Number(market.lat), lng: Number(market.lng) },
        }),
      markets.reload,
    );
  };
  const name = (c: CommodityView) => (lang === 'en' ? c.nameEn : c.name);
  const refsOf = (id: string) => (references.data ?? []).filter((r) => r.commodityId === id);

  return (
    <div className="hp" data-testid="hp-manage">
      {error ? <Alert>{error}</Alert> : null}
      <Card title={t('hargaPangan.manage.commodities')}>
        <div style={{ overflowX: 'auto' }}>
          <table className="hp-table">
            <thead>
              <tr>
                <th>{t('hargaPangan.staff.commodity')}</th>
                <th>{t('hargaPangan.manage.unit')}</th>
                <th>{t('hargaPangan.manage.reference')}</th>
                <th>{t('hargaPangan.manage.threshold')}</th>
              </tr>
            </thead>
            <tbody>
              {(commodities.data ?? []).map((c) => (
                <tr key={c.id}>
                  <td>{name(c)}</td>
                  <td>{c.unit}</td>
                  <td>
                    {refsOf(c.id).map((r) => (
                      <div key={r.id}>
                        {r.kind} {rupiah(r.price, locale)} · {r.validFrom}
                        {r.validTo ? ` – ${r.validTo}` : ''}
                      </div>
                    ))}
                  </td>
                  <td>
                    <input
                      type="number"
                      min={1}
                      max={500}
                      aria-label={`${t('hargaPangan.manage.threshold')} ${name(c)}`}
                      value={thresholds[c.id] ?? String(c.alertRisePct)}
                      onChange={(e) => setThresholds((x) => ({ ...x, [c.id]: e.target.value }))}
                    />{' '}
                    {thresholds[c.id] !== undefined && Number(thresholds[c.id]) !== c.alertRisePct ? (
                      <Button small onClick={() => void saveThreshold(c)}>
                        {t('common.save')}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title={t('hargaPangan.manage.addReference')}>
        <form onSubmit={addReference} className="hp">
          <SelectField
            id="hp-ref-commodity"
            label={t('hargaPangan.staff.commodity')}
            value={ref.commodityId}
            onChange={(e) => setRef({ ...ref, commodityId: e.target.value })}
            options={(commodities.data ?? []).map((c) => ({ value: c.id, label: name(c) }))}
          >
            <option value="">–</option>
          </SelectField>
          <SelectField
            id="hp-ref-kind"
            label={t('hargaPangan.manage.kind')}
            value={ref.kind}
            onChange={(e) => setRef({ ...ref, kind: e.target.value })}
            options={referenceKinds.map((k) => ({ value: k, label: k }))}
          />
          <Field
            id="hp-ref-price"
            label={t('hargaPangan.staff.price')}
            inputMode="numeric"
            value={ref.price}
            onChange={(e) => setRef({ ...ref, price: e.target.value })}
          />
          <Field
            id="hp-ref-from"
            label={t('hargaPangan.manage.validFrom')}
            type="date"
            value={ref.validFrom}
            onChange={(e) => setRef({ ...ref, validFrom: e.target.value })}
          />
          <Button type="submit">{t('hargaPangan.manage.addReference')}</Button>
        </form>
      </Card>
      <Card title={t('hargaPangan.manage.markets')}>
        <ul className="hp-compare">
          {(markets.data ?? []).map((m) => (
            <li key={m.id}>
              <span>{m.name}</span>
              <span className="muted">
                {m.type} · {m.lat.toFixed(4)}, {m.lng.toFixed(4)}
              </span>
            </li>
          ))}
        </ul>
        <form onSubmit={addMarket} className="hp">
          <Field
            id="hp-market-name"
            label={t('hargaPangan.manage.marketName')}
            value={market.name}
            onChange={(e) => setMarket({ ...market, name: e.target.value })}
          />
          <SelectField
            id="hp-market-type"
            label={t('hargaPangan.manage.marketType')}
            value={market.type}
            onChange={(e) => setMarket({ ...market, type: e.target.value })}
            options={marketTypes.map((k) => ({ value: k, label: k }))}
          />
          <Field
            id="hp-market-lat"
            label={t('hargaPangan.manage.lat')}
            inputMode="decimal"
            value={market.lat}
            onChange={(e) => setMarket({ ...market, lat: e.target.value })}
          />
          <Field
            id="hp-market-lng"
            label={t('hargaPangan.manage.lng')}
            inputMode="decimal"
            value={market.lng}
            onChange={(e) => setMarket({ ...market, lng: e.target.value })}
          />
          <Button type="submit">{t('hargaPangan.manage.addMarket')}</Button>
        </form>
      </Card>
    </div>
  );
}

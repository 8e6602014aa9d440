import './strings';
import './harga-pangan.css';
import { lazy, Suspense, useState } from 'react';
import { Link, Route, Switch } from 'wouter';
import { apiUrl } from '../../core/api';
import { useApi } from '../../core/hooks';
import { useLang } from '../../core/i18n';
import { NestUnder } from '../../core/NestUnder';
import { Alert, Icon, Spinner } from '../../core/ui';
import { useFormat } from '../../core/useFormat';
import type { ModulePageProps } from '../registry';
import {
  BASE,
  type ChartView,
  type ComparisonView,
  type PublicMarket,
  type TodayItem,
  type TodayView,
} from './api';
import { changeOf, dayLabel, rupiah } from './format';

// The chart and the map are separate chunks: the price list itself stays small for cheap phones.
const PriceChart = lazy(() => import('./citizen/PriceChart'));
const MarketMap = lazy(() => import('./citizen/MarketMap'));
const MODULE_PATH = '/layanan/harga-pangan';

function Change({ pct, label }: { pct: number | null; label: string }) {
  const { t } = useLang();
  const c = changeOf(pct, useFormat());
  const word =
    c.tone === 'up' ? t('hargaPangan.up') : c.tone === 'down' ? t('hargaPangan.down') : t('hargaPangan.flat');
  return (
    <span className={`hp-change hp-${c.tone}`} data-testid="hp-change">
      <span aria-hidden="true">{c.arrow}</span> <span className="sr-only">{word}</span>
      {c.text} <span className="muted">{label}</span>
    </span>
  );
}

/**
 * The change compares only the markets that priced both days: when fewer markets have reported
 * today than make up the average, say so (the average covers `markets`, the change fewer).
 */
function SameMarkets({ item }: { item: TodayItem }) {
  const { t } = useLang();
  if (item.changeDay === null || item.changeDayMarkets >= item.markets) return null;
  return (
    <span className="muted hp-same-markets" data-testid="hp-same-markets">
      {t('hargaPangan.sameMarkets', { count: item.changeDayMarkets })}
    </span>
  );
}

function TodayList({ title }: { title: string }) {
  const { t, lang, locale } = useLang();
  const { data, error, loading } = useApi<TodayView>(`${BASE}/public/today`);
  return (
    <div className="hp narrow" data-testid="hp-today">
      <h1>{title}</h1>
      <p className="muted">{t('hargaPangan.intro')}</p>
      <p className="hp-links">
        <Link href="/pasar" className="hp-link" data-testid="hp-map-link">
          <Icon name="map" size={18} /> {t('hargaPangan.mapLink')}
        </Link>
        <a className="hp-link" href={apiUrl(`${BASE}/open-data/prices.csv`)} download>
          <Icon name="file" size={18} /> {t('hargaPangan.openData')}
        </a>
      </p>
      {loading && !data ? <Spinner label={t('hargaPangan.loading')} /> : null}
      {error ? <Alert>{error}</Alert> : null}
      {data && !data.date ? <p>{t('hargaPangan.noData')}</p> : null}
      {data?.date ? (
        <p className="hp-asof" data-testid="hp-date" data-date={data.date}>
          {t('hargaPangan.asOf', { date: dayLabel(data.date, locale) })}
        </p>
      ) : null}
      <ul className="hp-list">
        {data?.items
          .filter((i) => i.average !== null)
          .map((i) => (
            <li key={i.commodityId}>
              <Link href={`/k/${i.commodityId}`} className="hp-item" data-testid="hp-item" data-code={i.code}>
                <span className="hp-item-name">
                  {lang === 'en' ? i.nameEn : i.name}
                  {i.aboveHet ? <span className="hp-het-flag">{t('hargaPangan.aboveHet')}</span> : null}
                </span>
                <span className="hp-item-price" data-testid="hp-item-price">
                  {rupiah(i.average, locale)}
                  <span className="muted"> {t('hargaPangan.perUnit', { unit: i.unit })}</span>
                </span>
                <span className="hp-item-changes">
                  <Change pct={i.changeDay} label={t('hargaPangan.vsYesterday')} />
                  <Change pct={i.changeWeek} label={t('hargaPangan.vsWeek')} />
                </span>
                <SameMarkets item={i} />
                {i.date && i.date !== data.date ? (
                  <span className="muted">{t('hargaPangan.asOf', { date: dayLabel(i.date, locale) })}</span>
                ) : null}
              </Link>
            </li>
          ))}
      </ul>
    </div>
  );
}

function CommodityPage({ id }: { id: string }) {
  const { t, lang, locale } = useLang();
  const [days, setDays] = useState<30 | 90 | 365>(30);
  const today = useApi<TodayView>(`${BASE}/public/today`);
  const chart = useApi<ChartView>(`${BASE}/public/commodities/${id}/chart?days=${days}`);
  const compare = useApi<ComparisonView>(`${BASE}/public/commodities/${id}/markets`);
  const item: TodayItem | undefined = today.data?.items.find((i) => i.commodityId === id);
  return (
    <div className="hp narrow" data-testid="hp-commodity">
      <Link href="/" className="hp-link">
        <Icon name="back" size={18} /> {t('hargaPangan.back')}
      </Link>
      {item ? (
        <header className="hp-head">
          <h1>{lang === 'en' ? item.nameEn : item.name}</h1>
          <p className="hp-big" data-testid="hp-average">
            {rupiah(item.average, locale)}{' '}
            <span className="muted">{t('hargaPangan.perUnit', { unit: item.unit })}</span>
          </p>
          <p className="muted">
            {t('hargaPangan.average')} · {t('hargaPangan.markets', { count: item.markets })} ·{' '}
            {t('hargaPangan.range', { min: rupiah(item.min, locale), max: rupiah(item.max, locale) })}
          </p>
          <p className="hp-item-changes">
            <Change pct={item.changeDay} label={t('hargaPangan.vsYesterday')} />
            <Change pct={item.changeWeek} label={t('hargaPangan.vsWeek')} />
          </p>
          <SameMarkets item={item} />
          {item.het !== null ? (
            <p className={item.aboveHet ? 'hp-het-flag' : 'muted'}>
              {item.aboveHet ? `${t('hargaPangan.aboveHet')} · ` : ''}
              {t('hargaPangan.het', { price: rupiah(item.het, locale) })}
            </p>
          ) : null}
        </header>
      ) : null}
      <section className="card" aria-labelledby="hp-chart-title">
        <h2 id="hp-chart-title" className="card-title">
          {t('hargaPangan.chartTitle', { days })}
        </h2>
        <fieldset className="hp-days">
          <legend className="sr-only">{t('hargaPangan.chartDays')}</legend>
          {([30, 90, 365] as const).map((d) => (
            <button
              key={d}
              type="button"
              className={d === days ? 'hp-day hp-day-on' : 'hp-day'}
              aria-pressed={d === days}
              onClick={() => setDays(d)}
              data-testid={`hp-days-${d}`}
            >
              {t('hargaPangan.days', { count: d })}
            </button>
          ))}
        </fieldset>
        <Suspense fallback={<Spinner label={t('hargaPangan.loading')} />}>
          {chart.data ? (
            <PriceChart
              points={chart.data.points}
              het={chart.data.het}
              days={days}
              today={today.data?.date ?? null}
            />
          ) : null}
        </Suspense>
      </section>
      <section className="card" aria-labelledby="hp-compare-title">
        <h2 id="hp-compare-title" className="card-title">
          {t('hargaPangan.compareTitle')}
        </h2>
        <ul className="hp-compare" data-testid="hp-compare">
          {compare.data?.markets.map((m) => (
            <li key={m.marketId} data-testid="hp-market-row" data-market={m.name} data-price={m.price}>
              <span>
                {m.name}
                {m.aboveHet ? <span className="hp-het-flag">{t('hargaPangan.aboveHet')}</span> : null}
              </span>
              <span className="hp-compare-price">{rupiah(m.price, locale)}</span>
              <Change pct={m.changeDay} label={t('hargaPangan.vsYesterday')} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function MapPage() {
  const { t } = useLang();
  const { data } = useApi<PublicMarket[]>(`${BASE}/public/markets`);
  return (
    <div className="hp narrow" data-testid="hp-map-page">
      <Link href="/" className="hp-link">
        <Icon name="back" size={18} /> {t('hargaPangan.back')}
      </Link>
      <h1>{t('hargaPangan.mapTitle')}</h1>
      <p className="muted">{t('hargaPangan.mapHint')}</p>
      <Suspense fallback={<Spinner label={t('hargaPangan.loading')} />}>
        {data ? <MarketMap markets={data} /> : null}
      </Suspense>
      <ul className="hp-compare">
        {data?.map((m) => (
          <li key={m.id} data-testid="hp-map-market">
            <span>{m.name}</span>
            {m.aboveHet > 0 ? (
              <span className="hp-het-flag">{t('hargaPangan.aboveHetCount', { count: m.aboveHet })}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** `/layanan/harga-pangan/...`: today's prices, a commodity's chart and market comparison, the market map. */
export default function CitizenPage({ title }: ModulePageProps) {
  const routes = (
    <Switch>
      <Route path="/">
        <TodayList title={title} />
      </Route>
      <Route path="/k/:id">{(p) => <CommodityPage key={p.id} id={p.id} />}</Route>
      <Route path="/pasar" component={MapPage} />
    </Switch>
  );
  return <NestUnder path={MODULE_PATH}>{routes}</NestUnder>;
}

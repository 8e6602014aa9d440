import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { historyQuery, TodayItem } from '../../../shared/modules/harga-pangan';
import type { Database, Tx } from '../../core/db/client';
import { type ReadOptions, type RegionScope, readInRegion } from '../../core/db/scope';
import { addDays, changePct, round1 } from './indicators';
import {
  type ChangePair,
  changesByKey,
  pairsParam,
  SAME_MARKETS_SQL,
  sameMarketChanges,
} from './same-markets';

/**
 * Public reads. Only verified prices (`verified_price`) and the daily indicators built from them
 * are ever read here. The two hot ones (today, chart) are single statements over
 * `harga_pangan_daily` sent in one round trip with `readInRegion`.
 */

const hetAt = (commodity: string, day: string) => `(select r.price from harga_pangan_reference r
    where r.commodity_id = ${commodity} and r.kind = 'HET' and r.valid_from <= ${day}
      and (r.valid_to is null or r.valid_to >= ${day}) order by r.valid_from desc limit 1)`;

/**
 * Per commodity its latest day with verified prices (at most 30 days old: a commodity nobody
 * priced today keeps showing yesterday's figure, with its own date). The changes come from a
 * second statement over the same markets (same-markets.ts).
 */
const TODAY_SQL = `select c.id, c.code, c.name, c.name_en, c."group", c.unit, t.date::text as date,
    t.average, t.median, t.min, t.max, t.markets, ${hetAt('c.id', 't.date')} as het
  from harga_pangan_commodity c
  left join lateral (select d.date, d.average, d.median, d.min, d.max, d.markets from harga_pangan_daily d
    where d.commodity_id = c.id and d.price_type = 'eceran' and d.date <= $1::date and d.date > $1::date - 30
    order by d.date desc limit 1) t on true
  where c.active order by c.sort, c.name`;

type TodayRow = {
  id: string;
  code: string;
  name: string;
  name_en: string;
  group: string;
  unit: TodayItem['unit'];
  date: string | null;
  average: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  markets: number | null;
  het: number | null;
};

const int = (x: number | null) => (x === null ? null : Math.round(x));

/**
 * Latest day's city average, median and range per commodity with its change vs the day and week
 * before, each change over the markets that priced both days (same-markets.ts).
 */
export async function todayPrices(
  database: Database,
  scope: RegionScope,
  today: string,
  read: ReadOptions = {},
) {
  const rows = await readInRegion<TodayRow>(database, scope, { sql: TODAY_SQL, params: [today] }, read);
  const pairs: ChangePair[] = rows.flatMap((r) =>
    r.date
      ? [
          { key: `${r.id}|1`, commodityId: r.id, day: r.date, earlier: addDays(r.date, -1) },
          { key: `${r.id}|7`, commodityId: r.id, day: r.date, earlier: addDays(r.date, -7) },
        ]
      : [],
  );
  const change = changesByKey(
    pairs.length === 0
      ? []
      : await readInRegion(database, scope, { sql: SAME_MARKETS_SQL, params: [pairsParam(pairs)] }, read),
  );
  const dates = rows.flatMap((r) => (r.date ? [r.date] : [])).sort();
  return {
    date: dates[dates.length - 1] ?? null,
    items: rows.map((r) => {
      const day = change(`${r.id}|1`);
      return {
        commodityId: r.id,
        date: r.date,
        code: r.code,
        name: r.name,
        nameEn: r.name_en,
        group: r.group,
        unit: r.unit,
        average: int(r.average),
        median: int(r.median),
        min: r.min,
        max: r.max,
        markets: r.markets ?? 0,
        changeDay: day.change,
        changeDayMarkets: day.markets,
        changeWeek: change(`${r.id}|7`).change,
        het: r.het,
        aboveHet: r.het !== null && r.average !== null && r.average > r.het,
      };
    }),
  };
}

// One round trip: the HET is an uncorrelated subquery (evaluated once), repeated on each row.
const CHART_SQL = `select date::text as date, round(average)::int as average, ${hetAt('$1::uuid', '$2::date')} as het
  from harga_pangan_daily
  where commodity_id = $1::uuid and price_type = 'eceran' and date > $2::date - $3::int and date <= $2::date
  order by date`;

/** The city average per day over the last `days` days (30, 90 or 365). */
export async function chart(
  database: Database,
  scope: RegionScope,
  commodityId: string,
  today: string,
  days: number,
  read: ReadOptions = {},
) {
  const points = await readInRegion<{ date: string; average: number; het: number | null }>(
    database,
    scope,
    { sql: CHART_SQL, params: [commodityId, today, days] },
    read,
  );
  return {
    commodityId,
    days,
    het: points[0]?.het ?? null,
    points: points.map((p) => [p.date, p.average] as [string, number]),
  };
}

const rows = async <R>(tx: Tx, q: ReturnType<typeof sql>) =>
  ((await tx.execute(q)) as unknown as { rows: R[] }).rows;

/** Each market's latest verified price of a commodity, with its change vs the day before. */
export async function comparison(tx: Tx, commodityId: string, today: string) {
  const [latest] = await rows<{ d: string | null }>(
    tx,
    sql`select max(date)::text as d from harga_pangan_daily
        where commodity_id = ${commodityId} and price_type = 'eceran' and date <= ${today}::date`,
  );
  const day = latest?.d ?? null;
  if (!day) return { commodityId, date: null, het: null, markets: [] };
  // Both days as parameters: row-level security lets only plain equalities reach the index.
  const found = await rows<{ market_id: string; name: string; price: number; prev: number | null }>(
    tx,
    sql`select m.id as market_id, m.name, p.verified_price as price, y.verified_price as prev
      from harga_pangan_price p
      join harga_pangan_market m on m.id = p.market_id
      left join harga_pangan_price y on y.market_id = p.market_id and y.commodity_id = p.commodity_id
        and y.price_type = 'eceran' and y.date = ${addDays(day, -1)}::date
      where p.commodity_id = ${commodityId} and p.price_type = 'eceran' and p.date = ${day}::date
        and p.verified_price is not null
      order by p.verified_price, m.name`,
  );
  const [ref] = await rows<{ het: number | null }>(
    tx,
    sql`select r.price as het from harga_pangan_reference r where r.commodity_id = ${commodityId} and r.kind = 'HET'
        and r.valid_from <= ${day}::date and (r.valid_to is null or r.valid_to >= ${day}::date)
        order by r.valid_from desc limit 1`,
  );
  const het = ref?.het ?? null;
  return {
    commodityId,
    date: day,
    het,
    markets: found.map((r) => ({
      marketId: r.market_id,
      name: r.name,
      price: r.price,
      changeDay: changePct(r.price, r.prev),
      aboveHet: het !== null && r.price > het,
    })),
  };
}

/** Active markets for the map, each with how many commodities it sells above HET on the latest day. */
export async function publicMarkets(tx: Tx, today: string) {
  const found = await rows<{
    id: string;
    name: string;
    type: 'tradisional' | 'modern';
    kecamatan: string | null;
    lat: number;
    lng: number;
    above_het: number;
  }>(
    tx,
    sql`with d as (select max(date) as d from harga_pangan_daily where price_type = 'eceran' and date <= ${today}::date)
      select m.id, m.name, m.type, m.kecamatan, m.lat, m.lng,
        (select count(*)::int from harga_pangan_price p, d
          where p.market_id = m.id and p.date = d.d and p.price_type = 'eceran' and p.verified_price is not null
            and p.verified_price > ${sql.raw(hetAt('p.commodity_id', 'd.d'))}) as above_het
      from harga_pangan_market m where m.active order by m.name`,
  );
  return found.map((m) => ({
    id: m.id,
    name: m.name,
    type: m.type,
    kecamatan: m.kecamatan,
    lat: m.lat,
    lng: m.lng,
    aboveHet: m.above_het,
  }));
}

/** Indicators of one commodity on one day: average, median, disparity (max − min, CV), changes. */
export async function indicators(tx: Tx, commodityId: string, today: string, date?: string) {
  const [latest] = await rows<{ d: string | null }>(
    tx,
    sql`select max(date)::text as d from harga_pangan_daily where commodity_id = ${commodityId}
        and price_type = 'eceran' and date <= ${date ?? today}::date`,
  );
  const day = latest?.d ?? null;
  const empty = {
    commodityId,
    date: day,
    average: null,
    median: null,
    min: null,
    max: null,
    range: null,
    cv: null,
    markets: 0,
    changeDay: null,
    changeWeek: null,
    changeMonth: null,
  };
  if (!day) return empty;
  const found = await rows<{
    date: string;
    average: number;
    median: number;
    min: number;
    max: number;
    stddev: number;
    markets: number;
  }>(
    tx,
    sql`select date::text as date, average, median, min, max, stddev, markets from harga_pangan_daily
        where commodity_id = ${commodityId} and price_type = 'eceran' and date = ${day}::date`,
  );
  const t = found[0]!;
  const change = await sameMarketChanges(
    tx,
    [1, 7, 30].map((n) => ({ key: String(n), commodityId, day, earlier: addDays(day, -n) })),
  );
  return {
    commodityId,
    date: day,
    average: round1(t.average),
    median: round1(t.median),
    min: t.min,
    max: t.max,
    range: t.max - t.min,
    cv: t.average === 0 ? null : round1((t.stddev / t.average) * 100),
    markets: t.markets,
    changeDay: change('1').change,
    changeWeek: change('7').change,
    changeMonth: change('30').change,
  };
}

/** Open data: verified prices with filters, oldest first. */
export async function history(tx: Tx, regionCode: string, q: z.infer<typeof historyQuery>) {
  const found = await rows<{
    date: string;
    market: string;
    commodity: string;
    unit: TodayItem['unit'];
    price: number;
    price_type: 'eceran' | 'grosir';
  }>(
    tx,
    sql`select p.date::text as date, m.name as market, c.code as commodity, c.unit, p.verified_price as price, p.price_type
      from harga_pangan_price p
      join harga_pangan_market m on m.id = p.market_id
      join harga_pangan_commodity c on c.id = p.commodity_id
      where p.verified_price is not null
        ${q.from ? sql`and p.date >= ${q.from}::date` : sql``}
        ${q.to ? sql`and p.date <= ${q.to}::date` : sql``}
        ${q.commodity ? sql`and c.code = ${q.commodity}` : sql``}
        ${q.marketId ? sql`and p.market_id = ${q.marketId}` : sql``}
        ${q.priceType ? sql`and p.price_type = ${q.priceType}` : sql``}
      order by p.date, m.name, c.sort, p.price_type
      limit ${q.limit}`,
  );
  return found.map((r) => ({
    date: r.date,
    region_code: regionCode,
    market: r.market,
    commodity: r.commodity,
    unit: r.unit,
    price: r.price,
    price_type: r.price_type,
  }));
}

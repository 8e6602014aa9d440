import { sql } from 'drizzle-orm';
import type { PriceType } from '../../../shared/modules/harga-pangan';
import type { Tx } from '../../core/db/client';

/** Pure arithmetic of the indicators (the SQL in `recomputeDaily` computes the same figures). */
export function average(xs: number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Coefficient of variation between markets in percent: population standard deviation / mean. */
export function coefficientOfVariation(xs: number[]): number | null {
  const m = average(xs);
  if (m === null || m === 0) return null;
  const variance = xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length;
  return round1((Math.sqrt(variance) / m) * 100);
}

/** Change from `before` to `now` in percent, one decimal; null when either is missing. */
export function changePct(now: number | null | undefined, before: number | null | undefined): number | null {
  if (now == null || before == null || before === 0) return null;
  return round1(((now - before) / before) * 100);
}

export const round1 = (x: number) => Math.round(x * 10) / 10;

export { addDays } from '../../../shared/dates';

/**
 * Recomputes the daily city indicators of the given (commodity, day, price type) keys from the
 * verified prices, in the caller's transaction (after a verification or an import).
 */
export async function recomputeDaily(
  tx: Tx,
  regionId: string,
  keys: { commodityId: string; date: string; priceType: PriceType }[],
) {
  const unique = [...new Map(keys.map((k) => [`${k.commodityId}|${k.date}|${k.priceType}`, k])).values()];
  if (unique.length === 0) return;
  const keysJson = JSON.stringify(unique.map((k) => ({ c: k.commodityId, d: k.date, t: k.priceType })));
  await tx.execute(sql`
    with k as (
      select (x->>'c')::uuid as commodity_id, (x->>'d')::date as date, x->>'t' as price_type
      from jsonb_array_elements(${keysJson}::jsonb) x),
    agg as (
      select k.commodity_id, k.date, k.price_type,
        avg(p.verified_price)::float8 as average,
        (percentile_cont(0.5) within group (order by p.verified_price))::float8 as median,
        min(p.verified_price) as min, max(p.verified_price) as max,
        coalesce(stddev_pop(p.verified_price), 0)::float8 as stddev, count(p.verified_price)::int as markets
      from k left join harga_pangan_price p on p.commodity_id = k.commodity_id and p.date = k.date
        and p.price_type = k.price_type and p.verified_price is not null
      group by 1, 2, 3),
    gone as (
      delete from harga_pangan_daily d using agg
      where agg.markets = 0 and d.commodity_id = agg.commodity_id and d.date = agg.date and d.price_type = agg.price_type)
    insert into harga_pangan_daily (region_id, commodity_id, price_type, date, average, median, min, max, stddev, markets)
    select ${regionId}::uuid, commodity_id, price_type, date, average, median, min, max, stddev, markets
    from agg where markets > 0
    on conflict (region_id, commodity_id, price_type, date) do update set
      average = excluded.average, median = excluded.median, min = excluded.min, max = excluded.max,
      stddev = excluded.stddev, markets = excluded.markets`);
}

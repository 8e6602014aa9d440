import { sql } from 'drizzle-orm';
import type { Tx } from '../../core/db/client';
import { changePct } from './indicators';

/**
 * A price change compares like with like: the city average of a day against an earlier day over
 * the markets that priced the commodity on BOTH days. Comparing today's average of the one market
 * that has reported so far with yesterday's average of six markets measures which markets
 * reported, not a change in price (issue 13: +4.8% shown where the market itself rose 3.5%).
 *
 * One statement for any number of (commodity, day, earlier day) pairs. The pairs arrive as a JSON
 * parameter and join the price table through plain equalities, which row-level security lets
 * reach the index (no date arithmetic on the table's side: see TODAY_SQL in public.ts).
 */
export const SAME_MARKETS_SQL = `with k as (
    select (x->>'c')::uuid as commodity_id, (x->>'d')::date as day, (x->>'e')::date as earlier, x->>'key' as key
    from jsonb_array_elements($1::jsonb) x)
  select k.key, count(*)::int as markets, avg(a.verified_price)::float8 as now, avg(b.verified_price)::float8 as before
  from k
  join harga_pangan_price a on a.commodity_id = k.commodity_id and a.price_type = 'eceran' and a.date = k.day
    and a.verified_price is not null
  join harga_pangan_price b on b.market_id = a.market_id and b.commodity_id = k.commodity_id
    and b.price_type = 'eceran' and b.date = k.earlier and b.verified_price is not null
  group by k.key`;

export type ChangePair = { key: string; commodityId: string; day: string; earlier: string };
export type SameMarketChange = { change: number | null; markets: number };

/** The JSON parameter of SAME_MARKETS_SQL. */
export const pairsParam = (pairs: ChangePair[]) =>
  JSON.stringify(pairs.map((p) => ({ key: p.key, c: p.commodityId, d: p.day, e: p.earlier })));

/** Rows of SAME_MARKETS_SQL by key; a pair no market priced on both days has no change. */
export function changesByKey(rows: ChangeRow[]): (key: string) => SameMarketChange {
  const found = new Map(rows.map((r) => [r.key, { change: changePct(r.now, r.before), markets: r.markets }]));
  return (key) => found.get(key) ?? { change: null, markets: 0 };
}

type ChangeRow = { key: string; markets: number; now: number; before: number };

/** SAME_MARKETS_SQL in the caller's transaction. */
export async function sameMarketChanges(tx: Tx, pairs: ChangePair[]) {
  if (pairs.length === 0) return changesByKey([]);
  const [head, tail] = SAME_MARKETS_SQL.split('$1');
  const res = await tx.execute(sql`${sql.raw(head!)}${pairsParam(pairs)}${sql.raw(tail!)}`);
  return changesByKey((res as unknown as { rows: ChangeRow[] }).rows);
}

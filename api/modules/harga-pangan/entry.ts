import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type entryInput, OUTLIER_FACTOR, type PriceType } from '../../../shared/modules/harga-pangan';
import type { Tx } from '../../core/db/client';
import { AppError, conflict, invalid } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { addDays } from './indicators';
import { assignedMarketIds, listCommodities, marketNotFound, toMarketView } from './master';
import { hpEntryKey, hpMarket, hpPrice } from './schema';

type Actor = { id: string; name: string };
/** How far back an enumerator may still enter a day (a supervisor imports older data). */
export const ENTRY_BACKDATE_DAYS = 7;

export const notAssigned = () =>
  new AppError('FORBIDDEN', {
    messages: {
      id: 'Anda tidak ditugaskan di pasar ini.',
      en: 'You are not assigned to this market.',
    },
  });

/** YYYY-MM-DD that names a real calendar day (2025-02-30 does not). */
export function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const t = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === date;
}

/** Checks a day is not in the future (region time) and, for field entry, not too old. */
export function checkDate(date: string, today: string, backdateDays: number | null) {
  if (!isRealDate(date))
    throw invalid({ id: `Tanggal ${date} tidak valid.`, en: `Date ${date} is not a valid date.` });
  if (date > today)
    throw invalid({
      id: `Tanggal ${date} ada di masa depan (hari ini ${today}).`,
      en: `Date ${date} is in the future (today is ${today}).`,
    });
  if (backdateDays !== null && date < addDays(today, -backdateDays))
    throw invalid({
      id: `Harga hanya dapat diisi untuk ${backdateDays} hari terakhir; data lama diimpor oleh pengawas.`,
      en: `Prices can be entered for the last ${backdateDays} days only; older data is imported by a supervisor.`,
    });
}

/**
 * The last verified price before `date` of each (market, commodity, price type) asked for: the
 * "previous price" on the entry screen and the base of the ×5 / ÷5 outlier rule.
 */
export async function previousVerified(
  tx: Tx,
  date: string,
  keys: { marketId: string; commodityId: string; priceType: PriceType }[],
): Promise<Map<string, { price: number; date: string }>> {
  if (keys.length === 0) return new Map();
  const json = JSON.stringify(keys.map((k) => ({ m: k.marketId, c: k.commodityId, t: k.priceType })));
  const res = await tx.execute(sql`
    select k.m, k.c, k.t, p.verified_price as price, p.date::text as date
    from (select distinct x->>'m' as m, x->>'c' as c, x->>'t' as t from jsonb_array_elements(${json}::jsonb) x) k
    cross join lateral (
      select verified_price, date from harga_pangan_price
      where market_id = k.m::uuid and commodity_id = k.c::uuid and price_type = k.t
        and verified_price is not null and date < ${date}::date
      order by date desc limit 1) p`);
  const rows = (
    res as unknown as { rows: { m: string; c: string; t: string; price: number; date: string }[] }
  ).rows;
  return new Map(rows.map((r) => [`${r.m}|${r.c}|${r.t}`, { price: r.price, date: r.date }]));
}

export const isOutlier = (price: number, previous: number | undefined) =>
  previous !== undefined && (price > previous * OUTLIER_FACTOR || price * OUTLIER_FACTOR < previous);

/** The entry screen of one market and day: every active commodity, today's price and the previous one. */
export async function entrySheet(
  tx: Tx,
  user: { id: string; canAll: boolean },
  marketId: string,
  date: string,
) {
  const [market] = await tx.select().from(hpMarket).where(eq(hpMarket.id, marketId));
  if (!market) throw marketNotFound();
  if (!user.canAll && !(await assignedMarketIds(tx, user.id)).has(marketId)) throw notAssigned();
  const commodities = await listCommodities(tx, true);
  const today = await tx
    .select({ commodityId: hpPrice.commodityId, price: hpPrice.price, status: hpPrice.status })
    .from(hpPrice)
    .where(and(eq(hpPrice.marketId, marketId), eq(hpPrice.date, date), eq(hpPrice.priceType, 'eceran')));
  const byCommodity = new Map(today.map((r) => [r.commodityId, r]));
  const prev = await previousVerified(
    tx,
    date,
    commodities.map((c) => ({ marketId, commodityId: c.id, priceType: 'eceran' as const })),
  );
  return {
    market: toMarketView(market),
    date,
    rows: commodities.map((c) => {
      const p = prev.get(`${marketId}|${c.id}|eceran`);
      return {
        commodity: c,
        price: byCommodity.get(c.id)?.price ?? null,
        status: byCommodity.get(c.id)?.status ?? null,
        previousPrice: p?.price ?? null,
        previousDate: p?.date ?? null,
      };
    }),
  };
}

/**
 * Saves an enumerator's prices for one market and day, all or nothing. A second entry the same
 * day updates the row (and sends it back to verification unless it equals the verified price);
 * an offline copy recorded before the stored entry is skipped. `idempotencyKey` (the offline
 * draft's id) makes a replayed batch answer its first result without writing again.
 */
export async function submitEntry(
  tx: Tx,
  env: { regionId: string; today: string },
  actor: Actor & { canAll: boolean },
  input: z.infer<typeof entryInput>,
  idempotencyKey?: string,
) {
  if (idempotencyKey) {
    const [seen] = await tx.select().from(hpEntryKey).where(eq(hpEntryKey.key, idempotencyKey));
    if (seen) {
      if (seen.userId !== actor.id)
        throw conflict({
          id: 'Kunci idempotensi ini sudah dipakai orang lain.',
          en: 'This idempotency key was used by someone else.',
        });
      return { ...seen.result, replay: true };
    }
  }
  checkDate(input.date, env.today, ENTRY_BACKDATE_DAYS);
  const [market] = await tx.select().from(hpMarket).where(eq(hpMarket.id, input.marketId));
  if (!market?.active) throw marketNotFound();
  if (!actor.canAll && !(await assignedMarketIds(tx, actor.id)).has(input.marketId)) throw notAssigned();

  const commodities = new Map((await listCommodities(tx, true)).map((c) => [c.id, c]));
  const problems: {
    index: number;
    commodityId: string;
    message: { id: string; en: string };
    previousPrice?: number;
  }[] = [];
  const prev = await previousVerified(
    tx,
    input.date,
    input.items.map((i) => ({
      marketId: input.marketId,
      commodityId: i.commodityId,
      priceType: i.priceType,
    })),
  );
  input.items.forEach((item, index) => {
    const c = commodities.get(item.commodityId);
    if (!c) {
      problems.push({
        index,
        commodityId: item.commodityId,
        message: { id: 'Komoditas tidak dikenal.', en: 'Unknown commodity.' },
      });
      return;
    }
    if (item.unit && item.unit !== c.unit)
      problems.push({
        index,
        commodityId: c.id,
        message: {
          id: `Satuan ${c.name} adalah ${c.unit}, bukan ${item.unit}.`,
          en: `${c.nameEn} is priced per ${c.unit}, not ${item.unit}.`,
        },
      });
    const p = prev.get(`${input.marketId}|${c.id}|${item.priceType}`);
    if (!item.confirmOutlier && isOutlier(item.price, p?.price))
      problems.push({
        index,
        commodityId: c.id,
        previousPrice: p!.price,
        message: {
          id: `Harga ${c.name} Rp${item.price} jauh dari harga terverifikasi terakhir Rp${p!.price}; konfirmasi bila benar.`,
          en: `${c.nameEn} at Rp${item.price} is far from the last verified Rp${p!.price}; confirm if correct.`,
        },
      });
  });
  const keys = input.items.map((i) => `${i.commodityId}|${i.priceType}`);
  if (new Set(keys).size !== keys.length)
    throw invalid({ id: 'Komoditas yang sama dikirim dua kali.', en: 'The same commodity was sent twice.' });
  if (problems.length > 0)
    throw invalid(
      {
        id: 'Sebagian harga tidak dapat disimpan; tidak ada yang disimpan.',
        en: 'Some prices cannot be saved; nothing was saved.',
      },
      { items: problems },
    );

  const recordedAt = input.recordedAt ? new Date(input.recordedAt) : new Date();
  const saved = await tx
    .insert(hpPrice)
    .values(
      input.items.map((i) => ({
        regionId: env.regionId,
        marketId: input.marketId,
        commodityId: i.commodityId,
        date: input.date,
        priceType: i.priceType,
        price: i.price,
        outlierConfirmed:
          i.confirmOutlier &&
          isOutlier(i.price, prev.get(`${input.marketId}|${i.commodityId}|${i.priceType}`)?.price),
        enteredBy: actor.id,
        recordedAt,
      })),
    )
    .onConflictDoUpdate({
      target: [hpPrice.regionId, hpPrice.marketId, hpPrice.commodityId, hpPrice.date, hpPrice.priceType],
      set: {
        price: sql`excluded.price`,
        status: sql`case when excluded.price = ${hpPrice.verifiedPrice} then 'terverifikasi' else 'menunggu' end`,
        outlierConfirmed: sql`excluded.outlier_confirmed`,
        enteredBy: sql`excluded.entered_by`,
        recordedAt: sql`excluded.recorded_at`,
        enteredAt: sql`now()`,
      },
      setWhere: sql`${hpPrice.recordedAt} <= excluded.recorded_at`,
    })
    .returning({ commodityId: hpPrice.commodityId });
  const result = { saved: saved.length, skipped: input.items.length - saved.length };
  if (idempotencyKey) {
    // Two sends of one key at once: the second waits for the first, finds the key and is refused
    // (its transaction rolls back; the phone's retry then gets the first result as a replay).
    const stored = await tx
      .insert(hpEntryKey)
      .values({ regionId: env.regionId, key: idempotencyKey, userId: actor.id, result })
      .onConflictDoNothing()
      .returning({ key: hpEntryKey.key });
    if (stored.length === 0)
      throw conflict({
        id: 'Kiriman yang sama sedang diproses; coba lagi.',
        en: 'The same submission is being processed; try again.',
      });
  }
  await emitEvent(tx, env.regionId, {
    type: 'harga-pangan.price.entered',
    actor,
    subject: input.marketId,
    summary: {
      id: `${result.saved} harga ${market.name} tanggal ${input.date} menunggu verifikasi`,
      en: `${result.saved} prices of ${market.name} for ${input.date} await verification`,
    },
    data: { marketId: input.marketId, date: input.date, saved: result.saved },
  });
  return { ...result, replay: false };
}

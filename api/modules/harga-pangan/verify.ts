import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { pendingQuery, verifyInput } from '../../../shared/modules/harga-pangan';
import type { Tx } from '../../core/db/client';
import { invalid, notFound } from '../../core/errors';
import { emitEvent } from '../../core/events/emit';
import { raiseAlerts } from './alerts';
import { isOutlier, previousVerified } from './entry';
import { recomputeDaily } from './indicators';
import { hpCommodity, hpMarket, hpPrice } from './schema';

type Actor = { id: string; name: string };
export type AlertEnv = { regionId: string; today: string; alertWindowDays: number };

/** Prices waiting for the supervisor, with the previous verified price for comparison. */
export async function listPending(tx: Tx, q: z.infer<typeof pendingQuery>) {
  const rows = await tx
    .select({
      marketId: hpPrice.marketId,
      marketName: hpMarket.name,
      commodityId: hpPrice.commodityId,
      commodityName: hpCommodity.name,
      unit: hpCommodity.unit,
      date: hpPrice.date,
      priceType: hpPrice.priceType,
      price: hpPrice.price,
      verifiedPrice: hpPrice.verifiedPrice,
      status: hpPrice.status,
      outlierConfirmed: hpPrice.outlierConfirmed,
      enteredAt: hpPrice.enteredAt,
      sort: hpCommodity.sort,
    })
    .from(hpPrice)
    .innerJoin(hpMarket, and(eq(hpMarket.regionId, hpPrice.regionId), eq(hpMarket.id, hpPrice.marketId)))
    .innerJoin(
      hpCommodity,
      and(eq(hpCommodity.regionId, hpPrice.regionId), eq(hpCommodity.id, hpPrice.commodityId)),
    )
    .where(
      and(
        eq(hpPrice.status, 'menunggu'),
        q.marketId ? eq(hpPrice.marketId, q.marketId) : undefined,
        q.date ? eq(hpPrice.date, q.date) : undefined,
      ),
    )
    .orderBy(asc(hpPrice.date), asc(hpMarket.name), asc(hpCommodity.sort))
    .limit(q.limit);
  const prevByDate = new Map<string, Map<string, { price: number }>>();
  for (const date of new Set(rows.map((r) => r.date)))
    prevByDate.set(
      date,
      await previousVerified(
        tx,
        date,
        rows
          .filter((r) => r.date === date)
          .map((r) => ({ marketId: r.marketId, commodityId: r.commodityId, priceType: r.priceType })),
      ),
    );
  return rows.map(({ sort: _s, ...r }) => ({
    ...r,
    previousPrice:
      prevByDate.get(r.date)?.get(`${r.marketId}|${r.commodityId}|${r.priceType}`)?.price ?? null,
    enteredAt: r.enteredAt.toISOString(),
  }));
}

/**
 * Verifies (or corrects, then verifies) entered prices in one transaction: the verified price
 * becomes public, the day's city indicators are recomputed and alerts are raised.
 */
export async function verifyPrices(tx: Tx, env: AlertEnv, actor: Actor, input: z.infer<typeof verifyInput>) {
  const corrections = input.items.filter((i) => i.correctedPrice !== undefined);
  for (const date of new Set(corrections.map((c) => c.date))) {
    const onDay = corrections.filter((c) => c.date === date);
    const prev = await previousVerified(tx, date, onDay);
    const far = onDay.filter(
      (c) =>
        !c.confirmOutlier &&
        isOutlier(c.correctedPrice!, prev.get(`${c.marketId}|${c.commodityId}|${c.priceType}`)?.price),
    );
    if (far.length > 0)
      throw invalid(
        {
          id: 'Harga koreksi jauh dari harga terverifikasi terakhir; konfirmasi bila benar.',
          en: 'A corrected price is far from the last verified one; confirm if correct.',
        },
        { items: far.map((f) => ({ marketId: f.marketId, commodityId: f.commodityId, date: f.date })) },
      );
  }
  const asked = input.items.map((i) => `${i.marketId}|${i.commodityId}|${i.date}|${i.priceType}`);
  if (new Set(asked).size !== asked.length)
    throw invalid({ id: 'Harga yang sama dikirim dua kali.', en: 'The same price was sent twice.' });
  const json = JSON.stringify(
    input.items.map((i) => ({
      m: i.marketId,
      c: i.commodityId,
      d: i.date,
      t: i.priceType,
      p: i.correctedPrice ?? null,
    })),
  );
  const res = await tx.execute(sql`
    update harga_pangan_price p set
      price = coalesce((x->>'p')::int, p.price),
      verified_price = coalesce((x->>'p')::int, p.price),
      status = 'terverifikasi', verified_by = ${actor.id}::uuid, verified_at = now()
    from jsonb_array_elements(${json}::jsonb) x
    where p.market_id = (x->>'m')::uuid and p.commodity_id = (x->>'c')::uuid
      and p.date = (x->>'d')::date and p.price_type = x->>'t'
    returning p.commodity_id, p.date::text as date, p.price_type, p.market_id`);
  const updated = (
    res as unknown as { rows: { commodity_id: string; date: string; price_type: 'eceran' | 'grosir' }[] }
  ).rows;
  if (updated.length !== input.items.length)
    throw notFound({
      id: 'Sebagian harga yang diverifikasi tidak ditemukan; tidak ada yang diverifikasi.',
      en: 'Some prices to verify were not found; nothing was verified.',
    });
  const keys = updated.map((u) => ({ commodityId: u.commodity_id, date: u.date, priceType: u.price_type }));
  await recomputeDaily(tx, env.regionId, keys);
  const alerts = await raiseAlerts(
    tx,
    env.regionId,
    actor,
    keys.filter((k) => k.priceType === 'eceran'),
    { today: env.today, days: env.alertWindowDays },
  );
  await emitEvent(tx, env.regionId, {
    type: 'harga-pangan.price.verified',
    permission: 'core:live.watch',
    actor,
    summary: {
      id: `${updated.length} harga pangan diverifikasi (${corrections.length} dikoreksi)`,
      en: `${updated.length} food prices verified (${corrections.length} corrected)`,
    },
    data: { verified: updated.length, corrected: corrections.length },
  });
  return { verified: updated.length, alerts };
}

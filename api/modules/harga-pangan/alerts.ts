import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../core/db/client';
import { appUser, userRole } from '../../core/db/schema';
import { emitEvent } from '../../core/events/emit';
import { notify } from '../../core/notifications/notify';
import { addDays } from './indicators';
import { alertRoles } from './permissions';
import { sameMarketChanges } from './same-markets';
import { hpAlert, hpCommodity, hpNotification } from './schema';

type Actor = { id: string; name: string } | null;
const rp = (n: number, locale = 'id-ID') => `Rp${Math.round(n).toLocaleString(locale)}`;
/** A percentage with the language's decimal mark: 28,7% (id), 28.7% (en). */
const pct = (n: number, locale = 'id-ID') => `${n.toLocaleString(locale, { maximumFractionDigits: 1 })}%`;

/**
 * After daily indicators changed: for each (commodity, day) of retail prices within the alert
 * window, raises an alert when the price rose more than the commodity's threshold since the
 * previous day with data (at most a week back; over the markets that priced both days), or the
 * city average is above the HET valid that day. One alert
 * per commodity, day and kind; TPID staff are notified in-app and the LIVE Room wall hears of it.
 */
export async function raiseAlerts(
  tx: Tx,
  regionId: string,
  actor: Actor,
  keys: { commodityId: string; date: string }[],
  window: { today: string; days: number },
): Promise<number> {
  const oldest = addDays(window.today, -window.days);
  const recent = [
    ...new Map(keys.filter((k) => k.date >= oldest).map((k) => [`${k.commodityId}|${k.date}`, k])).values(),
  ];
  if (recent.length === 0) return 0;
  const keysJson = JSON.stringify(recent.map((k) => ({ c: k.commodityId, d: k.date })));
  const res = await tx.execute(sql`
    with k as (select (x->>'c')::uuid as commodity_id, (x->>'d')::date as date
               from jsonb_array_elements(${keysJson}::jsonb) x)
    select c.id as commodity_id, c.name, c.code, c.alert_rise_pct, k.date::text as date,
      d.average as now,
      (select p.date::text from harga_pangan_daily p where p.commodity_id = k.commodity_id and p.price_type = 'eceran'
         and p.date < k.date and p.date >= k.date - 7 order by p.date desc limit 1) as before_date,
      (select r.price from harga_pangan_reference r where r.commodity_id = k.commodity_id and r.kind = 'HET'
         and r.valid_from <= k.date and (r.valid_to is null or r.valid_to >= k.date)
         order by r.valid_from desc limit 1) as het
    from k join harga_pangan_commodity c on c.id = k.commodity_id
    join harga_pangan_daily d on d.commodity_id = k.commodity_id and d.price_type = 'eceran' and d.date = k.date`);
  type Row = {
    commodity_id: string;
    name: string;
    code: string;
    alert_rise_pct: number;
    date: string;
    now: number;
    before_date: string | null;
    het: number | null;
  };
  const rows = (res as unknown as { rows: Row[] }).rows;
  // The rise since the latest earlier day, over the markets that priced both days (same-markets.ts).
  const rises = await sameMarketChanges(
    tx,
    rows.flatMap((r) =>
      r.before_date
        ? [
            {
              key: `${r.commodity_id}|${r.date}`,
              commodityId: r.commodity_id,
              day: r.date,
              earlier: r.before_date,
            },
          ]
        : [],
    ),
  );
  const candidates: (typeof hpAlert.$inferInsert & { name: string; code: string })[] = [];
  for (const r of rows) {
    const rise = rises(`${r.commodity_id}|${r.date}`).change;
    if (rise !== null && rise > Number(r.alert_rise_pct))
      candidates.push({
        regionId,
        commodityId: r.commodity_id,
        date: r.date,
        kind: 'kenaikan',
        average: Math.round(r.now),
        reference: rise,
        name: r.name,
        code: r.code,
      });
    if (r.het !== null && r.now > r.het)
      candidates.push({
        regionId,
        commodityId: r.commodity_id,
        date: r.date,
        kind: 'het',
        average: Math.round(r.now),
        reference: r.het,
        name: r.name,
        code: r.code,
      });
  }
  if (candidates.length === 0) return 0;
  const created = await tx
    .insert(hpAlert)
    .values(candidates.map(({ name: _n, code: _c, ...a }) => a))
    .onConflictDoNothing()
    .returning();
  if (created.length === 0) return 0;
  const staff = await tx
    .selectDistinct({ userId: userRole.userId })
    .from(userRole)
    .innerJoin(appUser, and(eq(appUser.regionId, userRole.regionId), eq(appUser.id, userRole.userId)))
    .where(and(inArray(userRole.role, alertRoles), isNull(appUser.disabledAt)));
  if (staff.length > 0)
    await tx
      .insert(hpNotification)
      .values(created.flatMap((a) => staff.map((s) => ({ regionId, userId: s.userId, alertId: a.id }))))
      .onConflictDoNothing();
  for (const a of created) {
    const c = candidates.find((x) => x.commodityId === a.commodityId && x.kind === a.kind)!;
    const summary =
      a.kind === 'het'
        ? {
            id: `${c.name} di atas HET: rata-rata ${rp(a.average)} (HET ${rp(a.reference)})`,
            en: `${c.name} above HET: average ${rp(a.average, 'en-GB')} (HET ${rp(a.reference, 'en-GB')})`,
          }
        : {
            id: `${c.name} naik ${pct(a.reference)} menjadi rata-rata ${rp(a.average)}`,
            en: `${c.name} rose ${pct(a.reference, 'en-GB')} to an average of ${rp(a.average, 'en-GB')}`,
          };
    await emitEvent(tx, regionId, {
      type: 'harga-pangan.alert.raised',
      permission: 'core:live.watch',
      actor,
      subject: a.id,
      summary,
      data: { commodity: c.code, kind: a.kind, date: a.date, average: a.average, reference: a.reference },
    });
    // Citizens who follow price alerts hear it too (a public topic: prices are public).
    await notify(tx, regionId, {
      topic: 'harga-pangan.alerts',
      title: { id: `Harga ${c.name}`, en: `${c.name} price` },
      body: summary,
      url: '/layanan/harga-pangan',
      to: { broadcast: true },
    });
  }
  return created.length;
}

/** The caller's alert notifications, newest first. */
export async function myAlerts(tx: Tx, userId: string, limit = 50) {
  const rows = await tx
    .select({
      id: hpNotification.id,
      commodityId: hpAlert.commodityId,
      commodityName: hpCommodity.name,
      date: hpAlert.date,
      kind: hpAlert.kind,
      average: hpAlert.average,
      reference: hpAlert.reference,
      createdAt: hpAlert.createdAt,
      readAt: hpNotification.readAt,
    })
    .from(hpNotification)
    .innerJoin(
      hpAlert,
      and(eq(hpAlert.regionId, hpNotification.regionId), eq(hpAlert.id, hpNotification.alertId)),
    )
    .innerJoin(
      hpCommodity,
      and(eq(hpCommodity.regionId, hpAlert.regionId), eq(hpCommodity.id, hpAlert.commodityId)),
    )
    .where(eq(hpNotification.userId, userId))
    .orderBy(desc(hpAlert.createdAt))
    .limit(limit);
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
  }));
}

export async function markAlertsRead(tx: Tx, userId: string) {
  await tx
    .update(hpNotification)
    .set({ readAt: new Date() })
    .where(and(eq(hpNotification.userId, userId), isNull(hpNotification.readAt)));
}

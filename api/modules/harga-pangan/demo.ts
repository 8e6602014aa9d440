import { eq, inArray, sql } from 'drizzle-orm';
import { hashPassword } from '../../core/auth/password';
import { appUser, opd, userRole } from '../../core/db/schema';
import { DEMO_PASSWORD } from '../../core/demo/seed';
import type { RegionContext } from '../../core/modules/types';
import { raiseAlerts } from './alerts';
import { addDays } from './indicators';
import { todayIn } from './master';
import { hpAssignment, hpMarket, hpNotification } from './schema';
import { nationalStaples } from './seed';

/** Markets of Kota Tangerang (approximate locations) with their kecamatan. */
export const demoMarkets = [
  {
    name: 'Pasar Anyar',
    kecamatan: '36.71.01',
    address: 'Jl. Ki Samaun, Sukarasa',
    lat: -6.1768,
    lng: 106.6321,
  },
  {
    name: 'Pasar Malabar',
    kecamatan: '36.71.07',
    address: 'Jl. Malabar, Perumnas 1',
    lat: -6.1949,
    lng: 106.6118,
  },
  {
    name: 'Pasar Cikokol',
    kecamatan: '36.71.01',
    address: 'Jl. MH Thamrin, Cikokol',
    lat: -6.2168,
    lng: 106.6339,
  },
  {
    name: 'Pasar Ciledug',
    kecamatan: '36.71.06',
    address: 'Jl. HOS Cokroaminoto',
    lat: -6.2319,
    lng: 106.7118,
  },
  {
    name: 'Pasar Poris',
    kecamatan: '36.71.05',
    address: 'Jl. Maulana Hasanudin, Poris',
    lat: -6.1731,
    lng: 106.6669,
  },
  {
    name: 'Pasar Jatiuwung',
    kecamatan: '36.71.02',
    address: 'Jl. Gatot Subroto, Jatiuwung',
    lat: -6.2071,
    lng: 106.5829,
  },
] as const;

export const DEMO_ENUMERATOR = 'petugas.pasar@tangerangkota.demo.simpul.id';
export const DEMO_SUPERVISOR = 'pengawas.pasar@tangerangkota.demo.simpul.id';
const DEMO_DAYS = 400;

/**
 * Demo region: six markets, a market enumerator (Pasar Anyar and Pasar Malabar) and a supervisor
 * of Disperindag, and 400 days of verified retail prices up to yesterday (the 365-day chart is
 * full; today is left for the enumerator), with a rise of cabai rawit yesterday so the alerts show. Runs once.
 */
export async function seedHargaPanganDemo({ tx, regionId }: RegionContext) {
  const [any] = await tx.select({ id: hpMarket.id }).from(hpMarket).limit(1);
  if (any) return;
  const markets = await tx
    .insert(hpMarket)
    .values(demoMarkets.map((m) => ({ regionId, type: 'tradisional' as const, ...m })))
    .returning({ id: hpMarket.id, name: hpMarket.name });

  const [disperindag] = await tx.select({ id: opd.id }).from(opd).where(eq(opd.code, 'disperindag'));
  const present = await tx
    .select({ email: appUser.email })
    .from(appUser)
    .where(inArray(appUser.email, [DEMO_ENUMERATOR, DEMO_SUPERVISOR]));
  const people = [
    { email: DEMO_ENUMERATOR, name: 'Petugas Pasar Disperindag', role: 'opd_officer' as const },
    { email: DEMO_SUPERVISOR, name: 'Pengawas Harga Disperindag', role: 'opd_admin' as const },
  ].filter((p) => !present.some((x) => x.email === p.email));
  for (const p of people) {
    const [user] = await tx
      .insert(appUser)
      .values({
        regionId,
        name: p.name,
        email: p.email,
        passwordHash: await hashPassword(DEMO_PASSWORD),
        verifiedAt: new Date(),
      })
      .returning({ id: appUser.id });
    await tx
      .insert(userRole)
      .values({ regionId, userId: user!.id, role: p.role, opdId: disperindag?.id ?? null });
    if (p.role === 'opd_officer')
      await tx
        .insert(hpAssignment)
        .values(
          markets
            .filter((m) => m.name === 'Pasar Anyar' || m.name === 'Pasar Malabar')
            .map((m) => ({ regionId, userId: user!.id, marketId: m.id })),
        );
  }

  const today = todayIn('WIB');
  const yesterday = addDays(today, -1);
  const typical = JSON.stringify(Object.fromEntries(nationalStaples.map((s) => [s.code, s.typical])));
  // Deterministic prices: the typical price, a market's own level (±5%), a slow wave per
  // commodity (±6%) and day-to-day noise (±2%), rounded to Rp100.
  await tx.execute(sql`
    insert into harga_pangan_price (region_id, market_id, commodity_id, date, price_type, price, verified_price,
      status, recorded_at, entered_at, verified_at)
    select ${regionId}::uuid, m.id, c.id, d::date, 'eceran', x.p, x.p, 'terverifikasi', d + interval '8 hours',
      d + interval '8 hours', d + interval '11 hours'
    from harga_pangan_market m
    cross join harga_pangan_commodity c
    cross join generate_series(${addDays(today, -DEMO_DAYS)}::date, ${yesterday}::date, interval '1 day') d
    cross join lateral (select (round(((${typical}::jsonb->>c.code)::int
        * (1 + ((abs(hashtext(m.name)) % 11) - 5) / 100.0
             + 0.06 * sin(extract(epoch from d) / 86400 / 9.0 + abs(hashtext(c.code)) % 7)
             + ((abs(hashtext(m.name || c.code || d::text)) % 5) - 2) / 100.0)
        * (case when c.code = 'cabai-rawit-merah' and d::date = ${yesterday}::date then 1.3 else 1 end)) / 100) * 100)::int as p) x
    where ${typical}::jsonb ? c.code
    on conflict do nothing`);
  await tx.execute(sql`
    insert into harga_pangan_daily (region_id, commodity_id, price_type, date, average, median, min, max, stddev, markets)
    select region_id, commodity_id, price_type, date, avg(verified_price)::float8,
      (percentile_cont(0.5) within group (order by verified_price))::float8, min(verified_price), max(verified_price),
      coalesce(stddev_pop(verified_price), 0)::float8, count(*)::int
    from harga_pangan_price where verified_price is not null group by 1, 2, 3, 4
    on conflict do nothing`);
  const commodities = await tx.execute(sql`select id from harga_pangan_commodity`);
  const ids = (commodities as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
  await raiseAlerts(
    tx,
    regionId,
    null,
    ids.map((commodityId) => ({ commodityId, date: yesterday })),
    { today, days: 2 },
  );
  // Sample alerts are shown in-app only: the demo never e-mails its staff on first start.
  await tx.update(hpNotification).set({ emailedAt: new Date() });
}

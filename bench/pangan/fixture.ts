import pg from 'pg';
import { openDatabase } from '../../api/core/db/client';
import { migrateDatabase } from '../../api/core/db/migrate';
import { onboardRegion } from '../../api/core/regions/onboard';
import { nationalStaples } from '../../api/modules/harga-pangan/seed';
import { log, withClient, withDatabase } from '../laksa/util';

export const REGION_CODE = '36.71';
export const COMMODITIES = 50;
export const MARKETS = 20;
export const YEARS = 5;

export type PanganFixture = {
  databaseUrl: string;
  rows: number;
  reused: boolean;
  commodityIds: string[];
  slug: string;
  lastDay: string;
};

/**
 * `simpul_bench_pangan`: Kota Tangerang with 50 commodities (the 18 national staples and 32
 * variants), 20 markets and 5 years of daily verified retail prices (≈1.8 M rows) up to today,
 * made with generate_series in the database; the daily indicators computed from them the way
 * verification does. Reused when present (`--fresh` rebuilds it).
 */
export async function preparePanganFixture(
  adminUrl: string,
  dbName: string,
  fresh: boolean,
): Promise<PanganFixture> {
  const databaseUrl = withDatabase(adminUrl, dbName);
  const exists = await withClient(
    adminUrl,
    async (c) => (await c.query('select 1 from pg_database where datname = $1', [dbName])).rowCount === 1,
  );
  let rows = 0;
  if (exists && !fresh) {
    rows = await withClient(databaseUrl, async (c) => {
      const r = await c.query(`select to_regclass('harga_pangan_price') is not null as ok`);
      if (!r.rows[0].ok) return 0;
      return Number((await c.query('select count(*) from harga_pangan_price')).rows[0].count);
    }).catch(() => 0);
  }
  const reused = rows > 1_000_000;
  if (!reused) {
    await withClient(adminUrl, async (c) => {
      await c.query(`drop database if exists ${pg.escapeIdentifier(dbName)} with (force)`);
      await c.query(`create database ${pg.escapeIdentifier(dbName)}`);
    });
  }
  const database = await openDatabase({ databaseUrl, poolSize: 2 });
  try {
    await migrateDatabase(database);
    if (!reused) await onboardRegion(database, { code: REGION_CODE, actor: 'bench' });
  } finally {
    await database.close();
  }
  if (!reused) rows = await load(databaseUrl);
  else log(`  reusing ${dbName} (${rows.toLocaleString('en-US')} prices; --fresh rebuilds it)`);
  return withClient(databaseUrl, async (c) => {
    const region = (await c.query('select id, slug from region where code = $1', [REGION_CODE])).rows[0];
    const ids = (
      await c.query('select id from harga_pangan_commodity where region_id = $1 order by sort', [region.id])
    ).rows.map((r) => r.id as string);
    const last = (
      await c.query(`select max(date)::text as d from harga_pangan_daily where region_id = $1`, [region.id])
    ).rows[0].d as string;
    return { databaseUrl, rows, reused, commodityIds: ids, slug: region.slug as string, lastDay: last };
  });
}

async function load(databaseUrl: string): Promise<number> {
  const started = Date.now();
  return withClient(databaseUrl, async (c) => {
    const region = (await c.query('select id from region where code = $1', [REGION_CODE])).rows[0]
      .id as string;
    // Owner connection (no RLS for the superuser): bulk data, as a restore would load it.
    const extra = COMMODITIES - nationalStaples.length;
    await c.query(
      `insert into harga_pangan_commodity (region_id, code, name, name_en, "group", unit, sort)
       select $1, 'varian-' || g, 'Varian ' || g, 'Variant ' || g, 'lainnya', 'kg', 1000 + g from generate_series(1, $2) g`,
      [region, extra],
    );
    await c.query(
      `insert into harga_pangan_market (region_id, name, type, lat, lng)
       select $1, 'Pasar Bench ' || g, 'tradisional', -6.17 - g * 0.003, 106.60 + g * 0.004 from generate_series(1, $2) g`,
      [region, MARKETS],
    );
    const typical = JSON.stringify(Object.fromEntries(nationalStaples.map((s) => [s.code, s.typical])));
    log('  generating prices (generate_series) ...');
    await c.query("set maintenance_work_mem = '256MB'");
    const res = await c.query(
      `insert into harga_pangan_price (region_id, market_id, commodity_id, date, price_type, price, verified_price, status, verified_at)
       select $1, m.id, cm.id, d::date, 'eceran', x.p, x.p, 'terverifikasi', d + interval '11 hours'
       from harga_pangan_market m cross join harga_pangan_commodity cm
       cross join generate_series(current_date - ($3::int * 365), current_date, interval '1 day') d
       cross join lateral (select (round(coalesce(($2::jsonb->>cm.code)::int, 20000)
         * (1 + ((abs(hashtext(m.name)) % 11) - 5) / 100.0
              + 0.06 * sin(extract(epoch from d) / 86400 / 9.0 + abs(hashtext(cm.code)) % 7)
              + ((abs(hashtext(m.name || cm.code || d::text)) % 5) - 2) / 100.0) / 100) * 100)::int as p) x
       where m.region_id = $1 and cm.region_id = $1`,
      [region, typical, YEARS],
    );
    log(
      `  ${res.rowCount?.toLocaleString('en-US')} prices in ${((Date.now() - started) / 1000).toFixed(0)} s; daily indicators ...`,
    );
    await c.query(
      `insert into harga_pangan_daily (region_id, commodity_id, price_type, date, average, median, min, max, stddev, markets)
       select region_id, commodity_id, price_type, date, avg(verified_price)::float8,
         (percentile_cont(0.5) within group (order by verified_price))::float8, min(verified_price), max(verified_price),
         coalesce(stddev_pop(verified_price), 0)::float8, count(*)::int
       from harga_pangan_price where region_id = $1 group by 1, 2, 3, 4`,
      [region],
    );
    await c.query('vacuum analyze harga_pangan_price');
    await c.query('vacuum analyze harga_pangan_daily');
    log(`  loaded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return res.rowCount ?? 0;
  });
}

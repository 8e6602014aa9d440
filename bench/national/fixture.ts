/**
 * The two databases of `npm run bench:national`, both on the local PostgreSQL:
 *   - `<db>_1`: Kota Tangerang (36.71) onboarded like production with demo-sized data: its OPD and
 *     LAKSA categories (from onboarding), 50 citizens, and N reports loaded by the LAKSA bench's
 *     generator (bench/laksa/fixture.ts `loadRegion`);
 *   - `<db>`: a copy of `<db>_1` (CREATE DATABASE … TEMPLATE), then every other region of the
 *     Kemendagri list onboarded with the real `onboardAll` (timed: the onboarding figure), then each
 *     new region given the same data in bulk: the citizens, and 36.71's reports copied with set-based
 *     INSERT … SELECT as the owner, mapped to the region's own category (by code), citizen (by
 *     e-mail), kelurahan (by position in its list) and ticket prefix.
 * Keeping both lets the bench measure 1 region and 552 alternately in one run. NATIONAL_REUSE=1
 * reuses databases that hold the same fixture (after new migrations and removing earlier intake).
 */
import pg from 'pg';
import { hashPassword } from '../../api/core/auth/password';
import { openDatabase } from '../../api/core/db/client';
import { migrateDatabase } from '../../api/core/db/migrate';
import { onboardRegion } from '../../api/core/regions/onboard';
import { onboardAll } from '../../api/core/regions/onboard-all';
import type { BenchRegionSpec } from '../laksa/data';
import {
  addAccounts,
  assignDispositionedSql,
  BENCH_REPORTS_PER_HOUR,
  dropSecondaryIndexes,
  loadRegion,
  resetToBaseline,
  setCountersSql,
} from '../laksa/fixture';
import { withClient, withDatabase } from '../laksa/util';

/** Bump when the generated data changes: an older database is then rebuilt, not reused. */
const FIXTURE_VERSION = 1;
export const FIRST_REGION = '36.71';
const CITIZENS_PER_REGION = 50;
/** Where the loaded and the HTTP-filed reports of every region lie (Kota Tangerang; no region sets bounds). */
export const REPORT_SPOT = { lat: -6.178, lng: 106.63, spread: 0.03 };

export type NationalMeta = {
  version: number;
  reports: number;
  regions: number;
  baselineEventId: number;
  /** The `onboardAll` figure (only in the 552-region database). */
  onboarded?: number;
  onboardSeconds?: number;
  loadSeconds: number;
  loadedAt: string;
};

export type NationalDb = { name: string; databaseUrl: string; meta: NationalMeta; reused: boolean };

type Log = (line: string) => void;
const secondsSince = (t: number) => (Date.now() - t) / 1000;
export const specOf = (code: string, reports: number): BenchRegionSpec => ({ code, reports, ...REPORT_SPOT });

/** `<name>_1` and `<name>`, reused when NATIONAL_REUSE=1 and both hold this fixture. */
export async function prepareNational(opts: {
  adminUrl: string;
  name: string;
  reports: number;
  reuse: boolean;
  log: Log;
}): Promise<{ one: NationalDb; all: NationalDb }> {
  const fixture = { adminUrl: opts.adminUrl, reports: opts.reports, log: opts.log };
  const names = { one: `${opts.name}_1`, all: opts.name };
  if (opts.reuse) {
    const one = await reuse(fixture, names.one);
    const all = one && (await reuse(fixture, names.all));
    if (one && all) return { one, all };
    opts.log('  NATIONAL_REUSE=1 but no matching fixture: building it');
  }
  const one = await buildOne(fixture, names.one);
  const all = await buildAll(fixture, one, names.all);
  return { one, all };
}

type FixtureOpts = { adminUrl: string; reports: number; log: Log };

async function reuse(f: FixtureOpts, name: string): Promise<NationalDb | null> {
  const databaseUrl = withDatabase(f.adminUrl, name);
  const meta = await readMeta(databaseUrl).catch(() => null);
  if (!meta || meta.version !== FIXTURE_VERSION || meta.reports !== f.reports) return null;
  const database = await openDatabase({ databaseUrl, poolSize: 2 });
  try {
    await migrateDatabase(database);
  } finally {
    await database.close();
  }
  await resetToBaseline(databaseUrl, meta, (line) => f.log(`${line} in ${name}`));
  f.log(`  reusing ${name}: ${meta.regions} region(s), loaded ${meta.loadedAt}`);
  return { name, databaseUrl, meta, reused: true };
}

async function readMeta(databaseUrl: string): Promise<NationalMeta | null> {
  return withClient(databaseUrl, async (c) => {
    const { rows } = await c.query<{ value: NationalMeta }>(
      `select value from bench.fixture where key = 'national'`,
    );
    return rows[0]?.value ?? null;
  });
}

async function writeMeta(c: pg.Client, meta: Omit<NationalMeta, 'baselineEventId' | 'regions'>) {
  const { rows } = await c.query<{ events: number; regions: number }>(
    `select (select coalesce(max(id), 0) from event)::int as events, (select count(*) from region)::int as regions`,
  );
  const value: NationalMeta = { ...meta, baselineEventId: rows[0]!.events, regions: rows[0]!.regions };
  await c.query('create schema if not exists bench');
  await c.query('create table if not exists bench.fixture (key text primary key, value jsonb not null)');
  await c.query(
    `insert into bench.fixture values ('national', $1) on conflict (key) do update set value = excluded.value`,
    [JSON.stringify(value)],
  );
  return value;
}

async function recreate(adminUrl: string, name: string, template?: string) {
  await withClient(adminUrl, async (c) => {
    await c.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    await c.query(
      `create database ${pg.escapeIdentifier(name)}${template ? ` template ${pg.escapeIdentifier(template)}` : ''}`,
    );
  });
  return withDatabase(adminUrl, name);
}

/** Migrate, onboard 36.71, its accounts and N reports. */
async function buildOne(f: FixtureOpts, name: string): Promise<NationalDb> {
  const started = Date.now();
  const databaseUrl = await recreate(f.adminUrl, name);
  const database = await openDatabase({ databaseUrl, poolSize: 2 });
  let regionId: string;
  try {
    await migrateDatabase(database);
    ({
      region: { id: regionId },
    } = await onboardRegion(database, { code: FIRST_REGION, actor: 'bench' }));
  } finally {
    await database.close();
  }
  const passwordHash = await hashPassword('bench-password-not-used');
  const meta = await withClient(databaseUrl, async (c) => {
    await raiseFloodLimit(c);
    await addAccounts(c, regionId, passwordHash, CITIZENS_PER_REGION);
    await loadRegion(c, regionId, specOf(FIRST_REGION, f.reports), f.reports, 0);
    await c.query(assignDispositionedSql);
    await c.query(setCountersSql);
    await c.query('vacuum analyze');
    return writeMeta(c, {
      version: FIXTURE_VERSION,
      reports: f.reports,
      loadSeconds: secondsSince(started),
      loadedAt: new Date().toISOString(),
    });
  });
  f.log(
    `  ${name}: migrated, ${FIRST_REGION} onboarded with ${f.reports.toLocaleString('en-US')} reports in ${meta.loadSeconds.toFixed(1)} s`,
  );
  return { name, databaseUrl, meta, reused: false };
}

/** LAKSA's flood limit (10 reports an hour per citizen and IP) would answer the load generator with 429. */
const raiseFloodLimit = (c: pg.Client) =>
  c.query(
    `update region_module set settings = settings || jsonb_build_object('reportsPerHour', $1::int) where module_id = 'laksa'`,
    [BENCH_REPORTS_PER_HOUR],
  );

/** A copy of the 1-region database, every other region onboarded by `onboardAll`, then their data in bulk. */
async function buildAll(f: FixtureOpts, one: NationalDb, name: string): Promise<NationalDb> {
  const databaseUrl = await recreate(f.adminUrl, name, one.name);
  const database = await openDatabase({ databaseUrl, poolSize: 2 });
  const t0 = Date.now();
  let onboarded = 0;
  try {
    const result = await onboardAll(database, {
      actor: 'bench',
      onProgress: (p) => {
        if (p.outcome === 'added' && ++onboarded % 100 === 0)
          f.log(`  onboarded ${onboarded} regions (${secondsSince(t0).toFixed(1)} s)`);
      },
    });
    onboarded = result.added.length;
  } finally {
    await database.close();
  }
  const onboardSeconds = secondsSince(t0);
  f.log(
    `  ${name}: onboardAll added ${onboarded} regions in ${onboardSeconds.toFixed(1)} s (${(onboardSeconds / onboarded).toFixed(3)} s/region)`,
  );
  const loadStarted = Date.now();
  const passwordHash = await hashPassword('bench-password-not-used');
  const meta = await withClient(databaseUrl, async (c) => {
    await raiseFloodLimit(c);
    const { rows } = await c.query<{ id: string }>(`select id from region where code <> $1 order by code`, [
      FIRST_REGION,
    ]);
    for (const r of rows) await addAccounts(c, r.id, passwordHash, CITIZENS_PER_REGION);
    f.log(`  accounts for ${rows.length} regions (${secondsSince(loadStarted).toFixed(1)} s)`);
    const indexes = [
      ...(await dropSecondaryIndexes(c, 'laksa_report')),
      ...(await dropSecondaryIndexes(c, 'laksa_report_opd')),
    ];
    await c.query('analyze');
    // Two connections (two cores): each copies into half of the regions.
    const ids = rows.map((r) => r.id);
    const half = Math.ceil(ids.length / 2);
    await Promise.all(
      [ids.slice(0, half), ids.slice(half)].map((part) =>
        withClient(databaseUrl, (w) => w.query(copyReportsSql, [FIRST_REGION, part])),
      ),
    );
    f.log(`  reports copied to ${ids.length} regions (${secondsSince(loadStarted).toFixed(1)} s)`);
    await c.query(assignDispositionedSql);
    await c.query(setCountersSql);
    await c.query(`set maintenance_work_mem = '512MB'`);
    await c.query('set max_parallel_maintenance_workers = 2');
    for (const def of indexes) await c.query(def);
    await c.query('vacuum analyze');
    f.log(`  indexes rebuilt, VACUUM ANALYZE (${secondsSince(loadStarted).toFixed(1)} s)`);
    return writeMeta(c, {
      version: FIXTURE_VERSION,
      reports: f.reports,
      onboarded,
      onboardSeconds,
      loadSeconds: secondsSince(loadStarted),
      loadedAt: new Date().toISOString(),
    });
  });
  return { name, databaseUrl, meta, reused: false };
}

/**
 * 36.71's loaded reports ($1 is its code) into each region of $2: the region's own category (same
 * code), citizen (same e-mail), kelurahan (same position in its code-ordered list, wrapped) and
 * ticket prefix; every other column as loaded.
 */
const copyReportsSql = `
insert into laksa_report (region_id, ticket, type, category_id, status, paused_from, paused_at, description,
  address, lat, lng, kecamatan, kelurahan, anonymous, confidential, reporter_id, contact, source, support_count,
  rating, created_at, updated_at, verified_at, disposed_at, responded_at, resolved_at, verify_due_at,
  follow_up_due_at, resolve_due_at, overdue_level)
with src_region as (select id from region where code = $1),
src_area as (
  select code, row_number() over (order by code) - 1 as n
  from region_area where region_id = (select id from src_region) and level <> 'kecamatan'
),
src as materialized (
  select s.*, c.code as category_code, u.email as reporter_email, a.n as area_n
  from laksa_report s
  join laksa_category c on c.region_id = s.region_id and c.id = s.category_id
  left join app_user u on u.region_id = s.region_id and u.id = s.reporter_id
  left join src_area a on a.code = s.kelurahan
  where s.region_id = (select id from src_region) and s.idempotency_key is null
),
dst_area as materialized (
  select region_id, code, parent_code, row_number() over (partition by region_id order by code) - 1 as n
  from region_area where region_id = any($2::uuid[]) and level <> 'kecamatan'
),
dst as materialized (
  select r.id, r.code, count(a.code) as areas
  from region r left join dst_area a on a.region_id = r.id
  where r.id = any($2::uuid[]) group by r.id, r.code
)
select d.id, regexp_replace(s.ticket, '^LKS-[^-]+', 'LKS-' || replace(d.code, '.', '')), s.type, c.id, s.status,
  s.paused_from, s.paused_at, s.description, s.address, s.lat, s.lng, a.parent_code, a.code, s.anonymous,
  s.confidential, u.id, s.contact, s.source, s.support_count, s.rating, s.created_at, s.updated_at,
  s.verified_at, s.disposed_at, s.responded_at, s.resolved_at, s.verify_due_at, s.follow_up_due_at,
  s.resolve_due_at, s.overdue_level
from dst d
cross join src s
join laksa_category c on c.region_id = d.id and c.code = s.category_code
left join app_user u on u.region_id = d.id and u.email = s.reporter_email
left join dst_area a on a.region_id = d.id and a.n = s.area_n % nullif(d.areas, 0)`;

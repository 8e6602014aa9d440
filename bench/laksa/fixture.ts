/**
 * The LAKSA bench database: 20 regions onboarded like production, LAKSA's flood limit raised, a
 * citizen and an operator with live sessions per region, and 1,000,000 reports bulk-loaded with
 * set-based INSERT … SELECT generate_series as the table owner (row-level security is for the app
 * role). Loading takes minutes, so a database that already holds the same fixture is reused:
 * the rows a previous run's intake added are deleted first (`--fresh` rebuilds from scratch).
 */
import pg from 'pg';
import { hashPassword } from '../../api/core/auth/password';
import { createSession, SESSION_COOKIE } from '../../api/core/auth/sessions';
import { openDatabase } from '../../api/core/db/client';
import { migrateDatabase } from '../../api/core/db/migrate';
import { asPlatform } from '../../api/core/db/scope';
import { onboardRegion } from '../../api/core/regions/onboard';
import { defaultCategories } from '../../api/modules/laksa/seed';
import { BENCH_REGIONS, type BenchRegionSpec, COMPLAINTS, IMPACT, STREETS, WHEN } from './data';
import { withClient, withDatabase } from './util';

/** Bump when the generated data changes: an older database is then rebuilt, not reused. */
const FIXTURE_VERSION = 1;
/** Citizens per region that the bulk-loaded reports are spread over. */
const CITIZENS_PER_REGION = 500;
/** Kelurahan/desa per region the HTTP intake and pgbench draw from. */
const SAMPLE_AREAS = 40;
const SESSION_AGENT = 'simpul-bench-laksa';
/** Raised so the flood limiter (per citizen and per IP address) never answers the bench with 429. */
export const BENCH_REPORTS_PER_HOUR = 100_000;

export type Headers = { cookie: string; 'x-csrf-token': string };

export type FixtureRegion = {
  id: string;
  code: string;
  slug: string;
  name: string;
  spec: BenchRegionSpec;
  reports: number;
  categories: { id: string; code: string; name: string }[];
  /** A sample of the region's kelurahan/desa, with their kecamatan. */
  areas: { code: string; name: string; kecamatan: string }[];
  citizen: { id: string; headers: Headers };
  operator: { id: string; headers: Headers };
};

export type LaksaFixture = {
  databaseUrl: string;
  regions: FixtureRegion[];
  reports: number;
  reused: boolean;
  /** What the (re)build or reset did, for the log. */
  notes: string[];
};

type Meta = {
  version: number;
  reports: number;
  baselineEventId: number;
  loadSeconds: number;
  loadedAt: string;
};

/** Where the fixture lives and how big it is: BENCH_ADMIN_URL, BENCH_LAKSA_DB, BENCH_LAKSA_REPORTS. */
export const fixtureTarget = {
  adminUrl: process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  dbName: process.env.BENCH_LAKSA_DB ?? 'simpul_bench_laksa',
  reports: Number(process.env.BENCH_LAKSA_REPORTS ?? 1_000_000),
};

export async function prepareLaksaFixture(opts: {
  adminUrl: string;
  dbName: string;
  reports: number;
  fresh: boolean;
  log: (line: string) => void;
}): Promise<LaksaFixture> {
  const databaseUrl = withDatabase(opts.adminUrl, opts.dbName);
  const notes: string[] = [];
  const exists = await withClient(
    opts.adminUrl,
    async (c) => (await c.query('select 1 from pg_database where datname = $1', [opts.dbName])).rowCount! > 0,
  );
  let meta = exists && !opts.fresh ? await readMeta(databaseUrl) : null;
  if (meta && (meta.version !== FIXTURE_VERSION || meta.reports !== opts.reports)) {
    opts.log(
      `  ${opts.dbName} holds another fixture (version ${meta.version}, ${meta.reports} reports): rebuilding`,
    );
    meta = null;
  }
  const reused = meta !== null;

  if (!meta) {
    await withClient(opts.adminUrl, async (c) => {
      await c.query(`drop database if exists ${pg.escapeIdentifier(opts.dbName)} with (force)`);
      await c.query(`create database ${pg.escapeIdentifier(opts.dbName)}`);
    });
    meta = await build(databaseUrl, opts.reports, opts.log);
    notes.push(`built in ${meta.loadSeconds.toFixed(0)} s`);
  } else {
    opts.log(`  reusing ${opts.dbName} (loaded ${meta.loadedAt}; --fresh rebuilds it)`);
    // New migrations of the app apply to the loaded data as they would in production.
    const database = await openDatabase({ databaseUrl, poolSize: 2 });
    try {
      await migrateDatabase(database);
    } finally {
      await database.close();
    }
    const removed = await resetToBaseline(databaseUrl, meta, opts.log);
    if (removed) notes.push(removed);
  }

  const regions = await describeRegions(databaseUrl);
  const total = regions.reduce((n, r) => n + r.reports, 0);
  if (total !== opts.reports)
    throw new Error(
      `${opts.dbName} holds ${total} reports, expected ${opts.reports}: run with --fresh to rebuild`,
    );
  return { databaseUrl, regions, reports: total, reused, notes };
}

// ---------------------------------------------------------------------------------------------

async function readMeta(databaseUrl: string): Promise<Meta | null> {
  return withClient(databaseUrl, async (c) => {
    const { rows } = await c
      .query<{ value: Meta }>(
        `select value from bench.fixture where key = 'laksa' and to_regclass('bench.fixture') is not null`,
      )
      .catch(() => ({ rows: [] as { value: Meta }[] }));
    return rows[0]?.value ?? null;
  });
}

/** Scaled shares of the 1,000,000 (BENCH_LAKSA_REPORTS makes a smaller set for trying things out). */
function regionShares(total: number): number[] {
  const full = BENCH_REGIONS.reduce((n, r) => n + r.reports, 0);
  const shares = BENCH_REGIONS.map((r) => Math.floor((r.reports * total) / full));
  shares[0]! += total - shares.reduce((n, s) => n + s, 0);
  return shares;
}

async function build(databaseUrl: string, reports: number, log: (line: string) => void): Promise<Meta> {
  const started = Date.now();
  const database = await openDatabase({ databaseUrl, poolSize: 4 });
  try {
    await migrateDatabase(database);
    for (const spec of BENCH_REGIONS) await onboardRegion(database, { code: spec.code, actor: 'bench' });
    log(`  migrated, onboarded ${BENCH_REGIONS.length} regions in ${secondsSince(started)} s`);
  } finally {
    await database.close();
  }

  const passwordHash = await hashPassword('bench-password-not-used');
  const shares = regionShares(reports);
  await withClient(databaseUrl, async (c) => {
    // LAKSA's flood limit: 10 reports an hour per citizen and IP by default.
    await c.query(
      `update region_module set settings = settings || jsonb_build_object('reportsPerHour', $1::int) where module_id = 'laksa'`,
      [BENCH_REPORTS_PER_HOUR],
    );
    const regions = await c.query<{ id: string; code: string }>('select id, code from region');
    for (const r of regions.rows) await addAccounts(c, r.id, passwordHash, CITIZENS_PER_REGION);

    // Bulk load without the secondary indexes, then build them once (the same definitions).
    const indexes = [
      ...(await dropSecondaryIndexes(c, 'laksa_report')),
      ...(await dropSecondaryIndexes(c, 'laksa_report_opd')),
    ];
    const loadStarted = Date.now();
    const byCode = new Map(regions.rows.map((r) => [r.code, r.id]));
    // Two connections (two cores): regions are loaded two at a time.
    const queue = BENCH_REGIONS.map((spec, i) => ({ spec, i }));
    let loaded = 0;
    await Promise.all(
      [0, 1].map(() =>
        withClient(databaseUrl, async (w) => {
          for (let job = queue.shift(); job; job = queue.shift()) {
            await loadRegion(w, byCode.get(job.spec.code)!, job.spec, shares[job.i]!, job.i);
            loaded += shares[job.i]!;
            log(
              `  loaded ${job.spec.code}: ${shares[job.i]!.toLocaleString('en-US')} reports (${loaded.toLocaleString('en-US')} of ${reports.toLocaleString('en-US')}, ${secondsSince(loadStarted)} s)`,
            );
          }
        }),
      ),
    );
    await c.query(assignDispositionedSql);
    await c.query(setCountersSql);
    const indexStarted = Date.now();
    await c.query(`set maintenance_work_mem = '1GB'`);
    await c.query('set max_parallel_maintenance_workers = 2');
    for (const def of indexes) await c.query(def);
    log(`  ${indexes.length} secondary indexes rebuilt in ${secondsSince(indexStarted)} s`);
    await c.query('vacuum (analyze) laksa_report, laksa_report_opd');
    await c.query('analyze');

    const [ev] = (await c.query<{ id: string }>('select coalesce(max(id), 0)::text as id from event')).rows;
    const meta: Meta = {
      version: FIXTURE_VERSION,
      reports,
      baselineEventId: Number(ev?.id ?? 0),
      loadSeconds: (Date.now() - started) / 1000,
      loadedAt: new Date().toISOString(),
    };
    await c.query('create schema if not exists bench');
    await c.query('create table if not exists bench.fixture (key text primary key, value jsonb not null)');
    await c.query(
      `insert into bench.fixture values ('laksa', $1) on conflict (key) do update set value = excluded.value`,
      [JSON.stringify(meta)],
    );
    return meta;
  });
  return (await readMeta(databaseUrl))!;
}

/** Drops the indexes of `table` that back no constraint; returns their CREATE INDEX statements. */
export async function dropSecondaryIndexes(c: pg.Client, table: string): Promise<string[]> {
  const { rows } = await c.query<{ name: string; def: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
     from pg_index i
     where i.indrelid = $1::regclass and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
    [table],
  );
  for (const r of rows) await c.query(`drop index ${r.name}`);
  return rows.map((r) => r.def);
}

/** The two accounts a bench signs in with (warga.bench, operator.bench), then `citizens` citizens. */
export async function addAccounts(c: pg.Client, regionId: string, passwordHash: string, citizens: number) {
  await c.query(
    `with u as (
       insert into app_user (region_id, name, email, password_hash, verified_at)
       values ($1, 'Warga Uji Beban', 'warga.bench@uji.simpul.local', $2, now()),
              ($1, 'Operator Uji Beban', 'operator.bench@uji.simpul.local', $2, now())
       returning id, email)
     insert into user_role (region_id, user_id, role)
     select $1, id, case when email like 'operator%' then 'operator' else 'citizen' end from u`,
    [regionId, passwordHash],
  );
  await c.query(
    `with u as (
       insert into app_user (region_id, name, email, password_hash, verified_at)
       select $1, 'Warga ' || g, 'warga' || g || '@uji.simpul.local', $2, now() - interval '800 days'
       from generate_series(1, $3::int) g
       returning id)
     insert into user_role (region_id, user_id, role) select $1, id, 'citizen' from u`,
    [regionId, passwordHash, citizens],
  );
}

/** Dispositioned reports are assigned to their category's OPD (the seeded routing rule); assigned ones are kept. */
export const assignDispositionedSql = `
  insert into laksa_report_opd (region_id, report_id, opd_id, active, assigned_at)
  select r.region_id, r.id, rr.opd_id, true, r.disposed_at
  from laksa_report r
  join laksa_routing_rule rr on rr.region_id = r.region_id and rr.category_id = r.category_id and rr.kecamatan is null
  where r.disposed_at is not null
  on conflict do nothing`;

/** Each region's ticket counters continue after its highest loaded ticket (LKS-<code>-<yy>-<seq>). */
export const setCountersSql = `
  insert into laksa_ticket_counter (region_id, year, last)
  select region_id, 2000 + split_part(ticket, '-', 3)::int, max(split_part(ticket, '-', 4)::int)
  from laksa_report group by 1, 2
  on conflict (region_id, year) do update set last = excluded.last`;

/**
 * One region's reports over the last two years (more recent ones more often): the status
 * follows the age (old ones mostly Selesai, new ones waiting), timestamps and SLA deadlines
 * follow the status, tickets are numbered per year in filing order. Reports past a deadline
 * carry overdue_level 2 (already escalated), as the escalation task would have left them.
 */
export async function loadRegion(
  c: pg.Client,
  regionId: string,
  spec: BenchRegionSpec,
  n: number,
  seed: number,
) {
  const cats = await c.query<{ id: string; code: string; resolve_days: number }>(
    'select id, code, resolve_days from laksa_category where region_id = $1 order by sort',
    [regionId],
  );
  const areas = await c.query<{ code: string; name: string; parent_code: string }>(
    `select code, name, parent_code from region_area where region_id = $1 and level <> 'kecamatan' order by code`,
    [regionId],
  );
  const reporters = await c.query<{ id: string }>(
    `select id from app_user where region_id = $1 and email ~ '^warga[0-9]+@'`,
    [regionId],
  );
  const phrases: string[] = [];
  const start: number[] = [];
  const len: number[] = [];
  const weighted: number[] = [];
  cats.rows.forEach((cat, i) => {
    const c0 = COMPLAINTS[cat.code] ?? COMPLAINTS.lainnya!;
    start.push(phrases.length + 1);
    len.push(c0.phrases.length);
    phrases.push(...c0.phrases);
    for (let w = 0; w < c0.weight; w++) weighted.push(i + 1);
  });
  if (cats.rows.length !== defaultCategories.length || areas.rows.length === 0)
    throw new Error(`region ${spec.code}: ${cats.rows.length} categories, ${areas.rows.length} areas`);
  const code = spec.code.replace(/\./g, '');
  await c.query('select setseed($1)', [((seed + 1) * 7919) / 1_000_000 - 0.5]);
  await c.query(loadSql, [
    regionId,
    n,
    code,
    weighted,
    cats.rows.map((x) => x.id),
    cats.rows.map((x) => x.resolve_days),
    phrases,
    start,
    len,
    STREETS,
    WHEN,
    IMPACT,
    areas.rows.map((a) => a.code),
    areas.rows.map((a) => a.name),
    areas.rows.map((a) => a.parent_code),
    reporters.rows.map((r) => r.id),
    spec.lat,
    spec.lng,
    spec.spread,
  ]);
}

const pick = (arr: string) => `(${arr})[1 + floor(random() * cardinality(${arr}))::int]`;
const loadSql = `
insert into laksa_report (region_id, ticket, type, category_id, status, paused_from, paused_at, description,
  address, lat, lng, kecamatan, kelurahan, anonymous, confidential, reporter_id, contact, source, support_count,
  rating, created_at, updated_at, verified_at, disposed_at, responded_at, resolved_at, verify_due_at,
  follow_up_due_at, resolve_due_at, overdue_level)
with g as (
  select now() - interval '730 days' * (1 - sqrt(random())) as created_at,
    ${pick('$4::int[]')} as c,
    1 + floor(random() * cardinality($13::text[]))::int as k,
    1 + floor(random() * cardinality($10::text[]))::int as st,
    random() as us, random() as u1, random() as u2, random() as u3, random() as u4, random() as u5
  from generate_series(1, $2::int)
), a as (
  select g.*, extract(epoch from now() - created_at) / 86400.0 as age,
    extract(year from created_at at time zone 'Asia/Jakarta')::int as yr
  from g
), s as (
  select a.*, case
    when age < 3 then case when us < 0.55 then 'menunggu_verifikasi' when us < 0.7 then 'terverifikasi'
      when us < 0.92 then 'didisposisikan' when us < 0.98 then 'diproses' else 'ditolak' end
    when age < 30 then case when us < 0.04 then 'menunggu_verifikasi' when us < 0.08 then 'terverifikasi'
      when us < 0.25 then 'didisposisikan' when us < 0.5 then 'diproses' when us < 0.85 then 'selesai'
      when us < 0.91 then 'ditolak' when us < 0.94 then 'dialihkan' when us < 0.98 then 'ditunda'
      else 'ditinjau_ulang' end
    else case when us < 0.01 then 'didisposisikan' when us < 0.04 then 'diproses' when us < 0.83 then 'selesai'
      when us < 0.91 then 'ditolak' when us < 0.96 then 'dialihkan' when us < 0.99 then 'ditunda'
      else 'ditinjau_ulang' end
  end as status
  from a
), t1 as (
  select s.*, case when status not in ('menunggu_verifikasi', 'ditolak', 'dialihkan')
    then created_at + age * 0.1 * u1 * interval '1 day' end as verified_at
  from s
), t2 as (
  select t1.*, case when status in ('didisposisikan', 'diproses', 'selesai', 'ditunda', 'ditinjau_ulang')
    then verified_at + age * 0.1 * u2 * interval '1 day' end as disposed_at
  from t1
), t3 as (
  select t2.*, case when status in ('diproses', 'selesai', 'ditinjau_ulang') or (status = 'ditunda' and u3 < 0.5)
    then disposed_at + age * 0.2 * u3 * interval '1 day' end as responded_at
  from t2
), t4 as (
  select t3.*,
    case when status in ('selesai', 'ditinjau_ulang') then responded_at + age * 0.3 * u4 * interval '1 day' end as resolved_at,
    created_at + interval '4 days' as verify_due_at,
    disposed_at + interval '7 days' as follow_up_due_at,
    verified_at + ($6::int[])[c] * interval '1.4 days' as resolve_due_at,
    row_number() over (partition by yr order by created_at) as seq
  from t3
), t5 as (
  select t4.*, case when random() < 0.85 then 'app' when random() < 0.67 then 'open311' else 'staff' end as source,
    (status <> 'ditunda' and (
      (status = 'menunggu_verifikasi' and verify_due_at < now())
      or (status = 'didisposisikan' and responded_at is null and follow_up_due_at < now())
      or (status in ('terverifikasi', 'didisposisikan', 'diproses', 'ditinjau_ulang') and resolve_due_at < now()))) as overdue
  from t4
)
select $1::uuid,
  'LKS-' || $3::text || '-' || lpad((yr % 100)::text, 2, '0') || '-' || lpad(seq::text, 6, '0'),
  case when u5 < 0.8 then 'pengaduan' when u5 < 0.92 then 'aspirasi' else 'informasi' end,
  ($5::uuid[])[c],
  status,
  case when status = 'ditunda' then case when responded_at is null then 'didisposisikan' else 'diproses' end end,
  case when status = 'ditunda' then coalesce(responded_at, disposed_at) + age * 0.05 * interval '1 day' end,
  ($7::text[])[($8::int[])[c] + floor(random() * ($9::int[])[c])::int] || ' di ' || ($10::text[])[st]
    || ' RT ' || lpad((1 + floor(random() * 12))::text, 2, '0') || '/RW ' || lpad((1 + floor(random() * 9))::text, 2, '0')
    || ', ' || ($14::text[])[k] || ', ' || ${pick('$11::text[]')} || '. ' || ${pick('$12::text[]')},
  ($10::text[])[st] || ' No. ' || (1 + floor(random() * 250))::int || ', ' || ($14::text[])[k],
  $17::float8 + (random() * 2 - 1) * $19::float8,
  $18::float8 + (random() * 2 - 1) * $19::float8,
  ($15::text[])[k],
  ($13::text[])[k],
  random() < 0.1,
  random() < 0.03,
  case when source = 'app' then ${pick('$16::uuid[]')} end,
  case when source = 'open311' then jsonb_build_object('name', 'Pelapor Open311', 'phone', '0812' || lpad((floor(random() * 1e8))::text, 8, '0')) end,
  source,
  floor(power(random(), 6) * 25)::int,
  case when status = 'selesai' and random() < 0.5 then 1 + floor(sqrt(random()) * 5)::int end,
  created_at,
  greatest(created_at, verified_at, disposed_at, responded_at, resolved_at,
    case when status in ('ditolak', 'dialihkan') then created_at + age * 0.2 * u1 * interval '1 day' end),
  verified_at, disposed_at, responded_at, resolved_at, verify_due_at, follow_up_due_at, resolve_due_at,
  case when overdue then 2 else 0 end
from t5`;

/**
 * Back to the loaded state: deletes the reports earlier runs' intake added (bench intake always
 * sends an Idempotency-Key; loaded reports have none), their steps (cascade) and events, and
 * resets the ticket counters. Returns a note when it had anything to do.
 */
export async function resetToBaseline(
  databaseUrl: string,
  meta: Pick<Meta, 'baselineEventId'>,
  log: (line: string) => void,
) {
  return withClient(databaseUrl, async (c) => {
    const [st] = (
      await c.query<{ extra: number; events: number }>(
        `select (select count(*) from laksa_report where idempotency_key is not null)::int as extra,
                (select count(*) from event where id > $1)::int as events`,
        [meta.baselineEventId],
      )
    ).rows;
    if (!st || (st.extra === 0 && st.events === 0)) return null;
    const started = Date.now();
    await c.query('delete from laksa_report where idempotency_key is not null');
    await c.query('delete from event where id > $1', [meta.baselineEventId]);
    await c.query(setCountersSql);
    await c.query('vacuum (analyze) laksa_report, laksa_report_step, laksa_report_opd, event');
    const note = `removed ${st.extra.toLocaleString('en-US')} reports and ${st.events.toLocaleString('en-US')} events of earlier runs (${secondsSince(started)} s)`;
    log(`  ${note}`);
    return note;
  });
}

/** Regions, categories and sample areas as loaded, and fresh sessions for the bench accounts. */
export async function describeRegions(
  databaseUrl: string,
  specs: readonly BenchRegionSpec[] = BENCH_REGIONS,
): Promise<FixtureRegion[]> {
  const base = await withClient(databaseUrl, async (c) => {
    const regions = await c.query<{ id: string; code: string; slug: string; name: string; reports: number }>(
      `select r.id, r.code, r.slug, r.name, (select count(*) from laksa_report x where x.region_id = r.id)::int as reports
       from region r`,
    );
    const out: Omit<FixtureRegion, 'citizen' | 'operator'>[] = [];
    const users: { regionId: string; citizen: string; operator: string }[] = [];
    for (const spec of specs) {
      const r = regions.rows.find((x) => x.code === spec.code);
      if (!r) throw new Error(`region ${spec.code} missing: run with --fresh`);
      const cats = await c.query<{ id: string; code: string; name: string }>(
        'select id, code, name from laksa_category where region_id = $1 and active order by sort',
        [r.id],
      );
      const areas = await c.query<{ code: string; name: string; kecamatan: string }>(
        `select code, name, parent_code as kecamatan from region_area
         where region_id = $1 and level <> 'kecamatan' order by code`,
        [r.id],
      );
      const step = Math.max(1, Math.floor(areas.rows.length / SAMPLE_AREAS));
      const accounts = await c.query<{ id: string; email: string }>(
        `select id, email from app_user where region_id = $1 and email like '%.bench@uji.simpul.local'`,
        [r.id],
      );
      const citizen = accounts.rows.find((a) => a.email.startsWith('warga'))?.id;
      const operator = accounts.rows.find((a) => a.email.startsWith('operator'))?.id;
      if (!citizen || !operator) throw new Error(`region ${spec.code}: bench accounts missing`);
      users.push({ regionId: r.id, citizen, operator });
      out.push({
        id: r.id,
        code: r.code,
        slug: r.slug,
        name: r.name,
        spec,
        reports: r.reports,
        categories: cats.rows,
        areas: areas.rows.filter((_, i) => i % step === 0).slice(0, SAMPLE_AREAS),
      });
    }
    await c.query('delete from session where user_agent = $1', [SESSION_AGENT]);
    return { out, users };
  });

  // Sessions as the app creates them (createSession), without a sign-in round trip.
  const database = await openDatabase({ databaseUrl, poolSize: 2 });
  try {
    const sessions = await asPlatform(
      database,
      { actor: 'bench', action: 'bench.sessions', reason: 'LAKSA benchmark sessions' },
      async (tx) => {
        const made = new Map<string, Headers>();
        for (const u of base.users)
          for (const userId of [u.citizen, u.operator]) {
            const s = await createSession(tx, u.regionId, userId, SESSION_AGENT);
            made.set(userId, { cookie: `${SESSION_COOKIE}=${s.token}`, 'x-csrf-token': s.csrfToken });
          }
        return made;
      },
    );
    return base.out.map((r, i) => {
      const u = base.users[i]!;
      return {
        ...r,
        citizen: { id: u.citizen, headers: sessions.get(u.citizen)! },
        operator: { id: u.operator, headers: sessions.get(u.operator)! },
      };
    });
  } finally {
    await database.close();
  }
}

/**
 * Marks LAKSA's escalation task as just run in every region, so its first pass over the
 * 1,000,000 reports (a scan per region, every 5 minutes) does not land inside a 20 s measurement.
 */
export async function holdEscalation(databaseUrl: string) {
  await withClient(databaseUrl, (c) =>
    c.query(
      `insert into task_run (task, region_id, last_started_at)
       select 'laksa:escalate-overdue', id, now() from region
       on conflict (task, region_id) do update set last_started_at = excluded.last_started_at`,
    ),
  );
}

/**
 * Between two measured slices, with no server up: what a production database does meanwhile.
 *
 * - The events pgbench's transactions wrote are marked handled. No server ran beside it, and the
 *   next HTTP round's server would otherwise drain them all at its start (10,000 a round), a
 *   foreign load on the app's figure.
 * - `vacuum`, as autovacuum would: this machine's PostgreSQL runs with `autovacuum = off` (its CI
 *   settings), so the dead rows of the outbox's `handled_at` updates and of the ticket counters
 *   piled up round after round and each HTTP round ran slower than the one before.
 */
export async function tidyBetweenSlices(databaseUrl: string, after: 'http' | 'pgbench') {
  await withClient(databaseUrl, async (c) => {
    if (after === 'pgbench') await c.query('update event set handled_at = now() where handled_at is null');
    await c.query('vacuum');
  });
}

const secondsSince = (t: number) => ((Date.now() - t) / 1000).toFixed(1);

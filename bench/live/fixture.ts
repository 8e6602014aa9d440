/**
 * The LIVE Room bench database `simpul_bench_live`: ONE region (Kota Bandung) holding all
 * 1,000,000 LAKSA reports — the worst case for the wall, which only ever reads its own region —
 * loaded with the LAKSA bench's generator (bench/laksa/fixture.ts: two years of reports, recent ones
 * more often, statuses and SLA deadlines following their age), then LAKSA's rollups rebuilt from
 * them (the same `rebuildStatsSql` the tests check against the live path). A database that already
 * holds this fixture is reused; `--fresh` rebuilds it.
 */
import pg from 'pg';
import { hashPassword } from '../../api/core/auth/password';
import { createSession, SESSION_COOKIE } from '../../api/core/auth/sessions';
import { openDatabase } from '../../api/core/db/client';
import { migrateDatabase } from '../../api/core/db/migrate';
import { asPlatform } from '../../api/core/db/scope';
import { onboardRegion } from '../../api/core/regions/onboard';
import { rebuildStatsSql } from '../../api/modules/laksa/stats';
import { BENCH_REGIONS } from '../laksa/data';
import { addAccounts, dropSecondaryIndexes, loadRegion } from '../laksa/fixture';
import { withClient, withDatabase } from '../laksa/util';

const FIXTURE_VERSION = 1;
const REGION_CODE = '32.73';
const SESSION_AGENT = 'simpul-bench-live';

export type LiveFixture = {
  databaseUrl: string;
  region: { id: string; slug: string; code: string };
  reports: number;
  /** Session headers: an operator (the wall's clients) and a citizen (files the report that is timed). */
  operator: { cookie: string; 'x-csrf-token': string };
  citizen: { cookie: string; 'x-csrf-token': string };
  categoryId: string;
  reused: boolean;
};

export async function prepareLiveFixture(opts: {
  adminUrl: string;
  dbName: string;
  reports: number;
  fresh: boolean;
  log: (line: string) => void;
}): Promise<LiveFixture> {
  const databaseUrl = withDatabase(opts.adminUrl, opts.dbName);
  const exists = await withClient(
    opts.adminUrl,
    async (c) => (await c.query('select 1 from pg_database where datname = $1', [opts.dbName])).rowCount! > 0,
  );
  const meta = exists && !opts.fresh ? await readMeta(databaseUrl) : null;
  const reused = meta?.version === FIXTURE_VERSION && meta.reports === opts.reports;
  if (!reused) {
    await withClient(opts.adminUrl, async (c) => {
      await c.query(`drop database if exists ${pg.escapeIdentifier(opts.dbName)} with (force)`);
      await c.query(`create database ${pg.escapeIdentifier(opts.dbName)}`);
    });
    await build(databaseUrl, opts.reports, opts.log);
  } else {
    opts.log(`  reusing ${opts.dbName} (--fresh rebuilds it)`);
    const database = await openDatabase({ databaseUrl, poolSize: 2 });
    try {
      await migrateDatabase(database);
    } finally {
      await database.close();
    }
    // Reports a previous run filed (they carry an idempotency key; loaded ones do not) go again.
    await withClient(databaseUrl, (c) =>
      c.query('delete from laksa_report where idempotency_key is not null'),
    );
  }
  return describe(databaseUrl, opts.reports, reused);
}

async function readMeta(databaseUrl: string): Promise<{ version: number; reports: number } | null> {
  return withClient(databaseUrl, async (c) => {
    const { rows } = await c
      .query<{ value: { version: number; reports: number } }>(
        `select value from bench.fixture where key = 'live'`,
      )
      .catch(() => ({ rows: [] as { value: { version: number; reports: number } }[] }));
    return rows[0]?.value ?? null;
  });
}

async function build(databaseUrl: string, reports: number, log: (line: string) => void) {
  const started = Date.now();
  const database = await openDatabase({ databaseUrl, poolSize: 2 });
  try {
    await migrateDatabase(database);
    await onboardRegion(database, { code: REGION_CODE, actor: 'bench' });
  } finally {
    await database.close();
  }
  const hash = await hashPassword('bench-password-not-used');
  await withClient(databaseUrl, async (c) => {
    const [r] = (await c.query<{ id: string }>('select id from region where code = $1', [REGION_CODE])).rows;
    const regionId = r!.id;
    await c.query(
      `update region_module set settings = settings || '{"reportsPerHour": 100000}'::jsonb where module_id = 'laksa'`,
    );
    await addAccounts(c, regionId, hash, 500);
    const indexes = [
      ...(await dropSecondaryIndexes(c, 'laksa_report')),
      ...(await dropSecondaryIndexes(c, 'laksa_report_opd')),
    ];
    const spec = BENCH_REGIONS.find((s) => s.code === REGION_CODE)!;
    await loadRegion(c, regionId, spec, reports, 7);
    log(
      `  loaded ${reports.toLocaleString('en-US')} reports into ${REGION_CODE} in ${secondsSince(started)} s`,
    );
    await c.query(
      `insert into laksa_report_opd (region_id, report_id, opd_id, active, assigned_at)
       select r.region_id, r.id, rr.opd_id, true, r.disposed_at
       from laksa_report r
       join laksa_routing_rule rr on rr.region_id = r.region_id and rr.category_id = r.category_id and rr.kecamatan is null
       where r.disposed_at is not null`,
    );
    await c.query(`insert into laksa_ticket_counter (region_id, year, last)
      select region_id, 2000 + split_part(ticket, '-', 3)::int, max(split_part(ticket, '-', 4)::int)
      from laksa_report group by 1, 2
      on conflict (region_id, year) do update set last = excluded.last`);
    await c.query(`set maintenance_work_mem = '1GB'`);
    for (const def of indexes) await c.query(def);
    await c.query(rebuildStatsSql);
    await c.query('vacuum (analyze) laksa_report, laksa_report_opd, laksa_stat_day, laksa_stat_intake');
    await c.query('create schema if not exists bench');
    await c.query('create table if not exists bench.fixture (key text primary key, value jsonb not null)');
    await c.query(
      `insert into bench.fixture values ('live', $1) on conflict (key) do update set value = excluded.value`,
      [JSON.stringify({ version: FIXTURE_VERSION, reports })],
    );
  });
  log(`  built in ${secondsSince(started)} s (reports, OPD assignments, indexes, rollups)`);
}

async function describe(databaseUrl: string, reports: number, reused: boolean): Promise<LiveFixture> {
  const base = await withClient(databaseUrl, async (c) => {
    const [r] = (
      await c.query<{ id: string; slug: string; code: string }>(
        'select id, slug, code from region where code = $1',
        [REGION_CODE],
      )
    ).rows;
    const users = (
      await c.query<{ id: string; email: string }>(
        `select id, email from app_user where email like '%.bench@uji.simpul.local'`,
      )
    ).rows;
    const [cat] = (
      await c.query<{ id: string }>(
        `select id from laksa_category where code = 'jalan-rusak' and region_id = $1`,
        [r!.id],
      )
    ).rows;
    await c.query('delete from session where user_agent = $1', [SESSION_AGENT]);
    return { region: r!, users, categoryId: cat!.id };
  });
  const database = await openDatabase({ databaseUrl, poolSize: 2 });
  try {
    const headers = await asPlatform(
      database,
      { actor: 'bench', action: 'bench.sessions', reason: 'LIVE Room benchmark sessions' },
      async (tx) => {
        const out: Record<string, { cookie: string; 'x-csrf-token': string }> = {};
        for (const u of base.users) {
          const s = await createSession(tx, base.region.id, u.id, SESSION_AGENT);
          out[u.email.startsWith('operator') ? 'operator' : 'citizen'] = {
            cookie: `${SESSION_COOKIE}=${s.token}`,
            'x-csrf-token': s.csrfToken,
          };
        }
        return out;
      },
    );
    return {
      databaseUrl,
      region: base.region,
      reports,
      operator: headers.operator!,
      citizen: headers.citizen!,
      categoryId: base.categoryId,
      reused,
    };
  } finally {
    await database.close();
  }
}

const secondsSince = (t: number) => ((Date.now() - t) / 1000).toFixed(0);

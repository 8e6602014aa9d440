/**
 * `npm run bench:izin`: Perizinan at scale on the real PostgreSQL.
 *
 * One region (Kota Tangerang, 36.71) with 100,000 applications across the starter types and every
 * state (20 % waiting at the front office, a third issued with their documents), and a second
 * region with a tenth of that, so row-level security has rows to filter out. Loaded with
 * generate_series in a database of its own (`simpul_bench_izin`), then ANALYZE.
 *
 * Measured one request at a time through the module's own functions in `inRegion` (the same
 * transaction, RLS scope and queries as the HTTP handlers):
 *   1. a front-office clerk's inbox (`inbox`, 50 oldest), the step's own query;
 *   2. the public verification page's lookup (`findDocumentByCode` + state) for random permits.
 * Beside each, pgbench runs the same SQL text in the same BEGIN + RLS scope + COMMIT, -M prepared.
 */
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { openDatabase } from '../../api/core/db/client';
import { migrateDatabase } from '../../api/core/db/migrate';
import { inRegion } from '../../api/core/db/scope';
import { documentState, findDocumentByCode } from '../../api/core/documents/service';
import { onboardRegion } from '../../api/core/regions/onboard';
import { izinStaff } from '../../api/modules/perizinan/schema';
import { inbox, inboxQuery } from '../../api/modules/perizinan/views';
import { pgbenchScript, runPgbench, timeIt, withDb } from '../pgbench';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB = 'simpul_bench_izin';
const APPLICATIONS = Number(process.env.IZIN_APPLICATIONS ?? 100_000);
const ITERATIONS = Number(process.env.IZIN_ITERATIONS ?? 1000);
const PGBENCH_SECONDS = Number(process.env.IZIN_PGBENCH_SECONDS ?? 10);
const SAMPLE = 200;
const log = (s = '') => process.stdout.write(`${s}\n`);
const ms = (n: number) => `${n.toFixed(2)} ms`;

/** Applications in every state, a third issued with a document, as one INSERT … SELECT per table. */
async function load(client: pg.Client, regionId: string, n: number) {
  const t0 = Date.now();
  await client.query('set role postgres');
  await client.query(
    `insert into izin_application (region_id, id, number, type_id, type_version, applicant_id, applicant_kind,
       applicant_name, nik, form, state, step_opd_id, submitted_at, complete_at, due_at, created_at, updated_at)
     select $1, md5($1::text || g::text)::uuid, 'REG-2026-' || lpad(g::text, 6, '0'), t.id, t.current_version,
       md5('u' || (g % 20000)::text)::uuid, 'individual', 'Pemohon ' || g, '3671011505980001', '{}'::jsonb,
       s.state, case when s.state in ('submitted','payment','approval','signing') then t.opd_id end,
       now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval,
       now() + interval '5 days', now() - (g || ' minutes')::interval, now()
     from generate_series(1, $2) g
     cross join lateral (select * from izin_type where region_id = $1 order by code offset (g % 3) limit 1) t
     cross join lateral (select (array['submitted','submitted','approval','signing','payment','issued','issued','issued','rejected','withdrawn'])[1 + g % 10] as state) s`,
    [regionId, n],
  );
  await client.query(
    `insert into issued_document (region_id, id, kind, number, holder_name, subject_id, status, valid_from, valid_until, code, issued_at)
     select a.region_id, md5('d' || a.id::text)::uuid, 'perizinan.izin', '503/' || a.number, a.applicant_name, a.id,
       case when random() < 0.02 then 'revoked' else 'valid' end, current_date, current_date + 365,
       substr(translate(encode(sha256(a.id::text::bytea), 'base64'), '+/=', '-_x'), 1, 16), now()
     from izin_application a where a.region_id = $1 and a.state = 'issued'`,
    [regionId],
  );
  await client.query(
    `update izin_application a set document_id = md5('d' || a.id::text)::uuid where a.region_id = $1 and a.state = 'issued'`,
    [regionId],
  );
  log(`  ${n} applications loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function main() {
  log(
    `Perizinan bench: ${APPLICATIONS} applications in one region (PostgreSQL ${ADMIN_URL.replace(/\/\/[^@]*@/, '//')})`,
  );
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${DB} with (force)`);
  await admin.query(`create database ${DB}`);
  await admin.end();
  const url = withDb(ADMIN_URL, DB);
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await migrateDatabase(database);
    const { region } = await onboardRegion(database, { code: '36.71', actor: 'bench' });
    const { region: other } = await onboardRegion(database, { code: '33.01', actor: 'bench' });
    await load(client, region.id, APPLICATIONS);
    await load(client, other.id, APPLICATIONS / 10);
    await client.query('vacuum analyze');
    const version = (await client.query('show server_version')).rows[0].server_version;
    log(`  PostgreSQL ${version}; ANALYZE done`);

    // A front-office clerk of DPMPTSP.
    const [dpmptsp] = (
      await client.query(`select id from opd where region_id = $1 and code = 'dpmptsp'`, [region.id])
    ).rows;
    const clerk = '00000000-0000-4000-8000-00000000f001';
    await inRegion(database, { regionId: region.id }, (tx) =>
      tx
        .insert(izinStaff)
        .values({ regionId: region.id, userId: clerk, step: 'front_office', opdId: dpmptsp.id }),
    );
    const scope = { regionId: region.id };
    const opts = { step: 'front_office' as const, limit: 50, offset: 0 };
    const waiting = (
      await client.query(
        `select count(*)::int as n from izin_application where region_id = $1 and state = 'submitted'`,
        [region.id],
      )
    ).rows[0].n;

    // 1. The step's inbox.
    const inboxApp = await timeIt(ITERATIONS, () =>
      inRegion(database, scope, (tx) => inbox(tx, clerk, opts)),
    );
    const dialect = new PgDialect({ casing: 'snake_case' });
    const inboxSql = dialect.sqlToQuery(
      inboxQuery(database.db as never, [{ step: 'front_office', opdId: dpmptsp.id }], opts).getSQL(),
    );
    const inboxBench = runPgbench(PGBENCH_SECONDS, url, pgbenchScript(region.id, [inboxSql]), 'izin-inbox');

    // 2. The public verification page.
    const codes = (
      await client.query(
        `select code from issued_document where region_id = $1 order by md5(id::text) limit ${SAMPLE}`,
        [region.id],
      )
    ).rows.map((r) => r.code as string);
    const checkApp = await timeIt(ITERATIONS, (i) =>
      inRegion(database, scope, async (tx) => {
        const doc = await findDocumentByCode(tx, codes[i % SAMPLE]!);
        return doc && documentState(doc, '2026-12-05');
      }),
    );
    const checkBench = runPgbench(
      PGBENCH_SECONDS,
      url,
      pgbenchScript(
        region.id,
        codes.map((code) => ({ sql: 'select * from issued_document where code = $1', params: [code] })),
      ),
      'izin-check',
    );

    log();
    log(
      `front-office inbox: ${waiting} applications waiting at the step; verification: ${codes.length} sampled permit codes`,
    );
    log('| query (one at a time) | app p50 | app p99 | pgbench p50 | pgbench p99 | target p99 |');
    log('|---|---|---|---|---|---|');
    log(
      `| step inbox (50 oldest) | ${ms(inboxApp.p50)} | ${ms(inboxApp.p99)} | ${ms(inboxBench.p50)} | ${ms(inboxBench.p99)} | ≤ 50 ms |`,
    );
    log(
      `| public verification (by QR code) | ${ms(checkApp.p50)} | ${ms(checkApp.p99)} | ${ms(checkBench.p50)} | ${ms(checkBench.p99)} | ≤ 20 ms |`,
    );
    log();
    log(
      `app: ${ITERATIONS} calls each through the module's functions in inRegion (BEGIN + scope + query + COMMIT)`,
    );
    log(
      `pgbench: -M prepared -c 1 -T ${PGBENCH_SECONDS}: ${inboxBench.n}/${checkBench.n} transactions (BEGIN + scope + query + COMMIT)`,
    );
  } finally {
    await client.end();
    await database.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

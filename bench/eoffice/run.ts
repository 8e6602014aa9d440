/**
 * `npm run bench:eoffice`: eOffice at a province's scale on the real PostgreSQL.
 *
 * One region (Kota Tangerang, 36.71) with 50 OPDs of 20 positions each, 2,000,000 signed or
 * registered letters over five years (one recipient each, a review step each) and 5,000,000
 * dispositions, loaded with generate_series in a database of its own (`simpul_bench_eoffice`), then
 * VACUUM ANALYZE. Scale with EOFFICE_LETTERS (dispositions follow at 2.5 per letter).
 *
 * Measured one request at a time through the module's own functions in `inRegion` (the same
 * transaction, RLS scope and SQL as the HTTP handlers):
 *   1. a busy position's inbox (the head of an OPD: every letter to the OPD is addressed to them);
 *   2. archive searches as the region's archivist: a common word, a rare one, one found nowhere,
 *      two words, and a letter number; the worst term is printed on its own line.
 * Beside each, pgbench runs the same SQL text in the same BEGIN + RLS scope + COMMIT, -M prepared.
 * Targets: inbox p99 ≤ 50 ms, archive search p99 ≤ 100 ms.
 */
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { openDatabase } from '../../api/core/db/client';
import { migrateDatabase } from '../../api/core/db/migrate';
import { inRegion } from '../../api/core/db/scope';
import { onboardRegion } from '../../api/core/regions/onboard';
import { type Viewer, viewerOf } from '../../api/modules/eoffice/access';
import { archiveSql, searchArchive } from '../../api/modules/eoffice/archive';
import { inbox, inboxSql } from '../../api/modules/eoffice/inbox';
import { pgbenchScript, runPgbench, timeIt, withDb } from '../pgbench';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB = 'simpul_bench_eoffice';
const LETTERS = Number(process.env.EOFFICE_LETTERS ?? 2_000_000);
const DISPOSITIONS = Math.round(LETTERS * 2.5);
const OPDS = 50;
const PER_OPD = 20;
const ITERATIONS = Number(process.env.EOFFICE_ITERATIONS ?? 300);
const PGBENCH_SECONDS = Number(process.env.EOFFICE_PGBENCH_SECONDS ?? 8);
const log = (s = '') => process.stdout.write(`${s}\n`);
const ms = (n: number) => `${n.toFixed(2)} ms`;
const WORDS = [
  'rapat',
  'koordinasi',
  'anggaran',
  'laporan',
  'undangan',
  'permohonan',
  'data',
  'kegiatan',
  'evaluasi',
  'pelaksanaan',
];

async function step(client: pg.Client, label: string, text: string, params: unknown[]) {
  const t0 = Date.now();
  await client.query(text, params);
  log(`  ${label} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** Offices, positions (a head, 4 kabid, 15 staff under them), letters, recipients, reviews, dispositions. */
async function load(client: pg.Client, regionId: string) {
  await client.query('set role postgres');
  await step(
    client,
    `${OPDS} OPDs`,
    `insert into opd (region_id, id, code, name, short_name)
      select $1, md5('o' || g)::uuid, 'opd' || g, 'Dinas Bench ' || g, 'DB' || g from generate_series(1, ${OPDS}) g
      on conflict do nothing`,
    [regionId],
  );
  await step(
    client,
    `${OPDS * PER_OPD} positions`,
    `insert into eoffice_position (region_id, id, opd_id, title, level, parent_id)
      select $1, md5('p' || o || '-' || k)::uuid, md5('o' || o)::uuid, 'Jabatan ' || k || ' DB' || o,
        case when k = 0 then 'kepala' when k <= 4 then 'kabid' else 'staf' end,
        case when k = 0 then null when k <= 4 then md5('p' || o || '-0')::uuid else md5('p' || o || '-' || (1 + k % 4))::uuid end
      from generate_series(1, ${OPDS}) o, generate_series(0, ${PER_OPD - 1}) k order by k`,
    [regionId],
  );
  await step(
    client,
    `${LETTERS.toLocaleString('en-US')} letters`,
    `insert into eoffice_letter (region_id, id, direction, type, status, opd_id,
        from_position_id, subject, body, body_text, classification_code, confidentiality, number, signed_at, dated, signer_position_id, created_at, updated_at)
      select $1, md5('l' || g)::uuid, 'out', 'nota_dinas', 'signed', md5('o' || (1 + g % ${OPDS}))::uuid,
        md5('p' || (1 + g % ${OPDS}) || '-' || (5 + g % 15))::uuid,
        w1 || ' ' || w2 || ' nomor ' || g, '<p>' || w2 || ' ' || w1 || ' tahun anggaran berjalan ' || g || '</p>',
        w2 || ' ' || w1 || ' tahun anggaran berjalan ' || g, '000.1.2', case when g % 20 = 0 then 'rahasia' else 'biasa' end,
        '000.1.2/' || g || '/OPD' || (1 + g % ${OPDS}) || '/2026',
        d::timestamptz, d, md5('p' || (1 + g % ${OPDS}) || '-0')::uuid, d::timestamptz, d::timestamptz
      from generate_series(1, ${LETTERS}) g,
        lateral (select (array[${WORDS.map((w) => `'${w}'`).join(',')}])[1 + g % ${WORDS.length}] as w1,
                        (array[${WORDS.map((w) => `'${w}'`).join(',')}])[1 + (g / 7) % ${WORDS.length}] as w2,
                        (date '2026-12-01' - (g % 1800)) as d) x`,
    [regionId],
  );
  await step(
    client,
    'recipients',
    `insert into eoffice_recipient (region_id, letter_id, kind, position_id, agenda_number, delivered_at, read_at, done_at)
      select $1, md5('l' || g)::uuid, 'to', md5('p' || (1 + (g * 7) % ${OPDS}) || '-0')::uuid, g || '/AG', now() - (g % 1800) * interval '1 day',
        now(), case when g % 200 = 0 then null else now() end
      from generate_series(1, ${LETTERS}) g`,
    [regionId],
  );
  await step(
    client,
    'review steps',
    `insert into eoffice_review (region_id, letter_id, round, seq, position_id, role, state, acted_at)
      select $1, md5('l' || g)::uuid, 1, 1, md5('p' || (1 + g % ${OPDS}) || '-0')::uuid, 'sign', 'signed', now()
      from generate_series(1, ${LETTERS}) g`,
    [regionId],
  );
  await step(
    client,
    `${DISPOSITIONS.toLocaleString('en-US')} dispositions`,
    `insert into eoffice_disposition (region_id, letter_id, from_position_id, to_position_id,
        note, due_on, state, created_by, created_at)
      select $1, md5('l' || (1 + g % ${LETTERS}))::uuid, md5('p' || o || '-0')::uuid, md5('p' || o || '-' || (1 + g % 19))::uuid,
        'Tindak lanjuti', date '2026-12-01' - (g % 1800) + 5, case when g % 100 = 0 then 'open' else 'done' end,
        md5('u')::uuid, now() - (g % 1800) * interval '1 day'
      from generate_series(1, ${DISPOSITIONS}) g, lateral (select 1 + ((1 + g % ${LETTERS}) * 7) % ${OPDS} as o) x`,
    [regionId],
  );
}

async function main() {
  log(
    `eOffice bench: ${LETTERS.toLocaleString('en-US')} letters, ${DISPOSITIONS.toLocaleString('en-US')} dispositions, ${OPDS} OPDs (PostgreSQL)`,
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
    await onboardRegion(database, { code: '33.01', actor: 'bench' });
    await load(client, region.id);
    const t0 = Date.now();
    await client.query('vacuum analyze');
    log(`  VACUUM ANALYZE in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const version = (await client.query('show server_version')).rows[0].server_version;
    log(`  PostgreSQL ${version}`);

    const scope = { regionId: region.id };
    const dialect = new PgDialect({ casing: 'snake_case' });
    const head = '00000000-0000-4000-8000-00000000e0f1';
    const headPosition = (await client.query(`select md5('p1-0')::uuid as id`)).rows[0].id as string;
    await client.query(
      `insert into app_user (region_id, id, name, password_hash) values ($1, $2, 'Kepala Bench', 'x')`,
      [region.id, head],
    );
    await client.query(
      `insert into eoffice_assignment (region_id, position_id, user_id, starts_on) values ($1, $2, $3, '2020-01-01')`,
      [region.id, headPosition, head],
    );
    const received = (
      await client.query(
        `select count(*)::int as n from eoffice_recipient where region_id = $1 and position_id = $2`,
        [region.id, headPosition],
      )
    ).rows[0].n;
    const viewer: Viewer = await inRegion(database, scope, (tx) =>
      viewerOf(tx, { id: head, name: 'Kepala' }, '2026-12-05', new Set()),
    );
    const archivist: Viewer = { ...viewer, held: [], reach: [], archive: 'all' };

    const rows: string[] = [];
    const run = async (
      label: string,
      app: () => Promise<unknown>,
      sqlObj: ReturnType<typeof inboxSql>,
      target: string,
      name: string,
    ) => {
      const a = await timeIt(ITERATIONS, app);
      const q = dialect.sqlToQuery(sqlObj!);
      const b = runPgbench(PGBENCH_SECONDS, url, pgbenchScript(region.id, [q]), name);
      rows.push(`| ${label} | ${ms(a.p50)} | ${ms(a.p99)} | ${ms(b.p50)} | ${ms(b.p99)} | ${target} |`);
      return a.p99;
    };
    const todo = { box: 'todo' as const, limit: 30 };
    await run(
      'position inbox: to do (head of an OPD)',
      () => inRegion(database, scope, (tx) => inbox(tx, viewer, todo)),
      inboxSql(viewer, todo),
      '≤ 50 ms',
      'eo-inbox',
    );
    const done = { box: 'done' as const, limit: 30 };
    await run(
      'position inbox: done',
      () => inRegion(database, scope, (tx) => inbox(tx, viewer, done)),
      inboxSql(viewer, done),
      '≤ 50 ms',
      'eo-done',
    );

    const terms: [string, Record<string, string>][] = [
      ['common word (rapat)', { q: 'rapat' }],
      ['two words (anggaran evaluasi)', { q: 'anggaran evaluasi' }],
      ['rare (a letter number word 1234567)', { q: '1234567' }],
      ['absent (lampuu)', { q: 'lampuu' }],
      ['by number (000.1.2/77777/)', { number: '000.1.2/77777/' }],
      ['no words, newest first', {}],
    ];
    let worst = { label: '', p99: 0 };
    for (const [label, extra] of terms) {
      const q = { limit: 30, offset: 0, ...extra };
      const p99 = await run(
        `archive: ${label}`,
        () => inRegion(database, scope, (tx) => searchArchive(tx, archivist, q)),
        archiveSql(archivist, q, null),
        '≤ 100 ms',
        'eo-archive',
      );
      if (p99 > worst.p99) worst = { label, p99 };
    }
    log();
    log(`the head's position has received ${received.toLocaleString('en-US')} letters`);
    log('| query (one at a time) | app p50 | app p99 | pgbench p50 | pgbench p99 | target p99 |');
    log('|---|---|---|---|---|---|');
    for (const r of rows) log(r);
    log();
    log(`worst archive term: ${worst.label}, app p99 ${ms(worst.p99)} (target ≤ 100 ms)`);
    log(
      `app: ${ITERATIONS} calls each through the module's functions in inRegion (BEGIN + scope + query + COMMIT)`,
    );
    log(`pgbench: -M prepared -c 1 -T ${PGBENCH_SECONDS} (BEGIN + scope + the same SQL + COMMIT)`);
  } finally {
    await client.end();
    await database.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/**
 * `npm run bench:kerja`: Siap Kerja's matching at scale on the real PostgreSQL.
 *
 * One region (Kota Tangerang, 36.71) with 200,000 job seekers, 2,000 employers, 20,000 open
 * vacancies and 420,000 applications (20 per vacancy, one "hot" vacancy with 20,000), plus a
 * second region with a tenth of that so row-level security has rows to filter out. Loaded with
 * generate_series in a fresh database of its own (`simpul_bench_kerja`), then ANALYZE.
 *
 * Measured, one request at a time, through the module's own functions in `inRegion` (the same
 * transaction, RLS scope and queries as the HTTP handlers, without Fastify):
 *   1. a seeker's "Cocok untukmu" page: `searchVacancies(sort=cocok, limit=20)` for random seekers
 *      (every open vacancy scored in SQL, top 20 with explanations);
 *   2. an employer's ranked applicant list: `rankedApplicants(limit=50)` for random vacancies, and
 *      for the hot vacancy.
 * Beside each, pgbench runs the same SQL text (drizzle's, rendered with the values of 200 sampled
 * seekers / vacancies as pgbench arrays) in the same BEGIN + RLS scope + COMMIT, -M prepared, one
 * client, and its per-transaction log gives p50/p99 the same way.
 */
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { openDatabase } from '../../api/core/db/client';
import { migrateDatabase } from '../../api/core/db/migrate';
import { inRegion } from '../../api/core/db/scope';
import { onboardRegion } from '../../api/core/regions/onboard';
import { applicantsSql, rankedApplicants } from '../../api/modules/siap-kerja/applications';
import { seekerValues, vacancyValues } from '../../api/modules/siap-kerja/matching';
import { searchVacancies, vacancyPageSql } from '../../api/modules/siap-kerja/search';
import { vacancySearch } from '../../shared/modules/siap-kerja';
import { pgbenchScript, runPgbench, timeIt, withDb } from '../pgbench';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB = 'simpul_bench_kerja';
const SEEKERS = Number(process.env.KERJA_SEEKERS ?? 200_000);
const VACANCIES = Number(process.env.KERJA_VACANCIES ?? 20_000);
const EMPLOYERS = 2_000;
const PER_VACANCY = 20;
const HOT = 20_000;
const ITERATIONS = Number(process.env.KERJA_ITERATIONS ?? 500);
const PGBENCH_SECONDS = Number(process.env.KERJA_PGBENCH_SECONDS ?? 15);
const SAMPLE = 200;

const log = (s = '') => process.stdout.write(`${s}\n`);
const ms = (n: number) => `${n.toFixed(2)} ms`;

const SKILLS = [
  'forklift',
  'stok barang',
  'microsoft excel',
  'administrasi',
  'komunikasi',
  'mengemudi',
  'sim b1',
  'mesin produksi',
  'k3',
  'akuntansi',
  'penjualan',
  'kasir',
  'las',
  'listrik',
  'jahit',
  'memasak',
  'pemrograman',
  'desain grafis',
  'bahasa inggris',
  'customer service',
  'gudang',
  'logistik',
  'perawatan mesin',
  'quality control',
  'ppic',
  'marketing digital',
  'barista',
  'satpam',
  'kebersihan',
  'sopir',
];

/** Bulk load through the superuser (no RLS), all in SQL. */
async function load(client: pg.Client, regionId: string, scale: number, tag: string) {
  const seekers = Math.round(SEEKERS * scale);
  const vacancies = Math.round(VACANCIES * scale);
  const employers = Math.max(10, Math.round(EMPLOYERS * scale));
  const skills = `array[${SKILLS.map((s) => `'${s}'`).join(',')}]::text[]`;
  const kec = `(select array_agg(code order by code) from region_area where region_id = '${regionId}' and level = 'kecamatan')`;
  const t0 = Date.now();
  await client.query(`
    insert into app_user (region_id, id, name, password_hash, created_at)
    select '${regionId}', md5('${tag}u' || g)::uuid, 'Pencaker ' || g, 'x', now()
    from generate_series(1, ${seekers + employers}) g`);
  await client.query(`
    with k as (select ${kec} as codes)
    insert into siap_kerja_seeker (region_id, id, user_id, nik, name, birth_place, birth_date, sex, marital_status,
      religion, address, kecamatan, education, education_rank, skills, experience_years, pref_kecamatan,
      pref_salary_min, pref_types, created_at, updated_at)
    select '${regionId}', md5('${tag}s' || g)::uuid, md5('${tag}u' || g)::uuid,
      '3671' || lpad(g::text, 12, '0'), 'Pencaker ' || g, 'Tangerang',
      date '1975-01-01' + (g % 10000), case when g % 2 = 0 then 'L' else 'P' end, 'belum_kawin', 'islam',
      'Jl. Uji ' || g, k.codes[1 + g % cardinality(k.codes)],
      (array['sd','smp','sma','smk','d3','s1','s2'])[1 + (g * 7) % 7], (array[1,2,3,3,4,5,6])[1 + (g * 7) % 7],
      array(select (${skills})[1 + ((g * 31 + i * 17) % ${SKILLS.length})] from generate_series(1, 2 + g % 4) i),
      (g * 13) % 12,
      case when g % 3 = 0 then array[k.codes[1 + (g + 1) % cardinality(k.codes)]] else '{}' end,
      case when g % 4 = 0 then 4000000 + (g % 5) * 500000 else null end,
      case when g % 5 = 0 then array['penuh_waktu'] else '{}' end,
      now() - make_interval(days => g % 365), now()
    from generate_series(1, ${seekers}) g, k`);
  await client.query(`
    with k as (select ${kec} as codes)
    insert into siap_kerja_employer (region_id, id, owner_user_id, name, nib, kbli, sector, address, kecamatan,
      contact_name, contact_phone, status, verified_at)
    select '${regionId}', md5('${tag}e' || g)::uuid, md5('${tag}u' || (${seekers} + g))::uuid, 'PT Uji ' || g,
      lpad(g::text, 13, '0'), '52101', (array['Manufaktur','Logistik','Perdagangan','Jasa','Konstruksi'])[1 + g % 5],
      'Jl. Industri ' || g, k.codes[1 + g % cardinality(k.codes)], 'HRD ' || g, '+628130000' || lpad(g::text, 4, '0'),
      'terverifikasi', now()
    from generate_series(1, ${employers}) g, k`);
  await client.query(`
    with k as (select ${kec} as codes)
    insert into siap_kerja_vacancy (region_id, id, employer_id, title, position, description, count, valid_from,
      valid_until, education, education_rank, skills, experience_years, wage_min, wage_max, kecamatan, location,
      type, status, published_at, created_at)
    select '${regionId}', md5('${tag}v' || g)::uuid, md5('${tag}e' || (1 + g % ${employers}))::uuid,
      'Lowongan ' || g, 'Posisi ' || (g % 50), 'Deskripsi lowongan uji ' || g, 1 + g % 10,
      current_date - (g % 30), current_date + 30 + (g % 60),
      (array['sd','smp','sma','smk','d3','s1','s2'])[1 + (g * 3) % 7], (array[1,2,3,3,4,5,6])[1 + (g * 3) % 7],
      array(select (${skills})[1 + ((g * 11 + i * 7) % ${SKILLS.length})] from generate_series(1, 1 + g % 4) i),
      g % 6, 4000000 + (g % 8) * 250000, 4500000 + (g % 8) * 500000, k.codes[1 + (g * 5) % cardinality(k.codes)],
      'Kawasan uji', (array['penuh_waktu','kontrak','paruh_waktu','magang','harian'])[1 + g % 5], 'terbuka',
      now() - make_interval(mins => g), now() - make_interval(mins => g)
    from generate_series(1, ${vacancies}) g, k`);
  // 20 applicants per vacancy (distinct seekers per vacancy), and one hot vacancy.
  await client.query(`
    insert into siap_kerja_application (region_id, vacancy_id, seeker_id, status, created_at, updated_at)
    select '${regionId}', md5('${tag}v' || v)::uuid, md5('${tag}s' || (1 + (v * 7919 + j * 9973) % ${seekers}))::uuid,
      (array['dilamar','dilamar','disaring','wawancara','ditolak'])[1 + (v + j) % 5], now(), now()
    from generate_series(2, ${vacancies}) v, generate_series(1, ${PER_VACANCY}) j
    on conflict do nothing`);
  const hot = Math.min(Math.round(HOT * scale), seekers);
  await client.query(`
    insert into siap_kerja_application (region_id, vacancy_id, seeker_id, created_at, updated_at)
    select '${regionId}', md5('${tag}v1')::uuid, md5('${tag}s' || g)::uuid, now(), now()
    from generate_series(1, ${hot}) g`);
  log(
    `  ${tag}: ${seekers} seekers, ${employers} employers, ${vacancies} open vacancies, applications loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
}

async function main() {
  log(
    `Siap Kerja bench: ${SEEKERS} seekers, ${VACANCIES} open vacancies in one region (PostgreSQL ${ADMIN_URL.replace(/\/\/[^@]*@/, '//')})`,
  );
  const reuse = process.env.KERJA_REUSE === '1';
  if (!reuse) {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${DB} with (force)`);
    await admin.query(`create database ${DB}`);
    await admin.end();
  }
  const url = withDb(ADMIN_URL, DB);
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    let region: { id: string };
    // A reused database takes the migrations added since it was loaded, so it measures this code.
    await migrateDatabase(database);
    if (reuse) {
      region = (await client.query(`select id from region where code = '36.71'`)).rows[0];
      log('  reusing the loaded database (KERJA_REUSE=1), migrated');
    } else {
      region = (await onboardRegion(database, { code: '36.71', actor: 'bench' })).region;
      const { region: other } = await onboardRegion(database, { code: '33.01', actor: 'bench' });
      await load(client, region.id, 1, 'a');
      await load(client, other.id, 0.1, 'b');
      await client.query('vacuum analyze');
    }
    const version = (await client.query('show server_version')).rows[0].server_version;
    log(`  PostgreSQL ${version}; ANALYZE done`);

    const sampleSeekers = (
      await client.query(
        `select user_id, education_rank, skills, kecamatan, experience_years, pref_kecamatan, pref_salary_min, pref_types
         from siap_kerja_seeker where region_id = $1 order by md5(id::text) limit ${SAMPLE}`,
        [region.id],
      )
    ).rows;
    const sampleVacancies = (
      await client.query(
        `select v.id, v.education_rank, v.skills, v.kecamatan, v.experience_years, v.wage_max, v.type, e.owner_user_id
         from siap_kerja_vacancy v join siap_kerja_employer e on e.region_id = v.region_id and e.id = v.employer_id
         where v.region_id = $1 and v.id <> md5('av1')::uuid order by md5(v.id::text) limit ${SAMPLE}`,
        [region.id],
      )
    ).rows;
    const [hot] = (
      await client.query(
        `select v.id, v.education_rank, v.skills, v.kecamatan, v.experience_years, v.wage_max, v.type, e.owner_user_id,
           (select count(*) from siap_kerja_application a where a.vacancy_id = v.id)::int as applicants
         from siap_kerja_vacancy v join siap_kerja_employer e on e.region_id = v.region_id and e.id = v.employer_id
         where v.id = md5('av1')::uuid`,
      )
    ).rows;
    const scope = { regionId: region.id };
    const q = vacancySearch.parse({ sort: 'cocok', limit: 20 });
    const today = (await client.query("select to_char(now() at time zone 'Asia/Jakarta', 'YYYY-MM-DD') as d"))
      .rows[0].d;

    // 1. The seeker's matched-vacancy page.
    const seekerApp = await timeIt(ITERATIONS, (i) =>
      inRegion(database, scope, (tx) => searchVacancies(tx, sampleSeekers[i % SAMPLE].user_id, q)),
    );
    const dialect = new PgDialect({ casing: 'snake_case' });
    const toSide = (s: (typeof sampleSeekers)[number]) =>
      seekerValues({
        educationRank: s.education_rank,
        skills: s.skills,
        kecamatan: s.kecamatan,
        experienceYears: s.experience_years,
        prefKecamatan: s.pref_kecamatan,
        prefSalaryMin: s.pref_salary_min,
        prefTypes: s.pref_types,
      });
    const seekerBench = runPgbench(
      PGBENCH_SECONDS,
      url,
      pgbenchScript(
        region.id,
        sampleSeekers.map((s) => dialect.sqlToQuery(vacancyPageSql(toSide(s), q, today))),
      ),
      'seeker',
    );
    const sample = dialect.sqlToQuery(vacancyPageSql(toSide(sampleSeekers[0]), q, today));
    await client.query('begin');
    await client.query(
      `select set_config('role', 'simpul_app', true), set_config('app.region_id', $1, true)`,
      [region.id],
    );
    const plan = (await client.query(`explain (analyze, costs off) ${sample.sql}`, sample.params)).rows.map(
      (r) => r['QUERY PLAN'] as string,
    );
    await client.query('rollback');
    const opts = { limit: 50, offset: 0 };
    // 2. The employer's ranked applicant list (typical vacancy, then the hot one).
    const employerApp = await timeIt(ITERATIONS, (i) => {
      const v = sampleVacancies[i % SAMPLE];
      return inRegion(database, scope, (tx) =>
        rankedApplicants(tx, { id: v.owner_user_id, name: 'HRD' }, v.id, opts),
      );
    });
    const vSide = (v: (typeof sampleVacancies)[number]) =>
      vacancyValues({
        educationRank: v.education_rank,
        skills: v.skills,
        kecamatan: v.kecamatan,
        experienceYears: v.experience_years,
        wageMax: v.wage_max,
        type: v.type,
      });
    const employerBench = runPgbench(
      PGBENCH_SECONDS,
      url,
      pgbenchScript(
        region.id,
        sampleVacancies.map((v) => dialect.sqlToQuery(applicantsSql(vSide(v), v.id, opts))),
      ),
      'employer',
    );
    const hotApp = await timeIt(Math.round(ITERATIONS / 5), () =>
      inRegion(database, scope, (tx) =>
        rankedApplicants(tx, { id: hot.owner_user_id, name: 'HRD' }, hot.id, opts),
      ),
    );
    const hotBench = runPgbench(
      PGBENCH_SECONDS,
      url,
      pgbenchScript(region.id, [dialect.sqlToQuery(applicantsSql(vSide(hot), hot.id, opts))]),
      'hot',
    );

    log('');
    log('| query (one at a time) | app p50 | app p99 | pgbench p50 | pgbench p99 | target p99 |');
    log('| --- | ---: | ---: | ---: | ---: | ---: |');
    const row = (name: string, a: { p50: number; p99: number }, b: { p50: number; p99: number }) =>
      log(`| ${name} | ${ms(a.p50)} | ${ms(a.p99)} | ${ms(b.p50)} | ${ms(b.p99)} | 50 ms |`);
    row(`seeker "Cocok untukmu" page (${VACANCIES} open vacancies scored, top 20)`, seekerApp, seekerBench);
    row(`employer ranked applicants (${PER_VACANCY} per vacancy, top 50)`, employerApp, employerBench);
    row(`employer ranked applicants, hot vacancy (${hot.applicants} applicants, top 50)`, hotApp, hotBench);
    log('');
    log(
      `app: ${seekerApp.n}/${employerApp.n}/${hotApp.n} requests through searchVacancies / rankedApplicants in inRegion (pool of 2);`,
    );
    log(
      `pgbench: -M prepared -c 1 -T ${PGBENCH_SECONDS}: ${seekerBench.n}/${employerBench.n}/${hotBench.n} transactions (BEGIN + scope + query + COMMIT)`,
    );
    log('');
    log('Plan of the seeker page query (EXPLAIN ANALYZE, one sample):');
    for (const line of plan.slice(0, 14)) log(`  ${line}`);
    const failed = [seekerApp, employerApp, hotApp].some((x) => x.p99 > 50);
    if (failed) log('\nNOTE: a p99 is above the 50 ms target.');
  } finally {
    await client.end().catch(() => {});
    await database.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

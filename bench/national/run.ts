/**
 * `npm run bench:national`: does Simpul stay as fast with all 552 regions of Indonesia onboarded as
 * with one? On PostgreSQL, in one run: p50/p99 of the region-scoped read, LAKSA intake and the
 * session check (paths.ts) in Kota Tangerang (36.71) with 1 region onboarded, then in 36.71 and in a
 * region from the middle of the list with all 552 onboarded, each with demo-sized data (fixture.ts).
 * The two databases are measured alternately (NATIONAL_ROUNDS), each by a freshly started server
 * (bench/simpul-server.ts) warmed up before every figure. Targets: p99 at 552 ≤ 1.2 × p99 at 1;
 * onboarding ≤ 10 s per region. Exits 0 whether or not the targets are met; 1 on any error or
 * non-2xx answer.
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../api/config';
import { allRegions } from '../../api/core/regions/area-data';
import { describeRegions, type FixtureRegion, holdEscalation } from '../laksa/fixture';
import {
  cpuTicks,
  int,
  laksaBenchDir,
  log,
  ms,
  packageVersion,
  percentile,
  printTable,
  runBench,
  startServer,
  stop,
  withClient,
} from '../laksa/util';
import { FIRST_REGION, type NationalDb, prepareNational, specOf } from './fixture';
import { loadPath, PATH_LABEL, PATHS, type PathName, verifyPaths } from './paths';

const env = process.env;
const ADMIN_URL = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = env.NATIONAL_DB ?? 'simpul_bench_national';
const REPORTS = Number(env.NATIONAL_REPORTS ?? 3_000);
const CONNECTIONS = Number(env.NATIONAL_CONNECTIONS ?? 8);
const DURATION_S = Number(env.NATIONAL_DURATION ?? 8);
const WARMUP_S = Number(env.NATIONAL_WARMUP ?? 2);
const ROUNDS = Math.max(1, Number(env.NATIONAL_ROUNDS ?? 2));
const TARGET_RATIO = 1.2;
const TARGET_ONBOARD_S = 10;
const POOL_SIZE = loadConfig({}).dbPoolSize;
/** Seconds the server runs idle before measuring (its first scheduler tick is at 15 s); the last 10 are sampled. */
const IDLE_S = Math.max(10, Number(env.NATIONAL_IDLE ?? 20));
const SERVER_NODE_ARGS = (env.NATIONAL_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** The middle of the onboarding list (code order), stepped forward to a kabupaten/kota. */
function middleRegion(): string {
  const codes = allRegions().map((r) => r.code);
  const i = codes.findIndex((c, k) => k >= Math.floor(codes.length / 2) && c.includes('.'));
  return codes[i]!;
}

/** Latencies (ms) per measured target and path, over all rounds. */
type Figure = { lat: number[]; serverMs: number };
type Samples = Map<string, Map<PathName, Figure>>;

async function measure(
  db: NationalDb,
  regions: FixtureRegion[],
  key: (r: FixtureRegion) => string,
  into: Samples,
) {
  const server = await startServer(
    'simpul',
    path.join(laksaBenchDir, '..', 'simpul-server.ts'),
    {
      NODE_ENV: 'production',
      DATABASE_URL: db.databaseUrl,
      SESSION_SECRET: 'bench-session-secret-0123456789abcdef-0123456789',
      DB_POOL_SIZE: String(POOL_SIZE),
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '100000000',
      DATA_DIR: path.join(tmpdir(), 'simpul-bench-national-data'),
    },
    SERVER_NODE_ARGS,
  );
  const base = `http://127.0.0.1:${server.port}`;
  try {
    await idle(db, server.child.pid);
    for (const r of regions) {
      await verifyPaths(base, r);
      const byPath = into.get(key(r)) ?? new Map<PathName, Figure>();
      into.set(key(r), byPath);
      for (const p of PATHS) {
        const { lat, serverMs } = await loadPath(base, p, r, server.child.pid, {
          connections: CONNECTIONS,
          seconds: DURATION_S,
          warmup: WARMUP_S,
        });
        const had = byPath.get(p) ?? { lat: [], serverMs: 0 };
        byPath.set(p, { lat: [...had.lat, ...lat], serverMs: had.serverMs + serverMs });
        const sorted = [...lat].sort((a, b) => a - b);
        log(
          `  ${key(r).padEnd(22)} ${p.padEnd(8)} ${int(lat.length / DURATION_S).padStart(5)} req/s  p50 ${ms(percentile(sorted, 0.5))}  p99 ${ms(percentile(sorted, 0.99))}  server CPU/req ${ms(serverMs / lat.length)}`,
        );
      }
    }
  } finally {
    await stop(server.child);
  }
}

/**
 * The server's own background work (outbox sweep, task scheduler, notification delivery) at rest,
 * sampled after its first scheduler tick (15 s), so every figure is measured at steady state.
 */
async function idle(db: NationalDb, pid: number | undefined) {
  const xacts = () =>
    withClient(db.databaseUrl, async (c) =>
      Number(
        (await c.query('select xact_commit from pg_stat_database where datname = current_database()'))
          .rows[0]!.xact_commit,
      ),
    );
  await sleep(IDLE_S * 1000 - 10_000);
  const [t0, x0] = [cpuTicks(pid), await xacts()];
  await sleep(10_000);
  const [t1, x1] = [cpuTicks(pid), await xacts()];
  const cpu = t0 === null || t1 === null ? '-' : `${((t1 - t0) / 10).toFixed(0)}% of a core`;
  log(
    `  at rest (${IDLE_S - 10}–${IDLE_S} s after start): server CPU ${cpu}, ${int((x1 - x0 - 1) / 10)} transactions/s in ${db.name}`,
  );
}

async function counts(db: NationalDb) {
  return withClient(db.databaseUrl, async (c) => {
    const { rows } = await c.query<Record<string, number>>(
      `select (select count(*) from region)::int as regions, (select count(*) from opd)::int as opd,
        (select count(*) from laksa_category)::int as categories, (select count(*) from region_area)::int as areas,
        (select count(*) from app_user)::int as users, (select count(*) from laksa_report)::int as reports,
        (select count(*) from laksa_report_opd)::int as assignments,
        (select pg_database_size(current_database()))::float8 / 1048576 as mb`,
    );
    return rows[0]!;
  });
}

async function main() {
  const started = Date.now();
  const cpu = cpus();
  const pgVersion = await withClient(
    ADMIN_URL,
    async (c) => (await c.query('show server_version')).rows[0]!.server_version as string,
  );
  log('Simpul national benchmark: 1 region vs all 552 (one run, PostgreSQL)');
  log(
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? '?'}), Node ${process.version}, PostgreSQL ${pgVersion}, autocannon ${packageVersion('autocannon')}; load before the run ${loadavg()[0]!.toFixed(1)}`,
  );
  log(
    `Load: ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s measured per figure, ${ROUNDS} round(s) alternating 1 region / 552; DB pool ${POOL_SIZE}`,
  );
  log();
  log(
    `Preparing ${DB_NAME}_1 (1 region) and ${DB_NAME} (all regions), ${int(REPORTS)} LAKSA reports per region ...`,
  );
  const { one, all } = await prepareNational({
    adminUrl: ADMIN_URL,
    name: DB_NAME,
    reports: REPORTS,
    reuse: env.NATIONAL_REUSE === '1',
    log,
  });
  const middle = middleRegion();
  const oneRegions = await describeRegions(one.databaseUrl, [specOf(FIRST_REGION, REPORTS)]);
  const allRegionsMeasured = await describeRegions(all.databaseUrl, [
    specOf(FIRST_REGION, REPORTS),
    specOf(middle, REPORTS),
  ]);
  for (const db of [one, all]) await holdEscalation(db.databaseUrl);
  const label = (n: number) => (r: FixtureRegion) => `${r.code} @ ${n}`;

  const samples: Samples = new Map();
  for (let round = 1; round <= ROUNDS; round++) {
    log(`Round ${round} of ${ROUNDS}: ${one.name} (${one.meta.regions} region) ...`);
    await measure(one, oneRegions, label(one.meta.regions), samples);
    log(`Round ${round} of ${ROUNDS}: ${all.name} (${all.meta.regions} regions) ...`);
    await measure(all, allRegionsMeasured, label(all.meta.regions), samples);
  }
  await report(samples, { one, all, middle: allRegionsMeasured[1]! }, started);
}

async function report(
  samples: Samples,
  fx: { one: NationalDb; all: NationalDb; middle: FixtureRegion },
  started: number,
) {
  const stats = (key: string, p: PathName) => {
    const f = samples.get(key)?.get(p) ?? { lat: [], serverMs: Number.NaN };
    const sorted = [...f.lat].sort((a, b) => a - b);
    return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), cpu: f.serverMs / sorted.length };
  };
  const oneKey = `${FIRST_REGION} @ ${fx.one.meta.regions}`;
  const rows: string[][] = [];
  const verdicts: boolean[] = [];
  for (const target of [FIRST_REGION, fx.middle.code])
    for (const p of PATHS) {
      const a = stats(oneKey, p);
      const b = stats(`${target} @ ${fx.all.meta.regions}`, p);
      const ratio = b.p99 / a.p99;
      verdicts.push(ratio <= TARGET_RATIO);
      rows.push([
        PATH_LABEL[p],
        target === FIRST_REGION ? `${target} (same)` : `${target} (middle)`,
        ms(a.p50),
        ms(a.p99),
        ms(b.p50),
        ms(b.p99),
        `${ratio.toFixed(2)}×`,
        `${ms(a.cpu)} → ${ms(b.cpu)}`,
        `≤ ${TARGET_RATIO}×`,
        ratio <= TARGET_RATIO ? 'PASS' : 'MISS',
      ]);
    }
  log();
  printTable([
    [
      'path',
      'region at 552',
      'p50 @1',
      'p99 @1',
      'p50 @552',
      'p99 @552',
      'p99 ratio',
      'server CPU/req',
      'target',
      '',
    ],
    ...rows,
  ]);
  const perRegion = (fx.all.meta.onboardSeconds ?? Number.NaN) / (fx.all.meta.onboarded ?? Number.NaN);
  log();
  log(
    `Onboarding (onboardAll, ${fx.all.meta.onboarded} regions${fx.all.reused ? `, measured when the fixture was built ${fx.all.meta.loadedAt}` : ''}): ${fx.all.meta.onboardSeconds?.toFixed(1)} s = ${perRegion.toFixed(3)} s/region   target ≤ ${TARGET_ONBOARD_S} s   ${perRegion <= TARGET_ONBOARD_S ? 'PASS' : 'MISS'}`,
  );
  for (const db of [fx.one, fx.all]) {
    const c = await counts(db);
    log(
      `Rows in ${db.name}: ${int(c.regions!)} regions, ${int(c.opd!)} OPD, ${int(c.categories!)} LAKSA categories, ${int(c.areas!)} areas, ${int(c.users!)} accounts, ${int(c.reports!)} reports, ${int(c.assignments!)} OPD assignments; ${int(c.mb!)} MB${db.reused ? ' (reused)' : ''}`,
    );
  }
  const measured = [...samples].map(
    ([k, m]) => `${k}: ${int([...m.values()].reduce((n, f) => n + f.lat.length, 0))}`,
  );
  log(`Middle region: ${fx.middle.code} ${fx.middle.name}. Requests measured: ${measured.join(', ')}`);
  log(
    `${verdicts.filter(Boolean).length} of ${verdicts.length} p99 ratios within ${TARGET_RATIO}×; run took ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

await runBench(main);

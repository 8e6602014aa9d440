/**
 * `npm run bench:pangan`: Harga Pangan on PostgreSQL with 5 years of daily prices × 50
 * commodities × 20 markets in one region (≈1.8 M rows), measured over HTTP against the real server
 * (bench/simpul-server.ts in a child process, autocannon here):
 *   - the public "today + change" page  GET /api/m/harga-pangan/public/today          target p99 ≤ 30 ms
 *   - a 365-day chart                    GET …/public/commodities/<random>/chart?days=365 target p99 ≤ 60 ms
 * next to two baselines measured in the same run: a bare node:http server answering the same
 * today payload (the HTTP floor), and the naive SQL (aggregating the raw price rows instead of the
 * daily indicators) timed directly on the database. Flags: --fresh (rebuild the database).
 * Exits 0 whether or not the targets are met; 1 on errors or any non-2xx answer.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon, { type Options, type Result } from 'autocannon';
import {
  laksaBenchDir,
  log,
  ms,
  percentile,
  printTable,
  startServer,
  stop,
  stopAll,
  withClient,
} from '../laksa/util';
import { COMMODITIES, MARKETS, preparePanganFixture, YEARS } from './fixture';

const env = process.env;
const flags = new Set(process.argv.slice(2));
for (const f of flags) if (f !== '--fresh') throw new Error(`unknown flag ${f} (known: --fresh)`);
const ADMIN_URL = env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = env.BENCH_PANGAN_DB ?? 'simpul_bench_pangan';
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 4);
const DURATION_S = Number(env.BENCH_DURATION ?? 10);
const WARMUP_S = Number(env.BENCH_WARMUP ?? 3);
const NAIVE_RUNS = Number(env.BENCH_NAIVE_RUNS ?? 30);

type Req = { method?: string; path?: string };
type LoadOptions = Options & { requests?: { setupRequest: (req: Req) => Req }[] };

async function load(label: string, opts: LoadOptions): Promise<Result> {
  log(`${label}: ${WARMUP_S} s warm-up, ${DURATION_S} s measured, ${opts.connections} connections ...`);
  await autocannon({ ...opts, duration: WARMUP_S } as Options);
  const r = await autocannon({ ...opts, duration: DURATION_S } as Options);
  if (r.errors > 0 || r.timeouts > 0 || r.non2xx > 0)
    throw new Error(`${label}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx answers`);
  return r;
}

/** The same work without the daily indicators: aggregate the raw prices per request. */
const NAIVE_TODAY = `with d as (select max(date) as d from harga_pangan_price where verified_price is not null and date <= current_date),
  a as (select p.commodity_id, p.date, avg(p.verified_price) as average from harga_pangan_price p, d
        where p.price_type = 'eceran' and p.verified_price is not null and p.date in (d.d, d.d - 1, d.d - 7)
        group by 1, 2)
  select c.id, c.name, t.average, y.average as prev_day, w.average as prev_week
  from d cross join harga_pangan_commodity c
  left join a t on t.commodity_id = c.id and t.date = d.d
  left join a y on y.commodity_id = c.id and y.date = d.d - 1
  left join a w on w.commodity_id = c.id and w.date = d.d - 7 order by c.sort`;
const NAIVE_CHART = `select date, round(avg(verified_price))::int from harga_pangan_price
  where commodity_id = $1 and price_type = 'eceran' and verified_price is not null and date > current_date - 365
  group by date order by date`;

async function naive(databaseUrl: string, regionId: string, commodityIds: string[]) {
  return withClient(databaseUrl, async (c) => {
    const time = async (text: string, values: () => unknown[]) => {
      const out: number[] = [];
      for (let i = 0; i < NAIVE_RUNS; i++) {
        const t0 = performance.now();
        await c.query('begin');
        await c.query(
          `select set_config('role', 'simpul_app', true), set_config('app.region_id', '${regionId}', true)`,
        );
        await c.query(text, values());
        await c.query('commit');
        out.push(performance.now() - t0);
      }
      return out.sort((a, b) => a - b);
    };
    const today = await time(NAIVE_TODAY, () => []);
    const chart = await time(NAIVE_CHART, () => [
      commodityIds[Math.floor(Math.random() * commodityIds.length)],
    ]);
    return { today, chart };
  });
}

async function main() {
  log(
    `Harga Pangan bench — ${cpus().length} CPU (${cpus()[0]?.model ?? '?'}), load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const fx = await preparePanganFixture(ADMIN_URL, DB_NAME, flags.has('--fresh'));
  log(
    `  ${fx.rows.toLocaleString('en-US')} prices: ${YEARS} years × ${COMMODITIES} commodities × ${MARKETS} markets, latest day ${fx.lastDay}`,
  );
  const serverEnv = (memoMs: number) => ({
    NODE_ENV: 'production',
    DATABASE_URL: fx.databaseUrl,
    SESSION_SECRET: 'bench-session-secret-0123456789abcdef-0123456789',
    DB_POOL_SIZE: '10',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    DATA_DIR: path.join(tmpdir(), 'simpul-bench-pangan-data'),
    HARGA_PANGAN_MEMO_MS: String(memoMs),
  });
  const simpulFile = path.join(laksaBenchDir, '..', 'simpul-server.ts');
  const simpul = await startServer('simpul', simpulFile, serverEnv(5_000));
  const base = `http://127.0.0.1:${simpul.port}/r/${fx.slug}/api/m/harga-pangan`;
  try {
    // Checked before measuring: the page has every commodity with a change, the chart a year of points.
    const todayRes = await fetch(`${base}/public/today`);
    const payload = await todayRes.text();
    const today = JSON.parse(payload) as { date: string; items: { changeDay: number | null }[] };
    if (
      todayRes.status !== 200 ||
      today.items.length !== COMMODITIES ||
      today.items.some((i) => i.changeDay === null)
    )
      throw new Error(
        `today: expected 200 and ${COMMODITIES} items with a change, got ${todayRes.status} ${payload.slice(0, 200)}`,
      );
    const chartRes = await fetch(`${base}/public/commodities/${fx.commodityIds[0]}/chart?days=365`);
    const chart = (await chartRes.json()) as { points: unknown[] };
    if (chartRes.status !== 200 || chart.points.length < 360)
      throw new Error(`chart: expected ≥ 360 points, got ${chart.points.length}`);
    log(
      `Verified: today ${today.items.length} commodities on ${today.date} (${payload.length} bytes), chart ${chart.points.length} points`,
    );

    const todayLoad = await load('today', { url: `${base}/public/today`, connections: CONNECTIONS });
    const pick = () => fx.commodityIds[Math.floor(Math.random() * fx.commodityIds.length)];
    const chartLoad = await load('chart 365 d', {
      url: base,
      connections: CONNECTIONS,
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            path: `/r/${fx.slug}/api/m/harga-pangan/public/commodities/${pick()}/chart?days=365`,
          }),
        },
      ],
    });
    await stop(simpul.child);
    // The same two pages with the per-process memo off: every request runs the query.
    const bare = await startServer('simpul-no-memo', simpulFile, serverEnv(0));
    const bareBase = `http://127.0.0.1:${bare.port}/r/${fx.slug}/api/m/harga-pangan`;
    const todayBare = await load('today, memo off', {
      url: `${bareBase}/public/today`,
      connections: CONNECTIONS,
    });
    const chartBare = await load('chart 365 d, memo off', {
      url: bareBase,
      connections: CONNECTIONS,
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            path: `/r/${fx.slug}/api/m/harga-pangan/public/commodities/${pick()}/chart?days=365`,
          }),
        },
      ],
    });
    await stop(bare.child);
    const file = path.join(tmpdir(), 'simpul-bench-pangan-today.json');
    writeFileSync(file, payload);
    const fixed = await startServer('fixed', path.join(laksaBenchDir, '..', 'pangan', 'fixed-server.ts'), {
      PAYLOAD_FILE: file,
    });
    const fixedLoad = await load('baseline http', {
      url: `http://127.0.0.1:${fixed.port}/`,
      connections: CONNECTIONS,
    });
    const regionId = await withClient(
      fx.databaseUrl,
      async (c) => (await c.query('select id from region where slug = $1', [fx.slug])).rows[0].id as string,
    );
    log(`naive SQL: ${NAIVE_RUNS} runs each, one client ...`);
    const raw = await naive(fx.databaseUrl, regionId, fx.commodityIds);

    const row = (name: string, r: Result, target: string, ok?: boolean) => [
      name,
      Math.round(r.requests.average).toLocaleString('en-US'),
      ms(r.latency.p50),
      ms(r.latency.p99),
      target,
      ok === undefined ? '' : ok ? 'PASS' : 'MISS',
    ];
    log('');
    printTable([
      ['', 'req/s', 'p50', 'p99', 'target p99', ''],
      row('(a) GET /public/today (Simpul, HTTP)', todayLoad, '≤ 30 ms', todayLoad.latency.p99 <= 30),
      row(
        '(b) GET /public/…/chart?days=365 (Simpul, HTTP)',
        chartLoad,
        '≤ 60 ms',
        chartLoad.latency.p99 <= 60,
      ),
      row("(a') same, per-process memo off", todayBare, '≤ 30 ms', todayBare.latency.p99 <= 30),
      row("(b') same, per-process memo off", chartBare, '≤ 60 ms', chartBare.latency.p99 <= 60),
      row('(c) baseline: node:http, same today payload', fixedLoad, '–'),
      [
        '(d) baseline: naive today SQL on raw prices (DB only)',
        '–',
        ms(percentile(raw.today, 0.5)),
        ms(percentile(raw.today, 0.99)),
        '–',
        '',
      ],
      [
        '(e) baseline: naive 365-day chart SQL on raw prices',
        '–',
        ms(percentile(raw.chart, 0.5)),
        ms(percentile(raw.chart, 0.99)),
        '–',
        '',
      ],
    ]);
    log(
      `\n${CONNECTIONS} connections, ${DURATION_S} s per HTTP figure after ${WARMUP_S} s warm-up; the load generator shares the machine.`,
    );
  } finally {
    await stopAll();
  }
}

main().then(
  () => process.exit(0),
  async (err) => {
    console.error(err);
    await stopAll();
    process.exit(1);
  },
);
